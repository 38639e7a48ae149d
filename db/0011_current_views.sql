-- 0011: "an analyst's current rating is their latest", said once.
--
-- Ratings, credibility marks and axis values are append-only; what counts now is the latest row
-- per analyst and outlet (ratings), per analyst and article (marks), and per outlet and axis
-- (axis values), ties on time going to the later row. Queries read these views instead of each
-- writing the subquery again. Times are written by one clock (library/clock.rs) to the
-- microsecond; older rows keep the precision they were written with and still order correctly
-- within their own analyst's history.

CREATE VIEW current_ratings AS
SELECT r.id, r.outlet_id, r.analyst, r.grade, r.rationale, r.created_at, r.uid
FROM ratings r
WHERE r.id = (SELECT r2.id FROM ratings r2
              WHERE r2.outlet_id = r.outlet_id AND r2.analyst = r.analyst
              ORDER BY r2.created_at DESC, r2.id DESC LIMIT 1);

CREATE VIEW current_assessments AS
SELECT s.id, s.article_id, s.analyst, s.credibility, s.note, s.created_at, s.uid
FROM assessments s
WHERE s.id = (SELECT b.id FROM assessments b
              WHERE b.article_id = s.article_id AND b.analyst = s.analyst
              ORDER BY b.created_at DESC, b.id DESC LIMIT 1);

CREATE VIEW current_axis_values AS
SELECT v.id, v.axis_id, v.outlet_id, v.analyst, v.value, v.created_at, v.uid
FROM axis_values v
WHERE v.id = (SELECT w.id FROM axis_values w
              WHERE w.outlet_id = v.outlet_id AND w.axis_id = v.axis_id
              ORDER BY w.created_at DESC, w.id DESC LIMIT 1);
