//! `postlint --watch` for real: the binary is started on a temporary site, files are edited,
//! renamed and deleted, and what it prints after each change is read with a timeout.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Long enough for a loaded CI machine; a working watcher answers in well under a second.
const WAIT: Duration = Duration::from_secs(30);

struct Watching {
    child: Child,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines_of(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
            .args(["--watch", "--format", "compact"])
            .args(args)
            .current_dir(dir)
            .env_remove("POSTLINT_FORMAT")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("postlint starts");
        let stdout = lines_of(child.stdout.take().unwrap());
        let stderr = lines_of(child.stderr.take().unwrap());
        let watching = Self {
            child,
            stdout,
            stderr,
        };
        watching.wait_for(&watching.stderr, "watching ");
        watching
    }

    /// The lines printed up to and including the first that contains `what`.
    fn wait_for(&self, stream: &Receiver<String>, what: &str) -> Vec<String> {
        self.wait_until(stream, what, |line| line.contains(what))
    }

    /// The lines printed up to and including the first that `is_last`.
    fn wait_until(
        &self,
        stream: &Receiver<String>,
        what: &str,
        is_last: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match stream.recv_timeout(WAIT) {
                Ok(line) => {
                    let found = is_last(&line);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(_) => panic!("no line with {what:?} within {WAIT:?}; saw {seen:#?}"),
            }
        }
    }

    /// What one run printed on standard output: from `changed:` to the summary line.
    fn next_run(&self) -> Vec<String> {
        self.wait_until(&self.stdout, "a summary", |line| {
            line.starts_with(|c: char| c.is_ascii_digit()) && line.contains(" warning")
        })
    }
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("docusaurus.config.js"), "module.exports = {};\n").unwrap();
    std::fs::create_dir_all(root.join("blog")).unwrap();
    std::fs::create_dir_all(root.join("static/img")).unwrap();
    std::fs::write(root.join("static/img/d.png"), "png").unwrap();
    std::fs::write(
        root.join("blog/2024-01-01-a.md"),
        "---\ntitle: A\n---\n\n## Setup\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("blog/2024-01-02-b.md"),
        "---\ntitle: B\n---\n\n[a](./2024-01-01-a.md#setup)\n\n![d](/img/d.png)\n",
    )
    .unwrap();
    dir
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn each_save_prints_what_it_changed() {
    let site = site();
    let root = site.path();
    let watching = Watching::start(root, &[]);

    // A reworded heading breaks the anchor in the other post, which was not saved.
    let a = root.join("blog/2024-01-01-a.md");
    replace(&a, "## Setup", "## Install");
    let run = watching.next_run();
    assert!(run[0].starts_with("changed: ") && run[0].contains("blog/2024-01-01-a.md"));
    assert!(
        run.contains(&"+ blog/2024-01-02-b.md:5:22: error[dead-anchor] anchor `#setup` matches no heading or id in `blog/2024-01-01-a.md`".to_string()),
        "{run:#?}"
    );
    assert_eq!(
        run.last().unwrap().split(" (").next(),
        Some("1 error, 0 warnings in 2 files")
    );

    // Put back: the finding goes away.
    replace(&a, "## Install", "## Setup");
    let run = watching.next_run();
    assert!(
        run.iter()
            .any(|l| l.starts_with("- blog/2024-01-02-b.md:5:22: error[dead-anchor]")),
        "{run:#?}"
    );

    // A deleted image and a new broken post, each reported once; a change that breaks nothing
    // says so.
    std::fs::remove_file(root.join("static/img/d.png")).unwrap();
    let run = watching.next_run();
    assert!(
        run.iter()
            .any(|l| l.starts_with("+ blog/2024-01-02-b.md:7:") && l.contains("missing-image")),
        "{run:#?}"
    );
    replace(&root.join("blog/2024-01-02-b.md"), "[a]", "[the post a]");
    let run = watching.next_run();
    assert!(run.contains(&"no finding changed".to_string()), "{run:#?}");

    // What changes under build output or version control starts no run.
    std::fs::create_dir_all(root.join("build")).unwrap();
    std::fs::write(root.join("build/index.html"), "<p>x</p>").unwrap();
    std::fs::write(root.join("blog/2024-01-03-c.md"), "no front matter\n").unwrap();
    let run = watching.next_run();
    assert!(!run[0].contains("build/"), "{run:#?}");
    assert!(run[0].contains("blog/2024-01-03-c.md"), "{run:#?}");
}

#[test]
fn watch_refuses_what_it_cannot_do() {
    let site = site();
    for args in [
        &["--watch", "--fix"][..],
        &["--watch", "-"],
        &["--watch", "--diff"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
            .args(args)
            .current_dir(site.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}
