//! The integration matrix: clauses against systems.
//!
//! Rows follow the clause trees of the integrated standards:
//!
//! 1. the common structure (Annex L): one row per harmonized clause, merged
//!    across the standards (each cell shows the clause as its standard
//!    numbers it, so numbering drift such as 9001 10.3 = 20000-1 10.2 is
//!    visible), with each standard's own sub-clauses below the harmonized
//!    clause they belong to;
//! 2. each standard's own clause 8 (everything in clause 8 beyond 8.1);
//! 3. each Annex A: the controls that correlate with a clause of another
//!    standard of the IMS (every control is in the Statement of Applicability).
//!
//! A cell of a system whose standard does not have the row's clause shows
//! the clauses of its standard that the catalog correlates with it (topic
//! correlations), each with its state: so one row shows that a supplier
//! management process meets 20000-1 8.3.4, 9001 8.4 and 27001 A.5.19 at once.
//! A clause with sub-clauses shows the sum of its sub-clauses.

use std::collections::HashMap;

use ims_catalog::{Clause, ClauseKey, ClauseKind, CorrelationCategory, Standard};

use super::{
    anchor, Cell, CorrelatedClause, Cx, Loc, MatrixRow, MatrixSection, ProcessRef, RowKind,
    SharedProcess, Status,
};
use ims_analysis::model::{use_includes, ClauseRole, ClauseStatus, ControlStatus, EntityId};

pub(super) fn build(cx: &Cx<'_>) -> Vec<MatrixSection> {
    let standards = standards_in_use(cx);
    if standards.is_empty() {
        return Vec::new();
    }
    let mut placed: HashMap<String, Vec<(usize, &Clause)>> = HashMap::new();
    let mut own: Vec<Vec<&Clause>> = vec![Vec::new(); standards.len()];
    for (index, standard) in standards.iter().enumerate() {
        for clause in standard.clauses.iter().filter(|c| c.is_in_clauses_4_to_10()) {
            if clause.harmonized.is_some() {
                continue;
            }
            let anchor_hs = standard
                .ancestors(&clause.reference)
                .into_iter()
                .find_map(|a| a.harmonized.clone());
            match anchor_hs {
                Some(hs) if hs != "8" => placed.entry(hs).or_default().push((index, clause)),
                _ => own[index].push(clause),
            }
        }
    }

    let mut sections = vec![common_structure(cx, &standards, &placed)];
    for (standard, clauses) in standards.iter().zip(&own) {
        if clauses.is_empty() {
            continue;
        }
        let all_in_8 = clauses.iter().all(|c| standard.is_within(&c.reference, "8"));
        let title = if all_in_8 {
            format!("{}: clause 8", standard.short_name())
        } else {
            format!("{}: own clauses", standard.short_name())
        };
        let rows = clauses.iter().map(|c| own_row(cx, standard, c, None)).collect();
        sections.push(MatrixSection {
            id: anchor(&["matrix", &standard.id, "own"]),
            title,
            note: format!(
                "Operation requirements of {} beyond the harmonized 8.1. The columns of systems under other standards show the clauses the catalog correlates with each row.",
                standard.short_name()
            ),
            rows,
        });
    }
    for standard in &standards {
        if let Some(section) = annex_a(cx, &standards, standard) {
            sections.push(section);
        }
    }
    sections
}

/// The distinct known standards of the systems, in system order.
fn standards_in_use<'a>(cx: &Cx<'a>) -> Vec<&'a Standard> {
    let mut out: Vec<&Standard> = Vec::new();
    for standard in cx.systems.iter().filter_map(|(_, s)| *s) {
        if !out.iter().any(|s| s.id == standard.id) {
            out.push(standard);
        }
    }
    out
}

fn common_structure(
    cx: &Cx<'_>,
    standards: &[&Standard],
    placed: &HashMap<String, Vec<(usize, &Clause)>>,
) -> MatrixSection {
    let catalog = &cx.ws.catalog;
    let mut rows = Vec::new();
    for top in catalog.harmonized().iter().filter(|h| !h.hs.contains('.')) {
        if !standards.iter().any(|s| s.harmonized_clause(&top.hs).is_some()) {
            continue;
        }
        rows.push(MatrixRow {
            kind: RowKind::Heading,
            number: top.hs.clone(),
            title: neutral_title(&top.title),
            standard_tag: None,
            depth: 0,
            cells: Vec::new(),
            shared: Vec::new(),
            id: anchor(&["hs", &top.hs]),
        });
        below(cx, standards, placed, &top.hs, &mut rows);
    }
    MatrixSection {
        id: "matrix-common".to_string(),
        title: "Common structure (Annex L)".to_string(),
        note: "Harmonized clauses once for all standards; each cell shows the clause number in that system's standard. Each standard's own sub-clauses follow the harmonized clause they belong to, tagged with the standard.".to_string(),
        rows,
    }
}

