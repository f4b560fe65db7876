//! The rows of an SoA sheet as Statement of Applicability entries: the
//! control reference normalised (`A 5.1`, `5.1`, `27001:a.5.1` are
//! 27001:2022 A.5.1; 27001:2013 numbers mapped to 2022 with
//! `--from-2013`), applicability, justification, reasons, implementation,
//! owner and evidence, each recognised in English and German. A row that
//! cannot be read is a [`Problem`] with its row number, never dropped
//! silently.

use ims_catalog::{Catalog, ClauseKey};

use super::columns::{get, Columns, Field};
use super::table::{CellValue, Sheet};

pub const EDITION_2022: &str = "iso27001@2022";
pub const EDITION_2013: &str = "iso27001@2013";

/// How far a control is implemented.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Implementation {
    NotImplemented,
    Planned(String),
    Partial,
    Implemented,
}

/// What the SoA says of one control.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The spreadsheet's rows it comes from.
    pub rows: Vec<usize>,
    /// The 27001:2022 control (`A.5.1`).
    pub control: String,
    pub applicable: bool,
    pub justification: String,
    pub reasons: Vec<&'static str>,
    pub implementation: Option<Implementation>,
    pub owner: Option<String>,
    pub evidence: Vec<String>,
}

/// A row that could not be read, or something of it left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub message: String,
    /// Whether the row was left out (an error), or only a part of it (a warning).
    pub row_lost: bool,
}

pub struct Options {
    pub from_2013: bool,
}

/// The entries of the sheet's rows below the header, one per 2022 control
/// (rows that name the same control, or 2013 controls merged into one, are
/// joined), in the catalog's order.
pub fn read(
    sheet: &Sheet,
    columns: &Columns,
    catalog: &Catalog,
    options: &Options,
) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    for (index, row) in sheet.rows.iter().enumerate().skip(columns.header_row + 1) {
        let number = index + 1;
        if row.iter().all(|c| c.text().is_empty()) {
            continue;
        }
        match read_row(number, row, columns, catalog, options, &mut problems) {
            Ok(read) => {
                for entry in read {
                    match entries.iter_mut().find(|e| e.control == entry.control) {
                        Some(known) => merge(known, entry, options, &mut problems),
                        None => entries.push(entry),
                    }
                }
            }
            Err(message) => problems.push(Problem { row: number, message, row_lost: true }),
        }
    }
    if let Some(standard) = catalog.standard(EDITION_2022) {
        entries.sort_by_key(|e| standard.clauses.iter().position(|c| c.reference == e.control));
    }
    (entries, problems)
}

