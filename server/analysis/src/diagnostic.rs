//! The one diagnostic type that the CLI and the language server render.

use std::fmt;

use ims_syntax::TextRange;
use serde::Serialize;

use crate::locations::LocationsMut;
use crate::FileId;

/// How serious a finding is. `Off` exists only in configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        })
    }
}

/// A place in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileRange {
    pub file: FileId,
    pub range: TextRange,
}

/// A secondary location that explains a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub location: FileRange,
    pub message: String,
}

/// One text replacement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub location: FileRange,
    pub new_text: String,
}

/// A quick fix: a title and the edits that make it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// A finding, with everything a front end needs to render it and fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: FileRange,
    pub severity: Severity,
    pub code: crate::Code,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(code: crate::Code, location: FileRange, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: code.default_severity(),
            code,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn with_related(mut self, location: FileRange, message: impl Into<String>) -> Self {
        self.related.push(Related { location, message: message.into() });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }
}

impl LocationsMut for Diagnostic {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Diagnostic { location, severity: _, code: _, message: _, related, fixes } = self;
        f(location);
        related.locations_mut(f);
        fixes.locations_mut(f);
    }
}

impl LocationsMut for Related {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Related { location, message: _ } = self;
        f(location);
    }
}

impl LocationsMut for Fix {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Fix { title: _, edits } = self;
        edits.locations_mut(f);
    }
}

impl LocationsMut for TextEdit {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let TextEdit { location, new_text: _ } = self;
        f(location);
    }
}
