//! WebECR JSON bodies (Mellon "EFT POS – WebECR" v2.5.7 as read in webecr.md): PascalCase
//! fields, lowercase token and list fields, ids as numbers or strings. Pure serde, no I/O.

use std::fmt;

use serde::{Deserialize, Serialize};

/// `TxnType` values (webecr.md §5).
pub mod txn_type {
    pub const SALE: u8 = 0;
    pub const REFUND: u8 = 1;
    pub const PREAUTH: u8 = 2;
    pub const PREAUTH_COMPLETION: u8 = 3;
    pub const MOTO: u8 = 4;
}

/// ISO 4217 numeric code of the euro.
pub const EURO: u16 = 978;
/// The longest synchronous wait `txninit` allows, in seconds.
pub const MAX_SYNC_TIMEOUT_SECS: u32 = 180;
/// `OriginalIdentifierType` of a void: the original intent's `Id`.
pub const VOID_BY_INTENT: u8 = 1;
/// `OriginalIdentifierType` of a void: the original intent's `TransactionId`.
pub const VOID_BY_TRANSACTION: u8 = 2;

/// A value the examples write sometimes as a number, sometimes as a string (ids, `Acquirer`,
/// `ProviderId`, `ProviderData` amounts). Kept as sent so it re-serialises unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Flex {
    Int(i64),
    Text(String),
}

impl Flex {
    /// The integer it holds, if it holds one (numeric text counts).
    pub fn int(&self) -> Option<i64> {
        match self {
            Flex::Int(n) => Some(*n),
            Flex::Text(s) => s.trim().parse().ok(),
        }
    }
}

impl fmt::Display for Flex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flex::Int(n) => write!(f, "{n}"),
            Flex::Text(s) => f.write_str(s),
        }
    }
}

impl From<&str> for Flex {
    fn from(s: &str) -> Self {
        Flex::Text(s.to_string())
    }
}

/// `POST token/`: the integration's user id and password. Never logged (no `Debug`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Login {
    pub username: String,
    pub password: String,
}

/// `POST token/refresh/` body.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refresh {
    pub refresh: String,
}

/// The answer to login (both tokens) or to refresh (`access` only).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    pub access: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<String>,
}

/// `POST authorization/redeem/`: a pairing code, answered by the API key (`Id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Redeem {
    /// Always `webecr`.
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The API key in the answer; sent as `X-Api-Key` afterwards. Never logged.
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "id")]
    pub id: Option<String>,
}

impl Redeem {
    pub fn code(code: &str) -> Self {
        Redeem { kind: "webecr".into(), code: Some(code.to_string()), id: None }
    }
}

/// The paginated envelope of every collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    #[serde(default)]
    pub count: u64,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
}

/// One entry of `GET terminal/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalEntry {
    /// The backend id that `terminal/{id}/…` paths take.
    #[serde(alias = "Id")]
    pub id: Flex,
    /// The 8-digit TID printed on the terminal.
    #[serde(rename = "TerminalID", default)]
    pub terminal_id: String,
    #[serde(rename = "Merchant", default)]
    pub merchant: Option<Flex>,
    #[serde(rename = "Acquirer", default)]
    pub acquirer: Option<Flex>,
}

/// `POST terminal/{id}/txninit/`. Optional fields are left out when unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TxnInit {
    pub txn_type: u8,
    /// Cents.
    pub amount: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cashback_amount: Option<i64>,
    pub currency_code: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instalments: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_tax_free: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preload_transaction: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preload_expiration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_collection: Option<bool>,
    /// Our attempt id: the lookup key of recovery.
    pub customer_reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_phone: Option<String>,
    /// The original transaction (refund, pre-auth completion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_transaction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_data: Option<ProviderData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecr_token_data: Option<EcrTokenData>,
    /// Seconds the call may wait for the result (0 or absent: asynchronous).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<u8>,
}

/// The e-invoicing provider's evidence (mydata.md). The spec's example names the signature
/// `ProviderSignature`, its table `Signature`: both are read, `Signature` is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProviderData {
    pub uid: String,
    #[serde(default)]
    pub mark: Option<String>,
    pub signature_timestamp: String,
    pub net_amount: Option<Flex>,
    pub vat_amount: Option<Flex>,
    pub total_amount: Option<Flex>,
    pub provider_id: Option<Flex>,
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "ProviderSignature")]
    pub signature: Option<String>,
}

/// The fiscal device's MACed AADE-1155 AMOUNT command (ECR-token mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EcrTokenData {
    pub amount_command: String,
}

