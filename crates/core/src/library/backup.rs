//! Backups: a consistent copy of the library made while it is open, with SQLite's online backup
//! API. Made on demand (File > Back up library…, `triangulate backup`) and before every migration.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::Library;
use crate::error::{Error, Result};
use crate::jobs::Progress;

/// Pages copied per step: 4 MiB at SQLite's default page size, so cancel answers within a step.
const PAGES_PER_STEP: i32 = 1024;

/// What a finished backup wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub articles: i64,
}

impl Library {
    /// Copies the library as it is now to `dest`, page by page, reporting pages done to
    /// `progress` and stopping when it is cancelled. The copy is written under a temporary name
    /// and renamed when complete, so a failed or cancelled backup leaves no partial file behind
    /// and never replaces an earlier backup with half a one.
    pub fn backup_to(&self, dest: &Path, progress: &Progress) -> Result<BackupReport> {
        backup_connection(&self.conn, &self.path, dest, progress)?;
        let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or_default();
        let articles = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(BackupReport {
            path: dest.to_path_buf(),
            bytes,
            articles,
        })
    }
}

/// A file name for a backup of `library` made now: `library-backup-2026-11-23-1015.sqlite` beside
/// it, with `-2`, `-3`… added if that name is taken.
pub fn backup_name(library: &Path, why: &str) -> PathBuf {
    let stem = library
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "library".into());
    let now = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let base = format!("{stem}-{why}-{now}");
    let mut candidate = library.with_file_name(format!("{base}.sqlite"));
    let mut n = 2;
    while candidate.exists() {
        candidate = library.with_file_name(format!("{base}-{n}.sqlite"));
        n += 1;
    }
    candidate
}

/// The backup itself, over any connection to the library (the migration's happens before the
/// `Library` exists).
pub(super) fn backup_connection(
    conn: &Connection,
    library: &Path,
    dest: &Path,
    progress: &Progress,
) -> Result<()> {
    if same_file(library, dest) {
        return Err(Error::Invalid(format!(
            "{} is the library itself; choose another file for the backup",
            dest.display()
        )));
    }
    let mut partial_name = dest.file_name().unwrap_or_default().to_os_string();
    partial_name.push(".partial");
    let partial = dest.with_file_name(partial_name);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let result = (|| -> Result<()> {
        let _ = std::fs::remove_file(&partial);
        let mut to = Connection::open(&partial).map_err(|source| Error::Open {
            path: partial.clone(),
            source,
        })?;
        {
            let backup = Backup::new(conn, &mut to)?;
            loop {
                if progress.is_cancelled() {
                    return Err(Error::Invalid("the backup was cancelled".into()));
                }
                match backup.step(PAGES_PER_STEP)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    // Another connection holds a lock for a moment: try again shortly.
                    StepResult::Busy | StepResult::Locked => {
                        std::thread::sleep(Duration::from_millis(20))
                    }
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
                let p = backup.progress();
                progress.set_total(p.pagecount.max(0) as u64);
                let done = (p.pagecount - p.remaining).max(0) as u64;
                let now = progress.snapshot().done;
                progress.advance(done.saturating_sub(now));
            }
        }
        // The copy is a plain rollback-journal database in one file, whatever the library uses.
        to.pragma_update(None, "journal_mode", "DELETE")?;
        to.close().map_err(|(_, e)| Error::Sql(e))?;
        std::fs::rename(&partial, dest).map_err(io(dest))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
