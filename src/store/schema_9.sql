-- tameio schema 9 (issue 23, the day's close): the opening float of the day is the floats of
-- the shifts opened on the register since its last Z; this finds them without reading every
-- shift ever opened (`tests/store/query_plans.rs`).
CREATE INDEX shifts_opened ON shifts(register_id, opened_at);
