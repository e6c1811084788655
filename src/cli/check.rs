//! `postlint check`: the options turned into [`CheckOptions`], the run, what is printed where,
//! and the exit status.

use super::summary::{self, Outcome};
use super::{CheckArgs, ColorChoice, MaxWarnings, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostic::Severity;
use crate::error::RunError;
use crate::limits::MAX_FILE_BYTES;
use crate::report::{self, Format};
use crate::runner::{self, FixedFile, Report};
use crate::settings::{CheckOptions, FixMode};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

pub(super) fn run(mut args: CheckArgs) -> Result<u8, RunError> {
    let cwd = std::env::current_dir()
        .map_err(|e| RunError::Io(format!("cannot read the current folder: {e}")))?;
    if let Some(jobs) = args.jobs {
        // Fails only if the pool was already built, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs.max(1)))
            .build_global();
    }
    stdin_filename_implies_stdin(&mut args);
    if let Some(message) = mistyped_command(&args.paths, &cwd) {
        return Err(RunError::Usage(message));
    }
    if args.show_settings {
        return super::show::settings(&args.paths, &options(&args, None), &cwd);
    }
    if args.show_files {
        return super::show::files(&args.paths, &options(&args, None), &cwd);
    }
    let from_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_bytes = if from_stdin {
        Some(read_stdin()?)
    } else {
        None
    };
    let options = options(&args, stdin_bytes.clone());
    if args.watch {
        if from_stdin {
            return Err(RunError::Usage(
                "`--watch` watches files: it cannot read a post from standard input".to_string(),
            ));
        }
        return super::watch::run(&args, &options, &cwd);
    }
    let output = runner::check_paths(&args.paths, &options, &cwd)?;
    print(&args, &options, &output, stdin_bytes.as_deref())?;
    Ok(exit_status(&args, options.fix, &output))
}

/// `--stdin-filename` reads standard input: `-` is implied, and other paths are ignored (as
/// ruff does), with a warning.
fn stdin_filename_implies_stdin(args: &mut CheckArgs) {
    if args.stdin_filename.is_none() {
        return;
    }
    let others: Vec<String> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| format!("`{}`", p.display()))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "warning: `--stdin-filename` reads the post from standard input: ignoring {}",
            others.join(", ")
        );
    }
    args.paths = vec![PathBuf::from("-")];
}

/// `postlint chek`: a path that does not exist, spelt like a command.
fn mistyped_command(paths: &[PathBuf], cwd: &Path) -> Option<String> {
    let [only] = paths else { return None };
    let text = only.to_str()?;
    if text.contains(['/', '\\', '.', '*']) || cwd.join(only).exists() {
        return None;
    }
    let names = super::command_names();
    let close = crate::spelling::closest(text, names.iter().map(String::as_str))?;
    Some(format!(
        "path `{text}` does not exist; did you mean the command `postlint {close}`?"
    ))
}

/// Bytes, not text: a post that is not UTF-8 is a finding, as it is in a file.
fn read_stdin() -> Result<Vec<u8>, RunError> {
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
    Ok(bytes)
}

fn options(args: &CheckArgs, stdin_text: Option<Vec<u8>>) -> CheckOptions {
    let fix = if args.fix {
        FixMode::Apply
    } else if args.diff {
        FixMode::Diff
    } else {
        FixMode::Report
    };
    CheckOptions {
        config: args.config.clone(),
        preset: args.preset,
        root: args.root.clone(),
        online: args.online,
        no_cache: args.no_cache,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fix,
        stdin_filename: args.stdin_filename.clone(),
        stdin_text,
        // A progress bar for the URL check: only for a person watching a terminal.
        progress: !args.quiet
            && matches!(args.format, Format::Pretty | Format::Compact)
            && io::stderr().is_terminal(),
        force_exclude: args.force_exclude,
        affected: args.affected,
        show_skipped: args.show_skipped,
        // Only `pretty` prints code frames; the other formats need line and column alone.
        positions_only: args.format != Format::Pretty,
    }
}

/// Prints the report where it belongs: findings on standard output, except when standard
/// output carries something else (the fixed post of `--fix -`, the patch of `--diff`), where
/// they go to standard error; then notes and the summary on standard error.
pub(super) fn print(
    args: &CheckArgs,
    options: &CheckOptions,
    output: &Report,
    stdin_bytes: Option<&[u8]>,
) -> Result<(), RunError> {
    let stdin_fix = options.fix == FixMode::Apply && stdin_bytes.is_some();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if stdin_fix {
        let fixed = output.stdin_fixed.as_ref().map(String::as_bytes);
        out.write_all(fixed.or(stdin_bytes).unwrap_or_default())
    } else if options.fix == FixMode::Diff {
        write_diffs(&output.fixed, &mut out)
    } else {
        findings(args, output, &mut out)
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        // A closed pipe (`postlint | head`) is not a failure of the run.
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(RunError::Io(format!("cannot write the report: {e}")));
        }
    }
    let mut stderr = io::stderr().lock();
    if stdin_fix || options.fix == FixMode::Diff {
        let _ = findings(args, output, &mut stderr);
    }
    for note in &output.info {
        let _ = writeln!(stderr, "note: {note}");
    }
    for note in &output.notes {
        let _ = writeln!(stderr, "warning: {note}");
    }
    if args.show_skipped {
        let _ = writeln!(
            stderr,
            "{} to the site not checked (template-built, or a route postlint cannot map)",
            summary::count(output.skipped.len(), "reference")
        );
        for line in &output.skipped {
            let _ = writeln!(stderr, "  {line}");
        }
    }
    for e in &output.write_errors {
        let _ = writeln!(stderr, "error: {e}");
    }
    if !args.quiet && matches!(args.format, Format::Pretty | Format::Compact) {
        for line in summary::lines(output, options.fix) {
            let _ = writeln!(stderr, "{line}");
        }
    }
    if let Outcome::TooManyWarnings { warnings, max } = outcome(args, output) {
        let _ = writeln!(
            stderr,
            "error: too many warnings: {warnings}, maximum {max} (`--max-warnings`)"
        );
    }
    Ok(())
}

/// The findings in the chosen format, or their count per rule under `--statistics`.
fn findings(args: &CheckArgs, output: &Report, out: &mut dyn Write) -> io::Result<()> {
    if args.statistics {
        return summary::statistics(output, args.format == Format::Json, out);
    }
    let color = use_color(args.color, args.format);
    report::write(args.format, output, color, out)
}

fn outcome(args: &CheckArgs, output: &Report) -> Outcome {
    let warnings = output.count(Severity::Warning);
    match args.max_warnings {
        Some(MaxWarnings::At(max)) if warnings > max => Outcome::TooManyWarnings { warnings, max },
        _ if output.count(Severity::Error) > 0 => Outcome::Errors,
        _ => Outcome::Clean,
    }
}

fn exit_status(args: &CheckArgs, fix: FixMode, output: &Report) -> u8 {
    if !output.write_errors.is_empty() {
        return EXIT_FAILURE;
    }
    let pending_fixes = fix == FixMode::Diff && !output.fixed.is_empty();
    if args.exit_zero {
        return EXIT_OK;
    }
    match outcome(args, output) {
        Outcome::Clean if !pending_fixes => EXIT_OK,
        _ => EXIT_FINDINGS,
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
