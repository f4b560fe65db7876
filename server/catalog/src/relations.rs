//! The consistency of a correlation's relation with the correlations of the
//! clauses below it: a heading cannot be `equal` to another heading while
//! its sub-clauses say that one side holds more.
//!
//! A relation says what each side adds ([`Relation::additions`]). The
//! sub-clauses show that side X of a correlation X -> Y adds when
//!
//! 1. a sub-clause of X correlates with nothing strictly below Y (it holds
//!    something Y has no place for), or
//! 2. a sub-clause of X has exactly one counterpart below Y, a sub-clause of
//!    Y, and that pair says the X side adds (what it adds cannot be in
//!    another part of Y).
//!
//! Only correlations of the same category count (edition mapping with
//! edition mapping, topic with topic), and only when both clauses have
//! titled sub-clauses and at least one pair of them correlates: otherwise
//! the sub-clauses say nothing about the headings. A relation may claim
//! more additions than its sub-clauses show (the heading's own text can
//! differ), never fewer.

use rustc_hash::FxHashMap;

use crate::model::{Clause, ClauseKey, Correlation, Relation, Standard};

/// What the sub-clauses of a correlation's ends imply.
struct Implied {
    from_adds: Vec<String>,
    to_adds: Vec<String>,
}

impl Implied {
    /// The weakest relation consistent with both the stated one and the
    /// sub-clauses.
    fn corrected(&self, stated: Relation) -> Relation {
        let (from, to) = stated.additions();
        Relation::from_additions(from || !self.from_adds.is_empty(), to || !self.to_adds.is_empty())
    }

    /// Whether `stated` claims fewer additions than the sub-clauses show.
    fn contradicts(&self, stated: Relation) -> bool {
        self.corrected(stated) != stated
    }
}

/// The correlations by clause, for the look-ups below.
struct Index<'a> {
    by_clause: FxHashMap<&'a ClauseKey, Vec<&'a Correlation>>,
}

impl<'a> Index<'a> {
    fn new(correlations: &'a [Correlation]) -> Index<'a> {
        let mut by_clause: FxHashMap<&ClauseKey, Vec<&Correlation>> = FxHashMap::default();
        for c in correlations {
            by_clause.entry(&c.from).or_default().push(c);
            by_clause.entry(&c.to).or_default().push(c);
        }
        Index { by_clause }
    }

    /// The correlations of `key` in `corr`'s category, oriented from `key`.
    fn of(&self, key: &ClauseKey, like: &Correlation) -> Vec<Correlation> {
        self.by_clause
            .get(key)
            .into_iter()
            .flatten()
            .filter(|c| c.category == like.category)
            .map(|c| if &c.from == key { (*c).clone() } else { c.reversed() })
            .collect()
    }
}

/// The correlations of `all` from position `first` on whose relation the
/// correlations of their ends' sub-clauses contradict, as (offset from
/// `first`, message). `standard` finds a standard by id.
pub(crate) fn contradictions<'s>(
    all: &[Correlation],
    first: usize,
    standard: impl Fn(&str) -> Option<&'s Standard>,
) -> Vec<(usize, String)> {
    let index = Index::new(all);
    let mut out = Vec::new();
    for (offset, corr) in all[first..].iter().enumerate() {
        let (Some(from_std), Some(to_std)) =
            (standard(&corr.from.standard), standard(&corr.to.standard))
        else {
            continue;
        };
        let Some(implied) = implied(corr, &index, from_std, to_std) else { continue };
        if !implied.contradicts(corr.relation) {
            continue;
        }
        let mut reasons: Vec<String> = Vec::new();
        for (key, adds) in [(&corr.from, &implied.from_adds), (&corr.to, &implied.to_adds)] {
            if !adds.is_empty() {
                reasons.push(format!("{key} holds more ({})", adds.join("; ")));
            }
        }
        out.push((
            offset,
            format!(
                "{} -> {} is \"{}\", but the correlations of their sub-clauses say {}; the relation must be \"{}\"",
                corr.from,
                corr.to,
                corr.relation.as_str(),
                reasons.join(" and "),
                implied.corrected(corr.relation).as_str()
            ),
        ));
    }
    out
}

/// What the sub-clauses of `corr`'s ends imply, or `None` when they say
/// nothing (one end has no titled sub-clauses, or no pair of them
/// correlates).
fn implied(
    corr: &Correlation,
    index: &Index<'_>,
    from_std: &Standard,
    to_std: &Standard,
) -> Option<Implied> {
    let from_children = titled_children(from_std, &corr.from.clause);
    let to_children = titled_children(to_std, &corr.to.clause);
    if from_children.is_empty() || to_children.is_empty() {
        return None;
    }
    let any_pair = from_children.iter().any(|c| {
        index.of(&ClauseKey::new(&from_std.id, &c.reference), corr).iter().any(|k| {
            k.to.standard == to_std.id && to_children.iter().any(|t| t.reference == k.to.clause)
        })
    });
    if !any_pair {
        return None;
    }
    let from_adds = side_adds(corr, index, from_std, &from_children, to_std, &corr.to.clause);
    let to_adds =
        side_adds(&corr.reversed(), index, to_std, &to_children, from_std, &corr.from.clause);
    Some(Implied { from_adds, to_adds })
}

/// The sub-clauses of the `own` side that hold something the `other` side
/// (clause `other_clause` of `other_std`) lacks, each with the reason.
fn side_adds(
    corr: &Correlation,
    index: &Index<'_>,
    own_std: &Standard,
    own_children: &[&Clause],
    other_std: &Standard,
    other_clause: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for child in own_children {
        let key = ClauseKey::new(&own_std.id, &child.reference);
        let counterparts: Vec<Correlation> = index
            .of(&key, corr)
            .into_iter()
            .filter(|k| {
                k.to.standard == other_std.id
                    && k.to.clause != other_clause
                    && other_std.is_within(&k.to.clause, other_clause)
            })
            .collect();
        match counterparts.as_slice() {
            [] => out.push(format!("{} has no counterpart below {other_clause}", child.reference)),
            [only]
                if only.relation.additions().0
                    && other_std.clause(&only.to.clause).and_then(|c| c.parent.as_deref())
                        == Some(other_clause) =>
            {
                let verb = match only.relation {
                    Relation::Intersects => "intersects with",
                    Relation::Superset => "is a superset of",
                    // A pair that says this side adds is never equal or a subset.
                    Relation::Equal | Relation::Subset => "is related to",
                };
                out.push(format!("{} {verb} {}", child.reference, only.to.clause))
            }
            _ => {}
        }
    }
    out
}

fn titled_children<'s>(standard: &'s Standard, reference: &'s str) -> Vec<&'s Clause> {
    standard.children(reference).filter(|c| !c.untitled).collect()
}
