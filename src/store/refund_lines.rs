//! Refunds by line (`schema_7.sql`): the refund receipt for some lines of a sale, what the
//! refunds of a sale took back so far, and the lines of a card refund committed before it is
//! sent to the terminal. A refund never gives back more of a line than is left on it.

use crate::store::bulk::begin;
use crate::store::cached::Cached;
use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::receipts::{insert_receipt, next_receipt_number, receipt_in};
use super::{Result, Store, StoreError, audit, now};
use crate::domain::refund::{LineBalance, paid_per_line};
use crate::domain::vat::summarise;
use crate::domain::{Money, Quantity, Receipt, ReceiptKind, ReceiptLine, Tender};

/// One line of a sale given back: which line (its place on the sale receipt), how much of it,
/// and for how much (positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineBack {
    pub index: usize,
    pub quantity: Quantity,
    pub amount: Money,
}

/// A card refund about to be sent: its lines, and what goes back on the card and in cash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRefund {
    pub order_id: i64,
    pub card: Money,
    pub cash: Money,
    pub lines: Vec<LineBack>,
}

fn conflict(msg: impl Into<String>) -> StoreError {
    StoreError::Conflict(msg.into())
}

/// What the refunds of an order took back so far, per line: (quantity, money).
fn refunded_in(conn: &rusqlite::Connection, order_id: i64) -> Result<BTreeMap<usize, (Quantity, Money)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT line_index, sum(quantity_milli), sum(amount_cents) FROM refund_lines
         WHERE order_id = ?1 GROUP BY line_index",
    )?;
    let rows = stmt.query_map([order_id], |r| {
        let index: i64 = r.get(0)?;
        Ok((index, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
    })?;
    let mut done = BTreeMap::new();
    for row in rows {
        let (index, milli, cents) = row?;
        let index = usize::try_from(index).map_err(|_| conflict(format!("refund line {index}")))?;
        done.insert(index, (Quantity::from_milli(milli), Money::from_cents(cents)));
    }
    Ok(done)
}

/// Each line of the sale with what is left of it.
pub fn balances(sale: &Receipt, done: &BTreeMap<usize, (Quantity, Money)>) -> Vec<LineBalance> {
    let paid = paid_per_line(sale);
    sale.lines
        .iter()
        .zip(paid)
        .enumerate()
        .map(|(i, (line, paid))| LineBalance {
            sold: line.quantity,
            paid,
            back: done.get(&i).copied().unwrap_or((Quantity::from_milli(0), Money::ZERO)),
        })
        .collect()
}

/// The refund receipt's line for part of a sale line: its price, what it was paid less (the
/// line's and the order's discount) as its discount, all negative.
fn refund_line(sold: &ReceiptLine, back: &LineBack) -> ReceiptLine {
    let before_discount = sold.unit_price.mul_div(back.quantity.milli(), 1000).max(back.amount);
    ReceiptLine {
        quantity: back.quantity,
        discount: -(before_discount - back.amount),
        amount: -back.amount,
        ..sold.clone()
    }
}

impl Store {
    /// What the refunds of an order took back so far, per line of its sale.
    pub fn refunded_lines(&self, order_id: i64) -> Result<BTreeMap<usize, (Quantity, Money)>> {
        refunded_in(&self.conn(), order_id)
    }

    /// The refund receipts of an order, oldest first.
    pub fn refund_receipts_of(&self, register_id: &str, order_id: i64) -> Result<Vec<Receipt>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT number FROM receipts WHERE order_id = ?2 AND +register_id = ?1 AND kind = 'refund'
             ORDER BY number",
        )?;
        let numbers: Vec<i64> =
            stmt.query_map(params![register_id, order_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        numbers.into_iter().map(|n| receipt_in(&conn, register_id, n)).collect()
    }

    /// Commits the lines of a card refund before it is sent (one per order at a time).
    pub fn set_refund_pending(&self, pending: &PendingRefund) -> Result<()> {
        let lines = serde_json::to_string(&pending.lines)?;
        self.conn().run(
            "INSERT INTO refund_pending (order_id, card_cents, cash_cents, lines, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(order_id) DO UPDATE SET card_cents = ?2, cash_cents = ?3, lines = ?4, created_at = ?5",
            params![pending.order_id, pending.card.cents(), pending.cash.cents(), lines, now()],
        )?;
        Ok(())
    }

    /// The card refund of this order committed before sending, if any.
    pub fn refund_pending(&self, order_id: i64) -> Result<Option<PendingRefund>> {
        let row: Option<(i64, i64, String)> = self
            .conn()
            .one(
                "SELECT card_cents, cash_cents, lines FROM refund_pending WHERE order_id = ?1",
                [order_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((card, cash, lines)) = row else { return Ok(None) };
        let lines = serde_json::from_str(&lines)
            .map_err(|e| StoreError::Corrupt(format!("refund_pending of order {order_id}: lines: {e}")))?;
        Ok(Some(PendingRefund {
            order_id,
            card: Money::from_cents(card),
            cash: Money::from_cents(cash),
            lines,
        }))
    }

    /// Forgets a card refund that ended without moving money (declined, never sent).
    pub fn clear_refund_pending(&self, order_id: i64) -> Result<()> {
        self.conn().run("DELETE FROM refund_pending WHERE order_id = ?1", [order_id])?;
        Ok(())
    }

    /// Issues the refund receipt for these lines of sale `number`, with these (negative)
    /// tenders, in one transaction: checked against what is left on each line, recorded per
    /// line, the order marked refunded once nothing is left, the pending refund forgotten.
    pub fn refund_lines_of(
        &self,
        register_id: &str,
        number: i64,
        lines: &[LineBack],
        tenders: Vec<Tender>,
        actor: &str,
    ) -> Result<Receipt> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let sale = receipt_in(&tx, register_id, number)?;
        if sale.kind != ReceiptKind::Sale {
            return Err(conflict(format!("receipt {number} is itself a refund")));
        }
        let status: String =
            tx.one("SELECT status FROM orders WHERE id = ?1", [sale.order_id], |r| r.get(0))?;
        if status != "paid" {
            return Err(conflict(format!("receipt {number} was already refunded")));
        }
        let mut balances = balances(&sale, &refunded_in(&tx, sale.order_id)?);
        let mut sorted = lines.to_vec();
        sorted.sort_by_key(|l| l.index);
        if sorted.is_empty() || sorted.windows(2).any(|w| w[0].index == w[1].index) {
            return Err(conflict(format!("refund of receipt {number}: no lines, or a line twice")));
        }
        for back in &sorted {
            let balance = balances
                .get(back.index)
                .ok_or_else(|| conflict(format!("receipt {number} has no line {}", back.index)))?;
            let fits = back.quantity.milli() > 0
                && back.quantity.milli() <= balance.quantity_left()
                && back.amount > Money::ZERO
                && back.amount <= balance.money_left();
            if !fits {
                return Err(conflict(format!(
                    "refund of receipt {number}: line {} exceeds what is left",
                    back.index
                )));
            }
        }
        for attempt in tenders.iter().filter_map(|t| t.card.as_ref()).map(|c| c.attempt_id.as_str()) {
            let booked: bool = tx.one(
                "SELECT EXISTS (SELECT 1 FROM receipts x, json_each(CASE WHEN json_valid(x.body)
                     THEN x.body ELSE '{}' END, '$.tenders') t
                 WHERE x.order_id = ?1 AND x.kind = 'refund'
                   AND json_extract(t.value, '$.card.attempt_id') = ?2)",
                params![sale.order_id, attempt],
                |r| r.get(0),
            )?;
            if booked {
                // One terminal refund is booked once, whoever (which process) comes second.
                return Err(conflict(format!("refund attempt {attempt} is booked already")));
            }
        }
        // The card never gives back more than it took, whatever two tills decided.
        let on_card =
            |ts: &[Tender]| -> Money { ts.iter().filter(|t| t.card.is_some()).map(|t| t.amount).sum() };
        let mut card_back = -on_card(&tenders);
        let mut stmt = tx.prepare_cached(
            "SELECT number FROM receipts WHERE order_id = ?2 AND +register_id = ?1 AND kind = 'refund'",
        )?;
        let earlier: Vec<i64> = stmt
            .query_map(params![register_id, sale.order_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        for n in earlier {
            card_back -= on_card(&receipt_in(&tx, register_id, n)?.tenders);
        }
        if card_back > on_card(&sale.tenders) {
            return Err(conflict(format!(
                "refund of receipt {number}: {card_back} back on the card, more than it paid"
            )));
        }
        let refunded: Money = sorted.iter().map(|l| l.amount).sum();
        let given: Money = tenders.iter().map(|t| t.amount).sum();
        if given != -refunded {
            return Err(conflict(format!(
                "refund of receipt {number}: tenders {given} for lines {refunded}"
            )));
        }
        let refund_lines: Vec<ReceiptLine> =
            sorted.iter().map(|b| refund_line(&sale.lines[b.index], b)).collect();
        let receipt = Receipt {
            number: next_receipt_number(&tx, register_id)?,
            register_id: register_id.to_string(),
            order_id: sale.order_id,
            kind: ReceiptKind::Refund,
            refund_of: Some(number),
            issued_at: now(),
            cashier: actor.to_string(),
            vat: summarise(refund_lines.iter().map(|l| (l.vat, l.amount))),
            lines: refund_lines,
            order_discount: Money::ZERO,
            total: -refunded,
            tenders,
        };
        insert_receipt(&tx, &receipt, actor)?;
        let receipt_id: i64 = tx.one(
            "SELECT id FROM receipts WHERE register_id = ?1 AND number = ?2",
            params![register_id, receipt.number],
            |r| r.get(0),
        )?;
        for back in &sorted {
            tx.run(
                "INSERT INTO refund_lines (refund_receipt_id, order_id, line_index, quantity_milli, amount_cents)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![receipt_id, sale.order_id, back.index as i64, back.quantity.milli(), back.amount.cents()],
            )?;
            let b = &mut balances[back.index];
            b.back = (Quantity::from_milli(b.back.0.milli() + back.quantity.milli()), b.back.1 + back.amount);
        }
        let all_back = balances.iter().all(|b| b.quantity_left() <= 0);
        if all_back {
            tx.run(
                "UPDATE orders SET status = 'refunded', updated_at = ?2 WHERE id = ?1",
                params![sale.order_id, now()],
            )?;
        }
        tx.run("DELETE FROM refund_pending WHERE order_id = ?1", [sale.order_id])?;
        let kinds: Vec<&str> = receipt.tenders.iter().map(|t| t.kind.code()).collect();
        let attempts: Vec<&str> =
            receipt.tenders.iter().filter_map(|t| t.card.as_ref()).map(|c| c.attempt_id.as_str()).collect();
        let detail = serde_json::json!({
            "refund_number": receipt.number, "total_cents": refunded.cents(), "tenders": kinds,
            "attempts": attempts, "lines": sorted, "whole_sale_back": all_back,
        });
        audit::append(&tx, actor, "receipt.refund", &format!("{register_id}/{number}"), &detail.to_string())?;
        tx.commit()?;
        Ok(receipt)
    }
}
