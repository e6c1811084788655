use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = postlint::cli::Cli::parse();
    ExitCode::from(postlint::run_cli(cli))
}
