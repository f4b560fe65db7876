//! User catalogs: the documented example loads; broken files give precise
//! errors and never a panic.

use std::path::PathBuf;

use expect_test::{expect, Expect};
use ims_catalog::{Catalog, CorrelationCategory, Relation};

use crate::key;

const DOC: &str = include_str!("../../../../docs/catalogs.md");

/// The ```toml block that follows the `complete-example` marker in docs/catalogs.md.
fn documented_example() -> &'static str {
    let after_marker =
        DOC.split("<!-- complete-example").nth(1).expect("no complete-example marker");
    let block = after_marker.split("```toml\n").nth(1).expect("no toml block after the marker");
    block.split("```").next().unwrap()
}

fn load(text: &str) -> (Catalog, Vec<String>) {
    let (catalog, errors) =
        Catalog::with_user_sources(&[(PathBuf::from("catalogs/iso14001.toml"), text.to_string())]);
    (catalog, errors.iter().map(ToString::to_string).collect())
}

#[test]
fn the_documented_example_loads() {
    let (catalog, errors) = load(documented_example());
    assert_eq!(errors, Vec::<String>::new());
    let s = catalog.standard("iso14001@2015").unwrap();
    assert!(!s.builtin);
    assert_eq!(s.short_name(), "ISO 14001:2015");
    assert_eq!(catalog.editions("14001")[0].id, "iso14001@2015");
    assert_eq!(s.requirement_clauses().len(), 32);
    // Harmonized markers generate twins with the built-in standards ...
    assert_eq!(
        catalog.harmonized_twins(&key("iso14001@2015:10.3"), &["iso9001@2015", "iso27001@2022"]),
        [key("iso9001@2015:10.3"), key("iso27001@2022:10.1")]
    );
    let to_2022 = catalog.correlations_of(&key("iso14001@2015:9.2.1"));
    assert!(to_2022.iter().any(|c| c.to == key("iso27001@2022:9.2.1")
        && c.category == CorrelationCategory::Harmonized
        && c.relation == Relation::Equal));
    // ... and the file's own correlations are there, seen from both ends.
    let back = catalog.correlations_of(&key("iso27001@2022:A.5.29"));
    assert!(back.iter().any(|c| c.to == key("iso14001@2015:8.2")));
    // The built-in catalog itself is unchanged.
    assert!(Catalog::builtin().standard("iso14001@2015").is_none());
}

/// Loads `text` as a user catalog and compares the errors, one per line.
/// The built-in standards must survive whatever the file holds.
#[track_caller]
fn check(text: &str, expect: Expect) {
    let (catalog, errors) = load(text);
    assert_eq!(catalog.standards().iter().filter(|s| s.builtin).count(), 4);
    expect.assert_eq(&(errors.join("\n") + "\n"));
}

const HEADER: &str = r#"id = "iso14001@2015"
family = "iso14001"
edition = "2015"
title = "ISO 14001:2015 Environmental management systems"
system-kind = "EMS"
structure = "hls-2012"
exclusion-policy = "none"
"#;

