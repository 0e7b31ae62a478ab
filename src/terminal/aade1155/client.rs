//! The register side of AADE 1155: one TCP connection per request; CONFIRMED checked against
//! the request, a RESULT handed over unacknowledged (`Unacked`) so the `R` (v10) goes out only
//! once the register recorded it; `E/999` retried with back-off.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep, timeout, timeout_at};

use super::frame::{FROM_ECR, Frame, Splitter};
use super::mac::{parse_key, retail_mac};
use super::message::{AmountRequest, Request};
use super::options::{Aade1155Options, MacMode};
use super::reply::Reply;
use super::result::{PosResult, error_meaning};
use crate::terminal::wirelog::{self, Direction};
use crate::terminal::{Progress, ProgressSink, TerminalError};

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

/// One open connection to the terminal.
struct Conn {
    stream: TcpStream,
    splitter: Splitter,
    /// The terminal's address, for the protocol log.
    peer: String,
}

/// Why reading stopped.
enum ReadError {
    Timeout,
    Closed,
    Io(String),
    /// Bytes that cannot be an AADE frame (size or header): the peer is not speaking AADE 1155.
    NotAade(String),
}

impl ReadError {
    /// The failure once a request may have been taken (all but a refusal are "may have reached").
    fn into_error(self, when: &str) -> TerminalError {
        match self {
            ReadError::Timeout => TerminalError::Timeout,
            ReadError::Closed => {
                TerminalError::LinkLost(format!("the terminal closed the connection {when}"))
            }
            ReadError::Io(e) => TerminalError::LinkLost(format!("{e} {when}")),
            ReadError::NotAade(e) => TerminalError::Protocol(format!("not an AADE 1155 reply ({e}) {when}")),
        }
    }
}

/// Results of other sessions one payment keeps at most (each is also left on the terminal).
pub const MAX_FOREIGN: usize = 100;

impl Conn {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        // The two length bytes are left out: the message is what a person reads.
        let message = bytes.get(2..).unwrap_or_default();
        wirelog::record("aade1155", &self.peer, Direction::Out, &wirelog::printable_greek(message));
        self.stream.write_all(bytes).await.map_err(|e| e.to_string())
    }

    /// The next terminal message that parses; unknown ones are logged and skipped, bytes that
    /// cannot be an AADE frame end the read at once.
    async fn read(&mut self, deadline: Instant) -> Result<(Frame, Reply), ReadError> {
        let mut buf = [0u8; 2048];
        loop {
            while let Some(next) = self.splitter.next_frame() {
                if let Ok(f) = &next {
                    wirelog::record(
                        "aade1155",
                        &self.peer,
                        Direction::In,
                        &wirelog::printable_greek(&f.body),
                    );
                }
                match next.map(|f| (Reply::parse(&f.body), f)) {
                    Ok((Ok(reply), frame)) => return Ok((frame, reply)),
                    Ok((Err(e), frame)) => {
                        tracing::info!(error = %e, body = %String::from_utf8_lossy(&frame.body), "AADE 1155 message ignored")
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "AADE 1155: not an AADE frame");
                        return Err(ReadError::NotAade(e.to_string()));
                    }
                }
            }
            match timeout_at(deadline, self.stream.read(&mut buf)).await {
                Err(_) => return Err(ReadError::Timeout),
                Ok(Ok(0)) => return Err(ReadError::Closed),
                Ok(Ok(n)) => self.splitter.push(&buf[..n]),
                Ok(Err(e)) => return Err(ReadError::Io(e.to_string())),
            }
        }
    }
}

/// How one try of a financial request ended.
// Made once per try; boxing would only burden the match.
#[allow(clippy::large_enum_variant)]
enum Try {
    Busy,
    Done(Unacked),
}

/// A RESULT read but not acknowledged yet, with the connection it came on. `Client::acknowledge`
/// sends the `R` once the register has recorded the result; dropped instead, the connection
/// closes without it and the terminal keeps the result for `O`/`L`.
pub struct Unacked {
    conn: Conn,
    pub result: PosResult,
    /// The `R` and `F` the acknowledgement repeats.
    ecr: String,
    amount: String,
}

impl std::fmt::Debug for Unacked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unacked")
            .field("session", &self.result.session)
            .field("peer", &self.conn.peer)
            .finish()
    }
}

/// A request's first answer: a RESULT (unacknowledged) or any other reply.
#[derive(Debug)]
pub enum Answer {
    Result(Unacked),
    Reply(Reply),
}

