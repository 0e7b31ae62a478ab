//! `tameio db check` reads every row: each value written behind tameio's back is listed with
//! its row and column, one bad row hiding no other, and the check exits 1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::binary::tameio;

const ATTEMPT: &str = "0199a0c0-0000-7000-8000-000000000001";

#[test]
fn db_check_lists_every_damaged_row_and_reading_one_names_it() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        let out = tameio(dir.path(), &["sale", "--item", "401", "--cash", "10"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(tameio(dir.path(), &["db", "check"]).status.success());
    {
        let conn = rusqlite::Connection::open(dir.path().join("tameio.db")).unwrap();
        conn.execute_batch(&format!(
            "UPDATE tenders SET kind = 'xyz' WHERE order_id = 1;
             DROP TRIGGER receipts_immutable;
             UPDATE receipts SET kind = 'gift' WHERE number = 2;
             INSERT INTO attempts (id, terminal, protocol, kind, amount_cents, state, created_at, updated_at)
               VALUES ('{ATTEMPT}', 'front', 'smoke', 'sale', 100, 'declined',
                       '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z');"
        ))
        .unwrap();
    }
    let out = tameio(dir.path(), &["db", "check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for line in [
        format!("attempt {ATTEMPT}: protocol 'smoke' unknown"),
        "tender 1 (order 1): kind 'xyz' unknown".to_string(),
        "receipt 1/2: kind 'gift' unknown".to_string(),
    ] {
        assert!(text.lines().any(|l| l == line), "{line} missing from:\n{text}");
    }

    let out = tameio(dir.path(), &["db", "check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["check"]["row_problems"].as_array().unwrap().len(), 3, "{v:#}");

    // Reading a damaged row fails loudly, naming it, instead of showing a guess.
    let out = tameio(dir.path(), &["receipt", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("receipt 1/2: kind 'gift' unknown"));
    let out = tameio(dir.path(), &["receipt", "show", "3"]);
    assert!(out.status.success(), "an undamaged receipt still reads");
}
