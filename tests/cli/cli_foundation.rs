//! The command line end to end: scripted cash sales, receipts, `db check` catching tampering,
//! and bad input that changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::binary::tameio;
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn two_sales_give_receipts_one_and_two_with_vat_per_rate() {
    let dir = tempfile::tempdir().unwrap();
    // Feta (13 %) ×2, olive oil (13 %), detergent (24 %).
    let out = tameio(
        dir.path(),
        &["sale", "--item", "5200000001013x2", "--item", "401", "--item", "602", "--cash", "50", "--json"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r1 = json(&out);
    assert_eq!(r1["number"], 1);
    assert_eq!(r1["total_cents"], 840 + 990 + 350);
    assert_eq!(r1["change_cents"], 5000 - 2180);
    let vat = r1["vat"].as_array().unwrap();
    assert_eq!(vat.len(), 2);
    assert_eq!(
        (vat[0]["rate_bp"].as_i64(), vat[0]["gross_cents"].as_i64(), vat[0]["vat_cents"].as_i64()),
        (Some(2400), Some(350), Some(68))
    );
    assert_eq!(
        (vat[1]["rate_bp"].as_i64(), vat[1]["gross_cents"].as_i64(), vat[1]["vat_cents"].as_i64()),
        (Some(1300), Some(1830), Some(211))
    );

    let out = tameio(dir.path(), &["sale", "--item", "301x0,5", "--item", "701", "--cash", "3,10", "--json"]);
    let r2 = json(&out);
    assert_eq!(r2["number"], 2);
    assert_eq!(r2["total_cents"], 110 + 200);
    assert_eq!(r2["change_cents"], 0);

    let list = json(&tameio(dir.path(), &["receipt", "list", "--json"]));
    assert_eq!(list["receipts"].as_array().unwrap().len(), 2);
    let shown = json(&tameio(dir.path(), &["receipt", "show", "1", "--json"]));
    assert_eq!(shown, r1);

    let check = tameio(dir.path(), &["db", "check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn an_open_price_item_sells_at_the_price_given() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        tameio(dir.path(), &["sale", "--item", "901@2.50x2", "--item", "401", "--cash", "20", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = json(&out);
    assert_eq!(r["lines"][0]["unit_price_cents"], 250);
    assert_eq!(r["lines"][0]["vat_bp"], 2400);
    assert_eq!(r["total_cents"], 500 + 990);
}

#[test]
fn bad_input_is_refused_with_exit_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[&[&str]] = &[
        &["sale", "--item", "9999999", "--cash", "10"],
        &["sale", "--item", "101", "--cash", "1,2,3"],
        &["sale", "--item", "101x-2", "--cash", "10"],
        &["sale", "--item", "101", "--cash", "1"],
        &["sale", "--item", "101x0.5", "--cash", "10"],
        &["sale", "--item", "901", "--cash", "10"],
        &["sale", "--item", "901@0", "--cash", "10"],
        &["sale", "--item", "101@2", "--cash", "10"],
    ];
    let expected = [
        "No product with barcode or PLU",
        "is not an amount",
        "more than zero",
        "less than the",
        "by the piece",
        "no fixed price",
        "above zero",
        "has a fixed price",
    ];
    for (args, want) in cases.iter().zip(expected) {
        let out = tameio(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let list = json(&tameio(dir.path(), &["receipt", "list", "--json"]));
    assert!(list["receipts"].as_array().unwrap().is_empty());
}

#[test]
fn messages_follow_the_language_setting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tameio.toml"), "language = \"el\"\n").unwrap();
    let out = tameio(dir.path(), &["sale", "--item", "101", "--cash", "1"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("λιγότερο"));
    std::fs::write(dir.path().join("tameio.toml"), "language = \"it\"\n").unwrap();
    let out = tameio(dir.path(), &["sale", "--item", "101", "--cash", "1"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("meno dei"));
}

#[test]
fn a_card_sale_says_how_it_was_paid_and_never_shows_change() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tameio.toml"), "language = \"el\"\n").unwrap();
    let out = tameio(dir.path(), &["sale", "--item", "101", "--card"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("πληρωμή με κάρτα"), "{said}");
    assert!(!said.to_lowercase().contains("ρέστα"), "no change on a card-only sale: {said}");
    // A cash sale still gives its change.
    let out = tameio(dir.path(), &["sale", "--item", "101", "--cash", "5"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("ρέστα 0,80"));
}

#[test]
fn a_corrupt_settings_file_is_survived_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("tameio.toml");
    std::fs::write(&settings, "language = [broken").unwrap();
    let out = tameio(dir.path(), &["sale", "--item", "101", "--cash", "5", "--json"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("(file)"));
    assert_eq!(std::fs::read_to_string(&settings).unwrap(), "language = [broken");
}

#[test]
fn db_check_catches_a_row_edited_behind_its_back() {
    let dir = tempfile::tempdir().unwrap();
    assert!(tameio(dir.path(), &["sale", "--item", "101", "--cash", "5"]).status.success());
    assert!(tameio(dir.path(), &["sale", "--item", "102", "--cash", "5"]).status.success());
    {
        let conn = rusqlite::Connection::open(dir.path().join("tameio.db")).unwrap();
        conn.execute_batch(
            "DROP TRIGGER audit_append_only; UPDATE audit_log SET detail = '{}' WHERE id = 5;",
        )
        .unwrap();
    }
    let out = tameio(dir.path(), &["db", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Audit chain broken at entry 5"), "{text}");
}

#[test]
fn db_check_catches_an_edited_receipt() {
    let dir = tempfile::tempdir().unwrap();
    assert!(tameio(dir.path(), &["sale", "--item", "101", "--cash", "5"]).status.success());
    {
        let conn = rusqlite::Connection::open(dir.path().join("tameio.db")).unwrap();
        conn.execute_batch("DROP TRIGGER receipts_immutable; UPDATE receipts SET total_cents = 1, body = replace(body, '420', '1');")
            .unwrap();
    }
    let out = tameio(dir.path(), &["db", "check", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["ok"], false);
    assert!(v["check"]["receipt_problems"][0].as_str().unwrap().contains("1/1"));
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    assert!(tameio(dir.path(), &["receipt", "list"]).status.success());
    let db = dir.path().join("tameio.db");
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 42).unwrap();
    let out = tameio(dir.path(), &["receipt", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer tameio"));
    let v: i64 =
        rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 42);
}

#[test]
fn support_bundle_writes_one_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let sale = tameio(dir.path(), &["sale", "--item", "401", "--cash", "10"]);
    assert!(sale.status.success());
    let out = tameio(dir.path(), &["support", "bundle", "-o", out_dir.path().to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = json(&out)["path"].as_str().unwrap().to_string();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("version: tameio") && text.contains("receipts: 1 (0 refunds)"), "{text}");
    assert!(text.contains("none configured (the demo terminal is used)"));
}
