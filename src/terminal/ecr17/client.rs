//! The ECR side of ECR17: one TCP connection per command, the request, then every frame the
//! terminal sends until the result (and the receipt, when asked for) is in.

use std::time::Duration;

use tokio::time::Instant;

use super::field::MessageError;
use super::link::{Link, LinkError, Sent};
use super::message::Request;
use super::options::Ecr17Options;
use super::reply::{HostData, ReceiptPart, Reply, SessionTotals, StatusReply, render_receipt};
use super::result::CardResult;
use crate::terminal::{Progress, ProgressSink, TerminalError};

/// What a command is waiting for after its ACK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Card,
    Status,
    Totals,
    /// `R1`: only `S` messages.
    Receipt,
    /// `G`: a card result, or nothing when the terminal has none stored.
    LastResult,
}

/// Everything the terminal sent in one exchange.
#[derive(Debug, Default)]
pub struct Exchange {
    pub card: Option<CardResult>,
    /// The card result exactly as received (to recognise a later `G` copy).
    pub raw_card: Option<Vec<u8>>,
    pub status: Option<StatusReply>,
    pub totals: Option<SessionTotals>,
    pub receipt_raw: Vec<u8>,
    pub receipt_complete: bool,
    pub host_data: Option<HostData>,
}

/// The longest terminal receipt kept; a terminal that sends more is cut off there (a real
/// receipt is under 4 kB; without a bound a terminal could fill the memory).
pub const MAX_RECEIPT_BYTES: usize = 64 * 1024;

impl Exchange {
    /// Appends a receipt part; past `MAX_RECEIPT_BYTES` the receipt is taken as complete.
    pub fn add_receipt_part(&mut self, part: &ReceiptPart) {
        let room = MAX_RECEIPT_BYTES.saturating_sub(self.receipt_raw.len());
        self.receipt_raw.extend_from_slice(&part.text[..part.text.len().min(room)]);
        self.receipt_complete = part.is_last() || self.receipt_raw.len() >= MAX_RECEIPT_BYTES;
    }

    pub fn receipt_text(&self) -> String {
        render_receipt(&self.receipt_raw)
    }

    fn has(&self, want: Want) -> bool {
        match want {
            Want::Card | Want::LastResult => self.card.is_some(),
            Want::Status => self.status.is_some(),
            Want::Totals => self.totals.is_some(),
            Want::Receipt => self.receipt_complete,
        }
    }
}

