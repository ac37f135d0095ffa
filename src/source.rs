//! Reading a document: the only file and stdin IO. Size, encoding and binary
//! checks happen here, before the terminal is touched.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The briefing that ships inside the binary.
pub const EMBEDDED: &str = include_str!("../content/briefing.md");
pub const EMBEDDED_NAME: &str = "briefing.md";

/// Default limit on a document's size: 64 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Embedded,
    Stdin,
    Path(PathBuf),
}

/// A document's text, ready to parse.
#[derive(Debug)]
pub struct Source {
    /// A name for the title bar and messages: the path, `-` or the embedded name.
    pub name: String,
    pub text: String,
    /// Non-fatal problems (invalid UTF-8), one line each.
    pub warnings: Vec<String>,
}

/// Why a document could not be read. Each kind has its own exit status.
#[derive(Debug)]
pub enum SourceError {
    NotFound(String),
    IsDirectory(String),
    Unreadable(String, io::Error),
    Binary(String),
    TooLarge(String, u64),
    /// A folder given for a shelf holds no Markdown or text file.
    NoDocuments(PathBuf),
}

impl SourceError {
    /// The process exit status for this error (listed in README.md).
    pub fn exit_code(&self) -> i32 {
        match self {
            SourceError::NotFound(_)
            | SourceError::IsDirectory(_)
            | SourceError::Unreadable(..)
            | SourceError::NoDocuments(_) => 3,
            SourceError::Binary(_) => 4,
            SourceError::TooLarge(..) => 5,
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::NotFound(p) => write!(f, "{p}: no such file"),
            SourceError::IsDirectory(p) => write!(f, "{p}: is a directory, not a Markdown file"),
            SourceError::Unreadable(p, e) => write!(f, "{p}: cannot read: {}", io_reason(e)),
            SourceError::Binary(p) => {
                write!(f, "{p}: looks like a binary file (it has NUL bytes); briefing reads Markdown or plain text")
            }
            SourceError::NoDocuments(p) => {
                write!(f, "{}: a directory with no Markdown or text files (.md, .markdown, .txt) to read", p.display())
            }
            SourceError::TooLarge(p, limit) => {
                write!(f, "{p}: larger than the {} limit (raise it with --max-size)", human_size(*limit))
            }
        }
    }
}

impl std::error::Error for SourceError {}

impl SourceError {
    /// An error opening `path`, by its kind.
    pub fn io(path: &Path, e: &io::Error) -> SourceError {
        let name = path.display().to_string();
        match e.kind() {
            io::ErrorKind::NotFound => SourceError::NotFound(name),
            _ => SourceError::Unreadable(name, io::Error::new(e.kind(), e.to_string())),
        }
    }
}

/// An IO error's reason in a few lower-case words.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            // Drop the "(os error N)" suffix: the reason alone reads better.
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_lowercase()
        }
    }
}

pub fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// The start of a large file, for a first screen before the rest is read.
#[derive(Debug)]
pub struct Head {
    pub name: String,
    /// The first bytes, decoded and normalised, cut at a line end.
    pub text: String,
}

/// For a regular UTF-8 file larger than `threshold` bytes: its first
/// `threshold` bytes as text, after the same checks as [`load`] (exists,
/// not a folder, within `max_size`, not binary). `None` for smaller files,
/// UTF-16 files and anything that is not a regular file: read those whole.
pub fn head(path: &Path, max_size: u64, threshold: usize) -> Result<Option<Head>, SourceError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| SourceError::io(path, &e))?;
    if meta.is_dir() {
        return Err(SourceError::IsDirectory(name));
    }
    if !meta.is_file() || meta.len() <= threshold as u64 {
        return Ok(None);
    }
    if meta.len() > max_size {
        return Err(SourceError::TooLarge(name, max_size));
    }
    let mut file = std::fs::File::open(path).map_err(|e| SourceError::Unreadable(name.clone(), e))?;
    let mut bytes = vec![0u8; threshold];
    let filled = fill(&mut file, &mut bytes).map_err(|e| SourceError::Unreadable(name.clone(), e))?;
    bytes.truncate(filled);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(None);
    }
    if looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err(SourceError::Binary(name));
    }
    // Cut after the last line end, so no character or CRLF is split.
    if let Some(end) = bytes.iter().rposition(|&b| b == b'\n') {
        bytes.truncate(end + 1);
    }
    let source = decode(bytes, &name)?;
    Ok(Some(Head { name, text: source.text }))
}

