//! Which column of a sheet holds what: the header row is found among the
//! first rows, and its headers are recognised in English and German
//! (`Control`/`Maßnahme`, `Applicable`/`Anwendbar`,
//! `Justification`/`Begründung` ...). `--mapping` names a column by its
//! header or its letter (`B`) and says what it holds, over what was
//! recognised.

use super::table::{CellValue, Sheet};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Control,
    Title,
    Applicable,
    Justification,
    Reason,
    Status,
    Date,
    Owner,
    Evidence,
    /// A column read by no one (`--mapping X=ignore`, or a known column of
    /// the report's own sheets such as *Implemented by*).
    Ignore,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Control,
        Field::Title,
        Field::Applicable,
        Field::Justification,
        Field::Reason,
        Field::Status,
        Field::Date,
        Field::Owner,
        Field::Evidence,
        Field::Ignore,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Control => "control",
            Field::Title => "title",
            Field::Applicable => "applicable",
            Field::Justification => "justification",
            Field::Reason => "reason",
            Field::Status => "status",
            Field::Date => "date",
            Field::Owner => "owner",
            Field::Evidence => "evidence",
            Field::Ignore => "ignore",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The headers recognised, lower case, without spaces around: English,
/// German, and the columns of the report's own SoA sheet.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Control,
        &[
            "control",
            "control id",
            "control no",
            "control no.",
            "control number",
            "control ref",
            "control reference",
            "annex a control",
            "annex a",
            "reference",
            "ref",
            "ref.",
            "id",
            "nr",
            "nr.",
            "no",
            "no.",
            "maßnahme nr",
            "maßnahme nr.",
            "maßnahmen-nr.",
            "maßnahmennummer",
            "massnahme nr",
            "control-nr.",
            "referenz",
            "kontrolle",
            "maßnahme",
            "massnahme",
            "anhang a",
        ],
    ),
    (
        Field::Title,
        &[
            "title",
            "control title",
            "control name",
            "name",
            "titel",
            "bezeichnung",
            "maßnahmentitel",
            "beschreibung der maßnahme",
            "control description",
        ],
    ),
    (
        Field::Applicable,
        &[
            "applicable",
            "applicability",
            "included",
            "include",
            "selected",
            "in scope",
            "anwendbar",
            "anwendbarkeit",
            "relevant",
            "ausgewählt",
        ],
    ),
    (
        Field::Justification,
        &[
            "justification",
            "justification for inclusion/exclusion",
            "justification for inclusion or exclusion",
            "justification for exclusion",
            "rationale",
            "begründung",
            "begruendung",
            "begründung für ein- oder ausschluss",
            "begründung (ein-/ausschluss)",
            "reason for inclusion/exclusion",
        ],
    ),
    (
        Field::Reason,
        &[
            "reason",
            "reasons",
            "reason for inclusion",
            "selection reason",
            "basis",
            "grund",
            "gründe",
            "auswahlgrund",
            "grund der auswahl",
        ],
    ),
    (
        Field::Status,
        &[
            "status",
            "implementation",
            "implementation status",
            "implemented",
            "state",
            "umsetzung",
            "umsetzungsstatus",
            "umgesetzt",
            "stand",
            "status der umsetzung",
        ],
    ),
    (
        Field::Date,
        &[
            "due date",
            "target date",
            "planned date",
            "planned for",
            "deadline",
            "termin",
            "frist",
            "zieldatum",
            "geplant bis",
            "umsetzung bis",
        ],
    ),
    (
        Field::Owner,
        &[
            "owner",
            "control owner",
            "responsible",
            "responsibility",
            "verantwortlich",
            "verantwortlicher",
            "verantwortung",
            "eigentümer",
            "zuständig",
        ],
    ),
    (
        Field::Evidence,
        &[
            "evidence",
            "evidence/documents",
            "documents",
            "nachweis",
            "nachweise",
            "dokumente",
            "evidenz",
        ],
    ),
    (
        Field::Ignore,
        &["theme", "implemented by", "state in the ims", "thema", "kategorie", "category"],
    ),
];

fn recognise(header: &str) -> Option<Field> {
    let header = header.trim().to_lowercase();
    HEADERS.iter().find(|(_, names)| names.contains(&header.as_str())).map(|(f, _)| *f)
}

/// The columns of a sheet.
#[derive(Clone, Debug)]
pub struct Columns {
    /// The index of the header row in the sheet's rows.
    pub header_row: usize,
    /// What each column holds, by index; `None`: not recognised.
    pub fields: Vec<Option<Field>>,
    /// The header text of each column.
    pub headers: Vec<String>,
}

