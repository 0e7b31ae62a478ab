//! Tolerant reading of intents and transactions: each field on its own, numbers or strings
//! for ids and counters, the older v2 names (`TxnId`, `TransactionType`, `Batch`). Only an
//! unreadable `Status` refuses an intent; any other field of the wrong type is left out.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::codec::{Flex, Intent, Transaction, TxnRef};

/// The first of `names` present with a non-null value (backends differ in case and name).
fn field<'a>(m: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| m.get(*n).filter(|v| !v.is_null()))
}

/// A whole number, written as a number or as (zero-padded) decimal text.
fn int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64))
        }
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn small<T: TryFrom<i64>>(v: Option<&Value>) -> Option<T> {
    int(v).and_then(|n| T::try_from(n).ok())
}

/// Text, or a number written as text only when it is exact (a 21-digit id as a JSON number
/// would have lost digits: left out rather than wrong).
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

fn flex(v: Option<&Value>) -> Option<Flex> {
    match v? {
        Value::Number(n) => {
            n.as_i64().map(Flex::Int).or_else(|| n.as_u64().map(|u| Flex::Text(u.to_string())))
        }
        Value::String(s) => Some(Flex::Text(s.clone())),
        _ => None,
    }
}

fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_i64().and_then(|n| match n {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }),
        _ => None,
    }
}

/// An intent from any JSON value; `Err` only when it is not an object or its `Status` cannot
/// be read (then nothing about the money can be said).
pub fn intent(v: &Value) -> Result<Intent, String> {
    let m = v.as_object().ok_or("an intent must be a JSON object")?;
    let status =
        small::<u8>(field(m, &["Status", "status"])).ok_or("the intent's Status is missing or unreadable")?;
    let f = |names: &[&str]| field(m, names);
    Ok(Intent {
        id: flex(f(&["Id", "id"])),
        status,
        result: small(f(&["Result", "result"])),
        txn_type: small(f(&["TxnType", "TransactionType"])),
        void: boolean(f(&["Void"])),
        amount: int(f(&["Amount"])),
        tip_amount: int(f(&["TipAmount"])),
        currency_code: small(f(&["CurrencyCode"])),
        instalments: small(f(&["Instalments"])),
        customer_reference: text(f(&["CustomerReference"])),
        terminal: flex(f(&["Terminal"])),
        customer_email: text(f(&["CustomerEmail"])),
        customer_phone: text(f(&["CustomerPhone"])),
        transaction: txn_ref(f(&["Transaction"])),
        initial_transaction: txn_ref(f(&["InitialTransaction"])),
        transaction_id: text(f(&["TransactionId"])).filter(|t| !t.trim().is_empty()),
        raw: serde_json::to_string(v).unwrap_or_default(),
    })
}

/// An object is the transaction itself; a number or text only refers to it.
fn txn_ref(v: Option<&Value>) -> Option<TxnRef> {
    match v? {
        object @ Value::Object(_) => Some(TxnRef::Object(Box::new(transaction(object)))),
        other => flex(Some(other)).map(TxnRef::Id),
    }
}

/// A transaction from any JSON value; fields that cannot be read are left out.
pub fn transaction(v: &Value) -> Transaction {
    let empty = Map::new();
    let m = v.as_object().unwrap_or(&empty);
    let f = |names: &[&str]| field(m, names);
    Transaction {
        id: flex(f(&["Id", "id", "TxnId"])).unwrap_or(Flex::Text(String::new())),
        txn_type: small(f(&["TxnType", "TransactionType"])),
        timestamp: text(f(&["Timestamp"])),
        void_timestamp: text(f(&["VoidTimestamp"])),
        card_pan: text(f(&["CardPAN"])),
        approved: boolean(f(&["Approved"])),
        voided: boolean(f(&["Voided"])),
        stan: flex(f(&["STAN"])),
        batch_number: flex(f(&["BatchNumber", "Batch"])),
        acquirer: flex(f(&["Acquirer"])),
        tid: text(f(&["TID"])),
        mid: text(f(&["MID"])),
        amount: int(f(&["Amount"])),
        tip_amount: int(f(&["TipAmount"])),
        cashback_amount: int(f(&["CashbackAmount"])),
        loyalty_redemption_amount: int(f(&["LoyaltyRedemptionAmount"])),
        instalments: small(f(&["Instalments"])),
        rrn: text(f(&["RRN"])),
        auth_code: text(f(&["AuthCode"])),
        original_rrn: text(f(&["OriginalRRN"])),
        original_auth_code: text(f(&["OriginalAuthCode"])),
        currency_code: small(f(&["CurrencyCode"])),
        customer_reference: text(f(&["CustomerReference"])),
    }
}

impl<'de> Deserialize<'de> for Intent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        intent(&v).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Transaction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if !v.is_object() {
            return Err(serde::de::Error::custom("a transaction must be a JSON object"));
        }
        Ok(transaction(&v))
    }
}

impl<'de> Deserialize<'de> for TxnRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        txn_ref(Some(&v))
            .ok_or_else(|| serde::de::Error::custom("a transaction is an object, a number or text"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_and_padded_text_read_alike() {
        assert_eq!(int(Some(&json!("000013"))), Some(13));
        assert_eq!(int(Some(&json!(13))), Some(13));
        assert_eq!(int(Some(&json!(true))), None);
        assert_eq!(text(Some(&json!(8091750))), Some("8091750".into()));
        // 21 digits do not fit a u64: as a JSON number the id has lost digits, so it is left out.
        let lossy: Value = serde_json::from_str("751217022851763151440").unwrap();
        assert_eq!(text(Some(&lossy)), None);
        assert_eq!(boolean(Some(&json!("true"))), Some(true));
    }

    #[test]
    fn an_unreadable_status_is_the_only_refusal() {
        assert!(intent(&json!({"Result": 1})).is_err());
        assert!(intent(&json!([])).is_err());
        let i = intent(&json!({"Status": "3", "Result": "1", "Amount": {"weird": 1}, "Instalments": "x"}))
            .unwrap();
        assert_eq!((i.status, i.result, i.amount, i.instalments), (3, Some(1), None, None));
    }
}
