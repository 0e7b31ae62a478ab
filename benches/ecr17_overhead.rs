//! The register's overhead per approved ECR17 payment (session + journal + client + framing
//! against the zero-delay simulator) next to its floor: a bare loopback TCP round trip, plus,
//! for the real SQLite journal, the three one-row commits (prepared, sent, outcome) it must make.

use std::error::Error;
use std::time::{Duration, Instant};

use tameio::domain::money::Money;
use tameio::store::Store;
use tameio::terminal::ecr17::sim::{SimConfig, spawn_in_process};
use tameio::terminal::ecr17::{Ecr17Options, Ecr17Terminal};
use tameio::terminal::session::{self, AttemptState, MemoryJournal};
use tameio::terminal::{Journal, PaymentKind, PaymentRequest, ProgressSink};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const WARMUP: usize = 20;
const RUNS: usize = 300;
/// About one ECR17 payment request frame.
const FRAME: usize = 170;

fn main() -> Result<(), Box<dyn Error>> {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(async {
        let bare_new = bare_round_trip(true).await?;
        let bare_kept = bare_round_trip(false).await?;
        let memory = MemoryJournal::new();
        let with_receipt = payments(&memory, true).await?;
        let without_receipt = payments(&memory, false).await?;
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
        let store = Store::open(&dir.path().join("journal.db"))?;
        let sqlite = payments(&store, false).await?;
        let sqlite_receipt = payments(&store, true).await?;
        let commit = one_row_commit(&dir.path().join("one-row.db"))?;
        let floor = bare_new + 3 * commit;
        println!("ecr17 overhead, {RUNS} runs each (mean per operation)");
        println!("  bare loopback round trip, new connection : {:>9.1} µs", micros(bare_new));
        println!("  bare loopback round trip, kept connection: {:>9.1} µs", micros(bare_kept));
        println!("  one-row SQLite commit (WAL, synchronous=FULL): {:>9.1} µs", micros(commit));
        println!("  approved payment, in-memory journal, E1 + receipt: {:>9.1} µs", micros(with_receipt));
        println!("  approved payment, in-memory journal, no receipt  : {:>9.1} µs", micros(without_receipt));
        println!("  approved payment, SQLite journal, no receipt     : {:>9.1} µs", micros(sqlite));
        println!("  approved payment, SQLite journal, E1 + receipt   : {:>9.1} µs", micros(sqlite_receipt));
        println!(
            "  ratio in-memory payment / bare round trip (new connection): {:.1}x with receipt, {:.1}x without",
            ratio(with_receipt, bare_new),
            ratio(without_receipt, bare_new)
        );
        println!(
            "  ratio SQLite payment / (round trip + 3 one-row commits = {:.1} µs): {:.2}x without receipt, {:.2}x with",
            micros(floor),
            ratio(sqlite, floor),
            ratio(sqlite_receipt, floor)
        );
        Ok(())
    })
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}

async fn payments(journal: &dyn Journal, receipt_on_ecr: bool) -> Result<Duration, Box<dyn Error>> {
    let config = SimConfig { amount_table: false, step_ms: 0, ..SimConfig::default() };
    let server = spawn_in_process(config).await?;
    let opts = Ecr17Options { receipt_on_ecr, ..Ecr17Options::default() };
    let name = format!("bench-{receipt_on_ecr}");
    let term = Ecr17Terminal::new(&name, &server.addr.to_string(), "00000000", "1", opts);
    let mut total = Duration::ZERO;
    for i in 0..WARMUP + RUNS {
        let req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(650));
        let start = Instant::now();
        let attempt = session::run(journal, &term, &req, &ProgressSink::none()).await?;
        if i >= WARMUP {
            total += start.elapsed();
        }
        if attempt.state != AttemptState::Approved {
            return Err(format!("payment {i} ended {:?}: {}", attempt.state, attempt.note).into());
        }
    }
    server.stop();
    Ok(total / RUNS as u32)
}

/// Connect (optionally once), write a frame-sized message, read the echo.
async fn bare_round_trip(new_connection: bool) -> Result<Duration, Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let echo = tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; FRAME];
                while s.read_exact(&mut buf).await.is_ok() {
                    if s.write_all(&buf).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    let msg = [b'0'; FRAME];
    let mut buf = [0u8; FRAME];
    let mut kept: Option<TcpStream> = None;
    let mut total = Duration::ZERO;
    for i in 0..WARMUP + RUNS {
        let start = Instant::now();
        let mut stream = match kept.take() {
            Some(s) if !new_connection => s,
            _ => {
                let s = TcpStream::connect(addr).await?;
                s.set_nodelay(true)?;
                s
            }
        };
        stream.write_all(&msg).await?;
        stream.read_exact(&mut buf).await?;
        if i >= WARMUP {
            total += start.elapsed();
        }
        kept = Some(stream);
    }
    echo.abort();
    Ok(total / RUNS as u32)
}

/// The mean time of a one-row commit in a database set up like the store's.
fn one_row_commit(path: &std::path::Path) -> Result<Duration, Box<dyn Error>> {
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch("CREATE TABLE one (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")?;
    let mut total = Duration::ZERO;
    for i in 0..WARMUP + RUNS {
        let start = Instant::now();
        conn.execute("INSERT INTO one (v) VALUES (?1)", [i as i64])?;
        if i >= WARMUP {
            total += start.elapsed();
        }
    }
    Ok(total / RUNS as u32)
}
