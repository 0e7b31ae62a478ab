//! EU summer time for tests, without a tz database: clocks go forward at 01:00 UTC on the
//! last Sunday of March and back at 01:00 UTC on the last Sunday of October.
#![allow(clippy::unwrap_used)]

use std::fmt;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
    Weekday,
};

/// Europe/Athens: UTC+2, UTC+3 in summer (04:00 → 03:00 in October).
pub const ATHENS: EuZone = EuZone { standard_hours: 2 };
/// Europe/Rome: UTC+1, UTC+2 in summer (03:00 → 02:00 in October).
pub const ROME: EuZone = EuZone { standard_hours: 1 };

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EuZone {
    pub standard_hours: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EuOffset {
    standard_hours: i32,
    summer: bool,
}

impl Offset for EuOffset {
    fn fix(&self) -> FixedOffset {
        let hours = self.standard_hours + i32::from(self.summer);
        FixedOffset::east_opt(hours * 3600).unwrap()
    }
}

impl fmt::Display for EuOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fix().fmt(f)
    }
}

fn switch_instant(year: i32, month: u32) -> NaiveDateTime {
    let last = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap().pred_opt().unwrap();
    let sunday = last - Duration::days(i64::from(last.weekday().num_days_from_sunday()));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    sunday.and_hms_opt(1, 0, 0).unwrap()
}

impl EuZone {
    fn offset(&self, summer: bool) -> EuOffset {
        EuOffset { standard_hours: self.standard_hours, summer }
    }

    /// The last Sunday of October at 01:00 UTC, as a UTC instant.
    pub fn autumn_change(year: i32) -> DateTime<Utc> {
        Utc.from_utc_datetime(&switch_instant(year, 10))
    }
}

impl TimeZone for EuZone {
    type Offset = EuOffset;

    fn from_offset(offset: &EuOffset) -> EuZone {
        EuZone { standard_hours: offset.standard_hours }
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<EuOffset> {
        self.offset_from_local_datetime(&local.and_hms_opt(0, 0, 0).unwrap())
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<EuOffset> {
        // Summer first: in the repeated hour it is the earlier instant.
        let fits: Vec<EuOffset> = [true, false]
            .into_iter()
            .map(|summer| self.offset(summer))
            .filter(|o| {
                let utc = *local - Duration::seconds(i64::from(o.fix().local_minus_utc()));
                self.offset_from_utc_datetime(&utc) == *o
            })
            .collect();
        match fits.as_slice() {
            [one] => LocalResult::Single(*one),
            [first, second] => LocalResult::Ambiguous(*first, *second),
            _ => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> EuOffset {
        self.offset_from_utc_datetime(&utc.and_hms_opt(0, 0, 0).unwrap())
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> EuOffset {
        let year = utc.year();
        self.offset(*utc >= switch_instant(year, 3) && *utc < switch_instant(year, 10))
    }
}
