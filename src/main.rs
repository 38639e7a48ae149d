//! `triangulate`: with no command, the desktop app; otherwise the command line.

use std::process::ExitCode;

use clap::Parser;
use triangulate::cli::{self, Cli, Outcome};

/// mimalloc rather than the system's allocator. An import allocates its parsed articles on the
/// parse threads and frees them on the writer's, which bounds the import; with glibc's malloc the
/// writer spent a tenth of its time allocating and freeing, with mimalloc 6% (`perf`, 20,000
/// articles). The import bench declares the same allocator, so it measures what this binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    restore_broken_pipe_default();
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

/// `triangulate link | head` should stop quietly when `head` has read enough, as other command
/// line tools do, not panic on the closed pipe: restore the default SIGPIPE action that the Rust
/// runtime turns off.
#[cfg(unix)]
fn restore_broken_pipe_default() {
    // SAFETY: called first thing in main, before any thread starts; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_broken_pipe_default() {}
