//! Standards, editions and clause references.

use expect_test::expect;

use super::{check, check_fires, check_near_miss};

#[test]
fn unknown_standard_fires() {
    check_fires(
        "unknown-standard",
        r#"
ims "Acme" { standards iso9001@2015, iso9001, iso14001@2015, iso27001@2019 }
process p "P" { covers 14001:4.1 }
system EMS "EMS" standard iso14001@2015 { scope { units ops } }
unit ops "Ops"
"#,
        expect![[r#"
            error[unknown-standard] 1:38..1:45 `iso9001`
              the header must name an edition: write `iso9001@2015`
              fix Change to `iso9001@2015`: 1:38..1:45 "iso9001@2015"
            error[unknown-standard] 1:47..1:60 `iso14001@2015`
              unknown standard `iso14001`; the catalog knows `20000-1`, `9001`, `27001`
            error[unknown-standard] 1:62..1:75 `iso27001@2019`
              iso27001 has no edition 2019; known editions: 2022, 2013
            error[unknown-standard] 2:24..2:29 `14001`
              unknown standard `14001`; the catalog knows `20000-1`, `9001`, `27001`
            error[unknown-standard] 3:27..3:40 `iso14001@2015`
              unknown standard `iso14001`; the catalog knows `20000-1`, `9001`, `27001`
        "#]],
    );
}

#[test]
fn unknown_standard_near_miss() {
    // `ISO` in capitals and the `iso` name are accepted spellings.
    check_near_miss(
        "unknown-standard",
        r#"
ims "Acme" { standards ISO9001@2015 }
process p "P" { covers iso9001:8.4, 9001:8.5 }
"#,
        expect![[r#""#]],
    );
}

#[test]
fn not_integrated_fires() {
    check_fires(
        "not-integrated",
        r#"
ims "Acme" { standards iso9001@2015 }
process p "P" { covers 9001:8.4, 20000-1:8.3.4 }
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
unit ops "Ops"
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            error[not-integrated] 2:34..2:47 `20000-1:8.3.4`
              ISO/IEC 20000-1:2018 is not integrated in this IMS (the `ims` header lists iso9001@2015): add `iso20000-1@2018` to its `standards`, or remove the reference
              fix Integrate iso20000-1@2018: 1:36..1:36 ", iso20000-1@2018"
            error[not-integrated] 3:27..3:42 `iso20000-1@2018`
              ISO/IEC 20000-1:2018 is not integrated in this IMS; add `iso20000-1@2018` to the `standards` of the `ims` header
              fix Integrate iso20000-1@2018: 1:36..1:36 ", iso20000-1@2018"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn not_integrated_near_miss() {
    check_near_miss(
        "not-integrated",
        r#"
ims "Acme" { standards iso9001@2015, iso20000-1@2018 }
process p "P" { covers 9001:8.4, 20000-1:8.3.4 }
"#,
        expect![[r#""#]],
    );
}

#[test]
fn ambiguous_edition_fires() {
    check_fires(
        "ambiguous-edition",
        r#"
ims "Acme" { standards iso27001@2013, iso27001@2022 }
process p "P" { covers 27001:9.2 }
"#,
        expect![[r#"
            warning[superseded-edition] 1:24..1:37 `iso27001@2013`
              iso27001@2013 is superseded by iso27001@2022 (certificates to it expired on 2025-10-31)
            error[ambiguous-edition] 2:24..2:29 `27001`
              `27001` is ambiguous: this IMS integrates iso27001@2022 and iso27001@2013; qualify it, e.g. `27001@2022`
              fix Qualify as iso27001@2022: 2:24..2:29 "27001@2022"
              fix Qualify as iso27001@2013: 2:24..2:29 "27001@2013"
        "#]],
    );
}

#[test]
fn ambiguous_edition_near_miss() {
    check_near_miss(
        "ambiguous-edition",
        r#"
ims "Acme" { standards iso27001@2013, iso27001@2022 }
process p "P" { covers 27001@2022:9.2 }
"#,
        expect![[r#"
            warning[superseded-edition] 1:24..1:37 `iso27001@2013`
              iso27001@2013 is superseded by iso27001@2022 (certificates to it expired on 2025-10-31)
        "#]],
    );
}

#[test]
fn unknown_clause_fires() {
    check_fires(
        "unknown-clause",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
process p "P" { covers 9001:8.44, 27001:A.5.99, 9001:3.1 }
"#,
        expect![[r#"
            error[unknown-clause] 2:24..2:33 `9001:8.44`
              ISO 9001:2015 has no clause 8.44; did you mean 8.4 (Control of externally provided processes, products and services)?
              fix Change to 8.4 Control of externally provided processes, products and services: 2:29..2:33 "8.4"
              fix Change to 8.7 Control of nonconforming outputs: 2:29..2:33 "8.7"
              fix Change to 8 Operation: 2:29..2:33 "8"
            error[unknown-clause] 2:35..2:47 `27001:A.5.99`
              ISO/IEC 27001:2022 has no clause A.5.99; did you mean A.5.29 (Information security during disruption)?
              fix Change to A.5.29 Information security during disruption: 2:41..2:47 "A.5.29"
              fix Change to A.5.19 Information security in supplier relationships: 2:41..2:47 "A.5.19"
              fix Change to A.5 Organizational controls: 2:41..2:47 "A.5"
            error[unknown-clause] 2:49..2:57 `9001:3.1`
              ISO 9001:2015 has no clause 3.1; did you mean 4.1 (Understanding the organization and its context)?
              fix Change to 4.1 Understanding the organization and its context: 2:54..2:57 "4.1"
              fix Change to 5.1 Leadership and commitment: 2:54..2:57 "5.1"
              fix Change to 6.1 Actions to address risks and opportunities: 2:54..2:57 "6.1"
        "#]],
    );
}

#[test]
fn unknown_clause_near_miss() {
    check_near_miss(
        "unknown-clause",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
process p "P" { covers 9001:8.4.1, 27001:A.5.19, 27001:A.8 }
"#,
        expect![[r#""#]],
    );
}

#[test]
fn a_2013_control_written_without_edition_in_a_2022_ims() {
    // A.15.1.1 is not a 27001:2022 control; it is the 2013 control that the
    // 2022 edition maps to A.5.19.
    check(
        r#"
ims "Acme" { standards iso27001@2022 }
process p "P" { covers 27001:A.15.1.1 }
"#,
        expect![[r#"
            warning[superseded-edition] 2:24..2:38 `27001:A.15.1.1`
              27001:A.15.1.1 is control A.15.1.1 Information security policy for supplier relationships of ISO/IEC 27001:2013, which ISO/IEC 27001:2022 supersedes (certificates to ISO/IEC 27001:2013 expired on 2025-10-31); in ISO/IEC 27001:2022 it maps to A.5.19 Information security in supplier relationships
              fix Replace with 27001:A.5.19: 2:24..2:38 "27001:A.5.19"
        "#]],
    );
}

#[test]
fn invalid_range_fires() {
    check_fires(
        "invalid-range",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
process p "P" {
  covers 9001:8.5 .. 9001:8.2
  covers 9001:8.1 .. 27001:8.1
  covers 27001:A.5 .. 27001:A.5.3
}
"#,
        expect![[r#"
            error[invalid-range] 3:10..3:30 `9001:8.5 .. 9001:8.2`
              the range runs backwards: 8.5 comes after 8.2
            error[invalid-range] 4:10..4:31 `9001:8.1 .. 27001:8.1`
              a range must stay in one standard; it runs from iso9001@2015 to iso27001@2022
            error[invalid-range] 5:10..5:34 `27001:A.5 .. 27001:A.5.3`
              a range must join clauses of one kind; A.5 is a theme and A.5.3 a control
        "#]],
    );
}

#[test]
fn invalid_range_near_miss() {
    check_near_miss(
        "invalid-range",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
process p "P" {
  covers 9001:8.2 .. 9001:8.5
  covers 27001:A.5.19 .. 27001:A.5.23
}
"#,
        expect![[r#""#]],
    );
}

#[test]
fn superseded_edition_fires() {
    // A 2013 control in a 2022 IMS names the mapped 2022 controls and offers
    // them as the replacement.
    check_fires(
        "superseded-edition",
        r#"
ims "Acme" { standards iso27001@2022 }
process p "P" { covers 27001@2013:A.15.1.1, 27001@2013:A.12.1.2 }
"#,
        expect![[r#"
            warning[superseded-edition] 2:24..2:43 `27001@2013:A.15.1.1`
              27001@2013:A.15.1.1 is control A.15.1.1 Information security policy for supplier relationships of ISO/IEC 27001:2013, which ISO/IEC 27001:2022 supersedes (certificates to ISO/IEC 27001:2013 expired on 2025-10-31); in ISO/IEC 27001:2022 it maps to A.5.19 Information security in supplier relationships
              fix Replace with 27001:A.5.19: 2:24..2:43 "27001:A.5.19"
            warning[superseded-edition] 2:45..2:64 `27001@2013:A.12.1.2`
              27001@2013:A.12.1.2 is control A.12.1.2 Change management of ISO/IEC 27001:2013, which ISO/IEC 27001:2022 supersedes (certificates to ISO/IEC 27001:2013 expired on 2025-10-31); in ISO/IEC 27001:2022 it maps to A.8.32 Change management
              fix Replace with 27001:A.8.32: 2:45..2:64 "27001:A.8.32"
        "#]],
    );
}

#[test]
fn superseded_edition_near_miss() {
    // References to the integrated 2022 edition, qualified or not.
    check_near_miss(
        "superseded-edition",
        r#"
ims "Acme" { standards iso27001@2022 }
process p "P" { covers 27001:A.5.19, 27001@2022:A.8.32 }
"#,
        expect![[r#""#]],
    );
}

#[test]
fn superseded_edition_in_the_header_and_a_system() {
    check(
        r#"
ims "Acme" { standards iso27001@2013 }
system ISMS "ISMS" standard iso27001@2013 { scope { units ops } }
unit ops "Ops"
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[superseded-edition] 1:24..1:37 `iso27001@2013`
              iso27001@2013 is superseded by iso27001@2022 (certificates to it expired on 2025-10-31)
              fix Change to `iso27001@2022`: 1:24..1:37 "iso27001@2022"
            warning[scope-content] 2:51..2:64 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2013 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn a_2013_system_in_a_2022_ims() {
    check(
        r#"
ims "Acme" { standards iso27001@2022 }
system ISMS "ISMS" standard iso27001@2013 { scope { units ops } }
unit ops "Ops"
"#,
        expect![[r#"
            warning[uncovered-clauses] 2:8..2:12 `ISMS`
              no process covers all 26 mandatory clauses of ISO/IEC 27001:2013 in `ISMS`: 4-10
            warning[soa-incomplete] 2:8..2:12 `ISMS`
              system `ISMS` has no Statement of Applicability: add a `controls { applicable ...; excluded ... because "..." }` block addressing all 114 Annex A controls of ISO/IEC 27001:2013
            warning[superseded-edition] 2:29..2:42 `iso27001@2013`
              this IMS integrates iso27001@2022, which supersedes iso27001@2013; certificates to iso27001@2013 expired on 2025-10-31
              fix Change to `iso27001@2022`: 2:29..2:42 "iso27001@2022"
            warning[scope-content] 2:51..2:64 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2013 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn a_2013_reference_during_the_transition() {
    check(
        r#"
ims "Acme" { standards iso27001@2013, iso27001@2022 }
process p "P" { covers 27001@2013:A.15.1.1 }
"#,
        expect![[r#"
            warning[superseded-edition] 1:24..1:37 `iso27001@2013`
              iso27001@2013 is superseded by iso27001@2022 (certificates to it expired on 2025-10-31)
        "#]],
    );
}

/// ISO/IEC 27002:2022 Annex B: every control of 27001:2013 and the 2022
/// control(s) it maps to, in document order.
const ANNEX_B: &str =
    "A.5.1.1>A.5.1 A.5.1.2>A.5.1 A.6.1.1>A.5.2 A.6.1.2>A.5.3 A.6.1.3>A.5.5 A.6.1.4>A.5.6 \
    A.6.1.5>A.5.8 A.6.2.1>A.8.1 A.6.2.2>A.6.7 A.7.1.1>A.6.1 A.7.1.2>A.6.2 A.7.2.1>A.5.4 \
    A.7.2.2>A.6.3 A.7.2.3>A.6.4 A.7.3.1>A.6.5 A.8.1.1>A.5.9 A.8.1.2>A.5.9 A.8.1.3>A.5.10 \
    A.8.1.4>A.5.11 A.8.2.1>A.5.12 A.8.2.2>A.5.13 A.8.2.3>A.5.10 A.8.3.1>A.7.10 \
    A.8.3.2>A.7.10 A.8.3.3>A.7.10 A.9.1.1>A.5.15 A.9.1.2>A.5.15 A.9.2.1>A.5.16 \
    A.9.2.2>A.5.18 A.9.2.3>A.8.2 A.9.2.4>A.5.17 A.9.2.5>A.5.18 A.9.2.6>A.5.18 A.9.3.1>A.5.17 \
    A.9.4.1>A.8.3 A.9.4.2>A.8.5 A.9.4.3>A.5.17 A.9.4.4>A.8.18 A.9.4.5>A.8.4 A.10.1.1>A.8.24 \
    A.10.1.2>A.8.24 A.11.1.1>A.7.1 A.11.1.2>A.7.2 A.11.1.3>A.7.3 A.11.1.4>A.7.5 \
    A.11.1.5>A.7.6 A.11.1.6>A.7.2 A.11.2.1>A.7.8 A.11.2.2>A.7.11 A.11.2.3>A.7.12 \
    A.11.2.4>A.7.13 A.11.2.5>A.7.10 A.11.2.6>A.7.9 A.11.2.7>A.7.14 A.11.2.8>A.8.1 \
    A.11.2.9>A.7.7 A.12.1.1>A.5.37 A.12.1.2>A.8.32 A.12.1.3>A.8.6 A.12.1.4>A.8.31 \
    A.12.2.1>A.8.7 A.12.3.1>A.8.13 A.12.4.1>A.8.15 A.12.4.2>A.8.15 A.12.4.3>A.8.15 \
    A.12.4.4>A.8.17 A.12.5.1>A.8.19 A.12.6.1>A.8.8 A.12.6.2>A.8.19 A.12.7.1>A.8.34 \
    A.13.1.1>A.8.20 A.13.1.2>A.8.21 A.13.1.3>A.8.22 A.13.2.1>A.5.14 A.13.2.2>A.5.14 \
    A.13.2.3>A.5.14 A.13.2.4>A.6.6 A.14.1.1>A.5.8 A.14.1.2>A.8.26 A.14.1.3>A.8.26 \
    A.14.2.1>A.8.25 A.14.2.2>A.8.32 A.14.2.3>A.8.32 A.14.2.4>A.8.32 A.14.2.5>A.8.27 \
    A.14.2.6>A.8.31 A.14.2.7>A.8.30 A.14.2.8>A.8.29 A.14.2.9>A.8.29 A.14.3.1>A.8.33 \
    A.15.1.1>A.5.19 A.15.1.2>A.5.20 A.15.1.3>A.5.21 A.15.2.1>A.5.22 A.15.2.2>A.5.22 \
    A.16.1.1>A.5.24 A.16.1.2>A.6.8 A.16.1.3>A.6.8 A.16.1.4>A.5.25 A.16.1.5>A.5.26 \
    A.16.1.6>A.5.27 A.16.1.7>A.5.28 A.17.1.1>A.5.29 A.17.1.2>A.5.29 A.17.1.3>A.5.29 \
    A.17.2.1>A.8.14 A.18.1.1>A.5.31 A.18.1.2>A.5.32 A.18.1.3>A.5.33 A.18.1.4>A.5.34 \
    A.18.1.5>A.5.31 A.18.2.1>A.5.35 A.18.2.2>A.5.36 A.18.2.3>A.5.36+A.8.8";

/// Every one of the 114 controls of 2013, written as if it were a 2022
/// control or qualified with its edition, is `superseded-edition` with
/// exactly its Annex B controls as the fix: never `unknown-clause` and
/// never a near-looking 2022 number.
#[test]
fn every_2013_control_is_replaced_by_its_annex_b_mapping() {
    let pairs: Vec<(&str, Vec<&str>)> = ANNEX_B
        .split_whitespace()
        .map(|pair| {
            let (old, new) = pair.split_once('>').unwrap();
            (old, new.split('+').collect())
        })
        .collect();
    assert_eq!(pairs.len(), 114);
    for qualifier in ["27001", "27001@2013"] {
        let mut fixture = String::from("ims \"Acme\" { standards iso27001@2022 }\n");
        for (old, _) in &pairs {
            fixture.push_str(&format!(
                "process p{} \"P\" {{ covers {qualifier}:{old} }}\n",
                old.replace('.', "-")
            ));
        }
        let (workspace, analysis, _) = super::analyze_fixture(&fixture);
        let text = &workspace.file(ims_analysis::FileId(0)).text;
        for (old, new) in &pairs {
            let written = format!("{qualifier}:{old}");
            let found: Vec<_> = analysis
                .diagnostics
                .iter()
                .filter(|d| text[d.location.range.start..d.location.range.end] == written)
                .collect();
            assert_eq!(found.len(), 1, "{written}: {found:?}");
            let d = found[0];
            assert_eq!(d.code, ims_analysis::Code::SupersededEdition, "{written}");
            let replacement: Vec<String> = new.iter().map(|n| format!("27001:{n}")).collect();
            assert_eq!(d.fixes.len(), 1, "{written}");
            assert_eq!(d.fixes[0].edits[0].new_text, replacement.join(", "), "{written}");
        }
    }
}

/// A did-you-mean never leaves the clause the user was in.
#[test]
fn suggestions_stay_in_the_enclosing_clause() {
    check(
        r#"
ims "Acme" { standards iso9001@2015, iso20000-1@2018 }
process p "P" { covers 9001:6.1.3, 20000-1:6.1.2, 9001:5.1.3 }
"#,
        expect![[r#"
            error[unknown-clause] 2:24..2:34 `9001:6.1.3`
              ISO 9001:2015 has no clause 6.1.3; did you mean 6.1.2 (Actions to address risks and opportunities)?
              fix Change to 6.1.2 Actions to address risks and opportunities: 2:29..2:34 "6.1.2"
              fix Change to 6.1.1 Actions to address risks and opportunities: 2:29..2:34 "6.1.1"
              fix Change to 6.1 Actions to address risks and opportunities: 2:29..2:34 "6.1"
            error[unknown-clause] 2:36..2:49 `20000-1:6.1.2`
              ISO/IEC 20000-1:2018 has no clause 6.1.2; did you mean 6.1 (Actions to address risks and opportunities)?
              fix Change to 6.1 Actions to address risks and opportunities: 2:44..2:49 "6.1"
            error[unknown-clause] 2:51..2:61 `9001:5.1.3`
              ISO 9001:2015 has no clause 5.1.3; did you mean 5.1.2 (Customer focus)?
              fix Change to 5.1.2 Customer focus: 2:56..2:61 "5.1.2"
              fix Change to 5.1.1 General: 2:56..2:61 "5.1.1"
              fix Change to 5.1 Leadership and commitment: 2:56..2:61 "5.1"
        "#]],
    );
}

#[test]
fn clause_case_fires() {
    // The numbering is case-insensitive: the references resolve (no
    // unknown-clause, and the 2013 control is still mapped to 2022).
    check_fires(
        "clause-case",
        r#"
ims "Acme" { standards iso27001@2022 }
process p "P" { covers 27001:a.5.19, 27001:a.8 }
process q "Q" { covers 27001:a.15.1.1 }
"#,
        expect![[r#"
            hint[clause-case] 2:30..2:36 `a.5.19`
              `a.5.19` is A.5.19 Information security in supplier relationships; the standard writes it `A.5.19`
              fix Write `A.5.19`: 2:30..2:36 "A.5.19"
            hint[clause-case] 2:44..2:47 `a.8`
              `a.8` is A.8 Technological controls; the standard writes it `A.8`
              fix Write `A.8`: 2:44..2:47 "A.8"
            warning[superseded-edition] 3:24..3:38 `27001:a.15.1.1`
              27001:a.15.1.1 is control A.15.1.1 Information security policy for supplier relationships of ISO/IEC 27001:2013, which ISO/IEC 27001:2022 supersedes (certificates to ISO/IEC 27001:2013 expired on 2025-10-31); in ISO/IEC 27001:2022 it maps to A.5.19 Information security in supplier relationships
              fix Replace with 27001:A.5.19: 3:24..3:38 "27001:A.5.19"
        "#]],
    );
}

#[test]
fn clause_case_near_miss() {
    check_near_miss(
        "clause-case",
        r#"
ims "Acme" { standards iso27001@2022 }
process p "P" { covers 27001:A.5.19, 27001:A.8 }
"#,
        expect![[r#""#]],
    );
}
