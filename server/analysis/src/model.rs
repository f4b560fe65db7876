//! The semantic model of an IMS: its entities, the names and clause
//! references that point at them, the effective scope of every system and
//! what covers each clause.
//!
//! [`build`] resolves names and clause references and reports what does not
//! resolve; the scope and coverage rules in `rules/` then read the model.

mod clauses;
mod controls;
mod coverage;
mod index;
mod names;
mod scope;

use rustc_hash::FxHashMap;

use ims_catalog::ClauseKey;
use ims_syntax::ast::{DeclarationKind, ScopeKind, StatementKind};
use ims_syntax::TextRange;

use crate::locations::LocationsMut;
use crate::wording::join_and;
use crate::{Diagnostic, FileId, FileRange, Workspace};

pub use clauses::{parse_standard_name, resolve_standard, ResolvedStandard};
pub use controls::DOCUMENT_STATUSES;
pub use coverage::{is_process_cover, use_includes, ClauseStatus, ControlStatus, Coverage};
pub use names::{allowed, allowed_in_block, expected_kind};
pub use scope::{is_scoped, EffectiveScope, SiteReason, UnitScope};

/// An index into [`Model::entities`].
pub type EntityId = usize;

/// A named declaration: a site, unit, service, supplier, system, process,
/// party, objective or document.
#[derive(Clone, Debug)]
pub struct Entity {
    pub kind: DeclarationKind,
    pub name: String,
    pub title: Option<String>,
    pub file: FileId,
    /// Index of the declaration in its file's AST.
    pub decl: usize,
    pub name_range: TextRange,
    pub decl_range: TextRange,
    pub details: Details,
}

impl Entity {
    pub fn name_location(&self) -> FileRange {
        FileRange { file: self.file, range: self.name_range }
    }

    /// `"Team A" (team-a)` or just `team-a`.
    pub fn display(&self) -> String {
        self.name.clone()
    }
}

/// Resolved references of an entity, by kind. Unresolved names are left out
/// (they are reported as `undefined-name`).
#[derive(Clone, Debug, Default)]
pub struct Details {
    /// Units: where they work. Services: where they are delivered. Processes: where they run.
    pub sites: Vec<EntityId>,
    /// Services: `delivered-by`.
    pub delivered_by: Vec<EntityId>,
    /// Services and processes: `suppliers`.
    pub suppliers: Vec<EntityId>,
    /// Suppliers: `external` (true) or `internal` (false).
    pub external: Option<bool>,
    /// Processes, objectives, documents: `owner`.
    pub owner: Option<EntityId>,
    /// Processes: `performed-by`.
    pub performers: Vec<EntityId>,
    /// Processes: `services`.
    pub services: Vec<EntityId>,
    /// Parties, objectives, documents: `systems`.
    pub systems: Vec<EntityId>,
    /// Systems only.
    pub system: Option<SystemData>,
}

/// What a `system` declaration says.
#[derive(Clone, Debug)]
pub struct SystemData {
    /// The resolved standard edition id, e.g. `iso27001@2022`.
    pub standard: Option<String>,
    pub standard_location: Option<FileRange>,
    pub scope_kind: ScopeKind,
    /// Whether any `scope` block was written.
    pub has_scope: bool,
    /// The first `scope` block, where fixes insert.
    pub scope_block: Option<FileRange>,
    pub listed_units: Vec<Listed>,
    pub listed_sites: Vec<Listed>,
    pub listed_services: Vec<Listed>,
    /// `suppliers` in a `scope` block: the other organisations (external
    /// suppliers) and parts of the organisation outside the scope (internal
    /// suppliers) that the activities in scope depend on, which is how a
    /// scope states its interfaces and dependencies (27001 4.3 c). They do
    /// not make anything part of the scope.
    pub listed_suppliers: Vec<Listed>,
    /// The `controls` block, if any.
    pub controls_block: Option<FileRange>,
}

/// A name listed in a scope, with where it was listed.
#[derive(Clone, Copy, Debug)]
pub struct Listed {
    pub entity: EntityId,
    pub location: FileRange,
}

/// A use of a name: in a list, as an owner, after `via`.
#[derive(Clone, Debug)]
pub struct NameUse {
    pub location: FileRange,
    pub name: String,
    /// The declaration it resolves to, if any (also set when the kind is wrong).
    pub target: Option<EntityId>,
    /// The kind the position expects.
    pub expected: DeclarationKind,
    /// The entity in whose declaration the name is used.
    pub user: Option<EntityId>,
    /// The statement kind the name appears in.
    pub statement: StatementKind,
    /// The range of the whole statement (for fixes that append to the list).
    pub statement_range: FileRange,
}