/// What the register wants done with one RESULT offered during `L`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Recorded: acknowledge it now and take the next.
    Ack,
    /// Not recorded: no `R`, but listen a little longer in case the terminal goes on.
    Leave,
    /// Ours, to be recorded first: end the walk and hand the connection back unacknowledged.
    Hold,
    /// End the walk without acknowledging it.
    Stop,
}

/// Results one `L` walk takes at most (a terminal keeps a few hundred).
pub const MAX_WALKED: usize = 1000;

/// What an `L` walk saw.
#[derive(Debug, Default)]
pub struct Walked {
    /// Acknowledged (`Step::Ack`), in order.
    pub acked: Vec<PosResult>,
    /// Offered and left on the terminal (`Step::Leave`, `Step::Stop`).
    pub left: Vec<PosResult>,
    /// The result the walk ended on with `Step::Hold`.
    pub held: Option<Unacked>,
}

/// Talks to one terminal at `addr`; holds no connection between requests.
#[derive(Debug, Clone)]
pub struct Client {
    pub addr: String,
    pub opts: Aade1155Options,
}

impl Client {
    pub fn new(addr: impl Into<String>, opts: Aade1155Options) -> Self {
        Client { addr: addr.into(), opts }
    }

    /// The frame for a request: our header, the body, and on version 10 the `/Q` field every
    /// public example carries (empty while the MAC is off; see `Request::carries_q`).
    pub fn frame(&self, req: &Request) -> Result<Vec<u8>, TerminalError> {
        let mut req = req.clone();
        if self.opts.is_a1155() && req.carries_q() {
            req.set_mac(None);
            let mac = if self.opts.mac == MacMode::Retail {
                let key =
                    parse_key(&self.opts.session_key).ok_or(TerminalError::Config("session_key".into()))?;
                retail_mac(&key, &req.encode()).ok_or(TerminalError::Config("MAC key".into()))?
            } else {
                String::new()
            };
            req.set_mac(Some(mac));
        } else if !self.opts.is_a1155() {
            // Version 01 has no `/Q` field at all.
            req.set_mac(None);
        }
        Frame::new(FROM_ECR, &self.opts.variant, &self.opts.version, req.encode())
            .encode()
            .map_err(|e| TerminalError::Invalid(e.to_string()))
    }

