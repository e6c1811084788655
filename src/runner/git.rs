//! What changed in the site since a git commit (`--affected`): files deleted, modified and
//! added, and the text of a file at that commit. git is run as a program, as pre-commit does;
//! no library is linked for it.

use crate::error::RunError;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The commit to compare with: pre-commit's `--from-ref` when it set one (`pre-commit run
/// --from-ref A --to-ref B` in CI), else `HEAD` (what a commit is made on).
pub(super) fn base() -> String {
    std::env::var("PRE_COMMIT_FROM_REF")
        .ok()
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "HEAD".to_string())
}

/// Paths relative to the site root, `/`-separated, changed between `base` and the files on
/// disk.
#[derive(Debug, Default)]
pub(super) struct Changes {
    pub(super) deleted: Vec<String>,
    pub(super) modified: Vec<String>,
    pub(super) added: Vec<String>,
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        // Paths as bytes, never quoted or translated.
        .args(["-c", "core.quotePath=false"])
        .stdin(Stdio::null());
    command
}

/// The changes under `root` since `base`; `None` when `base` names no commit (a repository
/// with no commit yet has nothing to compare with).
pub(super) fn changes(root: &Path, base: &str) -> Result<Option<Changes>, RunError> {
    let inside = git(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .map_err(|e| {
            RunError::Usage(format!(
                "`--affected` compares the posts with git, which cannot run: {e}"
            ))
        })?;
    if !inside.status.success() {
        return Err(RunError::Usage(format!(
            "`--affected` compares the posts with git, but `{}` is not in a git repository",
            root.display()
        )));
    }
    let verified = git(root)
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("{base}^{{commit}}"))
        .output()
        .map_err(|e| RunError::Io(format!("git rev-parse: {e}")))?;
    if !verified.status.success() {
        if base == "HEAD" {
            return Ok(None);
        }
        return Err(RunError::Usage(format!(
            "`--affected`: `{base}` names no commit in this repository"
        )));
    }
    // Renames as a delete and an add: the old path is what other posts may still point at.
    let diff = git(root)
        .args([
            "diff",
            "--name-status",
            "--no-renames",
            "--relative",
            "-z",
            base,
            "--",
        ])
        .output()
        .map_err(|e| RunError::Io(format!("git diff: {e}")))?;
    if !diff.status.success() {
        return Err(RunError::Io(format!(
            "git diff {base} failed: {}",
            String::from_utf8_lossy(&diff.stderr).trim()
        )));
    }
    let mut changes = Changes::default();
    let mut fields = diff.stdout.split(|b| *b == 0);
    while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
        let Ok(path) = std::str::from_utf8(path) else {
            continue;
        };
        let list = match status.first() {
            Some(b'D') => &mut changes.deleted,
            Some(b'A') => &mut changes.added,
            Some(b'M' | b'T') => &mut changes.modified,
            _ => continue,
        };
        list.push(path.to_string());
    }
    Ok(Some(changes))
}

/// The text of each of `paths` (relative to `root`) at `base`, in order; `None` for a file
/// that was not there or is not UTF-8. One `git cat-file --batch` for all of them.
pub(super) fn texts_at(
    root: &Path,
    base: &str,
    paths: &[String],
) -> Result<Vec<Option<String>>, RunError> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| RunError::Io(format!("git cat-file: {e}")))?;
    let mut request = String::new();
    for path in paths {
        // `./` makes the path relative to the folder git runs in: the root.
        request.push_str(&format!("{base}:./{path}\n"));
    }
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| RunError::Io("git cat-file: no input".into()))?;
    // Written from a thread: git answers while it reads, and both pipes are bounded.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut output = Vec::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout
            .read_to_end(&mut output)
            .map_err(|e| RunError::Io(format!("git cat-file: {e}")))?;
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(parse_batch(&output, paths.len()))
}

/// `<sha> blob <size>\n<content>\n` per object, or `<name> missing\n`.
fn parse_batch(mut output: &[u8], count: usize) -> Vec<Option<String>> {
    let mut texts = Vec::with_capacity(count);
    while texts.len() < count {
        let Some(end) = output.iter().position(|b| *b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&output[..end]).into_owned();
        output = &output[end + 1..];
        let mut parts = header.split(' ');
        let size = match (parts.next(), parts.next(), parts.next()) {
            (Some(_), Some(_), Some(size)) => size.parse::<usize>().ok(),
            _ => None,
        };
        match size {
            Some(size) if size <= output.len() => {
                let blob = &output[..size];
                let kind_is_blob = header.split(' ').nth(1) == Some("blob");
                texts.push(
                    kind_is_blob
                        .then(|| String::from_utf8(blob.to_vec()).ok())
                        .flatten(),
                );
                output = output.get(size + 1..).unwrap_or_default();
            }
            _ => texts.push(None),
        }
    }
    texts.resize(count, None);
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output() {
        let out = b"abc blob 5\nhello\nHEAD:./gone.md missing\ndef blob 2\n\xff\xfe\n";
        assert_eq!(
            parse_batch(out, 3),
            vec![Some("hello".to_string()), None, None]
        );
    }
}
