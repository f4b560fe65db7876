//! The lowered AST: plain data with byte ranges, built from the tree-sitter
//! tree by `lower`. Missing parts of a half-typed file are `None` or empty,
//! never an error: the syntax errors are reported separately.

use std::sync::Arc;

use crate::TextRange;

/// One `.ims` file.
///
/// Declarations are shared (`Arc`): after an edit, the language server's
/// re-parse reuses every declaration the edit did not touch instead of
/// lowering it again (see `lower::lower_around`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceFile {
    pub declarations: Vec<Arc<Declaration>>,
}

/// A top-level declaration: `KIND name "Title" statements { statements }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    pub kind: DeclarationKind,
    pub range: TextRange,
    /// The keyword (`unit`, `system` ...).
    pub keyword: TextRange,
    /// `None` for the `ims` header, which has no name, and for a half-typed one.
    pub name: Option<Name>,
    pub title: Option<StringLit>,
    /// Inline statements and then the block's statements, in source order.
    pub statements: Vec<Statement>,
    /// The `{ ... }` body, if any.
    pub body: Option<TextRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeclarationKind {
    Ims,
    Site,
    Unit,
    Service,
    Supplier,
    System,
    Process,
    Party,
    Objective,
    Document,
}

impl DeclarationKind {
    pub const ALL: [DeclarationKind; 10] = [
        DeclarationKind::Ims,
        DeclarationKind::Site,
        DeclarationKind::Unit,
        DeclarationKind::Service,
        DeclarationKind::Supplier,
        DeclarationKind::System,
        DeclarationKind::Process,
        DeclarationKind::Party,
        DeclarationKind::Objective,
        DeclarationKind::Document,
    ];

    /// The keyword that introduces the declaration.
    pub fn keyword(self) -> &'static str {
        match self {
            DeclarationKind::Ims => "ims",
            DeclarationKind::Site => "site",
            DeclarationKind::Unit => "unit",
            DeclarationKind::Service => "service",
            DeclarationKind::Supplier => "supplier",
            DeclarationKind::System => "system",
            DeclarationKind::Process => "process",
            DeclarationKind::Party => "party",
            DeclarationKind::Objective => "objective",
            DeclarationKind::Document => "document",
        }
    }

    fn from_node_kind(kind: &str) -> Option<Self> {
        let keyword = kind.strip_suffix("_declaration")?;
        DeclarationKind::ALL.into_iter().find(|k| k.keyword() == keyword)
    }

    pub(crate) fn from_node(kind: &str) -> Option<Self> {
        Self::from_node_kind(kind)
    }
}

/// An identifier or a standard id as written, with its range.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Name {
    pub text: String,
    pub range: TextRange,
}

/// A string literal: its unescaped value and the range including the quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringLit {
    pub value: String,
    pub range: TextRange,
}

/// A statement inside a declaration or a nested block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub kind: StatementKind,
    pub range: TextRange,
    pub keyword: TextRange,
    /// Names listed: `at hq, dc1`, `units a, b`, `owner x`, `status planned`,
    /// the documents and processes of a control's `evidence`.
    pub names: Vec<Name>,
    /// Standard editions: `standards iso9001@2015, ...`, `standard iso27001@2022`.
    pub editions: Vec<Name>,
    /// Clause references and ranges: `covers ...`, `not-applicable ...`, `applicable ...`.
    pub clauses: Vec<ClauseItem>,
    /// `because "..."`.
    pub justification: Option<StringLit>,
    /// The string of an attribute (`description "..."`), the date of
    /// `status planned "2027-03-31"`.
    pub value: Option<StringLit>,
    /// `scope location { ... }`: the kind as written.
    pub scope_kind: Option<ScopeKind>,
    /// Statements of a nested block (`scope { ... }`, `controls { ... }`,
    /// the block of an `applicable` or `excluded` statement).
    pub children: Vec<Statement>,
    /// A `,` after the last name of a list (`at hq,`): a syntax error the
    /// grammar accepts, so that the declaration after it stays intact.
    pub trailing_comma: Option<TextRange>,
    /// The nested block's range.
    pub body: Option<TextRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatementKind {
    Standards,
    Standard,
    At,
    DeliveredBy,
    Suppliers,
    External,
    Internal,
    Scope,
    Units,
    Sites,
    Services,
    Systems,
    NotApplicable,
    Controls,
    Applicable,
    Excluded,
    Owner,
    PerformedBy,
    Covers,
    Evidence,
    Description,
    Provides,
    Requirements,
    Target,
    Measure,
    Address,
    Approver,
    Version,
    Status,
    Reason,
}

