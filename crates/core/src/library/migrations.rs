//! The schema as numbered migrations from `db/`, compiled into the binary and applied in order.
//! `PRAGMA user_version` records the last one applied; each runs in its own transaction.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// One schema change: its number (the `user_version` after it), its file name, its SQL, and
/// the step in code that follows the SQL in the same transaction where SQL alone cannot say it
/// (editing the TOML text of a library's lexicon).
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
    pub code: Option<fn(&rusqlite::Transaction) -> Result<()>>,
}

/// Every migration, in order. Add new ones at the end; never edit one that has shipped.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init.sql",
        sql: include_str!("../../../../db/0001_init.sql"),
        code: None,
    },
    Migration {
        version: 2,
        name: "0002_ratings_exchange.sql",
        sql: include_str!("../../../../db/0002_ratings_exchange.sql"),
        code: None,
    },
    Migration {
        version: 3,
        name: "0003_linking.sql",
        sql: include_str!("../../../../db/0003_linking.sql"),
        code: None,
    },
    Migration {
        version: 4,
        name: "0004_lexicon.sql",
        sql: include_str!("../../../../db/0004_lexicon.sql"),
        code: None,
    },
    Migration {
        version: 5,
        name: "0005_browse_indexes.sql",
        sql: include_str!("../../../../db/0005_browse_indexes.sql"),
        code: None,
    },
    Migration {
        version: 6,
        name: "0006_outlet_article_counts.sql",
        sql: include_str!("../../../../db/0006_outlet_article_counts.sql"),
        code: None,
    },
    Migration {
        version: 7,
        name: "0007_trash.sql",
        sql: include_str!("../../../../db/0007_trash.sql"),
        code: None,
    },
    Migration {
        version: 8,
        name: "0008_notes_tags_collections.sql",
        sql: include_str!("../../../../db/0008_notes_tags_collections.sql"),
        code: None,
    },
    Migration {
        version: 9,
        name: "0009_axes_disagreements.sql",
        sql: include_str!("../../../../db/0009_axes_disagreements.sql"),
        code: None,
    },
    Migration {
        version: 10,
        name: "0010_full_text_once.sql",
        sql: include_str!("../../../../db/0010_full_text_once.sql"),
        code: None,
    },
    Migration {
        version: 11,
        name: "0011_current_views.sql",
        sql: include_str!("../../../../db/0011_current_views.sql"),
        code: None,
    },
    Migration {
        version: 12,
        name: "0012_corrections.sql",
        sql: include_str!("../../../../db/0012_corrections.sql"),
        code: None,
    },
    Migration {
        version: 13,
        name: "0013_title_outlet_sources.sql",
        sql: include_str!("../../../../db/0013_title_outlet_sources.sql"),
        code: None,
    },
    Migration {
        version: 14,
        name: "0014_sample_world.sql",
        sql: include_str!("../../../../db/0014_sample_world.sql"),
        code: Some(super::world::separate_sample_world),
    },
    Migration {
        version: 15,
        name: "0015_linking_index.sql",
        sql: include_str!("../../../../db/0015_linking_index.sql"),
        code: None,
    },
    Migration {
        version: 16,
        name: "0016_outlet_trash.sql",
        sql: include_str!("../../../../db/0016_outlet_trash.sql"),
        code: None,
    },
    Migration {
        version: 17,
        name: "0017_reference_lists.sql",
        sql: include_str!("../../../../db/0017_reference_lists.sql"),
        code: Some(super::references::hosts_of_stored_articles),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The schema version recorded in the file.
pub fn current_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get::<_, u32>(0))?)
}

/// Applies every migration above the file's version up to `target`, each in one transaction.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let current = current_version(conn)?;
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        let wrap = |source| Error::Migration {
            version: migration.version,
            name: migration.name,
            source,
        };
        let tx = conn.transaction().map_err(wrap)?;
        tx.execute_batch(migration.sql).map_err(wrap)?;
        if let Some(code) = migration.code {
            code(&tx).map_err(|e| Error::MigrationStep {
                version: migration.version,
                name: migration.name,
                reason: e.to_string(),
            })?;
        }
        tx.pragma_update(None, "user_version", migration.version)
            .map_err(wrap)?;
        tx.commit().map_err(wrap)?;
    }
    Ok(())
}
