//! `triangulate`: with no command, the desktop app; otherwise the command line.

use std::process::ExitCode;

use clap::Parser;
use triangulate::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(Outcome::Exit(code)) => ExitCode::from(code as u8),
        Ok(Outcome::OpenApp(library)) => match triangulate::app::run(library) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("triangulate: {e:#}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("triangulate: {e:#}");
            ExitCode::FAILURE
        }
    }
}
