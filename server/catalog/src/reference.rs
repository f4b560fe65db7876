//! The shape of a clause reference (`8.3.4`, `A.5.19`): pure functions of
//! the text, shared by the loader and `ClauseKey::from_str`.

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
}
