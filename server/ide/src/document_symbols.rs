//! Document symbols: the outline of one file. Each declaration is a symbol
//! (the `ims` header by its title); a system has its `scope` blocks (with
//! the units, sites and services listed), its exclusions and its `controls`
//! block as children, a process the clauses it covers, a document the
//! clauses it is evidence for, and the header its standards.
//!
//! Built from the syntax tree alone, so it works on a file that does not
//! analyse cleanly.

use ims_syntax::ast::{
    ClauseItem, Declaration, DeclarationKind, ScopeKind, Statement, StatementKind,
};
use ims_syntax::TextRange;

use ims_analysis::{FileId, Workspace};

/// What a symbol is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A declaration; `Ims` is the header.
    Declaration(DeclarationKind),
    /// A `scope { }` or `controls { }` block.
    Block,
    /// A name listed in a scope.
    Listed(DeclarationKind),
    /// A clause reference or range.
    Clause,
    /// A standard edition in the header.
    Edition,
}

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole construct.
    pub range: TextRange,
    /// The part to select and reveal: the name. Inside `range`.
    pub selection_range: TextRange,
    pub children: Vec<DocumentSymbol>,
}

/// The outline of `file`, in document order.
pub fn document_symbols(ws: &Workspace, file: FileId) -> Vec<DocumentSymbol> {
    ws.file(file).syntax.ast().declarations.iter().filter_map(|d| declaration(d)).collect()
}

fn declaration(decl: &Declaration) -> Option<DocumentSymbol> {
    let title = decl.title.as_ref().map(|t| t.value.clone());
    let (name, detail, selection_range) = match (&decl.name, decl.kind) {
        (_, DeclarationKind::Ims) => {
            (title.unwrap_or_else(|| "ims".to_string()), Some("ims".to_string()), decl.keyword)
        }
        (Some(name), _) if !name.text.is_empty() => (name.text.clone(), title, name.range),
        _ => return None,
    };
    let mut children = Vec::new();
    for statement in &decl.statements {
        children.extend(statement_symbols(statement));
    }
    Some(DocumentSymbol {
        name,
        detail,
        kind: SymbolKind::Declaration(decl.kind),
        range: decl.range,
        selection_range,
        children,
    })
}

/// The children a statement contributes to its declaration's outline.
fn statement_symbols(statement: &Statement) -> Vec<DocumentSymbol> {
    match statement.kind {
        StatementKind::Standards => statement
            .editions
            .iter()
            .map(|e| leaf(e.text.clone(), None, SymbolKind::Edition, e.range))
            .collect(),
        StatementKind::Scope => {
            let name = match statement.scope_kind {
                Some(ScopeKind::Location) => "scope location",
                _ => "scope",
            };
            let mut children = Vec::new();
            for list in &statement.children {
                let kind = match list.kind {
                    StatementKind::Units => DeclarationKind::Unit,
                    StatementKind::Sites => DeclarationKind::Site,
                    StatementKind::Services => DeclarationKind::Service,
                    StatementKind::Suppliers => DeclarationKind::Supplier,
                    _ => continue,
                };
                children.extend(list.names.iter().filter(|n| !n.text.is_empty()).map(|n| {
                    leaf(
                        n.text.clone(),
                        Some(kind.keyword().to_string()),
                        SymbolKind::Listed(kind),
                        n.range,
                    )
                }));
            }
            vec![block(name, statement, children)]
        }
        StatementKind::Controls => {
            let children =
                statement.children.iter().flat_map(|c| clauses(c, c.kind.keyword())).collect();
            vec![block("controls", statement, children)]
        }
        StatementKind::NotApplicable => clauses(statement, "not applicable"),
        StatementKind::Covers => clauses(statement, "covers"),
        StatementKind::Evidence => clauses(statement, "evidence"),
        _ => Vec::new(),
    }
}

fn block(name: &str, statement: &Statement, children: Vec<DocumentSymbol>) -> DocumentSymbol {
    DocumentSymbol {
        name: name.to_string(),
        detail: None,
        kind: SymbolKind::Block,
        range: statement.range,
        selection_range: statement.keyword,
        children,
    }
}

/// One symbol per clause item; the detail says what the statement does with
/// it (and `via` whom, or why).
fn clauses(statement: &Statement, role: &str) -> Vec<DocumentSymbol> {
    statement
        .clauses
        .iter()
        .map(|item| {
            let mut detail = role.to_string();
            if let Some(via) = &item.via {
                detail.push_str(&format!(" via {}", via.text));
            }
            if let Some(reason) = &statement.justification {
                detail.push_str(&format!(": {}", reason.value));
            }
            leaf(written(item), Some(detail), SymbolKind::Clause, item.range)
        })
        .collect()
}

fn written(item: &ClauseItem) -> String {
    let one = |r: &ims_syntax::ast::ClauseRefSyntax| {
        format!("{}:{}", r.standard.text, r.clause.as_ref().map_or("", |c| c.text.as_str()))
    };
    match &item.end {
        Some(end) => format!("{} .. {}", one(&item.start), one(end)),
        None => one(&item.start),
    }
}

