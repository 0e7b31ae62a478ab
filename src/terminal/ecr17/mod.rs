//! Nexi ECR17 ("Protocollo 17") over TCP: framing, messages, the ECR-side client, the
//! terminal simulator and the `Terminal` implementation the register uses.

pub mod client;
pub mod decode;
mod field;
pub mod frame;
mod link;
pub mod message;
mod options;
mod outcome;
mod recover;
pub mod reply;
pub mod result;
pub mod sim;

use std::collections::VecDeque;
use std::sync::Mutex;

use async_trait::async_trait;

pub use client::Client;
pub use decode::decode_frame;
pub use field::MessageError;
pub use options::{DEFAULT_PORT, Ecr17Options};
pub use recover::host_time_of;

use super::{
    Attempt, BatchTotals, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol, Recovery,
    RecoveryContext, Terminal, TerminalConfig, TerminalError, TerminalStatus,
};
use message::{AdjustCode, PaymentCode, Request};
use outcome::Verdict;
/// How many delivered results we remember to recognise a stale `G` copy.
const SEEN_RESULTS: usize = 64;
/// The largest amount an 8-digit cents field holds.
const MAX_CENTS: i64 = 99_999_999;

/// A configured ECR17 terminal.
pub struct Ecr17Terminal {
    name: String,
    client: Client,
    cash_register: String,
    /// Raw results already delivered to an attempt by this process.
    seen: Mutex<VecDeque<Vec<u8>>>,
}

impl Ecr17Terminal {
    pub fn from_config(config: &TerminalConfig) -> Result<Self, TerminalError> {
        let opts: Ecr17Options = if config.options.is_null() {
            Ecr17Options::default()
        } else {
            serde_json::from_value(config.options.clone())
                .map_err(|e| TerminalError::Config(format!("ECR17 options: {e}")))?
        };
        let tid = digits_or(&config.terminal_id, "00000000", "terminal id")?;
        let cash_register = digits_or(&config.cash_register_id, "00000001", "cash register id")?;
        Ok(Ecr17Terminal::new(&config.name, &with_port(&config.addr)?, &tid, &cash_register, opts))
    }

    pub fn new(name: &str, addr: &str, tid: &str, cash_register: &str, opts: Ecr17Options) -> Self {
        Ecr17Terminal {
            name: name.to_string(),
            client: Client::new(addr, tid, opts),
            cash_register: cash_register.to_string(),
            seen: Mutex::new(VecDeque::new()),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    fn register_for(&self, req: &PaymentRequest) -> String {
        if req.cash_register_id.trim().is_empty() {
            self.cash_register.clone()
        } else {
            req.cash_register_id.trim().to_string()
        }
    }

    /// The ECR17 request for a payment of this kind.
    pub fn request_for(&self, req: &PaymentRequest) -> Result<Request, TerminalError> {
        if req.has_extras() {
            return Err(TerminalError::NotSupported("tips or instalments (ECR17 carries neither)"));
        }
        let cash_register = self.register_for(req);
        let opts = &self.client.opts;
        let text = req.receipt_footer.clone().unwrap_or_default();
        let amount = || amount_field(req);
        let pay = |code| -> Result<Request, TerminalError> {
            Ok(Request::Payment {
                code,
                cash_register: cash_register.clone(),
                additional_data: false,
                card_present: false,
                payment_type: opts.payment_type,
                amount: amount()?,
                receipt_text: text.clone(),
            })
        };
        let adjust = |code| -> Result<Request, TerminalError> {
            Ok(Request::Adjust {
                code,
                cash_register: cash_register.clone(),
                additional_data: false,
                amount: amount()?,
                receipt_text: text.clone(),
                preauth_code: preauth_field(req)?,
            })
        };
        match req.kind {
            PaymentKind::Sale if opts.extended_payment => pay(PaymentCode::Extended),
            PaymentKind::Sale => pay(PaymentCode::Payment),
            PaymentKind::PreAuth => pay(PaymentCode::PreAuth),
            PaymentKind::Incremental => adjust(AdjustCode::Incremental),
            PaymentKind::Completion => adjust(AdjustCode::Closure),
            PaymentKind::Void => Ok(Request::Reversal {
                cash_register: cash_register.clone(),
                stan: req.original.clone().unwrap_or_else(|| "000000".into()),
                additional_data: false,
            }),
            PaymentKind::Verify => Ok(Request::Verify {
                cash_register: cash_register.clone(),
                additional_data: false,
                payment_type: opts.payment_type,
            }),
            PaymentKind::Refund => {
                Err(TerminalError::NotSupported("refunds (ECR17 publishes no refund message)"))
            }
            PaymentKind::Moto => Err(TerminalError::NotSupported("mail/telephone orders on ECR17")),
        }
    }

    fn remember(&self, raw: &[u8]) {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if !seen.iter().any(|r| r == raw) {
            seen.push_back(raw.to_vec());
            if seen.len() > SEEN_RESULTS {
                seen.pop_front();
            }
        }
    }

    fn is_seen(&self, raw: &[u8]) -> bool {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).iter().any(|r| r == raw)
    }
}

/// The amount as ECR17's 8-digit cents field.
fn amount_field(req: &PaymentRequest) -> Result<u64, TerminalError> {
    let c = req.amount.cents();
    if c <= 0 || c > MAX_CENTS {
        return Err(TerminalError::Invalid(format!("amount {} out of range", req.amount)));
    }
    Ok(c as u64)
}

fn preauth_field(req: &PaymentRequest) -> Result<String, TerminalError> {
    let code = req.preauth_code.clone().filter(|c| !c.trim().is_empty());
    code.ok_or(TerminalError::Invalid("pre-authorisation code missing".into()))
}

fn digits_or(value: &str, default: &str, name: &str) -> Result<String, TerminalError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(default.to_string());
    }
    if v.len() > 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TerminalError::Config(format!("{name} must be up to 8 digits, not {v:?}")));
    }
    Ok(format!("{v:0>8}"))
}

