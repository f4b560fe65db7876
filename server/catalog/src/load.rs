//! Reading one catalog file: TOML -> a checked [`Standard`] and the file's
//! raw correlations (checked later, once every standard is known).
//!
//! Every problem becomes a [`CatalogError`] pointing at the offending value;
//! nothing here panics on bad input.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::CatalogError;
use crate::model::{
    Clause, ClauseKind, ExclusionEntry, ExclusionPolicy, ExclusionRule, HarmonizedClause,
    ScopeContent, ScopeItem, Standard, Structure,
};
use crate::{reference, validate};

/// A standard edition and/or `[[correlation]]` tables: the shape of every
/// catalog file except `harmonized.toml`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct RawFile {
    id: Option<Spanned<String>>,
    family: Option<Spanned<String>>,
    edition: Option<Spanned<String>>,
    aliases: Option<Spanned<Vec<Spanned<String>>>>,
    title: Option<Spanned<String>>,
    system_kind: Option<Spanned<String>>,
    structure: Option<Spanned<String>>,
    exclusion_policy: Option<Spanned<String>>,
    superseded_by: Option<Spanned<String>>,
    withdrawn: Option<Spanned<String>>,
    notes: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    clause: Vec<Spanned<RawClause>>,
    #[serde(default)]
    exclusion: Vec<Spanned<RawExclusion>>,
    #[serde(default)]
    scope_content: Vec<Spanned<RawScopeContent>>,
    #[serde(default)]
    correlation: Vec<Spanned<RawCorrelation>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawExclusion {
    clause: Option<Spanned<String>>,
    rule: Option<Spanned<String>>,
    rationale: Option<Spanned<String>>,
    source: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawScopeContent {
    requires: Option<Spanned<String>>,
    clause: Option<Spanned<String>>,
    rationale: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawClause {
    #[serde(rename = "ref")]
    reference: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    parent: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    harmonized: Option<Spanned<String>>,
    addition: Option<Spanned<String>>,
    note: Option<String>,
    correction: Option<String>,
    untitled: Option<Spanned<bool>>,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct RawCorrelation {
    pub from: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
    pub relation: Option<Spanned<String>>,
    pub strength: Option<Spanned<String>>,
    /// Earlier catalogs called the rationale `note`; both are read.
    #[serde(alias = "note")]
    pub rationale: Option<Spanned<String>>,
    pub source: Option<String>,
    pub category: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHarmonizedFile {
    clause: Vec<RawHarmonized>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawHarmonized {
    hs: String,
    title: String,
    title_2012: Option<String>,
    divides: Option<String>,
    numbers: toml::Table,
    note: Option<String>,
}

/// What one file contributed.
pub(crate) struct LoadedFile {
    /// The standard, if the file defines one and it has no errors.
    pub standard: Option<Standard>,
    /// `superseded-by` with its span; checked once all standards are known.
    pub superseded_by: Option<Spanned<String>>,
    pub correlations: Vec<Spanned<RawCorrelation>>,
}

/// Collects the errors of one file.
pub(crate) struct Reporter<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub errors: Vec<CatalogError>,
}

impl<'a> Reporter<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Reporter { path, text, errors: Vec::new() }
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(CatalogError::at(self.path, self.text, span, message.into()));
    }

    /// `line N`, for messages that point back to an earlier definition.
    pub fn line_of(&self, span: &Range<usize>) -> usize {
        crate::error::line_column(self.text, span.start).0
    }
}

fn toml_error(path: &Path, text: &str, err: &toml::de::Error) -> CatalogError {
    let span = err.span().unwrap_or(0..0);
    // The `Display` of a TOML error repeats the source line; the message alone
    // reads better after our own `file:line:col:` prefix.
    CatalogError::at(path, text, span, err.message().trim_end().to_string())
}

/// Parses `harmonized.toml` (built-in only; a broken file is a bug caught by tests).
pub(crate) fn parse_harmonized(
    path: &Path,
    text: &str,
) -> Result<Vec<HarmonizedClause>, CatalogError> {
    let raw: RawHarmonizedFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut out = Vec::with_capacity(raw.clause.len());
    for c in raw.clause {
        let mut numbers = Vec::with_capacity(c.numbers.len());
        for (standard, value) in c.numbers {
            let Some(reference) = value.as_str() else {
                return Err(CatalogError::whole_file(
                    path,
                    format!("harmonized clause {}: number for {standard} is not a string", c.hs),
                ));
            };
            numbers.push((standard, reference.to_string()));
        }
        out.push(HarmonizedClause {
            hs: c.hs,
            title: c.title,
            title_2012: c.title_2012,
            divides: c.divides,
            numbers,
            note: c.note,
        });
    }
    Ok(out)
}

/// Parses the TOML of one catalog file. Independent of every other file,
/// so the catalog runs it for several files in parallel.
pub(crate) fn parse_file(path: &Path, text: &str) -> Result<RawFile, CatalogError> {
    toml::from_str(text).map_err(|err| toml_error(path, text, &err))
}

/// Checks one parsed catalog file. Returns `None` when nothing of the file
/// can be used; otherwise what could be loaded (see [`LoadedFile`]).
pub(crate) fn load_file(
    rep: &mut Reporter<'_>,
    raw: RawFile,
    builtin: bool,
    harmonized: &[HarmonizedClause],
    existing: &[Standard],
) -> Option<LoadedFile> {
    let defines_standard = raw.id.is_some()
        || raw.family.is_some()
        || raw.edition.is_some()
        || raw.title.is_some()
        || !raw.clause.is_empty();
    if !defines_standard && raw.correlation.is_empty() {
        rep.error(
            0..0,
            "the file defines neither a standard (`id`, `title`, `[[clause]]` ...) nor `[[correlation]]` tables",
        );
        return None;
    }
    let mut loaded = LoadedFile { standard: None, superseded_by: None, correlations: Vec::new() };
    if let Some(id) = &raw.id {
        if let Some(other) = existing.iter().find(|s| &s.id == id.get_ref()) {
            let origin = if other.builtin { "a built-in standard" } else { "another catalog file" };
            rep.error(
                id.span(),
                format!("duplicate standard id \"{}\": already defined by {origin}; this file is skipped", other.id),
            );
            return None;
        }
    }
    if defines_standard {
        let errors_before = rep.errors.len();
        let standard = build_standard(rep, &raw, builtin, harmonized);
        if rep.errors.len() == errors_before {
            loaded.standard = standard;
            loaded.superseded_by = raw.superseded_by;
        } else {
            // Correlations of a broken standard would only add follow-up errors.
            return Some(loaded);
        }
    }
    loaded.correlations = raw.correlation;
    Some(loaded)
}

fn build_standard(
    rep: &mut Reporter<'_>,
    raw: &RawFile,
    builtin: bool,
    harmonized: &[HarmonizedClause],
) -> Option<Standard> {
    let anchor = raw
        .id
        .as_ref()
        .map(|s| s.span())
        .unwrap_or_else(|| raw.clause.first().map_or(0..0, |c| c.span()));
    let Some(id) = raw.id.as_ref() else {
        rep.error(
            anchor,
            "missing `id` (e.g. id = \"iso14001@2015\") for the standard this file defines",
        );
        return None;
    };
    let id_text = id.get_ref().as_str();
    let mut missing = |field: &str, value: &Option<Spanned<String>>| -> Option<String> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => Some(v.get_ref().clone()),
            Some(v) => {
                rep.error(v.span(), format!("`{field}` of standard {id_text} is empty"));
                None
            }
            None => {
                rep.error(id.span(), format!("missing `{field}` for standard {id_text}"));
                None
            }
        }
    };
    let family = missing("family", &raw.family);
    let edition = missing("edition", &raw.edition);
    let title = missing("title", &raw.title);
    let system_kind = missing("system-kind", &raw.system_kind);
    let structure_text = missing("structure", &raw.structure);
    let policy_text = missing("exclusion-policy", &raw.exclusion_policy);

    if !validate::is_well_formed_id(id_text) {
        rep.error(
            id.span(),
            format!("standard id \"{id_text}\" is not of the form <family>@<edition>, e.g. \"iso14001@2015\" (lower case)"),
        );
    } else if let (Some(family), Some(edition)) = (&family, &edition) {
        if id_text != format!("{family}@{edition}") {
            rep.error(
                id.span(),
                format!("standard id \"{id_text}\" does not match family \"{family}\" and edition \"{edition}\" (expected \"{family}@{edition}\")"),
            );
        }
    }
    let structure = structure_text.as_deref().and_then(|s| match s {
        "hls-2012" => Some(Structure::Hls2012),
        "hs-2021" => Some(Structure::Hs2021),
        other => {
            rep.error(
                raw.structure.as_ref().map_or(0..0, |s| s.span()),
                format!("unknown structure \"{other}\"; expected \"hls-2012\" or \"hs-2021\""),
            );
            None
        }
    });
    let exclusion_policy = policy_text.as_deref().and_then(|s| match s {
        "justified" => Some(ExclusionPolicy::Justified),
        "none" => Some(ExclusionPolicy::None),
        "annex-a-only" => Some(ExclusionPolicy::AnnexAOnly),
        other => {
            rep.error(
                raw.exclusion_policy.as_ref().map_or(0..0, |s| s.span()),
                format!("unknown exclusion-policy \"{other}\"; expected \"justified\", \"none\" or \"annex-a-only\""),
            );
            None
        }
    });
    let mut aliases = Vec::new();
    if let Some(list) = &raw.aliases {
        for alias in list.get_ref() {
            if !validate::is_well_formed_alias(alias.get_ref()) {
                rep.error(
                    alias.span(),
                    format!(
                        "alias \"{}\" may only hold letters, digits, '-' and '/'",
                        alias.get_ref()
                    ),
                );
            } else if !aliases.contains(alias.get_ref()) {
                aliases.push(alias.get_ref().clone());
            }
        }
    }
    if let Some(f) = &family {
        if !aliases.contains(f) {
            aliases.push(f.clone());
        }
    }
    if let Some(w) = &raw.withdrawn {
        if !validate::is_iso_date(w.get_ref()) {
            rep.error(w.span(), format!("withdrawn date \"{}\" is not YYYY-MM-DD", w.get_ref()));
        }
    }
    if let Some(s) = &raw.superseded_by {
        if !validate::is_well_formed_id(s.get_ref()) {
            rep.error(
                s.span(),
                format!(
                    "superseded-by \"{}\" is not a standard id like \"iso27001@2022\"",
                    s.get_ref()
                ),
            );
        } else if s.get_ref() == id_text {
            rep.error(s.span(), "a standard cannot supersede itself");
        }
    }

    let clauses = build_clauses(rep, id_text, &raw.clause, harmonized);
    let exclusions = clauses.as_deref().zip(exclusion_policy).and_then(|(clauses, policy)| {
        build_exclusions(rep, id_text, &raw.exclusion, clauses, policy, &anchor)
    });
    let scope_content = clauses
        .as_deref()
        .and_then(|clauses| build_scope_content(rep, id_text, &raw.scope_content, clauses));

    Some(Standard {
        id: id_text.to_string(),
        family: family?,
        edition: edition?,
        aliases,
        title: title?,
        system_kind: system_kind?,
        structure: structure?,
        exclusion_policy: exclusion_policy?,
        exclusions: exclusions?,
        scope_content: scope_content?,
        superseded_by: raw.superseded_by.as_ref().map(|s| s.get_ref().clone()),
        withdrawn: raw.withdrawn.as_ref().map(|s| s.get_ref().clone()),
        notes: raw.notes.as_ref().map(|n| n.get_ref().clone()).unwrap_or_default(),
        clauses: clauses?,
        builtin,
        index: rustc_hash::FxHashMap::default(),
    })
    .map(|mut s| {
        s.rebuild_index();
        s
    })
}

