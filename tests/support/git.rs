//! git with an identity and defaults of its own: CI machines set no global identity, and a
//! developer's signing or default-branch settings must not change a test.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// `git` in `dir`, ready for its arguments.
pub fn git_in(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.args([
        "-c",
        "user.name=postlint test",
        "-c",
        "user.email=test@postlint.invalid",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "tag.gpgsign=false",
        "-c",
        "init.defaultBranch=main",
    ])
    .current_dir(dir);
    cmd
}
