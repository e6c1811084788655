//! `--show-skipped` from the real binary: the links and images to the site that postlint could
//! not follow are listed, so a clean run is not mistaken for a fully checked one; URLs and other
//! schemes are not (they are not the site's), and without the flag nothing is listed.

use assert_cmd::Command;
use std::fs;

fn jekyll_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("_config.yml"), "title: x\n").unwrap();
    fs::create_dir(dir.path().join("_posts")).unwrap();
    fs::write(
        dir.path().join("_posts/2024-01-01-a.md"),
        "---\ntitle: A\n---\n\n[built]({{ page.url }}/x) [mail](mailto:a@example.org) \
         [web](https://example.org/) [self](#top) [there](/2024/01/01/a.html) \
         ![img]({{ site.img }}/a.png)\n",
    )
    .unwrap();
    dir
}

fn run(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("postlint")
        .unwrap()
        .current_dir(dir)
        .env_remove("POSTLINT_FORMAT")
        .env("NO_COLOR", "1")
        .args(["--format", "compact"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn lists_what_was_not_checked() {
    let site = jekyll_site();
    let (code, stderr) = run(site.path(), &["--show-skipped"]);
    assert_eq!(code, Some(0), "{stderr}");
    let listed: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(
        listed,
        [
            "  _posts/2024-01-01-a.md:5:9: `{{ page.url }}/x`",
            "  _posts/2024-01-01-a.md:5:132: `{{ site.img }}/a.png`"
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("2 references to the site not checked"),
        "{stderr}"
    );
}

#[test]
fn nothing_listed_without_the_flag() {
    let site = jekyll_site();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("not checked"), "{stderr}");
}
