//! The data generator (`examples/grow`): a small history passes `db check`, holds the counts
//! asked for, is stamped over the years asked for, and never lands in a folder with data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../examples/grow/growth.rs"]
#[allow(dead_code)]
mod growth;

use std::collections::HashMap;

use crate::support::binary::{shown, tameio};

#[test]
fn a_grown_folder_passes_db_check_with_the_counts_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop");
    let plan = growth::Plan::new(2_000, 0.3, 2);
    let grown = growth::grow(&data, &plan, |_, _| {}).unwrap();
    assert_eq!((grown.receipts, grown.card_payments, grown.closures), (2_000, 600, plan.days()));
    assert!(grown.refunds > 0 && grown.sales + grown.refunds == 2_000, "{grown:?}");
    assert!((729..=732).contains(&plan.days()), "{}", plan.days());

    let rows: HashMap<&str, i64> = growth::row_counts(&data).unwrap().into_iter().collect();
    assert_eq!(rows["receipts"], 2_000);
    assert_eq!(rows["attempts"], 600);
    assert_eq!(rows["tenders"], grown.sales as i64, "one tender a sale; refunds keep theirs in the body");
    assert_eq!(rows["batch_closures"], plan.days() as i64);
    assert_eq!(rows["users"], 4, "the demo manager and cashier, and two more cashiers");

    let db = rusqlite::Connection::open(data.join("tameio.db")).unwrap();
    let (first, last): (String, String) = db
        .query_row("SELECT min(issued_at), max(issued_at) FROM receipts", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let two_years_ago = (chrono::Utc::now() - chrono::Days::new(728)).format("%Y-%m-%d").to_string();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(first < two_years_ago && last < today, "{first} .. {last}");
    let card_receipts: i64 =
        db.query_row("SELECT count(*) FROM receipts WHERE card_last4 <> ''", [], |r| r.get(0)).unwrap();
    assert_eq!(card_receipts, 600);
    drop(db);

    let out = tameio(&data, &["db", "check"]);
    assert!(out.status.success(), "{}", shown(&out));
}

#[test]
fn a_folder_with_data_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tameio.db"), b"a shop's books").unwrap();
    std::fs::write(dir.path().join("notes.txt"), b"keep").unwrap();
    let refused = growth::make_room(dir.path(), false).unwrap_err().to_string();
    assert!(refused.contains("not empty") && refused.contains("tameio.db"), "{refused}");
    assert!(dir.path().join("tameio.db").exists());
    growth::make_room(dir.path(), true).unwrap();
    assert!(!dir.path().join("tameio.db").exists() && dir.path().join("notes.txt").exists());
    growth::make_room(&dir.path().join("missing"), false).unwrap();
}
