//! Greek local time (Europe/Athens) without a tz database: EET (UTC+2), EEST (UTC+3) between
//! the EU switch instants, the last Sundays of March and October at 01:00 UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

/// The last Sunday of `month` in `year`, at 01:00 UTC (the EU summer-time switch instant).
fn switch_instant(year: i32, month: u32) -> DateTime<Utc> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    // Months 3 and 10 always exist, so the fallback is never taken.
    let last = first_next.and_then(|d| d.pred_opt()).unwrap_or_default();
    let back = last.weekday().num_days_from_sunday();
    let sunday = last - Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    Utc.from_utc_datetime(&sunday.and_hms_opt(1, 0, 0).unwrap_or_default())
}

/// Athens' offset from UTC in hours at this instant: 3 in summer time, else 2.
pub fn athens_offset_hours(at: DateTime<Utc>) -> i64 {
    let year = at.year();
    if at >= switch_instant(year, 3) && at < switch_instant(year, 10) { 3 } else { 2 }
}

/// The wall-clock time in Athens at this instant.
pub fn athens_time(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc() + Duration::hours(athens_offset_hours(at))
}

/// `YYYYMMDDhhmmss` in Greek local time, the provider-signature timestamp format.
pub fn signature_timestamp(at: DateTime<Utc>) -> String {
    athens_time(at).format("%Y%m%d%H%M%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn switch_dates_of_several_years() {
        for (year, march, october) in [(2024, 31, 27), (2025, 30, 26), (2026, 29, 25), (2027, 28, 31)] {
            assert_eq!(switch_instant(year, 3), utc(&format!("{year}-03-{march}T01:00:00Z")));
            assert_eq!(switch_instant(year, 10), utc(&format!("{year}-10-{october}T01:00:00Z")));
        }
    }

    #[test]
    fn clocks_jump_at_the_switch_instants() {
        assert_eq!(signature_timestamp(utc("2025-03-30T00:59:59Z")), "20250330025959");
        assert_eq!(signature_timestamp(utc("2025-03-30T01:00:00Z")), "20250330040000");
        assert_eq!(signature_timestamp(utc("2025-10-26T00:59:59Z")), "20251026035959");
        assert_eq!(signature_timestamp(utc("2025-10-26T01:00:00Z")), "20251026030000");
        assert_eq!(athens_offset_hours(utc("2025-01-15T12:00:00Z")), 2);
        assert_eq!(athens_offset_hours(utc("2025-07-15T12:00:00Z")), 3);
        assert_eq!(signature_timestamp(utc("2024-12-31T22:30:00Z")), "20250101003000");
    }
}
