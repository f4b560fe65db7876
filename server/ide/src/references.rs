//! Find references: every place a name is used (and, if asked, where it is
//! defined), across all files; on a clause reference, every reference to
//! the same clause of the same edition, including the ends of ranges.

use ims_analysis::{Analysis, FileRange, Workspace};

use super::cursor::{clause_refs, occurrences, target_at, Target};
use super::FilePosition;

/// The references to what is at `pos`, sorted by file and position.
pub fn references(
    ws: &Workspace,
    analysis: &Analysis,
    pos: FilePosition,
    include_declaration: bool,
) -> Vec<FileRange> {
    let model = &analysis.model;
    let mut found: Vec<FileRange> = match target_at(ws, model, pos) {
        Some(Target::Entity { id, .. }) => {
            occurrences(model, id, include_declaration).map(|(location, _)| location).collect()
        }
        Some(Target::Clause(at)) => match at.key {
            Some(key) => clause_refs(ws, model, None)
                .into_iter()
                .filter(|(_, other)| other.key.as_ref() == Some(&key))
                .map(|(file, other)| FileRange { file, range: other.range })
                .collect(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    };
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::references;

    #[track_caller]
    fn check_with(fixture: &str, include_declaration: bool, expect: Expect) {
        let f = fixture::parse(fixture);
        let found = references(&f.workspace, &f.analysis, f.position, include_declaration);
        let lines: Vec<String> = found.iter().map(|l| f.show(*l)).collect();
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        check_with(fixture, true, expect);
    }

    #[test]
    fn uses_of_a_unit_across_files() {
        check(
            r#"
            //- /org.ims
            site hq "HQ"
            unit o$0ps "Ops" at hq
            service s "S" { delivered-by ops }
            //- /systems.ims
            system QMS standard iso9001@2015 { scope { units ops } }
            process p { owner ops; performed-by ops }
            "#,
            expect![[r#"
                /org.ims 2:6-2:9 "ops"
                /org.ims 3:30-3:33 "ops"
                /systems.ims 1:50-1:53 "ops"
                /systems.ims 2:19-2:22 "ops"
                /systems.ims 2:37-2:40 "ops"
            "#]],
        );
    }

    #[test]
    fn without_the_declaration() {
        check_with(
            r#"
            site hq "HQ"
            unit ops "Ops" at h$0q
            system QMS standard iso9001@2015 { scope { sites hq } }
            "#,
            false,
            expect![[r#"
                2:19-2:21 "hq"
                3:50-3:52 "hq"
            "#]],
        );
    }

    #[test]
    fn uses_of_a_name_of_the_wrong_kind_count() {
        check(
            r#"
            site hq "HQ"
            process p { owner h$0q }
            "#,
            expect![[r#"
                1:6-1:8 "hq"
                2:19-2:21 "hq"
            "#]],
        );
    }

    #[test]
    fn same_clause_of_the_same_edition() {
        check(
            r#"
            ims "T" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
            system ISMS standard iso27001@2022 {
              controls { applicable 27001:A.5.19 .. 27001:A.5.23 }
            }
            process p { covers 27001:A.5.2$03, 27001:A.5.19 }
            process q { covers iso27001:A.5.23, 9001:8.4 }
            "#,
            expect![[r#"
                3:41-3:53 "27001:A.5.23"
                5:20-5:32 "27001:A.5.23"
                6:20-6:35 "iso27001:A.5.23"
            "#]],
        );
    }
}
