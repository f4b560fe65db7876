//! The architecture, kept honest: the crate layers of ARCHITECTURE.md are
//! the dependencies Cargo sees, no module of a crate imports a module that
//! imports it back, and each "where to add ..." path of ARCHITECTURE.md
//! names files that exist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Each crate of the product, and the crates of the project it may depend
/// on (normal and build dependencies; tests may use more). The layers of
/// ARCHITECTURE.md: syntax and catalog know nothing above them, the
/// formatter needs the syntax alone, only the front ends know the project
/// loader's callers, and nothing depends on a front end.
const LAYERS: &[(&str, &str, &[&str])] = &[
    ("grammar", "tree-sitter-ims", &[]),
    ("server/syntax", "ims-syntax", &["tree-sitter-ims"]),
    ("server/catalog", "ims-catalog", &[]),
    ("server/analysis", "ims-analysis", &["ims-syntax", "ims-catalog"]),
    ("server/fmt", "ims-fmt", &["ims-syntax"]),
    ("server/project", "ims-project", &["ims-syntax", "ims-catalog", "ims-analysis"]),
    ("server/ide", "ims-ide", &["ims-syntax", "ims-catalog", "ims-analysis"]),
    ("server/report", "ims-report", &["ims-syntax", "ims-catalog", "ims-analysis"]),
    ("server/fixture", "ims-fixture", &["ims-syntax", "ims-catalog", "ims-analysis"]),
    (
        "server/lsp",
        "ims-lsp",
        &[
            "ims-syntax",
            "ims-catalog",
            "ims-analysis",
            "ims-project",
            "ims-fmt",
            "ims-ide",
            "ims-report",
        ],
    ),
    (
        "server/cli",
        "ims",
        &[
            "ims-syntax",
            "ims-catalog",
            "ims-analysis",
            "ims-project",
            "ims-fmt",
            "ims-report",
            "ims-lsp",
        ],
    ),
];

/// The names of the project's own crates in a table of dependencies.
fn own_dependencies(table: Option<&toml::Value>, own: &BTreeSet<&str>) -> BTreeSet<String> {
    let Some(table) = table.and_then(|t| t.as_table()) else { return BTreeSet::new() };
    table
        .iter()
        .map(|(name, value)| {
            // `alias = { package = "ims-syntax", ... }` counts as ims-syntax.
            value.get("package").and_then(|p| p.as_str()).unwrap_or(name).to_string()
        })
        .filter(|name| own.contains(name.as_str()))
        .collect()
}

