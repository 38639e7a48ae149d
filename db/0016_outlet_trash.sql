-- 0016: the trash learns deleted outlets. `triangulate outlet delete` and the Outlets view's
-- Delete remove an outlet only when no article is left on it; its aliases, ratings, axis
-- values, resolutions, notes and tags go to the trash with it, so that `trash restore` and
-- Edit > Undo put it back whole. SQLite cannot change a CHECK, so the table is rebuilt with its
-- rows (as 0008 did).
CREATE TABLE trash_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('articles', 'ratings', 'outlet_merge', 'incidents',
                                              'notes', 'tags', 'collection', 'outlet')),
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
