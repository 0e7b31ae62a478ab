//! Every JSON example of webecr.md §11 parses to the documented fields and re-serialises to
//! equivalent JSON (keys compared without case, `null` equal to absent, the signature alias).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::*;

const REF: &str = "b7775c92-0be9-4005-9450-e45769e593e2";

/// Keys lowercased (`id`/`Id`), `ProviderSignature` read as `Signature`, nulls dropped.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                if v.is_null() {
                    continue;
                }
                let key = if k == "ProviderSignature" { "signature".into() } else { k.to_lowercase() };
                out.insert(key, normalise(v));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

/// Parses `text` as `T`, checks the round trip, and returns the value.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let parsed: T = serde_json::from_str(text).unwrap();
    let again = serde_json::to_value(&parsed).unwrap();
    let original: Value = serde_json::from_str(text).unwrap();
    assert_eq!(normalise(&again), normalise(&original), "re-serialised differently");
    let reparsed: T = serde_json::from_value(again.clone()).unwrap();
    // Compared as written: an intent also keeps the body it was read from.
    assert_eq!(serde_json::to_value(&reparsed).unwrap(), again);
    parsed
}

#[test]
fn redeem_request_and_answer() {
    let req: Redeem = round_trip(r#"{"Type":"webecr","Code":"8413239096"}"#);
    assert_eq!(req, Redeem::code("8413239096"));
    assert_eq!(serde_json::to_value(&req).unwrap(), json!({"Type":"webecr","Code":"8413239096"}));
    let ans: Redeem = round_trip(r#"{"Id":"Zg6xxfx_R1eXTOs39BPzqQ","Type":"webecr"}"#);
    assert_eq!(ans.id.as_deref(), Some("Zg6xxfx_R1eXTOs39BPzqQ"));
    assert_eq!(ans.kind, "webecr");
}

#[test]
fn terminal_list_entry() {
    let t: TerminalEntry =
        round_trip(r#"{"id":"358046","TerminalID":"64999964","Merchant":"11719","Acquirer":"11"}"#);
    assert_eq!(t.id.to_string(), "358046");
    assert_eq!(t.terminal_id, "64999964");
    assert_eq!(t.merchant, Some(Flex::from("11719")));
    assert_eq!(t.acquirer.unwrap().int(), Some(11));
}

#[test]
fn plain_sale_request_is_written_exactly() {
    let text = r#"{"TxnType":0,"Amount":100,"TipAmount":0,"CurrencyCode":978,
        "CustomerReference":"b7775c92-0be9-4005-9450-e45769e593e2","Timeout":180}"#;
    let req: TxnInit = round_trip(text);
    let built = TxnInit {
        txn_type: txn_type::SALE,
        amount: 100,
        tip_amount: Some(0),
        currency_code: EURO,
        customer_reference: REF.into(),
        timeout: Some(180),
        ..TxnInit::default()
    };
    assert_eq!(req, built);
    let original: Value = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_value(&built).unwrap(), original);
}

const SALE_ANSWER: &str = r#"{"Id":"1060","Status":3,"Result":1,"TxnType":0,"Amount":100,"TipAmount":0,"CurrencyCode":978,"Instalments":0,
 "CustomerReference":"b7775c92-0be9-4005-9450-e45769e593e2","Terminal":"358154",
 "Transaction":{"Id":"8091750","TxnType":0,"Timestamp":"2023-11-13T10:45:24Z","CardPAN":"516732******6411",
   "Approved":true,"Voided":false,"STAN":1,"BatchNumber":1,"Acquirer":"75","TID":"90000001","MID":"9000000001",
   "Amount":100,"Instalments":1,"RRN":"001003","AuthCode":"104525","CurrencyCode":978},
 "InitialTransaction":null}"#;

