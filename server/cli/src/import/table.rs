//! Reading a spreadsheet into rows of text: an XLSX workbook (calamine) or
//! a CSV file (comma or semicolon, UTF-8 with or without a byte-order
//! mark). Every cell becomes the text a person sees in it; a number that
//! could stand for two control numbers (`5.1` typed into a number cell is
//! also what `5.10` becomes) is kept apart so that the row can be refused.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

/// The largest spreadsheet read: a real SoA is a few hundred kilobytes.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Text(String),
    /// A number cell, with the text it shows (`5.1`).
    Number(String),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
}

impl CellValue {
    pub fn text(&self) -> &str {
        match self {
            CellValue::Text(t) | CellValue::Number(t) | CellValue::Date(t) => t,
        }
    }
}

/// A sheet: its name and its rows (row numbers start at 1, as the
/// spreadsheet shows them).
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<CellValue>>,
}

/// The sheets of a workbook, or the one table of a CSV file.
pub fn read(path: &Path) -> Result<Vec<Sheet>, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?.len();
    if size > MAX_BYTES {
        return Err(format!(
            "{}: {} bytes; a spreadsheet to import may have at most {MAX_BYTES}",
            path.display(),
            size
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "xlsx" | "xlsm" => xlsx(&bytes).map_err(|e| format!("{}: {e}", path.display())),
        "csv" | "txt" => {
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("csv").to_string();
            csv(&bytes, name).map(|s| vec![s]).map_err(|e| format!("{}: {e}", path.display()))
        }
        _ => Err(format!(
            "{}: not a spreadsheet `ims import` reads: give an .xlsx workbook or a .csv file",
            path.display()
        )),
    }
}

fn xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not a readable XLSX workbook ({e})"))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| format!("sheet \"{name}\": {e}"))?;
        // Rows as the spreadsheet numbers them: the range may start below row 1.
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut cells = vec![CellValue::Text(String::new()); left as usize];
            cells.extend(row.iter().map(cell));
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn cell(data: &Data) -> CellValue {
    match data {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            CellValue::Text(s.trim().to_string())
        }
        Data::Int(i) => CellValue::Number(i.to_string()),
        Data::Float(f) => CellValue::Number(f.to_string()),
        Data::Bool(b) => CellValue::Text(if *b { "yes" } else { "no" }.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            CellValue::Date(format!("{year:04}-{month:02}-{day:02}"))
        }
        Data::DateTime(d) => CellValue::Number(d.as_f64().to_string()),
        Data::Error(e) => CellValue::Text(format!("#{e:?}")),
        Data::Empty => CellValue::Text(String::new()),
    }
}

/// A CSV file: UTF-8 (a byte-order mark is skipped), fields separated by
/// `,` or `;`, whichever the header line has more of (Excel writes `;`
/// where the decimal separator is a comma).
fn csv(bytes: &[u8], name: String) -> Result<Sheet, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!("not UTF-8 text (byte {}): save the sheet as \"CSV UTF-8\"", e.valid_up_to() + 1)
    })?;
    let first = text.lines().next().unwrap_or("");
    let delimiter =
        if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("line {}: {e}", i + 1))?;
        rows.push(record.iter().map(|f| CellValue::Text(unformula(f.trim()))).collect());
    }
    Ok(Sheet { name, rows })
}

/// A value as `ims report --format csv` wrote it: a leading `'` before a
/// formula character is the escape of OWASP's advice, not part of the text.
fn unformula(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => field.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{csv, CellValue};

    #[test]
    fn csv_with_semicolons_a_bom_and_umlauts() {
        let sheet =
            csv("\u{feff}Maßnahme;Begründung\nA.5.1;\"Gesetz; Vertrag\"\n".as_bytes(), "s".into())
                .unwrap();
        let text: Vec<Vec<&str>> =
            sheet.rows.iter().map(|r| r.iter().map(CellValue::text).collect()).collect();
        assert_eq!(text, [vec!["Maßnahme", "Begründung"], vec!["A.5.1", "Gesetz; Vertrag"]]);
    }

    #[test]
    fn csv_that_is_not_utf8_is_refused_with_advice() {
        let error = csv(b"Ma\xdfnahme,x\n", "s".into()).unwrap_err();
        assert_eq!(error, "not UTF-8 text (byte 3): save the sheet as \"CSV UTF-8\"");
    }

    #[test]
    fn the_reports_formula_escape_is_taken_off() {
        assert_eq!(super::unformula("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(super::unformula("'quoted'"), "'quoted'");
    }
}
