//! `--affected` on the real binary in real git repositories (Docusaurus, Jekyll, Hugo): what a
//! rename, a delete, a slug change or a reworded heading breaks in posts that were not changed
//! is reported; what was already broken is not; pre-commit's `--from-ref` is honoured.
//! (`tests/precommit.rs` runs the same through the real pre-commit.)

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

#[path = "support/git.rs"]
mod git_support;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;

fn postlint(cwd: &Path) -> Command {
    let mut cmd = postlint_bin::postlint(cwd);
    cmd.args(["--format", "compact"]);
    cmd
}

/// git with an identity of its own (none is set globally on CI machines).
fn git(dir: &Path, args: &[&str]) -> String {
    let output = git_support::git_in(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn repo_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "site"]);
    dir
}

fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let path = dir.join(path);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} in {}", path.display());
    fs::write(&path, text.replace(from, to)).unwrap();
}

fn docusaurus() -> tempfile::TempDir {
    repo_with(&[
        ("docusaurus.config.js", "module.exports = {};\n"),
        ("static/img/d.png", "png"),
        (
            "blog/2024-01-15-long-name.md",
            "---\ntitle: Target\nslug: long-name\n---\n\n## Setup\n\nSteps.\n",
        ),
        (
            "blog/2024-01-20-reader.md",
            "---\ntitle: Reader\n---\n\n[post](./2024-01-15-long-name.md) [url](/blog/long-name) \
             [setup](/blog/long-name#setup) [old](./2023-gone.md)\n\n![d](/img/d.png)\n",
        ),
    ])
}

#[test]
fn a_rename_breaks_links_by_file_name() {
    let site = docusaurus();
    let dir = site.path();
    git(
        dir,
        &[
            "mv",
            "blog/2024-01-15-long-name.md",
            "blog/2024-01-15-short.md",
        ],
    );
    // As pre-commit runs it: the renamed post named, the reader not.
    postlint(dir)
        .args(["--affected", "--force-exclude", "blog/2024-01-15-short.md"])
        .assert()
        .code(1)
        .stdout(
            "blog/2024-01-20-reader.md:5:8: error[dead-link] link target \
             `./2024-01-15-long-name.md` does not exist\n",
        );
    // Without --affected the reader is not looked at.
    postlint(dir)
        .arg("blog/2024-01-15-short.md")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_delete_breaks_images_even_with_nothing_named() {
    let site = docusaurus();
    let dir = site.path();
    git(dir, &["rm", "-q", "static/img/d.png"]);
    postlint(dir).arg("--affected").assert().code(1).stdout(
        "blog/2024-01-20-reader.md:7:6: error[missing-image] image `/img/d.png` does not \
             exist\n",
    );
}

#[test]
fn a_slug_change_and_a_reworded_heading() {
    let site = docusaurus();
    let dir = site.path();
    edit(
        dir,
        "blog/2024-01-15-long-name.md",
        "slug: long-name",
        "slug: short",
    );
    postlint(dir).arg("--affected").assert().code(1).stdout(
        predicate::str::contains("reader.md:5:41: error[dead-link] link `/blog/long-name`")
            .and(predicate::str::contains("reader.md:5:66: error[dead-link]"))
            // Broken before the change: not this change's doing.
            .and(predicate::str::contains("2023-gone.md").not()),
    );
    git(dir, &["checkout", "--", "."]);
    edit(
        dir,
        "blog/2024-01-15-long-name.md",
        "## Setup",
        "## Installation",
    );
    postlint(dir).arg("--affected").assert().code(1).stdout(
        "blog/2024-01-20-reader.md:5:81: error[dead-anchor] anchor `#setup` matches no \
             heading or id in `blog/2024-01-15-long-name.md`\n",
    );
}

#[test]
fn nothing_changed_is_said_and_quick() {
    let site = docusaurus();
    postlint(site.path())
        .arg("--affected")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "note: no post changed since `HEAD`, and no file is gone",
        ));
    let plain = tempfile::tempdir().unwrap();
    fs::write(plain.path().join("a.md"), "# A\n").unwrap();
    postlint(plain.path())
        .arg("--affected")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not in a git repository"));
}

#[test]
fn pre_commit_from_ref_is_the_base() {
    let site = docusaurus();
    let dir = site.path();
    let first = git(dir, &["rev-parse", "HEAD"]);
    git(dir, &["rm", "-q", "static/img/d.png"]);
    git(
        dir,
        &[
            "-c",
            "core.hooksPath=/dev/null",
            "commit",
            "-q",
            "-m",
            "drop the image",
        ],
    );
    // Against HEAD nothing changed; against the first commit (a CI run over a pull request's
    // commits) the image is gone.
    postlint(dir).arg("--affected").assert().code(0);
    postlint(dir)
        .arg("--affected")
        .env("PRE_COMMIT_FROM_REF", &first)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[missing-image]"));
}

#[test]
fn jekyll_post_url_and_hugo_ref_follow_a_rename() {
    let jekyll = repo_with(&[
        ("_config.yml", "title: J\n"),
        (
            "_posts/2024-01-01-first.md",
            "---\ntitle: First\n---\n\nOne.\n",
        ),
        (
            "_posts/2024-01-02-second.md",
            "---\ntitle: Second\n---\n\n[first]({% post_url 2024-01-01-first %})\n",
        ),
    ]);
    let dir = jekyll.path();
    git(
        dir,
        &[
            "mv",
            "_posts/2024-01-01-first.md",
            "_posts/2024-01-01-renamed.md",
        ],
    );
    postlint(dir)
        .arg("--affected")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "_posts/2024-01-02-second.md:5:9: error[dead-link]",
        ));

    let hugo = repo_with(&[
        ("hugo.toml", "baseURL = 'https://example.com/'\n"),
        (
            "content/posts/first.md",
            "---\ntitle: First\n---\n\n## Intro\n",
        ),
        (
            "content/posts/second.md",
            "---\ntitle: Second\n---\n\n[first]({{< ref \"first.md#intro\" >}})\n",
        ),
    ]);
    let dir = hugo.path();
    edit(dir, "content/posts/first.md", "## Intro", "## Opening");
    postlint(dir).arg("--affected").assert().code(1).stdout(
        predicate::str::contains("content/posts/second.md:5:").and(predicate::str::contains(
            "error[dead-anchor] anchor `#intro`",
        )),
    );
}
