//! One child process run to its end and measured: wall clock from spawn to reap, and on Unix
//! its peak memory (the maximum resident set `wait4` reports). What the benchmarks that time a
//! command as users run it share (`link`, `reference`).

use std::process::{Command, Stdio};
use std::time::Instant;

/// One child process, run to its end.
pub struct Measured {
    /// Wall clock from spawning the process to reaping it.
    pub seconds: f64,
    /// Its maximum resident set; `None` where the platform does not tell.
    pub peak_mb: Option<f64>,
    pub stdout: String,
    /// Started and exited with status 0.
    pub success: bool,
}

impl Measured {
    /// A process that could not be started.
    fn not_started() -> Measured {
        Measured {
            seconds: 0.0,
            peak_mb: None,
            stdout: String::new(),
            success: false,
        }
    }
}

/// Runs the command to its end with stdout captured; on Unix also its peak memory.
///
/// The child is reaped with `wait4` for its resource usage, so `Child::wait` and `output` (which
/// reap it themselves) are not used; dropping a `Child` does not wait for it.
#[cfg(unix)]
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which clippy does not see"
)]
pub fn run_measured(command: &mut Command) -> Measured {
    use std::io::Read;

    let start = Instant::now();
    let Ok(mut child) = command.stdout(Stdio::piped()).spawn() else {
        return Measured::not_started();
    };
    let mut stdout = Vec::new();
    if let Some(mut pipe) = child.stdout.take() {
        // A failed read leaves the output short, which its parse then reports.
        let _ = pipe.read_to_end(&mut stdout);
    }
    let pid = libc::pid_t::try_from(child.id()).expect("a process id fits in pid_t");
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is a struct of integers, for which all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is this process's child, not yet reaped (nothing else waits for it), and
        // both pointers are to live locals of the right types.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        assert!(
            error.kind() == std::io::ErrorKind::Interrupted,
            "wait4 failed: {error}"
        );
    }
    let seconds = start.elapsed().as_secs_f64();
    // ru_maxrss is in bytes on Apple's systems, in KiB elsewhere.
    let peak_kib = if cfg!(target_vendor = "apple") {
        usage.ru_maxrss as f64 / 1024.0
    } else {
        usage.ru_maxrss as f64
    };
    Measured {
        seconds,
        peak_mb: Some(peak_kib / 1024.0),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        success: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

/// Runs the command to its end with stdout captured; the peak memory is not known here.
#[cfg(not(unix))]
pub fn run_measured(command: &mut Command) -> Measured {
    let start = Instant::now();
    let Ok(output) = command.stderr(Stdio::inherit()).output() else {
        return Measured::not_started();
    };
    Measured {
        seconds: start.elapsed().as_secs_f64(),
        peak_mb: None,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        success: output.status.success(),
    }
}

/// "peak 180 MB", or a note where it was not measured.
pub fn peak_text(peak_mb: Option<f64>) -> String {
    peak_mb.map_or_else(
        || "peak not measured".to_string(),
        |mb| format!("peak {mb:.0} MB"),
    )
}
