//! A database written by the previous release (schema 1) is opened by today's code: a backup
//! is taken first (`backups/tameio-…-v1-to-vN.db`, still schema 1), the schema is migrated,
//! the data is intact and `db check` passes; the command line says so on stderr.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use tameio::config::Places;
use tameio::domain::{Cart, Money, Quantity};
use tameio::register::Register;

const SCHEMA_1: &str = include_str!("../../src/store/schema.sql");
/// The tables of schema 1 that the sale below fills.
const TABLES: &[&str] = &[
    "products",
    "users",
    "shifts",
    "orders",
    "order_lines",
    "tenders",
    "receipt_counters",
    "receipts",
    "audit_log",
];

fn hash_of(prev: &str, parts: [&str; 5]) -> String {
    let mut h = Sha256::new();
    for part in std::iter::once(prev).chain(parts) {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

/// A schema-1 database in `dir/tameio.db` holding a cash sale (order, lines, tender, receipt
/// and its audit entries), a declined card attempt and an audit entry as the old release wrote
/// them (local times without offset). The sale's rows are made by today's code in a donor
/// database and copied column by column into the schema-1 tables.
fn old_database(dir: &Path) -> PathBuf {
    let donor = tempfile::tempdir().unwrap();
    let total = {
        let (register, _) =
            Register::open(&Places { data_dir: donor.path().to_path_buf(), portable: false }).unwrap();
        let cashier = register.cli_operator(None, None).unwrap();
        let mut cart = Cart::default();
        register.ring_up(&mut cart, "401", Quantity::ONE).unwrap();
        register.cash_sale(&cashier, &cart, Money::from_cents(2000)).unwrap().total
    };
    assert_eq!(total, Money::from_cents(990));
    let path = dir.join("tameio.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(SCHEMA_1).unwrap();
    conn.execute("ATTACH ?1 AS donor", [donor.path().join("tameio.db").to_string_lossy()]).unwrap();
    for table in TABLES {
        let columns: Vec<String> = conn
            .prepare(&format!("PRAGMA main.table_info({table})"))
            .unwrap()
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let list = columns.join(", ");
        conn.execute(&format!("INSERT INTO main.{table} ({list}) SELECT {list} FROM donor.{table}"), [])
            .unwrap();
    }
    conn.execute("DETACH donor", []).unwrap();
    // The old release wrote local times without offset.
    conn.execute(
        "UPDATE orders SET created_at = '2026-11-30T10:15:00', updated_at = '2026-11-30T10:15:30'",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO attempts (id, terminal, protocol, kind, amount_cents, order_id, state, created_at, updated_at)
         VALUES ('0199a0c0-0000-7000-8000-000000000001', 'front', 'ecr17', 'sale', 990, 1, 'declined',
                 '2026-11-30T10:14:00', '2026-11-30T10:14:20')",
        [],
    )
    .unwrap();
    let prev: String =
        conn.query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let parts = ["2026-11-30T10:16:00", "manager", "settings.save", "tameio.toml", "{}"];
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![parts[0], parts[1], parts[2], parts[3], parts[4], prev, hash_of(&prev, parts)],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    drop(conn);
    assert_eq!(user_version(&path), 1);
    path
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_schema_1_database_is_backed_up_then_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = old_database(dir.path());
    let audit_before = count(&Connection::open(&path).unwrap(), "audit_log");

    let places = Places { data_dir: dir.path().to_path_buf(), portable: false };
    let (register, _) = Register::open(&places).unwrap();

    let upgrade = register.upgrade().cloned().expect("an upgrade was done");
    let current = register.store().schema_version().unwrap();
    assert!(current >= 5, "{current}");
    assert_eq!((upgrade.from, upgrade.to), (1, current));
    assert_eq!(upgrade.backup.parent(), Some(places.backups().as_path()));
    let name = upgrade.backup.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("tameio-") && name.ends_with(&format!("-v1-to-v{current}.db")), "{name}");
    // The backup is the old database as it was: schema 1, same rows.
    assert_eq!(user_version(&upgrade.backup), 1);
    let backup = Connection::open(&upgrade.backup).unwrap();
    assert_eq!(count(&backup, "receipts"), 1);
    assert_eq!(count(&backup, "attempts"), 1);
    assert_eq!(count(&backup, "audit_log"), audit_before);
    let order_time: String = backup.query_row("SELECT created_at FROM orders", [], |r| r.get(0)).unwrap();
    assert_eq!(order_time, "2026-11-30T10:15:00");

    // Migrated, data intact, the check passes.
    assert_eq!(user_version(&path), current);
    let check = register.check_db().unwrap();
    assert!(check.is_ok(), "{check:?}");
    assert_eq!(check.receipts_checked, 1);
    let receipt = register.receipt(1).unwrap();
    assert_eq!(receipt.total, Money::from_cents(990));
    assert_eq!(register.order(1).unwrap().remaining(), Money::ZERO);
    let conn = Connection::open(&path).unwrap();
    let attempt: (String, String) =
        conn.query_row("SELECT state, created_at FROM attempts", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(attempt.0, "declined");
    assert!(attempt.1.ends_with('Z'), "times are UTC now: {}", attempt.1);
    assert!(count(&conn, "audit_log") > audit_before, "the migration is audited");

    // Opened again: nothing to upgrade, no second upgrade backup.
    drop(register);
    let (again, _) = Register::open(&places).unwrap();
    assert!(again.upgrade().is_none());
    let upgrades = std::fs::read_dir(places.backups())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("-v1-to-"))
        .count();
    assert_eq!(upgrades, 1);
}

#[test]
fn the_command_line_says_the_database_was_upgraded_and_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    old_database(dir.path());
    let out = crate::support::binary::command()
        .args(["db", "check"])
        .env("TAMEIO_DATA_DIR", dir.path())
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}\n{}", String::from_utf8_lossy(&out.stdout));
    assert!(stderr.contains("upgraded from version 1"), "{stderr}");
    assert!(stderr.contains("-v1-to-v"), "the backup's path is named: {stderr}");
    let out = crate::support::binary::command()
        .args(["db", "check"])
        .env("TAMEIO_DATA_DIR", dir.path())
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("upgraded"), "said once");
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tameio.db");
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let before = std::fs::read(&path).unwrap();
    let places = Places { data_dir: dir.path().to_path_buf(), portable: false };
    assert!(Register::open(&places).is_err());
    assert!(std::fs::read(&path).unwrap() == before, "the file is left byte for byte");
    assert!(!places.backups().exists(), "no backup of a database this version cannot read");
}
