//! Coverage, the Statement of Applicability and exclusions.

use expect_test::expect;

use super::{check, check_fires, check_near_miss};

#[test]
fn uncovered_clauses_fires() {
    check_fires(
        "uncovered-clauses",
        r#"
ims "Acme" { standards iso9001@2015 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process core "Core" {
  owner ops
  covers 9001:4 .. 9001:7.5.3, 9001:8.1 .. 9001:8.4.3, 9001:9.1.1, 9001:9.1.3, 9001:10
}
"#,
        expect![[r#"
            warning[uncovered-clauses] 3:8..3:11 `QMS`
              no process covers 15 of the 65 mandatory clauses of ISO 9001:2015 in `QMS`: 8.5-8.7, 9.1.2, 9.2, 9.3
            warning[scope-content] 3:48..3:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn uncovered_clauses_near_miss() {
    // Covering a clause covers its sub-clauses; an exclusion and a
    // delegation count as addressed.
    check_near_miss(
        "uncovered-clauses",
        r#"
ims "Acme" { standards iso9001@2015 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:8.3 because "No design: customers specify every product"
}
process core "Core" {
  owner ops
  covers 9001:4, 9001:5, 9001:6, 9001:7, 9001:8.1, 9001:8.2, 9001:8.4 .. 9001:8.7, 9001:9, 9001:10
}
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn uncovered_clauses_of_a_system_with_nothing_covered() {
    check(
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls { applicable 27001:A.5 .. 27001:A.8 because "All themes apply" }
}
"#,
        expect![[r#"
            warning[uncovered-clauses] 3:8..3:12 `ISMS`
              no process covers all 30 mandatory clauses of ISO/IEC 27001:2022 in `ISMS`: 4-10
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            warning[control-not-implemented] 5:25..5:47 `27001:A.5 .. 27001:A.8`
              applicable in the Statement of Applicability of `ISMS`, but no process implements 93 controls, A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34
        "#]],
    );
}

#[test]
fn soa_incomplete_fires() {
    check_fires(
        "soa-incomplete",
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5, 27001:A.6, 27001:A.8.1 .. 27001:A.8.30 because "Risk treatment plan"
    excluded 27001:A.7.5 because "No exposure to natural hazards"
  }
}
process all "All" { owner ops; covers 27001:4 .. 27001:10.2, 27001:A.5, 27001:A.6, 27001:A.8 }
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            warning[soa-incomplete] 5:3..5:11 `controls`
              the Statement of Applicability of `ISMS` does not address 17 of the 93 Annex A controls: A.7.1-A.7.4, A.7.6-A.7.14, A.8.31-A.8.34
        "#]],
    );
}

#[test]
fn soa_missing_altogether() {
    check(
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 { scope { units ops } }
process all "All" { owner ops; covers 27001:4 .. 27001:10.2 }
"#,
        expect![[r#"
            warning[soa-incomplete] 3:8..3:12 `ISMS`
              system `ISMS` has no Statement of Applicability: add a `controls { applicable ...; excluded ... because "..." }` block addressing all 93 Annex A controls of ISO/IEC 27001:2022
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn soa_incomplete_near_miss() {
    // A theme in the SoA stands for all of its controls.
    check_near_miss(
        "soa-incomplete",
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5, 27001:A.6, 27001:A.8 because "Risk treatment plan"
    applicable 27001:A.7.1 .. 27001:A.7.4, 27001:A.7.6 .. 27001:A.7.14 because "Customer systems are housed on site"
    excluded 27001:A.7.5 because "No exposure to natural hazards"
  }
}
process all "All" { owner ops; covers 27001:4 .. 27001:10.2, 27001:A.5 .. 27001:A.6, 27001:A.7.1 .. 27001:A.7.4, 27001:A.7.6 .. 27001:A.7.14, 27001:A.8 }
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn control_not_implemented_fires() {
    check_fires(
        "control-not-implemented",
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.19 .. 27001:A.5.23 because "Suppliers"
    applicable 27001:A.8.13 because "Customer data must survive the loss of a site"
  }
}
process supplier-mgmt "Suppliers" { owner ops; covers 27001:A.5.19, 27001:A.5.20 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            warning[control-not-implemented] 6:16..6:44 `27001:A.5.19 .. 27001:A.5.23`
              applicable in the Statement of Applicability of `ISMS`, but no process implements A.5.21 Managing information security in the ICT supply chain; A.5.22 Monitoring, review and change management of supplier services; A.5.23 Information security for use of cloud services
            warning[control-not-implemented] 7:16..7:28 `27001:A.8.13`
              applicable in the Statement of Applicability of `ISMS`, but no process implements A.8.13 Information backup
        "#]],
    );
}

#[test]
fn control_not_implemented_near_miss() {
    // A process that covers the theme implements every control in it.
    check_near_miss(
        "control-not-implemented",
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls { applicable 27001:A.5.19 .. 27001:A.5.23 because "Suppliers" }
}
process organisational "Organisational controls" { owner ops; covers 27001:A.5 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn missing_justification_fires() {
    check_fires(
        "missing-justification",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:8.3, 9001:8.5.3
}
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    excluded 27001:A.7.5 because ""
    excluded 27001:A.8.30
  }
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            error[missing-justification] 5:18..5:38 `9001:8.3, 9001:8.5.3`
              `not-applicable` needs a justification: add `because "..."` saying why 9001:8.3 and 9001:8.5.3 do not apply
            warning[scope-content] 8:9..8:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            error[missing-justification] 10:14..10:25 `27001:A.7.5`
              the justification is empty: say why 27001:A.7.5 is excluded from the Statement of Applicability
            error[missing-justification] 11:14..11:26 `27001:A.8.30`
              `excluded` needs a justification: add `because "..."` saying why 27001:A.8.30 is excluded from the Statement of Applicability
        "#]],
    );
}

#[test]
fn missing_justification_near_miss() {
    // An applicable control without a justification has a code of its own.
    check_near_miss(
        "missing-justification",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:8.3 because "No design: customers specify every product"
}
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1
    excluded 27001:A.8.30 because "No development is outsourced"
  }
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
control-not-implemented = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-content] 8:9..8:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            warning[missing-inclusion-justification] 10:16..10:27 `27001:A.5.1`
              `applicable` needs a justification: add `because "..."` saying why 27001:A.5.1 is included in the Statement of Applicability (27001 6.1.3 d)
        "#]],
    );
}

#[test]
fn missing_inclusion_justification_fires() {
    check_fires(
        "missing-inclusion-justification",
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1, 27001:A.5.19 .. 27001:A.5.23
    applicable 27001:A.8.13 because ""
  }
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
control-not-implemented = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            warning[missing-inclusion-justification] 6:16..6:57 `27001:A.5.1, 27001:A.5.19 .. 27001:A.5.23`
              `applicable` needs a justification: add `because "..."` saying why 27001:A.5.1 and 27001:A.5.19 .. 27001:A.5.23 are included in the Statement of Applicability (27001 6.1.3 d)
            warning[missing-inclusion-justification] 7:16..7:28 `27001:A.8.13`
              the justification is empty: say why 27001:A.8.13 is included in the Statement of Applicability (27001 6.1.3 d)
        "#]],
    );
}

#[test]
fn missing_inclusion_justification_near_miss() {
    check_near_miss(
        "missing-inclusion-justification",
        r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1 because "The policy set is the basis of the ISMS"
    applicable 27001:A.8.13 because "Customer data must survive the loss of a site (risk R-12)"
  }
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
control-not-implemented = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn exclusion_not_permitted_fires() {
    check_fires(
        "exclusion-not-permitted",
        r#"
ims "Acme" { standards iso9001@2015, iso20000-1@2018, iso27001@2022 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:7.5, 9001:8.1, 9001:8.7 because "Nothing is written down, planned or nonconforming"
  not-applicable 9001:8.5 because "Services are delivered by the parent company"
}
system SMS "SMS" standard iso20000-1@2018 {
  scope { units ops }
  not-applicable 20000-1:8.3.4 because "Suppliers are managed by the parent company"
}
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  not-applicable 27001:6.1.3, 27001:A.7.5 because "No risk treatment, no natural hazards"
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
scope-gap = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            error[exclusion-not-permitted] 5:18..5:26 `9001:7.5`
              9001:7.5 cannot be declared not applicable under ISO 9001:2015. Resources, competence, awareness, communication and documented information support every QMS. (Source: ISO 9001:2015 4.3 and Annex A.5 (applicability).)
            error[exclusion-not-permitted] 5:28..5:36 `9001:8.1`
              9001:8.1 cannot be declared not applicable under ISO 9001:2015. Planning and controlling the operational processes is the core of operation for every organization; certification bodies do not accept excluding it. (Source: ISO 9001:2015 4.3 and Annex A.5 (applicability).)
            error[exclusion-not-permitted] 5:38..5:46 `9001:8.7`
              9001:8.7 cannot be declared not applicable under ISO 9001:2015. Any organization can produce nonconforming outputs and has to control them. (Source: ISO 9001:2015 4.3 and Annex A.5 (applicability).)
            error[exclusion-not-permitted] 6:18..6:26 `9001:8.5`
              9001:8.5 cannot be declared not applicable under ISO 9001:2015. Providing products and services under controlled conditions is the core of operation. (Source: ISO 9001:2015 4.3 and Annex A.5 (applicability).)
            warning[scope-content] 9:9..9:22 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            error[exclusion-not-permitted] 10:18..10:31 `20000-1:8.3.4`
              20000-1:8.3.4 cannot be declared not applicable under ISO/IEC 20000-1:2018. Clause 8 applies in full to every SMS: excluding a requirement of clauses 4-10 is not acceptable when conformity is claimed, and what other parties do for the services is controlled (8.2.3), not excluded. (Source: ISO/IEC 20000-1:2018 1.2 (application) and 8.2.3.)
            warning[scope-content] 13:9..13:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            error[exclusion-not-permitted] 14:18..14:29 `27001:6.1.3`
              27001:6.1.3 cannot be declared not applicable under ISO/IEC 27001:2022. Clause 6 applies in full to every ISMS: excluding a requirement of clauses 4-10 is not acceptable when conformity is claimed. Annex A controls are excluded in the `controls` block (the Statement of Applicability) instead. (Source: ISO/IEC 27001:2022 clause 1 (scope) and 6.1.3 d.)
            error[exclusion-not-permitted] 14:31..14:42 `27001:A.7.5`
              27001:A.7.5 belongs to Annex A: exclude controls in the `controls` block (the Statement of Applicability) with `excluded ... because "..."`, not with `not-applicable`
        "#]],
    );
}

#[test]
fn exclusion_not_permitted_near_miss() {
    // The common justified exclusions of ISO 9001: monitoring and measuring
    // resources, design, customer property, post-delivery activities.
    check_near_miss(
        "exclusion-not-permitted",
        r#"
ims "Acme" { standards iso9001@2015 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:7.1.5, 9001:8.3, 9001:8.5.3, 9001:8.5.5 because "No measuring equipment, no design, no customer property, nothing after delivery"
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn unusual_exclusion_fires() {
    check_fires(
        "unusual-exclusion",
        r#"
ims "Acme" { standards iso9001@2015 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:8.4, 9001:8.5.6 because "We buy nothing and change nothing"
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[unusual-exclusion] 5:18..5:26 `9001:8.4`
              9001:8.4 may be declared not applicable under ISO 9001:2015 only with a strong case; expect the certification body to challenge it. Nearly every organization relies on externally provided processes, products or services (suppliers, outsourcing, cloud services, contractors); a claim that there are none will be challenged. (Source: ISO 9001:2015 4.3 and Annex A.5 (applicability).)
            warning[unusual-exclusion] 5:28..5:38 `9001:8.5.6`
              9001:8.5.6 may be declared not applicable under ISO 9001:2015 only with a strong case; expect the certification body to challenge it. Changes to production or service provision happen in every organization; excluding their control will be challenged. (Source: ISO 9001:2015 4.3 and Annex A.5 (applicability).)
        "#]],
    );
}

#[test]
fn unusual_exclusion_near_miss() {
    // 8.5.3 is permitted: its condition (customer property) can be absent.
    check_near_miss(
        "unusual-exclusion",
        r#"
ims "Acme" { standards iso9001@2015 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:8.5.3 because "We hold no property of customers or external providers, intellectual property and personal data included"
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn not_applicable_clause_of_another_standard() {
    check(
        r#"
ims "Acme" { standards iso9001@2015, iso20000-1@2018 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 20000-1:8.5 because "Design is out of scope"
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            error[wrong-kind] 5:18..5:29 `20000-1:8.5`
              20000-1:8.5 is a clause of ISO/IEC 20000-1:2018, but system `QMS` follows ISO 9001:2015
        "#]],
    );
}

#[test]
fn covered_and_excluded_fires() {
    check_fires(
        "covered-and-excluded",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:8.3 because "No design"
}
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls { excluded 27001:A.7.5, 27001:A.7.6 because "Offices only" }
}
process design "Design" { owner ops; covers 9001:8.3.2 }
process facilities "Facilities" { owner ops; covers 27001:A.7 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
control-not-implemented = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            error[covered-and-excluded] 5:18..5:26 `9001:8.3`
              9001:8.3 is declared not applicable in `QMS`, but process `design` covers 9001:8.3.2
              related 11:45..11:55 `9001:8.3.2`: covered here
            warning[scope-content] 8:9..8:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            error[covered-and-excluded] 9:23..9:34 `27001:A.7.5`
              A.7.5 is excluded from the Statement of Applicability of `ISMS`, but process `facilities` covers it
              related 12:53..12:62 `27001:A.7`: covered here
            error[covered-and-excluded] 9:36..9:47 `27001:A.7.6`
              A.7.6 is excluded from the Statement of Applicability of `ISMS`, but process `facilities` covers it
              related 12:53..12:62 `27001:A.7`: covered here
        "#]],
    );
}

#[test]
fn covered_and_excluded_near_miss() {
    // Delegating an excluded clause to another system is not covering it
    // in this one, and a neighbouring clause is not the excluded one.
    check_near_miss(
        "covered-and-excluded",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 {
  scope { units ops }
  not-applicable 9001:8.3 because "No design"
}
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls { excluded 27001:A.7.5 because "Offices only" }
}
process delivery "Delivery" { owner ops; covers 9001:8.2, 9001:8.4 }
process facilities "Facilities" { owner ops; covers 27001:A.7.4, 27001:A.7.6 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
integration-opportunity = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:9..4:22 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-content] 8:9..8:22 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}
