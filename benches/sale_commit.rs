//! How fast the register commits a complete cash sale (order, lines, tender, receipt, audit
//! entry, one SQLite transaction with synchronous=FULL), next to raw fsyncs on the same disk.

use std::io::Write;
use std::time::{Duration, Instant};

use tameio::domain::{Cart, Money, Quantity};
use tameio::register::Register;
use tameio::store::Store;

const SECONDS: f64 = 3.0;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let fsyncs = fsyncs_per_second(&dir.path().join("fsync.bin"))?;

    let store = Store::open(&dir.path().join("bench.db"))?;
    store.seed_demo_if_empty()?;
    let register = Register::in_memory(Default::default())?;
    let mut cart = Cart::default();
    for code in ["101", "401", "503", "701", "602"] {
        register.ring_up(&mut cart, code, Quantity::ONE)?;
    }
    let given = Money::from_cents(10_000);
    let start = Instant::now();
    let mut sales = 0u64;
    while start.elapsed() < Duration::from_secs_f64(SECONDS) {
        store.cash_sale("1", 1, &cart, given, "bench")?;
        sales += 1;
    }
    let per_second = sales as f64 / start.elapsed().as_secs_f64();
    println!("disk: {}", dir.path().display());
    println!("raw fsync (write 8 bytes + fdatasync): {fsyncs:>10.1} /s");
    println!("complete cash sale (5 lines, 1 tx):     {per_second:>10.1} /s");
    println!("ratio sales/fsyncs:                     {:>10.3}", per_second / fsyncs);
    println!("(a WAL commit with synchronous=FULL needs at least one fsync; 1.0 would be the ceiling)");
    Ok(())
}

fn fsyncs_per_second(path: &std::path::Path) -> std::io::Result<f64> {
    let mut file = std::fs::File::create(path)?;
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs_f64(SECONDS) {
        file.write_all(&n.to_le_bytes())?;
        file.sync_data()?;
        n += 1;
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}
