//! Background work with progress and cancel. A job runs on its own thread; the UI (or the command
//! line) reads its [`Progress`] whenever it draws, and asks it to stop with [`Progress::cancel`].
//! Work checks [`Progress::is_cancelled`] between units that leave the library consistent.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Shared progress of one job: done / total units, a stage label, and a cancel flag.
#[derive(Clone, Default)]
pub struct Progress {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
    stage: Mutex<String>,
}

/// A copy of a job's progress at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressSnapshot {
    pub done: u64,
    pub total: u64,
    pub stage: String,
    pub cancelled: bool,
}

impl ProgressSnapshot {
    /// Fraction done, 0.0 to 1.0 (0 while the total is unknown).
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0) as f32
        }
    }
}

impl Progress {
    /// A fresh progress with nothing done.
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Sets how many units the job has in all.
    pub fn set_total(&self, total: u64) {
        self.inner.total.store(total, Ordering::Relaxed);
    }

    /// Counts `n` more units done.
    pub fn advance(&self, n: u64) {
        self.inner.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Names what the job is doing now ("Reading files", "Saving").
    pub fn set_stage(&self, stage: impl Into<String>) {
        if let Ok(mut s) = self.inner.stage.lock() {
            *s = stage.into();
        }
    }

    /// Asks the job to stop at its next safe point.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the job was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::Relaxed)
    }

    /// The progress now.
    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            done: self.inner.done.load(Ordering::Relaxed),
            total: self.inner.total.load(Ordering::Relaxed),
            stage: self
                .inner
                .stage
                .lock()
                .map(|s| s.clone())
                .unwrap_or_default(),
            cancelled: self.is_cancelled(),
        }
    }
}

/// What a caught panic said (its message), for showing it as an error instead of crashing.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into())
}

/// A job running on a background thread, producing a `T`.
pub struct Job<T> {
    title: String,
    progress: Progress,
    handle: Option<JoinHandle<T>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread. `work` gets the job's progress to report to and to poll for cancel.
    pub fn spawn(
        title: impl Into<String>,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Job<T> {
        let progress = Progress::new();
        let theirs = progress.clone();
        let handle = std::thread::spawn(move || work(&theirs));
        Job {
            title: title.into(),
            progress,
            handle: Some(handle),
        }
    }

    /// What the job is, for the status bar.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The job's progress.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The job's result once it has finished; `None` while it runs. A job that panicked gives
    /// `Err` with the panic message.
    pub fn try_finish(&mut self) -> Option<Result<T, String>> {
        if !self.handle.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        let handle = self.handle.take()?;
        Some(handle.join().map_err(|panic| panic_message(panic.as_ref())))
    }

    /// Waits for the job to finish.
    pub fn wait(mut self) -> Result<T, String> {
        match self.handle.take() {
            Some(handle) => handle
                .join()
                .map_err(|_| "the job stopped unexpectedly".to_string()),
            None => Err("the job's result was already taken".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_progress_and_stops_when_cancelled() {
        let job = Job::spawn("count", |p: &Progress| {
            p.set_total(1_000_000);
            let mut n = 0u64;
            while !p.is_cancelled() {
                p.advance(1);
                n += 1;
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            n
        });
        while job.progress().snapshot().done < 10 {
            std::thread::yield_now();
        }
        job.progress().cancel();
        let n = job.wait().unwrap();
        assert!((10..1_000_000).contains(&n));
    }
}
