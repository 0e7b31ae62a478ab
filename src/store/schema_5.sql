-- tameio schema, version 5: wrong PINs in a row, kept across restarts and processes, for
-- each user ('user:<id>') and for the manager PIN prompt that names no user
-- ('manager-prompt'). A subject with `locked_at` set takes no PIN until a manager unlocks it.
CREATE TABLE pin_guard (
    subject TEXT PRIMARY KEY,
    failed INTEGER NOT NULL DEFAULT 0,
    last_try_at TEXT,
    locked_at TEXT
);
