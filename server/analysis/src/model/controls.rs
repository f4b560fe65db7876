//! What the Statement of Applicability says of its controls beyond
//! applicable or excluded: the block of an `applicable` or `excluded`
//! statement (docs/language.md 4.6), and the document-control `status` of
//! the `ims` header. Values that are not among the language's words are
//! reported as `invalid-value`.

use ims_syntax::ast::{DeclarationKind, Statement, StatementKind};

use super::{ControlEntry, EntityId, Implementation, InclusionReason, Model};
use crate::date::Date;
use crate::wording::join_or;
use crate::{Code, Diagnostic, FileId, FileRange};

/// The words of the header's `status` (document control).
pub const DOCUMENT_STATUSES: [&str; 4] = ["draft", "review", "approved", "withdrawn"];

/// Reads the block of an `applicable` or `excluded` statement of `system`.
/// The `owner` in it is resolved (and reported) with the other names; here
/// only its target is taken.
pub(super) fn resolve(
    model: &mut Model,
    file: FileId,
    system: Option<EntityId>,
    statement: &Statement,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(system) = system.filter(|&s| model.entity(s).kind == DeclarationKind::System) else {
        return;
    };
    let at = |range| FileRange { file, range };
    let mut entry = ControlEntry {
        system,
        statement: at(statement.range),
        reasons: Vec::new(),
        implementation: None,
        status_location: None,
        owner: None,
        evidence: Vec::new(),
    };
    for child in &statement.children {
        match child.kind {
            StatementKind::Reason => {
                for name in child.names.iter().filter(|n| !n.text.is_empty()) {
                    match InclusionReason::from_word(&name.text) {
                        Some(reason) if !entry.reasons.contains(&reason) => {
                            entry.reasons.push(reason)
                        }
                        Some(_) => {}
                        None => diagnostics.push(invalid_word(
                            at(name.range),
                            &name.text,
                            "a reason for inclusion",
                            &InclusionReason::ALL.map(InclusionReason::word),
                        )),
                    }
                }
            }
            StatementKind::Status => {
                let Some(name) = child.names.first().filter(|n| !n.text.is_empty()) else {
                    continue;
                };
                let location = at(child.range);
                let date = child.value.as_ref().map(|v| (Date::parse(&v.value), v));
                let implementation = match (name.text.as_str(), date) {
                    ("implemented", None) => Implementation::Implemented,
                    ("partial", None) => Implementation::Partial,
                    ("not-implemented", None) => Implementation::NotImplemented,
                    ("planned", Some((Some(date), _))) => Implementation::Planned(Some(date)),
                    ("planned", Some((None, value))) => {
                        diagnostics.push(Diagnostic::new(
                            Code::InvalidValue,
                            at(value.range),
                            format!(
                                "`{}` is not a date: write the date the control is planned for as \"YYYY-MM-DD\"",
                                value.value
                            ),
                        ));
                        Implementation::Planned(None)
                    }
                    ("planned", None) => {
                        diagnostics.push(Diagnostic::new(
                            Code::InvalidValue,
                            at(name.range),
                            "a planned control needs the date it is planned for: `status planned \"YYYY-MM-DD\"`",
                        ));
                        Implementation::Planned(None)
                    }
                    ("implemented" | "partial" | "not-implemented", Some((_, value))) => {
                        diagnostics.push(Diagnostic::new(
                            Code::InvalidValue,
                            at(value.range),
                            format!("only `planned` takes a date, not `{}`", name.text),
                        ));
                        continue;
                    }
                    (other, _) => {
                        diagnostics.push(invalid_word(
                            at(name.range),
                            other,
                            "an implementation status",
                            &Implementation::WORDS,
                        ));
                        continue;
                    }
                };
                if entry.implementation.is_none() {
                    entry.implementation = Some(implementation);
                    entry.status_location = Some(location);
                }
            }
            StatementKind::Owner => {
                entry.owner = entry.owner.or_else(|| {
                    let name = child.names.first()?;
                    model
                        .lookup(&name.text)
                        .filter(|&id| model.entity(id).kind == DeclarationKind::Unit)
                });
            }
            StatementKind::Evidence => {
                for item in &child.clauses {
                    diagnostics.push(Diagnostic::new(
                        Code::MisplacedStatement,
                        at(item.range),
                        "the `evidence` of a control names documents and processes, not clauses: \
                         a `document` states which clauses it is evidence for",
                    ));
                }
                for name in child.names.iter().filter(|n| !n.text.is_empty()) {
                    if let Some(id) = evidence(model, file, system, child, name, diagnostics) {
                        if !entry.evidence.contains(&id) {
                            entry.evidence.push(id);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    model.controls.push(entry);
}

/// A document or process named as a control's evidence.
fn evidence(
    model: &mut Model,
    file: FileId,
    system: EntityId,
    statement: &Statement,
    name: &ims_syntax::ast::Name,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EntityId> {
    let (location, target) = super::names::record_use(
        model,
        file,
        name,
        DeclarationKind::Document,
        Some(system),
        statement,
    );
    let Some(target) = target else {
        diagnostics.push(Diagnostic::new(
            Code::UndefinedName,
            location,
            format!("no document or process named `{}`", name.text),
        ));
        return None;
    };
    let entity = model.entity(target);
    if !matches!(entity.kind, DeclarationKind::Document | DeclarationKind::Process) {
        diagnostics.push(
            Diagnostic::new(
                Code::WrongKind,
                location,
                format!(
                    "`{}` is a {}, but the evidence of a control is a document or a process",
                    name.text,
                    entity.kind.keyword()
                ),
            )
            .with_related(entity.name_location(), format!("`{}` is defined here", name.text)),
        );
        return None;
    }
    Some(target)
}

/// The `status` of the `ims` header: one of [`DOCUMENT_STATUSES`], no date.
pub(super) fn check_document_status(
    file: FileId,
    statement: &Statement,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let at = |range| FileRange { file, range };
    if let Some(name) = statement.names.first().filter(|n| !n.text.is_empty()) {
        if !DOCUMENT_STATUSES.contains(&name.text.as_str()) {
            diagnostics.push(invalid_word(
                at(name.range),
                &name.text,
                "a document status",
                &DOCUMENT_STATUSES,
            ));
        }
    }
    if let Some(value) = &statement.value {
        diagnostics.push(Diagnostic::new(
            Code::InvalidValue,
            at(value.range),
            "the status of the `ims` header takes no date",
        ));
    }
}

fn invalid_word(location: FileRange, word: &str, what: &str, words: &[&str]) -> Diagnostic {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
    let mut diagnostic = Diagnostic::new(
        Code::InvalidValue,
        location,
        format!("`{word}` is not {what}; write {}", join_or(&quoted)),
    );
    let close = words
        .iter()
        .filter(|w| strsim::damerau_levenshtein(w, word) <= (w.len() / 3).max(1))
        .min_by_key(|w| strsim::damerau_levenshtein(w, word));
    if let Some(close) = close {
        diagnostic = diagnostic.with_fix(crate::Fix {
            title: format!("Change to `{close}`"),
            edits: vec![crate::TextEdit { location, new_text: close.to_string() }],
        });
    }
    diagnostic
}