#[test]
fn plain_sale_answer() {
    let i: Intent = round_trip(SALE_ANSWER);
    assert_eq!(i.id_text(), "1060");
    assert_eq!(i.status(), IntentStatus::Completed);
    assert_eq!(i.result(), Some(IntentResult::Approved));
    assert_eq!(i.customer_reference.as_deref(), Some(REF));
    assert_eq!(i.terminal, Some(Flex::from("358154")));
    assert_eq!(i.transaction_id, None, "no validation, no TransactionId");
    assert_eq!(i.initial_transaction, None);
    let t = i.transaction_object().unwrap();
    assert_eq!(t.id, Flex::from("8091750"));
    assert_eq!(t.card_pan.as_deref(), Some("516732******6411"));
    assert_eq!((t.stan.clone(), t.batch_number.clone()), (Some(Flex::Int(1)), Some(Flex::Int(1))));
    assert_eq!(t.acquirer, Some(Flex::from("75")));
    assert_eq!(t.tid.as_deref(), Some("90000001"));
    assert_eq!(t.mid.as_deref(), Some("9000000001"));
    assert_eq!(t.rrn.as_deref(), Some("001003"));
    assert_eq!(t.auth_code.as_deref(), Some("104525"));
    assert_eq!(t.approved, Some(true));
    assert_eq!(t.voided, Some(false));
}

#[test]
fn provider_data_request_reads_provider_signature_and_writes_signature() {
    let text = r#"{"TxnType":0,"Amount":100,"TipAmount":0,"CurrencyCode":978,
 "CustomerReference":"b7775c92-0be9-4005-9450-e45769e593e2","Timeout":180,
 "ProviderData":{"Uid":"D4F6A5F5C6123658F78369E5191ED5C9D73CB7AC","Mark":null,"SignatureTimestamp":"20231114100000",
   "NetAmount":100,"VatAmount":24,"TotalAmount":124,"ProviderId":"012","ProviderSignature":"12345"}}"#;
    let req: TxnInit = round_trip(text);
    let p = req.provider_data.as_ref().unwrap();
    assert_eq!(p.uid, "D4F6A5F5C6123658F78369E5191ED5C9D73CB7AC");
    assert_eq!(p.mark, None);
    assert_eq!(p.signature_timestamp, "20231114100000");
    assert_eq!(p.net_amount.as_ref().and_then(Flex::int), Some(100));
    assert_eq!(p.vat_amount.as_ref().and_then(Flex::int), Some(24));
    assert_eq!(p.total_amount.as_ref().and_then(Flex::int), Some(124));
    assert_eq!(p.provider_id, Some(Flex::from("012")), "leading zero kept");
    assert_eq!(p.signature.as_deref(), Some("12345"));
    let out = serde_json::to_value(&req).unwrap();
    assert_eq!(out["ProviderData"]["Signature"], "12345");
    assert!(out["ProviderData"].get("ProviderSignature").is_none());
    // The table's spelling and numeric strings read the same way.
    let table: ProviderData = serde_json::from_str(
        r#"{"Uid":"U","SignatureTimestamp":"20231114100000","NetAmount":"100","VatAmount":"24",
            "TotalAmount":"124","ProviderId":12,"Signature":"s"}"#,
    )
    .unwrap();
    assert_eq!(table.total_amount.as_ref().and_then(Flex::int), Some(124));
    assert_eq!(table.signature.as_deref(), Some("s"));
}

#[test]
fn the_vendor_text_as_printed_is_not_json() {
    let printed = r#"{"NetAmount":100,"VatAmount":24,"TotalAmount" 124}"#;
    assert!(serde_json::from_str::<Value>(printed).is_err());
}

