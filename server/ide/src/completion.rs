//! Completion: clause numbers after `9001:` (edition-aware, filtered as
//! typed, with titles and summaries), standards where a clause reference
//! starts, names of the right kind in name lists, editions after `standards`
//! and `standard`, and the keywords and block snippets valid where a
//! statement or declaration starts.
//!
//! The cursor usually sits in a half-typed, broken file, so the context is
//! read from the raw text (`completion/context.rs`): the syntax tree gives
//! the start of the declaration around the cursor, and a small lexer runs
//! from there to the cursor.

use ims_catalog::{ClauseKind, Standard};
use ims_syntax::ast::{DeclarationKind, StatementKind};
use ims_syntax::TextRange;

use ims_analysis::markup::{code_span, markdown as md};
use ims_analysis::model::{resolve_standard, ClauseStatus, ControlStatus, Model, ResolvedStandard};
use ims_analysis::{Analysis, Workspace};

use super::cursor::{declaration_at, reference_prefix};
use super::FilePosition;

mod context;

use context::{Context, Expect};

/// One completion proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Shown right after the label on every row (LSP `labelDetails.detail`),
    /// not only on the selected one: a clause's title.
    pub label_detail: Option<String>,
    /// Shown at the end of every row (LSP `labelDetails.description`): what
    /// this IMS does with a clause already (`covered`, `excluded` ...).
    pub label_description: Option<String>,
    /// Markdown; user and catalog text in it is escaped
    /// (`ims_analysis::markup`).
    pub documentation: Option<String>,
    /// The text that replaces `replace`; a snippet with `$1` tab stops when
    /// `is_snippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    /// What the insertion replaces: the word being typed (for a clause
    /// reference, the clause-number part), or an empty range at the cursor.
    pub replace: TextRange,
    pub filter_text: Option<String>,
    /// Orders the items as listed here.
    pub sort_text: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A clause or Annex A entry.
    Clause,
    /// A standard (alias or edition).
    Standard,
    /// The name of a declared entity of this kind.
    Name(DeclarationKind),
    Keyword,
    Snippet,
}

/// The completions at `pos`.
pub fn completion(ws: &Workspace, analysis: &Analysis, pos: FilePosition) -> Vec<CompletionItem> {
    let file = ws.file(pos.file);
    let text: &str = &file.text;
    if pos.offset > text.len() || !text.is_char_boundary(pos.offset) {
        return Vec::new();
    }
    let ast = file.syntax.ast();
    let before = ast.declarations.partition_point(|d| d.range.start < pos.offset);
    let start = ast.declarations[..before].last().map_or(0, |d| d.range.start);
    let Some(context) = Context::read(text, start, pos.offset) else { return Vec::new() };
    let model = &analysis.model;
    let mut items = Vec::new();
    let prefix = &text[context.word.start..pos.offset];
    let mut builder = Builder { ws, model, items: &mut items, replace: context.word, prefix };
    if let Some(colon) = prefix.find(':') {
        let clauses_of = context.clause_statement();
        builder.clauses(&prefix[..colon], context.word.start + colon + 1, clauses_of);
    } else {
        builder.by_expectation(&context, ast, pos.offset);
    }
    for (i, item) in items.iter_mut().enumerate() {
        item.sort_text = Some(format!("{i:04}"));
    }
    items
}

struct Builder<'a> {
    ws: &'a Workspace,
    model: &'a Model,
    items: &'a mut Vec<CompletionItem>,
    replace: TextRange,
    prefix: &'a str,
}

/// Whether `needle` is a subsequence of `haystack`, ignoring case.
fn fuzzy(needle: &str, haystack: &str) -> bool {
    let mut chars = haystack.chars().map(|c| c.to_ascii_lowercase());
    needle.chars().map(|c| c.to_ascii_lowercase()).all(|n| chars.any(|h| h == n))
}

