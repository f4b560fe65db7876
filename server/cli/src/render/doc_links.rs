//! The links of a code's documentation (its section of
//! `docs/diagnostics.md`) made right for a reader outside the docs folder,
//! such as GitHub's code-scanning help panel: with a configured
//! documentation URL (`IMS_DOCS_URL`) each link points into the published
//! docs; without one a link is replaced by its text, so that nothing points
//! at a page that may not exist. Fenced code blocks are left alone.

/// `markdown` with its relative links resolved against `docs_url` (the URL
/// of `docs/diagnostics.md`), or reduced to their text.
pub fn resolve_links(markdown: &str, docs_url: Option<&str>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_fence = false;
    let mut prose = String::new();
    for line in markdown.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            out.push_str(&resolve_prose(&std::mem::take(&mut prose), docs_url));
            in_fence = !in_fence;
            out.push_str(line);
        } else if in_fence {
            out.push_str(line);
        } else {
            prose.push_str(line);
        }
    }
    out.push_str(&resolve_prose(&prose, docs_url));
    out
}

/// Rewrites every `[text](target)` whose target is relative (`#anchor`,
/// `other.md`, `other.md#anchor`); absolute URLs stay as they are.
fn resolve_prose(text: &str, docs_url: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(link) = parse_link(&rest[open..]) else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        out.push_str(&rest[..open]);
        let (label, target, len) = link;
        if target.contains("://") || target.starts_with("mailto:") {
            out.push_str(&rest[open..open + len]);
        } else {
            match docs_url {
                Some(base) => {
                    let resolved = match target.strip_prefix('#') {
                        Some(_) => format!("{}{target}", base.split('#').next().unwrap_or(base)),
                        None => {
                            let dir = base.rfind('/').map_or("", |i| &base[..=i]);
                            format!("{dir}{target}")
                        }
                    };
                    out.push_str(&format!("[{label}]({resolved})"));
                }
                None => out.push_str(label),
            }
        }
        rest = &rest[open + len..];
    }
    out.push_str(rest);
    out
}

/// `[label](target)` at the start of `text`: the label, the target and the
/// length of the whole link; `None` when `text` does not start with one.
fn parse_link(text: &str) -> Option<(&str, &str, usize)> {
    let close = text.find(']')?;
    let label = &text[1..close];
    if label.contains('[') || !text[close + 1..].starts_with('(') {
        return None;
    }
    let target_start = close + 2;
    let target_len = text[target_start..].find(')')?;
    let target = &text[target_start..target_start + target_len];
    if target.contains(char::is_whitespace) {
        return None;
    }
    Some((label, target, target_start + target_len + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "See [`ims-allow`](#inline-suppression-ims-allow) and [catalogs](catalogs.md),\n\
                       or [the spec](https://example.org/x).\n\
                       ```ims\nunit a [b](#c)\n```\n[x](#y)\n";

    #[test]
    fn without_a_docs_url_links_become_their_text() {
        assert_eq!(
            resolve_links(DOC, None),
            "See `ims-allow` and catalogs,\nor [the spec](https://example.org/x).\n```ims\nunit a [b](#c)\n```\nx\n"
        );
    }

    #[test]
    fn with_a_docs_url_links_point_into_the_published_docs() {
        let resolved = resolve_links(DOC, Some("https://docs.example/ims/diagnostics.md"));
        assert!(resolved.starts_with(
            "See [`ims-allow`](https://docs.example/ims/diagnostics.md#inline-suppression-ims-allow) and [catalogs](https://docs.example/ims/catalogs.md),"
        ));
        assert!(resolved.contains("```ims\nunit a [b](#c)\n```\n"));
        assert!(resolved.ends_with("[x](https://docs.example/ims/diagnostics.md#y)\n"));
    }

    #[test]
    fn brackets_that_are_not_links_stay() {
        assert_eq!(resolve_links("a [b] c [d](e f) [", None), "a [b] c [d](e f) [");
    }
}
