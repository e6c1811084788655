//! Hostile posts and site files (issue 18), each shape generated at test time: YAML nested
//! deep enough to overflow a stack, the shapes that used to take quadratic time, the ceilings
//! on what one post may cost, CR-only line endings and a non-UTF-8 post on standard input.
//! Every run has a timeout, so a regression fails instead of hanging.

use assert_cmd::Command;
use postlint::{CheckOptions, PresetName, Report};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;

/// The stack the parse and lint threads get in the small-stack tests: a quarter of a default
/// thread's, so that recursion per nesting level cannot come back unnoticed.
const SMALL_STACK: usize = 512 * 1024;

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        write(&dir.path().join(path), text.as_bytes());
    }
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    fs::write(path, bytes).expect("write");
}

fn postlint(cwd: &Path) -> Command {
    let mut cmd = postlint_bin::postlint(cwd);
    cmd.timeout(Duration::from_secs(180));
    cmd
}

struct Run {
    code: Option<i32>,
    json: Value,
    stderr: String,
}

fn run_json(cwd: &Path, args: &[&str]) -> Run {
    let output = postlint(cwd)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}); stderr: {stderr}"));
    Run {
        code: output.status.code(),
        json,
        stderr,
    }
}

/// `(rule, path, message)` of every diagnostic.
fn findings(json: &Value) -> Vec<(String, String, String)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("rule"), s("path"), s("message"))
        })
        .collect()
}

/// Front matter shapes that nest far past any real post, in a few kilobytes.
fn deep_yaml() -> Vec<(&'static str, String)> {
    let indented_mappings: String = (0..3_000)
        .map(|i| format!("{}a:\n", " ".repeat(i)))
        .collect();
    vec![
        ("block sequences", format!("{}x\n", "- ".repeat(17_500))),
        ("explicit keys", format!("{}x\n", "? ".repeat(3_000))),
        (
            "block mappings",
            format!("{indented_mappings}{}x\n", " ".repeat(3_000)),
        ),
        ("flow sequences", format!("k: {}\n", "[".repeat(5_000))),
        (
            "aliases",
            // Each anchor repeats the one before it, 40 levels deeper every time.
            (0..20)
                .map(|i| {
                    let inner = if i == 0 {
                        "x".to_string()
                    } else {
                        format!("*a{}", i - 1)
                    };
                    format!("k{i}: &a{i} {}{inner}{}\n", "[".repeat(40), "]".repeat(40))
                })
                .collect(),
        ),
    ]
}

/// `postlint::check` on a thread with a small stack, its worker pool's threads too.
fn check_on_small_stacks(paths: Vec<PathBuf>, options: CheckOptions) -> Report {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .stack_size(SMALL_STACK)
                .build()
                .expect("pool");
            pool.install(|| postlint::check(&paths, &options).expect("the run goes on"))
        })
        .expect("thread starts")
        .join()
        .expect("no stack overflow")
}

/// The findings of `text` as a Docusaurus post read from standard input.
fn check_post_on_small_stacks(text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = CheckOptions {
        preset: Some(PresetName::Docusaurus),
        root: Some(dir.path().to_path_buf()),
        stdin_filename: Some(dir.path().join("blog/2024-01-01-deep.md")),
        stdin_text: Some(text.as_bytes().to_vec()),
        ..CheckOptions::default()
    };
    check_on_small_stacks(vec![PathBuf::from("-")], options)
        .diagnostics()
        .map(|(_, d)| (d.rule.to_string(), d.message.to_string()))
        .collect()
}

