//! `--format sarif` from the real binary: valid against the official SARIF 2.1.0 schema
//! (`tests/data/sarif-schema-2.1.0.json`, a copy of the OASIS errata01 file), and every result
//! agreeing with the JSON output on rule, level, path, lines, code-point columns and fixes.

use assert_cmd::Command;
use percent_encoding::percent_decode_str;
use serde_json::Value;
use std::path::{Path, PathBuf};

const DOCUSAURUS: &str = "fixtures/sites/docusaurus-blog";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs postlint in `dir`; returns stdout parsed as JSON and the exit code.
fn run(dir: &Path, args: &[&str]) -> (Value, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(dir)
        .env_remove("POSTLINT_FORMAT")
        .args(args)
        .output()
        .expect("postlint runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{stdout}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (value, output.status.code().expect("exit code"))
}

fn sarif_errors(sarif: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("the SARIF schema is checked in");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid_sarif(sarif: &Value) {
    let errors = sarif_errors(sarif);
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

/// The plain text of a SARIF message: `{{`/`}}` and `\[`/`\]` unescaped.
fn unescape_message(text: &str) -> String {
    text.replace("{{", "{")
        .replace("}}", "}")
        .replace("\\[", "[")
        .replace("\\]", "]")
}

/// Checks each SARIF result against the JSON diagnostic at the same index.
fn assert_matches_json(sarif: &Value, json: &Value) {
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(results.len(), diagnostics.len());
    for (r, d) in results.iter().zip(diagnostics) {
        let context = format!("result {r:#}\ndiagnostic {d:#}");
        assert_eq!(r["ruleId"], d["rule"], "{context}");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], d["rule"], "{context}");
        assert_eq!(r["level"], d["severity"], "{context}");
        let mut message = d["message"].as_str().unwrap().to_string();
        if let Some(help) = d["help"].as_str() {
            message = format!("{message}\nhelp: {help}");
        }
        assert_eq!(
            unescape_message(r["message"]["text"].as_str().unwrap()),
            message,
            "{context}"
        );
        let location = &r["locations"][0]["physicalLocation"];
        let artifact = &location["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{context}");
        let uri = artifact["uri"].as_str().unwrap();
        assert_eq!(
            percent_decode_str(uri).decode_utf8().unwrap(),
            d["path"].as_str().unwrap(),
            "{context}"
        );
        let region = &location["region"];
        assert_eq!(region["startLine"], d["line"], "{context}");
        assert_eq!(region["startColumn"], d["column"], "{context}");
        assert_eq!(region["endLine"], d["end_line"], "{context}");
        assert_eq!(region["endColumn"], d["end_column"], "{context}");
        assert_eq!(region["byteOffset"], d["offset"], "{context}");
        assert_eq!(region["byteLength"], d["length"], "{context}");
        match d["fix"]["edits"].as_array() {
            None => assert!(r.get("fixes").is_none(), "{context}"),
            Some(edits) => {
                let change = &r["fixes"][0]["artifactChanges"][0];
                assert_eq!(&change["artifactLocation"], artifact, "{context}");
                let replacements = change["replacements"].as_array().unwrap();
                assert_eq!(replacements.len(), edits.len(), "{context}");
                for (rep, edit) in replacements.iter().zip(edits) {
                    assert_eq!(rep["deletedRegion"]["byteOffset"], edit["offset"]);
                    assert_eq!(rep["deletedRegion"]["byteLength"], edit["length"]);
                    assert_eq!(rep["insertedContent"]["text"], edit["replacement"]);
                }
            }
        }
    }
}

#[test]
fn docusaurus_fixture_is_valid_sarif_matching_json() {
    let site = repo().join(DOCUSAURUS);
    let (sarif, code) = run(&site, &["--format", "sarif"]);
    let (json, json_code) = run(&site, &["--format", "json"]);
    assert_eq!(code, 1, "the fixture has errors");
    assert_eq!(code, json_code);
    assert_valid_sarif(&sarif);

    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one run");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );

    let rule_ids: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    for expected in ["stray-br", "undefined-reference", "frontmatter-syntax"] {
        assert!(rule_ids.contains(&expected), "{expected} in {rule_ids:?}");
    }
    assert_matches_json(&sarif, &json);
    assert!(
        run["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.get("fixes").is_some()),
        "stray-br's safe fixes are in the SARIF"
    );
}

/// The validator is not vacuous: what the schema forbids is caught.
#[test]
fn schema_catches_broken_sarif() {
    let (sarif, _) = run(&repo().join(DOCUSAURUS), &["--format", "sarif"]);
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    broken["runs"][0]["columnKind"] = "bytes".into();
    assert_eq!(
        sarif_errors(&broken).len(),
        3,
        "{:?}",
        sarif_errors(&broken)
    );
}

#[test]
fn driver_lists_every_rule_with_docs() {
    let (sarif, _) = run(&repo().join(DOCUSAURUS), &["--format", "sarif"]);
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "postlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    let listed = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .arg("rules")
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    let expected: Vec<&str> = listed
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, expected, "every rule, in `postlint rules` order");

    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let help_uri = rule["helpUri"].as_str().unwrap();
        assert!(
            help_uri.ends_with(&format!("/rules/{id}.md")),
            "{id}: {help_uri}"
        );
        let doc = repo().join("rules").join(format!("{id}.md"));
        assert!(doc.is_file(), "helpUri of {id} names a real file");
        assert_ne!(rule["name"], rule["id"], "SARIF: name differs from id");
        assert!(!rule["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty());
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(matches!(
            rule["defaultConfiguration"]["level"].as_str(),
            Some("error" | "warning")
        ));
    }
}

/// A Korean file name with a space, a comma and `%`: the URI is percent-encoded and decodes to
/// the JSON `path`; columns count code points; braces and brackets in messages are escaped.
#[test]
fn unicode_paths_and_columns() {
    let site = tempfile::tempdir().unwrap();
    let dir = site.path();
    // CommonMark posts (`<br>` compiles there): the test is about columns.
    std::fs::write(
        dir.join("docusaurus.config.js"),
        "module.exports = { markdown: { format: 'md' } };\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("blog")).unwrap();
    std::fs::write(
        dir.join("blog/2024-01-01-회고, 50%.md"),
        "---\ntitle: 회고\n---\n\n장소는 송도 스타트업파크에서 진행하였다.<br>\n다음 줄.\n\n\
         See [the guide][50%: a, b] and [x][{{ site.url }}].\n\n[guide]: https://example.com/\n",
    )
    .unwrap();
    let (sarif, code) = run(dir, &["--format", "sarif"]);
    let (json, _) = run(dir, &["--format", "json"]);
    assert_eq!(code, 1);
    assert_valid_sarif(&sarif);
    assert_matches_json(&sarif, &json);

    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let br = &results[0];
    assert_eq!(br["ruleId"], "stray-br");
    let region = &br["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 5);
    assert_eq!(region["startColumn"], 23, "22 Korean characters before it");
    assert_eq!(region["endColumn"], 27);
    assert_eq!(
        br["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "blog/2024-01-01-%ED%9A%8C%EA%B3%A0,%2050%25.md"
    );
    let braces = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("site.url"))
        .expect("the Liquid-looking label is reported");
    assert!(braces["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("reference `\\[{{{{ site.url }}}}\\]`"));
}

#[test]
fn clean_site_has_empty_results() {
    let site = tempfile::tempdir().unwrap();
    let dir = site.path();
    std::fs::write(dir.join("docusaurus.config.js"), "module.exports = {};\n").unwrap();
    std::fs::create_dir(dir.join("blog")).unwrap();
    std::fs::write(
        dir.join("blog/2024-01-01-hello.md"),
        "---\ntitle: Hello\n---\n\nAll good.\n",
    )
    .unwrap();
    let (sarif, code) = run(dir, &["--format", "sarif"]);
    assert_eq!(code, 0);
    assert_valid_sarif(&sarif);
    assert_eq!(
        sarif["runs"][0]["results"],
        Value::Array(vec![]),
        "an empty array, so code scanning closes fixed alerts"
    );
}