#[test]
fn provider_data_answer_has_a_numeric_id_and_a_transaction_id() {
    let text = SALE_ANSWER
        .replace(r#""Id":"1060""#, r#""Id":1060"#)
        .replace(r#""RRN":"001003""#, r#""RRN":"121702285176""#)
        .replace(r#""AuthCode":"104525""#, r#""AuthCode":"315144""#)
        .replace(
            r#""InitialTransaction":null"#,
            r#""InitialTransaction":null,"TransactionId":"075121702285176315144""#,
        );
    let i: Intent = round_trip(&text);
    assert_eq!(i.id, Some(Flex::Int(1060)));
    assert_eq!(i.id_text(), "1060");
    assert_eq!(i.transaction_id.as_deref(), Some("075121702285176315144"));
    assert_eq!(i.transaction_id.as_ref().map(String::len), Some(21));
}

#[test]
fn ecr_token_request() {
    let text = r#"{"TxnType":0,"Amount":100,"TipAmount":0,"CurrencyCode":978,
 "CustomerReference":"b7775c92-0be9-4005-9450-e45769e593e2","Timeout":180,
 "EcrTokenData":{"AmountCommand":"ECR0110A/S000011/F100:978:2/RABC00111222/D20240412124019/M0/H0/T11/QD93EDE48"}}"#;
    let req: TxnInit = round_trip(text);
    let cmd = &req.ecr_token_data.as_ref().unwrap().amount_command;
    assert_eq!(cmd.len(), 76);
    assert!(cmd.starts_with("ECR0110A/S000011/F100:978:2/"));
}

#[test]
fn intent_list_in_its_envelope() {
    let text = r#"{"count":1,"next":null,"previous":null,"results":[{"id":"5","Status":3,"Result":1,"TxnType":0,
"Amount":1000,"TipAmount":0,"CurrencyCode":978,"Instalments":0,
"CustomerReference":"e95d0038-6e5f-4874-84fe-e102ee6b87ca","Terminal":"14833","CustomerEmail":null,
"CustomerPhone":null,"Transaction":null,"InitialTransaction":null,"TransactionId":null}]}"#;
    let page: Page<Intent> = round_trip(text);
    assert_eq!(page.count, 1);
    assert_eq!(page.next, None);
    let i = &page.results[0];
    assert_eq!(i.id_text(), "5");
    assert_eq!(i.result(), Some(IntentResult::Approved));
    assert_eq!(i.void, None, "loose example: no Void field, not rejected");
    assert_eq!(i.transaction, None);
    assert_eq!(i.amount, Some(1000));
    // In lists `Transaction` is a reference to a transaction id.
    let with_ref: Intent =
        serde_json::from_str(r#"{"id":"6","Status":3,"Result":1,"Void":false,"Transaction":"8083099"}"#)
            .unwrap();
    assert_eq!(with_ref.transaction.as_ref().map(TxnRef::id_text).as_deref(), Some("8083099"));
    assert!(with_ref.transaction_object().is_none());
}

#[test]
fn transaction_list_item_with_a_numeric_acquirer() {
    let text = r#"{"Id":"8083099","TxnType":0,"Timestamp":"2023-02-15T15:35:16Z","VoidTimestamp":null,
"CardPAN":"491791******7889","Approved":true,"Voided":false,"STAN":13,"BatchNumber":143,"Acquirer":11,
"TID":"64999942","MID":"1234814","Amount":200,"TipAmount":0,"CashbackAmount":0,"LoyaltyRedemptionAmount":0,
"Instalments":0,"RRN":"304610013134","AuthCode":"892148","OriginalRRN":null,"OriginalAuthCode":null,
"CurrencyCode":978,"CustomerReference":null}"#;
    let t: Transaction = round_trip(text);
    assert_eq!(t.acquirer, Some(Flex::Int(11)));
    assert_eq!(t.acquirer.as_ref().map(Flex::to_string).as_deref(), Some("11"));
    assert_eq!(
        (t.stan.clone(), t.batch_number.clone(), t.amount),
        (Some(Flex::Int(13)), Some(Flex::Int(143)), Some(200))
    );
    assert_eq!(t.rrn.as_deref(), Some("304610013134"));
    assert_eq!(t.original_rrn, None);
    assert_eq!(t.customer_reference, None);
}

