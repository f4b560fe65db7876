//! Generation of the harmonized correlations: every pair of clauses, in two
//! different standards, that implement the same Annex SL harmonized-structure
//! clause (their `harmonized` markers agree).
//!
//! The relation tells the integrator how much reconciling is needed: `equal`
//! when neither committee added text to the common clause, `subset` /
//! `superset` when one did, `intersects` when both did. Strength is always
//! strong: the common core is identical. Two editions of one standard are not
//! paired here; the edition mapping links them.

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
                let (relation, note) = match (&a.addition, &b.addition) {
                    (None, None) => (
                        Relation::Equal,
                        format!("Both use the common text of harmonized clause {} unchanged.", hs.hs),
                    ),
                    (None, Some(_)) => (
                        Relation::Subset,
                        format!(
                            "Common text of harmonized clause {}; {} adds requirements of its own.",
                            hs.hs,
                            b_std.short_name()
                        ),
                    ),
                    (Some(_), None) => (
                        Relation::Superset,
                        format!(
                            "Common text of harmonized clause {}; {} adds requirements of its own.",
                            hs.hs,
                            a_std.short_name()
                        ),
                    ),
                    (Some(_), Some(_)) => (
                        Relation::Intersects,
                        format!(
                            "Common text of harmonized clause {}; {} and {} each add requirements to reconcile.",
                            hs.hs,
                            a_std.short_name(),
                            b_std.short_name()
                        ),
                    ),
                };
                out.push(Correlation {
                    from: ClauseKey::new(&a_std.id, &a.reference),
                    to: ClauseKey::new(&b_std.id, &b.reference),
                    relation,
                    strength: Strength::Strong,
                    note,
                    source: Some(SOURCE.to_string()),
                    category: CorrelationCategory::Harmonized,
                });
            }
        }
    }
    out
}
