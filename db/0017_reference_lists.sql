-- 0017: reference raters. A published ratings list (Media Bias/Fact Check, NewsGuard, Ad Fontes,
-- an academic list) is kept as published, beside the desk's own grades and never inside them:
-- nothing here is read by the combined grade, the spread, the agreement statistic or the
-- disagreement queue. An analyst who agrees with a list records a rating of their own, with the
-- list's entry as its evidence (`rating_references`).

-- One version of one list. Versions share the list's name; the one imported last is the current
-- one (`current_reference_lists`), and older ones stay until the analyst deletes them (to the
-- trash).
CREATE TABLE reference_lists (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE,
    -- The date the publisher gives the list (YYYY-MM-DD), when the analyst gave it.
    published   TEXT,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL DEFAULT '',
    -- The file's name as imported (not its path: libraries travel).
    file        TEXT NOT NULL DEFAULT '',
    -- Identity of the version: a hash of its rows, so that importing the same file twice adds
    -- nothing, and the exchange file recognises it in another library.
    uid         TEXT NOT NULL UNIQUE,
    -- JSON: the file's columns in order, each {"name", "role"} (role: name, domain, link,
    -- reliability, rating, ignore).
    columns     TEXT NOT NULL,
    entries     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reference_lists_name ON reference_lists(name, imported_at, id);

-- The current version of each list: the one imported last. A version restored from the trash or
-- brought by a ratings file keeps the time it was imported, so it does not displace a newer one.
CREATE VIEW current_reference_lists AS
SELECT l.id, l.name FROM reference_lists l
WHERE NOT EXISTS (SELECT 1 FROM reference_lists o
                  WHERE o.name = l.name
                    AND (o.imported_at > l.imported_at
                         OR (o.imported_at = l.imported_at AND o.id > l.id)));

-- One row of a list, as published. `name_key` and `site_key` are what matching compares: the
-- name's words folded (a leading "the" aside), and the domain's name-like label ("dailysabah" of
-- "www.dailysabah.com"); `parent` is the domain one label up, for a list that rates a section of
-- a site ("highline.huffingtonpost.com").
CREATE TABLE reference_entries (
    id          INTEGER PRIMARY KEY,
    list_id     INTEGER NOT NULL REFERENCES reference_lists(id) ON DELETE CASCADE,
    line        INTEGER NOT NULL,
    name        TEXT,
    domain      TEXT,
    link        TEXT,
    name_key    TEXT,
    site_key    TEXT,
    parent      TEXT,
    -- JSON object: each rating column's published value, by column name.
    ratings     TEXT NOT NULL
);
CREATE INDEX reference_entries_list ON reference_entries(list_id, line);
CREATE INDEX reference_entries_domain ON reference_entries(domain) WHERE domain IS NOT NULL;
CREATE INDEX reference_entries_parent ON reference_entries(parent) WHERE parent IS NOT NULL;
CREATE INDEX reference_entries_name ON reference_entries(name_key) WHERE name_key IS NOT NULL;
CREATE INDEX reference_entries_site ON reference_entries(site_key) WHERE site_key IS NOT NULL;

-- An analyst's match of a row to an outlet, which wins over matching by domain and name;
-- `outlet_id` NULL says the row is no outlet of this library.
CREATE TABLE reference_matches (
    entry_id    INTEGER PRIMARY KEY REFERENCES reference_entries(id) ON DELETE CASCADE,
    outlet_id   INTEGER REFERENCES outlets(id) ON DELETE CASCADE,
    matched_by  TEXT NOT NULL,
    matched_at  TEXT NOT NULL
);
CREATE INDEX reference_matches_outlet ON reference_matches(outlet_id);

-- A rating an analyst adopted from a list: the entry as it was, kept with the rating (a copy,
-- so that deleting the list leaves the rating's evidence whole).
CREATE TABLE rating_references (
    rating_id   INTEGER PRIMARY KEY REFERENCES ratings(id) ON DELETE CASCADE,
    list        TEXT NOT NULL,
    version     TEXT NOT NULL,
    entry       TEXT NOT NULL,
    ratings     TEXT NOT NULL
);

-- The web hosts each outlet's articles come from, with how many: what matching by domain reads
-- (the registry of sources adds the domains it knows for an outlet's name). The import adds a
-- chunk's hosts with its articles (library/store.rs; a trigger on insert would slow it); these
-- triggers follow deletions and moves. `articles.host` is the article's address's host without
-- "www.", set by the import (text::site_of) and by the step in code after this file for the
-- articles already stored.
ALTER TABLE articles ADD COLUMN host TEXT;
CREATE TABLE outlet_hosts (
    outlet_id   INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    host        TEXT NOT NULL,
    articles    INTEGER NOT NULL,
    PRIMARY KEY (outlet_id, host)
) WITHOUT ROWID;
CREATE TRIGGER outlet_hosts_delete AFTER DELETE ON articles WHEN old.host IS NOT NULL BEGIN
    UPDATE outlet_hosts SET articles = articles - 1
        WHERE outlet_id = old.outlet_id AND host = old.host;
    DELETE FROM outlet_hosts WHERE outlet_id = old.outlet_id AND host = old.host AND articles <= 0;
END;
CREATE TRIGGER outlet_hosts_move AFTER UPDATE OF outlet_id ON articles
WHEN old.outlet_id IS NOT new.outlet_id AND new.host IS NOT NULL BEGIN
    UPDATE outlet_hosts SET articles = articles - 1
        WHERE outlet_id = old.outlet_id AND host = old.host;
    DELETE FROM outlet_hosts WHERE outlet_id = old.outlet_id AND host = old.host AND articles <= 0;
    INSERT INTO outlet_hosts(outlet_id, host, articles) VALUES (new.outlet_id, new.host, 1)
        ON CONFLICT(outlet_id, host) DO UPDATE SET articles = articles + 1;
END;

-- The trash learns deleted reference lists. SQLite cannot change a CHECK, so the table is rebuilt
-- with its rows (as 0008 and 0016 did).
CREATE TABLE trash_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('articles', 'ratings', 'outlet_merge', 'incidents',
                                              'notes', 'tags', 'collection', 'outlet',
                                              'reference')),
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