#[test]
fn no_crate_depends_on_a_higher_layer() {
    let own: BTreeSet<&str> = LAYERS.iter().map(|(_, name, _)| *name).collect();
    let mut problems = Vec::new();
    for (dir, name, allowed) in LAYERS {
        let manifest = root().join(dir).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        let manifest: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(manifest["package"]["name"].as_str(), Some(*name), "{dir}");
        let mut used = own_dependencies(manifest.get("dependencies"), &own);
        used.extend(own_dependencies(manifest.get("build-dependencies"), &own));
        for dep in used {
            if !allowed.contains(&dep.as_str()) {
                problems.push(format!("{name} depends on {dep}, which is not below it"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_crate_of_the_server_has_a_layer() {
    let placed: BTreeSet<&str> = LAYERS.iter().map(|(dir, _, _)| *dir).collect();
    for entry in std::fs::read_dir(root().join("server")).unwrap() {
        let path = entry.unwrap().path();
        if path.join("Cargo.toml").is_file() {
            let dir = format!("server/{}", path.file_name().unwrap().to_string_lossy());
            assert!(placed.contains(dir.as_str()), "{dir} is not in LAYERS: place it in a layer");
        }
    }
}

/// The top-level modules of a crate's `src/` and the top-level modules of
/// the same crate each one names through `crate::` outside its tests.
fn module_imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap();
            let first = relative.components().next().unwrap().as_os_str().to_string_lossy();
            let module = first.trim_end_matches(".rs").to_string();
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            let used = imports.entry(module.clone()).or_default();
            for (at, _) in code.match_indices("crate::") {
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue; // `ims_crate::`, not `crate::`
                }
                let rest = &code[at + "crate::".len()..];
                let name: String =
                    rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name != module {
                    used.insert(name);
                }
            }
        }
    }
    imports
}

/// A circle of imports between the modules, if there is one.
fn circle(imports: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        imports: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut found = path[at..].to_vec();
            found.push(module.to_string());
            return Some(found);
        }
        if !done.insert(module.to_string()) {
            return None;
        }
        path.push(module.to_string());
        for next in imports.get(module).into_iter().flatten() {
            if let Some(found) = visit(next, imports, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    imports.keys().find_map(|m| visit(m, imports, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_circle_inside_a_crate() {
    for (dir, name, _) in LAYERS {
        let src = root().join(dir).join("src");
        if let Some(found) = circle(&module_imports(&src)) {
            panic!("{name}: the modules import each other in a circle: {}", found.join(" -> "));
        }
    }
}

#[test]
fn the_circle_check_finds_a_circle() {
    let imports: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
        ("d".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(circle(&imports).unwrap().join(" -> "), "a -> b -> c -> a");
    let mut acyclic = imports.clone();
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(circle(&acyclic), None);
}

/// Every path written in backticks in ARCHITECTURE.md's "Where to add ..."
/// section exists, so the section cannot drift from the tree.
#[test]
fn where_to_add_names_files_that_exist() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let section = text
        .split("\n## Where to add")
        .nth(1)
        .expect("ARCHITECTURE.md has a `## Where to add ...` section");
    let section = section.split("\n## ").next().unwrap();
    let mut checked = 0;
    for (i, span) in section.split('`').enumerate() {
        let looks_like_path = i % 2 == 1
            && span.contains('/')
            && !span.contains(' ')
            && !span.contains("::")
            && !span.contains('*')
            && !span.contains('<');
        if looks_like_path {
            let path = root().join(span.trim_end_matches('/'));
            assert!(path.exists(), "ARCHITECTURE.md names `{span}`, which does not exist");
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} paths in the section: is it still there?");
}

/// Each folder under `editors/` is documented in the README's editor list
/// and in docs/README.md.
#[test]
fn every_editor_is_documented() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let index = std::fs::read_to_string(root().join("docs/README.md")).unwrap();
    for entry in std::fs::read_dir(root().join("editors")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let folder = format!("editors/{name}");
        assert!(readme.contains(&folder), "README.md does not mention {folder}");
        assert!(index.contains(&folder), "docs/README.md does not mention {folder}");
    }
}

/// The values a `--format` option accepts, from clap's error for a bad one.
fn possible_values(args: &[&str]) -> Vec<String> {
    let run = ims_e2e::run::ims(&root(), args);
    let line = run
        .stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("[possible values: "))
        .unwrap_or_else(|| panic!("no possible values in {}", run.stderr));
    line.trim_end_matches(']').split(", ").map(str::to_string).collect()
}

#[test]
fn every_check_format_is_documented() {
    let cli = std::fs::read_to_string(root().join("docs/cli.md")).unwrap();
    let formats = possible_values(&["check", "--format", "no-such-format", "."]);
    assert!(formats.len() >= 5, "{formats:?}");
    for format in formats {
        assert!(
            cli.contains(&format!("`--format {format}`")),
            "docs/cli.md: no `--format {format}`"
        );
    }
    let report = std::fs::read_to_string(root().join("docs/report.md")).unwrap();
    for format in possible_values(&["report", "--format", "no-such-format", "."]) {
        assert!(
            report.contains(&format!("--format {format}")),
            "docs/report.md: no --format {format}"
        );
    }
}

#[test]
fn every_builtin_standard_is_documented() {
    let language = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    let run = ims_e2e::run::ims(&root(), &["catalog", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let catalog: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let standards = catalog["standards"].as_array().unwrap();
    assert!(standards.len() >= 4);
    for standard in standards {
        if standard["builtin"] != true {
            continue;
        }
        let id = standard["id"].as_str().unwrap();
        assert!(language.contains(&format!("| `{id}` |")), "docs/language.md lists no `{id}`");
    }
}
