//! Reading state: where the reader was in a document and which sections they
//! have read. One small JSON file per document in the platform's state
//! directory (`$XDG_STATE_HOME/briefing` on Linux), written atomically. An
//! edge module: it touches the file system; problems come back as one-line
//! warnings, never as errors that cost the reader their document.

use std::path::{Path, PathBuf};

pub use crate::app::saved::{Place, Saved};

/// A state file is a few kilobytes; anything much larger is not one.
const MAX_STATE: u64 = 4 << 20;

/// A folder of state files.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The platform's state directory, when it has one.
    pub fn default_location() -> Option<Store> {
        dirs::state_dir().or_else(dirs::data_local_dir).map(|d| Store { dir: d.join("briefing") })
    }

    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    fn file_for(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{}.json", file_hash(key)))
    }

    /// The saved state for `key` (a canonical path), if any. A corrupt or
    /// unreadable file is a warning, not an error.
    pub fn load(&self, key: &str) -> Result<Option<Saved>, String> {
        let file = self.file_for(key);
        let text = match crate::source::read_small(&file, MAX_STATE, "state file") {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read the reading position {}: {e}", file.display())),
        };
        serde_json::from_slice(&text)
            .map(Some)
            .map_err(|_| format!("ignored a damaged reading position file {}", file.display()))
    }

    /// Saves atomically: a temporary file in the same folder, then a rename,
    /// so a crash or a second instance never leaves half a file.
    pub fn save(&self, key: &str, saved: &Saved) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("cannot save the reading position in {}: {e}", self.dir.display());
        std::fs::create_dir_all(&self.dir).map_err(fail)?;
        let file = self.file_for(key);
        let json = serde_json::to_string_pretty(saved).expect("plain data serialises");
        let (tmp, mut out) = crate::atomic::create_temporary(&self.dir, &file).map_err(fail)?;
        use std::io::Write;
        let result = out.write_all(json.as_bytes()).and_then(|_| out.sync_all()).and_then(|_| {
            drop(out);
            std::fs::rename(&tmp, &file)
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.map_err(fail)
    }
}

