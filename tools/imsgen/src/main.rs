//! `imsgen --lines N --files M -o DIR [--seed S]`: writes a synthetic IMS
//! workspace of about N lines in M files to DIR (see the library docs).

use std::path::PathBuf;
use std::process::ExitCode;

use imsgen::{generate, total_lines, write, Options};

const USAGE: &str = "usage: imsgen [--lines N] [--files M] [--seed S] -o DIR\n\
\n\
Writes a synthetic IMS workspace of about N lines (default 10000) spread over\n\
M files (default 1) to DIR. The same options always give the same files.";

fn main() -> ExitCode {
    let mut options = Options::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let parsed: Result<(), String> = match arg.as_str() {
            "--lines" => value("--lines").and_then(|v| number(&v).map(|n| options.lines = n)),
            "--files" => {
                value("--files").and_then(|v| number(&v).map(|n| options.files = n.max(1)))
            }
            "--seed" => value("--seed").and_then(|v| number(&v).map(|n| options.seed = n as u64)),
            "-o" | "--out" => value("-o").map(|v| out = Some(PathBuf::from(v))),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("unknown argument `{other}`")),
        };
        if let Err(message) = parsed {
            eprintln!("imsgen: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("imsgen: -o DIR is required\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let files = generate(&options);
    if let Err(e) = write(&out, &files) {
        eprintln!("imsgen: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "imsgen: wrote {} line(s) in {} file(s) to {}",
        total_lines(&files),
        files.len(),
        out.display()
    );
    ExitCode::SUCCESS
}

fn number(value: &str) -> Result<usize, String> {
    value.replace('_', "").parse().map_err(|_| format!("`{value}` is not a number"))
}