impl Columns {
    pub fn index(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    /// Headers that no field was found for.
    pub fn unrecognised(&self) -> Vec<(usize, &str)> {
        self.fields
            .iter()
            .zip(&self.headers)
            .enumerate()
            .filter(|(_, (f, h))| f.is_none() && !h.is_empty())
            .map(|(i, (_, h))| (i, h.as_str()))
            .collect()
    }
}

/// `A` for column 0, `AB` for column 27.
pub fn letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One `--mapping` item: `COLUMN=FIELD`, COLUMN a header or a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub column: String,
    pub field: Field,
}

pub fn parse_mapping(item: &str) -> Result<Mapping, String> {
    let (column, field) = item
        .split_once('=')
        .ok_or_else(|| format!("`{item}`: a mapping is COLUMN=FIELD, e.g. `Maßnahme=control`"))?;
    let field = Field::from_name(field.trim()).ok_or_else(|| {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        format!("`{item}`: unknown field `{}`; one of {}", field.trim(), names.join(", "))
    })?;
    Ok(Mapping { column: column.trim().to_string(), field })
}

/// Finds the header row among the first ten rows (the first with a
/// control column, recognised or mapped) and what each column holds.
pub fn detect(sheet: &Sheet, mappings: &[Mapping]) -> Result<Columns, String> {
    for (index, row) in sheet.rows.iter().enumerate().take(10) {
        let headers: Vec<String> = row.iter().map(|c| c.text().trim().to_string()).collect();
        let mut fields: Vec<Option<Field>> = headers.iter().map(|h| recognise(h)).collect();
        // A header recognised twice keeps its first column; a second
        // control column (`Nr.` then `Maßnahme`) is the title.
        for i in 0..fields.len() {
            if let Some(f) = fields[i] {
                if f != Field::Ignore && fields[..i].contains(&Some(f)) {
                    let title = f == Field::Control && !fields.contains(&Some(Field::Title));
                    fields[i] = title.then_some(Field::Title);
                }
            }
        }
        for mapping in mappings {
            let column = headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(&mapping.column))
                .or_else(|| (0..headers.len().max(26)).find(|&i| letter(i) == mapping.column));
            let Some(column) = column else { continue };
            if fields.len() <= column {
                fields.resize(column + 1, None);
            }
            for f in fields.iter_mut().filter(|f| **f == Some(mapping.field)) {
                if mapping.field != Field::Ignore {
                    *f = None;
                }
            }
            fields[column] = Some(mapping.field);
        }
        let mut headers = headers;
        headers.resize(fields.len(), String::new());
        if fields.contains(&Some(Field::Control)) {
            return Ok(Columns { header_row: index, fields, headers });
        }
    }
    Err(format!(
        "sheet \"{}\": no header row with a control column among its first ten rows; name it with --mapping COLUMN=control",
        sheet.name
    ))
}

/// The text of `field` in a row, if the sheet has such a column.
pub fn get<'r>(columns: &Columns, row: &'r [CellValue], field: Field) -> Option<&'r CellValue> {
    columns.index(field).and_then(|i| row.get(i))
}

#[cfg(test)]
mod tests {
    use super::{detect, letter, parse_mapping, Field, Mapping};
    use crate::import::table::{CellValue, Sheet};

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "s".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| CellValue::Text(c.to_string())).collect())
                .collect(),
        }
    }

    #[test]
    fn german_headers_below_a_title_row() {
        let s = sheet(&[
            &["Erklärung zur Anwendbarkeit", ""],
            &[
                "Nr.",
                "Maßnahme",
                "Anwendbar",
                "Begründung",
                "Umsetzung",
                "Verantwortlich",
                "Bemerkung",
            ],
        ]);
        let columns = detect(&s, &[]).unwrap();
        assert_eq!(columns.header_row, 1);
        assert_eq!(
            columns.fields,
            [
                Some(Field::Control),
                Some(Field::Title),
                Some(Field::Applicable),
                Some(Field::Justification),
                Some(Field::Status),
                Some(Field::Owner),
                None
            ]
        );
        assert_eq!(columns.unrecognised(), [(6, "Bemerkung")]);
    }

    #[test]
    fn a_mapping_overrides_by_header_or_letter() {
        let s = sheet(&[&["Ref", "Control", "Notes"]]);
        let mappings = [
            Mapping { column: "Control".into(), field: Field::Title },
            Mapping { column: "A".into(), field: Field::Control },
            Mapping { column: "C".into(), field: Field::Justification },
        ];
        let columns = detect(&s, &mappings).unwrap();
        assert_eq!(
            columns.fields,
            [Some(Field::Control), Some(Field::Title), Some(Field::Justification)]
        );
        assert!(parse_mapping("x").is_err());
        assert!(parse_mapping("B=colour").unwrap_err().contains("unknown field `colour`"));
    }

    #[test]
    fn column_letters() {
        assert_eq!(
            (letter(0), letter(25), letter(26), letter(27)),
            ("A".into(), "Z".into(), "AA".into(), "AB".into())
        );
    }
}
