//! Editor settings under the section `ims` (`workspace/configuration`):
//!
//! ```json
//! { "ims": { "diagnostics": { "severity": { "scope-gap": "error" } },
//!            "inlayHints": { "enable": true } } }
//! ```
//!
//! Severities set here override those of `ims.toml`; `"off"` hides a code.
//! `maxFileSize` (MiB) raises the largest file read and analysed, and
//! `catalogs` names user catalogs that may lie outside the project: both are
//! settings a user makes for themselves, so the VS Code extension passes
//! only their user-level values, never a workspace's (a cloned repository
//! must not choose its own limits or read files outside itself).

use std::collections::HashMap;
use std::path::PathBuf;

use ims_analysis::{Code, Severity};
use serde_json::Value;

/// The section name the server asks the client for.
pub const SECTION: &str = "ims";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Per-code severity overrides; `None` turns a code off.
    pub severities: HashMap<Code, Option<Severity>>,
    /// Whether inlay hints (clause titles after references) are shown.
    pub inlay_hints: bool,
    /// The largest file read and analysed, in bytes.
    pub max_file_size: u64,
    /// User catalogs to load besides those of `ims.toml`; absolute paths.
    pub catalogs: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            severities: HashMap::new(),
            inlay_hints: true,
            max_file_size: ims_project::DEFAULT_MAX_FILE_BYTES,
            catalogs: Vec::new(),
        }
    }
}

impl Settings {
    /// Reads the `ims` section. Unknown codes and levels are reported and
    /// skipped; everything else still applies.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        let severity =
            value.pointer("/diagnostics/severity").or_else(|| value.get("diagnostics.severity"));
        if let Some(map) = severity.and_then(Value::as_object) {
            for (name, level) in map {
                let Some(code) = Code::from_name(name) else {
                    problems.push(format!("ims.diagnostics.severity: unknown code `{name}`"));
                    continue;
                };
                let level = match level.as_str() {
                    Some("error") => Some(Severity::Error),
                    Some("warning") => Some(Severity::Warning),
                    Some("info" | "information") => Some(Severity::Info),
                    Some("hint") => Some(Severity::Hint),
                    Some("off") => None,
                    _ => {
                        problems.push(format!(
                            "ims.diagnostics.severity.{name}: expected \"error\", \"warning\", \"info\", \"hint\" or \"off\""
                        ));
                        continue;
                    }
                };
                settings.severities.insert(code, level);
            }
        }
        let inlay = value.pointer("/inlayHints/enable").or_else(|| value.get("inlayHints.enable"));
        match inlay {
            None | Some(Value::Null) => {}
            Some(Value::Bool(enable)) => settings.inlay_hints = *enable,
            Some(_) => problems.push("ims.inlayHints.enable: expected true or false".to_string()),
        }
        match value.get("maxFileSize") {
            None | Some(Value::Null) => {}
            Some(Value::Number(mib)) if mib.as_u64().is_some_and(|m| (1..=4096).contains(&m)) => {
                settings.max_file_size = mib.as_u64().unwrap_or(8) * 1024 * 1024;
            }
            Some(_) => problems
                .push("ims.maxFileSize: expected a whole number of MiB from 1 to 4096".to_string()),
        }
        match value.get("catalogs") {
            None | Some(Value::Null) => {}
            Some(Value::Array(paths)) => {
                for path in paths {
                    match path.as_str().map(PathBuf::from) {
                        Some(path) if path.is_absolute() => settings.catalogs.push(path),
                        _ => problems.push(format!(
                            "ims.catalogs: {path} is not an absolute path; it is ignored"
                        )),
                    }
                }
            }
            Some(_) => problems.push("ims.catalogs: expected a list of paths".to_string()),
        }
        (settings, problems)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_nested_and_dotted_settings() {
        let (settings, problems) = Settings::from_json(&json!({
            "diagnostics": { "severity": { "scope-gap": "error", "harmonized-additions": "off", "nope": "hint" } },
            "inlayHints": { "enable": false }
        }));
        assert_eq!(problems, ["ims.diagnostics.severity: unknown code `nope`"]);
        assert_eq!(settings.severities[&Code::ScopeGap], Some(Severity::Error));
        assert_eq!(settings.severities[&Code::HarmonizedAdditions], None);
        assert!(!settings.inlay_hints);

        let (settings, problems) =
            Settings::from_json(&json!({ "diagnostics.severity": { "scope-gap": "loud" } }));
        assert_eq!(problems.len(), 1);
        assert!(settings.severities.is_empty());
        assert!(settings.inlay_hints);
        assert_eq!(Settings::from_json(&Value::Null).0, Settings::default());

        let (settings, problems) = Settings::from_json(&json!({
            "maxFileSize": 64, "catalogs": ["/home/me/iso14001.toml", "relative.toml"]
        }));
        assert_eq!(settings.max_file_size, 64 * 1024 * 1024);
        assert_eq!(settings.catalogs, [PathBuf::from("/home/me/iso14001.toml")]);
        assert_eq!(
            problems,
            ["ims.catalogs: \"relative.toml\" is not an absolute path; it is ignored"]
        );
        let (settings, problems) = Settings::from_json(&json!({ "maxFileSize": 0 }));
        assert_eq!(settings.max_file_size, ims_project::DEFAULT_MAX_FILE_BYTES);
        assert_eq!(problems.len(), 1);
    }
}
