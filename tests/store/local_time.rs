//! Stored times are UTC; the command line shows and searches them on the machine's clock
//! (`TZ`). The last Sunday of October 2025: Athens 04:00 → 03:00, Rome 03:00 → 02:00.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

fn tameio(dir: &Path, tz: &str, args: &[&str]) -> Output {
    crate::support::binary::at(dir, args).env("TZ", tz).output().unwrap()
}

/// First pass of the repeated hour, second pass, and 00:30 the next day in Athens.
const ISSUED: [&str; 4] =
    ["2025-10-26T00:10:00Z", "2025-10-26T01:10:00Z", "2025-10-26T02:10:00Z", "2025-10-26T22:30:00Z"];

fn shop_with_receipts_at(dir: &Path) {
    for _ in ISSUED {
        assert!(tameio(dir, "UTC", &["sale", "--item", "401", "--cash", "10"]).status.success());
    }
    let conn = rusqlite::Connection::open(dir.join("tameio.db")).unwrap();
    conn.execute_batch("DROP TRIGGER receipts_immutable").unwrap();
    for (i, at) in ISSUED.iter().enumerate() {
        conn.execute(
            "UPDATE receipts SET issued_at = ?1 WHERE number = ?2",
            rusqlite::params![at, i as i64 + 1],
        )
        .unwrap();
    }
}

fn listed(dir: &Path, tz: &str, date: &str) -> Vec<i64> {
    let out = tameio(dir, tz, &["receipt", "list", "--date", date, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut numbers: Vec<i64> =
        v["receipts"].as_array().unwrap().iter().map(|r| r["number"].as_i64().unwrap()).collect();
    numbers.sort_unstable();
    numbers
}

#[test]
fn receipts_are_listed_and_shown_on_the_machine_clock_across_the_autumn_change() {
    if !Path::new("/usr/share/zoneinfo/Europe/Athens").exists() {
        eprintln!("no tz database here; the pure tests in store::utc cover the change");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    shop_with_receipts_at(dir.path());
    assert_eq!(listed(dir.path(), "Europe/Athens", "2025-10-26"), [1, 2, 3]);
    assert_eq!(listed(dir.path(), "Europe/Athens", "2025-10-27"), [4]);
    assert_eq!(listed(dir.path(), "Europe/Rome", "2025-10-26"), [1, 2, 3, 4]);

    let out = tameio(dir.path(), "Europe/Athens", &["receipt", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let times: Vec<&str> = text.lines().map(|l| l.split_whitespace().nth(2).unwrap()).collect();
    assert_eq!(times, ["00:30", "04:10", "03:10", "03:10"], "newest first:\n{text}");
    let out = tameio(dir.path(), "Europe/Rome", &["receipt", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let times: Vec<&str> = text.lines().map(|l| l.split_whitespace().nth(2).unwrap()).collect();
    assert_eq!(times, ["23:30", "03:10", "02:10", "02:10"], "newest first:\n{text}");
}
