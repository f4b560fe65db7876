//! Standards and clause references: the header's editions, each system's
//! standard, and every clause reference and range, resolved against the
//! catalog.
//!
//! An unqualified reference (`9001:8.4`) takes its edition from the header;
//! `27001@2013:A.15.1.1` names it. Where the header integrates two editions
//! of one standard, an unqualified reference is ambiguous.

use ims_catalog::{Catalog, ClauseKey, ClauseKind, Standard};
use ims_syntax::ast::{ClauseItem, ClauseRefSyntax, DeclarationKind, Name, StatementKind};
use rustc_hash::FxHashMap;

use super::{ClauseRole, ClauseUse, Header, Model};
use crate::{Code, Diagnostic, FileId, FileRange, Fix, TextEdit, Workspace};

/// `27001@2013` split into alias and edition.
pub fn parse_standard_name(written: &str) -> (&str, Option<&str>) {
    match written.split_once('@') {
        Some((alias, edition)) => (alias, Some(edition)),
        None => (written, None),
    }
}

/// How a written standard name resolved.
#[derive(Clone, Debug)]
pub enum ResolvedStandard<'c> {
    /// The edition, and whether the header integrates it.
    Found { standard: &'c Standard, integrated: bool },
    /// No catalog knows the standard or the edition.
    Unknown { message: String },
    /// Unqualified, and the header integrates several editions.
    Ambiguous { editions: Vec<&'c Standard> },
}

/// Resolves a standard as written in a clause reference or a `standard`
/// statement, against the catalog and the integrated editions.
pub fn resolve_standard<'c>(
    catalog: &'c Catalog,
    integrated: &[&str],
    written: &str,
) -> ResolvedStandard<'c> {
    let (alias, edition) = parse_standard_name(written);
    let editions = catalog.editions(alias);
    if editions.is_empty() {
        let known: Vec<String> =
            catalog.standards().iter().flat_map(|s| s.aliases.first().cloned()).collect();
        let mut known_unique = known.clone();
        known_unique.dedup();
        return ResolvedStandard::Unknown {
            message: format!(
                "unknown standard `{alias}`; the catalog knows {}",
                known_unique.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ),
        };
    }
    if let Some(edition) = edition {
        return match editions.iter().find(|s| s.edition == edition) {
            Some(standard) => ResolvedStandard::Found {
                standard,
                integrated: integrated.contains(&standard.id.as_str()),
            },
            None => ResolvedStandard::Unknown {
                message: format!(
                    "{} has no edition {edition}; known editions: {}",
                    editions[0].family,
                    editions.iter().map(|s| s.edition.as_str()).collect::<Vec<_>>().join(", ")
                ),
            },
        };
    }
    let chosen: Vec<&Standard> =
        editions.iter().copied().filter(|s| integrated.contains(&s.id.as_str())).collect();
    match chosen.len() {
        0 => ResolvedStandard::Found { standard: editions[0], integrated: false },
        1 => ResolvedStandard::Found { standard: chosen[0], integrated: true },
        _ => ResolvedStandard::Ambiguous { editions: chosen },
    }
}

/// Each system's resolved standard, with where it is written: found by
/// [`resolve_header`], set by [`resolve_clause_uses`] (name resolution, which
/// runs between them, builds each entity's details afresh).
pub(super) type SystemStandards = Vec<(super::EntityId, Option<String>, FileRange)>;

