//! `ims`: check, format and report on integrated management systems, and
//! serve them to editors (`ims lsp`).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system's allocator (on Linux for tree-sitter's C
/// code too: the `override` feature): the language server allocates on several of tokio's
/// threads and frees on others, which glibc's per-thread arenas turned into
/// a resident set that kept growing with edits while the live heap stayed
/// flat (4.5x after 300 keystrokes at 100k lines); docs/performance.md has
/// the figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod catalog_cmd;
mod check_cmd;
mod completions_cmd;
mod explain_cmd;
mod fmt_cmd;
mod import;
mod import_cmd;
mod input;
mod output;
mod parse_cmd;
mod render;
mod report_cmd;

/// Exit codes shared by every subcommand.
pub(crate) mod exit {
    /// No errors.
    pub const OK: u8 = 0;
    /// The input has errors (syntax or analysis).
    pub const FOUND_ERRORS: u8 = 1;
    /// Usage or I/O error.
    pub const USAGE: u8 = 2;
}

#[derive(Parser)]
#[command(
    name = "ims",
    version,
    about = "IMS language tools: integrated management systems (ISO/IEC 20000-1, ISO 9001, ISO/IEC 27001) as code"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse one file and print its syntax tree, or its syntax errors with line:column.
    Parse(parse_cmd::Args),
    /// Check an IMS: syntax, names, clause references, scopes and coverage.
    Check(check_cmd::Args),
    /// Format .ims files in place, check that they are formatted, or format stdin (`-`).
    Fmt(fmt_cmd::Args),
    /// Show the standards catalog, or one clause with its correlations.
    Catalog(catalog_cmd::Args),
    /// Write the correlation and coverage report (document control, integration matrix, scopes, SoA, registers) as HTML, Markdown, CSV or XLSX.
    Report(report_cmd::Args),
    /// Import a Statement of Applicability from a spreadsheet (XLSX or CSV) as a formatted .ims file.
    Import(import_cmd::Args),
    /// Show the documentation of a diagnostic code (`ims explain scope-gap`), or list them all.
    Explain(explain_cmd::Args),
    /// Run the language server over stdin and stdout (for editors).
    Lsp,
    /// Print the shell completion script for bash, zsh, fish, PowerShell or elvish.
    Completions(completions_cmd::CompletionsArgs),
    /// Print the man page (or write one per subcommand with `--dir`).
    Man(completions_cmd::ManArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Parse(args) => parse_cmd::run(&args),
        Command::Check(args) => check_cmd::run(&args),
        Command::Fmt(args) => fmt_cmd::run(&args),
        Command::Catalog(args) => catalog_cmd::run(&args),
        Command::Report(args) => report_cmd::run(&args),
        Command::Import(args) => import_cmd::run(&args),
        Command::Explain(args) => explain_cmd::run(&args),
        Command::Lsp => ims_lsp::run(),
        Command::Completions(args) => completions_cmd::completions(&args),
        Command::Man(args) => completions_cmd::man(&args),
    };
    ExitCode::from(code)
}
