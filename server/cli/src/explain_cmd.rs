//! `ims explain CODE`: the documentation of a diagnostic code, its section
//! of docs/diagnostics.md (compiled into the binary), as `rustc --explain`
//! and `ruff rule` print theirs; `ims explain --list` lists every code.

use ims_analysis::Code;

use crate::exit;

#[derive(clap::Args)]
pub struct Args {
    /// The diagnostic code, such as `scope-gap` (as shown in `error[CODE]`).
    #[arg(required_unless_present = "list")]
    code: Option<String>,
    /// List every code with its default severity and summary.
    #[arg(long, conflicts_with = "code")]
    list: bool,
}

pub fn run(args: &Args) -> u8 {
    if args.list {
        let width = Code::ALL.iter().map(|c| c.name().len()).max().unwrap_or(0);
        let mut out = String::new();
        for code in Code::ALL {
            let severity = code.default_severity().to_string();
            out.push_str(&format!("{:width$}  {severity:7}  {}\n", code.name(), code.summary()));
        }
        return print(&out);
    }
    let name = args.code.as_deref().unwrap_or_default();
    // `error[scope-gap]` pasted whole works too.
    let name = name.rsplit('[').next().unwrap_or(name).trim_end_matches(']').trim();
    match Code::from_name(name) {
        Some(code) => print(&format!("{}\n", code.documentation())),
        None => {
            let mut message = format!("error: `{name}` is not a diagnostic code");
            if let Some(best) = Code::closest(name).first() {
                message.push_str(&format!("; did you mean `{best}`?"));
            }
            eprintln!("{message}\n`ims explain --list` lists every code");
            exit::USAGE
        }
    }
}

fn print(text: &str) -> u8 {
    match crate::output::print(text) {
        Ok(()) => exit::OK,
        Err(code) => code,
    }
}
