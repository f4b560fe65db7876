//! A plain-text description of one clause, for `ims catalog 9001:8.4`.

use std::fmt::Write;

use crate::catalog::{Catalog, ClauseCorrelation};
use crate::model::{ClauseKey, ClauseKind, CorrelationCategory};

/// Describes a clause: standard, number, title, parent, summary, harmonized
/// status and this committee's addition, notes, and its correlations grouped
/// by standard with relation, strength and rationale, those it inherits from
/// its ancestors marked with the ancestor. For an unknown key, says so and
/// suggests close references.
pub fn describe_clause(catalog: &Catalog, key: &ClauseKey) -> String {
    let mut out = String::new();
    let Some(standard) = catalog.standard(&key.standard) else {
        let known: Vec<&str> = catalog.standards().iter().map(|s| s.id.as_str()).collect();
        return format!("Unknown standard {} (known: {}).\n", key.standard, known.join(", "));
    };
    let name = standard.short_name();
    let Some(clause) = standard.clause(&key.clause) else {
        let suggestions: Vec<String> =
            standard.suggest(&key.clause).iter().map(|c| c.label()).collect();
        let _ = write!(out, "{name} has no clause {}.", key.clause);
        if !suggestions.is_empty() {
            let _ = write!(out, " Did you mean: {}?", suggestions.join("; "));
        }
        out.push('\n');
        return out;
    };

    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(out, "{name} {}", clause.label());
    let _ = writeln!(
        out,
        "  Standard:   {} ({}, {})",
        standard.title, standard.id, standard.system_kind
    );
    let kind = match clause.kind {
        ClauseKind::Clause if clause.untitled => "numbered paragraph without a title of its own",
        ClauseKind::Clause => "clause",
        ClauseKind::Annex => "annex",
        ClauseKind::Domain => "Annex A domain",
        ClauseKind::Objective => "Annex A control objective",
        ClauseKind::Theme => "Annex A theme",
        ClauseKind::Control => "Annex A control",
    };
    let _ = writeln!(out, "  Kind:       {kind}");
    if let Some(parent) = clause.parent.as_deref().and_then(|p| standard.clause(p)) {
        let _ = writeln!(out, "  Parent:     {}", parent.label());
    }
    let children: Vec<String> = standard.children(&clause.reference).map(|c| c.label()).collect();
    if !children.is_empty() {
        let _ = writeln!(out, "  Contains:   {}", children.join("; "));
    }
    if let Some(summary) = &clause.summary {
        let _ = writeln!(out, "  Summary:    {summary}");
    }
    match clause.harmonized.as_deref() {
        Some(hs) => {
            let title = catalog.harmonized_clause(hs).map_or("", |h| h.title.as_str());
            let _ = writeln!(
                out,
                "  Harmonized: yes, Annex SL harmonized-structure clause {hs} {title}"
            );
            match &clause.addition {
                Some(addition) => {
                    let _ = writeln!(out, "  Addition:   {addition}");
                }
                None => {
                    let _ = writeln!(out, "  Addition:   none; {name} uses the common text");
                }
            }
        }
        None if clause.untitled => {
            let parent = clause.parent.as_deref().and_then(|p| standard.clause(p));
            if let Some(hs) = parent.and_then(|p| p.harmonized.as_deref()) {
                let _ = writeln!(
                    out,
                    "  Harmonized: part of {}, which implements harmonized-structure clause {hs}",
                    parent.map_or("", |p| p.reference.as_str())
                );
            }
        }
        None if clause.kind == ClauseKind::Clause => {
            let _ = writeln!(out, "  Harmonized: no, specific to {name}");
        }
        None => {}
    }
    if let Some(note) = &clause.note {
        let _ = writeln!(out, "  Note:       {note}");
    }
    if let Some(correction) = &clause.correction {
        let _ = writeln!(out, "  Correction: {correction}");
    }
    if let Some(source) = &clause.source {
        let _ = writeln!(out, "  Source:     {source}");
    }
    if let Some(new_id) = &standard.superseded_by {
        let new_name = catalog.standard(new_id).map_or(new_id.clone(), |s| s.short_name());
        let withdrawn = standard
            .withdrawn
            .as_deref()
            .map(|w| format!("; certificates invalid after {w}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  Superseded: by {new_name}{withdrawn}");
        let mapped: Vec<String> = catalog
            .superseding(key)
            .iter()
            .filter_map(|k| catalog.clause(k))
            .map(|c| c.label())
            .collect();
        if !mapped.is_empty() {
            let _ = writeln!(out, "  Maps to:    {}", mapped.join("; "));
        }
    }

    let correlations = catalog.correlations_with_inherited(key);
    if correlations.is_empty() {
        let _ = writeln!(out, "\nNo correlations with other clauses.");
        return out;
    }
    let _ = writeln!(out, "\nCorrelations");
    // Group by target standard, in catalog order.
    for other in catalog.standards() {
        let group: Vec<_> =
            correlations.iter().filter(|c| c.correlation.to.standard == other.id).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", other.short_name());
        for ClauseCorrelation { correlation: c, inherited_from } in group {
            let target = other.clause(&c.to.clause);
            let label = target.map_or(c.to.clause.clone(), |t| t.label());
            let category = match c.category {
                CorrelationCategory::Harmonized => "harmonized",
                CorrelationCategory::Topic => "topic",
                CorrelationCategory::EditionMapping => "edition mapping",
            };
            let via = inherited_from
                .as_ref()
                .map(|a| format!(", inherited from {a}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {label}: {} ({}, {category}{via}). {}",
                c.relation, c.strength, c.rationale
            );
            if c.category == CorrelationCategory::Harmonized {
                if let Some(addition) = target.and_then(|t| t.addition.as_ref()) {
                    let _ = writeln!(out, "      {} adds: {addition}", other.short_name());
                }
            } else if let Some(source) = &c.source {
                let _ = writeln!(out, "      Source: {source}");
            }
        }
    }
    out
}
