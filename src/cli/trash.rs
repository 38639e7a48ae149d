//! Destructive edits and their undoing: `delete` sends articles to the trash, and `trash` lists
//! what destructive edits removed, puts an entry back (`restore`) or removes it all for good
//! (`empty`).

use triangulate_core::library::Library;

use super::Outcome;
use super::args::TrashAction;
use super::common::print_json;

/// `triangulate delete`: the articles to the trash, from which `trash restore` brings them back.
pub(super) fn delete(
    mut library: Library,
    articles: &[i64],
    analyst: &str,
) -> anyhow::Result<Outcome> {
    let (n, undo) = library.delete_articles(articles, analyst)?;
    println!(
        "Deleted {n} article(s) ({}); `triangulate trash` lists them, `trash restore` brings them back.",
        undo.label
    );
    Ok(Outcome::Exit(0))
}

/// `triangulate trash [restore|empty]`: listing opens the library read-only when another
/// Triangulate writes it; restoring and emptying open it to write.
pub(super) fn trash(
    path: &std::path::Path,
    action: Option<TrashAction>,
    json: bool,
) -> anyhow::Result<Outcome> {
    match action {
        None => {
            let entries = Library::open_or_read_only(path)?.trash()?;
            if json {
                print_json(&entries)?;
            } else if entries.is_empty() {
                println!("The trash is empty.");
            } else {
                for e in &entries {
                    println!(
                        "{:>5}  {}  {}{}",
                        e.id,
                        e.deleted_at.get(..16).unwrap_or(&e.deleted_at),
                        e.label,
                        if e.deleted_by.is_empty() {
                            String::new()
                        } else {
                            format!(" (by {})", e.deleted_by)
                        }
                    );
                }
            }
        }
        Some(TrashAction::Restore { entry }) => {
            let restored = Library::open(path)?.restore_trash(entry)?;
            if json {
                print_json(&restored)?;
            } else {
                println!("Undid {}: {} put back.", restored.label, restored.restored);
                for why in &restored.skipped {
                    println!("  not put back: {why}");
                }
            }
        }
        Some(TrashAction::Empty) => {
            let n = Library::open(path)?.empty_trash()?;
            println!("Emptied the trash ({n} entries removed for good).");
        }
    }
    Ok(Outcome::Exit(0))
}
