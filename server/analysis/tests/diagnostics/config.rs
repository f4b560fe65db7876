//! Severities from `ims.toml`.

use expect_test::expect;

use super::check;

const GAPS: &str = r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
unit team-a "Team A"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops, team-a } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process audit "Internal audit" { owner ops; covers 20000-1:9.2, 9001:9.2 }
"#;

fn with_config(config: &str) -> String {
    format!("//- /main.ims\n{}//- /ims.toml\n{config}", GAPS.trim_start())
}

#[test]
fn default_severities() {
    check(
        &with_config("[diagnostics]\nuncovered-clauses = \"off\"\n"),
        expect![[r#"
            warning[scope-gap] 3:6..3:12 `team-a`
              unit `team-a` is in the scope of `SMS` but not of `QMS`: integration is limited where scopes differ
              related 4:64..4:70 `team-a`: in the scope of SMS
              related 5:48..5:61 `{ units ops }`: not in the scope of QMS
              fix Add unit `team-a` to the scope of QMS: 5:59..5:59 ", team-a"
            warning[scope-content] 4:51..4:72 `{ units ops, team-a }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 5:48..5:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            hint[harmonized-additions] 6:52..6:63 `20000-1:9.2`
              `audit` serves the harmonized clause 9.2 Internal audit of ISO/IEC 20000-1:2018 and ISO 9001:2015: it must also meet what each standard adds to the common text
              related 6:65..6:73 `9001:9.2`: 9001:9.2: The audit programme also considers changes affecting the organization, and correction and corrective action are to be taken without undue delay.
        "#]],
    );
}

#[test]
fn every_severity_and_off() {
    check(
        &with_config(
            r#"
[diagnostics]
scope-gap = "error"
harmonized-additions = "info"
uncovered-clauses = "hint"
integration-opportunity = "off"
"#,
        ),
        expect![[r#"
            error[scope-gap] 3:6..3:12 `team-a`
              unit `team-a` is in the scope of `SMS` but not of `QMS`: integration is limited where scopes differ
              related 4:64..4:70 `team-a`: in the scope of SMS
              related 5:48..5:61 `{ units ops }`: not in the scope of QMS
              fix Add unit `team-a` to the scope of QMS: 5:59..5:59 ", team-a"
            hint[uncovered-clauses] 4:8..4:11 `SMS`
              no process covers 56 of the 57 mandatory clauses of ISO/IEC 20000-1:2018 in `SMS`: 4-8, 9.1, 9.3, 9.4, 10
            warning[scope-content] 4:51..4:72 `{ units ops, team-a }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            hint[uncovered-clauses] 5:8..5:11 `QMS`
              no process covers 63 of the 65 mandatory clauses of ISO 9001:2015 in `QMS`: 4-8, 9.1, 9.3, 10
            warning[scope-content] 5:48..5:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            info[harmonized-additions] 6:52..6:63 `20000-1:9.2`
              `audit` serves the harmonized clause 9.2 Internal audit of ISO/IEC 20000-1:2018 and ISO 9001:2015: it must also meet what each standard adds to the common text
              related 6:65..6:73 `9001:9.2`: 9001:9.2: The audit programme also considers changes affecting the organization, and correction and corrective action are to be taken without undue delay.
        "#]],
    );
}

#[test]
fn unknown_codes_and_bad_values_are_reported_and_the_rest_applies() {
    check(
        &with_config(
            r#"
[diagnostics]
scope-gap = "loud"
no-such-code = "off"
uncovered-clauses = "off"
harmonized-additions = "off"
"#,
        ),
        expect![[r#"
            config error /ims.toml:3:1: `scope-gap` must be one of "error", "warning", "info", "hint", "off"
            config error /ims.toml:4:1: unknown diagnostic code `no-such-code` (see docs/diagnostics.md)
            warning[scope-gap] 3:6..3:12 `team-a`
              unit `team-a` is in the scope of `SMS` but not of `QMS`: integration is limited where scopes differ
              related 4:64..4:70 `team-a`: in the scope of SMS
              related 5:48..5:61 `{ units ops }`: not in the scope of QMS
              fix Add unit `team-a` to the scope of QMS: 5:59..5:59 ", team-a"
            warning[scope-content] 4:51..4:72 `{ units ops, team-a }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 5:48..5:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn suppression_and_severity_together() {
    // Turning a code off and suppressing it agree: nothing is reported, not
    // even the comment as unused.
    check(
        r#"
//- /main.ims
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
unit team-a "Team A" // ims-allow(scope-gap): Team A is outside the QMS on purpose
system SMS "SMS" standard iso20000-1@2018 { scope { units ops, team-a } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
scope-gap = "off"
"#,
        expect![[r#"
            warning[scope-content] 4:51..4:72 `{ units ops, team-a }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 5:48..5:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}
