//! Writing to standard output. A closed pipe (`ims explain scope-gap |
//! head`) is the reader's choice, not an error; any other failure is said
//! on stderr.

use std::io::Write;

/// Writes `bytes` to standard output and flushes; false, with the error on
/// stderr, when that fails for another reason than a closed pipe.
pub fn write_stdout(bytes: &[u8]) -> bool {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the output: {e}");
            false
        }
        _ => true,
    }
}
