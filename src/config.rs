//! The configuration file (TOML): theme, sidebar width, reading measure,
//! words per minute, the mouse, and key bindings. Parsing is pure: `parse`
//! takes the file's text and returns the settings or an error that points
//! at `path:line:column` with a hint; `main` finds and reads the file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::app::Prefs;
use crate::input::keymap::{ACTION_NAMES, Keymap, parse_key};

/// Light or dark colours, or asking the terminal which it has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Ask the terminal for its background (quickly; dark if it does not say).
    #[default]
    Auto,
    Dark,
    Light,
}

impl ThemeChoice {
    fn name(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Dark => "dark",
            ThemeChoice::Light => "light",
        }
    }
}

/// The settings, defaults filled in.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct Config {
    pub theme: ThemeChoice,
    #[serde(deserialize_with = "sidebar_width")]
    pub sidebar_width: Option<u16>,
    #[serde(deserialize_with = "measure")]
    pub measure: u16,
    #[serde(deserialize_with = "words_per_minute")]
    pub words_per_minute: u16,
    pub mouse: bool,
    /// Action name to its keys, replacing the built-in keys of that action.
    pub keys: BTreeMap<ActionName, Keys>,
}

impl Default for Config {
    fn default() -> Config {
        let p = Prefs::default();
        Config {
            theme: ThemeChoice::Auto,
            sidebar_width: p.sidebar_width,
            measure: p.measure,
            words_per_minute: p.words_per_minute,
            mouse: true,
            keys: BTreeMap::new(),
        }
    }
}

/// An action's name as the key table knows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActionName(pub String);

impl<'de> Deserialize<'de> for ActionName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if ACTION_NAMES.iter().any(|(n, ..)| *n == s) {
            Ok(ActionName(s))
        } else {
            let near = closest(&s, ACTION_NAMES.iter().map(|(n, ..)| *n));
            Err(serde::de::Error::custom(format!(
                "unknown action `{s}`{}; `briefing --print-config` lists them all",
                near.map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default()
            )))
        }
    }
}

/// One key (`"j"`) or several (`["j", "down"]`), each checked as it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys(pub Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        let keys = match OneOrMany::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected a key (\"j\") or a list of keys ([\"j\", \"down\"])"))?
        {
            OneOrMany::One(k) => vec![k],
            OneOrMany::Many(v) => v,
        };
        for k in &keys {
            parse_key(k).map_err(serde::de::Error::custom)?;
        }
        Ok(Keys(keys))
    }
}

fn ranged<'de, D: serde::Deserializer<'de>>(d: D, lo: u16, hi: u16, what: &str) -> Result<u16, D::Error> {
    let n = i64::deserialize(d)?;
    if (i64::from(lo)..=i64::from(hi)).contains(&n) {
        Ok(n as u16)
    } else {
        Err(serde::de::Error::custom(format!("{what} must be between {lo} and {hi}, not {n}")))
    }
}

fn sidebar_width<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    ranged(d, 16, 120, "sidebar-width (columns)").map(Some)
}

fn measure<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    ranged(d, 20, 1000, "measure (the widest text column, in columns)")
}

fn words_per_minute<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    ranged(d, 50, 2000, "words-per-minute")
}

