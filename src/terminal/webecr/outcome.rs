//! What an intent means for the register: a final outcome, "nothing was charged", "ask the
//! operator", or "still in progress"; and the approval data a receipt needs.

use super::codec::{Flex, Intent, IntentResult, IntentStatus, Transaction, txn_type};
use crate::domain::money::Money;
use crate::terminal::{Approval, Outcome, Progress, ProgressSink};

/// The meaning of one look at an intent.
// Made once per look; boxing the outcome would only burden every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Final(Outcome),
    /// The POS never took it (BUSY, MAX_TRANSACTIONS): nothing was charged.
    NotCharged {
        busy: bool,
        why: String,
    },
    /// Completed without a usable result (UNKNOWN, or a code we do not know).
    Unknown(String),
    InProgress(IntentStatus),
}

/// The text shown for a full batch; the cashier must close it on the POS.
pub const BATCH_FULL: &str =
    "the terminal's batch is full (MAX_TRANSACTIONS): close the batch on the terminal first";

pub fn judge(intent: &Intent, details: Option<&Transaction>) -> Verdict {
    let Some(result) = intent.result() else {
        return Verdict::InProgress(intent.status());
    };
    let id = intent.id_text();
    match result {
        // `Result = 1` alone is not enough when the transaction is shown: the spec's approved
        // answer carries `Transaction.Approved = true` (§3.7.5/3.7.8, review W-11). A list item
        // that only names its transaction (and a void, whose details cannot be fetched by
        // reference) is judged by `Result`, as the spec's lists give nothing more.
        IntentResult::Approved => match intent.transaction_object().or(details).map(|t| t.approved) {
            Some(Some(true)) | None => Verdict::Final(Outcome::Approved(approval(intent, details))),
            Some(said_approved) => Verdict::Unknown(format!(
                "intent {id}: result APPROVED but the transaction {}; the card may have been charged, check the terminal{}",
                if said_approved == Some(false) { "says not approved" } else { "does not say approved" },
                said(intent)
            )),
        },
        IntentResult::Declined => Verdict::Final(Outcome::declined(
            "DECLINED",
            format!("declined by the authorisation system (intent {id})"),
        )),
        IntentResult::Cancelled => {
            Verdict::Final(Outcome::Cancelled { message: format!("cancelled on the terminal (intent {id})") })
        }
        IntentResult::Failed => Verdict::Final(Outcome::declined(
            "FAILED",
            format!("the terminal could not complete the transaction (intent {id})"),
        )),
        IntentResult::Busy => Verdict::NotCharged {
            busy: true,
            why: format!("the terminal was busy or under maintenance (intent {id})"),
        },
        IntentResult::MaxTransactions => {
            Verdict::NotCharged { busy: false, why: format!("{BATCH_FULL} (intent {id})") }
        }
        IntentResult::Unknown => Verdict::Unknown(format!(
            "intent {id}: the terminal never reported a result; the card may have been charged, check the terminal{}",
            said(intent)
        )),
        IntentResult::Other(n) => {
            Verdict::Unknown(format!("intent {id} completed with unknown result {n}{}", said(intent)))
        }
    }
}

/// The intent as the backend sent it, card numbers masked: kept in the attempt's note.
pub fn said(intent: &Intent) -> String {
    if intent.raw.is_empty() {
        return String::new();
    }
    let shown: String = intent.raw.chars().take(1500).collect();
    format!("; the backend said: {}", crate::terminal::wirelog::mask_card_numbers(&shown))
}

/// The approval from the intent and its transaction (the object, or `details` fetched for a
/// list item that only referenced it).
pub fn approval(intent: &Intent, details: Option<&Transaction>) -> Approval {
    let t = intent.transaction_object().or(details);
    let txn_ref = intent.transaction.as_ref().map(|r| r.id_text()).unwrap_or_default();
    let backend_txn = t.map(|t| t.id.to_string()).unwrap_or(txn_ref);
    let text = |v: Option<&String>| v.cloned().unwrap_or_default();
    let legal = intent.transaction_id.clone().filter(|s| !s.is_empty());
    let is_preauth = intent.txn_type.or(t.and_then(|t| t.txn_type)) == Some(txn_type::PREAUTH);
    Approval {
        auth_code: text(t.and_then(|t| t.auth_code.as_ref())),
        masked_pan: mask(t.and_then(|t| t.card_pan.as_deref()).unwrap_or("")),
        stan: t.and_then(|t| t.stan.as_ref()).map(stan_text).unwrap_or_default(),
        rrn: text(t.and_then(|t| t.rrn.as_ref())),
        terminal_id: text(t.and_then(|t| t.tid.as_ref())),
        acquirer_id: t.and_then(|t| t.acquirer.as_ref()).map(|a| a.to_string()).unwrap_or_default(),
        // Only the 21-digit TransactionId of Greek law, or nothing: the backend's own
        // `Transaction.Id` (e.g. `8091750`) would otherwise reach myDATA as `transactionId`
        // (review W-10). Left empty, the register builds it from acquirer + RRN + auth code
        // when those are whole, else myDATA gets it from the acquirer.
        transaction_id: legal.clone().unwrap_or_default(),
        when: text(t.and_then(|t| t.timestamp.as_ref())),
        // A completion names the pre-authorisation by its TransactionId (spec §3.7.5).
        preauth_code: if is_preauth {
            legal.clone().unwrap_or_else(|| backend_txn.clone())
        } else {
            String::new()
        },
        host_amount: t.and_then(|t| t.amount).or(intent.amount).map(|a| a.to_string()).unwrap_or_default(),
        tip: Money::from_cents(t.and_then(|t| t.tip_amount).or(intent.tip_amount).unwrap_or(0)),
        // The body that decided it, kept with the approval (at most 4000 characters, masked).
        raw: crate::terminal::wirelog::mask_card_numbers(&intent.raw.chars().take(4000).collect::<String>()),
        ..Approval::default()
    }
}

