//! Hover: what the thing under the cursor is, as concise markdown.
//!
//! - On a clause reference: the standard and edition, number, title, parent,
//!   our summary, whether it is a harmonized (Annex L) clause and what each
//!   committee added to its twins in the integrated standards, its
//!   correlations in the other standards, numbering notes, and where this
//!   IMS covers, delegates or excludes it (the Statement of Applicability for
//!   a control).
//! - On a unit, site or service: a scope matrix, in or out of each system and
//!   why.
//! - On a system: its standard, scope, coverage and SoA summary.
//! - On a process: what it covers for each system, and where it crosses a
//!   scope boundary.
//! - On other declarations: their title, systems, owner and text attributes.
//! - On a standard edition in `standards` or `standard`: the standard.

use std::fmt::Write;

use ims_catalog::{ClauseKey, ClauseKind, CorrelationCategory, Standard, Structure};
use ims_syntax::ast::{DeclarationKind, ScopeKind, StatementKind};
use ims_syntax::TextRange;

use ims_analysis::model::{
    use_includes, ClauseRole, ClauseStatus, ControlStatus, Coverage, EffectiveScope, EntityId,
    Model, SiteReason,
};
use ims_analysis::{Analysis, Workspace};

use super::cursor::{resolve_superseded, short_name, target_at, Target};
use super::FilePosition;
use ims_analysis::markup::{code_span, markdown as md};
use ims_analysis::wording::{join_and, some};

/// The hover text and the range it describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    pub range: TextRange,
    pub markdown: String,
}

/// Describes the name, clause reference or standard edition at `pos`.
pub fn hover(ws: &Workspace, analysis: &Analysis, pos: FilePosition) -> Option<HoverResult> {
    let model = &analysis.model;
    let (range, markdown) = match target_at(ws, model, pos)? {
        Target::Entity { id, range, .. } => (range, entity(ws, model, id)),
        Target::Unresolved { .. } => return None,
        Target::Clause(at) => match &at.key {
            Some(key) => (at.range, clause(ws, model, key, None)?),
            None => (at.range, superseded_reference(ws, model, pos, at.range)?),
        },
        Target::Edition { range, id } => (range, edition(ws, model, ws.catalog.standard(&id)?)),
    };
    Some(HoverResult { range, markdown: markdown.trim_end().to_string() })
}

/// How many names a hover lists before it says "and N more".
const LIMIT: usize = 8;

/// **Invariant:** user and catalog text enters the hover only through
/// [`md`] (inline text) and [`code_span`] (names, identifiers), so a name,
/// a title or a description can never be a live link, image or HTML.
fn name(model: &Model, id: EntityId) -> String {
    code_span(&model.entity(id).name)
}

/// Up to [`LIMIT`] names, `` `a`, `b` and `c` `` or `` `a`, `b` and 3 more ``.
fn few(model: &Model, ids: &[EntityId]) -> String {
    let names: Vec<String> = ids.iter().take(LIMIT).map(|&id| name(model, id)).collect();
    if ids.len() <= LIMIT {
        join_and(&names)
    } else {
        format!("{} and {} more", names.join(", "), ids.len() - LIMIT)
    }
}

/// A standard's short name, escaped.
fn standard_name(ws: &Workspace, id: &str) -> String {
    md(&short_name(ws, id))
}

// Writing to a String cannot fail: the `fmt::Result`s below are ignored.

/// A reference that names a clause of the edition an integrated one
/// supersedes (`27001:A.15.1.1` in an IMS on 27001:2022): why it is
/// flagged and what to write instead first, then the old clause.
fn superseded_reference(
    ws: &Workspace,
    model: &Model,
    pos: FilePosition,
    range: TextRange,
) -> Option<String> {
    let written = ws.file(pos.file).text.get(range.start..range.end)?;
    let (old, old_clause, new) = resolve_superseded(ws, &model.integrated(), written)?;
    let key = ClauseKey::new(&old.id, &old_clause.reference);
    let kind = if old_clause.kind == ClauseKind::Control { "control" } else { "clause" };
    let withdrawn = old
        .withdrawn
        .as_deref()
        .map(|d| format!(" (certificates to it expired on {})", md(d)))
        .unwrap_or_default();
    let mut lead = format!(
        "**Superseded reference**: {} is {kind} {} of {}, which {} supersedes{withdrawn}.",
        code_span(written),
        md(&old_clause.reference),
        md(&old.short_name()),
        md(&new.short_name()),
    );
    let mapped = ws.catalog.superseding(&key);
    let prefix = written.split_once(':').map_or("", |(p, _)| p);
    let replacement: Vec<String> =
        mapped.iter().map(|k| code_span(&format!("{prefix}:{}", k.clause))).collect();
    let successors: Vec<String> = mapped
        .iter()
        .filter_map(|k| ws.catalog.clause(k))
        .map(|c| format!("{} {}", md(&c.reference), md(&c.title)))
        .collect();
    if successors.is_empty() {
        lead.push_str(" It maps to no control of the new edition.");
    } else {
        let _ = write!(
            lead,
            " In {} it is {}: write {}.",
            md(&new.edition),
            successors.join("; "),
            join_and(&replacement)
        );
    }
    clause(ws, model, &key, Some(lead))
}

/// The hover of a clause; `lead` (why a superseded reference is flagged)
/// comes first and replaces the clause's own superseded line.
fn clause(ws: &Workspace, model: &Model, key: &ClauseKey, lead: Option<String>) -> Option<String> {
    let standard = ws.catalog.standard(&key.standard)?;
    let clause = standard.clause(&key.clause)?;
    let name = md(&standard.short_name());
    let mut out = String::new();
    let superseded_lead = lead.is_some();
    if let Some(lead) = lead {
        let _ = writeln!(out, "{lead}\n");
    }
    let _ = writeln!(out, "**{name} {}** {}\n", md(&clause.reference), md(&clause.title));
    let kind = match clause.kind {
        ClauseKind::Clause if clause.untitled => "Numbered paragraph (no title of its own)",
        ClauseKind::Clause => "Clause",
        ClauseKind::Annex => "Annex",
        ClauseKind::Domain => "Annex A domain",
        ClauseKind::Objective => "Annex A control objective",
        ClauseKind::Theme => "Annex A theme",
        ClauseKind::Control => "Annex A control",
    };
    let _ = write!(out, "{kind} of the {} standard", md(&standard.system_kind));
    if let Some(parent) = clause.parent.as_deref().and_then(|p| standard.clause(p)) {
        let _ = write!(out, ", in {} {}", md(&parent.reference), md(&parent.title));
    }
    out.push_str("\n\n");
    if let Some(summary) = &clause.summary {
        let _ = writeln!(out, "{}\n", md(summary));
    }
    if !superseded_lead {
        superseded(ws, standard, key, &mut out);
    }
    let integrated = model.integrated();
    let in_ims: Vec<&str> = if integrated.is_empty() {
        ws.catalog.standards().iter().map(|s| s.id.as_str()).collect()
    } else {
        integrated
    };
    if let Some(hs) = &clause.harmonized {
        let _ = writeln!(
            out,
            "**Harmonized**: Annex L clause {}. What each committee adds to the common text:",
            md(hs)
        );
        let twins = ws.catalog.harmonized_twins(key, &in_ims);
        for k in std::iter::once(key).chain(&twins) {
            let Some(twin) = ws.catalog.clause(k) else { continue };
            let addition = twin.addition.as_deref().map_or("nothing, the common text".into(), md);
            let _ =
                writeln!(out, "- {} {}: {addition}", standard_name(ws, &k.standard), md(&k.clause));
        }
        out.push('\n');
    }
    correlations(ws, key, standard, &in_ims, &mut out);
    if let Some(note) = &clause.note {
        let _ = writeln!(out, "**Note**: {}\n", md(note));
    }
    in_this_ims(model, standard, &clause.reference, &mut out);
    Some(out)
}

