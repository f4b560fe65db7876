//! Stable fingerprints of findings, for code scanning (SARIF
//! `partialFingerprints`) and GitLab code quality (`fingerprint`): the same
//! finding keeps its fingerprint across runs and across edits elsewhere in
//! the file, so that an alert is tracked, not closed and opened again.
//!
//! A fingerprint is the 64-bit FNV-1a hash (a fixed, documented algorithm,
//! the same on every platform and in every version) of the code, the file's
//! path relative to the root, the flagged text (the primary range's first
//! line, blanks collapsed) and the number of earlier findings with the same
//! three, in hexadecimal. The line number is left out on purpose: a line
//! added above the finding moves it without changing it. The message is left
//! out too, since it may count things that change elsewhere (such as how
//! many clauses are uncovered).

use std::collections::HashMap;
use std::path::Path;

use ims_analysis::Diagnostic;

use super::relative_path::repository_path;
use super::Sources;

/// The fingerprint of each finding, in the order given.
pub fn fingerprints(sources: &Sources, base: &Path, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let path = repository_path(&sources.workspace.file(d.location.file).path, base);
            let flagged = flagged_text(sources, d);
            let key = fnv1a(&[d.code.name().as_bytes(), path.as_bytes(), flagged.as_bytes()]);
            let occurrence = seen.entry(key).or_insert(0);
            let fingerprint = fnv1a(&[&key.to_le_bytes(), occurrence.to_string().as_bytes()]);
            *occurrence += 1;
            format!("{fingerprint:016x}")
        })
        .collect()
}

/// The first line of the primary range, blanks collapsed; for an empty
/// range, the rest of its line (what a reader sees flagged).
fn flagged_text(sources: &Sources, d: &Diagnostic) -> String {
    let text = sources.text(d.location.file);
    let range = sources.byte_range(d.location);
    let line_end = text[range.start..].find(['\n', '\r']).map_or(text.len(), |i| range.start + i);
    let end = if range.is_empty() { line_end } else { range.end.min(line_end) };
    text[range.start..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a over the parts, each followed by a NUL byte so that
/// `("ab", "c")` and `("a", "bc")` differ.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.iter().chain(&[0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_published_algorithm() {
        // One empty part hashes a single NUL byte: the published FNV-1a
        // 64-bit test vector for "\0".
        assert_eq!(fnv1a(&[b""]), 0xaf63_bd4c_8601_b7df);
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }
}
