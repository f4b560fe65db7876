//! What makes the report a controlled document, and the registers an
//! auditor asks for besides the matrices: the document control block (date,
//! revision, tool version and the header's owner, approver, status and
//! version), the interested parties (4.2), the objectives (6.2), the
//! documented information (7.5) with the clauses each is evidence for, and
//! what the Statement of Applicability says of each control beyond
//! applicable or excluded.

use ims_catalog::Standard;
use ims_syntax::ast::{Declaration, DeclarationKind, StatementKind};

use super::{Cx, DocumentControl, DocumentInfo, ObjectiveInfo, PartyInfo, SoaEntryInfo};
use ims_analysis::model::{ClauseRole, EntityId, Implementation};

/// The document control block: what the header declares, the date, the
/// tool's version and a hash of the files' contents. The front end adds the
/// git commit ([`DocumentControl::commit`]), which needs the project's root.
pub(super) fn control(cx: &Cx<'_>) -> DocumentControl {
    let mut control = DocumentControl {
        date: cx.ws.today.unwrap_or_else(ims_analysis::date::Date::today).to_string(),
        tool_version: format!("ims {}", env!("CARGO_PKG_VERSION")),
        content_hash: content_hash(cx),
        commit: None,
        owner: None,
        approver: None,
        status: None,
        version: None,
    };
    // The header's statements are read from the syntax, as the analysis
    // keeps no attribute strings (a description or version edited in the
    // editor leaves the analysis as it was).
    let Some(header) = header(cx) else { return control };
    for statement in header.all_statements() {
        let name = || statement.names.first().map(|n| n.text.clone()).filter(|n| !n.is_empty());
        let value = || statement.value.as_ref().map(|v| v.value.clone());
        match statement.kind {
            StatementKind::Owner => control.owner = control.owner.take().or_else(name),
            StatementKind::Status => control.status = control.status.take().or_else(name),
            StatementKind::Approver => control.approver = control.approver.take().or_else(value),
            StatementKind::Version => control.version = control.version.take().or_else(value),
            _ => {}
        }
    }
    control
}

fn header<'a>(cx: &Cx<'a>) -> Option<&'a Declaration> {
    let location = cx.analysis.model.header.as_ref()?.location;
    let ast = cx.ws.file(location.file).syntax.ast();
    ast.declarations.iter().map(|d| &**d).find(|d| d.keyword == location.range)
}

/// FNV-1a (64 bits) over each file's length and bytes, in the order the
/// files were read: the same files give the same hash on any machine. It
/// names a revision; it is not a signature.
fn content_hash(cx: &Cx<'_>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for file in &cx.ws.files {
        feed(&(file.text.len() as u64).to_le_bytes());
        feed(file.text.as_bytes());
    }
    format!("{hash:016x}")
}

/// The string of a text attribute of `entity`'s declaration.
fn attribute(cx: &Cx<'_>, entity: EntityId, kind: StatementKind) -> Option<String> {
    let entity = cx.analysis.model.entity(entity);
    let decl = cx.ws.file(entity.file).syntax.ast().declarations.get(entity.decl)?;
    decl.all_statements()
        .find(|s| s.kind == kind)
        .and_then(|s| s.value.as_ref())
        .map(|v| v.value.clone())
}

fn names(cx: &Cx<'_>, ids: &[EntityId]) -> Vec<String> {
    ids.iter().map(|&id| cx.analysis.model.entity(id).name.clone()).collect()
}

/// The first declaration of each name of `kind`, in declaration order.
fn declared(cx: &Cx<'_>, kind: DeclarationKind) -> Vec<EntityId> {
    let model = &cx.analysis.model;
    model
        .of_kind(kind)
        .filter(|(id, e)| model.lookup(&e.name) == Some(*id))
        .map(|(id, _)| id)
        .collect()
}

pub(super) fn parties(cx: &Cx<'_>) -> Vec<PartyInfo> {
    let model = &cx.analysis.model;
    declared(cx, DeclarationKind::Party)
        .into_iter()
        .map(|id| {
            let entity = model.entity(id);
            PartyInfo {
                name: entity.name.clone(),
                title: entity.title.clone(),
                systems: names(cx, &entity.details.systems),
                requirements: attribute(cx, id, StatementKind::Requirements),
                loc: cx.loc(entity.name_location()),
            }
        })
        .collect()
}

pub(super) fn objectives(cx: &Cx<'_>) -> Vec<ObjectiveInfo> {
    let model = &cx.analysis.model;
    declared(cx, DeclarationKind::Objective)
        .into_iter()
        .map(|id| {
            let entity = model.entity(id);
            ObjectiveInfo {
                name: entity.name.clone(),
                title: entity.title.clone(),
                systems: names(cx, &entity.details.systems),
                owner: entity.details.owner.map(|o| model.entity(o).name.clone()),
                target: attribute(cx, id, StatementKind::Target),
                measure: attribute(cx, id, StatementKind::Measure),
                loc: cx.loc(entity.name_location()),
            }
        })
        .collect()
}

pub(super) fn documents(cx: &Cx<'_>) -> Vec<DocumentInfo> {
    let model = &cx.analysis.model;
    declared(cx, DeclarationKind::Document)
        .into_iter()
        .map(|id| {
            let entity = model.entity(id);
            let evidence = model
                .clause_uses
                .iter()
                .filter(|u| u.role == ClauseRole::Evidence && u.owner == Some(id))
                .map(|u| {
                    let title = match u.keys.as_slice() {
                        [one] => cx.ws.catalog.clause(one).map(|c| c.title.clone()),
                        _ => None,
                    };
                    match title {
                        Some(title) if !title.is_empty() => format!("{} {title}", u.written),
                        _ => u.written.clone(),
                    }
                })
                .collect();
            let mut controls: Vec<String> = Vec::new();
            for entry in model.controls.iter().filter(|e| e.evidence.contains(&id)) {
                for u in model.clause_uses.iter().filter(|u| u.statement_range == entry.statement) {
                    if !controls.contains(&u.written) {
                        controls.push(u.written.clone());
                    }
                }
            }
            DocumentInfo {
                name: entity.name.clone(),
                title: entity.title.clone(),
                systems: names(cx, &entity.details.systems),
                owner: entity.details.owner.map(|o| model.entity(o).name.clone()),
                evidence,
                evidence_of_controls: controls,
                loc: cx.loc(entity.name_location()),
            }
        })
        .collect()
}

/// What the block of the `applicable` or `excluded` statement that names
/// `control` for `system` says of it; `None` without a block.
pub(super) fn soa_entry(
    cx: &Cx<'_>,
    system: EntityId,
    standard: &Standard,
    control: &str,
) -> Option<SoaEntryInfo> {
    let model = &cx.analysis.model;
    let statement = model
        .clause_uses
        .iter()
        .filter(|u| matches!(u.role, ClauseRole::Applicable | ClauseRole::Excluded))
        .filter(|u| u.owner == Some(system))
        .find(|u| ims_analysis::model::use_includes(standard, u, control))?
        .statement_range;
    let entry = model.controls.iter().find(|e| e.statement == statement)?;
    Some(SoaEntryInfo {
        reasons: entry.reasons.iter().map(|r| r.word()).collect(),
        implementation: entry.implementation.map(|i| match i {
            Implementation::Planned(Some(date)) => format!("planned {date}"),
            other => other.word().to_string(),
        }),
        declared_in_place: entry.implementation.map(|i| i == Implementation::Implemented),
        owner: entry.owner.map(|o| model.entity(o).name.clone()),
        evidence: names(cx, &entry.evidence),
    })
}
