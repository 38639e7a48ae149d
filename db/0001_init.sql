-- 0001: the first schema of a Triangulate library.
-- Applied in one transaction when a library is created; PRAGMA user_version records it.

CREATE TABLE outlets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name_is_guess INTEGER NOT NULL DEFAULT 0 CHECK (name_is_guess IN (0, 1)),  -- taken from a folder name
    domain      TEXT,
    country     TEXT,
    language    TEXT,
    kind        TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Other spellings of an outlet's name; an alias resolves to its outlet on import.
CREATE TABLE outlet_aliases (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    alias       TEXT NOT NULL COLLATE NOCASE UNIQUE
);
CREATE INDEX outlet_aliases_outlet ON outlet_aliases(outlet_id);

CREATE TABLE import_batches (
    id                  INTEGER PRIMARY KEY,
    roots               TEXT NOT NULL,            -- JSON array of the paths given
    started_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    finished_at         TEXT,
    status              TEXT NOT NULL DEFAULT 'running'
                        CHECK (status IN ('running', 'finished', 'cancelled', 'failed')),
    files_seen          INTEGER NOT NULL DEFAULT 0,
    imported            INTEGER NOT NULL DEFAULT 0,
    skipped_duplicates  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_problems (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX import_problems_batch ON import_problems(batch_id);

-- One row per article. Small columns first and the body last, so listing reads no overflow pages.
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    outlet_id       INTEGER NOT NULL REFERENCES outlets(id),
    published       TEXT,                         -- YYYY-MM-DD
    date_source     TEXT CHECK (date_source IN ('metadata', 'text')),
    word_count      INTEGER NOT NULL DEFAULT 0,
    language        TEXT,
    encoding        TEXT,
    format          TEXT,
    batch_id        INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    imported_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    content_hash    TEXT NOT NULL UNIQUE,         -- identity of the record: re-importing it adds nothing
    text_hash       TEXT NOT NULL,                -- hash of the folded body: equal for exact copies
    source_path     TEXT NOT NULL,
    url             TEXT,
    author          TEXT,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL                 -- cleaned: full_text minus the removed spans not restored
);
CREATE INDEX articles_outlet ON articles(outlet_id, published, id);
CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX articles_text_hash ON articles(text_hash);

-- The article as extracted before cleaning, and the decoded source where it differs (HTML, JSON,
-- CSV): kept apart so that the articles table stays small to scan.
CREATE TABLE article_texts (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    full_text   TEXT NOT NULL,
    raw         TEXT
);

-- What cleaning cut from full_text, with why; restoring a span puts it back into body.
CREATE TABLE removed_spans (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,                 -- byte offsets into full_text
    end         INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    restored    INTEGER NOT NULL DEFAULT 0 CHECK (restored IN (0, 1)),
    CHECK (start <= end)
);
CREATE INDEX removed_spans_article ON removed_spans(article_id);

-- Full-text index over title and cleaned body. Inserts are made by the importer's one write path
-- (an explicit insert is twice as fast as a trigger's); updates and deletes are kept in step here.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Build bigger segments in memory and merge less while importing (measured: about 1.6x the rows/s).
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('pgsz', 8000);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Outlet reliability ratings (Admiralty A-F). Append-only: the current rating is the latest per analyst.
CREATE TABLE ratings (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    analyst     TEXT NOT NULL,
    grade       TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    rationale   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX ratings_outlet ON ratings(outlet_id, analyst, created_at);
-- What a rating says never changes; only the outlet it belongs to may, when outlets are merged.
CREATE TRIGGER ratings_append_only BEFORE UPDATE OF id, analyst, grade, rationale, created_at ON ratings BEGIN
    SELECT RAISE(ABORT, 'ratings are append-only: add a new rating instead');
END;

CREATE TABLE rating_criteria (
    rating_id   INTEGER NOT NULL REFERENCES ratings(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL CHECK (value IN ('yes', 'no', 'partly', 'unknown')),
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (rating_id, key)
);

CREATE TABLE rating_evidence (
    rating_id   INTEGER NOT NULL REFERENCES ratings(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (rating_id, article_id)
);

-- Information credibility of one article (Admiralty 1-6), by analyst; append-only like ratings.
CREATE TABLE assessments (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    analyst     TEXT NOT NULL,
    credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX assessments_article ON assessments(article_id, analyst, created_at);

CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    date        TEXT,
    place       TEXT,
    summary     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX incidents_date ON incidents(date, id);

CREATE TABLE incident_articles (
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    linked_by   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    linked_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (incident_id, article_id)
);
CREATE INDEX incident_articles_article ON incident_articles(article_id);

-- Link suggestions. members_key is the sorted member ids, so a rejected set is never suggested again.
CREATE TABLE suggestions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('exact_copy', 'near_copy', 'same_incident')),
    members_key TEXT NOT NULL,
    score       REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    evidence    TEXT NOT NULL DEFAULT '[]',       -- JSON array of readable items
    status      TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'accepted', 'rejected')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    decided_by  TEXT,
    decided_at  TEXT,
    UNIQUE (kind, members_key)
);
CREATE INDEX suggestions_queue ON suggestions(status, score DESC);

CREATE TABLE suggestion_articles (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (suggestion_id, article_id)
);
CREATE INDEX suggestion_articles_article ON suggestion_articles(article_id);

-- Framing lexicon: groups of terms naming one thing (an actor and all its names), or a category
-- of words (loaded, euphemism, hedge).
CREATE TABLE lexicon_groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    category    TEXT NOT NULL CHECK (category IN ('actor', 'loaded', 'euphemism', 'hedge'))
);
CREATE TABLE lexicon_terms (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES lexicon_groups(id) ON DELETE CASCADE,
    term        TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (group_id, term)
);
