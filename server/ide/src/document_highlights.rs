//! Document highlights: the occurrences, in the current file, of the name
//! or clause under the cursor; the definition of a name is marked as such.

use ims_syntax::TextRange;

use ims_analysis::{Analysis, Workspace};

use super::cursor::{clause_refs, occurrences, target_at, Target};
use super::FilePosition;

/// One occurrence to highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: TextRange,
    pub is_definition: bool,
}

/// The occurrences of what is at `pos`, in its file, in document order.
pub fn document_highlights(
    ws: &Workspace,
    analysis: &Analysis,
    pos: FilePosition,
) -> Vec<Highlight> {
    let model = &analysis.model;
    let mut found: Vec<Highlight> = match target_at(ws, model, pos) {
        Some(Target::Entity { id, .. }) => occurrences(model, id, true)
            .filter(|(location, _)| location.file == pos.file)
            .map(|(location, is_definition)| Highlight { range: location.range, is_definition })
            .collect(),
        Some(Target::Clause(at)) => match at.key {
            Some(key) => clause_refs(ws, model, Some(pos.file))
                .into_iter()
                .filter(|(_, other)| other.key.as_ref() == Some(&key))
                .map(|(_, other)| Highlight { range: other.range, is_definition: false })
                .collect(),
            None => vec![Highlight { range: at.range, is_definition: false }],
        },
        Some(Target::Unresolved { range }) => {
            // Highlight the other uses of the same undefined name.
            let text = &ws.file(pos.file).text[range.start..range.end];
            model
                .name_uses
                .iter()
                .filter(|u| u.location.file == pos.file && u.target.is_none() && u.name == text)
                .map(|u| Highlight { range: u.location.range, is_definition: false })
                .collect()
        }
        Some(Target::Edition { .. }) | None => Vec::new(),
    };
    found.sort_by_key(|h| h.range);
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::document_highlights;

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let found = document_highlights(&f.workspace, &f.analysis, f.position);
        let lines: Vec<String> = found
            .iter()
            .map(|h| {
                let mark = if h.is_definition { " (definition)" } else { "" };
                format!("{}{mark}", f.show_range(h.range))
            })
            .collect();
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    #[test]
    fn a_name_and_its_definition() {
        check(
            r#"
            site hq "HQ"
            unit ops "Ops" at hq
            unit sales "Sales" at h$0q
            "#,
            expect![[r#"
                1:6-1:8 "hq" (definition)
                2:19-2:21 "hq"
                3:23-3:25 "hq"
            "#]],
        );
    }

    #[test]
    fn only_in_the_current_file() {
        check(
            r#"
            //- /a.ims
            site hq "HQ"
            //- /b.ims
            unit ops "Ops" at hq$0
            system S standard iso9001@2015 { scope { sites hq } }
            "#,
            expect![[r#"
                /b.ims 1:19-1:21 "hq"
                /b.ims 2:48-2:50 "hq"
            "#]],
        );
    }

    #[test]
    fn a_clause() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            process p { covers 9001:8.4$0, 9001:8.4.1 }
            process q { covers iso9001:8.4 }
            "#,
            expect![[r#"
                2:20-2:28 "9001:8.4"
                3:20-3:31 "iso9001:8.4"
            "#]],
        );
    }

    #[test]
    fn an_undefined_name() {
        check(
            r#"
            unit ops "Ops" at nowhere
            unit sales "Sales" at nowh$0ere
            "#,
            expect![[r#"
                1:19-1:26 "nowhere"
                2:23-2:30 "nowhere"
            "#]],
        );
    }
}
