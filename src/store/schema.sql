-- tameio schema, version 1. Money in cents, VAT in basis points, quantities in thousandths.
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    plu INTEGER NOT NULL UNIQUE,
    barcode TEXT UNIQUE,
    name_en TEXT NOT NULL,
    name_el TEXT NOT NULL DEFAULT '',
    name_it TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    vat_bp INTEGER NOT NULL,
    unit TEXT NOT NULL DEFAULT 'piece',
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    failed_pins INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE shifts (
    id INTEGER PRIMARY KEY,
    register_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    opening_float_cents INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    register_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    shift_id INTEGER REFERENCES shifts(id),
    status TEXT NOT NULL,
    order_discount TEXT,
    order_discount_cents INTEGER NOT NULL DEFAULT 0,
    total_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    position INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    plu INTEGER NOT NULL,
    name TEXT NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
    unit TEXT NOT NULL,
    vat_bp INTEGER NOT NULL,
    discount TEXT,
    amount_cents INTEGER NOT NULL,
    UNIQUE (order_id, position)
);

CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    terminal TEXT NOT NULL,
    protocol TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    order_id INTEGER REFERENCES orders(id),
    reference TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    outcome TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX attempts_open ON attempts(state) WHERE state IN ('prepared', 'sent', 'unknown');

CREATE TABLE attempt_events (
    id INTEGER PRIMARY KEY,
    attempt_id TEXT NOT NULL REFERENCES attempts(id),
    at TEXT NOT NULL,
    state TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE unmatched_results (
    id INTEGER PRIMARY KEY,
    terminal TEXT NOT NULL,
    outcome TEXT NOT NULL,
    evidence TEXT NOT NULL,
    at TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tenders (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    kind TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    given_cents INTEGER NOT NULL,
    change_cents INTEGER NOT NULL,
    attempt_id TEXT REFERENCES attempts(id),
    card TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE receipt_counters (
    register_id TEXT PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    register_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    kind TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    card_last4 TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    UNIQUE (register_id, number)
);
CREATE TRIGGER receipts_immutable BEFORE UPDATE ON receipts
BEGIN SELECT RAISE(ABORT, 'receipts are immutable'); END;
CREATE TRIGGER receipts_kept BEFORE DELETE ON receipts
BEGIN SELECT RAISE(ABORT, 'receipts are never deleted'); END;

CREATE TABLE reprints (
    id INTEGER PRIMARY KEY,
    receipt_id INTEGER NOT NULL REFERENCES receipts(id),
    copy_number INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    at TEXT NOT NULL,
    UNIQUE (receipt_id, copy_number)
);

CREATE TABLE deferred_receipts (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    terminal TEXT NOT NULL,
    reference TEXT NOT NULL,
    state TEXT NOT NULL,
    expires_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE batch_closures (
    id INTEGER PRIMARY KEY,
    register_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    terminal TEXT NOT NULL DEFAULT '',
    closed_at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    first_receipt INTEGER,
    last_receipt INTEGER,
    register_totals TEXT NOT NULL,
    terminal_totals TEXT,
    counted_cash_cents INTEGER,
    UNIQUE (register_id, number)
);

CREATE TABLE terminals (
    name TEXT PRIMARY KEY,
    protocol TEXT NOT NULL,
    config TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_kept BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
