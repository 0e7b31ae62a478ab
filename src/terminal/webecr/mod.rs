//! Greece over the cloud: WebECR (Nexi FinConnect / Mellon "Common WebECR") — JSON bodies,
//! the HTTPS client, pairing, the `Terminal` implementation and a simulated backend.

pub mod client;
pub mod codec;
pub mod decode;
pub mod fiscal;
mod flow;
pub mod jwt;
mod lenient;
mod options;
pub mod outcome;
mod preload;
pub mod sim;

use async_trait::async_trait;
use uuid::Uuid;

pub use client::{Client, PAIR_AGAIN, PairedTerminal};
pub use decode::{decode_body, decode_input};
pub use options::{Environment, WebEcrOptions, WebEcrSecrets};

use super::{
    Attempt, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol, Recovery, Terminal,
    TerminalConfig, TerminalError, TerminalStatus,
};
use codec::{EURO, TxnInit, txn_type};

/// The largest amount tameio sends (the spec sets none; 1,000,000.00 guards typos).
const MAX_CENTS: i64 = 100_000_000;

/// A configured WebECR terminal.
pub struct WebEcrTerminal {
    name: String,
    client: Client,
}

impl WebEcrTerminal {
    /// Builds the driver with the secrets the register passes in; opens no connection.
    pub fn new(config: &TerminalConfig, secrets: WebEcrSecrets) -> Result<Self, TerminalError> {
        let opts = options_of(config)?;
        Ok(WebEcrTerminal {
            name: config.name.clone(),
            client: Client::new(opts, secrets, &config.terminal_id)?,
        })
    }

    /// As `new`, with the password and API key the register put into the options from its
    /// secrets file (as AADE's keys): a driver never opens the secrets file itself.
    pub fn from_config(config: &TerminalConfig) -> Result<Self, TerminalError> {
        let value =
            |key: &str| config.options.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let secrets =
            WebEcrSecrets { username: String::new(), password: value("password"), api_key: value("api_key") };
        WebEcrTerminal::new(config, secrets)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Redeems a pairing code. The register must then store `api_key` in the secrets file
    /// and `terminal_backend_id` in the options.
    pub async fn pair(&self, code: &str) -> Result<PairedTerminal, TerminalError> {
        self.client.pair(code).await
    }

    /// The `txninit` body for a payment (not for voids, which use `txnvoid`).
    pub fn txninit_for(&self, req: &PaymentRequest) -> Result<TxnInit, TerminalError> {
        let cents = req.amount.cents();
        if cents <= 0 || cents > MAX_CENTS {
            return Err(TerminalError::Invalid(format!("amount {} out of range", req.amount)));
        }
        let opts = &self.client.opts;
        // `InitialTransaction` is the original's 21-digit TransactionId (spec v2.5.7 §3.7.5),
        // never the backend's own transaction id.
        let legal =
            |code: Option<&String>| code.map(|c| c.trim().to_string()).filter(|c| flow::is_transaction_id(c));
        let (kind, initial) = match req.kind {
            PaymentKind::Moto => (txn_type::MOTO, None),
            PaymentKind::Sale if opts.moto => (txn_type::MOTO, None),
            PaymentKind::Sale => (txn_type::SALE, None),
            PaymentKind::Refund => {
                let link = legal(req.original.as_ref());
                if link.is_none() && req.original.as_ref().is_some_and(|o| !o.trim().is_empty()) {
                    tracing::warn!(
                        "WebECR refund: the original has no 21-digit TransactionId; sent unlinked"
                    );
                }
                (txn_type::REFUND, link)
            }
            PaymentKind::PreAuth => (txn_type::PREAUTH, None),
            PaymentKind::Completion => {
                let code = legal(req.preauth_code.as_ref()).or_else(|| legal(req.original.as_ref())).ok_or(
                    TerminalError::Invalid(
                        "the pre-authorisation's 21-digit TransactionId is missing".into(),
                    ),
                )?;
                (txn_type::PREAUTH_COMPLETION, Some(code))
            }
            PaymentKind::Void => return Err(TerminalError::Invalid("a void is not a txninit".into())),
            PaymentKind::Incremental => {
                return Err(TerminalError::NotSupported("incremental pre-authorisations"));
            }
            PaymentKind::Verify => return Err(TerminalError::NotSupported("card verification")),
        };
        let sale_like = matches!(kind, txn_type::SALE | txn_type::MOTO);
        if !sale_like && req.has_extras() {
            return Err(TerminalError::Invalid("tips and instalments apply to sales only".into()));
        }
        if req.tip.is_negative() {
            return Err(TerminalError::Invalid(format!("tip {} is negative", req.tip)));
        }
        // The request's own tip and instalments win; the options are the terminal's defaults.
        let tip = if req.tip.is_zero() { opts.tip_cents.max(0) } else { req.tip.cents() };
        let instalments = match req.instalments {
            0 => (opts.instalments > 1).then_some(opts.instalments),
            n => Some(u32::from(n)),
        };
        Ok(TxnInit {
            txn_type: kind,
            amount: cents,
            tip_amount: Some(if sale_like { tip } else { 0 }),
            currency_code: if opts.currency_code == 0 { EURO } else { opts.currency_code },
            instalments: instalments.filter(|_| sale_like),
            customer_reference: req.attempt_id.to_string(),
            initial_transaction: initial,
            timeout: Some(opts.sync_timeout()),
            ..TxnInit::default()
        })
    }
}

fn options_of(config: &TerminalConfig) -> Result<WebEcrOptions, TerminalError> {
    if config.options.is_null() {
        return Ok(WebEcrOptions::default());
    }
    serde_json::from_value(config.options.clone())
        .map_err(|e| TerminalError::Config(format!("WebECR options: {e}")))
}

/// The void's reference names what it voids, so recovery knows where to look.
fn void_reference(req: &PaymentRequest) -> String {
    format!("void {}", req.original.as_deref().unwrap_or("").trim())
}

#[async_trait]
impl Terminal for WebEcrTerminal {
    fn name(&self) -> &str {
        &self.name
    }

