//! Years of sales written into a data folder through the register's and the store's own
//! functions (sealed receipts, the audit chain, a Z report a day), under a clock set to each
//! sale's time. Shared by `examples/grow`, the test that checks what it makes and the benches.

use std::error::Error;
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Days, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use tameio::config::{Places, Settings};
use tameio::domain::{Cart, Lang, Money, Product, Quantity, Role, Unit};
use tameio::register::{Operator, Register};
use tameio::store::set_clock;
use tameio::terminal::{Approval, Attempt, AttemptState, Journal, Outcome, PaymentKind, Protocol};
use uuid::{NoContext, Timestamp, Uuid};

pub type Failure = Box<dyn Error>;

/// What to grow.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Receipts in all, refunds included.
    pub receipts: u64,
    /// The share of receipts paid by card (an approved attempt, its tender and the card's last four).
    pub card_share: f64,
    pub years: u32,
    /// One receipt in this many is a cash refund of the latest cash sale.
    pub refund_every: u64,
    /// Cashiers taking turns at the till (the demo cashier and more).
    pub cashiers: usize,
    /// The last day of sales (its Z included); the first is `years` before it.
    pub last_day: NaiveDate,
}

impl Plan {
    pub fn new(receipts: u64, card_share: f64, years: u32) -> Plan {
        // Every day of history ends with its Z: the last full day is yesterday.
        let last_day = Utc::now().date_naive() - Days::new(1);
        Plan { receipts, card_share, years, refund_every: 100, cashiers: 3, last_day }
    }

    fn first_day(&self) -> NaiveDate {
        self.last_day.checked_sub_months(Months::new(12 * self.years)).unwrap_or(self.last_day) + Days::new(1)
    }

    pub fn days(&self) -> u64 {
        (self.last_day - self.first_day()).num_days().max(0) as u64 + 1
    }

    /// Card payments it makes: `receipts × card_share`, rounded down.
    pub fn card_payments(&self) -> u64 {
        (self.receipts as f64 * self.card_share).floor() as u64
    }

