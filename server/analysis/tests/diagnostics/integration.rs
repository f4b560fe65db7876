//! Integration of the harmonized (Annex L) clauses across systems.

use expect_test::expect;

use super::{check, check_fires, check_near_miss};

#[test]
fn integration_opportunity_fires() {
    // The SMS has its own internal audit; the QMS has none.
    check_fires(
        "integration-opportunity",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process audit "Internal audit" { owner ops; covers 20000-1:9.2 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 4:48..4:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            info[integration-opportunity] 5:52..5:63 `20000-1:9.2`
              `audit` covers 20000-1:9.2 for SMS, but nothing covers its harmonized twin 9001:9.2 Internal audit for QMS: `audit` could serve both
              fix Cover 9001:9.2 in `audit` too: 5:63..5:63 ", 9001:9.2"
        "#]],
    );
}

#[test]
fn integration_opportunity_with_two_processes() {
    check(
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process sms-audit "SMS audit" { owner ops; covers 20000-1:9.2 }
process qms-audit "QMS audit" { owner ops; covers 9001:9.2 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 4:48..4:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            info[integration-opportunity] 5:51..5:62 `20000-1:9.2`
              20000-1:9.2 Internal audit is covered by `sms-audit` for SMS, its harmonized twin 9001:9.2 by `qms-audit` for QMS: one integrated process could serve both
              related 6:9..6:18 `qms-audit`: covers 9001:9.2
        "#]],
    );
}

#[test]
fn integration_opportunity_near_miss() {
    // Clause 8 beyond 8.1 is each standard's own text: covering 20000-1
    // 8.3.4 alone is no missed integration of a harmonized clause.
    check_near_miss(
        "integration-opportunity",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process audit "Internal audit" { owner ops; covers 20000-1:9.2, 9001:9.2 }
process supplier-mgmt "Suppliers" { owner ops; covers 20000-1:8.3.4 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 4:48..4:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            hint[harmonized-additions] 5:52..5:63 `20000-1:9.2`
              `audit` serves the harmonized clause 9.2 Internal audit of ISO/IEC 20000-1:2018 and ISO 9001:2015: it must also meet what each standard adds to the common text
              related 5:65..5:73 `9001:9.2`: 9001:9.2: The audit programme also considers changes affecting the organization, and correction and corrective action are to be taken without undue delay.
        "#]],
    );
}

#[test]
fn harmonized_additions_fires() {
    check_fires(
        "harmonized-additions",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
system ISMS "ISMS" standard iso27001@2022 { scope { units ops } }
process review "Management review" { owner ops; covers 20000-1:9.3, 9001:9.3, 27001:9.3 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 4:48..4:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-content] 5:51..5:64 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            hint[harmonized-additions] 6:56..6:67 `20000-1:9.3`
              `review` serves the harmonized clause 9.3 Management review of ISO/IEC 20000-1:2018, ISO 9001:2015 and ISO/IEC 27001:2022: it must also meet what each standard adds to the common text
              related 6:56..6:67 `20000-1:9.3`: 20000-1:9.3: Adds service-specific review inputs, such as service performance, customer satisfaction, service complaints, supplier performance, changes in the services, and resource needs.
              related 6:69..6:77 `9001:9.3`: 9001:9.3: Adds alignment with the strategic direction and specific review inputs: customer satisfaction and feedback, the extent quality objectives are met, process performance and conformity of products and services, external provider performance, adequacy of resources, effectiveness of actions on risks and opportunities, and improvement opportunities; outputs include needed QMS changes and resource needs.
              related 6:79..6:88 `27001:9.3`: 27001:9.3: Splits the clause into 9.3.1 General, 9.3.2 Management review inputs and 9.3.3 Management review results; the inputs add changes in interested parties' needs, trends in nonconformities, monitoring and audit results, fulfilment of objectives, interested parties' feedback, risk assessment results and the status of the risk treatment plan.
        "#]],
    );
}

#[test]
fn harmonized_additions_near_miss() {
    // 7.2 Competence: both standards keep the common text.
    check_near_miss(
        "harmonized-additions",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process competence "Competence" { owner ops; covers 20000-1:7.2, 9001:7.2 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 4:48..4:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn integration_opportunity_respects_scopes_and_delegation() {
    // `sms-audit` is performed by a unit outside the ISMS scope: covering
    // 27001:9.2 too would cross the ISMS boundary, so it is not suggested.
    // The QMS delegates 9.2 to the SMS, so nothing is missing there either.
    check(
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
unit ops "Operations"
unit desk "Service desk"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops, desk } }
system QMS "QMS" standard iso9001@2015 { scope { units ops, desk } }
system ISMS "ISMS" standard iso27001@2022 { scope { units ops } }
process sms-audit "SMS audit" { owner desk; covers 20000-1:9.2 }
process qms-audit "QMS audit" { owner ops; covers 9001:9.2 via SMS }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
scope-gap = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:51..4:70 `{ units ops, desk }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 5:48..5:67 `{ units ops, desk }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-content] 6:51..6:64 `{ units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn one_integration_opportunity_per_reference_and_system() {
    // `9001:9` stands for its harmonized sub-clauses 9.1-9.3; 9.1.2
    // (customer satisfaction) is 9001's own and has no twin.
    check(
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process evaluation "Evaluation" { owner ops; covers 9001:9, 9001:9.1.2 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 4:48..4:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            info[integration-opportunity] 5:53..5:59 `9001:9`
              `evaluation` covers 9001:9 for QMS, but nothing covers the harmonized twins 20000-1:9.1, 20000-1:9.2 and 20000-1:9.3 for SMS: `evaluation` could serve both
              fix Cover the twins in `evaluation` too: 5:71..5:71 ", 20000-1:9.1, 20000-1:9.2, 20000-1:9.3"
        "#]],
    );
}

#[test]
fn one_harmonized_additions_hint_per_process() {
    check(
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process evaluation "Evaluation" { owner ops; covers 20000-1:9, 9001:9 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 4:48..4:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            hint[harmonized-additions] 5:53..5:62 `20000-1:9`
              `evaluation` serves 3 harmonized clauses (9.1-9.3) of ISO/IEC 20000-1:2018 and ISO 9001:2015: it must also meet what each standard adds to the common text
              related 5:53..5:62 `20000-1:9`: 20000-1:9.1: Extends monitoring, measurement and evaluation to the services, including their performance against service requirements and service level targets.
              related 5:64..5:70 `9001:9`: 9001:9.1: Adds 9.1.2 Customer satisfaction and 9.1.3 Analysis and evaluation, which lists what the analysed data must be used to evaluate.
              related 5:64..5:70 `9001:9`: 9001:9.2: The audit programme also considers changes affecting the organization, and correction and corrective action are to be taken without undue delay.
              related 5:53..5:62 `20000-1:9`: 20000-1:9.3: Adds service-specific review inputs, such as service performance, customer satisfaction, service complaints, supplier performance, changes in the services, and resource needs.
              related 5:64..5:70 `9001:9`: 9001:9.3: Adds alignment with the strategic direction and specific review inputs: customer satisfaction and feedback, the extent quality objectives are met, process performance and conformity of products and services, external provider performance, adequacy of resources, effectiveness of actions on risks and opportunities, and improvement opportunities; outputs include needed QMS changes and resource needs.
        "#]],
    );
}