fn read_row(
    number: usize,
    row: &[CellValue],
    columns: &Columns,
    catalog: &Catalog,
    options: &Options,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Entry>, String> {
    let text = |field| get(columns, row, field).map_or("", CellValue::text).trim();
    let control =
        get(columns, row, Field::Control).ok_or_else(|| "no control in this row".to_string())?;
    let controls = controls(control, catalog, options)?;
    let said = [Field::Applicable, Field::Justification, Field::Status, Field::Reason];
    if said.iter().all(|&f| text(f).is_empty()) {
        // A control the SoA does not address yet (the report's own sheet
        // lists every control): nothing to import, but said.
        problems.push(Problem {
            row: number,
            message: format!(
                "{} is not addressed (no applicability, justification or status): left out",
                control.text()
            ),
            row_lost: false,
        });
        return Ok(Vec::new());
    }
    let applicable = applicability(text(Field::Applicable))?;
    let justification = text(Field::Justification).to_string();
    if !applicable && justification.is_empty() {
        return Err(format!(
            "{} is excluded without a justification; the SoA needs one (27001 6.1.3 d)",
            control.text()
        ));
    }
    let reasons = reasons(text(Field::Reason))?;
    let date = get(columns, row, Field::Date).map(|c| c.text().trim()).filter(|d| !d.is_empty());
    let implementation = implementation(text(Field::Status), date)?;
    let owner = Some(text(Field::Owner).to_string()).filter(|o| !o.is_empty());
    let evidence: Vec<String> = text(Field::Evidence)
        .split([',', ';', '\n'])
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    let mut lost = |what: &str| {
        problems.push(Problem {
            row: number,
            message: format!(
                "{} is excluded: its {what} is not imported (an exclusion has a justification, an owner and evidence)",
                control.text()
            ),
            row_lost: false,
        })
    };
    if !applicable && !reasons.is_empty() {
        lost("reason for inclusion");
    }
    if !applicable && implementation.is_some() {
        lost("implementation status");
    }
    Ok(controls
        .into_iter()
        .map(|control| Entry {
            rows: vec![number],
            control,
            applicable,
            justification: justification.clone(),
            reasons: if applicable { reasons.clone() } else { Vec::new() },
            implementation: if applicable { implementation.clone() } else { None },
            owner: owner.clone(),
            evidence: evidence.clone(),
        })
        .collect())
}

/// The 2022 controls a control cell names: one, or with `--from-2013` the
/// controls that replace a 2013 one.
fn controls(cell: &CellValue, catalog: &Catalog, options: &Options) -> Result<Vec<String>, String> {
    let written = cell.text().trim();
    if let CellValue::Number(n) = cell {
        if n.contains('.') {
            return Err(format!(
                "the control `{n}` is a number cell, so 5.1 and 5.10 look the same: write the control as text (`A.5.10`)"
            ));
        }
    }
    let parts = control_number(written)
        .ok_or_else(|| format!("`{written}` is not an Annex A control (`A.5.1`, `5.1`)"))?;
    let dotted = parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
    match (parts.len(), options.from_2013) {
        (2, false) => {
            let control = format!("A.{dotted}");
            catalog
                .clause(&ClauseKey::new(EDITION_2022, &control))
                .map(|_| vec![control.clone()])
                .ok_or_else(|| format!("ISO/IEC 27001:2022 has no control {control}"))
        }
        (3, false) => Err(format!(
            "`{written}` is a 27001:2013 control (A.{dotted}): import with --from-2013 to map it to 2022"
        )),
        (3, true) => {
            let old = ClauseKey::new(EDITION_2013, format!("A.{dotted}"));
            if catalog.clause(&old).is_none() {
                return Err(format!("ISO/IEC 27001:2013 has no control A.{dotted}"));
            }
            let new: Vec<String> = catalog
                .superseding(&old)
                .into_iter()
                .filter(|k| k.standard == EDITION_2022)
                .map(|k| k.clause)
                .collect();
            if new.is_empty() {
                return Err(format!("the catalog maps 27001:2013 A.{dotted} to no 2022 control"));
            }
            Ok(new)
        }
        (2, true) => Err(format!(
            "`{written}` is not a 27001:2013 control (A.5.1.1): without --from-2013 it is read as 2022"
        )),
        _ => Err(format!("`{written}` is not an Annex A control (`A.5.1`, `5.1`)")),
    }
}

/// `A.5.1`, `A 5.1`, `a5.1`, `5.1`, `27001:A.5.1`, `Annex A 5.1`, `A.9.2.3
/// User access` -> the numbers.
fn control_number(text: &str) -> Option<Vec<u32>> {
    let mut rest = text.trim().to_lowercase();
    if let Some((before, after)) = rest.split_once(':') {
        if before.contains("27001") {
            rest = after.to_string();
        }
    }
    for prefix in ["annex a", "anhang a", "annex", "anhang"] {
        if let Some(after) = rest.strip_prefix(prefix) {
            rest = after.trim_start().to_string();
        }
    }
    let rest = rest.strip_prefix('a').map_or(rest.as_str(), |r| r.trim_start_matches(['.', ' ']));
    let number: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let after = &rest[number.len()..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '-', ':', '–'])) {
        return None;
    }
    let parts: Option<Vec<u32>> =
        number.trim_end_matches('.').split('.').map(|p| p.parse().ok()).collect();
    parts.filter(|p| (2..=3).contains(&p.len()))
}

