-- 0009: rating axes of the analyst's own beyond reliability, and resolutions of disagreements.
--
-- An axis is a property the analyst judges outlets on besides reliability ("state-affiliated"
-- yes/no, "ownership country" as a choice or free text). Its values are kept like ratings:
-- append-only, by analyst and time; the current value of an axis for an outlet is the latest
-- one recorded. A resolution records that a disagreement between analysts' current grades
-- (of an outlet, or credibility marks of an article) was discussed: who, when, a note and,
-- optionally, the agreed grade (which is also stored as a new rating or mark by the resolving
-- analyst). Nothing here changes a rating or a mark: both analysts' histories stay whole.
--
-- (Numbered 9: 0008 is another change made at the same time.)

CREATE TABLE axes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('yes_no', 'choice', 'text')),
    choices     TEXT NOT NULL DEFAULT '[]',       -- JSON array of the allowed values (choice axes)
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
-- An axis's name and kind never change: values recorded under it keep their meaning.
CREATE TRIGGER axes_append_only BEFORE UPDATE OF id, name, kind ON axes BEGIN
    SELECT RAISE(ABORT, 'axes keep their name and kind: add a new axis instead');
END;

-- Values of an axis for an outlet; append-only. The empty value clears the axis for the outlet.
CREATE TABLE axis_values (
    id          INTEGER PRIMARY KEY,
    axis_id     INTEGER NOT NULL REFERENCES axes(id) ON DELETE CASCADE,
    outlet_id   INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    analyst     TEXT NOT NULL,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    uid         TEXT NOT NULL UNIQUE              -- so that a ratings file imports once
);
CREATE INDEX axis_values_outlet ON axis_values(outlet_id, axis_id, created_at);
CREATE INDEX axis_values_axis ON axis_values(axis_id);
-- What a value says never changes; only the outlet it belongs to may, when outlets are merged.
CREATE TRIGGER axis_values_append_only BEFORE UPDATE OF id, axis_id, analyst, value, created_at, uid ON axis_values BEGIN
    SELECT RAISE(ABORT, 'axis values are append-only: record a new value instead');
END;

-- Resolutions of disagreements. The subject is an outlet (by id, moved with it when outlets are
-- merged) or an article (by content hash, so that a resolution outlives the article's stay in
-- the trash and travels in ratings files the way assessments do).
CREATE TABLE resolutions (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER REFERENCES outlets(id) ON DELETE CASCADE,
    article_hash TEXT,
    resolved_by TEXT NOT NULL,
    note        TEXT NOT NULL,
    grade       TEXT,                             -- the agreed grade (A-F) or mark (1-6), if any
    created_at  TEXT NOT NULL,
    uid         TEXT NOT NULL UNIQUE,
    CHECK ((outlet_id IS NULL) != (article_hash IS NULL))
);
CREATE INDEX resolutions_outlet ON resolutions(outlet_id, created_at);
CREATE INDEX resolutions_article ON resolutions(article_hash, created_at);
CREATE TRIGGER resolutions_append_only BEFORE UPDATE OF id, article_hash, resolved_by, note, grade, created_at, uid ON resolutions BEGIN
    SELECT RAISE(ABORT, 'resolutions are append-only: record a new resolution instead');
END;