/// A stable 64-bit FNV-1a hash in hex (the same on every machine and version).
/// A state file's name for a key: byte-wise FNV-1a, as the names have
/// always been made, so saved positions stay found.
pub fn file_hash(key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A fingerprint of a document's text, to tell whether it changed.
pub fn content_hash(text: &str) -> String {
    // FNV-1a over 8-byte words (a byte at a time costs ~13 ms on 10 MB,
    // before the first frame); good enough to tell whether a text changed.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = text.as_bytes();
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h ^= u64::from_le_bytes(w.try_into().expect("chunks of 8"));
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    for b in words.remainder() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The key for a file: its canonical path.
pub fn key_for(path: &Path) -> Option<String> {
    std::fs::canonicalize(path).ok().map(|p| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_store(name: &str) -> (Store, PathBuf) {
        let dir = std::env::temp_dir().join(format!("briefing-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        (Store::at(&dir), dir)
    }

    fn sample() -> Saved {
        Saved {
            path: "/x.md".into(),
            content_hash: content_hash("text"),
            section: 3,
            section_title: "Costs".into(),
            block_in_section: 2,
            start: 40,
            read: vec!["Intro".into()],
            read_at: vec![0],
            marks: [(
                "a".to_string(),
                Place { section: 1, section_title: "Why".into(), block_in_section: 3, start: 0 },
            )]
            .into(),
        }
    }

    #[test]
    fn state_round_trips() {
        let (store, _) = temp_store("roundtrip");
        assert_eq!(store.load("/x.md"), Ok(None));
        store.save("/x.md", &sample()).unwrap();
        assert_eq!(store.load("/x.md"), Ok(Some(sample())));
        assert_eq!(store.load("/other.md"), Ok(None));
    }

    #[test]
    fn empty_and_garbage_files_are_warnings() {
        let (store, dir) = temp_store("garbage");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(store.file_for("/x.md"), "").unwrap();
        assert!(store.load("/x.md").unwrap_err().contains("damaged"));
        std::fs::write(store.file_for("/x.md"), "\u{0}\u{1}{not json").unwrap();
        assert!(store.load("/x.md").is_err());
        // Saving over a damaged file repairs it.
        store.save("/x.md", &sample()).unwrap();
        assert_eq!(store.load("/x.md"), Ok(Some(sample())));
    }

    #[test]
    fn an_unwritable_folder_is_a_warning() {
        let (store, dir) = temp_store("readonly");
        std::fs::create_dir_all(&dir).unwrap();
        let mut perms = std::fs::metadata(&dir).unwrap().permissions();
        use std::os::unix::fs::PermissionsExt;
        perms.set_mode(0o555);
        std::fs::set_permissions(&dir, perms.clone()).unwrap();
        let result = store.save("/x.md", &sample());
        perms.set_mode(0o755);
        std::fs::set_permissions(&dir, perms).unwrap();
        // Root ignores permissions; then the save simply works.
        if let Err(e) = result {
            assert!(e.contains("cannot save"), "{e}");
        }
        // A folder that is a file cannot be created at all, even for root.
        let blocker = std::env::temp_dir().join(format!("briefing-state-file-{}", std::process::id()));
        std::fs::write(&blocker, "x").unwrap();
        let err = Store::at(blocker.join("sub")).save("/x.md", &sample()).unwrap_err();
        assert!(err.starts_with("cannot save"), "{err}");
    }

    #[test]
    fn two_instances_saving_at_once_leave_a_whole_file() {
        let (store, _) = temp_store("race");
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for k in 0..50 {
                        let mut s = sample();
                        s.start = i * 1000 + k;
                        store.save("/x.md", &s).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let saved = store.load("/x.md").unwrap().unwrap();
        assert_eq!(saved.section_title, "Costs");
    }

    #[test]
    fn a_failed_save_says_so_and_leaves_no_temporary_file() {
        let (store, dir) = temp_store("failed");
        // The rename fails: a folder stands where the state file goes.
        let target = store.file_for("/x.md");
        std::fs::create_dir_all(target.join("keep")).unwrap();
        assert!(store.save("/x.md", &sample()).unwrap_err().starts_with("cannot save"));
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).collect();
        assert_eq!(left.len(), 1, "only the folder is there: {left:?}");
    }

    #[test]
    fn a_state_file_that_is_not_a_file_is_a_warning() {
        let (store, dir) = temp_store("device");
        std::fs::create_dir_all(&dir).unwrap();
        std::os::unix::fs::symlink("/dev/zero", store.file_for("/x.md")).unwrap();
        assert!(store.load("/x.md").unwrap_err().contains("not a regular file"));
        std::fs::remove_file(store.file_for("/x.md")).unwrap();
        std::fs::write(store.file_for("/x.md"), vec![b' '; (MAX_STATE + 1) as usize]).unwrap();
        assert!(store.load("/x.md").unwrap_err().contains("larger"));
    }

    #[test]
    fn an_old_state_file_without_marks_still_loads() {
        let (store, dir) = temp_store("old");
        std::fs::create_dir_all(&dir).unwrap();
        let old = r#"{"path":"/x.md","content_hash":"h","section":2,"section_title":"T","block_in_section":1,"start":0,"read":["A"]}"#;
        std::fs::write(store.file_for("/x.md"), old).unwrap();
        let saved = store.load("/x.md").unwrap().unwrap();
        assert_eq!((saved.section, saved.read.len(), saved.marks.len()), (2, 1, 0));
    }

    #[test]
    fn the_hash_is_stable() {
        assert_eq!(file_hash(""), "cbf29ce484222325");
        assert_eq!(file_hash("a"), "af63dc4c8601ec8c");
        assert_ne!(content_hash("a longer text, changed"), content_hash("a longer text, chánged"));
    }
}