fn superseded(ws: &Workspace, standard: &Standard, key: &ClauseKey, out: &mut String) {
    let Some(successor) = &standard.superseded_by else { return };
    let withdrawn = standard
        .withdrawn
        .as_deref()
        .map(|d| format!(" (certificates expired on {})", md(d)))
        .unwrap_or_default();
    let _ = write!(out, "**Superseded** by {}{withdrawn}", standard_name(ws, successor));
    let mapped: Vec<String> = ws
        .catalog
        .superseding(key)
        .iter()
        .filter_map(|k| {
            ws.catalog.clause(k).map(|c| format!("{} {}", md(&c.reference), md(&c.title)))
        })
        .collect();
    if !mapped.is_empty() {
        let _ = write!(out, "; maps to {}", mapped.join("; "));
    }
    out.push_str("\n\n");
}

/// Topic correlations (and edition mappings of a current edition) with the
/// integrated standards, grouped by standard in catalog order, including
/// those a sub-clause inherits from its ancestors. Harmonized twins are
/// listed above and a superseded clause's mapping too.
fn correlations(
    ws: &Workspace,
    key: &ClauseKey,
    standard: &Standard,
    in_ims: &[&str],
    out: &mut String,
) {
    let correlations: Vec<_> = ws
        .catalog
        .correlations_with_inherited(key)
        .into_iter()
        .filter(|c| c.correlation.category != CorrelationCategory::Harmonized)
        .filter(|c| {
            !(c.correlation.category == CorrelationCategory::EditionMapping
                && standard.superseded_by.is_some())
        })
        .filter(|c| in_ims.contains(&c.correlation.to.standard.as_str()))
        .collect();
    if correlations.is_empty() {
        return;
    }
    out.push_str("**Correlations**\n");
    for other in ws.catalog.standards() {
        let group: Vec<_> =
            correlations.iter().filter(|c| c.correlation.to.standard == other.id).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- {}", md(&other.short_name()));
        for item in group {
            let c = &item.correlation;
            let title = other.clause(&c.to.clause).map_or(String::new(), |t| md(&t.title));
            let via = item
                .inherited_from
                .as_ref()
                .map(|a| format!(" (via {})", md(&a.to_string())))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {} {title}: {}, {}{via}. {}",
                md(&c.to.clause),
                md(&c.relation.to_string()),
                md(&c.strength.to_string()),
                md(&c.rationale)
            );
        }
    }
    out.push('\n');
}

/// Where the IMS covers, delegates, excludes or lists the clause, for each
/// system of its edition, and which documents are evidence for it.
fn in_this_ims(model: &Model, standard: &Standard, reference: &str, out: &mut String) {
    let _ = writeln!(out, "**In this IMS**");
    let systems: Vec<EntityId> = model.systems_of_standard(&standard.id).collect();
    if systems.is_empty() {
        let integrated = model.integrated().contains(&standard.id.as_str());
        let why = if integrated { "no system follows it" } else { "it is not integrated" };
        let _ = writeln!(out, "- {}: {why}", md(&standard.short_name()));
    }
    for system in systems {
        let Some(coverage) = model.coverage.get(&system) else { continue };
        let status = status_in(model, standard, coverage, reference);
        let _ = writeln!(out, "- {}: {status}", name(model, system));
    }
    let evidence: Vec<EntityId> = model
        .clause_uses
        .iter()
        .filter(|u| u.role == ClauseRole::Evidence && use_includes(standard, u, reference))
        .filter_map(|u| u.owner)
        .collect();
    if !evidence.is_empty() {
        let _ = writeln!(out, "- evidence: {}", few(model, &dedup(evidence)));
    }
}

fn status_in(model: &Model, standard: &Standard, coverage: &Coverage, reference: &str) -> String {
    let Some(clause) = standard.clause(reference) else { return String::new() };
    if clause.kind == ClauseKind::Control {
        return match coverage.control(reference) {
            Some(ControlStatus::Applicable { implemented_by }) if implemented_by.is_empty() => {
                "applicable in the SoA, but no process implements it".to_string()
            }
            Some(ControlStatus::Applicable { implemented_by }) => {
                format!("applicable in the SoA, implemented by {}", few(model, implemented_by))
            }
            Some(ControlStatus::Excluded { justification }) => {
                format!("excluded from the SoA{}", because(justification))
            }
            Some(ControlStatus::Missing { implemented_by }) if implemented_by.is_empty() => {
                "missing from the SoA".to_string()
            }
            Some(ControlStatus::Missing { implemented_by }) => {
                format!("missing from the SoA, though {} covers it", few(model, implemented_by))
            }
            None => String::new(),
        };
    }
    if clause.kind != ClauseKind::Clause {
        let controls: Vec<&ControlStatus> = coverage
            .controls
            .iter()
            .filter(|(r, _)| standard.is_within(r, reference))
            .map(|(_, s)| s)
            .collect();
        let applicable =
            controls.iter().filter(|s| matches!(s, ControlStatus::Applicable { .. })).count();
        let excluded =
            controls.iter().filter(|s| matches!(s, ControlStatus::Excluded { .. })).count();
        return format!(
            "{} of its {} controls in the SoA ({applicable} applicable, {excluded} excluded)",
            applicable + excluded,
            controls.len()
        );
    }
    let leaves: Vec<&(String, ClauseStatus)> =
        coverage.requirements.iter().filter(|(r, _)| standard.is_within(r, reference)).collect();
    match leaves.as_slice() {
        [] => String::new(),
        [(_, status)] => describe_status(model, status),
        [(_, first), rest @ ..] if rest.iter().all(|(_, s)| s == first) => {
            format!("{} (all {} sub-clauses)", describe_status(model, first), leaves.len())
        }
        _ => {
            let count = |f: fn(&ClauseStatus) -> bool| leaves.iter().filter(|(_, s)| f(s)).count();
            let covered = count(|s| matches!(s, ClauseStatus::Covered { .. }));
            let delegated = count(|s| matches!(s, ClauseStatus::Delegated { .. }));
            let excluded = count(|s| matches!(s, ClauseStatus::Excluded { .. }));
            let mut by: Vec<EntityId> = Vec::new();
            for (_, status) in &leaves {
                if let ClauseStatus::Covered { by: processes } = status {
                    by.extend(processes);
                }
            }
            let mut text = format!("{covered} of its {} sub-clauses covered", leaves.len());
            if !by.is_empty() {
                let _ = write!(text, " (by {})", few(model, &dedup(by)));
            }
            if delegated > 0 {
                let _ = write!(text, ", {delegated} delegated");
            }
            if excluded > 0 {
                let _ = write!(text, ", {excluded} not applicable");
            }
            text
        }
    }
}

