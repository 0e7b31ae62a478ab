-- tameio schema, version 4: results a terminal offered during a deferred refresh that book
-- nothing (no waiting preload, a preload closed by hand). Kept for a manager and never
-- acknowledged to the terminal; the fingerprint makes a result offered again one row.
CREATE TABLE deferred_unmatched (
    id INTEGER PRIMARY KEY,
    terminal TEXT NOT NULL,
    reference TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    outcome TEXT NOT NULL,
    evidence TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    times_seen INTEGER NOT NULL DEFAULT 1,
    resolved_at TEXT,
    resolved_by TEXT,
    UNIQUE (terminal, fingerprint)
);
