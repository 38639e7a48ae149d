//! What the commands share: the library file they open, the analyst they act for, how they print
//! JSON and columns, and the outlets and tags they look up by name. A helper that one group of
//! commands uses belongs in that group's file, not here.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;
use triangulate_core::library::{self, Library};

/// The library a command works on: the file `--library` names, else the default one.
pub(super) struct LibraryFile {
    path: PathBuf,
}

impl LibraryFile {
    /// `named`, else `library.sqlite` in the platform's data folder.
    pub(super) fn new(named: Option<PathBuf>) -> anyhow::Result<Self> {
        let path = match named {
            Some(path) => path,
            None => library::default_library_path()?,
        };
        Ok(Self { path })
    }

    /// The file, for a command that opens it its own way.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Opened to write: created if it does not exist, its schema brought up to date.
    pub(super) fn open(&self) -> anyhow::Result<Library> {
        Library::open(&self.path).with_context(|| "opening the library".to_string())
    }

    /// Opened to read. Commands that only read work beside another Triangulate that is writing
    /// the library: they get it read-only instead of an error.
    pub(super) fn read(&self) -> anyhow::Result<Library> {
        Library::open_or_read_only(&self.path).with_context(|| "opening the library".to_string())
    }
}

/// The analyst named on the command line, else $TRIANGULATE_ANALYST, else the user's name.
pub(super) fn analyst(named: Option<String>) -> String {
    named
        .or_else(|| std::env::var("TRIANGULATE_ANALYST").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "analyst".to_string())
}

/// `value` as one pretty-printed JSON document on stdout: what `--json` prints.
pub(super) fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `s` cut to `n` characters, the last of them an ellipsis: a column of a listing.
pub(super) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// "1 row", "3 rows": a count with its noun.
pub(super) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The tag named `name`, or an error that points to `triangulate tags`.
pub(super) fn tag_id(library: &Library, name: &str) -> anyhow::Result<triangulate_core::model::Id> {
    library
        .tag_id(name)?
        .with_context(|| format!("no tag named “{name}” (see `triangulate tags`)"))
}

/// The outlet named `name` (name or alias), or an error that points to `triangulate outlets`.
pub(super) fn find_outlet(library: &Library, name: &str) -> anyhow::Result<i64> {
    library
        .outlet_id(name)?
        .with_context(|| format!("no outlet called {name:?}; see `triangulate outlets`"))
}
