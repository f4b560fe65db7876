//! Go to definition: from a use of a name (in a list, after `owner` or
//! `via`) to the name in its declaration, in whichever file it is. A
//! definition leads to itself. Clause references have no definition in the
//! workspace (hover describes them).

use ims_analysis::{Analysis, FileRange, Workspace};

use super::cursor::{target_at, Target};
use super::FilePosition;

/// Where the name at `pos` is defined.
pub fn goto_definition(
    ws: &Workspace,
    analysis: &Analysis,
    pos: FilePosition,
) -> Option<FileRange> {
    match target_at(ws, &analysis.model, pos)? {
        Target::Entity { id, .. } => Some(analysis.model.entity(id).name_location()),
        Target::Unresolved { .. } | Target::Clause(_) | Target::Edition { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::goto_definition;

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let actual = match goto_definition(&f.workspace, &f.analysis, f.position) {
            Some(location) => f.show(location) + "\n",
            None => "no definition\n".to_string(),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn from_a_use_in_a_list() {
        check(
            r#"
            site hq "HQ"
            site dc1 "DC"
            unit ops "Ops" at hq, d$0c1
            "#,
            expect![[r#"
                2:6-2:9 "dc1"
            "#]],
        );
    }

    #[test]
    fn across_files_and_from_via() {
        check(
            r#"
            //- /systems.ims
            system ISMS "Security" standard iso27001@2022
            //- /processes.ims
            process p { covers 20000-1:8.7.3 via IS$0MS }
            "#,
            expect![[r#"
                /systems.ims 1:8-1:12 "ISMS"
            "#]],
        );
    }

    #[test]
    fn at_the_end_of_a_name() {
        check(
            r#"
            unit ops "Ops"
            process p { owner ops$0 }
            "#,
            expect![[r#"
                1:6-1:9 "ops"
            "#]],
        );
    }

    #[test]
    fn a_definition_leads_to_itself() {
        check(
            r#"site h$0q "HQ""#,
            expect![[r#"
            1:6-1:8 "hq"
        "#]],
        );
    }

    #[test]
    fn nothing_for_undefined_names_clauses_and_keywords() {
        check(
            r#"unit ops "Ops" at nowh$0ere"#,
            expect![[r#"
            no definition
        "#]],
        );
        check(
            r#"process p { covers 9001:8$0.4 }"#,
            expect![[r#"
            no definition
        "#]],
        );
        check(
            r#"unit ops "Ops" a$0t hq"#,
            expect![[r#"
            no definition
        "#]],
        );
    }
}
