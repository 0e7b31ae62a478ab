//! Booking an approved card payment: its tender goes on the order exactly once, whichever
//! process gets there first, and the approvals still waiting to be booked are listed.

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
        let tx = conn.transaction()?;
        let booked: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM tenders WHERE attempt_id = ?1)", [&attempt], |r| {
                r.get(0)
            })?;
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
        let mut stmt = conn.prepare(&format!(
            "SELECT a.id FROM attempts a WHERE a.state = 'approved' AND a.order_id IS NOT NULL
               AND a.kind IN {SALE_KINDS}
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
