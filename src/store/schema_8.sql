-- tameio schema, version 8: reads that do not grow with the years (issue 21). Every lookup a
-- sale, a card booking, start-up (recovery), the X report and the manager's lists make finds
-- its rows through an index; `tests/store/query_plans.rs` checks the plans. Receipts and the
-- audit log only gain indexes: their rows are not touched.

-- A booked approval: set by the trigger below when its tender goes on the order, so the
-- approvals still to book are a handful of index entries, not every payment ever taken.
ALTER TABLE attempts ADD COLUMN booked INTEGER NOT NULL DEFAULT 0;
UPDATE attempts SET booked = 1
 WHERE id IN (SELECT attempt_id FROM tenders WHERE attempt_id IS NOT NULL);
CREATE TRIGGER tenders_book_attempt AFTER INSERT ON tenders WHEN new.attempt_id IS NOT NULL
BEGIN UPDATE attempts SET booked = 1 WHERE id = new.attempt_id; END;
CREATE INDEX attempts_unbooked ON attempts(created_at, id)
 WHERE state = 'approved' AND booked = 0 AND order_id IS NOT NULL AND kind IN ('sale', 'moto');

CREATE INDEX attempts_order ON attempts(order_id) WHERE order_id IS NOT NULL;
CREATE INDEX attempts_created ON attempts(created_at, id);
CREATE INDEX attempts_terminal ON attempts(terminal, created_at, id);
CREATE INDEX attempts_reference ON attempts(terminal, reference);
CREATE INDEX attempt_events_attempt ON attempt_events(attempt_id);

-- tenders(attempt_id) is made in Rust after this file (store/pending.rs): UNIQUE unless the
-- database already holds an approval booked twice (written before booking was exactly-once).
CREATE INDEX tenders_order ON tenders(order_id);
-- Card tenders without an attempt: the ones a manager typed in fault mode (a handful). No
-- JSON in an index: a damaged `card` must stay readable for `db check`, not fail every write.
CREATE INDEX tenders_manual ON tenders(id) WHERE kind = 'card' AND attempt_id IS NULL;

CREATE INDEX receipts_order ON receipts(order_id);
-- Amount and card first: a read by the register alone keeps the register's own indexes.
CREATE INDEX receipts_card_last4 ON receipts(card_last4, register_id, number) WHERE card_last4 <> '';
CREATE INDEX receipts_total ON receipts(total_cents, register_id, number);

-- What `db check` and the signature check look up in the log, one entry per subject.
CREATE INDEX audit_receipt_issue ON audit_log(subject) WHERE action = 'receipt.issue';
CREATE INDEX audit_card_signature ON audit_log(subject) WHERE action = 'card.signature';

CREATE INDEX batch_closures_last ON batch_closures(register_id, last_receipt);
CREATE INDEX batch_close_requests_unfinished ON batch_close_requests(id)
 WHERE state IN ('pending', 'answered');
CREATE INDEX shifts_open ON shifts(register_id, user_id) WHERE closed_at IS NULL;
CREATE INDEX deferred_reference ON deferred_receipts(terminal, reference);
CREATE INDEX deferred_order ON deferred_receipts(order_id);
CREATE INDEX deferred_waiting ON deferred_receipts(id) WHERE state = 'waiting';
CREATE INDEX unmatched_open ON unmatched_results(terminal) WHERE resolved = 0;

-- How far a scan repeated at every start-up has read the audit log (the key material older
-- versions wrote there): the next start reads only what came after.
CREATE TABLE scan_marks (
    name TEXT PRIMARY KEY,
    upto INTEGER NOT NULL
);
