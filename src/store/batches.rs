//! Batch closures (Z reports): the register's own totals since the last closure, stored
//! beside the terminal's totals under a gapless closure number.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, audit, now};
use crate::domain::{BatchClosure, Money, Receipt, ReceiptKind, RegisterTotals, VatRate, vat};

fn totals_since(conn: &Connection, register_id: &str) -> Result<RegisterTotals> {
    let after: i64 = conn.query_row(
        "SELECT coalesce(max(last_receipt), 0) FROM batch_closures WHERE register_id = ?1",
        [register_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn
        .prepare_cached("SELECT body FROM receipts WHERE register_id = ?1 AND number > ?2 ORDER BY number")?;
    let bodies = stmt.query_map(params![register_id, after], |r| r.get::<_, String>(0))?;
    let mut t = RegisterTotals::default();
    let mut per_rate: Vec<(VatRate, Money)> = Vec::new();
    for body in bodies {
        let receipt: Receipt = serde_json::from_str(&body?)?;
        t.first_receipt.get_or_insert(receipt.number);
        t.last_receipt = Some(receipt.number);
        match receipt.kind {
            ReceiptKind::Sale => t.sales += 1,
            ReceiptKind::Refund => t.refunds += 1,
        }
        t.total += receipt.total;
        for tender in &receipt.tenders {
            let sign = if receipt.kind == ReceiptKind::Refund && tender.amount.cents() > 0 { -1 } else { 1 };
            *t.tenders.entry(tender.kind.code().to_string()).or_default() += tender.amount.mul_div(sign, 1);
            if tender.card.is_some() {
                t.card_count += 1;
            }
        }
        per_rate.extend(receipt.vat.iter().map(|s| (s.rate, s.gross)));
    }
    t.vat = vat::summarise(per_rate);
    Ok(t)
}

impl Store {
    /// The X report: totals since the last closure, nothing closed.
    pub fn register_totals(&self, register_id: &str) -> Result<RegisterTotals> {
        totals_since(&self.conn(), register_id)
    }

    pub fn close_batch(
        &self,
        register_id: &str,
        terminal: &str,
        terminal_totals: Option<serde_json::Value>,
        counted_cash: Option<Money>,
        user_id: Option<i64>,
        actor: &str,
    ) -> Result<BatchClosure> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let register = totals_since(&tx, register_id)?;
        let number: i64 = tx.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM batch_closures WHERE register_id = ?1",
            [register_id],
            |r| r.get(0),
        )?;
        let closed_at = now();
        tx.execute(
            "INSERT INTO batch_closures (register_id, number, terminal, closed_at, user_id, first_receipt, last_receipt,
                                         register_totals, terminal_totals, counted_cash_cents)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                register_id,
                number,
                terminal,
                closed_at,
                user_id,
                register.first_receipt,
                register.last_receipt,
                serde_json::to_string(&register)?,
                terminal_totals.as_ref().map(serde_json::Value::to_string),
                counted_cash.map(Money::cents)
            ],
        )?;
        let detail = serde_json::json!({ "total_cents": register.total.cents(), "last_receipt": register.last_receipt });
        audit::append(&tx, actor, "batch.close", &format!("{register_id}/{number}"), &detail.to_string())?;
        tx.commit()?;
        Ok(BatchClosure {
            number,
            register_id: register_id.to_string(),
            terminal: terminal.to_string(),
            closed_at,
            register,
            terminal_totals,
            counted_cash,
        })
    }

    pub fn batch_closures(&self, register_id: &str) -> Result<Vec<BatchClosure>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT number, terminal, closed_at, register_totals, terminal_totals, counted_cash_cents
             FROM batch_closures WHERE register_id = ?1 ORDER BY number DESC",
        )?;
        let rows = stmt.query_map([register_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<i64>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (number, terminal, closed_at, reg, term, cash) = row?;
            out.push(BatchClosure {
                number,
                register_id: register_id.to_string(),
                terminal,
                closed_at,
                register: serde_json::from_str(&reg)?,
                terminal_totals: term.map(|t| serde_json::from_str(&t)).transpose()?,
                counted_cash: cash.map(Money::from_cents),
            });
        }
        Ok(out)
    }

    pub fn batch_closure(&self, register_id: &str, number: i64) -> Result<Option<BatchClosure>> {
        let exists: Option<i64> = self
            .conn()
            .query_row(
                "SELECT number FROM batch_closures WHERE register_id = ?1 AND number = ?2",
                params![register_id, number],
                |r| r.get(0),
            )
            .optional()?;
        Ok(exists.and_then(|n| self.batch_closures(register_id).ok()?.into_iter().find(|b| b.number == n)))
    }
}
