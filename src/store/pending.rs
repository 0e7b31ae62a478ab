//! Booking an approved card payment: its tender goes on the order exactly once, whichever
//! process gets there first, and the approvals still waiting to be booked are listed.

use crate::store::bulk::begin;
use crate::store::cached::Cached;
use rusqlite::Transaction;

use super::orders::{SALE_KINDS, apply_tender, card_pending};
use super::{Result, Store, StoreError};
use crate::domain::{Receipt, Tender};

/// What booking an approved card attempt came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Booking {
    /// The tender is on the order now; the receipt when it completed the order.
    Booked(Option<Receipt>),
    /// Another process (or an earlier try) booked this attempt already.
    AlreadyBooked,
}

impl Store {
    /// Books an approved attempt's card tender exactly once, whichever process gets there first.
    pub fn book_card_tender(
        &self,
        register_id: &str,
        order_id: i64,
        tender: &Tender,
        actor: &str,
    ) -> Result<Booking> {
        let attempt = tender.card.as_ref().map(|c| c.attempt_id.clone()).unwrap_or_default();
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let booked: bool =
            tx.one("SELECT EXISTS (SELECT 1 FROM tenders WHERE attempt_id = ?1)", [&attempt], |r| r.get(0))?;
        if booked {
            return Ok(Booking::AlreadyBooked);
        }
        card_pending(&tx, order_id, Some(&attempt))?;
        #[cfg(test)]
        if take_simulated_failure() {
            return Err(StoreError::Corrupt("simulated: disk full while booking".into()));
        }
        crate::fault::fail_if(crate::fault::Step::BookTender).map_err(StoreError::Conflict)?;
        let receipt = apply_tender(&tx, register_id, order_id, tender, actor)?;
        tx.commit()?;
        Ok(Booking::Booked(receipt))
    }

    /// Approved sale attempts on an order whose tender is not booked (oldest first).
    pub fn unbooked_approvals(&self) -> Result<Vec<uuid::Uuid>> {
        let conn = self.conn();
        // `booked = 0` with these very terms is the partial index `attempts_unbooked`: only the
        // approvals not booked yet are read, however many were taken over the years.
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT a.id FROM attempts a WHERE a.state = 'approved' AND a.booked = 0
               AND a.order_id IS NOT NULL AND a.kind IN {SALE_KINDS}
               AND NOT EXISTS (SELECT 1 FROM tenders t WHERE t.attempt_id = a.id)
             ORDER BY a.created_at, a.id"
        ))?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for id in ids {
            let id = id?;
            out.push(
                uuid::Uuid::parse_str(&id)
                    .map_err(|e| StoreError::Corrupt(format!("attempt id {id}: {e}")))?,
            );
        }
        Ok(out)
    }
}

/// The schema version whose migration runs [`index_bookings`].
pub(super) const SCHEMA: i64 = 8;

/// Indexes tenders by the card attempt they book: UNIQUE, so no approval can be booked twice
/// whatever the code above does, unless the database already holds one booked twice (written
/// before booking was made exactly-once). Then the index is a plain one, the upgrade goes on,
/// and `db check` names those tenders (`check::double_bookings`).
pub(super) fn index_bookings(tx: &Transaction<'_>) -> Result<()> {
    let twice: i64 = tx.one(
        "SELECT count(*) FROM (SELECT attempt_id FROM tenders WHERE attempt_id IS NOT NULL
                                GROUP BY attempt_id HAVING count(*) > 1)",
        [],
        |r| r.get(0),
    )?;
    let unique = if twice == 0 { "UNIQUE " } else { "" };
    if twice > 0 {
        tracing::error!(
            attempts = twice,
            "card approvals booked twice: tenders(attempt_id) is not made unique"
        );
    }
    tx.execute_batch(&format!(
        "CREATE {unique}INDEX tenders_attempt ON tenders(attempt_id) WHERE attempt_id IS NOT NULL;"
    ))?;
    Ok(())
}

