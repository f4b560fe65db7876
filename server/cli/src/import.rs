//! `ims import`: an existing Statement of Applicability (XLSX or CSV) as an
//! `.ims` file. `table` reads the spreadsheet, `columns` finds what each
//! column holds, `entries` reads the rows, `write` makes the IMS text.

pub mod columns;
pub mod entries;
pub mod table;
pub mod write;
