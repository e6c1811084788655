//! `--watch`: lint, then lint again whenever a file under the site root changes (the `notify`
//! crate: inotify, FSEvents, ReadDirectoryChangesW), printing what each change did: the
//! findings that appeared (`+`) and those that went away (`-`), how many posts were checked
//! again, then the summary. On a terminal the screen is cleared before each run.
//!
//! This is the event loop and the printing; what a change can affect, and the index and
//! findings kept between changes, are `runner::Session`'s. Editors' temporary and backup files
//! start no run.

use super::check::print;
use super::CheckArgs;
use crate::error::RunError;
use crate::runner::{self, Report, Run, Session};
use crate::settings::CheckOptions;
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Top-level folders of a site whose changes change no finding: version control, build output
/// and caches of the generators and of postlint.
const IGNORED: &[&str] = &[
    ".git",
    ".postlint-cache",
    ".docusaurus",
    ".jekyll-cache",
    ".sass-cache",
    "_site",
    "build",
    "node_modules",
    "public",
    "resources",
    "target",
];

/// How long the files must stay quiet before a run: an editor's save is several events.
const QUIET: Duration = Duration::from_millis(100);

pub(super) fn run(args: &CheckArgs, options: &CheckOptions, cwd: &Path) -> Result<u8, RunError> {
    let (settings, _) = runner::plan(&args.paths, options, cwd)?;
    let root = settings.root.clone();
    let (sender, events) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|e| RunError::Io(format!("`--watch` cannot watch files here: {e}")))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| RunError::Io(format!("`--watch` cannot watch {}: {e}", root.display())))?;

    let (mut session, first) = Session::start(&args.paths, options, cwd)?;
    print(args, options, &first.report, None)?;
    let mut before = Findings::of(&first.report);
    let shown_root = crate::paths::display(&root, cwd);
    let _ = writeln!(
        io::stderr(),
        "watching {} for changes (Ctrl-C to stop)",
        if shown_root.is_empty() {
            "."
        } else {
            &shown_root
        }
    );
    loop {
        let changed = next_change(&events, &root)?;
        let run = match session.update(&changed) {
            Ok(run) => run,
            Err(e) => {
                let _ = writeln!(io::stderr(), "error: {e}");
                continue;
            }
        };
        let Run {
            report,
            touched,
            rechecked,
            posts,
            elapsed,
        } = run;
        let mut out = io::stdout().lock();
        if out.is_terminal() {
            // Clear the screen and move to its top.
            let _ = write!(out, "\x1b[2J\x1b[H");
        }
        let names: Vec<String> = changed
            .iter()
            .map(|p| crate::paths::display(p, cwd))
            .collect();
        let _ = writeln!(out, "changed: {}", names.join(", "));
        let delta = match touched {
            // Only these files' findings can differ: compare those alone.
            Some(paths) => {
                let paths: HashSet<&str> = paths.iter().map(String::as_str).collect();
                let now = Findings::of_files(&report, |p| paths.contains(p));
                let was = before.take_files(|p| paths.contains(p));
                let delta = was.delta(&now);
                before.0.extend(now.0);
                delta
            }
            None => {
                let now = Findings::of(&report);
                let delta = before.delta(&now);
                before = now;
                delta
            }
        };
        if delta.is_empty() {
            let _ = writeln!(out, "no finding changed");
        }
        for line in delta {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(
            out,
            "re-checked {rechecked} of {} in {} ms",
            super::summary::count(posts, "post"),
            elapsed.as_millis()
        );
        let _ = writeln!(
            out,
            "{}",
            super::summary::lines(&report, options.fix).join("\n")
        );
        let _ = out.flush();
    }
}

/// Waits for a change that matters under `root`, then for the files to stay quiet; returns the
/// paths changed (sorted, each once).
fn next_change(
    events: &mpsc::Receiver<notify::Result<Event>>,
    root: &Path,
) -> Result<Vec<PathBuf>, RunError> {
    let mut changed: Vec<PathBuf> = Vec::new();
    while changed.is_empty() {
        let event = events
            .recv()
            .map_err(|_| RunError::Io("`--watch`: the file watcher stopped".to_string()))?;
        changed.extend(relevant(event, root));
    }
    while let Ok(event) = events.recv_timeout(QUIET) {
        changed.extend(relevant(event, root));
    }
    changed.sort();
    changed.dedup();
    Ok(changed)
}