/// Why a clause is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseRole {
    /// `covers` in a process.
    Covers,
    /// `not-applicable` in a system.
    NotApplicable,
    /// `applicable` in a system's `controls`.
    Applicable,
    /// `excluded` in a system's `controls`.
    Excluded,
    /// `evidence` in a document.
    Evidence,
}

/// One clause reference or range as written, with what it resolved to.
#[derive(Clone, Debug)]
pub struct ClauseUse {
    /// The item: the reference or the whole range.
    pub location: FileRange,
    /// Just the start reference (for hover and rename of a single reference).
    pub start_location: FileRange,
    pub end_location: Option<FileRange>,
    pub written: String,
    /// The resolved standard edition id.
    pub standard: Option<String>,
    /// Every clause the item names: one for a reference, many for a range.
    pub keys: Vec<ClauseKey>,
    pub role: ClauseRole,
    /// The process, system or document that names it.
    pub owner: Option<EntityId>,
    /// `via SYSTEM`.
    pub via: Option<EntityId>,
    pub justification: Option<String>,
    /// The whole statement, for fixes.
    pub statement_range: FileRange,
}

/// What the block of an `applicable` or `excluded` statement says of its
/// controls (docs/language.md 4.6): why they are included, how far they
/// are implemented, who owns them and what is the evidence.
#[derive(Clone, Debug)]
pub struct ControlEntry {
    pub system: EntityId,
    /// The `applicable` or `excluded` statement, as in
    /// [`ClauseUse::statement_range`] of its clauses.
    pub statement: FileRange,
    pub reasons: Vec<InclusionReason>,
    pub implementation: Option<Implementation>,
    /// The `status` statement.
    pub status_location: Option<FileRange>,
    /// A unit; an owner of another kind is reported (`wrong-kind`) and left out.
    pub owner: Option<EntityId>,
    /// Documents and processes.
    pub evidence: Vec<EntityId>,
}

/// Why a control is included in the Statement of Applicability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InclusionReason {
    RiskTreatment,
    Legal,
    Regulatory,
    Contractual,
    Business,
}

impl InclusionReason {
    pub const ALL: [InclusionReason; 5] = [
        InclusionReason::RiskTreatment,
        InclusionReason::Legal,
        InclusionReason::Regulatory,
        InclusionReason::Contractual,
        InclusionReason::Business,
    ];

    /// The word of the language: `risk-treatment`, `legal` ...
    pub fn word(self) -> &'static str {
        match self {
            InclusionReason::RiskTreatment => "risk-treatment",
            InclusionReason::Legal => "legal",
            InclusionReason::Regulatory => "regulatory",
            InclusionReason::Contractual => "contractual",
            InclusionReason::Business => "business",
        }
    }

    pub fn from_word(word: &str) -> Option<InclusionReason> {
        InclusionReason::ALL.into_iter().find(|r| r.word() == word)
    }
}

/// How far the controls of an SoA entry are implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Implementation {
    Implemented,
    Partial,
    /// Planned for a date (`None` when the date is missing or invalid, which
    /// is reported).
    Planned(Option<crate::date::Date>),
    NotImplemented,
}

impl Implementation {
    pub const WORDS: [&'static str; 4] = ["implemented", "partial", "planned", "not-implemented"];

    /// The word of the language.
    pub fn word(self) -> &'static str {
        match self {
            Implementation::Implemented => "implemented",
            Implementation::Partial => "partial",
            Implementation::Planned(_) => "planned",
            Implementation::NotImplemented => "not-implemented",
        }
    }
}

/// The `ims` header.
#[derive(Clone, Debug)]
pub struct Header {
    pub title: String,
    pub location: FileRange,
    /// The integrated standard edition ids, in order, with where each is written.
    pub standards: Vec<(String, FileRange)>,
    /// The `standards` statement, for fixes that add an edition.
    pub standards_statement: Option<FileRange>,
}

