//! The last Sunday of October in Athens (04:00 → 03:00) and Rome (03:00 → 02:00): receipts
//! issued in the repeated hour sort, filter and fall into X/Z reports by instant, not by text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::ReceiptFilter;
use crate::domain::time::eu_zone::{ATHENS, EuZone, ROME};
use crate::domain::{Cart, Lang, Money, Quantity};
use crate::i18n::datetime_in;
use crate::store::{MIGRATIONS, Store};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn store_with_demo() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    store
}

/// A cash sale of one item at `when`; its receipt number.
fn sale_at(store: &Store, when: DateTime<Utc>) -> i64 {
    set_clock(Some(when));
    let mut cart = Cart::default();
    cart.add(&store.product_by_code("401").unwrap().unwrap(), Quantity::ONE, Lang::El).unwrap();
    let receipt = store.cash_sale("1", 1, &cart, Money::from_cents(1000), "Maria").unwrap();
    set_clock(None);
    receipt.number
}

fn numbers_by_issued_at(store: &Store) -> Vec<i64> {
    let conn = store.conn();
    let mut stmt = conn.prepare("SELECT number FROM receipts ORDER BY issued_at, id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn listed_on<Tz: TimeZone>(store: &Store, day: &str, tz: &Tz) -> Vec<i64> {
    let filter = ReceiptFilter { date: Some(day.into()), ..Default::default() };
    let mut numbers: Vec<i64> =
        store.receipts_in("1", &filter, tz).unwrap().iter().map(|r| r.number).collect();
    numbers.sort_unstable();
    numbers
}

/// The autumn change of 2025 (01:00 UTC): first pass, second pass, after, and both midnights.
const INSTANTS: [&str; 8] = [
    "2025-10-25T20:59:00Z",
    "2025-10-25T22:30:00Z",
    "2025-10-26T00:10:00Z",
    "2025-10-26T00:50:00Z",
    "2025-10-26T01:10:00Z",
    "2025-10-26T01:50:00Z",
    "2025-10-26T02:10:00Z",
    "2025-10-26T22:30:00Z",
];

fn issue_all(store: &Store) -> Vec<i64> {
    INSTANTS.iter().map(|s| sale_at(store, at(s))).collect()
}

fn shown<Tz: TimeZone>(store: &Store, tz: &Tz) -> Vec<String> {
    let mut list = store.receipts("1", &ReceiptFilter::default()).unwrap();
    list.reverse();
    list.iter().map(|r| datetime_in(&r.issued_at, tz)).collect()
}

#[test]
fn athens_receipts_of_the_repeated_hour_sort_filter_and_show_right() {
    let store = store_with_demo();
    let numbers = issue_all(&store);
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    assert_eq!(numbers_by_issued_at(&store), numbers, "text order of issued_at is time order");
    let local = shown(&store, &ATHENS);
    assert_eq!(
        local.iter().map(|s| &s[11..]).collect::<Vec<_>>(),
        ["23:59", "01:30", "03:10", "03:50", "03:10", "03:50", "04:10", "00:30"]
    );
    // 26 October in Athens has 25 hours: 21:00 UTC on the 25th to 22:00 UTC on the 26th.
    assert_eq!(listed_on(&store, "2025-10-25", &ATHENS), [1]);
    assert_eq!(listed_on(&store, "2025-10-26", &ATHENS), [2, 3, 4, 5, 6, 7]);
    assert_eq!(listed_on(&store, "2025-10-27", &ATHENS), [8]);
}

#[test]
fn rome_receipts_of_the_repeated_hour_sort_filter_and_show_right() {
    let store = store_with_demo();
    let numbers = issue_all(&store);
    assert_eq!(numbers_by_issued_at(&store), numbers);
    let local = shown(&store, &ROME);
    assert_eq!(
        local.iter().map(|s| &s[11..]).collect::<Vec<_>>(),
        ["22:59", "00:30", "02:10", "02:50", "02:10", "02:50", "03:10", "23:30"]
    );
    // 26 October in Rome: 22:00 UTC on the 25th to 23:00 UTC on the 26th.
    assert_eq!(listed_on(&store, "2025-10-25", &ROME), [1]);
    assert_eq!(listed_on(&store, "2025-10-26", &ROME), [2, 3, 4, 5, 6, 7, 8]);
    assert!(listed_on(&store, "2025-10-27", &ROME).is_empty());
    assert!(
        store
            .receipts_in("1", &ReceiptFilter { date: Some("26/10".into()), ..Default::default() }, &ROME)
            .is_err()
    );
}

/// A Z in the first pass of the repeated hour, sales in the second pass (earlier on the wall
/// clock than the Z), an X, then a second Z: each covers exactly its own receipts.
fn z_in_the_repeated_hour(zone: EuZone) {
    let store = store_with_demo();
    let year = 2025;
    let change = EuZone::autumn_change(year);
    let minutes = |m: i64| change + chrono::Duration::minutes(m);
    let before = [sale_at(&store, minutes(-50)), sale_at(&store, minutes(-20))];
    set_clock(Some(minutes(-5)));
    let z1 = store.close_batch("1", "", None, None, Some(2), "Nikos").unwrap();
    set_clock(None);
    assert_eq!((z1.register.first_receipt, z1.register.last_receipt), (Some(before[0]), Some(before[1])));
    let after = [sale_at(&store, minutes(10)), sale_at(&store, minutes(40))];
    let wall = |s: &str| crate::domain::time::local_in(s, &zone).unwrap();
    let receipt_wall = wall(&store.receipt("1", after[0]).unwrap().issued_at);
    assert!(receipt_wall < wall(&z1.closed_at), "on the wall clock the sale looks older than the Z");

    let x = store.register_totals("1").unwrap();
    assert_eq!((x.first_receipt, x.last_receipt, x.sales), (Some(after[0]), Some(after[1]), 2));
    assert_eq!(x.total, Money::from_cents(2 * 990));
    set_clock(Some(minutes(55)));
    let z2 = store.close_batch("1", "", None, None, Some(2), "Nikos").unwrap();
    set_clock(None);
    assert_eq!((z2.register.first_receipt, z2.register.last_receipt), (Some(after[0]), Some(after[1])));
    assert!(z1.closed_at < z2.closed_at, "closures sort by time too");
    assert_eq!(store.register_totals("1").unwrap().sales, 0);
    let closures = store.batch_closures("1").unwrap();
    assert_eq!(closures.iter().map(|c| c.number).collect::<Vec<_>>(), [2, 1]);
}

#[test]
fn x_and_z_across_the_athens_change_cover_exactly_their_receipts() {
    z_in_the_repeated_hour(ATHENS);
}

#[test]
fn x_and_z_across_the_rome_change_cover_exactly_their_receipts() {
    z_in_the_repeated_hour(ROME);
}

/// Rewrites every stored time as the local time without offset that tameio wrote before schema 2.
fn back_to_naive_local<Tz: TimeZone>(store: &Store, tz: &Tz) {
    let conn = store.conn();
    conn.execute_batch("DROP TRIGGER receipts_immutable").unwrap();
    for (table, columns) in COLUMNS {
        for column in *columns {
            let rows: Vec<(i64, String)> = {
                let mut stmt = conn
                    .prepare(&format!("SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"))
                    .unwrap();
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap()
            };
            for (rowid, value) in rows {
                let wall = crate::domain::time::local_in(&value, tz).unwrap().format("%Y-%m-%dT%H:%M:%S");
                conn.execute(
                    &format!("UPDATE {table} SET {column} = ?2 WHERE rowid = ?1"),
                    rusqlite::params![rowid, wall.to_string()],
                )
                .unwrap();
            }
        }
    }
    conn.execute_batch(
        "CREATE TRIGGER receipts_immutable BEFORE UPDATE ON receipts
         BEGIN SELECT RAISE(ABORT, 'receipts are immutable'); END;",
    )
    .unwrap();
}

#[test]
fn schema_2_turns_old_local_times_into_utc_in_row_order() {
    for zone in [ATHENS, ROME] {
        let store = store_with_demo();
        issue_all(&store);
        let utc_before: Vec<String> = {
            let conn = store.conn();
            let mut stmt = conn.prepare("SELECT issued_at FROM receipts ORDER BY id").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
        };
        back_to_naive_local(&store, &zone);
        assert_ne!(
            numbers_by_issued_at(&store),
            (1..=8).collect::<Vec<_>>(),
            "the bug: local text misorders"
        );

        let converted = {
            let mut conn = store.conn();
            let tx = conn.transaction().unwrap();
            let converted = to_utc(&tx, &zone).unwrap();
            tx.commit().unwrap();
            converted
        };
        assert_eq!(converted.unreadable, 0);
        assert!(converted.values >= 8);
        let utc_after: Vec<String> = {
            let conn = store.conn();
            let mut stmt = conn.prepare("SELECT issued_at FROM receipts ORDER BY id").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
        };
        assert_eq!(utc_after, utc_before, "the repeated hour resolved by row order");
        assert_eq!(listed_on(&store, "2025-10-26", &zone).len(), if zone == ATHENS { 6 } else { 7 });
        assert!(store.verify_receipts().unwrap().is_empty(), "receipt bodies and seals untouched");
        assert!(matches!(store.verify_audit_chain().unwrap(), crate::store::ChainReport::Intact { .. }));
        assert!(store.audit_entries(1).unwrap()[0].action == "db.migrate");
        assert!(store.conn().execute("UPDATE receipts SET card_last4 = 'x'", []).is_err(), "still immutable");
        assert!(store.check_rows().unwrap().is_empty());
    }
}

#[test]
fn a_version_1_database_is_migrated_to_utc_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../schema.sql")).unwrap();
        let hash = super::super::users::hash_pin("1234").unwrap();
        conn.execute(
            "INSERT INTO users (id, name, role, pin_hash) VALUES (1, 'Maria', 'cashier', ?1)",
            [hash],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO shifts (register_id, user_id, opened_at) VALUES ('1', 1, '2025-10-26T03:10:00');
             INSERT INTO terminals (name, protocol, config, created_at) VALUES ('front', 'ecr17', '{}', 'garbage');
             INSERT INTO attempts (id, terminal, protocol, kind, amount_cents, state, created_at, updated_at)
               VALUES ('0199a0c0-0000-7000-8000-000000000001', 'front', 'ecr17', 'sale', 100, 'declined',
                       '2025-10-26T03:10:00.123456789+03:00', '2025-10-26T03:11:00');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let (opened, created, terminal): (String, String, String) = store
        .conn()
        .query_row(
            "SELECT (SELECT opened_at FROM shifts), (SELECT created_at FROM attempts), (SELECT created_at FROM terminals)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(opened.ends_with('Z') && opened.len() == 20, "{opened}");
    assert_eq!(created, "2025-10-26T00:10:00Z");
    assert_eq!(terminal, "garbage", "a value that is no time is left for db check");
    assert_eq!(store.check_rows().unwrap(), ["terminals row 1: created_at 'garbage' is not a time"]);
    let entry = &store.audit_entries(1).unwrap()[0];
    assert_eq!((entry.action.as_str(), entry.detail.contains("\"unreadable\":1")), ("db.migrate", true));
}

#[test]
fn times_handed_to_the_store_are_stored_as_utc() {
    assert_eq!(normalize("2025-10-26T03:10:00.5+03:00").as_deref(), Some("2025-10-26T00:10:00Z"));
    assert_eq!(normalize("2025-10-26T00:10:00Z").as_deref(), Some("2025-10-26T00:10:00Z"));
    assert_eq!(normalize("soon"), None);
    set_clock(Some(at("2025-10-26T01:10:00Z")));
    assert_eq!(crate::store::now(), "2025-10-26T01:10:00Z");
    set_clock(None);
}