/// Reads the `ims` header(s) and each system's `standard`.
pub(super) fn resolve_header(
    workspace: &Workspace,
    model: &mut Model,
    diagnostics: &mut Vec<Diagnostic>,
) -> SystemStandards {
    let mut system_standards = Vec::new();
    let catalog = &workspace.catalog;
    for file in workspace.file_ids() {
        let ast = workspace.file(file).syntax.ast();
        for decl in ast.declarations.iter().filter(|d| d.kind == DeclarationKind::Ims) {
            let location = FileRange { file, range: decl.keyword };
            if let Some(first) = &model.header {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateHeader,
                        location,
                        "an IMS has one `ims` header; this is a second one",
                    )
                    .with_related(first.location, "the first header"),
                );
                continue;
            }
            let mut header = Header {
                title: decl.title.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
                location,
                standards: Vec::new(),
                standards_statement: None,
            };
            for statement in decl.statements_of(StatementKind::Standards) {
                header
                    .standards_statement
                    .get_or_insert(FileRange { file, range: statement.range });
                for edition in &statement.editions {
                    if let Some(id) = resolve_edition(catalog, file, edition, diagnostics) {
                        let at = FileRange { file, range: edition.range };
                        if let Some((_, first)) =
                            header.standards.iter().find(|(known, _)| *known == id)
                        {
                            diagnostics.push(
                                Diagnostic::new(
                                    Code::DuplicateName,
                                    at,
                                    format!("`{id}` is listed twice in `standards`"),
                                )
                                .with_related(*first, "first listed here"),
                            );
                        } else {
                            header.standards.push((id, at));
                        }
                    }
                }
            }
            model.header = Some(header);
        }
    }
    if model.header.is_none() && !workspace.files.is_empty() {
        // At the first declaration of the first file that has one, so that
        // an editor shows it on a token rather than on an empty range.
        let location = workspace
            .file_ids()
            .find_map(|file| {
                let first = workspace.file(file).syntax.ast().declarations.first()?;
                Some(FileRange { file, range: first.keyword })
            })
            .unwrap_or(FileRange { file: FileId(0), range: ims_syntax::TextRange::empty(0) });
        diagnostics.push(Diagnostic::new(
            Code::MissingHeader,
            location,
            "no `ims` header: add `ims \"Name\" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }` to one file",
        ));
    }
    superseded_in_header(workspace, model, diagnostics);

    // Each system's standard.
    let integrated: Vec<String> = model.integrated().iter().map(|s| s.to_string()).collect();
    let integrated: Vec<&str> = integrated.iter().map(String::as_str).collect();
    for id in 0..model.entities.len() {
        if model.entities[id].kind != DeclarationKind::System {
            continue;
        }
        let entity = &model.entities[id];
        let decl = &workspace.file(entity.file).syntax.ast().declarations[entity.decl];
        let file = entity.file;
        let Some(edition) =
            decl.statements_of(StatementKind::Standard).flat_map(|s| s.editions.first()).next()
        else {
            diagnostics.push(Diagnostic::new(
                Code::UnknownStandard,
                entity.name_location(),
                format!("system `{}` names no standard: add `standard iso9001@2015` (or another edition)", entity.name),
            ));
            continue;
        };
        let at = FileRange { file, range: edition.range };
        let resolved = match resolve_standard(catalog, &integrated, &edition.text) {
            ResolvedStandard::Found { standard, integrated: is_integrated } => {
                if !is_integrated && model.header.is_some() {
                    report_not_integrated(model, standard, at, diagnostics);
                }
                Some(standard.id.clone())
            }
            ResolvedStandard::Unknown { message } => {
                diagnostics.push(Diagnostic::new(Code::UnknownStandard, at, message));
                None
            }
            ResolvedStandard::Ambiguous { editions } => {
                diagnostics.push(ambiguous(at, &edition.text, &editions));
                None
            }
        };
        system_standards.push((id, resolved, at));
    }
    system_standards
}

fn resolve_edition(
    catalog: &Catalog,
    file: FileId,
    edition: &Name,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let at = FileRange { file, range: edition.range };
    let (alias, year) = parse_standard_name(&edition.text);
    let editions = catalog.editions(alias);
    let Some(year) = year else {
        let hint = editions.iter().map(|s| format!("`{}`", s.id)).collect::<Vec<_>>().join(" or ");
        let message = if hint.is_empty() {
            format!("unknown standard `{alias}`")
        } else {
            format!("the header must name an edition: write {hint}")
        };
        let mut diagnostic = Diagnostic::new(Code::UnknownStandard, at, message);
        for standard in &editions {
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Change to `{}`", standard.id),
                edits: vec![TextEdit { location: at, new_text: standard.id.clone() }],
            });
        }
        diagnostics.push(diagnostic);
        return None;
    };
    match resolve_standard(catalog, &[], &format!("{alias}@{year}")) {
        ResolvedStandard::Found { standard, .. } => Some(standard.id.clone()),
        ResolvedStandard::Unknown { message } => {
            diagnostics.push(Diagnostic::new(Code::UnknownStandard, at, message));
            None
        }
        ResolvedStandard::Ambiguous { .. } => None,
    }
}

