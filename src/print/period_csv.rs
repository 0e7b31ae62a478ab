//! The period report as CSV for the accountant's software: UTF-8, a header row, one row per day
//! (or month) and VAT rate, amounts without thousands separators in the chosen decimal mark, and
//! `;` between fields when that mark is a comma (what spreadsheets in Greece and Italy expect).
//! The columns are documented in the README ("The period report").

use crate::domain::Money;
use crate::domain::period::{DecimalMark, PeriodReport};

/// The header row's names, in order: stable, English, for import rules.
pub const COLUMNS: [&str; 11] = [
    "period",
    "vat_rate",
    "sales_net",
    "sales_vat",
    "sales_gross",
    "refunds_net",
    "refunds_vat",
    "refunds_gross",
    "net",
    "vat",
    "gross",
];

/// `1234.50` / `1234,50`, `-12.00`: no thousands separator, no currency sign.
pub fn amount(m: Money, mark: DecimalMark) -> String {
    let sign = if m.cents() < 0 { "-" } else { "" };
    let abs = m.cents().unsigned_abs();
    format!("{sign}{}{}{:02}", abs / 100, mark.mark(), abs % 100)
}

/// A field quoted when it holds the separator, a quote or a line break (RFC 4180).
fn field(value: &str, separator: char) -> String {
    if value.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn line(out: &mut String, values: &[String], separator: char) {
    let fields: Vec<String> = values.iter().map(|v| field(v, separator)).collect();
    out.push_str(&fields.join(&separator.to_string()));
    out.push_str("\r\n");
}

/// The CSV text; days or months without receipts have no rows.
pub fn period_csv(report: &PeriodReport, mark: DecimalMark) -> String {
    let sep = mark.separator();
    let mut out = String::new();
    line(&mut out, &COLUMNS.map(str::to_string), sep);
    for row in report.rows.iter().filter(|r| r.totals.receipts() > 0) {
        for r in &row.totals.vat {
            let rate = r.rate.percent_label().replace('.', &mark.mark().to_string());
            let mut values = vec![row.key.clone(), rate];
            for a in [r.sales, r.refunds, r.net] {
                values.extend([amount(a.net, mark), amount(a.vat, mark), amount(a.gross, mark)]);
            }
            line(&mut out, &values, sep);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::print::period::tests::sample;

    #[test]
    fn comma_mark_goes_with_semicolons_and_point_with_commas() {
        let csv = period_csv(&sample(), DecimalMark::Comma);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], COLUMNS.join(";"));
        assert_eq!(lines[1], "2026-12-01;24;107,62;25,83;133,45;-8,06;-1,94;-10,00;99,56;23,89;123,45");
        assert_eq!(lines.len(), 2, "the empty day has no row");
        let csv = period_csv(&sample(), DecimalMark::Point);
        assert!(csv.lines().nth(1).unwrap().starts_with("2026-12-01,24,107.62,25.83,133.45,-8.06"), "{csv}");
        assert_eq!(field("a;b \"c\"", ';'), "\"a;b \"\"c\"\"\"");
        assert_eq!(amount(Money::from_cents(-5), DecimalMark::Comma), "-0,05");
    }
}