#[test]
fn deep_front_matter_is_a_finding_on_a_small_stack() {
    for (shape, yaml) in deep_yaml() {
        let found = check_post_on_small_stacks(&format!("---\n{yaml}---\n\nBody.\n"));
        let syntax: Vec<&String> = found
            .iter()
            .filter(|(rule, _)| rule == "frontmatter-syntax")
            .map(|(_, m)| m)
            .collect();
        assert_eq!(syntax.len(), 1, "{shape}: {found:?}");
        assert!(
            syntax[0].contains("nested more than 64 levels")
                || (shape == "flow sequences" && syntax[0].contains("invalid YAML")),
            "{shape}: {}",
            syntax[0]
        );
    }
    // Real nesting stays silent.
    let found = check_post_on_small_stacks(&format!(
        "---\ntitle: t\nk: {}1{}\n---\n",
        "[".repeat(20),
        "]".repeat(20)
    ));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_whole_run_with_deep_yaml_everywhere_fits_small_stacks() {
    let deep = format!("{}x\n", "- ".repeat(17_500));
    let dir = site(&[
        ("_config.yml", &deep),
        ("_data/authors.yml", &deep),
        (
            "_posts/2024-01-01-deep.md",
            &format!("---\n{deep}---\nBody.\n"),
        ),
        (
            "_posts/2024-01-02-fine.md",
            "---\ntitle: Fine\nauthor: x\n---\n\n![a](/missing.png)\n",
        ),
    ]);
    let root = dir.path().to_path_buf();
    let options = CheckOptions {
        root: Some(root.clone()),
        ..CheckOptions::default()
    };
    let report = check_on_small_stacks(vec![root], options);
    let rules: Vec<(&str, &str)> = report
        .diagnostics()
        .map(|(f, d)| (f.path.rsplit('/').next().unwrap_or_default(), d.rule))
        .collect();
    assert!(
        rules.contains(&("2024-01-01-deep.md", "frontmatter-syntax")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("2024-01-02-fine.md", "missing-image")),
        "{rules:?}"
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("`_config.yml` cannot be used") && n.contains("64 levels")),
        "{:?}",
        report.notes
    );
}

#[test]
fn deep_site_files_are_notes_and_the_posts_are_still_linted() {
    let deep = format!("{}x\n", "- ".repeat(17_500));
    let deep_map = format!("{}x\n", "? ".repeat(3_000));
    let post = "---\ntitle: T\ntags: [a]\nauthors: [x]\n---\n\n![a](/img/none.png)\n";
    // (generator, files, the post, the note expected)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: [Case; 3] = [
        (
            "docusaurus",
            vec![
                ("docusaurus.config.js", "export default {};\n"),
                ("blog/authors.yml", &deep_map),
                ("blog/tags.yml", &deep),
                ("blog/2024-01-01-a.md", post),
            ],
            "blog/2024-01-01-a.md",
            "`blog/authors.yml` cannot be used",
        ),
        (
            "jekyll",
            vec![("_config.yml", &deep_map), ("_posts/2024-01-01-a.md", post)],
            "_posts/2024-01-01-a.md",
            "`_config.yml` cannot be used",
        ),
        (
            "hugo",
            vec![
                ("hugo.yaml", &deep),
                ("config/_default/taxonomies.yaml", &deep),
                ("content/posts/a.md", post),
            ],
            "content/posts/a.md",
            "`hugo.yaml` cannot be used",
        ),
    ];
    for (name, files, path, note) in cases {
        let dir = site(&files);
        let run = run_json(dir.path(), &[]);
        assert_eq!(run.code, Some(1), "{name}: {}", run.stderr);
        assert!(
            findings(&run.json)
                .iter()
                .any(|(rule, p, _)| rule == "missing-image" && p == path),
            "{name}: {:?}",
            findings(&run.json)
        );
        assert!(run.stderr.contains(note), "{name}: {}", run.stderr);
        assert!(run.stderr.contains("nested more than 64 levels"), "{name}");
    }
    // postlint's own config: a config error (exit 2) that says what is wrong.
    let dir = site(&[("postlint.yml", &deep), ("blog/a.md", "# A\n")]);
    let output = postlint(dir.path()).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("postlint.yml"));
}