/// `HOST` → `HOST:8081`; `HOST:PORT` and `[v6]:PORT` stay.
fn with_port(addr: &str) -> Result<String, TerminalError> {
    let a = addr.trim();
    if a.is_empty() {
        return Err(TerminalError::Config("ECR17 needs --addr HOST:PORT".into()));
    }
    let has_port = a.rsplit_once(':').is_some_and(|(host, port)| {
        port.parse::<u16>().is_ok() && (!host.contains(':') || host.ends_with(']'))
    });
    Ok(if has_port { a.to_string() } else { format!("{a}:{DEFAULT_PORT}") })
}

#[async_trait]
impl Terminal for Ecr17Terminal {
    fn name(&self) -> &str {
        &self.name
    }

    fn protocol(&self) -> Protocol {
        Protocol::Ecr17
    }

    fn check_kind(&self, kind: PaymentKind) -> Result<(), TerminalError> {
        match kind {
            PaymentKind::Refund => {
                Err(TerminalError::NotSupported("refunds (ECR17 publishes no refund message)"))
            }
            PaymentKind::Moto => Err(TerminalError::NotSupported("mail/telephone orders on ECR17")),
            _ => Ok(()),
        }
    }

    /// ECR17 has no transaction id: the reference says what was asked, for the operator.
    fn reference(&self, req: &PaymentRequest) -> String {
        let code = self.request_for(req).map(|r| r.code() as char).unwrap_or('?');
        format!("{code} {} ecr {} tid {}", req.amount.cents(), self.register_for(req), self.client.tid)
    }

    async fn status(&self) -> Result<TerminalStatus, TerminalError> {
        let s = self.client.status().await?;
        Ok(TerminalStatus {
            terminal_id: s.tid.clone(),
            status_code: s.status.clone(),
            status_text: s.status_text().to_string(),
            software_release: s.release.clone(),
            terminal_time: s.terminal_time.clone(),
            operational: s.status == "2",
        })
    }

    async fn pay(&self, req: &PaymentRequest, progress: &ProgressSink) -> Result<Outcome, TerminalError> {
        let request = self.request_for(req)?;
        let ex = self.client.financial(&request, progress).await?;
        let (Some(card), Some(raw)) = (&ex.card, &ex.raw_card) else {
            return Err(TerminalError::Timeout);
        };
        match outcome::verdict(card, &ex.receipt_text()) {
            Verdict::Proven(outcome) => {
                self.remember(raw);
                Ok(outcome)
            }
            // Not booked either way: the session keeps the attempt Unknown and asks `G`,
            // whose copy of this result again proves nothing (see `recover::judge`).
            Verdict::Uncertain(why) => {
                tracing::warn!(code = %card.result_code, "ECR17 result proves no outcome; left open");
                Err(TerminalError::Protocol(format!("the terminal answered with {why}")))
            }
        }
    }

    async fn last_result(&self) -> Result<Option<Outcome>, TerminalError> {
        let ex = self.client.last_result(&self.cash_register).await?;
        match ex.card.as_ref().map(|c| outcome::verdict(c, "")) {
            None => Ok(None),
            Some(Verdict::Proven(outcome)) => Ok(Some(outcome)),
            Some(Verdict::Uncertain(why)) => Err(TerminalError::Protocol(why)),
        }
    }

    async fn recover(&self, attempt: &Attempt) -> Result<Recovery, TerminalError> {
        self.recover_with(attempt, &RecoveryContext::default()).await
    }