fn describe_status(model: &Model, status: &ClauseStatus) -> String {
    match status {
        ClauseStatus::Covered { by } => format!("covered by {}", few(model, by)),
        ClauseStatus::Delegated { to, by } => {
            format!("delegated to {} by {}", name(model, *to), few(model, by))
        }
        ClauseStatus::Excluded { justification } => {
            format!("not applicable{}", because(justification))
        }
        ClauseStatus::Uncovered => "not covered by any process".to_string(),
    }
}

fn because(justification: &Option<String>) -> String {
    match justification {
        Some(j) => format!(": “{}”", md(j)),
        None => " (no justification)".to_string(),
    }
}

fn dedup(mut ids: Vec<EntityId>) -> Vec<EntityId> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    ids
}

fn entity(ws: &Workspace, model: &Model, id: EntityId) -> String {
    let e = model.entity(id);
    let mut out = format!("**{}** {}", e.kind.keyword(), code_span(&e.name));
    if let Some(title) = &e.title {
        let _ = write!(out, " — {}", md(title));
    }
    out.push_str("\n\n");
    let decl = &ws.file(e.file).syntax.ast().declarations[e.decl];
    let attribute = |kind: StatementKind| {
        decl.statements_of(kind).find_map(|s| s.value.as_ref()).map(|v| md(&v.value))
    };
    match e.kind {
        DeclarationKind::Unit | DeclarationKind::Site | DeclarationKind::Service => {
            scope_matrix(model, id, &mut out);
            organisation_facts(model, id, &mut out);
        }
        DeclarationKind::System => system(ws, model, id, &mut out),
        DeclarationKind::Process => process(ws, model, id, &mut out),
        DeclarationKind::Supplier => {
            let kind = match e.details.external {
                Some(true) => "External supplier",
                Some(false) => "Internal supplier",
                None => "Supplier",
            };
            let _ = write!(out, "{kind}");
            if let Some(provides) = attribute(StatementKind::Provides) {
                let _ = write!(out, ": {provides}");
            }
            out.push_str("\n\n");
            let used_by = users(model, |d| d.suppliers.contains(&id), DeclarationKind::Service);
            if !used_by.is_empty() {
                let _ = writeln!(out, "Supplies {}.\n", few(model, &used_by));
            }
            let managed = users(model, |d| d.suppliers.contains(&id), DeclarationKind::Process);
            if !managed.is_empty() {
                let _ = writeln!(out, "Named by the processes {}.\n", few(model, &managed));
            }
        }
        DeclarationKind::Party | DeclarationKind::Objective | DeclarationKind::Document => {
            if !e.details.systems.is_empty() {
                let _ = writeln!(out, "Systems: {}\n", few(model, &e.details.systems));
            }
            if let Some(owner) = e.details.owner {
                let _ = writeln!(out, "Owner: {}\n", name(model, owner));
            }
            for (kind, label) in [
                (StatementKind::Requirements, "Requirements"),
                (StatementKind::Target, "Target"),
                (StatementKind::Measure, "Measure"),
            ] {
                if let Some(value) = attribute(kind) {
                    let _ = writeln!(out, "{label}: {value}\n");
                }
            }
            let evidence: Vec<&str> = model
                .clause_uses
                .iter()
                .filter(|u| u.owner == Some(id) && u.role == ClauseRole::Evidence)
                .map(|u| u.written.as_str())
                .collect();
            if !evidence.is_empty() {
                let evidence: Vec<String> = evidence.iter().map(|e| md(e)).collect();
                let _ = writeln!(out, "Evidence for {}\n", some(&evidence, LIMIT, ", "));
            }
        }
        DeclarationKind::Ims => {}
    }
    if let Some(description) = attribute(StatementKind::Description) {
        let _ = writeln!(out, "{description}");
    }
    out
}

/// The entities of `kind` whose details satisfy `pred`.
fn users(
    model: &Model,
    pred: impl Fn(&ims_analysis::model::Details) -> bool,
    kind: DeclarationKind,
) -> Vec<EntityId> {
    model.of_kind(kind).filter(|(_, e)| pred(&e.details)).map(|(id, _)| id).collect()
}

/// Where a unit works and what it does, where a site is used, how a service
/// is delivered.
fn organisation_facts(model: &Model, id: EntityId, out: &mut String) {
    let e = model.entity(id);
    let d = &e.details;
    let mut facts: Vec<String> = Vec::new();
    match e.kind {
        DeclarationKind::Unit => {
            if !d.sites.is_empty() {
                facts.push(format!("Works at {}.", few(model, &d.sites)));
            }
            let delivers = users(model, |s| s.delivered_by.contains(&id), DeclarationKind::Service);
            if !delivers.is_empty() {
                facts.push(format!("Delivers {}.", few(model, &delivers)));
            }
            let owns = users(model, |p| p.owner == Some(id), DeclarationKind::Process);
            if !owns.is_empty() {
                facts.push(format!("Owns {}.", few(model, &owns)));
            }
            let performs = users(model, |p| p.performers.contains(&id), DeclarationKind::Process);
            if !performs.is_empty() {
                facts.push(format!("Performs {}.", few(model, &performs)));
            }
        }
        DeclarationKind::Site => {
            let units = users(model, |u| u.sites.contains(&id), DeclarationKind::Unit);
            if !units.is_empty() {
                facts.push(format!("Units working here: {}.", few(model, &units)));
            }
        }
        DeclarationKind::Service => {
            if !d.delivered_by.is_empty() {
                facts.push(format!("Delivered by {}.", few(model, &d.delivered_by)));
            }
            if !d.sites.is_empty() {
                facts.push(format!("At {}.", few(model, &d.sites)));
            }
            if !d.suppliers.is_empty() {
                facts.push(format!("Suppliers: {}.", few(model, &d.suppliers)));
            }
        }
        _ => {}
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join(" "));
    }
}

/// Whether an entity is in a system's scope.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InScope {
    In,
    Partly,
    Out,
}

