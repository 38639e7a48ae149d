-- 0008: the analyst's working layer: notes, tags and collections.
--
-- Notes are free text on one article, outlet or incident, or on a span of an article's text
-- (byte offsets into `article_texts.full_text`, which never changes, so a note's span holds
-- whatever cleaning spans the analyst restores later; `quote` keeps the words it marked).
-- Each note belongs to exactly one thing and goes with it: deleting the article, outlet or
-- incident deletes its notes (the trash keeps them with it). `uid` lets a notes file import once.
CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    article_id  INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    outlet_id   INTEGER REFERENCES outlets(id) ON DELETE CASCADE,
    incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
    span_start  INTEGER,
    span_end    INTEGER,
    quote       TEXT,
    author      TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    edited_at   TEXT,
    CHECK ((article_id IS NOT NULL) + (outlet_id IS NOT NULL) + (incident_id IS NOT NULL) = 1),
    CHECK ((span_start IS NULL) = (span_end IS NULL)),
    CHECK (span_start IS NULL OR (article_id IS NOT NULL AND span_start < span_end))
);
CREATE INDEX notes_article ON notes(article_id) WHERE article_id IS NOT NULL;
CREATE INDEX notes_outlet ON notes(outlet_id) WHERE outlet_id IS NOT NULL;
CREATE INDEX notes_incident ON notes(incident_id) WHERE incident_id IS NOT NULL;

-- Notes are few next to articles: a trigger keeps their full-text index (the import's speed
-- does not depend on it).
CREATE VIRTUAL TABLE notes_fts USING fts5(
    text, quote,
    content = 'notes', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, text, quote) VALUES (new.id, new.text, coalesce(new.quote, ''));
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, text, quote)
    VALUES ('delete', old.id, old.text, coalesce(old.quote, ''));
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF text, quote ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, text, quote)
    VALUES ('delete', old.id, old.text, coalesce(old.quote, ''));
    INSERT INTO notes_fts(rowid, text, quote) VALUES (new.id, new.text, coalesce(new.quote, ''));
END;

-- Tags: one name, applied to articles, outlets and incidents. A tag with nothing under it stays
-- until deleted, so that a filter saved on it keeps meaning something.
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE article_tags (
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tagged_by   TEXT NOT NULL,
    tagged_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (tag_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_article ON article_tags(article_id);
CREATE TABLE outlet_tags (
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    outlet_id   INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    tagged_by   TEXT NOT NULL,
    tagged_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (tag_id, outlet_id)
) WITHOUT ROWID;
CREATE INDEX outlet_tags_outlet ON outlet_tags(outlet_id);
CREATE TABLE incident_tags (
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    tagged_by   TEXT NOT NULL,
    tagged_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (tag_id, incident_id)
) WITHOUT ROWID;
CREATE INDEX incident_tags_incident ON incident_tags(incident_id);

-- Collections of articles: a saved filter (`filter`, JSON written by src/library/notes.rs: the
-- Library view's filters and search words) or a hand-picked set (`filter` NULL, members below).
CREATE TABLE collections (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    filter      TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE collection_articles (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (collection_id, article_id)
) WITHOUT ROWID;
CREATE INDEX collection_articles_article ON collection_articles(article_id);

-- The trash learns three more kinds of entry: deleted notes, tags taken off, and deleted
-- collections. SQLite cannot change a CHECK, so the table is rebuilt with its rows.
CREATE TABLE trash_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('articles', 'ratings', 'outlet_merge', 'incidents',
                                              'notes', 'tags', 'collection')),
    label       TEXT NOT NULL,
    items       INTEGER NOT NULL DEFAULT 1,
    deleted_by  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    payload     TEXT NOT NULL
);
INSERT INTO trash_new(id, kind, label, items, deleted_by, deleted_at, payload)
    SELECT id, kind, label, items, deleted_by, deleted_at, payload FROM trash;
DROP TABLE trash;
ALTER TABLE trash_new RENAME TO trash;