#[test]
fn ecrbind_and_key_exchange_echo() {
    let bind: EcrBind = round_trip(r#"{"EcrId":"ABC00111222"}"#);
    assert_eq!(bind.ecr_id, "ABC00111222");
    let kx: EcrKeyExchange = round_trip(
        r#"{"EcrId":"ABC00111222","SessionKey":"8FF79564430DD13EF06B5F199278FADC","Kcv":"4C8166"}"#,
    );
    assert_eq!(kx.session_key, "8FF79564430DD13EF06B5F199278FADC");
    assert_eq!(kx.kcv, "4C8166");
}

#[test]
fn tokens_and_void_bodies() {
    let login = Login { username: "u".into(), password: "p".into() };
    assert_eq!(serde_json::to_value(&login).unwrap(), json!({"username":"u","password":"p"}));
    let t: Tokens = serde_json::from_str(r#"{"access":"a","refresh":"r"}"#).unwrap();
    assert_eq!(t.refresh.as_deref(), Some("r"));
    let t: Tokens = serde_json::from_str(r#"{"access":"a2"}"#).unwrap();
    assert_eq!(t.refresh, None);
    let void = TxnVoid {
        original_identifier: "1060".into(),
        original_identifier_type: VOID_BY_INTENT,
        customer_email: None,
        customer_phone: None,
    };
    assert_eq!(
        serde_json::to_value(&void).unwrap(),
        json!({"OriginalIdentifier":"1060","OriginalIdentifierType":1})
    );
    // Unknown fields are ignored.
    let i: Intent = serde_json::from_str(r#"{"id":"9","Status":2,"Result":null,"Whatever":[1]}"#).unwrap();
    assert_eq!(i.status(), IntentStatus::Sent);
    assert_eq!(i.result(), None);
}

/// The spec's approved sale answer (§3.7.5) with any one field other than `Status` and
/// `Result` — at the top or inside `Transaction` — of a type no backend should send: still
/// approved. Only the fields that decide the money may make it unknown.
#[test]
fn no_unrelated_field_turns_an_approval_into_unknown() {
    use crate::terminal::Outcome;
    use crate::terminal::webecr::outcome::{Verdict, judge};
    let original: Value = serde_json::from_str(SALE_ANSWER).unwrap();
    let odd = [json!({"x": [1]}), json!([1, 2]), json!(true), json!("??"), json!(-1.5)];
    let top: Vec<String> = original.as_object().unwrap().keys().cloned().collect();
    let inner: Vec<String> = original["Transaction"].as_object().unwrap().keys().cloned().collect();
    let mut tried = 0;
    for weird in &odd {
        for key in top.iter().filter(|k| !matches!(k.as_str(), "Status" | "Result" | "Transaction")) {
            let mut v = original.clone();
            v[key.as_str()] = weird.clone();
            let i: Intent = serde_json::from_value(v).unwrap_or_else(|e| panic!("{key} = {weird}: {e}"));
            assert!(matches!(judge(&i, None), Verdict::Final(Outcome::Approved(_))), "{key} = {weird}");
            tried += 1;
        }
        // `Transaction.Approved` decides the money (review W-11), so it is not "unrelated".
        for key in inner.iter().filter(|k| k.as_str() != "Approved") {
            let mut v = original.clone();
            v["Transaction"][key.as_str()] = weird.clone();
            let i: Intent = serde_json::from_value(v).unwrap_or_else(|e| panic!("Transaction.{key}: {e}"));
            assert!(matches!(judge(&i, None), Verdict::Final(Outcome::Approved(_))), "Transaction.{key}");
            tried += 1;
        }
    }
    assert!(tried > 100);
    // Status or Result unreadable: nothing can be said about the money.
    let mut v = original.clone();
    v["Result"] = json!("approved?");
    let i: Intent = serde_json::from_value(v).unwrap();
    assert!(matches!(judge(&i, None), Verdict::Unknown(_)));
    let mut v = original;
    v["Status"] = json!({"x": 1});
    assert!(serde_json::from_value::<Intent>(v).is_err());
}

/// Zero-padded text and the older v2 object (`TxnId`, `TransactionType`, `Batch`; the public
/// C# client's TransactionResponseModel.cs) read into the same transaction.
#[test]
fn padded_text_and_the_older_object_read_alike() {
    let padded =
        r#"{"Id":"8091750","TxnType":0,"STAN":"000013","BatchNumber":"0143","Acquirer":75,"Approved":true}"#;
    let older = r#"{"TxnId":8091750,"TransactionType":0,"STAN":13,"Batch":143,"TID":90000001,"RRN":121702285176,
        "AuthCode":315144,"PosEntryMode":7,"HostResponseCode":0,"Cryptogram":"","Voucher":"","Approved":true}"#;
    let a: Transaction = serde_json::from_str(padded).unwrap();
    let b: Transaction = serde_json::from_str(older).unwrap();
    assert_eq!((a.id.to_string(), b.id.to_string()), ("8091750".into(), "8091750".into()));
    assert_eq!((a.stan.unwrap().int(), b.stan.unwrap().int()), (Some(13), Some(13)));
    assert_eq!((a.batch_number.unwrap().int(), b.batch_number.unwrap().int()), (Some(143), Some(143)));
    assert_eq!((a.txn_type, b.txn_type), (Some(0), Some(0)));
    assert_eq!(
        (b.tid.as_deref(), b.rrn.as_deref(), b.auth_code.as_deref()),
        (Some("90000001"), Some("121702285176"), Some("315144"))
    );
}
