//! `service-unit-out-of-scope`: a service in a system's scope is delivered by
//! a unit outside that scope.
//!
//! `unmanaged-supplier`: a supplier of an in-scope service that no
//! supplier-management process manages. A process manages suppliers when it
//! covers a supplier-management clause and either lists the supplier in its
//! `suppliers` or lists no suppliers at all.

use rustc_hash::FxHashSet as HashSet;

use ims_syntax::ast::{DeclarationKind, StatementKind};

use crate::model::{EntityId, Model};
use crate::{Code, Diagnostic, FileRange, Fix, TextEdit, Workspace};

use super::{labelled, ScopePlan};

/// The clauses whose processes manage suppliers (20000-1 8.3.4, 9001 8.4,
/// and the supplier-relationship controls of both 27001 editions).
const SUPPLIER_MANAGEMENT: &[(&str, &str)] = &[
    ("iso20000-1@2018", "8.3.4"),
    ("iso9001@2015", "8.4"),
    ("iso27001@2022", "A.5.19"),
    ("iso27001@2022", "A.5.20"),
    ("iso27001@2022", "A.5.21"),
    ("iso27001@2022", "A.5.22"),
    ("iso27001@2013", "A.15"),
];

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    for (system, system_entity, data) in model.systems() {
        let scope = &model.scopes[&system];
        for listed in &data.listed_services {
            let service = model.entity(listed.entity);
            let outside: Vec<EntityId> = service
                .details
                .delivered_by
                .iter()
                .copied()
                .filter(|u| !scope.units.contains_key(u))
                .collect();
            if outside.is_empty() {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                Code::ServiceUnitOutOfScope,
                listed.location,
                format!(
                    "service `{}` is in the {} scope but is delivered by {}, outside it",
                    service.name,
                    system_entity.name,
                    super::names(model, &outside)
                ),
            );
            let mut plan = ScopePlan::new(model);
            for &unit in &outside {
                plan.add(system, unit);
                if let Some(name_use) =
                    model.name_uses_of(listed.entity).find(|u| u.target == Some(unit))
                {
                    diagnostic =
                        diagnostic.with_related(name_use.location, "delivered by this unit");
                }
            }
            plan.attach_to(workspace, &mut diagnostic);
            diagnostics.push(diagnostic);
        }
    }

    let managers = supplier_managers(workspace, model);
    // A supplier is managed by a manager that lists it or that lists no
    // supplier at all; both looked up once, not per supplier use.
    let manages_all = managers.iter().any(|&p| model.entity(p).details.suppliers.is_empty());
    let listed_by_managers: HashSet<EntityId> =
        managers.iter().flat_map(|&p| model.entity(p).details.suppliers.iter().copied()).collect();
    // Why a supplier is not managed, and where each manager's `suppliers`
    // list ends: the same for every unmanaged supplier, so computed once.
    let why_unmanaged = if managers.is_empty() {
        format!("no process covers supplier management ({})", supplier_clauses(workspace, model))
    } else if managers.len() <= MAX_NAMED_MANAGERS {
        format!(
            "{} {} other suppliers only",
            labelled(model, "supplier-management process", &managers),
            if managers.len() == 1 { "lists" } else { "list" },
        )
    } else {
        format!(
            "{} supplier-management processes, among them {}, list other suppliers only",
            managers.len(),
            super::names(model, &managers[..MAX_NAMED_MANAGERS]),
        )
    };
    let suppliers_ends: Vec<(EntityId, Option<FileRange>)> = managers
        .iter()
        .take(MAX_NAMED_MANAGERS)
        .map(|&process| {
            let end = model
                .name_uses_of(process)
                .filter(|u| u.statement == StatementKind::Suppliers)
                .map(|u| u.location)
                .max_by_key(|l| l.range.end);
            (process, end)
        })
        .collect();
    for (service_id, service) in model.of_kind(DeclarationKind::Service) {
        let in_scope: Vec<EntityId> = model
            .scopes
            .iter()
            .filter(|(_, s)| s.services.contains(&service_id))
            .map(|(id, _)| *id)
            .collect();
        if in_scope.is_empty() {
            continue;
        }
        for name_use in model
            .name_uses_of(service_id)
            .filter(|u| u.statement == StatementKind::Suppliers && u.target.is_some())
        {
            let supplier = name_use.target.expect("filtered on target");
            if model.entity(supplier).kind != DeclarationKind::Supplier {
                continue;
            }
            let managed = manages_all || listed_by_managers.contains(&supplier);
            if managed {
                continue;
            }
            let supplier_name = &model.entity(supplier).name;
            let message = format!(
                "supplier `{supplier_name}` of in-scope service `{}` is not managed: {why_unmanaged}",
                service.name,
            );
            let mut diagnostic =
                Diagnostic::new(Code::UnmanagedSupplier, name_use.location, message)
                    .with_related(model.entity(supplier).name_location(), "the supplier");
            for &(process, end) in &suppliers_ends {
                diagnostic = diagnostic.with_related(
                    model.entity(process).name_location(),
                    "a supplier-management process",
                );
                // Append to the process's `suppliers` list.
                if let Some(end) = end {
                    diagnostic = diagnostic.with_fix(Fix {
                        title: format!(
                            "Add `{supplier_name}` to the suppliers of `{}`",
                            model.entity(process).name
                        ),
                        edits: vec![TextEdit {
                            location: FileRange {
                                file: end.file,
                                range: ims_syntax::TextRange::empty(end.range.end),
                            },
                            new_text: format!(", {supplier_name}"),
                        }],
                    });
                }
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// At most this many supplier-management processes are named, shown as
/// related locations and offered as quick fixes per unmanaged supplier: an
/// IMS of many divisions can have a hundred, and a message, a list of
/// related locations or a menu of fixes that long helps nobody (and made
/// the diagnostics of a 100k-line IMS 11 MB of JSON).
const MAX_NAMED_MANAGERS: usize = 5;

/// Processes that cover a supplier-management clause.
fn supplier_managers(workspace: &Workspace, model: &Model) -> Vec<EntityId> {
    let mut processes = Vec::new();
    for &(standard_id, clause) in SUPPLIER_MANAGEMENT {
        let Some(standard) = workspace.catalog.standard(standard_id) else { continue };
        // The uses that name the clause, an ancestor or a sub-clause of it
        // (a key of a use has the use's standard).
        for clause_use in model
            .clause_uses_touching(standard, clause)
            .into_iter()
            .filter(|u| super::is_process_cover(model, u))
        {
            if let Some(p) = clause_use.owner {
                if !processes.contains(&p) {
                    processes.push(p);
                }
            }
        }
    }
    processes
}

/// The supplier-management clauses of the integrated standards, as written
/// in this IMS, for a message.
fn supplier_clauses(workspace: &Workspace, model: &Model) -> String {
    let integrated = model.integrated();
    let mut written: Vec<String> = Vec::new();
    for standard_id in integrated {
        let clauses: Vec<String> = SUPPLIER_MANAGEMENT
            .iter()
            .filter(|(id, _)| *id == standard_id)
            .map(|(_, c)| c.to_string())
            .collect();
        let Some(standard) = workspace.catalog.standard(standard_id) else { continue };
        if clauses.is_empty() {
            continue;
        }
        let alias = standard.aliases.first().cloned().unwrap_or_else(|| standard_id.to_string());
        written.push(format!("{alias}:{}", super::compress_refs(&clauses)));
    }
    if written.is_empty() {
        "20000-1:8.3.4, 9001:8.4 or 27001:A.5.19-A.5.22".to_string()
    } else {
        super::join_and(&written).replace(" and ", " or ")
    }
}