    async fn open(&self, progress: &ProgressSink) -> Result<Conn, TerminalError> {
        progress.emit(Progress::Connecting);
        let addr = &self.addr;
        let stream = match timeout(ms(self.opts.connect_timeout_ms), TcpStream::connect(addr)).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return Err(TerminalError::Unreachable(format!("{addr}: {e}"))),
            Err(_) => return Err(TerminalError::Unreachable(format!("{addr}: connect timed out"))),
        };
        let _ = stream.set_nodelay(true);
        Ok(Conn { stream, splitter: Splitter::default(), peer: addr.clone() })
    }

    /// A sale, refund, void, completion…: busy answers are retried with the same session (the
    /// terminal started nothing, and the journal's reference must stay the one sent).
    /// A RESULT of another session met on the way (`POSTXN`, a preload paid meanwhile) goes
    /// into `foreign`, unacknowledged: the terminal keeps it for `L` (the deferred refresh).
    pub async fn financial(
        &self,
        req: &AmountRequest,
        progress: &ProgressSink,
        foreign: &mut Vec<PosResult>,
    ) -> Result<Unacked, TerminalError> {
        let bytes = self.frame(&Request::Amount(req.clone()))?;
        let mut pause = self.opts.busy_backoff_ms;
        for n in 0..=self.opts.busy_retries {
            if n > 0 {
                progress.emit(Progress::Retrying(n));
                sleep(ms(pause)).await;
                pause = pause.saturating_mul(2);
            }
            if let Try::Done(result) = self.one_try(&bytes, req, progress, foreign).await? {
                return Ok(result);
            }
            tracing::info!(session = %req.session, try_no = n + 1, "AADE 1155 terminal busy (E/999)");
        }
        Err(TerminalError::Busy)
    }

    async fn one_try(
        &self,
        bytes: &[u8],
        req: &AmountRequest,
        progress: &ProgressSink,
        foreign: &mut Vec<PosResult>,
    ) -> Result<Try, TerminalError> {
        let mut conn = self.open(progress).await?;
        conn.write(bytes).await.map_err(|e| TerminalError::LinkLost(format!("{e} while sending")))?;
        progress.emit(Progress::Sent);
        crate::fault::crash_point(crate::fault::Step::RequestWritten);
        let mut deadline = Instant::now() + ms(self.opts.confirm_timeout_ms);
        let mut confirmed = false;
        loop {
            let (_, reply) = conn.read(deadline).await.map_err(|e| e.into_error("before the result"))?;
            match reply {
                Reply::Error { code } if !confirmed && code == "999" => return Ok(Try::Busy),
                Reply::Error { code } if !confirmed => return Err(refused(&code)),
                Reply::Confirmed { letter, session, amount, .. } if !confirmed => {
                    check_confirmed(req, letter, &session, &amount)?;
                    confirmed = true;
                    progress.emit(Progress::Acknowledged);
                    crate::fault::crash_point(crate::fault::Step::Acknowledged);
                    progress.emit(Progress::Authorising);
                    deadline = Instant::now() + ms(self.opts.result_timeout_ms);
                }
                Reply::Result(result) if result.session == req.session => {
                    progress.emit(Progress::ResultReceived);
                    let (ecr, amount) = (req.ecr.clone(), req.amount.minor.clone());
                    return Ok(Try::Done(Unacked { conn, result, ecr, amount }));
                }
                // Another session's RESULT (a transaction started on the terminal, `POSTXN`): not
                // ours to end the attempt with, nor to acknowledge before anything recorded it.
                Reply::Result(other) => {
                    tracing::warn!(
                        session = %other.session,
                        code = %other.code,
                        waiting_for = %req.session,
                        "AADE 1155 RESULT of another session kept unacknowledged for the deferred refresh"
                    );
                    // Offered again on a retry (it stays unacknowledged): kept once.
                    if foreign.len() < MAX_FOREIGN && !foreign.contains(&other) {
                        foreign.push(other);
                    }
                }
                other => tracing::info!(?other, "AADE 1155 reply not expected here, ignored"),
            }
        }
    }

    /// v10: `R/S/R/F/T` for a RESULT. A lost ack only means the terminal offers it again.
    async fn ack(&self, conn: &mut Conn, result: &PosResult, ecr: &str, amount: &str) {
        if !self.opts.is_a1155() {
            return;
        }
        let ack = Request::Ack {
            session: result.session.clone(),
            ecr: ecr.to_string(),
            amount: amount.to_string(),
            receipt: result.receipt.clone().unwrap_or_else(|| result.session.clone()),
        };
        let sent = match self.frame(&ack) {
            Ok(bytes) => conn.write(&bytes).await,
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = sent {
            tracing::warn!(session = %result.session, error = %e, "AADE 1155 acknowledgement not sent");
        }
    }

    /// Acknowledges a RESULT the register has recorded, on the connection it came on, then
    /// lets the terminal close first.
    pub async fn acknowledge(&self, unacked: Unacked) {
        let Unacked { mut conn, result, ecr, amount } = unacked;
        self.ack(&mut conn, &result, &ecr, &amount).await;
        self.linger(&mut conn).await;
    }

    /// After the last message, lets the terminal close first (so it has taken our ack);
    /// anything else it sends is logged. Bounded by `ack_linger_ms`.
    async fn linger(&self, conn: &mut Conn) {
        let deadline = Instant::now() + ms(self.opts.ack_linger_ms);
        while let Ok((_, reply)) = conn.read(deadline).await {
            tracing::info!(?reply, "AADE 1155 message after the result, ignored");
        }
    }

    /// A request answered by one reply (echo, `W`, `U`). A RESULT here is not acknowledged:
    /// use `ask` where one may come.
    pub async fn query(&self, req: &Request, wait_ms: u64) -> Result<Reply, TerminalError> {
        Ok(match self.ask(req, wait_ms).await? {
            Answer::Result(unacked) => Reply::Result(unacked.result),
            Answer::Reply(reply) => reply,
        })
    }

    /// A request whose answer may be a RESULT (`O`): that comes back unacknowledged.
    pub async fn ask(&self, req: &Request, wait_ms: u64) -> Result<Answer, TerminalError> {
        let mut conn = self.open(&ProgressSink::none()).await?;
        let bytes = self.frame(req)?;
        conn.write(&bytes).await.map_err(TerminalError::Unreachable)?;
        match conn.read(Instant::now() + ms(wait_ms)).await {
            Ok((_, Reply::Result(result))) => {
                let amount = result.card.as_ref().map_or("0".into(), |c| c.amount.clone());
                Ok(Answer::Result(Unacked { conn, result, ecr: ecr_of(req), amount }))
            }
            Ok((_, reply)) => Ok(Answer::Reply(reply)),
            Err(e) => Err(e.into_error("before replying")),
        }
    }

    /// `L`: every unacknowledged RESULT, one by one; `decide` says for each whether it is
    /// acknowledged (only once recorded), left on the terminal, or held for the caller. The
    /// end is `E/…`, the terminal closing, or a quiet pause (short after a result left
    /// unacknowledged: the terminal waits for our `R` before it sends the next).
    pub async fn resend_all(
        &self,
        ecr: &str,
        decide: &mut (dyn FnMut(&PosResult) -> Step + Send),
    ) -> Result<Walked, TerminalError> {
        let when = chrono::Local::now().format("%Y%m%d%H%M%S").to_string();
        let req = Request::ResendAll { ecr: ecr.to_string(), when, mac: None };
        let mut conn = self.open(&ProgressSink::none()).await?;
        conn.write(&self.frame(&req)?).await.map_err(TerminalError::Unreachable)?;
        let mut walked = Walked::default();
        let mut wait = self.opts.query_timeout_ms;
        loop {
            match conn.read(Instant::now() + ms(wait)).await {
                // A terminal that never stops resending cannot fill the memory: past the bound
                // the rest stays on the terminal, unacknowledged, for the next walk.
                Ok((_, Reply::Result(_))) if walked.acked.len() + walked.left.len() >= MAX_WALKED => {
                    tracing::warn!(bound = MAX_WALKED, "AADE 1155 L: walk stopped at its bound");
                    return Ok(walked);
                }
                Ok((_, Reply::Result(r))) => {
                    let amount = r.card.as_ref().map_or("0".into(), |c| c.amount.clone());
                    match decide(&r) {
                        Step::Ack => {
                            self.ack(&mut conn, &r, ecr, &amount).await;
                            walked.acked.push(r);
                            wait = self.opts.query_timeout_ms;
                        }
                        Step::Leave => {
                            walked.left.push(r);
                            wait = self.opts.ack_linger_ms;
                        }
                        Step::Hold => {
                            let ecr = ecr.to_string();
                            walked.held = Some(Unacked { conn, result: r, ecr, amount });
                            return Ok(walked);
                        }
                        Step::Stop => {
                            walked.left.push(r);
                            return Ok(walked);
                        }
                    }
                }
                Ok((_, Reply::Error { code })) if code == "000" || code == "100" => return Ok(walked),
                Ok((_, Reply::Error { code })) => return Err(refused(&code)),
                Ok((_, other)) => tracing::info!(?other, "AADE 1155 reply to L ignored"),
                Err(ReadError::Closed | ReadError::Timeout) => return Ok(walked),
                Err(e) => return Err(e.into_error("during L")),
            }
        }
    }
}