/// Reads a configuration file's text. `path` only names the file in errors:
/// `path:line:column: message`.
pub fn parse(text: &str, path: &str) -> Result<Config, String> {
    toml::from_str::<Config>(text).map_err(|e| {
        let (line, col) = match e.span() {
            Some(span) => line_col(text, span.start),
            None => (1, 1),
        };
        let msg = e.message().trim().replace('\n', " ");
        let hint = if msg.contains("unknown field") && !msg.contains("expected") {
            " (the settings are theme, sidebar-width, measure, words-per-minute, mouse and [keys])"
        } else {
            ""
        };
        format!("{path}:{line}:{col}: {msg}{hint}")
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The closest name by edit distance, when it is close.
fn closest<'a>(word: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names.map(|n| (edit_distance(word, n), n)).filter(|(d, _)| *d <= 3).min().map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

impl Config {
    pub fn prefs(&self) -> Prefs {
        Prefs { sidebar_width: self.sidebar_width, measure: self.measure, words_per_minute: self.words_per_minute }
    }

    /// The built-in key table with this configuration's keys in place.
    pub fn keymap(&self) -> Keymap {
        let mut map = Keymap::default();
        for (name, keys) in &self.keys {
            let parsed: Vec<_> = keys.0.iter().filter_map(|k| parse_key(k).ok()).collect();
            // Names and keys were checked when the file was read.
            let _ = map.remap(&name.0, &parsed);
        }
        map
    }

    /// The configuration as a file that would give it, every setting and
    /// every remappable action's keys included; `source` says where it came from.
    pub fn to_toml(&self, source: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# briefing's effective configuration: defaults, then {source}.");
        let _ = writeln!(out, "# Dark or light colours; auto asks the terminal. NO_COLOR always wins.");
        let _ = writeln!(out, "theme = \"{}\"", self.theme.name());
        let _ = writeln!(out, "# Sidebar columns (unset: a third of the screen, 24 to 48).");
        match self.sidebar_width {
            Some(w) => {
                let _ = writeln!(out, "sidebar-width = {w}");
            }
            None => {
                let _ = writeln!(out, "# sidebar-width = 32");
            }
        }
        let _ = writeln!(out, "# The widest the text column gets, in columns.");
        let _ = writeln!(out, "measure = {}", self.measure);
        let _ = writeln!(out, "words-per-minute = {}", self.words_per_minute);
        let _ = writeln!(out, "# false leaves the mouse to the terminal (for selecting text).");
        let _ = writeln!(out, "mouse = {}", self.mouse);
        let _ = writeln!(out, "\n# Each action's keys; listing an action replaces its keys.");
        let _ = writeln!(out, "# Keys: a character, ctrl- or alt- before one, or space enter esc tab");
        let _ = writeln!(out, "# backspace up down left right pageup pagedown home end f1-f12.");
        let _ = writeln!(out, "[keys]");
        let map = self.keymap();
        for (name, _, _, what) in ACTION_NAMES {
            let keys: Vec<String> = map.keys_of(name).iter().map(|k| format!("{k:?}")).collect();
            let _ = writeln!(out, "{name} = [{}]  # {what}", keys.join(", "));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(parse("", "c.toml"), Ok(Config::default()));
    }

    #[test]
    fn settings_are_read() {
        let c =
            parse("theme = \"light\"\nsidebar-width = 40\nmeasure = 72\nwords-per-minute = 300\nmouse = false\n", "c")
                .unwrap();
        assert_eq!(c.theme, ThemeChoice::Light);
        assert_eq!(c.prefs(), Prefs { sidebar_width: Some(40), measure: 72, words_per_minute: 300 });
        assert!(!c.mouse);
    }

    #[test]
    fn unknown_settings_point_at_their_line_and_column_with_a_hint() {
        let e = parse("theme = \"dark\"\n  colour = 3\n", "/home/u/.config/briefing/config.toml").unwrap_err();
        assert!(e.starts_with("/home/u/.config/briefing/config.toml:2:3: "), "{e}");
        assert!(e.contains("colour") && e.contains("expected one of `theme`, `sidebar-width`"), "{e}");
    }

    #[test]
    fn bad_values_are_refused_where_they_are() {
        let e = parse("measure = 5\n", "c").unwrap_err();
        assert!(e.starts_with("c:1:11: ") && e.contains("between 20 and 1000"), "{e}");
        let e = parse("theme = \"sepia\"\n", "c").unwrap_err();
        assert!(e.starts_with("c:1:9: ") && e.contains("sepia"), "{e}");
        let e = parse("[keys]\nquit = \"ctrl-\"\n", "c").unwrap_err();
        assert!(e.starts_with("c:2:8: ") && e.contains("unknown key"), "{e}");
        let e = parse("[keys]\nqiut = \"x\"\n", "c").unwrap_err();
        assert!(e.starts_with("c:2:1: ") && e.contains("did you mean `quit`"), "{e}");
    }

    #[test]
    fn remapped_keys_replace_the_built_in_ones() {
        let c = parse("[keys]\nline-down = [\"e\", \"ctrl-e\"]\nquit = \"x\"\n", "c").unwrap();
        let map = c.keymap();
        let key = |code, mods| KeyEvent::new(code, mods);
        use crate::app::Action;
        use crate::input::InputMode::Article;
        assert_eq!(map.lookup(Article, key(KeyCode::Char('e'), KeyModifiers::NONE)), Some(Action::ScrollLines(1)));
        assert_eq!(map.lookup(Article, key(KeyCode::Char('e'), KeyModifiers::CONTROL)), Some(Action::ScrollLines(1)));
        assert_eq!(map.lookup(Article, key(KeyCode::Char('j'), KeyModifiers::NONE)), None);
        assert_eq!(map.lookup(Article, key(KeyCode::Char('x'), KeyModifiers::NONE)), Some(Action::Quit));
        assert_eq!(map.lookup(Article, key(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        // The help screen shows the new keys.
        let help = map.help();
        assert!(help[0].1.iter().any(|(k, h)| k == "e Ctrl-e" && *h == "line down"), "{:?}", help[0].1);
    }

    #[test]
    fn the_printed_configuration_reads_back_as_itself() {
        let c = parse("theme = \"dark\"\nsidebar-width = 30\n[keys]\ntop = [\"g\", \"home\", \"<\"]\n", "c").unwrap();
        let text = c.to_toml("c");
        let back = parse(&text, "printed").unwrap();
        assert_eq!(back.prefs(), c.prefs());
        assert_eq!(back.theme, c.theme);
        assert_eq!(back.keymap().keys_of("top"), vec!["g", "home", "<"]);
        assert!(text.contains("line-down = [\"j\", \"down\", \"ctrl-e\", \"enter\"]"), "{text}");
    }
}
