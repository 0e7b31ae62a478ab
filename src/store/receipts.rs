//! Orders, their lines and tenders, and receipts: an order is paid when its tenders cover it,
//! and its receipt gets the next gapless number in that same transaction.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::check::damaged;
use super::rows::{self, LINE_COLUMNS, ORDER_COLUMNS, TENDER_COLUMNS};
use super::{Result, Store, StoreError, audit, now};
use crate::domain::{Cart, Money, OrderStatus, Receipt, ReceiptKind, Tender, TenderKind, time};

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

/// A row of the receipts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptSummary {
    pub number: i64,
    pub kind: ReceiptKind,
    pub issued_at: String,
    pub total: Money,
    pub card_last4: String,
    pub reprints: i64,
    /// A sale that a later refund receipt took back.
    pub refunded: bool,
    /// A card payment on it whose outcome a manager decided by hand (the terminal could not say).
    pub by_hand: bool,
    /// A sale of which some lines (not all) were refunded.
    pub part_refunded: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ReceiptFilter {
    pub number: Option<i64>,
    /// `YYYY-MM-DD`, a day on the shop's clock (23 or 25 hours on a DST change).
    pub date: Option<String>,
    pub total: Option<Money>,
    pub card_last4: Option<String>,
    pub limit: Option<i64>,
}

fn conflict(msg: impl Into<String>) -> StoreError {
    StoreError::Conflict(msg.into())
}

