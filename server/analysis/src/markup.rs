//! Escaping of user text for Markdown, the one place that decides how a
//! name, a title or a description written in an `.ims` file (or a catalog)
//! is shown in Markdown: hover text, completion documentation, the Markdown
//! report.
//!
//! **Invariant:** user text never becomes live Markdown or HTML. Every ASCII
//! punctuation character is backslash-escaped (CommonMark 2.4 allows it for
//! each of them, and GitHub and VS Code's renderer follow it), so
//! `[x](command:...)` is no link, `![](http://...)` loads no image and
//! `<img onerror=...>` is text. Line breaks become spaces, so a description
//! cannot start a heading, a list or a table row of its own.

/// `text` as inline Markdown that renders as exactly these characters.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(' ');
            }
            '\n' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` as an inline code span: the fence is one backtick longer than the
/// longest run of backticks inside, with a space padding where the text
/// begins or ends with a backtick (CommonMark 6.1). Line breaks become spaces.
pub fn code_span(text: &str) -> String {
    let text = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::{code_span, markdown};

    #[test]
    fn links_images_and_html_stay_text() {
        assert_eq!(
            markdown("[x](command:workbench.action.terminal.new)"),
            r"\[x\]\(command\:workbench\.action\.terminal\.new\)"
        );
        assert_eq!(markdown("![](http://e.x/a.png)"), r"\!\[\]\(http\:\/\/e\.x\/a\.png\)");
        assert_eq!(markdown("<img src=x onerror=alert(1)>"), r"\<img src\=x onerror\=alert\(1\)\>");
        assert_eq!(markdown("a | b &amp; *c*"), r"a \| b \&amp\; \*c\*");
    }

    #[test]
    fn line_breaks_cannot_start_blocks() {
        assert_eq!(markdown("HQ\r\n# Title\n- item"), r"HQ \# Title \- item");
        assert_eq!(markdown("Bergen und Kiel, Übersee"), r"Bergen und Kiel\, Übersee");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code_span("hq"), "`hq`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("a\nb"), "`a b`");
    }
}