fn parse_kind(s: &str) -> Option<ClauseKind> {
    ClauseKind::ALL.into_iter().find(|k| k.as_str() == s)
}

/// Checks the `[[clause]]` tables of standard `id`: each entry complete,
/// references well formed and unique, parents known, kinds consistent,
/// summaries present for clauses 4-10, harmonized markers valid.
fn build_clauses(
    rep: &mut Reporter<'_>,
    id: &str,
    raw: &[Spanned<RawClause>],
    harmonized: &[HarmonizedClause],
) -> Option<Vec<Clause>> {
    let errors_before = rep.errors.len();
    // First pass: each entry on its own.
    let mut clauses: Vec<(Clause, &RawClause)> = Vec::with_capacity(raw.len());
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    for entry in raw {
        let table = entry.get_ref();
        let Some(reference) = &table.reference else {
            rep.error(entry.span(), "[[clause]] without `ref`");
            continue;
        };
        let r = reference.get_ref().as_str();
        if !reference::is_well_formed_ref(r) {
            rep.error(
                reference.span(),
                format!("malformed clause reference \"{r}\"; expected numbers like \"8.3.4\" or an annex reference like \"A.5.19\""),
            );
            continue;
        }
        if let Some(first) = seen.get(r) {
            let line = rep.line_of(first);
            rep.error(
                reference.span(),
                format!("duplicate clause {r} (first defined on line {line})"),
            );
            continue;
        }
        seen.insert(r, reference.span());
        let untitled = table.untitled.as_ref().is_some_and(|u| *u.get_ref());
        // An untitled paragraph takes its parent's title in the second pass.
        let title = match &table.title {
            Some(t) if untitled => {
                rep.error(t.span(), format!("clause {r} is `untitled`: it takes its parent's title, so give it no `title`"));
                String::new()
            }
            Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().clone(),
            Some(t) => {
                rep.error(t.span(), format!("clause {r}: empty `title`"));
                String::new()
            }
            None if untitled => String::new(),
            None => {
                rep.error(reference.span(), format!("clause {r}: missing `title` (a numbered paragraph without a title of its own is written `untitled = true`)"));
                String::new()
            }
        };
        let kind = match &table.kind {
            Some(k) => parse_kind(k.get_ref()).unwrap_or_else(|| {
                rep.error(
                    k.span(),
                    format!("clause {r}: unknown kind \"{}\"; expected \"clause\", \"annex\", \"domain\", \"objective\", \"theme\" or \"control\"", k.get_ref()),
                );
                ClauseKind::Clause
            }),
            // A missing kind defaults from the reference's shape, so a user
            // catalog of plain clauses can leave it out.
            None if reference::is_annex_ref(r) => {
                rep.error(reference.span(), format!("clause {r}: missing `kind` (annex entries need \"domain\", \"objective\", \"theme\" or \"control\")"));
                ClauseKind::Control
            }
            None => ClauseKind::Clause,
        };
        let parent = table.parent.as_ref().map(|p| p.get_ref().clone()).filter(|p| !p.is_empty());
        let clause = Clause {
            reference: r.to_string(),
            title,
            parent,
            kind,
            summary: table.summary.as_ref().map(|s| s.get_ref().clone()),
            harmonized: table.harmonized.as_ref().map(|s| s.get_ref().clone()),
            addition: table.addition.as_ref().map(|s| s.get_ref().clone()),
            note: table.note.clone(),
            correction: table.correction.clone(),
            untitled,
            source: table.source.clone(),
        };
        clauses.push((clause, table));
    }

    // Second pass: relations between entries. Untitled paragraphs first
    // take their parent's title.
    let known: std::collections::HashSet<String> =
        clauses.iter().map(|(c, _)| c.reference.clone()).collect();
    let titled: HashMap<String, String> = clauses
        .iter()
        .filter(|(c, _)| !c.untitled)
        .map(|(c, _)| (c.reference.clone(), c.title.clone()))
        .collect();
    for (clause, table) in &mut clauses {
        if !clause.untitled {
            continue;
        }
        let span = table.untitled.as_ref().map_or(0..0, |u| u.span());
        let r = &clause.reference;
        match clause.parent.as_deref().map(|p| (p, titled.get(p))) {
            Some((_, Some(title))) => clause.title = title.clone(),
            Some((p, None)) if known.contains(p) => rep.error(
                span.clone(),
                format!("clause {r} is `untitled`, but its parent {p} has no title of its own either"),
            ),
            // An unknown parent is reported below.
            Some(_) => {}
            None => rep.error(span.clone(), format!("clause {r} is `untitled`: an untitled paragraph is shown with its parent's title, so it needs a `parent`")),
        }
        if clause.kind != ClauseKind::Clause {
            rep.error(span.clone(), format!("clause {r}: only numbered clauses (kind \"clause\") can be untitled paragraphs"));
        }
        if let Some(h) = &table.harmonized {
            rep.error(h.span(), format!("clause {r}: an untitled paragraph is part of its parent's text; mark the parent `harmonized`, not the paragraph"));
        }
    }
    let kinds: HashMap<&str, ClauseKind> =
        clauses.iter().map(|(c, _)| (c.reference.as_str(), c.kind)).collect();
    let hs_numbers: HashMap<&str, &HarmonizedClause> =
        harmonized.iter().map(|h| (h.hs.as_str(), h)).collect();
    let mut hs_marked: HashMap<&str, &str> = HashMap::new();
    for (clause, table) in &clauses {
        let r = clause.reference.as_str();
        let ref_span = table.reference.as_ref().map_or(0..0, |s| s.span());
        let parent_kind = match (&clause.parent, &table.parent) {
            (Some(p), Some(p_span)) => match kinds.get(p.as_str()) {
                None => {
                    rep.error(p_span.span(), format!("unknown parent \"{p}\" of clause {r}"));
                    continue;
                }
                Some(_) if !reference::extends_by_one(r, p) => {
                    rep.error(
                        p_span.span(),
                        format!("clause {r} cannot be a child of {p}: a child's reference adds one number to its parent's (like {p}.1)"),
                    );
                    continue;
                }
                Some(kind) => Some(*kind),
            },
            _ => {
                if reference::depth(r) > 1 && kinds.contains_key(parent_ref(r)) {
                    rep.error(
                        ref_span.clone(),
                        format!(
                            "clause {r} has no `parent`, but {} exists; add parent = \"{}\"",
                            parent_ref(r),
                            parent_ref(r)
                        ),
                    );
                    continue;
                }
                if reference::depth(r) > 1
                    && !(reference::is_annex_ref(r) && reference::depth(r) == 2)
                {
                    rep.error(
                        ref_span.clone(),
                        format!(
                            "clause {r} needs `parent` (\"{}\"), and that clause must exist",
                            parent_ref(r)
                        ),
                    );
                    continue;
                }
                None
            }
        };
        let kind_span = table.kind.as_ref().map_or(ref_span.clone(), |k| k.span());
        if let Some(problem) = validate::kind_rule(r, clause.kind, parent_kind) {
            rep.error(kind_span, problem);
        }
        if clause.is_in_clauses_4_to_10() {
            match &table.summary {
                None => rep.error(
                    ref_span.clone(),
                    format!("clause {r}: missing `summary` (one sentence in your own words; required for clauses 4-10)"),
                ),
                Some(s) if s.get_ref().trim().is_empty() => {
                    rep.error(s.span(), format!("clause {r}: empty `summary`"))
                }
                Some(_) => {}
            }
        }
        if let (Some(addition), None) = (&table.addition, &table.harmonized) {
            rep.error(
                addition.span(),
                format!("clause {r}: `addition` describes a change to a harmonized clause; add `harmonized` too"),
            );
        }
        if let Some(h) = &table.harmonized {
            match hs_numbers.get(h.get_ref().as_str()) {
                None => rep.error(
                    h.span(),
                    format!("clause {r}: \"{}\" is not a harmonized-structure clause number (see harmonized.toml)", h.get_ref()),
                ),
                Some(hs) => {
                    if let Some(first) = hs_marked.insert(hs.hs.as_str(), r) {
                        rep.error(
                            h.span(),
                            format!("clause {r}: clause {first} is already marked harmonized \"{}\"; one clause per standard implements it", hs.hs),
                        );
                    }
                    if clause.kind != ClauseKind::Clause {
                        rep.error(h.span(), format!("clause {r}: only kind \"clause\" entries can be harmonized"));
                    }
                    if let Some((_, expected)) = hs.numbers.iter().find(|(s, _)| s == id) {
                        if expected != r {
                            rep.error(
                                h.span(),
                                format!("clause {r} is marked harmonized \"{}\", but harmonized.toml gives {id} number {expected} for it", hs.hs),
                            );
                        }
                    }
                }
            }
        }
    }
    // Every number harmonized.toml lists for this standard must carry the marker.
    let anchor = raw.first().map_or(0..0, |c| c.span());
    for hs in harmonized {
        for (standard, reference) in &hs.numbers {
            if standard != id {
                continue;
            }
            match clauses.iter().find(|(c, _)| &c.reference == reference) {
                None => rep.error(
                    anchor.clone(),
                    format!("harmonized.toml lists clause {reference} of {id} (harmonized {}), but it is missing", hs.hs),
                ),
                Some((c, table)) if c.harmonized.as_deref() != Some(hs.hs.as_str()) => rep.error(
                    table.reference.as_ref().map_or(0..0, |s| s.span()),
                    format!("clause {reference} needs harmonized = \"{}\" (as listed in harmonized.toml)", hs.hs),
                ),
                Some(_) => {}
            }
        }
    }
    if rep.errors.len() > errors_before {
        return None;
    }
    Some(clauses.into_iter().map(|(c, _)| c).collect())
}

