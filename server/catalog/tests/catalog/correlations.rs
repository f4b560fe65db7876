//! Correlations: generated harmonized twins, the 2013 -> 2022 mapping and
//! the three examples of the ISO/IEC TR 20000-7 article.

use ims_catalog::{ClauseKey, CorrelationCategory, Relation, Strength};

use crate::{builtin, key};

#[test]
fn every_harmonized_clause_links_to_its_twins_in_the_other_standards() {
    let c = builtin();
    let mut checked = 0;
    for s in c.standards() {
        for clause in s.clauses.iter().filter(|cl| cl.harmonized.is_some()) {
            let hs = clause.harmonized.as_deref().unwrap();
            let here = ClauseKey::new(&s.id, &clause.reference);
            let correlations = c.correlations_of(&here);
            for other in c.standards().iter().filter(|o| o.family != s.family) {
                let Some(twin) = other.harmonized_clause(hs) else { continue };
                let twin_key = ClauseKey::new(&other.id, &twin.reference);
                let found = correlations.iter().find(|k| k.to == twin_key).unwrap_or_else(|| {
                    panic!("{here} (harmonized {hs}) has no correlation to its twin {twin_key}")
                });
                assert_eq!(found.category, CorrelationCategory::Harmonized);
                assert_eq!(found.strength, Strength::Strong);
                assert_eq!(c.harmonized_twins(&here, &[&other.id]), [twin_key]);
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} twin links checked");
}

#[test]
fn harmonized_relation_reflects_the_committees_additions() {
    let c = builtin();
    // 27001:2013 10.1 is harmonized 10.2 (nonconformity), like 9001 10.2.
    let twins = c.harmonized_twins(
        &key("iso27001@2013:10.1"),
        &["iso9001@2015", "iso20000-1@2018", "iso27001@2022"],
    );
    assert_eq!(
        twins,
        [key("iso9001@2015:10.2"), key("iso20000-1@2018:10.1"), key("iso27001@2022:10.2")]
    );
    // Harmonized correlations are not generated between editions of one standard.
    assert!(
        c.correlations_of(&key("iso27001@2013:10.1"))
            .iter()
            .all(|k| k.category != CorrelationCategory::Harmonized
                || k.to.standard != "iso27001@2022")
    );
    for corr in c.correlations().iter().filter(|k| k.category == CorrelationCategory::Harmonized) {
        let a = c.clause(&corr.from).unwrap().addition.is_some();
        let b = c.clause(&corr.to).unwrap().addition.is_some();
        let expected = match (a, b) {
            (false, false) => Relation::Equal,
            (false, true) => Relation::Subset,
            (true, false) => Relation::Superset,
            (true, true) => Relation::Intersects,
        };
        assert_eq!(corr.relation, expected, "{} -> {}", corr.from, corr.to);
    }
}

/// The 11 controls that are new in 27001:2022.
const NEW_IN_2022: &[&str] = &[
    "A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10", "A.8.11", "A.8.12", "A.8.16",
    "A.8.23", "A.8.28",
];

#[test]
fn mapping_2013_to_2022_covers_every_old_control() {
    let c = builtin();
    let old = c.standard("iso27001@2013").unwrap();
    let new = c.standard("iso27001@2022").unwrap();
    let mut reached = std::collections::BTreeSet::new();
    for control in old.controls() {
        let k = ClauseKey::new(&old.id, &control.reference);
        let targets = c.superseding(&k);
        assert!(!targets.is_empty(), "{k} maps to nothing");
        for t in targets {
            let target = c.clause(&t).unwrap_or_else(|| panic!("{k} -> {t} does not exist"));
            assert_eq!(target.kind, ims_catalog::ClauseKind::Control, "{k} -> {t}");
            reached.insert(t.clause);
        }
    }
    let unreached: Vec<&str> = new
        .controls()
        .iter()
        .map(|c| c.reference.as_str())
        .filter(|r| !reached.contains(*r))
        .collect();
    assert_eq!(unreached, NEW_IN_2022);
}

#[test]
fn superseding_examples() {
    let c = builtin();
    let refs = |k: &str| -> Vec<String> {
        c.superseding(&key(k)).iter().map(|k| k.clause.clone()).collect()
    };
    assert_eq!(refs("iso27001@2013:A.15.1.1"), ["A.5.19"]);
    assert_eq!(refs("iso27001@2013:A.18.2.3"), ["A.5.36", "A.8.8"]);
    // An objective or a domain yields the controls its controls map to.
    assert_eq!(refs("iso27001@2013:A.15"), ["A.5.19", "A.5.20", "A.5.21", "A.5.22"]);
    // Clauses: renumbering and splits; the equal mapping comes first.
    assert_eq!(refs("iso27001@2013:10.1"), ["10.2"]);
    assert_eq!(refs("iso27001@2013:9.2"), ["9.2", "9.2.1", "9.2.2"]);
    // Not superseded, or unknown: nothing.
    assert!(c.superseding(&key("iso27001@2022:A.5.19")).is_empty());
    assert!(c.superseding(&key("iso27001@2013:A.99.1")).is_empty());
    // Every 2013 clause of 4-10 has a 2022 counterpart.
    for clause in
        c.standard("iso27001@2013").unwrap().clauses.iter().filter(|k| k.is_in_clauses_4_to_10())
    {
        let k = ClauseKey::new("iso27001@2013", &clause.reference);
        assert!(!c.superseding(&k).is_empty(), "{k}");
    }
}

/// Finds the correlation from `from` to `to` (either direction in the data).
#[track_caller]
fn corr(from: &str, to: &str) -> ims_catalog::Correlation {
    builtin()
        .correlations_of(&key(from))
        .into_iter()
        .find(|c| c.to == key(to))
        .unwrap_or_else(|| panic!("no correlation {from} -> {to}"))
}

#[test]
fn article_example_1_design_and_transition() {
    for from in ["iso9001@2015:8.2", "iso9001@2015:8.3"] {
        let c = corr(from, "iso20000-1@2018:8.5");
        assert_eq!(c.relation, Relation::Intersects);
        assert_eq!(c.category, CorrelationCategory::Topic);
        assert!(c.source.as_deref().unwrap().ends_with("example 1"));
    }
}

#[test]
fn article_example_2_information_security_met_by_an_isms() {
    for edition in ["2013", "2022"] {
        let c = corr("iso20000-1@2018:8.7.3", &format!("iso27001@{edition}:4.4"));
        assert_eq!((c.relation, c.strength), (Relation::Subset, Strength::Strong));
        assert!(c.source.as_deref().unwrap().ends_with("example 2"));
        // Seen from the ISMS side, the relation is reversed.
        let back = corr(&format!("iso27001@{edition}:4.4"), "iso20000-1@2018:8.7.3");
        assert_eq!(back.relation, Relation::Superset);
        for isms in ["6.1.2", "6.1.3"] {
            corr("iso20000-1@2018:8.7.3.2", &format!("iso27001@{edition}:{isms}"));
        }
    }
}

#[test]
fn article_example_3_supplier_controls() {
    let controls = [
        "iso27001@2013:A.15.1.1",
        "iso27001@2013:A.15.1.2",
        "iso27001@2013:A.15.1.3",
        "iso27001@2013:A.15.2.1",
        "iso27001@2013:A.15.2.2",
        "iso27001@2013:A.14.2.7",
        "iso27001@2022:A.5.19",
        "iso27001@2022:A.5.20",
        "iso27001@2022:A.5.21",
        "iso27001@2022:A.5.22",
        "iso27001@2022:A.5.23",
        "iso27001@2022:A.8.30",
    ];
    for control in controls {
        for target in ["iso20000-1@2018:8.3.4", "iso9001@2015:8.4"] {
            let c = corr(control, target);
            assert_eq!(
                (c.relation, c.strength),
                (Relation::Intersects, Strength::Moderate),
                "{control} -> {target}"
            );
            assert_eq!(
                c.source.as_deref(),
                Some("ISO/IEC TR 20000-7 summary article (van der Haven), example 3")
            );
        }
    }
    let c = corr("iso20000-1@2018:8.3.4", "iso9001@2015:8.4");
    assert_eq!(c.relation, Relation::Intersects);
}

#[test]
fn no_hand_written_correlation_repeats_a_harmonized_twin() {
    let c = builtin();
    for corr in c.correlations().iter().filter(|k| k.category == CorrelationCategory::Topic) {
        let a = c.clause(&corr.from).unwrap().harmonized.as_ref();
        let b = c.clause(&corr.to).unwrap().harmonized.as_ref();
        assert!(a.is_none() || a != b, "{} -> {} repeats a harmonized twin", corr.from, corr.to);
        assert!(!corr.note.is_empty());
    }
}
