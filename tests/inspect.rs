//! `postlint::inspect`: what postlint makes of each post of a site, the facts the oracle test
//! holds against the real generators' builds.

use postlint::{BrFact, CheckOptions, HeadingFact};
use std::fs;

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    dir
}

#[test]
fn jekyll_posts_urls_dates_ids_and_br_contexts() {
    let dir = site(&[
        ("_config.yml", "title: t\n"),
        (
            "_posts/2024-01-05-hello.md",
            "---\ntitle: Hello\n---\n\n## 설치 방법\n\n줄 <br>\n다음\n\n| a<br>b |\n|---|\n| c |\n\n<div>\n<br>\n</div>\n\n## 설치 방법\n",
        ),
        ("_drafts/idea.md", "---\ntitle: Idea\n---\n\n# Idea {#mine}\n"),
    ]);
    let facts = postlint::inspect(dir.path(), &CheckOptions::default()).expect("inspects");
    let paths: Vec<&str> = facts.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["_drafts/idea.md", "_posts/2024-01-05-hello.md"]);
    let (draft, post) = (&facts[0], &facts[1]);
    assert!(!draft.rendered, "a draft is not published");
    assert_eq!(
        draft.heading_ids,
        [HeadingFact {
            line: 5,
            id: "mine".into()
        }]
    );
    assert!(post.rendered);
    assert_eq!(post.url.as_deref(), Some("/2024/01/05/hello.html"));
    assert_eq!(post.date.as_deref(), Some("2024-01-05"));
    let ids: Vec<(usize, &str)> = post
        .heading_ids
        .iter()
        .map(|h| (h.line, h.id.as_str()))
        .collect();
    assert_eq!(ids, [(5, "설치-방법"), (18, "설치-방법-1")]);
    let brs: Vec<(usize, &str)> = post.brs.iter().map(|b| (b.line, b.context)).collect();
    assert_eq!(brs, [(7, "prose"), (10, "table"), (15, "html")]);
}

#[test]
fn docusaurus_flow_elements_and_markdown_format() {
    let post = "---\ntitle: T\n---\n\n<br />\n\ntext\n";
    let mdx = site(&[
        ("docusaurus.config.js", "module.exports = {};\n"),
        ("blog/2024-01-01-a.md", post),
    ]);
    let facts = postlint::inspect(mdx.path(), &CheckOptions::default()).expect("inspects");
    assert_eq!(
        facts[0].brs,
        [BrFact {
            line: 5,
            context: "flow"
        }]
    );
    assert_eq!(facts[0].url.as_deref(), Some("/blog/2024/01/01/a"));
    let md = site(&[
        (
            "docusaurus.config.js",
            "module.exports = { markdown: { format: 'detect' } };\n",
        ),
        ("blog/2024-01-01-a.md", post),
    ]);
    let facts = postlint::inspect(md.path(), &CheckOptions::default()).expect("inspects");
    assert_eq!(facts[0].brs[0].context, "html");
}
