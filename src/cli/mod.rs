//! The command line: `check` (the default), `rules`, `explain`, `init`, `completions`, `man`;
//! parsing the arguments, calling the library, printing, and the exit status.

mod check;
mod rules_list;
mod show;
mod summary;
mod watch;

use crate::error::RunError;
use crate::preset::PresetName;
use crate::report::Format;
use clap::{ArgAction, Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;

/// Exit statuses (SPEC "Exit codes").
pub(crate) const EXIT_OK: u8 = 0;
pub(crate) const EXIT_FINDINGS: u8 = 1;
pub(crate) const EXIT_FAILURE: u8 = 2;

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
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    #[command(flatten)]
    pub(crate) check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint files or folders (the default command)
    Check(CheckArgs),
    /// List every rule: id, default severity, fixable, summary
    Rules {
        /// `text` (a table) or `json`
        #[arg(long, alias = "output-format", value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
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

/// The formats of `postlint rules`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Default, Args)]
pub(crate) struct CheckArgs {
    /// Files, folders or quoted glob patterns; `-` reads a post from standard input
    #[arg(value_name = "PATHS")]
    pub(crate) paths: Vec<PathBuf>,

    /// Config file [default: nearest postlint.yml or .postlint.yml walking up to the repository root]
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Site generator; `auto` detects it from the site's config files
    #[arg(long, value_enum, value_name = "PRESET")]
    pub(crate) preset: Option<PresetName>,

    /// Site root, where site-absolute paths like `/img/a.png` resolve
    #[arg(long, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,

    /// Output format
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        env = "POSTLINT_FORMAT",
        default_value_t = Format::Pretty
    )]
    pub(crate) format: Format,

    /// Also check external http(s) URLs
    #[arg(long)]
    pub(crate) online: bool,

    /// Apply safe fixes in place (with `-`: print the fixed post to standard output)
    #[arg(long, conflicts_with = "diff")]
    pub(crate) fix: bool,

    /// Print safe fixes as a unified diff; write nothing
    #[arg(long)]
    pub(crate) diff: bool,

    /// Rule ids to run, comma-separated or repeated (all others are off)
    #[arg(long, value_name = "RULES", action = ArgAction::Append)]
    pub(crate) select: Vec<String>,

    /// Rule ids to skip, comma-separated or repeated
    #[arg(long, value_name = "RULES", action = ArgAction::Append)]
    pub(crate) ignore: Vec<String>,

    /// Exit 1 when there are more than N warnings; -1: no limit
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_max_warnings)]
    pub(crate) max_warnings: Option<MaxWarnings>,

    /// Exit 0 even when errors are found (2 still means the run failed)
    #[arg(long)]
    pub(crate) exit_zero: bool,

    /// Print how many findings each rule has instead of the findings
    #[arg(long)]
    pub(crate) statistics: bool,

    /// Named files are linted only when `include`/`exclude` pick them (for pre-commit hooks)
    #[arg(long)]
    pub(crate) force_exclude: bool,

    /// Also report what the changes since git's HEAD break in other posts (renamed or deleted
    /// files, moved URLs, reworded headings); with no path named, lint the changed posts
    #[arg(long)]
    pub(crate) affected: bool,

    /// Lint, then lint again on every change under the site root, printing what changed
    #[arg(long, conflicts_with_all = ["fix", "diff", "stdin_filename", "show_settings", "show_files", "statistics"])]
    pub(crate) watch: bool,

    /// Also list the local links and images postlint could not check (template-built paths,
    /// routes it cannot map), so that a clean run is not taken for a fully checked one
    #[arg(long)]
    pub(crate) show_skipped: bool,

    /// Print the resolved settings (config file, preset, root, posts, rule severities) and exit
    #[arg(long)]
    pub(crate) show_settings: bool,

    /// Print the posts that would be linted and exit
    #[arg(long)]
    pub(crate) show_files: bool,

    /// Read the post from standard input and report it under PATH (implies `-`)
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<PathBuf>,

    /// Worker threads, at most 1024 [default: all cores]
    #[arg(long, value_name = "N", value_parser = parse_jobs)]
    pub(crate) jobs: Option<u16>,

    /// Do not read or write the external-URL cache
    #[arg(long)]
    pub(crate) no_cache: bool,

    /// Print diagnostics only, no summary
    #[arg(long, short)]
    pub(crate) quiet: bool,

    /// When to use colour (`NO_COLOR` is honoured under `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// `--max-warnings`: a limit, or none (`-1`, as ESLint and markdownlint-cli2 read it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MaxWarnings {
    Unlimited,
    At(usize),
}

/// Parses `args` (the program name first) and runs the command; returns the exit status.
/// Prints help, the version or an argument error itself, as clap does.
pub(crate) fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = Cli::parse_from(args);
    let result = match cli.command {
        None => check::run(cli.check),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Rules { format }) => rules_list::list(format),
        Some(Command::Explain { rule }) => rules_list::explain(&rule),
        Some(Command::Init { preset, force }) => crate::init::run(preset, force).map(|()| EXIT_OK),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "postlint", &mut io::stdout());
            Ok(EXIT_OK)
        }
        Some(Command::Man) => clap_mangen::Man::new(Cli::command())
            .render(&mut io::stdout())
            .map(|_| EXIT_OK)
            .map_err(|e| RunError::Io(e.to_string())),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            EXIT_FAILURE
        }
    }
}

/// The command names, for "did you mean the command …" on a path that does not exist.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// `--jobs`: a thread count postlint can start (at most 1024).
fn parse_jobs(text: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|n| *n <= 1024)
        .ok_or_else(|| "write a number of worker threads from 1 to 1024".to_string())
}

fn parse_max_warnings(text: &str) -> Result<MaxWarnings, String> {
    match text.trim().parse::<i64>() {
        Ok(-1) => Ok(MaxWarnings::Unlimited),
        Ok(n) if n >= 0 => Ok(MaxWarnings::At(usize::try_from(n).unwrap_or(usize::MAX))),
        _ => Err("write a number of warnings (0 or more), or -1 for no limit".to_string()),
    }
}
