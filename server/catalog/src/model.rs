//! The catalog's plain data types: standards, clauses, correlations.
//!
//! Everything here is data: it is filled from the TOML files by `load` and
//! never changed afterwards, so the indexes kept beside it stay valid.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// One edition of a management system standard, e.g. ISO 9001:2015.
#[derive(Debug, Clone, Serialize)]
pub struct Standard {
    /// `<family>@<edition>`, e.g. `iso9001@2015`.
    pub id: String,
    /// `iso` + number, e.g. `iso9001`, `iso20000-1`.
    pub family: String,
    /// The edition year, e.g. `2015`.
    pub edition: String,
    /// What a clause reference may be written with, e.g. `9001`, `iso9001`.
    pub aliases: Vec<String>,
    /// Full title, starting with the short name, e.g. `ISO 9001:2015 Quality management systems - Requirements`.
    pub title: String,
    /// The management system it specifies: `QMS`, `SMS`, `ISMS`, `EMS` ...
    pub system_kind: String,
    pub structure: Structure,
    pub exclusion_policy: ExclusionPolicy,
    /// What may be excluded, clause by clause (`[[exclusion]]` tables): the
    /// most specific row for a clause or its nearest ancestor decides. A
    /// file with policy `none` or `annex-a-only` and no table gets one
    /// `not-permitted` row per top-level clause of 4-10.
    pub exclusions: Vec<ExclusionEntry>,
    /// What the scope of a system following this standard must state
    /// (`[[scope-content]]` tables), e.g. the services for ISO/IEC 20000-1.
    pub scope_content: Vec<ScopeContent>,
    /// Id of the edition that replaces this one (only ISO/IEC 27001:2013 among the built-ins).
    pub superseded_by: Option<String>,
    /// `YYYY-MM-DD` after which certificates to this edition are no longer valid.
    pub withdrawn: Option<String>,
    /// Standard-level notes (numbering drift, amendments), in the project's own words.
    pub notes: Vec<String>,
    /// Clauses and Annex A entries, in document order.
    pub clauses: Vec<Clause>,
    /// True for the four editions embedded in the binary, false for user catalogs.
    pub builtin: bool,
    /// Position of each clause in `clauses`, by reference.
    #[serde(skip)]
    pub(crate) index: rustc_hash::FxHashMap<String, usize>,
}

impl Standard {
    pub(crate) fn rebuild_index(&mut self) {
        self.index =
            self.clauses.iter().enumerate().map(|(i, c)| (c.reference.clone(), i)).collect();
    }

    /// The clause or Annex A entry with exactly this reference (`8.4`, `A.5.19`).
    pub fn clause(&self, reference: &str) -> Option<&Clause> {
        self.index.get(reference).map(|&i| &self.clauses[i])
    }

    /// The clause whose reference equals `reference` but for the case of
    /// its annex letter (`a.5.19` for A.5.19): the numbering is
    /// case-insensitive, the catalog's spelling is upper case.
    pub fn clause_ignoring_case(&self, reference: &str) -> Option<&Clause> {
        self.clause(reference).or_else(|| self.clause(&reference.to_ascii_uppercase()))
    }

