//! `ims fmt`: exit codes, in-place rewriting, `--check`, standard input, and
//! files with syntax errors, driven through the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

const FORMATTED: &str = "site hq \"HQ\"\n\nunit ops \"Operations\" at hq\n";
const UNFORMATTED: &str = "site   hq \"HQ\";unit ops \"Operations\"   at hq";
const BROKEN: &str = "site hq \"HQ\nunit   ops \"Operations\" at hq\n";

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fmt").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn ims(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ims"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default().as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The names of the files in `dir`, to see that no temporary file is left.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn check_lists_unformatted_files_and_writes_nothing() {
    let dir = scratch("check");
    let good = dir.join("good.ims");
    let bad = dir.join("bad.ims");
    write(&good, FORMATTED);
    write(&bad, UNFORMATTED);

    let output = ims(&["fmt", "--check", dir.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{}\n", bad.display()));
    assert!(stderr(&output).contains("1 file is not formatted"), "{}", stderr(&output));
    assert_eq!(read(&bad), UNFORMATTED);
    assert_eq!(read(&good), FORMATTED);

    let output = ims(&["fmt", "--check", good.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn rewrites_changed_files_in_place_and_leaves_the_others_alone() {
    let dir = scratch("in-place");
    let good = dir.join("good.ims");
    let bad = dir.join("bad.ims");
    write(&good, FORMATTED);
    write(&bad, UNFORMATTED);
    // An old modification time shows whether the formatted file was rewritten.
    let old = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&good).unwrap().set_modified(old).unwrap();

    let output = ims(&["fmt", dir.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(read(&bad), FORMATTED);
    assert_eq!(read(&good), FORMATTED);
    assert_eq!(std::fs::metadata(&good).unwrap().modified().unwrap(), old);
    assert_eq!(file_names(&dir), ["bad.ims", "good.ims"]);

    let output = ims(&["fmt", "--check", dir.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link() {
    let dir = scratch("symlink");
    let target = dir.join("target.ims");
    let link = dir.join("link.ims");
    write(&target, UNFORMATTED);
    std::os::unix::fs::symlink(&target, &link).unwrap();

    let output = ims(&["fmt", link.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(read(&target), FORMATTED);
    assert_eq!(file_names(&dir), ["link.ims", "target.ims"]);
}

#[test]
fn a_file_with_syntax_errors_is_left_untouched() {
    let dir = scratch("syntax-errors");
    let broken = dir.join("broken.ims");
    let bad = dir.join("bad.ims");
    write(&broken, BROKEN);
    write(&bad, UNFORMATTED);

    let output = ims(&["fmt", dir.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "error: {}: not formatted because of syntax errors; first at 1:9: unterminated string",
            broken.display()
        )),
        "{message}"
    );
    assert_eq!(read(&broken), BROKEN);
    // The other files are still formatted.
    assert_eq!(read(&bad), FORMATTED);
    assert_eq!(file_names(&dir), ["bad.ims", "broken.ims"]);

    let output = ims(&["fmt", "--check", broken.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not formatted because of syntax errors"));
    assert_eq!(stdout(&output), "");
}

#[test]
fn standard_input_to_standard_output() {
    let output = ims(&["fmt", "-"], Some(UNFORMATTED));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), FORMATTED);

    let output = ims(&["fmt", "-"], Some(FORMATTED));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), FORMATTED);

    let output = ims(&["fmt", "--check", "-"], Some(UNFORMATTED));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "<stdin>\n");

    let output = ims(&["fmt", "--check", "-"], Some(FORMATTED));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");

    // Broken input: nothing on standard output, the reason on standard error.
    let output = ims(&["fmt", "-"], Some(BROKEN));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("<stdin>: not formatted because of syntax errors"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors() {
    let dir = scratch("usage");
    let output = ims(&["fmt", dir.join("missing.ims").to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no such file or directory"), "{}", stderr(&output));

    let output = ims(&["fmt", "-", dir.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot be combined"), "{}", stderr(&output));
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = scratch("diff");
    let file = dir.join("a.ims");
    write(&file, "site  hq \"HQ\"\nunit ops \"Operations\"   at hq\n");
    write(&dir.join("b.ims"), FORMATTED);
    let output = Command::new(env!("CARGO_BIN_EXE_ims"))
        .args(["fmt", "--diff", "a.ims", "b.ims"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    expect_test::expect![[r#"
        --- a.ims
        +++ a.ims
        @@ -1,2 +1,3 @@
        -site  hq "HQ"
        -unit ops "Operations"   at hq
        +site hq "HQ"
        +
        +unit ops "Operations" at hq
    "#]]
    .assert_eq(&stdout(&output));
    assert_eq!(
        read(&file),
        "site  hq \"HQ\"\nunit ops \"Operations\"   at hq\n",
        "--diff wrote the file"
    );
    assert!(stderr(&output).contains("1 file is not formatted"), "{}", stderr(&output));

    // Formatted files: no diff, exit 0.
    let output = ims(&["fmt", "--diff", dir.join("b.ims").to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");

    // Standard input, labelled <stdin>.
    let output = ims(&["fmt", "--diff", "-"], Some(UNFORMATTED));
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("--- <stdin>\n+++ <stdin>\n@@ "), "{}", stdout(&output));
}

#[test]
fn quiet_drops_the_summary_but_not_the_problems() {
    let dir = scratch("quiet");
    write(&dir.join("a.ims"), UNFORMATTED);
    let a = dir.join("a.ims");
    let output = ims(&["fmt", "--check", "--quiet", a.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), format!("{}\n", a.display()));
    assert_eq!(stderr(&output), "");
    write(&dir.join("broken.ims"), BROKEN);
    let output = ims(&["fmt", "-q", dir.join("broken.ims").to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not formatted because of syntax errors"),
        "{}",
        stderr(&output)
    );
}