/// Talks to one terminal at `addr`; holds no connection between commands.
#[derive(Debug, Clone)]
pub struct Client {
    pub addr: String,
    pub tid: String,
    pub opts: Ecr17Options,
    /// The terminal left `E1` unanswered once: it is not asked again by this process (each
    /// silence costs the ACK timeout × tries before the payment starts).
    e1_unanswered: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Client {
    pub fn new(addr: impl Into<String>, tid: impl Into<String>, opts: Ecr17Options) -> Self {
        Client { addr: addr.into(), tid: tid.into(), opts, e1_unanswered: Default::default() }
    }

    pub async fn status(&self) -> Result<StatusReply, TerminalError> {
        let ex = self
            .exchange(&Request::Status, Want::Status, self.opts.status_timeout_ms, &ProgressSink::none())
            .await?;
        ex.status.ok_or(TerminalError::Timeout)
    }

    /// A payment, pre-auth, reversal or verification; the result's absence is an error.
    pub async fn financial(&self, req: &Request, progress: &ProgressSink) -> Result<Exchange, TerminalError> {
        self.exchange(req, Want::Card, self.opts.payment_timeout_ms, progress).await
    }

    /// `G`: the copy of the last stored result, `None` when the terminal sent nothing back.
    pub async fn last_result(&self, cash_register: &str) -> Result<Exchange, TerminalError> {
        let req = Request::LastResult { cash_register: cash_register.to_string(), additional_data: false };
        self.exchange(&req, Want::LastResult, self.opts.query_timeout_ms, &ProgressSink::none()).await
    }

    /// `T` (read) or `C` (close the session).
    pub async fn totals(&self, cash_register: &str, close: bool) -> Result<Exchange, TerminalError> {
        let cash_register = cash_register.to_string();
        let (req, wait) = if close {
            (Request::CloseSession { cash_register, additional_data: false }, self.opts.close_timeout_ms)
        } else {
            (Request::Totals { cash_register, additional_data: false }, self.opts.query_timeout_ms)
        };
        self.exchange(&req, Want::Totals, wait, &ProgressSink::none()).await
    }

    /// `R1`: a copy of the last financial receipt, sent to the ECR.
    pub async fn reprint(&self) -> Result<Exchange, TerminalError> {
        let req = Request::Reprint { to_ecr: true, service: false };
        self.exchange(&req, Want::Receipt, self.opts.query_timeout_ms, &ProgressSink::none()).await
    }

    async fn exchange(
        &self,
        req: &Request,
        want: Want,
        wait_ms: u64,
        progress: &ProgressSink,
    ) -> Result<Exchange, TerminalError> {
        let message = req.encode(&self.tid).map_err(invalid)?;
        let financial = req.is_financial();
        let mut link = Link::open(&self.addr, &self.opts, progress).await?;
        let with_receipt = matches!(req.code(), b'P' | b'X' | b'p' | b'i' | b'c' | b'S' | b'H' | b'C')
            && self.opts.receipt_on_ecr
            && self.enable_receipt(&mut link).await?;
        let sent = link.send(&message, financial).await.map_err(|e| sent_error(e, financial))?;
        if sent == Sent::Refused {
            return Err(if financial {
                TerminalError::Busy
            } else {
                TerminalError::NotSupported(request_name(req))
            });
        }
        let deadline = Instant::now() + Ecr17Options::ms(wait_ms);
        let receipt = with_receipt || want == Want::Receipt;
        let ex = self.collect(&mut link, req.code(), want, receipt, deadline, progress).await?;
        tracing::debug!(code = %(req.code() as char), lrc = ?link.lrc_seen, "ECR17 exchange done");
        Ok(ex)
    }

    /// `E1` before the procedure; nothing financial has left yet, so a lost link is "not
    /// sent". A terminal that refuses `E1` or stays silent to it (review E-1: Nexi documents an
    /// ACK only, and a terminal without the function may say nothing) keeps its receipt: the
    /// payment goes on without it.
    async fn enable_receipt(&self, link: &mut Link<'_>) -> Result<bool, TerminalError> {
        use std::sync::atomic::Ordering;
        if self.e1_unanswered.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let msg = Request::EcrPrint { enable: true }.encode(&self.tid).map_err(invalid)?;
        match link.send(&msg, false).await {
            Ok(Sent::Acked) => Ok(true),
            Ok(_) => {
                tracing::info!("ECR17 terminal refused E1; its receipt stays on the terminal");
                Ok(false)
            }
            Err(LinkError::Timeout) => {
                tracing::warn!("ECR17 terminal left E1 unanswered; its receipt stays on the terminal");
                self.e1_unanswered.store(true, Ordering::Relaxed);
                Ok(false)
            }
            Err(e) => Err(TerminalError::Unreachable(format!("before the request was sent: {e}"))),
        }
    }

    async fn collect(
        &self,
        link: &mut Link<'_>,
        request: u8,
        want: Want,
        receipt: bool,
        deadline: Instant,
        progress: &ProgressSink,
    ) -> Result<Exchange, TerminalError> {
        let mut ex = Exchange::default();
        let mut idle_until: Option<Instant> = None;
        loop {
            let done = ex.has(want) && (!receipt || ex.receipt_complete);
            if done {
                return Ok(ex);
            }
            let until = idle_until.map_or(deadline, |i| i.min(deadline));
            let body = match link.next_message(until).await {
                Ok(body) => body,
                // The result is in; a missing or cut receipt does not undo the payment.
                Err(_) if ex.has(want) => return Ok(ex),
                Err(LinkError::Closed) if want == Want::LastResult => return Ok(ex),
                Err(LinkError::Timeout) if want == Want::Receipt && !ex.receipt_raw.is_empty() => {
                    return Ok(ex);
                }
                Err(LinkError::Timeout) => return Err(TerminalError::Timeout),
                Err(e) => return Err(TerminalError::LinkLost(format!("{e} before the result"))),
            };
            // A `G` copy answers no request of this exchange: its layout comes from its shape.
            let answers = (want != Want::LastResult).then_some(request);
            match Reply::parse_with(&body, answers) {
                Ok(reply) => {
                    if self.take(&mut ex, want, reply, body) {
                        progress.emit(Progress::ResultReceived);
                        idle_until = Some(Instant::now() + Duration::from_millis(self.opts.receipt_idle_ms));
                    }
                }
                Err(MessageError::UnknownCode(c)) => {
                    tracing::info!(code = %c, "ECR17 message ignored")
                }
                // A bad receipt part or host-data message must not cost a result already in hand,
                // nor is it the result this command waits for.
                Err(e) if ex.has(want) || !answers_want(&body, want) => {
                    let code = body.get(9).map_or('?', |b| *b as char);
                    tracing::warn!(%code, error = %e, "ECR17 message unreadable, skipped");
                }
                Err(e) => {
                    return Err(TerminalError::Protocol(format!("{e}: {}", String::from_utf8_lossy(&body))));
                }
            }
        }
    }

    /// Files one message; true when it is the result the command waits for.
    fn take(&self, ex: &mut Exchange, want: Want, reply: Reply, body: Vec<u8>) -> bool {
        match reply {
            Reply::Receipt(part) => {
                ex.add_receipt_part(&part);
                want == Want::Receipt && ex.receipt_complete
            }
            Reply::Card(card) if matches!(want, Want::Card | Want::LastResult) && ex.card.is_none() => {
                ex.card = Some(card);
                ex.raw_card = Some(body);
                true
            }
            Reply::Status(s) if want == Want::Status => {
                ex.status = Some(s);
                true
            }
            Reply::Totals(t) if want == Want::Totals => {
                ex.totals = Some(t);
                true
            }
            Reply::HostData(u) => {
                ex.host_data = Some(u);
                false
            }
            other => {
                tracing::info!(?other, "ECR17 message not expected here, ignored");
                false
            }
        }
    }
}

/// True when `body` carries the code of the reply `want` waits for (so reading it matters).
fn answers_want(body: &[u8], want: Want) -> bool {
    let codes: &[u8] = match want {
        Want::Card | Want::LastResult => b"EVeicv",
        Want::Status => b"s",
        Want::Totals => b"CT",
        Want::Receipt => b"S",
    };
    body.get(9).is_some_and(|c| codes.contains(c))
}

fn invalid(e: MessageError) -> TerminalError {
    TerminalError::Invalid(e.to_string())
}

/// A failure while sending: for a financial request the bytes may already be in the terminal.
fn sent_error(e: LinkError, financial: bool) -> TerminalError {
    match (e, financial) {
        (LinkError::Timeout, _) => TerminalError::Timeout,
        (e, true) => TerminalError::LinkLost(format!("{e} while sending")),
        (e, false) => TerminalError::Unreachable(e.to_string()),
    }
}

fn request_name(req: &Request) -> &'static str {
    match req.code() {
        b's' => "the status request",
        b'G' => "the last-result request",
        b'T' => "the totals request",
        b'C' => "closing the session",
        b'R' => "receipt reprint",
        b'E' => "receipts on the register",
        _ => "this request",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_receipt_is_cut_at_the_bound() {
        let mut ex = Exchange::default();
        let part = ReceiptPart { tid: "37105051".into(), text: vec![b'X'; 200] };
        for _ in 0..10_000 {
            ex.add_receipt_part(&part);
        }
        assert_eq!(ex.receipt_raw.len(), MAX_RECEIPT_BYTES);
        assert!(ex.receipt_complete, "the collector stops waiting for more");
    }
}