/// The answer first (in or out of which systems), then the matrix with the
/// reason per system, its columns padded so that it reads as a table in a
/// client that shows the Markdown source too.
fn scope_matrix(model: &Model, id: EntityId, out: &mut String) {
    let systems: Vec<_> = model.systems().collect();
    if systems.is_empty() {
        let _ = writeln!(out, "No system is declared yet.\n");
        return;
    }
    let mut rows: Vec<[String; 4]> = Vec::new();
    let (mut inside, mut partly, mut outside) = (Vec::new(), Vec::new(), Vec::new());
    for &(system, _, data) in &systems {
        let (state, why) = match model.scopes.get(&system) {
            Some(scope) if data.has_scope => scope_cell(model, scope, id),
            _ => (InScope::Out, "the system has no scope yet".to_string()),
        };
        match state {
            InScope::In => inside.push(system),
            InScope::Partly => partly.push(system),
            InScope::Out => outside.push(system),
        }
        let basis = match data.scope_kind {
            ScopeKind::Organisation => "organisation",
            ScopeKind::Location => "location",
        };
        let state = match state {
            InScope::In => "in",
            InScope::Partly => "partly",
            InScope::Out => "out",
        };
        rows.push([name(model, system), basis.to_string(), state.to_string(), why]);
    }
    let mut answer = match (inside.as_slice(), outside.as_slice()) {
        (all, []) if partly.is_empty() => {
            format!("In the scope of every system: {}", few(model, all))
        }
        ([], _) if partly.is_empty() => "In no system's scope".to_string(),
        ([], _) => String::from("Not wholly in any system's scope"),
        (some, _) => format!("In the scope of {}", few(model, some)),
    };
    if !partly.is_empty() {
        let _ = write!(answer, "; partly in {}", few(model, &partly));
    }
    let somewhere = !inside.is_empty() || !partly.is_empty();
    if somewhere && !outside.is_empty() {
        let _ = write!(answer, "; not in {}", few(model, &outside));
    }
    let _ = writeln!(out, "{answer}.\n");
    table(&["system", "basis", "scope", "why"], &rows, out);
    out.push('\n');
}

/// A Markdown table with its columns padded to the widest cell.
fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]], out: &mut String) {
    let width = |column: usize| {
        rows.iter()
            .map(|row| row[column].chars().count())
            .chain([header[column].chars().count(), 3])
            .max()
            .unwrap_or(3)
    };
    let widths: Vec<usize> = (0..N).map(width).collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    out.push_str(&line(header.to_vec()));
    let rules: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    out.push_str(&line(rules.iter().map(String::as_str).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
}

/// Whether `id` is in `scope`, and why.
fn scope_cell(model: &Model, scope: &EffectiveScope, id: EntityId) -> (InScope, String) {
    let e = model.entity(id);
    let location = scope.kind == ScopeKind::Location;
    match e.kind {
        DeclarationKind::Unit => match scope.units.get(&id) {
            Some(unit) => {
                let inside: Vec<EntityId> = e
                    .details
                    .sites
                    .iter()
                    .copied()
                    .filter(|s| scope.sites.contains_key(s))
                    .collect();
                let reason = if unit.listed {
                    "listed".to_string()
                } else {
                    format!("works at {}", few(model, &inside))
                };
                if unit.outside_sites.is_empty() {
                    (InScope::In, reason)
                } else if inside.is_empty() {
                    // Listed in a location-based scope, but working at none
                    // of its sites: the listing holds nothing.
                    let works = few(model, &unit.outside_sites);
                    (InScope::Out, format!("listed, but works only at {works}, outside it"))
                } else {
                    let why = format!(
                        "{reason}; only its work at {}, not at {}",
                        few(model, &inside),
                        few(model, &unit.outside_sites)
                    );
                    (InScope::Partly, why)
                }
            }
            None if location => (InScope::Out, "not listed, works at no in-scope site".to_string()),
            None => (InScope::Out, "not listed".to_string()),
        },
        DeclarationKind::Site => match scope.sites.get(&id) {
            Some(SiteReason::Listed) => (InScope::In, "listed".to_string()),
            Some(SiteReason::UnitWorksThere(unit)) => {
                (InScope::In, format!("{} works there", name(model, *unit)))
            }
            None if location => (InScope::Out, "not listed".to_string()),
            None => (InScope::Out, "not listed, no in-scope unit works there".to_string()),
        },
        DeclarationKind::Service if scope.services.contains(&id) => {
            (InScope::In, "listed".to_string())
        }
        _ => (InScope::Out, "not listed".to_string()),
    }
}

fn system(ws: &Workspace, model: &Model, id: EntityId, out: &mut String) {
    let Some(data) = model.entity(id).details.system.as_ref() else { return };
    let kind = match data.scope_kind {
        ScopeKind::Organisation => "organisation-based scope",
        ScopeKind::Location => "location-based scope",
    };
    let standard = data.standard.as_deref().and_then(|s| ws.catalog.standard(s));
    match standard {
        Some(s) => {
            let _ = writeln!(out, "{} ({}) · {kind}\n", md(&s.short_name()), code_span(&s.id));
        }
        None => {
            let _ = writeln!(out, "No known standard · {kind}\n");
        }
    }
    match model.scopes.get(&id) {
        Some(scope) if data.has_scope => {
            let units: Vec<String> = scope
                .units
                .iter()
                .map(|(&unit, how)| {
                    let name = name(model, unit);
                    if how.outside_sites.is_empty() {
                        name
                    } else {
                        format!("{name} (partially, not at {})", few(model, &how.outside_sites))
                    }
                })
                .collect();
            let sites: Vec<String> = scope
                .sites
                .iter()
                .map(|(&site, why)| match why {
                    SiteReason::Listed => name(model, site),
                    SiteReason::UnitWorksThere(unit) => {
                        format!("{} (via {})", name(model, site), name(model, *unit))
                    }
                })
                .collect();
            let services: Vec<EntityId> = scope.services.iter().copied().collect();
            let list = |items: &[String]| {
                if items.is_empty() {
                    "none".to_string()
                } else {
                    some(items, LIMIT, ", ")
                }
            };
            let _ = writeln!(out, "- units: {}", list(&units));
            let _ = writeln!(out, "- sites: {}", list(&sites));
            let services: Vec<String> = services.iter().map(|&s| name(model, s)).collect();
            let _ = writeln!(out, "- services: {}\n", list(&services));
        }
        _ => {
            let _ = writeln!(out, "No scope yet.\n");
        }
    }
    if let Some(coverage) = model.coverage.get(&id) {
        let _ = writeln!(out, "**Coverage**: {}\n", coverage_summary(coverage));
        if let Some(soa) = soa_summary(coverage) {
            let _ = writeln!(out, "**Statement of Applicability**: {soa}\n");
        }
    }
    let mut delegated_here: Vec<String> = Vec::new();
    for (other, entity, _) in model.systems() {
        let Some(coverage) = model.coverage.get(&other) else { continue };
        let refs: Vec<&str> = coverage
            .requirements
            .iter()
            .filter(|(_, s)| matches!(s, ClauseStatus::Delegated { to, .. } if *to == id))
            .map(|(r, _)| r.as_str())
            .collect();
        if !refs.is_empty() {
            let refs: Vec<String> = refs.iter().map(|r| md(r)).collect();
            delegated_here.push(format!(
                "for {} {}",
                code_span(&entity.name),
                some(&refs, LIMIT, ", ")
            ));
        }
    }
    if !delegated_here.is_empty() {
        let _ = writeln!(out, "**Meets, by delegation**: {}\n", delegated_here.join("; "));
    }
}

/// `5 of 57 requirement clauses covered, 1 delegated, 0 not applicable; 51 uncovered`.
pub(crate) fn coverage_summary(coverage: &Coverage) -> String {
    let (covered, delegated, excluded) = requirement_counts(coverage);
    let total = coverage.requirements.len();
    format!(
        "{covered} of {total} requirement clauses covered, {delegated} delegated, {excluded} not applicable; {} uncovered",
        total - covered - delegated - excluded
    )
}

/// (covered, delegated, excluded) requirement clauses.
pub(crate) fn requirement_counts(coverage: &Coverage) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for (_, status) in &coverage.requirements {
        match status {
            ClauseStatus::Covered { .. } => counts.0 += 1,
            ClauseStatus::Delegated { .. } => counts.1 += 1,
            ClauseStatus::Excluded { .. } => counts.2 += 1,
            ClauseStatus::Uncovered => {}
        }
    }
    counts
}

/// (applicable, implemented, excluded) Annex A controls.
pub(crate) fn control_counts(coverage: &Coverage) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for (_, status) in &coverage.controls {
        match status {
            ControlStatus::Applicable { implemented_by } => {
                counts.0 += 1;
                if !implemented_by.is_empty() {
                    counts.1 += 1;
                }
            }
            ControlStatus::Excluded { .. } => counts.2 += 1,
            ControlStatus::Missing { .. } => {}
        }
    }
    counts
}

