//! End-to-end tests of `ims report`: the real binary on the examples. The
//! figures of the report agree with what `ims check` says of the same files,
//! `-o` writes the format its extension names, and mistakes exit with 2.

use std::path::Path;
use std::process::Command;

use ims_e2e::lsp_client::TempDir;
use ims_e2e::{ims_binary, workspace_root};
use serde_json::Value;

fn ims(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(ims_binary())
        .args(args)
        .envs(ims_e2e::REPRODUCIBLE)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "ims panicked:\n{stderr}");
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap(), stderr)
}

/// `(group, key, system) -> value` of the CSV's summary rows (which hold no
/// quoted fields).
fn summary(csv: &str) -> Vec<(String, String, String, usize)> {
    csv.lines()
        .skip(1)
        .map(|line| line.split(',').collect::<Vec<_>>())
        .filter(|f| f[0] == "summary" && !f[8].is_empty())
        .map(|f| (f[1].to_string(), f[2].to_string(), f[4].to_string(), f[8].parse().unwrap()))
        .collect()
}

fn figure(rows: &[(String, String, String, usize)], group: &str, key: &str, system: &str) -> usize {
    rows.iter()
        .find(|(g, k, s, _)| g == group && k == key && s == system)
        .unwrap_or_else(|| panic!("no summary row {group} {key} {system}"))
        .3
}

#[test]
fn the_figures_agree_with_ims_check() {
    let root = workspace_root();
    for example in ["examples/acme.ims", "examples/harbour", "examples/multi-file"] {
        let (code, csv, stderr) = ims(root, &["report", example, "--format", "csv"]);
        assert_eq!(code, 0, "{stderr}");
        let rows = summary(&csv);
        let (_, json, _) = ims(root, &["check", example, "--format", "json"]);
        let diagnostics: Vec<Value> = serde_json::from_str(&json).unwrap();
        for severity in ["error", "warning", "info", "hint"] {
            let check = diagnostics.iter().filter(|d| d["severity"] == severity).count();
            assert_eq!(figure(&rows, "diagnostics", severity, ""), check, "{example}: {severity}");
        }
        // Each `uncovered-clauses` finding names the same count as the report.
        for d in diagnostics.iter().filter(|d| d["code"] == "uncovered-clauses") {
            let message = d["message"].as_str().unwrap();
            let system = message.rsplit_once("in `").unwrap().1.split('`').next().unwrap();
            let words: Vec<&str> = message.split_whitespace().collect();
            let (missing, total): (usize, usize) = if words[3] == "all" {
                (words[4].parse().unwrap(), words[4].parse().unwrap())
            } else {
                (words[3].parse().unwrap(), words[6].parse().unwrap())
            };
            assert_eq!(figure(&rows, "coverage", "missing", system), missing, "{message}");
            assert_eq!(figure(&rows, "coverage", "total", system), total, "{message}");
        }
    }
}

#[test]
fn output_files_take_their_format_from_the_extension() {
    let dir = TempDir::new("report-output");
    let acme = workspace_root().join("examples/acme.ims");
    let acme = acme.to_str().unwrap();
    for (name, start) in [
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "# Integration report: Acme Managed Services"),
        ("r.csv", "section,group,key,title,system,clause,status,processes,value,note,owner,reason,implementation,evidence\r\n"),
        ("r.txt", "# Integration report"),
    ] {
        let (code, stdout, stderr) = ims(dir.path(), &["report", acme, "-o", name]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, "", "nothing on stdout when writing a file");
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(written.starts_with(start), "{name}: {}", &written[..80]);
    }
    // `--format` wins over the extension.
    let (code, _, _) = ims(dir.path(), &["report", acme, "--format", "csv", "-o", "x.html"]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(dir.path().join("x.html")).unwrap().starts_with("section,"));
}

