//! The accountant's period report as plain data: sales, refunds and net per VAT rate, per
//! tender, card terminal and cashier over any stretch of time, with rows per day or month.
//!
//! VAT is worked out the way the Z reports work it out (on the gross of each rate, per Z), so a
//! period made of whole Z reports shows, to the cent, the sum of those Z reports.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::time;
use super::vat::VatRate;

/// How the period is split into rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodBy {
    #[default]
    Day,
    Month,
}

impl PeriodBy {
    pub fn code(self) -> &'static str {
        match self {
            PeriodBy::Day => "day",
            PeriodBy::Month => "month",
        }
    }

    pub fn from_code(code: &str) -> Option<PeriodBy> {
        match code.trim().to_ascii_lowercase().as_str() {
            "day" | "days" | "d" => Some(PeriodBy::Day),
            "month" | "months" | "m" => Some(PeriodBy::Month),
            _ => None,
        }
    }
}

/// The decimal mark of exported numbers (CSV): the language's by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalMark {
    Point,
    Comma,
}

impl DecimalMark {
    /// Greek and Italian write `12,50`; English `12.50`.
    pub fn of(lang: super::Lang) -> DecimalMark {
        match lang {
            super::Lang::En => DecimalMark::Point,
            super::Lang::El | super::Lang::It => DecimalMark::Comma,
        }
    }

    pub fn from_code(code: &str) -> Option<DecimalMark> {
        match code.trim().to_ascii_lowercase().as_str() {
            "point" | "." | "dot" => Some(DecimalMark::Point),
            "comma" | "," => Some(DecimalMark::Comma),
            _ => None,
        }
    }

    pub fn mark(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }

    /// The field separator that goes with it: `;` beside a decimal comma, as spreadsheets in
    /// Greece and Italy expect; `,` beside a point.
    pub fn separator(self) -> char {
        match self {
            DecimalMark::Point => ',',
            DecimalMark::Comma => ';',
        }
    }
}

/// Net, VAT and gross of one part of a VAT rate's takings (net + VAT = gross, always).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
}

impl Amounts {
    pub fn of(gross: Money, vat: Money) -> Amounts {
        Amounts { net: gross - vat, vat, gross }
    }
}

/// One VAT rate: what was sold, what was given back (negative), and the two together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTotals {
    pub rate: VatRate,
    pub sales: Amounts,
    pub refunds: Amounts,
    pub net: Amounts,
}

/// Card payments taken on one terminal (refunds count against it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalTotals {
    pub payments: i64,
    pub amount: Money,
    pub tips: Money,
}

/// What one cashier issued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashierTotals {
    pub sales: i64,
    pub refunds: i64,
    pub total: Money,
}

/// The totals of a period, or of one of its days or months.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodTotals {
    pub first_receipt: Option<i64>,
    pub last_receipt: Option<i64>,
    /// Sale receipts and refund receipts.
    pub sales: i64,
    pub refunds: i64,
    pub sales_total: Money,
    /// Negative: money given back.
    pub refunds_total: Money,
    /// Sales and refunds together.
    pub total: Money,
    /// Highest rate first.
    pub vat: Vec<RateTotals>,
    /// Per tender kind ("cash", "card"), net of change and refunds, tips not included.
    pub tenders: BTreeMap<String, Money>,
    pub tips: BTreeMap<String, Money>,
    /// Per card terminal's name.
    pub terminals: BTreeMap<String, TerminalTotals>,
    /// Per cashier's name.
    pub cashiers: BTreeMap<String, CashierTotals>,
    /// Per department (code) of the products sold: the lines' amounts, refunds negative,
    /// before an order discount is shared out.
    #[serde(default)]
    pub departments: BTreeMap<String, Money>,
}

impl PeriodTotals {
    pub fn receipts(&self) -> i64 {
        self.sales + self.refunds
    }
}

/// One day (`2026-12-07`) or month (`2026-12`) of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub key: String,
    pub totals: PeriodTotals,
}

/// A Z report (batch closure) closed within the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZInPeriod {
    pub number: i64,
    pub closed_at: String,
    pub first_receipt: Option<i64>,
    pub last_receipt: Option<i64>,
    pub sales: i64,
    pub refunds: i64,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodReport {
    pub register_id: String,
    /// Stored times (UTC): receipts issued at or after `from` and before `to`.
    pub from: String,
    pub to: String,
    pub by: PeriodBy,
    pub totals: PeriodTotals,
    /// Every day or month of the period, empty ones included, oldest first.
    pub rows: Vec<PeriodRow>,
    pub z_reports: Vec<ZInPeriod>,
}

/// A day or month of the period as stored bounds `[start, end)`, cut to the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub key: String,
    pub start: String,
    pub end: String,
}

/// The stored instant of a wall-clock time in `tz` (the first, in the repeated autumn hour).
pub fn stored_in<Tz: TimeZone>(wall: NaiveDateTime, tz: &Tz) -> Option<String> {
    time::candidates_in(wall, tz).into_iter().next().map(time::stamp)
}