fn soa_summary(coverage: &Coverage) -> Option<String> {
    if coverage.controls.is_empty() {
        return None;
    }
    let (applicable, implemented, excluded) = control_counts(coverage);
    let total = coverage.controls.len();
    Some(format!(
        "{} of {total} controls addressed ({applicable} applicable, {excluded} excluded), {implemented} of the applicable ones implemented; {} missing",
        applicable + excluded,
        total - applicable - excluded
    ))
}

fn process(ws: &Workspace, model: &Model, id: EntityId, out: &mut String) {
    let d = &model.entity(id).details;
    let mut who: Vec<String> = Vec::new();
    if let Some(owner) = d.owner {
        who.push(format!("owner {}", name(model, owner)));
    }
    if !d.performers.is_empty() {
        who.push(format!("performed by {}", few(model, &d.performers)));
    }
    if !d.sites.is_empty() {
        who.push(format!("at {}", few(model, &d.sites)));
    }
    if !d.services.is_empty() {
        who.push(format!("for {}", few(model, &d.services)));
    }
    if !who.is_empty() {
        let mut line = who.join(" · ");
        line[..1].make_ascii_uppercase();
        let _ = writeln!(out, "{line}\n");
    }
    // Group the covered items by standard, in the order they are written.
    let mut groups: Vec<(Option<&str>, Vec<String>)> = Vec::new();
    for u in
        model.clause_uses.iter().filter(|u| u.owner == Some(id) && u.role == ClauseRole::Covers)
    {
        let mut item = match (u.keys.as_slice(), u.end_location) {
            ([key], None) => ws.catalog.clause(key).map_or_else(
                || md(&key.clause),
                |c| format!("{} {}", md(&c.reference), md(&c.title)),
            ),
            (keys, Some(_)) if !keys.is_empty() => {
                format!("{} ({} clauses)", md(&u.written), keys.len())
            }
            _ => format!("{} (unresolved)", md(&u.written)),
        };
        if let Some(via) = u.via {
            let _ = write!(item, ", via {}", name(model, via));
        }
        let standard = u.standard.as_deref();
        match groups.iter_mut().find(|(s, _)| *s == standard) {
            Some((_, items)) => items.push(item),
            None => groups.push((standard, vec![item])),
        }
    }
    if groups.is_empty() {
        let _ = writeln!(out, "Covers no clause yet.\n");
        return;
    }
    out.push_str("**Covers**\n");
    for (standard, items) in groups {
        let Some(standard) = standard else {
            let _ = writeln!(out, "- {}", some(&items, 2 * LIMIT, "; "));
            continue;
        };
        let systems: Vec<EntityId> = model.systems_of_standard(standard).collect();
        let label = if systems.is_empty() {
            format!("{} (no system follows it)", standard_name(ws, standard))
        } else {
            format!("{} ({})", few(model, &systems), standard_name(ws, standard))
        };
        let _ = writeln!(out, "- {label}: {}", some(&items, 2 * LIMIT, "; "));
        for system in systems {
            let outside: Vec<EntityId> =
                model.outside_scope(id, system).into_iter().map(|(e, _)| e).collect();
            if !outside.is_empty() {
                let _ = writeln!(
                    out,
                    "  - outside the {} scope: {}",
                    name(model, system),
                    few(model, &outside)
                );
            }
        }
    }
    out.push('\n');
}

