//! Parse and analysis of arbitrary bytes: never a panic, whatever the input.
//!
//! The input is split at NUL bytes into up to four files of one IMS (so
//! multi-file cases such as two headers are reached too), each decoded as
//! UTF-8 lossily, as an editor would show it. Every file is parsed, the
//! workspace analysed, and hover and completion asked at an offset taken
//! from the input.

#![no_main]

use ims_ide::FilePosition;
use ims_analysis::{analyze, Config, FileId, SourceFile, Workspace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files: Vec<SourceFile> = data
        .split(|&b| b == 0)
        .take(4)
        .enumerate()
        .map(|(i, bytes)| {
            SourceFile::new(format!("f{i}.ims"), String::from_utf8_lossy(bytes).into_owned())
        })
        .collect();
    let workspace = Workspace::new(files, ims_analysis::project::builtin(), Config::default());
    let analysis = analyze(&workspace);
    // Every diagnostic points into its file, at character boundaries.
    for diagnostic in &analysis.diagnostics {
        let text = &workspace.file(diagnostic.location.file).text;
        let range = diagnostic.location.range;
        assert!(range.start <= range.end && range.end <= text.len(), "{diagnostic:?}");
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    let text = &workspace.file(FileId(0)).text;
    let seed = data.iter().fold(0usize, |h, &b| h.wrapping_mul(31).wrapping_add(b as usize));
    let mut offset = seed % (text.len() + 1);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let position = FilePosition { file: FileId(0), offset };
    let _ = ims_ide::hover(&workspace, &analysis, position);
    let _ = ims_ide::completion(&workspace, &analysis, position);
});