/// Six digits as on the slip, whether the backend sent `13` or `"000013"`; other text as sent.
fn stan_text(stan: &Flex) -> String {
    match stan.int() {
        Some(n) if n >= 0 => format!("{n:06}"),
        _ => stan.to_string().trim().to_string(),
    }
}

/// Leaves at most the last four digits in clear (`516732******6411` → `************6411`).
pub fn mask(pan: &str) -> String {
    let digits = pan.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    pan.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if digits - seen < 4 { c } else { '*' }
            } else {
                c
            }
        })
        .collect()
}

/// Tells the cashier where the intent stands, once per change.
pub fn report(progress: &ProgressSink, last: &mut Option<IntentStatus>, now: IntentStatus) {
    if *last == Some(now) {
        return;
    }
    *last = Some(now);
    match now {
        IntentStatus::Pending => {
            progress.emit(Progress::Acknowledged);
            progress.emit(Progress::Display("WebECR: waiting for the terminal".into()));
        }
        IntentStatus::Sent => {
            progress.emit(Progress::Display("WebECR: on the terminal".into()));
            progress.emit(Progress::Authorising);
        }
        IntentStatus::Completed => progress.emit(Progress::ResultReceived),
        IntentStatus::Other(n) => progress.emit(Progress::Display(format!("WebECR: status {n}"))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn txn(v: serde_json::Value) -> Transaction {
        crate::terminal::webecr::lenient::transaction(&v)
    }

    #[test]
    fn masks_all_but_the_last_four() {
        assert_eq!(mask("516732******6411"), "************6411");
        assert_eq!(mask("4242"), "4242");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn results_map_to_verdicts() {
        let mut i = Intent { id: Some("7".into()), status: 2, result: Some(1), ..Intent::default() };
        assert_eq!(judge(&i, None), Verdict::InProgress(IntentStatus::Sent));
        i.status = 3;
        let shown = txn(serde_json::json!({"Id": 1, "Approved": true}));
        assert!(matches!(judge(&i, Some(&shown)), Verdict::Final(Outcome::Approved(_))));
        for (r, busy) in [(6, true), (7, false)] {
            i.result = Some(r);
            assert!(matches!(judge(&i, None), Verdict::NotCharged { busy: b, .. } if b == busy));
        }
        i.result = Some(7);
        assert!(
            matches!(judge(&i, None), Verdict::NotCharged { why, .. } if why.contains("close the batch"))
        );
        i.result = Some(5);
        assert!(matches!(judge(&i, None), Verdict::Unknown(_)));
        i.result = Some(2);
        assert!(matches!(judge(&i, None), Verdict::Final(Outcome::Declined { .. })));
        i.result = Some(3);
        assert!(matches!(judge(&i, None), Verdict::Final(Outcome::Cancelled { .. })));
    }

    /// Review W-10: the spec's plain sale (RRN `001003`, no `TransactionId`) gives no
    /// transaction id at all, never the backend's `Transaction.Id`.
    #[test]
    fn the_backend_transaction_id_is_never_the_legal_one() {
        let t = serde_json::json!({"Id": "8091750", "RRN": "001003", "AuthCode": "315144", "Approved": true});
        let mut i = Intent { id: Some("7".into()), status: 3, result: Some(1), ..Intent::default() };
        i.transaction = Some(super::super::codec::TxnRef::Object(Box::new(txn(t))));
        let Verdict::Final(Outcome::Approved(a)) = judge(&i, None) else { panic!("not approved") };
        assert_eq!(a.transaction_id, "");
        assert_eq!(a.rrn, "001003");
        i.transaction_id = Some("075121702285176315144".into());
        let Verdict::Final(Outcome::Approved(a)) = judge(&i, None) else { panic!("not approved") };
        assert_eq!(a.transaction_id, "075121702285176315144");
    }

    /// Review W-11: `Result = 1` with a transaction shown is an approval only with
    /// `Transaction.Approved = true`.
    #[test]
    fn approved_needs_the_transaction_to_say_so() {
        let i = Intent { id: Some("7".into()), status: 3, result: Some(1), ..Intent::default() };
        let yes = txn(serde_json::json!({"Id": 1, "Approved": true}));
        let no = txn(serde_json::json!({"Id": 1, "Approved": false}));
        assert!(matches!(judge(&i, Some(&yes)), Verdict::Final(Outcome::Approved(_))));
        assert!(matches!(judge(&i, Some(&no)), Verdict::Unknown(w) if w.contains("says not approved")));
        let unread = txn(serde_json::json!({"Id": 1, "Approved": "yes?"}));
        assert!(matches!(judge(&i, Some(&unread)), Verdict::Unknown(w) if w.contains("does not say")));
        // Only a bare reference, no details: the list gives nothing more than `Result`.
        assert!(matches!(judge(&i, None), Verdict::Final(Outcome::Approved(_))));
    }
}
