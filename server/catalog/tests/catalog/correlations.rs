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
    // Where neither clause has titled sub-clauses, the relation is the
    // committees' additions alone.
    for corr in c.correlations().iter().filter(|k| k.category == CorrelationCategory::Harmonized) {
        let (a, b) = (c.clause(&corr.from).unwrap(), c.clause(&corr.to).unwrap());
        let leaf = |k: &ClauseKey| {
            c.standard(&k.standard).unwrap().children(&k.clause).all(|child| child.untitled)
        };
        if !(leaf(&corr.from) && leaf(&corr.to)) {
            continue;
        }
        let expected = Relation::from_additions(a.addition.is_some(), b.addition.is_some());
        assert_eq!(corr.relation, expected, "{} -> {}", corr.from, corr.to);
    }
}

/// Headings take their relation from their sub-clauses: none of them is
/// `equal` while a sub-clause adds something (the 31 heading pairs the
/// additions alone would have got wrong).
const HEADINGS: &[(&str, &str, Relation)] = &[
    ("iso20000-1@2018:4", "iso9001@2015:4", Relation::Intersects),
    ("iso9001@2015:4", "iso27001@2022:4", Relation::Intersects),
    ("iso20000-1@2018:5", "iso27001@2022:5", Relation::Superset),
    ("iso9001@2015:5", "iso27001@2013:5", Relation::Superset),
    ("iso9001@2015:6", "iso27001@2022:6", Relation::Intersects),
    ("iso20000-1@2018:7", "iso9001@2015:7", Relation::Intersects),
    ("iso9001@2015:7", "iso27001@2022:7", Relation::Intersects),
    ("iso9001@2015:8", "iso27001@2022:8", Relation::Intersects),
    ("iso20000-1@2018:8", "iso27001@2013:8", Relation::Intersects),
    ("iso9001@2015:9", "iso27001@2022:9", Relation::Intersects),
    ("iso20000-1@2018:10", "iso27001@2022:10", Relation::Superset),
    ("iso20000-1@2018:10", "iso9001@2015:10", Relation::Intersects),
    // The 2021 structure divides 9.2 into 9.2.1 and 9.2.2 without new
    // text: 9001 adds to 9.2, 27001:2022 does not.
    ("iso9001@2015:9.2", "iso27001@2022:9.2", Relation::Superset),
    // 7.5.1-7.5.3 use the common text in both; 20000-1 adds 7.5.4.
    ("iso20000-1@2018:7.5", "iso27001@2022:7.5", Relation::Superset),
];

#[test]
fn a_harmonized_heading_takes_its_relation_from_its_sub_clauses() {
    for (from, to, relation) in HEADINGS {
        let found = corr(from, to);
        assert_eq!(found.category, CorrelationCategory::Harmonized);
        assert_eq!(found.relation, *relation, "{from} -> {to}: {}", found.rationale);
    }
    let heading = corr("iso9001@2015:8", "iso27001@2022:8");
    assert_eq!(
        heading.rationale,
        "Common text of harmonized clause 8; ISO 9001:2015 adds text of its own and to 8.1, and \
         has 8.2, 8.3, 8.4, 8.5, 8.6 and 8.7, which ISO/IEC 27001:2022 lacks; ISO/IEC \
         27001:2022 adds to 8.1, and has 8.2 and 8.3, which ISO 9001:2015 lacks."
    );
    // `equal` is left only where both use the common text unchanged, down
    // to the leaves: documented information, general and creating.
    let equal: Vec<String> = builtin()
        .correlations()
        .iter()
        .filter(|k| k.category == CorrelationCategory::Harmonized && k.relation == Relation::Equal)
        .map(|k| format!("{} {}", k.from, k.to))
        .collect();
    let mut expected = Vec::new();
    for clause in ["7.5.1", "7.5.2"] {
        for (a, b) in [
            ("iso20000-1@2018", "iso9001@2015"),
            ("iso20000-1@2018", "iso27001@2013"),
            ("iso20000-1@2018", "iso27001@2022"),
            ("iso9001@2015", "iso27001@2013"),
            ("iso9001@2015", "iso27001@2022"),
        ] {
            expected.push(format!("{a}:{clause} {b}:{clause}"));
        }
    }
    for isms in ["iso27001@2013", "iso27001@2022"] {
        expected.push(format!("iso20000-1@2018:7.5.3 {isms}:7.5.3"));
    }
    expected.sort();
    let mut equal = equal;
    equal.sort();
    assert_eq!(equal, expected);
}

