//! The accountant's period report, read from the receipts themselves (so a period may start or
//! end in the middle of a day) through the `receipts_issued` index, and the Z reports closed in
//! it. VAT per rate is worked out per Z report, on each rate's gross, exactly as the Z does.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDateTime, TimeZone};
use rusqlite::{Connection, params};
use serde::Deserialize;

use super::error::{conflict, corrupt, unreadable};
use super::rows;
use super::{Result, Store};
use crate::domain::period::{
    Amounts, Bucket, PeriodBy, PeriodReport, PeriodRow, PeriodTotals, RateTotals, ZInPeriod, buckets_in,
    stored_in,
};
use crate::domain::{Money, ReceiptKind, TenderKind, VatRate, VatSummary};

/// The period's receipts in time order, through the `receipts_issued` index (no sort, no scan).
const RECEIPTS_OF_PERIOD: &str = "SELECT number, issued_at, body FROM receipts
     WHERE register_id = ?1 AND issued_at >= ?2 AND issued_at < ?3 ORDER BY issued_at";

/// The part of a receipt body the report reads; the lines are skipped, not built.
#[derive(Deserialize)]
struct Slim {
    number: i64,
    kind: ReceiptKind,
    cashier: String,
    vat: Vec<VatSummary>,
    total: Money,
    tenders: Vec<SlimTender>,
    #[serde(default)]
    lines: Vec<SlimLine>,
}

/// What the per-department section reads of a line.
#[derive(Deserialize)]
struct SlimLine {
    plu: u32,
    amount: Money,
}

#[derive(Deserialize)]
struct SlimTender {
    kind: TenderKind,
    amount: Money,
    card: Option<SlimCard>,
}

#[derive(Deserialize)]
struct SlimCard {
    #[serde(default)]
    terminal: String,
    #[serde(default)]
    tip: Money,
}

/// Totals being added up. VAT waits for the end: it is worked out per rate and per Z report
/// (`zone`: the index of the Z that covers the receipt, or past the last one while open).
#[derive(Default)]
struct Sum {
    t: PeriodTotals,
    /// (rate, zone) → (sales gross, refunds gross).
    gross: BTreeMap<(VatRate, usize), (Money, Money)>,
}

impl Sum {
    fn add(&mut self, r: &Slim, zone: usize, departments: &HashMap<u32, String>) {
        let t = &mut self.t;
        for line in &r.lines {
            let department = departments.get(&line.plu).map_or("", String::as_str);
            if !t.departments.contains_key(department) {
                t.departments.insert(department.to_string(), Money::ZERO);
            }
            if let Some(sum) = t.departments.get_mut(department) {
                *sum += line.amount;
            }
        }
        t.first_receipt = Some(t.first_receipt.map_or(r.number, |f| f.min(r.number)));
        t.last_receipt = Some(t.last_receipt.map_or(r.number, |l| l.max(r.number)));
        let refund = r.kind == ReceiptKind::Refund;
        if !t.cashiers.contains_key(&r.cashier) {
            t.cashiers.insert(r.cashier.clone(), Default::default());
        }
        if let Some(c) = t.cashiers.get_mut(&r.cashier) {
            if refund {
                c.refunds += 1
            } else {
                c.sales += 1
            }
            c.total += r.total;
        }
        if refund {
            t.refunds += 1;
            t.refunds_total += r.total;
        } else {
            t.sales += 1;
            t.sales_total += r.total;
        }
        t.total += r.total;
        // As the Z counts them: money given back is negative, whatever sign its tender has.
        let signed = |m: Money| if refund && m.cents() > 0 { -m } else { m };
        for tender in &r.tenders {
            let code = tender.kind.code();
            *t.tenders.entry(code.to_string()).or_default() += signed(tender.amount);
            let tip = tender.card.as_ref().map(|c| c.tip).unwrap_or_default();
            if !tip.is_zero() {
                *t.tips.entry(code.to_string()).or_default() += signed(tip);
            }
            if let Some(card) = &tender.card {
                let on = t.terminals.entry(card.terminal.clone()).or_default();
                on.payments += 1;
                on.amount += signed(tender.amount);
                on.tips += signed(tip);
            }
        }
        for s in &r.vat {
            let e = self.gross.entry((s.rate, zone)).or_default();
            if refund {
                e.1 += s.gross;
            } else {
                e.0 += s.gross;
            }
        }
    }