/// One post of each shape that used to cost quadratic time, at a tenth of the size that took
/// minutes; `benches/hostile.py` measures them at 1×, 10× and 100×.
#[test]
fn the_quadratic_shapes_run_to_completion() {
    let docusaurus = ("docusaurus.config.js", "export default {};\n");
    // 20k front matter keys.
    let keys: String = (0..20_000).map(|i| format!("key_{i:06}: v\n")).collect();
    let dir = site(&[
        docusaurus,
        (
            "blog/2024-01-01-keys.md",
            &format!("---\ntitle: k\n{keys}---\nBody.\n"),
        ),
    ]);
    assert_eq!(run_json(dir.path(), &[]).code, Some(0));

    // 12k unclosed Liquid comments; 6k unclosed Hugo highlights.
    let comments: String = (0..12_000)
        .map(|i| format!("t {i} {{% comment %}}\n"))
        .collect();
    let dir = site(&[
        ("_config.yml", "title: x\n"),
        (
            "_posts/2024-01-01-c.md",
            &format!("---\ntitle: c\n---\n{comments}"),
        ),
    ]);
    assert_eq!(run_json(dir.path(), &[]).code, Some(0));
    let highlights: String = (0..6_000)
        .map(|i| format!("t {i} {{{{< highlight go >}}}}\n"))
        .collect();
    let dir = site(&[
        ("hugo.toml", "title = 'x'\n"),
        (
            "content/posts/h.md",
            &format!("---\ntitle: h\n---\n{highlights}"),
        ),
    ]);
    assert_eq!(run_json(dir.path(), &[]).code, Some(0));

    // 2k headings and 2k near-miss fragments: every one reported, the first ones with a
    // suggestion, the same ones on every run.
    let mut anchors = String::from("---\ntitle: a\n---\n");
    for i in 0..2_000 {
        anchors += &format!("## Section number {i:05}\n\ntext\n\n");
    }
    for i in 0..2_000 {
        anchors += &format!("[l](#section-number-{i:05}x)\n");
    }
    let dir = site(&[docusaurus, ("blog/2024-01-01-a.md", &anchors)]);
    let run = run_json(dir.path(), &[]);
    let helps: Vec<String> = run.json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "dead-anchor")
        .map(|d| d["help"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(helps.len(), 2_000);
    assert_eq!(helps[0], "did you mean `#section-number-00000`?");
    assert!(
        helps.iter().any(|h| !h.starts_with("did you mean")),
        "a budget"
    );
    assert_eq!(
        run_json(dir.path(), &[]).json["diagnostics"],
        run.json["diagnostics"]
    );

    // 16k fixable `<br/>` (what Docusaurus fixes): all fixed in one run, then nothing left.
    let brs: String = (0..16_000)
        .map(|i| format!("line {i}<br/>\nnext\n\n"))
        .collect();
    let dir = site(&[
        docusaurus,
        (
            "blog/2024-01-01-br.md",
            &format!("---\ntitle: b\n---\n{brs}"),
        ),
    ]);
    let post = dir.path().join("blog/2024-01-01-br.md");
    postlint(dir.path()).args(["--fix"]).assert().code(0);
    let fixed = fs::read_to_string(&post).expect("read");
    assert_eq!(fixed.matches("\\\nnext").count(), 16_000);
    assert!(!fixed.contains("<br/>"));
    // The same in one paragraph, whose fixes are planned together.
    let lines: String = (0..16_000).map(|i| format!("line {i}<br/>\n")).collect();
    fs::write(&post, format!("---\ntitle: b\n---\n{lines}")).expect("write");
    postlint(dir.path()).args(["--fix"]).assert().code(0);
    let fixed = fs::read_to_string(&post).expect("read");
    assert_eq!(
        fixed.matches("\\\n").count(),
        15_999,
        "the last one is removed"
    );
}

#[test]
fn ceilings_are_findings_that_say_what_was_exceeded() {
    let docusaurus = ("docusaurus.config.js", "export default {};\n");
    let events = format!("---\ntitle: e\n---\n{}", "a\n\n".repeat(700_000));
    let directives = format!(
        "---\ntitle: d\n---\n{}",
        "<!-- postlint-disable-next-line stray-br -->\nx <br>\n".repeat(1_001)
    );
    let values = format!("---\ntitle: v\nk: [{}]\n---\n", "1,".repeat(1_000_001));
    let dir = site(&[
        docusaurus,
        ("blog/2024-01-01-events.md", &events),
        ("blog/2024-01-02-directives.md", &directives),
        ("blog/2024-01-03-values.md", &values),
        (
            "blog/2024-01-04-fine.md",
            "---\ntitle: f\n---\n[x](#nope)\n",
        ),
    ]);
    write(
        &dir.path().join("blog/2024-01-05-huge.md"),
        &vec![b'a'; 16 * 1024 * 1024 + 1],
    );
    let run = run_json(dir.path(), &[]);
    let found = findings(&run.json);
    let message = |path: &str| -> Vec<&(String, String, String)> {
        found.iter().filter(|(_, p, _)| p.ends_with(path)).collect()
    };
    let events = message("events.md");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].0, "unreadable-file");
    assert!(
        events[0].2.contains("more than 2000000 Markdown elements"),
        "{events:?}"
    );
    let directives = message("directives.md");
    assert_eq!(directives.len(), 1, "{directives:?}");
    assert!(directives[0]
        .2
        .contains("more than 1000 `postlint-disable` comments"));
    let values = message("values.md");
    assert!(
        values
            .iter()
            .any(|(rule, _, m)| rule == "frontmatter-syntax"
                && m.contains("more than 1000000 values")),
        "{values:?}"
    );
    let huge = message("huge.md");
    assert!(
        huge[0].2.contains("over the 16777216 bytes (16 MiB)"),
        "{huge:?}"
    );
    assert_eq!(
        message("fine.md").len(),
        1,
        "the other posts are still checked"
    );

    // Standard input has the same ceiling.
    let output = postlint(dir.path())
        .args(["--stdin-filename", "blog/in.md", "-"])
        .write_stdin(vec![b'a'; 16 * 1024 * 1024 + 1])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("split the post"));
}

