//! Greece over the LAN: the AADE A.1155 "TCPSocket" protocol (Mellon version 01 and the A.1155
//! version 10) — framing, messages, the register-side client, its simulator and the driver.

pub mod body;
pub mod client;
pub mod decode;
pub mod frame;
pub mod greek;
pub mod mac;
pub mod message;
mod options;
mod recover;
pub mod reply;
pub mod result;
mod sessions;
pub mod sim;

use std::sync::Mutex;

use async_trait::async_trait;

use crate::terminal::RecoveryContext;
pub use client::Client;
pub use decode::decode_frame;
pub use options::{Aade1155Options, DEFAULT_PORT, MacMode, TerminalType};
pub use result::{CardData, POS_SESSION, PosResult};

use super::{
    Attempt, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol, Recovery, Terminal,
    TerminalConfig, TerminalError, TerminalStatus, WaitingPreload,
};
use crate::domain::money::Money;
use client::{Answer, Step, Unacked};
use message::{Amount, AmountRequest, Request, TxnLetter};
use reply::Reply;
use sessions::Sessions;

/// The largest amount the 1..12-digit field holds.
const MAX_CENTS: i64 = 999_999_999_999;

/// A configured AADE 1155 terminal.
pub struct Aade1155Terminal {
    name: String,
    client: Client,
    /// `R`: v01 the cash-register number, v10 the ECR (fiscal device) id.
    ecr_id: String,
    sessions: Sessions,
    /// The last RESULT handed to the session, acknowledged only once it is journalled.
    unacked: Mutex<Option<Unacked>>,
    /// RESULTs of other sessions met while a payment waited for its own (left on the terminal).
    foreign: Mutex<Vec<PosResult>>,
}

impl Aade1155Terminal {
    pub fn from_config(config: &TerminalConfig) -> Result<Self, TerminalError> {
        let opts: Aade1155Options = if config.options.is_null() {
            Aade1155Options::default()
        } else {
            serde_json::from_value(config.options.clone())
                .map_err(|e| TerminalError::Config(format!("AADE 1155 options: {e}")))?
        };
        let ecr = config.cash_register_id.trim();
        let ecr = if ecr.is_empty() { "1" } else { ecr };
        Aade1155Terminal::new(&config.name, &with_port(&config.addr)?, ecr, opts)
    }