    /// Adds `other`'s receipts to these (the period's total from its days or months).
    fn merge(&mut self, other: &Sum) {
        let (t, o) = (&mut self.t, &other.t);
        t.first_receipt = [t.first_receipt, o.first_receipt].into_iter().flatten().min();
        t.last_receipt = [t.last_receipt, o.last_receipt].into_iter().flatten().max();
        t.sales += o.sales;
        t.refunds += o.refunds;
        t.sales_total += o.sales_total;
        t.refunds_total += o.refunds_total;
        t.total += o.total;
        for (code, amount) in &o.tenders {
            *t.tenders.entry(code.clone()).or_default() += *amount;
        }
        for (code, amount) in &o.tips {
            *t.tips.entry(code.clone()).or_default() += *amount;
        }
        for (name, on) in &o.terminals {
            let e = t.terminals.entry(name.clone()).or_default();
            e.payments += on.payments;
            e.amount += on.amount;
            e.tips += on.tips;
        }
        for (name, c) in &o.cashiers {
            let e = t.cashiers.entry(name.clone()).or_default();
            e.sales += c.sales;
            e.refunds += c.refunds;
            e.total += c.total;
        }
        for (department, amount) in &o.departments {
            *t.departments.entry(department.clone()).or_default() += *amount;
        }
        for (key, (sales, refunds)) in &other.gross {
            let e = self.gross.entry(*key).or_default();
            e.0 += *sales;
            e.1 += *refunds;
        }
    }

    /// VAT per rate: per Z, on the rate's gross (as the Z report does), then added up. The
    /// refunds' VAT is what takes the sales' VAT to the net's, so the three always add up.
    fn finish(self) -> PeriodTotals {
        let mut per_rate: BTreeMap<VatRate, [Money; 4]> = BTreeMap::new();
        for ((rate, _), (sales, refunds)) in self.gross {
            let e = per_rate.entry(rate).or_default();
            e[0] += sales;
            e[1] += refunds;
            e[2] += rate.vat_of_gross(sales);
            e[3] += rate.vat_of_gross(sales + refunds);
        }
        let vat = per_rate
            .into_iter()
            .rev()
            .map(|(rate, [sales, refunds, sales_vat, net_vat])| RateTotals {
                rate,
                sales: Amounts::of(sales, sales_vat),
                refunds: Amounts::of(refunds, net_vat - sales_vat),
                net: Amounts::of(sales + refunds, net_vat),
            })
            .collect();
        PeriodTotals { vat, ..self.t }
    }
}

/// A Z report as the period needs it: where it ends, and its figures when it is in the period.
struct Closure {
    number: i64,
    closed_at: String,
    first_receipt: Option<i64>,
    last_receipt: Option<i64>,
    figures: Option<(i64, i64, i64)>,
}

