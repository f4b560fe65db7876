//! Shape rules for references and the clause tree, shared by the loader and
//! by `ClauseKey::from_str`.

use crate::model::ClauseKind;

/// `4`, `8.3.4`, `A`, `A.5`, `A.15.1.1`: a numeric dotted reference, or an
/// annex letter followed by numeric segments. No empty segments, no spaces.
pub(crate) fn is_well_formed_ref(reference: &str) -> bool {
    let mut segments = reference.split('.');
    let Some(first) = segments.next() else { return false };
    let first_ok =
        is_number(first) || (first.len() == 1 && first.as_bytes()[0].is_ascii_uppercase());
    first_ok && segments.all(is_number)
}

fn is_number(segment: &str) -> bool {
    !segment.is_empty() && segment.len() <= 4 && segment.bytes().all(|b| b.is_ascii_digit())
}

/// Number of dot-separated segments: `A` is 1, `A.5.1` is 3.
pub(crate) fn depth(reference: &str) -> usize {
    reference.split('.').count()
}

pub(crate) fn is_annex_ref(reference: &str) -> bool {
    reference.as_bytes().first().is_some_and(|b| b.is_ascii_uppercase())
}

/// True if `child` is `parent` plus exactly one more segment.
pub(crate) fn extends_by_one(child: &str, parent: &str) -> bool {
    child.strip_prefix(parent).and_then(|rest| rest.strip_prefix('.')).is_some_and(is_number)
}

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
    fn references() {
        for ok in ["4", "8.3.4", "7.1.5.2", "A", "A.5", "A.15.1.1", "10"] {
            assert!(is_well_formed_ref(ok), "{ok}");
        }
        for bad in ["", "4.", ".4", "a.5", "A..5", "8.x", "AB.1", " 4", "4 .1", "A.5.1a"] {
            assert!(!is_well_formed_ref(bad), "{bad}");
        }
        assert!(extends_by_one("8.3.4", "8.3"));
        assert!(!extends_by_one("8.3.4", "8"));
        assert!(!extends_by_one("8.31", "8.3"));
        assert!(extends_by_one("A.5", "A"));
    }

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
