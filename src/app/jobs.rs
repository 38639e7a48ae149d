//! Long work off the UI thread: imports, linking and backups run as a core [`Job`] on a background
//! thread with their own connection, one at a time, with progress in the status bar and Cancel.
//! The UI thread only starts them and, each frame, takes in the result of the one that finished.

use std::path::PathBuf;

use triangulate_core::import::{self, ImportOptions, ImportReport};
use triangulate_core::jobs::{Job, Progress};
use triangulate_core::library::{Library, backup};
use triangulate_core::linking::{self, LinkOptions, LinkReport};

use super::command::{Command, Written};
use super::widgets::plural;
use super::{PendingImport, TriangulateApp, widgets};

/// What a background job produced.
pub enum JobOutcome {
    /// An import's report.
    Import(ImportReport),
    /// A linking run's report.
    Link(LinkReport),
    /// A backup's report.
    Backup(backup::BackupReport),
    /// What importing a reference list did; `None` when it was cancelled before it wrote.
    ReferenceList(Option<Box<triangulate_core::reference::ImportedList>>),
    /// What filling a new library with the sample made (the app's first run).
    Sample(triangulate_core::sample::SampleSummary),
}

/// The background job running now, if any.
pub(super) struct RunningJob {
    pub(super) job: Job<anyhow::Result<JobOutcome>>,
    /// Whether it finds links (the Suggestions view says so while its queue is empty).
    pub(super) links: bool,
    /// The banner text its report is appended to: linking that follows an import reports after
    /// the import's own report.
    follows: Option<String>,
}

