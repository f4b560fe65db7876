//! End-to-end tests of `ims catalog` and of user catalogs: the documented
//! JSON shape, one clause as a person reads it, and a workspace standard
//! (ISO 14001 from docs/catalogs.md) taking part in `ims check` like a
//! built-in one.

use std::path::Path;
use std::process::Command;

use ims_e2e::lsp_client::TempDir;
use ims_e2e::{ims_binary, workspace_root};
use serde_json::Value;

fn ims(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(ims_binary()).args(args).current_dir(dir).output().expect("ims runs");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "ims panicked:\n{stderr}");
    (output.status.code().expect("an exit code"), String::from_utf8(output.stdout).unwrap(), stderr)
}

/// The complete ISO 14001 example of docs/catalogs.md.
fn iso14001_example() -> String {
    let doc = std::fs::read_to_string(workspace_root().join("docs/catalogs.md")).unwrap();
    let marker = doc.find("<!-- complete-example").expect("docs/catalogs.md marks its example");
    let rest = &doc[marker..];
    let start =
        rest.find("```toml\n").expect("a toml block follows the marker") + "```toml\n".len();
    let end = rest[start..].find("```").expect("the block is closed");
    rest[start..start + end].to_string()
}

#[test]
fn catalog_json_has_the_documented_shape() {
    let empty = TempDir::new("catalog-json");
    let (code, stdout, stderr) = ims(empty.path(), &["catalog", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let catalog: Value = serde_json::from_str(&stdout).expect("valid JSON");
    let standards = catalog["standards"].as_array().expect("a standards array");
    let ids: Vec<&str> = standards.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["iso20000-1@2018", "iso9001@2015", "iso27001@2013", "iso27001@2022"]);
    let qms = &standards[1];
    assert_eq!(qms["aliases"], serde_json::json!(["9001", "iso9001"]));
    assert!(qms["title"].as_str().unwrap().starts_with("ISO 9001:2015"));
    let clause_84 = qms["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ref"] == "8.4")
        .expect("9001 has 8.4");
    assert_eq!(
        clause_84["title"],
        "Control of externally provided processes, products and services"
    );
    assert_eq!(clause_84["parent"], "8");
    assert_eq!(clause_84["kind"], "clause");
    let isms = &standards[3];
    assert!(isms["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["ref"] == "A.5.19" && c["kind"] == "control"));
    let correlations = catalog["correlations"].as_array().expect("a correlations array");
    // Correlations are directed; this one may be stored in either direction.
    let supplier = correlations
        .iter()
        .find(|c| {
            let ends = [c["from"].as_str().unwrap(), c["to"].as_str().unwrap()];
            ends.contains(&"iso9001@2015:8.4") && ends.contains(&"iso20000-1@2018:8.3.4")
        })
        .expect("9001 8.4 correlates with 20000-1 8.3.4");
    assert_eq!(supplier["relation"], "intersects-with");
    assert!(supplier["strength"].is_string());
    assert!(!supplier["rationale"].as_str().unwrap().is_empty());
    // Every correlation carries its relation, strength and rationale.
    for c in correlations {
        for field in ["relation", "strength", "rationale"] {
            assert!(!c[field].as_str().unwrap_or_default().is_empty(), "{field} of {c}");
        }
    }
}

#[test]
fn one_clause_as_json_includes_what_it_inherits() {
    let empty = TempDir::new("catalog-clause-json");
    let (code, stdout, _) = ims(empty.path(), &["catalog", "20000-1:8.3.4.1", "--format", "json"]);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["key"], "iso20000-1@2018:8.3.4.1");
    let correlations = value["correlations"].as_array().unwrap();
    let to_8_4 = correlations
        .iter()
        .find(|c| c["to"] == "iso9001@2015:8.4")
        .expect("8.3.4.1 inherits 8.3.4's correlation with 9001 8.4");
    assert_eq!(to_8_4["inherited_from"], "8.3.4");
    assert_eq!(to_8_4["from"], "iso20000-1@2018:8.3.4");
    assert_eq!(to_8_4["relation"], "intersects-with");
    assert!(!to_8_4["rationale"].as_str().unwrap().is_empty());
}

#[test]
fn one_clause_reads_like_a_reference_card() {
    let empty = TempDir::new("catalog-clause");
    let (code, stdout, _) = ims(empty.path(), &["catalog", "9001:8.4"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("ISO 9001:2015 8.4 Control of externally provided processes"));
    assert!(stdout.contains("8.3.4 Supplier management: intersects with"), "{stdout}");
    assert!(stdout.contains("A.5.19 Information security in supplier relationships"), "{stdout}");

    let (code, _, stderr) = ims(empty.path(), &["catalog", "9001:8.9"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("ISO 9001:2015 has no clause 8.9; did you mean"), "{stderr}");

    // The numbering is case-insensitive.
    let (code, stdout, _) = ims(empty.path(), &["catalog", "27001:a.5.19"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("ISO/IEC 27001:2022 A.5.19 Information security in supplier"));
    // A did-you-mean stays in the clause the user was in.
    let (code, _, stderr) = ims(empty.path(), &["catalog", "9001:6.1.3"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean 6.1.2 (paragraph of 6.1 Actions to address risks and opportunities), 6.1.1 (paragraph of 6.1"),
        "{stderr}"
    );
}

#[test]
fn a_user_catalog_takes_part_in_check_like_a_builtin_one() {
    let dir = TempDir::new("user-catalog");
    dir.write("ims.toml", "catalogs = [\"catalogs/iso14001.toml\"]\n");
    dir.write("catalogs/iso14001.toml", iso14001_example());
    dir.write(
        "ems.ims",
        r#"ims "Green" { standards iso9001@2015, iso14001@2015 }
unit ops "Operations"
system QMS standard iso9001@2015 { scope { units ops } }
system EMS standard iso14001@2015 { scope { units ops } }
process review "Review" { covers 9001:9.3, 14001:9.3, 14001:6.1.9 }
"#,
    );
    let (code, stdout, stderr) = ims(dir.path(), &["check", "ems.ims", "--format", "json"]);
    assert_eq!(code, 1, "one unknown clause is an error\n{stderr}");
    let diagnostics: Value = serde_json::from_str(&stdout).unwrap();
    let codes: Vec<&str> =
        diagnostics.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    // The user standard resolves: only the misspelt clause is unknown, and
    // its coverage is computed like any other system's.
    assert_eq!(codes.iter().filter(|c| **c == "unknown-clause").count(), 1, "{codes:?}");
    assert!(codes.contains(&"uncovered-clauses"), "{codes:?}");
    assert!(!codes.contains(&"unknown-standard"), "{codes:?}");
    let uncovered = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["code"] == "uncovered-clauses" && d["message"].as_str().unwrap().contains("14001")
        })
        .expect("the EMS has uncovered clauses");
    assert!(uncovered["message"].as_str().unwrap().contains("EMS"));

    let (code, stdout, _) = ims(dir.path(), &["catalog"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("iso14001@2015") && stdout.contains("[user catalog]"), "{stdout}");
}

#[test]
fn a_broken_user_catalog_is_a_clear_error_with_its_location() {
    let dir = TempDir::new("broken-catalog");
    dir.write("ims.toml", "catalogs = [\"bad.toml\"]\n");
    dir.write("bad.toml", "id = \"iso14001@2015\"\nfamily = \"iso14001\"\n[[clause]]\nref = 4\n");
    dir.write("x.ims", "ims \"X\" { standards iso9001@2015 }\n");
    let (code, _, stderr) = ims(dir.path(), &["check", "x.ims"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bad.toml:"), "{stderr}");
}
