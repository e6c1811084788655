//! A post gets the same findings whether it is linted alone (a pre-commit hook naming it) or
//! with its whole site: the index a run builds sees every post of the site, whichever posts it
//! reports on, and a post's anchors are the same whether the run parses it as a target or only
//! because another post links into it.

use postlint::{CheckOptions, Diagnostic};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_sites() -> Vec<PathBuf> {
    let mut sites = Vec::new();
    for group in ["fixtures/sites", "fixtures/rules"] {
        for entry in std::fs::read_dir(repo().join(group)).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                sites.push(path);
            }
        }
    }
    sites.sort();
    sites
}

/// What a finding is, without what depends on how the run was asked for.
fn facts(d: &Diagnostic) -> (String, String, usize, usize, String, Option<String>) {
    (
        d.rule.to_string(),
        d.severity.as_str().to_string(),
        d.span.start,
        d.span.end,
        d.message.to_string(),
        d.help.as_deref().map(str::to_string),
    )
}

fn check(paths: &[PathBuf], root: &Path) -> postlint::Report {
    let options = CheckOptions {
        root: Some(root.to_path_buf()),
        ..CheckOptions::default()
    };
    postlint::check(paths, &options).expect("the run succeeds")
}

#[test]
fn each_post_alone_gets_its_findings_in_the_site() {
    let cwd = std::env::current_dir().expect("cwd");
    let mut compared = 0;
    for site in fixture_sites() {
        let whole = check(std::slice::from_ref(&site), &site);
        for file in &whole.files {
            let path = cwd.join(&file.path);
            if !path.is_file() {
                continue; // a folder the walk reported
            }
            let alone = check(std::slice::from_ref(&path), &site);
            let found: Vec<_> = alone
                .files
                .iter()
                .filter(|f| f.path == file.path)
                .flat_map(|f| f.diagnostics.iter().map(facts))
                .collect();
            let expected: Vec<_> = file.diagnostics.iter().map(facts).collect();
            assert_eq!(found, expected, "{} alone", path.display());
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} posts compared");
}
