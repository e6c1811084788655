//! The command line: `check` (the default), `rules`, `explain`, `init`, `completions`, `man`.

use crate::preset::PresetName;
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "postlint",
    version,
    about = "Lint the Markdown posts of a static blog (Docusaurus, Jekyll, Hugo)",
    long_about = "Lint the Markdown posts of a static blog (Docusaurus, Jekyll, Hugo): front matter, \
                  images, links, heading anchors and stray <br> tags, each reported at its exact span.\n\n\
                  With no command, `postlint [PATHS]...` is `postlint check [PATHS]...`.",
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 no errors, 1 errors found (or too many warnings), 2 the run failed."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files or folders (the default command)
    Check(CheckArgs),
    /// List every rule: id, default severity, fixable, summary
    Rules,
    /// Print a rule's documentation
    Explain {
        /// Rule id, e.g. `stray-br`
        rule: String,
    },
    /// Write a starter postlint.yml for the detected or named generator
    Init {
        #[arg(long, value_enum, default_value_t = PresetName::Auto)]
        preset: PresetName,
        /// Overwrite an existing postlint.yml
        #[arg(long)]
        force: bool,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Default, Args)]
pub struct CheckArgs {
    /// Files, folders or quoted glob patterns; `-` reads a post from standard input
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Config file [default: nearest postlint.yml or .postlint.yml walking up to the repository root]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Site generator; `auto` detects it from the site's config files
    #[arg(long, value_enum, value_name = "PRESET")]
    pub preset: Option<PresetName>,

    /// Site root, where site-absolute paths like `/img/a.png` resolve
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Output format
    #[arg(long, value_enum, env = "POSTLINT_FORMAT", default_value_t = Format::Pretty)]
    pub format: Format,

    /// Also check external http(s) URLs
    #[arg(long)]
    pub online: bool,

    /// Apply safe fixes in place
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print safe fixes as a unified diff; write nothing
    #[arg(long)]
    pub diff: bool,

    /// Comma-separated rule ids to run (all others are off)
    #[arg(long, value_name = "RULES")]
    pub select: Option<String>,

    /// Comma-separated rule ids to skip
    #[arg(long, value_name = "RULES")]
    pub ignore: Option<String>,

    /// Exit 1 when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// With `-` as the path: the path to report the standard input under
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Worker threads, at most 1024 [default: all cores]
    #[arg(long, value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<u16>,

    /// Do not read or write the external-URL cache
    #[arg(long)]
    pub no_cache: bool,

    /// Print diagnostics only, no summary
    #[arg(long, short)]
    pub quiet: bool,

    /// When to use colour (`NO_COLOR` is honoured under `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// `--jobs`: a thread count postlint can start (at most 1024).
fn parse_jobs(text: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|n| *n <= 1024)
        .ok_or_else(|| "write a number of worker threads from 1 to 1024".to_string())
}
