//! The accountant's period report as a layout (text on screen and stdout, pages of the PDF):
//! the receipt range, VAT per rate for sales, refunds and net, payments, card terminals,
//! cashiers, a row per day or month and the Z reports closed in the period.

use crate::config::Settings;
use crate::domain::VatRate;
use crate::domain::period::{Amounts, PeriodBy, PeriodReport, RateTotals};
use crate::fl;
use crate::i18n::I18n;

use super::layout::{Block, Layout, Style};
use super::receipt::{money, shop_header};
use super::report::receipt_range;

/// The report's width in characters: an A4 page (the tables need it).
pub const COLUMNS: usize = 72;

/// The period report's layout; `printed_at` is a stored time.
pub fn period_layout(report: &PeriodReport, printed_at: &str, settings: &Settings, i18n: &I18n) -> Layout {
    let mut l = Layout::new(COLUMNS);
    shop_header(&mut l, settings, i18n);
    l.center(fl!(i18n, "period-title"), Style::LARGE);
    l.pair(fl!(i18n, "receipt-register", register = report.register_id.as_str()), "");
    l.pair(fl!(i18n, "period-from"), i18n.datetime(&report.from));
    l.pair(fl!(i18n, "period-to"), until(&report.to, i18n));
    l.pair(fl!(i18n, "print-printed-at"), i18n.datetime(printed_at));
    l.push(Block::Rule);
    let t = &report.totals;
    receipt_range(&mut l, t.first_receipt, t.last_receipt, i18n);
    l.pair(fl!(i18n, "print-sales"), t.sales.to_string());
    l.pair(fl!(i18n, "print-refunds"), t.refunds.to_string());
    l.pair(fl!(i18n, "period-sales-total"), i18n.money_plain(t.sales_total));
    l.pair(fl!(i18n, "period-refunds-total"), i18n.money_plain(t.refunds_total));
    vat_tables(&mut l, &t.vat, settings, i18n);
    payments(&mut l, report, i18n);
    departments(&mut l, report, i18n);
    rows(&mut l, report, i18n);
    z_reports(&mut l, report, i18n);
    l.push(Block::Rule);
    l.pair_styled(fl!(i18n, "receipt-total"), money(i18n, t.total), Style::LARGE);
    l
}

/// The period's end as a person reads it: a period that ends at midnight ends on the last
/// minute of the day before (`31/12/2026 23:59`), not at `01/01/2027 00:00`.
pub fn until(stored: &str, i18n: &I18n) -> String {
    let wall = crate::domain::time::local_in(stored, &chrono::Local);
    match wall {
        Some(t) if t.time() == chrono::NaiveTime::MIN => {
            (t - chrono::Duration::minutes(1)).format("%d/%m/%Y %H:%M").to_string()
        }
        _ => i18n.datetime(stored),
    }
}

/// `A 24%`: the rate with its letter, as on the receipts.
pub fn rate_label(rate: VatRate, settings: &Settings, i18n: &I18n) -> String {
    format!("{} {}%", settings.market.letter_of(rate), i18n.percent(rate))
}

/// Which part of a rate's totals a table shows.
type Part = fn(&RateTotals) -> Amounts;

fn vat_tables(l: &mut Layout, vat: &[RateTotals], settings: &Settings, i18n: &I18n) {
    let parts: [(&str, Part); 3] = [
        ("period-vat-sales", |r| r.sales),
        ("period-vat-refunds", |r| r.refunds),
        ("period-vat-net", |r| r.net),
    ];
    for (title, part) in parts {
        if title == "period-vat-refunds" && vat.iter().all(|r| r.refunds.gross.is_zero()) {
            continue;
        }
        l.push(Block::Rule);
        l.center(i18n.tr(title), Style::BOLD);
        let head = vec![
            fl!(i18n, "receipt-rate"),
            fl!(i18n, "receipt-net"),
            fl!(i18n, "receipt-vat"),
            fl!(i18n, "receipt-gross"),
        ];
        let mut rows: Vec<Vec<String>> = vat
            .iter()
            .map(|r| {
                let a = part(r);
                vec![
                    rate_label(r.rate, settings, i18n),
                    i18n.money_plain(a.net),
                    i18n.money_plain(a.vat),
                    i18n.money_plain(a.gross),
                ]
            })
            .collect();
        let sum = vat.iter().map(part).fold(Amounts::default(), |s, a| Amounts {
            net: s.net + a.net,
            vat: s.vat + a.vat,
            gross: s.gross + a.gross,
        });
        rows.push(vec![
            fl!(i18n, "receipt-total"),
            i18n.money_plain(sum.net),
            i18n.money_plain(sum.vat),
            i18n.money_plain(sum.gross),
        ]);
        l.push(Block::Table { head, rows });
    }
}