/// A header that integrates a superseded edition alongside, or instead of,
/// its successor.
fn superseded_in_header(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let Some(header) = &model.header else { return };
    for (id, at) in &header.standards {
        let Some(standard) = workspace.catalog.standard(id) else { continue };
        let Some(successor) = &standard.superseded_by else { continue };
        let withdrawn = standard
            .withdrawn
            .as_deref()
            .map(|d| format!(" (certificates to it expired on {d})"))
            .unwrap_or_default();
        let mut diagnostic = Diagnostic::new(
            Code::SupersededEdition,
            *at,
            format!("{} is superseded by {successor}{withdrawn}", standard.id),
        );
        if !header.standards.iter().any(|(other, _)| other == successor) {
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Change to `{successor}`"),
                edits: vec![TextEdit { location: *at, new_text: successor.clone() }],
            });
        }
        diagnostics.push(diagnostic);
    }
}

fn report_not_integrated(
    model: &Model,
    standard: &Standard,
    at: FileRange,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let integrated = model.integrated();
    // A superseded edition whose successor is integrated has its own code.
    if let Some(successor) = &standard.superseded_by {
        if integrated.contains(&successor.as_str()) {
            let withdrawn = standard
                .withdrawn
                .as_deref()
                .map(|d| format!("; certificates to {} expired on {d}", standard.id))
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    Code::SupersededEdition,
                    at,
                    format!(
                        "this IMS integrates {successor}, which supersedes {}{withdrawn}",
                        standard.id
                    ),
                )
                .with_fix(Fix {
                    title: format!("Change to `{successor}`"),
                    edits: vec![TextEdit { location: at, new_text: successor.clone() }],
                }),
            );
            return;
        }
    }
    let mut diagnostic = Diagnostic::new(
        Code::NotIntegrated,
        at,
        format!(
            "{} is not integrated in this IMS; add `{}` to the `standards` of the `ims` header",
            standard.short_name(),
            standard.id
        ),
    );
    if let Some(header) = &model.header {
        if let Some(statement) = header.standards_statement {
            let end = FileRange {
                file: statement.file,
                range: ims_syntax::TextRange::empty(statement.range.end),
            };
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Integrate {}", standard.id),
                edits: vec![TextEdit { location: end, new_text: format!(", {}", standard.id) }],
            });
        }
    }
    diagnostics.push(diagnostic);
}

fn ambiguous(at: FileRange, written: &str, editions: &[&Standard]) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Code::AmbiguousEdition,
        at,
        format!(
            "`{written}` is ambiguous: this IMS integrates {}; qualify it, e.g. `{written}@{}`",
            editions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(" and "),
            editions[0].edition
        ),
    );
    for standard in editions {
        diagnostic = diagnostic.with_fix(Fix {
            title: format!("Qualify as {}", standard.id),
            edits: vec![TextEdit {
                location: at,
                new_text: format!("{written}@{}", standard.edition),
            }],
        });
    }
    diagnostic
}

/// A clause number that matches `clause` only when case is ignored
/// (`a.5.19`): the numbering is case-insensitive, so the reference resolves,
/// and a hint offers the standard's own spelling.
fn wrong_case(at: FileRange, written: &str, clause: &ims_catalog::Clause) -> Diagnostic {
    Diagnostic::new(
        Code::ClauseCase,
        at,
        format!(
            "`{written}` is {} {}; the standard writes it `{}`",
            clause.reference, clause.title, clause.reference
        ),
    )
    .with_fix(Fix {
        title: format!("Write `{}`", clause.reference),
        edits: vec![TextEdit { location: at, new_text: clause.reference.clone() }],
    })
}

