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

/// A site of four posts: `b` links to a heading of `a` and to an image, `d` to an image that
/// is not there, `c` to nothing.
fn four_posts() -> tempfile::TempDir {
    let dir = site();
    let root = dir.path();
    std::fs::write(
        root.join("blog/2024-01-03-c.md"),
        "---\ntitle: C\n---\n\nPlain text.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("blog/2024-01-04-d.md"),
        "---\ntitle: D\n---\n\n![e](/img/e.png)\n",
    )
    .unwrap();
    dir
}

/// The line of `run` that says how much was checked again.
fn rechecked(run: &[String]) -> &str {
    let line = run
        .iter()
        .find(|l| l.starts_with("re-checked "))
        .unwrap_or_else(|| panic!("no re-checked line in {run:#?}"));
    line.split(" in ").next().unwrap()
}

#[test]
fn a_change_checks_again_only_what_it_can_affect() {
    let site = four_posts();
    let root = site.path();
    let watching = Watching::start(root, &[]);

    // Prose: the post alone.
    let c = root.join("blog/2024-01-03-c.md");
    replace(&c, "Plain text.", "Plain text, reworded.");
    let run = watching.next_run();
    // The first lint's finding (`d`'s missing image) comes before.
    let run = &run[run.iter().position(|l| l.starts_with("changed: ")).unwrap()..];
    assert_eq!(run[0], "changed: blog/2024-01-03-c.md");
    assert!(run.contains(&"no finding changed".to_string()), "{run:#?}");
    assert_eq!(rechecked(run), "re-checked 1 of 4 posts");

    // A heading: the post and the one linking to it.
    let a = root.join("blog/2024-01-01-a.md");
    replace(&a, "## Setup", "## Install");
    let run = watching.next_run();
    assert!(
        run.iter()
            .any(|l| l.starts_with("+ blog/2024-01-02-b.md:5:22: error[dead-anchor]")),
        "{run:#?}"
    );
    assert_eq!(rechecked(&run), "re-checked 2 of 4 posts");

    // The missing image added: its finding goes; checked again are the posts with a finding
    // about a link target.
    std::fs::write(root.join("static/img/e.png"), "png").unwrap();
    let run = watching.next_run();
    assert!(
        run.iter()
            .any(|l| l.starts_with("- blog/2024-01-04-d.md:5:") && l.contains("missing-image")),
        "{run:#?}"
    );
    assert_eq!(run.iter().filter(|l| l.starts_with(['+', '-'])).count(), 1);
    assert_eq!(rechecked(&run), "re-checked 2 of 4 posts");

    // A post renamed: the post linking to it has a dead link now.
    std::fs::rename(&a, root.join("blog/2024-01-01-a-renamed.md")).unwrap();
    let run = watching.next_run();
    assert!(
        run.iter()
            .any(|l| l.starts_with("+ blog/2024-01-02-b.md:5:") && l.contains("dead-link")),
        "{run:#?}"
    );
    assert!(
        run.iter()
            .any(|l| l.starts_with("- blog/2024-01-02-b.md:5:22: error[dead-anchor]")),
        "{run:#?}"
    );
    assert_eq!(rechecked(&run), "re-checked 2 of 4 posts");

    // The config: everything.
    std::fs::write(root.join("postlint.yml"), "rules:\n  stray-br: error\n").unwrap();
    let run = watching.next_run();
    assert_eq!(run[0], "changed: postlint.yml");
    assert_eq!(rechecked(&run), "re-checked 4 of 4 posts");

    // What editors write beside a file while saving it starts no run.
    for temporary in [
        "blog/.2024-01-03-c.md.swp",
        "blog/4913",
        "blog/2024-01-03-c.md~",
        "blog/.#2024-01-03-c.md",
        "blog/2024-01-03-c.md___jb_tmp___",
        "blog/x.tmp",
    ] {
        std::fs::write(root.join(temporary), "x").unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    replace(&c, "reworded", "reworded again");
    let run = watching.next_run();
    assert_eq!(run[0], "changed: blog/2024-01-03-c.md");
}

/// The findings a watch holds after edits of every kind are those of a fresh run.
#[test]
fn the_findings_kept_are_those_of_a_fresh_run() {
    let site = four_posts();
    let root = site.path();
    let watching = Watching::start(root, &[]);
    let mut held: Vec<String> = Vec::new();
    let mut first = true;
    let mut apply = |run: Vec<String>| {
        let changed = run.iter().position(|l| l.starts_with("changed: ")).unwrap();
        if first {
            held.extend(run[..changed].iter().cloned());
            first = false;
        }
        for line in &run[changed..] {
            if let Some(added) = line.strip_prefix("+ ") {
                held.push(added.to_string());
            } else if let Some(gone) = line.strip_prefix("- ") {
                let at = held.iter().position(|l| l == gone);
                held.remove(at.unwrap_or_else(|| panic!("{gone} was not held: {held:#?}")));
            }
        }
    };
    let edits: &[fn(&Path)] = &[
        |root| replace(&root.join("blog/2024-01-01-a.md"), "## Setup", "## Start"),
        |root| {
            std::fs::write(
                root.join("blog/2024-01-05-e.md"),
                "---\ntitle: E\nslug: moved\n---\n\n[c](/blog/moved)\n[x](./2024-01-09-x.md)\n",
            )
            .unwrap()
        },
        |root| std::fs::remove_file(root.join("static/img/d.png")).unwrap(),
        |root| {
            replace(
                &root.join("blog/2024-01-03-c.md"),
                "title: C",
                "title: C\nslug: moved",
            )
        },
        |root| {
            replace(
                &root.join("blog/2024-01-01-a.md"),
                "Text.",
                "Text.\n\n## Setup\n",
            )
        },
        |root| {
            std::fs::rename(
                root.join("blog/2024-01-05-e.md"),
                root.join("blog/2024-01-09-x.md"),
            )
            .unwrap()
        },
        |root| std::fs::remove_file(root.join("blog/2024-01-03-c.md")).unwrap(),
        |root| std::fs::write(root.join("postlint.yml"), "rules:\n  dead-link: warning\n").unwrap(),
        |root| std::fs::write(root.join("static/img/d.png"), "png").unwrap(),
    ];
    for edit in edits {
        edit(root);
        apply(watching.next_run());
    }
    let fresh = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["--format", "compact"])
        .current_dir(root)
        .env_remove("POSTLINT_FORMAT")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    // The delta leaves out the "did you mean" that compact adds.
    let mut fresh: Vec<String> = String::from_utf8(fresh.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split("; did you mean").next().unwrap().to_string())
        .collect();
    fresh.sort();
    held.sort();
    assert!(!fresh.is_empty());
    assert_eq!(held, fresh);
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
