//! End-to-end tests of what users of linters in CI expect from `ims`: GitHub
//! Actions annotations (`--format github`, with the runner's escaping),
//! GitLab code quality (`--format gitlab`), stable fingerprints, `--quiet`,
//! `ims explain`, shell completions and man pages. The real binary on real
//! files.

use std::collections::HashSet;
use std::path::Path;

use ims_e2e::lsp_client::TempDir;
use ims_e2e::run::{ims, ims_with};
use ims_e2e::workspace_root;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Undoes the workflow-command escaping of a property (`unescape(x, true)`)
/// or of the message (`false`), failing on anything the runner would not
/// decode back.
fn unescape(text: &str, property: bool) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3).unwrap_or_else(|| panic!("a bare % in {text:?}"));
        out.push(match (code, property) {
            ("25", _) => '%',
            ("0D", _) => '\r',
            ("0A", _) => '\n',
            ("3A", true) => ':',
            ("2C", true) => ',',
            _ => panic!("%{code} is not an escape here: {text:?}"),
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    if property {
        assert!(!out.is_empty());
    }
    out
}

/// One annotation: its kind, its properties (unescaped) and its message
/// (unescaped).
fn parse_annotation(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("not a command: {line:?}"));
    let (head, message) = rest.split_once("::").unwrap_or_else(|| panic!("no message: {line:?}"));
    let (kind, properties) = head.split_once(' ').unwrap();
    assert!(!message.contains(['\r', '\n']), "{line:?}");
    let properties = properties
        .split(',')
        .map(|p| {
            let (key, value) = p.split_once('=').unwrap_or_else(|| panic!("{p:?} in {line:?}"));
            assert!(!value.contains(':'), "an unescaped `:` in a property: {line:?}");
            (key.to_string(), unescape(value, true))
        })
        .collect();
    (kind.to_string(), properties, unescape(message, false))
}

/// A file whose name holds every character the escaping is about, a syntax
/// error quoting `%`, and an undefined name with a fix.
const ODD_NAME: &str = "odd, name:100%\r\n::error::x.ims";
const ODD_TEXT: &str =
    "ims \"X\" { standards iso9001@2015 }\nsite hq \"HQ\" %\nunit ops \"Ops\" at hqq\n";

