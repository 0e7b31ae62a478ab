//! Orders and their tenders: a cart committed as an open order, paid by tenders (cash at
//! once, a card once its attempt is approved), voided while unpaid. The tender that covers an
//! order issues its receipt (`receipts`) in the same transaction.

use crate::store::bulk::{Tx, begin};
use crate::store::cached::Cached;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::error::conflict;
use super::receipts::{insert_receipt, next_receipt_number};
use super::rows::{self, LINE_COLUMNS, ORDER_COLUMNS, TENDER_COLUMNS};
use super::{Result, Store, StoreError, audit, now};
use crate::domain::{Cart, Money, OrderStatus, Receipt, ReceiptKind, Tender, TenderKind};

/// An order as stored, with what has been paid on it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderRecord {
    pub id: i64,
    pub status: OrderStatus,
    pub user_id: i64,
    pub cart: Cart,
    pub total: Money,
    pub tenders: Vec<Tender>,
}

impl OrderRecord {
    pub fn remaining(&self) -> Money {
        crate::domain::tender::remaining(self.total, &self.tenders)
    }
}

pub(crate) fn insert_order(
    tx: &Tx<'_>,
    register_id: &str,
    user_id: i64,
    cart: &Cart,
) -> Result<(i64, Money)> {
    let totals = cart.totals();
    let at = now();
    let discount = cart.order_discount.map(|d| serde_json::to_string(&d)).transpose()?;
    tx.run(
        "INSERT INTO orders (register_id, user_id, shift_id, status, order_discount, order_discount_cents, total_cents, created_at, updated_at)
         VALUES (?1, ?2, (SELECT id FROM shifts WHERE register_id = ?1 AND user_id = ?2 AND closed_at IS NULL
                          ORDER BY id DESC LIMIT 1),
                 'open', ?3, ?4, ?5, ?6, ?6)",
        params![register_id, user_id, discount, totals.order_discount.cents(), totals.total.cents(), at],
    )?;
    let order_id = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO order_lines (order_id, position, product_id, plu, name, unit_price_cents, quantity_milli, unit, vat_bp, discount, amount_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, l) in cart.lines.iter().enumerate() {
        let discount = l.discount.map(|d| serde_json::to_string(&d)).transpose()?;
        stmt.execute(params![
            order_id,
            i as i64,
            l.product_id,
            l.plu,
            l.name,
            l.unit_price.cents(),
            l.quantity.milli(),
            l.unit.code(),
            l.vat.bp(),
            discount,
            l.gross().cents()
        ])?;
    }
    Ok((order_id, totals.total))
}

pub(super) fn load_order(conn: &Connection, order_id: i64) -> Result<OrderRecord> {
    let head = conn
        .one(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?1"), [order_id], rows::order_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("order {order_id}")))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS} FROM order_lines WHERE order_id = ?1 ORDER BY position"
    ))?;
    let lines = stmt
        .query_map([order_id], rows::line_row)?
        .map(|r| r.map_err(StoreError::from).and_then(|l| l.decode()))
        .collect::<Result<Vec<_>>>()?;
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {TENDER_COLUMNS} FROM tenders WHERE order_id = ?1 ORDER BY id"))?;
    let tenders = stmt
        .query_map([order_id], rows::tender_row)?
        .map(|r| r.map_err(StoreError::from).and_then(|t| t.decode()))
        .collect::<Result<Vec<_>>>()?;
    Ok(OrderRecord {
        id: order_id,
        status: head.status()?,
        user_id: head.user_id,
        cart: Cart { lines, order_discount: head.discount()? },
        total: Money::from_cents(head.total_cents),
        tenders,
    })
}

fn insert_tender(tx: &Tx<'_>, order_id: i64, tender: &Tender) -> Result<()> {
    let card = tender.card.as_ref().map(serde_json::to_string).transpose()?;
    let attempt = tender.card.as_ref().map(|c| c.attempt_id.clone()).filter(|a| !a.is_empty());
    tx.run(
        "INSERT INTO tenders (order_id, kind, amount_cents, given_cents, change_cents, attempt_id, card, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            order_id,
            tender.kind.code(),
            tender.amount.cents(),
            tender.given.cents(),
            tender.change.cents(),
            attempt,
            card,
            now()
        ],
    )?;
    Ok(())
}

/// Kinds whose approval pays an order (a refund or void never does).
pub(super) const SALE_KINDS: &str = "('sale', 'moto')";

