//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run for real: pre-commit clones this
//! repository at HEAD, builds postlint with `cargo install` (`language: rust`) and runs it in a
//! throwaway git repository holding a small Docusaurus blog.
//!
//! Needs `pre-commit` (`pip install 'pre-commit>=3,<5'`) and `git`; without them the tests say
//! so on stderr and pass, unless `POSTLINT_REQUIRE_PRECOMMIT=1` (set in CI) makes that a failure.
//! The hooks are taken from the last commit, not the working tree: commit hook changes first.
//!
//! Speed: the cargo build goes to one target folder under `target/tmp`, in a quick profile (the
//! hook's behaviour does not depend on optimisation), and the config test keeps its pre-commit
//! store there too, so only the first run at a new commit pays for a build.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/git.rs"]
mod git_support;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Returns the commit to test, or why the tests cannot run here.
fn prerequisites() -> Result<String, String> {
    let version = Command::new("pre-commit").arg("--version").output();
    if !version.is_ok_and(|o| o.status.success()) {
        return Err("`pre-commit` is not installed (pip install 'pre-commit>=3,<5')".into());
    }
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo())
        .output()
        .map_err(|e| format!("`git` cannot run: {e}"))?;
    if !head.status.success() {
        return Err("the crate is not a git checkout; pre-commit clones a repository".into());
    }
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let hooks = Command::new("git")
        .args(["cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"])
        .current_dir(repo())
        .status()
        .map_err(|e| e.to_string())?;
    if !hooks.success() {
        return Err("HEAD has no .pre-commit-hooks.yaml: commit it first".into());
    }
    Ok(head)
}

