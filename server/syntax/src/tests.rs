use expect_test::{expect, Expect};

use crate::ast::StatementKind;
use crate::parse;

#[track_caller]
fn check_errors(text: &str, expect: Expect) {
    let tree = parse(text);
    let rendered: Vec<String> = tree
        .errors()
        .iter()
        .map(|e| format!("{:?} {:?}: {}", e.range, &text[e.range.start..e.range.end], e.message))
        .collect();
    expect.assert_eq(&rendered.join("\n"));
}

#[track_caller]
fn check_ast(text: &str, expect: Expect) {
    let tree = parse(text);
    expect.assert_debug_eq(&tree.ast().declarations);
}

#[test]
fn valid_file_has_no_errors() {
    check_errors(
        r#"ims "Acme" { standards iso9001@2015, iso27001@2022 }
site hq "HQ"
unit ops "Operations" at hq
process p { covers 9001:8.4, 27001:A.5.19 .. 27001:A.5.23, 20000-1:8.7.3 via ISMS }
"#,
        expect![""],
    );
}

#[test]
fn unterminated_string() {
    check_errors(
        "unit ops \"Operations\nsite hq \"HQ\"\n",
        expect![[
            r#"9..20 "\"Operations": unterminated string: expected a closing `"` before the end of the line"#
        ]],
    );
}