fn closures(conn: &Connection, register_id: &str) -> Result<Vec<Closure>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, closed_at, first_receipt, last_receipt,
                CASE WHEN json_valid(register_totals) THEN json_extract(register_totals, '$.sales') END,
                CASE WHEN json_valid(register_totals) THEN json_extract(register_totals, '$.refunds') END,
                CASE WHEN json_valid(register_totals) THEN json_extract(register_totals, '$.total') END
         FROM batch_closures WHERE register_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([register_id], |r| {
        let figures = match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?, r.get(6)?) {
            (Some(s), Some(f), Some(t)) => Some((s, f, t)),
            _ => None,
        };
        Ok(Closure {
            number: r.get(0)?,
            closed_at: r.get(1)?,
            first_receipt: r.get(2)?,
            last_receipt: r.get(3)?,
            figures,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What reading the receipts of a stretch of the period needs.
struct Span<'a> {
    register_id: &'a str,
    /// The last receipt of each Z report, in order.
    ends: &'a [i64],
    /// Each PLU's department.
    departments: &'a HashMap<u32, String>,
}

impl Span<'_> {
    /// The receipts from the first bucket's start to the last one's end, added up per bucket.
    fn read(&self, conn: &Connection, buckets: &[Bucket]) -> Result<Vec<Sum>> {
        let mut sums: Vec<Sum> = buckets.iter().map(|_| Sum::default()).collect();
        let (Some(first), Some(last)) = (buckets.first(), buckets.last()) else { return Ok(sums) };
        let register_id = self.register_id;
        let mut stmt = conn.prepare_cached(RECEIPTS_OF_PERIOD)?;
        let mut found = stmt.query(params![register_id, &first.start, &last.end])?;
        let mut b = 0;
        while let Some(row) = found.next()? {
            let number: i64 = row.get(0)?;
            let name = || rows::receipt_name(register_id, number);
            let issued_at =
                row.get_ref(1)?.as_str().map_err(|e| corrupt(&name(), "issued_at", unreadable(e)))?;
            while b + 1 < buckets.len() && issued_at >= buckets[b].end.as_str() {
                b += 1;
            }
            let body = row.get_ref(2)?.as_str().map_err(|e| corrupt(&name(), "body", unreadable(e)))?;
            let receipt: Slim =
                serde_json::from_str(body).map_err(|e| corrupt(&name(), "body", unreadable(e)))?;
            let zone = self.ends.partition_point(|&last| last < receipt.number);
            sums[b].add(&receipt, zone, self.departments);
        }
        Ok(sums)
    }
}

impl Store {
    /// The period report from `from` to `to` (wall-clock times on the machine's clock).
    pub fn period_report(
        &self,
        register_id: &str,
        from: NaiveDateTime,
        to: NaiveDateTime,
        by: PeriodBy,
    ) -> Result<PeriodReport> {
        self.period_report_in(register_id, from, to, by, &chrono::Local)
    }

    /// The period report with its days and months on the clock of `tz`.
    pub(crate) fn period_report_in<Tz: TimeZone>(
        &self,
        register_id: &str,
        from: NaiveDateTime,
        to: NaiveDateTime,
        by: PeriodBy,
        tz: &Tz,
    ) -> Result<PeriodReport> {
        let out_of_range = || conflict("the period's dates are out of range");
        let (start, end) =
            (stored_in(from, tz).ok_or_else(out_of_range)?, stored_in(to, tz).ok_or_else(out_of_range)?);
        let buckets = buckets_in(from, to, by, tz).ok_or_else(out_of_range)?;
        let conn = self.conn();
        let closures = closures(&conn, register_id)?;
        // Each PLU's department (the catalogue, not the history: one read of every product).
        let departments: HashMap<u32, String> = conn
            .prepare("SELECT plu, category FROM products")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        drop(conn);
        // Z reports in number order end in receipt order: a receipt's Z is the first ending at or after it.
        let ends: Vec<i64> = closures.iter().filter_map(|c| c.last_receipt).collect();
        let span = Span { register_id, ends: &ends, departments: &departments };
        // A year is ~100,000 receipt bodies to read: its second half on a connection of its
        // own, side by side (a database in memory has only the one).
        let half = buckets.len() / 2;
        let rows: Vec<Sum> = match self.file().filter(|_| half > 0) {
            Some(file) => {
                let reader = Store::scan_reader(&file)?;
                let (first, second) = std::thread::scope(|scope| {
                    let second = scope.spawn(|| span.read(&reader.conn(), &buckets[half..]));
                    let first = span.read(&self.conn(), &buckets[..half]);
                    (first, second.join())
                });
                let second = second.map_err(|_| conflict("the period's second half stopped"))?;
                first?.into_iter().chain(second?).collect()
            }
            None => span.read(&self.conn(), &buckets)?,
        };
        let mut total = Sum::default();
        for row in &rows {
            total.merge(row);
        }
        let z_reports = closures
            .into_iter()
            .filter(|c| c.closed_at.as_str() >= start.as_str() && c.closed_at.as_str() < end.as_str())
            .map(|c| {
                let (sales, refunds, total) = c.figures.ok_or_else(|| {
                    corrupt(
                        &format!("batch closure {register_id}/{}", c.number),
                        "register_totals",
                        "unreadable",
                    )
                })?;
                Ok(ZInPeriod {
                    number: c.number,
                    closed_at: c.closed_at,
                    first_receipt: c.first_receipt,
                    last_receipt: c.last_receipt,
                    sales,
                    refunds,
                    total: Money::from_cents(total),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(PeriodReport {
            register_id: register_id.to_string(),
            from: start,
            to: end,
            by,
            totals: total.finish(),
            rows: buckets
                .into_iter()
                .zip(rows)
                .map(|(b, s)| PeriodRow { key: b.key, totals: s.finish() })
                .collect(),
            z_reports,
        })
    }
}

#[cfg(test)]
mod tests;
