//! Deferred (preloaded) receipts: an order sent to the terminal to be paid there later,
//! with its state as the terminal reports it: waiting, paid, expired or cancelled.

use crate::store::bulk::begin;
use rusqlite::{OptionalExtension, params};

use super::error::{corrupt, damaged, not_a_time, unknown};
use super::{Result, Store, StoreError, audit, now, orders};
use crate::domain::{Cart, DeferredReceipt, DeferredState, Money};

mod results;
pub use results::UnmatchedDeferred;

/// A stored state, or the error naming the row.
pub(super) fn state(id: i64, code: &str) -> Result<DeferredState> {
    DeferredState::from_code(code)
        .ok_or_else(|| corrupt(&format!("deferred receipt {id}"), "state", unknown(code)))
}

/// What a new preload is: which cart, on which terminal, under which reference.
#[derive(Debug, Clone, Copy)]
pub struct NewDeferred<'a> {
    pub register_id: &'a str,
    pub user_id: i64,
    pub cart: &'a Cart,
    pub terminal: &'a str,
    pub reference: &'a str,
    pub expires_at: Option<&'a str>,
}

const SELECT: &str = "SELECT d.id, d.order_id, d.terminal, d.reference, d.state, o.total_cents, d.expires_at,
        d.created_at, d.updated_at, (SELECT r.number FROM receipts r WHERE r.order_id = d.order_id AND r.kind = 'sale')
    FROM deferred_receipts d JOIN orders o ON o.id = d.order_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DeferredReceipt> {
    let id = r.get(0)?;
    let state = state(id, &r.get::<_, String>(4)?).map_err(|e| damaged(4, e))?;
    Ok(DeferredReceipt {
        id,
        order_id: r.get(1)?,
        terminal: r.get(2)?,
        reference: r.get(3)?,
        state,
        total: Money::from_cents(r.get(5)?),
        expires_at: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        receipt_number: r.get(9)?,
    })
}

impl Store {
    /// Commits the cart as a deferred order waiting on its terminal under its reference.
    /// Called before the preload is sent, so a crash can never lose a preload that went out.
    pub fn create_deferred(&self, new: &NewDeferred<'_>, actor: &str) -> Result<DeferredReceipt> {
        self.create_deferred_as(new, actor, &|_| new.reference.to_string())
    }

