-- tameio schema, version 2: every stored time is UTC, RFC 3339 with `Z` (`2026-10-25T01:30:00Z`),
-- so text order is time order across a DST change. The rows themselves are rewritten in Rust
-- (store/utc.rs), which knows the machine's time zone; here only the index for date searches.
CREATE INDEX receipts_issued ON receipts(register_id, issued_at);