#[test]
fn a_post_on_standard_input_that_is_not_utf8_is_a_finding() {
    let dir = site(&[("docusaurus.config.js", "export default {};\n")]);
    let output = postlint(dir.path())
        .args(["--format", "json", "--stdin-filename", "blog/x.md", "-"])
        .write_stdin(b"---\ntitle: caf\xe9\n---\n".to_vec())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).expect("json");
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "unreadable-file");
    assert_eq!(found[0].1, "blog/x.md");
    assert!(found[0]
        .2
        .contains("not valid UTF-8 (invalid byte at offset 14)"));
}

#[test]
fn lone_carriage_returns_end_lines() {
    let text = "---\rtitle: Mac\r---\r\r# Heading\r\rSetext\r======\r\rtext<br/>\rmore\r\r\
                [a](#heading) [b](#setext) [c](#nope)\r";
    let dir = site(&[
        ("docusaurus.config.js", "export default {};\n"),
        ("blog/2024-01-01-mac.md", text),
    ]);
    let run = run_json(dir.path(), &[]);
    let at: Vec<(String, u64, u64)> = run.json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().unwrap_or_default().to_string();
            (
                rule,
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            ("stray-br".to_string(), 10, 5),
            ("dead-anchor".to_string(), 13, 32)
        ],
        "{}",
        run.json
    );
    // The fix keeps the file's own line endings.
    postlint(dir.path()).args(["--fix"]).assert().code(1);
    let fixed = fs::read_to_string(dir.path().join("blog/2024-01-01-mac.md")).expect("read");
    assert_eq!(fixed, text.replace("text<br/>\r", "text\\\r"));
}

#[test]
fn findings_on_one_long_line_print_small_frames() {
    // 10k mid-line `<br>` on one 150 KB line, in every format.
    let line: String = (0..10_000).map(|i| format!("가{i} <br> ")).collect();
    let dir = site(&[
        // CommonMark posts, where `<br>` compiles: one finding per tag.
        (
            "docusaurus.config.js",
            "export default { markdown: { format: 'md' } };\n",
        ),
        (
            "blog/2024-01-01-long.md",
            &format!("---\ntitle: l\n---\n\n{line}\n"),
        ),
    ]);
    for format in ["pretty", "compact", "json", "sarif", "github"] {
        let output = postlint(dir.path())
            .args(["--format", format])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{format}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.matches("stray-br").count() >= 10_000, "{format}");
        if format == "pretty" {
            let longest = stdout.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(
                longest < 700,
                "a code frame shows a window of the line: {longest}"
            );
            assert!(stdout.contains("2024-01-01-long.md:5:"), "line numbers");
        }
    }
    // The last finding's column, counted in code points from the marks of the long line.
    let run = run_json(dir.path(), &[]);
    let last = run.json["diagnostics"]
        .as_array()
        .and_then(|d| d.last())
        .cloned()
        .expect("findings");
    let before = line.rfind("<br>").expect("a tag");
    assert_eq!(last["line"], 5);
    assert_eq!(
        last["column"].as_u64(),
        Some(line[..before].chars().count() as u64 + 1)
    );
}
