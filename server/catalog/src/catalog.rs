//! The [`Catalog`]: every standard edition, every correlation, and the
//! indexes to query them.
//!
//! **Invariant:** a `Catalog` only holds checked data: every parent exists,
//! every correlation endpoint exists, every harmonized marker names a
//! harmonized-structure clause. Loading user files never panics; what is
//! broken is left out and reported as [`CatalogError`]s.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;
use toml::Spanned;

use crate::builtin;
use crate::error::CatalogError;
use crate::load::{self, LoadedFile, RawCorrelation, RawFile, Reporter};
use crate::model::{
    Clause, ClauseKey, Correlation, CorrelationCategory, HarmonizedClause, Relation, Standard,
    Strength,
};

/// All standards and correlations the tools know about.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    standards: Vec<Standard>,
    /// Generated harmonized correlations first, then the hand-written ones in load order.
    correlations: Vec<Correlation>,
    harmonized: Vec<HarmonizedClause>,
    /// Position in `standards`, by id.
    #[serde(skip)]
    by_id: FxHashMap<String, usize>,
    /// Positions in `correlations` of every correlation touching a clause.
    #[serde(skip)]
    by_clause: FxHashMap<ClauseKey, Vec<usize>>,
}

/// One catalog file's text, read from disk or handed over by the editor.
struct Source<'a> {
    path: &'a Path,
    text: &'a str,
    builtin: bool,
}

