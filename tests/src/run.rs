//! Running the `ims` binary once, as a user or a script does.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::ims_binary;

/// What one run of `ims` left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `ims ARGS` in `dir`. `NO_COLOR` is removed so that the tests see
/// what a pipe gets by default: no colour, because stdout is not a terminal.
pub fn ims(dir: &Path, args: &[&str]) -> Run {
    ims_with(dir, args, None, &[])
}

/// Runs `ims ARGS` in `dir` with `stdin` as standard input (else an empty
/// one) and the extra environment variables `env`; fails the test on a
/// panic.
pub fn ims_with(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut command = command(dir, args, Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the ims binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    // A binary that does not read its input may close it first.
    let _ = input.write_all(stdin.unwrap_or_default().as_bytes());
    drop(input);
    let output = child.wait_with_output().expect("ims ends");
    let run = Run {
        code: output.status.code().expect("ims exits with a code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(!run.stderr.contains("panicked"), "ims panicked:\n{}", run.stderr);
    run
}

/// Runs `ims ARGS` in `dir` as [`ims_with`] does, but gives up after
/// `bound`: a watchdog thread kills the process and the test fails, naming
/// the command. For input that once made `ims` hang (a FIFO, `/dev/zero`).
pub fn ims_within(dir: &Path, args: &[&str], bound: std::time::Duration) -> Run {
    let child = command(dir, args, Stdio::null()).spawn().expect("the ims binary runs");
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let output = child.wait_with_output();
        let _ = done.send(());
        output
    });
    if finished.recv_timeout(bound).is_err() {
        // The waiter owns the child; end it by its id.
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        let _ = waiter.join();
        panic!("`ims {}` did not end within {bound:?}", args.join(" "));
    }
    let output = waiter.join().expect("the waiter does not panic").expect("ims ends");
    let run = Run {
        code: output.status.code().expect("ims exits with a code, not a signal"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "ims panicked:\n{}", run.stderr);
    run
}

/// `ims ARGS` in `dir`, reading `stdin`, with stdout and stderr piped and no
/// `NO_COLOR` (see [`ims`]).
fn command(dir: &Path, args: &[&str], stdin: Stdio) -> Command {
    let mut command = Command::new(ims_binary());
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .envs(crate::REPRODUCIBLE)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}