fn ecr_of(req: &Request) -> String {
    match req {
        Request::ResendOne { ecr, .. } | Request::ResendAll { ecr, .. } | Request::Control { ecr, .. } => {
            ecr.clone()
        }
        Request::Amount(a) => a.ecr.clone(),
        _ => String::new(),
    }
}

/// The CONFIRMED must echo our session and amount (type letter `A` or the request's own).
fn check_confirmed(
    req: &AmountRequest,
    letter: char,
    session: &str,
    amount: &str,
) -> Result<(), TerminalError> {
    let letter_ok = letter == 'A' || letter == req.letter.letter();
    let same_amount = amount.parse::<u64>().ok() == req.amount.cents();
    if session != req.session || !same_amount || !letter_ok {
        return Err(TerminalError::Protocol(format!(
            "CONFIRMED {letter}/S{session}/F{amount} does not match {}/S{}/F{}",
            req.letter.letter(),
            req.session,
            req.amount.minor
        )));
    }
    Ok(())
}

/// An `E/<code>` sent instead of CONFIRMED: the terminal started nothing.
pub(crate) fn refused(code: &str) -> TerminalError {
    let text = format!("E/{code}: {}", error_meaning(code));
    match code {
        "999" => TerminalError::Busy,
        "001" | "004" | "502" | "503" | "504" => TerminalError::Config(text),
        "777" => TerminalError::Unreachable(text),
        "500" => TerminalError::NotSupported("this command (E/500)"),
        _ => TerminalError::Invalid(format!("the terminal refused the request: {text}")),
    }
}
