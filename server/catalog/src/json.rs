//! The catalog as JSON, for `ims catalog --json` and other tools.

use serde_json::{json, Map, Value};

use crate::catalog::Catalog;
use crate::model::{Clause, Correlation, Standard};

/// The whole catalog as JSON, in this documented shape (optional fields are
/// left out when empty; `parent` is `null` at the top level):
///
/// ```json
/// {"standards": [{"id": "iso9001@2015", "family": "iso9001", "edition": "2015",
///                 "aliases": ["9001", "iso9001"], "short_name": "ISO 9001:2015",
///                 "title": "...", "system_kind": "QMS", "structure": "hls-2012",
///                 "exclusion_policy": "justified", "builtin": true, "notes": ["..."],
///                 "clauses": [{"ref": "8.4", "title": "...", "parent": "8", "kind": "clause",
///                              "summary": "...", "harmonized": "8.1", "addition": "...", "note": "...",
///                              "untitled": true, "source": "..."}],
///                 "exclusions": [{"clause": "8.3", "rule": "permitted", "rationale": "...", "source": "..."}],
///                 "scope_content": [{"requires": "services", "clause": "4.3", "rationale": "..."}]}],
///  "harmonized": [{"hs": "9.2", "title": "Internal audit", "title_2012": "Internal audit",
///                  "numbers": {"iso9001@2015": "9.2"}}],
///  "correlations": [{"from": "iso9001@2015:8.4", "to": "iso20000-1@2018:8.3.4",
///                    "relation": "intersects-with", "strength": "moderate", "category": "topic",
///                    "rationale": "...", "source": "..."}]}
/// ```
pub fn catalog_json(catalog: &Catalog) -> Value {
    json!({
        "standards": catalog.standards().iter().map(standard_json).collect::<Vec<_>>(),
        "harmonized": catalog.harmonized().iter().map(|h| {
            let mut o = Map::new();
            o.insert("hs".into(), json!(h.hs));
            o.insert("title".into(), json!(h.title));
            insert_opt(&mut o, "title_2012", &h.title_2012);
            let numbers: Map<String, Value> =
                h.numbers.iter().map(|(s, r)| (s.clone(), json!(r))).collect();
            o.insert("numbers".into(), Value::Object(numbers));
            insert_opt(&mut o, "note", &h.note);
            Value::Object(o)
        }).collect::<Vec<_>>(),
        "correlations": catalog.correlations().iter().map(correlation_json).collect::<Vec<_>>(),
    })
}

fn standard_json(s: &Standard) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(s.id));
    o.insert("family".into(), json!(s.family));
    o.insert("edition".into(), json!(s.edition));
    o.insert("aliases".into(), json!(s.aliases));
    o.insert("short_name".into(), json!(s.short_name()));
    o.insert("title".into(), json!(s.title));
    o.insert("system_kind".into(), json!(s.system_kind));
    o.insert("structure".into(), json!(s.structure.as_str()));
    o.insert("exclusion_policy".into(), json!(s.exclusion_policy.as_str()));
    insert_opt(&mut o, "superseded_by", &s.superseded_by);
    insert_opt(&mut o, "withdrawn", &s.withdrawn);
    o.insert("builtin".into(), json!(s.builtin));
    if !s.notes.is_empty() {
        o.insert("notes".into(), json!(s.notes));
    }
    o.insert("clauses".into(), Value::Array(s.clauses.iter().map(clause_json).collect()));
    let exclusions: Vec<Value> = s
        .exclusions
        .iter()
        .map(|e| {
            json!({"clause": e.clause, "rule": e.rule.as_str(), "rationale": e.rationale, "source": e.source})
        })
        .collect();
    o.insert("exclusions".into(), Value::Array(exclusions));
    let scope: Vec<Value> = s
        .scope_content
        .iter()
        .map(|r| json!({"requires": r.requires.as_str(), "clause": r.clause, "rationale": r.rationale}))
        .collect();
    o.insert("scope_content".into(), Value::Array(scope));
    Value::Object(o)
}

fn clause_json(c: &Clause) -> Value {
    let mut o = Map::new();
    o.insert("ref".into(), json!(c.reference));
    o.insert("title".into(), json!(c.title));
    o.insert("parent".into(), json!(c.parent));
    o.insert("kind".into(), json!(c.kind.as_str()));
    insert_opt(&mut o, "summary", &c.summary);
    insert_opt(&mut o, "harmonized", &c.harmonized);
    insert_opt(&mut o, "addition", &c.addition);
    insert_opt(&mut o, "note", &c.note);
    insert_opt(&mut o, "correction", &c.correction);
    if c.untitled {
        o.insert("untitled".into(), json!(true));
    }
    insert_opt(&mut o, "source", &c.source);
    Value::Object(o)
}

fn correlation_json(c: &Correlation) -> Value {
    let mut o = Map::new();
    o.insert("from".into(), json!(c.from.to_string()));
    o.insert("to".into(), json!(c.to.to_string()));
    o.insert("relation".into(), json!(c.relation.as_str()));
    o.insert("strength".into(), json!(c.strength.as_str()));
    o.insert("category".into(), json!(c.category.as_str()));
    o.insert("rationale".into(), json!(c.rationale));
    insert_opt(&mut o, "source", &c.source);
    Value::Object(o)
}

fn insert_opt(o: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        o.insert(key.into(), json!(v));
    }
}
