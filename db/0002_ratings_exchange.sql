-- 0002: ratings travel between machines. Each rating and assessment gets a uid, so that importing
-- another analyst's ratings file appends what is new and a re-import adds nothing.

ALTER TABLE ratings ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX ratings_uid ON ratings(uid) WHERE uid IS NOT NULL;
ALTER TABLE assessments ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX assessments_uid ON assessments(uid) WHERE uid IS NOT NULL;