/// The days or months from `from` to `to` (wall-clock times in `tz`, `to` excluded).
pub fn buckets_in<Tz: TimeZone>(
    from: NaiveDateTime,
    to: NaiveDateTime,
    by: PeriodBy,
    tz: &Tz,
) -> Option<Vec<Bucket>> {
    let (start, end) = (stored_in(from, tz)?, stored_in(to, tz)?);
    let mut out = Vec::new();
    let mut day = first_of(from.date(), by);
    while day.and_hms_opt(0, 0, 0)? < to {
        let next = next_of(day, by)?;
        let lower = stored_in(day.and_hms_opt(0, 0, 0)?, tz)?.max(start.clone());
        let upper = stored_in(next.and_hms_opt(0, 0, 0)?, tz)?.min(end.clone());
        let key = match by {
            PeriodBy::Day => day.format("%Y-%m-%d").to_string(),
            PeriodBy::Month => day.format("%Y-%m").to_string(),
        };
        out.push(Bucket { key, start: lower, end: upper });
        day = next;
    }
    Some(out)
}

fn first_of(day: NaiveDate, by: PeriodBy) -> NaiveDate {
    match by {
        PeriodBy::Day => day,
        PeriodBy::Month => day.with_day(1).unwrap_or(day),
    }
}

fn next_of(day: NaiveDate, by: PeriodBy) -> Option<NaiveDate> {
    match by {
        PeriodBy::Day => day.succ_opt(),
        PeriodBy::Month if day.month() == 12 => NaiveDate::from_ymd_opt(day.year() + 1, 1, 1),
        PeriodBy::Month => NaiveDate::from_ymd_opt(day.year(), day.month() + 1, 1),
    }
}

/// `07/12` for a day, `12/2026` for a month: what goes under a bar of a chart.
pub fn bar_label(key: &str, by: PeriodBy) -> String {
    let parts: Vec<&str> = key.split('-').collect();
    match (by, parts.as_slice()) {
        (PeriodBy::Day, [_, m, d]) => format!("{d}/{m}"),
        (PeriodBy::Month, [y, m]) => format!("{m}/{y}"),
        _ => key.to_string(),
    }
}

/// A date or date-time as a person types it: `2026-12-07`, `07/12/2026`, `2026-12-07T14:30`,
/// `2026-12-07 14:30` or `07/12/2026 14:30`. A date alone is the start of that day; `end` makes
/// it the start of the next day, so `--to 2026-12-31` takes in the whole of 31 December.
pub fn parse_wall(input: &str, end: bool) -> Option<NaiveDateTime> {
    let s = input.trim();
    for f in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t);
        }
    }
    if let Some(month) =
        NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok().filter(|_| s.len() == 7)
    {
        // A month alone (`2026-12`): from its first day, or up to the next month's.
        let month = if end { next_of(month, PeriodBy::Month)? } else { month };
        return month.and_hms_opt(0, 0, 0);
    }
    let day = ["%Y-%m-%d", "%d/%m/%Y"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok())?;
    let day = if end { day.succ_opt()? } else { day };
    day.and_hms_opt(0, 0, 0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::time::eu_zone::ATHENS;

    fn wall(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn dates_and_times_as_typed() {
        assert_eq!(parse_wall("2026-12-07", false), Some(wall("2026-12-07T00:00")));
        assert_eq!(parse_wall("07/12/2026", true), Some(wall("2026-12-08T00:00")));
        assert_eq!(parse_wall("2026-12-07 14:30", true), Some(wall("2026-12-07T14:30")));
        assert_eq!(parse_wall("2026-12-31", true), Some(wall("2027-01-01T00:00")));
        assert_eq!(bar_label("2026-12-07", PeriodBy::Day), "07/12");
        assert_eq!(bar_label("2026-12", PeriodBy::Month), "12/2026");
        assert_eq!(parse_wall("2026-12", true), Some(wall("2027-01-01T00:00")));
        assert_eq!(parse_wall("yesterday", false), None);
        assert_eq!(parse_wall("2026-02-30", false), None);
    }

    #[test]
    fn buckets_cut_to_the_period_across_a_change_of_clock() {
        let days =
            buckets_in(wall("2025-10-25T12:00"), wall("2025-10-27T00:00"), PeriodBy::Day, &ATHENS).unwrap();
        let keys: Vec<&str> = days.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["2025-10-25", "2025-10-26"]);
        assert_eq!(
            (days[0].start.as_str(), days[0].end.as_str()),
            ("2025-10-25T09:00:00Z", "2025-10-25T21:00:00Z")
        );
        assert_eq!(
            (days[1].start.as_str(), days[1].end.as_str()),
            ("2025-10-25T21:00:00Z", "2025-10-26T22:00:00Z")
        );
        let months =
            buckets_in(wall("2025-11-15T00:00"), wall("2026-02-01T00:00"), PeriodBy::Month, &ATHENS).unwrap();
        let keys: Vec<&str> = months.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["2025-11", "2025-12", "2026-01"]);
        assert_eq!(months[0].start, "2025-11-14T22:00:00Z");
    }
}