/// Resolves every clause item of every statement that names clauses.
pub(super) fn resolve_clause_uses(
    workspace: &Workspace,
    model: &mut Model,
    system_standards: SystemStandards,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (id, standard, at) in system_standards {
        if let Some(system) = model.entities[id].details.system.as_mut() {
            system.standard = standard;
            system.standard_location = Some(at);
        }
    }
    let integrated: Vec<String> = model.integrated().iter().map(|s| s.to_string()).collect();
    let integrated: Vec<&str> = integrated.iter().map(String::as_str).collect();
    let standards_end = model
        .header
        .as_ref()
        .and_then(|h| h.standards_statement)
        .map(|s| FileRange { file: s.file, range: ims_syntax::TextRange::empty(s.range.end) });
    // An IMS writes a handful of standard names thousands of times.
    let mut standards = FxHashMap::default();
    for file in workspace.file_ids() {
        let ast = workspace.file(file).syntax.ast();
        for (index, decl) in ast.declarations.iter().enumerate() {
            let owner = model.entity_of_declaration(file, index);
            for statement in decl.all_statements() {
                let role = match statement.kind {
                    StatementKind::Covers => ClauseRole::Covers,
                    StatementKind::NotApplicable => ClauseRole::NotApplicable,
                    StatementKind::Applicable => ClauseRole::Applicable,
                    StatementKind::Excluded => ClauseRole::Excluded,
                    StatementKind::Evidence => ClauseRole::Evidence,
                    _ => continue,
                };
                for item in &statement.clauses {
                    let mut resolver = ItemResolver {
                        catalog: &workspace.catalog,
                        integrated: &integrated,
                        standards: &mut standards,
                        standards_end,
                        file,
                        diagnostics: &mut *diagnostics,
                    };
                    let (standard, keys) = resolver.resolve_item(item, role);
                    let via = item.via.as_ref().and_then(|name| {
                        resolve_via(model, file, owner, name, statement.range, diagnostics)
                    });
                    model.clause_uses.push(ClauseUse {
                        location: FileRange { file, range: item.range },
                        start_location: FileRange { file, range: item.start.range },
                        end_location: item.end.as_ref().map(|e| FileRange { file, range: e.range }),
                        written: written_item(item),
                        standard,
                        keys,
                        role,
                        owner,
                        via,
                        justification: statement.justification.as_ref().map(|j| j.value.clone()),
                        statement_range: FileRange { file, range: statement.range },
                    });
                }
            }
        }
    }
}

/// `9001:8.4` or `27001:A.5.19 .. 27001:A.5.23`, built without the
/// formatting machinery (once per clause use).
fn written_item(item: &ClauseItem) -> String {
    fn push_ref(written: &mut String, r: &ClauseRefSyntax) {
        written.push_str(&r.standard.text);
        written.push(':');
        if let Some(clause) = &r.clause {
            written.push_str(&clause.text);
        }
    }
    let mut written = String::new();
    push_ref(&mut written, &item.start);
    if let Some(end) = &item.end {
        written.push_str(" .. ");
        push_ref(&mut written, end);
    }
    written
}

fn resolve_via(
    model: &mut Model,
    file: FileId,
    owner: Option<usize>,
    name: &Name,
    statement_range: ims_syntax::TextRange,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let location = FileRange { file, range: name.range };
    let target = model.lookup(&name.text);
    model.name_uses.push(super::NameUse {
        location,
        name: name.text.clone(),
        target,
        expected: DeclarationKind::System,
        user: owner,
        statement: StatementKind::Covers,
        statement_range: FileRange { file, range: statement_range },
    });
    match target {
        Some(t) if model.entities[t].kind == DeclarationKind::System => Some(t),
        Some(t) => {
            let entity = &model.entities[t];
            diagnostics.push(
                Diagnostic::new(
                    Code::WrongKind,
                    location,
                    format!(
                        "`{}` is a {}, but `via` needs a system",
                        name.text,
                        entity.kind.keyword()
                    ),
                )
                .with_related(entity.name_location(), format!("`{}` is defined here", name.text)),
            );
            None
        }
        None => {
            let systems: Vec<&str> = model.systems().map(|(_, e, _)| e.name.as_str()).collect();
            let mut message = format!("no system named `{}`", name.text);
            if let Some(best) = systems
                .iter()
                .min_by_key(|s| strsim::damerau_levenshtein(s, &name.text))
                .filter(|s| strsim::damerau_levenshtein(s, &name.text) <= 2)
            {
                message.push_str(&format!("; did you mean `{best}`?"));
            }
            diagnostics.push(Diagnostic::new(Code::UndefinedName, location, message));
            None
        }
    }
}

