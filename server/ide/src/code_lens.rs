//! Code lenses: above each system, its coverage at a glance, e.g.
//! `SMS: 52/57 clauses covered, 3 delegated, 2 excluded · SoA 93/93`:
//! requirement clauses covered by a process, delegated to another system
//! and excluded as not applicable, out of all requirement clauses of its
//! standard; and, for a standard with Annex A, how many controls the
//! Statement of Applicability addresses and how many applicable ones no
//! process implements.

use ims_syntax::TextRange;

use ims_analysis::{Analysis, FileId, Workspace};

use super::hover::{control_counts, requirement_counts};

/// A line of information shown above `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLens {
    /// The system's name.
    pub range: TextRange,
    pub title: String,
}

/// The lenses of `file`, in document order.
pub fn code_lenses(_ws: &Workspace, analysis: &Analysis, file: FileId) -> Vec<CodeLens> {
    let model = &analysis.model;
    model
        .systems()
        .filter(|(_, e, _)| e.file == file)
        .map(|(id, e, _)| {
            let title = match model.coverage.get(&id) {
                None => format!("{}: no known standard, no coverage", e.name),
                Some(coverage) => {
                    let (covered, delegated, excluded) = requirement_counts(coverage);
                    let mut title = format!(
                        "{}: {covered}/{} clauses covered",
                        e.name,
                        coverage.requirements.len()
                    );
                    if delegated > 0 {
                        title.push_str(&format!(", {delegated} delegated"));
                    }
                    if excluded > 0 {
                        title.push_str(&format!(", {excluded} excluded"));
                    }
                    if !coverage.controls.is_empty() {
                        let (applicable, implemented, excluded) = control_counts(coverage);
                        title.push_str(&format!(
                            " · SoA {}/{}",
                            applicable + excluded,
                            coverage.controls.len()
                        ));
                        if implemented < applicable {
                            title.push_str(&format!(
                                ", {} applicable not implemented",
                                applicable - implemented
                            ));
                        }
                    }
                    title
                }
            };
            CodeLens { range: e.name_range, title }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::code_lenses;

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let lenses = code_lenses(&f.workspace, &f.analysis, f.file());
        let lines: Vec<String> =
            lenses.iter().map(|l| format!("{} {}", f.show_range(l.range), l.title)).collect();
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    #[test]
    fn the_acme_systems() {
        check(
            include_str!("../../../examples/acme.ims"),
            expect![[r#"
                49:8-49:11 "SMS" SMS: 3/57 clauses covered, 3 delegated
                55:8-55:11 "QMS" QMS: 6/57 clauses covered, 6 excluded
                63:8-63:12 "ISMS" ISMS: 3/30 clauses covered · SoA 6/93, 3 applicable not implemented
            "#]],
        );
    }

    #[test]
    fn a_system_without_a_known_standard() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            system QMS standard iso9999@2015
            "#,
            expect![[r#"
                2:8-2:11 "QMS" QMS: no known standard, no coverage
            "#]],
        );
    }

    #[test]
    fn only_the_systems_of_the_file() {
        check(
            r#"
            //- /a.ims
            ims "T" { standards iso9001@2015 }
            system QMS standard iso9001@2015
            //- /b.ims
            system QMS2 standard iso9001@2015
            "#,
            expect![[r#"
                /a.ims 2:8-2:11 "QMS" QMS: 0/57 clauses covered
            "#]],
        );
    }
}