impl Catalog {
    /// The built-in catalog (ISO/IEC 20000-1:2018, ISO 9001:2015, ISO/IEC
    /// 27001:2013 and 2022 with their correlations), parsed and checked once.
    ///
    /// Panics only if the embedded data is invalid, which the crate's tests rule out.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let (catalog, errors) = Catalog::load_builtin();
            if !errors.is_empty() {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("the built-in catalog is invalid:\n{}", list.join("\n"));
            }
            catalog
        })
    }

    /// Parses and checks the embedded data files, without caching. Used by
    /// [`Catalog::builtin`] and by tests that want to see the errors.
    pub fn load_builtin() -> (Catalog, Vec<CatalogError>) {
        let harmonized_path = Path::new(builtin::HARMONIZED.0);
        let harmonized = match load::parse_harmonized(harmonized_path, builtin::HARMONIZED.1) {
            Ok(h) => h,
            Err(e) => return (Catalog::empty(Vec::new()), vec![e]),
        };
        let paths: Vec<PathBuf> = builtin::FILES.iter().map(|(p, _)| PathBuf::from(p)).collect();
        let sources: Vec<Source<'_>> = builtin::FILES
            .iter()
            .zip(&paths)
            .map(|((_, text), path)| Source { path, text, builtin: true })
            .collect();
        Builder::new(harmonized).build(&sources)
    }

    /// The built-in catalog plus user catalogs, given as `(path, text)`
    /// pairs (`ims_project` reads them: the catalog does no file I/O). Same
    /// TOML format; a file holds one standard edition and/or
    /// `[[correlation]]` tables.
    ///
    /// Never panics. A file that cannot be parsed, or whose standard has
    /// errors, is skipped entirely; a faulty correlation is skipped on its
    /// own. The built-in standards always load.
    pub fn with_user_sources(sources: &[(PathBuf, String)]) -> (Catalog, Vec<CatalogError>) {
        let base = Catalog::builtin();
        let mut builder = Builder::new(base.harmonized.clone());
        builder.standards = base.standards.clone();
        builder.manual = base
            .correlations
            .iter()
            .filter(|c| c.category != CorrelationCategory::Harmonized)
            .cloned()
            .collect();
        let sources: Vec<Source<'_>> =
            sources.iter().map(|(path, text)| Source { path, text, builtin: false }).collect();
        builder.build(&sources)
    }

    fn empty(harmonized: Vec<HarmonizedClause>) -> Catalog {
        Catalog {
            standards: Vec::new(),
            correlations: Vec::new(),
            harmonized,
            by_id: FxHashMap::default(),
            by_clause: FxHashMap::default(),
        }
    }

    /// Every standard edition: the built-ins first, then user catalogs in load order.
    pub fn standards(&self) -> &[Standard] {
        &self.standards
    }

    /// The standard with this full id (`iso9001@2015`).
    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.by_id.get(id).map(|&i| &self.standards[i])
    }

    /// Every edition that `alias_or_family` names (`9001`, `iso9001`,
    /// `27001`, or a full id), newest first. Case-insensitive.
    pub fn editions(&self, alias_or_family: &str) -> Vec<&Standard> {
        let wanted = alias_or_family.to_ascii_lowercase();
        let mut found: Vec<&Standard> = self
            .standards
            .iter()
            .filter(|s| {
                s.id == wanted
                    || s.family == wanted
                    || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(&wanted))
            })
            .collect();
        found.sort_by(|a, b| edition_order(&b.edition).cmp(&edition_order(&a.edition)));
        found
    }

    /// The edition named by `alias_or_family` and `edition` (`("27001",
    /// Some("2013"))`), or the newest edition when `edition` is `None`.
    pub fn find_standard(&self, alias_or_family: &str, edition: Option<&str>) -> Option<&Standard> {
        let editions = self.editions(alias_or_family);
        match edition {
            Some(e) => editions.into_iter().find(|s| s.edition == e),
            None => editions.into_iter().next(),
        }
    }

    /// The clause a key names, if both the standard and the clause exist.
    pub fn clause(&self, key: &ClauseKey) -> Option<&Clause> {
        self.standard(&key.standard)?.clause(&key.clause)
    }

    /// Every correlation touching `key`, oriented so that `from == key`
    /// (reversing one swaps subset and superset). Includes the generated
    /// harmonized ones, which come first.
    pub fn correlations_of(&self, key: &ClauseKey) -> Vec<Correlation> {
        let Some(positions) = self.by_clause.get(key) else { return Vec::new() };
        positions
            .iter()
            .map(|&i| {
                let c = &self.correlations[i];
                if &c.from == key {
                    c.clone()
                } else {
                    c.reversed()
                }
            })
            .collect()
    }

    /// All correlations: generated harmonized ones first, then topic and edition-mapping ones.
    pub fn correlations(&self) -> &[Correlation] {
        &self.correlations
    }

    /// The Annex SL harmonized-structure table (`harmonized.toml`).
    pub fn harmonized(&self) -> &[HarmonizedClause] {
        &self.harmonized
    }

    /// The harmonized-structure clause with this number (`9.3`).
    pub fn harmonized_clause(&self, hs: &str) -> Option<&HarmonizedClause> {
        self.harmonized.iter().find(|h| h.hs == hs)
    }

    /// For a clause of a superseded edition (27001:2013): the clauses of the
    /// superseding edition it maps to, equal ones first. A domain, objective
    /// or heading without a mapping of its own yields the mappings of the
    /// entries below it, in the new edition's document order. Empty when the
    /// standard is not superseded or the clause is unknown.
    pub fn superseding(&self, key: &ClauseKey) -> Vec<ClauseKey> {
        let Some(old) = self.standard(&key.standard) else { return Vec::new() };
        let Some(new_id) = old.superseded_by.as_deref() else { return Vec::new() };
        let Some(new) = self.standard(new_id) else { return Vec::new() };
        if old.clause(&key.clause).is_none() {
            return Vec::new();
        }
        let mapped = |k: &ClauseKey| -> Vec<Correlation> {
            self.correlations_of(k)
                .into_iter()
                .filter(|c| {
                    c.category == CorrelationCategory::EditionMapping && c.to.standard == new_id
                })
                .collect()
        };
        let mut direct = mapped(key);
        if !direct.is_empty() {
            direct.sort_by_key(|c| (c.relation != Relation::Equal, position(new, &c.to.clause)));
            let mut out: Vec<ClauseKey> = Vec::new();
            for c in direct {
                if !out.contains(&c.to) {
                    out.push(c.to);
                }
            }
            return out;
        }
        let mut targets: Vec<ClauseKey> = old
            .clauses
            .iter()
            .filter(|c| c.reference != key.clause && old.is_within(&c.reference, &key.clause))
            .flat_map(|c| mapped(&ClauseKey::new(&old.id, &c.reference)))
            .map(|c| c.to)
            .collect();
        targets.sort_by_key(|k| position(new, &k.clause));
        targets.dedup();
        targets
    }

    /// The clauses in `in_standards` (ids) that implement the same
    /// harmonized-structure clause as `key`. Empty if `key` is not harmonized.
    pub fn harmonized_twins(&self, key: &ClauseKey, in_standards: &[&str]) -> Vec<ClauseKey> {
        let Some(hs) = self.clause(key).and_then(|c| c.harmonized.as_deref()) else {
            return Vec::new();
        };
        in_standards
            .iter()
            .filter(|&&id| id != key.standard)
            .filter_map(|&id| self.standard(id))
            .filter_map(|s| s.harmonized_clause(hs).map(|c| ClauseKey::new(&s.id, &c.reference)))
            .collect()
    }
}

