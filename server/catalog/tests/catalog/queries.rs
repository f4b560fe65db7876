//! The query API the analysis layer uses.

use expect_test::expect;
use ims_catalog::{catalog_json, describe_clause, ClauseKey, ClauseKind, Relation};

use crate::{builtin, key};

#[test]
fn standards_by_alias_family_and_id() {
    let c = builtin();
    let ids = |q: &str| -> Vec<&str> { c.editions(q).iter().map(|s| s.id.as_str()).collect() };
    assert_eq!(ids("27001"), ["iso27001@2022", "iso27001@2013"]);
    assert_eq!(ids("iso27001"), ["iso27001@2022", "iso27001@2013"]);
    assert_eq!(ids("ISO9001"), ["iso9001@2015"]);
    assert_eq!(ids("20000-1"), ["iso20000-1@2018"]);
    assert_eq!(ids("iso9001@2015"), ["iso9001@2015"]);
    assert!(ids("14001").is_empty());
    assert_eq!(c.find_standard("27001", Some("2013")).unwrap().id, "iso27001@2013");
    assert_eq!(c.find_standard("27001", None).unwrap().id, "iso27001@2022");
    assert!(c.find_standard("27001", Some("2005")).is_none());
    assert!(c.standard("iso27001@2005").is_none());
}

#[test]
fn short_names() {
    let names: Vec<String> = builtin().standards().iter().map(|s| s.short_name()).collect();
    assert_eq!(
        names,
        ["ISO/IEC 20000-1:2018", "ISO 9001:2015", "ISO/IEC 27001:2013", "ISO/IEC 27001:2022"]
    );
}

#[test]
fn clause_tree() {
    let s = builtin().standard("iso20000-1@2018").unwrap();
    assert_eq!(s.clause("8.3.4").unwrap().title, "Supplier management");
    assert!(s.clause("8.3.9").is_none());
    assert!(s.is_within("8.3.4.1", "8"));
    assert!(s.is_within("8.3.4", "8.3.4"));
    assert!(!s.is_within("8.3.4", "8.3.4.1"));
    assert!(!s.is_within("9.1", "8"));
    assert!(!s.is_within("8.99", "8"));
    let children: Vec<&str> = s.children("8.3.4").map(|c| c.reference.as_str()).collect();
    assert_eq!(children, ["8.3.4.1", "8.3.4.2"]);
    let ancestors: Vec<&str> =
        s.ancestors("8.3.4.1").iter().map(|c| c.reference.as_str()).collect();
    assert_eq!(ancestors, ["8.3.4", "8.3", "8"]);

    let s22 = builtin().standard("iso27001@2022").unwrap();
    assert!(s22.is_within("A.5.19", "A.5"));
    let leaves = s22.requirement_clauses();
    assert!(leaves.iter().all(|c| c.kind == ClauseKind::Clause));
    let refs: Vec<&str> = leaves.iter().map(|c| c.reference.as_str()).collect();
    assert!(refs.contains(&"6.1.2") && refs.contains(&"9.2.2") && refs.contains(&"10.2"));
    assert!(!refs.contains(&"6.1") && !refs.contains(&"9") && !refs.contains(&"A.5.19"));
    assert_eq!(leaves.len(), 30);
}

