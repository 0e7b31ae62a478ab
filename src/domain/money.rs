//! Money as whole cents in an `i64`, parsed from what a cashier types and formatted per locale.
//! No floating point anywhere: every amount in tameio is a `Money`.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use serde::{Deserialize, Serialize};

/// An amount of money in cents (euro cents in both markets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

/// How amounts are written: decimal and grouping separators, and where the symbol goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyStyle {
    /// `1.234,50 €` (Greek, Italian).
    Continental,
    /// `€1,234.50` (English).
    English,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("empty amount")]
    Empty,
    #[error("not an amount: {0}")]
    Malformed(String),
    #[error("more than two decimals: {0}")]
    TooPrecise(String),
    #[error("amount too large: {0}")]
    TooLarge(String),
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// Parses what a cashier types: `12`, `12,4`, `12.40`, `1.240,50`, `1,240.50`, `€ 3`.
    ///
    /// The last `,` or `.` followed by one or two digits is the decimal separator; any other
    /// `,`/`.` must group thousands (three digits). So `1.240` is 1240 in el/it style only when
    /// `style` is `Continental`; in `English` it is 1.24.
    pub fn parse(input: &str, style: MoneyStyle) -> Result<Money, MoneyError> {
        let raw: String =
            input.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '€')).collect();
        if raw.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, body) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw.as_str()),
        };
        if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
            return Err(MoneyError::Malformed(input.to_string()));
        }
        let (int_part, frac_part) =
            split_decimal(body, style).ok_or_else(|| MoneyError::Malformed(input.to_string()))?;
        if frac_part.len() > 2 {
            return Err(MoneyError::TooPrecise(input.to_string()));
        }
        let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
        let whole: i64 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| MoneyError::TooLarge(input.to_string()))?
        };
        let mut frac: i64 = if frac_part.is_empty() {
            0
        } else {
            frac_part.parse().map_err(|_| MoneyError::Malformed(input.to_string()))?
        };
        if frac_part.len() == 1 {
            frac *= 10;
        }
        let cents = whole
            .checked_mul(100)
            .and_then(|c| c.checked_add(frac))
            .filter(|c| *c <= MAX_CENTS)
            .ok_or_else(|| MoneyError::TooLarge(input.to_string()))?;
        Ok(Money(if negative { -cents } else { cents }))
    }

    /// The amount with separators but no currency symbol: `1.234,50` / `1,234.50`.
    pub fn format_plain(self, style: MoneyStyle) -> String {
        let (group, decimal) = match style {
            MoneyStyle::Continental => ('.', ','),
            MoneyStyle::English => (',', '.'),
        };
        let abs = self.0.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{grouped}{decimal}{:02}", abs % 100)
    }

    /// The amount with the euro sign where the locale puts it: `12,40 €` / `€12.40`.
    pub fn format(self, style: MoneyStyle) -> String {
        match style {
            MoneyStyle::Continental => format!("{}\u{a0}€", self.format_plain(style)),
            MoneyStyle::English => {
                let plain = self.abs().format_plain(style);
                if self.0 < 0 { format!("-€{plain}") } else { format!("€{plain}") }
            }
        }
    }

    /// `self × numerator / denominator`, rounded half away from zero.
    pub fn mul_div(self, numerator: i64, denominator: i64) -> Money {
        Money(div_round(i128::from(self.0) * i128::from(numerator), i128::from(denominator)))
    }
}

/// The largest amount a register accepts: ten million euro.
const MAX_CENTS: i64 = 1_000_000_000;

/// Integer division rounded half away from zero (the one rounding rule of tameio).
pub fn div_round(numerator: i128, denominator: i128) -> i64 {
    debug_assert!(denominator != 0);
    let (n, d) = if denominator < 0 { (-numerator, -denominator) } else { (numerator, denominator) };
    let q = if n >= 0 { (n + d / 2) / d } else { -((-n + d / 2) / d) };
    i64::try_from(q).unwrap_or(if q > 0 { i64::MAX } else { i64::MIN })
}