    pub fn new(name: &str, addr: &str, ecr_id: &str, opts: Aade1155Options) -> Result<Self, TerminalError> {
        opts.check().map_err(TerminalError::Config)?;
        let max = if opts.is_a1155() { 11 } else { 8 };
        if ecr_id.is_empty() || ecr_id.len() > max || !ecr_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(TerminalError::Config(format!("ECR id {ecr_id:?}: 1..{max} letters or digits")));
        }
        Ok(Aade1155Terminal {
            name: name.to_string(),
            client: Client::new(addr, opts),
            ecr_id: ecr_id.to_string(),
            sessions: Sessions::default(),
            unacked: Mutex::new(None),
            foreign: Mutex::new(Vec::new()),
        })
    }

    /// RESULTs of other sessions that arrived while a payment waited for its own (newest last).
    /// None was acknowledged: the terminal still holds each for `L`, which the deferred refresh
    /// sends, so they reach the journal as unmatched results there.
    pub fn foreign_results(&self) -> Vec<PosResult> {
        self.foreign.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn ecr_id(&self) -> &str {
        &self.ecr_id
    }

    fn opts(&self) -> &Aade1155Options {
        &self.client.opts
    }

    /// The message type for a payment kind, refused before sending when this terminal
    /// (version, SoftPOS) cannot do it.
    pub fn letter_for(&self, kind: PaymentKind) -> Result<TxnLetter, TerminalError> {
        let letter = match kind {
            PaymentKind::Sale => TxnLetter::Sale,
            PaymentKind::Refund => TxnLetter::Refund,
            PaymentKind::Void => TxnLetter::Void,
            PaymentKind::Completion => TxnLetter::Completion,
            PaymentKind::Moto => TxnLetter::MailOrder,
            PaymentKind::PreAuth => {
                return Err(TerminalError::NotSupported("pre-authorisation from the register"));
            }
            PaymentKind::Incremental => return Err(TerminalError::NotSupported("incremental authorisation")),
            PaymentKind::Verify => return Err(TerminalError::NotSupported("card verification")),
        };
        self.check_letter(letter)?;
        Ok(letter)
    }

    fn check_letter(&self, letter: TxnLetter) -> Result<(), TerminalError> {
        if self.opts().terminal_type == TerminalType::SoftPos
            && !matches!(letter, TxnLetter::Sale | TxnLetter::Void)
        {
            return Err(TerminalError::NotSupported("this on SoftPOS (sale and void only)"));
        }
        if !self.opts().is_a1155() && !letter.in_base_protocol() {
            return Err(TerminalError::NotSupported("this in protocol version 01"));
        }
        Ok(())
    }

    /// The request for a payment, with the session the journal holds as its reference.
    /// Instalments turn a sale into `I` with the count in `M`; a tip has no request field.
    pub fn request_for(&self, req: &PaymentRequest) -> Result<AmountRequest, TerminalError> {
        if !req.tip.is_zero() {
            // The tip is keyed on the terminal; only the v10 RESULT reports it.
            return Err(TerminalError::NotSupported("a tip in the request (AADE 1155 has no tip field)"));
        }
        let letter = match (self.letter_for(req.kind)?, req.instalments) {
            (letter, 0) => letter,
            (TxnLetter::Sale, _) => TxnLetter::Instalments,
            (TxnLetter::MailOrder, _) => {
                return Err(TerminalError::NotSupported("a mail order in instalments"));
            }
            _ => return Err(TerminalError::Invalid("instalments apply to sales only".into())),
        };
        let session = self.sessions.for_attempt(req.attempt_id);
        let mut request = self.amount_request(letter, &session, req.amount, &req.cash_register_id)?;
        if letter == TxnLetter::Instalments {
            // Where the count goes is unpublished; `M` is the notes' inferred place.
            request.custom = req.instalments.to_string();
        }
        Ok(request)
    }

    /// Any amount message (also `H` cash advance and `W` preload, which `PaymentKind` lacks).
    pub fn amount_request(
        &self,
        letter: TxnLetter,
        session: &str,
        amount: Money,
        ecr_override: &str,
    ) -> Result<AmountRequest, TerminalError> {
        self.check_letter(letter)?;
        let cents = amount.cents();
        if cents <= 0 || cents > MAX_CENTS {
            return Err(TerminalError::Invalid(format!("amount {amount} out of range")));
        }
        let o = self.opts();
        let ecr = if ecr_override.trim().is_empty() {
            self.ecr_id.clone()
        } else {
            ecr_override.trim().to_string()
        };
        Ok(AmountRequest {
            letter,
            session: session.to_string(),
            amount: Amount {
                minor: cents.to_string(),
                currency: o.currency.clone(),
                exponent: o.exponent.clone(),
            },
            when: now_stamp(),
            ecr,
            operator: o.operator.clone(),
            // The session doubles as the receipt number: `O` and the ack repeat it.
            receipt: session.to_string(),
            vat: (!o.is_a1155()).then(|| ":0:0:0:0".to_string()),
            custom: o.custom.clone(),
            mac: None,
        })
    }

    /// `W`: preloads a receipt to be paid later on the terminal under the session
    /// `preload_session(order_ref)`, which the register journalled before this call.
    pub async fn preload(&self, order_ref: &str, amount: Money) -> Result<String, TerminalError> {
        if !self.opts().is_a1155() {
            return Err(TerminalError::NotSupported("preloaded receipts in protocol version 01"));
        }
        let session = preload_session(order_ref);
        let mut req = self.amount_request(TxnLetter::Preload, &session, amount, "")?;
        req.receipt = preload_receipt(order_ref, &session);
        self.expect_ok(&Request::Amount(req)).await?;
        Ok(session)
    }

    /// `L`: every result the terminal holds unacknowledged (preloads paid on the terminal,
    /// results lost on the way), each acknowledged after it was read.
    pub async fn resend_unacknowledged(&self) -> Result<Vec<PosResult>, TerminalError> {
        self.collect_unacknowledged(&mut |_| true).await
    }

    /// `L` where `keep` stores each result first (e.g. in the journal); only kept ones are
    /// acknowledged, so a result the register could not store stays on the terminal.
    pub async fn collect_unacknowledged(
        &self,
        keep: &mut (dyn FnMut(&PosResult) -> bool + Send),
    ) -> Result<Vec<PosResult>, TerminalError> {
        if !self.opts().is_a1155() {
            return Err(TerminalError::NotSupported("resending results in protocol version 01"));
        }
        let mut decide = |r: &PosResult| if keep(r) { Step::Ack } else { Step::Leave };
        Ok(self.client.resend_all(&self.ecr_id, &mut decide).await?.acked)
    }

    /// `O` for one waiting preload: `Some` when the terminal holds a result for it (not yet
    /// acknowledged), `None` when it has none, `Err(NotSupported)` when it lacks `O`.
    async fn resend_one(&self, w: &WaitingPreload) -> Result<Option<Unacked>, TerminalError> {
        let session = w.reference.trim();
        let cents = w.amount.cents().max(0) as u64;
        let o = self.resend_one_request(session, cents, &preload_receipt(&w.order_ref, session));
        match self.client.ask(&o, self.opts().query_timeout_ms).await? {
            Answer::Result(u) => Ok(Some(u)),
            Answer::Reply(Reply::Error { code }) if code == "100" => Ok(None),
            Answer::Reply(Reply::Error { code }) if code == "500" => Err(TerminalError::NotSupported("O")),
            Answer::Reply(Reply::Error { code }) => Err(client::refused(&code)),
            Answer::Reply(other) => Err(TerminalError::Protocol(format!("unexpected reply to O: {other:?}"))),
        }
    }

    /// `O/S/F/R/T`: resend the RESULT of one session.
    fn resend_one_request(&self, session: &str, cents: u64, receipt: &str) -> Request {
        Request::ResendOne {
            session: session.to_string(),
            amount: Amount {
                minor: cents.to_string(),
                currency: self.opts().currency.clone(),
                exponent: self.opts().exponent.clone(),
            },
            ecr: self.ecr_id.clone(),
            receipt: receipt.to_string(),
            mac: None,
        }
    }

    /// Keeps a RESULT for `acknowledge` (a stale one is dropped: the terminal keeps it).
    fn hold(&self, unacked: Option<Unacked>) {
        let mut slot = self.unacked.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(stale) = std::mem::replace(&mut *slot, unacked) {
            tracing::info!(session = %stale.result.session, "AADE 1155 result left unacknowledged");
        }
    }

    /// The init echo (the terminal then fetches its master key from AADE): `X/<ecr-id>` by
    /// default, the production shape; the `init_echo` option changes the text. Any echo reply
    /// (`INIT:<ecr-id>` or the text echoed) is success.
    pub async fn init_echo(&self) -> Result<Reply, TerminalError> {
        if !self.opts().is_a1155() {
            return Err(TerminalError::NotSupported("the init echo in protocol version 01"));
        }
        let req = Request::init_echo(&self.opts().init_echo, &self.ecr_id);
        match self.client.query(&req, self.opts().init_echo_timeout_ms).await? {
            reply @ Reply::EchoReply { .. } => Ok(reply),
            Reply::Error { code } => Err(client::refused(&code)),
            other => Err(TerminalError::Protocol(format!("unexpected reply to the init echo: {other:?}"))),
        }
    }

    /// `U/R/CMAC_K:<encrypted key>:<KCV>`: loads a session key encrypted under the master key
    /// with the key check value of the clear key (both made by `fiscal`, the register's side).
    /// The public frames (Viva's AADE FIM control page, `iliasPs/ecrTest` `MainActivity.kt`)
    /// carry both, `CMAC_K:<32 hex>:<6 hex>`; a bare `<32 hex>` is sent as given.
    pub async fn load_session_key(&self, encrypted: &str) -> Result<(), TerminalError> {
        let text = encrypted.trim().to_ascii_uppercase();
        let (key, kcv) = text.split_once(':').unwrap_or((&text, ""));
        let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex(key, 32) || !(kcv.is_empty() || hex(kcv, 6)) {
            return Err(TerminalError::Invalid("MAC_K: 32 hex digits of key, then :KCV (6 hex)".into()));
        }
        self.control(&format!("MAC_K:{text}")).await
    }

    /// `U/R/C<command>` (e.g. `UNBIND_POS:1`, whose meaning is not documented).
    pub async fn control(&self, command: &str) -> Result<(), TerminalError> {
        if !self.opts().is_a1155() {
            return Err(TerminalError::NotSupported("control commands in protocol version 01"));
        }
        self.expect_ok(&Request::Control {
            ecr: self.ecr_id.clone(),
            command: command.to_string(),
            mac: None,
        })
        .await
    }

    async fn expect_ok(&self, req: &Request) -> Result<(), TerminalError> {
        match self.client.query(req, self.opts().query_timeout_ms).await? {
            Reply::Error { code } if code == "000" => Ok(()),
            Reply::Error { code } => Err(client::refused(&code)),
            other => Err(TerminalError::Protocol(format!("unexpected reply {other:?}"))),
        }
    }
}

