//! Workspace symbols: the declarations of every file whose name or title
//! matches the query. The match is fuzzy-ish: the query's characters must
//! appear in order (ignoring case); a name that starts with the query ranks
//! before one that contains it, which ranks before a scattered match.

use ims_syntax::ast::DeclarationKind;

use ims_analysis::{Analysis, FileRange, Workspace};

/// A declaration found by a workspace symbol search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: DeclarationKind,
    /// The title, to show beside the name.
    pub detail: Option<String>,
    pub location: FileRange,
}

/// The declarations matching `query`, best first; every one for an empty query.
pub fn workspace_symbols(
    _ws: &Workspace,
    analysis: &Analysis,
    query: &str,
) -> Vec<WorkspaceSymbol> {
    let query = query.trim().to_ascii_lowercase();
    let mut found: Vec<(u8, usize, WorkspaceSymbol)> = Vec::new();
    for (index, e) in analysis.model.entities.iter().enumerate() {
        let title = e.title.as_deref().unwrap_or("");
        let Some(rank) = rank(&query, &e.name).or_else(|| rank(&query, title).map(|r| r + 3))
        else {
            continue;
        };
        found.push((
            rank,
            index,
            WorkspaceSymbol {
                name: e.name.clone(),
                kind: e.kind,
                detail: e.title.clone(),
                location: e.name_location(),
            },
        ));
    }
    found.sort_by_key(|(rank, index, _)| (*rank, *index));
    found.into_iter().map(|(_, _, s)| s).collect()
}

/// 0: starts with the query; 1: contains it; 2: holds its characters in order.
fn rank(query: &str, text: &str) -> Option<u8> {
    let text = text.to_ascii_lowercase();
    if text.starts_with(query) {
        return Some(0);
    }
    if text.contains(query) {
        return Some(1);
    }
    let mut chars = text.chars();
    query.chars().all(|q| chars.any(|c| c == q)).then_some(2)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::workspace_symbols;

    #[track_caller]
    fn check(fixture: &str, query: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let found = workspace_symbols(&f.workspace, &f.analysis, query);
        let lines: Vec<String> = found
            .iter()
            .map(|s| {
                format!(
                    "{:?} {} ({}) @ {}",
                    s.kind,
                    s.name,
                    s.detail.as_deref().unwrap_or(""),
                    f.show(s.location)
                )
            })
            .collect();
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    const FILES: &str = r#"
        //- /org.ims
        site hq "Amsterdam HQ"
        unit operations "IT Operations" at hq
        unit procurement "Procurement" at hq
        //- /processes.ims
        process supplier-management "Supplier management" { owner procurement }
        process security "Information security"
        "#;

    #[test]
    fn prefix_before_substring_before_subsequence_before_title() {
        check(
            FILES,
            "pro",
            expect![[r#"
                Unit procurement (Procurement) @ /org.ims 3:6-3:17 "procurement"
                Unit operations (IT Operations) @ /org.ims 2:6-2:16 "operations"
            "#]],
        );
    }

    #[test]
    fn matches_titles() {
        check(
            FILES,
            "amsterdam",
            expect![[r#"
            Site hq (Amsterdam HQ) @ /org.ims 1:6-1:8 "hq"
        "#]],
        );
    }

    #[test]
    fn scattered_characters() {
        check(
            FILES,
            "smgt",
            expect![[r#"
                Process supplier-management (Supplier management) @ /processes.ims 1:9-1:28 "supplier-management"
            "#]],
        );
    }

    #[test]
    fn empty_query_lists_everything() {
        check(
            FILES,
            "",
            expect![[r#"
                Site hq (Amsterdam HQ) @ /org.ims 1:6-1:8 "hq"
                Unit operations (IT Operations) @ /org.ims 2:6-2:16 "operations"
                Unit procurement (Procurement) @ /org.ims 3:6-3:17 "procurement"
                Process supplier-management (Supplier management) @ /processes.ims 1:9-1:28 "supplier-management"
                Process security (Information security) @ /processes.ims 2:9-2:17 "security"
            "#]],
        );
    }
}