#[test]
fn did_you_mean() {
    let c = builtin();
    let refs = |id: &str, q: &str| -> Vec<String> {
        c.standard(id).unwrap().suggest(q).iter().map(|c| c.reference.clone()).collect()
    };
    // The nearest clauses inside the clause the user was in, then that clause.
    assert_eq!(refs("iso20000-1@2018", "8.3.5"), ["8.3.4", "8.3.3", "8.3"]);
    assert_eq!(refs("iso27001@2022", "A.5.38"), ["A.5.37", "A.5.36", "A.5"]);
    assert_eq!(refs("iso27001@2022", "A.5.40"), ["A.5.30", "A.5.20", "A.5"]);
    assert_eq!(refs("iso9001@2015", "6.1.3"), ["6.1.2", "6.1.1", "6.1"]);
    assert_eq!(refs("iso9001@2015", "8.44"), ["8.4", "8.7", "8"]);
    // Never a near-looking number elsewhere: 5.1.2 (customer focus) is one
    // edit away from 6.1.2, but 6.1 holds nothing near, so 6.1 it is.
    assert_eq!(refs("iso27001@2013", "6.1.4"), ["6.1.3", "6.1.2", "6.1"]);
    assert_eq!(refs("iso20000-1@2018", "6.1.2"), ["6.1"]);
    assert_eq!(refs("iso27001@2013", "9.2.1"), ["9.2"]);
    assert_eq!(refs("iso20000-1@2018", "8.3.4.1.1"), ["8.3.4.1"]);
    // Case is forgiven: the clause itself.
    assert_eq!(refs("iso27001@2022", "a.5.19"), ["A.5.19"]);
    // No enclosing clause: the whole standard.
    assert_eq!(refs("iso9001@2015", "11.1"), ["10.1", "4.1", "5.1"]);
    assert_eq!(refs("iso9001@2015", "external providers"), ["8.4.3", "8.5.3", "8.4"]);
    assert!(refs("iso9001@2015", "99.99.99").is_empty());
}

#[test]
fn a_suggestion_never_leaves_the_enclosing_clause() {
    for standard in builtin().standards() {
        for clause in &standard.clauses {
            let query = format!("{}.99", clause.reference);
            let suggestions = standard.suggest(&query);
            assert_eq!(
                suggestions.last().map(|c| c.reference.as_str()),
                Some(clause.reference.as_str()),
                "{query}"
            );
            for s in suggestions {
                assert!(
                    standard.is_within(&s.reference, &clause.reference),
                    "{}: {query} -> {}",
                    standard.id,
                    s.reference
                );
            }
        }
    }
}

#[test]
fn clause_keys() {
    let k: ClauseKey = "iso27001@2022:A.5.19".parse().unwrap();
    assert_eq!(k, ClauseKey::new("iso27001@2022", "A.5.19"));
    assert_eq!(k.to_string(), "iso27001@2022:A.5.19");
    for bad in ["iso27001@2022", "27001:A.5.19", "iso27001@2022:", "iso27001@2022:A..5"] {
        let err = bad.parse::<ClauseKey>().unwrap_err();
        assert!(err.message.contains("expected e.g. `iso9001@2015:8.4`"), "{bad}: {err}");
    }
    assert_eq!(serde_json::to_string(&k).unwrap(), "\"iso27001@2022:A.5.19\"");
}

#[test]
fn correlations_are_oriented_from_the_asked_clause() {
    let c = builtin();
    let k = key("iso9001@2015:8.4");
    let all = c.correlations_of(&k);
    assert!(all.iter().all(|x| x.from == k));
    let isms = all.iter().find(|x| x.to == key("iso27001@2022:A.5.19")).unwrap();
    assert_eq!(isms.relation, Relation::Intersects);
    assert!(c.correlations_of(&key("iso9001@2015:99")).is_empty());
    assert_eq!(Relation::Subset.reversed(), Relation::Superset);
    assert_eq!(Relation::Intersects.reversed(), Relation::Intersects);
    assert_eq!(Relation::Subset.to_string(), "subset of");
    assert_eq!(Relation::Intersects.as_str(), "intersects-with");
}

