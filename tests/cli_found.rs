//! What a run lints, said out loud: the site found in a subfolder, named files that are not
//! posts, `--force-exclude`, no post found (a warning, or exit 2 for a folder named), and
//! `--show-settings` / `--show-files`.

use predicates::prelude::*;
use std::fs;
use std::path::Path;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;
use postlint_bin::postlint;

fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// A repository whose Docusaurus site is in `website/`, with a README, a contributing guide, a
/// draft the config excludes, the site's own files and an image at the top.
fn monorepo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        &[
            ("README.md", "Project notes, no front matter.\n"),
            ("CONTRIBUTING.md", "How to help.\n"),
            ("img.png", "not really a PNG"),
            ("website/docusaurus.config.js", "module.exports = {};\n"),
            ("website/postlint.yml", "exclude: [\"blog/drafts/**\"]\n"),
            ("website/blog/authors.yml", "ann:\n  name: Ann\n"),
            (
                "website/blog/2024-01-01-hello.md",
                "---\ntitle: Hello\nauthors: [ann]\n---\n\n![logo](/img/logo.png)\n",
            ),
            ("website/static/img/logo.png", "png"),
            (
                "website/blog/drafts/2024-02-01-draft.md",
                "---\ntitle: Draft\n---\n\n[todo](./nowhere.md)\n",
            ),
        ],
    );
    dir
}

#[test]
fn a_single_site_below_is_found_and_said() {
    let dir = monorepo();
    postlint(dir.path())
        .args(["--format", "compact"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(
            predicate::str::contains(
                "note: no site here: linting the one in `website` (docusaurus)",
            )
            .and(predicate::str::contains("in 1 file")),
        );
    postlint(dir.path())
        .arg("--show-files")
        .assert()
        .code(0)
        .stdout("website/blog/2024-01-01-hello.md\n");
    postlint(dir.path())
        .arg("--show-settings")
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("config file: website/postlint.yml\n")
                .and(predicate::str::contains("preset: docusaurus (detected)\n"))
                .and(predicate::str::contains("root: website\n"))
                .and(predicate::str::contains(
                    "include: blog/**/*.md, blog/**/*.mdx\n",
                ))
                .and(predicate::str::contains("blog/drafts/**"))
                .and(predicate::str::contains("  stray-br             warning\n")),
        );
}

#[test]
fn several_sites_below_ask_which_one() {
    let dir = monorepo();
    write(
        dir.path(),
        &[("docs/hugo.toml", "baseURL = 'https://example.com/'\n")],
    );
    postlint(dir.path()).assert().code(2).stderr(predicate::str::contains(
        "no site in `.`, and several below it: `docs/` (hugo), `website/` (docusaurus); name the one to lint (`postlint docs`) or pass `--root`",
    ));
    postlint(dir.path())
        .arg("website")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("in 1 file"));
}

#[test]
fn named_files_that_are_not_posts() {
    let dir = monorepo();
    let named = [
        "README.md",
        "CONTRIBUTING.md",
        "website/blog/authors.yml",
        "website/docusaurus.config.js",
        "img.png",
        "website/blog/drafts/2024-02-01-draft.md",
        "website/blog/2024-01-01-hello.md",
    ];
    // Without --force-exclude, Markdown files named are linted (the draft's dead link too);
    // the others are skipped with a note.
    postlint(dir.path())
        .args(["--format", "compact"])
        .args(named)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("draft.md:5:8: error[dead-link]"))
        .stderr(
            predicate::str::contains("note: skipped `img.png`: not a Markdown file")
                .and(predicate::str::contains(
                    "note: skipped `website/docusaurus.config.js`: not a Markdown file",
                ))
                .and(predicate::str::contains(
                    "note: skipped `website/blog/authors.yml`: not a Markdown file",
                )),
        );
    // With it (as the hooks run), only what the config picks is linted, in silence.
    postlint(dir.path())
        .args(["--format", "compact", "--force-exclude"])
        .args(named)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("note:").not())
        .stderr(predicate::str::contains("in 1 file"));
    // Nothing left at all: a note, and exit 0, so a commit of non-posts is never blocked.
    postlint(dir.path())
        .args(["--force-exclude", "README.md", "img.png"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "note: no post to check: the files named are not Markdown or are left out by `include`/`exclude`",
        ));
}

#[test]
fn no_posts_found_is_never_silent() {
    let dir = monorepo();
    // A folder named that holds no post: the run failed to do what was asked.
    postlint(dir.path())
        .arg("website/static")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no posts found under `website/static`: preset docusaurus (detected), posts are `blog/**/*.md`, `blog/**/*.mdx` under `website`",
        ));
    // The wrong preset.
    postlint(dir.path())
        .args(["--preset", "jekyll", "website"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no posts found under `website`: preset jekyll (--preset)",
        ));
    // An empty site, linted from its own folder: a warning.
    let empty = tempfile::tempdir().unwrap();
    fs::write(empty.path().join("_config.yml"), "title: Empty\n").unwrap();
    postlint(empty.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: no posts found under `.`: preset jekyll (detected)",
        ));
    // One named folder empty, another not: a warning for the empty one.
    postlint(dir.path())
        .args(["website/blog", "website/static"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: no posts found under `website/static`",
        ));
}
