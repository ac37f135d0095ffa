//! The link targets of a layout, by link: every link has an id, and each
//! distinct address is kept once (a large document links to the same few
//! pages thousands of times; a string a link was most of its layout's
//! links, 2 MB of 30,000 links to 1,000 pages).

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

#[derive(Clone, Debug, Default)]
pub struct LinkTargets {
    /// Each link's address: its index in `ends`.
    of: Vec<u32>,
    /// The distinct addresses, one after another.
    text: String,
    /// Where each distinct address ends in `text`.
    ends: Vec<u32>,
    /// The distinct addresses by hash, while links are added
    /// ([`LinkTargets::settle`] lets go of it).
    seen: HashMap<u64, u32>,
    hasher: RandomState,
}

impl LinkTargets {
    /// Adds the next link, to `target`.
    pub fn push(&mut self, target: &str) {
        let hash = self.hasher.hash_one(target);
        let known = self.seen.get(&hash).copied().filter(|&i| self.address(i as usize) == target);
        let i = known.unwrap_or_else(|| {
            self.text.push_str(target);
            self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
            let i = (self.ends.len() - 1) as u32;
            // A clash of hashes keeps the first: the second is stored again.
            self.seen.entry(hash).or_insert(i);
            i
        });
        self.of.push(i);
    }

    fn address(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        self.text.get(start..self.ends[i] as usize).unwrap_or_default()
    }

    /// The address of link `i` (counting from 0).
    pub fn get(&self, i: usize) -> Option<&str> {
        self.of.get(i).map(|&a| self.address(a as usize))
    }

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }

    /// Every link's address, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.of.iter().map(|&a| self.address(a as usize))
    }

    /// No more links come: lets go of the lookup and of spare room.
    pub fn settle(&mut self) {
        self.seen = HashMap::new();
        self.of.shrink_to_fit();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_link_keeps_its_address_and_an_address_is_kept_once() {
        let mut t = LinkTargets::default();
        for a in ["https://a.example", "^note", "https://a.example", "", "https://b.example/ü"] {
            t.push(a);
        }
        let all: Vec<&str> = t.iter().collect();
        assert_eq!(all, ["https://a.example", "^note", "https://a.example", "", "https://b.example/ü"]);
        assert_eq!((t.len(), t.get(2), t.get(5)), (5, Some("https://a.example"), None));
        assert_eq!(t.text, "https://a.example^notehttps://b.example/ü", "the repeated address once");
        t.settle();
        t.push("^note");
        assert_eq!(t.get(5), Some("^note"), "still right after the lookup is gone");
    }
}