/// Reads the document named by `input`, refusing more than `max_size` bytes.
pub fn load(input: &Input, max_size: u64) -> Result<Source, SourceError> {
    match input {
        Input::Embedded => {
            Ok(Source { name: EMBEDDED_NAME.to_string(), text: EMBEDDED.to_string(), warnings: Vec::new() })
        }
        Input::Stdin => {
            let bytes = read_bounded(io::stdin().lock(), "standard input", max_size)?;
            decode(bytes, "standard input")
        }
        Input::Path(path) => {
            let name = path.display().to_string();
            let bytes = read_path(path, &name, max_size)?;
            decode(bytes, &name)
        }
    }
}

/// Whether `path` can be opened for reading as a file, without reading it:
/// why not, as [`load`] would say.
pub fn check_readable(path: &Path) -> Result<(), SourceError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => SourceError::NotFound(name.clone()),
        _ => SourceError::Unreadable(name.clone(), e),
    })?;
    if meta.is_dir() {
        return Err(SourceError::IsDirectory(name));
    }
    std::fs::File::open(path).map(|_| ()).map_err(|e| SourceError::Unreadable(name, e))
}

/// [`load`] for a file the reader opens by itself (a link's target, a
/// shelf's entry, a watched file): only a regular file, since a device or
/// a pipe (`/dev/tty`, a FIFO) could block the reader for good.
pub fn load_regular(path: &Path, max_size: u64) -> Result<Source, SourceError> {
    let name = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            return Err(SourceError::Unreadable(name, io::Error::other("not a regular file (a device or a pipe)")));
        }
        _ => {}
    }
    load(&Input::Path(path.to_path_buf()), max_size)
}

/// A small file the program keeps (configuration, state): a regular file
/// (a device or a FIFO could never end or never answer) of at most `max`
/// bytes, read with that bound; `what` names it in the errors.
pub fn read_small(path: &Path, max: u64, what: &str) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other(format!("not a regular file; is this the {what}?")));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::other(format!("larger than {}; is this the {what}?", human_size(max))));
    }
    Ok(bytes)
}

/// A Markdown file to rewrite: its text exactly as on disk (UTF-8, byte
/// order mark and line endings kept) and as the reader reads it.
pub fn read_for_rewrite(path: &Path, max_size: u64) -> Result<(String, Source), String> {
    let name = path.display().to_string();
    let bytes = read_bytes(path, max_size).map_err(|e| e.to_string())?;
    let raw = String::from_utf8(bytes)
        .map_err(|_| format!("{name} is not UTF-8 text: claims are written only into UTF-8 Markdown"))?;
    let read = decode(raw.clone().into_bytes(), &name).map_err(|e| e.to_string())?;
    Ok((raw, read))
}

/// A file's bytes as they are on disk (for rewriting it), with the same
/// checks and bounds as [`load`].
pub fn read_bytes(path: &Path, max_size: u64) -> Result<Vec<u8>, SourceError> {
    read_path(path, &path.display().to_string(), max_size)
}

fn read_path(path: &Path, name: &str, max_size: u64) -> Result<Vec<u8>, SourceError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => SourceError::NotFound(name.to_string()),
        _ => SourceError::Unreadable(name.to_string(), e),
    })?;
    if meta.is_dir() {
        return Err(SourceError::IsDirectory(name.to_string()));
    }
    if meta.is_file() && meta.len() > max_size {
        return Err(SourceError::TooLarge(name.to_string(), max_size));
    }
    let file = std::fs::File::open(path).map_err(|e| SourceError::Unreadable(name.to_string(), e))?;
    // A regular file's size is known: one allocation, no regrowing copies.
    let expected = if meta.is_file() { meta.len() as usize } else { 0 };
    read_bounded_sized(file, name, max_size, expected)
}