    fn protocol(&self) -> Protocol {
        Protocol::WebEcr
    }

    fn check_kind(&self, kind: PaymentKind) -> Result<(), TerminalError> {
        match kind {
            PaymentKind::Incremental => Err(TerminalError::NotSupported("incremental pre-authorisations")),
            PaymentKind::Verify => Err(TerminalError::NotSupported("card verification")),
            _ => Ok(()),
        }
    }

    /// `CustomerReference` = the attempt id, so recovery can always find the intent.
    fn reference(&self, req: &PaymentRequest) -> String {
        match req.kind {
            PaymentKind::Void => void_reference(req),
            _ => req.attempt_id.to_string(),
        }
    }

    async fn status(&self) -> Result<TerminalStatus, TerminalError> {
        self.client.require_key()?;
        let t = self.client.find_terminal().await?;
        Ok(TerminalStatus {
            terminal_id: t.terminal_id.clone(),
            status_code: t.id.to_string(),
            status_text: format!("visible on the WebECR backend as {}", t.id),
            operational: true,
            ..TerminalStatus::default()
        })
    }

    async fn pay(&self, req: &PaymentRequest, progress: &ProgressSink) -> Result<Outcome, TerminalError> {
        if req.kind == PaymentKind::Void {
            return flow::void(&self.client, req, progress).await;
        }
        let body = self.txninit_for(req)?;
        flow::pay(&self.client, &body, progress).await
    }

    async fn recover(&self, attempt: &Attempt) -> Result<Recovery, TerminalError> {
        self.client.require_key()?;
        let verdict = match attempt.reference.strip_prefix("void ") {
            Some(original) => flow::recover_void(&self.client, original).await?,
            None => flow::recover(&self.client, &attempt.id.to_string(), age_of(attempt)).await?,
        };
        tracing::info!(attempt = %attempt.id, ?verdict, "WebECR recovery by CustomerReference");
        Ok(verdict)
    }

    /// A sale `txninit` with `PreloadTransaction`; its `CustomerReference` is the order's
    /// reference, which is also what `collect_results` looks it up by.
    async fn preload(&self, order_ref: &str, amount: crate::domain::Money) -> Result<String, TerminalError> {
        let cents = amount.cents();
        if cents <= 0 || cents > MAX_CENTS {
            return Err(TerminalError::Invalid(format!("amount {amount} out of range")));
        }
        let body = preload::body(&self.client, order_ref, cents)?;
        preload::send(&self.client, &body).await?;
        Ok(body.customer_reference)
    }

