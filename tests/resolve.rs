//! Reference resolution on throwaway sites: base URLs, static folders, route bases, permalink
//! styles, heading-id flavours, Unicode normal forms, one file named alone, the root boundary.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

/// Writes `files` (path, content) under a new temporary folder.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    dir
}

/// `(rule, path, message, help)` of every diagnostic of the reference rules.
fn findings(cwd: &Path, args: &[&str]) -> Vec<(String, String, String, String)> {
    let output = Command::cargo_bin("postlint")
        .expect("binary builds")
        .current_dir(cwd)
        .env_remove("POSTLINT_FORMAT")
        .args([
            "--format",
            "json",
            "--select",
            "missing-image,dead-link,dead-anchor,outside-root,duplicate-slug",
        ])
        .args(args)
        .output()
        .expect("postlint runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("rule"), s("path"), s("message"), s("help"))
        })
        .collect()
}

fn summary(found: &[(String, String, String, String)]) -> Vec<String> {
    found
        .iter()
        .map(|(rule, _, message, help)| format!("{rule}: {message} | {help}"))
        .collect()
}

#[test]
fn docusaurus_base_url_static_directories_and_route_base() {
    let dir = site(&[
        (
            "docusaurus.config.js",
            "module.exports = {\n  baseUrl: '/repo/',\n  staticDirectories: ['static', 'public'],\n  \
             presets: [['classic', { docs: { routeBasePath: '/' }, blog: { routeBasePath: 'news' } }]],\n};\n",
        ),
        ("static/img/y.png", "png"),
        ("public/img/x.png", "png"),
        ("blog/2024-01-01-a.md", "---\nslug: a\n---\n\n## Intro\n"),
        (
            "blog/2024-01-02-b.md",
            "[a](/repo/news/a) [a](/news/a#intro) [self](/repo/news/2024/01/02/b)\n\
             ![x](/repo/img/x.png) ![y](/img/y.png) ![y](../static/img/y.png)\n\
             [docs](/intro) [tags](/repo/news/tags/x) [other blog](/blog/a)\n\n\
             [typo](/repo/news/aa) [anchor](/news/a#nope) ![none](/repo/img/none.png)\n",
        ),
    ]);
    let found = summary(&findings(dir.path(), &[]));
    assert_eq!(
        found,
        [
            "dead-link: link `/repo/news/aa` leads to no post | did you mean `/repo/news/a`?",
            "dead-anchor: anchor `#nope` matches no heading or id in `blog/2024-01-01-a.md` | \
             link to a heading's id, or give the heading an explicit `{#id}`",
            "missing-image: image `/repo/img/none.png` does not exist | looked for \
             `static/img/none.png` and `public/img/none.png`",
        ]
    );
}

#[test]
fn docusaurus_docs_routes_under_a_base_url_and_the_v4_id_help() {
    let dir = site(&[
        (
            "docusaurus.config.js",
            "export default {\n  baseUrl: '/repo/',\n  future: { v4: true },\n  \
             presets: [['classic', { docs: { path: 'guide', routeBasePath: 'manual' } }]],\n};\n",
        ),
        ("guide/01-start.md", "# Start\n\n## Install\n"),
        (
            "guide/10-ops/index.mdx",
            "---\nslug: /operations\n---\n\n## Backups\n",
        ),
        (
            "src/pages/team.tsx",
            "export default function Team() { return null; }\n",
        ),
        ("blog/2024-01-01-a.md", "## Intro\n"),
        (
            "blog/2024-01-02-b.md",
            "[start](/repo/manual/start#install) [ops](/manual/operations#backups)\n\
             [team](/repo/team) [post](/repo/blog/2024/01/01/a#intro) [home](/repo/)\n\n\
             [gone](/repo/manual/start#uninstall) [typo](/repo/manual/strt)\n\
             [nothing](/repo/pricing) [post anchor](/blog/2024/01/01/a#outro)\n",
        ),
    ]);
    let found = summary(&findings(dir.path(), &[]));
    assert_eq!(
        found,
        [
            "dead-anchor: anchor `#uninstall` matches no heading or id in `guide/01-start.md` | \
             did you mean `#install`?",
            "dead-link: link `/repo/manual/strt` leads to no page of the site | \
             did you mean `/repo/manual/start`?",
            "dead-link: link `/repo/pricing` leads to no page of the site | no docs page, blog \
             post or page of `src/pages/` is published at that URL",
            "dead-anchor: anchor `#outro` matches no heading or id in `blog/2024-01-01-a.md` | \
             link to a heading's id, or give the heading an explicit id: \
             `## Title {/* #id */}`",
        ]
    );
}

