-- 0012: the analyst's corrections of an article's title, date and outlet, and where every
-- article's date came from.
--
-- Where a date came from. `articles.date_source` (0001) may only say 'metadata' or 'text', and
-- SQLite cannot change a CHECK. Changing it means rebuilding `articles`: copying every article
-- with its body, dropping the table under the full-text index's triggers, the outlets' count
-- triggers, the browse indexes and the foreign keys of a dozen tables that point at it, and
-- making all of them again — on a million articles, minutes of writing and the easiest way to
-- lose something. Instead a new column, `published_source`, holds the source with the full list
-- of values and `none` for an undated article; it is the only one read and written from now on.
-- The old column is emptied in the same statement that carries its values over (the row is
-- rewritten either way), so no stale copy is left to be read by mistake. Undated rows with no
-- source already read 'none' from the column's default and are not rewritten.
--   metadata  the file's own metadata (a meta tag, JSON-LD, a CSV column, front matter)
--   address   the page's address (a /YYYY/MM/DD/ path)
--   dateline  the dateline at the top of the article
--   text      found in the text: a guess
--   analyst   set by an analyst (a correction, below)
--   none      no date
ALTER TABLE articles ADD COLUMN published_source TEXT NOT NULL DEFAULT 'none'
    CHECK (published_source IN ('metadata', 'address', 'dateline', 'text', 'analyst', 'none'));
UPDATE articles
   SET published_source = CASE WHEN published IS NULL THEN 'none'
                               ELSE coalesce(date_source, 'text') END,
       date_source = NULL
 WHERE published IS NOT NULL OR date_source IS NOT NULL;

-- The analyst's corrections, one row per field changed: what it was, what it became, who
-- changed it and when (library::clock::now). The article's row holds the corrected value; this
-- table is its history, read by `article --json` and the reader. Append-only: a correction is
-- never changed, only followed by another. Undoing a correction (Edit > Undo) deletes the rows
-- that edit added, as if it had not been made; deleting the article keeps them in the trash with
-- it. Re-import never touches an article already in the library (it is keyed by content_hash,
-- which a correction leaves alone), so a correction is never overwritten.
CREATE TABLE article_corrections (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field        TEXT NOT NULL CHECK (field IN ('title', 'date', 'outlet')),
    old_value    TEXT,                     -- NULL: the article had no date
    new_value    TEXT NOT NULL,
    old_source   TEXT,                     -- a date's: where the old date came from
    analyst      TEXT NOT NULL,
    corrected_at TEXT NOT NULL
);
CREATE INDEX article_corrections_article ON article_corrections(article_id, id);
CREATE TRIGGER article_corrections_append_only BEFORE UPDATE ON article_corrections BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only: correct the article again instead');
END;