fn now_stamp() -> String {
    chrono::Local::now().format("%Y%m%d%H%M%S").to_string()
}

/// `HOST` → `HOST:4000`; `HOST:PORT` and `[v6]:PORT` stay.
fn with_port(addr: &str) -> Result<String, TerminalError> {
    let a = addr.trim();
    if a.is_empty() {
        return Err(TerminalError::Config("AADE 1155 needs --addr HOST:PORT".into()));
    }
    let has_port = a.rsplit_once(':').is_some_and(|(host, port)| {
        port.parse::<u16>().is_ok() && (!host.contains(':') || host.ends_with(']'))
    });
    Ok(if has_port { a.to_string() } else { format!("{a}:{DEFAULT_PORT}") })
}

#[async_trait]
impl Terminal for Aade1155Terminal {
    fn name(&self) -> &str {
        &self.name
    }

    fn check_kind(&self, kind: PaymentKind) -> Result<(), TerminalError> {
        self.letter_for(kind).map(|_| ())
    }

    /// The 6-digit session a preload of this order goes out under.
    fn preload_reference(&self, order_ref: &str) -> String {
        preload_session(order_ref)
    }

    async fn preload(&self, order_ref: &str, amount: Money) -> Result<String, TerminalError> {
        Aade1155Terminal::preload(self, order_ref, amount).await
    }