    async fn collect_results(
        &self,
        waiting: &[String],
        keep: &mut (dyn for<'r, 'o> FnMut(&'r str, &'o Outcome) -> bool + Send),
    ) -> Result<Vec<(String, Outcome)>, TerminalError> {
        preload::collect(&self.client, waiting, keep).await
    }
}

/// How long ago the attempt was prepared (`None` when its time cannot be read).
fn age_of(attempt: &Attempt) -> Option<std::time::Duration> {
    let created = chrono::DateTime::parse_from_rfc3339(attempt.created_at.trim()).ok()?;
    (chrono::Utc::now() - created.with_timezone(&chrono::Utc)).to_std().ok()
}

/// True when `text` is an attempt id (a CustomerReference tameio wrote).
fn is_attempt_id(text: &str) -> bool {
    Uuid::parse_str(text.trim()).is_ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    fn config(options: serde_json::Value) -> TerminalConfig {
        TerminalConfig {
            name: "nexi".into(),
            protocol: Protocol::WebEcr,
            addr: String::new(),
            terminal_id: "64999964".into(),
            cash_register_id: String::new(),
            options,
        }
    }

    #[test]
    fn kinds_map_to_txn_types() {
        let t = WebEcrTerminal::new(&config(serde_json::Value::Null), WebEcrSecrets::default()).unwrap();
        let mut req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(1250));
        let body = t.txninit_for(&req).unwrap();
        assert_eq!((body.txn_type, body.amount, body.currency_code), (0, 1250, 978));
        assert_eq!(body.customer_reference, req.attempt_id.to_string());
        assert_eq!(t.reference(&req), req.attempt_id.to_string());
        assert_eq!(body.timeout, Some(90));
        // The spec's TransactionId (WebECR v2.5.7 §3.7.5 example response, arbdoescode/ECR-POS:
        // documentation/EFTPOS-WebECRv2.5.7.pdf) links refunds and completions; the backend's
        // transaction id ("8091750" in the same example) never does.
        req.kind = PaymentKind::Refund;
        req.original = Some("075121702285176315144".into());
        let body = t.txninit_for(&req).unwrap();
        assert_eq!((body.txn_type, body.initial_transaction.as_deref()), (1, Some("075121702285176315144")));
        req.original = Some("8091750".into());
        assert_eq!(t.txninit_for(&req).unwrap().initial_transaction, None, "unlinked, not misleading");
        req.kind = PaymentKind::PreAuth;
        assert_eq!(t.txninit_for(&req).unwrap().txn_type, 2);
        req.kind = PaymentKind::Completion;
        req.preauth_code = Some("8091750".into());
        assert!(matches!(t.txninit_for(&req), Err(TerminalError::Invalid(_))), "never the backend id");
        req.preauth_code = Some("075121702285176315144".into());
        let body = t.txninit_for(&req).unwrap();
        assert_eq!((body.txn_type, body.initial_transaction.as_deref()), (3, Some("075121702285176315144")));
        req.original = Some("8091750".into());
        req.kind = PaymentKind::Void;
        assert_eq!(t.reference(&req), "void 8091750");
        req.kind = PaymentKind::Verify;
        assert!(matches!(t.txninit_for(&req), Err(TerminalError::NotSupported(_))));
        req.kind = PaymentKind::Sale;
        req.amount = Money::from_cents(0);
        assert!(t.txninit_for(&req).is_err());
    }

    #[test]
    fn moto_tip_and_instalments_come_from_the_options() {
        let opts =
            serde_json::json!({"moto": true, "tip_cents": 150, "instalments": 3, "sync_timeout_secs": 400});
        let t = WebEcrTerminal::new(&config(opts), WebEcrSecrets::default()).unwrap();
        let body = t.txninit_for(&PaymentRequest::new(PaymentKind::Sale, Money::from_cents(1000))).unwrap();
        assert_eq!((body.txn_type, body.tip_amount, body.instalments), (4, Some(150), Some(3)));
        assert_eq!(body.timeout, Some(180));
        let mut own = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(1000));
        (own.tip, own.instalments) = (Money::from_cents(40), 12);
        let body = t.txninit_for(&own).unwrap();
        assert_eq!((body.txn_type, body.tip_amount, body.instalments), (4, Some(40), Some(12)));
        let plain = WebEcrTerminal::new(&config(serde_json::Value::Null), WebEcrSecrets::default()).unwrap();
        let body =
            plain.txninit_for(&PaymentRequest::new(PaymentKind::Moto, Money::from_cents(1000))).unwrap();
        assert_eq!((body.txn_type, body.tip_amount, body.instalments), (4, Some(0), None));
        assert!(matches!(
            WebEcrTerminal::new(&config(serde_json::json!({"moto": "yes"})), WebEcrSecrets::default()),
            Err(TerminalError::Config(_))
        ));
    }

    #[test]
    fn a_preload_is_a_sale_keyed_by_the_order_with_its_expiry() {
        let t = WebEcrTerminal::new(
            &config(serde_json::json!({"preload_expiration_minutes": 90})),
            WebEcrSecrets::default(),
        )
        .unwrap();
        let body = preload::body(&t.client, "R1-42", 1410).unwrap();
        assert_eq!((body.txn_type, body.amount, body.customer_reference.as_str()), (0, 1410, "R1-42"));
        assert_eq!(
            (body.preload_transaction, body.preload_expiration, body.timeout),
            (Some(true), Some(90), None)
        );
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            (json["PreloadTransaction"].clone(), json["PreloadExpiration"].clone()),
            (true.into(), 90.into())
        );
        assert!(preload::body(&t.client, "", 100).is_err());
        assert!(preload::body(&t.client, &"x".repeat(51), 100).is_err());
        let plain = WebEcrTerminal::new(&config(serde_json::Value::Null), WebEcrSecrets::default()).unwrap();
        assert_eq!(preload::body(&plain.client, "R1-43", 100).unwrap().preload_expiration, Some(60));
    }

    #[test]
    fn unpaired_terminal_asks_for_pairing_before_any_call() {
        let t = WebEcrTerminal::new(&config(serde_json::Value::Null), WebEcrSecrets::default()).unwrap();
        assert!(
            matches!(t.client.require_key(), Err(TerminalError::Config(m)) if m.starts_with("pairing needed"))
        );
    }
}
