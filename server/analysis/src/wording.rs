//! How findings, hovers and reports word lists: items joined with "and",
//! runs of clause references compressed. One place, so that every message
//! reads the same. (Lists of entity names: `model::names` and its kin.)

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
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
