//! Signatures nobody settled: approved card sales whose slip asked for the cardholder's
//! signature (nexo `SignatureBlock`) with no confirmation in the audit log (`card.signature`)
//! and no refund of their receipt — the register was closed or killed while the cashier was to
//! look, or a refusal's reversal never went through.

use crate::store::bulk::begin;
use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::domain::Money;

impl Store {
    /// Since `since` (a stored timestamp), oldest first, as (attempt, receipt number, amount);
    /// a receipt given back since is left out.
    pub fn unchecked_signatures(
        &self,
        register_id: &str,
        since: &str,
    ) -> Result<Vec<(uuid::Uuid, i64, Money)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            // CROSS JOIN keeps the attempts of the last day outside: SQLite would otherwise
            // start from every receipt of the register.
            "SELECT a.id, r.number, a.amount_cents FROM attempts a
               CROSS JOIN receipts r ON r.order_id = a.order_id AND r.kind = 'sale' AND +r.register_id = ?1
              WHERE a.state = 'approved' AND a.created_at >= ?2
                AND instr(a.outcome, '\"signature_required\":true') > 0
                AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'card.signature'
                                   AND l.subject = a.id AND instr(l.detail, '\"confirmed\":true') > 0)
                AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.order_id = a.order_id AND x.kind = 'refund')
              ORDER BY a.created_at, a.id",
        )?;
        let rows = stmt.query_map(params![register_id, since], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, receipt, cents) = row?;
            let attempt = uuid::Uuid::parse_str(&id)
                .map_err(|e| StoreError::Corrupt(format!("attempt id {id}: {e}")))?;
            out.push((attempt, receipt, Money::from_cents(cents)));
        }
        Ok(out)
    }
}

impl Store {
    /// Voids an open order whose card payments were all reversed on their terminals (a
    /// refused signature on the card part of a split sale): no receipt was issued, and the
    /// reversals are the approved void attempts of the order. Refused otherwise.
    pub fn void_order_reversed(&self, order_id: i64, reversal: uuid::Uuid, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let order = super::orders::load_order(&tx, order_id)?;
        if order.status != crate::domain::OrderStatus::Open {
            return Err(StoreError::Conflict(format!("order {order_id} is {}", order.status.code())));
        }
        let cards = order.tenders.iter().filter(|t| t.kind == crate::domain::TenderKind::Card).count();
        let reversed: i64 = tx.query_row(
            "SELECT COUNT(*) FROM attempts WHERE order_id = ?1 AND kind = 'void' AND state = 'approved'",
            [order_id],
            |r| r.get(0),
        )?;
        if (reversed as usize) < cards {
            return Err(StoreError::Conflict(format!(
                "order {order_id} has {cards} card payments and {reversed} reversals"
            )));
        }
        tx.execute(
            "UPDATE orders SET status = 'voided', updated_at = ?2 WHERE id = ?1",
            params![order_id, super::now()],
        )?;
        let detail =
            format!("{{\"total_cents\":{},\"card_reversed_by\":\"{reversal}\"}}", order.total.cents());
        super::audit::append(&tx, actor, "order.void", &order_id.to_string(), &detail)?;
        tx.commit()?;
        Ok(())
    }
}
