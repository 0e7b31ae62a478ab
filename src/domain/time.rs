//! Times as stored (UTC, RFC 3339 with `Z`, so text order is time order) and as shown (the
//! shop's wall clock). Rows written before schema 2 hold local time without an offset.
//!
//! Every function takes the time zone as a parameter, so a DST change can be tested without
//! touching the process; callers pass `chrono::Local`.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};

/// The one stored form: `2026-10-25T01:30:00Z`.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The candidates a wall-clock time in `tz` stands for: two in the repeated autumn hour.
pub fn candidates_in<Tz: TimeZone>(wall: NaiveDateTime, tz: &Tz) -> Vec<DateTime<Utc>> {
    match tz.from_local_datetime(&wall) {
        LocalResult::Single(t) => vec![t.with_timezone(&Utc)],
        LocalResult::Ambiguous(a, b) => vec![a.with_timezone(&Utc), b.with_timezone(&Utc)],
        // Inside the spring gap (no clock shows it): read it with the offset before the gap.
        LocalResult::None => tz
            .from_local_datetime(&(wall - Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc) + Duration::hours(1))
            .into_iter()
            .collect(),
    }
}

/// A stored time without an offset, as wall-clock time.
pub fn parse_wall(stored: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(stored, "%Y-%m-%dT%H:%M:%S%.f").ok()
}

/// A stored time as an instant. A value without an offset is wall-clock time in `tz`; in the
/// repeated autumn hour it reads as the first pass (only a migration knows the row order).
pub fn instant_in<Tz: TimeZone>(stored: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(stored) {
        return Some(t.with_timezone(&Utc));
    }
    candidates_in(parse_wall(stored)?, tz).into_iter().next()
}

/// The wall-clock time in `tz` of a stored time.
pub fn local_in<Tz: TimeZone>(stored: &str, tz: &Tz) -> Option<NaiveDateTime> {
    instant_in(stored, tz).map(|t| t.with_timezone(tz).naive_local())
}

/// The stored bounds `[start, end)` of a calendar day in `tz`: 23 or 25 hours on a change day.
pub fn day_bounds_in<Tz: TimeZone>(day: NaiveDate, tz: &Tz) -> Option<(String, String)> {
    let start = |d: NaiveDate| candidates_in(d.and_hms_opt(0, 0, 0)?, tz).into_iter().next();
    Some((stamp(start(day)?), stamp(start(day.succ_opt()?)?)))
}

#[cfg(test)]
pub mod eu_zone;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::eu_zone::{ATHENS, ROME};
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap()
    }

    #[test]
    fn stored_times_are_utc_with_z_and_sort_as_text() {
        let a = stamp(utc("2025-10-26T03:30:00+03:00"));
        let b = stamp(utc("2025-10-26T03:10:00+02:00"));
        assert_eq!((a.as_str(), b.as_str()), ("2025-10-26T00:30:00Z", "2025-10-26T01:10:00Z"));
        assert!(a < b, "03:30 summer time came before 03:10 winter time");
    }

    #[test]
    fn the_repeated_hour_in_athens_and_rome() {
        let wall = |s: &str| parse_wall(s).unwrap();
        let athens = candidates_in(wall("2025-10-26T03:30:00"), &ATHENS);
        assert_eq!(athens, vec![utc("2025-10-26T00:30:00Z"), utc("2025-10-26T01:30:00Z")]);
        let rome = candidates_in(wall("2025-10-26T02:30:00"), &ROME);
        assert_eq!(rome, vec![utc("2025-10-26T00:30:00Z"), utc("2025-10-26T01:30:00Z")]);
        assert_eq!(candidates_in(wall("2025-10-26T04:30:00"), &ATHENS).len(), 1);
        // The spring gap: 03:30 never shows in Athens on 30 March 2025.
        assert_eq!(candidates_in(wall("2025-03-30T03:30:00"), &ATHENS), vec![utc("2025-03-30T01:30:00Z")]);
    }

    #[test]
    fn old_and_new_rows_read_as_the_same_local_time() {
        assert_eq!(instant_in("2025-07-01T12:00:00", &ATHENS), Some(utc("2025-07-01T09:00:00Z")));
        assert_eq!(instant_in("2025-07-01T09:00:00Z", &ATHENS), Some(utc("2025-07-01T09:00:00Z")));
        assert_eq!(
            instant_in("2025-07-01T12:00:00.123456+03:00", &ROME),
            Some(utc("2025-07-01T09:00:00.123456Z"))
        );
        let second_pass = local_in("2025-10-26T01:30:00Z", &ATHENS).map(|t| t.to_string());
        assert_eq!(second_pass.as_deref(), Some("2025-10-26 03:30:00"));
        assert_eq!(instant_in("yesterday", &ATHENS), None);
    }

    #[test]
    fn a_change_day_has_25_hours() {
        let day = NaiveDate::from_ymd_opt(2025, 10, 26).unwrap();
        let athens = day_bounds_in(day, &ATHENS).unwrap();
        assert_eq!(athens, ("2025-10-25T21:00:00Z".into(), "2025-10-26T22:00:00Z".into()));
        let rome = day_bounds_in(day, &ROME).unwrap();
        assert_eq!(rome, ("2025-10-25T22:00:00Z".into(), "2025-10-26T23:00:00Z".into()));
    }
}
