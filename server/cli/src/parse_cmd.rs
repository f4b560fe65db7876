//! `ims parse FILE`: the syntax tree, or the syntax errors with line:column.

use std::path::PathBuf;

use ims_syntax::LineIndex;

use ims_project::{read_text, ProjectRoot};

use crate::exit;
use crate::input::ReadOptions;

#[derive(clap::Args)]
pub struct Args {
    /// The `.ims` file to parse.
    file: PathBuf,
    /// Print only the errors, not the tree.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    read: ReadOptions,
}

pub fn run(args: &Args) -> u8 {
    let root = ProjectRoot::of(&args.file).map(|root| root.dir);
    let text = match read_text(&args.file, root.as_deref(), args.read.limits()) {
        Ok(text) => text.text,
        Err(error) => {
            eprintln!("error: {error}");
            return exit::USAGE;
        }
    };
    let tree = ims_syntax::parse(&text);
    if !args.quiet {
        if let Err(code) = crate::output::print(&render_tree(tree.tree(), &text)) {
            return code;
        }
    }
    let index = LineIndex::new(&text);
    for error in tree.errors() {
        let at = index.line_col(&text, error.range.start, ims_syntax::ColumnUnit::Char);
        eprintln!(
            "{}:{}:{}: error: {}",
            args.file.display(),
            at.line + 1,
            at.column + 1,
            error.message
        );
    }
    if tree.errors().is_empty() {
        exit::OK
    } else {
        exit::FOUND_ERRORS
    }
}

/// The deepest indentation of the printed tree, in levels. A deeper node is
/// indented this much and its line starts with `[depth N]`: indenting each
/// level would make the output grow with the square of the nesting (ten
/// thousand nested blocks printed 400 MB).
const MAX_INDENT: usize = 64;

/// The tree in the style of `tree-sitter parse`: named nodes with their field
/// names and `[line, column] - [line, column]` (zero-based) positions.
fn render_tree(tree: &ims_syntax::Tree, text: &str) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        if node.is_named() || node.is_missing() {
            let start = index.line_col(text, node.start_byte(), ims_syntax::ColumnUnit::Char);
            let end = index.line_col(text, node.end_byte(), ims_syntax::ColumnUnit::Char);
            out.push_str(&"  ".repeat(depth.min(MAX_INDENT)));
            if depth > MAX_INDENT {
                out.push_str(&format!("[depth {depth}] "));
            }
            if let Some(field) = cursor.field_name() {
                out.push_str(field);
                out.push_str(": ");
            }
            let kind = if node.is_missing() {
                format!("MISSING {}", node.kind())
            } else {
                node.kind().to_string()
            };
            out.push_str(&format!(
                "({kind} [{}, {}] - [{}, {}])\n",
                start.line, start.column, end.line, end.column
            ));
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            depth -= 1;
        }
    }
}