/// The card payment this order still waits on, other than `booking` (the one being booked): an
/// attempt without an outcome, or an approval whose tender is not booked yet. While one
/// exists the order takes no other tender or void.
pub(super) fn card_pending(conn: &Connection, order_id: i64, booking: Option<&str>) -> Result<()> {
    let open: Option<(String, String)> = conn
        .one(
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
        .one(
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

#[cfg(test)]
pub(crate) static CRASH_AFTER_COUNTER: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Adds a tender and, when the order is covered, marks it paid and issues its receipt.
pub(super) fn apply_tender(
    tx: &Tx<'_>,
    register_id: &str,
    order_id: i64,
    tender: &Tender,
    cashier: &str,
) -> Result<Option<Receipt>> {
    let order = load_order(tx, order_id)?;
    if order.status != OrderStatus::Open && order.status != OrderStatus::Deferred {
        return Err(conflict(format!("order {order_id} is {}", order.status.code())));
    }
    if tender.amount > order.remaining() {
        return Err(conflict(format!("tender {} exceeds the {} due", tender.amount, order.remaining())));
    }
    insert_tender(tx, order_id, tender)?;
    crate::fault::crash_point(crate::fault::Step::IssueReceipt);
    let mut tenders = order.tenders.clone();
    tenders.push(tender.clone());
    if crate::domain::tender::remaining(order.total, &tenders).cents() > 0 {
        return Ok(None);
    }
    let number = next_receipt_number(tx, register_id)?;
    #[cfg(test)]
    if CRASH_AFTER_COUNTER.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(StoreError::Corrupt("simulated crash after the counter".into()));
    }
    // The receipt states the total the tenders covered: the stored one, never a recomputation.
    let totals = order.cart.totals();
    if totals.total != order.total {
        return Err(StoreError::Corrupt(format!(
            "order {order_id}: total_cents {} differs from its lines ({})",
            order.total.cents(),
            totals.total.cents()
        )));
    }
    let receipt = Receipt {
        number,
        register_id: register_id.to_string(),
        order_id,
        kind: ReceiptKind::Sale,
        refund_of: None,
        issued_at: now(),
        cashier: cashier.to_string(),
        lines: Receipt::lines_of(&order.cart),
        order_discount: totals.order_discount,
        vat: totals.vat,
        total: order.total,
        tenders,
    };
    tx.run("UPDATE orders SET status = 'paid', updated_at = ?2 WHERE id = ?1", params![order_id, now()])?;
    insert_receipt(tx, &receipt, cashier)?;
    Ok(Some(receipt))
}

impl Store {
    /// Commits a cart as an open order (before a card payment, so the attempt can point at it).
    pub fn create_order(&self, register_id: &str, user_id: i64, cart: &Cart, actor: &str) -> Result<i64> {
        if cart.is_empty() {
            return Err(conflict("the cart is empty"));
        }
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let (order_id, total) = insert_order(&tx, register_id, user_id, cart)?;
        audit::append(
            &tx,
            actor,
            "order.open",
            &order_id.to_string(),
            &format!("{{\"total_cents\":{}}}", total.cents()),
        )?;
        tx.commit()?;
        Ok(order_id)
    }

    pub fn order(&self, order_id: i64) -> Result<OrderRecord> {
        load_order(&self.conn(), order_id)
    }

    /// Records a tender on an open order; returns the receipt when the order is now paid.
    pub fn add_tender(
        &self,
        register_id: &str,
        order_id: i64,
        tender: &Tender,
        actor: &str,
    ) -> Result<Option<Receipt>> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        // A card tender is booked through `book_card_tender`; anything else waits for the card.
        card_pending(&tx, order_id, None)?;
        let receipt = apply_tender(&tx, register_id, order_id, tender, actor)?;
        tx.commit()?;
        Ok(receipt)
    }

    /// A whole cash sale in one transaction: order, lines, tender, receipt and audit entries.
    pub fn cash_sale(
        &self,
        register_id: &str,
        user_id: i64,
        cart: &Cart,
        given: Money,
        actor: &str,
    ) -> Result<Receipt> {
        if cart.is_empty() {
            return Err(conflict("the cart is empty"));
        }
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let (order_id, total) = insert_order(&tx, register_id, user_id, cart)?;
        let tender = Tender::cash_settling(total, given).map_err(|e| conflict(e.to_string()))?;
        let receipt = apply_tender(&tx, register_id, order_id, &tender, actor)?
            .ok_or_else(|| conflict("cash did not cover the order"))?;
        tx.commit()?;
        Ok(receipt)
    }

    /// Cancels an unpaid order. Refused once a card has paid part of it: that needs a void first.
    pub fn void_order(&self, order_id: i64, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let order = load_order(&tx, order_id)?;
        if order.status != OrderStatus::Open {
            return Err(conflict(format!("order {order_id} is {}", order.status.code())));
        }
        card_pending(&tx, order_id, None)?;
        if order.tenders.iter().any(|t| t.kind == TenderKind::Card) {
            return Err(conflict(format!(
                "order {order_id} has a card payment; void it on the terminal first"
            )));
        }
        tx.run(
            "UPDATE orders SET status = 'voided', updated_at = ?2 WHERE id = ?1",
            params![order_id, now()],
        )?;
        audit::append(
            &tx,
            actor,
            "order.void",
            &order_id.to_string(),
            &format!("{{\"total_cents\":{}}}", order.total.cents()),
        )?;
        tx.commit()?;
        Ok(())
    }
}