#[test]
fn no_relation_contradicts_its_sub_clauses() {
    assert_eq!(builtin().contradicted_relations(), Vec::<String>::new());
}

#[test]
fn mapping_2013_to_2022_shows_what_the_2021_structure_added() {
    for clause in ["4", "4.2", "4.4", "6", "6.2", "8", "8.1", "9", "9.3"] {
        let c = corr(&format!("iso27001@2013:{clause}"), &format!("iso27001@2022:{clause}"));
        assert_eq!(c.relation, Relation::Subset, "{clause}: {}", c.rationale);
        assert_eq!(c.category, CorrelationCategory::EditionMapping);
    }
    for clause in ["4.1", "4.3", "5", "5.1", "5.2", "5.3", "6.1", "7", "7.5.3", "8.2", "9.1", "9.2"]
    {
        let c = corr(&format!("iso27001@2013:{clause}"), &format!("iso27001@2022:{clause}"));
        assert_eq!(c.relation, Relation::Equal, "{clause}");
    }
    assert_eq!(corr("iso27001@2013:9.3", "iso27001@2022:9.3.2").relation, Relation::Intersects);
    // 6.3 Planning of changes is new: nothing of 2013 maps to it.
    let new = builtin().correlations_of(&key("iso27001@2022:6.3"));
    assert!(new.iter().all(|k| k.category != CorrelationCategory::EditionMapping), "{new:?}");
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
        assert!(!corr.rationale.is_empty());
    }
}

/// The requirement clauses of 20000-1 clause 8 and 9001 clause 8 that
/// correlate with no control of 27001:2022 Annex A, not even through a
/// parent, and why. Every other one does; the review that found them is
/// recorded in correlations.toml.
const NO_ANNEX_A_CORRELATION: &[(&str, &str)] = &[
    ("iso20000-1@2018:8.2.1", "delivering the services as planned is operation, not a security control"),
    ("iso20000-1@2018:8.2.2", "planning which services to offer and their requirements has no counterpart"),
    ("iso20000-1@2018:8.2.4", "a service catalogue describes services, it protects nothing"),
    ("iso20000-1@2018:8.3.1", "the general rules for relationships and agreements with customers and suppliers"),
    ("iso20000-1@2018:8.3.2", "customer relationships, satisfaction and complaints"),
    ("iso20000-1@2018:8.4.1", "budgeting and accounting for services"),
    (
        "iso20000-1@2018:8.7.3.2",
        "its counterpart is the ISMS risk assessment and treatment (27001 6.1.2, 6.1.3, 8.2, 8.3), which compares the controls with all of Annex A",
    ),
    ("iso9001@2015:8.2.3.1", "reviewing whether requirements can be met before committing to supply"),
    ("iso9001@2015:8.2.3.2", "the record of that review"),
    ("iso9001@2015:8.2.4", "keeping documents current when product requirements change"),
    ("iso9001@2015:8.5.2", "identifying outputs and their status for conformity, not for security"),
    ("iso9001@2015:8.5.5", "support after delivery correlates with 20000-1 8.6 and 8.3.3, not with a security control"),
    ("iso9001@2015:8.7.1", "handling outputs that do not conform to product requirements"),
    ("iso9001@2015:8.7.2", "the record of a nonconforming output"),
];

#[test]
fn clause_8_review_against_annex_a() {
    let c = builtin();
    let mut without: Vec<String> = Vec::new();
    for id in ["iso20000-1@2018", "iso9001@2015"] {
        let standard = c.standard(id).unwrap();
        for clause in
            standard.requirement_clauses().iter().filter(|k| standard.is_within(&k.reference, "8"))
        {
            let k = ClauseKey::new(id, &clause.reference);
            let annex_a = c.correlations_with_inherited(&k).iter().any(|x| {
                x.correlation.to.standard == "iso27001@2022"
                    && x.correlation.to.clause.starts_with('A')
            });
            if !annex_a {
                without.push(k.to_string());
            }
        }
    }
    let expected: Vec<&str> = NO_ANNEX_A_CORRELATION.iter().map(|(k, _)| *k).collect();
    assert_eq!(without, expected);
    assert!(NO_ANNEX_A_CORRELATION.iter().all(|(_, why)| why.len() > 20));
}