fn split_decimal(body: &str, style: MoneyStyle) -> Option<(&str, &str)> {
    let last_sep = body.rfind([',', '.']);
    let Some(pos) = last_sep else {
        return Some((body, ""));
    };
    let sep = body.as_bytes()[pos] as char;
    let after = &body[pos + 1..];
    let before = &body[..pos];
    let other_sep_present = before.contains(if sep == ',' { '.' } else { ',' });
    let repeated = before.contains(sep);
    // A separator is decimal when 1-2 digits follow it, or when it is the style's decimal mark
    // and not a repeated grouping mark.
    let style_decimal = match style {
        MoneyStyle::Continental => ',',
        MoneyStyle::English => '.',
    };
    let is_decimal = !repeated && (after.len() != 3 || sep == style_decimal || other_sep_present);
    if is_decimal {
        if !valid_grouping(before) {
            return None;
        }
        Some((before, after))
    } else {
        if !valid_grouping(body) {
            return None;
        }
        Some((body, ""))
    }
}

/// `1234`, `1.234`, `1,234,567` are valid; `12.34.5` is not.
fn valid_grouping(int_part: &str) -> bool {
    let groups: Vec<&str> = int_part.split([',', '.']).collect();
    if groups.len() == 1 {
        return true;
    }
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    let mixed = int_part.contains(',') && int_part.contains('.');
    !mixed && !first.is_empty() && first.len() <= 3 && rest.iter().all(|g| g.len() == 3)
}

impl fmt::Display for Money {
    /// Plain `12.40` (logs, JSON-adjacent text); shown to people through `format`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MoneyStyle::{Continental as C, English as E};

    fn p(s: &str, style: MoneyStyle) -> i64 {
        Money::parse(s, style).map(Money::cents).unwrap_or(i64::MIN)
    }

    #[test]
    fn parses_what_cashiers_type() {
        assert_eq!(p("12,40", C), 1240);
        assert_eq!(p("12.40", C), 1240);
        assert_eq!(p("12,4", C), 1240);
        assert_eq!(p("12", C), 1200);
        assert_eq!(p("1.240,50", C), 124_050);
        assert_eq!(p("1.240", C), 124_000);
        assert_eq!(p("1.234.567,89", C), 123_456_789);
        assert_eq!(p("12,40 €", C), 1240);
        assert_eq!(p("€12.40", E), 1240);
        assert_eq!(p("1,240.50", E), 124_050);
        assert_eq!(p("1,240", E), 124_000);
        assert_eq!(Money::parse("1.240", E), Err(MoneyError::TooPrecise("1.240".into())));
        assert_eq!(p("0,05", C), 5);
        assert_eq!(p(",5", C), 50);
        assert_eq!(p("-3,10", C), -310);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "abc", "12,345,6", "1.2.3", "12,405", "1,2.5,0", "--1", "12a", "1e5"] {
            assert!(Money::parse(bad, C).is_err(), "{bad} should fail");
        }
        assert_eq!(Money::parse("12,405", C), Err(MoneyError::TooPrecise("12,405".into())));
        assert!(matches!(Money::parse("99999999999999999999", C), Err(MoneyError::TooLarge(_))));
    }

    #[test]
    fn formats_per_locale() {
        assert_eq!(Money(1240).format(C), "12,40\u{a0}€");
        assert_eq!(Money(1240).format(E), "€12.40");
        assert_eq!(Money(123_450).format(C), "1.234,50\u{a0}€");
        assert_eq!(Money(123_450).format(E), "€1,234.50");
        assert_eq!(Money(-5).format(E), "-€0.05");
        assert_eq!(Money(-123_456_789).format_plain(C), "-1.234.567,89");
        assert_eq!(Money(0).format_plain(C), "0,00");
        assert_eq!(Money(1240).to_string(), "12.40");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(Money(999).mul_div(1, 2), Money(500));
    }

    proptest::proptest! {
        #[test]
        fn format_then_parse_is_identity(cents in -MAX_CENTS..MAX_CENTS) {
            for style in [C, E] {
                let m = Money(cents);
                proptest::prop_assert_eq!(Money::parse(&m.format(style), style), Ok(m));
                proptest::prop_assert_eq!(Money::parse(&m.format_plain(style), style), Ok(m));
            }
        }
    }
}
