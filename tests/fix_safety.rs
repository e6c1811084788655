//! `--fix` never changes the rendered page: posts made of paragraphs with `<br>` tags in every
//! position (line ends, paragraph ends, lone `<br>` lines, `<br><br>`, trailing spaces and
//! backslashes, lists, quotes, headings, tables) are fixed by the real binary, and the page
//! pulldown-cmark renders from the result equals the page it renders from the original, after
//! the normalisation of `scripts/oracle/same_render.py` (what a browser does not show).

use assert_cmd::Command;
use proptest::prelude::*;
use regex::Regex;
use std::fs;
use std::sync::LazyLock;

const WORDS: &[&str] = &[
    "설치",
    "배포",
    "데이터",
    "후기",
    "the",
    "talk",
    "notes",
    "設定",
    "🚀",
];
const BRS: &[&str] = &["<br>", "<br/>", "<br />", "</br>", "<BR>"];

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..4).prop_map(|w| w.join(" "))
}

fn br() -> impl Strategy<Value = String> {
    prop::sample::select(BRS).prop_map(str::to_string)
}

/// What ends a line of prose.
fn ending() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        br(),
        br().prop_map(|b| format!(" {b}")),
        br().prop_map(|b| format!("{b}  ")),
        br().prop_map(|b| format!("{b}\t")),
        (br(), br()).prop_map(|(a, b)| format!("{a}{b}")),
        (br(), br()).prop_map(|(a, b)| format!("{a} {b}")),
        Just("\\".to_string()),
        Just("  ".to_string()),
        Just(" *강조*".to_string()),
        br().prop_map(|b| format!("\\{b}")),
        br().prop_map(|b| format!("\\ {b}")),
        br().prop_map(|b| format!(" `code`{b}")),
        br().prop_map(|b| format!(" **굵게 {b}**")),
    ]
}

/// A line of a paragraph: prose with an ending, a prose line broken in the middle, or a line
/// holding only tags.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (words(), ending()).prop_map(|(w, e)| format!("{w}{e}")),
        1 => (words(), br(), words(), ending()).prop_map(|(a, b, c, e)| format!("{a}{b}{c}{e}")),
        2 => br(),
        1 => (br(), br()).prop_map(|(a, b)| format!("{a}{b}")),
        1 => br().prop_map(|b| format!("  {b}")),
    ]
}

fn lines(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(line(), 1..max)
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => lines(5).prop_map(|l| l.join("\n")),
        1 => (prop::collection::vec(lines(3), 1..3), any::<bool>()).prop_map(|(items, loose)| {
            let items: Vec<String> = items
                .iter()
                .map(|l| format!("- {}", l.join("\n  ")))
                .collect();
            items.join(if loose { "\n\n" } else { "\n" })
        }),
        1 => lines(4).prop_map(|l| l.iter().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n")),
        1 => (words(), lines(3)).prop_map(|(w, l)| format!("## {w}\n{}", l.join("\n"))),
        1 => (words(), br(), words()).prop_map(|(a, b, c)| format!("| a | b |\n| --- | --- |\n| {a}{b}{c} | x |")),
    ]
}

fn post() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 1..6)
        .prop_map(|blocks| format!("---\ntitle: t\n---\n\n{}\n", blocks.join("\n\n")))
}

fn render(post: &str) -> String {
    let body = post.split_once("\n---\n").map_or(post, |(_, body)| body);
    let mut html = String::new();
    let options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, options));
    html
}

static BR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<\s*/?\s*br\b[^<>]*?/?\s*>").unwrap());
static BLANKS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").unwrap());
const BLOCK: &str = "(?:p|li|ul|ol|h[1-6]|blockquote|div|table|thead|tbody|tr|td|th|pre|hr)";
static AROUND_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\s*(</?{BLOCK}\b[^<>]*>)\s*")).unwrap());
/// A `<br>` right before a block starts or ends (regex has no look-ahead: the tag is kept).
static FINAL_BR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)<br>(</?{BLOCK}\b)")).unwrap());

/// What a browser shows, as `scripts/oracle/same_render.py` compares it (no `<pre>` here:
/// the generated posts have no code blocks).
fn normalise(html: &str) -> String {
    let html = BR.replace_all(html, "<br>");
    let html = BLANKS.replace_all(&html, " ");
    let html = AROUND_BLOCK.replace_all(&html, "$1");
    let html = FINAL_BR.replace_all(&html, "$1");
    AROUND_BLOCK.replace_all(&html, "\n$1").trim().to_string()
}

fn fix(post: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("post.md");
    fs::write(&path, post).expect("post written");
    Command::cargo_bin("postlint")
        .expect("binary builds")
        .current_dir(dir.path())
        .env_remove("POSTLINT_FORMAT")
        .args([
            "--fix", "--quiet", "--preset", "none", "--format", "compact", "post.md",
        ])
        .output()
        .expect("postlint runs");
    fs::read_to_string(&path).expect("post read back")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn fixed_posts_render_the_same(post in post()) {
        let fixed = fix(&post);
        prop_assert_eq!(normalise(&render(&post)), normalise(&render(&fixed)), "fixed post:\n{}", fixed);
    }
}

#[test]
fn the_normalisation_forgives_only_what_does_not_show() {
    let same = |a: &str, b: &str| normalise(&render(a)) == normalise(&render(b));
    assert!(same("a<br>\nb\n", "a\\\nb\n"));
    assert!(same("a <br>\n", "a\n"));
    assert!(!same("a<br><br>\n", "a<br>\n"));
    assert!(!same("a<br>\n<br>\n", "a\\\n"));
    assert!(!same("a<br>\nb\n", "a\nb\n"));
}

#[test]
fn a_generated_post_gets_fixes() {
    // The property above would hold for a binary that fixes nothing: make sure it does fix.
    let post = "---\ntitle: t\n---\n\n첫 줄<br>\n둘째 줄<br>\n";
    assert_eq!(fix(post), "---\ntitle: t\n---\n\n첫 줄\\\n둘째 줄\n");
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    fs::create_dir_all(to).expect("folder created");
    for entry in fs::read_dir(from).expect("fixture folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("file copied");
        }
    }
}

fn markdown_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "mdx") {
            out.push(path);
        }
    }
}

#[test]
fn fixture_sites_render_the_same_after_fix() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut sites: Vec<std::path::PathBuf> = ["sites", "rules"]
        .iter()
        .flat_map(|group| {
            fs::read_dir(fixtures.join(group))
                .expect("fixtures")
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    sites.sort();
    let mut fixed_files = 0;
    for site in sites {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&site, dir.path());
        let mut files = Vec::new();
        markdown_files(dir.path(), &mut files);
        let before: Vec<String> = files
            .iter()
            .map(|f| fs::read_to_string(f).unwrap_or_default())
            .collect();
        Command::cargo_bin("postlint")
            .expect("binary builds")
            .current_dir(dir.path())
            .env_remove("POSTLINT_FORMAT")
            .args(["--fix", "--quiet", "--format", "compact", "."])
            .output()
            .expect("postlint runs");
        for (file, before) in files.iter().zip(before) {
            let after = fs::read_to_string(file).unwrap_or_default();
            if after != before {
                fixed_files += 1;
                assert_eq!(
                    normalise(&render(&before)),
                    normalise(&render(&after)),
                    "{} in {}",
                    file.display(),
                    site.display()
                );
            }
        }
    }
    assert!(
        fixed_files >= 5,
        "only {fixed_files} fixture files were fixed"
    );
}