/// A required text field of a table: present and not blank.
fn required_text(
    rep: &mut Reporter<'_>,
    table: &str,
    anchor: &Range<usize>,
    field: &str,
    value: &Option<Spanned<String>>,
) -> Option<String> {
    match value {
        Some(v) if !v.get_ref().trim().is_empty() => Some(v.get_ref().clone()),
        Some(v) => {
            rep.error(v.span(), format!("{table}: empty `{field}`"));
            None
        }
        None => {
            rep.error(anchor.clone(), format!("{table} without `{field}`"));
            None
        }
    }
}

/// Checks the `[[exclusion]]` tables of standard `id`: each row names a
/// clause of 4-10 once, with a known rule, a rationale and a source; a
/// `none` or `annex-a-only` policy admits only `not-permitted` rows (and
/// gets one per top-level clause when the file has none); a `justified`
/// policy needs a row for every top-level clause of 4-10, so that no
/// clause is left without a rule.
fn build_exclusions(
    rep: &mut Reporter<'_>,
    id: &str,
    raw: &[Spanned<RawExclusion>],
    clauses: &[Clause],
    policy: ExclusionPolicy,
    anchor: &Range<usize>,
) -> Option<Vec<ExclusionEntry>> {
    let errors_before = rep.errors.len();
    let top_level: Vec<&Clause> =
        clauses.iter().filter(|c| c.parent.is_none() && c.is_in_clauses_4_to_10()).collect();
    if raw.is_empty() {
        return match policy {
            ExclusionPolicy::Justified => {
                rep.error(
                    anchor.clone(),
                    format!("standard {id} has exclusion-policy \"justified\" but no [[exclusion]] tables: say, clause by clause, what may be excluded"),
                );
                None
            }
            ExclusionPolicy::None | ExclusionPolicy::AnnexAOnly => Some(
                top_level
                    .iter()
                    .map(|c| ExclusionEntry {
                        clause: c.reference.clone(),
                        rule: ExclusionRule::NotPermitted,
                        rationale: format!(
                            "The exclusion-policy of {id} allows no exclusion of clauses 4-10."
                        ),
                        source: format!(
                            "the catalog of {id} (exclusion-policy \"{}\")",
                            policy.as_str()
                        ),
                    })
                    .collect(),
            ),
        };
    }
    let mut entries: Vec<ExclusionEntry> = Vec::with_capacity(raw.len());
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for row in raw {
        let table = row.get_ref();
        let span = row.span();
        let clause = required_text(rep, "[[exclusion]]", &span, "clause", &table.clause);
        let rule_text = required_text(rep, "[[exclusion]]", &span, "rule", &table.rule);
        let rationale = required_text(rep, "[[exclusion]]", &span, "rationale", &table.rationale);
        let source = required_text(rep, "[[exclusion]]", &span, "source", &table.source);
        let rule = rule_text.as_deref().and_then(|r| {
            let found = ExclusionRule::ALL.into_iter().find(|x| x.as_str() == r);
            if found.is_none() {
                rep.error(
                    table.rule.as_ref().map_or(span.clone(), |s| s.span()),
                    format!("unknown exclusion rule \"{r}\"; expected \"permitted\", \"unusual\" or \"not-permitted\""),
                );
            }
            found
        });
        let (Some(clause), Some(rule), Some(rationale), Some(source)) =
            (clause, rule, rationale, source)
        else {
            continue;
        };
        let clause_span = table.clause.as_ref().map_or(span.clone(), |c| c.span());
        match clauses.iter().find(|c| c.reference == clause) {
            None => {
                rep.error(
                    clause_span,
                    format!("[[exclusion]] for clause {clause}, which {id} does not have"),
                );
                continue;
            }
            Some(c) if !c.is_in_clauses_4_to_10() => {
                rep.error(clause_span, format!("[[exclusion]] for {clause}: the table is for clauses 4-10 (Annex A controls are excluded in the Statement of Applicability)"));
                continue;
            }
            Some(_) => {}
        }
        if let Some(first) = seen.get(&clause) {
            let line = rep.line_of(first);
            rep.error(
                clause_span,
                format!("duplicate [[exclusion]] for clause {clause} (first on line {line})"),
            );
            continue;
        }
        if policy != ExclusionPolicy::Justified && rule != ExclusionRule::NotPermitted {
            rep.error(
                table.rule.as_ref().map_or(span.clone(), |s| s.span()),
                format!("clause {clause} is \"{rule}\", but exclusion-policy \"{}\" allows no exclusion of clauses 4-10", policy.as_str()),
            );
            continue;
        }
        seen.insert(clause.clone(), clause_span);
        entries.push(ExclusionEntry { clause, rule, rationale, source });
    }
    if policy == ExclusionPolicy::Justified {
        for c in &top_level {
            if !entries.iter().any(|e| e.clause == c.reference) {
                rep.error(
                    anchor.clone(),
                    format!("no [[exclusion]] row for clause {} of {id}: every top-level clause of 4-10 needs a rule, which its sub-clauses inherit unless a row of their own says otherwise", c.reference),
                );
            }
        }
    }
    (rep.errors.len() == errors_before).then_some(entries)
}

