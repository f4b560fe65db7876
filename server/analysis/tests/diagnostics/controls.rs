//! What the Statement of Applicability says of a control beyond applicable
//! or excluded (reason, status, owner, evidence), and the document control
//! of the `ims` header.

use expect_test::expect;

use super::{check, check_fires, check_near_miss};

const CONFIG: &str = r#"//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
scope-content = "off"
"#;

fn with_config(text: &str) -> String {
    format!("{text}{CONFIG}")
}

#[test]
fn invalid_value_fires() {
    check_fires(
        "invalid-value",
        &with_config(
            r#"
ims "Acme" { standards iso27001@2022; status aproved; version "1.2" }
unit ops "Operations"
process p "P" { owner ops; covers 27001:A.5.1 .. 27001:A.5.3 }
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1 because "Basis of the ISMS" { reason risk, legal; status done }
    applicable 27001:A.5.2 because "Roles" { status planned }
    applicable 27001:A.5.3 because "Duties" { status planned "next spring" }
  }
}
"#,
        ),
        expect![[r#"
            error[invalid-value] 1:46..1:53 `aproved`
              `aproved` is not a document status; write `draft`, `review`, `approved` or `withdrawn`
              fix Change to `approved`: 1:46..1:53 "approved"
            error[invalid-value] 7:65..7:69 `risk`
              `risk` is not a reason for inclusion; write `risk-treatment`, `legal`, `regulatory`, `contractual` or `business`
            error[invalid-value] 7:85..7:89 `done`
              `done` is not an implementation status; write `implemented`, `partial`, `planned` or `not-implemented`
            error[invalid-value] 8:53..8:60 `planned`
              a planned control needs the date it is planned for: `status planned "YYYY-MM-DD"`
            error[invalid-value] 9:62..9:75 `"next spring"`
              `next spring` is not a date: write the date the control is planned for as "YYYY-MM-DD"
        "#]],
    );
}

#[test]
fn invalid_value_near_miss() {
    check_near_miss(
        "invalid-value",
        &with_config(
            r#"
ims "Acme" { standards iso27001@2022; owner ops; approver "Managing director"; status approved; version "1.2" }
unit ops "Operations"
process p "P" { owner ops; covers 27001:A.5.1 .. 27001:A.5.3 }
document policy "Information security policy" { owner ops; evidence 27001:5.2 }
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1 because "Basis of the ISMS" {
      reason risk-treatment, legal
      status implemented
      owner ops
      evidence policy, p
    }
    applicable 27001:A.5.2 because "Roles" { status partial }
    applicable 27001:A.5.3 because "Duties" { status planned "2999-12-31" }
  }
}
"#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn planned_overdue_fires() {
    check_fires(
        "planned-overdue",
        &with_config(
            r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
process p "P" { owner ops; covers 27001:A.5.1 .. 27001:A.5.3 }
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1 .. 27001:A.5.3 because "Organisational basics" {
      status planned "2020-06-30"
    }
  }
}
"#,
        ),
        expect![[r#"
            warning[planned-overdue] 8:7..8:34 `status planned "2020-06-30"`
              27001:A.5.1 .. 27001:A.5.3 of `ISMS` were planned for 2020-06-30, which has passed: implement them, or plan a new date
        "#]],
    );
}

#[test]
fn planned_overdue_near_miss() {
    check_near_miss(
        "planned-overdue",
        &with_config(
            r#"
ims "Acme" { standards iso27001@2022 }
unit ops "Operations"
process p "P" { owner ops; covers 27001:A.5.1 .. 27001:A.5.3 }
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1 .. 27001:A.5.2 because "Organisational basics" {
      status implemented
    }
    applicable 27001:A.5.3 because "Segregation" { status planned "2999-06-30" }
  }
}
"#,
        ),
        expect![[r#""#]],
    );
}

/// A control's owner must be a unit and its evidence documents or processes;
/// clauses in its evidence, and `reason` or `status` on an exclusion, are
/// misplaced.
#[test]
fn control_owners_and_evidence_are_checked() {
    check(
        &with_config(
            r#"
ims "Acme" { standards iso27001@2022 }
site hq "HQ"
unit ops "Operations" at hq
process p "P" { owner ops; covers 27001:A.5.1 }
system ISMS "ISMS" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1 because "Basis" { owner hq; evidence p, policy, hq, 27001:5.2 }
    excluded 27001:A.5.2 because "No roles" { status implemented; owner ops }
  }
}
"#,
        ),
        expect![[r#"
            error[wrong-kind] 8:52..8:54 `hq`
              `hq` is a site, but a unit is expected here
              related 2:6..2:8 `hq`: `hq` is defined here
            error[undefined-name] 8:68..8:74 `policy`
              no document or process named `policy`
            error[wrong-kind] 8:76..8:78 `hq`
              `hq` is a site, but the evidence of a control is a document or a process
              related 2:6..2:8 `hq`: `hq` is defined here
            error[misplaced-statement] 8:80..8:89 `27001:5.2`
              the `evidence` of a control names documents and processes, not clauses: a `document` states which clauses it is evidence for
            error[misplaced-statement] 9:47..9:53 `status`
              `status` does not belong in an `excluded` block; it accepts owner or evidence
        "#]],
    );
}
