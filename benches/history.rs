//! Every read of issue 21 (start-up with recovery, a sale, a card booking, recovery, the X
//! report, a receipt by number, search by day, amount and card last four, the batch-close
//! screen, the diagnostics list) on years of history, each against its 50 ms limit, the period
//! report of a year (and its PDF) against 1 s, and
//! `tameio db check` on it. The history (1,000,000 receipts, 30 % by card, 10 years) is grown
//! once by `examples/grow` into target/tmp and kept; `TAMEIO_BENCH_DATA=DIR` names another
//! folder, `TAMEIO_BENCH_RECEIPTS=N` another size, `TAMEIO_BENCH_CHECK_SECONDS` how long
//! `db check` may run before it is stopped (default 300).

#[path = "../examples/grow/growth.rs"]
#[allow(dead_code)]
mod growth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use tameio::config::{Places, Settings};
use tameio::domain::{Cart, Lang, Money, Product, Quantity, ReceiptFilter, Unit};
use tameio::i18n::I18n;
use tameio::register::{Operator, PeriodBy, Register};
use tameio::store::SCHEMA_VERSION;
use tameio::ui::app::jobs;
use tameio::ui::request::Job;

type Failure = Box<dyn std::error::Error>;

const LIMIT: Duration = Duration::from_millis(50);
const RUNS: usize = 7;
/// Written once the history is complete: a run stopped half-way grows it again.
const GROWN: &str = ".grown";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() -> Result<(), Failure> {
    let receipts: u64 = env_or("TAMEIO_BENCH_RECEIPTS", 1_000_000);
    let dir = match std::env::var_os("TAMEIO_BENCH_DATA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("history-v{SCHEMA_VERSION}-{receipts}")),
    };
    if !dir.join(GROWN).exists() {
        grow(&dir, receipts)?;
    }
    let places = Places::resolve(Some(&dir));
    // One daily backup kept, not fourteen copies of a large file under target/.
    let (mut settings, _) = Settings::load(&places.settings());
    settings.backup_keep = 1;
    settings.save(&places.settings())?;
    println!("history: {} ({:.0} MB)", dir.display(), growth::database_bytes(&dir) as f64 / 1e6);
    for (table, rows) in growth::row_counts(&dir)? {
        print!("{table} {rows}; ");
    }
    println!();
    reads(&places)?;
    db_check(&dir)
}

fn grow(dir: &Path, receipts: u64) -> Result<(), Failure> {
    growth::make_room(dir, std::env::var_os("TAMEIO_BENCH_DATA").is_none())?;
    let plan = growth::Plan::new(receipts, 0.3, 10);
    println!("growing {receipts} receipts over {} days into {} (once)", plan.days(), dir.display());
    let mut shown = Instant::now();
    let grown = growth::grow(dir, &plan, |g, days| {
        if shown.elapsed() > Duration::from_secs(30) {
            shown = Instant::now();
            println!("  day {}/{days}: {} receipts", g.days_done, g.receipts);
        }
    })?;
    println!("grown in {:.1} s: {grown:?}", grown.seconds);
    std::fs::write(dir.join(GROWN), format!("{grown:?}\n"))?;
    Ok(())
}

/// Median and worst of `RUNS` timings of `step`.
fn time<T>(mut step: impl FnMut(usize) -> Result<T, Failure>) -> Result<(Duration, Duration), Failure> {
    let mut all = Vec::with_capacity(RUNS);
    for i in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(step(i)?);
        all.push(start.elapsed());
    }
    all.sort();
    Ok((all[RUNS / 2], all[RUNS - 1]))
}

fn show(what: &str, timings: (Duration, Duration)) {
    show_against(what, timings, LIMIT)
}

fn show_against(what: &str, (median, worst): (Duration, Duration), limit: Duration) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let verdict = if worst <= limit {
        "ok"
    } else if median <= limit {
        "worst over"
    } else {
        "OVER"
    };
    println!(
        "  {what:<40} median {:>9.2} ms  worst {:>9.2} ms  limit {:>4.0} ms  {verdict} ({:.2}x the limit)",
        ms(median),
        ms(worst),
        ms(limit),
        ms(median) / ms(limit)
    );
}