    /// `L` hands over every unacknowledged result, so `waiting` is not needed.
    async fn collect_results(
        &self,
        _waiting: &[String],
        keep: &mut (dyn for<'r, 'o> FnMut(&'r str, &'o Outcome) -> bool + Send),
    ) -> Result<Vec<(String, Outcome)>, TerminalError> {
        let found =
            self.collect_unacknowledged(&mut |r: &PosResult| keep(&r.session, &r.to_outcome())).await?;
        Ok(found.iter().map(|r| (r.session.clone(), r.to_outcome())).collect())
    }

    /// `O` for each waiting preload first (exact, and a stranger waiting on the terminal does
    /// not hide it), then `L` for anything else.
    async fn collect_waiting(
        &self,
        waiting: &[WaitingPreload],
        keep: &mut (dyn for<'r, 'o> FnMut(&'r str, &'o Outcome) -> bool + Send),
    ) -> Result<Vec<(String, Outcome)>, TerminalError> {
        if !self.opts().is_a1155() {
            return Err(TerminalError::NotSupported("resending results in protocol version 01"));
        }
        let mut kept = Vec::new();
        for w in waiting.iter().filter(|w| !w.reference.trim().is_empty()) {
            let unacked = match self.resend_one(w).await {
                Ok(Some(u)) => u,
                Ok(None) => continue,
                Err(
                    e @ (TerminalError::Unreachable(_) | TerminalError::Timeout | TerminalError::LinkLost(_)),
                ) => {
                    return Err(e);
                }
                // Refused (no `O`, or not for preloads): `L` still hands everything over.
                Err(e) => {
                    tracing::info!(error = %e, "AADE 1155: O refused, collecting by L only");
                    break;
                }
            };
            let outcome = unacked.result.to_outcome();
            if keep(&unacked.result.session, &outcome) {
                kept.push((unacked.result.session.clone(), outcome));
                self.client.acknowledge(unacked).await;
            }
        }
        kept.extend(self.collect_results(&[], keep).await?);
        Ok(kept)
    }

