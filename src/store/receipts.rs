//! Receipts: the gapless number, the sealed body with its hash and audit entry, full refunds,
//! the receipts list, reprints, and the check that no issued receipt was changed.

use crate::store::bulk::{Tx, begin};
use crate::store::cached::Cached;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::error::conflict;
use super::rows;
use super::{Result, Store, StoreError, audit, now};
use crate::domain::{Money, Receipt, ReceiptKind, Tender};

/// Takes the next number of the register's sequence (inside the caller's transaction).
pub(super) fn next_receipt_number(tx: &Tx<'_>, register_id: &str) -> Result<i64> {
    tx.run(
        "INSERT INTO receipt_counters (register_id, last_number) VALUES (?1, 1)
         ON CONFLICT(register_id) DO UPDATE SET last_number = last_number + 1",
        [register_id],
    )?;
    Ok(tx.one("SELECT last_number FROM receipt_counters WHERE register_id = ?1", [register_id], |r| {
        r.get(0)
    })?)
}

pub(super) fn body_hash(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

pub(super) fn insert_receipt(tx: &Tx<'_>, receipt: &Receipt, actor: &str) -> Result<()> {
    let body = serde_json::to_string(receipt)?;
    let sha = body_hash(&body);
    let last4: String = receipt
        .tenders
        .iter()
        .filter_map(|t| t.card.as_ref())
        .map(|c| c.masked_pan.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect::<String>())
        .next()
        .unwrap_or_default();
    tx.run(
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

impl Store {
    /// Refunds a paid sale in full: a refund receipt with the next number, the order marked refunded.
    pub fn refund(
        &self,
        register_id: &str,
        number: i64,
        refund_tenders: Vec<Tender>,
        actor: &str,
    ) -> Result<Receipt> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let original = receipt_in(&tx, register_id, number)?;
        if original.kind != ReceiptKind::Sale {
            return Err(conflict(format!("receipt {number} is itself a refund")));
        }
        let status: String =
            tx.one("SELECT status FROM orders WHERE id = ?1", [original.order_id], |r| r.get(0))?;
        if status != "paid" {
            return Err(conflict(format!("receipt {number} was already refunded")));
        }
        let earlier: i64 = tx.one(
            "SELECT count(*) FROM receipts WHERE order_id = ?2 AND +register_id = ?1 AND kind = 'refund'",
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
        tx.run(
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
            .one(
                "SELECT body FROM receipts WHERE order_id = ?2 AND +register_id = ?1 AND kind = 'sale'",
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

    /// The copy number the next reprint of a receipt gets (1 for the first copy).
    pub fn next_copy_number(&self, register_id: &str, number: i64) -> Result<i64> {
        self.conn()
            .one(
                "SELECT (SELECT count(*) + 1 FROM reprints WHERE receipt_id = r.id)
                 FROM receipts r WHERE r.register_id = ?1 AND r.number = ?2",
                params![register_id, number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("receipt {number}")))
    }

    /// Records a reprint and returns its copy number (1 for the first copy).
    pub fn record_reprint(&self, register_id: &str, number: i64, user_id: i64, actor: &str) -> Result<i64> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let receipt_id: i64 = tx
            .one(
                "SELECT id FROM receipts WHERE register_id = ?1 AND number = ?2",
                params![register_id, number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("receipt {number}")))?;
        let copy: i64 =
            tx.one("SELECT count(*) + 1 FROM reprints WHERE receipt_id = ?1", [receipt_id], |r| r.get(0))?;
        tx.run(
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
}

pub(super) fn receipt_in(conn: &Connection, register_id: &str, number: i64) -> Result<Receipt> {
    let body: String = conn
        .one(
            "SELECT body FROM receipts WHERE register_id = ?1 AND number = ?2",
            params![register_id, number],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("receipt {number}")))?;
    rows::receipt_body(&rows::receipt_name(register_id, number), &body)
}

mod list;

#[cfg(test)]
mod tests;
