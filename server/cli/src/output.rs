//! Standard output for every subcommand but `ims lsp`: one place that
//! writes it and decides what a failed write means.
//!
//! **Invariant:** no subcommand uses `print!`/`println!` (they panic when
//! the reader has gone away: `ims catalog --format json | head`). A closed
//! pipe is the reader's choice, so it ends the output quietly and the exit
//! code stays what the command found; any other write error is a usage
//! error (exit 2) with a message.

use std::io::Write;

use crate::exit;

/// Writes `text` to standard output; see the module documentation for what
/// a failure means. `Err` carries the exit code to end with.
pub fn print(text: &str) -> Result<(), u8> {
    write_with(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` on buffered, locked standard output and flushes it.
pub fn write_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), u8> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = write(&mut out).and_then(|()| out.flush());
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            Err(exit::USAGE)
        }
    }
}
