//! How findings, hovers and reports word lists: names joined with "and",
//! runs of clause references compressed. One place, so that every message
//! reads the same.

use crate::model::{EntityId, Model};

/// `unit `a``, `units `a` and `b``: a label and the names, for messages.
pub fn labelled(model: &Model, singular: &str, ids: &[EntityId]) -> String {
    let label = match (ids.len(), singular.ends_with('s')) {
        (1, _) => singular.to_string(),
        (_, true) => format!("{singular}es"),
        (_, false) => format!("{singular}s"),
    };
    format!("{label} {}", names(model, ids))
}

/// `a`, `a and b`, `a, b and c`, with each name in backticks.
pub fn names(model: &Model, ids: &[EntityId]) -> String {
    let quoted: Vec<String> =
        ids.iter().map(|&id| format!("`{}`", model.entity(id).name)).collect();
    join_and(&quoted)
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// [`names`], but at most `limit` of them and then how many more, so that a
/// hover stays short in a large IMS.
pub fn some_names(model: &Model, ids: &[EntityId], limit: usize) -> String {
    if ids.len() <= limit {
        return names(model, ids);
    }
    let shown: Vec<String> =
        ids[..limit].iter().map(|&id| format!("`{}`", model.entity(id).name)).collect();
    format!("{} and {} more", shown.join(", "), ids.len() - limit)
}

/// At most `limit` items joined with `separator`, and then how many more.
pub fn some(items: &[String], limit: usize, separator: &str) -> String {
    if items.len() <= limit {
        return items.join(separator);
    }
    format!("{}{separator}and {} more", items[..limit].join(separator), items.len() - limit)
}

/// `a`, `a or b`, `a, b or c`.
pub fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Compresses a list of clause references for a message: runs of three
/// or more consecutive siblings become `A.5.1-A.5.8` (or `4-7` for
/// top-level clauses).
pub fn compress_refs(refs: &[String]) -> String {
    fn split(r: &str) -> Option<(&str, u32)> {
        match r.rsplit_once('.') {
            Some((parent, last)) => Some((parent, last.parse().ok()?)),
            None => Some(("", r.parse().ok()?)),
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < refs.len() {
        let mut j = i;
        while j + 1 < refs.len() {
            match (split(&refs[j]), split(&refs[j + 1])) {
                (Some((p1, n1)), Some((p2, n2))) if p1 == p2 && n2 == n1 + 1 => j += 1,
                _ => break,
            }
        }
        if j >= i + 2 {
            out.push(format!("{}-{}", refs[i], refs[j]));
        } else {
            out.extend(refs[i..=j].iter().cloned());
        }
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::compress_refs;

    #[test]
    fn compresses_runs_of_three_or_more() {
        let refs: Vec<String> = [
            "4", "5", "6", "A.5.1", "A.5.2", "A.5.3", "A.5.7", "A.5.8", "A.6.1", "8.2.1", "8.2.2",
            "8.2.3", "10",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(compress_refs(&refs), "4-6, A.5.1-A.5.3, A.5.7, A.5.8, A.6.1, 8.2.1-8.2.3, 10");
    }
}