    /// The direct children of `reference`, in document order.
    pub fn children<'a>(&'a self, reference: &'a str) -> impl Iterator<Item = &'a Clause> + 'a {
        self.clauses.iter().filter(move |c| c.parent.as_deref() == Some(reference))
    }

    /// The parent chain of `reference`, nearest first (the clause itself excluded).
    pub fn ancestors(&self, reference: &str) -> Vec<&Clause> {
        let mut out = Vec::new();
        let mut current = self.clause(reference).and_then(|c| c.parent.as_deref());
        while let Some(parent) = current.and_then(|p| self.clause(p)) {
            out.push(parent);
            current = parent.parent.as_deref();
        }
        out
    }

    /// True if `reference` is `ancestor` or lies below it in the clause tree.
    /// Unknown references are within nothing.
    pub fn is_within(&self, reference: &str, ancestor: &str) -> bool {
        let mut current = self.clause(reference);
        while let Some(clause) = current {
            if clause.reference == ancestor {
                return true;
            }
            current = clause.parent.as_deref().and_then(|p| self.clause(p));
        }
        false
    }

    /// The leaves of the clause 4-10 tree: the requirement clauses a system
    /// must cover (kind `Clause`, no children), in document order.
    pub fn requirement_clauses(&self) -> Vec<&Clause> {
        self.clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Clause && c.is_in_clauses_4_to_10())
            .filter(|c| !self.clauses.iter().any(|k| k.parent.as_deref() == Some(&c.reference)))
            .collect()
    }

    /// Annex A controls (kind `Control`), in document order.
    pub fn controls(&self) -> Vec<&Clause> {
        self.clauses.iter().filter(|c| c.kind == ClauseKind::Control).collect()
    }

    /// `ISO 9001:2015`, `ISO/IEC 27001:2022`: the leading words of the title
    /// up to the edition, or built from the family when the title does not
    /// start that way.
    pub fn short_name(&self) -> String {
        let suffix = format!(":{}", self.edition);
        let mut words = Vec::new();
        for word in self.title.split_whitespace() {
            words.push(word);
            if word.ends_with(&suffix) {
                return words.join(" ");
            }
            if words.len() >= 3 {
                break;
            }
        }
        let number = self.family.strip_prefix("iso").unwrap_or(&self.family);
        format!("ISO {number}:{}", self.edition)
    }

    /// The clause with the given harmonized-structure number, if this standard has one.
    pub fn harmonized_clause(&self, hs: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.harmonized.as_deref() == Some(hs))
    }

    /// The `[[exclusion]]` entry that decides whether `reference` on its own
    /// may be excluded: the entry for the clause itself or else for its
    /// nearest ancestor. `None` when no entry applies (a standard without a
    /// table, or a clause outside 4-10).
    pub fn exclusion_entry(&self, reference: &str) -> Option<&ExclusionEntry> {
        let mut current = self.clause(reference);
        while let Some(clause) = current {
            if let Some(entry) = self.exclusions.iter().find(|e| e.clause == clause.reference) {
                return Some(entry);
            }
            current = clause.parent.as_deref().and_then(|p| self.clause(p));
        }
        None
    }

    /// What excluding `reference` means: excluding a clause excludes its
    /// sub-clauses too, so the strictest rule over the clause and every
    /// clause below it decides, and the verdict names the clause whose row
    /// decided it. A clause no row covers (Annex A, an unknown clause) is
    /// permitted: the Statement of Applicability rules apply there.
    pub fn exclusion_verdict(&self, reference: &str) -> ExclusionVerdict<'_> {
        let mut verdict =
            ExclusionVerdict { rule: ExclusionRule::Permitted, clause: None, entry: None };
        for candidate in self.clauses.iter().filter(|c| self.is_within(&c.reference, reference)) {
            let entry = self.exclusion_entry(&candidate.reference);
            let rule = entry.map_or(ExclusionRule::Permitted, |e| e.rule);
            if verdict.clause.is_none() || rule > verdict.rule {
                verdict = ExclusionVerdict { rule, clause: Some(candidate), entry };
            }
        }
        verdict
    }
}

/// How strictly a standard treats the exclusion of a clause. Ordered from
/// the most lenient to the strictest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExclusionRule {
    /// May be declared not applicable, with a justification.
    Permitted,
    /// Allowed in principle, but a certification body will challenge it:
    /// the organisation must be ready to show why the requirement cannot
    /// be applied.
    Unusual,
    /// May never be excluded.
    NotPermitted,
}

impl ExclusionRule {
    pub const ALL: [ExclusionRule; 3] =
        [ExclusionRule::Permitted, ExclusionRule::Unusual, ExclusionRule::NotPermitted];

    /// The keyword used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionRule::Permitted => "permitted",
            ExclusionRule::Unusual => "unusual",
            ExclusionRule::NotPermitted => "not-permitted",
        }
    }
}

impl fmt::Display for ExclusionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of a standard's exclusion table: whether `clause` (and what
/// lies below it, unless a more specific row says otherwise) may be
/// excluded, why, and on whose authority.
#[derive(Debug, Clone, Serialize)]
pub struct ExclusionEntry {
    pub clause: String,
    pub rule: ExclusionRule,
    /// One sentence in the project's own words.
    pub rationale: String,
    /// Where the rule comes from (the standard's own clause 1 or 4.3,
    /// ISO 9001:2015 Annex A.5, ISO/TS 9002 ...).
    pub source: String,
}