#[test]
fn mistakes_exit_with_2() {
    let dir = TempDir::new("report-mistakes");
    let (code, _, stderr) = ims(dir.path(), &["report", "missing.ims"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.ims: no such file or directory"), "{stderr}");
    let acme = workspace_root().join("examples/acme.ims");
    let (code, _, stderr) =
        ims(dir.path(), &["report", acme.to_str().unwrap(), "-o", "no/such/dir/r.html"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot write no/such/dir/r.html"), "{stderr}");
}

/// Titles and justifications from a stranger's file reach no report as live
/// Markdown, HTML or a spreadsheet formula (docs/report.md, "Untrusted text").
#[test]
fn hostile_text_stays_text_in_every_format() {
    let dir = TempDir::new("report-hostile");
    dir.write(
        "hostile.ims",
        r#"ims "[x](command:workbench.action.terminal.new)" { standards iso27001@2022 }
unit ops "<img src=x onerror=alert(1)>"
system ISMS "![](http://e.x/a.png)" standard iso27001@2022 {
  scope { units ops }
  controls {
    applicable 27001:A.5.1 because "=HYPERLINK(\"http://e.x\")"
    excluded 27001:A.5.2 because "@SUM(A1)"
  }
}
"#,
    );
    let (code, markdown, stderr) = ims(dir.path(), &["report", "hostile.ims"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(markdown.contains(r"\[x\]\(command\:workbench"), "{markdown}");
    assert!(!markdown.contains("](command") && !markdown.contains("![]"), "{markdown}");
    // `<` is backslash-escaped wherever it stands.
    assert_eq!(markdown.matches("<img").count(), markdown.matches(r"\<img").count());
    assert!(markdown.contains(r"\<img"), "{markdown}");

    let (_, html, _) = ims(dir.path(), &["report", "hostile.ims", "--format", "html"]);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<img") && !html.contains("href=\"command"));

    let (_, csv, _) = ims(dir.path(), &["report", "hostile.ims", "--format", "csv"]);
    assert!(csv.contains(r#""'=HYPERLINK(""http://e.x"")""#), "{csv}");
    assert!(csv.contains(r#""'@SUM(A1)""#), "{csv}");
    for line in csv.lines() {
        for field in line.split(',') {
            assert!(!field.starts_with(['=', '@', '+', '-']), "a formula in {line}");
        }
    }
}

/// `--format xlsx` (or `-o *.xlsx`) writes a workbook that an independent
/// reader opens; `--section soa` writes the SoA alone; `--bom` starts a CSV
/// with a byte-order mark for Excel on Windows.
#[test]
fn xlsx_sections_and_a_bom() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = TempDir::new("report-xlsx");
    let harbour = workspace_root().join("examples/harbour");
    let harbour = harbour.to_str().unwrap();
    let (code, stdout, stderr) = ims(dir.path(), &["report", harbour, "-o", "harbour.xlsx"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let mut book: Xlsx<_> = open_workbook(dir.path().join("harbour.xlsx")).unwrap();
    assert_eq!(book.sheet_names().len(), 10, "{:?}", book.sheet_names());
    let soa = book.worksheet_range("SoA ISMS").unwrap();
    assert_eq!(soa.get((0, 1)), Some(&Data::String("Control".into())));
    assert_eq!(soa.get((1, 1)), Some(&Data::String("A.5.1".into())));

    let (code, _, stderr) =
        ims(dir.path(), &["report", harbour, "--section", "soa", "-o", "soa.xlsx"]);
    assert_eq!(code, 0, "{stderr}");
    let book: Xlsx<_> = open_workbook(dir.path().join("soa.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Document control", "SoA ISMS"]);

    let (code, markdown, _) = ims(dir.path(), &["report", harbour, "--section", "soa,parties"]);
    assert_eq!(code, 0);
    let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings, ["## Statement of Applicability: ISMS", "## Interested parties"]);

    let (code, csv, _) = ims(dir.path(), &["report", harbour, "--format", "csv", "--bom"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("\u{feff}section,group,"), "{:?}", &csv[..20]);
    let (code, _, stderr) = ims(dir.path(), &["report", harbour, "--bom"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--bom is for --format csv"), "{stderr}");
}