#[test]
fn github_annotations_escape_what_the_runner_would_read_as_commands() {
    let dir = TempDir::new("github-format");
    dir.write(ODD_NAME, ODD_TEXT);
    let run = ims(dir.path(), &["check", "--format", "github", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = json(&ims(dir.path(), &["check", "--format", "json", "."]).stdout);
    let findings = findings.as_array().unwrap();
    let lines: Vec<&str> = run.stdout.lines().collect();
    // One command per finding, and a file name cannot start another one.
    assert_eq!(lines.len(), findings.len(), "{}", run.stdout);
    assert!(findings.len() >= 2);
    for (line, finding) in lines.iter().zip(findings) {
        let (kind, properties, message) = parse_annotation(line);
        let expected_kind = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(kind, expected_kind, "{line}");
        let get = |key: &str| {
            properties.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or_default()
        };
        assert_eq!(get("file"), ODD_NAME, "{line}");
        assert_eq!(get("title"), finding["code"].as_str().unwrap(), "{line}");
        let start = &finding["range"]["start"];
        assert_eq!(get("line"), (start["line"].as_u64().unwrap() + 1).to_string());
        assert_eq!(get("col"), (start["character"].as_u64().unwrap() + 1).to_string());
        // The message first, then each related location and fix on a line.
        let mut message_lines = message.lines();
        assert_eq!(message_lines.next().unwrap(), finding["message"].as_str().unwrap());
        let fixes: Vec<&str> = message_lines.filter_map(|l| l.strip_prefix("fix: ")).collect();
        let expected: Vec<&str> = finding["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["title"].as_str().unwrap())
            .collect();
        assert_eq!(fixes, expected);
    }
    // The raw line: `%` in the message and `,` `:` `%` CR LF in the file
    // name are escaped as the runner's rules say.
    expect_test::expect![[r#"
        ::error file=odd%2C name%3A100%25%0D%0A%3A%3Aerror%3A%3Ax.ims,line=2,endLine=2,col=14,endColumn=15,title=syntax-error::unexpected `%25`; expected one of `site`, `unit`, `service`, `supplier`, `system`, `standard`, ...
        ::error file=odd%2C name%3A100%25%0D%0A%3A%3Aerror%3A%3Ax.ims,line=3,endLine=3,col=19,endColumn=22,title=undefined-name::no site named `hqq`; did you mean `hq`?%0Afix: Change to `hq`
    "#]]
    .assert_eq(&run.stdout);
}

#[test]
fn github_annotations_name_repository_paths_and_related_locations() {
    let root = workspace_root();
    let run = ims(root, &["check", "--format", "github", "examples/acme.ims"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gap = run
        .stdout
        .lines()
        .map(parse_annotation)
        .find(|(_, _, message)| message.starts_with("unit `team-a` is in the scope of"))
        .expect("the team-a scope gap");
    assert_eq!(gap.0, "warning");
    assert!(gap.1.contains(&("file".to_string(), "examples/acme.ims".to_string())), "{gap:?}");
    assert!(gap.1.contains(&("title".to_string(), "scope-gap".to_string())), "{gap:?}");
    // Related locations as `path:line:column: message`, 1-based.
    assert!(
        gap.2
            .lines()
            .skip(1)
            .any(|l| l.starts_with("examples/acme.ims:") && l.ends_with("in the scope of SMS")),
        "{}",
        gap.2
    );
    // Hints and infos are notices.
    assert!(run
        .stdout
        .lines()
        .any(|l| l.starts_with("::notice ") && l.contains("title=harmonized-additions")));
}

#[test]
fn gitlab_code_quality_report() {
    let root = workspace_root();
    let run = ims(root, &["check", "--format", "gitlab", "examples/acme.ims"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let issues = json(&run.stdout);
    let issues = issues.as_array().unwrap();
    let findings = json(&ims(root, &["check", "--format", "json", "examples/acme.ims"]).stdout);
    let findings = findings.as_array().unwrap();
    assert_eq!(issues.len(), findings.len());
    let mut fingerprints = HashSet::new();
    for (issue, finding) in issues.iter().zip(findings) {
        let mut keys: Vec<&str> = issue.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["check_name", "description", "fingerprint", "location", "severity", "type"]
        );
        assert_eq!(issue["type"], "issue");
        assert_eq!(issue["check_name"], finding["code"]);
        assert_eq!(issue["description"], finding["message"]);
        let severity = match finding["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        };
        assert_eq!(issue["severity"], severity);
        assert_eq!(issue["location"]["path"], "examples/acme.ims");
        let line = |p: &str| finding["range"][p]["line"].as_u64().unwrap() + 1;
        assert_eq!(issue["location"]["lines"]["begin"], line("start"));
        assert_eq!(issue["location"]["lines"]["end"], line("end"));
        let fingerprint = issue["fingerprint"].as_str().unwrap();
        assert_eq!(fingerprint.len(), 16, "{fingerprint}");
        assert!(
            fingerprints.insert(fingerprint.to_string()),
            "fingerprints are unique: {fingerprint}"
        );
    }
}

/// The SARIF fingerprint of each finding, keyed by its code and message,
/// with the text of the first line it flags.
fn sarif_fingerprints(dir: &Path) -> Vec<(String, String, String, String)> {
    let log = json(&ims(dir, &["check", "--format", "sarif", "."]).stdout);
    let text = std::fs::read_to_string(dir.join("acme.ims")).unwrap();
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let fingerprints = r["partialFingerprints"].as_object().unwrap();
            assert_eq!(fingerprints.len(), 1, "{r}");
            let line =
                r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap();
            let flagged = text.lines().nth(line as usize - 1).unwrap_or_default().to_string();
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["message"]["text"].as_str().unwrap().to_string(),
                fingerprints["imsFindingHash/v1"].as_str().unwrap().to_string(),
                flagged,
            )
        })
        .collect()
}

#[test]
fn fingerprints_are_stable_across_runs_and_unrelated_edits() {
    let acme = std::fs::read_to_string(workspace_root().join("examples/acme.ims")).unwrap();
    let dir = TempDir::new("fingerprints");
    dir.write("acme.ims", &acme);
    let before = sarif_fingerprints(dir.path());
    assert!(before.len() > 10);
    let unique: HashSet<&String> = before.iter().map(|(_, _, f, _)| f).collect();
    assert_eq!(unique.len(), before.len(), "one fingerprint per finding");
    assert_eq!(sarif_fingerprints(dir.path()), before, "the same on a second run");

    // Lines added above every finding move them all, and change nothing.
    dir.write("acme.ims", format!("// A new comment.\n\n{acme}"));
    let moved = sarif_fingerprints(dir.path());
    let fingerprints = |all: &[(String, String, String, String)]| -> Vec<String> {
        all.iter().map(|(_, _, f, _)| f.clone()).collect()
    };
    assert_eq!(
        fingerprints(&moved),
        fingerprints(&before),
        "unchanged by an edit elsewhere in the file"
    );

    // Renaming the unit changes its own findings' fingerprints, only those.
    dir.write("acme.ims", acme.replace("team-a", "team-b"));
    let renamed = sarif_fingerprints(dir.path());
    assert_eq!(renamed.len(), before.len());
    for ((code, message, old, flagged), (_, new_message, new, _)) in before.iter().zip(&renamed) {
        let about_team = message.contains("`team-a`") && code == "scope-gap";
        if about_team {
            assert_ne!(old, new, "{code}: {message} -> {new_message}");
        } else if message == new_message && !flagged.contains("team-a") {
            // A finding whose flagged text names the unit (a scope that
            // lists it) changes with it; every other one stays.
            assert_eq!(old, new, "{code}: {message}");
        }
    }
}

#[test]
fn quiet_reports_only_what_fails_the_check() {
    let root = workspace_root();
    // The Acme scenario has warnings but no errors.
    let run = ims(root, &["check", "--quiet", "examples/acme.ims"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let run = ims(root, &["check", "-q", "--deny", "warnings", "examples/acme.ims"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("warning[scope-gap]"), "{}", run.stdout);
    assert!(!run.stdout.contains("hint["), "{}", run.stdout);
    assert!(!run.stdout.contains(" warnings, "), "no summary line: {}", run.stdout);
    // In every format.
    let all = json(&ims(root, &["check", "--format", "json", "examples/acme.ims"]).stdout);
    let quiet = json(
        &ims(root, &["check", "-q", "--deny", "warnings", "--format", "json", "examples/acme.ims"])
            .stdout,
    );
    let warnings = all.as_array().unwrap().iter().filter(|d| d["severity"] == "warning").count();
    assert_eq!(quiet.as_array().unwrap().len(), warnings);
}

#[test]
fn explain_prints_the_documentation_of_a_code() {
    let root = workspace_root();
    let run = ims(root, &["explain", "scope-gap"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("## scope-gap\n\n**Default severity:** warning."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("ISO/IEC TR 20000-7"), "{}", run.stdout);
    assert!(!run.stdout.contains("\n## "), "only its own section: {}", run.stdout);
    // As shown in the human output, `warning[scope-gap]`, too.
    assert_eq!(ims(root, &["explain", "warning[scope-gap]"]).stdout, run.stdout);

    let run = ims(root, &["explain", "scope-gapp"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    expect_test::expect![[r#"
        error: `scope-gapp` is not a diagnostic code; did you mean `scope-gap`?
        `ims explain --list` lists every code
    "#]]
    .assert_eq(&run.stderr);

    // --list: every code that a SARIF log has a rule for, each explained.
    let list = ims(root, &["explain", "--list"]);
    assert_eq!(list.code, 0);
    let listed: Vec<&str> =
        list.stdout.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    let log = json(&ims(root, &["check", "--format", "sarif", "examples/acme.ims"]).stdout);
    let rules: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, rules);
    for code in listed {
        let run = ims(root, &["explain", code]);
        assert!(run.stdout.starts_with(&format!("## {code}\n")), "{code}");
    }
}

#[test]
fn completions_for_every_shell_come_from_the_options() {
    let root = workspace_root();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = ims(root, &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        // Options without their dashes: fish writes `-l format`.
        for word in ["check", "explain", "format", "stdin-filename", "diff", "quiet"] {
            assert!(run.stdout.contains(word), "{shell} completes {word}");
        }
        // PowerShell's and elvish's scripts complete options, not their values.
        if !["powershell", "elvish"].contains(&shell) {
            assert!(run.stdout.contains("github"), "{shell} completes --format github");
        }
    }
    let run = ims(root, &["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    // The bash script is valid bash.
    let dir = TempDir::new("completions");
    let script = dir.write("ims.bash", ims(root, &["completions", "bash"]).stdout);
    let status = std::process::Command::new("bash").arg("-n").arg(&script).status().unwrap();
    assert!(status.success());
}

#[test]
fn man_pages_for_ims_and_each_subcommand() {
    let root = workspace_root();
    let run = ims(root, &["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH ims 1"), "{}", &run.stdout[..200.min(run.stdout.len())]);
    assert!(run.stdout.contains("explain"));

    let dir = TempDir::new("man");
    let out = dir.path().join("man1");
    let run = ims_with(root, &["man", "--dir", out.to_str().unwrap()], None, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for page in ["ims.1", "ims-check.1", "ims-fmt.1", "ims-explain.1", "ims-lsp.1"] {
        assert!(pages.contains(&page.to_string()), "{page} in {pages:?}");
    }
    let check = std::fs::read_to_string(out.join("ims-check.1")).unwrap();
    assert!(check.contains(".TH ims-check 1"), "{}", &check[..200.min(check.len())]);
    assert!(
        check.contains("\\-\\-format") && check.contains("github"),
        "the options are documented"
    );
}

/// A project of several files with an `ims.toml` that changes a severity,
/// so that a check without it would differ.
fn project() -> TempDir {
    let dir = TempDir::new("stdin-project");
    for name in ["ims.ims", "organisation.ims", "processes.ims", "register.ims"] {
        let text = std::fs::read_to_string(workspace_root().join("examples/multi-file").join(name))
            .unwrap();
        dir.write(&format!("imsdir/{name}"), text);
    }
    dir.write("imsdir/ims.toml", "[diagnostics]\nharmonized-additions = \"warning\"\n");
    dir
}

#[test]
fn check_reads_standard_input_as_the_file_it_names() {
    let dir = project();
    let root = dir.path();
    let processes = std::fs::read_to_string(root.join("imsdir/processes.ims")).unwrap();
    // One file (checked within its project, with ims.toml), and the whole
    // project, the file's unsaved text from standard input.
    for (on_disk_paths, piped_paths) in
        [(&["imsdir/processes.ims"][..], &["-"][..]), (&["imsdir"][..], &["-", "imsdir"][..])]
    {
        for format in ["json", "human", "github"] {
            let args = ["check", "--format", format];
            let on_disk = ims(root, &[&args[..], on_disk_paths].concat());
            let stdin_args = ["--stdin-filename", "imsdir/processes.ims"];
            let piped = ims_with(
                root,
                &[&args[..], &stdin_args[..], piped_paths].concat(),
                Some(&processes),
                &[],
            );
            assert_eq!(
                (piped.code, &piped.stdout),
                (on_disk.code, &on_disk.stdout),
                "{format} {piped_paths:?}: {}",
                piped.stderr
            );
            if format == "human" {
                assert!(
                    piped.stdout.contains("warning[harmonized-additions]"),
                    "ims.toml applies: {}",
                    piped.stdout
                );
            }
        }
    }

    // The text on standard input wins over the file on disk.
    let broken = format!("{processes}\nsite }} {{\n");
    let piped = ims_with(
        root,
        &["check", "--format", "json", "--stdin-filename", "imsdir/processes.ims", "-", "imsdir"],
        Some(&broken),
        &[],
    );
    assert_eq!(piped.code, 1);
    let findings = json(&piped.stdout);
    let syntax = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "syntax-error")
        .expect("the piped error");
    assert_eq!(syntax["file"], "imsdir/processes.ims");
    let files: HashSet<&str> =
        findings.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert!(!files.iter().any(|f| f.contains("stdin")), "{files:?}");

    // A file not saved yet: ims.toml from its folder.
    let piped = ims_with(
        root,
        &["check", "--stdin-filename", "imsdir/new.ims", "-"],
        Some(&processes),
        &[],
    );
    assert!(
        piped.stdout.contains("warning[harmonized-additions]"),
        "ims.toml applies: {}",
        piped.stdout
    );
    assert!(piped.stdout.contains("--> imsdir/new.ims:"), "{}", piped.stdout);

    // Without --stdin-filename: `<stdin>`, and ims.toml from the current directory.
    let piped = ims_with(&root.join("imsdir"), &["check", "-"], Some(&processes), &[]);
    assert!(
        piped.stdout.contains("warning[harmonized-additions]"),
        "ims.toml applies: {}",
        piped.stdout
    );
    assert!(piped.stdout.contains("--> <stdin>:"), "{}", piped.stdout);
}

#[test]
fn standard_input_gets_the_checks_of_a_file() {
    let root = workspace_root();
    let run = ims_with(
        root,
        &["check", "--stdin-filename", "piped.ims", "-"],
        Some("site hq \"HQ\"\n\0"),
        &[],
    );
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "error: piped.ims:2:1: contains a NUL byte: this is a binary file, not an .ims text file\n"
    );
    let run = ims_with(root, &["check", "-", "-"], Some(""), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("can be given only once"), "{}", run.stderr);
    let run = ims(root, &["check", "--stdin-filename", "x.ims", "examples/acme.ims"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("add `-` to the paths"), "{}", run.stderr);
    // ims fmt names standard input the same way.
    let run = ims_with(
        root,
        &["fmt", "--check", "--stdin-filename", "piped.ims", "-"],
        Some("site   hq \"HQ\"\n"),
        &[],
    );
    assert_eq!((run.code, run.stdout.as_str()), (1, "piped.ims\n"));
}
