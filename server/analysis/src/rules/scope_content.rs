//! `scope-content`: a scope that does not state what its standard's 4.3
//! asks it to state. What each standard asks for is data (the
//! `[[scope-content]]` tables of its catalog file): the services in scope
//! for ISO/IEC 20000-1 (4.3), the products and services for ISO 9001 (4.3),
//! the interfaces and dependencies on other organisations for ISO/IEC 27001
//! (4.3 c), stated as the `suppliers` a scope depends on.
//!
//! Only systems whose scope can be compared are checked (`no-scope`
//! reports the others once).
//!
//! FIXME: a scope can state its dependencies on suppliers only; interfaces
//! with customers' or partners' activities (a customer's systems connected
//! to the hosting platform) have no statement yet, so a 27001 scope that
//! depends on no supplier at all cannot satisfy this rule and must
//! suppress it with its reason.

use ims_catalog::ScopeItem;
use ims_syntax::ast::StatementKind;

use crate::model::{EntityId, Model, SystemData};
use crate::{Code, Diagnostic, Fix, Workspace};

use super::{is_scoped, labelled, scope_edits};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    for (system, entity, data) in model.systems() {
        if !is_scoped(data) {
            continue;
        }
        let Some(standard) = data.standard.as_deref().and_then(|id| workspace.catalog.standard(id))
        else {
            continue;
        };
        for required in &standard.scope_content {
            let stated = match required.requires {
                ScopeItem::Services => !data.listed_services.is_empty(),
                ScopeItem::Interfaces => !data.listed_suppliers.is_empty(),
            };
            if stated {
                continue;
            }
            // The catalog's rationale says why; the message says what to write.
            let (what, how) = match required.requires {
                ScopeItem::Services => ("the services it covers", "list them in `services`"),
                ScopeItem::Interfaces => (
                    "its interfaces and dependencies on other organisations",
                    "list in `suppliers` the suppliers, external and internal, that the activities in scope depend on",
                ),
            };
            let location = data.scope_block.unwrap_or_else(|| entity.name_location());
            let mut diagnostic = Diagnostic::new(
                Code::ScopeContent,
                location,
                format!(
                    "the scope of `{}` does not state {what} ({} {}): {how}",
                    entity.name,
                    standard.short_name(),
                    required.clause,
                ),
            );
            if required.requires == ScopeItem::Interfaces {
                if let Some(fix) = add_service_suppliers(workspace, model, system, data) {
                    diagnostic = diagnostic.with_fix(fix);
                }
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// The suppliers of the services in scope, the dependencies the model
/// already knows, as one `suppliers` list for the scope.
fn add_service_suppliers(
    workspace: &Workspace,
    model: &Model,
    system: EntityId,
    data: &SystemData,
) -> Option<Fix> {
    let mut suppliers: Vec<EntityId> = Vec::new();
    for listed in &data.listed_services {
        for &supplier in &model.entity(listed.entity).details.suppliers {
            if !suppliers.contains(&supplier) {
                suppliers.push(supplier);
            }
        }
    }
    if suppliers.is_empty() {
        return None;
    }
    let names: Vec<&str> = suppliers.iter().map(|&s| model.entity(s).name.as_str()).collect();
    let edits = scope_edits(workspace, model, system, &[(StatementKind::Suppliers, names)])?;
    Some(Fix {
        title: format!(
            "State the dependencies on {} (suppliers of the services in scope)",
            labelled(model, "supplier", &suppliers)
        ),
        edits,
    })
}