pub(crate) fn insert_order(
    tx: &Transaction<'_>,
    register_id: &str,
    user_id: i64,
    cart: &Cart,
) -> Result<(i64, Money)> {
    let totals = cart.totals();
    let at = now();
    let discount = cart.order_discount.map(|d| serde_json::to_string(&d)).transpose()?;
    tx.execute(
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
        .query_row(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?1"), [order_id], rows::order_row)
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

fn insert_tender(tx: &Transaction<'_>, order_id: i64, tender: &Tender) -> Result<()> {
    let card = tender.card.as_ref().map(serde_json::to_string).transpose()?;
    let attempt = tender.card.as_ref().map(|c| c.attempt_id.clone()).filter(|a| !a.is_empty());
    tx.execute(
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

/// Takes the next number of the register's sequence (inside the caller's transaction).
pub(super) fn next_receipt_number(tx: &Transaction<'_>, register_id: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO receipt_counters (register_id, last_number) VALUES (?1, 1)
         ON CONFLICT(register_id) DO UPDATE SET last_number = last_number + 1",
        [register_id],
    )?;
    Ok(tx.query_row(
        "SELECT last_number FROM receipt_counters WHERE register_id = ?1",
        [register_id],
        |r| r.get(0),
    )?)
}

fn body_hash(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

pub(super) fn insert_receipt(tx: &Transaction<'_>, receipt: &Receipt, actor: &str) -> Result<()> {
    let body = serde_json::to_string(receipt)?;
    let sha = body_hash(&body);
    let last4: String = receipt
        .tenders
        .iter()
        .filter_map(|t| t.card.as_ref())
        .map(|c| c.masked_pan.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect::<String>())
        .next()
        .unwrap_or_default();
    tx.execute(
        "INSERT INTO receipts (register_id, number, order_id, kind, issued_at, total_cents, card_last4, body, body_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            receipt.register_id,
            receipt.number,
            receipt.order_id,
            if receipt.kind == ReceiptKind::Sale { "sale" } else { "refund" },
            receipt.issued_at,
            receipt.total.cents(),
            last4,
            body,
            sha
        ],
    )?;
    let subject = format!("{}/{}", receipt.register_id, receipt.number);
    let detail = format!(
        "{{\"order\":{},\"total_cents\":{},\"sha256\":\"{sha}\"}}",
        receipt.order_id,
        receipt.total.cents()
    );
    audit::append(tx, actor, "receipt.issue", &subject, &detail)?;
    Ok(())
}

#[cfg(test)]
pub(crate) static CRASH_AFTER_COUNTER: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Adds a tender and, when the order is covered, marks it paid and issues its receipt.
pub(super) fn apply_tender(
    tx: &Transaction<'_>,
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
    tx.execute("UPDATE orders SET status = 'paid', updated_at = ?2 WHERE id = ?1", params![order_id, now()])?;
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
        let tx = conn.transaction()?;
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
        let tx = conn.transaction()?;
        // A card tender is booked through `book_card_tender`; anything else waits for the card.
        super::pending::card_pending(&tx, order_id, None)?;
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
        let tx = conn.transaction()?;
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
        let tx = conn.transaction()?;
        let order = load_order(&tx, order_id)?;
        if order.status != OrderStatus::Open {
            return Err(conflict(format!("order {order_id} is {}", order.status.code())));
        }
        super::pending::card_pending(&tx, order_id, None)?;
        if order.tenders.iter().any(|t| t.kind == TenderKind::Card) {
            return Err(conflict(format!(
                "order {order_id} has a card payment; void it on the terminal first"
            )));
        }
        tx.execute(
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

    /// Refunds a paid sale in full: a refund receipt with the next number, the order marked refunded.
    pub fn refund(
        &self,
        register_id: &str,
        number: i64,
        refund_tenders: Vec<Tender>,
        actor: &str,
    ) -> Result<Receipt> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let original = receipt_in(&tx, register_id, number)?;
        if original.kind != ReceiptKind::Sale {
            return Err(conflict(format!("receipt {number} is itself a refund")));
        }
        let status: String =
            tx.query_row("SELECT status FROM orders WHERE id = ?1", [original.order_id], |r| r.get(0))?;
        if status != "paid" {
            return Err(conflict(format!("receipt {number} was already refunded")));
        }
        let earlier: i64 = tx.query_row(
            "SELECT count(*) FROM receipts WHERE register_id = ?1 AND order_id = ?2 AND kind = 'refund'",
            params![register_id, original.order_id],
            |r| r.get(0),
        )?;
        if earlier > 0 {
            // Some lines are back already: the rest goes back by line (`refund_lines_of`).
            return Err(conflict(format!("receipt {number} was partly refunded")));
        }
        let refund_number = next_receipt_number(&tx, register_id)?;
        let neg = |m: Money| -m;
        let receipt = Receipt {
            number: refund_number,
            register_id: register_id.to_string(),
            order_id: original.order_id,
            kind: ReceiptKind::Refund,
            refund_of: Some(number),
            issued_at: now(),
            cashier: actor.to_string(),
            lines: original
                .lines
                .iter()
                .map(|l| crate::domain::ReceiptLine {
                    discount: neg(l.discount),
                    amount: neg(l.amount),
                    ..l.clone()
                })
                .collect(),
            order_discount: neg(original.order_discount),
            vat: original
                .vat
                .iter()
                .map(|s| crate::domain::VatSummary {
                    gross: neg(s.gross),
                    vat: neg(s.vat),
                    net: neg(s.net),
                    ..*s
                })
                .collect(),
            total: neg(original.total),
            tenders: refund_tenders,
        };
        tx.execute(
            "UPDATE orders SET status = 'refunded', updated_at = ?2 WHERE id = ?1",
            params![original.order_id, now()],
        )?;
        insert_receipt(&tx, &receipt, actor)?;
        let tenders: Vec<&str> = receipt.tenders.iter().map(|t| t.kind.code()).collect();
        let attempts: Vec<&str> =
            receipt.tenders.iter().filter_map(|t| t.card.as_ref()).map(|c| c.attempt_id.as_str()).collect();
        let detail = serde_json::json!({
            "refund_number": refund_number, "total_cents": original.total.cents(),
            "tenders": tenders, "attempts": attempts,
        });
        audit::append(&tx, actor, "receipt.refund", &format!("{register_id}/{number}"), &detail.to_string())?;
        tx.commit()?;
        Ok(receipt)
    }

    /// The sale receipt of an order, if it was issued.
    pub fn receipt_of_order(&self, register_id: &str, order_id: i64) -> Result<Option<Receipt>> {
        let conn = self.conn();
        let body: Option<String> = conn
            .query_row(
                "SELECT body FROM receipts WHERE register_id = ?1 AND order_id = ?2 AND kind = 'sale'",
                params![register_id, order_id],
                |r| r.get(0),
            )
            .optional()?;
        let row = || format!("sale receipt of order {order_id}");
        body.map(|b| rows::receipt_body(&row(), &b)).transpose()
    }

    pub fn receipt(&self, register_id: &str, number: i64) -> Result<Receipt> {
        receipt_in(&self.conn(), register_id, number)
    }

    pub fn receipts(&self, register_id: &str, filter: &ReceiptFilter) -> Result<Vec<ReceiptSummary>> {
        self.receipts_in(register_id, filter, &chrono::Local)
    }

    /// The receipts list with its date read as a day on the clock of `tz`.
    pub(crate) fn receipts_in<Tz: chrono::TimeZone>(
        &self,
        register_id: &str,
        filter: &ReceiptFilter,
        tz: &Tz,
    ) -> Result<Vec<ReceiptSummary>> {
        let day = filter
            .date
            .as_deref()
            .map(|d| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .ok()
                    .and_then(|day| time::day_bounds_in(day, tz))
                    .ok_or_else(|| conflict(format!("date {d} is not YYYY-MM-DD")))
            })
            .transpose()?;
        let (from, to) = day.unzip();
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT r.number, r.kind, r.issued_at, r.total_cents, r.card_last4,
                    (SELECT count(*) FROM reprints p WHERE p.receipt_id = r.id),
                    r.kind = 'sale' AND EXISTS (SELECT 1 FROM receipts x WHERE x.register_id = r.register_id
                        AND x.order_id = r.order_id AND x.kind = 'refund'),
                    CASE WHEN json_valid(r.body) THEN EXISTS (SELECT 1 FROM json_each(r.body, '$.tenders') t
                        WHERE coalesce(json_extract(t.value, '$.card.resolved_by'), '') <> '') ELSE 0 END,
                    (SELECT status FROM orders o WHERE o.id = r.order_id) = 'refunded'
             FROM receipts r
             WHERE r.register_id = ?1
               AND (?2 IS NULL OR r.number = ?2)
               AND (?3 IS NULL OR (r.issued_at >= ?3 AND r.issued_at < ?7))
               AND (?4 IS NULL OR r.total_cents = ?4 OR r.total_cents = -?4)
               AND (?5 IS NULL OR r.card_last4 = ?5)
             ORDER BY r.number DESC LIMIT ?6",
        )?;
        let rows = stmt.query_map(
            params![
                register_id,
                filter.number,
                from,
                filter.total.map(Money::cents),
                filter.card_last4,
                filter.limit.unwrap_or(200),
                to
            ],
            |r| {
                let number = r.get(0)?;
                let kind: String = r.get(1)?;
                let kind = rows::receipt_kind(&rows::receipt_name(register_id, number), &kind)
                    .map_err(|e| damaged(1, e))?;
                Ok(ReceiptSummary {
                    number,
                    kind,
                    issued_at: r.get(2)?,
                    total: Money::from_cents(r.get(3)?),
                    card_last4: r.get(4)?,
                    reprints: r.get(5)?,
                    // Refunded: the whole sale is back; partly: some refund receipt, lines left.
                    refunded: r.get::<_, bool>(6)? && r.get::<_, bool>(8)?,
                    by_hand: r.get(7)?,
                    part_refunded: r.get::<_, bool>(6)? && !r.get::<_, bool>(8)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a reprint and returns its copy number (1 for the first copy).
    pub fn record_reprint(&self, register_id: &str, number: i64, user_id: i64, actor: &str) -> Result<i64> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let receipt_id: i64 = tx
            .query_row(
                "SELECT id FROM receipts WHERE register_id = ?1 AND number = ?2",
                params![register_id, number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("receipt {number}")))?;
        let copy: i64 =
            tx.query_row("SELECT count(*) + 1 FROM reprints WHERE receipt_id = ?1", [receipt_id], |r| {
                r.get(0)
            })?;
        tx.execute(
            "INSERT INTO reprints (receipt_id, copy_number, user_id, at) VALUES (?1, ?2, ?3, ?4)",
            params![receipt_id, copy, user_id, now()],
        )?;
        audit::append(
            &tx,
            actor,
            "receipt.reprint",
            &format!("{register_id}/{number}"),
            &format!("{{\"copy\":{copy}}}"),
        )?;
        tx.commit()?;
        Ok(copy)
    }

    /// Receipts whose stored body no longer matches its hash or its audit entry.
    pub fn verify_receipts(&self) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT r.register_id, r.number, r.body, r.body_sha256, r.total_cents,
                    (SELECT a.detail FROM audit_log a WHERE a.action = 'receipt.issue'
                       AND a.subject = r.register_id || '/' || r.number)
             FROM receipts r ORDER BY r.register_id, r.number",
        )?;
        let mut problems = Vec::new();
        let mut rows = stmt.query([])?;
        let mut last: Option<(String, i64)> = None;
        while let Some(r) = rows.next()? {
            let (register, number): (String, i64) = (r.get(0)?, r.get(1)?);
            let (body, sha, total): (String, String, i64) = (r.get(2)?, r.get(3)?, r.get(4)?);
            let audit: Option<String> = r.get(5)?;
            let actual = body_hash(&body);
            if actual != sha {
                problems.push(format!(
                    "receipt {register}/{number}: its content was changed after it was issued"
                ));
            } else if !audit.as_deref().is_some_and(|a| a.contains(&sha)) {
                problems.push(format!("receipt {register}/{number}: no matching audit entry"));
            }
            let parsed: Option<Receipt> = serde_json::from_str(&body).ok();
            if parsed.as_ref().is_none_or(|p| p.total.cents() != total || p.number != number) {
                problems
                    .push(format!("receipt {register}/{number}: its total or number differs from its body"));
            }
            if let Some((last_register, last_number)) = &last
                && *last_register == register
                && number != last_number + 1
            {
                problems.push(format!(
                    "register {register}: receipt numbers jump from {last_number} to {number}"
                ));
            }
            last = Some((register, number));
        }
        Ok(problems)
    }
}

pub(super) fn receipt_in(conn: &Connection, register_id: &str, number: i64) -> Result<Receipt> {
    let body: String = conn
        .query_row(
            "SELECT body FROM receipts WHERE register_id = ?1 AND number = ?2",
            params![register_id, number],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("receipt {number}")))?;
    rows::receipt_body(&rows::receipt_name(register_id, number), &body)
}

#[cfg(test)]
#[path = "receipts_tests.rs"]
mod tests;
