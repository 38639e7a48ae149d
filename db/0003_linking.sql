-- Linking state kept in the library, so a reopened library does not recompute what it has and
-- linking new articles checks only them against the rest.

-- Per article: the LSH band keys of its MinHash signature and the same-incident features
-- (date, places, actors, numbers, names, weighted content words). `version` is the extractor's;
-- rows of an older extractor are recomputed.
CREATE TABLE link_features (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    bands      BLOB NOT NULL,          -- 42 band keys, 8 bytes little-endian each
    features   TEXT NOT NULL           -- JSON (linking::features::Features)
);

-- Scored pairs: copies (exact, near) and same-incident candidates above the keep floor. `a < b`.
CREATE TABLE link_pairs (
    a        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('exact_copy', 'near_copy', 'same_incident')),
    score    REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    evidence TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (a, b, kind),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX link_pairs_b ON link_pairs(b);

-- Place names the analyst added to the gazetteer that ships with the program.
CREATE TABLE place_names (
    place TEXT NOT NULL COLLATE NOCASE,    -- the name the place is shown under
    name  TEXT NOT NULL COLLATE NOCASE,    -- another spelling of it
    PRIMARY KEY (place, name)
);

-- What accepting a same-incident suggestion creates when none of its articles is in an incident
-- yet: JSON {title, date, place, summary}.
ALTER TABLE suggestions ADD COLUMN proposal TEXT;
CREATE INDEX suggestions_kind ON suggestions(kind, status);

-- Pairs of articles the analyst said do not report one incident (by rejecting a suggestion, or by
-- leaving an article out when accepting one). Linking never suggests them together again. `a < b`.
CREATE TABLE link_rejections (
    a           INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b           INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    rejected_by TEXT NOT NULL,
    rejected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
