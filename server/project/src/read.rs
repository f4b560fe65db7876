//! Reading one text file that may come from a stranger: a cloned
//! repository, a colleague's branch, a pull request.
//!
//! **Invariant:** [`read_text`] is the only way the tools read an input file
//! (an `.ims` file, `ims.toml`, a user catalog). It reads regular files
//! only (a FIFO, a device such as `/dev/zero` or a socket is refused without
//! blocking), never more than the size limit (a file that grows while it is
//! read is cut off and refused), refuses a file that resolves outside the
//! project it is read for (a symbolic link out of a cloned repository), and
//! says precisely what is wrong and where: a binary file and invalid UTF-8
//! are named with the byte offset and the line and column.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default largest file the tools read: 8 MiB. A hand-written IMS of
/// 100,000 lines is about 4 MB; a larger file is far more likely a log or a
/// disk image named `.ims` by mistake. `--max-file-size` (CLI) and the
/// `ims.maxFileSize` editor setting raise it; a project's own `ims.toml`
/// cannot, so that a cloned repository does not choose its own limits.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The limits of reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: DEFAULT_MAX_FILE_BYTES }
    }
}

/// A text file as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The text, without a leading byte order mark.
    pub text: String,
    /// Whether the file started with a UTF-8 byte order mark, which a
    /// formatter writing the file back must keep.
    pub had_bom: bool,
}

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub path: PathBuf,
    pub kind: ReadErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadErrorKind {
    NotFound,
    IsDirectory,
    /// A FIFO, a device, a socket: anything but a regular file.
    NotRegular(&'static str),
    /// Over the size limit; `size` is `None` when the file grew past the
    /// limit while it was read.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    /// The file resolves (through a symbolic link) outside the project.
    OutsideProject {
        root: PathBuf,
    },
    /// A NUL byte: a binary file.
    Binary {
        offset: usize,
        line: usize,
        column: usize,
    },
    InvalidUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
    Io(String),
}

impl ReadError {
    /// The byte offset the problem is at, when it has one.
    pub fn offset(&self) -> Option<usize> {
        match self.kind {
            ReadErrorKind::Binary { offset, .. } | ReadErrorKind::InvalidUtf8 { offset, .. } => {
                Some(offset)
            }
            _ => None,
        }
    }

    /// The message without the path.
    pub fn message(&self) -> String {
        match &self.kind {
            ReadErrorKind::NotFound => "no such file".to_string(),
            ReadErrorKind::IsDirectory => "is a directory".to_string(),
            ReadErrorKind::NotRegular(what) => {
                format!("is {what}, not a regular file; not read")
            }
            ReadErrorKind::TooLarge { size, limit } => {
                let size = match size {
                    Some(size) => format!("{} MiB", size.div_ceil(1024 * 1024)),
                    None => format!("more than {} MiB", limit / (1024 * 1024)),
                };
                format!(
                    "too large to read ({size}; the limit is {}; raise it with \
                     --max-file-size or the editor setting ims.maxFileSize)",
                    human_size(*limit)
                )
            }
            ReadErrorKind::OutsideProject { root } => format!(
                "is a symbolic link to a file outside the project ({}); not read",
                root.display()
            ),
            ReadErrorKind::Binary { .. } => {
                let what = if self.path.extension().is_some_and(|e| e == "ims") {
                    "an .ims text file"
                } else {
                    "a text file"
                };
                format!("contains a NUL byte: this is a binary file, not {what}")
            }
            ReadErrorKind::InvalidUtf8 { offset, .. } => {
                format!("invalid UTF-8 (byte offset {offset}); .ims files must be UTF-8 text")
            }
            ReadErrorKind::Io(message) => format!("cannot read: {message}"),
        }
    }
}

impl fmt::Display for ReadError {
    /// `x.ims: no such file`, `x.ims:3:7: invalid UTF-8 (byte offset 31) ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ReadErrorKind::Binary { line, column, .. }
            | ReadErrorKind::InvalidUtf8 { line, column, .. } => {
                write!(f, "{}:{line}:{column}: {}", self.path.display(), self.message())
            }
            _ => write!(f, "{}: {}", self.path.display(), self.message()),
        }
    }
}

impl std::error::Error for ReadError {}

/// `8 MiB`, `512 KiB`, `100 bytes`.
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads the text file at `path`. With `root`, the file must lie inside
/// that directory once symbolic links are resolved.
pub fn read_text(path: &Path, root: Option<&Path>, limits: Limits) -> Result<Text, ReadError> {
    let error = |kind| ReadError { path: path.to_path_buf(), kind };
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => error(ReadErrorKind::NotFound),
        std::io::ErrorKind::IsADirectory => error(ReadErrorKind::IsDirectory),
        _ => error(ReadErrorKind::Io(e.to_string())),
    };
    if let Some(root) = root {
        let resolved = path.canonicalize().map_err(io)?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        if !resolved.starts_with(&root) {
            return Err(error(ReadErrorKind::OutsideProject { root }));
        }
    }
    // What the name says before opening: opening a FIFO for reading would
    // wait for a writer. The open below is non-blocking as well, for a file
    // replaced between this look and the open.
    let metadata = std::fs::metadata(path).map_err(io)?;
    check_kind(&metadata).map_err(error)?;
    let file = open_nonblocking(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    check_kind(&metadata).map_err(error)?;
    let too_large = |size| error(ReadErrorKind::TooLarge { size, limit: limits.max_file_bytes });
    if metadata.len() > limits.max_file_bytes {
        return Err(too_large(Some(metadata.len())));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limits.max_file_bytes + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(None));
    }
    decode(path, bytes)
}