impl Builder<'_> {
    fn push(&mut self, label: impl Into<String>, kind: CompletionKind, insert: impl Into<String>) {
        self.items.push(CompletionItem {
            label: label.into(),
            kind,
            detail: None,
            label_detail: None,
            label_description: None,
            documentation: None,
            insert_text: insert.into(),
            is_snippet: false,
            replace: self.replace,
            filter_text: None,
            sort_text: None,
        });
    }

    fn last(&mut self) -> &mut CompletionItem {
        self.items.last_mut().expect("an item was just pushed")
    }

    fn by_expectation(
        &mut self,
        context: &Context,
        ast: &ims_syntax::ast::SourceFile,
        offset: usize,
    ) {
        match &context.expect {
            Expect::TopLevel => self.declarations(),
            Expect::NewName | Expect::Text => {}
            // On a new line after a one-line declaration, a new declaration
            // is likelier than one more inline statement.
            Expect::Inline if context.new_line => {
                self.declarations();
                self.statements(context, ast, offset);
            }
            Expect::Inline | Expect::Statement => self.statements(context, ast, offset),
            Expect::Names { kind, listed, after_item: false, .. } => self.names(*kind, listed),
            Expect::Via { after_item: false } => self.names(DeclarationKind::System, &[]),
            Expect::Names { after_item: true, .. }
            | Expect::Editions { after_item: true, .. }
            | Expect::Via { after_item: true } => {
                if context.block.is_none() && context.new_line {
                    self.declarations();
                }
                self.statements(context, ast, offset);
            }
            Expect::Clauses { after_item: false, .. } => self.standards(),
            Expect::Clauses { statement, after_item: true } => {
                if !context.new_line {
                    if *statement == StatementKind::Covers {
                        self.keyword("via", "via", "delegate the clause to another system");
                    } else if *statement != StatementKind::Evidence {
                        self.snippet_keyword("because", "because \"$1\"", "the justification");
                    }
                }
                self.statements(context, ast, offset);
            }
            Expect::Editions { listed, after_item: false } => self.editions(listed),
            Expect::ScopeKind => {
                for (kind, doc) in [
                    ("organisation", "the scope goes wherever its units work (the default)"),
                    ("location", "the scope is its sites and the work done there"),
                ] {
                    if fuzzy(self.prefix, kind) {
                        self.keyword(kind, kind, doc);
                    }
                }
            }
            Expect::Block => {}
        }
    }

    fn keyword(&mut self, label: &str, insert: &str, detail: &str) {
        self.push(label, CompletionKind::Keyword, insert);
        self.last().detail = Some(detail.to_string());
    }

    fn snippet_keyword(&mut self, label: &str, snippet: &str, detail: &str) {
        self.keyword(label, snippet, detail);
        self.last().is_snippet = true;
    }

    /// The clauses of the standard written before the colon, whose number
    /// starts with what is typed after it (or whose title contains it).
    fn clauses(&mut self, written: &str, number_start: usize, statement: Option<StatementKind>) {
        let integrated = self.model.integrated();
        let (editions, qualify) = match resolve_standard(&self.ws.catalog, &integrated, written) {
            ResolvedStandard::Found { standard, .. } => (vec![standard], false),
            ResolvedStandard::Ambiguous { editions } => (editions, true),
            ResolvedStandard::Unknown { .. } => return,
        };
        let word = self.replace;
        let typed = &self.prefix[written.len() + 1..];
        let lower = typed.to_ascii_lowercase();
        let by_title = typed.len() >= 2 && typed.bytes().any(|b| b.is_ascii_lowercase());
        for standard in editions {
            let alias = written.split('@').next().unwrap_or(written);
            for clause in &standard.clauses {
                let wanted = match statement {
                    Some(StatementKind::Applicable | StatementKind::Excluded) => {
                        clause.kind != ClauseKind::Clause
                    }
                    Some(StatementKind::NotApplicable) => clause.kind == ClauseKind::Clause,
                    _ => true,
                };
                let matches = clause.reference.to_ascii_lowercase().starts_with(&lower)
                    || (by_title && clause.title.to_ascii_lowercase().contains(&lower));
                if !wanted || !matches {
                    continue;
                }
                let (label, insert, replace) = if qualify {
                    let full = format!("{alias}@{}:{}", standard.edition, clause.reference);
                    (full.clone(), full, word)
                } else {
                    let number = TextRange::new(number_start, word.end.max(number_start));
                    (clause.reference.clone(), clause.reference.clone(), number)
                };
                let status = clause_status(self.model, standard, &clause.reference);
                self.push(label, CompletionKind::Clause, insert);
                self.last().label_description = status;
                let item = self.last();
                item.replace = replace;
                item.detail = Some(if qualify {
                    format!("{} · {}", standard.short_name(), clause.title)
                } else {
                    clause.title.clone()
                });
                item.label_detail = Some(format!(" {}", clause.title));
                item.documentation = clause.summary.as_deref().map(md);
                item.filter_text = Some(if qualify {
                    format!("{written}:{} {}", clause.reference, clause.title)
                } else {
                    format!("{} {}", clause.reference, clause.title)
                });
            }
        }
    }

    /// Standards to start a clause reference with: `9001:`, or
    /// `27001@2013:` where the header integrates two editions.
    fn standards(&mut self) {
        let integrated = self.model.integrated();
        let standards: Vec<&Standard> = if integrated.is_empty() {
            self.ws.catalog.standards().iter().collect()
        } else {
            integrated.iter().filter_map(|id| self.ws.catalog.standard(id)).collect()
        };
        let typed = self.prefix.to_ascii_lowercase();
        for standard in standards {
            let written = reference_prefix(self.ws, self.model, standard);
            let qualifier = written.split_once('@').map(|(_, e)| format!("@{e}"));
            let mut forms: Vec<String> = standard
                .aliases
                .iter()
                .map(|a| format!("{a}{}", qualifier.as_deref().unwrap_or("")))
                .collect();
            if typed.is_empty() {
                forms.truncate(1);
            }
            let Some(form) = forms.into_iter().find(|f| f.to_ascii_lowercase().starts_with(&typed))
            else {
                continue;
            };
            self.push(form.clone(), CompletionKind::Standard, format!("{form}:"));
            let item = self.last();
            item.detail = Some(standard.short_name());
            item.label_description = Some(standard.short_name());
            item.documentation = Some(md(&standard.title));
        }
    }

    fn editions(&mut self, listed: &[String]) {
        let integrated = self.model.integrated();
        let mut standards: Vec<&Standard> = self.ws.catalog.standards().iter().collect();
        // Editions the header integrates first: a system follows one of them.
        standards.sort_by_key(|s| !integrated.contains(&s.id.as_str()));
        for standard in standards {
            if listed.contains(&standard.id) || !fuzzy(self.prefix, &standard.id) {
                continue;
            }
            self.push(standard.id.clone(), CompletionKind::Standard, standard.id.clone());
            let item = self.last();
            item.detail = Some(format!("{} ({})", standard.short_name(), standard.system_kind));
            item.label_description = item.detail.clone();
            item.documentation = Some(md(&standard.title));
        }
    }

    fn names(&mut self, kind: DeclarationKind, listed: &[String]) {
        let model = self.model;
        for (_, entity) in model.of_kind(kind) {
            if listed.contains(&entity.name) || !fuzzy(self.prefix, &entity.name) {
                continue;
            }
            let documentation = name_documentation(self.ws, model, entity);
            self.push(entity.name.clone(), CompletionKind::Name(kind), entity.name.clone());
            let item = self.last();
            item.detail = entity.title.clone();
            item.label_description = entity.title.clone();
            item.documentation = documentation;
        }
    }

    fn statements(&mut self, context: &Context, ast: &ims_syntax::ast::SourceFile, offset: usize) {
        let declaration =
            declaration_at(ast, offset).filter(|d| Some(d.kind) == context.declaration);
        for &statement in context.statements() {
            let keyword = statement.keyword();
            if !fuzzy(self.prefix, keyword) {
                continue;
            }
            let single = matches!(
                statement,
                StatementKind::Standard
                    | StatementKind::Owner
                    | StatementKind::External
                    | StatementKind::Internal
                    | StatementKind::Description
                    | StatementKind::Provides
                    | StatementKind::Requirements
                    | StatementKind::Target
                    | StatementKind::Measure
                    | StatementKind::Address
                    | StatementKind::Approver
                    | StatementKind::Version
                    | StatementKind::Status
            );
            let written = |kind: StatementKind| {
                declaration.is_some_and(|d| d.statements_of(kind).any(|s| !s.range.touches(offset)))
            };
            if single && written(statement) {
                continue;
            }
            if matches!(statement, StatementKind::External | StatementKind::Internal)
                && (written(StatementKind::External) || written(StatementKind::Internal))
            {
                continue;
            }
            let detail = statement_detail(statement);
            match statement {
                StatementKind::Scope => {
                    self.snippet_keyword("scope", "scope { units $1 }", detail);
                    self.snippet_keyword(
                        "scope location",
                        "scope location { sites $1 }",
                        "a location-based scope: its sites and the work done there",
                    );
                }
                StatementKind::Controls => {
                    self.snippet_keyword("controls", "controls {\n\tapplicable $1\n}", detail)
                }
                StatementKind::NotApplicable | StatementKind::Excluded => {
                    self.snippet_keyword(keyword, &format!("{keyword} $1 because \"$2\""), detail)
                }
                StatementKind::Description
                | StatementKind::Provides
                | StatementKind::Requirements
                | StatementKind::Target
                | StatementKind::Measure
                | StatementKind::Address
                | StatementKind::Approver
                | StatementKind::Version => {
                    self.snippet_keyword(keyword, &format!("{keyword} \"$1\""), detail)
                }
                _ => self.keyword(keyword, keyword, detail),
            }
        }
    }

    /// Snippets for the declarations; the `ims` header only while there is none.
    fn declarations(&mut self) {
        let integrated = self.model.integrated();
        for kind in DeclarationKind::ALL {
            let keyword = kind.keyword();
            if !fuzzy(self.prefix, keyword) {
                continue;
            }
            let snippet = match kind {
                DeclarationKind::Ims if self.model.header.is_some() => continue,
                DeclarationKind::Ims => {
                    "ims \"${1:Title}\" {\n\tstandards ${2:iso20000-1@2018, iso9001@2015, iso27001@2022}\n}"
                        .to_string()
                }
                DeclarationKind::System => {
                    let editions: Vec<String> = if integrated.is_empty() {
                        self.ws.catalog.standards().iter().map(|s| s.id.clone()).collect()
                    } else {
                        integrated.iter().map(|s| s.to_string()).collect()
                    };
                    format!(
                        "system ${{1:name}} \"${{2:Title}}\" standard ${{3|{}|}} {{\n\tscope {{ units $4 }}\n\t$0\n}}",
                        editions.join(",")
                    )
                }
                _ => format!("{keyword} ${{1:name}} \"${{2:Title}}\" {{\n\t$0\n}}"),
            };
            self.push(keyword, CompletionKind::Snippet, snippet);
            let item = self.last();
            item.is_snippet = true;
            item.detail = Some(declaration_detail(kind).to_string());
        }
    }
}

