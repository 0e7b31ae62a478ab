//! Sales put aside (parked) with their cart, kept across restarts: by the cashier's key or by
//! the lock, or an unpaid order handed back to its cashier after a manager decided its card
//! payment was not charged. Each is one transaction with its audit entry.

use crate::store::bulk::{Tx, begin};
use crate::store::cached::Cached;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::orders::{card_pending, load_order};
use super::{Result, Store, StoreError, audit, now};
use crate::domain::{Cart, OrderStatus, TenderKind};

/// Why a sale was put aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParkReason {
    /// The cashier parked it (a customer who forgot something).
    Park,
    /// The register locked with the sale open.
    Lock,
}

impl ParkReason {
    fn code(self) -> &'static str {
        match self {
            ParkReason::Park => "park",
            ParkReason::Lock => "lock",
        }
    }

    fn from_code(code: &str) -> ParkReason {
        if code == "lock" { ParkReason::Lock } else { ParkReason::Park }
    }
}

/// One parked sale as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkedRow {
    pub id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    pub parked_at: String,
    pub reason: ParkReason,
    pub total_cents: i64,
    pub lines: i64,
    pub cart: Cart,
    /// The unpaid order this cart was handed back from (voided when it was parked).
    pub from_order: Option<i64>,
}

/// The stored JSON: the cart, and the order it came from when an unpaid order was handed back
/// (rows written before that field read as `None`).
#[derive(Serialize, Deserialize)]
struct StoredCart {
    #[serde(flatten)]
    cart: Cart,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from_order: Option<i64>,
}

/// An unpaid order handed back to its cashier as a parked sale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedOrder {
    pub parked_id: i64,
    pub owner_id: i64,
    pub owner_name: String,
}

const COLUMNS: &str = "id, owner_id, owner_name, parked_at, reason, total_cents, lines, cart_json";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ParkedRow, String)> {
    let reason: String = r.get(4)?;
    let json: String = r.get(7)?;
    Ok((
        ParkedRow {
            id: r.get(0)?,
            owner_id: r.get(1)?,
            owner_name: r.get(2)?,
            parked_at: r.get(3)?,
            reason: ParkReason::from_code(&reason),
            total_cents: r.get(5)?,
            lines: r.get(6)?,
            cart: Cart::default(),
            from_order: None,
        },
        json,
    ))
}

fn with_cart((mut parked, json): (ParkedRow, String)) -> Result<ParkedRow> {
    let stored: StoredCart = serde_json::from_str(&json)
        .map_err(|e| StoreError::Corrupt(format!("parked sale {}: {e}", parked.id)))?;
    parked.cart = stored.cart;
    parked.from_order = stored.from_order;
    Ok(parked)
}

fn insert(
    tx: &Tx<'_>,
    (owner_id, owner_name): (i64, &str),
    actor: &str,
    cart: &Cart,
    reason: ParkReason,
    from_order: Option<i64>,
) -> Result<i64> {
    let stored = StoredCart { cart: cart.clone(), from_order };
    let json = serde_json::to_string(&stored).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let total = cart.totals().total.cents();
    let lines = i64::try_from(cart.lines.len()).unwrap_or(i64::MAX);
    tx.run(
        "INSERT INTO parked_carts (owner_id, owner_name, parked_at, reason, total_cents, lines, cart_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![owner_id, owner_name, now(), reason.code(), total, lines, json],
    )?;
    let id = tx.last_insert_rowid();
    let mut detail = serde_json::json!({
        "owner": owner_name, "reason": reason.code(), "total_cents": total, "lines": lines,
    });
    if let Some(order) = from_order {
        detail["order"] = order.into();
    }
    audit::append(tx, actor, "cart.park", &id.to_string(), &detail.to_string())?;
    Ok(id)
}

