-- 0002: what the importer learned about each article's source, so the analyst can judge it:
-- the detected encoding, the file format, where the date came from, whether the outlet was guessed.

ALTER TABLE articles ADD COLUMN encoding TEXT;
ALTER TABLE articles ADD COLUMN format TEXT;
ALTER TABLE articles ADD COLUMN date_source TEXT CHECK (date_source IN ('metadata', 'text'));
ALTER TABLE articles ADD COLUMN author TEXT;
ALTER TABLE outlets ADD COLUMN name_is_guess INTEGER NOT NULL DEFAULT 0 CHECK (name_is_guess IN (0, 1));