/// The semantic model of one IMS.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub header: Option<Header>,
    pub entities: Vec<Entity>,
    /// Name to its first definition.
    pub names: FxHashMap<String, EntityId>,
    pub name_uses: Vec<NameUse>,
    pub clause_uses: Vec<ClauseUse>,
    /// The blocks of `applicable` and `excluded` statements, in source order.
    pub controls: Vec<ControlEntry>,
    /// The effective scope of every system, by the system's entity id.
    pub scopes: FxHashMap<EntityId, EffectiveScope>,
    /// Coverage of every system with a known standard, by entity id.
    pub coverage: FxHashMap<EntityId, Coverage>,
    /// The entity declared by each (file, declaration index), for lookups
    /// that must not scan all entities per declaration.
    pub(crate) by_declaration: FxHashMap<(FileId, usize), EntityId>,
    /// Uses by user, owner and clause; see `index.rs`.
    pub(crate) index: index::UseIndex,
}

impl Model {
    /// The integrated standard edition ids from the header.
    pub fn integrated(&self) -> Vec<&str> {
        self.header
            .as_ref()
            .map(|h| h.standards.iter().map(|(id, _)| id.as_str()).collect())
            .unwrap_or_default()
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }

    /// The entity that declaration `decl` of `file` declares, if it is named.
    pub fn entity_of_declaration(&self, file: FileId, decl: usize) -> Option<EntityId> {
        self.by_declaration.get(&(file, decl)).copied()
    }

    pub fn lookup(&self, name: &str) -> Option<EntityId> {
        self.names.get(name).copied()
    }

    /// Entities of one kind, in declaration order.
    pub fn of_kind(&self, kind: DeclarationKind) -> impl Iterator<Item = (EntityId, &Entity)> {
        self.entities.iter().enumerate().filter(move |(_, e)| e.kind == kind)
    }

    /// Systems, in declaration order.
    pub fn systems(&self) -> impl Iterator<Item = (EntityId, &Entity, &SystemData)> {
        self.entities
            .iter()
            .enumerate()
            .filter_map(|(id, e)| e.details.system.as_ref().map(|s| (id, e, s)))
    }

    /// The systems whose standard edition is `standard`.
    pub fn systems_of_standard<'a>(
        &'a self,
        standard: &'a str,
    ) -> impl Iterator<Item = EntityId> + 'a {
        self.systems()
            .filter(move |(_, _, s)| s.standard.as_deref() == Some(standard))
            .map(|(id, _, _)| id)
    }

    /// The entity whose name is at `location`, or the name use there.
    pub fn entity_at(&self, file: FileId, offset: usize) -> Option<EntityId> {
        self.entities.iter().position(|e| e.file == file && e.name_range.touches(offset)).or_else(
            || {
                self.name_uses
                    .iter()
                    .find(|u| u.location.file == file && u.location.range.touches(offset))
                    .and_then(|u| u.target)
            },
        )
    }

    /// The clause use whose start reference is at `offset`.
    pub fn clause_use_at(&self, file: FileId, offset: usize) -> Option<&ClauseUse> {
        self.clause_uses.iter().find(|u| {
            u.start_location.file == file && u.start_location.range.touches(offset)
                || u.end_location.is_some_and(|l| l.file == file && l.range.touches(offset))
        })
    }
}

/// Builds the model, reporting unresolved names and clause references.
pub fn build(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) -> Model {
    let mut model = Model::default();
    reserve(workspace, &mut model);
    names::collect_declarations(workspace, &mut model, diagnostics);
    let system_standards = clauses::resolve_header(workspace, &mut model, diagnostics);
    names::resolve_statements(workspace, &mut model, diagnostics);
    clauses::resolve_clause_uses(workspace, &mut model, system_standards, diagnostics);
    model.index = index::UseIndex::build(&workspace.catalog, &model);
    scope::compute(&mut model);
    coverage::compute(workspace, &mut model);
    model
}

/// Reserves the model's large vectors and maps at their final size, or a
/// bound close to it, from one pass over the ASTs: growing them by doubling
/// copied them several times and left up to half of each unused at the
/// peak of a large workspace.
fn reserve(workspace: &Workspace, model: &mut Model) {
    let (mut declarations, mut names, mut clauses) = (0, 0, 0);
    for file in workspace.file_ids() {
        for decl in &workspace.file(file).syntax.ast().declarations {
            declarations += 1;
            for statement in decl.all_statements() {
                let vias = statement.clauses.iter().filter(|c| c.via.is_some()).count();
                names += statement.names.len() + vias;
                clauses += statement.clauses.len();
            }
        }
    }
    model.entities.reserve_exact(declarations);
    model.names.reserve(declarations);
    model.by_declaration.reserve(declarations);
    model.name_uses.reserve_exact(names);
    model.clause_uses.reserve_exact(clauses);
}

