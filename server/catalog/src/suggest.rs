//! Did-you-mean for clause references.
//!
//! A query that looks like a reference (`8.3.5`, `A.5.40`, `a.15.1.1`) is
//! first placed in the clause the user was in: the longest prefix of it that
//! is a clause (`6.1` for `6.1.3`). A suggestion never leaves that clause:
//! the clauses below it within a small edit distance come first (ties go to
//! the same depth, the nearest number, document order), then the enclosing
//! clause itself, which is always a safe correction; when nothing below it
//! is near, the enclosing clause is the only suggestion. A number that is a
//! clause but for its case (`a.5.19`) suggests that clause alone. Only a
//! query with no enclosing clause (`12.1`) is compared with every
//! reference. Any other query (`supplier`, `management review`) is matched
//! against title words.

use crate::model::{Clause, Standard};

const MAX: usize = 3;

impl Standard {
    /// Did-you-mean for an unknown reference: up to three close references,
    /// best first, ranked as the module says.
    pub fn suggest(&self, reference: &str) -> Vec<&Clause> {
        suggest(self, reference)
    }
}

fn suggest<'a>(standard: &'a Standard, query: &str) -> Vec<&'a Clause> {
    let query = query.trim().trim_end_matches('.');
    if query.is_empty() {
        return Vec::new();
    }
    let looks_like_ref = query.chars().all(|c| c.is_ascii_digit() || c == '.')
        || (query.len() > 1
            && query.as_bytes()[0].is_ascii_alphabetic()
            && query[1..].chars().all(|c| c.is_ascii_digit() || c == '.'));
    if looks_like_ref {
        by_reference(standard, &query.to_ascii_uppercase())
    } else {
        by_title(standard, query)
    }
}

fn by_reference<'a>(standard: &'a Standard, query: &str) -> Vec<&'a Clause> {
    if let Some(exact) = standard.clause(query) {
        return vec![exact];
    }
    match enclosing(standard, query) {
        Some(parent) => {
            let below = |c: &Clause| {
                c.reference != parent.reference
                    && standard.is_within(&c.reference, &parent.reference)
            };
            let mut out = nearest(standard, query, below, MAX - 1);
            out.push(parent);
            out
        }
        None => nearest(standard, query, |_| true, MAX),
    }
}

/// The clause the user was in: the longest proper prefix of `query`, cut at
/// a dot, that is a clause of `standard` (`6.1` for `6.1.3`, `A.5` for
/// `A.5.40`).
fn enclosing<'a>(standard: &'a Standard, query: &str) -> Option<&'a Clause> {
    let mut prefix = query;
    while let Some((head, _)) = prefix.rsplit_once('.') {
        if let Some(clause) = standard.clause(head) {
            return Some(clause);
        }
        prefix = head;
    }
    None
}

/// Up to `max` clauses that pass `keep` and lie within a small edit
/// distance of `query`, best first.
fn nearest<'a>(
    standard: &'a Standard,
    query: &str,
    keep: impl Fn(&Clause) -> bool,
    max: usize,
) -> Vec<&'a Clause> {
    // Allow one typo in short references, two in longer ones.
    let limit = if query.len() <= 3 { 1 } else { 2 };
    let mut scored: Vec<(RefScore, &Clause)> = standard
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| keep(c))
        .filter_map(|(i, c)| {
            let distance = levenshtein(query, &c.reference);
            (distance <= limit)
                .then(|| ((distance, depth_gap(query, c), numeric_gap(query, c), i), c))
        })
        .collect();
    scored.sort_by_key(|&(score, _)| score);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

/// Lower is better: edit distance, depth difference, numeric gap, document order.
type RefScore = (usize, usize, u32, usize);

/// Prefer references as deep as the query: `8.3.5` is closer to `8.3.4` than to `8.3.4.1`.
fn depth_gap(query: &str, clause: &Clause) -> usize {
    query.split('.').count().abs_diff(clause.reference.split('.').count())
}

/// For references that differ only in the last number, how far apart the
/// numbers are (`8.3.5` is closer to `8.3.4` than to `8.3.1`); otherwise large.
fn numeric_gap(query: &str, clause: &Clause) -> u32 {
    let (Some((q_head, q_last)), Some((c_head, c_last))) =
        (query.rsplit_once('.'), clause.reference.rsplit_once('.'))
    else {
        return u32::MAX;
    };
    match (q_last.parse::<u32>(), c_last.parse::<u32>()) {
        (Ok(a), Ok(b)) if q_head == c_head => a.abs_diff(b),
        _ => u32::MAX,
    }
}

fn by_title<'a>(standard: &'a Standard, query: &str) -> Vec<&'a Clause> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, &Clause)> = standard
        .clauses
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let title = c.title.to_lowercase();
            let title_words: Vec<&str> = title.split(|ch: char| !ch.is_alphanumeric()).collect();
            let hits = words
                .iter()
                .filter(|w| title_words.iter().any(|t| t.starts_with(w.as_str())))
                .count();
            (hits, i, c)
        })
        .filter(|(hits, ..)| *hits > 0)
        .collect();
    scored.sort_by_key(|&(hits, i, _)| (usize::MAX - hits, i));
    scored.into_iter().take(MAX).map(|(.., c)| c).collect()
}

/// Edit distance (insertions, deletions, substitutions) between two ASCII-ish strings.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::levenshtein;

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("8.3.5", "8.3.4"), 1);
        assert_eq!(levenshtein("A.5.40", "A.5.4"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