/// `POST terminal/{id}/txnvoid/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TxnVoid {
    pub original_identifier: String,
    /// `VOID_BY_INTENT` or `VOID_BY_TRANSACTION`.
    pub original_identifier_type: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_phone: Option<String>,
}

/// `POST terminal/{id}/ecrbind/`, answered by the same body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EcrBind {
    pub ecr_id: String,
}

/// `POST terminal/{id}/ecrkeyexchange/`, answered by the same body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EcrKeyExchange {
    pub ecr_id: String,
    pub session_key: String,
    pub kcv: String,
}

/// Where an intent stands (`Status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntentStatus {
    /// Registered, not yet sent to the device.
    Pending,
    /// Sent to the device.
    Sent,
    /// The device finished and its result is registered.
    Completed,
    Other(u8),
}

/// How a completed intent ended (`Result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntentResult {
    Approved,
    Declined,
    Cancelled,
    Failed,
    /// The device never returned a result: the money may have been taken.
    Unknown,
    /// The POS is processing another transaction or under maintenance.
    Busy,
    /// The batch is full: close the batch on the POS first.
    MaxTransactions,
    Other(u8),
}

/// A transaction intent: the `txninit` and `txnvoid` answers and `transactionintent/` items.
/// Read field by field (`lenient.rs`): only an unreadable `Status` refuses one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Intent {
    /// `Id` in `txninit` answers, `id` in lists and void answers.
    #[serde(alias = "id")]
    pub id: Option<Flex>,
    pub status: u8,
    #[serde(default)]
    pub result: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub txn_type: Option<u8>,
    /// True for a void intent (lists only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub void: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instalments: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal: Option<Flex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<TxnRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_transaction: Option<TxnRef>,
    /// The 21-digit unique payment id of Greek law, when the backend gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// The object as received, every field kept (evidence for the attempt's note).
    #[serde(skip)]
    pub raw: String,
}

impl Intent {
    pub fn status(&self) -> IntentStatus {
        match self.status {
            1 => IntentStatus::Pending,
            2 => IntentStatus::Sent,
            3 => IntentStatus::Completed,
            n => IntentStatus::Other(n),
        }
    }

    /// The result, once the intent is completed (a completed intent without a readable
    /// `Result` is `Other(0)`: nothing proven either way).
    pub fn result(&self) -> Option<IntentResult> {
        if self.status() != IntentStatus::Completed {
            return None;
        }
        Some(match self.result.unwrap_or(0) {
            1 => IntentResult::Approved,
            2 => IntentResult::Declined,
            3 => IntentResult::Cancelled,
            4 => IntentResult::Failed,
            5 => IntentResult::Unknown,
            6 => IntentResult::Busy,
            7 => IntentResult::MaxTransactions,
            n => IntentResult::Other(n),
        })
    }

    /// The intent id as text (empty when absent).
    pub fn id_text(&self) -> String {
        self.id.as_ref().map(Flex::to_string).unwrap_or_default()
    }

    /// The transaction object, when the answer carried one (not a bare reference).
    pub fn transaction_object(&self) -> Option<&Transaction> {
        match &self.transaction {
            Some(TxnRef::Object(t)) => Some(t),
            _ => None,
        }
    }
}

/// A transaction as an object (intent answers) or as a reference to its id (intent lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum TxnRef {
    Object(Box<Transaction>),
    Id(Flex),
}

impl TxnRef {
    pub fn id_text(&self) -> String {
        match self {
            TxnRef::Object(t) => t.id.to_string(),
            TxnRef::Id(id) => id.to_string(),
        }
    }
}

/// A card transaction (spec §3.7.8; `GET transaction/` items; the older v2 object's `TxnId`,
/// `TransactionType` and `Batch` are read too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Transaction {
    #[serde(alias = "id")]
    pub id: Flex,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub txn_type: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub void_timestamp: Option<String>,
    #[serde(rename = "CardPAN", default, skip_serializing_if = "Option::is_none")]
    pub card_pan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<bool>,
    #[serde(rename = "STAN", default, skip_serializing_if = "Option::is_none")]
    pub stan: Option<Flex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_number: Option<Flex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquirer: Option<Flex>,
    #[serde(rename = "TID", default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
    #[serde(rename = "MID", default, skip_serializing_if = "Option::is_none")]
    pub mid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cashback_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loyalty_redemption_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instalments: Option<u32>,
    #[serde(rename = "RRN", default, skip_serializing_if = "Option::is_none")]
    pub rrn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_code: Option<String>,
    #[serde(rename = "OriginalRRN", default, skip_serializing_if = "Option::is_none")]
    pub original_rrn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_auth_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
}

#[cfg(test)]
mod tests;
