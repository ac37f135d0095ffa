//! What is kept of a reading between runs: the place at the top, the
//! sections read and the named marks. Plain data; `state` stores it.

use serde::{Deserialize, Serialize};

/// What is kept for one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The document it was saved for (for people reading the folder).
    #[serde(default)]
    pub path: String,
    /// A hash of the document's text when it was saved.
    pub content_hash: String,
    /// The section at the top of the screen, by index and title.
    pub section: usize,
    pub section_title: String,
    /// The block at the top, counted from the section's heading, and where
    /// in that block the top row starts.
    pub block_in_section: u32,
    pub start: u32,
    /// Titles of the sections read to the end.
    #[serde(default)]
    pub read: Vec<String>,
    /// The same sections by index, which tells apart sections that share a
    /// title ("Fixed" in every release) while the text is unchanged.
    #[serde(default)]
    pub read_at: Vec<usize>,
    /// Named places (`m` and a letter), by letter.
    #[serde(default)]
    pub marks: std::collections::BTreeMap<String, Place>,
}

/// A place in a document that survives a new width and, as well as can be,
/// an edited text: a section by index and title, a block counted from its
/// heading, and where in that block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub section: usize,
    pub section_title: String,
    pub block_in_section: u32,
    pub start: u32,
}

impl Saved {
    /// Where the top of the screen was.
    pub fn place(&self) -> Place {
        Place {
            section: self.section,
            section_title: self.section_title.clone(),
            block_in_section: self.block_in_section,
            start: self.start,
        }
    }
}
