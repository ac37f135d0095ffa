//! Writing a file whole or not at all: a new temporary file beside it,
//! created exclusively under a name no other process can guess, then
//! renamed over it. An edge module: it touches the file system.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Replaces `file` with `bytes`; keeps `file`'s permissions when it exists.
/// On any failure the old file is untouched and no temporary file is left.
pub fn write(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, mut out) = create_temporary(&dir, file)?;
    let result = (|| {
        out.write_all(bytes)?;
        if let Ok(meta) = std::fs::metadata(file) {
            out.set_permissions(meta.permissions())?;
        }
        out.sync_all()?;
        drop(out);
        std::fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A new temporary file in `dir` named after `file`, created exclusively
/// (never a file or a link that is already there).
pub fn create_temporary(dir: &Path, file: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let stem = file.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(".{stem}.{}.{:016x}.tmp", std::process::id(), unique()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary name is free")))
}

/// A number that differs between calls, and between processes and runs:
/// a counter mixed with the clock and the address of a stack value.
pub fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let local = 0u8;
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ nanos;
    for x in [n, std::ptr::addr_of!(local) as u64, u64::from(std::process::id())] {
        h = (h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_keeping_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("briefing-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("doc.md");
        std::fs::write(&f, "old").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&f, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(std::fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        assert_ne!(unique(), unique());
    }
}