#[test]
fn half_typed_clause_reference() {
    check_errors(
        "process p { covers 9001:8. }\n",
        expect![[r#"25..26 ".": incomplete clause reference: expected a number after `.`"#]],
    );
}

#[test]
fn missing_closing_brace() {
    check_errors(
        "process p { covers 9001:8.4\n",
        expect![[r#"27..27 "": expected `}` after `8.4`"#]],
    );
}

#[test]
fn stray_token_names_what_was_expected() {
    check_errors(
        "unit ops \"Ops\" at hq,\nsite hq\n",
        expect![[r#"20..21 ",": a list cannot end with `,`: expected a name after it"#]],
    );
}

#[test]
fn lowers_clause_items_with_ranges_and_via() {
    check_ast(
        "process p \"P\" { covers 27001@2013:A.15.1.1, 9001: , 20000-1:8.7.3 via ISMS }",
        expect![[r#"
            [
                Declaration {
                    kind: Process,
                    range: 0..76,
                    keyword: 0..7,
                    name: Some(
                        Name {
                            text: "p",
                            range: 8..9,
                        },
                    ),
                    title: Some(
                        StringLit {
                            value: "P",
                            range: 10..13,
                        },
                    ),
                    statements: [
                        Statement {
                            kind: Covers,
                            range: 16..74,
                            keyword: 16..22,
                            names: [],
                            editions: [],
                            clauses: [
                                ClauseItem {
                                    range: 23..42,
                                    start: ClauseRefSyntax {
                                        range: 23..42,
                                        standard: Name {
                                            text: "27001@2013",
                                            range: 23..33,
                                        },
                                        clause: Some(
                                            Name {
                                                text: "A.15.1.1",
                                                range: 34..42,
                                            },
                                        ),
                                    },
                                    end: None,
                                    via: None,
                                },
                                ClauseItem {
                                    range: 44..49,
                                    start: ClauseRefSyntax {
                                        range: 44..49,
                                        standard: Name {
                                            text: "9001",
                                            range: 44..48,
                                        },
                                        clause: None,
                                    },
                                    end: None,
                                    via: None,
                                },
                                ClauseItem {
                                    range: 52..74,
                                    start: ClauseRefSyntax {
                                        range: 52..65,
                                        standard: Name {
                                            text: "20000-1",
                                            range: 52..59,
                                        },
                                        clause: Some(
                                            Name {
                                                text: "8.7.3",
                                                range: 60..65,
                                            },
                                        ),
                                    },
                                    end: None,
                                    via: Some(
                                        Name {
                                            text: "ISMS",
                                            range: 70..74,
                                        },
                                    ),
                                },
                            ],
                            justification: None,
                            value: None,
                            scope_kind: None,
                            children: [],
                            trailing_comma: None,
                            body: None,
                        },
                    ],
                    body: Some(
                        14..76,
                    ),
                },
            ]
        "#]],
    );
}

#[test]
fn lowers_nested_scope_and_controls() {
    check_ast(
        r#"system ISMS standard iso27001@2022 {
  scope location { sites dc1; units ops }
  controls { excluded 27001:A.7.5 because "No \"natural\" hazards" }
}"#,
        expect![[r#"
            [
                Declaration {
                    kind: System,
                    range: 0..149,
                    keyword: 0..6,
                    name: Some(
                        Name {
                            text: "ISMS",
                            range: 7..11,
                        },
                    ),
                    title: None,
                    statements: [
                        Statement {
                            kind: Standard,
                            range: 12..34,
                            keyword: 12..20,
                            names: [],
                            editions: [
                                Name {
                                    text: "iso27001@2022",
                                    range: 21..34,
                                },
                            ],
                            clauses: [],
                            justification: None,
                            value: None,
                            scope_kind: None,
                            children: [],
                            trailing_comma: None,
                            body: None,
                        },
                        Statement {
                            kind: Scope,
                            range: 39..78,
                            keyword: 39..44,
                            names: [],
                            editions: [],
                            clauses: [],
                            justification: None,
                            value: None,
                            scope_kind: Some(
                                Location,
                            ),
                            children: [
                                Statement {
                                    kind: Sites,
                                    range: 56..65,
                                    keyword: 56..61,
                                    names: [
                                        Name {
                                            text: "dc1",
                                            range: 62..65,
                                        },
                                    ],
                                    editions: [],
                                    clauses: [],
                                    justification: None,
                                    value: None,
                                    scope_kind: None,
                                    children: [],
                                    trailing_comma: None,
                                    body: None,
                                },
                                Statement {
                                    kind: Units,
                                    range: 67..76,
                                    keyword: 67..72,
                                    names: [
                                        Name {
                                            text: "ops",
                                            range: 73..76,
                                        },
                                    ],
                                    editions: [],
                                    clauses: [],
                                    justification: None,
                                    value: None,
                                    scope_kind: None,
                                    children: [],
                                    trailing_comma: None,
                                    body: None,
                                },
                            ],
                            trailing_comma: None,
                            body: Some(
                                54..78,
                            ),
                        },
                        Statement {
                            kind: Controls,
                            range: 81..147,
                            keyword: 81..89,
                            names: [],
                            editions: [],
                            clauses: [],
                            justification: None,
                            value: None,
                            scope_kind: None,
                            children: [
                                Statement {
                                    kind: Excluded,
                                    range: 92..145,
                                    keyword: 92..100,
                                    names: [],
                                    editions: [],
                                    clauses: [
                                        ClauseItem {
                                            range: 101..112,
                                            start: ClauseRefSyntax {
                                                range: 101..112,
                                                standard: Name {
                                                    text: "27001",
                                                    range: 101..106,
                                                },
                                                clause: Some(
                                                    Name {
                                                        text: "A.7.5",
                                                        range: 107..112,
                                                    },
                                                ),
                                            },
                                            end: None,
                                            via: None,
                                        },
                                    ],
                                    justification: Some(
                                        StringLit {
                                            value: "No \"natural\" hazards",
                                            range: 121..145,
                                        },
                                    ),
                                    value: None,
                                    scope_kind: None,
                                    children: [],
                                    trailing_comma: None,
                                    body: None,
                                },
                            ],
                            trailing_comma: None,
                            body: Some(
                                90..147,
                            ),
                        },
                    ],
                    body: Some(
                        35..149,
                    ),
                },
            ]
        "#]],
    );
}

#[test]
fn declarations_inside_errors_are_still_lowered() {
    let tree = parse("unit a \"A\" at ,\n}}} site hq \"HQ\"\nunit b \"B\" at hq\n");
    let names: Vec<_> =
        tree.ast().named().map(|(d, n)| format!("{} {}", d.kind.keyword(), n.text)).collect();
    assert_eq!(names, ["unit a", "site hq", "unit b"]);
    assert!(!tree.errors().is_empty());
}

mod incremental {
    use std::sync::Arc;

    use tree_sitter::{InputEdit, Point};

    use crate::{parse, reparse, SyntaxTree};

    const TEXT: &str = "\
site hq \"HQ\"
unit ops \"Operations\" at hq { description \"Runs things\" }
process buy \"Buying\" {
  owner ops
  covers 9001:8.4, 27001:A.5.19 .. 27001:A.5.22
}
system ISMS \"ISMS\" standard iso27001@2022 { scope { units ops } }
";

    fn point(text: &str, offset: usize) -> Point {
        let before = &text[..offset];
        let row = before.matches('\n').count();
        Point { row, column: offset - before.rfind('\n').map_or(0, |i| i + 1) }
    }

    /// Replaces `start..end` of `text` with `insert`, re-parses incrementally
    /// and returns the new text and tree.
    fn edit(
        text: &str,
        old: &SyntaxTree,
        start: usize,
        end: usize,
        insert: &str,
    ) -> (String, SyntaxTree) {
        let mut new = text.to_string();
        new.replace_range(start..end, insert);
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: end,
            new_end_byte: start + insert.len(),
            start_position: point(text, start),
            old_end_position: point(text, end),
            new_end_position: point(&new, start + insert.len()),
        };
        let reparsed = reparse(&Arc::from(new.as_str()), old, &[edit]);
        (new, reparsed)
    }

    #[test]
    fn an_edit_reuses_the_declarations_it_did_not_touch() {
        let old = parse(TEXT);
        let at = TEXT.find("Runs").unwrap();
        let (new, reparsed) = edit(TEXT, &old, at, at, "xy");
        assert_eq!(reparsed.ast(), parse(&new).ast());
        let (before, after) = (&old.ast().declarations, &reparsed.ast().declarations);
        // The site before the edit is shared, the edited unit lowered again,
        // the process and system after it moved by two bytes.
        assert!(Arc::ptr_eq(&before[0], &after[0]));
        assert!(!Arc::ptr_eq(&before[1], &after[1]));
        assert_eq!(after[1].statements[1].value.as_ref().unwrap().value, "xyRuns things");
        assert_eq!(after[2].range.start, before[2].range.start + 2);
        assert_eq!(after[3].statements[0].range.start, before[3].statements[0].range.start + 2);
    }

    /// Declarations side by side, some of one line that a following
    /// statement could extend.
    const INLINE: &str = "site a \"A\"\nsite b \"B\" unit u \"U\" at a, b\nunit v \"V\" at b { owner u }supplier s \"S\" external\n";

    #[test]
    fn every_single_edit_gives_the_ast_of_a_fresh_parse() {
        let inserts =
            ["", "x", " ", "\n", "}", "{", "site s \"S\"\n", "\"", "a, b", "// c\n", " at a", ";"];
        for text in [TEXT, INLINE] {
            let old = parse(text);
            assert!(old.errors().is_empty(), "{:?}", old.errors());
            for start in 0..=text.len() {
                for len in [0, 1, 2, 5, 12] {
                    let end = (start + len).min(text.len());
                    for insert in inserts {
                        let (new, reparsed) = edit(text, &old, start, end, insert);
                        if reparsed.errors().is_empty() {
                            let fresh = parse(&new);
                            assert_eq!(fresh.errors(), &[], "{new:?}");
                            assert_eq!(reparsed.ast(), fresh.ast(), "{new:?}");
                            assert_eq!(reparsed.to_sexp(), fresh.to_sexp(), "{new:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn an_edit_inside_declarations_leaves_the_tree_for_later_and_later_edits_pile_up() {
        // Three keystrokes, each inside one declaration: only that
        // declaration is parsed, and the tree waits.
        let mut text = TEXT.to_string();
        let mut syntax = parse(&text);
        for (needle, insert) in [("Runs", "x"), ("Buying", "y"), ("owner ops", "\n  owner hq")] {
            let at = text.find(needle).unwrap() + needle.len();
            let (new, reparsed) = edit(&text, &syntax, at, at, insert);
            assert!(reparsed.tree.get().is_none(), "{new:?}: the tree was parsed at once");
            assert_eq!(reparsed.errors(), &[]);
            assert_eq!(reparsed.ast(), parse(&new).ast(), "{new:?}");
            (text, syntax) = (new, reparsed);
        }
        // The tree, parsed when asked for, from the last tree parsed and the
        // three edits since.
        assert_eq!(syntax.to_sexp(), parse(&text).to_sexp());

        // An edit across two declarations parses both, and one that adds a
        // declaration between them all three.
        let at = text.find("Operations").unwrap() + 1;
        let (new, deferred) = edit(&text, &syntax, at, at, "i");
        assert!(deferred.tree.get().is_none());
        let (start, end) = (new.find("\"HQ\"").unwrap(), new.find(" at hq").unwrap());
        let (new, reparsed) =
            edit(&new, &deferred, start, end, "\"H\"\nsite u \"U\"\nunit u \"U\"");
        assert!(reparsed.tree.get().is_none(), "{new:?}");
        assert_eq!(reparsed.errors(), &[]);
        assert_eq!(reparsed.ast().declarations.len(), 5);
        assert_eq!(reparsed.ast(), parse(&new).ast(), "{new:?}");
        assert_eq!(reparsed.to_sexp(), parse(&new).to_sexp());
    }

    #[test]
    fn a_deferred_parse_gives_the_errors_and_ast_of_a_parse_and_its_tree_when_asked() {
        use crate::parse_deferred;

        let mut text = String::new();
        for i in 0..3_000 {
            text.push_str(&format!("site s{i} \"Site {i}\"\nunit u{i} \"Unit {i}\" at s{i}\n"));
        }
        let text: Arc<str> = text.into();
        let deferred = parse_deferred(&text);
        let fresh = parse(&text);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert!(text.len() > 2 * crate::lowered::DEFERRED_MIN_PART_LEN);
        // On one core, one part: a parse.
        assert_eq!(deferred.tree.get().is_none(), cores > 1, "parsed in parts, without the tree");
        assert_eq!(deferred.errors(), &[]);
        assert_eq!(deferred.ast(), fresh.ast());

        // A keystroke needs no tree either; the tree, when asked for, is the
        // whole text's.
        let at = text.find("Unit 500").unwrap();
        let (new, reparsed) = edit(&text, &deferred, at, at, "x");
        assert!(reparsed.tree.get().is_none());
        assert_eq!(reparsed.ast(), parse(&new).ast());
        assert_eq!(reparsed.to_sexp(), parse(&new).to_sexp());

        // One that breaks the text parses it whole, from scratch.
        let (new, broken) = edit(&text, &deferred, at - 1, at, "");
        assert_eq!(broken.errors(), parse(&new).errors());
        assert!(!broken.errors().is_empty());

        // With a syntax error, or too short to cut, it is a parse.
        for text in ["site a \"A\"\nunit", "site a \"A\"\n"] {
            let text: Arc<str> = text.into();
            let deferred = parse_deferred(&text);
            assert!(deferred.tree.get().is_some());
            assert_eq!(deferred.errors(), parse(&text).errors());
        }
    }

    #[test]
    fn edits_piled_up_past_the_limit_let_the_old_tree_go() {
        let mut text = TEXT.to_string();
        let mut syntax = parse(&text);
        let at = text.find("Runs").unwrap();
        for i in 0..=crate::MAX_DEFERRED_EDITS {
            let insert = if i % 2 == 0 { "x" } else { "y" };
            let (new, reparsed) = edit(&text, &syntax, at, at, insert);
            (text, syntax) = (new, reparsed);
        }
        let deferred = syntax.deferred.as_ref().unwrap();
        assert!(deferred.base.is_none() && deferred.edits.is_empty());
        assert_eq!(syntax.to_sexp(), parse(&text).to_sexp());
    }

    #[test]
    fn an_edit_that_breaks_its_declaration_re_parses_the_whole_tree() {
        let old = parse(TEXT);
        let at = TEXT.find("{ description").unwrap();
        let (new, reparsed) = edit(TEXT, &old, at, at + 1, "");
        assert!(reparsed.tree.get().is_some());
        assert!(!reparsed.errors().is_empty(), "{new:?}");
        // And the edit after it, from the tree with errors.
        let (new, repaired) = edit(&new, &reparsed, at, at, "{");
        assert!(repaired.tree.get().is_some());
        assert_eq!(repaired.errors(), &[]);
        assert_eq!(repaired.ast(), parse(&new).ast());
    }

    #[test]
    fn edits_in_one_change_are_mapped_in_order() {
        let old = parse(TEXT);
        // Delete the site's title, then insert a unit at the end, in the
        // coordinates the first edit left.
        let title = TEXT.find("\"HQ\"").unwrap();
        let mut new = TEXT.to_string();
        new.replace_range(title..title + 4, "\"H\"");
        let first = InputEdit {
            start_byte: title,
            old_end_byte: title + 4,
            new_end_byte: title + 3,
            start_position: point(TEXT, title),
            old_end_position: point(TEXT, title + 4),
            new_end_position: point(&new, title + 3),
        };
        let before_second = new.clone();
        let end = new.len();
        new.push_str("unit u \"U\" at hq\n");
        let second = InputEdit {
            start_byte: end,
            old_end_byte: end,
            new_end_byte: new.len(),
            start_position: point(&before_second, end),
            old_end_position: point(&before_second, end),
            new_end_position: point(&new, new.len()),
        };
        let reparsed = reparse(&Arc::from(new.as_str()), &old, &[first, second]);
        assert!(reparsed.errors().is_empty());
        assert_eq!(reparsed.ast(), parse(&new).ast());
        assert_eq!(reparsed.ast().declarations.len(), 5);
    }

    #[test]
    fn an_edit_that_nests_too_deep_is_reported() {
        let text = super::nested("scope", crate::MAX_NESTING - 1, crate::MAX_NESTING - 1);
        super::on_small_stack(|| {
            let old = parse(&text);
            assert_eq!(old.errors(), &[]);
            // One more scope around the innermost `units a`.
            let at = text.find("units a").unwrap();
            let (new, reparsed) = edit(&text, &old, at, at, "scope { ");
            let (new, reparsed) = edit(&new, &reparsed, at + 15, at + 15, " }");
            assert_eq!(reparsed.errors(), parse(&new).errors());
            assert_eq!(reparsed.errors().len(), 1);
        });
    }
}

#[test]
fn keywords_come_from_the_grammar() {
    let keywords = crate::keywords();
    for expected in
        ["ims", "unit", "delivered-by", "not-applicable", "via", "organisation", "because"]
    {
        assert!(crate::is_keyword(expected), "`{expected}` not among {keywords:?}");
    }
    for not_a_keyword in ["hq", "", "{", "A.5.1", "iso9001"] {
        assert!(!crate::is_keyword(not_a_keyword), "`{not_a_keyword}`");
    }
    assert_eq!(keywords.len(), 45, "{keywords:?}");
}

/// Half-typed text that the grammar accepts (so that what follows parses
/// as meant) is still a syntax error: every case of the corpus file
/// `incomplete.txt` has one, and the declaration after it is intact.
#[test]
fn incomplete_text_is_a_syntax_error_and_keeps_what_follows() {
    check_errors(
        "unit ops \"Ops\" at hq,\nsite dc1 \"DC\"\n",
        expect![[r#"20..21 ",": a list cannot end with `,`: expected a name after it"#]],
    );
    check_errors(
        "unit ops \"Ops\" at\nsite dc1 \"DC\"\n",
        expect![[r#"17..17 "": expected a name after `at`"#]],
    );
    check_errors("unit\nsite dc1 \"DC\"\n", expect![[r#"4..4 "": expected a name after `unit`"#]]);
    check_errors(
        "process p { covers 9001:8.4 via }\n",
        expect![[r#"31..31 "": expected a system name after `via`"#]],
    );
    check_errors(
        "process p { owner\n  covers 9001:8.4 }\n",
        expect![[r#"17..17 "": expected a name after `owner`"#]],
    );
    // The one ambiguous place: a statement keyword right after the
    // declaration keyword starts the statement; the message says how to
    // make it the name. With a title it is the name.
    check_errors(
        "process owner ops\n",
        expect![[
            r#"7..7 "": expected a name after `process` (`owner` is read as a statement here; to name the process `owner`, write its title after the name: `process owner "..."`)"#
        ]],
    );
    check_errors("process owner \"Owner\" owner ops\n", expect![[""]]);
    let corpus = include_str!("../../../grammar/test/corpus/incomplete.txt");
    // A case: a `====` line, its title, a `====` line, the input up to a
    // `----` line, then the expected tree.
    let lines: Vec<&str> = corpus.lines().collect();
    let mut inputs = Vec::new();
    let mut i = 0;
    while i + 2 < lines.len() {
        if lines[i].starts_with("====") && lines[i + 2].starts_with("====") {
            let body: Vec<&str> =
                lines[i + 3..].iter().take_while(|l| !l.starts_with("----")).copied().collect();
            inputs.push(body.join("\n") + "\n");
            i += 3 + body.len();
        } else {
            i += 1;
        }
    }
    let mut count = 0;
    for input in inputs {
        count += 1;
        let tree = parse(&input);
        assert!(!tree.tree().root_node().has_error(), "the grammar accepts {input:?}");
        assert!(!tree.errors().is_empty(), "no syntax error for {input:?}");
        if input.contains("site hq \"HQ\"") {
            assert!(
                tree.ast()
                    .named()
                    .any(|(d, n)| d.kind == crate::ast::DeclarationKind::Site && n.text == "hq"),
                "the site after {input:?} is lost"
            );
        }
    }
    assert_eq!(count, 7, "every case of incomplete.txt was read");
}

/// A keyword is a name where a name is expected.
#[test]
fn keywords_are_names_where_names_are_expected() {
    let text = "process suppliers \"Suppliers\" { owner site; performed-by ops, unit }\nunit u \"U\" at hq, site\n";
    check_errors(text, expect![""]);
    let names: Vec<String> = parse(text)
        .ast()
        .declarations
        .iter()
        .flat_map(|d| d.name.iter().chain(d.all_statements().flat_map(|s| s.names.iter())))
        .map(|n| n.text.clone())
        .collect();
    assert_eq!(names, ["suppliers", "site", "ops", "unit", "u", "hq", "site"]);
}

/// The block of an `applicable` statement lowers as its children; the
/// evidence of a control is names, the date of `status planned` its value.
#[test]
fn a_control_block_lowers_as_children() {
    let text = "system ISMS { controls { applicable 27001:A.5.1 because \"Basis\" {\n  reason legal, contractual; status planned \"2027-03-31\"\n  owner ops; evidence policy, 27001:5.2\n} } }\n";
    let tree = parse(text);
    assert!(tree.errors().is_empty(), "{:?}", tree.errors());
    let system = &tree.ast().declarations[0];
    let controls = &system.statements[0];
    let applicable = &controls.children[0];
    assert_eq!(applicable.kind, StatementKind::Applicable);
    let children: Vec<(StatementKind, Vec<&str>, Option<&str>, usize)> = applicable
        .children
        .iter()
        .map(|c| {
            (
                c.kind,
                c.names.iter().map(|n| n.text.as_str()).collect(),
                c.value.as_ref().map(|v| v.value.as_str()),
                c.clauses.len(),
            )
        })
        .collect();
    assert_eq!(
        children,
        [
            (StatementKind::Reason, vec!["legal", "contractual"], None, 0),
            (StatementKind::Status, vec!["planned"], Some("2027-03-31"), 0),
            (StatementKind::Owner, vec!["ops"], None, 0),
            (StatementKind::Evidence, vec!["policy"], None, 1),
        ]
    );
}

/// `depth` nested blocks of `opener` in a system, with `units a` innermost;
/// `closed` of them closed.
fn nested(opener: &str, depth: usize, closed: usize) -> String {
    format!(
        "system QMS standard iso9001@2015 {{\n{}units a{}\n}}\n",
        format!("{opener} {{ ").repeat(depth),
        " }".repeat(closed),
    )
}

/// Runs `f` on a thread with the default stack of a spawned thread (2 MiB),
/// as the CLI's and the server's workers are.
fn on_small_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| scope.spawn(f).join().expect("no panic, no overflow"))
}

/// The depth of the deepest statement of a file, counting a declaration's
/// statements as 1.
fn ast_depth(tree: &crate::SyntaxTree) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&crate::ast::Statement, usize)> = Vec::new();
    for decl in &tree.ast().declarations {
        stack.extend(decl.statements.iter().map(|s| (s, 1)));
    }
    while let Some((statement, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(statement.children.iter().map(|c| (c, depth + 1)));
    }
    deepest
}

#[test]
fn nesting_within_the_budget_is_lowered_whole() {
    // The system's block is level 1, so MAX_NESTING - 1 scopes fit.
    let text = nested("scope", crate::MAX_NESTING - 1, crate::MAX_NESTING - 1);
    on_small_stack(|| {
        let tree = parse(&text);
        assert_eq!(tree.errors(), &[]);
        // The scopes and the `units` inside the innermost.
        assert_eq!(ast_depth(&tree), crate::MAX_NESTING);
        let copy = tree.ast().clone();
        assert_eq!(&copy, tree.ast());
    });
}

#[test]
fn nesting_beyond_the_budget_is_one_error_at_the_first_block_too_deep() {
    for opener in ["scope", "controls"] {
        let text = nested(opener, 10_000, 10_000);
        let (errors, depth, too_deep_at) = on_small_stack(|| {
            let tree = parse(&text);
            let lowered = crate::parse_lowered(&text);
            assert_eq!(lowered.errors(), tree.errors());
            let errors: Vec<String> = tree.errors().iter().map(|e| e.message.clone()).collect();
            (errors, ast_depth(&tree), tree.errors()[0].range.start)
        });
        assert_eq!(
            errors,
            [format!(
                "nesting deeper than {} levels: the statements of this block are not read \
                 (a `scope` or `controls` block holds lists, not further blocks)",
                crate::MAX_NESTING
            )]
        );
        assert_eq!(depth, crate::MAX_NESTING);
        // The block of the MAX_NESTING-th nested statement: level MAX_NESTING + 1.
        let opening = text.match_indices('{').nth(crate::MAX_NESTING).map(|(i, _)| i);
        assert_eq!(Some(too_deep_at), opening, "{opener}");
    }
}

#[test]
fn deep_nesting_left_open_is_reported_without_overflow() {
    // Error recovery over ten thousand open blocks: the tree nests as
    // deep as the text, and every walk over it must survive.
    for closed in [0, 5_000, 9_999] {
        let text = nested("scope", 10_000, closed);
        let errors = on_small_stack(|| parse(&text).errors().len());
        assert!((1..=2).contains(&errors), "{closed} closed: {errors} errors");
    }
}