fn edition(ws: &Workspace, model: &Model, standard: &Standard) -> String {
    let mut out = format!("**{}**\n\n", md(&standard.title));
    let structure = match standard.structure {
        Structure::Hls2012 => "2012 high-level structure",
        Structure::Hs2021 => "2021 harmonized structure",
    };
    let controls = standard.controls().len();
    let _ = write!(
        out,
        "{} · {} · {structure} · {} requirement clauses",
        code_span(&standard.id),
        md(&standard.system_kind),
        standard.requirement_clauses().len()
    );
    if controls > 0 {
        let _ = write!(out, ", {controls} Annex A controls");
    }
    out.push_str("\n\n");
    let aliases: Vec<String> =
        standard.aliases.iter().map(|a| code_span(&format!("{a}:…"))).collect();
    let _ = writeln!(out, "Clause references: {}\n", aliases.join(" or "));
    if let Some(successor) = &standard.superseded_by {
        let withdrawn = standard
            .withdrawn
            .as_deref()
            .map(|d| format!("; certificates expired on {}", md(d)))
            .unwrap_or_default();
        let _ = writeln!(out, "**Superseded** by {}{withdrawn}\n", standard_name(ws, successor));
    }
    let systems: Vec<EntityId> = model.systems_of_standard(&standard.id).collect();
    if !systems.is_empty() {
        let _ = writeln!(out, "Systems: {}", few(model, &systems));
    }
    out
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::hover;

    /// Shows the hover as it reads: the backslash escapes of
    /// `ims_analysis::markup` removed (`user_text_is_never_live_markdown`
    /// checks that they are there).
    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let actual = match hover(&f.workspace, &f.analysis, f.position) {
            Some(result) => {
                format!("{}\n---\n{}\n", f.show_range(result.range), unescape(&result.markdown))
            }
            None => "no hover\n".to_string(),
        };
        expect.assert_eq(&actual);
    }

    fn unescape(markdown: &str) -> String {
        let mut out = String::new();
        let mut chars = markdown.chars().peekable();
        while let Some(c) = chars.next() {
            match chars.peek() {
                Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    }

    const ACME: &str = include_str!("../../../examples/acme.ims");

    /// The acme example with `$0` inserted before the first occurrence of `needle`.
    fn acme_at(needle: &str, nth: usize) -> String {
        let (at, _) = ACME.match_indices(needle).nth(nth).expect("the needle is in acme.ims");
        format!("{}$0{}", &ACME[..at], &ACME[at..])
    }

    #[test]
    fn clause_with_correlations_and_coverage() {
        check(
            &acme_at("9001:8.4", 0),
            expect![[r#"
            78:25-78:33 "9001:8.4"
            ---
            **ISO 9001:2015 8.4** Control of externally provided processes, products and services

            Clause of the QMS standard, in 8 Operation

            Make sure processes, products and services obtained from external providers conform, by selecting, evaluating and monitoring the providers and the controls applied to them.

            **Correlations**
            - ISO/IEC 20000-1:2018
              - 8.3.4 Supplier management: intersects with, strong. Both control external providers of the processes, products or services one relies on; 20000-1 also covers internal suppliers and customers acting as suppliers.
              - 8.2.3 Control of parties involved in the service lifecycle: intersects with, moderate. Controlling other parties involved in the service lifecycle overlaps controlling externally provided processes, products and services.
            - ISO/IEC 27001:2022
              - A.5.19 Information security in supplier relationships: intersects with, moderate. The control (security in supplier relationships) helps control external providers for the QMS but covers only their information security side.
              - A.5.20 Addressing information security within supplier agreements: intersects with, moderate. The control (security terms in supplier agreements) helps control external providers for the QMS but covers only their information security side.
              - A.5.21 Managing information security in the ICT supply chain: intersects with, moderate. The control (security in the ICT supply chain) helps control external providers for the QMS but covers only their information security side.
              - A.5.22 Monitoring, review and change management of supplier services: intersects with, moderate. The control (monitoring, review and change of supplier services) helps control external providers for the QMS but covers only their information security side.
              - A.5.23 Information security for use of cloud services: intersects with, moderate. The control (security for the use of cloud services) helps control external providers for the QMS but covers only their information security side.
              - A.8.30 Outsourced development: intersects with, moderate. The control (supervising outsourced development) helps control external providers for the QMS but covers only their information security side.

            **In this IMS**
            - `QMS`: covered by `supplier-management` (all 3 sub-clauses)
        "#]],
        );
    }

    #[test]
    fn harmonized_clause_lists_each_committees_addition() {
        check(
            &acme_at("9001:9.3", 0),
            expect![[r#"
                87:23-87:31 "9001:9.3"
                ---
                **ISO 9001:2015 9.3** Management review

                Clause of the QMS standard, in 9 Performance evaluation

                Top management reviews the QMS at planned intervals, working through defined inputs and deciding on improvements, changes to the QMS and resource needs.

                **Harmonized**: Annex L clause 9.3. What each committee adds to the common text:
                - ISO 9001:2015 9.3: Adds alignment with the strategic direction and specific review inputs: customer satisfaction and feedback, the extent quality objectives are met, process performance and conformity of products and services, external provider performance, adequacy of resources, effectiveness of actions on risks and opportunities, and improvement opportunities; outputs include needed QMS changes and resource needs.
                - ISO/IEC 20000-1:2018 9.3: Adds service-specific review inputs, such as service performance, customer satisfaction, service complaints, supplier performance, changes in the services, and resource needs.
                - ISO/IEC 27001:2022 9.3: Splits the clause into 9.3.1 General, 9.3.2 Management review inputs and 9.3.3 Management review results; the inputs add changes in interested parties' needs, trends in nonconformities, monitoring and audit results, fulfilment of objectives, interested parties' feedback, risk assessment results and the status of the risk treatment plan.

                **In this IMS**
                - `QMS`: covered by `review` (all 3 sub-clauses)
            "#]],
        );
    }

    #[test]
    fn control_in_the_statement_of_applicability() {
        check(
            &acme_at("27001:A.5.20", 0),
            expect![[r#"
            78:49-78:61 "27001:A.5.20"
            ---
            **ISO/IEC 27001:2022 A.5.20** Addressing information security within supplier agreements

            Annex A control of the ISMS standard, in A.5 Organizational controls

            Write the security requirements that matter for each supplier into the agreement with that supplier.

            **Correlations**
            - ISO/IEC 20000-1:2018
              - 8.3.4 Supplier management: intersects with, moderate. The control (security terms in supplier agreements) helps manage suppliers for the SMS but covers only their information security side.
              - 8.2.3 Control of parties involved in the service lifecycle: intersects with, weak. Controlling a party involved in the service lifecycle includes agreeing requirements with it; A.5.20 covers the information security part of such an agreement.
            - ISO 9001:2015
              - 8.4 Control of externally provided processes, products and services: intersects with, moderate. The control (security terms in supplier agreements) helps control external providers for the QMS but covers only their information security side.

            **In this IMS**
            - `ISMS`: applicable in the SoA, implemented by `supplier-management`
        "#]],
        );
    }

    #[test]
    fn end_of_a_range_and_excluded_parent() {
        check(
            r#"
            ims "T" { standards iso9001@2015, iso20000-1@2018, iso27001@2022 }
            system QMS "QMS" standard iso9001@2015 {
              not-applicable 9001:8.1 .. 9001:8.$03 because "Acme builds what its customers design"
            }
            "#,
            expect![[r#"
                3:30-3:38 "9001:8.3"
                ---
                **ISO 9001:2015 8.3** Design and development of products and services

                Clause of the QMS standard, in 8 Operation

                Establish and run a design and development process for products and services wherever their details are not already fixed.

                **Correlations**
                - ISO/IEC 20000-1:2018
                  - 8.5 Service design, build and transition: intersects with, moderate. Design and development of products and services, read for services, overlaps designing, building and transitioning new or changed services.
                  - 8.5.2 Service design and transition: intersects with, moderate. Design planning, inputs, controls and outputs correspond to planning, designing and building new or changed services.
                - ISO/IEC 27001:2022
                  - A.8.25 Secure development life cycle: intersects with, moderate. Where products and services include software or systems, their design and development follow the rules for secure development.

                **In this IMS**
                - `QMS`: not applicable: “Acme builds what its customers design” (all 6 sub-clauses)
            "#]],
        );
    }

    #[test]
    fn superseded_control() {
        check(
            r#"
            ims "T" { standards iso27001@2022 }
            process p { covers 27001@2013:A.15.1$0.1 }
            "#,
            expect![[r#"
                2:20-2:39 "27001@2013:A.15.1.1"
                ---
                **ISO/IEC 27001:2013 A.15.1.1** Information security policy for supplier relationships

                Annex A control of the ISMS standard, in A.15.1 Information security in supplier relationships

                A supplier policy sets the security terms for suppliers who get access to the organization's assets, and they are agreed with each of them.

                **Superseded** by ISO/IEC 27001:2022 (certificates expired on 2025-10-31); maps to A.5.19 Information security in supplier relationships

                **In this IMS**
                - ISO/IEC 27001:2013: it is not integrated
            "#]],
        );
    }

    #[test]
    fn unit_scope_matrix() {
        check(
            &acme_at("operations  \"IT", 0),
            expect![[r#"
                31:6-31:16 "operations"
                ---
                **unit** `operations` — IT Operations

                In the scope of `SMS` and `QMS`; partly in `ISMS`.

                | system | basis        | scope  | why                                         |
                | ------ | ------------ | ------ | ------------------------------------------- |
                | `SMS`  | organisation | in     | listed                                      |
                | `QMS`  | organisation | in     | listed                                      |
                | `ISMS` | location     | partly | listed; only its work at `dc1`, not at `hq` |

                Works at `hq` and `dc1`. Delivers `hosting`. Owns `service-design`. Performs `supplier-management`.
            "#]],
        );
    }

    #[test]
    fn site_scope_matrix_from_a_use() {
        check(
            &acme_at("hq, dc1 }", 0),
            expect![[r#"
                50:74-50:76 "hq"
                ---
                **site** `hq` — Amsterdam HQ

                In the scope of `SMS` and `QMS`; not in `ISMS`.

                | system | basis        | scope | why                      |
                | ------ | ------------ | ----- | ------------------------ |
                | `SMS`  | organisation | in    | listed                   |
                | `QMS`  | organisation | in    | `operations` works there |
                | `ISMS` | location     | out   | not listed               |

                Units working here: `operations`, `procurement` and `team-a`.
            "#]],
        );
    }

    #[test]
    fn service_scope_matrix() {
        check(
            &acme_at("hosting \"Managed", 0),
            expect![[r#"
                40:9-40:16 "hosting"
                ---
                **service** `hosting` — Managed hosting

                In the scope of `SMS`; not in `QMS` and `ISMS`.

                | system | basis        | scope | why        |
                | ------ | ------------ | ----- | ---------- |
                | `SMS`  | organisation | in    | listed     |
                | `QMS`  | organisation | out   | not listed |
                | `ISMS` | location     | out   | not listed |

                Delivered by `operations`. At `dc1`. Suppliers: `rackspace`.
            "#]],
        );
    }

    #[test]
    fn system_summary() {
        check(
            &acme_at("ISMS \"Information", 0),
            expect![[r#"
            63:8-63:12 "ISMS"
            ---
            **system** `ISMS` — Information security management system

            ISO/IEC 27001:2022 (`iso27001@2022`) · location-based scope

            - units: `operations` (partially, not at `hq`)
            - sites: `dc1`
            - services: none

            **Coverage**: 3 of 30 requirement clauses covered, 0 delegated, 0 not applicable; 27 uncovered

            **Statement of Applicability**: 6 of 93 controls addressed (5 applicable, 1 excluded), 2 of the applicable ones implemented; 87 missing

            **Meets, by delegation**: for `SMS` 8.7.3.1, 8.7.3.2, 8.7.3.3
        "#]],
        );
    }

    #[test]
    fn delegated_to_system_from_via() {
        check(
            &acme_at("ISMS }", 0),
            expect![[r#"
            82:68-82:72 "ISMS"
            ---
            **system** `ISMS` — Information security management system

            ISO/IEC 27001:2022 (`iso27001@2022`) · location-based scope

            - units: `operations` (partially, not at `hq`)
            - sites: `dc1`
            - services: none

            **Coverage**: 3 of 30 requirement clauses covered, 0 delegated, 0 not applicable; 27 uncovered

            **Statement of Applicability**: 6 of 93 controls addressed (5 applicable, 1 excluded), 2 of the applicable ones implemented; 87 missing

            **Meets, by delegation**: for `SMS` 8.7.3.1, 8.7.3.2, 8.7.3.3
        "#]],
        );
    }

    #[test]
    fn process_covers_per_system() {
        check(
            &acme_at("supplier-management \"", 0),
            expect![[r#"
            75:9-75:28 "supplier-management"
            ---
            **process** `supplier-management` — Supplier management

            Owner `procurement` · performed by `procurement` and `operations`

            **Covers**
            - `SMS` (ISO/IEC 20000-1:2018): 8.3.4 Supplier management
            - `QMS` (ISO 9001:2015): 8.4 Control of externally provided processes, products and services
            - `ISMS` (ISO/IEC 27001:2022): A.5.19 Information security in supplier relationships; A.5.20 Addressing information security within supplier agreements
              - outside the `ISMS` scope: `procurement`
        "#]],
        );
    }

    #[test]
    fn supplier() {
        check(
            &acme_at("rackspace \"", 0),
            expect![[r#"
            36:10-36:19 "rackspace"
            ---
            **supplier** `rackspace` — RackSpace Colocation GmbH

            External supplier: Rack space, power and cooling in the Frankfurt data centre

            Supplies `hosting`.
        "#]],
        );
    }

    #[test]
    fn edition_in_the_header() {
        check(
            &acme_at("iso27001@2022", 0),
            expect![[r#"
            22:44-22:57 "iso27001@2022"
            ---
            **ISO/IEC 27001:2022 Information security, cybersecurity and privacy protection - Information security management systems - Requirements**

            `iso27001@2022` · ISMS · 2021 harmonized structure · 30 requirement clauses, 93 Annex A controls

            Clause references: `27001:…` or `iso27001:…`

            Systems: `ISMS`
        "#]],
        );
    }

    #[test]
    fn nothing_on_an_undefined_name_or_a_keyword() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            unit ops "Ops" at nowh$0ere
            "#,
            expect![[r#"
                no hover
            "#]],
        );
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            unit ops "Ops" a$0t hq
            "#,
            expect![[r#"
                no hover
            "#]],
        );
    }

    #[test]
    fn unknown_clause_has_no_hover() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            process p { covers 9001:8.$099 }
            "#,
            expect![[r#"
                no hover
            "#]],
        );
    }

    #[test]
    fn delegated_clause() {
        check(
            &acme_at("20000-1:8.7.3", 0),
            expect![[r#"
            82:50-82:63 "20000-1:8.7.3"
            ---
            **ISO/IEC 20000-1:2018 8.7.3** Information security management

            Clause of the SMS standard, in 8.7 Service assurance

            Manage information security for the services so that agreed security requirements are met, through a policy, risk-based controls and handling of security incidents.

            **Correlations**
            - ISO/IEC 27001:2022
              - 4.4 Information security management system: subset of, strong. An ISMS that covers the SMS scope fully meets 20000-1's concise information security requirements.

            **Note**: ISO/IEC TR 20000-7: an ISO/IEC 27001 ISMS meets this clause, provided the ISMS scope covers what the SMS covers.

            **In this IMS**
            - `SMS`: delegated to `ISMS` by `security` (all 3 sub-clauses)
        "#]],
        );
    }

    #[test]
    fn theme_counts_its_controls_in_the_soa() {
        check(
            r#"
            ims "T" { standards iso27001@2022 }
            system ISMS standard iso27001@2022 {
              controls { applicable 27001:A.8.1 .. 27001:A.8.3; excluded 27001:A.8.4 because "No source code" }
            }
            process p { covers 27001:A$0.8 }
            "#,
            expect![[r#"
                5:20-5:29 "27001:A.8"
                ---
                **ISO/IEC 27001:2022 A.8** Technological controls

                Annex A theme of the ISMS standard

                **In this IMS**
                - `ISMS`: 4 of its 34 controls in the SoA (3 applicable, 1 excluded)
            "#]],
        );
    }

    #[test]
    fn documents_are_evidence() {
        let fixture = r#"
            ims "T" { standards iso9001@2015 }
            system QMS standard iso9001@2015
            document policy "Quality policy" { systems QMS; evidence 9001:5.2 }
            process p { covers 9001:5$0.2.1 }
            "#;
        check(
            fixture,
            expect![[r#"
            4:20-4:30 "9001:5.2.1"
            ---
            **ISO 9001:2015 5.2.1** Establishing the quality policy

            Clause of the QMS standard, in 5.2 Policy

            Top management sets a quality policy that suits the organization's purpose, context and strategic direction, gives a basis for setting quality objectives, and includes commitments to meet applicable requirements and to keep improving.

            **In this IMS**
            - `QMS`: covered by `p`
            - evidence: `policy`
        "#]],
        );
        check(
            &fixture.replace("$0", "").replace("document policy", "document pol$0icy"),
            expect![[r#"
            3:10-3:16 "policy"
            ---
            **document** `policy` — Quality policy

            Systems: `QMS`

            Evidence for 9001:5.2
        "#]],
        );
    }

    #[test]
    fn unit_brought_into_a_location_scope_by_its_site() {
        check(
            r#"
            //- /org.ims
            site hq "HQ"
            site dc "DC"
            unit ops "Ops" at hq, dc
            unit desk "Desk" at dc
            //- /systems.ims
            system ISMS standard iso27001@2022 { scope location { sites dc } }
            system QMS standard iso9001@2015 { scope { units ops } }
            process p { owner de$0sk }
            "#,
            expect![[r#"
                /systems.ims 3:19-3:23 "desk"
                ---
                **unit** `desk` — Desk

                In the scope of `ISMS`; not in `QMS`.

                | system | basis        | scope | why           |
                | ------ | ------------ | ----- | ------------- |
                | `ISMS` | location     | in    | works at `dc` |
                | `QMS`  | organisation | out   | not listed    |

                Works at `dc`. Owns `p`.
            "#]],
        );
    }
    #[test]
    fn unqualified_2013_control_in_a_2022_ims() {
        check(
            r#"
            ims "T" { standards iso27001@2022 }
            system ISMS standard iso27001@2022
            process p { covers 27001:A.15.1$0.1 }
            "#,
            expect![[r#"
                3:20-3:34 "27001:A.15.1.1"
                ---
                **Superseded reference**: `27001:A.15.1.1` is control A.15.1.1 of ISO/IEC 27001:2013, which ISO/IEC 27001:2022 supersedes (certificates to it expired on 2025-10-31). In 2022 it is A.5.19 Information security in supplier relationships: write `27001:A.5.19`.

                **ISO/IEC 27001:2013 A.15.1.1** Information security policy for supplier relationships

                Annex A control of the ISMS standard, in A.15.1 Information security in supplier relationships

                A supplier policy sets the security terms for suppliers who get access to the organization's assets, and they are agreed with each of them.

                **In this IMS**
                - ISO/IEC 27001:2013: it is not integrated
            "#]],
        );
    }

    #[test]
    fn unit_listed_in_a_location_scope_where_it_does_not_work() {
        check(
            r#"
            ims "T" { standards iso9001@2015, iso27001@2022 }
            site hq "HQ"
            site dc "DC"
            unit team-a "Team A" at hq
            system QMS standard iso9001@2015 { scope { units team-a } }
            system ISMS standard iso27001@2022 { scope location { sites dc; units team-a } }
            process p { owner tea$0m-a }
            "#,
            expect![[r#"
                7:19-7:25 "team-a"
                ---
                **unit** `team-a` — Team A

                In the scope of `QMS`; not in `ISMS`.

                | system | basis        | scope | why                                        |
                | ------ | ------------ | ----- | ------------------------------------------ |
                | `QMS`  | organisation | in    | listed                                     |
                | `ISMS` | location     | out   | listed, but works only at `hq`, outside it |

                Works at `hq`. Owns `p`.
            "#]],
        );
    }

    /// Titles, descriptions and attribute values are the user's text: in
    /// the hover they are never a live link, image or HTML.
    #[test]
    fn user_text_is_never_live_markdown() {
        let text = r#"
            ims "T" { standards iso9001@2015 }
            site hq "[x](command:workbench.action.terminal.new)"
            unit ops "![](http://e.x/a.png)" at hq { description "<img src=x onerror=alert(1)>" }
            supplier s "<b>S</b>" { provides "[y](https://e.x)" }
            system QMS "**QMS**" standard iso9001@2015 {
              scope { units ops }
              not-applicable 9001:7.1.5.2 because "[z](command:x) <script>"
            }
            process p "`code`" { owner ops; covers 9001:7.1.5.2 }
            "#;
        let needles =
            ["hq \"[x]", "ops \"![", "s \"<b>", "QMS \"**", "p \"`code", "9001:7.1.5.2 because"];
        for needle in needles {
            let at = text.find(needle).expect("the needle is in the fixture");
            let f = fixture::parse(&format!("{}$0{}", &text[..at], &text[at..]));
            let markdown = hover(&f.workspace, &f.analysis, f.position).expect("a hover").markdown;
            for live in ["](", "<img", "<b>", "<script", "**QMS**"] {
                // Live: not preceded by the backslash that escapes it.
                let unescaped = markdown
                    .match_indices(live)
                    .any(|(i, _)| i == 0 || markdown.as_bytes()[i - 1] != b'\\');
                assert!(!unescaped, "{live:?} is live in:\n{markdown}");
            }
        }
        let at = text.find("ops \"").unwrap();
        let f = fixture::parse(&format!("{}$0{}", &text[..at], &text[at..]));
        let markdown = hover(&f.workspace, &f.analysis, f.position).unwrap().markdown;
        assert!(markdown.contains(r"\!\[\]\(http\:\/\/e\.x\/a\.png\)"), "{markdown}");
        assert!(markdown.contains(r"\<img src\=x onerror\=alert\(1\)\>"), "{markdown}");
    }
}