/// The paths of `event` that can change a finding: a file created, changed, renamed or
/// removed, outside the folders in [`IGNORED`]. A watcher error is reported and skipped.
fn relevant(event: notify::Result<Event>, root: &Path) -> Vec<PathBuf> {
    let event = match event {
        Ok(event) => event,
        Err(e) => {
            let _ = writeln!(io::stderr(), "warning: `--watch`: {e}");
            return Vec::new();
        }
    };
    if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
        return Vec::new();
    }
    event
        .paths
        .into_iter()
        .filter(|path| !is_editor_temporary(path))
        .filter(|path| {
            let first = path
                .strip_prefix(root)
                .ok()
                .and_then(|p| p.components().next())
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            first.is_none_or(|first| !IGNORED.contains(&first.as_str()))
        })
        .collect()
}

/// Whether `path` is a file an editor writes beside the one it saves, or while saving: vim's
/// swap files and its `4913` write test, backups (`name~`), emacs' lock and autosave files,
/// JetBrains' safe-write copies, GNOME's `.goutputstream-*`, and `*.tmp`.
fn is_editor_temporary(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".goutputstream-")
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || lower.ends_with(".tmp")
        || (name.starts_with('.') && is_vim_swap_extension(&lower))
}

/// `.swp`, then `.swo`, `.swn`, … down to `.swa` as more sessions open the file, and `.swx`,
/// vim's check that it can write a swap file.
fn is_vim_swap_extension(name: &str) -> bool {
    let Some((_, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let bytes = extension.as_bytes();
    bytes.len() == 3 && bytes[..2] == *b"sw" && matches!(bytes[2], b'a'..=b'p' | b'x')
}

/// The findings of a run as compact lines, grouped by what stays the same when lines move
/// above them (path, rule, message), in order.
struct Findings(BTreeMap<(String, String, String), Vec<String>>);

impl Findings {
    fn of(report: &Report) -> Self {
        Self::of_files(report, |_| true)
    }

    /// The findings of the files of `report` whose path `pick`s.
    fn of_files(report: &Report, pick: impl Fn(&str) -> bool) -> Self {
        let mut map: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
        for file in report.files.iter().filter(|f| pick(&f.path)) {
            for d in &file.diagnostics {
                let at = file.source.line_column(d.span.start);
                let message = d.message.replace('\n', " ");
                let line = format!(
                    "{}:{}:{}: {}[{}] {message}",
                    file.path,
                    at.line,
                    at.column,
                    d.severity.as_str(),
                    d.rule,
                );
                map.entry((file.path.clone(), d.rule.to_string(), message))
                    .or_default()
                    .push(line);
            }
        }
        Self(map)
    }

    /// Takes out the findings of the files whose path `pick`s.
    fn take_files(&mut self, pick: impl Fn(&str) -> bool) -> Self {
        let (taken, kept) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|((path, _, _), _)| pick(path));
        self.0 = kept;
        Self(taken)
    }

    /// `+ line` for each finding of `now` that is new, `- line` for each of `self` gone.
    fn delta(&self, now: &Findings) -> Vec<String> {
        let empty = Vec::new();
        let mut keys: Vec<&(String, String, String)> = self.0.keys().chain(now.0.keys()).collect();
        keys.sort();
        keys.dedup();
        let mut lines = Vec::new();
        for key in keys {
            let old = self.0.get(key).unwrap_or(&empty);
            let new = now.0.get(key).unwrap_or(&empty);
            if new.len() > old.len() {
                lines.extend(new[old.len()..].iter().map(|l| format!("+ {l}")));
            } else {
                lines.extend(old[new.len()..].iter().map(|l| format!("- {l}")));
            }
        }
        lines
    }
}
