-- 0015: linking at the size of a real library.
--
-- Until now every linking run read every article's features back as JSON and paired articles
-- through postings built in memory over the whole library, so time and memory grew faster than
-- the library. Now what linking needs is stored compactly and found through an index:
--   - link_features holds each article's MinHash signature (from which its band keys come) and
--     its same-incident features in a compact binary form, read only for candidates;
--   - link_keys is the inverted index: for each discriminating feature of an article (its
--     near-copy band keys, places, rarest words and names, actors, figures with their role) a
--     64-bit key, and the article's day, so that a new article finds its candidates by looking
--     up its own keys;
--   - link_terms holds document frequencies of words and names over the linked articles, so a
--     new article's rare words are weighed against the library without reading it.
-- Features of the earlier extractor (JSON) are dropped: the next run computes them again.

DROP TABLE link_features;
CREATE TABLE link_features (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    signature  BLOB NOT NULL,          -- 128 MinHash values, 4 bytes little-endian each
    features   BLOB NOT NULL           -- linking::features::Features, postcard-encoded
);
-- Which articles are linked, read without touching the wide rows: what a run has left to do,
-- and how many articles weigh words.
CREATE INDEX link_features_version ON link_features(version);

-- Rows of deleted articles are not removed here (an index on article_id would double the cost
-- of every insert); a lookup drops keys whose article has no features row, and a rebuild
-- clears the table.
-- Keyed by day within a key, so that a lookup reads only the articles of the days around the
-- new article's own.
CREATE TABLE link_keys (
    key        INTEGER NOT NULL,
    day        INTEGER NOT NULL,       -- the article's date in days from 0001-01-01; 0 undated
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, day, article_id)
) WITHOUT ROWID;

-- New keys go here first, and move into link_keys in bulk once this holds a few million: a key
-- is a random 64-bit hash, so each new article's keys land on as many pages of a large index,
-- and a run of a thousand new articles would rewrite tens of thousands of pages of it. Lookups
-- read both tables.
CREATE TABLE link_keys_recent (
    key        INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, day, article_id)
) WITHOUT ROWID;

-- Articles linking has still to analyse: added when an article is imported or restored, or its
-- title, body or date changes (by the trigger below; the import and the trash add their own
-- rows, as a trigger on every insert made importing 20,000 articles 2.5 times slower), removed
-- when a linking round stores it. A run reads this instead of comparing every article with
-- link_features.
CREATE TABLE link_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
INSERT INTO link_pending(article_id) SELECT id FROM articles;
CREATE TRIGGER link_pending_changed AFTER UPDATE OF title, body, published ON articles
BEGIN
    INSERT OR IGNORE INTO link_pending(article_id) VALUES (new.id);
END;

CREATE TABLE link_terms (
    term INTEGER PRIMARY KEY,          -- 64-bit hash of a folded word or name
    df   INTEGER NOT NULL              -- linked articles that hold it
);

-- One row per linking run, so the Suggestions view can say when the last run left comparisons
-- out: an article whose band or feature was shared by too many others (a flood of copies, a
-- hundred thousand reports of one day and place) is compared with a bounded number of them.
CREATE TABLE link_runs (
    id           INTEGER PRIMARY KEY,
    finished_at  TEXT NOT NULL,
    articles     INTEGER NOT NULL,     -- articles linked in the run
    capped       INTEGER NOT NULL      -- of them, articles compared with only some candidates
);

-- Articles linked whose suggestions have not been refreshed yet: written with a round's
-- results, cleared once the queue holds what they make, so a run killed in between leaves the
-- next run the grouping to do.
CREATE TABLE link_ungrouped (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