impl TriangulateApp {
    /// Whether a background job is running.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    /// Blocks until the running job (if any) finishes and its result is taken in. For tests and
    /// for shutting down cleanly.
    pub fn wait_for_job(&mut self) {
        while self.job.is_some() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.poll_job();
        }
    }

    /// Asks what outlet to use for the chosen files, then imports them.
    pub fn request_import(&mut self, paths: Vec<PathBuf>) {
        if !paths.is_empty() {
            self.pending_import = Some(PendingImport {
                paths,
                outlet: String::new(),
            });
        }
    }

    /// Starts an import of files or folders in the background.
    pub fn start_import(&mut self, paths: Vec<PathBuf>, outlet: Option<String>) {
        let Some(path) = self.library.as_ref().map(|l| l.path().to_path_buf()) else {
            self.fail("Open a library first (File > Open library…).");
            return;
        };
        if paths.is_empty() {
            return;
        }
        let title = match paths.as_slice() {
            [one] => format!("Importing {}", one.display()),
            many => format!("Importing {} items", many.len()),
        };
        self.start_job(title, path, move |library, progress| {
            Ok(JobOutcome::Import(import::import_paths(
                library,
                &paths,
                &ImportOptions {
                    outlet,
                    ..Default::default()
                },
                progress,
            )?))
        });
    }

    /// Starts importing a reference list in the background: read, stored as a new version of its
    /// list in one transaction, and matched to the outlets.
    pub fn start_reference_import(
        &mut self,
        file: PathBuf,
        options: triangulate_core::reference::ImportOptions,
    ) {
        let Some(path) = self.library.as_ref().map(|l| l.path().to_path_buf()) else {
            self.fail("Open a library first (File > Open library…).");
            return;
        };
        let title = format!("Importing reference list {}", options.name.trim());
        self.start_job(title, path, move |library, progress| {
            let imported =
                triangulate_core::reference::import_file(library, &file, &options, progress)?;
            Ok(JobOutcome::ReferenceList(imported.map(Box::new)))
        });
    }

    /// Starts linking in the background: articles not linked yet are checked against the whole
    /// library and the suggestion queue is refreshed. Its report is appended to `follows`.
    pub fn find_links(&mut self, follows: Option<String>) {
        let Some(path) = self.library.as_ref().map(|l| l.path().to_path_buf()) else {
            self.fail("Open a library first (File > Open library…).");
            return;
        };
        if self.linking() {
            self.inform("Linking is already running.");
            return;
        }
        self.start_job("Finding links", path, |library, progress| {
            Ok(JobOutcome::Link(linking::link_library(
                library,
                &LinkOptions::default(),
                progress,
            )?))
        });
        if let Some(job) = self.job.as_mut() {
            job.links = true;
            job.follows = follows;
        }
    }

    /// Whether the running job finds links.
    pub(super) fn linking(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.links)
    }

    /// Runs `work` on a connection of its own to the library at `library_path`, in the
    /// background; refused while another job runs or when the library is read-only.
    pub(super) fn start_job(
        &mut self,
        title: impl Into<String>,
        library_path: PathBuf,
        work: impl FnOnce(&mut Library, &Progress) -> anyhow::Result<JobOutcome> + Send + 'static,
    ) {
        if self.job.is_some() {
            self.fail("Another job is running; wait for it or cancel it first.");
            return;
        }
        if let Some(why) = self.read_only() {
            self.fail(format!("{} is not possible: {why}.", title.into()));
            return;
        }
        // The job writes through its own connection; the UI keeps reading through its own.
        let job = Job::spawn(title, move |progress| {
            let mut library = Library::open(&library_path)?;
            work(&mut library, progress)
        });
        self.job = Some(RunningJob {
            job,
            links: false,
            follows: None,
        });
    }

    /// File > Back up library…: asks where, then copies the library on a background thread with
    /// progress and Cancel. Works on a library open read-only too.
    pub(super) fn back_up(&mut self) {
        let Some(library) = self.library.as_ref() else {
            return;
        };
        if self.job.is_some() {
            self.fail("Another job is running; wait for it or cancel it first.");
            return;
        }
        let source = library.path().to_path_buf();
        let suggested = backup::backup_name(&source, "backup");
        let name = suggested
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "library-backup.sqlite".into());
        let Some(dest) = self.ask_one(super::dialogs::Purpose::SaveBackup(name)) else {
            return;
        };
        let job = Job::spawn("Backing up the library", move |progress| {
            // Its own reading connection: the backup sees one consistent state of the library
            // while the window goes on reading (and, when writable, writing) through its own.
            let library = Library::open_read_only(&source)?;
            Ok(JobOutcome::Backup(library.backup_to(&dest, progress)?))
        });
        self.job = Some(RunningJob {
            job,
            links: false,
            follows: None,
        });
    }

    /// Takes in the result of the job that finished, if one did: its report goes to the banner,
    /// and a finished import starts linking what it brought in.
    pub(super) fn poll_job(&mut self) {
        let Some(running) = self.job.as_mut() else {
            return;
        };
        let Some(result) = running.job.try_finish() else {
            return;
        };
        let title = running.job.title().to_string();
        let follows = running.follows.take();
        self.job = None;
        match result {
            Ok(Ok(JobOutcome::Import(report))) => {
                let text = import_summary(&report);
                if report.cancelled {
                    self.inform(format!(
                        "{text} Edit > Find links (Ctrl+L) links what was imported."
                    ));
                } else {
                    self.inform(text.clone());
                    // New articles may be copies of, or report the same incident as, others.
                    self.library_changed();
                    self.find_links(Some(text));
                    return;
                }
            }
            Ok(Ok(JobOutcome::Backup(report))) => self.inform(format!(
                "Backed up {} articles to {} ({:.1} MB). To restore, close Triangulate and copy that file over the library, or open it with File > Open library….",
                widgets::thousands(report.articles as u64),
                report.path.display(),
                report.bytes as f64 / 1e6
            )),
            Ok(Ok(JobOutcome::ReferenceList(Some(imported)))) => {
                let imported = *imported;
                let text = reference_summary(&imported);
                return self.apply(Command::JobWritten(Box::new(
                    Written::done().undo(imported.undo).say(text),
                )));
            }
            Ok(Ok(JobOutcome::ReferenceList(None))) => {
                self.inform("The import of the reference list was cancelled; nothing was added.")
            }
            Ok(Ok(JobOutcome::Sample(summary))) => self.inform(sample_summary(&summary)),
            Ok(Ok(JobOutcome::Link(report))) => {
                let text = link_summary(&report);
                match follows {
                    Some(before) => self.inform(format!("{before} {text}")),
                    None => self.inform(text),
                }
            }
            Ok(Err(e)) => {
                let before = follows.map(|b| b + " ").unwrap_or_default();
                self.fail(format!("{before}{title} failed: {e:#}"))
            }
            Err(panic) => self.fail(format!("{title} stopped unexpectedly: {panic}")),
        }
        self.library_changed();
    }
}

