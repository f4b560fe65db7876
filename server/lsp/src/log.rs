//! The server's log. It goes to stderr, which editors show as the server's
//! output (VS Code: the *IMS Language Server* output); stdout is the
//! protocol channel and never carries a log line.
//!
//! The level comes from `IMS_LOG` (`error`, `warn`, `info`, `debug`; the
//! VS Code setting `ims.server.logLevel` sets it), read once; `info` when
//! unset or not one of those. At `info` the server says what it serves
//! (version, client, folders, projects and their files, settings, watched
//! file changes); `debug` adds each round of diagnostics with its time.

use std::fmt::Display;
use std::sync::OnceLock;

/// The environment variable that sets the log level.
pub const LOG_ENV: &str = "IMS_LOG";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warn,
    Info,
    Debug,
}

impl Level {
    fn parse(text: &str) -> Option<Level> {
        match text.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Level::Error),
            "warn" | "warning" => Some(Level::Warn),
            "info" => Some(Level::Info),
            "debug" | "trace" => Some(Level::Debug),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }
}

/// The configured level.
pub fn level() -> Level {
    static LEVEL: OnceLock<Level> = OnceLock::new();
    *LEVEL.get_or_init(|| {
        std::env::var(LOG_ENV).ok().and_then(|v| Level::parse(&v)).unwrap_or(Level::Info)
    })
}

/// Whether messages of `level` are written.
pub fn enabled(level: Level) -> bool {
    level <= self::level()
}

/// Writes `message` to stderr when `level` is enabled.
pub fn log(level: Level, message: impl Display) {
    if enabled(level) {
        eprintln!("[{}] ims lsp: {message}", level.name());
    }
}

#[cfg(test)]
mod tests {
    use super::Level;

    #[test]
    fn levels_parse_and_order() {
        assert_eq!(Level::parse("INFO"), Some(Level::Info));
        assert_eq!(Level::parse(" warning "), Some(Level::Warn));
        assert_eq!(Level::parse("verbose"), None);
        assert!(Level::Error < Level::Info && Level::Info < Level::Debug);
    }
}
