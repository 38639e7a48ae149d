//! One writing process per library. Whoever opens a library for writing holds an exclusive OS lock
//! on a file beside it (`library.sqlite.lock`), which the OS releases when the process ends, however
//! it ends. A second Triangulate finds the lock taken and opens the library read-only instead.
//!
//! SQLite alone would let two processes write in turn, each waiting for the other's transactions;
//! but each keeps views, undo history and linking state that the other's writes would make stale
//! (an undo could put back an incident the other merged). The lock is on a separate file because
//! locking the database file itself would clash with SQLite's own byte-range locks on Windows.
//! Within one process every writer shares the lock: the app's background jobs write through their
//! own connections while its window keeps one open.

use std::collections::HashMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, Weak};

use crate::error::{Error, Result};

/// The lock of one library, held while any writer of this process has it open.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// Locks held by this process, by lock-file path.
static HELD: LazyLock<Mutex<HashMap<PathBuf, Weak<WriterLock>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The lock file of the library at `library`: its file name with `.lock` added.
pub fn lock_path(library: &Path) -> PathBuf {
    let mut name = library.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    library.with_file_name(name)
}

/// Takes the writer's lock of `library` for this process, or shares the one this process holds.
/// Fails with [`Error::InUse`] when another process holds it.
pub fn acquire(library: &Path) -> Result<Arc<WriterLock>> {
    let path = lock_path(library);
    // The same file under another spelling (relative, through a symlink) is the same lock.
    let key = path
        .parent()
        .and_then(|dir| std::fs::canonicalize(dir).ok())
        .map_or_else(
            || path.clone(),
            |dir| dir.join(path.file_name().unwrap_or_default()),
        );
    let mut held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(lock) = held.get(&key).and_then(Weak::upgrade) {
        return Ok(lock);
    }
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    // A lock this process wrote and has let go of can still be held for a moment by a child
    // it is starting (the lock belongs to the open file, which a fork shares until the child
    // runs its program and closes it): that is waited out, briefly. Another process's lock
    // refuses at once.
    let mut tries = 0;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                // Best effort: the holder wrote its process id; a lock without one still refuses.
                let _ = file.rewind();
                let _ = file.read_to_string(&mut holder);
                let holder: Option<u32> = holder.trim().parse().ok();
                if holder == Some(std::process::id()) && tries < 40 {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(25));
                    continue;
                }
                return Err(Error::InUse {
                    path: library.to_path_buf(),
                    holder,
                });
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
    }
    // Who holds it, for the other process's message. The lock, not this text, is what counts.
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    write!(file, "{}", std::process::id()).map_err(io)?;
    let lock = Arc::new(WriterLock { _file: file });
    held.retain(|_, weak| weak.strong_count() > 0);
    held.insert(key, Arc::downgrade(&lock));
    Ok(lock)
}
