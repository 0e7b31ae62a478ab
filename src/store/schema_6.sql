-- tameio schema, version 6: sales put aside (parked) with their cart, by a cashier (F3) or
-- by the lock, so the sale stays with the cashier who rang it up and survives a restart.
-- A recalled sale's row is deleted in the same transaction that hands its cart back.
CREATE TABLE parked_carts (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL,
    owner_name TEXT NOT NULL,
    parked_at TEXT NOT NULL,
    -- 'park' (the cashier's key) or 'lock' (the register locked with the sale open)
    reason TEXT NOT NULL CHECK (reason IN ('park', 'lock')),
    total_cents INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    cart_json TEXT NOT NULL
);
CREATE INDEX parked_carts_owner ON parked_carts (owner_id);