fn tender_label(code: &str, i18n: &I18n) -> String {
    match code {
        "cash" => fl!(i18n, "receipt-cash"),
        "card" => fl!(i18n, "receipt-card"),
        other => other.to_string(),
    }
}

fn payments(l: &mut Layout, report: &PeriodReport, i18n: &I18n) {
    let t = &report.totals;
    l.push(Block::Rule);
    l.center(fl!(i18n, "print-payments"), Style::BOLD);
    for (code, amount) in &t.tenders {
        l.pair(tender_label(code, i18n), i18n.money_plain(*amount));
        let tips = t.tips.get(code).copied().unwrap_or_default();
        if !tips.is_zero() {
            l.pair(format!("  {}", fl!(i18n, "print-tips")), i18n.money_plain(tips));
        }
    }
    if !t.terminals.is_empty() {
        l.push(Block::Rule);
        l.center(fl!(i18n, "period-terminals"), Style::BOLD);
        let head = vec![
            fl!(i18n, "print-terminal"),
            fl!(i18n, "period-count"),
            fl!(i18n, "period-amount"),
            fl!(i18n, "print-tips"),
        ];
        let rows = t
            .terminals
            .iter()
            .map(|(name, on)| {
                vec![
                    name.clone(),
                    on.payments.to_string(),
                    i18n.money_plain(on.amount),
                    i18n.money_plain(on.tips),
                ]
            })
            .collect();
        l.push(Block::Table { head, rows });
    }
    if !t.cashiers.is_empty() {
        l.push(Block::Rule);
        l.center(fl!(i18n, "period-cashiers"), Style::BOLD);
        let head = vec![
            fl!(i18n, "period-cashier"),
            fl!(i18n, "print-sales"),
            fl!(i18n, "print-refunds"),
            fl!(i18n, "period-amount"),
        ];
        let rows = t
            .cashiers
            .iter()
            .map(|(name, c)| {
                vec![name.clone(), c.sales.to_string(), c.refunds.to_string(), i18n.money_plain(c.total)]
            })
            .collect();
        l.push(Block::Table { head, rows });
    }
}

/// What each department sold (refunds taken off), when the period sold anything.
fn departments(l: &mut Layout, report: &PeriodReport, i18n: &I18n) {
    department_table(l, &report.totals.departments, i18n);
}

/// A "by department" section (the period report, the X and the Z), when anything was sold.
pub(super) fn department_table(
    l: &mut Layout,
    departments: &std::collections::BTreeMap<String, crate::domain::Money>,
    i18n: &I18n,
) {
    if departments.is_empty() {
        return;
    }
    l.push(Block::Rule);
    l.center(fl!(i18n, "period-departments"), Style::BOLD);
    let head = vec![fl!(i18n, "period-department"), fl!(i18n, "period-amount")];
    let rows =
        departments.iter().map(|(code, amount)| vec![code.clone(), i18n.money_plain(*amount)]).collect();
    l.push(Block::Table { head, rows });
}

/// A row per day or month with receipts (the chart shows the empty ones).
fn rows(l: &mut Layout, report: &PeriodReport, i18n: &I18n) {
    let (title, first) = match report.by {
        PeriodBy::Day => (fl!(i18n, "period-by-day"), fl!(i18n, "period-day")),
        PeriodBy::Month => (fl!(i18n, "period-by-month"), fl!(i18n, "period-month")),
    };
    l.push(Block::Rule);
    l.center(title, Style::BOLD);
    let head = vec![
        first,
        fl!(i18n, "print-receipt-range"),
        fl!(i18n, "print-sales"),
        fl!(i18n, "print-refunds"),
        fl!(i18n, "period-net"),
    ];
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .filter(|r| r.totals.receipts() > 0)
        .map(|r| {
            vec![
                r.key.clone(),
                r.totals.receipts().to_string(),
                i18n.money_plain(r.totals.sales_total),
                i18n.money_plain(r.totals.refunds_total),
                i18n.money_plain(r.totals.total),
            ]
        })
        .collect();
    if rows.is_empty() {
        l.center(fl!(i18n, "print-no-receipts"), Style::NORMAL);
    } else {
        l.push(Block::Table { head, rows });
    }
}

