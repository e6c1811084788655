//! The docs say what the rule registry says: the README's rule table is generated from
//! `postlint rules`, and each `rules/<id>.md` opens with the rule's metadata. A test that finds
//! them out of date fails; the command that accepts snapshots (`INSTA_UPDATE=always cargo
//! test`) rewrites them.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

const TABLE_START: &str = "<!-- rules: generated from `postlint rules` by tests/docs.rs -->";
const TABLE_END: &str = "<!-- end of rules -->";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("INSTA_UPDATE").is_some_and(|v| v == "always")
}

struct RuleLine {
    id: String,
    default: String,
    fixable: bool,
    summary: String,
}

/// The registry as `postlint rules` prints it.
fn rules() -> Vec<RuleLine> {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .arg("rules")
        .output()
        .expect("postlint runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(1)
        .map(|line| {
            let mut fields = line.split_whitespace();
            let id = fields.next().expect("an id").to_string();
            let default = fields.next().expect("a severity").to_string();
            let fixable = fields.next() == Some("yes");
            RuleLine {
                id,
                default,
                fixable,
                summary: fields.collect::<Vec<_>>().join(" "),
            }
        })
        .collect()
}

fn table(rules: &[RuleLine]) -> String {
    let mut out =
        format!("{TABLE_START}\n| id | default | fixable | checks |\n| --- | --- | --- | --- |\n");
    for r in rules {
        out.push_str(&format!(
            "| [`{id}`](rules/{id}.md) | {} |{}| {} |\n",
            r.default,
            if r.fixable { " safe " } else { " " },
            r.summary,
            id = r.id
        ));
    }
    out.push_str(TABLE_END);
    out
}

#[test]
fn readme_rule_table_is_the_registry() {
    let path = repo().join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find(TABLE_START)
        .expect("the README marks its rule table");
    let end = readme[start..].find(TABLE_END).expect("the table ends") + start + TABLE_END.len();
    let fresh = table(&rules());
    if updating() {
        let updated = format!("{}{fresh}{}", &readme[..start], &readme[end..]);
        fs::write(&path, updated).expect("README.md written");
        return;
    }
    assert!(
        readme[start..end] == fresh,
        "README.md's rule table is out of date: run `INSTA_UPDATE=always cargo test --test docs`\n{fresh}"
    );
}

/// `Default severity: **warning** · Fixable: **yes (safe)** · …` under each doc's title.
#[test]
fn rule_docs_open_with_the_metadata() {
    let mut stale = Vec::new();
    for rule in rules() {
        let path = repo().join("rules").join(format!("{}.md", rule.id));
        let doc = fs::read_to_string(&path).unwrap_or_default();
        let expected = format!(
            "Default severity: **{}** · Fixable: **{}**",
            rule.default,
            if rule.fixable { "yes (safe)" } else { "no" }
        );
        let mut lines: Vec<&str> = doc.lines().collect();
        let header = lines.get(2).copied().unwrap_or_default();
        if !doc.starts_with(&format!("# {}\n\n", rule.id)) {
            stale.push(format!(
                "{}: must start with `# {}`",
                path.display(),
                rule.id
            ));
            continue;
        }
        if header.starts_with(&expected) {
            continue;
        }
        if updating() {
            // Keep what follows the two fields (presets, needs).
            let rest = header.splitn(3, " · ").nth(2).map(|r| format!(" · {r}"));
            let line = format!("{expected}{}", rest.unwrap_or_default());
            if header.starts_with("Default severity:") {
                lines[2] = &line;
                let mut text = lines.join("\n");
                text.push('\n');
                fs::write(&path, text).expect("doc written");
                continue;
            }
        }
        stale.push(format!(
            "{}: line 3 must start with `{expected}`",
            path.display()
        ));
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}