#[test]
fn bad_toml() {
    check(
        "id = \"iso14001@2015\ntitle = \"x\"\n",
        expect![[r#"
            catalogs/iso14001.toml:1:20: invalid basic string
        "#]],
    );
}

#[test]
fn bad_toml_the_parser_gives_no_message_for_is_still_explained() {
    // The TOML parser gives no message for a key whose value the end of
    // the file cuts off (found by the `catalog` fuzz target).
    check(
        "id = \"iso14001@2015\"\nref =",
        expect![[r#"
            catalogs/iso14001.toml:2:6: invalid TOML: unexpected end of file
        "#]],
    );
}

#[test]
fn missing_field() {
    check(
        "id = \"iso14001@2015\"\nfamily = \"iso14001\"\nedition = \"2015\"\nstructure = \"hls-2012\"\nexclusion-policy = \"none\"\nsystem-kind = \"EMS\"\n",
        expect![[r#"
            catalogs/iso14001.toml:1:6: missing `title` for standard iso14001@2015
        "#]],
    );
}

#[test]
fn unknown_parent() {
    let text = format!(
        "{HEADER}\n[[clause]]\nref = \"4\"\ntitle = \"Context of the organization\"\nsummary = \"Understand the context.\"\n\n[[clause]]\nref = \"4.1\"\ntitle = \"Understanding the organization and its context\"\nparent = \"5\"\nsummary = \"Issues that matter.\"\n"
    );
    check(
        &text,
        expect![[r#"
            catalogs/iso14001.toml:17:10: unknown parent "5" of clause 4.1
        "#]],
    );
}

#[test]
fn duplicate_ids() {
    check(
        &HEADER.replace("iso14001@2015", "iso9001@2015").replace("iso14001", "iso9001"),
        expect![[r#"
            catalogs/iso14001.toml:1:6: duplicate standard id "iso9001@2015": already defined by a built-in standard; this file is skipped
        "#]],
    );
    let text = format!(
        "{HEADER}\n[[clause]]\nref = \"8\"\ntitle = \"Operation\"\nsummary = \"Run it.\"\n\n[[clause]]\nref = \"8\"\ntitle = \"Operation again\"\nsummary = \"Run it.\"\n"
    );
    check(
        &text,
        expect![[r#"
            catalogs/iso14001.toml:15:7: duplicate clause 8 (first defined on line 10)
        "#]],
    );
}

#[test]
fn dangling_correlation() {
    let text = "[[correlation]]\nfrom = \"iso9001@2015:8.4\"\nto = \"iso20000-1@2018:8.3.9\"\nrelation = \"intersects\"\nstrength = \"weak\"\nnote = \"x\"\n\n[[correlation]]\nfrom = \"iso45001@2018:8.1.4\"\nto = \"iso9001@2015:8.4\"\nrelation = \"overlaps\"\nstrength = \"weak\"\nnote = \"x\"\n";
    check(
        text,
        expect![[r#"
            catalogs/iso14001.toml:3:6: unknown clause 8.3.9 in ISO/IEC 20000-1:2018 (iso20000-1@2018:8.3.9); did you mean 8.3.4?
            catalogs/iso14001.toml:9:8: unknown standard "iso45001@2018" in iso45001@2018:8.1.4 (known: iso20000-1@2018, iso9001@2015, iso27001@2013, iso27001@2022)
            catalogs/iso14001.toml:11:12: unknown relation "overlaps"; expected "equal", "subset-of", "superset-of" or "intersects-with" (a pair that is not related has no correlation)
        "#]],
    );
}

#[test]
fn correlations_that_must_not_be_written() {
    let text = "[[correlation]]\nfrom = \"iso9001@2015:9.2\"\nto = \"iso20000-1@2018:9.2\"\nrelation = \"equal\"\nstrength = \"strong\"\nnote = \"Both audit.\"\n\n[[correlation]]\nfrom = \"iso9001@2015:8.4\"\nto = \"iso20000-1@2018:8.3.4\"\nrelation = \"equal\"\nstrength = \"strong\"\nnote = \"Again.\"\n\n[[correlation]]\nfrom = \"iso9001@2015:8.4\"\nto = \"iso27001@2022:A.5.19\"\nrelation = \"equal\"\nstrength = \"strong\"\nnote = \"x\"\ncategory = \"edition-mapping\"\n";
    check(
        text,
        expect![[r#"
            catalogs/iso14001.toml:1:1: iso9001@2015:9.2 and iso20000-1@2018:9.2 both implement harmonized clause 9.2; that correlation is generated, do not write it by hand
            catalogs/iso14001.toml:8:1: duplicate correlation between iso9001@2015:8.4 and iso20000-1@2018:8.3.4 (already defined in the built-in catalog)
            catalogs/iso14001.toml:17:6: an edition mapping links two editions of one standard, but iso9001@2015 and iso27001@2022 are different standards
        "#]],
    );
}

#[test]
fn clause_shape_errors() {
    let text = format!(
        "{HEADER}\n[[clause]]\nref = \"4\"\ntitle = \"Context\"\n\n[[clause]]\nref = \"A.1\"\ntitle = \"Annex entry\"\nkind = \"clause\"\n\n[[clause]]\nref = \"4.x\"\ntitle = \"Bad\"\n\n[[clause]]\nref = \"5\"\ntitle = \"Leadership\"\nsummary = \"Lead.\"\nharmonized = \"5.9\"\naddition = \"More.\"\n"
    );
    check(
        &text,
        expect![[r#"
            catalogs/iso14001.toml:10:7: clause 4: missing `summary` (one sentence in your own words; required for clauses 4-10)
            catalogs/iso14001.toml:16:8: clause A.1 has kind "clause" but an annex reference; use "domain", "objective", "theme" or "control"
            catalogs/iso14001.toml:19:7: malformed clause reference "4.x"; expected numbers like "8.3.4" or an annex reference like "A.5.19"
            catalogs/iso14001.toml:26:14: clause 5: "5.9" is not a harmonized-structure clause number (see harmonized.toml)
        "#]],
    );
}

#[test]
fn unknown_keys_and_wrong_types() {
    check(
        &format!("{HEADER}\n[[clause]]\nref = \"4\"\ntitel = \"Context\"\n"),
        expect![[r#"
            catalogs/iso14001.toml:11:1: unknown field `titel`, expected one of `ref`, `title`, `parent`, `kind`, `summary`, `harmonized`, `addition`, `note`, `correction`, `untitled`, `source`
        "#]],
    );
    check(
        &format!("aliases = \"14001\"\n{HEADER}"),
        expect![[r#"
            catalogs/iso14001.toml:1:11: invalid type: string "14001", expected a sequence
        "#]],
    );
    check(
        "# nothing here\n",
        expect![[r#"
            catalogs/iso14001.toml:1:1: the file defines neither a standard (`id`, `title`, `[[clause]]` ...) nor `[[correlation]]` tables
        "#]],
    );
}

/// `HEADER` with clauses 4 (and 4.1, 4.2) and 8 (with 8.1, 8.2), each summarised.
fn with_clauses(header: &str, extra: &str) -> String {
    let mut text = header.to_string();
    for (r, parent) in
        [("4", ""), ("4.1", "4"), ("4.2", "4"), ("8", ""), ("8.1", "8"), ("8.2", "8")]
    {
        text.push_str(&format!(
            "\n[[clause]]\nref = \"{r}\"\ntitle = \"Clause {r}\"\nparent = \"{parent}\"\nsummary = \"What clause {r} asks for.\"\n"
        ));
    }
    text + extra
}

#[test]
fn untitled_paragraphs() {
    let text = with_clauses(
        HEADER,
        "\n[[clause]]\nref = \"8.1.1\"\nparent = \"8.1\"\nuntitled = true\nsummary = \"First paragraph.\"\n\n[[clause]]\nref = \"8.1.2\"\nparent = \"8.1\"\nuntitled = true\ntitle = \"Named\"\nsummary = \"Second.\"\n\n[[clause]]\nref = \"8.2.1\"\nparent = \"8.2\"\nsummary = \"No title.\"\n",
    );
    check(
        &text,
        expect![[r#"
            catalogs/iso14001.toml:55:9: clause 8.1.2 is `untitled`: it takes its parent's title, so give it no `title`
            catalogs/iso14001.toml:59:7: clause 8.2.1: missing `title` (a numbered paragraph without a title of its own is written `untitled = true`)
        "#]],
    );
    let (catalog, errors) = load(&with_clauses(
        HEADER,
        "\n[[clause]]\nref = \"8.1.1\"\nparent = \"8.1\"\nuntitled = true\nsummary = \"First paragraph.\"\n",
    ));
    assert_eq!(errors, Vec::<String>::new());
    let paragraph = catalog.clause(&key("iso14001@2015:8.1.1")).unwrap();
    assert_eq!((paragraph.title.as_str(), paragraph.untitled), ("Clause 8.1", true));
}

#[test]
fn exclusion_tables() {
    let justified = HEADER.replace("\"none\"", "\"justified\"");
    check(
        &with_clauses(&justified, ""),
        expect![[r#"
            catalogs/iso14001.toml:1:6: standard iso14001@2015 has exclusion-policy "justified" but no [[exclusion]] tables: say, clause by clause, what may be excluded
        "#]],
    );
    let rows = "\n[[exclusion]]\nclause = \"4\"\nrule = \"not-permitted\"\nrationale = \"Always.\"\nsource = \"Clause 1.\"\n\n[[exclusion]]\nclause = \"8.2\"\nrule = \"sometimes\"\nrationale = \"x\"\nsource = \"y\"\n\n[[exclusion]]\nclause = \"9\"\nrule = \"permitted\"\nrationale = \"x\"\nsource = \"y\"\n\n[[exclusion]]\nclause = \"4\"\nrule = \"permitted\"\nrationale = \"x\"\nsource = \"\"\n";
    check(
        &with_clauses(&justified, rows),
        expect![[r#"
            catalogs/iso14001.toml:1:6: no [[exclusion]] row for clause 8 of iso14001@2015: every top-level clause of 4-10 needs a rule, which its sub-clauses inherit unless a row of their own says otherwise
            catalogs/iso14001.toml:53:8: unknown exclusion rule "sometimes"; expected "permitted", "unusual" or "not-permitted"
            catalogs/iso14001.toml:58:10: [[exclusion]] for clause 9, which iso14001@2015 does not have
            catalogs/iso14001.toml:67:10: [[exclusion]]: empty `source`
        "#]],
    );
    // A policy that allows no exclusion admits only not-permitted rows.
    check(
        &with_clauses(HEADER, "\n[[exclusion]]\nclause = \"8\"\nrule = \"unusual\"\nrationale = \"x\"\nsource = \"y\"\n"),
        expect![[r#"
            catalogs/iso14001.toml:47:8: clause 8 is "unusual", but exclusion-policy "none" allows no exclusion of clauses 4-10
        "#]],
    );
    // Without a table such a policy gets one not-permitted row per top-level clause.
    let (catalog, errors) = load(&with_clauses(HEADER, ""));
    assert_eq!(errors, Vec::<String>::new());
    let s = catalog.standard("iso14001@2015").unwrap();
    let rows: Vec<String> =
        s.exclusions.iter().map(|e| format!("{}:{}", e.clause, e.rule)).collect();
    assert_eq!(rows, ["4:not-permitted", "8:not-permitted"]);
}

#[test]
fn scope_content_tables() {
    check(
        &with_clauses(
            HEADER,
            "\n[[scope-content]]\nrequires = \"products\"\nclause = \"4.3\"\nrationale = \"x\"\n\n[[scope-content]]\nrequires = \"services\"\nclause = \"4.9\"\nrationale = \"x\"\n",
        ),
        expect![[r#"
            catalogs/iso14001.toml:46:12: unknown scope content "products"; expected "services" or "interfaces"
            catalogs/iso14001.toml:52:10: [[scope-content]] cites clause 4.9, which iso14001@2015 does not have
        "#]],
    );
}

#[test]
fn a_heading_relation_that_its_sub_clauses_contradict_is_rejected() {
    // 8 equal 8, while 8.1 only intersects its counterpart and 8.2 has none.
    let other = HEADER.replace("iso14001", "iso45001").replace("2015", "2018");
    let mine = with_clauses(HEADER, "");
    let correlations = "[[correlation]]\nfrom = \"iso14001@2015:8\"\nto = \"iso45001@2018:8\"\nrelation = \"equal\"\nstrength = \"strong\"\nrationale = \"Same heading.\"\n\n[[correlation]]\nfrom = \"iso14001@2015:8.1\"\nto = \"iso45001@2018:8.1\"\nrelation = \"intersects-with\"\nstrength = \"strong\"\nrationale = \"Both plan operations.\"\n\n[[correlation]]\nfrom = \"iso14001@2015:8.2\"\nto = \"iso45001@2018:8.2\"\nrelation = \"subset\"\nstrength = \"strong\"\nnote = \"The short spelling and the old key are still read.\"\n\n[[correlation]]\nfrom = \"iso14001@2015:4\"\nto = \"iso45001@2018:4\"\nrelation = \"superset-of\"\nstrength = \"strong\"\nrationale = \"Consistent: 4.1 and 4.2 are equal.\"\n\n[[correlation]]\nfrom = \"iso14001@2015:4.1\"\nto = \"iso45001@2018:4.1\"\nrelation = \"equal\"\nstrength = \"strong\"\nrationale = \"Same.\"\n\n[[correlation]]\nfrom = \"iso14001@2015:4.2\"\nto = \"iso45001@2018:4.2\"\nrelation = \"equal\"\nstrength = \"strong\"\nrationale = \"Same.\"\n";
    let (catalog, errors) = Catalog::with_user_sources(&[
        (PathBuf::from("catalogs/iso14001.toml"), mine),
        (PathBuf::from("catalogs/iso45001.toml"), with_clauses(&other, "")),
        (PathBuf::from("catalogs/links.toml"), correlations.to_string()),
    ]);
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    expect![[r#"
        catalogs/links.toml:1:1: iso14001@2015:8 -> iso45001@2018:8 is "equal", but the correlations of their sub-clauses say iso14001@2015:8 holds more (8.1 intersects with 8.1) and iso45001@2018:8 holds more (8.1 intersects with 8.1; 8.2 is a superset of 8.2); the relation must be "intersects-with"
    "#]]
    .assert_eq(&(errors.join("\n") + "\n"));
    // The contradicted correlation is left out; the consistent ones load.
    assert!(catalog.correlations_of(&key("iso14001@2015:8")).is_empty());
    let heading = catalog.correlations_of(&key("iso14001@2015:4"));
    assert_eq!(heading[0].relation, Relation::Superset);
    let short = catalog.correlations_of(&key("iso14001@2015:8.2"));
    assert_eq!(
        (short[0].relation, short[0].rationale.as_str()),
        (Relation::Subset, "The short spelling and the old key are still read.")
    );
}