impl StatementKind {
    pub const ALL: [StatementKind; 30] = [
        StatementKind::Standards,
        StatementKind::Standard,
        StatementKind::At,
        StatementKind::DeliveredBy,
        StatementKind::Suppliers,
        StatementKind::External,
        StatementKind::Internal,
        StatementKind::Scope,
        StatementKind::Units,
        StatementKind::Sites,
        StatementKind::Services,
        StatementKind::Systems,
        StatementKind::NotApplicable,
        StatementKind::Controls,
        StatementKind::Applicable,
        StatementKind::Excluded,
        StatementKind::Owner,
        StatementKind::PerformedBy,
        StatementKind::Covers,
        StatementKind::Evidence,
        StatementKind::Description,
        StatementKind::Provides,
        StatementKind::Requirements,
        StatementKind::Target,
        StatementKind::Measure,
        StatementKind::Address,
        StatementKind::Approver,
        StatementKind::Version,
        StatementKind::Status,
        StatementKind::Reason,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            StatementKind::Standards => "standards",
            StatementKind::Standard => "standard",
            StatementKind::At => "at",
            StatementKind::DeliveredBy => "delivered-by",
            StatementKind::Suppliers => "suppliers",
            StatementKind::External => "external",
            StatementKind::Internal => "internal",
            StatementKind::Scope => "scope",
            StatementKind::Units => "units",
            StatementKind::Sites => "sites",
            StatementKind::Services => "services",
            StatementKind::Systems => "systems",
            StatementKind::NotApplicable => "not-applicable",
            StatementKind::Controls => "controls",
            StatementKind::Applicable => "applicable",
            StatementKind::Excluded => "excluded",
            StatementKind::Owner => "owner",
            StatementKind::PerformedBy => "performed-by",
            StatementKind::Covers => "covers",
            StatementKind::Evidence => "evidence",
            StatementKind::Description => "description",
            StatementKind::Provides => "provides",
            StatementKind::Requirements => "requirements",
            StatementKind::Target => "target",
            StatementKind::Measure => "measure",
            StatementKind::Address => "address",
            StatementKind::Approver => "approver",
            StatementKind::Version => "version",
            StatementKind::Status => "status",
            StatementKind::Reason => "reason",
        }
    }

    pub fn from_keyword(keyword: &str) -> Option<Self> {
        StatementKind::ALL.into_iter().find(|k| k.keyword() == keyword)
    }

    /// Whether the statement lists names (`at hq, dc1`, `owner ops`), at
    /// least one.
    pub fn takes_names(self) -> bool {
        use StatementKind::*;
        matches!(
            self,
            At | DeliveredBy
                | Suppliers
                | Units
                | Sites
                | Services
                | Systems
                | Owner
                | PerformedBy
                | Status
                | Reason
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Organisation,
    Location,
}

/// One item of a clause list: a reference or a range, optionally delegated
/// to another system with `via`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseItem {
    pub range: TextRange,
    pub start: ClauseRefSyntax,
    /// The end of a range `a .. b`.
    pub end: Option<ClauseRefSyntax>,
    /// `via SYSTEM` (only in `covers`); a name with an empty text when `via`
    /// has no system after it.
    pub via: Option<Name>,
}

/// A clause reference as written: `27001@2013:A.15.1.1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseRefSyntax {
    pub range: TextRange,
    /// `27001@2013`
    pub standard: Name,
    /// `A.15.1.1`; `None` for a half-typed `27001:`.
    pub clause: Option<Name>,
}

impl SourceFile {
    /// Every declaration with a name, with that name.
    pub fn named(&self) -> impl Iterator<Item = (&Declaration, &Name)> {
        self.declarations.iter().filter_map(|d| d.name.as_ref().map(|n| (&**d, n)))
    }
}

impl Statement {
    /// This statement and every statement nested in it, depth first.
    pub fn walk(&self) -> impl Iterator<Item = &Statement> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            stack.extend(next.children.iter().rev());
            Some(next)
        })
    }
}

impl Declaration {
    /// Every statement of the declaration, including nested ones, depth first.
    pub fn all_statements(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().flat_map(Statement::walk)
    }

    /// The top-level statements of one kind.
    pub fn statements_of(&self, kind: StatementKind) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(move |s| s.kind == kind)
    }
}
