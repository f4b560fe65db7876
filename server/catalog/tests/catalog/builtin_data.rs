//! The built-in data: complete, consistent, as the reference data says.

use ims_catalog::{Catalog, ClauseKind, ExclusionPolicy, ExclusionRule, ScopeItem, Structure};

use crate::builtin;

#[test]
fn builtin_catalog_loads_without_errors() {
    let (catalog, errors) = Catalog::load_builtin();
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors, Vec::<String>::new());
    let ids: Vec<&str> = catalog.standards().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["iso20000-1@2018", "iso9001@2015", "iso27001@2013", "iso27001@2022"]);
    assert!(catalog.standards().iter().all(|s| s.builtin));
}

/// Clauses 4-10 of each edition, as in shared/data/*_clauses*.csv, and the
/// numbered paragraphs without a title of shared/data/iso9001-2015_numbered_paragraphs.csv.
const CLAUSES: &[(&str, &str)] = &[
    (
        "iso9001@2015",
        "4 4.1 4.2 4.3 4.4 4.4.1 4.4.2 5 5.1 5.1.1 5.1.2 5.2 5.2.1 5.2.2 5.3 6 6.1 6.1.1 6.1.2 6.2 \
         6.2.1 6.2.2 6.3 7 7.1 7.1.1 7.1.2 7.1.3 7.1.4 7.1.5 7.1.5.1 7.1.5.2 7.1.6 7.2 7.3 7.4 7.5 \
         7.5.1 7.5.2 7.5.3 7.5.3.1 7.5.3.2 8 8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.3.1 8.2.3.2 8.2.4 8.3 \
         8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6 8.4 8.4.1 8.4.2 8.4.3 8.5 8.5.1 8.5.2 8.5.3 8.5.4 8.5.5 \
         8.5.6 8.6 8.7 8.7.1 8.7.2 9 9.1 9.1.1 9.1.2 9.1.3 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 \
         10.1 10.2 10.2.1 10.2.2 10.3",
    ),
    (
        "iso20000-1@2018",
        "4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.2.1 5.2.2 5.3 6 6.1 6.2 6.2.1 6.2.2 6.3 7 7.1 7.2 7.3 7.4 \
         7.5 7.5.1 7.5.2 7.5.3 7.5.4 7.6 8 8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.4 8.2.5 8.2.6 8.3 8.3.1 \
         8.3.2 8.3.3 8.3.4 8.3.4.1 8.3.4.2 8.4 8.4.1 8.4.2 8.4.3 8.5 8.5.1 8.5.1.1 8.5.1.2 8.5.1.3 \
         8.5.2 8.5.2.1 8.5.2.2 8.5.2.3 8.5.3 8.6 8.6.1 8.6.2 8.6.3 8.7 8.7.1 8.7.2 8.7.3 8.7.3.1 \
         8.7.3.2 8.7.3.3 9 9.1 9.2 9.3 9.4 10 10.1 10.2",
    ),
    (
        "iso27001@2013",
        "4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.2 7 7.1 7.2 7.3 7.4 7.5 7.5.1 \
         7.5.2 7.5.3 8 8.1 8.2 8.3 9 9.1 9.2 9.3 10 10.1 10.2",
    ),
    (
        "iso27001@2022",
        "4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.2 6.3 7 7.1 7.2 7.3 7.4 7.5 \
         7.5.1 7.5.2 7.5.3 8 8.1 8.2 8.3 9 9.1 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1 10.2",
    ),
];

#[test]
fn clauses_4_to_10_are_complete_and_summarised() {
    for (id, expected) in CLAUSES {
        let standard = builtin().standard(id).unwrap();
        let actual: Vec<&str> = standard
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Clause)
            .map(|c| c.reference.as_str())
            .collect();
        let expected: Vec<&str> = expected.split_whitespace().collect();
        assert_eq!(actual, expected, "{id}");
        for clause in standard.clauses.iter().filter(|c| c.kind == ClauseKind::Clause) {
            let summary = clause.summary.as_deref().unwrap_or_default();
            assert!(summary.len() > 20, "{id}:{} has no real summary", clause.reference);
        }
    }
}

