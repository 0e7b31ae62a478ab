//! The receipts list (the manager's search): by number, day, amount or the card's last four
//! digits, newest first. One index picks the rows — the number, else the day, else the card,
//! else the amount — so a search reads what it finds, not every receipt ever issued; the
//! summary columns are then read for those few rows only.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::super::error::{conflict, damaged};
use super::super::rows;
use super::super::{Result, Store};
use crate::domain::{Money, ReceiptFilter, ReceiptSummary, time};

/// SQL with its arguments numbered as they are added.
#[derive(Default)]
struct Query {
    args: Vec<Value>,
}

impl Query {
    fn arg(&mut self, value: impl Into<Value>) -> String {
        self.args.push(value.into());
        format!("?{}", self.args.len())
    }
}

/// The filter with its day read as UTC bounds.
struct Wanted<'a> {
    register_id: &'a str,
    number: Option<i64>,
    day: Option<(String, String)>,
    total: Option<i64>,
    card_last4: Option<&'a str>,
    limit: i64,
}

/// What picks the rows: the first filter given, in this order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Driver {
    Number,
    Day,
    Card,
    Amount,
    Newest,
}

impl Wanted<'_> {
    fn driver(&self) -> Driver {
        match (self.number, &self.day, self.card_last4, self.total) {
            (Some(_), ..) => Driver::Number,
            (None, Some(_), ..) => Driver::Day,
            (None, None, Some(_), _) => Driver::Card,
            (None, None, None, Some(_)) => Driver::Amount,
            _ => Driver::Newest,
        }
    }

    /// `SELECT id, number` of at most `limit` receipts, newest first; `amount` is the signed
    /// total this arm looks for when the amount picks the rows. The filters that do not pick
    /// are written `+column` so that SQLite does not choose their index instead.
    fn arm(&self, q: &mut Query, amount: Option<i64>) -> String {
        let driver = self.driver();
        let plus = |d: Driver| if driver == d { "" } else { "+" };
        let mut terms = vec![format!("register_id = {}", q.arg(self.register_id.to_string()))];
        if let Some(n) = self.number {
            terms.push(format!("{}number = {}", plus(Driver::Number), q.arg(n)));
        }
        if let Some((from, to)) = &self.day {
            let p = plus(Driver::Day);
            terms.push(format!(
                "{p}issued_at >= {} AND {p}issued_at < {}",
                q.arg(from.clone()),
                q.arg(to.clone())
            ));
        }
        match (self.card_last4, driver) {
            // `<> ''` is the condition of the partial index `receipts_card_last4`.
            (Some(last4), Driver::Card) => {
                terms.push(format!("card_last4 = {} AND card_last4 <> ''", q.arg(last4.to_string())))
            }
            (Some(last4), _) => terms.push(format!("+card_last4 = {}", q.arg(last4.to_string()))),
            (None, _) => {}
        }
        match (amount, self.total) {
            (Some(signed), _) => terms.push(format!("total_cents = {}", q.arg(signed))),
            (None, Some(t)) => terms.push(format!("+total_cents IN ({}, {})", q.arg(t), q.arg(-t))),
            (None, None) => {}
        }
        let limit = q.arg(self.limit);
        format!(
            "SELECT id, number FROM receipts WHERE {} ORDER BY number DESC LIMIT {limit}",
            terms.join(" AND ")
        )
    }

    /// The rows picked: one arm, or two when the amount picks (a sale and a refund of it).
    fn picked(&self, q: &mut Query) -> String {
        match (self.driver(), self.total) {
            (Driver::Amount, Some(t)) if t != 0 => {
                let sale = self.arm(q, Some(t));
                let refund = self.arm(q, Some(-t));
                format!("SELECT id, number FROM ({sale}) UNION ALL SELECT id, number FROM ({refund})")
            }
            (Driver::Amount, Some(t)) => self.arm(q, Some(t)),
            _ => self.arm(q, None),
        }
    }
}

impl Store {
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
        let wanted = Wanted {
            register_id,
            number: filter.number,
            day,
            total: filter.total.map(Money::cents),
            card_last4: filter.card_last4.as_deref(),
            limit: filter.limit.unwrap_or(200),
        };
        let mut q = Query::default();
        let picked = wanted.picked(&mut q);
        let limit = q.arg(wanted.limit);
        let sql = format!(
            "WITH picked(id, number) AS ({picked})
             SELECT r.number, r.kind, r.issued_at, r.total_cents, r.card_last4,
                    (SELECT count(*) FROM reprints p WHERE p.receipt_id = r.id),
                    r.kind = 'sale' AND EXISTS (SELECT 1 FROM receipts x WHERE x.order_id = r.order_id
                        AND +x.register_id = r.register_id AND x.kind = 'refund'),
                    CASE WHEN json_valid(r.body) THEN EXISTS (SELECT 1 FROM json_each(r.body, '$.tenders') t
                        WHERE coalesce(json_extract(t.value, '$.card.resolved_by'), '') <> '') ELSE 0 END,
                    (SELECT status FROM orders o WHERE o.id = r.order_id) = 'refunded'
             FROM picked JOIN receipts r ON r.id = picked.id
             ORDER BY picked.number DESC LIMIT {limit}"
        );
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(q.args), |r| {
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
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