fn name_documentation(
    ws: &Workspace,
    model: &Model,
    entity: &ims_analysis::model::Entity,
) -> Option<String> {
    let d = &entity.details;
    match entity.kind {
        DeclarationKind::Unit if !d.sites.is_empty() => {
            let sites: Vec<String> =
                d.sites.iter().map(|&s| code_span(&model.entity(s).name)).collect();
            Some(format!("Works at {}.", ims_analysis::wording::join_and(&sites)))
        }
        DeclarationKind::System => {
            let system = d.system.as_ref()?;
            let standard = ws.catalog.standard(system.standard.as_deref()?)?;
            Some(md(&standard.short_name()))
        }
        DeclarationKind::Supplier => d
            .external
            .map(|e| if e { "External supplier." } else { "Internal supplier." }.to_string()),
        _ => None,
    }
}

/// What the IMS does with a clause already, for the end of its completion
/// row: a control's place in the Statement of Applicability, a requirement
/// clause's coverage; `None` when nothing yet (or no system follows the
/// standard). With several systems of the standard, the first that says
/// something.
fn clause_status(model: &Model, standard: &Standard, reference: &str) -> Option<String> {
    let clause = standard.clause(reference)?;
    model.systems_of_standard(&standard.id).find_map(|system| {
        let coverage = model.coverage.get(&system)?;
        if clause.kind == ClauseKind::Control {
            return match coverage.control(reference)? {
                ControlStatus::Applicable { implemented_by } if implemented_by.is_empty() => {
                    Some("applicable".to_string())
                }
                ControlStatus::Applicable { .. } => Some("applicable, implemented".to_string()),
                ControlStatus::Excluded { .. } => Some("excluded".to_string()),
                ControlStatus::Missing { implemented_by } if !implemented_by.is_empty() => {
                    Some("covered, not in the SoA".to_string())
                }
                ControlStatus::Missing { .. } => None,
            };
        }
        let leaves: Vec<&ClauseStatus> = coverage
            .requirements
            .iter()
            .filter(|(r, _)| standard.is_within(r, reference))
            .map(|(_, s)| s)
            .collect();
        let count = |f: fn(&ClauseStatus) -> bool| leaves.iter().filter(|s| f(s)).count();
        let covered = count(|s| matches!(s, ClauseStatus::Covered { .. }));
        let delegated = count(|s| matches!(s, ClauseStatus::Delegated { .. }));
        let excluded = count(|s| matches!(s, ClauseStatus::Excluded { .. }));
        let all = leaves.len();
        match () {
            _ if all == 0 || covered + delegated + excluded == 0 => None,
            _ if covered == all => Some("covered".to_string()),
            _ if delegated == all => Some("delegated".to_string()),
            _ if excluded == all => Some("not applicable".to_string()),
            _ => Some(format!("{} of {all} addressed", covered + delegated + excluded)),
        }
    })
}

