//! The data generator for benches and tests: years of sales in a data folder, written through
//! the register's own functions, so `tameio --data-dir DIR db check` passes on it.
//!
//! `cargo run --release --example grow -- DATA_DIR --receipts 1000000 --card-share 0.3 --years 10`

mod growth;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use growth::{Failure, Grown, Plan};

#[derive(Parser)]
#[command(about = "Grow a tameio data folder with years of sales (for benches and tests)")]
struct Args {
    /// The data folder to create; it must be empty or missing (or see --force).
    data_dir: PathBuf,
    /// Receipts in all (sales and refunds).
    #[arg(long, default_value_t = 1_000_000)]
    receipts: u64,
    /// The share of receipts paid by card.
    #[arg(long, default_value_t = 0.3)]
    card_share: f64,
    /// Years of history, ending yesterday (a Z report closes every day).
    #[arg(long, default_value_t = 10)]
    years: u32,
    /// One receipt in this many is a cash refund.
    #[arg(long, default_value_t = 100)]
    refund_every: u64,
    /// Cashiers taking turns.
    #[arg(long, default_value_t = 3)]
    cashiers: usize,
    /// Replace the database and settings of a folder that has them.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("grow: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), Failure> {
    if !(0.0..=1.0).contains(&args.card_share) {
        return Err(format!("--card-share {} is not between 0 and 1", args.card_share).into());
    }
    growth::make_room(&args.data_dir, args.force)?;
    let mut plan = Plan::new(args.receipts, args.card_share, args.years);
    plan.refund_every = args.refund_every;
    plan.cashiers = args.cashiers;
    println!(
        "growing {}: {} receipts ({} by card) over {} days",
        args.data_dir.display(),
        plan.receipts,
        plan.card_payments(),
        plan.days()
    );
    let started = Instant::now();
    let mut shown = Instant::now();
    let grown = growth::grow(&args.data_dir, &plan, |g: &Grown, days| {
        if shown.elapsed().as_secs_f64() >= 5.0 || g.days_done == days {
            shown = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            println!(
                "  day {:>5}/{days}: {:>9} receipts, {:>8} by card, {:>6.0} receipts/s, {secs:>7.1} s",
                g.days_done,
                g.receipts,
                g.card_payments,
                g.receipts as f64 / secs.max(1e-9)
            );
        }
    })?;
    println!(
        "done in {:.1} s: {} receipts ({} sales, {} refunds), {} card payments, {} Z reports",
        grown.seconds, grown.receipts, grown.sales, grown.refunds, grown.card_payments, grown.closures
    );
    for (table, rows) in growth::row_counts(&args.data_dir)? {
        println!("  {table:<16} {rows:>10} rows");
    }
    let bytes = growth::database_bytes(&args.data_dir);
    println!("database: {:.1} MB ({bytes} bytes)", bytes as f64 / 1e6);
    Ok(())
}
