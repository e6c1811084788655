//! postlint: a linter for the Markdown posts of static blogs (Docusaurus, Jekyll, Hugo).
//!
//! The library's face is small: [`check`] lints files and folders as the command line does and
//! returns a [`Report`]; [`inspect`] tells what postlint makes of a site (URLs, dates, heading
//! ids, `<br>` contexts) for comparison with the real generators; [`run_cli`] is the whole
//! program; [`config_schema`] is the JSON Schema of `postlint.yml`. `ARCHITECTURE.md` shows how
//! the modules below are layered.

#![warn(unreachable_pub)]

mod cli;
mod config;
mod config_schema;
mod date;
mod diagnostic;
mod document;
mod error;
mod files;
mod fix;
mod init;
mod limits;
mod links;
mod online;
mod paths;
mod preset;
mod report;
mod rule;
mod rules;
mod runner;
mod settings;
mod site;
mod site_config;
mod source;
mod spelling;

pub use diagnostic::{Diagnostic, Severity};
pub use error::RunError as Error;
pub use fix::{Edit, Fix};
pub use preset::PresetName;
pub use runner::{BrFact, FileReport, FixedFile, HeadingFact, PostFacts, Report};
pub use settings::{CheckOptions, FixMode};
pub use source::{Excerpt, Span};

use std::ffi::OsString;
use std::path::PathBuf;

/// Lints `paths` (files, folders, glob patterns; `-` for `options.stdin_text`) the way
/// `postlint check` does, from the current folder, and returns what it found. With
/// [`FixMode::Apply`] safe fixes are written to the files.
pub fn check(paths: &[PathBuf], options: &CheckOptions) -> Result<Report, Error> {
    let cwd = std::env::current_dir()
        .map_err(|e| Error::Io(format!("cannot read the current folder: {e}")))?;
    runner::check_paths(paths, options, &cwd)
}

/// What postlint makes of every post of the site at `root` (an absolute path): whether it takes
/// the file for a rendered post, its URL and date, its heading ids and `<br>` contexts with
/// their lines. `options` may name a preset or config; its root is `root`.
pub fn inspect(root: &std::path::Path, options: &CheckOptions) -> Result<Vec<PostFacts>, Error> {
    runner::inspect(root, options)
}

/// Runs the command line `args` (the program name first) and returns the exit status.
pub fn run_cli<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    cli::run(args)
}

/// The JSON Schema of `postlint.yml`, as `schemas/postlint.schema.json` holds it.
pub fn config_schema() -> String {
    config_schema::to_file_text()
}
