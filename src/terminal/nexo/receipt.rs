//! The terminal's receipts: each `OutputText` is base64 JSON (`Merchant` or `Cardholder`,
//! each with `Mandatory` and `Optional`); the ready-made lines are `Optional.ReceiptString`.

use base64::Engine;
use serde_json::Value;

use super::codec::PaymentReceipt;

/// One receipt as tameio keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// `CashierReceipt` or `CustomerReceipt`.
    pub qualifier: String,
    /// The decoded JSON, when the text was base64 JSON.
    pub json: Option<Value>,
    /// The printable lines.
    pub lines: Vec<String>,
}

impl Receipt {
    /// The receipt's top object (`Merchant` / `Cardholder`).
    fn top(&self) -> Option<&Value> {
        self.json.as_ref()?.as_object()?.values().next()
    }

    fn mandatory(&self, section: &str, field: &str) -> Option<&Value> {
        self.top()?.get("Mandatory")?.get(section)?.get(field)
    }

    /// The merchant copy must be signed (light integration: print it; refused → Reversal).
    pub fn signature_block(&self) -> bool {
        self.mandatory("Payment", "SignatureBlock").and_then(Value::as_bool).unwrap_or(false)
    }

    /// The host's answer code; on a decline the only place it is reported.
    pub fn response_code(&self) -> Option<String> {
        self.mandatory("Outcome", "AuthorisationResponseCode").and_then(Value::as_str).map(str::to_string)
    }
}

/// Decodes one receipt; text that is not base64 JSON is kept as its lines.
pub fn decode(receipt: &PaymentReceipt) -> Receipt {
    let raw: Vec<String> = receipt.output_content.lines();
    let joined: String = raw.iter().map(|l| l.trim()).collect();
    let json = base64::engine::general_purpose::STANDARD
        .decode(joined.as_bytes())
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .filter(Value::is_object);
    let lines = match &json {
        Some(v) => receipt_strings(v).unwrap_or_else(|| summary_lines(v)),
        None => raw,
    };
    Receipt { qualifier: receipt.document_qualifier.clone(), json, lines }
}

fn receipt_strings(v: &Value) -> Option<Vec<String>> {
    let top = v.as_object()?.values().next()?;
    let list = top.get("Optional")?.get("ReceiptString")?.as_array()?;
    Some(list.iter().map(|l| l.as_str().unwrap_or_default().to_string()).collect())
}

/// Lines from the mandatory fields when the terminal sent no ready-made ones.
fn summary_lines(v: &Value) -> Vec<String> {
    let Some(top) = v.as_object().and_then(|o| o.values().next()) else {
        return Vec::new();
    };
    let get = |section: &str, field: &str| {
        top.get("Mandatory").and_then(|m| m.get(section)).and_then(|s| s.get(field)).and_then(Value::as_str)
    };
    let pairs = [
        ("", get("CardAcceptor", "Name")),
        ("", get("CardDetails", "PrimaryAccountNumber")),
        ("Auth code: ", get("Outcome", "ApprovalCode")),
        ("ARC: ", get("Outcome", "AuthorisationResponseCode")),
        ("", get("Payment", "TotalAmount")),
        ("", get("Payment", "Currency")),
    ];
    pairs.iter().filter_map(|(label, value)| value.map(|v| format!("{label}{v}"))).collect()
}

/// Every receipt's lines, the customer's first, as one printable text (`Approval::receipt_text`).
pub fn text(receipts: &[Receipt]) -> String {
    let mut ordered: Vec<&Receipt> = receipts.iter().collect();
    ordered.sort_by_key(|r| r.qualifier != "CustomerReceipt");
    ordered.iter().map(|r| r.lines.join("\n")).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n")
}
