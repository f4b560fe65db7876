//! Project configuration: the text of `ims.toml` (found and read by
//! `ims_project`).
//!
//! ```toml
//! catalogs = ["catalogs/iso14001.toml"]   # user catalogs, relative to ims.toml
//!
//! [diagnostics]
//! scope-gap = "error"                      # error | warning | info | hint | off
//! harmonized-additions = "off"
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::{Code, Severity};

/// Settings that change what the analysis reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Per-code severity; `None` turns the code off.
    pub severities: HashMap<Code, Option<Severity>>,
    /// User catalog files, as absolute paths.
    pub catalogs: Vec<PathBuf>,
}

/// A problem in `ims.toml`, with its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file.display(), self.line, self.column, self.message)
    }
}

impl Config {
    /// The severity of `code` after configuration, `None` when it is off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        match self.severities.get(&code) {
            Some(configured) => *configured,
            None => Some(code.default_severity()),
        }
    }

    /// Parses the text of an `ims.toml` at `path`. Unknown codes and bad
    /// values are errors with their location; the rest of the file still
    /// applies.
    pub fn parse(path: &Path, text: &str) -> (Config, Vec<ConfigError>) {
        let mut config = Config::default();
        let mut errors = Vec::new();
        let error_at = |span: Option<std::ops::Range<usize>>, message: String| {
            let offset = span.map_or(0, |s| s.start).min(text.len());
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            ConfigError { file: path.to_path_buf(), line, column, message }
        };
        let document: toml::Spanned<toml::Table> = match toml::from_str(text) {
            Ok(document) => document,
            Err(e) => {
                errors.push(error_at(e.span(), e.message().to_string()));
                return (config, errors);
            }
        };
        let base = path.parent().unwrap_or(Path::new("."));
        // Spans of individual values are found by searching the text for the
        // key: the `toml` value API does not keep spans of nested values.
        let span_of = |key: &str| text.find(key).map(|start| start..start + key.len());
        for (key, value) in document.get_ref() {
            match (key.as_str(), value) {
                ("catalogs", toml::Value::Array(paths)) => {
                    for p in paths {
                        match p.as_str() {
                            Some(p) => config.catalogs.push(base.join(p)),
                            None => errors.push(error_at(
                                span_of("catalogs"),
                                "`catalogs` must be a list of file paths".to_string(),
                            )),
                        }
                    }
                }
                ("diagnostics", toml::Value::Table(table)) => {
                    for (name, level) in table {
                        let Some(code) = Code::from_name(name) else {
                            errors.push(error_at(
                                span_of(name),
                                format!(
                                    "unknown diagnostic code `{name}` (see docs/diagnostics.md)"
                                ),
                            ));
                            continue;
                        };
                        let severity = match level.as_str() {
                            Some("error") => Some(Severity::Error),
                            Some("warning") => Some(Severity::Warning),
                            Some("info") => Some(Severity::Info),
                            Some("hint") => Some(Severity::Hint),
                            Some("off") => None,
                            _ => {
                                errors.push(error_at(
                                    span_of(name),
                                    format!("`{name}` must be one of \"error\", \"warning\", \"info\", \"hint\", \"off\""),
                                ));
                                continue;
                            }
                        };
                        config.severities.insert(code, severity);
                    }
                }
                ("catalogs", _) => errors.push(error_at(
                    span_of("catalogs"),
                    "`catalogs` must be a list of file paths".to_string(),
                )),
                ("diagnostics", _) => errors.push(error_at(
                    span_of("diagnostics"),
                    "`diagnostics` must be a table of code = severity".to_string(),
                )),
                (other, _) => errors.push(error_at(
                    span_of(other),
                    format!("unknown setting `{other}`; expected `catalogs` or `[diagnostics]`"),
                )),
            }
        }
        // In the order of the file, whatever order the table iterates in.
        errors.sort_by_key(|e| (e.line, e.column));
        (config, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_severities_and_catalogs() {
        let (config, errors) = Config::parse(
            Path::new("/p/ims.toml"),
            "catalogs = [\"c/iso14001.toml\"]\n[diagnostics]\nscope-gap = \"error\"\nharmonized-additions = \"off\"\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.catalogs, [PathBuf::from("/p/c/iso14001.toml")]);
        assert_eq!(config.severity(Code::ScopeGap), Some(Severity::Error));
        assert_eq!(config.severity(Code::HarmonizedAdditions), None);
        assert_eq!(config.severity(Code::UncoveredClauses), Some(Severity::Warning));
    }

    #[test]
    fn reports_unknown_codes_and_bad_values_with_location() {
        let (config, errors) = Config::parse(
            Path::new("ims.toml"),
            "[diagnostics]\nscope-gap = \"loud\"\nno-such-code = \"off\"\n",
        );
        let rendered: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            rendered,
            [
                "ims.toml:2:1: `scope-gap` must be one of \"error\", \"warning\", \"info\", \"hint\", \"off\"",
                "ims.toml:3:1: unknown diagnostic code `no-such-code` (see docs/diagnostics.md)",
            ]
        );
        assert_eq!(config.severity(Code::ScopeGap), Some(Severity::Warning));
    }

    #[test]
    fn reports_invalid_toml() {
        let (_, errors) = Config::parse(Path::new("ims.toml"), "[diagnostics\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
    }
}
