//! Generation of the harmonized correlations: every pair of clauses, in two
//! different standards, that implement the same Annex SL harmonized-structure
//! clause (their `harmonized` markers agree).
//!
//! The relation tells the integrator how much reconciling is needed, and it
//! is derived from the clause *and everything below it*, so that a heading
//! can never claim `equal` while its sub-clauses differ. A side adds to the
//! common text when
//!
//! - its clause has an `addition` of its own;
//! - one of its harmonized sub-clauses adds to its twin on the other side;
//! - it has a sub-clause the other side lacks: a sub-clause of its own
//!   (ISO 9001 8.2-8.7 under 8 Operation) or a harmonized one the other
//!   standard does not have (6.3 Planning of changes). A harmonized
//!   sub-clause into which the 2021 structure divided a 2012 clause (9.2.1,
//!   9.3.2 ...) is the exception: a 2012-structure standard holds the same
//!   common text in the undivided clause, so lacking it adds nothing; only
//!   the sub-clause's own `addition` counts.
//!
//! Untitled numbered paragraphs (ISO 9001 9.2.1) are parts of their parent's
//! text and never count on their own. `equal` means neither side adds,
//! `subset-of` / `superset-of` that one does, `intersects-with` that both
//! do. Strength is always strong: the common core is identical. Two editions
//! of one standard are not paired here; the edition mapping links them.

use crate::model::{
    Clause, ClauseKey, Correlation, CorrelationCategory, HarmonizedClause, Relation, Standard,
    Strength,
};

pub(crate) const SOURCE: &str =
    "ISO/IEC Directives, Part 1, Annex SL, Appendix 2 (harmonized structure)";

pub(crate) fn generate(
    harmonized: &[HarmonizedClause],
    standards: &[Standard],
) -> Vec<Correlation> {
    let mut out = Vec::new();
    for hs in harmonized {
        let members: Vec<(&Standard, &Clause)> =
            standards.iter().filter_map(|s| s.harmonized_clause(&hs.hs).map(|c| (s, c))).collect();
        for (i, (a_std, a)) in members.iter().enumerate() {
            for (b_std, b) in &members[i + 1..] {
                if a_std.family == b_std.family {
                    continue;
                }
                let a_adds = additions(harmonized, a_std, a, b_std);
                let b_adds = additions(harmonized, b_std, b, a_std);
                let relation = Relation::from_additions(!a_adds.is_empty(), !b_adds.is_empty());
                out.push(Correlation {
                    from: ClauseKey::new(&a_std.id, &a.reference),
                    to: ClauseKey::new(&b_std.id, &b.reference),
                    relation,
                    strength: Strength::Strong,
                    rationale: rationale(&hs.hs, (a_std, &a_adds), (b_std, &b_adds)),
                    source: Some(SOURCE.to_string()),
                    category: CorrelationCategory::Harmonized,
                });
            }
        }
    }
    out
}

/// Why one side of a harmonized pair holds more than the common text.
#[derive(Debug, PartialEq, Eq)]
enum Addition {
    /// The clause's own `addition`.
    Own,
    /// A harmonized sub-clause that adds to its twin (or, for a divided
    /// sub-clause without a twin, that has an addition of its own).
    InSubClause(String),
    /// A sub-clause the other standard does not have.
    ExtraSubClause(String),
}

/// What `clause` of `standard` holds beyond its twin in `other`, in
/// document order.
fn additions(
    harmonized: &[HarmonizedClause],
    standard: &Standard,
    clause: &Clause,
    other: &Standard,
) -> Vec<Addition> {
    let mut out = Vec::new();
    if clause.addition.is_some() {
        out.push(Addition::Own);
    }
    for child in standard.children(&clause.reference).filter(|c| !c.untitled) {
        let Some(hs) = child.harmonized.as_deref() else {
            out.push(Addition::ExtraSubClause(child.reference.clone()));
            continue;
        };
        match other.harmonized_clause(hs) {
            // The twin's own additions are counted from the other side.
            Some(_) => {
                if !additions(harmonized, standard, child, other).is_empty() {
                    out.push(Addition::InSubClause(child.reference.clone()));
                }
            }
            None => {
                let divided = harmonized
                    .iter()
                    .find(|h| h.hs == hs)
                    .and_then(|h| h.divides.as_deref())
                    .is_some_and(|parent| other.harmonized_clause(parent).is_some());
                if !divided {
                    out.push(Addition::ExtraSubClause(child.reference.clone()));
                } else if child.addition.is_some() {
                    out.push(Addition::InSubClause(child.reference.clone()));
                }
            }
        }
    }
    out
}

/// "Common text of harmonized clause 8; ISO 9001:2015 adds text of its own
/// and to 8.1, and has 8.2, 8.3 ..., which ISO/IEC 27001:2022 lacks; ..."
fn rationale(hs: &str, a: (&Standard, &[Addition]), b: (&Standard, &[Addition])) -> String {
    let sides: Vec<String> = [(a, b.0), (b, a.0)]
        .into_iter()
        .filter(|((_, adds), _)| !adds.is_empty())
        .map(|((standard, adds), other)| describe(standard, adds, other))
        .collect();
    if sides.is_empty() {
        format!("Both use the common text of harmonized clause {hs} unchanged, down to their sub-clauses.")
    } else {
        format!("Common text of harmonized clause {hs}; {}.", sides.join("; "))
    }
}

/// "ISO 9001:2015 adds text of its own and to 8.1, and has 8.2 and 8.3,
/// which ISO/IEC 27001:2022 lacks".
fn describe(standard: &Standard, adds: &[Addition], other: &Standard) -> String {
    let within: Vec<&str> = adds
        .iter()
        .filter_map(|a| match a {
            Addition::InSubClause(r) => Some(r.as_str()),
            _ => None,
        })
        .collect();
    let extra: Vec<&str> = adds
        .iter()
        .filter_map(|a| match a {
            Addition::ExtraSubClause(r) => Some(r.as_str()),
            _ => None,
        })
        .collect();
    let mut added: Vec<String> = Vec::new();
    if adds.contains(&Addition::Own) {
        added.push("text of its own".to_string());
    }
    if !within.is_empty() {
        added.push(format!("to {}", join_and(&within)));
    }
    let added = join_and(&added.iter().map(String::as_str).collect::<Vec<_>>());
    let name = standard.short_name();
    let lacks = format!("{}, which {} lacks", join_and(&extra), other.short_name());
    match (added.is_empty(), extra.is_empty()) {
        (false, true) => format!("{name} adds {added}"),
        (true, false) => format!("{name} has {lacks}"),
        _ => format!("{name} adds {added}, and has {lacks}"),
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
