//! Scopes: gaps between systems, processes crossing a scope boundary,
//! delegation, organisation- versus location-based scopes, services and
//! suppliers.

use expect_test::expect;

use super::{check, check_fires, check_near_miss};

#[test]
fn scope_gap_fires() {
    // The team A case of ISO/IEC TR 20000-7.
    check_fires(
        "scope-gap",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
site hq "HQ"
unit ops "Operations" at hq
unit team-a "Team A" at hq
system SMS "SMS" standard iso20000-1@2018 { scope { units ops, team-a } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-gap] 4:6..4:12 `team-a`
              unit `team-a` is in the scope of `SMS` but not of `QMS`: integration is limited where scopes differ
              related 5:64..5:70 `team-a`: in the scope of SMS
              related 6:48..6:61 `{ units ops }`: not in the scope of QMS
              fix Add unit `team-a` to the scope of QMS: 6:59..6:59 ", team-a"
            warning[scope-content] 5:51..5:72 `{ units ops, team-a }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 6:48..6:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn scope_gap_near_miss() {
    check_near_miss(
        "scope-gap",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
site hq "HQ"
unit ops "Operations" at hq
unit team-a "Team A" at hq
system SMS "SMS" standard iso20000-1@2018 { scope { units ops, team-a; sites hq } }
system QMS "QMS" standard iso9001@2015 { scope { units team-a, ops } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 5:51..5:82 `{ units ops, team-a; sites hq }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 6:48..6:69 `{ units team-a, ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn scope_gap_of_a_site_that_only_units_bring_in() {
    // hq is in the organisation-based SMS scope only because ops works
    // there; that ops is partly outside the location-based ISMS is said once,
    // by org-location-mismatch, not again as a gap of the site.
    check(
        r#"
ims "Acme" { standards iso20000-1@2018, iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at hq, dc
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[org-location-mismatch] 4:6..4:9 `ops`
              unit `ops` works at `hq` and `dc`: the organisation-based SMS scope holds all of its work, the location-based ISMS scope only its work at `dc`; its work at `hq` is outside ISMS
              related 5:59..5:62 `ops`: in the organisation-based SMS scope, wherever it works
              related 6:60..6:72 `{ sites dc }`: the location-based ISMS scope, which holds site `dc`
              fix Add site `hq` to the scope of ISMS: 6:70..6:70 ", hq"
            warning[scope-content] 5:51..5:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 6:60..6:72 `{ sites dc }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn scope_gap_of_a_listed_site() {
    check(
        r#"
ims "Acme" { standards iso20000-1@2018, iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at dc
system SMS "SMS" standard iso20000-1@2018 { scope { units ops; sites hq } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-gap] 2:6..2:8 `hq`
              site `hq` is in the scope of `SMS` but not of `ISMS`: integration is limited where scopes differ
              related 5:70..5:72 `hq`: in the scope of SMS
              related 6:60..6:72 `{ sites dc }`: not in the scope of ISMS
              fix Add site `hq` to the scope of ISMS: 6:70..6:70 ", hq"
            warning[scope-content] 5:51..5:74 `{ units ops; sites hq }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 6:60..6:72 `{ sites dc }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn scope_crossing_fires() {
    check_fires(
        "scope-crossing",
        r#"
ims "Acme" { standards iso9001@2015 }
site hq "HQ"
site lab "Lab"
unit ops "Operations" at hq
unit sales "Sales" at hq
service hosting "Hosting" { delivered-by ops }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
process design "Design" {
  owner sales
  performed-by ops, sales
  at lab
  services hosting
  covers 9001:8.3, 9001:8.2
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 7:48..7:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-crossing] 8:9..8:15 `design`
              process `design` covers 9001:8.3 and 9001:8.2 of QMS but involves unit `sales`, site `lab` and service `hosting`, outside the QMS scope
              related 9:9..9:14 `sales`: `sales` is not in the scope of QMS
              related 11:6..11:9 `lab`: `lab` is not in the scope of QMS
              related 12:12..12:19 `hosting`: `hosting` is not in the scope of QMS
              fix Add unit `sales`, site `lab` and service `hosting` to the scope of QMS: 7:59..7:59 ", sales", 7:49..7:49 " sites lab; services hosting;"
        "#]],
    );
}

#[test]
fn scope_crossing_near_miss() {
    // A process outside the ISMS scope that covers only SMS and QMS clauses
    // crosses no ISMS boundary.
    check_near_miss(
        "scope-crossing",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at hq, dc
unit sales "Sales" at hq
service hosting "Hosting" { delivered-by ops }
system QMS "QMS" standard iso9001@2015 { scope { units ops, sales; services hosting } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc; services hosting } }
process design "Design" {
  owner sales
  performed-by ops, sales
  at hq
  services hosting
  covers 9001:8.3
}
process backup "Backup" { owner ops; at dc; covers 27001:A.8.13 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
scope-gap = "off"
org-location-mismatch = "off"
"#,
        expect![[r#"
            warning[scope-content] 8:60..8:90 `{ sites dc; services hosting }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn delegation_gap_fires() {
    check_fires(
        "delegation-gap",
        r#"
ims "Acme" { standards iso20000-1@2018, iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at dc
unit desk "Service desk" at hq
service hosting "Hosting" { delivered-by ops }
system SMS "SMS" standard iso20000-1@2018 { scope { units ops, desk; services hosting } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc } }
process security "Security" { covers 20000-1:8.7.3 via ISMS }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
scope-gap = "off"
"#,
        expect![[r#"
            warning[scope-content] 8:60..8:72 `{ sites dc }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            warning[delegation-gap] 9:38..9:60 `20000-1:8.7.3 via ISMS`
              20000-1:8.7.3 of SMS is delegated to ISMS, whose scope misses unit `desk`, site `hq` and service `hosting` of the SMS scope: ISMS meets it only for part of SMS
              related 8:60..8:72 `{ sites dc }`: the ISMS scope
              related 7:51..7:88 `{ units ops, desk; services hosting }`: the SMS scope
              fix Add unit `desk`, site `hq` and service `hosting` to the scope of ISMS: 8:70..8:70 ", hq", 8:61..8:61 " units desk; services hosting;"
        "#]],
    );
}

#[test]
fn delegation_gap_near_miss() {
    check_near_miss(
        "delegation-gap",
        r#"
ims "Acme" { standards iso20000-1@2018, iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at dc
unit desk "Service desk" at hq
service hosting "Hosting" { delivered-by ops }
system SMS "SMS" standard iso20000-1@2018 { scope { units ops, desk; services hosting } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc, hq; services hosting } }
process security "Security" { covers 20000-1:8.7.3 via ISMS }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 8:60..8:94 `{ sites dc, hq; services hosting }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn org_location_mismatch_fires() {
    // One finding per unit, naming every organisation-based scope that holds it.
    check_fires(
        "org-location-mismatch",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at hq, dc
system SMS "SMS" standard iso20000-1@2018 { scope { units ops; sites hq, dc } }
system QMS "QMS" standard iso9001@2015 { scope organisation { units ops } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc; units ops } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-gap] 2:6..2:8 `hq`
              site `hq` is in the scope of `SMS` and `QMS` but not of `ISMS`: integration is limited where scopes differ
              related 5:70..5:72 `hq`: in the scope of SMS
              related 6:69..6:72 `ops`: in the scope of QMS, because `ops` works there
              related 7:60..7:83 `{ sites dc; units ops }`: not in the scope of ISMS
              fix Add site `hq` to the scope of ISMS: 7:70..7:70 ", hq"
            warning[org-location-mismatch] 4:6..4:9 `ops`
              unit `ops` works at `hq` and `dc`: the organisation-based SMS and QMS scopes hold all of its work, the location-based ISMS scope only its work at `dc`; its work at `hq` is outside ISMS
              related 5:59..5:62 `ops`: in the organisation-based SMS scope, wherever it works
              related 6:69..6:72 `ops`: in the organisation-based QMS scope, wherever it works
              related 7:78..7:81 `ops`: the location-based ISMS scope, which holds site `dc`
              fix Add site `hq` to the scope of ISMS: 7:70..7:70 ", hq"
            warning[scope-content] 5:51..5:78 `{ units ops; sites hq, dc }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 6:61..6:74 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-content] 7:60..7:83 `{ sites dc; units ops }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn org_location_mismatch_near_miss() {
    // ops works only at the ISMS site: all of its work is in every scope.
    check_near_miss(
        "org-location-mismatch",
        r#"
ims "Acme" { standards iso9001@2015, iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at dc
unit sales "Sales" at hq
system QMS "QMS" standard iso9001@2015 { scope organisation { units ops } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 6:61..6:74 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-content] 7:60..7:72 `{ sites dc }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn service_unit_out_of_scope_fires() {
    check_fires(
        "service-unit-out-of-scope",
        r#"
ims "Acme" { standards iso20000-1@2018 }
unit ops "Operations"
unit network "Network team"
service hosting "Hosting" { delivered-by ops, network }
system SMS "SMS" standard iso20000-1@2018 { scope { services hosting; units ops } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[service-unit-out-of-scope] 5:62..5:69 `hosting`
              service `hosting` is in the SMS scope but is delivered by `network`, outside it
              related 4:47..4:54 `network`: delivered by this unit
              fix Add unit `network` to the scope of SMS: 5:80..5:80 ", network"
        "#]],
    );
}

#[test]
fn service_unit_out_of_scope_near_miss() {
    check_near_miss(
        "service-unit-out-of-scope",
        r#"
ims "Acme" { standards iso20000-1@2018 }
site dc "DC"
unit ops "Operations" at dc
unit network "Network team" at dc
service hosting "Hosting" { delivered-by ops, network }
system SMS "SMS" standard iso20000-1@2018 { scope location { services hosting; sites dc } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![""],
    );
}

#[test]
fn unmanaged_supplier_fires() {
    check_fires(
        "unmanaged-supplier",
        r#"
ims "Acme" { standards iso20000-1@2018 }
unit ops "Operations"
supplier colo "Colo" external
supplier telco "Telco" external
service hosting "Hosting" { delivered-by ops; suppliers colo, telco }
system SMS "SMS" standard iso20000-1@2018 { scope { services hosting; units ops } }
process supplier-mgmt "Supplier management" { owner ops; suppliers colo; covers 20000-1:8.3.4 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[unmanaged-supplier] 5:63..5:68 `telco`
              supplier `telco` of in-scope service `hosting` is not managed: supplier-management process `supplier-mgmt` lists other suppliers only
              related 4:10..4:15 `telco`: the supplier
              related 7:9..7:22 `supplier-mgmt`: a supplier-management process
              fix Add `telco` to the suppliers of `supplier-mgmt`: 7:72..7:72 ", telco"
        "#]],
    );
}

#[test]
fn unmanaged_supplier_without_any_supplier_management() {
    check(
        r#"
ims "Acme" { standards iso20000-1@2018 }
unit ops "Operations"
supplier colo "Colo" external
service hosting "Hosting" { delivered-by ops; suppliers colo }
system SMS "SMS" standard iso20000-1@2018 { scope { services hosting; units ops } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[unmanaged-supplier] 4:57..4:61 `colo`
              supplier `colo` of in-scope service `hosting` is not managed: no process covers supplier management (20000-1:8.3.4)
              related 3:10..3:14 `colo`: the supplier
        "#]],
    );
}

#[test]
fn unmanaged_supplier_with_many_managers_names_five() {
    // Six supplier-management processes: the message counts them and names
    // the first five, which are also the related locations and the fixes.
    check(
        r#"
ims "Acme" { standards iso20000-1@2018 }
unit ops "Operations"
supplier colo "Colo" external
supplier telco "Telco" external
service hosting "Hosting" { delivered-by ops; suppliers telco }
system SMS "SMS" standard iso20000-1@2018 { scope { services hosting; units ops } }
process sm1 "Supplier management 1" { owner ops; suppliers colo; covers 20000-1:8.3.4 }
process sm2 "Supplier management 2" { owner ops; suppliers colo; covers 20000-1:8.3.4 }
process sm3 "Supplier management 3" { owner ops; suppliers colo; covers 20000-1:8.3.4 }
process sm4 "Supplier management 4" { owner ops; suppliers colo; covers 20000-1:8.3.4 }
process sm5 "Supplier management 5" { owner ops; suppliers colo; covers 20000-1:8.3.4 }
process sm6 "Supplier management 6" { owner ops; suppliers colo; covers 20000-1:8.3.4 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[unmanaged-supplier] 5:57..5:62 `telco`
              supplier `telco` of in-scope service `hosting` is not managed: 6 supplier-management processes, among them `sm1`, `sm2`, `sm3`, `sm4` and `sm5`, list other suppliers only
              related 4:10..4:15 `telco`: the supplier
              related 7:9..7:12 `sm1`: a supplier-management process
              related 8:9..8:12 `sm2`: a supplier-management process
              related 9:9..9:12 `sm3`: a supplier-management process
              related 10:9..10:12 `sm4`: a supplier-management process
              related 11:9..11:12 `sm5`: a supplier-management process
              fix Add `telco` to the suppliers of `sm1`: 7:64..7:64 ", telco"
              fix Add `telco` to the suppliers of `sm2`: 8:64..8:64 ", telco"
              fix Add `telco` to the suppliers of `sm3`: 9:64..9:64 ", telco"
              fix Add `telco` to the suppliers of `sm4`: 10:64..10:64 ", telco"
              fix Add `telco` to the suppliers of `sm5`: 11:64..11:64 ", telco"
        "#]],
    );
}

#[test]
fn unmanaged_supplier_near_miss() {
    // A supplier-management process that lists no suppliers manages all of
    // them; a sub-clause (8.3.4.1) counts; a service outside every scope is
    // not checked.
    check_near_miss(
        "unmanaged-supplier",
        r#"
ims "Acme" { standards iso20000-1@2018 }
unit ops "Operations"
supplier colo "Colo" external
supplier telco "Telco" external
service hosting "Hosting" { delivered-by ops; suppliers colo }
service lab "Lab" { delivered-by ops; suppliers telco }
system SMS "SMS" standard iso20000-1@2018 { scope { services hosting; units ops } }
process supplier-mgmt "Supplier management" { owner ops; covers 20000-1:8.3.4.1 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#""#]],
    );
}

#[test]
fn unit_not_at_scope_site_fires() {
    check_fires(
        "unit-not-at-scope-site",
        r#"
ims "Acme" { standards iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at dc
unit sales "Sales" at hq
unit remote "Remote team"
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc; units ops, sales, remote } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 7:60..7:98 `{ sites dc; units ops, sales, remote }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
            warning[unit-not-at-scope-site] 7:83..7:88 `sales`
              unit `sales` is listed in the location-based ISMS scope but works only at `hq`, outside it: a location-based scope holds a unit only for its work at the scope's sites
              related 5:6..5:11 `sales`: `sales` is defined here
            warning[unit-not-at-scope-site] 7:90..7:96 `remote`
              unit `remote` is listed in the location-based ISMS scope but works at no site (it has no `at`), outside it: a location-based scope holds a unit only for its work at the scope's sites
              related 6:6..6:12 `remote`: `remote` is defined here
        "#]],
    );
}

#[test]
fn unit_not_at_scope_site_near_miss() {
    // In an organisation-based scope a unit is in scope wherever it works.
    check_near_miss(
        "unit-not-at-scope-site",
        r#"
ims "Acme" { standards iso27001@2022 }
site hq "HQ"
site dc "DC"
unit ops "Operations" at dc
unit sales "Sales" at hq
system ISMS "ISMS" standard iso27001@2022 { scope organisation { sites dc; units ops, sales } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[scope-content] 6:64..6:94 `{ sites dc; units ops, sales }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
        "#]],
    );
}

#[test]
fn no_scope_fires() {
    check_fires(
        "no-scope",
        r#"
ims "Acme" { standards iso9001@2015 }
system QMS "QMS" standard iso9001@2015 { description "To be scoped" }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[no-scope] 2:8..2:11 `QMS`
              system `QMS` has no `scope`: add `scope { units ...; sites ...; services ... }`
        "#]],
    );
}

#[test]
fn no_scope_near_miss() {
    check_near_miss(
        "no-scope",
        r#"
ims "Acme" { standards iso9001@2015 }
unit ops "Operations"
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:48..3:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
        "#]],
    );
}

#[test]
fn no_scope_for_an_empty_scope() {
    // An empty scope holds nothing; the scope rules leave the system out
    // rather than report every unit as outside it.
    check(
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015 }
unit ops "Operations"
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { } }
process audit "Internal audit" { owner ops; covers 9001:9.2 }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
"#,
        expect![[r#"
            warning[scope-content] 3:51..3:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[no-scope] 4:48..4:51 `{ }`
              the scope of `QMS` is empty: list the units, sites and services it applies to
            info[integration-opportunity] 5:52..5:60 `9001:9.2`
              `audit` covers 9001:9.2 for QMS, but nothing covers its harmonized twin 20000-1:9.2 Internal audit for SMS: `audit` could serve both
              fix Cover 20000-1:9.2 in `audit` too: 5:60..5:60 ", 20000-1:9.2"
        "#]],
    );
}

#[test]
fn scope_content_fires() {
    // The SMS names no services, the QMS no products and services, the ISMS
    // no interfaces: each standard's 4.3 asks for one of them. The fix for
    // the ISMS states the suppliers of its services.
    check_fires(
        "scope-content",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
site dc "Data centre"
unit ops "Operations" at dc
supplier colo "Colo B.V." external { provides "Rack space and power" }
supplier group-it "Group IT" internal { provides "Identity and e-mail" }
service hosting "Hosting" { delivered-by ops; suppliers colo, group-it }
system SMS "SMS" standard iso20000-1@2018 { scope { units ops } }
system QMS "QMS" standard iso9001@2015 { scope { units ops } }
system ISMS "ISMS" standard iso27001@2022 { scope location { sites dc; services hosting } }
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
scope-gap = "off"
"#,
        expect![[r#"
            warning[unmanaged-supplier] 6:57..6:61 `colo`
              supplier `colo` of in-scope service `hosting` is not managed: no process covers supplier management (20000-1:8.3.4, 9001:8.4 or 27001:A.5.19-A.5.22)
              related 4:10..4:14 `colo`: the supplier
            warning[unmanaged-supplier] 6:63..6:71 `group-it`
              supplier `group-it` of in-scope service `hosting` is not managed: no process covers supplier management (20000-1:8.3.4, 9001:8.4 or 27001:A.5.19-A.5.22)
              related 5:10..5:18 `group-it`: the supplier
            warning[scope-content] 7:51..7:64 `{ units ops }`
              the scope of `SMS` does not state the services it covers (ISO/IEC 20000-1:2018 4.3): list them in `services`
            warning[scope-content] 8:48..8:61 `{ units ops }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[scope-content] 9:60..9:90 `{ sites dc; services hosting }`
              the scope of `ISMS` does not state its interfaces and dependencies on other organisations (ISO/IEC 27001:2022 4.3): list in `suppliers` the suppliers, external and internal, that the activities in scope depend on
              fix State the dependencies on suppliers `colo` and `group-it` (suppliers of the services in scope): 9:61..9:61 " suppliers colo, group-it;"
        "#]],
    );
}

#[test]
fn scope_content_near_miss() {
    check_near_miss(
        "scope-content",
        r#"
ims "Acme" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }
site dc "Data centre"
unit ops "Operations" at dc
supplier colo "Colo B.V." external { provides "Rack space and power" }
service hosting "Hosting" { delivered-by ops; suppliers colo }
system SMS "SMS" standard iso20000-1@2018 { scope { units ops; services hosting } }
system QMS "QMS" standard iso9001@2015 { scope { units ops; services hosting } }
system ISMS "ISMS" standard iso27001@2022 {
  scope location { sites dc; services hosting; suppliers colo }
}
//- /ims.toml
[diagnostics]
uncovered-clauses = "off"
soa-incomplete = "off"
"#,
        expect![[r#"
            warning[unmanaged-supplier] 5:57..5:61 `colo`
              supplier `colo` of in-scope service `hosting` is not managed: no process covers supplier management (20000-1:8.3.4, 9001:8.4 or 27001:A.5.19-A.5.22)
              related 4:10..4:14 `colo`: the supplier
        "#]],
    );
}
