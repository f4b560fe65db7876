//! Rename: a declared name and every use of it, across all files.
//! `prepare_rename` says whether the cursor is on something renamable (a
//! name that resolves to a declaration) and which range the editor should
//! select; `rename` checks the new name first: it must be an identifier and
//! not already the name of a declaration. A keyword is a good name
//! (keywords are contextual, docs/language.md 2.5).

use ims_syntax::TextRange;

use ims_analysis::{Analysis, TextEdit, Workspace};

use super::cursor::{is_identifier, occurrences, target_at, Target};
use super::FilePosition;

/// The range of the renamable name at `pos`.
pub fn prepare_rename(ws: &Workspace, analysis: &Analysis, pos: FilePosition) -> Option<TextRange> {
    match target_at(ws, &analysis.model, pos)? {
        Target::Entity { range, .. } => Some(range),
        _ => None,
    }
}

/// The edits that rename the name at `pos` to `new_name`, or why not.
pub fn rename(
    ws: &Workspace,
    analysis: &Analysis,
    pos: FilePosition,
    new_name: &str,
) -> Result<Vec<TextEdit>, String> {
    let model = &analysis.model;
    let Some(Target::Entity { id, .. }) = target_at(ws, model, pos) else {
        return Err("only a declared name can be renamed here".to_string());
    };
    if !is_identifier(new_name) {
        return Err(format!(
            "`{new_name}` is not a name: a name starts with a letter or `_` and holds letters, digits, `_` and `-`"
        ));
    }
    let entity = model.entity(id);
    if new_name == entity.name {
        return Ok(Vec::new());
    }
    if let Some(taken) = model.lookup(new_name) {
        return Err(format!(
            "`{new_name}` is already the name of a {}",
            model.entity(taken).kind.keyword()
        ));
    }
    let mut edits: Vec<TextEdit> = occurrences(model, id, true)
        .map(|(location, _)| TextEdit { location, new_text: new_name.to_string() })
        .collect();
    edits.sort_by_key(|e| e.location);
    edits.dedup();
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::{prepare_rename, rename};

    /// Applies the edits and shows every changed file.
    #[track_caller]
    fn check(fixture: &str, new_name: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let actual = match rename(&f.workspace, &f.analysis, f.position, new_name) {
            Ok(edits) => {
                let mut out = String::new();
                for file in f.workspace.file_ids() {
                    let mut text = f.workspace.file(file).text.to_string();
                    let mut mine: Vec<_> =
                        edits.iter().filter(|e| e.location.file == file).collect();
                    if mine.is_empty() {
                        continue;
                    }
                    mine.sort_by_key(|e| std::cmp::Reverse(e.location.range.start));
                    for edit in mine {
                        text.replace_range(
                            edit.location.range.start..edit.location.range.end,
                            &edit.new_text,
                        );
                    }
                    out.push_str(&format!("{}\n{text}", f.workspace.file(file).path.display()));
                }
                out
            }
            Err(message) => format!("error: {message}\n"),
        };
        expect.assert_eq(&actual);
    }

    #[track_caller]
    fn check_prepare(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let actual = match prepare_rename(&f.workspace, &f.analysis, f.position) {
            Some(range) => f.show_range(range) + "\n",
            None => "not renamable\n".to_string(),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn renames_the_definition_and_every_use_across_files() {
        check(
            r#"
            //- /org.ims
            site hq "HQ"
            unit o$0ps "Ops" at hq
            service s "S" { delivered-by ops }
            //- /systems.ims
            system QMS standard iso9001@2015 { scope { units ops } }
            process p { owner ops; performed-by ops, opsx }
            "#,
            "operations",
            expect![[r#"
                /org.ims
                site hq "HQ"
                unit operations "Ops" at hq
                service s "S" { delivered-by operations }
                /systems.ims
                system QMS standard iso9001@2015 { scope { units operations } }
                process p { owner operations; performed-by operations, opsx }
            "#]],
        );
    }

    #[test]
    fn renames_from_a_use_and_via() {
        check(
            r#"
            system ISMS standard iso27001@2022
            process p { covers 20000-1:8.7.3 via IS$0MS }
            "#,
            "security",
            expect![[r#"
                /main.ims
                system security standard iso27001@2022
                process p { covers 20000-1:8.7.3 via security }
            "#]],
        );
    }

    #[test]
    fn rejects_bad_names() {
        let fixture = r#"
            site hq "HQ"
            unit o$0ps "Ops" at hq
            "#;
        check(
            fixture,
            "2nd-line",
            expect![[r#"
            error: `2nd-line` is not a name: a name starts with a letter or `_` and holds letters, digits, `_` and `-`
        "#]],
        );
        check(
            fixture,
            "ops team",
            expect![[r#"
            error: `ops team` is not a name: a name starts with a letter or `_` and holds letters, digits, `_` and `-`
        "#]],
        );
        // A keyword is a name where a name is expected.
        check(
            fixture,
            "site",
            expect![[r#"
                /main.ims
                site hq "HQ"
                unit site "Ops" at hq
            "#]],
        );
        check(
            fixture,
            "hq",
            expect![[r#"
            error: `hq` is already the name of a site
        "#]],
        );
        check(fixture, "ops", expect![[r#""#]]);
    }

    #[test]
    fn nothing_to_rename_on_a_clause_or_an_undefined_name() {
        check(
            r#"process p { covers 9001:8$0.4 }"#,
            "x",
            expect![[r#"
                error: only a declared name can be renamed here
            "#]],
        );
        check_prepare(
            r#"process p { covers 9001:8$0.4 }"#,
            expect![[r#"
            not renamable
        "#]],
        );
        check_prepare(
            r#"unit ops "Ops" at nowh$0ere"#,
            expect![[r#"
            not renamable
        "#]],
        );
        check_prepare(
            r#"site hq "HQ"; unit ops "Ops" at h$0q"#,
            expect![[r#"
            1:33-1:35 "hq"
        "#]],
        );
    }
}
