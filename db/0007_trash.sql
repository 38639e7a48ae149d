-- 0007: the trash. What a destructive edit takes away (deleted articles and ratings, outlets merged
-- into another, incidents deleted or merged) is kept here, whole, until the analyst empties the
-- trash, so that Edit > Undo and Edit > Trash can put it back exactly. `payload` is JSON written
-- and read by src/library/trash.rs; `items` is how many things the entry holds, for the list.
CREATE TABLE trash (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('articles', 'ratings', 'outlet_merge', 'incidents')),
    label       TEXT NOT NULL,
    items       INTEGER NOT NULL DEFAULT 1,
    deleted_by  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    payload     TEXT NOT NULL
);
