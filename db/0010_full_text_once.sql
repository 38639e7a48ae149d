-- 0010: an imported article's full text is kept once.
--
-- An article's full text (before cleaning) is most often its cleaned body with only what cleaning
-- cut above and below it: the headline line, and reader comments or an appended story. Such an
-- article stores that head and tail beside its body instead of a second copy of the whole text in
-- article_texts (about 4 KB an article: a third of the library file and of an import's writes).
-- Articles with a cut inside the text, or whose decoded source differs (HTML, JSON, CSV), keep
-- their article_texts row as before. The view gives every article's full text either way; a span
-- restored into the body makes the article's full text a row of its own first (library/mod.rs).
ALTER TABLE articles ADD COLUMN text_head TEXT;
ALTER TABLE articles ADD COLUMN text_tail TEXT;

CREATE VIEW article_full_texts AS
SELECT a.id AS article_id,
       coalesce(t.full_text, a.text_head || a.body || a.text_tail) AS full_text,
       t.raw AS raw
FROM articles a
LEFT JOIN article_texts t ON t.article_id = a.id;
