//! postlint: a linter for the Markdown posts of static blogs (Docusaurus, Jekyll, Hugo).
//!
//! [`run_cli`] is the whole program; [`runner::run`] is the callable check.

pub mod anchors;
pub mod cli;
pub mod config;
pub mod config_schema;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod files;
pub mod fix;
pub mod frontmatter;
mod init;
pub mod limits;
pub mod online;
pub mod paths;
pub mod preset;
pub mod report;
pub mod resolve;
pub mod routes;
pub mod rule;
pub mod rules;
pub mod runner;
pub mod settings;
pub mod site;
pub mod site_config;
pub mod source;
mod spelling;
mod walk;

use clap::CommandFactory;
use cli::{CheckArgs, Cli, ColorChoice, Command};
use diagnostic::Severity;
use error::RunError;
use report::Format;
use runner::{FixMode, RunInput};
use settings::Settings;
use std::io::{self, IsTerminal, Read, Write};

/// Exit statuses (SPEC "Exit codes").
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// Runs the parsed command line; returns the exit status.
pub fn run_cli(cli: Cli) -> u8 {
    let result = match cli.command {
        None => check(cli.check),
        Some(Command::Check(args)) => check(args),
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Init { preset, force }) => init::run(preset, force),
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
    let settings = Settings::resolve(&args, &cwd)?;
    frontmatter::check_config(&settings)?;
    let stdin_text = if args.paths.iter().any(|p| p.as_os_str() == "-") {
        // Bytes, not text: a post that is not UTF-8 is a finding, as it is in a file.
        let mut bytes = Vec::new();
        io::stdin()
            .take(limits::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| RunError::Io(format!("cannot read standard input: {e}")))?;
        if bytes.len() as u64 > limits::MAX_FILE_BYTES {
            return Err(RunError::Usage(format!(
                "standard input holds more than {} bytes (16 MiB), more than postlint reads; \
                 split the post",
                limits::MAX_FILE_BYTES
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
    let output = runner::run(
        &settings,
        RunInput {
            paths: &args.paths,
            stdin_filename: args.stdin_filename.as_deref(),
            stdin_text,
            cwd: &cwd,
            fix,
            // A progress bar for the URL check: only for a person watching a terminal.
            progress: !args.quiet
                && matches!(args.format, Format::Pretty | Format::Compact)
                && io::stderr().is_terminal(),
        },
    )?;

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if fix == FixMode::Diff {
        write_diffs(&output.fixed, &mut out)
    } else {
        let color = use_color(args.color, args.format);
        report::write(args.format, &output.report, color, &mut out)
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
    let errors = output.report.count(Severity::Error);
    let warnings = output.report.count(Severity::Warning);
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
            output.report.file_count,
            plural(output.report.file_count, "file"),
            output.report.elapsed.as_millis()
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

fn write_diffs(fixed: &[runner::FixedFile], out: &mut dyn Write) -> io::Result<()> {
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
        Some(rule) => {
            let _ = io::stdout().write_all(rule.meta().doc.as_bytes());
            Ok(EXIT_OK)
        }
        None => Err(RunError::Usage(format!(
            "unknown rule `{id}`; known rules:\n  {}",
            rules::ids().join("\n  ")
        ))),
    }
}