/// Decodes the bytes of a text file (read from disk or from standard
/// input): UTF-8, no NUL byte; a leading byte order mark is dropped and
/// remembered.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<Text, ReadError> {
    let error = |kind| ReadError { path: path.to_path_buf(), kind };
    let had_bom = bytes.starts_with(b"\xef\xbb\xbf");
    if had_bom {
        bytes.drain(..3);
    }
    // Offsets in messages count from the start of the file, BOM included.
    let shift = if had_bom { 3 } else { 0 };
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_column(&bytes[..nul]);
        return Err(error(ReadErrorKind::Binary { offset: nul + shift, line, column }));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Text { text, had_bom }),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let (line, column) = line_column(&e.as_bytes()[..valid]);
            Err(error(ReadErrorKind::InvalidUtf8 { offset: valid + shift, line, column }))
        }
    }
}

/// The 1-based line and column just after `before`, which is valid UTF-8
/// up to its end; lines end as `ims_syntax::LineIndex` ends them, the
/// column counts characters.
fn line_column(before: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(before);
    let index = ims_syntax::LineIndex::new(&text);
    let at = index.line_col(&text, text.len(), ims_syntax::ColumnUnit::Char);
    (at.line + 1, at.column + 1)
}

fn check_kind(metadata: &std::fs::Metadata) -> Result<(), ReadErrorKind> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(ReadErrorKind::IsDirectory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(ReadErrorKind::NotRegular("a FIFO (named pipe)"));
        }
        if kind.is_socket() {
            return Err(ReadErrorKind::NotRegular("a socket"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(ReadErrorKind::NotRegular("a device"));
        }
    }
    Err(ReadErrorKind::NotRegular("not a regular file"))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("ims-project-read-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn reads_text_and_remembers_the_bom() {
        let dir = temp("bom");
        let path = dir.join("a.ims");
        std::fs::write(&path, b"\xef\xbb\xbfsite hq \"HQ\"\r\n").unwrap();
        let text = read_text(&path, Some(&dir), Limits::default()).unwrap();
        assert_eq!(text, Text { text: "site hq \"HQ\"\r\n".to_string(), had_bom: true });
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn names_binary_and_invalid_utf8_with_their_place() {
        let path = Path::new("x.ims");
        let binary = decode(path, b"site a\nab\0".to_vec()).unwrap_err();
        assert_eq!(
            binary.to_string(),
            "x.ims:2:3: contains a NUL byte: this is a binary file, not an .ims text file"
        );
        let toml = decode(Path::new("ims.toml"), b"\0".to_vec()).unwrap_err();
        assert_eq!(
            toml.to_string(),
            "ims.toml:1:1: contains a NUL byte: this is a binary file, not a text file"
        );
        let invalid = decode(path, b"\xef\xbb\xbfsite \xff".to_vec()).unwrap_err();
        assert_eq!(invalid.offset(), Some(8));
        assert_eq!(
            invalid.to_string(),
            "x.ims:1:6: invalid UTF-8 (byte offset 8); .ims files must be UTF-8 text"
        );
    }

    #[test]
    fn refuses_large_files_and_devices() {
        let dir = temp("large");
        let path = dir.join("big.ims");
        std::fs::write(&path, vec![b'x'; 2048]).unwrap();
        let error = read_text(&path, None, Limits { max_file_bytes: 1024 }).unwrap_err();
        assert_eq!(error.kind, ReadErrorKind::TooLarge { size: Some(2048), limit: 1024 });
        assert!(error.to_string().contains("the limit is 1 KiB"), "{error}");
        assert!(error.to_string().contains("--max-file-size"), "{error}");
        #[cfg(unix)]
        {
            let zero = read_text(Path::new("/dev/zero"), None, Limits::default()).unwrap_err();
            assert_eq!(zero.kind, ReadErrorKind::NotRegular("a device"));
        }
        let directory = read_text(&dir, None, Limits::default()).unwrap_err();
        assert_eq!(directory.kind, ReadErrorKind::IsDirectory);
        let missing = read_text(&dir.join("missing.ims"), None, Limits::default()).unwrap_err();
        assert_eq!(
            missing.to_string(),
            format!("{}: no such file", dir.join("missing.ims").display())
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn refuses_fifos_without_blocking_and_links_out_of_the_project() {
        let dir = temp("fifo");
        let fifo = dir.join("x.ims");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        let error = read_text(&fifo, Some(&dir), Limits::default()).unwrap_err();
        assert_eq!(error.kind, ReadErrorKind::NotRegular("a FIFO (named pipe)"));

        let outside = temp("outside");
        std::fs::write(outside.join("secret.txt"), "secret").unwrap();
        let link = dir.join("link.ims");
        std::os::unix::fs::symlink(outside.join("secret.txt"), &link).unwrap();
        let error = read_text(&link, Some(&dir), Limits::default()).unwrap_err();
        assert!(matches!(error.kind, ReadErrorKind::OutsideProject { .. }), "{error}");
        assert!(!error.to_string().contains("secret"), "{error}");
        // A link inside the project is followed.
        std::fs::write(dir.join("real.ims"), "site a \"A\"\n").unwrap();
        std::os::unix::fs::symlink(dir.join("real.ims"), dir.join("alias.ims")).unwrap();
        assert!(read_text(&dir.join("alias.ims"), Some(&dir), Limits::default()).is_ok());
        std::fs::remove_dir_all(dir).unwrap();
        std::fs::remove_dir_all(outside).unwrap();
    }
}