/// `Some(commit)` when the test can run; otherwise says why on stderr, and fails in CI.
fn setup(test: &str) -> Option<String> {
    match prerequisites() {
        Ok(head) => Some(head),
        Err(why) => {
            if std::env::var_os("POSTLINT_REQUIRE_PRECOMMIT").is_some_and(|v| v == "1") {
                panic!("{test}: {why}, and POSTLINT_REQUIRE_PRECOMMIT=1");
            }
            // Straight to stderr: libtest would swallow an `eprintln!` of a passing test.
            let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
            None
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> Output {
    hook_env(&mut git_support::git_in(dir))
        .args(args)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let output = git(dir, args);
    assert!(output.status.success(), "git {args:?}: {}", text(&output));
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The environment of every pre-commit run, also the one git starts as a hook: postlint built
/// quickly into a target folder kept between runs, and a pre-commit store kept there too.
fn hook_env(command: &mut Command) -> &mut Command {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    command
        .env("CARGO_TARGET_DIR", tmp.join("pre-commit-target"))
        .env("PRE_COMMIT_HOME", tmp.join("pre-commit-home"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .env_remove("POSTLINT_FORMAT")
        .env_remove("NO_COLOR")
}

fn pre_commit(dir: &Path, args: &[&str]) -> Output {
    hook_env(Command::new("pre-commit").args(args).current_dir(dir))
        .output()
        .expect("pre-commit runs")
}

const TARGET: &str = "blog/2024-01-02-target.md";
const CLEAN: &str = "blog/2024-01-01-clean.md";
const BROKEN: &str = "blog/2024-01-03-broken.md";
const DEAD_ANCHOR: &str = "blog/2024-01-04-anchor.md";
const DUPLICATE: &str = "blog/2024-01-06-dup-b.md";
const FIXABLE: &str = "blog/2024-01-07-fixable.md";

/// A git repository with a small Docusaurus blog, committed.
fn blog() -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temp dir");
    let dir = site.path();
    let files = [
        ("docusaurus.config.js", "module.exports = {};\n"),
        (TARGET, "---\ntitle: Target\n---\n\n## Setup\n\nSteps.\n"),
        (
            CLEAN,
            "---\ntitle: Clean\n---\n\nRead [the setup](./2024-01-02-target.md#setup) first.\n",
        ),
        (
            BROKEN,
            // A post that defines references, so that a missing one is surely a mistake.
            "---\ntitle: Broken\n---\n\nSee [the guide][setup-guide].\n\n[setup]: https://example.com/\n",
        ),
        (
            DEAD_ANCHOR,
            "---\ntitle: Anchor\n---\n\nRead [the install](./2024-01-02-target.md#install).\n",
        ),
        (
            "blog/2024-01-05-dup-a.md",
            "---\ntitle: First\nslug: same-url\n---\n\nOne.\n",
        ),
        (
            DUPLICATE,
            "---\ntitle: Second\nslug: same-url\n---\n\nTwo.\n",
        ),
        (
            FIXABLE,
            // Docusaurus (MDX) fixes only the self-closing form: `<br>` stops the MDX compile.
            "---\ntitle: Fixable\n---\n\nFirst line.<br />\nSecond line.\n",
        ),
    ];
    for (path, content) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    git_ok(dir, &["init", "-q"]);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "blog"]);
    site
}

fn assert_fails(output: &Output, needle: &str) {
    let all = text(output);
    assert_eq!(output.status.code(), Some(1), "expected a failure:\n{all}");
    assert!(all.contains("Failed"), "{all}");
    assert!(all.contains(needle), "expected `{needle}` in:\n{all}");
}

fn assert_passes(output: &Output) {
    let all = text(output);
    assert!(output.status.success(), "expected a pass:\n{all}");
    assert!(all.contains("Passed"), "{all}");
}

/// `pre-commit try-repo` against this repository: how a user tries the hook before adopting it.
#[test]
fn try_repo_fails_on_a_broken_post_and_passes_on_a_clean_one() {
    let Some(head) = setup("try_repo_fails_on_a_broken_post_and_passes_on_a_clean_one") else {
        return;
    };
    let site = blog();
    let repo = repo();
    let repo = repo.to_str().unwrap();
    let try_repo = |file: &str| {
        pre_commit(
            site.path(),
            &[
                "try-repo", repo, "postlint", "--ref", &head, "--files", file,
            ],
        )
    };
    assert_fails(&try_repo(BROKEN), "undefined-reference");
    assert_passes(&try_repo(CLEAN));
}

/// The README's `.pre-commit-config.yaml` snippet: cross-file checks see the whole site though
/// pre-commit names only some files, the git hook blocks a commit, and `postlint-fix` fixes.
#[test]
fn config_snippet_sees_the_whole_site() {
    let Some(head) = setup("config_snippet_sees_the_whole_site") else {
        return;
    };
    let site = blog();
    let dir = site.path();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: postlint\n      - id: postlint-fix\n",
        serde_json::to_string(repo().to_str().unwrap()).unwrap()
    );
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).unwrap();
    git_ok(dir, &["add", ".pre-commit-config.yaml"]);
    git_ok(dir, &["commit", "-q", "-m", "pre-commit config"]);

    let run = |hook: &str, file: &str| pre_commit(dir, &["run", hook, "--files", file]);
    // The anchor is in a post pre-commit does not name.
    assert_passes(&run("postlint", CLEAN));
    assert_fails(&run("postlint", DEAD_ANCHOR), "dead-anchor");
    // The post that first took the URL is not named either.
    assert_fails(&run("postlint", DUPLICATE), "duplicate-slug");

    // `postlint-fix` rewrites the `<br>`, which pre-commit reports as a failure; then it passes.
    assert_fails(
        &run("postlint-fix", FIXABLE),
        "files were modified by this hook",
    );
    let fixed = std::fs::read_to_string(dir.join(FIXABLE)).unwrap();
    assert!(fixed.contains("First line.\\\nSecond line."), "{fixed}");
    assert_passes(&run("postlint-fix", FIXABLE));
    git_ok(dir, &["checkout", "--", FIXABLE]);

    // As a git hook: a commit that breaks a post is refused, its fix goes through.
    let install = pre_commit(dir, &["install"]);
    assert!(install.status.success(), "{}", text(&install));
    let clean = dir.join(CLEAN);
    let good = std::fs::read_to_string(&clean).unwrap();
    std::fs::write(
        &clean,
        format!("{good}\nAnd [this][nowhere].\n\n[now]: https://example.com/\n"),
    )
    .unwrap();
    git_ok(dir, &["add", CLEAN]);
    let refused = git(dir, &["commit", "-m", "break a post"]);
    assert!(!refused.status.success(), "{}", text(&refused));
    assert!(
        text(&refused).contains("undefined-reference"),
        "{}",
        text(&refused)
    );
    std::fs::write(
        &clean,
        format!("{good}\nAnd [this](./2024-01-02-target.md#setup).\n"),
    )
    .unwrap();
    git_ok(dir, &["add", CLEAN]);
    git_ok(dir, &["commit", "-q", "-m", "fix the post"]);
}

const LONG_NAME: &str = "blog/2024-01-15-long-name.md";
const READER: &str = "blog/2024-01-20-reader.md";

/// A blog whose reader post points at another post by file, by URL, at its heading, and at an
/// image; a README and the site's config beside; the hooks installed as git hooks.
fn linked_blog(head: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temp dir");
    let dir = site.path();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: postlint\n",
        serde_json::to_string(repo().to_str().unwrap()).unwrap()
    );
    let files = [
        ("docusaurus.config.js", "module.exports = {};\n"),
        ("README.md", "No front matter and no title: not a post.\n"),
        ("static/img/diagram.png", "png"),
        (
            LONG_NAME,
            "---\ntitle: Long name\nslug: long-name\n---\n\n## Setup\n\nSteps.\n",
        ),
        (
            READER,
            "---\ntitle: Reader\n---\n\nSee [the post](./2024-01-15-long-name.md), \
             [its URL](/blog/long-name), [its setup](/blog/long-name#setup).\n\n\
             ![diagram](/img/diagram.png)\n",
        ),
        (
            "blog/2024-01-21-alone.md",
            "---\ntitle: Alone\n---\n\nNobody links here.\n",
        ),
        (".pre-commit-config.yaml", config.as_str()),
    ];
    for (path, content) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    git_ok(dir, &["init", "-q"]);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "blog"]);
    let install = pre_commit(dir, &["install"]);
    assert!(install.status.success(), "{}", text(&install));
    site
}

