//! `ims completions SHELL` and `ims man`: shell completions and man pages,
//! generated from the clap definitions of `ims` itself (clap_complete,
//! clap_mangen), so that they always match the options of this binary.
//! docs/cli.md says where to install them.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::exit;

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(clap::Args)]
pub struct ManArgs {
    /// Write `ims.1` and one page per subcommand (`ims-check.1` ...) into
    /// this directory instead of printing `ims.1` to standard output.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn completions(args: &CompletionsArgs) -> u8 {
    let mut command = crate::Cli::command();
    let written = crate::output::write_with(|out| {
        clap_complete::generate(args.shell, &mut command, "ims", out);
        Ok(())
    });
    written.err().unwrap_or(exit::OK)
}

pub fn man(args: &ManArgs) -> u8 {
    let command = crate::Cli::command();
    let Some(dir) = &args.dir else {
        let written = crate::output::write_with(|out| clap_mangen::Man::new(command).render(out));
        return written.err().unwrap_or(exit::OK);
    };
    match write_pages(command, dir) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {}: cannot write the man pages: {e}", dir.display());
            exit::USAGE
        }
    }
}

/// `ims.1` and `ims-SUBCOMMAND.1` for each subcommand, into `dir`.
fn write_pages(command: clap::Command, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut command = command;
    command.build();
    let mut pages = vec![("ims".to_string(), command.clone())];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("ims-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().display_name(name)));
    }
    for (name, page) in pages {
        let mut file = std::fs::File::create(dir.join(format!("{name}.1")))?;
        clap_mangen::Man::new(page).render(&mut file)?;
    }
    Ok(())
}
