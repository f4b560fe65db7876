//! `ims import FILE.xlsx|FILE.csv [--mapping COLUMN=FIELD,...] [--from-2013]
//! [-o FILE.ims]`: an existing Statement of Applicability as a formatted
//! `.ims` file that `ims check` accepts. docs/cli.md describes the columns
//! recognised and what is made of them; every row that cannot be read is
//! reported with its row number.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::exit;
use crate::import::{columns, entries, table, write};

#[derive(clap::Args)]
pub struct Args {
    /// The spreadsheet: an .xlsx workbook or a .csv file (`,` or `;`, UTF-8).
    file: PathBuf,
    /// The sheet of a workbook to read (default: the first with a control
    /// column, preferring one named like `SoA ...`).
    #[arg(long)]
    sheet: Option<String>,
    /// What a column holds, over the headers recognised: COLUMN=FIELD, the
    /// column by its header or letter, FIELD one of control, title,
    /// applicable, justification, reason, status, date, owner, evidence,
    /// ignore. Repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "COLUMN=FIELD")]
    mapping: Vec<String>,
    /// The controls are numbered as in ISO/IEC 27001:2013 (A.5.1.1 ...):
    /// map them to 2022 with the catalog's mapping (27002:2022 Annex B).
    #[arg(long = "from-2013")]
    from_2013: bool,
    /// The title of the `ims` header (default: the workbook's document
    /// control title, the text above the header row, or the file's name).
    #[arg(long)]
    title: Option<String>,
    /// The name of the system (default: from a sheet named `SoA NAME`, else ISMS).
    #[arg(long)]
    system: Option<String>,
    /// Write the `.ims` to this file (which must not exist yet, unless
    /// --force) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Overwrite the output file.
    #[arg(long)]
    force: bool,
    /// Write the `.ims` even when some rows could not be read (they are
    /// still reported, and the exit code is 0).
    #[arg(long)]
    allow_partial: bool,
}

