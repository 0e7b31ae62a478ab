//! The period report against the Z reports of the same days: several days of cash and card
//! sales, refunds (one of an earlier day's sale), two Z reports in one day, and periods that
//! start and end in the middle of a day.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::super::utc::set_clock;
use super::*;
use crate::domain::time::eu_zone::ATHENS;
use crate::domain::{BatchClosure, CardDetails, Cart, Lang, Quantity, Receipt, Tender};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn wall(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn cart(store: &Store, items: &[(&str, i64)]) -> Cart {
    let mut cart = Cart::default();
    for (code, n) in items {
        let p = store.product_by_code(code).unwrap().unwrap();
        cart.add(&p, Quantity::pieces(*n), Lang::El).unwrap();
    }
    cart
}

fn cash_at(store: &Store, when: &str, items: &[(&str, i64)]) -> Receipt {
    set_clock(Some(at(when)));
    let cart = cart(store, items);
    let given = Money::from_cents(cart.totals().total.cents() + 7);
    let receipt = store.cash_sale("1", 1, &cart, given, "Maria").unwrap();
    set_clock(None);
    receipt
}

fn card_at(store: &Store, when: &str, items: &[(&str, i64)], terminal: &str, tip: i64) -> Receipt {
    set_clock(Some(at(when)));
    let cart = cart(store, items);
    let order = store.create_order("1", 2, &cart, "Nikos").unwrap();
    let due = cart.totals().total;
    let card =
        CardDetails { terminal: terminal.into(), tip: Money::from_cents(tip), ..CardDetails::default() };
    let receipt =
        store.add_tender("1", order, &Tender::card(due, due, card).unwrap(), "Nikos").unwrap().unwrap();
    set_clock(None);
    receipt
}

fn refund_at(store: &Store, when: &str, number: i64) -> Receipt {
    set_clock(Some(at(when)));
    let sale = store.receipt("1", number).unwrap();
    let back: Vec<Tender> = sale.tenders.iter().map(|t| Tender { amount: -t.amount, ..t.clone() }).collect();
    let receipt = store.refund("1", number, back, "Nikos").unwrap();
    set_clock(None);
    receipt
}

fn z_at(store: &Store, when: &str) -> BatchClosure {
    set_clock(Some(at(when)));
    let z = store.close_batch("1", "", None, None, Some(2), "Nikos").unwrap();
    set_clock(None);
    z
}

/// Four days in Athens (UTC+2 in March); the fourth is still open (no Z yet).
fn four_days(store: &Store) -> Vec<BatchClosure> {
    let mut zs = Vec::new();
    cash_at(store, "2026-03-02T07:00:00Z", &[("101", 1), ("505", 3)]);
    let card = card_at(store, "2026-03-02T09:30:00Z", &[("503", 2), ("201", 1)], "front", 50);
    let beer = cash_at(store, "2026-03-02T10:15:00Z", &[("505", 1)]);
    refund_at(store, "2026-03-02T12:00:00Z", beer.number);
    zs.push(z_at(store, "2026-03-02T18:00:00Z"));
    cash_at(store, "2026-03-03T06:00:00Z", &[("202", 7), ("505", 5)]);
    card_at(store, "2026-03-03T08:00:00Z", &[("101", 3)], "front", 0);
    refund_at(store, "2026-03-03T09:00:00Z", card.number);
    cash_at(store, "2026-03-03T15:00:00Z", &[("503", 1), ("505", 1)]);
    zs.push(z_at(store, "2026-03-03T18:30:00Z"));
    cash_at(store, "2026-03-03T19:00:00Z", &[("505", 1)]);
    zs.push(z_at(store, "2026-03-03T19:30:00Z"));
    cash_at(store, "2026-03-04T06:00:00Z", &[("504", 1), ("103", 3)]);
    cash_at(store, "2026-03-04T07:00:00Z", &[("505", 1)]);
    cash_at(store, "2026-03-04T07:30:00Z", &[("505", 1)]);
    card_at(store, "2026-03-04T10:00:00Z", &[("505", 7), ("102", 1)], "back", 120);
    zs.push(z_at(store, "2026-03-04T17:00:00Z"));
    cash_at(store, "2026-03-05T08:00:00Z", &[("505", 2)]);
    zs
}

/// Per rate in basis points: gross, VAT and net in cents.
type PerRate = BTreeMap<u32, (i64, i64, i64)>;

/// The Z reports' totals added up: per rate, total, sales, refunds, tenders.
fn sum_of(zs: &[&BatchClosure]) -> (PerRate, i64, i64, i64, BTreeMap<String, Money>) {
    let mut rates = BTreeMap::new();
    let (mut total, mut sales, mut refunds) = (0, 0, 0);
    let mut tenders: BTreeMap<String, Money> = BTreeMap::new();
    for z in zs {
        for v in &z.register.vat {
            let e: &mut (i64, i64, i64) = rates.entry(v.rate.bp()).or_default();
            e.0 += v.gross.cents();
            e.1 += v.vat.cents();
            e.2 += v.net.cents();
        }
        total += z.register.total.cents();
        sales += z.register.sales;
        refunds += z.register.refunds;
        for (k, m) in &z.register.tenders {
            *tenders.entry(k.clone()).or_default() += *m;
        }
    }
    (rates, total, sales, refunds, tenders)
}

fn net_of(t: &PeriodTotals) -> PerRate {
    t.vat.iter().map(|r| (r.rate.bp(), (r.net.gross.cents(), r.net.vat.cents(), r.net.net.cents()))).collect()
}

#[test]
fn whole_days_equal_the_sum_of_their_z_reports_to_the_cent_per_rate() {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    let zs = four_days(&store);
    let report = store
        .period_report_in("1", wall("2026-03-02T00:00"), wall("2026-03-05T00:00"), PeriodBy::Day, &ATHENS)
        .unwrap();
    let (rates, total, sales, refunds, tenders) = sum_of(&zs.iter().collect::<Vec<_>>());
    let t = &report.totals;
    assert_eq!(net_of(t), rates, "per VAT rate, to the cent");
    assert_eq!((t.total.cents(), t.sales, t.refunds), (total, sales, refunds));
    assert_eq!(t.tenders, tenders);
    assert_eq!((t.first_receipt, t.last_receipt), (Some(1), Some(13)));
    assert_eq!(report.z_reports.iter().map(|z| z.number).collect::<Vec<_>>(), [1, 2, 3, 4]);
    // Receipt by receipt the VAT would not add up to the Z's: this period shows the Z's.
    let receipt_vat: i64 = (1..=13)
        .flat_map(|n| store.receipt("1", n).unwrap().vat)
        .filter(|v| v.rate.bp() == 2400)
        .map(|v| v.vat.cents())
        .sum();
    assert_ne!(receipt_vat, rates[&2400].1, "the days chosen round differently receipt by receipt");
    for r in &t.vat {
        assert_eq!(r.sales.gross + r.refunds.gross, r.net.gross);
        assert_eq!(r.sales.vat + r.refunds.vat, r.net.vat);
        assert_eq!(r.net.net + r.net.vat, r.net.gross);
    }
    // Each day's row is that day's Z reports (two on the 3rd).
    let days: Vec<&str> = report.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(days, ["2026-03-02", "2026-03-03", "2026-03-04"]);
    for (row, day) in report.rows.iter().zip([vec![&zs[0]], vec![&zs[1], &zs[2]], vec![&zs[3]]]) {
        let (rates, total, ..) = sum_of(&day);
        assert_eq!((net_of(&row.totals), row.totals.total.cents()), (rates, total), "{}", row.key);
    }
    // Per terminal and per cashier, refunds counting against them.
    assert_eq!(t.terminals["front"].payments, 3);
    assert_eq!(t.terminals["back"].tips, Money::from_cents(120));
    assert_eq!(t.terminals["front"].tips, Money::ZERO, "the tip went back with its refund");
    assert_eq!((t.cashiers["Maria"].sales, t.cashiers["Nikos"].refunds), (8, 2));
}

#[test]
fn a_period_cut_through_days_counts_its_receipts() {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    four_days(&store);
    // From 11:00 on the 2nd to 12:00 on the 5th, Athens time (09:00 and 10:00 UTC).
    let report = store
        .period_report_in("1", wall("2026-03-02T11:00"), wall("2026-03-05T12:00"), PeriodBy::Day, &ATHENS)
        .unwrap();
    let inside: Vec<Receipt> = (1..=14)
        .map(|n| store.receipt("1", n).unwrap())
        .filter(|r| {
            r.issued_at.as_str() >= "2026-03-02T09:00:00Z" && r.issued_at.as_str() < "2026-03-05T10:00:00Z"
        })
        .collect();
    let t = &report.totals;
    assert_eq!((t.first_receipt, t.last_receipt), (Some(2), Some(14)));
    assert_eq!(t.receipts(), inside.len() as i64);
    assert_eq!(t.total, inside.iter().map(|r| r.total).sum());
    let mut gross: BTreeMap<u32, i64> = BTreeMap::new();
    for v in inside.iter().flat_map(|r| &r.vat) {
        *gross.entry(v.rate.bp()).or_default() += v.gross.cents();
    }
    assert_eq!(t.vat.iter().map(|r| (r.rate.bp(), r.net.gross.cents())).collect::<BTreeMap<_, _>>(), gross);
    assert_eq!(report.rows.len(), 4);
    assert_eq!(report.rows[0].totals.first_receipt, Some(2), "the 2nd from 11:00 only");
    assert_eq!(report.rows[3].totals.sales, 1, "the open day, no Z yet");
    assert_eq!(report.rows.iter().map(|r| r.totals.total).sum::<Money>(), t.total);
    // Months: one row, the same totals.
    let months = store
        .period_report_in("1", wall("2026-03-02T11:00"), wall("2026-03-05T12:00"), PeriodBy::Month, &ATHENS)
        .unwrap();
    assert_eq!(months.rows.len(), 1);
    assert_eq!(months.rows[0].totals, months.totals);
    assert_eq!(months.totals, report.totals);
    // Nothing in the period: zeros, no error.
    let empty = store
        .period_report_in("1", wall("2025-01-01T00:00"), wall("2025-01-03T00:00"), PeriodBy::Day, &ATHENS)
        .unwrap();
    assert_eq!((empty.totals.receipts(), empty.rows.len(), empty.z_reports.len()), (0, 2, 0));
}

#[test]
fn the_period_is_read_through_the_issued_at_index() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {RECEIPTS_OF_PERIOD}")).unwrap();
    let plan: Vec<String> = stmt
        .query_map(params!["1", "a", "b"], |r| r.get::<_, String>(3))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(plan.len(), 1, "no temporary sort: {plan:?}");
    assert!(plan[0].contains("USING INDEX receipts_issued"), "{plan:?}");
}

