//! Turning ECR17 results into the register's `Outcome` and `BatchTotals`; masks the PAN so no
//! more than its last four digits ever leave the driver.

use super::reply::SessionTotals;
use super::result::CardResult;
use crate::domain::money::Money;
use crate::terminal::{Approval, BatchTotals, Outcome};

/// What an ECR17 card result proves about the payment.
// One per exchange, matched at once: size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Approved, declined or cancelled: the journal may book it.
    Proven(Outcome),
    /// A result that does not say whether the card was charged (`09` "unknown TAG from the
    /// host", or a code the spec does not list): the attempt stays open for a person.
    Uncertain(String),
}

/// The result codes whose meaning the spec states: `00` OK, `01` KO, `05` card not present.
fn is_documented_outcome(code: &str) -> bool {
    matches!(code, "00" | "01" | "05")
}

/// Why a result proves nothing (`None` when it does prove its outcome).
pub(crate) fn uncertainty(card: &CardResult) -> Option<String> {
    if is_documented_outcome(&card.result_code) {
        return None;
    }
    let what = match card.result_code.as_str() {
        "09" => "result 09 (the acquirer host sent data the terminal does not know)".to_string(),
        other => format!("result {other:?}, which the ECR17 specification does not list"),
    };
    Some(format!("{what}: it does not say whether the card was charged"))
}

pub(crate) fn verdict(card: &CardResult, receipt_text: &str) -> Verdict {
    match uncertainty(card) {
        Some(why) => Verdict::Uncertain(why),
        None => Verdict::Proven(from_card(card, receipt_text)),
    }
}

/// The outcome of a result with a documented code (`verdict` says which those are).
fn from_card(card: &CardResult, receipt_text: &str) -> Outcome {
    if card.is_ok() {
        return Outcome::Approved(Approval {
            auth_code: card.auth_code.trim().to_string(),
            masked_pan: mask_pan(&card.pan),
            stan: card.stan.clone(),
            rrn: String::new(),
            terminal_id: card.tid.clone(),
            acquirer_id: card.acquirer_id.clone(),
            card_brand: card_brand(&card.card_type).to_string(),
            transaction_id: card.online_id.clone(),
            receipt_text: crate::terminal::wirelog::mask_card_numbers(receipt_text),
            when: card.host_time.clone(),
            entry_mode: card.entry_mode.clone(),
            action_code: card.action_code.clone(),
            preauth_code: card.preauth_code.clone(),
            host_amount: card.amount.map(|a| a.to_string()).unwrap_or_default(),
            ..Approval::default()
        });
    }
    let message = if card.reason.is_empty() {
        default_reason(&card.result_code).to_string()
    } else {
        card.reason.clone()
    };
    // ECR17 has no cancel code; the terminal's reason text is the only hint (inferred).
    let upper = message.to_ascii_uppercase();
    if ["ANNULL", "CANCEL", "ABORT", "INTERROTT"].iter().any(|w| upper.contains(w)) {
        Outcome::Cancelled { message }
    } else {
        Outcome::declined(card.result_code.clone(), message)
    }
}

fn default_reason(code: &str) -> &'static str {
    match code {
        "05" => "card not present",
        _ => "declined",
    }
}

fn card_brand(card_type: &str) -> &'static str {
    match card_type {
        "1" => "PagoBANCOMAT",
        "2" => "credit",
        "3" => "other",
        _ => "",
    }
}

/// Keeps the last four characters; every other digit becomes `*` (leading fill dropped).
pub(crate) fn mask_pan(raw: &str) -> String {
    let pan = raw.trim().trim_start_matches('0');
    if pan.is_empty() {
        return String::new();
    }
    let keep = pan.len().saturating_sub(4);
    let masked: String = pan.chars().take(keep).map(|c| if c.is_ascii_digit() { '*' } else { c }).collect();
    let tail = &pan[keep..];
    if masked.is_empty() { format!("****{tail}") } else { format!("{masked}{tail}") }
}

pub(crate) fn batch(t: &SessionTotals, receipt_text: String) -> BatchTotals {
    BatchTotals {
        terminal_id: t.tid.clone(),
        ok: t.result_code == "00",
        result_code: t.result_code.clone(),
        message: t.reason.clone(),
        terminal_total: Money::from_cents(t.terminal_total as i64),
        host_total: t.host_total.map(|h| Money::from_cents(h as i64)),
        action_code: t.action_code.clone(),
        // The terminal's batch report may list its transactions' card numbers.
        receipt_text: crate::terminal::wirelog::mask_card_numbers(&receipt_text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pans_are_masked() {
        assert_eq!(mask_pan("0000000000000001234"), "****1234");
        assert_eq!(mask_pan("0000049350000001234"), "**********1234");
        assert_eq!(mask_pan("000493512******1234"), "************1234");
        assert_eq!(mask_pan("000000"), "");
    }

    #[test]
    fn ko_reasons_choose_cancel_or_decline() {
        let ko = |reason: &str| CardResult {
            result_code: "01".into(),
            reason: reason.into(),
            ..Default::default()
        };
        assert!(matches!(from_card(&ko("OPERAZIONE ANNULLATA"), ""), Outcome::Cancelled { .. }));
        assert!(matches!(from_card(&ko("CARTA RIFIUTATA"), ""), Outcome::Declined { .. }));
        let nocard = CardResult { result_code: "05".into(), ..Default::default() };
        assert_eq!(verdict(&nocard, ""), Verdict::Proven(Outcome::declined("05", "card not present")));
    }

    /// Nexi's result table (NEXI-SPEC, "Payment" page) lists `09` as "unknown TAG received from
    /// the host" with no branch layout; padosoft/laravel-ecr17 tests/Unit/Response/Ecr17ResponseTest.php
    /// maps it to its own `UnknownTag` outcome, not to KO. Neither is a decline.
    #[test]
    fn result_09_and_unlisted_codes_prove_nothing() {
        for code in ["09", "02", "99"] {
            let card = CardResult {
                result_code: code.into(),
                reason: "CARTA RIFIUTATA".into(),
                ..Default::default()
            };
            assert!(matches!(verdict(&card, ""), Verdict::Uncertain(_)), "{code}");
        }
        let ko =
            CardResult { result_code: "01".into(), reason: "CARTA RIFIUTATA".into(), ..Default::default() };
        assert!(matches!(verdict(&ko, ""), Verdict::Proven(Outcome::Declined { .. })));
    }
}