fn applicability(text: &str) -> Result<bool, String> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "ja" | "j" | "x" | "✓" | "✔" | "true" | "1" | "applicable" | "included"
        | "anwendbar" | "relevant" | "ausgewählt" => Ok(true),
        "no" | "n" | "nein" | "false" | "0" | "excluded" | "not applicable" | "n/a" | "na"
        | "-" | "nicht anwendbar" | "ausgeschlossen" | "nicht relevant" => Ok(false),
        "" => Err("no applicability: say whether the control is applicable (yes or no)".into()),
        other => {
            Err(format!("`{other}` does not say whether the control is applicable (yes or no)"))
        }
    }
}

fn reasons(text: &str) -> Result<Vec<&'static str>, String> {
    let mut out = Vec::new();
    for word in text
        .split([',', ';', '/', '\n'])
        .flat_map(|w| w.split(" and "))
        .flat_map(|w| w.split(" und "))
    {
        let word = word.trim().to_lowercase();
        if word.is_empty() {
            continue;
        }
        let reason = match word.as_str() {
            "risk-treatment" | "risk treatment" | "risk" | "risk assessment" | "ra" | "rt"
            | "risikobehandlung" | "risiko" | "risikoanalyse" => "risk-treatment",
            "legal" | "law" | "legal requirement" | "gesetzlich" | "gesetz" | "recht" => "legal",
            "regulatory" | "regulation" | "regulatorisch" | "aufsicht" | "regulierung" => {
                "regulatory"
            }
            "contractual" | "contract" | "contracts" | "vertraglich" | "vertrag" | "verträge" => {
                "contractual"
            }
            "business" | "business requirement" | "geschäftlich" | "geschäftsanforderung" => {
                "business"
            }
            other => {
                return Err(format!(
                    "`{other}` is not a reason for inclusion: risk treatment, legal, regulatory, contractual or business"
                ))
            }
        };
        if !out.contains(&reason) {
            out.push(reason);
        }
    }
    Ok(out)
}

fn implementation(text: &str, date: Option<&str>) -> Result<Option<Implementation>, String> {
    let lower = text.to_lowercase();
    let (word, rest) = match lower.split_once(char::is_whitespace) {
        Some((w, r)) if w == "planned" || w == "geplant" => (w.to_string(), r.trim().to_string()),
        _ => (lower.clone(), String::new()),
    };
    Ok(Some(match word.as_str() {
        "" => return Ok(None),
        "implemented" | "umgesetzt" | "done" | "yes" | "ja" | "in place" | "complete"
        | "vollständig umgesetzt" | "erledigt" => Implementation::Implemented,
        "partial" | "partially implemented" | "partly" | "partly implemented" | "teilweise"
        | "teilweise umgesetzt" | "in progress" | "in bearbeitung" | "in umsetzung" => {
            Implementation::Partial
        }
        "not implemented" | "not-implemented" | "no" | "nein" | "open" | "offen"
        | "nicht umgesetzt" | "not started" => Implementation::NotImplemented,
        "planned" | "geplant" => {
            let written = if rest.is_empty() { date.unwrap_or("") } else { rest.as_str() };
            let written = written.trim_start_matches("for ").trim_start_matches("bis ").trim();
            match iso_date(written) {
                Some(date) => Implementation::Planned(date),
                None if written.is_empty() => {
                    return Err("planned without a date: give the date (2027-03-31 or 31.03.2027)".into())
                }
                None => return Err(format!("`{written}` is not a date (2027-03-31 or 31.03.2027)")),
            }
        }
        other => {
            return Err(format!(
                "`{other}` is not an implementation status: implemented, partial, planned with a date, or not implemented"
            ))
        }
    }))
}

