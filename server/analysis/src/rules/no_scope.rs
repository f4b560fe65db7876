//! `no-scope`: a system without a `scope`, or whose scope names no unit,
//! site or service. Such a system cannot be compared with the others, so the
//! scope rules leave it out; this says so once.

use ims_syntax::ast::StatementKind;

use crate::model::Model;
use crate::{Code, Diagnostic, Workspace};

pub(super) fn check(_workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    for (id, entity, system) in model.systems() {
        if system.has_scope {
            // Names written in the scope that do not resolve are reported as
            // `undefined-name`; the scope is not empty to the author.
            let written = model.name_uses.iter().any(|u| {
                u.user == Some(id)
                    && matches!(
                        u.statement,
                        StatementKind::Units | StatementKind::Sites | StatementKind::Services
                    )
            });
            if !written {
                diagnostics.push(Diagnostic::new(
                    Code::NoScope,
                    system.scope_block.unwrap_or_else(|| entity.name_location()),
                    format!(
                        "the scope of `{}` is empty: list the units, sites and services it applies to",
                        entity.name
                    ),
                ));
            }
            continue;
        }
        diagnostics.push(Diagnostic::new(
            Code::NoScope,
            entity.name_location(),
            format!(
                "system `{}` has no `scope`: add `scope {{ units ...; sites ...; services ... }}`",
                entity.name
            ),
        ));
    }
}
