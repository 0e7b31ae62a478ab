-- tameio schema, version 3: the journal of batch closes with a terminal. A row is committed
-- before the terminal is asked to close, its totals as soon as they arrive, and the Z in the
-- transaction that marks it done; a crash in between leaves a row recovery can finish.
CREATE TABLE batch_close_requests (
    id INTEGER PRIMARY KEY,
    register_id TEXT NOT NULL,
    terminal TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    actor TEXT NOT NULL,
    counted_cash_cents INTEGER,
    -- the register's last receipt when the close was asked: the Z covers receipts up to it
    last_receipt INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'answered', 'done', 'failed', 'abandoned')),
    requested_at TEXT NOT NULL,
    answered_at TEXT,
    terminal_totals TEXT,
    closure_number INTEGER,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX batch_close_requests_open ON batch_close_requests(register_id, state);
