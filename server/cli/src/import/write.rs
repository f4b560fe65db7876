//! The `.ims` text of an imported Statement of Applicability: the header,
//! a `unit` for each owner and a `document` for each piece of evidence the
//! sheet names, and one system whose `controls` block has a statement for
//! each group of controls that the sheet says the same of (consecutive
//! controls as ranges). The text is formatted by the one formatter.

use std::collections::HashMap;

use super::entries::{Entry, Implementation};

/// How the sheet's owners and evidence are named in the IMS.
#[derive(Default)]
pub struct Names {
    /// Text in the sheet -> name.
    by_text: Vec<(String, String)>,
    /// Name -> title, in the order first named.
    titles: Vec<(String, String)>,
}

impl Names {
    /// The name for `text`: `text` itself when it is already a name of the
    /// language in lower case (as the report writes names), with the title
    /// `known` gives it; else a name made from it, with `text` as its title.
    fn name(&mut self, text: &str, known: &HashMap<String, String>) -> String {
        if let Some((_, name)) = self.by_text.iter().find(|(t, _)| t == text) {
            return name.clone();
        }
        let (base, title) = if is_name(text) {
            (text.to_string(), known.get(text).cloned().unwrap_or_else(|| text.to_string()))
        } else {
            (slug(text), text.to_string())
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.titles.iter().any(|(known, t)| *known == name && *t != title) {
            name = format!("{base}-{n}");
            n += 1;
        }
        if !self.titles.iter().any(|(known, _)| *known == name) {
            self.titles.push((name.clone(), title));
        }
        self.by_text.push((text.to_string(), name.clone()));
        name
    }
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.ends_with('-')
}

/// `Information Security Officer` -> `information-security-officer`;
/// umlauts spelt out (`ä` -> `ae`), anything else a hyphen.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let spelt = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' => "e",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if spelt == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(spelt);
        }
    }
    let out = out.trim_end_matches('-').to_string();
    match out.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => out,
        Some(_) => format!("x-{out}"),
        None => "unnamed".to_string(),
    }
}

/// A string literal of the language.
fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub struct Header<'a> {
    pub title: &'a str,
    pub system: &'a str,
}

/// The IMS text (formatted) of the entries. `units` and `documents` give
/// the titles of names the sheet uses (from the report's own Scope and
/// Documented information sheets).
pub fn ims_text(
    header: &Header<'_>,
    entries: &[Entry],
    controls_in_order: &[String],
    units: &HashMap<String, String>,
    documents: &HashMap<String, String>,
) -> String {
    let mut owners = Names::default();
    let mut evidence = Names::default();
    // Statements, in the order of their first control, with their controls.
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for entry in entries {
        let owner = entry.owner.as_deref().map(|o| owners.name(o, units));
        let items: Vec<String> =
            entry.evidence.iter().map(|e| evidence.name(e, documents)).collect();
        let statement = statement_head(entry, owner.as_deref(), &items);
        match groups.iter_mut().find(|(s, _)| *s == statement) {
            Some((_, controls)) => controls.push(&entry.control),
            None => groups.push((statement, vec![&entry.control])),
        }
    }
    let mut out = String::new();
    out.push_str("// Statement of Applicability imported with `ims import`.\n");
    out.push_str(&format!("ims {} {{\n  standards iso27001@2022\n}}\n\n", string(header.title)));
    for (name, title) in &owners.titles {
        out.push_str(&format!("unit {name} {}\n", string(title)));
    }
    if !owners.titles.is_empty() {
        out.push('\n');
    }
    for (name, title) in &evidence.titles {
        out.push_str(&format!("document {name} {}\n", string(title)));
    }
    if !evidence.titles.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("system {} standard iso27001@2022 {{\n  controls {{\n", header.system));
    for (statement, controls) in &groups {
        let (keyword_and_clauses, rest) = statement.split_once('\u{0}').unwrap_or((statement, ""));
        // Long lists one item a line (the formatter aligns them).
        let items = ranges(controls, controls_in_order);
        let separator = if items.len() > 3 { ",\n      " } else { ", " };
        out.push_str(&format!("    {} {}{rest}\n", keyword_and_clauses, items.join(separator)));
    }
    out.push_str("  }\n}\n");
    let syntax = ims_syntax::parse(&out);
    ims_fmt::format(&syntax, &out).unwrap_or(out)
}

/// `applicable\0 because "..." { ... }`: the keyword, then (after `\0`)
/// everything after the controls; equal for controls the sheet says the
/// same of.
fn statement_head(entry: &Entry, owner: Option<&str>, evidence: &[String]) -> String {
    let keyword = if entry.applicable { "applicable" } else { "excluded" };
    let mut rest = String::new();
    if !entry.justification.is_empty() {
        rest.push_str(&format!(" because {}", string(&entry.justification)));
    }
    let mut block = Vec::new();
    if !entry.reasons.is_empty() {
        block.push(format!("reason {}", entry.reasons.join(", ")));
    }
    match &entry.implementation {
        Some(Implementation::Implemented) => block.push("status implemented".into()),
        Some(Implementation::Partial) => block.push("status partial".into()),
        Some(Implementation::Planned(date)) => {
            block.push(format!("status planned {}", string(date)))
        }
        Some(Implementation::NotImplemented) => block.push("status not-implemented".into()),
        None => {}
    }
    if let Some(owner) = owner {
        block.push(format!("owner {owner}"));
    }
    if !evidence.is_empty() {
        block.push(format!("evidence {}", evidence.join(", ")));
    }
    if !block.is_empty() {
        rest.push_str(" {\n");
        for line in block {
            rest.push_str(&format!("      {line}\n"));
        }
        rest.push_str("    }");
    }
    format!("{keyword}\u{0}{rest}")
}

/// The controls as references, runs of consecutive controls (in the
/// standard's order) as ranges: `27001:A.5.1 .. 27001:A.5.3`.
fn ranges(controls: &[&str], order: &[String]) -> Vec<String> {
    let position = |c: &str| order.iter().position(|o| o == c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < controls.len() {
        let mut j = i;
        while j + 1 < controls.len()
            && position(controls[j]).zip(position(controls[j + 1])).is_some_and(|(a, b)| b == a + 1)
        {
            j += 1;
        }
        if j > i {
            out.push(format!("27001:{} .. 27001:{}", controls[i], controls[j]));
        } else {
            out.push(format!("27001:{}", controls[i]));
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ranges, slug, string};

    #[test]
    fn names_from_text() {
        assert_eq!(slug("Information Security Officer"), "information-security-officer");
        assert_eq!(slug("Leiter IT-Betrieb (Rechenzentrum)"), "leiter-it-betrieb-rechenzentrum");
        assert_eq!(slug("Geschäftsführung"), "geschaeftsfuehrung");
        assert_eq!(slug("2nd line"), "x-2nd-line");
        assert_eq!(slug("!!!"), "unnamed");
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("say \"hi\"\\\n"), r#""say \"hi\"\\\n""#);
    }

    #[test]
    fn consecutive_controls_are_ranges() {
        let order: Vec<String> =
            ["A.5.1", "A.5.2", "A.5.3", "A.5.4", "A.5.5"].map(String::from).to_vec();
        assert_eq!(
            ranges(&["A.5.1", "A.5.2", "A.5.3", "A.5.5"], &order),
            ["27001:A.5.1 .. 27001:A.5.3", "27001:A.5.5"]
        );
    }
}
