//! What every terminal simulator shares: the named fault scenarios, the amount table that
//! picks one per payment, and deterministic noise and chunking for fault injection.

use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How a simulated terminal behaves for one financial request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    /// Everything goes right.
    #[default]
    Approve,
    /// The host declines the card.
    Decline,
    /// Progress and result come slowly (the simulator's `slow_step` apart).
    Slow,
    /// The request is never ACKed; the result comes anyway (implicit ACK).
    NoAck,
    /// The terminal processes and stores the result, then drops the link without sending it.
    LostResult,
    /// Every frame is written a few bytes at a time.
    Split,
    /// ACK, progress and result go out in one write.
    Glued,
    /// The first copy of the request is NAKed; the retransmission is taken.
    NakOnce,
    /// Noise between frames and a result with a bad LRC first (the ECR must NAK it).
    Garbage,
    /// The request is NAKed every time: nothing is processed.
    Busy,
    /// The link drops during the payment; the terminal aborts and stores nothing.
    DisconnectMidPayment,
}

impl Scenario {
    pub const ALL: [Scenario; 11] = [
        Scenario::Approve,
        Scenario::Decline,
        Scenario::Slow,
        Scenario::NoAck,
        Scenario::LostResult,
        Scenario::Split,
        Scenario::Glued,
        Scenario::NakOnce,
        Scenario::Garbage,
        Scenario::Busy,
        Scenario::DisconnectMidPayment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Scenario::Approve => "approve",
            Scenario::Decline => "decline",
            Scenario::Slow => "slow",
            Scenario::NoAck => "no-ack",
            Scenario::LostResult => "lost-result",
            Scenario::Split => "split",
            Scenario::Glued => "glued",
            Scenario::NakOnce => "nak-once",
            Scenario::Garbage => "garbage",
            Scenario::Busy => "busy",
            Scenario::DisconnectMidPayment => "disconnect-mid-payment",
        }
    }

    /// The amount table: a payment whose cents part is listed here gets that scenario,
    /// whatever the simulator was started with, so one simulator run covers every case.
    ///
    /// | cents | scenario |        | cents | scenario |
    /// |---|---|---|---|---|
    /// | .61 | decline     | | .66 | glued |
    /// | .62 | slow        | | .67 | nak-once |
    /// | .63 | no-ack      | | .68 | garbage |
    /// | .64 | lost-result | | .69 | busy |
    /// | .65 | split       | | .70 | disconnect-mid-payment |
    ///
    /// Any other amount gets the simulator's configured scenario.
    pub fn for_amount(cents: i64) -> Option<Scenario> {
        match cents.rem_euclid(100) {
            61 => Some(Scenario::Decline),
            62 => Some(Scenario::Slow),
            63 => Some(Scenario::NoAck),
            64 => Some(Scenario::LostResult),
            65 => Some(Scenario::Split),
            66 => Some(Scenario::Glued),
            67 => Some(Scenario::NakOnce),
            68 => Some(Scenario::Garbage),
            69 => Some(Scenario::Busy),
            70 => Some(Scenario::DisconnectMidPayment),
            _ => None,
        }
    }

    /// The cents (0..99) that select this scenario in the amount table.
    pub fn table_cents(self) -> Option<i64> {
        (61..=70).find(|c| Scenario::for_amount(*c) == Some(self))
    }

    /// The scenario a request gets: the amount table first (when on), else the configured one.
    pub fn pick(configured: Scenario, amount_cents: Option<i64>, use_table: bool) -> Scenario {
        amount_cents.filter(|_| use_table).and_then(Scenario::for_amount).unwrap_or(configured)
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown scenario {0:?} (one of: approve, decline, slow, no-ack, lost-result, split, glued, nak-once, garbage, busy, disconnect-mid-payment)"
)]
pub struct UnknownScenario(pub String);

impl FromStr for Scenario {
    type Err = UnknownScenario;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Scenario::ALL.into_iter().find(|sc| sc.code() == wanted).ok_or_else(|| UnknownScenario(s.to_string()))
    }
}

/// A small deterministic generator (xorshift64*), so fault runs repeat exactly.
#[derive(Debug, Clone)]
pub struct Noise(u64);