#[cfg(test)]
fn take_simulated_failure() -> bool {
    test_hook::FAIL_BOOKINGS.with(|f| {
        let left = f.get();
        f.set(left.saturating_sub(1));
        left > 0
    })
}

/// Unit tests elsewhere (`register`) reach this as `store::pending_test_hook`.
#[cfg(test)]
pub(crate) mod test_hook {
    thread_local! {
        /// Unit tests: how many of this thread's next bookings fail as if the disk were full.
        pub(crate) static FAIL_BOOKINGS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
}

#[cfg(test)]
mod tests {
    use super::super::MIGRATIONS;
    use super::*;

    /// A database of schema 7 holding one order paid by two tenders of the same approval.
    fn version_7_with_a_double_booking(path: &std::path::Path) {
        let conn = rusqlite::Connection::open(path).unwrap();
        for sql in &MIGRATIONS[..7] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 7;
             PRAGMA foreign_keys = OFF;
             INSERT INTO orders (id, register_id, user_id, status, total_cents, created_at, updated_at)
               VALUES (1, '1', 1, 'paid', 200, '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
             INSERT INTO attempts (id, terminal, protocol, kind, amount_cents, order_id, state, created_at, updated_at)
               VALUES ('a1', 'front', 'ecr17', 'sale', 100, 1, 'approved', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
             INSERT INTO tenders (id, order_id, kind, amount_cents, given_cents, change_cents, attempt_id, created_at)
               VALUES (7, 1, 'card', 100, 100, 0, 'a1', '2026-11-02T10:00:00Z'),
                      (8, 1, 'card', 100, 100, 0, 'a1', '2026-11-02T10:00:00Z');",
        )
        .unwrap();
    }

    #[test]
    fn an_approval_cannot_be_booked_twice_in_the_database() {
        let store = Store::open_in_memory().unwrap();
        store.seed_demo_if_empty().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO orders (id, register_id, user_id, status, total_cents, created_at, updated_at)
               VALUES (1, '1', 1, 'open', 200, '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
             INSERT INTO attempts (id, terminal, protocol, kind, amount_cents, order_id, state, created_at, updated_at)
               VALUES ('0190a1b2-0000-7000-8000-000000000001', 'front', 'ecr17', 'sale', 100, 1, 'approved', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');",
        )
        .unwrap();
        let book = "INSERT INTO tenders (order_id, kind, amount_cents, given_cents, change_cents, attempt_id, created_at)
                    VALUES (1, 'card', 100, 100, 0, '0190a1b2-0000-7000-8000-000000000001', '2026-11-02T10:00:00Z')";
        drop(conn);
        assert_eq!(store.unbooked_approvals().unwrap().len(), 1);
        store.conn().run(book, []).unwrap();
        assert!(store.unbooked_approvals().unwrap().is_empty(), "the tender marks its attempt booked");
        let booked: i64 = store.conn().one("SELECT booked FROM attempts", [], |r| r.get(0)).unwrap();
        assert_eq!(booked, 1);
        let twice = store.conn().run(book, []);
        assert!(
            twice.is_err_and(|e| e.to_string().contains("UNIQUE")),
            "a second tender of the approval is refused"
        );
    }

    #[test]
    fn a_database_with_an_approval_booked_twice_upgrades_and_the_check_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        version_7_with_a_double_booking(&path);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), super::super::SCHEMA_VERSION);
        let unique: i64 = store
            .conn()
            .one(
                "SELECT \"unique\" FROM pragma_index_list('tenders') WHERE name = 'tenders_attempt'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unique, 0, "a plain index: the upgrade does not fail on what is there");
        assert!(store.unbooked_approvals().unwrap().is_empty(), "the migration marked a1 booked");
        let problems = store.check_rows().unwrap();
        assert!(
            problems.iter().any(|p| p == "card payment a1 is booked on more than one tender (7, 8)"),
            "{problems:?}"
        );
    }
}
