use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(postlint::run_cli(std::env::args_os()))
}
