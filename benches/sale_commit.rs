//! How fast the register commits a complete cash sale (order, lines, tender, receipt, audit
//! entries: one SQLite transaction, WAL, synchronous=FULL) next to the floor on the same disk, a
//! one-row commit with the same journal and sync settings; and how many pages a sale writes.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use tameio::config::Places;
use tameio::domain::{Cart, Money, Quantity};
use tameio::register::{Operator, Register};

const SECONDS: f64 = 3.0;
/// Sales whose WAL frames are counted (fewer than a WAL auto-checkpoint holds).
const COUNTED: usize = 20;
/// What the issue asks of a sale against a one-row commit.
const TARGET: f64 = 0.6;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let fsyncs = per_second(fsync_writer(&dir.path().join("fsync.bin"))?)?;
    let one_row_db = dir.path().join("one-row.db");
    let one_row = one_row_connection(&one_row_db)?;
    let mut n = 0i64;
    let commits = per_second(|| {
        n += 1;
        one_row.execute("INSERT INTO one (v) VALUES (?1)", [n]).map(drop).map_err(Into::into)
    })?;
    let pages_per_commit = frames_per(&one_row_db, COUNTED, || {
        n += 1;
        one_row.execute("INSERT INTO one (v) VALUES (?1)", [n]).map(drop).map_err(Into::into)
    })?;

    let places = Places::resolve(Some(&dir.path().join("shop")));
    let (register, _) = Register::open(&places)?;
    let cashier: Operator = register.users()?.into_iter().next().ok_or("no demo user")?.into();
    let mut cart = Cart::default();
    for code in ["101", "401", "503", "701", "602"] {
        register.ring_up(&mut cart, code, Quantity::ONE)?;
    }
    let given = Money::from_cents(10_000);
    let mut sale = || register.cash_sale(&cashier, &cart, given).map(drop).map_err(Into::into);
    let sales = per_second(&mut sale)?;
    let pages_per_sale = frames_per(&places.database(), COUNTED, &mut sale)?;
    let by_table = pages_by_table(&places.database())?;

    println!("disk: {}", dir.path().display());
    println!("raw fsync (write 8 bytes + fdatasync):          {fsyncs:>9.1} /s");
    println!(
        "one-row commit (WAL, synchronous=FULL):         {commits:>9.1} /s, {pages_per_commit:.1} pages each"
    );
    println!(
        "complete cash sale (5 lines, 1 tx, Register):   {sales:>9.1} /s, {pages_per_sale:.1} pages each"
    );
    let ratio = sales / commits;
    let verdict = if ratio >= TARGET { "meets" } else { "below" };
    println!("ratio sale / one-row commit: {ratio:.2}x ({verdict} the {TARGET}x target)");
    println!("ratio sale / raw fsync:      {:.2}x", sales / fsyncs);
    let shown: Vec<String> = by_table
        .iter()
        .map(|(name, pages)| format!("{name} {:.2}", *pages as f64 / COUNTED as f64))
        .collect();
    println!("pages a sale writes, by table or index: {}", shown.join(", "));
    Ok(())
}

type Step<'a> = Box<dyn FnMut() -> Result<(), Box<dyn std::error::Error>> + 'a>;

fn fsync_writer(path: &Path) -> std::io::Result<Step<'static>> {
    let mut file = std::fs::File::create(path)?;
    let mut n = 0u64;
    Ok(Box::new(move || {
        n += 1;
        file.write_all(&n.to_le_bytes())?;
        file.sync_data()?;
        Ok(())
    }))
}

/// A database like the store's (WAL, synchronous=FULL) holding one small table.
fn one_row_connection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch("CREATE TABLE one (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")?;
    Ok(conn)
}

/// Operations per second over `SECONDS` (after a short warm-up).
fn per_second(
    mut step: impl FnMut() -> Result<(), Box<dyn std::error::Error>>,
) -> Result<f64, Box<dyn std::error::Error>> {
    for _ in 0..5 {
        step()?;
    }
    let start = Instant::now();
    let mut done = 0u64;
    while start.elapsed() < Duration::from_secs_f64(SECONDS) {
        step()?;
        done += 1;
    }
    Ok(done as f64 / start.elapsed().as_secs_f64())
}

/// Pages appended to the WAL per operation: the WAL is emptied by a checkpoint from a second
/// connection, `runs` operations go, and the frames they appended are counted.
fn frames_per(
    db: &Path,
    runs: usize,
    mut step: impl FnMut() -> Result<(), Box<dyn std::error::Error>>,
) -> Result<f64, Box<dyn std::error::Error>> {
    let watcher = Connection::open(db)?;
    let checkpoint = |mode: &str| -> rusqlite::Result<i64> {
        watcher.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| r.get::<_, i64>(1))
    };
    checkpoint("TRUNCATE")?;
    for _ in 0..runs {
        step()?;
    }
    Ok(checkpoint("PASSIVE")? as f64 / runs as f64)
}

/// The WAL's frames (left by `frames_per`) counted by the table or index their page belongs to.
fn pages_by_table(db: &Path) -> Result<Vec<(String, u64)>, Box<dyn std::error::Error>> {
    let watcher = Connection::open(db)?;
    let frames: i64 = watcher.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))?;
    let page_size: i64 = watcher.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    let page_size = page_size as usize;
    let mut owner = std::collections::HashMap::new();
    let mut stmt = watcher.prepare("SELECT pageno, name FROM dbstat")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (page, name) = row?;
        owner.insert(page, name);
    }
    let wal = std::fs::read(format!("{}-wal", db.display()))?;
    let mut counts: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for frame in 0..frames.max(0) as usize {
        let at = 32 + frame * (24 + page_size);
        let Some(head) = wal.get(at..at + 4) else { break };
        let page = i64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        let name = owner.get(&page).cloned().unwrap_or_else(|| "free or new".to_string());
        *counts.entry(name).or_default() += 1;
    }
    let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    Ok(counts)
}