/// Reads at most `max_size` bytes; an endless stream (`/dev/zero`, a pipe
/// that never closes its output early) is refused, not swallowed.
/// Binary data is refused as soon as the first block shows it.
fn read_bounded(reader: impl Read, name: &str, max_size: u64) -> Result<Vec<u8>, SourceError> {
    read_bounded_sized(reader, name, max_size, 0)
}

fn read_bounded_sized(reader: impl Read, name: &str, max_size: u64, expected: usize) -> Result<Vec<u8>, SourceError> {
    const HEAD: usize = 8192;
    let mut limited = reader.take(max_size.saturating_add(1));
    let mut bytes = Vec::with_capacity(expected.min(max_size as usize).saturating_add(1));
    let mut head = [0u8; HEAD];
    // Read the head first so binary input is refused without reading it all.
    let filled = fill(&mut limited, &mut head).map_err(|e| SourceError::Unreadable(name.to_string(), e))?;
    bytes.extend_from_slice(&head[..filled]);
    if looks_binary(&bytes) {
        return Err(SourceError::Binary(name.to_string()));
    }
    limited.read_to_end(&mut bytes).map_err(|e| SourceError::Unreadable(name.to_string(), e))?;
    if bytes.len() as u64 > max_size {
        return Err(SourceError::TooLarge(name.to_string(), max_size));
    }
    Ok(bytes)
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// NUL bytes in the first block mean binary, unless a UTF-16 byte-order mark
/// explains them.
fn looks_binary(head: &[u8]) -> bool {
    !(head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])) && head.contains(&0)
}

/// Bytes to normalised text: BOM stripped, UTF-16 decoded, invalid UTF-8
/// replaced (with a warning), NUL replaced, CRLF and CR made LF.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<Source, SourceError> {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(rest, u16::from_le_bytes, name, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(rest, u16::from_be_bytes, name, &mut warnings)
    } else {
        let mut bytes = bytes;
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                warnings.push(format!("{name}: not valid UTF-8; invalid bytes are shown as \u{FFFD}"));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        }
    };
    Ok(Source { name: name.to_string(), text: normalise(text), warnings })
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16, name: &str, warnings: &mut Vec<String>) -> String {
    let units = bytes.chunks(2).map(|c| if c.len() == 2 { word([c[0], c[1]]) } else { 0xFFFD });
    let mut bad = false;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad = true;
                '\u{FFFD}'
            })
        })
        .collect();
    if bad {
        warnings.push(format!("{name}: not valid UTF-16; invalid units are shown as \u{FFFD}"));
    }
    text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text)
}

/// CRLF and bare CR become LF; NUL becomes U+FFFD. Text without either is
/// returned as it is, without a copy.
pub fn normalise(text: String) -> String {
    if memchr::memchr2(b'\r', 0, text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_are_normalised() {
        assert_eq!(normalise("a\r\nb\rc\n".to_string()), "a\nb\nc\n");
    }

    #[test]
    fn bom_is_stripped_and_utf16_decoded() {
        let s = decode(b"\xEF\xBB\xBF# Hi".to_vec(), "x").unwrap();
        assert_eq!(s.text, "# Hi");
        let mut le = vec![0xFF, 0xFE];
        le.extend("# Hé\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(le, "x").unwrap().text, "# Hé\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("ok".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(be, "x").unwrap().text, "ok");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_one_warning() {
        let s = decode(b"ok \xFF\xFE bad".to_vec(), "f.md").unwrap();
        assert!(s.text.contains('\u{FFFD}'));
        assert_eq!(s.warnings.len(), 1);
    }

    #[test]
    fn bounded_reader_refuses_endless_input() {
        let endless = io::repeat(b'a');
        let err = read_bounded(endless, "pipe", 1000).unwrap_err();
        assert!(matches!(err, SourceError::TooLarge(_, 1000)));
        assert_eq!(err.exit_code(), 5);
    }

    #[test]
    fn nul_bytes_early_mean_binary() {
        let err = read_bounded(&b"\x7fELF\x02\x01\x00\x00"[..], "a.out", 1000).unwrap_err();
        assert!(matches!(err, SourceError::Binary(_)));
    }
}