    /// Receipt `n` (from 0) is paid by card: spread evenly, like Bresenham's line.
    fn is_card(&self, n: u64) -> bool {
        let share = self.card_share.clamp(0.0, 1.0);
        ((n + 1) as f64 * share).floor() > (n as f64 * share).floor()
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Grown {
    pub receipts: u64,
    pub sales: u64,
    pub refunds: u64,
    pub card_payments: u64,
    pub closures: u64,
    pub days_done: u64,
    pub seconds: f64,
}

/// SplitMix64: small, seeded, the same history every run.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// The people working the till: cashiers in turn, and the manager who refunds and closes.
struct Staff {
    cashiers: Vec<Operator>,
    manager: Operator,
}

fn staff(register: &Register, wanted: usize) -> Result<Staff, Failure> {
    let users = register.users()?;
    let manager: Operator =
        users.iter().find(|u| u.role == Role::Manager).cloned().ok_or("no manager")?.into();
    let mut cashiers: Vec<Operator> =
        users.into_iter().filter(|u| u.role == Role::Cashier).map(Operator::from).collect();
    for (i, name) in ["Eleni", "Giorgos", "Sofia", "Kostas", "Anna"].iter().enumerate() {
        if cashiers.len() >= wanted.max(1) {
            break;
        }
        let pin = format!("{}", 4_271 + 1_111 * i);
        cashiers.push(register.add_user(&manager, name, Role::Cashier, &pin)?.into());
    }
    Ok(Staff { cashiers, manager })
}

fn at(day: NaiveDate, seconds: i64) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc() + TimeDelta::seconds(seconds)
}

pub fn cart(rng: &mut Rng, products: &[Product]) -> Result<Cart, Failure> {
    let mut cart = Cart::default();
    for _ in 0..1 + rng.below(6) {
        let product = &products[rng.below(products.len() as u64) as usize];
        let quantity = Quantity::from_milli(1000 * (1 + rng.below(3) as i64));
        cart.add(product, quantity, Lang::En)?;
    }
    Ok(cart)
}

/// Opens (creating) the register in `dir` with the clock at `start`, its first settings saved.
fn open(dir: &Path, start: DateTime<Utc>) -> Result<Register, Failure> {
    set_clock(Some(start));
    let places = Places::resolve(Some(dir));
    let (register, _) = Register::open(&places)?;
    if register.first_run_pending() {
        register.save_first_run(Settings::default())?;
    }
    Ok(register)
}

/// Grows the history into `dir` (an empty folder: the caller checks); `progress` hears after
/// each day.
pub fn grow(dir: &Path, plan: &Plan, mut progress: impl FnMut(&Grown, u64)) -> Result<Grown, Failure> {
    let started = Instant::now();
    let first = plan.first_day();
    let days = plan.days();
    let register = open(dir, at(first, 6 * 3600))?;
    let result = grow_in(&register, plan, first, days, &mut progress);
    set_clock(None);
    register.store().end_bulk()?;
    let mut grown = result?;
    grown.seconds = started.elapsed().as_secs_f64();
    Ok(grown)
}

fn grow_in(
    register: &Register,
    plan: &Plan,
    first: NaiveDate,
    days: u64,
    progress: &mut impl FnMut(&Grown, u64),
) -> Result<Grown, Failure> {
    let staff = staff(register, plan.cashiers)?;
    let products: Vec<Product> =
        register.products()?.into_iter().filter(|p| !p.is_open_price() && p.unit == Unit::Piece).collect();
    if products.is_empty() {
        return Err("no fixed-price products to sell".into());
    }
    register.store().begin_bulk()?;
    let mut rng = Rng(0x007A_4E10);
    let mut grown = Grown::default();
    let mut n = 0u64;
    let mut committed = 0u64;
    // The last cash sale not refunded yet (possibly a day or two back: a customer returns).
    let mut refundable: Option<i64> = None;
    for d in 0..days {
        let day = first + Days::new(d);
        let quota = (d + 1) * plan.receipts / days - d * plan.receipts / days;
        set_clock(Some(at(day, 7 * 3600 - 600)));
        let shifts = staff
            .cashiers
            .iter()
            .map(|c| register.open_shift(c, Money::from_cents(10_000)).map(|s| s.id))
            .collect::<Result<Vec<_>, _>>()?;
        let mut cash = Money::from_cents(10_000 * shifts.len() as i64);
        for j in 0..quota {
            // Open 07:00 to 19:00 UTC, receipts evenly apart.
            let now = at(day, 7 * 3600 + (j * 12 * 3600 / quota.max(1)) as i64);
            set_clock(Some(now));
            // Cashiers take the till in turns through the day (each a block of receipts), as
            // a shop does; a new cashier every receipt would also re-plan the order's insert
            // each time (SQLite re-prepares a statement whose bound values chose a partial index).
            let turn = (j * staff.cashiers.len() as u64 / quota.max(1)) as usize;
            let cashier = &staff.cashiers[turn];
            let card = plan.is_card(n);
            if !card && n % plan.refund_every.max(1) == plan.refund_every / 2 && refundable.is_some() {
                let number = refundable.take().ok_or("no sale to refund")?;
                let refund = register.refund_cash(&staff.manager, number)?;
                cash += refund.total;
                grown.refunds += 1;
            } else if card {
                card_sale(register, cashier, &cart(&mut rng, &products)?, now, &mut rng)?;
                grown.card_payments += 1;
                grown.sales += 1;
            } else {
                let cart = cart(&mut rng, &products)?;
                let total = cart.totals().total;
                // Notes of 5 or 10: change is given back.
                let note = if rng.below(2) == 0 { 500 } else { 1000 };
                let given = Money::from_cents((total.cents() / note + 1) * note);
                let receipt = register.cash_sale(cashier, &cart, given)?;
                cash += receipt.total;
                refundable = Some(receipt.number);
                grown.sales += 1;
            }
            grown.receipts += 1;
            n += 1;
        }
        set_clock(Some(at(day, 19 * 3600 + 1800)));
        register.close_register_batch(&staff.manager, Some(cash))?;
        grown.closures += 1;
        set_clock(Some(at(day, 19 * 3600 + 2400)));
        for (cashier, shift) in staff.cashiers.iter().zip(shifts) {
            register.close_shift(cashier, shift)?;
        }
        grown.days_done = d + 1;
        // One commit a day at most, and at least every ~2,000 receipts: fewer commits write
        // each hot page (indexes, counters, the audit chain's tail) once instead of per sale.
        if grown.receipts - committed >= 2_000 || d + 1 == days {
            register.store().bulk_commit()?;
            committed = grown.receipts;
        }
        progress(&grown, days);
    }
    Ok(grown)
}

/// A card sale as the payment session writes it: the order, the attempt prepared, sent and
/// approved in the journal (the store), then its tender booked and the receipt issued.
pub fn card_sale(
    register: &Register,
    cashier: &Operator,
    cart: &Cart,
    now: DateTime<Utc>,
    rng: &mut Rng,
) -> Result<(), Failure> {
    let order_id = register.open_order(cashier, cart)?;
    let amount = cart.totals().total;
    let stamp = Timestamp::from_unix(NoContext, now.timestamp() as u64, now.timestamp_subsec_nanos());
    let mut attempt = Attempt {
        id: Uuid::new_v7(stamp),
        terminal: tameio::domain::tender::DEMO_TERMINAL.to_string(),
        protocol: Protocol::Ecr17,
        kind: PaymentKind::Sale,
        amount,
        order_id: Some(order_id),
        reference: format!("P {} ecr 1 tid 12345678", amount.cents()),
        state: AttemptState::Prepared,
        created_at: tameio::domain::time::stamp(now),
        outcome: None,
        note: String::new(),
    };
    let journal: &dyn Journal = register.store().as_ref();
    journal.prepare(&attempt)?;
    journal.set_state(attempt.id, AttemptState::Sent, "")?;
    let stan = format!("{:06}", rng.below(1_000_000));
    let approval = Approval {
        auth_code: format!("{:06}", rng.below(1_000_000)),
        masked_pan: format!("************{:04}", rng.below(10_000)),
        stan: stan.clone(),
        terminal_id: "12345678".into(),
        card_brand: ["VISA", "MASTERCARD", "MAESTRO"][rng.below(3) as usize].into(),
        transaction_id: stan,
        entry_mode: "CLM".into(),
        ..Approval::default()
    };
    let outcome = Outcome::Approved(approval);
    journal.finish(attempt.id, &outcome)?;
    attempt.state = AttemptState::Approved;
    attempt.outcome = Some(outcome);
    register.book_approved(&attempt, &cashier.name)?.ok_or("the card did not complete the order")?;
    Ok(())
}

/// Names in a data folder that `--force` replaces; anything else there stays.
const REPLACED: [&str; 5] = ["tameio.db", "tameio.db-wal", "tameio.db-shm", "tameio.toml", "backups"];

pub fn make_room(dir: &Path, force: bool) -> Result<(), Failure> {
    let found: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("{}: {e}", dir.display()).into()),
    };
    if found.is_empty() {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{} is not empty ({}): grow writes only into an empty folder; --force replaces its database",
            dir.display(),
            found.join(", ")
        )
        .into());
    }
    for name in REPLACED.iter().filter(|n| found.iter().any(|f| f == *n)) {
        let path = dir.join(name);
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?
        } else {
            std::fs::remove_file(&path)?
        }
        println!("removed {}", path.display());
    }
    Ok(())
}

/// The size of the database with its WAL, in bytes.
pub fn database_bytes(dir: &Path) -> u64 {
    let db = Places::resolve(Some(dir)).database();
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", db.display())).ok())
        .map(|m| m.len())
        .sum()
}

/// The tables a history fills, counted.
const TABLES: [&str; 10] = [
    "receipts",
    "orders",
    "order_lines",
    "tenders",
    "attempts",
    "attempt_events",
    "batch_closures",
    "shifts",
    "users",
    "audit_log",
];

/// Rows per table, read straight from the file (read-only).
pub fn row_counts(dir: &Path) -> Result<Vec<(&'static str, i64)>, Failure> {
    let db = Places::resolve(Some(dir)).database();
    let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut counts = Vec::new();
    for table in TABLES {
        counts.push((table, conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?));
    }
    Ok(counts)
}