/// Commits what is staged; returns the hook's output when the commit is refused, and puts
/// everything back as it was at HEAD either way.
fn commit_refused(dir: &Path, what: &str) -> Option<String> {
    let commit = git(dir, &["commit", "-m", what]);
    let refused = (!commit.status.success()).then(|| text(&commit));
    let back = if refused.is_some() { "HEAD" } else { "HEAD~1" };
    git_ok(dir, &["reset", "-q", "--hard", back]);
    refused
}

/// The default hook as a git hook: a commit that renames, deletes or rewords what a post that
/// is not staged points at is refused, with the finding in that post; commits of files that are
/// not posts, and of changes that break nothing, go through.
#[test]
fn hook_catches_what_a_rename_delete_or_reworded_heading_breaks() {
    let Some(head) = setup("hook_catches_what_a_rename_delete_or_reworded_heading_breaks") else {
        return;
    };
    let site = linked_blog(&head);
    let dir = site.path();
    let edit = |from: &str, to: &str| {
        let path = dir.join(LONG_NAME);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from));
        std::fs::write(&path, text.replace(from, to)).unwrap();
        git_ok(dir, &["add", LONG_NAME]);
    };
    let refused_with = |what: &str, finding: &str| {
        let output = commit_refused(dir, what)
            .unwrap_or_else(|| panic!("the commit that {what} went through"));
        assert!(
            output.contains(READER) && output.contains(finding),
            "{what}:\n{output}"
        );
        assert!(!output.contains("2024-01-21-alone.md"), "{output}");
    };

    git_ok(dir, &["mv", LONG_NAME, "blog/2024-01-15-short.md"]);
    refused_with(
        "renames a post",
        "link target `./2024-01-15-long-name.md` does not exist",
    );

    git_ok(dir, &["rm", "-q", "static/img/diagram.png"]);
    refused_with(
        "deletes an image",
        "image `/img/diagram.png` does not exist",
    );

    edit("slug: long-name", "slug: short-name");
    refused_with("changes a slug", "link `/blog/long-name` leads to no post");

    edit("## Setup", "## Installation");
    refused_with("rewords a heading", "anchor `#setup` matches no heading");

    // What breaks nothing, or is no post, is committed.
    git_ok(dir, &["rm", "-q", "blog/2024-01-21-alone.md"]);
    assert_eq!(commit_refused(dir, "deletes a post nobody links"), None);
    std::fs::write(dir.join("README.md"), "Still no title.\n\nMore notes.\n").unwrap();
    std::fs::write(
        dir.join("docusaurus.config.js"),
        "module.exports = { title: 'x' };\n",
    )
    .unwrap();
    git_ok(dir, &["add", "README.md", "docusaurus.config.js"]);
    assert_eq!(commit_refused(dir, "edits files that are not posts"), None);
    edit("Steps.", "Steps, reworded.");
    assert_eq!(commit_refused(dir, "edits a post's prose"), None);
}