/// The numbered paragraphs without a title of their own, per edition. Only
/// ISO 9001:2015 numbers any: the tables of contents of ISO/IEC
/// 20000-1:2018 and ISO/IEC 27001:2013 and 2022 give every number a title.
const UNTITLED: &[(&str, &str)] = &[
    (
        "iso9001@2015",
        "4.4.1 4.4.2 6.1.1 6.1.2 6.2.1 6.2.2 7.5.3.1 7.5.3.2 8.2.3.1 8.2.3.2 8.7.1 8.7.2 9.2.1 \
         9.2.2 10.2.1 10.2.2",
    ),
    ("iso20000-1@2018", ""),
    ("iso27001@2013", ""),
    ("iso27001@2022", ""),
];

#[test]
fn untitled_paragraphs_show_their_parents_title() {
    for (id, expected) in UNTITLED {
        let standard = builtin().standard(id).unwrap();
        let untitled: Vec<&str> =
            standard.clauses.iter().filter(|c| c.untitled).map(|c| c.reference.as_str()).collect();
        assert_eq!(untitled, expected.split_whitespace().collect::<Vec<_>>(), "{id}");
        for paragraph in standard.clauses.iter().filter(|c| c.untitled) {
            let parent = standard.clause(paragraph.parent.as_deref().unwrap()).unwrap();
            assert_eq!(paragraph.title, parent.title, "{id}:{}", paragraph.reference);
            assert!(!parent.untitled);
            assert!(paragraph.harmonized.is_none() && paragraph.addition.is_none());
            assert!(paragraph.source.as_deref().unwrap().contains("numbered paragraph"));
        }
    }
    let s = builtin().standard("iso9001@2015").unwrap();
    assert_eq!(
        s.clause("6.1.2").unwrap().label(),
        "6.1.2 (paragraph of 6.1 Actions to address risks and opportunities)"
    );
    // A paragraph is a requirement clause of its own: covering 6.1 covers
    // 6.1.1 and 6.1.2, and 6.1 is no longer a leaf.
    let leaves: Vec<&str> = s.requirement_clauses().iter().map(|c| c.reference.as_str()).collect();
    assert!(leaves.contains(&"6.1.2") && !leaves.contains(&"6.1"));
    assert_eq!(leaves.len(), 65);
}

/// 27001:2013 Annex A: the number of controls under each of the 35 objectives.
const CONTROLS_2013: &str = "A.5.1:2 A.6.1:5 A.6.2:2 A.7.1:2 A.7.2:3 A.7.3:1 A.8.1:4 A.8.2:3 \
    A.8.3:3 A.9.1:2 A.9.2:6 A.9.3:1 A.9.4:5 A.10.1:2 A.11.1:6 A.11.2:9 A.12.1:4 A.12.2:1 A.12.3:1 \
    A.12.4:4 A.12.5:1 A.12.6:2 A.12.7:1 A.13.1:3 A.13.2:4 A.14.1:3 A.14.2:9 A.14.3:1 A.15.1:3 \
    A.15.2:2 A.16.1:7 A.17.1:3 A.17.2:1 A.18.1:5 A.18.2:3";

/// 27001:2022 Annex A: the number of controls in each of the 4 themes.
const CONTROLS_2022: &str = "A.5:37 A.6:8 A.7:14 A.8:34";

/// Expands "A.5.1:2" into A.5.1.1, A.5.1.2.
fn expand(table: &str) -> Vec<(String, String)> {
    table
        .split_whitespace()
        .flat_map(|entry| {
            let (parent, n) = entry.split_once(':').unwrap();
            let n: usize = n.parse().unwrap();
            (1..=n).map(move |i| (format!("{parent}.{i}"), parent.to_string()))
        })
        .collect()
}