#[test]
fn describe_an_annex_a_control() {
    let text = describe_clause(builtin(), &key("iso27001@2013:A.14.2.7"));
    expect![[r#"
        ISO/IEC 27001:2013 A.14.2.7 Outsourced development
          Standard:   ISO/IEC 27001:2013 Information technology - Security techniques - Information security management systems - Requirements (iso27001@2013, ISMS)
          Kind:       Annex A control
          Parent:     A.14.2 Security in development and support processes
          Summary:    When others develop systems for the organization, it supervises and monitors their work.
          Superseded: by ISO/IEC 27001:2022; certificates invalid after 2025-10-31
          Maps to:    A.8.30 Outsourced development

        Correlations
          ISO/IEC 20000-1:2018
            8.3.4 Supplier management: intersects with (moderate, topic). The control (supervising outsourced development) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
          ISO 9001:2015
            8.4 Control of externally provided processes, products and services: intersects with (moderate, topic). The control (supervising outsourced development) helps control external providers for the QMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
          ISO/IEC 27001:2022
            A.8.30 Outsourced development: equal (strong, edition mapping). One-to-one.
              Source: ISO/IEC 27002:2022 Annex B (correspondence between the controls of the 2013 and 2022 editions)
    "#]]
    .assert_eq(&text);
}

#[test]
fn describe_a_sub_clause_with_inherited_correlations() {
    let text = describe_clause(builtin(), &key("iso20000-1@2018:8.3.4.1"));
    expect![[r#"
        ISO/IEC 20000-1:2018 8.3.4.1 Management of external suppliers
          Standard:   ISO/IEC 20000-1:2018 Information technology - Service management - Part 1: Service management system requirements (iso20000-1@2018, SMS)
          Kind:       clause
          Parent:     8.3.4 Supplier management
          Summary:    Manage external suppliers through documented contracts that define what they provide and the targets to meet, monitor their performance, review contracts, and handle disputes.
          Harmonized: no, specific to ISO/IEC 20000-1:2018
          Correction: Confirmed against the published table of contents of ISO/IEC 20000-1:2018: 8.3.4 Supplier management has 8.3.4.1 'Management of external suppliers' and 8.3.4.2 'Management of internal suppliers and customers acting as a supplier'. The same clause 8 outline is reproduced in public clause-by-clause material (e.g. a 2018 SMS operation outline listing 8.3.4.1-8.3.4.2, 8.5.1.1-8.5.1.3 and 8.5.2.1-8.5.2.3). Title kept.

        Correlations
          ISO 9001:2015
            8.4 Control of externally provided processes, products and services: intersects with (strong, topic, inherited from 8.3.4). Both control external providers of the processes, products or services one relies on; 20000-1 also covers internal suppliers and customers acting as suppliers.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
          ISO/IEC 27001:2013
            A.15.1.1 Information security policy for supplier relationships: intersects with (moderate, topic, inherited from 8.3.4). The control (a supplier security policy) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.15.1.2 Addressing security within supplier agreements: intersects with (moderate, topic, inherited from 8.3.4). The control (security terms in supplier agreements) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.15.1.3 Information and communication technology supply chain: intersects with (moderate, topic, inherited from 8.3.4). The control (security in the ICT supply chain) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.15.2.1 Monitoring and review of supplier services: intersects with (moderate, topic, inherited from 8.3.4). The control (monitoring and reviewing supplier services) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.15.2.2 Managing changes to supplier services: intersects with (moderate, topic, inherited from 8.3.4). The control (managing changes to supplier services) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.14.2.7 Outsourced development: intersects with (moderate, topic, inherited from 8.3.4). The control (supervising outsourced development) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
          ISO/IEC 27001:2022
            A.5.19 Information security in supplier relationships: intersects with (moderate, topic, inherited from 8.3.4). The control (security in supplier relationships) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.5.20 Addressing information security within supplier agreements: intersects with (moderate, topic, inherited from 8.3.4). The control (security terms in supplier agreements) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.5.21 Managing information security in the ICT supply chain: intersects with (moderate, topic, inherited from 8.3.4). The control (security in the ICT supply chain) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.5.22 Monitoring, review and change management of supplier services: intersects with (moderate, topic, inherited from 8.3.4). The control (monitoring, review and change of supplier services) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.5.23 Information security for use of cloud services: intersects with (moderate, topic, inherited from 8.3.4). The control (security for the use of cloud services) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
            A.8.30 Outsourced development: intersects with (moderate, topic, inherited from 8.3.4). The control (supervising outsourced development) helps manage suppliers for the SMS but covers only their information security side.
              Source: ISO/IEC TR 20000-7 summary article (van der Haven), example 3
    "#]].assert_eq(&text);
}

#[test]
fn describe_an_untitled_paragraph() {
    let text = describe_clause(builtin(), &key("iso9001@2015:6.1.2"));
    expect![[r#"
        ISO 9001:2015 6.1.2 (paragraph of 6.1 Actions to address risks and opportunities)
          Standard:   ISO 9001:2015 Quality management systems - Requirements (iso9001@2015, QMS)
          Kind:       numbered paragraph without a title of its own
          Parent:     6.1 Actions to address risks and opportunities
          Summary:    Plan what to do about those risks and opportunities, build it into the QMS processes, check later whether it worked, and keep it in proportion to the possible effect on product and service conformity.
          Harmonized: part of 6.1, which implements harmonized-structure clause 6.1
          Source:     ISO 9001:2015 numbering: a numbered paragraph without a title of its own, cited by this number in clause-by-clause audit checklists

        Correlations
          ISO/IEC 20000-1:2018
            6.1 Actions to address risks and opportunities: intersects with (strong, harmonized, inherited from 6.1). Common text of harmonized clause 6.1; ISO/IEC 20000-1:2018 adds text of its own; ISO 9001:2015 adds text of its own.
              ISO/IEC 20000-1:2018 adds: Applies to the SMS and the services and adds documenting the risks (for example of not meeting service requirements or arising from other parties in the service lifecycle), their impact on customers, and risk acceptance criteria.
          ISO/IEC 27001:2013
            6.1 Actions to address risks and opportunities: intersects with (strong, harmonized, inherited from 6.1). Common text of harmonized clause 6.1; ISO 9001:2015 adds text of its own; ISO/IEC 27001:2013 adds text of its own, and has 6.1.1, 6.1.2 and 6.1.3, which ISO 9001:2015 lacks.
              ISO/IEC 27001:2013 adds: Adds two sub-clauses of its own: the information security risk assessment process (6.1.2) and the risk treatment process with the Statement of Applicability (6.1.3).
          ISO/IEC 27001:2022
            6.1 Actions to address risks and opportunities: intersects with (strong, harmonized, inherited from 6.1). Common text of harmonized clause 6.1; ISO 9001:2015 adds text of its own; ISO/IEC 27001:2022 adds text of its own, and has 6.1.1, 6.1.2 and 6.1.3, which ISO 9001:2015 lacks.
              ISO/IEC 27001:2022 adds: Adds two sub-clauses of its own: the information security risk assessment process (6.1.2) and the risk treatment process with the Statement of Applicability (6.1.3).
    "#]].assert_eq(&text);
}

#[test]
fn describe_a_harmonized_clause() {
    let text = describe_clause(builtin(), &key("iso27001@2022:6.1"));
    assert!(text.contains("Harmonized: yes, Annex SL harmonized-structure clause 6.1 Actions to address risks and opportunities"));
    assert!(text.contains("Addition:   Adds two sub-clauses of its own"));
    assert!(text.contains("  ISO 9001:2015\n    6.1 Actions to address risks and opportunities: "));
    assert!(text.contains("  ISO/IEC 27001:2013\n    6.1 Actions to address risks and opportunities: equal (strong, edition mapping)"));
}

#[test]
fn describe_an_unknown_clause() {
    let text = describe_clause(builtin(), &key("iso20000-1@2018:8.3.5"));
    expect![[r#"
        ISO/IEC 20000-1:2018 has no clause 8.3.5. Did you mean: 8.3.4 Supplier management; 8.3.3 Service level management; 8.3 Relationship and agreement?
    "#]]
    .assert_eq(&text);
    let text = describe_clause(builtin(), &key("iso14001@2015:4.1"));
    assert!(text.starts_with("Unknown standard iso14001@2015 (known: iso20000-1@2018, "));
}

#[test]
fn json_dump_has_the_documented_shape() {
    let json = catalog_json(builtin());
    let standards = json["standards"].as_array().unwrap();
    assert_eq!(standards.len(), 4);
    let s9001 = standards.iter().find(|s| s["id"] == "iso9001@2015").unwrap();
    assert_eq!(s9001["aliases"], serde_json::json!(["9001", "iso9001"]));
    assert_eq!(s9001["short_name"], "ISO 9001:2015");
    let c84 = s9001["clauses"].as_array().unwrap().iter().find(|c| c["ref"] == "8.4").unwrap();
    assert_eq!(c84["parent"], "8");
    assert_eq!(c84["kind"], "clause");
    assert_eq!(c84["title"], "Control of externally provided processes, products and services");
    let s22 = standards.iter().find(|s| s["id"] == "iso27001@2022").unwrap();
    let a519 = s22["clauses"].as_array().unwrap().iter().find(|c| c["ref"] == "A.5.19").unwrap();
    assert_eq!(a519["kind"], "control");
    assert_eq!(a519["parent"], "A.5");
    let correlations = json["correlations"].as_array().unwrap();
    let supplier = correlations
        .iter()
        .find(|c| c["from"] == "iso20000-1@2018:8.3.4" && c["to"] == "iso9001@2015:8.4")
        .unwrap();
    assert_eq!(supplier["relation"], "intersects-with");
    assert_eq!(supplier["category"], "topic");
    assert!(supplier["rationale"].as_str().unwrap().len() > 10);
    assert!(json["harmonized"].as_array().unwrap().len() > 30);
    // Every correlation says how the clauses relate, how strongly and why.
    let relations = ["equal", "subset-of", "superset-of", "intersects-with"];
    for c in correlations {
        assert!(relations.contains(&c["relation"].as_str().unwrap()), "{c}");
        assert!(["strong", "moderate", "weak"].contains(&c["strength"].as_str().unwrap()), "{c}");
        assert!(c["rationale"].as_str().unwrap().len() > 10, "{c}");
    }
    assert_eq!(correlations.len(), builtin().correlations().len());
    // Untitled paragraphs are marked, with their parent's title.
    let p612 = s9001["clauses"].as_array().unwrap().iter().find(|c| c["ref"] == "6.1.2").unwrap();
    assert_eq!(p612["untitled"], true);
    assert_eq!(p612["title"], "Actions to address risks and opportunities");
    assert!(c84.get("untitled").is_none());
    // So are the exclusion table and what a scope must state.
    assert_eq!(s9001["exclusions"].as_array().unwrap().len(), 21);
    let e83 =
        s9001["exclusions"].as_array().unwrap().iter().find(|e| e["clause"] == "8.3").unwrap();
    assert_eq!(e83["rule"], "permitted");
    assert!(e83["source"].as_str().unwrap().contains("8.3.1"));
    assert_eq!(s22["scope_content"][0]["requires"], "interfaces");
}

#[test]
fn a_sub_clause_inherits_its_ancestors_topic_correlations() {
    let c = builtin();
    let k = key("iso20000-1@2018:8.3.4.1");
    assert!(c.correlations_of(&k).is_empty());
    let all = c.correlations_with_inherited(&k);
    let targets: Vec<(String, Option<&str>)> =
        all.iter().map(|x| (x.correlation.to.to_string(), x.inherited_from.as_deref())).collect();
    assert!(targets.contains(&("iso9001@2015:8.4".to_string(), Some("8.3.4"))), "{targets:?}");
    assert!(targets.contains(&("iso27001@2022:A.5.19".to_string(), Some("8.3.4"))), "{targets:?}");
    // Oriented from the ancestor, and never a harmonized twin of a heading.
    for x in &all {
        assert_eq!(x.correlation.from, key("iso20000-1@2018:8.3.4"));
        assert_eq!(x.correlation.category, ims_catalog::CorrelationCategory::Topic);
    }
    // A clause's own correlations come first and are not repeated.
    let own = c.correlations_with_inherited(&key("iso20000-1@2018:8.7.3.3"));
    assert!(own[0].inherited_from.is_none());
    let mut seen = std::collections::HashSet::new();
    assert!(own.iter().all(|x| seen.insert(x.correlation.to.clone())));
    assert!(own.iter().any(|x| x.inherited_from.as_deref() == Some("8.7.3")));
}
