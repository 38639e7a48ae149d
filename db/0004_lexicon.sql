-- 0004: the framing lexicon, per library.
--
-- The analyst edits the lexicon (actors and their names, loaded words, euphemisms, hedges,
-- generic labels, sources) in the Lexicon view; the edited copy is kept here as the TOML text
-- they wrote, comments and order included, so the view shows it back as written and it travels
-- with the library. No row: the library uses the lexicon shipped in assets/lexicon.toml.
--
-- The term tables of 0001 were never filled; the lexicon lives here instead.
DROP TABLE IF EXISTS lexicon_terms;
DROP TABLE IF EXISTS lexicon_groups;

CREATE TABLE library_lexicon (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    text        TEXT NOT NULL,
    edited_by   TEXT NOT NULL,
    edited_at   TEXT NOT NULL
);
