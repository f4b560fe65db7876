//! End-to-end tests of `ims import`: the sample spreadsheets of
//! examples/import/ become an IMS that `ims check` accepts, and the round
//! trip import -> check -> report -> XLSX -> import gives the same IMS;
//! rows that cannot be read are reported with their row numbers.

use std::path::Path;

use ims_e2e::lsp_client::TempDir;
use ims_e2e::run::{ims, Run};
use ims_e2e::workspace_root;

fn sample(name: &str) -> String {
    workspace_root().join("examples/import").join(name).to_str().unwrap().to_string()
}

fn ok(run: Run) -> Run {
    assert_eq!(run.code, 0, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    run
}

/// Imports `file` into `dir/first/soa.ims`, checks it, reports it as XLSX,
/// imports that into `dir/second/soa.ims`; returns both texts.
fn round_trip(dir: &TempDir, file: &str, extra: &[&str]) -> (String, String) {
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&second).unwrap();
    let mut args = vec!["import", file, "-o", "first/soa.ims"];
    args.extend(extra);
    let run = ok(ims(dir.path(), &args));
    assert!(run.stderr.contains("`ims check` finds 0 errors in the result"), "{}", run.stderr);
    let check = ims(&first, &["check", "soa.ims"]);
    assert_eq!(check.code, 0, "ims check accepts the import:\n{}", check.stdout);
    ok(ims(&first, &["report", "soa.ims", "-o", "../report.xlsx"]));
    ok(ims(dir.path(), &["import", "report.xlsx", "-o", "second/soa.ims"]));
    let read = |dir: &Path| std::fs::read_to_string(dir.join("soa.ims")).unwrap();
    (read(&first), read(&second))
}

#[test]
fn the_english_workbook_round_trips() {
    let dir = TempDir::new("import-en");
    let (first, second) = round_trip(&dir, &sample("soa-en.xlsx"), &[]);
    assert_eq!(first, second);
    assert!(first.starts_with("// Statement of Applicability imported with `ims import`.\nims \"Statement of Applicability - Nordwind Hosting Ltd\" {"), "{first}");
    for expected in [
        "unit information-security-officer \"Information Security Officer\"",
        "document supplier-register \"Supplier register\"",
        "    applicable 27001:A.8.11 because \"A staging environment will receive production-like data\" {\n      reason risk-treatment\n      status planned \"2027-06-30\"\n      owner head-of-development\n      evidence risk-treatment-plan\n    }",
        "      status not-implemented",
        "    excluded 27001:A.8.30 because \"No development is outsourced: all software is written in-house\" {",
    ] {
        assert!(first.contains(expected), "{expected}\nin\n{first}");
    }
    // Formatted: `ims fmt --check` has nothing to change.
    ok(ims(&dir.path().join("first"), &["fmt", "--check", "soa.ims"]));
}

#[test]
fn the_german_csv_in_2013_numbering_round_trips() {
    let dir = TempDir::new("import-de");
    let without = ims(dir.path(), &["import", &sample("soa-de.csv")]);
    assert_eq!(without.code, 1);
    assert!(
        without.stderr.contains("soa-de.csv:2: error: `A.5.1.1` is a 27001:2013 control (A.5.1.1): import with --from-2013"),
        "{}",
        without.stderr
    );
    assert!(without.stdout.is_empty(), "nothing written");

    let (first, second) = round_trip(&dir, &sample("soa-de.csv"), &["--from-2013"]);
    assert_eq!(first, second);
    for expected in [
        "unit geschaeftsfuehrung \"Geschäftsführung\"",
        // 2013 A.9.4.5 (access to source code) is 2022 A.8.4; its German date is ISO now.
        "    applicable 27001:A.8.4 because \"Quellcode des Kundenportals ist schützenswert\" {\n      reason risk-treatment\n      status planned \"2027-06-30\"",
        // 2013 A.14.2.7 (outsourced development) is 2022 A.8.30.
        "    excluded 27001:A.8.30 because \"Es wird keine Entwicklung ausgelagert; alle Software entsteht im Haus\"",
    ] {
        assert!(first.contains(expected), "{expected}\nin\n{first}");
    }
}

#[test]
fn unreadable_rows_are_reported_with_their_numbers() {
    let dir = TempDir::new("import-rows");
    dir.write(
        "soa.csv",
        "Control,Applicable,Justification,Status,Owner\n\
         A.5.1,yes,Basis of the ISMS,implemented,CISO\n\
         A.5.99,yes,No such control,implemented,CISO\n\
         A.5.2,maybe,Roles,implemented,CISO\n\
         A.5.3,no,,,CISO\n\
         A.5.4,yes,Management,soon,CISO\n\
         A.5.1,yes,Again,implemented,CISO\n\
         A.5.5,yes,Authorities,planned,CISO\n",
    );
    let run = ims(dir.path(), &["import", "soa.csv", "-o", "soa.ims"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for line in [
        "soa.csv:3: error: ISO/IEC 27001:2022 has no control A.5.99",
        "soa.csv:4: error: `maybe` does not say whether the control is applicable (yes or no)",
        "soa.csv:5: error: A.5.3 is excluded without a justification; the SoA needs one (27001 6.1.3 d)",
        "soa.csv:6: error: `soon` is not an implementation status",
        "soa.csv:7: error: A.5.1 is given again; row 2 has it already",
        "soa.csv:8: error: planned without a date",
        "error: 6 rows could not be read: nothing written (fix them, or use --allow-partial)",
    ] {
        assert!(run.stderr.contains(line), "{line}\nin\n{}", run.stderr);
    }
    assert!(!dir.path().join("soa.ims").exists(), "nothing written");

    let run = ok(ims(dir.path(), &["import", "soa.csv", "--allow-partial", "-o", "soa.ims"]));
    assert!(
        run.stderr.contains("1 controls from sheet \"soa\", 6 rows not read"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(dir.path().join("soa.ims")).unwrap();
    assert!(text.contains("applicable 27001:A.5.1 because \"Basis of the ISMS\""), "{text}");
    // The file exists now: not overwritten without --force.
    let run = ims(dir.path(), &["import", "soa.csv", "--allow-partial", "-o", "soa.ims"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("soa.ims exists: choose another file or use --force"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_mapping_names_columns_and_text_stays_text() {
    let dir = TempDir::new("import-mapping");
    // Headers that are not recognised, and a justification that would end
    // the string and open a declaration if it were not escaped.
    dir.write(
        "odd.csv",
        "Item;Decision;Why\n\
         A 5.1;x;\"Policy \"\"set\"\" } system EVIL standard iso9001@2015 {\"\n\
         5.2;-;\"=HYPERLINK(\"\"http://e.x\"\")\"\n",
    );
    let run = ims(dir.path(), &["import", "odd.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no header row with a control column"), "{}", run.stderr);
    let run = ok(ims(
        dir.path(),
        &[
            "import",
            "odd.csv",
            "--mapping",
            "Item=control,B=applicable",
            "--mapping",
            "Why=justification",
        ],
    ));
    assert!(run.stdout.contains(r#"applicable 27001:A.5.1 because "Policy \"set\" } system EVIL standard iso9001@2015 {""#), "{}", run.stdout);
    assert!(
        run.stdout.contains(r#"excluded 27001:A.5.2 because "=HYPERLINK(\"http://e.x\")""#),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("\nsystem EVIL"));
    dir.write("odd.ims", &run.stdout);
    let check = ims(dir.path(), &["check", "odd.ims"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}
