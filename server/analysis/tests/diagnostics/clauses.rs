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
              fix Change to 8.6 Release of products and services: 2:29..2:33 "8.6"
            error[unknown-clause] 2:35..2:47 `27001:A.5.99`
              ISO/IEC 27001:2022 has no clause A.5.99; did you mean A.5.29 (Information security during disruption)?
              fix Change to A.5.29 Information security during disruption: 2:41..2:47 "A.5.29"
              fix Change to A.5.19 Information security in supplier relationships: 2:41..2:47 "A.5.19"
              fix Change to A.5.9 Inventory of information and other associated assets: 2:41..2:47 "A.5.9"
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
