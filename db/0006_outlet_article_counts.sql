-- 0006: each outlet's number of articles, kept in step by the import and by triggers.
--
-- The Outlets view lists every outlet with its article count; counting a million articles by
-- outlet on each visit took a tenth of a second. The import's one write path (library/store.rs)
-- adds each chunk's articles to their outlets' counts; the triggers below keep the count as
-- articles are deleted or moved to another outlet (an insert trigger measured 40% of the
-- import's speed); `triangulate check` compares it with a count.
ALTER TABLE outlets ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
UPDATE outlets SET article_count = (SELECT count(*) FROM articles a WHERE a.outlet_id = outlets.id);

CREATE TRIGGER outlets_count_delete AFTER DELETE ON articles BEGIN
    UPDATE outlets SET article_count = article_count - 1 WHERE id = old.outlet_id;
END;
CREATE TRIGGER outlets_count_move AFTER UPDATE OF outlet_id ON articles
WHEN old.outlet_id IS NOT new.outlet_id BEGIN
    UPDATE outlets SET article_count = article_count - 1 WHERE id = old.outlet_id;
    UPDATE outlets SET article_count = article_count + 1 WHERE id = new.outlet_id;
END;
