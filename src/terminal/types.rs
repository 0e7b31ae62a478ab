//! The data every terminal driver speaks in: protocols, payment kinds, requests and outcomes.
//! Plain serde types, no I/O; the register stores them and the GUI shows them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::money::Money;

/// The wire protocol a configured terminal speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// Nexi Italy LAN, "Protocollo 17".
    Ecr17,
    /// Greece LAN, AADE 1155 TCPSocket, versions 01 and 10.
    Aade1155,
    /// Greece cloud WebECR, paired with the terminal's 8-digit code.
    WebEcr,
    /// nexo Retailer 3.1 XML over HTTP (PAX terminals), light or full integration.
    Nexo,
    /// Nexi SmartPOS Payment Bridge (not implemented yet).
    Bridge,
    /// Nexi XPay M.O.T.O. (not implemented yet).
    Xpay,
}

impl Protocol {
    pub const ALL: [Protocol; 6] = [
        Protocol::Ecr17,
        Protocol::Aade1155,
        Protocol::WebEcr,
        Protocol::Nexo,
        Protocol::Bridge,
        Protocol::Xpay,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Protocol::Ecr17 => "ecr17",
            Protocol::Aade1155 => "aade1155",
            Protocol::WebEcr => "webecr",
            Protocol::Nexo => "nexo",
            Protocol::Bridge => "bridge",
            Protocol::Xpay => "xpay",
        }
    }

    pub fn from_code(code: &str) -> Option<Protocol> {
        Protocol::ALL.into_iter().find(|p| p.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// What a payment request asks the terminal to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentKind {
    Sale,
    Refund,
    /// Reverse the last transaction.
    Void,
    PreAuth,
    Incremental,
    /// Capture (closure) of a pre-authorisation.
    Completion,
    /// Card verification, no money moves.
    Verify,
    /// A sale keyed in for a mail or telephone order (card not present).
    Moto,
}

impl PaymentKind {
    pub const ALL: [PaymentKind; 8] = [
        PaymentKind::Sale,
        PaymentKind::Refund,
        PaymentKind::Void,
        PaymentKind::PreAuth,
        PaymentKind::Incremental,
        PaymentKind::Completion,
        PaymentKind::Verify,
        PaymentKind::Moto,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaymentKind::Sale => "sale",
            PaymentKind::Refund => "refund",
            PaymentKind::Void => "void",
            PaymentKind::PreAuth => "preauth",
            PaymentKind::Incremental => "incremental",
            PaymentKind::Completion => "completion",
            PaymentKind::Verify => "verify",
            PaymentKind::Moto => "moto",
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentKind> {
        PaymentKind::ALL.into_iter().find(|k| k.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Sales and mail orders: the kinds that charge a customer for goods.
    pub fn is_sale(self) -> bool {
        matches!(self, PaymentKind::Sale | PaymentKind::Moto)
    }
}

/// One payment the register wants the terminal to carry out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRequest {
    /// The attempt's id (uuid v7), created by the caller; the journal row uses it.
    pub attempt_id: Uuid,
    pub kind: PaymentKind,
    pub amount: Money,
    /// For `Incremental` and `Completion`: the code the pre-authorisation returned.
    #[serde(default)]
    pub preauth_code: Option<String>,
    /// The ECR's id as the terminal knows it (ECR17: up to 8 digits); empty = the config's.
    #[serde(default)]
    pub cash_register_id: String,
    /// The order this payment is for, if any (journal only; never sent).
    #[serde(default)]
    pub order_id: Option<i64>,
    /// For `Void`: the protocol's reference of the transaction to reverse (ECR17: its STAN).
    #[serde(default)]
    pub original: Option<String>,
    /// Text the terminal prints at the end of its receipt (ECR17 "codice contratto").
    #[serde(default)]
    pub receipt_footer: Option<String>,
    /// Tip on top of `amount` (sales only); zero when none.
    #[serde(default)]
    pub tip: Money,
    /// Number of instalments (sales only); 0 = a plain sale.
    #[serde(default)]
    pub instalments: u8,
}

impl PaymentRequest {
    /// A request with a fresh uuid v7 and no optional parts.
    pub fn new(kind: PaymentKind, amount: Money) -> Self {
        PaymentRequest {
            attempt_id: Uuid::now_v7(),
            kind,
            amount,
            preauth_code: None,
            cash_register_id: String::new(),
            order_id: None,
            original: None,
            receipt_footer: None,
            tip: Money::ZERO,
            instalments: 0,
        }
    }

    /// True when the request asks for a tip or instalments, which only some protocols carry.
    pub fn has_extras(&self) -> bool {
        !self.tip.is_zero() || self.instalments > 0
    }
}

/// What the terminal reports for an approved transaction. Never a full PAN.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Approval {
    pub auth_code: String,
    /// Masked: at most the last four digits are in clear.
    pub masked_pan: String,
    pub stan: String,
    /// Retrieval reference number; ECR17 has none.
    pub rrn: String,
    pub terminal_id: String,
    pub acquirer_id: String,
    pub card_brand: String,
    /// The protocol's transaction id (ECR17: the online operation number).
    pub transaction_id: String,
    /// The card slip as plain text lines, when the terminal sent it to the ECR.
    pub receipt_text: String,
    /// The terminal's (host's) date/time string, as sent (ECR17: `DDDHHMM`).
    pub when: String,
    /// How the card was read (ECR17: ICC, MAG, MAN, CLM, CLI).
    pub entry_mode: String,
    /// The host's action code, when the protocol reports one.
    pub action_code: String,
    /// For pre-authorisations: the code later incrementals and completions need.
    pub preauth_code: String,
    /// The amount the host processed, in cents as text, when reported.
    pub host_amount: String,
    /// The tip the terminal reports on top of the amount (AADE v10, WebECR); zero otherwise.
    pub tip: Money,
    /// The answer as the protocol sent it, card numbers masked, where the driver keeps it
    /// (WebECR: the intent's JSON), so a body with unusual fields can be read again later.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub raw: String,
    /// The merchant copy must be signed by the cardholder (nexo light integration's
    /// `SignatureBlock`): the cashier checks the signature, and a refused one is reversed by a
    /// void attempt of its own.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub signature_required: bool,
}

/// How a payment ended, as far as the terminal said.
// Outcomes are made once per payment; boxing the approval would only burden every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "lowercase")]
pub enum Outcome {
    Approved(Approval),
    Declined {
        code: String,
        message: String,
        /// The terminal's slip for the refused card, when it sent one (nexo: the host's real
        /// code is only there); kept with the attempt and printable for the customer.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        receipt_text: String,
    },
    Cancelled {
        message: String,
    },
}

impl Outcome {
    /// A decline with no slip from the terminal.
    pub fn declined(code: impl Into<String>, message: impl Into<String>) -> Outcome {
        Outcome::Declined { code: code.into(), message: message.into(), receipt_text: String::new() }
    }

    pub fn is_approved(&self) -> bool {
        matches!(self, Outcome::Approved(_))
    }
}

/// What a terminal says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TerminalStatus {
    pub terminal_id: String,
    /// The protocol's status code (ECR17: `0`..`6`).
    pub status_code: String,
    pub status_text: String,
    pub software_release: String,
    /// The terminal's clock as sent (ECR17: `DDMMYYhhmm`).
    pub terminal_time: String,
    /// True when the terminal says it can take payments.
    pub operational: bool,
}

/// Totals of the terminal's accounting session (ECR17 `T` reads them, `C` closes the batch).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchTotals {
    pub terminal_id: String,
    /// True when the terminal reported success (result code `00`).
    pub ok: bool,
    pub result_code: String,
    /// The terminal's reason text when it failed.
    pub message: String,
    /// The terminal's own total.
    pub terminal_total: Money,
    /// The acquirer host's total (only when closing the batch).
    pub host_total: Option<Money>,
    pub action_code: String,
    /// The close-session slip, when the terminal sent it to the ECR.
    pub receipt_text: String,
}

/// What asking the terminal about an open attempt found out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "recovery", rename_all = "snake_case")]
pub enum Recovery {
    /// The terminal's answer belongs to this attempt.
    Resolved(Outcome),
    /// No proof either way; the attempt stays Unknown for the operator.
    Undecided {
        evidence: String,
        /// A result the terminal holds that matched nothing; kept, never dropped.
        #[serde(default)]
        unmatched: Option<Outcome>,
    },
    /// The protocol proves the terminal never processed it.
    NotProcessed { evidence: String },
}

/// A configured terminal, stored as JSON by the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerminalConfig {
    pub name: String,
    pub protocol: Protocol,
    /// `HOST:PORT` for LAN protocols.
    #[serde(default)]
    pub addr: String,
    #[serde(default)]
    pub terminal_id: String,
    #[serde(default)]
    pub cash_register_id: String,
    /// Protocol-specific settings (ECR17: see `ecr17::Ecr17Options`); missing keys take defaults.
    #[serde(default)]
    pub options: serde_json::Value,
}
