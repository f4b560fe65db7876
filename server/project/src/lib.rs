//! Finding and reading an IMS project on disk, for `ims check`, `ims
//! report` and the language server alike, so that the CLI and the editor
//! see the same project for the same file and read it under the same rules.
//!
//! - [`ProjectRoot`] and [`ProjectRoot::files`]: which files form an IMS
//!   (`discover.rs`, the rule in docs/cli.md).
//! - [`read_text`]: the one way an input file is read (`read.rs`): regular
//!   files only, one size limit, inside the project, UTF-8 with a clear
//!   error otherwise.
//! - [`Project`]: `ims.toml` and the user catalogs (`load.rs`).
//!
//! **Boundary:** this crate does the tools' file I/O; the analysis below it
//! works on texts in memory and never opens a file.

mod discover;
mod load;
mod read;
mod revision;
#[cfg(test)]
mod temp;

pub use discover::{
    ims_files_below, location, ProjectFiles, ProjectRoot, CONFIG_FILE, MAX_PROJECT_FILES,
};
pub use load::{LoadOptions, Project, ProjectProblem};
pub use read::{
    decode, human_size, read_text, Limits, ReadError, ReadErrorKind, Text, DEFAULT_MAX_FILE_BYTES,
};
pub use revision::{git_revision, GitRevision};