    /// `after-stan NNNNNN` (the STAN of the result the terminal holds now) or `after-stan none`
    /// (it holds none); nothing when `G` cannot be asked (the payment then fails on its own).
    async fn baseline(&self) -> Option<String> {
        match self.client.last_result(&self.cash_register).await {
            Ok(ex) => Some(recover::baseline_note(ex.card.as_ref().map(|c| c.stan.as_str()))),
            Err(e) => {
                tracing::info!(error = %e, "ECR17: no baseline STAN before the payment");
                None
            }
        }
    }

    async fn recover_with(
        &self,
        attempt: &Attempt,
        context: &RecoveryContext,
    ) -> Result<Recovery, TerminalError> {
        let ex = self.client.last_result(&self.cash_register).await?;
        let raw = ex.raw_card.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
        let ev = recover::Evidence {
            card: ex.card.as_ref(),
            outcome: ex.card.as_ref().and_then(|c| match outcome::verdict(c, "") {
                Verdict::Proven(o) => Some(o),
                Verdict::Uncertain(_) => None,
            }),
            raw: &raw,
            already_ours: ex.raw_card.as_deref().is_some_and(|r| self.is_seen(r)),
            tid: &self.client.tid,
            last_stan: context.last_stan.as_deref(),
            last_tid: &context.last_terminal_id,
            last_attempt: context.last_attempt,
            now: chrono::Local::now(),
            window_secs: i64::from(self.client.opts.recover_window_secs),
        };
        let verdict = recover::judge(attempt, &ev);
        if let (Recovery::Resolved(_), Some(r)) = (&verdict, &ex.raw_card) {
            self.remember(r);
        }
        tracing::info!(attempt = %attempt.id, ?verdict, "ECR17 recovery by G");
        Ok(verdict)
    }

    async fn close_batch(&self) -> Result<BatchTotals, TerminalError> {
        let ex = self.client.totals(&self.cash_register, true).await?;
        let t = ex.totals.as_ref().ok_or(TerminalError::Timeout)?;
        Ok(outcome::batch(t, ex.receipt_text()))
    }

    async fn totals(&self) -> Result<BatchTotals, TerminalError> {
        let ex = self.client.totals(&self.cash_register, false).await?;
        let t = ex.totals.as_ref().ok_or(TerminalError::Timeout)?;
        Ok(outcome::batch(t, String::new()))
    }

    async fn reprint_last(&self) -> Result<String, TerminalError> {
        Ok(self.client.reprint().await?.receipt_text())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    #[test]
    fn config_defaults_and_validation() {
        let mut cfg = TerminalConfig {
            name: "banco".into(),
            protocol: Protocol::Ecr17,
            addr: "192.168.1.50".into(),
            terminal_id: String::new(),
            cash_register_id: "7".into(),
            options: serde_json::json!({ "ack_timeout_ms": 500 }),
        };
        let t = Ecr17Terminal::from_config(&cfg).unwrap();
        assert_eq!(t.client.addr, "192.168.1.50:8081");
        assert_eq!(t.client.tid, "00000000");
        assert_eq!(t.cash_register, "00000007");
        assert_eq!(t.client.opts.ack_timeout_ms, 500);
        assert_eq!(t.client.opts.payment_timeout_ms, 120_000);
        cfg.terminal_id = "ABC".into();
        assert!(matches!(Ecr17Terminal::from_config(&cfg), Err(TerminalError::Config(_))));
        assert_eq!(with_port("[::1]:9000").unwrap(), "[::1]:9000");
        assert_eq!(with_port("pos.local:10000").unwrap(), "pos.local:10000");
    }

    #[test]
    fn kinds_map_to_requests() {
        let t = Ecr17Terminal::new("t", "127.0.0.1:1", "12345678", "00000001", Ecr17Options::default());
        let mut req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(650));
        assert_eq!(t.request_for(&req).unwrap().code(), b'P');
        assert_eq!(t.reference(&req), "P 650 ecr 00000001 tid 12345678");
        req.kind = PaymentKind::Refund;
        assert!(matches!(t.request_for(&req), Err(TerminalError::NotSupported(_))));
        req.kind = PaymentKind::Completion;
        assert!(matches!(t.request_for(&req), Err(TerminalError::Invalid(_))));
        req.preauth_code = Some("123456789".into());
        assert_eq!(t.request_for(&req).unwrap().code(), b'c');
        req.kind = PaymentKind::Void;
        assert_eq!(t.request_for(&req).unwrap().code(), b'S');
        req.kind = PaymentKind::Moto;
        assert!(matches!(t.request_for(&req), Err(TerminalError::NotSupported(_))));
        req.kind = PaymentKind::Sale;
        req.amount = Money::from_cents(0);
        assert!(t.request_for(&req).is_err());
    }
}