    fn protocol(&self) -> Protocol {
        Protocol::Aade1155
    }

    /// The 6-digit session number sent as `S`: the exact key of `O` recovery.
    fn reference(&self, req: &PaymentRequest) -> String {
        self.sessions.for_attempt(req.attempt_id)
    }

    async fn status(&self) -> Result<TerminalStatus, TerminalError> {
        let req = Request::Echo { text: "TAMEIO".into() };
        match self.client.query(&req, self.opts().query_timeout_ms).await? {
            Reply::EchoReply { tid, app_version, .. } => Ok(TerminalStatus {
                terminal_id: tid,
                status_code: "echo".into(),
                status_text: "answered the echo".into(),
                software_release: app_version,
                terminal_time: String::new(),
                operational: true,
            }),
            Reply::Error { code } => Err(client::refused(&code)),
            other => Err(TerminalError::Protocol(format!("unexpected echo reply {other:?}"))),
        }
    }

    /// The RESULT comes back unacknowledged: `acknowledge` sends the `R` once it is journalled.
    async fn pay(&self, req: &PaymentRequest, progress: &ProgressSink) -> Result<Outcome, TerminalError> {
        let request = self.request_for(req)?;
        self.hold(None);
        let mut foreign = Vec::new();
        let paid = self.client.financial(&request, progress, &mut foreign).await;
        if !foreign.is_empty() {
            let mut kept = self.foreign.lock().unwrap_or_else(|p| p.into_inner());
            // A result left on the terminal is offered again with the next payment: kept once.
            for r in foreign {
                if !kept.contains(&r) {
                    kept.push(r);
                }
            }
            let excess = kept.len().saturating_sub(client::MAX_FOREIGN);
            kept.drain(..excess);
        }
        let unacked = paid?;
        // An approval whose amount cannot be read stays unacknowledged on the terminal and
        // unknown here: recovery shows it to a manager (review A-1), never a decline.
        let outcome =
            unacked.result.checked_outcome(Some(req.amount.cents())).map_err(TerminalError::Protocol)?;
        self.hold(Some(unacked));
        Ok(outcome)
    }

    fn can_recover(&self) -> bool {
        self.opts().is_a1155()
    }

    async fn recover(&self, attempt: &Attempt) -> Result<Recovery, TerminalError> {
        self.recover_with(attempt, &RecoveryContext::default()).await
    }

    async fn recover_with(
        &self,
        attempt: &Attempt,
        context: &RecoveryContext,
    ) -> Result<Recovery, TerminalError> {
        self.hold(None);
        let (verdict, unacked) = recover::recover(self, attempt, &context.recorded).await?;
        if matches!(verdict, Recovery::Resolved(_)) {
            self.hold(unacked);
        }
        Ok(verdict)
    }

    async fn acknowledge(&self, attempt: &Attempt) {
        let held = self.unacked.lock().unwrap_or_else(|p| p.into_inner()).take();
        match held {
            Some(u) if u.result.session == attempt.reference.trim() => self.client.acknowledge(u).await,
            Some(other) => self.hold(Some(other)),
            None => {
                tracing::debug!(attempt = %attempt.id, "AADE 1155: no result waiting for an acknowledgement")
            }
        }
    }
}

/// A preload's session: the order reference's number (its last six digits), so it is known,
/// and journalled, before the `W` leaves; a reference without digits is hashed.
pub fn preload_session(order_ref: &str) -> String {
    let tail: Vec<char> = order_ref.trim().chars().rev().take_while(char::is_ascii_digit).take(6).collect();
    let n = if tail.is_empty() {
        order_ref.bytes().fold(2_166_136_261_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16_777_619))
    } else {
        tail.iter().rev().collect::<String>().parse().unwrap_or(0)
    };
    format!("{:06}", n % 1_000_000)
}