/// `2027-03-31` or the German `31.03.2027`, as `YYYY-MM-DD`, if a real date.
fn iso_date(text: &str) -> Option<String> {
    let iso = match text.split('.').collect::<Vec<_>>().as_slice() {
        [day, month, year] if year.len() == 4 => format!("{year}-{month:0>2}-{day:0>2}"),
        _ => text.to_string(),
    };
    ims_analysis::date::Date::parse(&iso).map(|d| d.to_string())
}

/// Joins a row into the entry of the same 2022 control: with
/// `--from-2013` several 2013 controls may become one.
fn merge(known: &mut Entry, entry: Entry, options: &Options, problems: &mut Vec<Problem>) {
    let row = entry.rows[0];
    if !options.from_2013 {
        problems.push(Problem {
            row,
            message: format!(
                "{} is given again; row {} has it already",
                entry.control, known.rows[0]
            ),
            row_lost: true,
        });
        return;
    }
    if known.applicable != entry.applicable {
        problems.push(Problem {
            row,
            message: format!(
                "A.{} of 27001:2022 joins 2013 controls that are applicable and excluded (rows {} and {row}): it is imported as applicable",
                known.control.trim_start_matches("A."),
                known.rows[0]
            ),
            row_lost: false,
        });
        known.applicable = true;
    }
    known.rows.push(row);
    if !entry.justification.is_empty() && !known.justification.contains(&entry.justification) {
        if !known.justification.is_empty() {
            known.justification.push_str("; ");
        }
        known.justification.push_str(&entry.justification);
    }
    for reason in entry.reasons {
        if !known.reasons.contains(&reason) {
            known.reasons.push(reason);
        }
    }
    // The least implemented of the joined controls is what holds for all.
    known.implementation = match (known.implementation.take(), entry.implementation) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    known.owner = known.owner.take().or(entry.owner);
    for item in entry.evidence {
        if !known.evidence.contains(&item) {
            known.evidence.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{control_number, implementation, iso_date, reasons, Implementation};

    #[test]
    fn control_numbers_as_people_write_them() {
        for (text, parts) in [
            ("A.5.1", Some(vec![5, 1])),
            ("a 5.10", Some(vec![5, 10])),
            ("5.1", Some(vec![5, 1])),
            ("A5.1", Some(vec![5, 1])),
            ("27001:A.8.11", Some(vec![8, 11])),
            ("Annex A 8.11", Some(vec![8, 11])),
            ("A.9.2.3 User access", Some(vec![9, 2, 3])),
            ("A.5.1.", Some(vec![5, 1])),
            ("Access control", None),
            ("5", None),
            ("5.1x", None),
        ] {
            assert_eq!(control_number(text), parts, "{text}");
        }
    }

    #[test]
    fn statuses_and_dates_in_english_and_german() {
        assert_eq!(implementation("Umgesetzt", None), Ok(Some(Implementation::Implemented)));
        assert_eq!(implementation("teilweise", None), Ok(Some(Implementation::Partial)));
        assert_eq!(
            implementation("geplant", Some("30.09.2027")),
            Ok(Some(Implementation::Planned("2027-09-30".into())))
        );
        assert_eq!(
            implementation("planned 2027-09-30", None),
            Ok(Some(Implementation::Planned("2027-09-30".into())))
        );
        assert!(implementation("planned", None).unwrap_err().contains("without a date"));
        assert!(implementation("soon", None).is_err());
        assert_eq!(implementation("", None), Ok(None));
        assert_eq!(iso_date("1.2.2027").as_deref(), Some("2027-02-01"));
        assert_eq!(iso_date("31.02.2027"), None);
    }

    #[test]
    fn reasons_in_english_and_german() {
        assert_eq!(
            reasons("Risk treatment, contractual"),
            Ok(vec!["risk-treatment", "contractual"])
        );
        assert_eq!(reasons("Gesetzlich und vertraglich"), Ok(vec!["legal", "contractual"]));
        assert_eq!(
            reasons("risk-treatment, legal, regulatory"),
            Ok(vec!["risk-treatment", "legal", "regulatory"])
        );
        assert!(reasons("because").is_err());
    }
}