    /// `create_deferred` under the reference `reference_of(order id)` (the terminal's, known
    /// before sending), committed with the row: a preload never leaves without its reference.
    pub fn create_deferred_as(
        &self,
        new: &NewDeferred<'_>,
        actor: &str,
        reference_of: &dyn Fn(i64) -> String,
    ) -> Result<DeferredReceipt> {
        let NewDeferred { register_id, user_id, cart, terminal, expires_at, .. } = *new;
        if cart.is_empty() {
            return Err(StoreError::Conflict("the cart is empty".into()));
        }
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let (order_id, total) = orders::insert_order(&tx, register_id, user_id, cart)?;
        tx.execute("UPDATE orders SET status = 'deferred' WHERE id = ?1", [order_id])?;
        let reference = reference_of(order_id);
        let expires_at = expires_at
            .map(|e| {
                super::utc::normalize(e)
                    .ok_or_else(|| StoreError::Conflict(format!("expires_at {}", not_a_time(e))))
            })
            .transpose()?;
        let at = now();
        tx.execute(
            "INSERT INTO deferred_receipts (order_id, terminal, reference, state, expires_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'waiting', ?4, ?5, ?5)",
            params![order_id, terminal, reference, expires_at, at],
        )?;
        let id = tx.last_insert_rowid();
        let detail =
            serde_json::json!({ "order": order_id, "total_cents": total.cents(), "reference": reference });
        audit::append(&tx, actor, "deferred.create", &id.to_string(), &detail.to_string())?;
        let row = tx.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)?;
        tx.commit()?;
        Ok(row)
    }

    pub fn deferred_receipts(&self, only_waiting: bool) -> Result<Vec<DeferredReceipt>> {
        let conn = self.conn();
        let filter = if only_waiting { " WHERE d.state = 'waiting'" } else { "" };
        let mut stmt = conn.prepare(&format!("{SELECT}{filter} ORDER BY d.id DESC LIMIT 500"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn deferred_by_reference(&self, terminal: &str, reference: &str) -> Result<Option<DeferredReceipt>> {
        Ok(self
            .conn()
            .query_row(
                // A waiting one first, then the newest (references repeat after a wrap).
                &format!(
                    "{SELECT} WHERE d.terminal = ?1 AND d.reference = ?2
                     ORDER BY d.state = 'waiting' DESC, d.id DESC LIMIT 1"
                ),
                params![terminal, reference],
                from_row,
            )
            .optional()?)
    }

    /// Moves a waiting preload to expired or cancelled (paid goes through `add_tender`).
    pub fn set_deferred_state(&self, id: i64, state: DeferredState, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let n = tx.execute(
            "UPDATE deferred_receipts SET state = ?2, updated_at = ?3 WHERE id = ?1 AND state = 'waiting'",
            params![id, state.code(), now()],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(format!("deferred receipt {id} is no longer waiting")));
        }
        if state != DeferredState::Paid {
            tx.execute(
                "UPDATE orders SET status = 'voided', updated_at = ?2
                 WHERE id = (SELECT order_id FROM deferred_receipts WHERE id = ?1) AND status = 'deferred'",
                params![id, now()],
            )?;
        }
        audit::append(
            &tx,
            actor,
            "deferred.state",
            &id.to_string(),
            &format!("{{\"state\":\"{}\"}}", state.code()),
        )?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// The reference the terminal gave the preload once it was sent.
    pub fn set_deferred_reference(&self, id: i64, reference: &str) -> Result<()> {
        let n = self.conn().execute(
            "UPDATE deferred_receipts SET reference = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, reference, now()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("deferred receipt {id}")));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
impl Store {
    /// A waiting preload of one piece of the demo product `code` on terminal "front", made by
    /// Maria on register 1: the fixture of the tests that need a deferred receipt.
    pub(crate) fn demo_preload(
        &self,
        code: &str,
        reference: &str,
        expires_at: Option<&str>,
    ) -> DeferredReceipt {
        let mut cart = Cart::default();
        let product = self.product_by_code(code).unwrap().unwrap();
        cart.add(&product, crate::domain::Quantity::ONE, crate::domain::Lang::El).unwrap();
        let new = NewDeferred {
            register_id: "1",
            user_id: 1,
            cart: &cart,
            terminal: "front",
            reference,
            expires_at,
        };
        self.create_deferred(&new, "Maria").unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CardDetails, Tender};

    #[test]
    fn a_preload_waits_then_is_paid_with_a_receipt() {
        let store = Store::open_in_memory().unwrap();
        store.seed_demo_if_empty().unwrap();
        let d = store.demo_preload("401", "S0001", Some("2026-11-23T22:00:00"));
        assert_eq!(d.state, DeferredState::Waiting);
        assert_eq!(store.deferred_receipts(true).unwrap().len(), 1);
        let tender = Tender::card(
            d.total,
            d.total,
            CardDetails { masked_pan: "****1111".into(), ..Default::default() },
        )
        .unwrap();
        let receipt = store.add_tender("1", d.order_id, &tender, "terminal").unwrap().unwrap();
        store.set_deferred_state(d.id, DeferredState::Paid, "terminal").unwrap();
        let after = store.deferred_by_reference("front", "S0001").unwrap().unwrap();
        assert_eq!((after.state, after.receipt_number), (DeferredState::Paid, Some(receipt.number)));
        assert!(store.set_deferred_state(d.id, DeferredState::Expired, "x").is_err());
    }

    #[test]
    fn an_expired_preload_voids_its_order() {
        let store = Store::open_in_memory().unwrap();
        store.seed_demo_if_empty().unwrap();
        let d = store.demo_preload("101", "S0002", None);
        store.set_deferred_state(d.id, DeferredState::Expired, "terminal").unwrap();
        assert_eq!(store.order(d.order_id).unwrap().status, crate::domain::OrderStatus::Voided);
        assert!(store.deferred_receipts(true).unwrap().is_empty());
    }
}