/// What excluding one clause (with everything below it) amounts to.
#[derive(Debug, Clone, Copy)]
pub struct ExclusionVerdict<'s> {
    pub rule: ExclusionRule,
    /// The clause whose rule decided: the excluded clause itself, or the
    /// sub-clause with the strictest rule. `None` for an unknown clause.
    pub clause: Option<&'s Clause>,
    /// The table row that gave the rule; `None` when the policy alone did.
    pub entry: Option<&'s ExclusionEntry>,
}

/// What the scope of a system must state, and the clause that asks for it.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeContent {
    pub requires: ScopeItem,
    /// The clause of the standard that asks for it, e.g. `4.3`.
    pub clause: String,
    /// One sentence in the project's own words.
    pub rationale: String,
}

/// Something a scope can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeItem {
    /// At least one service in `services` (the products and services, or
    /// the services, the management system applies to).
    Services,
    /// The interfaces and dependencies between the activities in scope and
    /// those of other organisations, which a scope states as the
    /// `suppliers` it depends on.
    Interfaces,
}

impl ScopeItem {
    pub const ALL: [ScopeItem; 2] = [ScopeItem::Services, ScopeItem::Interfaces];

    /// The keyword used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeItem::Services => "services",
            ScopeItem::Interfaces => "interfaces",
        }
    }
}

/// A numbered clause or an Annex A entry.
#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    /// `8.4`, `A.5.19`, `A.15.1.1`.
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    /// The parent's reference; `None` at the top level (clauses 4-10, Annex A domains and themes).
    pub parent: Option<String>,
    pub kind: ClauseKind,
    /// One sentence in the project's own words; present for every clause of 4-10.
    pub summary: Option<String>,
    /// The harmonized-structure (Annex SL, 2021 numbering) clause this one implements.
    pub harmonized: Option<String>,
    /// What this standard's committee added to the common harmonized text, in our own words.
    pub addition: Option<String>,
    /// Numbering drift, amendments and similar remarks.
    pub note: Option<String>,
    /// Why the title differs from the reference data, if it does.
    pub correction: Option<String>,
    /// A numbered paragraph without a title of its own (ISO 9001:2015
    /// 4.4.1, 6.1.2 ...). Its `title` is its parent's, so that every list
    /// shows it with the heading it belongs to.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub untitled: bool,
    /// Where the entry comes from, when the file's header does not say it
    /// for every entry (the untitled paragraphs, for example).
    pub source: Option<String>,
}

impl Clause {
    /// True for the clauses 4 to 10 and their sub-clauses, the part of a
    /// management system standard that holds the requirements.
    pub fn is_in_clauses_4_to_10(&self) -> bool {
        self.kind == ClauseKind::Clause
            && self
                .reference
                .split('.')
                .next()
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| (4..=10).contains(&n))
    }

    /// `8.4 Control of externally provided processes, products and
    /// services`; for an untitled paragraph, `6.1.2 (paragraph of 6.1
    /// Actions to address risks and opportunities)`.
    pub fn label(&self) -> String {
        match (&self.parent, self.untitled) {
            (Some(parent), true) => {
                format!("{} (paragraph of {parent} {})", self.reference, self.title)
            }
            _ => format!("{} {}", self.reference, self.title),
        }
    }
}

/// What kind of entry a clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClauseKind {
    /// A numbered clause of the main body (4, 8.4, 7.1.5.2).
    Clause,
    /// The root of an annex (`A`); the built-in catalogs do not use one.
    Annex,
    /// A 27001:2013 Annex A domain (A.5-A.18).
    Domain,
    /// A 27001:2013 Annex A control objective (A.5.1).
    Objective,
    /// A 27001:2022 Annex A theme (A.5-A.8).
    Theme,
    /// An Annex A control (A.5.1.1 in 2013, A.5.1 in 2022).
    Control,
}

impl ClauseKind {
    pub const ALL: [ClauseKind; 6] = [
        ClauseKind::Clause,
        ClauseKind::Annex,
        ClauseKind::Domain,
        ClauseKind::Objective,
        ClauseKind::Theme,
        ClauseKind::Control,
    ];

