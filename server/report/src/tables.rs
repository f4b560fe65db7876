//! The smaller tables of the report: the scope matrix, the Statements of
//! Applicability and the process register.

use ims_catalog::ClauseKey;
use ims_syntax::ast::DeclarationKind;

use super::matrix::{reference, status};
use super::{anchor, Cx, ProcessInfo, ScopeCell, ScopeRow, ScopeState, SoaRow, SoaTable};
use ims_analysis::model::{ClauseRole, EntityId, SiteReason};
use ims_analysis::FileRange;

/// Units, sites and services against the systems' effective scopes, with
/// the scope findings of `ims check` at each.
pub(super) fn scope(cx: &Cx<'_>) -> Vec<ScopeRow> {
    let model = &cx.analysis.model;
    let mut rows = Vec::new();
    for kind in [DeclarationKind::Unit, DeclarationKind::Site, DeclarationKind::Service] {
        for (id, entity) in model.of_kind(kind) {
            if model.lookup(&entity.name) != Some(id) {
                continue; // A duplicate; the first definition speaks for the name.
            }
            let cells = cx.systems.iter().map(|&(system, _)| scope_cell(cx, system, id)).collect();
            let mut locations: Vec<FileRange> = vec![entity.name_location()];
            for (_, _, data) in model.systems() {
                for listed in data
                    .listed_units
                    .iter()
                    .chain(&data.listed_sites)
                    .chain(&data.listed_services)
                    .filter(|l| l.entity == id)
                {
                    locations.push(listed.location);
                }
            }
            let mut findings: Vec<String> = Vec::new();
            for d in cx.analysis.diagnostics.iter().filter(|d| locations.contains(&d.location)) {
                let code = d.code.name().to_string();
                if !findings.contains(&code) {
                    findings.push(code);
                }
            }
            rows.push(ScopeRow {
                kind: kind.keyword(),
                name: entity.name.clone(),
                title: entity.title.clone(),
                loc: cx.loc(entity.name_location()),
                cells,
                findings,
            });
        }
    }
    rows
}

fn scope_cell(cx: &Cx<'_>, system: EntityId, entity: EntityId) -> ScopeCell {
    let model = &cx.analysis.model;
    let cell = |state, reason: &str| ScopeCell { state, reason: reason.to_string() };
    let has_scope =
        model.entity(system).details.system.as_ref().is_some_and(ims_analysis::model::is_scoped);
    let Some(scope) = model.scopes.get(&system).filter(|_| has_scope) else {
        return cell(ScopeState::Out, "the system has no scope");
    };
    let location_based = scope.kind == ims_syntax::ast::ScopeKind::Location;
    let name = |id: EntityId| model.entity(id).name.clone();
    match model.entity(entity).kind {
        DeclarationKind::Unit => match scope.units.get(&entity) {
            Some(unit) => {
                let how = if unit.listed {
                    "listed".to_string()
                } else {
                    let site = model
                        .entity(entity)
                        .details
                        .sites
                        .iter()
                        .find(|s| scope.sites.contains_key(s))
                        .map_or_else(String::new, |&s| name(s));
                    format!("works at {site}")
                };
                if unit.outside_sites.is_empty() {
                    ScopeCell { state: ScopeState::In, reason: how }
                } else {
                    let outside: Vec<String> =
                        unit.outside_sites.iter().map(|&s| name(s)).collect();
                    ScopeCell {
                        state: ScopeState::Partly,
                        reason: format!("{how}; not its work at {}", outside.join(", ")),
                    }
                }
            }
            None if location_based => {
                cell(ScopeState::Out, "not listed, works at no site in scope")
            }
            None => cell(ScopeState::Out, "not listed"),
        },
        DeclarationKind::Site => match scope.sites.get(&entity) {
            Some(SiteReason::Listed) => cell(ScopeState::In, "listed"),
            Some(SiteReason::UnitWorksThere(unit)) => {
                ScopeCell { state: ScopeState::In, reason: format!("{} works there", name(*unit)) }
            }
            None if location_based => cell(ScopeState::Out, "not listed"),
            None => cell(ScopeState::Out, "not listed, no unit in scope works there"),
        },
        _ => {
            if scope.services.contains(&entity) {
                cell(ScopeState::In, "listed")
            } else {
                cell(ScopeState::Out, "not listed")
            }
        }
    }
}

/// One Statement of Applicability per system whose standard has an Annex A:
/// every control, under its theme or domain.
pub(super) fn soa(cx: &Cx<'_>) -> Vec<SoaTable> {
    let model = &cx.analysis.model;
    let mut tables = Vec::new();
    for &(system, standard) in &cx.systems {
        let Some(standard) = standard else { continue };
        let controls = standard.controls();
        if controls.is_empty() {
            continue;
        }
        let mut rows: Vec<SoaRow> = Vec::new();
        let mut headed: Vec<&str> = Vec::new();
        for control in controls {
            for heading in standard.ancestors(&control.reference).into_iter().rev() {
                if headed.contains(&heading.reference.as_str()) {
                    continue;
                }
                headed.push(&heading.reference);
                rows.push(SoaRow {
                    heading: true,
                    control: heading.reference.clone(),
                    title: heading.title.clone(),
                    status: None,
                    id: anchor(&["soa", &model.entity(system).name, &heading.reference]),
                    key: ClauseKey::new(&standard.id, &heading.reference),
                    reference: None,
                    entry: None,
                });
            }
            rows.push(SoaRow {
                heading: false,
                control: control.reference.clone(),
                title: control.title.clone(),
                status: status(cx, system, standard, &control.reference),
                id: anchor(&["soa", &model.entity(system).name, &control.reference]),
                key: ClauseKey::new(&standard.id, &control.reference),
                reference: reference(cx, system, standard, &control.reference),
                entry: super::documents::soa_entry(cx, system, standard, &control.reference),
            });
        }
        tables.push(SoaTable {
            system: model.entity(system).name.clone(),
            standard_name: standard.short_name(),
            rows,
        });
    }
    tables
}

/// Every process with its owner, performers, what it covers as written and
/// the systems it serves.
pub(super) fn processes(cx: &Cx<'_>) -> Vec<ProcessInfo> {
    let model = &cx.analysis.model;
    let mut out = Vec::new();
    for (id, entity) in model.of_kind(DeclarationKind::Process) {
        if model.lookup(&entity.name) != Some(id) {
            continue;
        }
        let mut covers = Vec::new();
        let mut systems: Vec<String> = Vec::new();
        for u in
            model.clause_uses.iter().filter(|u| u.owner == Some(id) && u.role == ClauseRole::Covers)
        {
            let mut written = u.written.clone();
            if let Some(via) = u.via {
                written.push_str(&format!(" via {}", model.entity(via).name));
            }
            covers.push(written);
            if let Some(standard) = u.standard.as_deref() {
                for &(system, s) in &cx.systems {
                    let name = &model.entity(system).name;
                    if s.is_some_and(|s| s.id == standard) && !systems.contains(name) {
                        systems.push(name.clone());
                    }
                }
            }
        }
        systems.sort_by_key(|name| {
            cx.systems.iter().position(|&(s, _)| &model.entity(s).name == name)
        });
        let details = &entity.details;
        out.push(ProcessInfo {
            process: cx.process(id),
            title: entity.title.clone(),
            owner: details.owner.map(|o| model.entity(o).name.clone()),
            performers: details.performers.iter().map(|&p| model.entity(p).name.clone()).collect(),
            covers,
            systems,
        });
    }
    out
}
