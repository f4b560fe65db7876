//! End-to-end tests of `ims check`: the real binary on real files. Exit
//! codes, the human output of the reference scenario (a reviewed snapshot),
//! the JSON shape field by field, the SARIF log against the official SARIF
//! 2.1.0 schema, and the inputs a person may pass by mistake.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use expect_test::{expect, expect_file};
use ims_e2e::lsp_client::TempDir;
use ims_e2e::run::ims;
use ims_e2e::{ims_binary, workspace_root};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// An IMS without any finding: every clause of its one system is covered.
const CLEAN: &str = r#"ims "Clean" { standards iso9001@2015 }
site hq "HQ"
unit ops "Operations" at hq
service support "IT support" { delivered-by ops }
system QMS "Quality" standard iso9001@2015 { scope { units ops; services support } }
process all "Everything" {
  owner ops
  covers 9001:4, 9001:5, 9001:6, 9001:7, 9001:8, 9001:9, 9001:10
}
"#;

/// `a.ims` and `b.ims` form one IMS with one error (an undefined name, with
/// a did-you-mean fix, after non-ASCII text on its line), a duplicate name
/// whose related location lies in the other file, and a warning.
const PART_A: &str = r#"ims "Zürich 🏢 IMS" { standards iso9001@2015, iso27001@2022 }
site hq "Zürich 🏢 HQ"
site dc1 "Frankfurt"
"#;
const PART_B: &str = r#"site hq "Again"
unit ops "Opérations 🏢" at dcc
process p "P" { covers 27001@2013:A.15.1.1 }
"#;

fn two_files() -> TempDir {
    let dir = TempDir::new("check-two-files");
    dir.write("a.ims", PART_A);
    dir.write("b.ims", PART_B);
    dir
}