    /// The keyword used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseKind::Clause => "clause",
            ClauseKind::Annex => "annex",
            ClauseKind::Domain => "domain",
            ClauseKind::Objective => "objective",
            ClauseKind::Theme => "theme",
            ClauseKind::Control => "control",
        }
    }
}

impl fmt::Display for ClauseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A clause of a given standard edition: `iso9001@2015:8.4`.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Ord, PartialOrd)]
pub struct ClauseKey {
    /// Full standard id, `iso9001@2015`.
    pub standard: String,
    /// Clause reference, `8.4`, `A.5.19`.
    pub clause: String,
}

impl ClauseKey {
    pub fn new(standard: impl Into<String>, clause: impl Into<String>) -> ClauseKey {
        ClauseKey { standard: standard.into(), clause: clause.into() }
    }
}

impl fmt::Display for ClauseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.standard, self.clause)
    }
}

impl Serialize for ClauseKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a string is not a `<standard id>:<clause ref>` key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseClauseKeyError {
    pub message: String,
}

impl fmt::Display for ParseClauseKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseClauseKeyError {}

impl FromStr for ClauseKey {
    type Err = ParseClauseKeyError;

    /// Parses the full form `iso9001@2015:8.4`. Aliases (`9001:8.4`) are the
    /// analysis layer's business: it knows which edition a system uses.
    fn from_str(s: &str) -> Result<ClauseKey, ParseClauseKeyError> {
        let err = |why: &str| ParseClauseKeyError {
            message: format!("`{s}` is not a clause key: {why} (expected e.g. `iso9001@2015:8.4`)"),
        };
        let (standard, clause) = s.split_once(':').ok_or_else(|| err("no `:`"))?;
        let (family, edition) =
            standard.split_once('@').ok_or_else(|| err("the standard id has no `@edition`"))?;
        if family.is_empty() || edition.is_empty() {
            return Err(err("empty family or edition"));
        }
        if !crate::reference::is_well_formed_ref(clause) {
            return Err(err("malformed clause reference"));
        }
        Ok(ClauseKey::new(standard, clause))
    }
}

/// A directed correlation: `from` is `<relation>` `to`.
#[derive(Clone, Debug, Serialize)]
pub struct Correlation {
    pub from: ClauseKey,
    pub to: ClauseKey,
    pub relation: Relation,
    pub strength: Strength,
    /// Why the clauses correlate, in the project's own words: one sentence
    /// an auditor can check against both clauses.
    pub rationale: String,
    /// Citation, when the correlation comes from a published source.
    pub source: Option<String>,
    pub category: CorrelationCategory,
}

impl Correlation {
    /// The same correlation seen from `to`: endpoints swapped, subset and superset swapped.
    pub fn reversed(&self) -> Correlation {
        Correlation {
            from: self.to.clone(),
            to: self.from.clone(),
            relation: self.relation.reversed(),
            ..self.clone()
        }
    }
}

/// Set-theory relation between two clauses (NIST IR 8477, OSCAL mapping
/// model). A pair that is not related has no correlation at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Same content.
    Equal,
    /// `from` is contained in `to`: meeting `to` meets `from`.
    #[serde(rename = "subset-of")]
    Subset,
    /// `from` contains `to`.
    #[serde(rename = "superset-of")]
    Superset,
    /// Partial overlap.
    #[serde(rename = "intersects-with")]
    Intersects,
}

impl Relation {
    /// The relation seen from the other end.
    pub fn reversed(self) -> Relation {
        match self {
            Relation::Subset => Relation::Superset,
            Relation::Superset => Relation::Subset,
            other => other,
        }
    }

    pub const ALL: [Relation; 4] =
        [Relation::Equal, Relation::Subset, Relation::Superset, Relation::Intersects];