#[test]
fn each_department_shows_what_it_sold_less_its_refunds() {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    // Feta (dairy) ×2 and oil (pantry), then bread (bakery); the bread sale is refunded.
    cash_at(&store, "2026-03-02T08:00:00Z", &[("101", 2), ("401", 1)]);
    let bread = cash_at(&store, "2026-03-02T09:00:00Z", &[("201", 1)]);
    refund_at(&store, "2026-03-02T10:00:00Z", bread.number);
    let report = store
        .period_report_in("1", wall("2026-03-02T00:00"), wall("2026-03-03T00:00"), PeriodBy::Day, &ATHENS)
        .unwrap();
    let by: BTreeMap<&str, i64> =
        report.totals.departments.iter().map(|(d, m)| (d.as_str(), m.cents())).collect();
    assert_eq!(by, BTreeMap::from([("bakery", 0), ("dairy", 840), ("pantry", 990)]));
}

#[test]
fn a_database_file_is_read_in_two_halves_to_the_same_totals() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tameio.db")).unwrap();
    store.seed_demo_if_empty().unwrap();
    let zs = four_days(&store);
    assert!(store.file().is_some(), "a file: its second half on a connection of its own");
    let (from, to) = (wall("2026-03-02T00:00"), wall("2026-03-05T00:00"));
    let by_day = store.period_report_in("1", from, to, PeriodBy::Day, &ATHENS).unwrap();
    // One month: one bucket, read on the one connection.
    let by_month = store.period_report_in("1", from, to, PeriodBy::Month, &ATHENS).unwrap();
    assert_eq!(by_day.totals, by_month.totals);
    let (rates, total, ..) = sum_of(&zs.iter().collect::<Vec<_>>());
    assert_eq!((net_of(&by_day.totals), by_day.totals.total.cents()), (rates, total));
    let days: Vec<(&str, i64)> = by_day.rows.iter().map(|r| (r.key.as_str(), r.totals.receipts())).collect();
    assert_eq!(days, [("2026-03-02", 4), ("2026-03-03", 5), ("2026-03-04", 4)]);
}
