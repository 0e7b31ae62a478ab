-- tameio schema, version 7: refunds by line and quantity. `refund_lines` says which lines of
-- the sale each refund receipt took back (how much of each, for how much), written in the
-- refund receipt's own transaction; what is left on a line is its quantity minus these.
-- `refund_pending` holds the lines of a refund about to go to a terminal, committed before it
-- is sent, so an approval found later (recovery, a manager's decision) books those lines.
CREATE TABLE refund_lines (
    refund_receipt_id INTEGER NOT NULL REFERENCES receipts(id),
    order_id INTEGER NOT NULL,
    line_index INTEGER NOT NULL,
    quantity_milli INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (refund_receipt_id, line_index)
);
CREATE INDEX refund_lines_order ON refund_lines(order_id);
CREATE TABLE refund_pending (
    order_id INTEGER PRIMARY KEY,
    card_cents INTEGER NOT NULL,
    cash_cents INTEGER NOT NULL,
    lines TEXT NOT NULL,
    created_at TEXT NOT NULL
);
