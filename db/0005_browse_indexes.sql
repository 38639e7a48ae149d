-- 0005: indexes for browsing a large library (a million articles and more).
--
-- The Library view pages through articles by keyset: each page starts after the sort key and id
-- of the last row shown, so every sort order needs an index on (key, id) to seek to that row.
-- Undated articles sort as '' (before every date), hence coalesce(published, '') in the keys:
-- one expression the queries repeat word for word, so that SQLite matches them to the index.
DROP INDEX IF EXISTS articles_published;
DROP INDEX IF EXISTS articles_outlet;
CREATE INDEX articles_day ON articles(coalesce(published, ''), id);
CREATE INDEX articles_outlet_day ON articles(outlet_id, coalesce(published, ''), id);
CREATE INDEX articles_title ON articles(title COLLATE NOCASE, id);
CREATE INDEX articles_words ON articles(word_count, id);
CREATE INDEX articles_language ON articles(language, coalesce(published, ''), id);
-- Incidents listed newest first; undated last.
DROP INDEX IF EXISTS incidents_date;
CREATE INDEX incidents_day ON incidents(coalesce(date, ''), id);