impl Noise {
    pub fn new(seed: u64) -> Self {
        Noise(seed | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// `len` random bytes, none of them in `avoid` (e.g. a protocol's frame-start bytes).
    pub fn bytes(&mut self, len: usize, avoid: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            let b = (self.next_u64() >> 56) as u8;
            if !avoid.contains(&b) {
                out.push(b);
            }
        }
        out
    }

    /// Cuts `len` bytes into consecutive pieces of 1..=`max` bytes.
    pub fn pieces(&mut self, len: usize, max: usize) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < len {
            let step = 1 + (self.next_u64() as usize) % max.max(1);
            let end = (at + step).min(len);
            out.push(at..end);
            at = end;
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for sc in Scenario::ALL {
            assert_eq!(sc.code().parse::<Scenario>().unwrap(), sc);
        }
        assert_eq!("NO_ACK".parse::<Scenario>().unwrap(), Scenario::NoAck);
        assert!("melt".parse::<Scenario>().is_err());
    }

    #[test]
    fn amount_table_covers_every_fault() {
        for sc in Scenario::ALL.into_iter().skip(1) {
            let cents = sc.table_cents().unwrap();
            assert_eq!(Scenario::pick(Scenario::Approve, Some(1200 + cents), true), sc);
            assert_eq!(Scenario::pick(Scenario::Approve, Some(1200 + cents), false), Scenario::Approve);
        }
        assert_eq!(Scenario::pick(Scenario::Decline, Some(650), true), Scenario::Decline);
        assert_eq!(Scenario::pick(Scenario::Slow, None, true), Scenario::Slow);
    }

    #[test]
    fn noise_avoids_bytes_and_pieces_cover_everything() {
        let mut n = Noise::new(7);
        assert!(n.bytes(500, &[1, 2]).iter().all(|b| *b != 1 && *b != 2));
        let p = n.pieces(100, 3);
        assert_eq!(p.first().unwrap().start, 0);
        assert_eq!(p.last().unwrap().end, 100);
        assert!(p.windows(2).all(|w| w[0].end == w[1].start));
    }
}

/// A simulator serving on loopback inside this process (demo mode, tests, benches).
#[derive(Debug)]
pub struct SimServer<S> {
    pub addr: SocketAddr,
    pub sim: Arc<S>,
    task: JoinHandle<()>,
}

impl<S> SimServer<S> {
    pub fn stop(self) {
        self.task.abort();
    }
}

/// Binds 127.0.0.1 on a free port and runs `serve` there on the current tokio runtime.
pub async fn spawn_local<S, F, Fut>(
    sim: Arc<S>,
    name: &'static str,
    serve: F,
) -> std::io::Result<SimServer<S>>
where
    S: Send + Sync + 'static,
    F: FnOnce(TcpListener, Arc<S>) -> Fut,
    Fut: Future<Output = std::io::Result<()>> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let served = serve(listener, sim.clone());
    let task = tokio::spawn(async move {
        if let Err(e) = served.await {
            tracing::warn!(error = %e, simulator = name, "simulator stopped");
        }
    });
    Ok(SimServer { addr, sim, task })
}

/// A request entry a simulator keeps: numbered as it arrives.
pub trait Numbered {
    fn set_seq(&mut self, seq: u64);
}

/// Every request a simulator received, in order, numbered from 1; with `echo`, each is also
/// printed as one JSON line (the `tameio sim … --json` output).
#[derive(Debug)]
pub struct ReceivedLog<E> {
    simulator: &'static str,
    echo: bool,
    entries: std::sync::Mutex<Vec<E>>,
}

impl<E: Numbered + Serialize + Clone + fmt::Debug> ReceivedLog<E> {
    pub fn new(simulator: &'static str, echo: bool) -> Self {
        ReceivedLog { simulator, echo, entries: std::sync::Mutex::new(Vec::new()) }
    }

    pub fn push(&self, mut entry: E) {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        entry.set_seq(entries.len() as u64 + 1);
        if self.echo
            && let Ok(line) = serde_json::to_string(&entry)
        {
            println!("{line}");
        }
        tracing::debug!(?entry, simulator = self.simulator, "simulator received");
        entries.push(entry);
    }

    pub fn entries(&self) -> Vec<E> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

/// Serves clients one connection at a time, as a terminal does: while one request runs,
/// another register's connection waits unanswered. Runs until the task ends.
pub async fn serve_one_at_a_time<S, F, Fut, E>(
    listener: TcpListener,
    sim: Arc<S>,
    simulator: &'static str,
    handle: F,
) -> std::io::Result<()>
where
    F: Fn(Arc<S>, tokio::net::TcpStream) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: fmt::Display,
{
    loop {
        let (stream, peer) = listener.accept().await?;
        if let Err(e) = handle(sim.clone(), stream).await {
            tracing::debug!(%peer, error = %e, simulator, "simulator connection ended");
        }
    }
}

/// Writes `bytes` a few at a time, a millisecond apart (the `split` scenario), so the register
/// reads one frame in several pieces.
pub async fn write_split(stream: &mut TcpStream, noise: &mut Noise, bytes: &[u8]) -> std::io::Result<()> {
    for piece in noise.pieces(bytes.len(), 5) {
        stream.write_all(&bytes[piece]).await?;
        stream.flush().await?;
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    Ok(())
}

/// Sends in one write what the `glued` scenario held back, if anything.
pub async fn write_glued(stream: &mut TcpStream, glue: &mut Vec<u8>) -> std::io::Result<()> {
    if !glue.is_empty() {
        let out = std::mem::take(glue);
        stream.write_all(&out).await?;
    }
    Ok(())
}
