//! Shape rules for ids, aliases, dates and the clause tree, for the loader.

use crate::model::ClauseKind;
use crate::reference::{depth, is_annex_ref};

/// `<family>@<edition>` with a lower-case family (`iso9001`, `iso20000-1`) and
/// an edition made of digits, letters and dashes (`2015`, `2015-amd1`).
pub(crate) fn is_well_formed_id(id: &str) -> bool {
    let Some((family, edition)) = id.split_once('@') else { return false };
    is_well_formed_family(family)
        && !edition.is_empty()
        && edition.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

pub(crate) fn is_well_formed_family(family: &str) -> bool {
    family.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase())
        && family.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An alias is what a reference is written with before the `:`: `9001`, `iso9001`.
pub(crate) fn is_well_formed_alias(alias: &str) -> bool {
    !alias.is_empty() && alias.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
}

/// `YYYY-MM-DD`.
pub(crate) fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Checks that a clause of `kind` with `reference` may sit under a parent of
/// `parent_kind` (`None` for the top level). Returns what is wrong, if anything.
pub(crate) fn kind_rule(
    reference: &str,
    kind: ClauseKind,
    parent_kind: Option<ClauseKind>,
) -> Option<String> {
    use ClauseKind::*;
    let annex = is_annex_ref(reference);
    let depth = depth(reference);
    match kind {
        Clause if annex => Some(format!(
            "clause {reference} has kind \"clause\" but an annex reference; use \"domain\", \"objective\", \"theme\" or \"control\""
        )),
        Clause => match parent_kind {
            None | Some(Clause) => None,
            Some(other) => {
                Some(format!("clause {reference} cannot be the child of a {other} entry"))
            }
        },
        _ if !annex => Some(format!(
            "{reference} has kind \"{kind}\" but is not an annex reference (like A.5.1); use kind \"clause\""
        )),
        Annex if depth != 1 || parent_kind.is_some() => Some(format!(
            "annex root {reference} must be a single letter (\"A\") without a parent"
        )),
        Annex => None,
        Domain | Theme => match parent_kind {
            None | Some(Annex) if depth == 2 => None,
            _ => Some(format!(
                "{kind} {reference} must be a top-level annex entry like A.5 (its parent, if any, the annex root)"
            )),
        },
        Objective => match parent_kind {
            Some(Domain) => None,
            _ => Some(format!("objective {reference} must be the child of a domain")),
        },
        Control => match parent_kind {
            Some(Annex | Domain | Objective | Theme) => None,
            _ => Some(format!(
                "control {reference} must be the child of an objective, a theme, a domain or the annex root"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_dates() {
        assert!(is_well_formed_id("iso20000-1@2018"));
        assert!(!is_well_formed_id("ISO9001@2015"));
        assert!(!is_well_formed_id("iso9001"));
        assert!(!is_well_formed_id("iso9001@"));
        assert!(is_iso_date("2025-10-31"));
        assert!(!is_iso_date("31-10-2025"));
    }
}
