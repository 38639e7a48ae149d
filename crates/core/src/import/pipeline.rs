//! How parsing and storing share the machine during an import.
//!
//! Storing is one thread (one SQLite connection writes at a time) and it is the import's critical
//! path: on two cores, the writer alone uses about half of all the CPU time an import takes.
//! Two things keep it running at full speed:
//!
//! - Parsing runs on a pool of its own whose threads ask the OS for a lower priority, so that
//!   when parsers and writer want the same core, the writer (and the app's UI thread) gets it.
//!   Parsers use whatever the writer leaves; the machine stays busy either way.
//! - Parsed articles may wait for the writer up to a budget of bytes ([`InFlight`]), enough for
//!   parsing to run on through the writer's commits and checkpoints instead of stopping after a
//!   few batches, and small enough that a folder of large pages is never held in memory whole.
//!
//! Measured on the 20,000-article bench corpus, two cores: both together cut an import's time by
//! about a sixth and the cores' idle time by about half; either one alone did not help (README,
//! Speed).

use std::sync::{Condvar, Mutex, PoisonError};

use thread_priority::{ThreadPriority, ThreadPriorityValue};

use crate::library::NewArticle;

/// How many bytes of parsed articles may wait for the writer: about 5,000 news articles.
pub const IN_FLIGHT_BYTES: usize = 32 << 20;

/// What a parsed file is counted as holding beyond its texts: its structures and problems.
const PER_FILE_BYTES: usize = 1024;

/// The priority of parse threads on the crate's 0–99 scale: nice 10 on Linux, below normal on
/// Windows and macOS. Low enough that the writer wins a shared core, not so low that parsing
/// starves beside other busy programs (nice 19 was no faster here).
const PARSE_PRIORITY: u8 = 22;

/// A pool for parsing, one thread per core, each at a lower priority than the writer. `None`
/// when the threads cannot be started; parsing then runs on rayon's shared pool.
pub fn parse_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("import-parse-{i}"))
        .start_handler(|_| {
            // A thread left at normal priority only makes the import slower, so a refusal
            // (some sandboxes forbid it) is not worth reporting.
            if let Ok(value) = ThreadPriorityValue::try_from(PARSE_PRIORITY) {
                let _ = ThreadPriority::Crossplatform(value).set_for_current();
            }
        })
        .build()
        .ok()
}

/// The bytes a parsed file holds until the writer has stored it.
pub fn held_bytes(articles: &[NewArticle]) -> usize {
    PER_FILE_BYTES
        + articles
            .iter()
            .map(|a| {
                a.full_text.len()
                    + a.body.len()
                    + a.raw.as_ref().map_or(0, String::len)
                    + a.title.len()
                    + a.source_path.len()
            })
            .sum::<usize>()
}

/// A budget of bytes shared by the parse thread (which reserves before handing a batch on) and
/// the writer (which releases once the batch is stored). The writer closes it when it stops, so a
/// parse thread waiting for room stops too.
#[derive(Debug)]
pub struct InFlight {
    limit: usize,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    held: usize,
    closed: bool,
}

impl InFlight {
    pub fn new(limit: usize) -> InFlight {
        InFlight {
            limit,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        }
    }

    /// Waits until `bytes` more fit in the budget, then holds them. A batch larger than the whole
    /// budget goes through when nothing else is held. False once the budget is closed: the writer
    /// has stopped and nothing more should be sent.
    pub fn reserve(&self, bytes: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while !state.closed && state.held > 0 && state.held + bytes > self.limit {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if state.closed {
            return false;
        }
        state.held += bytes;
        true
    }

    /// Gives back bytes the writer has stored.
    pub fn release(&self, bytes: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.held = state.held.saturating_sub(bytes);
        self.changed.notify_all();
    }

    /// Ends the budget: every waiting and later `reserve` returns false.
    pub fn close(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.closed = true;
        self.changed.notify_all();
    }

    /// Bytes held now.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .held
    }
}

/// Closes the budget when dropped: the writer holds one, so that however it stops (finished,
/// cancelled, or an error returned with `?`) the parse thread is not left waiting for room.
pub struct CloseOnDrop<'a>(pub &'a InFlight);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    /// A parse thread asking `budget` for `bytes` more, given time to start waiting.
    fn waiting(budget: &Arc<InFlight>, bytes: usize) -> std::thread::JoinHandle<bool> {
        let theirs = Arc::clone(budget);
        let waiter = std::thread::spawn(move || theirs.reserve(bytes));
        std::thread::sleep(Duration::from_millis(50));
        waiter
    }

    #[test]
    fn reserve_waits_for_room_and_release_makes_it() {
        let budget = Arc::new(InFlight::new(100));
        assert!(budget.reserve(60));
        let waiter = waiting(&budget, 60);
        assert!(!waiter.is_finished(), "120 bytes do not fit in 100");
        budget.release(60);
        assert!(waiter.join().expect("no panic"), "room was made");
        assert_eq!(budget.held(), 60);
    }

    #[test]
    fn a_batch_larger_than_the_budget_passes_alone() {
        let budget = InFlight::new(100);
        assert!(budget.reserve(500), "nothing else is held");
        assert_eq!(budget.held(), 500);
    }

    #[test]
    fn closing_wakes_a_waiting_parser_and_refuses_later_batches() {
        let budget = Arc::new(InFlight::new(100));
        assert!(budget.reserve(100));
        let waiter = waiting(&budget, 1);
        assert!(!waiter.is_finished(), "the budget is full");
        drop(CloseOnDrop(&budget));
        assert!(!waiter.join().expect("no panic"), "the writer has stopped");
        assert!(!budget.reserve(0));
    }

    #[test]
    fn parse_threads_run_named_in_their_own_pool() {
        let pool = parse_pool().expect("threads start");
        let name = pool.install(|| std::thread::current().name().map(str::to_string));
        assert!(
            name.as_deref()
                .is_some_and(|n| n.starts_with("import-parse-")),
            "{name:?}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn parse_threads_yield_to_the_writer() {
        let pool = parse_pool().expect("threads start");
        // On Linux a thread's nice value is its own; 0 is the writer's.
        let nice = pool.install(|| unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) });
        let ours = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        assert!(
            nice > ours,
            "parse threads at nice {nice}, the writer at {ours}"
        );
    }
}