    /// The keyword used in the data files and the JSON dump: NIST IR 8477's
    /// names.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Equal => "equal",
            Relation::Subset => "subset-of",
            Relation::Superset => "superset-of",
            Relation::Intersects => "intersects-with",
        }
    }

    /// Reads a keyword; the short forms of earlier catalogs (`subset`,
    /// `superset`, `intersects`) are still accepted.
    pub(crate) fn parse(s: &str) -> Option<Relation> {
        match s {
            "subset" => Some(Relation::Subset),
            "superset" => Some(Relation::Superset),
            "intersects" => Some(Relation::Intersects),
            _ => Relation::ALL.into_iter().find(|r| r.as_str() == s),
        }
    }

    /// What each side holds that the other lacks: `(from adds, to adds)`.
    /// `equal` is `(false, false)`, `subset` `(false, true)`, `superset`
    /// `(true, false)`, `intersects` `(true, true)`.
    pub fn additions(self) -> (bool, bool) {
        match self {
            Relation::Equal => (false, false),
            Relation::Subset => (false, true),
            Relation::Superset => (true, false),
            Relation::Intersects => (true, true),
        }
    }

    /// The relation whose [`Relation::additions`] are these.
    pub fn from_additions(from_adds: bool, to_adds: bool) -> Relation {
        match (from_adds, to_adds) {
            (false, false) => Relation::Equal,
            (false, true) => Relation::Subset,
            (true, false) => Relation::Superset,
            (true, true) => Relation::Intersects,
        }
    }
}

impl fmt::Display for Relation {
    /// Reads as a sentence: "8.4 *intersects with* 8.3.4", "8.7.3 *subset of* 4.4".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relation::Equal => "equal",
            Relation::Subset => "subset of",
            Relation::Superset => "superset of",
            Relation::Intersects => "intersects with",
        })
    }
}

/// How much of the one clause meeting the other helps in practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    Strong,
    Moderate,
    Weak,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Moderate => "moderate",
            Strength::Weak => "weak",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Strength> {
        [Strength::Strong, Strength::Moderate, Strength::Weak].into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a correlation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CorrelationCategory {
    /// Generated from `harmonized.toml`: both clauses implement the same
    /// Annex SL harmonized-structure clause. The relation says whether either
    /// committee added text of its own.
    Harmonized,
    /// Hand-written topic correlation (`correlations.toml`, user catalogs).
    Topic,
    /// Old edition to new edition of the same standard (27001:2013 -> 2022).
    EditionMapping,
}

impl CorrelationCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            CorrelationCategory::Harmonized => "harmonized",
            CorrelationCategory::Topic => "topic",
            CorrelationCategory::EditionMapping => "edition-mapping",
        }
    }
}

impl fmt::Display for CorrelationCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which version of the Annex SL structure a standard follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Structure {
    /// The 2012 high-level structure (9001:2015, 27001:2013, 20000-1:2018).
    #[serde(rename = "hls-2012")]
    Hls2012,
    /// The 2021 harmonized structure (27001:2022).
    #[serde(rename = "hs-2021")]
    Hs2021,
}

impl Structure {
    pub fn as_str(self) -> &'static str {
        match self {
            Structure::Hls2012 => "hls-2012",
            Structure::Hs2021 => "hs-2021",
        }
    }
}

/// What a system may leave out of a standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExclusionPolicy {
    /// ISO 9001 4.3: a requirement may be not applicable only with justification
    /// and only where conformity is unaffected.
    Justified,
    /// ISO/IEC 20000-1: nothing in clauses 4-10 may be excluded.
    None,
    /// ISO/IEC 27001: clauses 4-10 are mandatory; Annex A controls are included
    /// or excluded, with justification, in the Statement of Applicability.
    AnnexAOnly,
}

impl ExclusionPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionPolicy::Justified => "justified",
            ExclusionPolicy::None => "none",
            ExclusionPolicy::AnnexAOnly => "annex-a-only",
        }
    }
}

/// One common clause of the Annex SL harmonized structure and the number
/// each built-in standard gives it.
#[derive(Debug, Clone, Serialize)]
pub struct HarmonizedClause {
    /// Harmonized-structure (2021) number, e.g. `9.2`.
    pub hs: String,
    /// Harmonized-structure (2021) title; `XXX` stands for the discipline.
    pub title: String,
    /// The 2012 high-level-structure title at the same number, if there was one.
    pub title_2012: Option<String>,
    /// For a sub-clause into which the 2021 structure divided a 2012 clause
    /// (9.2.1, 9.3.2 ...): that clause. A 2012-structure standard holds the
    /// same common text in it, so lacking the sub-clause adds nothing.
    pub divides: Option<String>,
    /// `(standard id, clause ref)` for each built-in standard that has it.
    pub numbers: Vec<(String, String)>,
    pub note: Option<String>,
}
