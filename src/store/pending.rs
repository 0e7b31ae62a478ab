//! Card payments an order is still waiting on: an attempt without an outcome, or an approval
//! whose tender is not booked yet. While one exists the order takes no other tender or void.

use rusqlite::{Connection, OptionalExtension, params};

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

/// Kinds whose approval pays an order (a refund or void never does).
const SALE_KINDS: &str = "('sale', 'moto')";

/// The attempt that keeps this order waiting, other than `booking` (the one being booked).
pub(super) fn card_pending(conn: &Connection, order_id: i64, booking: Option<&str>) -> Result<()> {
    let open: Option<(String, String)> = conn
        .query_row(
            "SELECT id, state FROM attempts WHERE order_id = ?1 AND state IN ('prepared', 'sent', 'unknown')
               AND (?2 IS NULL OR id <> ?2) LIMIT 1",
            params![order_id, booking],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, state)) = open {
        return Err(StoreError::Conflict(format!(
            "order {order_id} waits for card payment {id} ({state}); resolve it first"
        )));
    }
    let unbooked: Option<String> = conn
        .query_row(
            &format!(
                "SELECT a.id FROM attempts a WHERE a.order_id = ?1 AND a.state = 'approved'
                   AND a.kind IN {SALE_KINDS} AND (?2 IS NULL OR a.id <> ?2)
                   AND NOT EXISTS (SELECT 1 FROM tenders t WHERE t.attempt_id = a.id) LIMIT 1"
            ),
            params![order_id, booking],
            |r| r.get(0),
        )
        .optional()?;
    match unbooked {
        Some(id) => Err(StoreError::Conflict(format!(
            "order {order_id} has an approved card payment {id} not booked yet; book it first"
        ))),
        None => Ok(()),
    }
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
        let receipt = super::receipts::apply_tender(&tx, register_id, order_id, tender, actor)?;
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
thread_local! {
    /// Unit tests: how many of this thread's next bookings fail as if the disk were full.
    pub(crate) static FAIL_BOOKINGS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn take_simulated_failure() -> bool {
    FAIL_BOOKINGS.with(|f| {
        let left = f.get();
        f.set(left.saturating_sub(1));
        left > 0
    })
}