/// The `T` receipt a preload carries: the order reference's letters and digits (at most 8),
/// or the session when it has none.
fn preload_receipt(order_ref: &str, session: &str) -> String {
    let receipt: String = order_ref.trim().chars().filter(char::is_ascii_alphanumeric).take(8).collect();
    if receipt.is_empty() { session.to_string() } else { receipt }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(options: serde_json::Value) -> TerminalConfig {
        TerminalConfig {
            name: "gr".into(),
            protocol: Protocol::Aade1155,
            addr: "192.168.1.60".into(),
            terminal_id: String::new(),
            cash_register_id: "CFB77000028".into(),
            options,
        }
    }

    #[test]
    fn config_defaults_and_validation() {
        let t = Aade1155Terminal::from_config(&config(serde_json::Value::Null)).unwrap();
        assert_eq!(t.client.addr, "192.168.1.60:4000");
        assert_eq!((t.opts().version.as_str(), t.opts().busy_retries), ("10", 3));
        assert!(Aade1155Terminal::from_config(&config(serde_json::json!({ "version": "03" }))).is_err());
        // An 11-character ECR id does not fit version 01's 8-character register number.
        assert!(Aade1155Terminal::from_config(&config(serde_json::json!({ "version": "01" }))).is_err());
        assert!(Aade1155Terminal::from_config(&config(serde_json::json!({ "mac": "retail" }))).is_err());
        assert_eq!(with_port("[::1]:9000").unwrap(), "[::1]:9000");
    }

    #[test]
    fn softpos_and_version_01_refuse_before_sending() {
        let soft = serde_json::json!({ "terminal_type": "soft-pos" });
        let t = Aade1155Terminal::from_config(&config(soft)).unwrap();
        assert!(t.letter_for(PaymentKind::Sale).is_ok());
        assert!(t.letter_for(PaymentKind::Void).is_ok());
        assert!(matches!(t.letter_for(PaymentKind::Refund), Err(TerminalError::NotSupported(_))));
        let mut cfg = config(serde_json::json!({ "version": "01" }));
        cfg.cash_register_id = "8".into();
        let v1 = Aade1155Terminal::from_config(&cfg).unwrap();
        assert!(v1.letter_for(PaymentKind::Refund).is_ok());
        assert!(matches!(v1.letter_for(PaymentKind::Completion), Err(TerminalError::NotSupported(_))));
        assert!(matches!(v1.letter_for(PaymentKind::PreAuth), Err(TerminalError::NotSupported(_))));
    }

    #[test]
    fn requests_carry_the_reference_as_session() {
        let t = Aade1155Terminal::from_config(&config(serde_json::Value::Null)).unwrap();
        let req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(2500));
        let r = t.request_for(&req).unwrap();
        assert_eq!(r.session, t.reference(&req));
        assert_eq!(r.session.len(), 6);
        assert_eq!((r.amount.minor.as_str(), r.ecr.as_str(), r.vat.as_ref()), ("2500", "CFB77000028", None));
        let zero = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(0));
        assert!(matches!(t.request_for(&zero), Err(TerminalError::Invalid(_))));
    }

    #[test]
    fn instalments_mail_orders_and_tips() {
        let t = Aade1155Terminal::from_config(&config(serde_json::Value::Null)).unwrap();
        let mut req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(9000));
        req.instalments = 6;
        let r = t.request_for(&req).unwrap();
        assert_eq!((r.letter, r.custom.as_str()), (TxnLetter::Instalments, "6"));
        req.kind = PaymentKind::Refund;
        assert!(matches!(t.request_for(&req), Err(TerminalError::Invalid(_))));
        let moto = PaymentRequest::new(PaymentKind::Moto, Money::from_cents(9000));
        assert_eq!(t.request_for(&moto).unwrap().letter, TxnLetter::MailOrder);
        let mut tip = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(9000));
        tip.tip = Money::from_cents(500);
        assert!(matches!(t.request_for(&tip), Err(TerminalError::NotSupported(_))));
        let mut cfg = config(serde_json::json!({ "version": "01" }));
        cfg.cash_register_id = "8".into();
        let v1 = Aade1155Terminal::from_config(&cfg).unwrap();
        assert!(matches!(v1.request_for(&moto), Err(TerminalError::NotSupported(_))));
    }
}
