//! `tameio report period` end to end: text, JSON, CSV read back by Python's `csv` module (as a
//! spreadsheet would), PDF read back by `pdftotext`, and the bad input it refuses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use crate::support::binary::tameio;

/// Two cash sales (10,39: 8,40 at 13 % and 1,99 at 24 %; 5,67 at 24 %) and a Z; the days
/// around today, so that the period holds them whatever the clock.
fn two_sales_and_a_z(dir: &Path) -> (String, String) {
    for args in [
        &["sale", "--item", "101x2", "--item", "503", "--cash", "20"][..],
        &["sale", "--item", "505x3", "--cash", "10"][..],
        &["batch", "close", "--pin", "9999"][..],
    ] {
        let out = tameio(dir, args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let today = chrono::Local::now().date_naive();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    (day(today.pred_opt().unwrap()), day(today.succ_opt().unwrap()))
}

/// The CSV as Python's `csv` module reads it: the header and each row as a dict.
fn read_csv(path: &Path, delimiter: &str) -> serde_json::Value {
    let script = "import csv, json, sys\n\
        with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
        \x20   rows = list(csv.reader(f, delimiter=sys.argv[2]))\n\
        print(json.dumps({'header': rows[0], 'rows': [dict(zip(rows[0], r)) for r in rows[1:]]}))";
    let out = Command::new("python3").arg("-c").arg(script).arg(path).arg(delimiter).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

const COLUMNS: [&str; 11] = [
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

#[test]
fn text_and_json_show_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = two_sales_and_a_z(dir.path());
    let out = tameio(dir.path(), &["report", "period", "--from", &from, "--to", &to]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for want in ["PERIOD REPORT", "1 - 2", "16.06", "Z reports in the period", "Sales per VAT rate"] {
        assert!(text.contains(want), "{want} missing in\n{text}");
    }
    let out =
        tameio(dir.path(), &["report", "period", "--from", &from, "--to", &to, "--json", "--by", "month"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["totals"]["total"], 1606);
    assert_eq!(json["totals"]["sales"], 2);
    assert_eq!(json["totals"]["tenders"]["cash"], 1606);
    assert_eq!(json["z_reports"][0]["number"], 1);
    assert_eq!(json["by"], "month");
    let net24 =
        json["totals"]["vat"].as_array().unwrap().iter().find(|r| r["rate"] == 2400).cloned().unwrap();
    assert_eq!((net24["net"]["gross"].clone(), net24["net"]["vat"].clone()), (766.into(), 148.into()));
}

#[test]
fn csv_opens_with_the_documented_columns_in_either_decimal_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = two_sales_and_a_z(dir.path());
    let csv = dir.path().join("period.csv");
    let out =
        tameio(dir.path(), &["report", "period", "--from", &from, "--to", &to, "-o", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read = read_csv(&csv, ",");
    assert_eq!(read["header"], serde_json::json!(COLUMNS));
    let rows = read["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "one day, two rates: {rows:?}");
    let rate = |r: &str| rows.iter().find(|x| x["vat_rate"] == r).cloned().unwrap();
    let a = rate("24");
    assert_eq!(
        (a["gross"].as_str(), a["vat"].as_str(), a["net"].as_str()),
        (Some("7.66"), Some("1.48"), Some("6.18"))
    );
    assert_eq!(a["refunds_gross"], "0.00");
    let b = rate("13");
    assert_eq!((b["sales_gross"].as_str(), b["sales_vat"].as_str()), (Some("8.40"), Some("0.97")));
    assert!(a["period"].as_str().unwrap().len() == 10, "{a}");

    let out = tameio(
        dir.path(),
        &[
            "report",
            "period",
            "--from",
            &from,
            "--to",
            &to,
            "--decimal",
            "comma",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let read = read_csv(&csv, ";");
    assert_eq!(read["header"], serde_json::json!(COLUMNS));
    let a = read["rows"].as_array().unwrap().iter().find(|x| x["vat_rate"] == "24").cloned().unwrap();
    assert_eq!(a["gross"], "7,66");
}

#[test]
fn pdf_has_the_chart_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = two_sales_and_a_z(dir.path());
    let pdf = dir.path().join("period.pdf");
    let out = tameio(
        dir.path(),
        &["report", "period", "--from", &from, "--to", &to, "--lang", "el", "-o", pdf.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    for want in ["Πωλήσεις ανά ημέρα", "Ποσό (€)", "Ημέρα", "ΑΝΑΦΟΡΑ ΠΕΡΙΟΔΟΥ", "16,06"]
    {
        assert!(text.contains(want), "{want} missing in\n{text}");
    }
}

#[test]
fn bad_periods_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["report", "period", "--from", "2026-13-01", "--to", "2026-12-31"][..],
        &["report", "period", "--from", "2026-12-31", "--to", "2026-12-01"][..],
        &["report", "period", "--from", "2026-12-01", "--to", "2026-12-31", "--by", "week"][..],
        &["report", "period", "--from", "2026-12-01", "--to", "2026-12-31", "--decimal", "x"][..],
        &["report", "period", "--from", "2026-12-01", "--to", "2026-12-31", "-o", "report.txt"][..],
    ] {
        let out = tameio(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stderr.is_empty());
    }
}
