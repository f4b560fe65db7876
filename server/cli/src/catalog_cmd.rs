//! `ims catalog [CLAUSE] [--format json]`: the standards catalog, built-in
//! and user (from the `ims.toml` around the current directory).

use std::path::Path;

use ims_analysis::model::parse_standard_name;
use ims_catalog::{catalog_json, describe_clause, Catalog, ClauseKey};
use ims_project::{Project, ProjectRoot};

use crate::exit;
use crate::input::ReadOptions;

#[derive(clap::Args)]
pub struct Args {
    /// A clause to describe, e.g. `9001:8.4`, `20000-1:8.3.4`, `27001@2013:A.15.1.1`.
    clause: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    read: ReadOptions,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: &Args) -> u8 {
    let Some(root) = ProjectRoot::of(Path::new(".")) else {
        eprintln!("error: the current directory cannot be read");
        return exit::USAGE;
    };
    let project = Project::load(root, &args.read.load_options());
    for problem in &project.problems {
        eprintln!("error: {problem}");
    }
    let catalog = &project.catalog;
    let text = match (&args.clause, args.format) {
        (None, Format::Json) => json(&catalog_json(catalog)),
        (None, Format::Text) => list_standards(catalog),
        (Some(written), format) => {
            let key = match resolve(catalog, written) {
                Ok(key) => key,
                Err(message) => {
                    eprintln!("error: {message}");
                    return exit::USAGE;
                }
            };
            match format {
                Format::Text => describe_clause(catalog, &key),
                Format::Json => {
                    let clause = catalog.clause(&key).expect("resolved clauses exist");
                    let correlations = catalog.correlations_of(&key);
                    json(
                        &serde_json::json!({ "key": key, "clause": clause, "correlations": correlations }),
                    )
                }
            }
        }
    };
    if let Err(code) = crate::output::print(&text) {
        return code;
    }
    if project.problems.is_empty() {
        exit::OK
    } else {
        exit::USAGE
    }
}

/// Pretty-printed JSON with a final newline.
fn json(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).expect("JSON values serialize") + "\n"
}

fn list_standards(catalog: &Catalog) -> String {
    let mut out = String::new();
    for standard in catalog.standards() {
        let controls = standard.controls().len();
        let requirements = standard.requirement_clauses().len();
        let mut line = format!(
            "{:<18} {:<5} {} ({} clauses; {} requirement clauses in 4-10",
            standard.id,
            standard.system_kind,
            standard.title,
            standard.clauses.len(),
            requirements
        );
        if controls > 0 {
            line.push_str(&format!("; {controls} Annex A controls"));
        }
        line.push(')');
        if let Some(successor) = &standard.superseded_by {
            line.push_str(&format!(" [superseded by {successor}]"));
        }
        if !standard.builtin {
            line.push_str(" [user catalog]");
        }
        out.push_str(&line);
        out.push('\n');
        out.push_str(&format!("{:<18} aliases: {}\n", "", standard.aliases.join(", ")));
    }
    out.push_str(&format!(
        "\n{} correlations. Describe a clause with `ims catalog 9001:8.4`.\n",
        catalog.correlations().len()
    ));
    out
}

/// `9001:8.4` -> the newest edition's clause, `27001@2013:A.15.1.1` -> that edition's.
fn resolve(catalog: &Catalog, written: &str) -> Result<ClauseKey, String> {
    let (standard, clause) = written.split_once(':').ok_or_else(|| {
        format!("`{written}` is not a clause reference; write it like `9001:8.4`")
    })?;
    let (alias, edition) = parse_standard_name(standard);
    let editions = catalog.editions(alias);
    let chosen = match edition {
        Some(edition) => editions.iter().find(|s| s.edition == edition),
        None => editions.first(),
    }
    .ok_or_else(|| format!("unknown standard `{standard}`"))?;
    if chosen.clause(clause).is_none() {
        let suggestions: Vec<String> =
            chosen.suggest(clause).iter().map(|c| format!("{} {}", c.reference, c.title)).collect();
        let hint = if suggestions.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", suggestions.join(", "))
        };
        return Err(format!("{} has no clause {clause}{hint}", chosen.short_name()));
    }
    Ok(ClauseKey::new(&chosen.id, clause))
}