/// The rows below harmonized clause `hs`: its harmonized children (each with
/// the rows below it) and the standards' own clauses placed under it, in
/// number order.
fn below(
    cx: &Cx<'_>,
    standards: &[&Standard],
    placed: &HashMap<String, Vec<(usize, &Clause)>>,
    hs: &str,
    rows: &mut Vec<MatrixRow>,
) {
    enum Item<'c> {
        Harmonized(&'c str),
        Own(usize, &'c Clause),
    }
    let catalog = &cx.ws.catalog;
    let mut items: Vec<(Vec<u32>, u8, usize, Item<'_>)> = Vec::new();
    for child in catalog.harmonized().iter().filter(|h| parent_number(&h.hs) == Some(hs)) {
        items.push((number_key(&child.hs), 0, 0, Item::Harmonized(&child.hs)));
    }
    for &(index, clause) in placed.get(hs).map(Vec::as_slice).unwrap_or_default() {
        items.push((number_key(&clause.reference), 1, index, Item::Own(index, clause)));
    }
    items.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    for (_, _, _, item) in items {
        match item {
            Item::Harmonized(child) => {
                if standards.iter().any(|s| s.harmonized_clause(child).is_some()) {
                    rows.push(harmonized_row(cx, child));
                }
                below(cx, standards, placed, child, rows);
            }
            Item::Own(index, clause) => {
                let standard = standards[index];
                rows.push(own_row(cx, standard, clause, Some(tag(cx, standard))));
            }
        }
    }
}

fn harmonized_row(cx: &Cx<'_>, hs: &str) -> MatrixRow {
    let title =
        cx.ws.catalog.harmonized_clause(hs).map_or_else(String::new, |h| neutral_title(&h.title));
    let cells: Vec<Cell> = cx
        .systems
        .iter()
        .map(|&(system, standard)| {
            let Some(standard) = standard else { return Cell::Empty };
            let Some(clause) = standard.harmonized_clause(hs) else { return Cell::Empty };
            own_cell(cx, system, standard, &clause.reference)
        })
        .collect();
    let shared = shared(cx, &cells);
    MatrixRow {
        kind: RowKind::Harmonized { hs: hs.to_string() },
        number: hs.to_string(),
        title,
        standard_tag: None,
        depth: hs.matches('.').count().saturating_sub(1),
        cells,
        shared,
        id: anchor(&["hs", hs]),
    }
}

fn own_row(
    cx: &Cx<'_>,
    standard: &Standard,
    clause: &Clause,
    standard_tag: Option<String>,
) -> MatrixRow {
    let key = ClauseKey::new(&standard.id, &clause.reference);
    let cells: Vec<Cell> = cx
        .systems
        .iter()
        .map(|&(system, system_standard)| match system_standard {
            None => Cell::Empty,
            Some(s) if s.id == standard.id => own_cell(cx, system, standard, &clause.reference),
            Some(s) => correlated_cell(cx, system, s, &key),
        })
        .collect();
    let shared = shared(cx, &cells);
    let depth = if clause.kind == ClauseKind::Control {
        0
    } else {
        clause.reference.matches('.').count().saturating_sub(1)
    };
    MatrixRow {
        kind: RowKind::Own { clause: key },
        number: clause.reference.clone(),
        title: clause.title.clone(),
        standard_tag,
        depth,
        cells,
        shared,
        id: anchor(&[&standard.id, &clause.reference]),
    }
}

fn own_cell(cx: &Cx<'_>, system: EntityId, standard: &Standard, clause: &str) -> Cell {
    match status(cx, system, standard, clause) {
        Some(status) => Cell::Own {
            clause: ClauseKey::new(&standard.id, clause),
            status,
            reference: reference(cx, system, standard, clause),
        },
        None => Cell::Empty,
    }
}

/// The clauses of `standard` (the system's) that correlate with `key`.
fn correlated_cell(cx: &Cx<'_>, system: EntityId, standard: &Standard, key: &ClauseKey) -> Cell {
    let mut found: Vec<CorrelatedClause> = Vec::new();
    for inherited in cx.ws.catalog.correlations_with_inherited(key) {
        let correlation = &inherited.correlation;
        if correlation.category != CorrelationCategory::Topic
            || correlation.to.standard != standard.id
        {
            continue;
        }
        let Some(clause) = standard.clause(&correlation.to.clause) else { continue };
        let Some(status) = status(cx, system, standard, &clause.reference) else { continue };
        match found.iter_mut().find(|f| f.clause == correlation.to) {
            Some(known) if correlation.strength < known.strength => {
                known.strength = correlation.strength;
                known.relation = correlation.relation;
            }
            Some(_) => {}
            None => found.push(CorrelatedClause {
                clause: correlation.to.clone(),
                title: clause.title.clone(),
                relation: correlation.relation,
                strength: correlation.strength,
                status,
                inherited_from: inherited.inherited_from.clone(),
            }),
        }
    }
    if found.is_empty() {
        return Cell::Empty;
    }
    let position =
        |c: &CorrelatedClause| standard.clauses.iter().position(|x| x.reference == c.clause.clause);
    found.sort_by_key(position);
    Cell::Correlated(found)
}

/// The state of a clause (a requirement clause with or without sub-clauses,
/// or an Annex A control) in one system; `None` when the system's coverage
/// says nothing of it (an unknown standard, an Annex A theme).
pub(super) fn status(
    cx: &Cx<'_>,
    system: EntityId,
    standard: &Standard,
    clause: &str,
) -> Option<Status> {
    let model = &cx.analysis.model;
    let coverage = model.coverage.get(&system)?;
    let entry = standard.clause(clause)?;
    if entry.kind == ClauseKind::Control {
        return Some(match coverage.control(clause)? {
            ControlStatus::Applicable { implemented_by } => Status::Applicable {
                by: cx.processes(implemented_by),
                justification: applicable_justification(cx, system, standard, clause),
            },
            ControlStatus::Excluded { justification } => {
                Status::Excluded { justification: justification.clone() }
            }
            ControlStatus::Missing { implemented_by } => {
                Status::NotAddressed { by: cx.processes(implemented_by) }
            }
        });
    }
    let leaves: Vec<(&String, &ClauseStatus)> = coverage
        .requirements
        .iter()
        .filter(|(r, _)| standard.is_within(r, clause))
        .map(|(r, s)| (r, s))
        .collect();
    let first = leaves.first()?.1;
    let union = |pick: fn(&ClauseStatus) -> Option<&Vec<EntityId>>| -> Vec<ProcessRef> {
        let mut ids: Vec<EntityId> = Vec::new();
        for id in leaves.iter().filter_map(|(_, s)| pick(s)).flatten() {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        cx.processes(&ids)
    };
    fn covered_by(s: &ClauseStatus) -> Option<&Vec<EntityId>> {
        match s {
            ClauseStatus::Covered { by } => Some(by),
            _ => None,
        }
    }
    fn delegated_by(s: &ClauseStatus) -> Option<&Vec<EntityId>> {
        match s {
            ClauseStatus::Delegated { by, .. } => Some(by),
            _ => None,
        }
    }
    let same = |f: fn(&ClauseStatus) -> bool| leaves.iter().all(|(_, s)| f(s));
    if same(|s| matches!(s, ClauseStatus::Covered { .. })) {
        return Some(Status::Covered { by: union(covered_by) });
    }
    if same(|s| *s == ClauseStatus::Uncovered) {
        return Some(Status::Missing);
    }
    if same(|s| matches!(s, ClauseStatus::Excluded { .. })) {
        let justification = leaves.iter().find_map(|(_, s)| match s {
            ClauseStatus::Excluded { justification } => justification.clone(),
            _ => None,
        });
        return Some(Status::Excluded { justification });
    }
    if let ClauseStatus::Delegated { to, .. } = first {
        if leaves.iter().all(|(_, s)| matches!(s, ClauseStatus::Delegated { to: t, .. } if t == to))
        {
            return Some(Status::Delegated {
                to: model.entity(*to).name.clone(),
                by: union(delegated_by),
            });
        }
    }
    let count = |f: fn(&ClauseStatus) -> bool| leaves.iter().filter(|(_, s)| f(s)).count();
    Some(Status::Partly {
        covered: count(|s| matches!(s, ClauseStatus::Covered { .. })),
        delegated: count(|s| matches!(s, ClauseStatus::Delegated { .. })),
        excluded: count(|s| matches!(s, ClauseStatus::Excluded { .. })),
        missing: leaves
            .iter()
            .filter(|(_, s)| **s == ClauseStatus::Uncovered)
            .map(|(r, _)| r.to_string())
            .collect(),
        total: leaves.len(),
        by: union(covered_by),
    })
}

/// The `because` of the `applicable` item that names `control`.
fn applicable_justification(
    cx: &Cx<'_>,
    system: EntityId,
    standard: &Standard,
    control: &str,
) -> Option<String> {
    cx.analysis
        .model
        .clause_uses
        .iter()
        .filter(|u| u.role == ClauseRole::Applicable && u.owner == Some(system))
        .find(|u| use_includes(standard, u, control))
        .and_then(|u| u.justification.clone())
}

/// Where the IMS first names `clause` (or a clause above or below it) for
/// `system`: a process's `covers`, or the system's own `not-applicable`,
/// `applicable` or `excluded`.
pub(super) fn reference(
    cx: &Cx<'_>,
    system: EntityId,
    standard: &Standard,
    clause: &str,
) -> Option<Loc> {
    let model = &cx.analysis.model;
    model
        .clause_uses
        .iter()
        .filter(|u| u.standard.as_deref() == Some(standard.id.as_str()))
        .filter(|u| match u.role {
            ClauseRole::Covers => ims_analysis::model::is_process_cover(model, u),
            ClauseRole::Evidence => false,
            _ => u.owner == Some(system),
        })
        .find(|u| {
            u.keys.iter().any(|k| {
                standard.is_within(clause, &k.clause) || standard.is_within(&k.clause, clause)
            })
        })
        .map(|u| cx.loc(u.location))
}

/// Processes that serve the row in two or more systems (delegation aside).
fn shared(cx: &Cx<'_>, cells: &[Cell]) -> Vec<SharedProcess> {
    let mut out: Vec<SharedProcess> = Vec::new();
    for (cell, &(system, _)) in cells.iter().zip(&cx.systems) {
        let statuses: Vec<&Status> = match cell {
            Cell::Empty => Vec::new(),
            Cell::Own { status, .. } => vec![status],
            Cell::Correlated(list) => list.iter().map(|c| &c.status).collect(),
        };
        let system_name = &cx.analysis.model.entity(system).name;
        for status in statuses {
            if matches!(status, Status::Delegated { .. }) {
                continue;
            }
            for process in status.processes() {
                let entry = match out.iter_mut().position(|s| s.process.name == process.name) {
                    Some(i) => &mut out[i],
                    None => {
                        out.push(SharedProcess { process: process.clone(), systems: Vec::new() });
                        out.last_mut().expect("just pushed")
                    }
                };
                if !entry.systems.contains(system_name) {
                    entry.systems.push(system_name.clone());
                }
            }
        }
    }
    out.retain(|s| s.systems.len() > 1);
    out
}

fn annex_a(cx: &Cx<'_>, standards: &[&Standard], standard: &Standard) -> Option<MatrixSection> {
    let others: Vec<&str> =
        standards.iter().filter(|s| s.id != standard.id).map(|s| s.id.as_str()).collect();
    let correlated: Vec<&Clause> = standard
        .controls()
        .into_iter()
        .filter(|c| {
            cx.ws.catalog.correlations_of(&ClauseKey::new(&standard.id, &c.reference)).iter().any(
                |k| {
                    k.category == CorrelationCategory::Topic
                        && others.contains(&k.to.standard.as_str())
                },
            )
        })
        .collect();
    if correlated.is_empty() {
        return None;
    }
    let mut rows: Vec<MatrixRow> = Vec::new();
    let mut headed: Vec<String> = Vec::new();
    for control in &correlated {
        for heading in standard.ancestors(&control.reference).into_iter().rev() {
            if headed.contains(&heading.reference) {
                continue;
            }
            headed.push(heading.reference.clone());
            rows.push(MatrixRow {
                kind: RowKind::Heading,
                number: heading.reference.clone(),
                title: heading.title.clone(),
                standard_tag: None,
                depth: 0,
                cells: Vec::new(),
                shared: Vec::new(),
                id: anchor(&["h", &standard.id, &heading.reference]),
            });
        }
        rows.push(own_row(cx, standard, control, None));
    }
    Some(MatrixSection {
        id: anchor(&["matrix", &standard.id, "annex-a"]),
        title: format!("{}: Annex A controls that correlate", standard.short_name()),
        note: format!(
            "The {} of {} Annex A controls that the catalog correlates with a clause of another standard of this IMS. The Statement of Applicability lists every control.",
            correlated.len(),
            standard.controls().len()
        ),
        rows,
    })
}

/// How a reference to `standard` is written in this IMS: the alias, with
/// the edition when the IMS integrates two editions of it.
fn tag(cx: &Cx<'_>, standard: &Standard) -> String {
    let alias = standard.aliases.first().cloned().unwrap_or_else(|| standard.family.clone());
    let integrated = cx.analysis.model.integrated();
    let editions = cx.ws.catalog.editions(&standard.family);
    if editions.iter().filter(|s| integrated.contains(&s.id.as_str())).count() > 1 {
        format!("{alias}@{}", standard.edition)
    } else {
        alias
    }
}

/// The harmonized-structure title without the discipline placeholder:
/// `XXX policy` -> `Policy`.
fn neutral_title(title: &str) -> String {
    let stripped = title.replace("XXX ", "").replace(" XXX", "");
    let mut chars = stripped.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn parent_number(number: &str) -> Option<&str> {
    number.rsplit_once('.').map(|(parent, _)| parent)
}

/// `7.1.5.2` -> [7, 1, 5, 2], for ordering clause numbers.
fn number_key(number: &str) -> Vec<u32> {
    number.split('.').map(|p| p.parse().unwrap_or(u32::MAX)).collect()
}