/// The correlations an integrated SMS/ISMS is audited on, each with its
/// relation and strength.
const AUDITED: &[(&str, &str, Relation, Strength)] = &[
    // 20000-1 8.7.3: information security policy and controls.
    ("iso20000-1@2018:8.7.3.1", "iso27001@2022:5.2", Relation::Subset, Strength::Strong),
    ("iso20000-1@2018:8.7.3.1", "iso27001@2022:A.5.1", Relation::Subset, Strength::Strong),
    // Incident management against the 2022 incident controls.
    ("iso20000-1@2018:8.6.1", "iso27001@2022:A.5.24", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.6.1", "iso27001@2022:A.5.25", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.6.1", "iso27001@2022:A.5.26", Relation::Intersects, Strength::Moderate),
    // Change, release and deployment against change, test and environments.
    ("iso20000-1@2018:8.5.1", "iso27001@2022:A.8.32", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.5.1.3", "iso27001@2022:A.8.31", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.5.1.3", "iso27001@2022:A.8.29", Relation::Intersects, Strength::Weak),
    ("iso20000-1@2018:8.5.3", "iso27001@2022:A.8.31", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.5.3", "iso27001@2022:A.8.32", Relation::Intersects, Strength::Moderate),
    // Service continuity against ICT continuity.
    ("iso20000-1@2018:8.7.2", "iso27001@2022:A.5.29", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.7.2", "iso27001@2022:A.5.30", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.7.2", "iso27001@2022:A.8.13", Relation::Intersects, Strength::Moderate),
    ("iso20000-1@2018:8.7.2", "iso27001@2022:A.8.14", Relation::Intersects, Strength::Moderate),
    // Records against the protection of records.
    ("iso20000-1@2018:7.5.3", "iso27001@2022:A.5.33", Relation::Intersects, Strength::Moderate),
    ("iso9001@2015:7.5.3", "iso27001@2022:A.5.33", Relation::Intersects, Strength::Moderate),
    // Customer property against intellectual property and privacy.
    ("iso9001@2015:8.5.3", "iso27001@2022:A.5.32", Relation::Intersects, Strength::Moderate),
    ("iso9001@2015:8.5.3", "iso27001@2022:A.5.34", Relation::Intersects, Strength::Moderate),
    // Post-delivery activities against 20000-1's service delivery clauses.
    ("iso9001@2015:8.5.5", "iso20000-1@2018:8.6", Relation::Intersects, Strength::Moderate),
    ("iso9001@2015:8.5.5", "iso20000-1@2018:8.3.3", Relation::Intersects, Strength::Weak),
];

#[test]
fn the_correlations_an_integrated_ims_is_audited_on() {
    for (from, to, relation, strength) in AUDITED {
        let c = corr(from, to);
        assert_eq!((c.relation, c.strength), (*relation, *strength), "{from} -> {to}");
        assert_eq!(c.category, CorrelationCategory::Topic);
        assert!(c.rationale.len() > 40 && c.source.is_some(), "{from} -> {to}");
    }
    // Sub-clauses show their parents' correlations: 8.3.4.1 those of 8.3.4.
    let inherited = builtin().correlations_with_inherited(&key("iso20000-1@2018:8.3.4.1"));
    assert!(inherited.iter().any(|x| x.correlation.to == key("iso27001@2022:A.5.19")
        && x.inherited_from.as_deref() == Some("8.3.4")));
}

#[test]
fn every_built_in_correlation_names_its_source() {
    for c in builtin().correlations() {
        let source = c.source.as_deref().unwrap_or_default();
        assert!(source.len() > 20, "{} -> {} has no source", c.from, c.to);
    }
}