#[test]
fn acme_human_output() {
    // The scenario of PRODUCT.md. Reviewed: team-a (and procurement, hq,
    // hosting) in the SMS and QMS scopes but not the ISMS scope;
    // supplier-management crossing the ISMS scope through procurement;
    // 20000-1:8.7.3 delegated to an ISMS whose scope misses SMS units, hq
    // and hosting; the integrated review reconciling each standard's 9.3
    // additions; the mandatory clauses no process covers, per system.
    let run = ims(workspace_root(), &["check", "examples/acme.ims"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(!run.stdout.contains('\x1b'), "no colour when stdout is a pipe");
    expect_file!["../snapshots/check-acme.txt"].assert_eq(&run.stdout);
}

#[test]
fn related_locations_in_another_file_get_their_own_snippet() {
    // The files of a project are analysed in path order, whatever the
    // order on the command line (the editor has no command line): `a.ims`
    // defines `hq` first.
    let dir = two_files();
    let run = ims(dir.path(), &["check", "b.ims", "a.ims"]);
    assert_eq!(run.code, 1);
    expect![[r#"
        error[duplicate-name]: `hq` is already defined as a site
          --> b.ims:1:6
          |
        1 | site hq "Again"
          |      ^^
          |
          --> a.ims:2:6
          |
        2 | site hq "Zürich 🏢 HQ"
          |      -- first defined here

        error[undefined-name]: no site named `dcc`; did you mean `dc1`?
          --> b.ims:2:28
          |
        2 | unit ops "Opérations 🏢" at dcc
          |                             ^^^
          |
          = fix: Change to `dc1`

        warning[superseded-edition]: 27001@2013:A.15.1.1 is control A.15.1.1 Information security policy for supplier relationships of ISO/IEC 27001:2013, which ISO/IEC 27001:2022 supersedes (certificates to ISO/IEC 27001:2013 expired on 2025-10-31); in ISO/IEC 27001:2022 it maps to A.5.19 Information security in supplier relationships
          --> b.ims:3:24
          |
        3 | process p "P" { covers 27001@2013:A.15.1.1 }
          |                        ^^^^^^^^^^^^^^^^^^^
          |
          = fix: Replace with 27001:A.5.19

        2 errors, 1 warning, 0 info, 0 hints
    "#]]
    .assert_eq(&run.stdout);
}

#[test]
fn exit_codes() {
    let dir = TempDir::new("check-exit-codes");
    dir.write("clean/ims.ims", CLEAN);
    let clean = ims(dir.path(), &["check", "clean"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (0, "0 errors, 0 warnings, 0 info, 0 hints\n"));
    assert_eq!(ims(dir.path(), &["check", "--deny", "warnings", "clean"]).code, 0);

    // Warnings only: 0, or 1 when warnings are denied.
    let root = workspace_root();
    assert_eq!(ims(root, &["check", "examples/acme.ims"]).code, 0);
    assert_eq!(ims(root, &["check", "--deny", "warnings", "examples/acme.ims"]).code, 1);
    assert_eq!(
        ims(root, &["check", "--format", "json", "--deny", "warnings", "examples/acme.ims"]).code,
        1
    );

    // Errors: 1 in every format.
    let two = two_files();
    for format in ["human", "json", "sarif"] {
        assert_eq!(ims(two.path(), &["check", "--format", format, "."]).code, 1, "{format}");
    }

    // Usage errors: 2.
    for args in [
        &["check", "--format", "xml", "clean"][..],
        &["check", "--deny", "everything", "clean"],
        &["check", "--bogus"],
    ] {
        let run = ims(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn colour_on_request_only() {
    let dir = two_files();
    let coloured = ims(dir.path(), &["check", "--color", "always", "."]);
    assert!(coloured.stdout.contains("\x1b["), "{}", coloured.stdout);
    assert!(coloured.stdout.contains("error[duplicate-name]"));
    let plain = ims(dir.path(), &["check", "."]);
    assert!(!plain.stdout.contains('\x1b'));
}

/// The exact keys of a JSON object.
#[track_caller]
fn assert_keys(value: &Value, keys: &[&str]) {
    let object = value.as_object().unwrap_or_else(|| panic!("not an object: {value}"));
    let mut actual: Vec<&str> = object.keys().map(String::as_str).collect();
    actual.sort_unstable();
    let mut expected = keys.to_vec();
    expected.sort_unstable();
    assert_eq!(actual, expected, "{value}");
}

/// `{start: {line, character}, end: {line, character}}`, start before end.
#[track_caller]
fn assert_range(range: &Value) {
    assert_keys(range, &["start", "end"]);
    let mut points = Vec::new();
    for end in ["start", "end"] {
        assert_keys(&range[end], &["line", "character"]);
        let line = range[end]["line"].as_u64().expect("line is a non-negative integer");
        let character =
            range[end]["character"].as_u64().expect("character is a non-negative integer");
        points.push((line, character));
    }
    assert!(points[0] <= points[1], "{range}");
}

#[track_caller]
fn assert_json_diagnostic(d: &Value) {
    assert_keys(d, &["file", "range", "severity", "code", "message", "related", "fixes"]);
    assert!(d["file"].is_string());
    assert_range(&d["range"]);
    assert!(["error", "warning", "info", "hint"].contains(&d["severity"].as_str().unwrap()), "{d}");
    let code = d["code"].as_str().unwrap();
    assert!(!code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{code}");
    assert!(!d["message"].as_str().unwrap().is_empty());
    for related in d["related"].as_array().unwrap() {
        assert_keys(related, &["file", "range", "message"]);
        assert!(related["file"].is_string() && related["message"].is_string());
        assert_range(&related["range"]);
    }
    for fix in d["fixes"].as_array().unwrap() {
        assert_keys(fix, &["title", "edits"]);
        assert!(fix["title"].is_string());
        for edit in fix["edits"].as_array().unwrap() {
            assert_keys(edit, &["file", "range", "newText"]);
            assert!(edit["file"].is_string() && edit["newText"].is_string());
            assert_range(&edit["range"]);
        }
    }
}

#[test]
fn json_shape_field_by_field() {
    let dir = two_files();
    let run = ims(dir.path(), &["check", "--format", "json", "a.ims", "b.ims"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    let findings = json(&run.stdout);
    let findings = findings.as_array().expect("an array");
    assert_eq!(findings.len(), 3, "{}", run.stdout);
    findings.iter().for_each(assert_json_diagnostic);

    // The duplicate: its related location is in the other file.
    let duplicate = &findings[0];
    assert_eq!(duplicate["code"], "duplicate-name");
    assert_eq!(duplicate["severity"], "error");
    assert_eq!(duplicate["file"], "b.ims");
    assert_eq!(
        duplicate["range"],
        serde_json::json!({"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 7}})
    );
    assert_eq!(duplicate["related"][0]["file"], "a.ims");
    assert_eq!(duplicate["related"][0]["message"], "first defined here");
    assert_eq!(
        duplicate["related"][0]["range"]["start"],
        serde_json::json!({"line": 1, "character": 5})
    );

    // The undefined name: characters are UTF-16 code units, so the emoji
    // counts twice: 28, where Unicode scalar values would give 27.
    let undefined = &findings[1];
    assert_eq!(undefined["code"], "undefined-name");
    let line = PART_B.lines().nth(1).unwrap();
    let before = &line[..line.find("dcc").unwrap()];
    assert_eq!((before.encode_utf16().count(), before.chars().count()), (28, 27));
    assert_eq!(
        undefined["range"],
        serde_json::json!({"start": {"line": 1, "character": 28}, "end": {"line": 1, "character": 31}})
    );
    assert_eq!(undefined["message"], "no site named `dcc`; did you mean `dc1`?");
    assert_eq!(undefined["related"], serde_json::json!([]));
    assert_eq!(
        undefined["fixes"],
        serde_json::json!([{
            "title": "Change to `dc1`",
            "edits": [{ "file": "b.ims", "range": undefined["range"].clone(), "newText": "dc1" }]
        }])
    );

    assert_eq!(findings[2]["code"], "superseded-edition");
    assert_eq!(findings[2]["severity"], "warning");

    // The reference scenario: every finding has the documented shape, and
    // info and hint severities appear under their own names.
    let acme = ims(workspace_root(), &["check", "--format", "json", "examples/acme.ims"]);
    let acme = json(&acme.stdout);
    acme.as_array().unwrap().iter().for_each(assert_json_diagnostic);
    assert!(acme.as_array().unwrap().iter().any(|d| d["severity"] == "hint"));

    // No findings: an empty array.
    let clean = TempDir::new("check-json-clean");
    clean.write("clean.ims", CLEAN);
    let run = ims(clean.path(), &["check", "--format", "json"]);
    assert_eq!((run.code, json(&run.stdout)), (0, serde_json::json!([])));
}

/// The official SARIF 2.1.0 schema (tests/fixtures/README.md says where it
/// comes from). Draft 7 asserts formats by default, so `uri` and
/// `uri-reference` values are checked too.
fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(path).unwrap();
    // The schema's two `language` patterns carry a known typo (a stray `]`)
    // that the validator's own meta-schema check rejects as an invalid
    // regex. The fixture stays byte-for-byte official; the typo is fixed
    // here as Microsoft's sarif-sdk fixes it. No ims output has `language`.
    let typo = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(typo).count(), 2, "the official schema has the typo twice");
    let schema = json(&text.replace(typo, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#));
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[track_caller]
fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> =
        validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_is_valid_and_matches_the_json_output() {
    let validator = sarif_validator();
    // The validator is not vacuous: it wants a tool, and URIs that are URIs.
    assert!(!validator
        .is_valid(&serde_json::json!({ "version": "2.1.0", "runs": [{ "results": [] }] })));
    let with_uri = |uri: &str| {
        serde_json::json!({ "version": "2.1.0", "runs": [{
            "tool": { "driver": { "name": "ims" } },
            "results": [{ "message": { "text": "m" }, "locations": [{ "physicalLocation": {
                "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" } } }] }]
        }] })
    };
    assert!(validator.is_valid(&with_uri("docs/a%20b.ims")));
    assert!(!validator.is_valid(&with_uri("docs/a b.ims")));

    let root = workspace_root();
    let run = ims(root, &["check", "--format", "sarif", "examples/acme.ims"]);
    assert_eq!(run.code, 0);
    let log = json(&run.stdout);
    assert_valid_sarif(&validator, &log);

    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "ims");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"].as_str().unwrap().starts_with("https://"));

    // One rule per diagnostic code, each with what code scanning shows.
    let rules = driver["rules"].as_array().unwrap();
    let ids: HashSet<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");
    for code in [
        "syntax-error",
        "scope-gap",
        "scope-crossing",
        "delegation-gap",
        "uncovered-clauses",
        "harmonized-additions",
    ] {
        assert!(ids.contains(code), "{code}");
    }
    for rule in rules {
        assert!(!rule["shortDescription"]["text"].as_str().unwrap().is_empty(), "{rule}");
        let id = rule["id"].as_str().unwrap();
        // No documentation URL is configured: no link that would lead nowhere.
        assert!(rule.get("helpUri").is_none(), "{id}: {rule}");
        assert!(["error", "warning", "note"]
            .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let scope_gap = rules.iter().find(|r| r["id"] == "scope-gap").unwrap();
    assert_eq!(scope_gap["defaultConfiguration"]["level"], "warning");
    // Each rule carries its documentation, which GitHub shows without a
    // link: a name, the description paragraph, the whole section as help.
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let name = rule["name"].as_str().unwrap();
        assert!(
            name.chars().all(char::is_alphanumeric) && name.starts_with(char::is_uppercase),
            "{id}: {name}"
        );
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(
            full.len() > 40 && !full.contains("**Default severity") && !full.contains('\n'),
            "{id}: {full}"
        );
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        assert!(
            markdown.starts_with("**Default severity:**"),
            "{id}: no heading, the section itself: {markdown:.80}"
        );
        assert!(
            markdown.match_indices("](").all(|(i, _)| markdown[i + 2..].starts_with("http")),
            "{id}: no link to an unpublished page"
        );
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    assert_eq!(scope_gap["name"], "ScopeGap");
    assert!(scope_gap["fullDescription"]["text"]
        .as_str()
        .unwrap()
        .starts_with("A unit, site or service that is in the scope of some systems"));
    let help = scope_gap["help"]["markdown"].as_str().unwrap();
    assert!(help.contains("ISO/IEC TR 20000-7") && help.contains("```ims\n"), "{help}");
    // Every result has a fingerprint (their stability is tested in cli_conventions.rs).
    for result in runs[0]["results"].as_array().unwrap() {
        assert_eq!(
            result["partialFingerprints"]["imsFindingHash/v1"].as_str().unwrap().len(),
            16,
            "{result}"
        );
    }

    // Every result agrees with the JSON output: rule, level, message and a
    // 1-based region over the same UTF-16 positions.
    let findings = json(&ims(root, &["check", "--format", "json", "examples/acme.ims"]).stdout);
    let findings = findings.as_array().unwrap();
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["code"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["code"]);
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        assert_eq!(result["message"]["text"], finding["message"]);
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        let physical = &locations[0]["physicalLocation"];
        assert_eq!(
            physical["artifactLocation"],
            serde_json::json!({ "uri": "examples/acme.ims", "uriBaseId": "%SRCROOT%" })
        );
        assert_region(&physical["region"], &finding["range"]);
        let related = result["relatedLocations"].as_array().map_or(&[][..], Vec::as_slice);
        assert_eq!(related.len(), finding["related"].as_array().unwrap().len());
        for (sarif, json) in related.iter().zip(finding["related"].as_array().unwrap()) {
            assert_eq!(sarif["message"]["text"], json["message"]);
            assert_region(&sarif["physicalLocation"]["region"], &json["range"]);
        }
    }
    let hint = results.iter().find(|r| r["ruleId"] == "harmonized-additions").unwrap();
    assert_eq!(hint["level"], "note");

    // Two files with errors, fixes and non-ASCII text, passed by absolute
    // path: still relative URIs, since they lie below the working directory.
    let dir = two_files();
    let b = dir.path().join("b.ims");
    let run = ims(dir.path(), &["check", "--format", "sarif", "a.ims", b.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let log = json(&run.stdout);
    assert_valid_sarif(&validator, &log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let undefined = results.iter().find(|r| r["ruleId"] == "undefined-name").unwrap();
    assert_eq!(undefined["level"], "error");
    assert_eq!(
        undefined["locations"][0]["physicalLocation"],
        serde_json::json!({
            "artifactLocation": { "uri": "b.ims", "uriBaseId": "%SRCROOT%" },
            "region": { "startLine": 2, "startColumn": 29, "endLine": 2, "endColumn": 32 }
        })
    );
    assert_eq!(undefined["fixes"][0]["description"]["text"], "Change to `dc1`");
    assert_eq!(
        undefined["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "dc1"
    );
    let duplicate = results.iter().find(|r| r["ruleId"] == "duplicate-name").unwrap();
    assert_eq!(
        duplicate["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.ims"
    );

    // A file outside the working directory: an absolute `file:` URI.
    let elsewhere = TempDir::new("check-sarif-elsewhere");
    let run = ims(
        elsewhere.path(),
        &[
            "check",
            "--format",
            "sarif",
            b.to_str().unwrap(),
            dir.path().join("a.ims").to_str().unwrap(),
        ],
    );
    let log = json(&run.stdout);
    assert_valid_sarif(&validator, &log);
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert!(uri.starts_with("file:///") && uri.ends_with("/b.ims"), "{uri}");
}

/// With `IMS_DOCS_URL` set, each rule links to its section of the published
/// documentation.
#[test]
fn sarif_links_rules_only_to_a_configured_documentation_url() {
    let output = Command::new(ims_binary())
        .args(["check", "--format", "sarif", "examples/acme.ims"])
        .current_dir(workspace_root())
        .env("IMS_DOCS_URL", "https://docs.example.org/ims/diagnostics.html")
        .output()
        .expect("the ims binary runs");
    let log = json(&String::from_utf8(output.stdout).expect("stdout is UTF-8"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert_eq!(
            rule["helpUri"],
            format!("https://docs.example.org/ims/diagnostics.html#{id}"),
            "{rule}"
        );
    }
    // The help's links point into the published docs too.
    let scope_gap = rules.iter().find(|r| r["id"] == "scope-gap").unwrap();
    let help = scope_gap["help"]["markdown"].as_str().unwrap();
    assert!(
        help.contains("(https://docs.example.org/ims/diagnostics.html#org-location-mismatch)"),
        "{help}"
    );
}

/// A SARIF region is the JSON range plus one on every number.
#[track_caller]
fn assert_region(region: &Value, range: &Value) {
    let n = |v: &Value| v.as_u64().unwrap() + 1;
    assert_eq!(
        region,
        &serde_json::json!({
            "startLine": n(&range["start"]["line"]),
            "startColumn": n(&range["start"]["character"]),
            "endLine": n(&range["end"]["line"]),
            "endColumn": n(&range["end"]["character"]),
        })
    );
}

#[test]
fn bad_input_is_a_clear_usage_error() {
    let dir = TempDir::new("check-bad-input");
    dir.write("empty/notes.txt", "not an IMS");
    dir.write("binary.ims", b"site hq \"HQ\"\n\x00\x01\x02");
    dir.write("latin1.ims", b"site hq \"HQ\"\nsite zh \"Z\xfcrich\"\n");
    dir.write("ok.ims", CLEAN);
    let binary =
        "binary.ims:2:1: contains a NUL byte: this is a binary file, not an .ims text file";
    let latin1 = "latin1.ims:2:11: invalid UTF-8 (byte offset 23); .ims files must be UTF-8 text";
    let cases: [(&[&str], String); 5] = [
        (&["missing.ims"], "error: missing.ims: no such file or directory\n".to_string()),
        (&["empty"], "error: empty: no .ims files in this directory\n".to_string()),
        // A file is read with its project (the files of its directory): an
        // unreadable file the command line did not name is said and left out.
        (
            &["binary.ims"],
            format!("error: {binary}\nwarning: {latin1} (left out of its project)\n"),
        ),
        (
            &["latin1.ims"],
            format!("warning: {binary} (left out of its project)\nerror: {latin1}\n"),
        ),
        // Every unreadable file is named, and nothing is checked.
        (&["binary.ims", "ok.ims", "latin1.ims"], format!("error: {binary}\nerror: {latin1}\n")),
    ];
    for (paths, stderr) in cases {
        let args: Vec<&str> = ["check"].iter().chain(paths).copied().collect();
        let run = ims(dir.path(), &args);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (2, "", stderr.as_str()),
            "{paths:?}"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_rejected_without_reading_it() {
    let dir = TempDir::new("check-too-large");
    // Sparse: no disk space is used and the size alone decides.
    let file = std::fs::File::create(dir.path().join("huge.ims")).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let run = ims(dir.path(), &["check", "huge.ims"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: huge.ims: too large to read (200 MiB; the limit is 8 MiB; raise it with \
         --max-file-size or the editor setting ims.maxFileSize)\n"
    );
    // Raised, the limit is still a limit.
    let run = ims(dir.path(), &["check", "--max-file-size", "64M", "huge.ims"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the limit is 64 MiB"), "{}", run.stderr);
}

#[test]
fn a_50_mb_file_is_checked() {
    // 50 MB of comments around a small IMS, with an error on the last line:
    // the whole file is read and parsed, and positions stay exact.
    let dir = TempDir::new("check-50mb");
    let comment = format!("// {}\n", "x".repeat(76));
    let lines = 50 * 1024 * 1024 / comment.len();
    let mut text = String::with_capacity(52 * 1024 * 1024);
    text.push_str(CLEAN);
    for _ in 0..lines {
        text.push_str(&comment);
    }
    text.push_str("unit late \"Late\" at nowhere\n");
    assert!(text.len() > 50 * 1024 * 1024);
    dir.write("big.ims", &text);
    // Over the default limit: refused, naming the limit and how to raise it.
    let run = ims(dir.path(), &["check", "--format", "json", "big.ims"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("the limit is 8 MiB"), "{}", run.stderr);
    let run = ims(dir.path(), &["check", "--max-file-size", "64M", "--format", "json", "big.ims"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = json(&run.stdout);
    let last_line = CLEAN.lines().count() + lines;
    let undefined =
        findings.as_array().unwrap().iter().find(|d| d["code"] == "undefined-name").unwrap();
    assert_eq!(
        undefined["range"]["start"],
        serde_json::json!({ "line": last_line, "character": 20 })
    );
}

/// A link to a file outside the project is never read, whether the project
/// walk finds it or the command line names it (`ims check x.ims`,
/// `ims check .`): its target's lines are never printed.
#[test]
fn a_link_out_of_the_project_is_refused_even_when_named() {
    let outside = TempDir::new("check-link-target");
    outside.write("secret.ims", "site s \"TOP SECRET LINE\"\n");
    let dir = TempDir::new("check-link");
    dir.write("a.ims", CLEAN);
    std::os::unix::fs::symlink(outside.path().join("secret.ims"), dir.path().join("x.ims"))
        .unwrap();
    for args in [&["check", "x.ims"][..], &["check", "."], &["fmt", "--check", "x.ims"]] {
        let run = ims(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(
            !run.stdout.contains("TOP SECRET") && !run.stderr.contains("TOP SECRET"),
            "{run:?}"
        );
        assert!(
            run.stderr.contains("x.ims: is a symbolic link to a file outside the project"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // The other files are still checked when the link is not named.
    let run = ims(dir.path(), &["check", "a.ims"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("x.ims: is a symbolic link"), "{}", run.stderr);
}
