//! The binary as the CLI tests run it: in a folder, without colour, and without the settings a
//! developer's shell or pre-commit may export (`POSTLINT_FORMAT`, `PRE_COMMIT_FROM_REF`).
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;

pub fn postlint(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("postlint").expect("binary builds");
    cmd.current_dir(cwd)
        .env_remove("POSTLINT_FORMAT")
        .env_remove("PRE_COMMIT_FROM_REF")
        .env("NO_COLOR", "1");
    cmd
}
