//! Inlay hints: the title of the clause after each clause reference, so
//! `covers 9001:8.4` reads `covers 9001:8.4 Control of externally provided…`.
//! Unknown clauses get no hint (they have a diagnostic instead).
//!
//! Editors cut the hints of a line beyond a total length (VS Code's
//! `editor.inlayHints.maximumLength`, 43 characters by default), which
//! would leave the later references of a long `covers` line without a
//! title. So the hints of one line share [`LINE_BUDGET`] characters, each
//! title shortened at a word with `…`; the full title is the hint's tooltip.

use ims_syntax::TextRange;

use ims_analysis::{Analysis, FileId, Workspace};

use super::cursor::clause_refs;

/// The characters the hints of one line may take together, under VS Code's
/// default limit of 43.
pub const LINE_BUDGET: usize = 40;

/// The fewest characters a shortened title keeps.
const MIN_LABEL: usize = 8;

/// A label to show at `offset`, after the text there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    /// The title, shortened to share the line (plain text).
    pub label: String,
    /// The reference and its full title (plain text).
    pub tooltip: String,
}

/// The hints of `file`, limited to `range` when given, in document order.
pub fn inlay_hints(
    ws: &Workspace,
    analysis: &Analysis,
    file: FileId,
    range: Option<TextRange>,
) -> Vec<InlayHint> {
    let text = &ws.file(file).text;
    let mut hints: Vec<(usize, String, String)> = clause_refs(ws, &analysis.model, Some(file))
        .into_iter()
        .filter(|(_, at)| range.is_none_or(|r| r.start <= at.range.end && at.range.start <= r.end))
        .filter_map(|(_, at)| {
            let clause = ws.catalog.clause(at.key.as_ref()?)?;
            let written = text.get(at.range.start..at.range.end).unwrap_or_default();
            Some((at.range.end, clause.title.clone(), format!("{written} {}", clause.title)))
        })
        .collect();
    hints.sort_by_key(|h| h.0);
    // The line of each hint, in one pass over the text (hints are sorted).
    let mut lines = Vec::with_capacity(hints.len());
    let (mut line, mut at) = (0, 0);
    for (offset, _, _) in &hints {
        line += text[at..*offset].bytes().filter(|&b| b == b'\n').count();
        at = *offset;
        lines.push(line);
    }
    let mut out = Vec::with_capacity(hints.len());
    let mut start = 0;
    while start < hints.len() {
        let end = start + lines[start..].iter().take_while(|&&l| l == lines[start]).count();
        let titles: Vec<&str> = hints[start..end].iter().map(|h| h.1.as_str()).collect();
        let widths = share_line(&titles);
        for ((offset, title, tooltip), width) in hints[start..end].iter().zip(widths) {
            out.push(InlayHint {
                offset: *offset,
                label: shorten(title, width),
                tooltip: tooltip.clone(),
            });
        }
        start = end;
    }
    out
}

/// How many characters each title of one line may keep: [`LINE_BUDGET`]
/// (less a separating space per hint) shared out so that a short title
/// stays whole and leaves its unused share to the longer ones.
fn share_line(titles: &[&str]) -> Vec<usize> {
    let mut budget = LINE_BUDGET.saturating_sub(titles.len());
    let mut widths = vec![0; titles.len()];
    let mut order: Vec<usize> = (0..titles.len()).collect();
    order.sort_by_key(|&i| titles[i].chars().count());
    for (done, &i) in order.iter().enumerate() {
        let fair = budget / (titles.len() - done);
        let width = titles[i].chars().count().min(fair).max(MIN_LABEL);
        widths[i] = width;
        budget = budget.saturating_sub(width);
    }
    widths
}

/// `title` in at most `max` characters: whole, or cut after a word with `…`
/// (mid-word only when its first word is longer than that).
fn shorten(title: &str, max: usize) -> String {
    if title.chars().count() <= max {
        return title.to_string();
    }
    let keep: String = title.chars().take(max - 1).collect();
    let cut = match keep.rfind(' ') {
        Some(space) if space > 0 => keep[..space].trim_end_matches([',', ';', ':']).to_string(),
        _ => keep,
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::inlay_hints;

    /// Renders the file with each hint inserted as `⟨title⟩`.
    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let hints = inlay_hints(&f.workspace, &f.analysis, f.file(), f.range);
        let mut text = f.workspace.file(f.file()).text.to_string();
        for hint in hints.iter().rev() {
            text.insert_str(hint.offset, &format!("⟨{}⟩", hint.label));
        }
        expect.assert_eq(&text);
    }

    #[test]
    fn titles_after_references_and_range_ends() {
        check(
            r#"
            ims "T" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
            system ISMS standard iso27001@2022 {
              controls { applicable 27001:A.5.19 .. 27001:A.5.23 }
            }
            process p { covers 20000-1:8.3.4, 9001:8.4, 20000-1:8.7.3 via ISMS }
            "#,
            expect![[r#"
                ims "T" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
                system ISMS standard iso27001@2022 {
                  controls { applicable 27001:A.5.19⟨Information…⟩ .. 27001:A.5.23⟨Information…⟩ }
                }
                process p { covers 20000-1:8.3.4⟨Supplier…⟩, 9001:8.4⟨Control of…⟩, 20000-1:8.7.3⟨Information…⟩ via ISMS }
            "#]],
        );
    }

    #[test]
    fn no_hint_for_unknown_clauses_or_standards() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            process p { covers 9001:8.99, 14001:8.1, 9001:, 9001:4.1 }
            "#,
            expect![[r#"
                ims "T" { standards iso9001@2015 }
                process p { covers 9001:8.99, 14001:8.1, 9001:, 9001:4.1⟨Understanding the organization and…⟩ }
            "#]],
        );
    }

    #[test]
    fn only_in_the_requested_range() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            process p { covers 9001:4.1 }
            $0process q { covers 9001:4.2 }$0
            process r { covers 9001:4.3 }
            "#,
            expect![[r#"
                ims "T" { standards iso9001@2015 }
                process p { covers 9001:4.1 }
                process q { covers 9001:4.2⟨Understanding the needs and…⟩ }
                process r { covers 9001:4.3 }
            "#]],
        );
    }

    /// A long `covers` line: every reference gets a title, and together
    /// they stay within VS Code's default `editor.inlayHints.maximumLength`.
    #[test]
    fn a_long_covers_line_shares_the_budget() {
        let f = fixture::parse(
            r#"
            ims "T" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
            process p { covers 20000-1:8.3.4, 9001:8.4, 27001:A.5.19, 27001:A.5.20 }
            "#,
        );
        let hints = inlay_hints(&f.workspace, &f.analysis, f.file(), None);
        let labels: Vec<String> =
            hints.iter().map(|h| format!("{} | {}", h.label, h.tooltip)).collect();
        expect![[r#"
            Supplier… | 20000-1:8.3.4 Supplier management
            Control… | 9001:8.4 Control of externally provided processes, products and services
            Informat… | 27001:A.5.19 Information security in supplier relationships
            Addressi… | 27001:A.5.20 Addressing information security within supplier agreements"#]]
        .assert_eq(&labels.join("\n"));
        let total: usize = hints.iter().map(|h| h.label.chars().count() + 1).sum();
        assert!(total <= 43, "{total} characters of hints on one line");
    }
}
