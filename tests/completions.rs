//! `postlint completions SHELL` and `postlint man` from the real binary: every shell gets a
//! script naming the commands and options; the bash script completes for real in bash, and each
//! script parses in its shell when that shell is installed; the man page renders with groff.
//! A missing shell or groff is a note on stderr, or a failure under `POSTLINT_REQUIRE_SHELLS=1`.

use assert_cmd::Command;
use std::io::Write;
use std::path::Path;

/// A check that cannot run here: a note on stderr that shows even when the test passes
/// (libtest swallows `eprintln!`), or a failure when `POSTLINT_REQUIRE_SHELLS=1` (set in CI,
/// which installs bash, zsh, fish and groff).
fn skipped(why: &str) {
    if std::env::var_os("POSTLINT_REQUIRE_SHELLS").is_some_and(|v| v == "1") {
        panic!("{why}, and POSTLINT_REQUIRE_SHELLS=1");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED {why}");
}

const SHELLS: &[&str] = &["bash", "zsh", "fish", "powershell", "elvish"];

fn postlint(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(args)
        .output()
        .expect("postlint runs");
    assert!(output.status.success(), "postlint {args:?} failed");
    assert!(output.stderr.is_empty());
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn installed(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_shell_gets_a_script() {
    for shell in SHELLS {
        let script = postlint(&["completions", shell]);
        for word in [
            "postlint",
            "check",
            "explain",
            "completions",
            "format",
            "max-warnings",
        ] {
            assert!(script.contains(word), "{shell} script lacks `{word}`");
        }
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

/// Each script parses in its own shell (`-n`: read without running), where that shell exists.
/// Not on Windows, where `bash` may be WSL's launcher rather than a shell.
#[cfg(unix)]
#[test]
fn scripts_parse_in_their_shells() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, check) in [
        ("bash", &["bash", "-n"][..]),
        ("zsh", &["zsh", "-n"][..]),
        ("fish", &["fish", "--no-execute"][..]),
    ] {
        if !installed(check[0]) {
            skipped(&format!(
                "the {shell} syntax check: `{}` is not installed",
                check[0]
            ));
            continue;
        }
        let path = dir.path().join(format!("postlint.{shell}"));
        std::fs::write(&path, postlint(&["completions", shell])).unwrap();
        let output = std::process::Command::new(check[0])
            .args(&check[1..])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Sources the bash script and asks it what follows `postlint ARGS…`, as bash does on Tab.
fn bash_complete(script: &Path, words: &[&str]) -> Vec<String> {
    let words_quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\n\
         COMP_WORDS=(postlint {})\n\
         COMP_CWORD={}\n\
         COMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         _postlint postlint \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        words_quoted.join(" "),
        words.len()
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
#[test]
fn bash_completes_commands_and_values() {
    if !installed("bash") {
        skipped("bash_completes_commands_and_values: bash is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("postlint.bash");
    std::fs::write(&script, postlint(&["completions", "bash"])).unwrap();

    assert_eq!(bash_complete(&script, &["expl"]), ["explain"]);
    assert_eq!(
        bash_complete(&script, &["--format", ""]),
        ["pretty", "compact", "json", "sarif", "github"]
    );
    assert_eq!(bash_complete(&script, &["completions", "f"]), ["fish"]);
    let options = bash_complete(&script, &["check", "--"]);
    for option in ["--config", "--fix", "--max-warnings", "--stdin-filename"] {
        assert!(
            options.iter().any(|o| o == option),
            "{option} in {options:?}"
        );
    }
}

#[test]
fn man_page() {
    let page = postlint(&["man"]);
    assert!(page.contains(".TH postlint 1"), "a section-1 page");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"] {
        assert!(page.contains(section), "{section}");
    }
    for option in [
        "format",
        "max\\-warnings",
        "stdin\\-filename",
        "completions",
    ] {
        assert!(page.contains(option), "{option}");
    }
    if !installed("groff") {
        skipped("rendering the man page: groff is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("postlint.1");
    std::fs::write(&path, &page).unwrap();
    let output = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    // Bold and underline are drawn by overstriking: `N\x08N`.
    let rendered = regex::Regex::new(".\x08")
        .unwrap()
        .replace_all(&String::from_utf8_lossy(&output.stdout), "")
        .into_owned();
    assert!(rendered.contains("NAME"), "{rendered}");
    assert!(rendered.contains("--max-warnings"), "{rendered}");
    assert!(
        output.stderr.is_empty(),
        "groff warnings: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
