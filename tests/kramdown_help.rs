//! `stray-br`'s help on a Jekyll site says what that site's kramdown renders as a line break:
//! with `kramdown.input: kramdown` that is two backslashes (or two trailing spaces), never the
//! lone backslash that GFM input (Jekyll's default) breaks with.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;

/// The `stray-br` helps for a post of a Jekyll site whose `_config.yml` is `config`.
fn helps(config: &str, post: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("_config.yml"), config).unwrap();
    fs::create_dir(dir.path().join("_posts")).unwrap();
    fs::write(dir.path().join("_posts/2024-01-01-a.md"), post).unwrap();
    let output = Command::cargo_bin("postlint")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("POSTLINT_FORMAT")
        .args(["--format", "json", "--select", "stray-br", "."])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["help"].as_str().unwrap_or("").to_string())
        .collect()
}

const POST: &str = "---\ntitle: A\n---\n\nfirst<br>\nsecond</br>\nthird\n";

#[test]
fn plain_kramdown_input_breaks_with_two_backslashes() {
    let helps = helps("title: x\nkramdown:\n  input: kramdown\n", POST);
    assert_eq!(helps.len(), 2, "{helps:?}");
    assert!(helps[0].contains("two backslashes"), "{helps:?}");
    for help in &helps {
        assert!(
            !help.contains("a backslash") && !help.contains("trailing backslash"),
            "{help}"
        );
    }
}

#[test]
fn gfm_input_breaks_with_one_backslash() {
    let helps = helps("title: x\n", POST);
    assert_eq!(helps.len(), 2, "{helps:?}");
    assert!(
        helps
            .iter()
            .any(|h| h.contains("a backslash") || h.contains("backslash:")),
        "{helps:?}"
    );
    assert!(
        helps.iter().all(|h| !h.contains("two backslashes")),
        "{helps:?}"
    );
}
