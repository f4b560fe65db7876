//! Finding the `ims` binary that the end-to-end tests drive.
//!
//! `ims` is a binary of another package, so Cargo does not build it for
//! `cargo test -p ims-e2e` and `CARGO_BIN_EXE_ims` is not set here. The
//! first call builds it with the same Cargo, profile and target directory as
//! the running test, then every test uses that file. `IMS_BIN` overrides the
//! path (to test an installed or release binary).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The path of the `ims` binary, built on first use.
pub fn ims_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        if let Some(path) = std::env::var_os("IMS_BIN") {
            return PathBuf::from(path);
        }
        // The test runs as target/<profile>/deps/<test>-<hash>.
        let exe = std::env::current_exe().expect("the test knows its own path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("the test binary lies in target/<profile>/deps")
            .to_path_buf();
        let target_dir = profile_dir.parent().expect("target/<profile> has a parent");
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => "dev".to_string(),
            Some(other) => other.to_string(),
        };
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--package", "ims", "--bin", "ims", "--profile", &profile])
            .env("CARGO_TARGET_DIR", target_dir)
            .current_dir(workspace_root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the `ims` binary failed");
        profile_dir.join(format!("ims{}", std::env::consts::EXE_SUFFIX))
    })
}

/// The root of the repository.
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lies in the workspace root")
}

/// A file under `examples/`.
pub fn example(path: &str) -> PathBuf {
    workspace_root().join("examples").join(path)
}