/// Parses the TOML of every source, in parallel when there are several:
/// parsing is most of the load time, and files do not depend on each other.
fn parse_all(sources: &[Source<'_>]) -> Vec<Result<RawFile, CatalogError>> {
    let parse = |s: &Source<'_>| load::parse_file(s.path, s.text);
    let Some((first, rest)) = sources.split_first() else { return Vec::new() };
    if rest.is_empty() {
        return vec![parse(first)];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = rest
            .iter()
            .map(|s| std::thread::Builder::new().spawn_scoped(scope, move || parse(s)))
            .collect();
        let mut out = vec![parse(first)];
        for (source, handle) in rest.iter().zip(handles) {
            // If no thread could be started, parse on this thread; a panic in
            // the parser becomes an error for that file, never a crash.
            let result = match handle {
                Ok(h) => h.join().unwrap_or_else(|_| {
                    Err(CatalogError::whole_file(
                        source.path,
                        "internal error: the TOML parser panicked on this file".to_string(),
                    ))
                }),
                Err(_) => parse(source),
            };
            out.push(result);
        }
        out
    })
}

/// Sort key for editions: numeric years compare as numbers.
fn edition_order(edition: &str) -> (u32, &str) {
    let digits: String = edition.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(0), edition)
}

fn position(standard: &Standard, reference: &str) -> usize {
    standard.index.get(reference).copied().unwrap_or(usize::MAX)
}

/// Accumulates standards and correlations from several files, then checks
/// what can only be checked across files and builds the indexes.
struct Builder {
    harmonized: Vec<HarmonizedClause>,
    standards: Vec<Standard>,
    /// Hand-written correlations (topic and edition mapping).
    manual: Vec<Correlation>,
}

impl Builder {
    fn new(harmonized: Vec<HarmonizedClause>) -> Builder {
        Builder { harmonized, standards: Vec::new(), manual: Vec::new() }
    }