#[test]
fn jekyll_base_url_date_permalinks_and_plain_kramdown_ids() {
    let dir = site(&[
        ("_config.yml", "baseurl: /blog\nkramdown:\n  input: kramdown\n"),
        ("assets/a.png", "png"),
        (
            "_posts/2022-11-20-first.md",
            "---\ncategories: [Dev]\n---\n\n## 설치 방법\n\n## Install it\n",
        ),
        (
            "_posts/2022-11-21-second.md",
            "---\ntitle: second\n---\n\n\
             [a]({{ site.baseurl }}/dev/2022/11/20/first.html#install-it)\n\
             [b](/blog/dev/2022/11/20/first.html#section) [c]({% post_url 2022-11-20-first %}#section)\n\
             [d]({{ site.baseurl }}{% post_url 2022-11-20-first %}) [page](/about/) [feed](/feed.xml)\n\
             ![a]({{ site.baseurl }}/assets/a.png) ![b]({{ '/assets/a.png' | relative_url }})\n\
             ![c][ref]\n\n\
             [e](/blog/dev/2022/11/20/first#설치-방법) [f](/dev/2022/11/21/first.html) [g](/2022/11/20/first.html)\n\
             [h](/dev/2022/11/20/first.html) ![i](/assets/a.png) [j](/elsewhere/) ![k](/img/none.png)\n\n\
             [ref]: {{ site.baseurl }}/assets/a.png\n",
        ),
    ]);
    let found = summary(&findings(dir.path(), &[]));
    assert_eq!(
        found,
        [
            "dead-link: `{{ site.baseurl }}` before `{% post_url 2022-11-20-first %}` gives `/blog` \
             twice: the tag prints the `baseurl` itself (Jekyll 4) | remove `{{ site.baseurl }}` \
             before the tag",
            "dead-anchor: anchor `#설치-방법` matches no heading or id in `_posts/2022-11-20-first.md` | \
             link to a heading's id, or give the heading an explicit `{#id}`",
            "dead-link: link `/dev/2022/11/21/first.html` (`/blog/dev/2022/11/21/first.html`) \
             leads to no post | did you mean `/blog/dev/2022/11/20/first.html`?",
            "dead-link: link `/2022/11/20/first.html` (`/blog/2022/11/20/first.html`) leads to \
             no post | did you mean `/blog/dev/2022/11/20/first.html`?",
            "dead-link: link `/dev/2022/11/20/first.html` is outside the site's `baseurl`: nothing \
             of this site is served there | link to `/blog/dev/2022/11/20/first.html`, or write \
             `{{ \"/dev/2022/11/20/first.html\" | relative_url }}`",
            "missing-image: image `/assets/a.png` is outside the site's `baseurl`: the image is \
             served at `/blog/assets/a.png` | write `/blog/assets/a.png`, or \
             `{{ \"/assets/a.png\" | relative_url }}`",
        ]
    );
}

#[test]
fn hugo_blackfriday_ids_bundles_and_refs() {
    let dir = site(&[
        (
            "hugo.toml",
            "baseURL = 'https://example.org/'\n[markup.goldmark.parser]\nautoHeadingIDType = 'blackfriday'\n",
        ),
        ("content/posts/trip/index.md", "---\ntitle: trip\n---\n\n## What's new?\n"),
        ("content/posts/trip/map.png", "png"),
        (
            "content/posts/other.md",
            "---\ntitle: other\n---\n\n\
             [a](/posts/trip/#what-s-new) ![m](/posts/trip/map.png) [r]({{< ref \"trip\" >}})\n\
             [r2]({{< relref \"../posts/trip/index.md\" >}}#what-s-new) [list](/posts/)\n\
             [tag](/tags/x/) [rss](/posts/index.xml)\n\n\
             [b](/posts/trip/#whats-new) [c]({{< ref \"nope\" >}})\n",
        ),
    ]);
    let found = summary(&findings(dir.path(), &[]));
    assert_eq!(
        found,
        [
            "dead-anchor: anchor `#whats-new` matches no heading or id in \
             `content/posts/trip/index.md` | did you mean `#what-s-new`?",
            "dead-link: `{{< ref \"nope\" >}}` matches no page | give the page's path under \
             `content/`, or relative to this page",
        ]
    );
}

