//! Inlay hints: the title of the clause after each clause reference, so
//! `covers 9001:8.4` reads `covers 9001:8.4 Control of externally provided
//! processes, products and services`. Unknown clauses get no hint (they
//! have a diagnostic instead).

use ims_syntax::TextRange;

use ims_analysis::{Analysis, FileId, Workspace};

use super::cursor::clause_refs;

/// A label to show at `offset`, after the text there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
}

/// The hints of `file`, limited to `range` when given, in document order.
pub fn inlay_hints(
    ws: &Workspace,
    analysis: &Analysis,
    file: FileId,
    range: Option<TextRange>,
) -> Vec<InlayHint> {
    let mut hints: Vec<InlayHint> = clause_refs(ws, &analysis.model, Some(file))
        .into_iter()
        .filter(|(_, at)| range.is_none_or(|r| r.start <= at.range.end && at.range.start <= r.end))
        .filter_map(|(_, at)| {
            let clause = ws.catalog.clause(at.key.as_ref()?)?;
            Some(InlayHint { offset: at.range.end, label: clause.title.clone() })
        })
        .collect();
    hints.sort_by_key(|h| h.offset);
    hints
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
                  controls { applicable 27001:A.5.19⟨Information security in supplier relationships⟩ .. 27001:A.5.23⟨Information security for use of cloud services⟩ }
                }
                process p { covers 20000-1:8.3.4⟨Supplier management⟩, 9001:8.4⟨Control of externally provided processes, products and services⟩, 20000-1:8.7.3⟨Information security management⟩ via ISMS }
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
                process p { covers 9001:8.99, 14001:8.1, 9001:, 9001:4.1⟨Understanding the organization and its context⟩ }
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
                process q { covers 9001:4.2⟨Understanding the needs and expectations of interested parties⟩ }
                process r { covers 9001:4.3 }
            "#]],
        );
    }
}