    fn build(mut self, sources: &[Source<'_>]) -> (Catalog, Vec<CatalogError>) {
        let mut errors = Vec::new();
        // Pass 1: standards, file by file.
        // For each file that loaded: its reporter, what it holds, and the
        // position of its standard in `self.standards`.
        let mut pending: Vec<(Reporter<'_>, LoadedFile, Option<usize>)> = Vec::new();
        for (source, parsed) in sources.iter().zip(parse_all(sources)) {
            let mut rep = Reporter::new(source.path, source.text);
            let loaded = match parsed {
                Ok(raw) => load::load_file(
                    &mut rep,
                    raw,
                    source.builtin,
                    &self.harmonized,
                    &self.standards,
                ),
                Err(e) => {
                    rep.errors.push(e);
                    None
                }
            };
            if let Some(mut loaded) = loaded {
                let mut position = None;
                if let Some(standard) = loaded.standard.take() {
                    position = Some(self.standards.len());
                    self.standards.push(standard);
                }
                pending.push((rep, loaded, position));
            } else {
                errors.append(&mut rep.errors);
            }
        }
        // Pass 2: what refers to other standards.
        let mut seen: HashMap<(ClauseKey, ClauseKey), Origin<'_>> =
            self.manual.iter().map(|c| (pair(&c.from, &c.to), Origin::Builtin)).collect();
        for (rep, loaded, position) in &mut pending {
            if let (Some(s), Some(position)) = (&loaded.superseded_by, *position) {
                if !self.standards.iter().any(|x| &x.id == s.get_ref()) {
                    rep.error(
                        s.span(),
                        format!("superseded-by names unknown standard \"{}\"", s.get_ref()),
                    );
                    self.standards[position].superseded_by = None;
                }
            }
            for raw in &loaded.correlations {
                if let Some(c) = self.check_correlation(rep, raw, &mut seen) {
                    self.manual.push(c);
                }
            }
            errors.append(&mut rep.errors);
        }
        // Report in file order, then by position, whichever pass found the problem.
        let order: HashMap<&Path, usize> =
            sources.iter().enumerate().map(|(i, s)| (s.path, i)).collect();
        errors.sort_by_key(|e| (order.get(e.file.as_path()).copied(), e.line, e.column));
        (self.finish(), errors)
    }

    fn check_correlation<'a>(
        &self,
        rep: &mut Reporter<'a>,
        raw: &Spanned<RawCorrelation>,
        seen: &mut HashMap<(ClauseKey, ClauseKey), Origin<'a>>,
    ) -> Option<Correlation> {
        let c = raw.get_ref();
        let errors_before = rep.errors.len();
        let mut field = |name: &str, value: &Option<Spanned<String>>| -> Option<Spanned<String>> {
            match value {
                Some(v) => Some(v.clone()),
                None => {
                    rep.error(raw.span(), format!("[[correlation]] without `{name}`"));
                    None
                }
            }
        };
        let from = field("from", &c.from);
        let to = field("to", &c.to);
        let relation = field("relation", &c.relation);
        let strength = field("strength", &c.strength);
        let note = field("note", &c.note);
        let (from, to, relation, strength, note) = (from?, to?, relation?, strength?, note?);
        let from_key = self.check_endpoint(rep, &from);
        let to_key = self.check_endpoint(rep, &to);
        let relation_value = Relation::parse(relation.get_ref()).or_else(|| {
            rep.error(
                relation.span(),
                format!("unknown relation \"{}\"; expected \"equal\", \"subset\", \"superset\" or \"intersects\"", relation.get_ref()),
            );
            None
        });
        let strength_value = Strength::parse(strength.get_ref()).or_else(|| {
            rep.error(
                strength.span(),
                format!(
                    "unknown strength \"{}\"; expected \"strong\", \"moderate\" or \"weak\"",
                    strength.get_ref()
                ),
            );
            None
        });
        if note.get_ref().trim().is_empty() {
            rep.error(note.span(), "empty `note`: give a short rationale");
        }
        let category = match &c.category {
            None => Some(CorrelationCategory::Topic),
            Some(cat) => match cat.get_ref().as_str() {
                "topic" => Some(CorrelationCategory::Topic),
                "edition-mapping" => Some(CorrelationCategory::EditionMapping),
                "harmonized" => {
                    rep.error(cat.span(), "harmonized correlations are generated from harmonized.toml and the clauses' `harmonized` markers; they cannot be written by hand");
                    None
                }
                other => {
                    rep.error(cat.span(), format!("unknown category \"{other}\"; expected \"topic\" or \"edition-mapping\""));
                    None
                }
            },
        };
        let (from_key, to_key) = (from_key?, to_key?);
        if rep.errors.len() > errors_before {
            return None;
        }
        if from_key == to_key {
            rep.error(to.span(), format!("a correlation from {from_key} to itself"));
            return None;
        }
        let (Some(relation_value), Some(strength_value), Some(category)) =
            (relation_value, strength_value, category)
        else {
            return None;
        };
        let from_std = self.standard(&from_key.standard)?;
        let to_std = self.standard(&to_key.standard)?;
        if category == CorrelationCategory::EditionMapping && from_std.family != to_std.family {
            rep.error(
                to.span(),
                format!("an edition mapping links two editions of one standard, but {} and {} are different standards", from_std.id, to_std.id),
            );
            return None;
        }
        if category == CorrelationCategory::Topic && from_std.family != to_std.family {
            let hs_from = from_std.clause(&from_key.clause).and_then(|c| c.harmonized.as_ref());
            let hs_to = to_std.clause(&to_key.clause).and_then(|c| c.harmonized.as_ref());
            if let (Some(a), Some(b)) = (hs_from, hs_to) {
                if a == b {
                    rep.error(
                        raw.span(),
                        format!("{from_key} and {to_key} both implement harmonized clause {a}; that correlation is generated, do not write it by hand"),
                    );
                    return None;
                }
            }
        }
        let key = pair(&from_key, &to_key);
        if let Some(origin) = seen.get(&key) {
            rep.error(
                raw.span(),
                format!(
                    "duplicate correlation between {from_key} and {to_key} (already defined {})",
                    origin.describe()
                ),
            );
            return None;
        }
        seen.insert(key, Origin::At { path: rep.path, text: rep.text, offset: raw.span().start });
        Some(Correlation {
            from: from_key,
            to: to_key,
            relation: relation_value,
            strength: strength_value,
            note: note.get_ref().clone(),
            source: c.source.clone(),
            category,
        })
    }

    fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }

    fn check_endpoint(&self, rep: &mut Reporter<'_>, value: &Spanned<String>) -> Option<ClauseKey> {
        let key: ClauseKey = match value.get_ref().parse() {
            Ok(k) => k,
            Err(e) => {
                rep.error(value.span(), crate::model::ParseClauseKeyError::to_string(&e));
                return None;
            }
        };
        let Some(standard) = self.standard(&key.standard) else {
            let known: Vec<&str> = self.standards.iter().map(|s| s.id.as_str()).collect();
            rep.error(
                value.span(),
                format!(
                    "unknown standard \"{}\" in {key} (known: {})",
                    key.standard,
                    known.join(", ")
                ),
            );
            return None;
        };
        if standard.clause(&key.clause).is_none() {
            let hint = match standard.suggest(&key.clause).first() {
                Some(c) => format!("; did you mean {}?", c.reference),
                None => String::new(),
            };
            rep.error(
                value.span(),
                format!("unknown clause {} in {} ({key}){hint}", key.clause, standard.short_name()),
            );
            return None;
        }
        Some(key)
    }

    /// Generates the harmonized correlations and builds the indexes.
    fn finish(self) -> Catalog {
        let mut correlations = crate::harmonized::generate(&self.harmonized, &self.standards);
        correlations.extend(self.manual);
        let by_id = self.standards.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let mut by_clause: FxHashMap<ClauseKey, Vec<usize>> = FxHashMap::default();
        for (i, c) in correlations.iter().enumerate() {
            by_clause.entry(c.from.clone()).or_default().push(i);
            by_clause.entry(c.to.clone()).or_default().push(i);
        }
        Catalog {
            standards: self.standards,
            correlations,
            harmonized: self.harmonized,
            by_id,
            by_clause,
        }
    }
}

/// An unordered pair, for duplicate detection.
fn pair(a: &ClauseKey, b: &ClauseKey) -> (ClauseKey, ClauseKey) {
    if a <= b {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    }
}

/// Where a correlation was first defined, for duplicate messages. The line
/// is computed only when needed: computing it for every correlation would
/// scan the file once per correlation.
enum Origin<'a> {
    Builtin,
    At { path: &'a Path, text: &'a str, offset: usize },
}

impl Origin<'_> {
    fn describe(&self) -> String {
        match self {
            Origin::Builtin => "in the built-in catalog".to_string(),
            Origin::At { path, text, offset } => {
                let (line, column) = crate::error::line_column(text, *offset);
                format!("at {}:{line}:{column}", path.display())
            }
        }
    }
}
