//! The core's error type. Each variant says what failed and on what input, so front ends can
//! show it to the analyst as it is.

use std::path::PathBuf;

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The library file could not be opened or created.
    #[error("cannot open library {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The file exists but is not a SQLite database (or is truncated or damaged).
    #[error(
        "{path} is not a Triangulate library (not a SQLite database, or damaged); it was left untouched"
    )]
    NotALibrary { path: PathBuf },
    /// The library was written by a newer Triangulate than this one.
    #[error(
        "{path} was made by a newer Triangulate (schema {found}, this build knows up to {known}); update Triangulate to open it. The file was left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    /// A migration failed; the library is left at the version before it.
    #[error("migrating the library to schema {version} ({name}) failed: {source}")]
    Migration {
        version: u32,
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    /// A migration's step in code failed; the library is left at the version before it.
    #[error("migrating the library to schema {version} ({name}) failed: {reason}")]
    MigrationStep {
        version: u32,
        name: &'static str,
        reason: String,
    },
    /// Another process has the library open for writing (see `library::lock`).
    #[error("{} is open for writing in another Triangulate{}; it can only be read until that one closes", path.display(), holder.map(|pid| format!(" (process {pid})")).unwrap_or_default())]
    InUse { path: PathBuf, holder: Option<u32> },
    /// A write was asked of a library opened read-only.
    #[error("the library is open read-only ({0}); nothing was changed")]
    ReadOnly(String),
    /// Any other database error.
    #[error("library error: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Something the analyst asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Input that cannot be used as given.
    #[error("{0}")]
    Invalid(String),
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