#[test]
fn decomposed_names_and_headings_match_composed_links() {
    let nfd_name = "static/img/\u{1112}\u{1161}\u{11AB}.png"; // 한.png, decomposed
    let dir = site(&[
        ("docusaurus.config.js", "module.exports = {};\n"),
        (nfd_name, "png"),
        (
            "blog/2024-01-01-a.md",
            "## \u{1112}\u{1161}\u{11AB}\n\n![한](/img/한.png) [한](#한) [인코딩](#%ED%95%9C)\n",
        ),
    ]);
    assert_eq!(summary(&findings(dir.path(), &[])), Vec::<String>::new());
}

#[test]
fn a_file_named_alone_is_checked_against_the_whole_site() {
    let dir = site(&[
        ("docusaurus.config.js", "module.exports = {};\n"),
        ("blog/2024-01-01-a.md", "---\nslug: same\n---\n\n## 배경\n"),
        (
            "blog/2024-01-02-b.md",
            "---\nslug: same\n---\n\n[a](./2024-01-01-a.md#배경) [b](/blog/same#결론)\n",
        ),
    ]);
    let whole = findings(dir.path(), &[]);
    let alone = findings(dir.path(), &["blog/2024-01-02-b.md"]);
    assert_eq!(whole, alone);
    assert_eq!(
        alone.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["duplicate-slug", "dead-anchor"]
    );
}

#[test]
fn nothing_outside_the_root_is_read() {
    let outer = site(&[
        ("secret.png", "png"),
        ("site/docusaurus.config.js", "module.exports = {};\n"),
        (
            "site/blog/2024-01-01-a.md",
            "![s](../../secret.png) [s](../../secret.png) ![ok](../static/ok.png)\n",
        ),
        ("site/static/ok.png", "png"),
    ]);
    let found = findings(&outer.path().join("site"), &[]);
    assert_eq!(
        found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["outside-root", "outside-root"]
    );
}

#[test]
fn a_site_without_posts_has_no_post_urls_to_miss() {
    let dir = site(&[
        (
            "docusaurus.config.js",
            "module.exports = { presets: [['classic', { blog: false }]] };\n",
        ),
        (
            "docs/intro.md",
            "[old blog](/blog/some-post) [file](./nope.md)\n",
        ),
    ]);
    let found = summary(&findings(dir.path(), &["docs/intro.md"]));
    assert_eq!(
        found,
        ["dead-link: link target `./nope.md` does not exist | \
          looked for `docs/nope.md`"]
    );
}

#[test]
fn jekyll_nested_posts_post_url_names_and_parenthesised_targets() {
    let dir = site(&[
        ("_config.yml", "permalink: pretty\ntimezone: Asia/Seoul\n"),
        (
            "algo/boj/_posts/2023-01-17-boj-1000.md",
            "---\ncategories: [easy]\n---\n\n## 풀이\n",
        ),
        (
            "_posts/2024-03-05-late.md",
            "---\ndate: 2024-03-05 23:30:00 +0000\n---\n\ntext\n",
        ),
        ("_posts/notes.md", "---\ntitle: notes\n---\n\n[x](/2020/01/01/x/)\n"),
        (
            "_posts/2024-04-01-links.md",
            "---\ntitle: links\n---\n\n\
             [a]({% post_url algo/boj/2023-01-17-boj-1000 %}#풀이) [b]({% post_url 2023-01-17-boj-1000 %})\n\
             [c]({{ site.baseurl }}{% post_url 2023-01-17-boj-1000 %}) [d](/algo/boj/easy/2023/01/17/boj-1000/)\n\
             [e](/2024/03/06/late/) [f](/2024/03/05/late/) [g](../../../../algo/boj/easy/2023/01/17/boj-1000/)\n\
             [h]((https://jekyllrb.com/docs/)) [i]((see below)) [j](https://jekyllrb.com/)\n",
        ),
    ]);
    // `notes.md` has no date: Jekyll never renders it, so its dead link is not reported.
    let found = summary(&findings(dir.path(), &[]));
    assert_eq!(
        found,
        [
            "dead-link: link `/2024/03/05/late/` leads to no post | did you mean `/2024/03/06/late/`?",
            "dead-link: link `(https://jekyllrb.com/docs/)` is wrapped in an extra pair of \
             parentheses: they stay part of the link, which then leads to a relative path no page \
             has | remove the extra parentheses",
        ]
    );
}