struct ItemResolver<'a, 'r> {
    catalog: &'a Catalog,
    integrated: &'a [&'a str],
    /// `resolve_standard` by written name, which depends on nothing else.
    standards: &'r mut FxHashMap<String, ResolvedStandard<'a>>,
    /// The end of the header's `standards` statement, where a fix adds an edition.
    standards_end: Option<FileRange>,
    file: FileId,
    diagnostics: &'r mut Vec<Diagnostic>,
}

impl<'a> ItemResolver<'a, '_> {
    fn resolve_item(
        &mut self,
        item: &ClauseItem,
        role: ClauseRole,
    ) -> (Option<String>, Vec<ClauseKey>) {
        let Some((standard, start)) = self.resolve_ref(&item.start, item) else {
            return (None, Vec::new());
        };
        let keys = match &item.end {
            None => vec![ClauseKey::new(&standard.id, &start.reference)],
            Some(end_syntax) => {
                let Some((end_standard, end)) = self.resolve_ref(end_syntax, item) else {
                    return (Some(standard.id.clone()), Vec::new());
                };
                self.expand_range(item, standard, start, end_standard, end)
            }
        };
        let keys = if matches!(role, ClauseRole::Applicable | ClauseRole::Excluded) {
            self.controls_only(item, standard, keys)
        } else {
            keys
        };
        (Some(standard.id.clone()), keys)
    }

    fn at(&self, range: ims_syntax::TextRange) -> FileRange {
        FileRange { file: self.file, range }
    }

    /// Resolves one reference, reporting what is wrong with it. A reference
    /// to a standard outside the IMS still resolves (hover wants it), after
    /// the diagnostic.
    fn resolve_ref(
        &mut self,
        reference: &ClauseRefSyntax,
        item: &ClauseItem,
    ) -> Option<(&'a Standard, &'a ims_catalog::Clause)> {
        let standard_at = self.at(reference.standard.range);
        let written = reference.standard.text.as_str();
        let resolved = match self.standards.get(written) {
            Some(resolved) => resolved.clone(),
            None => {
                let resolved = resolve_standard(self.catalog, self.integrated, written);
                self.standards.insert(written.to_string(), resolved.clone());
                resolved
            }
        };
        let (standard, integrated) = match resolved {
            ResolvedStandard::Found { standard, integrated } => (standard, integrated),
            ResolvedStandard::Unknown { message } => {
                self.diagnostics.push(Diagnostic::new(Code::UnknownStandard, standard_at, message));
                return None;
            }
            ResolvedStandard::Ambiguous { editions } => {
                self.diagnostics.push(ambiguous(standard_at, &reference.standard.text, &editions));
                return None;
            }
        };
        let Some(number) = reference.clause.as_ref().filter(|c| !c.text.is_empty()) else {
            self.diagnostics.push(Diagnostic::new(
                Code::SyntaxError,
                self.at(reference.range),
                format!(
                    "incomplete clause reference: expected a clause number after `{}:`",
                    reference.standard.text
                ),
            ));
            return None;
        };
        let clause = match standard.clause(&number.text) {
            Some(clause) => Some(clause),
            None => {
                let clause = standard.clause_ignoring_case(&number.text);
                if let Some(clause) = clause {
                    self.diagnostics.push(wrong_case(self.at(number.range), &number.text, clause));
                }
                clause
            }
        };
        let Some(clause) = clause else {
            if let Some(diagnostic) =
                self.written_for_superseded_edition(standard, reference, &number.text, item)
            {
                self.diagnostics.push(diagnostic);
                return None;
            }
            let suggestions = standard.suggest(&number.text);
            let mut message = format!("{} has no clause {}", standard.short_name(), number.text);
            if let Some(best) = suggestions.first() {
                message.push_str(&format!("; did you mean {} ({})?", best.reference, best.title));
            }
            let mut diagnostic =
                Diagnostic::new(Code::UnknownClause, self.at(reference.range), message);
            for suggestion in suggestions {
                diagnostic = diagnostic.with_fix(Fix {
                    title: format!("Change to {} {}", suggestion.reference, suggestion.title),
                    edits: vec![TextEdit {
                        location: self.at(number.range),
                        new_text: suggestion.reference.clone(),
                    }],
                });
            }
            self.diagnostics.push(diagnostic);
            return None;
        };
        if !integrated && !self.integrated.is_empty() {
            self.report_outside(standard, clause, reference, item);
        }
        Some((standard, clause))
    }

    /// A reference to an edition the header does not integrate: superseded
    /// (27001:2013 in a 2022 IMS, with the mapped controls as a fix) or simply
    /// not integrated.
    fn report_outside(
        &mut self,
        standard: &Standard,
        clause: &ims_catalog::Clause,
        reference: &ClauseRefSyntax,
        item: &ClauseItem,
    ) {
        let at = self.at(reference.range);
        if let Some(successor) =
            standard.superseded_by.as_deref().filter(|s| self.integrated.contains(s))
        {
            let written = format!("{}:{}", reference.standard.text, clause.reference);
            let diagnostic =
                self.superseded(standard, successor, clause, at, &written, item.end.is_none());
            self.diagnostics.push(diagnostic);
            return;
        }
        let mut diagnostic = Diagnostic::new(
            Code::NotIntegrated,
            at,
            format!(
                "{} is not integrated in this IMS (the `ims` header lists {}): add `{}` to its `standards`, or remove the reference",
                standard.short_name(),
                self.integrated.join(", "),
                standard.id
            ),
        );
        if let Some(end) = self.standards_end {
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Integrate {}", standard.id),
                edits: vec![TextEdit { location: end, new_text: format!(", {}", standard.id) }],
            });
        }
        self.diagnostics.push(diagnostic);
    }

    /// A reference to a clause of `old`, an edition that the integrated
    /// `successor` supersedes: names the clauses it maps to and, for a
    /// single reference, offers them as the replacement.
    fn superseded(
        &self,
        old: &Standard,
        successor: &str,
        clause: &ims_catalog::Clause,
        at: FileRange,
        written: &str,
        single: bool,
    ) -> Diagnostic {
        let key = ClauseKey::new(&old.id, &clause.reference);
        let mapped = self.catalog.superseding(&key);
        let alias = self
            .catalog
            .standard(successor)
            .and_then(|s| s.aliases.first().cloned())
            .unwrap_or_else(|| successor.to_string());
        let titles: Vec<String> = mapped
            .iter()
            .map(|k| {
                let title = self.catalog.clause(k).map(|c| c.title.as_str()).unwrap_or("");
                format!("{} {}", k.clause, title)
            })
            .collect();
        let successor_name =
            self.catalog.standard(successor).map_or(successor.to_string(), Standard::short_name);
        let withdrawn = old
            .withdrawn
            .as_deref()
            .map(|d| format!(" (certificates to {} expired on {d})", old.short_name()))
            .unwrap_or_default();
        let kind =
            if clause.kind == ims_catalog::ClauseKind::Control { "control" } else { "clause" };
        let mut message = format!(
            "{written} is {kind} {} {} of {}, which {successor_name} supersedes{withdrawn}",
            clause.reference,
            clause.title,
            old.short_name(),
        );
        if !titles.is_empty() {
            message.push_str(&format!("; in {successor_name} it maps to {}", titles.join("; ")));
        }
        let mut diagnostic = Diagnostic::new(Code::SupersededEdition, at, message);
        // Only a single reference is replaced; a range needs a person.
        if !mapped.is_empty() && single {
            let replacement: Vec<String> =
                mapped.iter().map(|k| format!("{alias}:{}", k.clause)).collect();
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Replace with {}", replacement.join(", ")),
                edits: vec![TextEdit { location: at, new_text: replacement.join(", ") }],
            });
        }
        diagnostic
    }

    /// An unqualified reference to a clause that the integrated edition does
    /// not have but the edition it supersedes does (`27001:A.15.1.1` in an
    /// IMS on 27001:2022): most likely copied from an old document.
    fn written_for_superseded_edition(
        &self,
        standard: &Standard,
        reference: &ClauseRefSyntax,
        number: &str,
        item: &ClauseItem,
    ) -> Option<Diagnostic> {
        if reference.standard.text.contains('@') {
            return None;
        }
        let old = self
            .catalog
            .editions(&standard.family)
            .into_iter()
            .find(|s| s.superseded_by.as_deref() == Some(standard.id.as_str()))?;
        let clause = old.clause_ignoring_case(number)?;
        let written = format!("{}:{number}", reference.standard.text);
        Some(self.superseded(
            old,
            &standard.id,
            clause,
            self.at(reference.range),
            &written,
            item.end.is_none(),
        ))
    }

    fn expand_range(
        &mut self,
        item: &ClauseItem,
        standard: &Standard,
        start: &ims_catalog::Clause,
        end_standard: &Standard,
        end: &ims_catalog::Clause,
    ) -> Vec<ClauseKey> {
        let at = self.at(item.range);
        if standard.id != end_standard.id {
            self.diagnostics.push(Diagnostic::new(
                Code::InvalidRange,
                at,
                format!(
                    "a range must stay in one standard; it runs from {} to {}",
                    standard.id, end_standard.id
                ),
            ));
            return Vec::new();
        }
        if start.kind != end.kind {
            self.diagnostics.push(Diagnostic::new(
                Code::InvalidRange,
                at,
                format!(
                    "a range must join clauses of one kind; {} is a {} and {} a {}",
                    start.reference, start.kind, end.reference, end.kind
                ),
            ));
            return Vec::new();
        }
        let position = |r: &str| standard.clauses.iter().position(|c| c.reference == r);
        let (Some(from), Some(to)) = (position(&start.reference), position(&end.reference)) else {
            return Vec::new();
        };
        if from > to {
            self.diagnostics.push(Diagnostic::new(
                Code::InvalidRange,
                at,
                format!(
                    "the range runs backwards: {} comes after {}",
                    start.reference, end.reference
                ),
            ));
            return Vec::new();
        }
        standard.clauses[from..=to]
            .iter()
            .filter(|c| c.kind == start.kind)
            .map(|c| ClauseKey::new(&standard.id, &c.reference))
            .collect()
    }

    /// In a Statement of Applicability only Annex A controls belong; a theme,
    /// domain or objective stands for the controls under it.
    fn controls_only(
        &mut self,
        item: &ClauseItem,
        standard: &Standard,
        keys: Vec<ClauseKey>,
    ) -> Vec<ClauseKey> {
        let mut controls = Vec::new();
        for key in keys {
            let Some(clause) = standard.clause(&key.clause) else { continue };
            match clause.kind {
                ClauseKind::Control => controls.push(key),
                ClauseKind::Annex
                | ClauseKind::Domain
                | ClauseKind::Objective
                | ClauseKind::Theme => {
                    controls.extend(
                        standard
                            .controls()
                            .into_iter()
                            .filter(|c| standard.is_within(&c.reference, &clause.reference))
                            .map(|c| ClauseKey::new(&standard.id, &c.reference)),
                    );
                }
                ClauseKind::Clause => {
                    self.diagnostics.push(Diagnostic::new(
                        Code::WrongKind,
                        self.at(item.range),
                        format!(
                            "{} {} is a clause, not an Annex A control; the Statement of Applicability lists controls (clauses 4-10 are mandatory)",
                            key.clause, clause.title
                        ),
                    ));
                }
            }
        }
        controls
    }
}