impl LocationsMut for Model {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Model {
            header,
            entities,
            // Names, scopes, coverage and the declaration map hold entity
            // ids and clause references, no locations.
            names: _,
            name_uses,
            clause_uses,
            controls,
            scopes: _,
            coverage: _,
            by_declaration: _,
            index,
        } = self;
        header.locations_mut(f);
        entities.locations_mut(f);
        name_uses.locations_mut(f);
        clause_uses.locations_mut(f);
        controls.locations_mut(f);
        index.locations_mut(f);
    }
}

impl LocationsMut for ControlEntry {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let ControlEntry {
            system: _,
            statement,
            reasons: _,
            implementation: _,
            status_location,
            owner: _,
            evidence: _,
        } = self;
        f(statement);
        status_location.locations_mut(f);
    }
}

impl LocationsMut for Header {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Header { title: _, location, standards, standards_statement } = self;
        f(location);
        for (_, location) in standards {
            f(location);
        }
        standards_statement.locations_mut(f);
    }
}

impl LocationsMut for Entity {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Entity { kind: _, name: _, title: _, file, decl: _, name_range, decl_range, details } =
            self;
        for range in [name_range, decl_range] {
            let mut location = FileRange { file: *file, range: *range };
            f(&mut location);
            *range = location.range;
        }
        details.locations_mut(f);
    }
}

impl LocationsMut for Details {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Details {
            sites: _,
            delivered_by: _,
            suppliers: _,
            external: _,
            owner: _,
            performers: _,
            services: _,
            systems: _,
            system,
        } = self;
        system.locations_mut(f);
    }
}

impl LocationsMut for SystemData {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let SystemData {
            standard: _,
            standard_location,
            scope_kind: _,
            has_scope: _,
            scope_block,
            listed_units,
            listed_sites,
            listed_services,
            listed_suppliers,
            controls_block,
        } = self;
        standard_location.locations_mut(f);
        scope_block.locations_mut(f);
        listed_units.locations_mut(f);
        listed_sites.locations_mut(f);
        listed_services.locations_mut(f);
        listed_suppliers.locations_mut(f);
        controls_block.locations_mut(f);
    }
}

impl LocationsMut for Listed {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Listed { entity: _, location } = self;
        f(location);
    }
}

impl LocationsMut for NameUse {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let NameUse {
            location,
            name: _,
            target: _,
            expected: _,
            user: _,
            statement: _,
            statement_range,
        } = self;
        f(location);
        f(statement_range);
    }
}

impl LocationsMut for ClauseUse {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let ClauseUse {
            location,
            start_location,
            end_location,
            written: _,
            standard: _,
            keys: _,
            role: _,
            owner: _,
            via: _,
            justification: _,
            statement_range,
        } = self;
        f(location);
        f(start_location);
        end_location.locations_mut(f);
        f(statement_range);
    }
}

// Entity names in messages, worded by `crate::wording`'s rules.

/// `unit `a``, `units `a` and `b``: a label and the names, for messages.
pub fn labelled(model: &Model, singular: &str, ids: &[EntityId]) -> String {
    let label = match (ids.len(), singular.ends_with('s')) {
        (1, _) => singular.to_string(),
        (_, true) => format!("{singular}es"),
        (_, false) => format!("{singular}s"),
    };
    format!("{label} {}", names(model, ids))
}

/// `a`, `a and b`, `a, b and c`, with each name in backticks.
pub fn names(model: &Model, ids: &[EntityId]) -> String {
    let quoted: Vec<String> =
        ids.iter().map(|&id| format!("`{}`", model.entity(id).name)).collect();
    join_and(&quoted)
}

/// [`names`], but at most `limit` of them and then how many more, so that a
/// hover stays short in a large IMS.
pub fn some_names(model: &Model, ids: &[EntityId], limit: usize) -> String {
    if ids.len() <= limit {
        return names(model, ids);
    }
    let shown: Vec<String> =
        ids[..limit].iter().map(|&id| format!("`{}`", model.entity(id).name)).collect();
    format!("{} and {} more", shown.join(", "), ids.len() - limit)
}