/// The banner line of a finished import.
fn import_summary(report: &ImportReport) -> String {
    let verb = if report.cancelled {
        "Cancelled after importing"
    } else {
        "Imported"
    };
    let mut text = format!(
        "{verb} {} articles ({} already in the library).",
        report.imported, report.skipped_duplicates
    );
    match report.problems.len() {
        0 => {}
        1 => text.push_str(" 1 file had a problem: see Import log."),
        n => text.push_str(&format!(" {n} files had problems: see Import log.")),
    }
    text
}

/// The banner line of a reference list imported: its rows, the outlets it matched and how, the
/// rows it matched to none, and what was left out.
fn reference_summary(i: &triangulate_core::reference::ImportedList) -> String {
    let mut text = format!(
        "Imported reference list {} (version {}): {}; {} of the library matched ({} by domain, {} by name{}); {} no outlet (Outlets > Reference lists… lists them).",
        i.name,
        i.version,
        widgets::many(i.rows, "row"),
        plural(i.matched_outlets, "outlet"),
        i.matched_by_domain,
        i.matched_by_name,
        if i.matched_by_hand > 0 {
            format!(
                ", {} by your matches of the version before",
                i.matched_by_hand
            )
        } else {
            String::new()
        },
        match i.unmatched_rows {
            1 => "1 row matches".to_string(),
            n => format!("{} match", widgets::many(n, "row")),
        },
    );
    if !i.skipped.is_empty() {
        text.push_str(&format!(
            " {} left out ({}).",
            plural(i.skipped.len(), "row"),
            i.skipped
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    if !i.conflicting.is_empty() {
        text.push_str(&format!(
            " Given more than once with different values (kept, shown as conflicting): {}.",
            widgets::shorten(&i.conflicting.join(", "), 160)
        ));
    }
    if i.earlier_versions > 0 {
        text.push_str(&format!(
            " {} of the list kept.",
            plural(i.earlier_versions, "earlier version")
        ));
    }
    text.push_str(" Edit > Undo (Ctrl+Z) removes it.");
    text
}

/// The banner line of a library filled with the sample.
fn sample_summary(summary: &triangulate_core::sample::SampleSummary) -> String {
    if summary.cancelled {
        return format!(
            "Loading the sample was cancelled after {} articles.",
            summary.imported
        );
    }
    let disagreements = match summary.disagreements {
        1 => "one disagreement".to_string(),
        n => format!("{n} disagreements"),
    };
    format!(
        "This is the sample library: {} invented articles from {} outlets, rated by two sample analysts ({disagreements}), with an incident accepted and {} suggestions open. Help > Start here shows where to begin.",
        summary.imported, summary.outlets, summary.open_suggestions
    )
}

/// The banner line of a finished linking run.
fn link_summary(report: &LinkReport) -> String {
    let found = match report.suggestions.added {
        0 => "no new suggestions".to_string(),
        1 => "1 new suggestion: see Suggestions".to_string(),
        n => format!("{n} new suggestions: see Suggestions"),
    };
    if report.cancelled {
        format!("Linking cancelled; it had found {found}. Edit > Find links (Ctrl+L) goes on.")
    } else {
        format!("Linking found {found}.")
    }
}