impl Store {
    /// Puts the cart aside for `owner`; returns the parked sale's number.
    pub fn park_cart(
        &self,
        owner_id: i64,
        owner_name: &str,
        actor: &str,
        cart: &Cart,
        reason: ParkReason,
    ) -> Result<i64> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let id = insert(&tx, (owner_id, owner_name), actor, cart, reason, None)?;
        tx.commit()?;
        Ok(id)
    }

    /// Hands an unpaid order back to the cashier who rang it up, in one transaction: the order
    /// is voided and its cart parked for them as if the register had locked (their next
    /// sign-in brings it back). `None` when there is nothing to hand back: the order is not
    /// open, a card paid part of it, or a card payment on it is open or approved.
    pub fn return_order(&self, order_id: i64, actor: &str) -> Result<Option<ReturnedOrder>> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let order = load_order(&tx, order_id)?;
        if order.status != OrderStatus::Open
            || order.tenders.iter().any(|t| t.kind == TenderKind::Card)
            || card_pending(&tx, order_id, None).is_err()
        {
            return Ok(None);
        }
        let owner_name: String =
            tx.one("SELECT name FROM users WHERE id = ?1", [order.user_id], |r| r.get(0))?;
        tx.run(
            "UPDATE orders SET status = 'voided', updated_at = ?2 WHERE id = ?1",
            params![order_id, now()],
        )?;
        let detail = serde_json::json!({ "total_cents": order.total.cents(), "returned_to": owner_name });
        audit::append(&tx, actor, "order.return", &order_id.to_string(), &detail.to_string())?;
        let parked_id =
            insert(&tx, (order.user_id, &owner_name), actor, &order.cart, ParkReason::Lock, Some(order_id))?;
        tx.commit()?;
        Ok(Some(ReturnedOrder { parked_id, owner_id: order.user_id, owner_name }))
    }

    /// The parked copy of a handed-back order, taken out (its screen still had the sale and
    /// keeps it): `None` when there is none (never handed back, or recalled already).
    pub fn take_parked_from_order(&self, order_id: i64, actor: &str) -> Result<Option<ParkedRow>> {
        let found = self.parked_carts(None)?.into_iter().find(|p| p.from_order == Some(order_id));
        match found {
            Some(p) => self.take_parked(p.id, actor),
            None => Ok(None),
        }
    }

    /// Parked sales, oldest first; only `owner_id`'s when given.
    pub fn parked_carts(&self, owner_id: Option<i64>) -> Result<Vec<ParkedRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM parked_carts WHERE ?1 IS NULL OR owner_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([owner_id], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(with_cart).collect()
    }

    /// Takes the parked sale out (its row goes) and audits who recalled it; `None` when it
    /// is gone already (recalled at another till).
    pub fn take_parked(&self, id: i64, actor: &str) -> Result<Option<ParkedRow>> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let found =
            tx.one(&format!("SELECT {COLUMNS} FROM parked_carts WHERE id = ?1"), [id], row).optional()?;
        let Some(found) = found else { return Ok(None) };
        let parked = with_cart(found)?;
        tx.run("DELETE FROM parked_carts WHERE id = ?1", [id])?;
        let detail = serde_json::json!({
            "owner": parked.owner_name, "total_cents": parked.total_cents, "lines": parked.lines,
        });
        audit::append(&tx, actor, "cart.recall", &id.to_string(), &detail.to_string())?;
        tx.commit()?;
        Ok(Some(parked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Lang, Quantity};

    #[test]
    fn a_parked_cart_comes_back_whole_once() {
        let store = Store::open_in_memory().unwrap();
        store.seed_demo_if_empty().unwrap();
        let product = store.products().unwrap().into_iter().next().unwrap();
        let mut cart = Cart::default();
        cart.add(&product, Quantity::pieces(2), Lang::En).unwrap();
        let id = store.park_cart(7, "Maria", "Maria", &cart, ParkReason::Lock).unwrap();
        assert_eq!(store.parked_carts(Some(8)).unwrap(), vec![]);
        let listed = store.parked_carts(Some(7)).unwrap();
        assert_eq!((listed.len(), listed[0].reason, listed[0].lines), (1, ParkReason::Lock, 1));
        let back = store.take_parked(id, "Nikos").unwrap().unwrap();
        assert_eq!(back.cart, cart);
        assert_eq!(store.take_parked(id, "Nikos").unwrap(), None, "recalled once only");
        let log = store.audit_entries(2).unwrap();
        assert_eq!((log[0].action.as_str(), log[0].actor.as_str()), ("cart.recall", "Nikos"));
        assert_eq!(log[1].action, "cart.park");
    }
}
