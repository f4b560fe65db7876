//! Arbitrary bytes as user catalogs: never a panic, and every problem a
//! message with a place in its file.
//!
//! The input is split at NUL bytes into up to three catalog files (so that
//! one may correlate with the standards of another), each decoded as UTF-8
//! lossily, and loaded and validated as `ims.toml` catalogs are. The
//! catalog is then used as the tools use it: every clause of a user
//! standard described and its correlations followed, and a small IMS that
//! names each standard analysed. (The JSON of `ims catalog` walks the
//! built-in standards too, at a cost that would slow the fuzzer tenfold;
//! `tests/tests/catalog.rs` covers it with user catalogs.)

#![no_main]

use std::path::PathBuf;

use ims_analysis::{analyze, Config, SourceFile, Workspace};
use ims_catalog::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let sources: Vec<(PathBuf, String)> = data
        .split(|&b| b == 0)
        .take(3)
        .enumerate()
        .map(|(i, bytes)| {
            (PathBuf::from(format!("c{i}.toml")), String::from_utf8_lossy(bytes).into_owned())
        })
        .collect();
    let (catalog, errors) = Catalog::with_user_sources(&sources);
    for error in &errors {
        assert!(!error.message.trim().is_empty(), "an empty message: {error:?}");
        let Some((_, text)) = sources.iter().find(|(path, _)| *path == error.file) else {
            // Errors of the built-in catalog or across files name no input file.
            continue;
        };
        let lines = text.split('\n').count();
        assert!(error.line <= lines, "line {} of {lines}: {error:?}", error.line);
    }
    // The built-in standards are the same in every run; only what the
    // input added is walked.
    for standard in catalog.standards().iter().filter(|s| !s.builtin) {
        for clause in &standard.clauses {
            let key = ims_catalog::ClauseKey::new(&standard.id, &clause.reference);
            let _ = ims_catalog::describe_clause(&catalog, &key);
            let _ = catalog.correlations_with_inherited(&key);
            let _ = catalog.superseding(&key);
        }
    }
    let _ = catalog.contradicted_relations();
    let text: String = catalog
        .standards()
        .iter()
        .filter(|s| !s.builtin)
        .enumerate()
        .map(|(i, s)| format!("system S{i} standard {} {{ scope {{ units u }} }}\n", s.id))
        .chain(["ims \"Fuzz\" {}\nunit u \"U\"\n".to_string()])
        .collect();
    let workspace = Workspace::new(
        vec![SourceFile::new("f.ims", text)],
        std::sync::Arc::new(catalog),
        Config::default(),
    );
    let _ = analyze(&workspace);
});