/// What a statement holds, as the docs/language.md tables say.
fn statement_detail(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Standards => "the standard editions the IMS integrates",
        StatementKind::Standard => "the standard edition the system follows",
        StatementKind::At => "sites",
        StatementKind::DeliveredBy => "the units that deliver the service",
        StatementKind::Suppliers => "suppliers",
        StatementKind::External => "another organisation (20000-1 8.3.4.1)",
        StatementKind::Internal => {
            "another part of the organisation, outside the SMS (20000-1 8.3.4.2)"
        }
        StatementKind::Scope => "the units, sites and services the system applies to",
        StatementKind::Units => "units in the scope",
        StatementKind::Sites => "sites in the scope",
        StatementKind::Services => "services",
        StatementKind::Systems => "the systems it is relevant for",
        StatementKind::NotApplicable => "clauses excluded from the system, with a justification",
        StatementKind::Controls => "the Statement of Applicability (27001 6.1.3 d)",
        StatementKind::Applicable => "Annex A controls included in the ISMS",
        StatementKind::Excluded => "Annex A controls excluded, with a justification",
        StatementKind::Owner => "the accountable unit",
        StatementKind::PerformedBy => "the units that carry it out",
        StatementKind::Covers => "the clauses and controls it meets; `via SYSTEM` to delegate",
        StatementKind::Evidence => "the clauses and controls it is evidence for",
        StatementKind::Description => "a description",
        StatementKind::Provides => "what the supplier provides",
        StatementKind::Requirements => "the party's relevant requirements",
        StatementKind::Target => "the objective's target",
        StatementKind::Measure => "how achievement is measured",
        StatementKind::Address => "the site's address",
        StatementKind::Approver => "who approves this IMS description (document control)",
        StatementKind::Version => "the version of this IMS description (document control)",
        StatementKind::Status => {
            "document control: draft, review, approved; a control: implemented, partial, planned \"DATE\", not-implemented"
        }
        StatementKind::Reason => {
            "why the controls are included: risk-treatment, legal, regulatory, contractual, business"
        }
    }
}

