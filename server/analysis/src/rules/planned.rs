//! Planned controls whose date has passed (`planned-overdue`): the SoA says
//! a control will be implemented by a date, the date is before today, and
//! the SoA still says planned.

use crate::model::{Implementation, Model};
use crate::{Code, Diagnostic, Workspace};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let today = workspace.today.unwrap_or_else(crate::date::Date::today);
    for entry in &model.controls {
        let (Some(Implementation::Planned(Some(date))), Some(location)) =
            (entry.implementation, entry.status_location)
        else {
            continue;
        };
        if date >= today {
            continue;
        }
        let controls: Vec<String> = model
            .clause_uses
            .iter()
            .filter(|u| u.statement_range == entry.statement)
            .map(|u| u.written.clone())
            .collect();
        diagnostics.push(Diagnostic::new(
            Code::PlannedOverdue,
            location,
            format!(
                "{} of `{}` {} planned for {date}, which has passed: \
                 implement {}, or plan a new date",
                controls.join(", "),
                model.entity(entry.system).name,
                if controls.len() == 1 && !controls[0].contains("..") { "was" } else { "were" },
                if controls.len() == 1 && !controls[0].contains("..") { "it" } else { "them" },
            ),
        ));
    }
}