fn leaf(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: TextRange,
) -> DocumentSymbol {
    DocumentSymbol { name, detail, kind, range, selection_range: range, children: Vec::new() }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::{document_symbols, DocumentSymbol};

    fn render(f: &fixture::Fixture, symbols: &[DocumentSymbol], depth: usize, out: &mut String) {
        for s in symbols {
            assert!(s.range.contains_range(s.selection_range), "{s:?}");
            let detail = s.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            out.push_str(&format!(
                "{}{:?} {}{detail} @ {}\n",
                "  ".repeat(depth),
                s.kind,
                s.name,
                f.show_range(s.selection_range)
            ));
            render(f, &s.children, depth + 1, out);
        }
    }

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let symbols = document_symbols(&f.workspace, f.file());
        let mut out = String::new();
        render(&f, &symbols, 0, &mut out);
        expect.assert_eq(&out);
    }

    #[test]
    fn the_acme_outline() {
        check(
            include_str!("../../../examples/acme.ims"),
            expect![[r#"
            Declaration(Ims) Acme Managed Services (ims) @ 21:1-21:4 "ims"
              Edition iso20000-1@2018 @ 22:13-22:28 "iso20000-1@2018"
              Edition iso9001@2015 @ 22:30-22:42 "iso9001@2015"
              Edition iso27001@2022 @ 22:44-22:57 "iso27001@2022"
            Declaration(Site) hq (Amsterdam HQ) @ 27:6-27:8 "hq"
            Declaration(Site) dc1 (Frankfurt data centre) @ 28:6-28:9 "dc1"
            Declaration(Unit) operations (IT Operations) @ 31:6-31:16 "operations"
            Declaration(Unit) procurement (Procurement) @ 32:6-32:17 "procurement"
            Declaration(Unit) team-a (Team A) @ 33:6-33:12 "team-a"
            Declaration(Supplier) rackspace (RackSpace Colocation GmbH) @ 36:10-36:19 "rackspace"
            Declaration(Service) hosting (Managed hosting) @ 40:9-40:16 "hosting"
            Declaration(System) SMS (Service management system) @ 49:8-49:11 "SMS"
              Block scope @ 50:3-50:8 "scope"
                Listed(Service) hosting (service) @ 50:20-50:27 "hosting"
                Listed(Unit) operations (unit) @ 50:35-50:45 "operations"
                Listed(Unit) procurement (unit) @ 50:47-50:58 "procurement"
                Listed(Unit) team-a (unit) @ 50:60-50:66 "team-a"
                Listed(Site) hq (site) @ 50:74-50:76 "hq"
                Listed(Site) dc1 (site) @ 50:78-50:81 "dc1"
            Declaration(System) QMS (Quality management system) @ 55:8-55:11 "QMS"
              Block scope @ 56:3-56:8 "scope"
                Listed(Unit) operations (unit) @ 56:30-56:40 "operations"
                Listed(Unit) procurement (unit) @ 56:42-56:53 "procurement"
                Listed(Unit) team-a (unit) @ 56:55-56:61 "team-a"
              Clause 9001:7.1.5.2 (not applicable: No measurement needs traceability to measurement standards: Acme verifies its services by availability and response-time monitoring, not by calibrated instruments) @ 57:18-57:30 "9001:7.1.5.2"
            Declaration(System) ISMS (Information security management system) @ 63:8-63:12 "ISMS"
              Block scope location @ 64:3-64:8 "scope"
                Listed(Site) dc1 (site) @ 64:26-64:29 "dc1"
                Listed(Unit) operations (unit) @ 64:37-64:47 "operations"
                Listed(Supplier) rackspace (supplier) @ 64:59-64:68 "rackspace"
              Block controls @ 65:3-65:11 "controls"
                Clause 27001:A.5.19 .. 27001:A.5.23 (applicable: Hosting depends on colocation and network suppliers) @ 66:16-66:44 "27001:A.5.19 .. 27001:A.5.23"
                Clause 27001:A.8.30 (excluded: Acme outsources no development) @ 67:16-67:28 "27001:A.8.30"
            Declaration(Process) supplier-management (Supplier management) @ 75:9-75:28 "supplier-management"
              Clause 20000-1:8.3.4 (covers) @ 78:10-78:23 "20000-1:8.3.4"
              Clause 9001:8.4 (covers) @ 78:25-78:33 "9001:8.4"
              Clause 27001:A.5.19 (covers) @ 78:35-78:47 "27001:A.5.19"
              Clause 27001:A.5.20 (covers) @ 78:49-78:61 "27001:A.5.20"
            Declaration(Process) security (Information security) @ 82:9-82:17 "security"
              Clause 20000-1:8.7.3 (covers via ISMS) @ 82:50-82:72 "20000-1:8.7.3 via ISMS"
            Declaration(Process) review (Integrated management review) @ 86:9-86:15 "review"
              Clause 20000-1:9.3 (covers) @ 87:10-87:21 "20000-1:9.3"
              Clause 9001:9.3 (covers) @ 87:23-87:31 "9001:9.3"
              Clause 27001:9.3 (covers) @ 87:33-87:42 "27001:9.3"
            Declaration(Process) service-design (Service design and transition) @ 93:9-93:23 "service-design"
              Clause 20000-1:8.5.2 (covers) @ 95:10-95:23 "20000-1:8.5.2"
              Clause 9001:8.3 (covers) @ 95:25-95:33 "9001:8.3"
        "#]],
        );
    }

    #[test]
    fn half_typed_declarations() {
        check(
            r#"
            unit ops "Ops" at
            process p { covers 9001:
            system
            site hq
            "#,
            expect![[r#"
                Declaration(Unit) ops (Ops) @ 1:6-1:9 "ops"
                Declaration(Process) p @ 2:9-2:10 "p"
                  Clause 9001: (covers) @ 2:20-2:25 "9001:"
                Declaration(Site) hq @ 4:6-4:8 "hq"
            "#]],
        );
    }
}