pub fn run(args: &Args) -> u8 {
    let mappings: Vec<columns::Mapping> =
        match args.mapping.iter().map(|m| columns::parse_mapping(m)).collect() {
            Ok(m) => m,
            Err(message) => {
                eprintln!("error: --mapping {message}");
                return exit::USAGE;
            }
        };
    let sheets = match table::read(&args.file) {
        Ok(sheets) => sheets,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let chosen = match choose(&sheets, args.sheet.as_deref(), &mappings) {
        Ok(chosen) => chosen,
        Err(message) => {
            eprintln!("error: {}: {message}", args.file.display());
            return exit::USAGE;
        }
    };
    let (sheet, cols) = chosen;
    let file = args.file.display().to_string();
    for (index, header) in cols.unrecognised() {
        eprintln!(
            "{file}: column {} \"{header}\" is not imported (name it with --mapping {}=FIELD)",
            columns::letter(index),
            columns::letter(index)
        );
    }
    let catalog = ims_analysis::project::builtin();
    let options = entries::Options { from_2013: args.from_2013 };
    let (entries, problems) = entries::read(sheet, &cols, &catalog, &options);
    let mut lost = 0;
    for problem in &problems {
        let kind = if problem.row_lost { "error" } else { "warning" };
        eprintln!("{file}:{}: {kind}: {}", problem.row, problem.message);
        lost += usize::from(problem.row_lost);
    }
    let title = args
        .title
        .clone()
        .or_else(|| control_title(&sheets))
        .or_else(|| title_above(sheet, cols.header_row))
        .unwrap_or_else(|| {
            args.file.file_stem().map_or("Imported".into(), |s| s.to_string_lossy().into_owned())
        });
    let system = args
        .system
        .clone()
        .or_else(|| {
            sheet
                .name
                .strip_prefix("SoA ")
                .filter(|n| write::slug(n) == n.to_lowercase())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "ISMS".to_string());
    let order: Vec<String> = catalog
        .standard(entries::EDITION_2022)
        .map(|s| s.controls().into_iter().map(|c| c.reference.clone()).collect())
        .unwrap_or_default();
    let text = write::ims_text(
        &write::Header { title: &title, system: &system },
        &entries,
        &order,
        &titles(&sheets, "Scope", "Name", "Title", Some(("Kind", "unit"))),
        &titles(&sheets, "Documented information", "Document", "Title", None),
    );
    let errors = check_errors(&text, &catalog);
    eprintln!(
        "{file}: {} controls from sheet \"{}\"{}; `ims check` finds {} error{} in the result",
        entries.len(),
        sheet.name,
        if lost > 0 { format!(", {lost} rows not read") } else { String::new() },
        errors,
        if errors == 1 { "" } else { "s" }
    );
    if lost > 0 && !args.allow_partial {
        eprintln!("error: {lost} rows could not be read: nothing written (fix them, or use --allow-partial)");
        return exit::FOUND_ERRORS;
    }
    match &args.output {
        Some(path) => {
            if path.exists() && !args.force {
                eprintln!("error: {} exists: choose another file or use --force", path.display());
                return exit::USAGE;
            }
            if let Err(e) = std::fs::write(path, &text) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return exit::USAGE;
            }
        }
        None => {
            if let Err(code) = crate::output::print(&text) {
                return code;
            }
        }
    }
    exit::OK
}

/// The sheet to read and its columns: the one named, else the first with
/// a control column, a sheet named `SoA ...` first.
fn choose<'s>(
    sheets: &'s [table::Sheet],
    name: Option<&str>,
    mappings: &[columns::Mapping],
) -> Result<(&'s table::Sheet, columns::Columns), String> {
    if let Some(name) = name {
        let sheet = sheets.iter().find(|s| s.name == name).ok_or_else(|| {
            let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
            format!("no sheet \"{name}\"; it has {}", names.join(", "))
        })?;
        return columns::detect(sheet, mappings).map(|c| (sheet, c));
    }
    let mut ordered: Vec<&table::Sheet> =
        sheets.iter().filter(|s| s.name.starts_with("SoA")).collect();
    ordered.extend(sheets.iter().filter(|s| !s.name.starts_with("SoA")));
    let mut first_error = None;
    for sheet in ordered {
        match columns::detect(sheet, mappings) {
            Ok(columns) => return Ok((sheet, columns)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| "the file has no sheet".into()))
}

/// The `Title` of a `Document control` sheet (the report's own workbook).
fn control_title(sheets: &[table::Sheet]) -> Option<String> {
    let sheet = sheets.iter().find(|s| s.name == "Document control")?;
    sheet
        .rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c.text() == "Title"))
        .and_then(|r| r.get(1))
        .map(|c| c.text().to_string())
        .filter(|t| !t.is_empty())
}

/// The first text above the header row (a sheet's own title line).
fn title_above(sheet: &table::Sheet, header_row: usize) -> Option<String> {
    sheet.rows[..header_row]
        .iter()
        .flat_map(|r| r.iter())
        .map(|c| c.text().trim())
        .find(|t| !t.is_empty())
        .map(str::to_string)
}

/// Name -> title from a sheet of the report's own workbook (`Scope`:
/// units; `Documented information`: documents).
fn titles(
    sheets: &[table::Sheet],
    sheet: &str,
    name_column: &str,
    title_column: &str,
    kind: Option<(&str, &str)>,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Some(sheet) = sheets.iter().find(|s| s.name == sheet) else { return out };
    let Some(header) = sheet.rows.first() else { return out };
    let column = |name: &str| header.iter().position(|c| c.text() == name);
    let (Some(name), Some(title)) = (column(name_column), column(title_column)) else {
        return out;
    };
    let kind = kind.and_then(|(column_name, value)| Some((column(column_name)?, value)));
    for row in &sheet.rows[1..] {
        if let Some((k, value)) = kind {
            if row.get(k).map(|c| c.text()) != Some(value) {
                continue;
            }
        }
        if let (Some(n), Some(t)) = (row.get(name), row.get(title)) {
            if !t.text().is_empty() {
                out.insert(n.text().to_string(), t.text().to_string());
            }
        }
    }
    out
}

/// How many errors `ims check` reports in the imported text alone.
fn check_errors(text: &str, catalog: &std::sync::Arc<ims_analysis::Catalog>) -> usize {
    let file = ims_analysis::SourceFile::new("imported.ims", text);
    let workspace =
        ims_analysis::Workspace::new(vec![file], catalog.clone(), ims_analysis::Config::default());
    ims_analysis::analyze(&workspace)
        .diagnostics
        .iter()
        .filter(|d| d.severity == ims_analysis::Severity::Error)
        .count()
}
