//! Hostile files (issue 18): FIFOs where postlint reads, symbolic links (followed, loops cut,
//! fixes written through), fixes that cannot be written, unreadable folders. Every run has a
//! timeout, so a hang fails the test. (An edit landing while a fix is written: `src/fix.rs`.)

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::Duration;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        fs::write(path, text).expect("write");
    }
    dir
}

fn postlint(cwd: &Path) -> Command {
    let mut cmd = postlint_bin::postlint(cwd);
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// `(rule, path, message)` of every diagnostic of a JSON run, its exit code and stderr.
fn run(cmd: &mut Command) -> (Option<i32>, Vec<(String, String, String)>, String) {
    let output = cmd.args(["--format", "json"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}); stderr: {stderr}"));
    let found = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("rule"), s("path"), s("message"))
        })
        .collect();
    (output.status.code(), found, stderr)
}

const DOCUSAURUS: (&str, &str) = ("docusaurus.config.js", "export default {};\n");

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
    let status = unsafe { libc::mkfifo(name.as_ptr(), 0o644) };
    assert_eq!(status, 0, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn fifos_where_postlint_reads_never_block() {
    let dir = site(&[
        (
            "_posts/2024-01-01-a.md",
            "---\ntitle: A\nauthor: x\n---\n\n![a](/none.png)\n",
        ),
        ("_posts/sub/2024-01-03-c.md", "---\ntitle: C\n---\n"),
    ]);
    let root = dir.path();
    for fifo in [
        "_config.yml",
        "_data/authors.yml",
        "_posts/2024-01-02-pipe.md",
        "_posts/sub/.gitignore",
        ".postlint-cache/online.json",
    ] {
        mkfifo(&root.join(fifo));
    }
    let (code, found, stderr) = run(postlint(root).args(["--preset", "jekyll"]));
    assert_eq!(code, Some(1), "{stderr}");
    let has = |rule: &str, path: &str, words: &str| {
        found
            .iter()
            .any(|(r, p, m)| r == rule && p == path && m.contains(words))
    };
    assert!(
        has("missing-image", "_posts/2024-01-01-a.md", "none.png"),
        "{found:?}"
    );
    assert!(
        has(
            "unreadable-file",
            "_posts/2024-01-02-pipe.md",
            "FIFO (named pipe), not a regular file"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "unreadable-file",
            "_posts/sub",
            "was not checked: its `.gitignore` is a FIFO (named pipe), not a regular file"
        ),
        "{found:?}"
    );
    assert!(
        stderr.contains("`_config.yml` cannot be used: it is a FIFO (named pipe)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`_data/authors.yml` cannot be used"),
        "{stderr}"
    );

    // Named on the command line.
    let (code, found, _) =
        run(postlint(root).args(["--preset", "jekyll", "_posts/2024-01-02-pipe.md"]));
    assert_eq!(code, Some(1));
    assert_eq!(found.len(), 1, "{found:?}");
    // As the config file.
    let output = postlint(root)
        .args(["--config", ".postlint-cache/online.json", "_posts"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("FIFO (named pipe), not a regular file"),
        "{stderr}"
    );
    // An ignore file at the root is read before any folder is entered: the run goes on
    // without ignore files, and says so.
    mkfifo(&root.join(".ignore"));
    let (code, _, stderr) = run(postlint(root).args(["--preset", "jekyll"]));
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("/.ignore` is a FIFO (named pipe), not a regular file: no `.gitignore` or `.ignore` file was honoured in this run"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_url_cache_is_no_cache() {
    let server = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = server.local_addr().expect("address").port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut stream in server.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    let dir = site(&[
        (
            "postlint.yml",
            "preset: none\nonline: true\nrules:\n  dead-url: { allow_private: true }\n",
        ),
        ("post.md", &format!("[a](http://127.0.0.1:{port}/a)\n")),
    ]);
    mkfifo(&dir.path().join(".postlint-cache/online.json"));
    let (code, found, stderr) = run(postlint(dir.path()).arg("post.md"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(found.is_empty(), "{found:?}");
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_and_fixes_go_through_them() {
    use std::os::unix::fs::symlink;
    let dir = site(&[
        DOCUSAURUS,
        ("shared/post.md", "---\ntitle: Shared\n---\n\nline<br/>\nnext\n\n![a](/img/linked/a.png) ![b](/img/one.png) ![c](/img/gone.png)\n"),
        ("assets/imgs/a.png", "png"),
        ("assets/one.png", "png"),
        ("blog/2024-01-01-real.md", "---\ntitle: Real\n---\n\n[s](./2024-01-02-link.md)\n"),
    ]);
    let root = dir.path();
    symlink("../shared/post.md", root.join("blog/2024-01-02-link.md")).expect("link");
    fs::create_dir_all(root.join("static/img")).expect("folders");
    symlink("../../assets/imgs", root.join("static/img/linked")).expect("link");
    symlink("../../assets/one.png", root.join("static/img/one.png")).expect("link");
    symlink("nowhere.png", root.join("static/img/gone.png")).expect("link");
    symlink("..", root.join("static/img/loop")).expect("link");

    let (code, found, stderr) = run(&mut postlint(root));
    assert_eq!(code, Some(1), "{stderr}");
    let in_link: Vec<(&str, &str)> = found
        .iter()
        .filter(|(_, p, _)| p == "blog/2024-01-02-link.md")
        .map(|(r, _, m)| (r.as_str(), m.as_str()))
        .collect();
    let rules: Vec<&str> = in_link.iter().map(|(r, _)| *r).collect();
    assert_eq!(rules, ["stray-br", "missing-image"], "{found:?}");
    assert!(in_link[1].1.contains("/img/gone.png"), "{found:?}");
    assert!(!found
        .iter()
        .any(|(r, p, _)| r == "dead-link" && p.ends_with("real.md")));

    postlint(root).args(["--fix"]).assert().code(1);
    let link = root.join("blog/2024-01-02-link.md");
    assert!(fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    let fixed = fs::read_to_string(root.join("shared/post.md")).expect("read");
    assert!(fixed.contains("line\\\nnext"), "{fixed}");
}

/// Runs the binary as an unprivileged user when the tests run as root (root may write
/// anywhere, so permissions alone could not make a write fail). The binary is copied to a
/// folder that user can reach, wherever the build lives.
#[cfg(unix)]
fn unprivileged(cwd: &Path) -> Command {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return postlint(cwd);
    }
    static BIN: std::sync::LazyLock<(tempfile::TempDir, std::path::PathBuf)> =
        std::sync::LazyLock::new(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            chmod(dir.path(), 0o755);
            let bin = dir.path().join("postlint");
            fs::copy(assert_cmd::cargo::cargo_bin("postlint"), &bin).expect("copy");
            chmod(&bin, 0o755);
            (dir, bin)
        });
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&BIN.1)
        .current_dir(cwd)
        .env_remove("POSTLINT_FORMAT")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    cmd
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn fixes_that_cannot_be_written_leave_every_finding_reported() {
    let dir = site(&[
        DOCUSAURUS,
        (
            "blog/2024-01-01-a.md",
            "---\ntitle: A\n---\n\nline<br/>\nnext\n",
        ),
    ]);
    let root = dir.path();
    chmod(root, 0o755);
    chmod(&root.join("blog/2024-01-01-a.md"), 0o644);
    chmod(&root.join("blog"), 0o555);
    let output = unprivileged(root)
        .args(["--fix", "--format", "compact"])
        .output()
        .expect("runs");
    chmod(&root.join("blog"), 0o755);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stdout.contains("warning[stray-br]"), "{stdout}");
    assert!(stderr.contains("cannot write fixes to"), "{stderr}");
    assert!(!stderr.contains("fixed"), "{stderr}");
    assert_eq!(
        fs::read_to_string(root.join("blog/2024-01-01-a.md")).expect("read"),
        "---\ntitle: A\n---\n\nline<br/>\nnext\n"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_folders_are_reported() {
    let dir = site(&[
        DOCUSAURUS,
        ("blog/2024-01-01-a.md", "---\ntitle: A\n---\n"),
        ("blog/private/2024-01-02-b.md", "---\ntitle: B\n---\n"),
    ]);
    let root = dir.path();
    chmod(root, 0o755);
    chmod(&root.join("blog/private"), 0o000);
    let (code, found, stderr) = run(&mut unprivileged(root));
    let named = unprivileged(root)
        .arg("blog/private/2024-01-02-b.md")
        .output()
        .expect("runs");
    chmod(&root.join("blog/private"), 0o755);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "unreadable-file");
    assert_eq!(found[0].1, "blog/private");
    assert!(
        found[0].2.contains("cannot read it: Permission denied"),
        "{found:?}"
    );
    assert_eq!(named.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&named.stderr);
    assert!(
        stderr.contains("cannot read `blog/private/2024-01-02-b.md`"),
        "{stderr}"
    );
}
