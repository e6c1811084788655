//! The layers of `src/` follow the data (ARCHITECTURE.md): a module may use only modules of the
//! layers below its own, never one beside or above it, so no import cycle can come back. The
//! test reads every `crate::…` path in `src/` and fails on each arrow against the order.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules, lowest layer first; modules in one layer may not use each other. Keep
/// this in step with the table in ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    // text, paths, dates, names: no dependencies inside the crate
    &["source", "paths", "spelling", "date", "limits"],
    // reading files safely (regular files only, bounded)
    &["files"],
    &["fix"],
    &["diagnostic"],
    // one parse per post, one front end per Markdown dialect
    &["document"],
    // what each generator means; postlint.yml as written; the errors that stop a run
    &["preset"],
    &["config"],
    &["error"],
    // the generator's own config, then the site index built once
    &["site_config"],
    &["site"],
    // each post's references resolved once against the index
    &["links"],
    // rules: pure functions of document, index, resolved links and their own options
    &["rule"],
    &["rules"],
    // config + command line + detection merged; the URL checker
    &["settings"],
    &["online"],
    // orchestration, then output
    &["runner"],
    &["report"],
    &["init"],
    &["config_schema"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names through `crate::a::…` or `crate::{a, b::…}`, outside
/// comments.
fn used_modules(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() && name != "self" {
                    out.push(name.to_string());
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn imports_follow_the_layers() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut unplaced = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let first = relative.components().next().expect("a path");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" || module == "main" {
            continue; // the crate root is the façade, above every layer
        }
        let Some(own) = layer_of(&module) else {
            unplaced.insert(module, relative.display().to_string());
            continue;
        };
        let text = fs::read_to_string(file).expect("readable");
        for used in used_modules(&text) {
            if used == module {
                continue;
            }
            match layer_of(&used) {
                Some(layer) if layer < own => {}
                Some(_) => wrong.push(format!(
                    "{}: `{module}` uses `{used}`, which is not below it",
                    relative.display()
                )),
                None => unplaced
                    .insert(used.clone(), relative.display().to_string())
                    .map_or((), drop),
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules missing from LAYERS (place them in tests/layers.rs and ARCHITECTURE.md): {unplaced:?}"
    );
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_sees_grouped_imports() {
    assert_eq!(
        used_modules("use crate::{source::Span, rules};\nlet x = crate::site::f(); // crate::cli"),
        ["source", "rules", "site"]
    );
}