#[test]
fn annex_a_2013_has_14_domains_35_objectives_114_controls() {
    let s = builtin().standard("iso27001@2013").unwrap();
    let of = |k: ClauseKind| s.clauses.iter().filter(|c| c.kind == k).count();
    assert_eq!(
        (of(ClauseKind::Domain), of(ClauseKind::Objective), of(ClauseKind::Control)),
        (14, 35, 114)
    );
    let domains: Vec<&str> = s
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Domain)
        .map(|c| c.reference.as_str())
        .collect();
    let expected: Vec<String> = (5..=18).map(|n| format!("A.{n}")).collect();
    assert_eq!(domains, expected);
    let controls: Vec<(String, String)> =
        s.controls().iter().map(|c| (c.reference.clone(), c.parent.clone().unwrap())).collect();
    assert_eq!(controls, expand(CONTROLS_2013));
    assert_eq!(
        s.clause("A.15.1.1").unwrap().title,
        "Information security policy for supplier relationships"
    );
    assert_eq!(s.clause("A.14.2.7").unwrap().title, "Outsourced development");
    assert_eq!(s.clause("A.12.6.1").unwrap().title, "Management of technical vulnerabilities");
}

#[test]
fn annex_a_2022_has_4_themes_93_controls() {
    let s = builtin().standard("iso27001@2022").unwrap();
    let themes: Vec<(&str, &str)> = s
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Theme)
        .map(|c| (c.reference.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(
        themes,
        [
            ("A.5", "Organizational controls"),
            ("A.6", "People controls"),
            ("A.7", "Physical controls"),
            ("A.8", "Technological controls")
        ]
    );
    let controls: Vec<(String, String)> =
        s.controls().iter().map(|c| (c.reference.clone(), c.parent.clone().unwrap())).collect();
    assert_eq!(controls.len(), 93);
    assert_eq!(controls, expand(CONTROLS_2022));
    assert_eq!(s.clause("A.5.23").unwrap().title, "Information security for use of cloud services");
    assert_eq!(s.clause("A.8.30").unwrap().title, "Outsourced development");
}

#[test]
fn every_parent_exists_and_kinds_fit() {
    for s in builtin().standards() {
        for c in &s.clauses {
            let Some(parent) = &c.parent else {
                assert!(
                    !c.reference.contains('.') || c.reference.starts_with('A'),
                    "{}:{}",
                    s.id,
                    c.reference
                );
                continue;
            };
            let p = s
                .clause(parent)
                .unwrap_or_else(|| panic!("{}:{} parent {parent}", s.id, c.reference));
            let ok = matches!(
                (p.kind, c.kind),
                (ClauseKind::Clause, ClauseKind::Clause)
                    | (ClauseKind::Domain, ClauseKind::Objective)
                    | (ClauseKind::Objective, ClauseKind::Control)
                    | (ClauseKind::Theme, ClauseKind::Control)
            );
            assert!(ok, "{}:{} ({:?}) under {parent} ({:?})", s.id, c.reference, c.kind, p.kind);
        }
    }
}

#[test]
fn standard_level_facts() {
    let c = builtin();
    let s13 = c.standard("iso27001@2013").unwrap();
    assert_eq!(s13.superseded_by.as_deref(), Some("iso27001@2022"));
    assert_eq!(s13.withdrawn.as_deref(), Some("2025-10-31"));
    assert_eq!(s13.structure, Structure::Hls2012);
    let s22 = c.standard("iso27001@2022").unwrap();
    assert_eq!(s22.structure, Structure::Hs2021);
    assert_eq!(s22.superseded_by, None);
    for s in [s13, s22] {
        assert_eq!(s.exclusion_policy, ExclusionPolicy::AnnexAOnly);
        assert_eq!(s.system_kind, "ISMS");
    }
    assert_eq!(c.standard("iso9001@2015").unwrap().exclusion_policy, ExclusionPolicy::Justified);
    assert_eq!(c.standard("iso20000-1@2018").unwrap().exclusion_policy, ExclusionPolicy::None);
    // Numbering drift is written down.
    assert!(s22.notes.iter().any(|n| n.contains("6.3") && n.contains("9.2.1")));
    assert!(s22.clause("4.1").unwrap().note.as_deref().unwrap().contains("Amendment 1:2024"));
    assert!(s22.clause("4.2").unwrap().note.as_deref().unwrap().contains("Amendment 1:2024"));
    assert!(s13.clause("10.1").unwrap().note.as_deref().unwrap().contains("10.2"));
}

#[test]
fn harmonized_markers_follow_the_harmonized_table() {
    let c = builtin();
    for hs in c.harmonized() {
        for (standard, reference) in &hs.numbers {
            let clause = c.standard(standard).unwrap().clause(reference).unwrap();
            assert_eq!(
                clause.harmonized.as_deref(),
                Some(hs.hs.as_str()),
                "{standard}:{reference}"
            );
        }
    }
    // 27001:2013 and 2022 disagree on 10.1 and 10.2; the markers use 2021 numbers.
    let s13 = c.standard("iso27001@2013").unwrap();
    assert_eq!(s13.clause("10.1").unwrap().harmonized.as_deref(), Some("10.2"));
    assert_eq!(s13.clause("10.2").unwrap().harmonized.as_deref(), Some("10.1"));
    // The 27001 committee's additions are recorded.
    let s22 = c.standard("iso27001@2022").unwrap();
    assert!(s22
        .clause("6.1")
        .unwrap()
        .addition
        .as_deref()
        .unwrap()
        .contains("Statement of Applicability"));
    assert!(s22.clause("9.3.2").unwrap().addition.is_some());
    assert_eq!(s22.clause("8.2").unwrap().harmonized, None);
}

/// The exclusion table of ISO 9001:2015, row by row: clause and rule.
const EXCLUSIONS_9001: &str = "4:not-permitted 5:not-permitted 6:not-permitted \
    7:not-permitted 7.1.5:permitted 7.1.5.2:permitted 8:not-permitted 8.1:not-permitted \
    8.2:not-permitted 8.3:permitted 8.4:unusual 8.5:not-permitted 8.5.2:unusual \
    8.5.3:permitted 8.5.4:unusual 8.5.5:permitted 8.5.6:unusual 8.6:not-permitted \
    8.7:not-permitted 9:not-permitted 10:not-permitted";

#[test]
fn exclusion_tables_say_clause_by_clause_what_may_be_excluded() {
    let c = builtin();
    let s9001 = c.standard("iso9001@2015").unwrap();
    let rows: Vec<String> =
        s9001.exclusions.iter().map(|e| format!("{}:{}", e.clause, e.rule)).collect();
    assert_eq!(rows, EXCLUSIONS_9001.split_whitespace().collect::<Vec<_>>());
    for row in &s9001.exclusions {
        assert!(row.rationale.len() > 40 && row.source.contains("9001"), "{}", row.clause);
    }
    // Excluding a clause excludes what lies below it: the strictest rule
    // decides, and the verdict names the clause that decided.
    let verdict = |r: &str| {
        let v = s9001.exclusion_verdict(r);
        (v.rule, v.clause.map(|c| c.reference.as_str()))
    };
    assert_eq!(verdict("7.1.5"), (ExclusionRule::Permitted, Some("7.1.5")));
    assert_eq!(verdict("7.1.5.2"), (ExclusionRule::Permitted, Some("7.1.5.2")));
    assert_eq!(verdict("7.1.6"), (ExclusionRule::NotPermitted, Some("7.1.6")));
    assert_eq!(verdict("8.3"), (ExclusionRule::Permitted, Some("8.3")));
    assert_eq!(verdict("8.3.4"), (ExclusionRule::Permitted, Some("8.3.4")));
    assert_eq!(verdict("8.4.2"), (ExclusionRule::Unusual, Some("8.4.2")));
    assert_eq!(verdict("8.5"), (ExclusionRule::NotPermitted, Some("8.5")));
    assert_eq!(verdict("8.5.1"), (ExclusionRule::NotPermitted, Some("8.5.1")));
    assert_eq!(verdict("8.5.3"), (ExclusionRule::Permitted, Some("8.5.3")));
    assert_eq!(verdict("8.7.1"), (ExclusionRule::NotPermitted, Some("8.7.1")));
    assert_eq!(verdict("8"), (ExclusionRule::NotPermitted, Some("8")));
    assert_eq!(verdict("7.1"), (ExclusionRule::NotPermitted, Some("7.1")));
    // Every requirement clause of 20000-1 and 27001 is not permitted.
    for id in ["iso20000-1@2018", "iso27001@2013", "iso27001@2022"] {
        let s = c.standard(id).unwrap();
        assert_eq!(s.exclusions.len(), 7, "{id}");
        for clause in s.requirement_clauses() {
            let v = s.exclusion_verdict(&clause.reference);
            assert_eq!(v.rule, ExclusionRule::NotPermitted, "{id}:{}", clause.reference);
            let source = &v.entry.unwrap().source;
            let expected = if id.starts_with("iso20000") { "20000-1:2018 1.2" } else { "clause 1" };
            assert!(source.contains(expected), "{id}: {source}");
        }
    }
}

#[test]
fn scope_content_per_standard() {
    let c = builtin();
    let required = |id: &str| -> Vec<(ScopeItem, String)> {
        c.standard(id)
            .unwrap()
            .scope_content
            .iter()
            .map(|r| (r.requires, r.clause.clone()))
            .collect()
    };
    assert_eq!(required("iso20000-1@2018"), [(ScopeItem::Services, "4.3".to_string())]);
    assert_eq!(required("iso9001@2015"), [(ScopeItem::Services, "4.3".to_string())]);
    assert_eq!(required("iso27001@2013"), [(ScopeItem::Interfaces, "4.3".to_string())]);
    assert_eq!(required("iso27001@2022"), [(ScopeItem::Interfaces, "4.3".to_string())]);
}

#[test]
fn every_annex_a_control_has_a_summary_of_our_own() {
    for id in ["iso27001@2013", "iso27001@2022"] {
        let standard = builtin().standard(id).unwrap();
        for control in standard.controls() {
            let summary = control.summary.as_deref().unwrap_or_default();
            assert!(summary.len() > 40, "{id}:{} has no real summary", control.reference);
            // The standards word their controls with "shall" (2013) and
            // "should" (2022); our explanations never do.
            for word in ["shall", "should"] {
                assert!(
                    !summary.contains(word),
                    "{id}:{} reads like the control text",
                    control.reference
                );
            }
        }
    }
}

/// docs/diagnostics.md documents the exclusion table of ISO 9001:2015 row by
/// row; the rows must be the data's, in its order and with its rules.
#[test]
fn the_documented_exclusion_table_is_the_data() {
    let docs = include_str!("../../../../docs/diagnostics.md");
    let table = docs
        .split("<!-- exclusion-table: iso9001@2015 -->\n")
        .nth(1)
        .expect("no exclusion-table marker in docs/diagnostics.md");
    let documented: Vec<String> = table
        .lines()
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let clause = cells[1].split_whitespace().next().unwrap();
            format!("{clause}:{}", cells[2])
        })
        .collect();
    let s9001 = builtin().standard("iso9001@2015").unwrap();
    let data: Vec<String> =
        s9001.exclusions.iter().map(|e| format!("{}:{}", e.clause, e.rule)).collect();
    assert_eq!(documented, data);
    // And each documented title is the clause's.
    for row in table.lines().take_while(|l| l.starts_with('|')).skip(2) {
        let cell = row.split('|').nth(1).unwrap().trim();
        let (clause, title) = cell.split_once(' ').unwrap();
        assert_eq!(s9001.clause(clause).unwrap().title, title, "{row}");
    }
}