fn declaration_detail(kind: DeclarationKind) -> &'static str {
    match kind {
        DeclarationKind::Ims => "the IMS header: its title and integrated standards",
        DeclarationKind::Site => "a location where the organisation works",
        DeclarationKind::Unit => "a team or department, and the sites it works at",
        DeclarationKind::Service => "a service the organisation delivers",
        DeclarationKind::Supplier => "an external or internal supplier",
        DeclarationKind::System => "a management system: its standard, scope and exclusions",
        DeclarationKind::Process => "a process: who runs it, where, and what it covers",
        DeclarationKind::Party => "an interested party (4.2)",
        DeclarationKind::Objective => "an objective (6.2)",
        DeclarationKind::Document => "documented information (7.5)",
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::{completion, CompletionItem};

    fn render(f: &fixture::Fixture, items: &[CompletionItem]) -> String {
        let mut out = String::new();
        for item in items {
            let snippet = if item.is_snippet { " (snippet)" } else { "" };
            out.push_str(&format!(
                "{:?} {} -> {:?}{snippet} at {}",
                item.kind,
                item.label,
                item.insert_text,
                f.show_range(item.replace)
            ));
            if let Some(detail) = &item.detail {
                out.push_str(&format!(" · {detail}"));
            }
            if let Some(description) = &item.label_description {
                out.push_str(&format!(" [{description}]"));
            }
            out.push('\n');
        }
        if items.is_empty() {
            out.push_str("no completions\n");
        }
        out
    }

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let items = completion(&f.workspace, &f.analysis, f.position);
        expect.assert_eq(&render(&f, &items));
    }

    /// Only the labels, for long lists.
    #[track_caller]
    fn check_labels(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let items = completion(&f.workspace, &f.analysis, f.position);
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        expect.assert_eq(&(labels.join(" ") + "\n"));
    }

    const HEADER: &str = "ims \"T\" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }\n";

    fn with_header(body: &str) -> String {
        format!("{HEADER}{body}")
    }

    #[test]
    fn clause_numbers_after_a_dot() {
        check_labels(
            &with_header("process p { covers 9001:8.$0 }"),
            expect![[r#"
                8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.3.1 8.2.3.2 8.2.4 8.3 8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6 8.4 8.4.1 8.4.2 8.4.3 8.5 8.5.1 8.5.2 8.5.3 8.5.4 8.5.5 8.5.6 8.6 8.7 8.7.1 8.7.2
            "#]],
        );
        check(
            &with_header("process p { covers 9001:8.$0 }"),
            expect![[r#"
                Clause 8.1 -> "8.1" at 2:25-2:27 "8." · Operational planning and control
                Clause 8.2 -> "8.2" at 2:25-2:27 "8." · Requirements for products and services
                Clause 8.2.1 -> "8.2.1" at 2:25-2:27 "8." · Customer communication
                Clause 8.2.2 -> "8.2.2" at 2:25-2:27 "8." · Determining the requirements for products and services
                Clause 8.2.3 -> "8.2.3" at 2:25-2:27 "8." · Review of the requirements for products and services
                Clause 8.2.3.1 -> "8.2.3.1" at 2:25-2:27 "8." · Review of the requirements for products and services
                Clause 8.2.3.2 -> "8.2.3.2" at 2:25-2:27 "8." · Review of the requirements for products and services
                Clause 8.2.4 -> "8.2.4" at 2:25-2:27 "8." · Changes to requirements for products and services
                Clause 8.3 -> "8.3" at 2:25-2:27 "8." · Design and development of products and services
                Clause 8.3.1 -> "8.3.1" at 2:25-2:27 "8." · General
                Clause 8.3.2 -> "8.3.2" at 2:25-2:27 "8." · Design and development planning
                Clause 8.3.3 -> "8.3.3" at 2:25-2:27 "8." · Design and development inputs
                Clause 8.3.4 -> "8.3.4" at 2:25-2:27 "8." · Design and development controls
                Clause 8.3.5 -> "8.3.5" at 2:25-2:27 "8." · Design and development outputs
                Clause 8.3.6 -> "8.3.6" at 2:25-2:27 "8." · Design and development changes
                Clause 8.4 -> "8.4" at 2:25-2:27 "8." · Control of externally provided processes, products and services
                Clause 8.4.1 -> "8.4.1" at 2:25-2:27 "8." · General
                Clause 8.4.2 -> "8.4.2" at 2:25-2:27 "8." · Type and extent of control
                Clause 8.4.3 -> "8.4.3" at 2:25-2:27 "8." · Information for external providers
                Clause 8.5 -> "8.5" at 2:25-2:27 "8." · Production and service provision
                Clause 8.5.1 -> "8.5.1" at 2:25-2:27 "8." · Control of production and service provision
                Clause 8.5.2 -> "8.5.2" at 2:25-2:27 "8." · Identification and traceability
                Clause 8.5.3 -> "8.5.3" at 2:25-2:27 "8." · Property belonging to customers or external providers
                Clause 8.5.4 -> "8.5.4" at 2:25-2:27 "8." · Preservation
                Clause 8.5.5 -> "8.5.5" at 2:25-2:27 "8." · Post-delivery activities
                Clause 8.5.6 -> "8.5.6" at 2:25-2:27 "8." · Control of changes
                Clause 8.6 -> "8.6" at 2:25-2:27 "8." · Release of products and services
                Clause 8.7 -> "8.7" at 2:25-2:27 "8." · Control of nonconforming outputs
                Clause 8.7.1 -> "8.7.1" at 2:25-2:27 "8." · Control of nonconforming outputs
                Clause 8.7.2 -> "8.7.2" at 2:25-2:27 "8." · Control of nonconforming outputs
            "#]],
        );
    }

    #[test]
    fn clause_numbers_after_the_colon() {
        check_labels(
            &with_header("process p { covers 9001:$0 }"),
            expect![[r#"
            4 4.1 4.2 4.3 4.4 4.4.1 4.4.2 5 5.1 5.1.1 5.1.2 5.2 5.2.1 5.2.2 5.3 6 6.1 6.1.1 6.1.2 6.2 6.2.1 6.2.2 6.3 7 7.1 7.1.1 7.1.2 7.1.3 7.1.4 7.1.5 7.1.5.1 7.1.5.2 7.1.6 7.2 7.3 7.4 7.5 7.5.1 7.5.2 7.5.3 7.5.3.1 7.5.3.2 8 8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.3.1 8.2.3.2 8.2.4 8.3 8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6 8.4 8.4.1 8.4.2 8.4.3 8.5 8.5.1 8.5.2 8.5.3 8.5.4 8.5.5 8.5.6 8.6 8.7 8.7.1 8.7.2 9 9.1 9.1.1 9.1.2 9.1.3 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1 10.2 10.2.1 10.2.2 10.3
        "#]],
        );
    }

    #[test]
    fn controls_filtered_by_prefix() {
        check(
            &with_header("process p { covers 27001:A.5.1$0 }"),
            expect![[r#"
            Clause A.5.1 -> "A.5.1" at 2:26-2:31 "A.5.1" · Policies for information security
            Clause A.5.10 -> "A.5.10" at 2:26-2:31 "A.5.1" · Acceptable use of information and other associated assets
            Clause A.5.11 -> "A.5.11" at 2:26-2:31 "A.5.1" · Return of assets
            Clause A.5.12 -> "A.5.12" at 2:26-2:31 "A.5.1" · Classification of information
            Clause A.5.13 -> "A.5.13" at 2:26-2:31 "A.5.1" · Labelling of information
            Clause A.5.14 -> "A.5.14" at 2:26-2:31 "A.5.1" · Information transfer
            Clause A.5.15 -> "A.5.15" at 2:26-2:31 "A.5.1" · Access control
            Clause A.5.16 -> "A.5.16" at 2:26-2:31 "A.5.1" · Identity management
            Clause A.5.17 -> "A.5.17" at 2:26-2:31 "A.5.1" · Authentication information
            Clause A.5.18 -> "A.5.18" at 2:26-2:31 "A.5.1" · Access rights
            Clause A.5.19 -> "A.5.19" at 2:26-2:31 "A.5.1" · Information security in supplier relationships
        "#]],
        );
    }

    #[test]
    fn clause_number_in_the_middle_of_a_reference_replaces_it_whole() {
        check(
            &with_header("process p { covers 9001:8.$04 }"),
            expect![[r#"
            Clause 8.1 -> "8.1" at 2:25-2:28 "8.4" · Operational planning and control
            Clause 8.2 -> "8.2" at 2:25-2:28 "8.4" · Requirements for products and services
            Clause 8.2.1 -> "8.2.1" at 2:25-2:28 "8.4" · Customer communication
            Clause 8.2.2 -> "8.2.2" at 2:25-2:28 "8.4" · Determining the requirements for products and services
            Clause 8.2.3 -> "8.2.3" at 2:25-2:28 "8.4" · Review of the requirements for products and services
            Clause 8.2.3.1 -> "8.2.3.1" at 2:25-2:28 "8.4" · Review of the requirements for products and services
            Clause 8.2.3.2 -> "8.2.3.2" at 2:25-2:28 "8.4" · Review of the requirements for products and services
            Clause 8.2.4 -> "8.2.4" at 2:25-2:28 "8.4" · Changes to requirements for products and services
            Clause 8.3 -> "8.3" at 2:25-2:28 "8.4" · Design and development of products and services
            Clause 8.3.1 -> "8.3.1" at 2:25-2:28 "8.4" · General
            Clause 8.3.2 -> "8.3.2" at 2:25-2:28 "8.4" · Design and development planning
            Clause 8.3.3 -> "8.3.3" at 2:25-2:28 "8.4" · Design and development inputs
            Clause 8.3.4 -> "8.3.4" at 2:25-2:28 "8.4" · Design and development controls
            Clause 8.3.5 -> "8.3.5" at 2:25-2:28 "8.4" · Design and development outputs
            Clause 8.3.6 -> "8.3.6" at 2:25-2:28 "8.4" · Design and development changes
            Clause 8.4 -> "8.4" at 2:25-2:28 "8.4" · Control of externally provided processes, products and services
            Clause 8.4.1 -> "8.4.1" at 2:25-2:28 "8.4" · General
            Clause 8.4.2 -> "8.4.2" at 2:25-2:28 "8.4" · Type and extent of control
            Clause 8.4.3 -> "8.4.3" at 2:25-2:28 "8.4" · Information for external providers
            Clause 8.5 -> "8.5" at 2:25-2:28 "8.4" · Production and service provision
            Clause 8.5.1 -> "8.5.1" at 2:25-2:28 "8.4" · Control of production and service provision
            Clause 8.5.2 -> "8.5.2" at 2:25-2:28 "8.4" · Identification and traceability
            Clause 8.5.3 -> "8.5.3" at 2:25-2:28 "8.4" · Property belonging to customers or external providers
            Clause 8.5.4 -> "8.5.4" at 2:25-2:28 "8.4" · Preservation
            Clause 8.5.5 -> "8.5.5" at 2:25-2:28 "8.4" · Post-delivery activities
            Clause 8.5.6 -> "8.5.6" at 2:25-2:28 "8.4" · Control of changes
            Clause 8.6 -> "8.6" at 2:25-2:28 "8.4" · Release of products and services
            Clause 8.7 -> "8.7" at 2:25-2:28 "8.4" · Control of nonconforming outputs
            Clause 8.7.1 -> "8.7.1" at 2:25-2:28 "8.4" · Control of nonconforming outputs
            Clause 8.7.2 -> "8.7.2" at 2:25-2:28 "8.4" · Control of nonconforming outputs
        "#]],
        );
    }

    #[test]
    fn clauses_by_title_words() {
        check(
            &with_header("process p { covers 20000-1:suppl$0 }"),
            expect![[r#"
            Clause 8.3.4 -> "8.3.4" at 2:28-2:33 "suppl" · Supplier management
            Clause 8.3.4.1 -> "8.3.4.1" at 2:28-2:33 "suppl" · Management of external suppliers
            Clause 8.3.4.2 -> "8.3.4.2" at 2:28-2:33 "suppl" · Management of internal suppliers and customers acting as a supplier
            Clause 8.4 -> "8.4" at 2:28-2:33 "suppl" · Supply and demand
        "#]],
        );
    }

    #[test]
    fn qualified_edition_and_ambiguous_edition() {
        check_labels(
            "ims \"T\" { standards iso27001@2022 }\nprocess p { covers 27001@2013:A.15.$0 }",
            expect![[r#"
                A.15.1 A.15.1.1 A.15.1.2 A.15.1.3 A.15.2 A.15.2.1 A.15.2.2
            "#]],
        );
        check(
            "ims \"T\" { standards iso27001@2013, iso27001@2022 }\nprocess p { covers 27001:A.5.2$0 }",
            expect![[r#"
                Clause 27001@2022:A.5.2 -> "27001@2022:A.5.2" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Information security roles and responsibilities
                Clause 27001@2022:A.5.20 -> "27001@2022:A.5.20" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Addressing information security within supplier agreements
                Clause 27001@2022:A.5.21 -> "27001@2022:A.5.21" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Managing information security in the ICT supply chain
                Clause 27001@2022:A.5.22 -> "27001@2022:A.5.22" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Monitoring, review and change management of supplier services
                Clause 27001@2022:A.5.23 -> "27001@2022:A.5.23" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Information security for use of cloud services
                Clause 27001@2022:A.5.24 -> "27001@2022:A.5.24" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Information security incident management planning and preparation
                Clause 27001@2022:A.5.25 -> "27001@2022:A.5.25" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Assessment and decision on information security events
                Clause 27001@2022:A.5.26 -> "27001@2022:A.5.26" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Response to information security incidents
                Clause 27001@2022:A.5.27 -> "27001@2022:A.5.27" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Learning from information security incidents
                Clause 27001@2022:A.5.28 -> "27001@2022:A.5.28" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Collection of evidence
                Clause 27001@2022:A.5.29 -> "27001@2022:A.5.29" at 2:20-2:31 "27001:A.5.2" · ISO/IEC 27001:2022 · Information security during disruption
            "#]],
        );
    }

    #[test]
    fn only_controls_in_a_statement_of_applicability() {
        check_labels(
            &with_header(
                "system S standard iso27001@2022 { controls { applicable 27001:A.8.3$0 } }",
            ),
            expect![[r#"
                A.8.3 A.8.30 A.8.31 A.8.32 A.8.33 A.8.34
            "#]],
        );
        check_labels(
            &with_header("system S standard iso9001@2015 { not-applicable 9001:8.3.$0 }"),
            expect![[r#"
                8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6
            "#]],
        );
    }

    #[test]
    fn standards_where_a_reference_starts() {
        check(
            &with_header("process p { covers 90$0 }"),
            expect![[r#"
                Standard 9001 -> "9001:" at 2:20-2:22 "90" · ISO 9001:2015 [ISO 9001:2015]
            "#]],
        );
        check(
            &with_header("process p { covers 9001:8.4, $0 }"),
            expect![[r#"
                Standard 20000-1 -> "20000-1:" at 2:30-2:30 "" · ISO/IEC 20000-1:2018 [ISO/IEC 20000-1:2018]
                Standard 9001 -> "9001:" at 2:30-2:30 "" · ISO 9001:2015 [ISO 9001:2015]
                Standard 27001 -> "27001:" at 2:30-2:30 "" · ISO/IEC 27001:2022 [ISO/IEC 27001:2022]
            "#]],
        );
        check(
            &with_header("process p { covers iso2$0 }"),
            expect![[r#"
                Standard iso20000-1 -> "iso20000-1:" at 2:20-2:24 "iso2" · ISO/IEC 20000-1:2018 [ISO/IEC 20000-1:2018]
                Standard iso27001 -> "iso27001:" at 2:20-2:24 "iso2" · ISO/IEC 27001:2022 [ISO/IEC 27001:2022]
            "#]],
        );
    }

    #[test]
    fn standards_of_an_ims_in_transition_are_qualified() {
        check_labels(
            "ims \"T\" { standards iso27001@2013, iso27001@2022 }\nprocess p { covers 27$0 }",
            expect![[r#"
                27001@2013 27001@2022
            "#]],
        );
    }

    #[test]
    fn after_a_clause_via_and_statements() {
        check(
            &with_header("process p { covers 20000-1:8.7.3 $0 }"),
            expect![[r#"
                Keyword via -> "via" at 2:34-2:34 "" · delegate the clause to another system
                Keyword owner -> "owner" at 2:34-2:34 "" · the accountable unit
                Keyword performed-by -> "performed-by" at 2:34-2:34 "" · the units that carry it out
                Keyword at -> "at" at 2:34-2:34 "" · sites
                Keyword services -> "services" at 2:34-2:34 "" · services
                Keyword suppliers -> "suppliers" at 2:34-2:34 "" · suppliers
                Keyword covers -> "covers" at 2:34-2:34 "" · the clauses and controls it meets; `via SYSTEM` to delegate
                Keyword description -> "description \"$1\"" (snippet) at 2:34-2:34 "" · a description
            "#]],
        );
        check(
            &with_header("system S standard iso9001@2015 { not-applicable 9001:8.3 b$0 }"),
            expect![[r#"
                Keyword because -> "because \"$1\"" (snippet) at 2:58-2:59 "b" · the justification
                Keyword not-applicable -> "not-applicable $1 because \"$2\"" (snippet) at 2:58-2:59 "b" · clauses excluded from the system, with a justification
            "#]],
        );
    }

    #[test]
    fn systems_after_via() {
        check(
            &with_header(
                "system ISMS \"Security\" standard iso27001@2022\nprocess p { covers 20000-1:8.7.3 via $0 }",
            ),
            expect![[r#"
                Name(System) ISMS -> "ISMS" at 3:38-3:38 "" · Security [Security]
            "#]],
        );
    }

    #[test]
    fn sites_after_at() {
        check(
            &with_header(
                "site hq \"HQ\"\nsite dc1 \"Data centre\"\nunit ops \"Ops\" at $0\nunit b \"B\"",
            ),
            expect![[r#"
                Name(Site) hq -> "hq" at 4:19-4:19 "" · HQ [HQ]
                Name(Site) dc1 -> "dc1" at 4:19-4:19 "" · Data centre [Data centre]
            "#]],
        );
    }

    #[test]
    fn names_already_listed_are_left_out() {
        check(
            &with_header(
                "unit a \"A\"\nunit b \"B\"\nunit c \"C\"\nprocess p { performed-by a, c, $0 }",
            ),
            expect![[r#"
                Name(Unit) b -> "b" at 5:32-5:32 "" · B [B]
            "#]],
        );
    }

    #[test]
    fn names_in_a_scope_block_filtered_as_typed() {
        check(
            &with_header(
                "unit ops \"Ops\"\nunit sales \"Sales\"\nsystem S standard iso9001@2015 { scope { units o$0 } }",
            ),
            expect![[r#"
                Name(Unit) ops -> "ops" at 4:48-4:49 "o" · Ops [Ops]
            "#]],
        );
    }

    #[test]
    fn names_from_other_files() {
        check(
            r#"
            //- /org.ims
            ims "T" { standards iso9001@2015 }
            unit ops "Operations" at hq
            site hq "HQ"
            //- /processes.ims
            process p { owner $0 }
            "#,
            expect![[r#"
                Name(Unit) ops -> "ops" at /processes.ims 1:19-1:19 "" · Operations [Operations]
            "#]],
        );
    }

    #[test]
    fn statements_in_a_process() {
        check(
            &with_header("process p { $0 }"),
            expect![[r#"
            Keyword owner -> "owner" at 2:13-2:13 "" · the accountable unit
            Keyword performed-by -> "performed-by" at 2:13-2:13 "" · the units that carry it out
            Keyword at -> "at" at 2:13-2:13 "" · sites
            Keyword services -> "services" at 2:13-2:13 "" · services
            Keyword suppliers -> "suppliers" at 2:13-2:13 "" · suppliers
            Keyword covers -> "covers" at 2:13-2:13 "" · the clauses and controls it meets; `via SYSTEM` to delegate
            Keyword description -> "description \"$1\"" (snippet) at 2:13-2:13 "" · a description
        "#]],
        );
    }

    #[test]
    fn statements_in_a_system_leave_out_what_is_written_once() {
        check_labels(
            &with_header("system S \"S\" standard iso9001@2015 {\n  description \"x\"\n  $0\n}"),
            expect![[r#"
                scope scope location not-applicable controls
            "#]],
        );
    }

    #[test]
    fn statements_in_scope_and_controls_blocks() {
        check_labels(
            &with_header("system S standard iso27001@2022 { scope { $0 } }"),
            expect![[r#"
                units sites services suppliers
            "#]],
        );
        check_labels(
            &with_header("system S standard iso27001@2022 { controls { ex$0 } }"),
            expect![[r#"
                excluded
            "#]],
        );
    }

    #[test]
    fn scope_kind() {
        check_labels(
            &with_header("system S standard iso27001@2022 { scope $0 }"),
            expect![[r#"
                organisation location
            "#]],
        );
    }

    #[test]
    fn editions_after_standard() {
        check(
            &with_header("system S \"S\" standard $0"),
            expect![[r#"
                Standard iso20000-1@2018 -> "iso20000-1@2018" at 2:23-2:23 "" · ISO/IEC 20000-1:2018 (SMS) [ISO/IEC 20000-1:2018 (SMS)]
                Standard iso9001@2015 -> "iso9001@2015" at 2:23-2:23 "" · ISO 9001:2015 (QMS) [ISO 9001:2015 (QMS)]
                Standard iso27001@2022 -> "iso27001@2022" at 2:23-2:23 "" · ISO/IEC 27001:2022 (ISMS) [ISO/IEC 27001:2022 (ISMS)]
                Standard iso27001@2013 -> "iso27001@2013" at 2:23-2:23 "" · ISO/IEC 27001:2013 (ISMS) [ISO/IEC 27001:2013 (ISMS)]
            "#]],
        );
        check_labels(
            "ims \"T\" { standards iso9001@2015, $0 }",
            expect![[r#"
                iso20000-1@2018 iso27001@2013 iso27001@2022
            "#]],
        );
    }

    #[test]
    fn declarations_at_top_level() {
        check(
            &with_header("site hq \"HQ\"\n\n$0"),
            expect![[r#"
                Snippet site -> "site ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · a location where the organisation works
                Snippet unit -> "unit ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · a team or department, and the sites it works at
                Snippet service -> "service ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · a service the organisation delivers
                Snippet supplier -> "supplier ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · an external or internal supplier
                Snippet system -> "system ${1:name} \"${2:Title}\" standard ${3|iso20000-1@2018,iso9001@2015,iso27001@2022|} {\n\tscope { units $4 }\n\t$0\n}" (snippet) at 4:1-4:1 "" · a management system: its standard, scope and exclusions
                Snippet process -> "process ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · a process: who runs it, where, and what it covers
                Snippet party -> "party ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · an interested party (4.2)
                Snippet objective -> "objective ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · an objective (6.2)
                Snippet document -> "document ${1:name} \"${2:Title}\" {\n\t$0\n}" (snippet) at 4:1-4:1 "" · documented information (7.5)
                Keyword description -> "description \"$1\"" (snippet) at 4:1-4:1 "" · a description
                Keyword address -> "address \"$1\"" (snippet) at 4:1-4:1 "" · the site's address
            "#]],
        );
        check_labels(
            "$0",
            expect![[r#"
                ims site unit service supplier system process party objective document
            "#]],
        );
        check_labels(
            &with_header("unit u \"U\" { at hq }\npro$0"),
            expect![[r#"
            process
        "#]],
        );
    }

    #[test]
    fn inline_statements_and_declarations_after_a_one_line_declaration() {
        check_labels(
            &with_header("site hq \"HQ\"\nunit u \"U\" at hq\n$0"),
            expect![[r#"
                site unit service supplier system process party objective document at description
            "#]],
        );
        check_labels(
            &with_header("site hq \"HQ\"\nunit u \"U\" $0"),
            expect![[r#"
            at description
        "#]],
        );
    }

    #[test]
    fn broken_text_above_does_not_confuse_the_context() {
        check_labels(
            &with_header(
                "process a { covers 9001:8.\nunit u \"U\" at hq,\nsite hq \"HQ\"\nprocess b { covers 27001:A.8.3$0",
            ),
            expect![[r#"
                A.8.3 A.8.30 A.8.31 A.8.32 A.8.33 A.8.34
            "#]],
        );
    }

    #[test]
    fn nothing_in_strings_comments_and_new_names() {
        check(
            &with_header("unit u \"U $0\""),
            expect![[r#"
            no completions
        "#]],
        );
        check(
            &with_header("// covers 9001:$0"),
            expect![[r#"
            no completions
        "#]],
        );
        check(
            &with_header("unit $0"),
            expect![[r#"
            no completions
        "#]],
        );
        check(
            &with_header("unit u \"U\" { description \"$0"),
            expect![[r#"
            no completions
        "#]],
        );
    }

    #[test]
    fn every_row_shows_the_title_and_what_the_ims_does_with_the_control() {
        let f = fixture::parse(&with_header(
            r#"
system ISMS standard iso27001@2022 {
  controls {
    applicable 27001:A.5.1, 27001:A.5.10 because "Policies"
    excluded 27001:A.5.11 because "No assets are returned"
  }
}
process p { covers 27001:A.5.10, 27001:A.5.12; covers 27001:A.5.1$0 }
"#,
        ));
        let items = completion(&f.workspace, &f.analysis, f.position);
        let rows: Vec<String> = items
            .iter()
            .take(5)
            .map(|i| {
                format!(
                    "{}{} [{}]",
                    i.label,
                    i.label_detail.as_deref().unwrap_or("(no title)"),
                    i.label_description.as_deref().unwrap_or("")
                )
            })
            .collect();
        expect![[r#"
            A.5.1 Policies for information security [applicable, implemented]
            A.5.10 Acceptable use of information and other associated assets [applicable, implemented]
            A.5.11 Return of assets [excluded]
            A.5.12 Classification of information [covered, not in the SoA]
            A.5.13 Labelling of information []"#]].assert_eq(&rows.join("\n"));
        assert!(items.iter().all(|i| i.label_detail.is_some()), "every row has its title");
    }

    /// User text reaches completion documentation (Markdown) only escaped;
    /// titles go to `detail`, which editors show as plain text.
    #[test]
    fn user_text_is_never_live_markdown() {
        let f = fixture::parse(&with_header(
            r#"
site hq "[x](command:workbench.action.terminal.new)"
unit ops "![](http://e.x/a.png)" at hq
process p { owner o$0 }
"#,
        ));
        let items = completion(&f.workspace, &f.analysis, f.position);
        let ops = items.iter().find(|i| i.label == "ops").expect("ops is offered");
        assert_eq!(ops.detail.as_deref(), Some("![](http://e.x/a.png)"));
        let documentation = ops.documentation.as_deref().unwrap_or("");
        assert!(!documentation.contains("]("), "{documentation}");
    }
}