/// Checks the `[[scope-content]]` tables of standard `id`.
fn build_scope_content(
    rep: &mut Reporter<'_>,
    id: &str,
    raw: &[Spanned<RawScopeContent>],
    clauses: &[Clause],
) -> Option<Vec<ScopeContent>> {
    let errors_before = rep.errors.len();
    let mut out: Vec<ScopeContent> = Vec::new();
    for row in raw {
        let table = row.get_ref();
        let span = row.span();
        let requires = required_text(rep, "[[scope-content]]", &span, "requires", &table.requires);
        let clause = required_text(rep, "[[scope-content]]", &span, "clause", &table.clause);
        let rationale =
            required_text(rep, "[[scope-content]]", &span, "rationale", &table.rationale);
        let item = requires.as_deref().and_then(|r| {
            let found = ScopeItem::ALL.into_iter().find(|x| x.as_str() == r);
            if found.is_none() {
                rep.error(
                    table.requires.as_ref().map_or(span.clone(), |s| s.span()),
                    format!(
                        "unknown scope content \"{r}\"; expected \"services\" or \"interfaces\""
                    ),
                );
            }
            found
        });
        let (Some(requires), Some(clause), Some(rationale)) = (item, clause, rationale) else {
            continue;
        };
        if !clauses.iter().any(|c| c.reference == clause) {
            rep.error(
                table.clause.as_ref().map_or(span.clone(), |c| c.span()),
                format!("[[scope-content]] cites clause {clause}, which {id} does not have"),
            );
            continue;
        }
        if out.iter().any(|c| c.requires == requires) {
            rep.error(
                span,
                format!("duplicate [[scope-content]] requiring \"{}\"", requires.as_str()),
            );
            continue;
        }
        out.push(ScopeContent { requires, clause, rationale });
    }
    (rep.errors.len() == errors_before).then_some(out)
}

/// `8.3.4` -> `8.3`; `A.5` -> `A`.
fn parent_ref(reference: &str) -> &str {
    reference.rsplit_once('.').map_or("", |(p, _)| p)
}
