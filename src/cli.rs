//! The command line: `check` (the default), `rules`, `explain`, `init`, `completions`, `man`;
//! parsing the arguments, calling the library, printing, and the exit status.

use crate::diagnostic::Severity;
use crate::error::RunError;
use crate::limits::MAX_FILE_BYTES;
use crate::preset::PresetName;
use crate::report::{self, Format};
use crate::rules;
use crate::runner::{self, FixedFile};
use crate::settings::{CheckOptions, FixMode};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
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
    #[arg(long, value_enum, env = "POSTLINT_FORMAT", default_value_t = Format::Pretty)]
    pub(crate) format: Format,

    /// Also check external http(s) URLs
    #[arg(long)]
    pub(crate) online: bool,

    /// Apply safe fixes in place
    #[arg(long, conflicts_with = "diff")]
    pub(crate) fix: bool,

    /// Print safe fixes as a unified diff; write nothing
    #[arg(long)]
    pub(crate) diff: bool,

    /// Comma-separated rule ids to run (all others are off)
    #[arg(long, value_name = "RULES")]
    pub(crate) select: Option<String>,

    /// Comma-separated rule ids to skip
    #[arg(long, value_name = "RULES")]
    pub(crate) ignore: Option<String>,

    /// Exit 1 when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub(crate) max_warnings: Option<usize>,

    /// With `-` as the path: the path to report the standard input under
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

/// Parses `args` (the program name first) and runs the command; returns the exit status.
/// Prints help, the version or an argument error itself, as clap does.
pub(crate) fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = Cli::parse_from(args);
    let result = match cli.command {
        None => check(cli.check),
        Some(Command::Check(args)) => check(args),
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
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

fn check(args: CheckArgs) -> Result<u8, RunError> {
    let cwd = std::env::current_dir()
        .map_err(|e| RunError::Io(format!("cannot read the current folder: {e}")))?;
    if let Some(jobs) = args.jobs {
        // Fails only if the pool was already built, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs.max(1)))
            .build_global();
    }
    let stdin_text = if args.paths.iter().any(|p| p.as_os_str() == "-") {
        // Bytes, not text: a post that is not UTF-8 is a finding, as it is in a file.
        let mut bytes = Vec::new();
        io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| RunError::Io(format!("cannot read standard input: {e}")))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(RunError::Usage(format!(
                "standard input holds more than {MAX_FILE_BYTES} bytes (16 MiB), more than \
                 postlint reads; split the post"
            )));
        }
        Some(bytes)
    } else {
        None
    };
    let fix = if args.fix {
        FixMode::Apply
    } else if args.diff {
        FixMode::Diff
    } else {
        FixMode::Report
    };
    let options = CheckOptions {
        config: args.config.clone(),
        preset: args.preset,
        root: args.root.clone(),
        online: args.online,
        no_cache: args.no_cache,
        select: args.select.iter().cloned().collect(),
        ignore: args.ignore.iter().cloned().collect(),
        fix,
        stdin_filename: args.stdin_filename.clone(),
        stdin_text,
        // A progress bar for the URL check: only for a person watching a terminal.
        progress: !args.quiet
            && matches!(args.format, Format::Pretty | Format::Compact)
            && io::stderr().is_terminal(),
    };
    let output = runner::check_paths(&args.paths, &options, &cwd)?;

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if fix == FixMode::Diff {
        write_diffs(&output.fixed, &mut out)
    } else {
        let color = use_color(args.color, args.format);
        report::write(args.format, &output, color, &mut out)
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        // A closed pipe (`postlint | head`) is not a failure of the run.
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(RunError::Io(format!("cannot write the report: {e}")));
        }
    }
    let mut stderr = io::stderr();
    for note in &output.notes {
        let _ = writeln!(stderr, "warning: {note}");
    }
    for e in &output.write_errors {
        let _ = writeln!(stderr, "error: {e}");
    }
    let errors = output.count(Severity::Error);
    let warnings = output.count(Severity::Warning);
    if !args.quiet && matches!(args.format, Format::Pretty | Format::Compact) {
        let fixed = if fix == FixMode::Apply && !output.fixed.is_empty() {
            format!(", fixed {} files", output.fixed.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            stderr,
            "{} {}, {} {} in {} {} ({} ms){fixed}",
            errors,
            plural(errors, "error"),
            warnings,
            plural(warnings, "warning"),
            output.file_count,
            plural(output.file_count, "file"),
            output.elapsed.as_millis()
        );
        if !output.out_of_time.is_empty() {
            let n = output.out_of_time.len();
            let _ = writeln!(
                stderr,
                "{n} external {} ran out of time (raise `timeout`, `deadline` or `budget` under \
                 `rules.dead-url` to wait longer):",
                plural(n, "URL")
            );
            for url in &output.out_of_time {
                let _ = writeln!(stderr, "  {url}");
            }
        }
    }
    if !output.write_errors.is_empty() {
        return Ok(EXIT_FAILURE);
    }
    if fix == FixMode::Diff {
        return Ok(if output.fixed.is_empty() {
            EXIT_OK
        } else {
            EXIT_FINDINGS
        });
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| warnings > max);
    Ok(if errors > 0 || too_many_warnings {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn use_color(choice: ColorChoice, format: Format) -> bool {
    if format != Format::Pretty {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn write_diffs(fixed: &[FixedFile], out: &mut dyn Write) -> io::Result<()> {
    for f in fixed {
        let diff = similar::TextDiff::from_lines(&f.before, &f.after);
        write!(
            out,
            "{}",
            diff.unified_diff().context_radius(3).header(
                &format!("a/{}", f.display_path),
                &format!("b/{}", f.display_path)
            )
        )?;
    }
    Ok(())
}

fn list_rules() -> Result<u8, RunError> {
    let mut out = io::stdout().lock();
    let width = rules::metas().map(|m| m.id.len()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "{:width$}  {:8}  {:7}  summary",
        "rule", "default", "fixable"
    );
    for m in rules::metas() {
        let _ = writeln!(
            out,
            "{:width$}  {:8}  {:7}  {}",
            m.id,
            m.default_severity.as_str(),
            if m.fixable { "yes" } else { "no" },
            m.summary
        );
    }
    Ok(EXIT_OK)
}

fn explain(id: &str) -> Result<u8, RunError> {
    match rules::find(id) {
        Some((_, rule)) => {
            let _ = io::stdout().write_all(rule.meta().doc.as_bytes());
            Ok(EXIT_OK)
        }
        None => Err(RunError::Usage(format!(
            "unknown rule `{id}`; known rules:\n  {}",
            rules::ids().join("\n  ")
        ))),
    }
}

/// `--jobs`: a thread count postlint can start (at most 1024).
fn parse_jobs(text: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|n| *n <= 1024)
        .ok_or_else(|| "write a number of worker threads from 1 to 1024".to_string())
}