fn z_reports(l: &mut Layout, report: &PeriodReport, i18n: &I18n) {
    l.push(Block::Rule);
    l.center(fl!(i18n, "period-z-reports"), Style::BOLD);
    if report.z_reports.is_empty() {
        l.center(fl!(i18n, "period-no-z"), Style::NORMAL);
        return;
    }
    let head = vec![
        fl!(i18n, "print-closed-at"),
        fl!(i18n, "period-z"),
        fl!(i18n, "print-receipt-range"),
        fl!(i18n, "period-amount"),
    ];
    let rows = report
        .z_reports
        .iter()
        .map(|z| {
            let range = match (z.first_receipt, z.last_receipt) {
                (Some(a), Some(b)) => format!("{a}-{b}"),
                _ => "-".to_string(),
            };
            vec![i18n.datetime(&z.closed_at), z.number.to_string(), range, i18n.money_plain(z.total)]
        })
        .collect();
    l.push(Block::Table { head, rows });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::period::{PeriodRow, PeriodTotals, ZInPeriod};
    use crate::domain::{Lang, Money};
    use crate::print::text::render_text;

    pub fn sample() -> PeriodReport {
        let mut t = PeriodTotals {
            first_receipt: Some(4),
            last_receipt: Some(9),
            sales: 5,
            refunds: 1,
            sales_total: Money::from_cents(13_345),
            refunds_total: Money::from_cents(-1_000),
            total: Money::from_cents(12_345),
            ..Default::default()
        };
        t.vat.push(RateTotals {
            rate: VatRate(2400),
            sales: Amounts::of(Money::from_cents(13_345), Money::from_cents(2_583)),
            refunds: Amounts::of(Money::from_cents(-1_000), Money::from_cents(-194)),
            net: Amounts::of(Money::from_cents(12_345), Money::from_cents(2_389)),
        });
        t.tenders.insert("cash".into(), Money::from_cents(4_345));
        t.tenders.insert("card".into(), Money::from_cents(8_000));
        t.cashiers.insert("Μαρία".into(), Default::default());
        PeriodReport {
            register_id: "1".into(),
            from: "2026-12-01T10:00:00Z".into(),
            to: "2026-12-03T10:00:00Z".into(),
            by: PeriodBy::Day,
            totals: t.clone(),
            rows: vec![
                PeriodRow { key: "2026-12-01".into(), totals: t },
                PeriodRow { key: "2026-12-02".into(), totals: PeriodTotals::default() },
            ],
            z_reports: vec![ZInPeriod {
                number: 7,
                closed_at: "2026-12-01T20:00:00Z".into(),
                first_receipt: Some(1),
                last_receipt: Some(9),
                sales: 8,
                refunds: 1,
                total: Money::from_cents(20_000),
            }],
        }
    }

    #[test]
    fn the_report_in_greek_and_italian() {
        for (lang, words) in [
            (Lang::El, ["ΑΝΑΦΟΡΑ ΠΕΡΙΟΔΟΥ", "123,45", "4 - 9", "Μαρία", "2026-12-01"]),
            (Lang::It, ["REPORT DEL PERIODO", "123,45", "4 - 9", "Μαρία", "2026-12-01"]),
        ] {
            let text = render_text(&period_layout(
                &sample(),
                "2026-12-07T10:00:00Z",
                &Settings::default(),
                &I18n::new(lang),
            ));
            for w in words {
                assert!(text.contains(w), "{lang:?}: {w} missing in\n{text}");
            }
            assert!(!text.contains("2026-12-02"), "an empty day has no row:\n{text}");
            assert!(text.lines().all(|l| l.chars().count() <= COLUMNS), "{text}");
        }
    }
}