fn reads(places: &Places) -> Result<(), Failure> {
    let i18n = I18n::new(Lang::En);
    let backups_before = std::fs::read_dir(places.backups()).map(|d| d.count()).unwrap_or(0);
    let first = Instant::now();
    let (register, _) = Register::open(places)?;
    let opened = first.elapsed();
    let backed_up = std::fs::read_dir(places.backups()).map(|d| d.count()).unwrap_or(0) > backups_before;
    jobs::run(&register, &i18n, Job::BootRecover);
    println!("reads on it, {RUNS} runs each:");
    println!(
        "  first start-up today: open {:.1} ms{}, then recovery {:.1} ms",
        opened.as_secs_f64() * 1e3,
        if backed_up { " (with the daily backup)" } else { "" },
        (first.elapsed() - opened).as_secs_f64() * 1e3
    );
    drop(register);
    show(
        "start-up (open + boot recovery)",
        time(|_| {
            let (register, _) = Register::open(places)?;
            Ok(jobs::run(&register, &i18n, Job::BootRecover))
        })?,
    );
    let (register, _) = Register::open(places)?;
    let reg = &register;
    show("recover", time(|_| Ok(jobs::run(reg, &i18n, Job::BootRecover)))?);
    let cashier: Operator = reg.users()?.into_iter().next().ok_or("no user")?.into();
    let products: Vec<Product> =
        reg.products()?.into_iter().filter(|p| !p.is_open_price() && p.unit == Unit::Piece).collect();
    let mut cart = Cart::default();
    for p in products.iter().take(5) {
        cart.add(p, Quantity::ONE, Lang::En)?;
    }
    let by = cashier.clone();
    show(
        "a cash sale (Register::cash_sale)",
        time(|_| {
            Ok(jobs::run(
                reg,
                &i18n,
                Job::CashSale { by: by.clone(), cart: cart.clone(), given: Money::from_cents(10_000) },
            ))
        })?,
    );
    let mut rng = growth::Rng(42);
    show(
        "a card payment booked (order, journal, tender)",
        time(|_| growth::card_sale(reg, &cashier, &cart, Utc::now(), &mut rng))?,
    );
    show("X report", time(|_| Ok(reg.x_report()?))?);
    let last = reg.receipts(&ReceiptFilter { limit: Some(1), ..Default::default() })?;
    let newest = last.first().map(|r| r.number).ok_or("no receipts")?;
    show(
        "receipt by number",
        time(|i| Ok(jobs::run(reg, &i18n, Job::OpenReceipt(1 + (newest - 1) * i as i64 / RUNS as i64))))?,
    );
    let day = (Utc::now() - chrono::Days::new(5 * 365)).format("%Y-%m-%d").to_string();
    let find = |filter: ReceiptFilter| Job::FindReceipts(filter);
    show(
        "search by day (5 years ago)",
        time(|_| {
            Ok(jobs::run(reg, &i18n, find(ReceiptFilter { date: Some(day.clone()), ..Default::default() })))
        })?,
    );
    show(
        "search by amount (12.34)",
        time(|_| {
            let filter = ReceiptFilter { total: Some(Money::from_cents(1234)), ..Default::default() };
            Ok(jobs::run(reg, &i18n, find(filter)))
        })?,
    );
    show(
        "search by card last four (4321)",
        time(|_| {
            let filter = ReceiptFilter { card_last4: Some("4321".into()), ..Default::default() };
            Ok(jobs::run(reg, &i18n, find(filter)))
        })?,
    );
    show("batch-close screen (X + Z list)", time(|_| Ok(jobs::run(reg, &i18n, Job::LoadBatch)))?);
    show("diagnostics list (open attempts)", time(|_| Ok(jobs::run(reg, &i18n, Job::LoadDiagnostics)))?);
    // Issue 21 item 3: the accountant's report of a year within 1 s, its PDF (with the chart) too.
    let (from, to) = (Utc::now() - chrono::Days::new(365), Utc::now());
    let (from, to) = (from.format("%Y-%m-%d").to_string(), to.format("%Y-%m-%d").to_string());
    let year = Duration::from_secs(1);
    show_against(
        "period report, a year by month",
        time(|_| Ok(reg.period_report(&from, &to, PeriodBy::Month)?))?,
        year,
    );
    show_against(
        "period report, a year by day",
        time(|_| Ok(reg.period_report(&from, &to, PeriodBy::Day)?))?,
        year,
    );
    show_against(
        "period report, a year by day, as PDF",
        time(|_| {
            let report = reg.period_report(&from, &to, PeriodBy::Day)?;
            Ok(reg.period_pdf(&report, Lang::El)?)
        })?,
        year,
    );
    Ok(())
}

/// `tameio db check` as a shop runs it, stopped after `TAMEIO_BENCH_CHECK_SECONDS`.
fn db_check(dir: &Path) -> Result<(), Failure> {
    let limit = Duration::from_secs(env_or("TAMEIO_BENCH_CHECK_SECONDS", 300));
    let said = Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-db-check.txt");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tameio"))
        .arg("--data-dir")
        .arg(dir)
        .args(["db", "check"])
        .env("LANG", "en_US.UTF-8")
        .stdout(std::fs::File::create(&said)?)
        .stderr(Stdio::null())
        .spawn()?;
    loop {
        if let Some(status) = child.try_wait()? {
            let said = std::fs::read_to_string(&said).unwrap_or_default();
            let verdict = if status.success() { "passes" } else { "FAILS" };
            println!("  db check: {verdict} in {:.1} s", start.elapsed().as_secs_f64());
            for line in said.lines().take(5) {
                println!("    {line}");
            }
            return Ok(());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            println!("  db check: stopped after {} s, unfinished", limit.as_secs());
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
