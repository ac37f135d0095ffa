//! YAML front matter: read with bounds (nesting, aliases, size), so a
//! hostile header is ignored with a note instead of costing memory or stack.

use crate::document::collapse_ws;
use crate::sanitize::{Tabs, clean};

/// Front matter YAML to ordered key/value strings. Invalid YAML gives none.
/// The front matter's `title`, when it says something.
pub(super) fn front_matter_title(metadata: Vec<(String, String)>) -> Option<String> {
    metadata.into_iter().find(|(k, _)| k.eq_ignore_ascii_case("title")).map(|(_, t)| t).filter(|t| !t.is_empty())
}

/// Front matter is a few keys; past these bounds it is ignored, with a
/// note in its place (README.md, Safety).
pub(super) const MAX_FRONT_MATTER: usize = 64 * 1024;
/// A table shows at most this many columns; a wider row ends in a marked cell.
pub const MAX_TABLE_COLUMNS: usize = 64;
pub(super) const MAX_YAML_NESTING: usize = 64;

/// Why front matter is not read, if it is not: too large, nested too deep
/// (brackets, or block collections: `- - - x`, deep indentation), or using
/// aliases (which a parser expands, "billion laughs").
pub(super) fn front_matter_refusal(yaml: &str) -> Option<&'static str> {
    if yaml.len() > MAX_FRONT_MATTER {
        return Some("ignored: larger than 64 KB");
    }
    if yaml.bytes().filter(|&b| b == b'[' || b == b'{').count() > 256 {
        return Some("ignored: nested too deeply");
    }
    for line in yaml.lines() {
        // Each level of block nesting needs an indent or a `- `, `? `, `: `.
        let mut depth = 0;
        let mut rest = line;
        loop {
            let trimmed = rest.trim_start_matches(' ');
            depth += rest.len() - trimmed.len();
            match trimmed.get(..2) {
                Some("- " | "? " | ": ") => {
                    depth += 2;
                    rest = &trimmed[2..];
                }
                _ => break,
            }
        }
        if depth > 2 * MAX_YAML_NESTING {
            return Some("ignored: nested too deeply");
        }
    }
    // An anchor (`&name`) that an alias (`*name`) refers to.
    let names = |sigil: char| -> Vec<&str> {
        yaml.match_indices(sigil)
            .filter(|(i, _)| *i == 0 || matches!(yaml.as_bytes()[i - 1], b' ' | b'[' | b',' | b'\n'))
            .map(|(i, _)| {
                let rest = &yaml[i + 1..];
                &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len())]
            })
            .filter(|n| !n.is_empty())
            .collect()
    };
    let anchors = names('&');
    let alias = !anchors.is_empty() && names('*').iter().any(|a| anchors.contains(a));
    alias.then_some("ignored: it uses YAML aliases")
}

pub(super) fn parse_front_matter(yaml: &str) -> Vec<(String, String)> {
    use yaml_rust2::{Yaml, YamlLoader};
    // Deep nesting could exhaust the YAML parser's stack (and the walk and
    // drop of its tree); aliases could expand without end.
    if let Some(why) = front_matter_refusal(yaml) {
        return vec![("front matter".to_string(), why.to_string())];
    }
    fn scalar(y: &Yaml) -> Option<String> {
        match y {
            Yaml::Real(s) | Yaml::String(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Boolean(b) => Some(b.to_string()),
            Yaml::Array(items) => {
                let parts: Vec<String> = items.iter().filter_map(scalar).collect();
                Some(parts.join(", "))
            }
            Yaml::Hash(h) => {
                let parts: Vec<String> =
                    h.iter().filter_map(|(k, v)| Some(format!("{}: {}", scalar(k)?, scalar(v)?))).collect();
                Some(parts.join(", "))
            }
            Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => None,
        }
    }
    let Ok(docs) = YamlLoader::load_from_str(yaml) else {
        return Vec::new();
    };
    let Some(Yaml::Hash(hash)) = docs.into_iter().next() else {
        return Vec::new();
    };
    hash.iter()
        .filter_map(|(k, v)| {
            let key = clean(scalar(k)?, Tabs::Prose);
            let value = clean(collapse_ws(&scalar(v)?), Tabs::Prose);
            Some((key, value))
        })
        .collect()
}
