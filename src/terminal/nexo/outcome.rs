//! What a PaymentResponse, a ReversalResponse or a TransactionStatusResponse means for the
//! register: approved (with receipts), declined, cancelled, or no proof either way.

use super::codec::*;
use super::receipt;
use crate::terminal::wirelog;
use crate::terminal::{Approval, Outcome, Recovery, TerminalError};

/// The outcome a PaymentResponse reports. A result tameio did not ask for (`Partial`) or an
/// empty one proves nothing: an error, so the attempt stays open for a person.
pub fn of_payment(p: &PaymentResponse) -> Result<Outcome, TerminalError> {
    let receipts: Vec<receipt::Receipt> = p.payment_receipts.iter().map(receipt::decode).collect();
    match p.response.result.as_str() {
        "Success" => Ok(Outcome::Approved(approval(p, &receipts))),
        "Failure" => Ok(failure(&p.response, &receipts)),
        other => Err(TerminalError::Protocol(format!(
            "payment result {other:?}: {}",
            super::client::describe(&p.response)
        ))),
    }
}

/// The outcome of a Reversal of `original`.
pub fn of_reversal(r: &ReversalResponse, original: &TransactionId) -> Result<Outcome, TerminalError> {
    let receipts: Vec<receipt::Receipt> = r.payment_receipts.iter().map(receipt::decode).collect();
    match r.response.result.as_str() {
        "Success" => {
            let poi =
                r.poi_data.as_ref().map(|d| d.poi_transaction_id.clone()).unwrap_or_else(|| original.clone());
            Ok(Outcome::Approved(Approval {
                transaction_id: poi.transaction_id,
                when: poi.time_stamp,
                action_code: receipts.iter().find_map(receipt::Receipt::response_code).unwrap_or_default(),
                receipt_text: wirelog::mask_card_numbers(&receipt::text(&receipts)),
                ..Approval::default()
            }))
        }
        "Failure" => Ok(failure(&r.response, &receipts)),
        other => Err(TerminalError::Protocol(format!("reversal result {other:?}"))),
    }
}

fn failure(r: &Response, receipts: &[receipt::Receipt]) -> Outcome {
    let message = super::client::describe(r);
    match r.error_condition.as_deref() {
        Some("Aborted") | Some("Cancel") => Outcome::Cancelled { message },
        condition => {
            // The host's own code is only in the receipt JSON (notes §4.3).
            let code = receipts
                .iter()
                .find_map(receipt::Receipt::response_code)
                .or_else(|| condition.map(str::to_string))
                .unwrap_or_default();
            // The customer keeps the slip of a refused card too (notes §4.3).
            let receipt_text = wirelog::mask_card_numbers(&receipt::text(receipts));
            Outcome::Declined { code, message, receipt_text }
        }
    }
}

fn approval(p: &PaymentResponse, receipts: &[receipt::Receipt]) -> Approval {
    let result = p.payment_result.clone().unwrap_or_default();
    let card = result.payment_instrument_data.and_then(|i| i.card_data).unwrap_or_default();
    let acquirer = result.payment_acquirer_data.unwrap_or_default();
    let amounts = result.amounts_resp.unwrap_or_default();
    let poi = p.poi_data.as_ref().map(|d| d.poi_transaction_id.clone()).unwrap_or_default();
    let brand = card.payment_brand.unwrap_or_default();
    // "01,Mastercard Debit": the usage code first, then the brand.
    let brand = brand.split_once(',').map(|(_, b)| b.to_string()).unwrap_or(brand);
    Approval {
        auth_code: acquirer.approval_code.unwrap_or_default().trim().to_string(),
        masked_pan: wirelog::mask_pan(&card.masked_pan.unwrap_or_default()),
        terminal_id: acquirer.acquirer_poi_id.unwrap_or_default(),
        acquirer_id: acquirer.merchant_id.unwrap_or_default(),
        card_brand: brand.trim().to_string(),
        transaction_id: poi.transaction_id,
        when: poi.time_stamp,
        entry_mode: card.entry_mode.unwrap_or_default(),
        action_code: receipts.iter().find_map(receipt::Receipt::response_code).unwrap_or_default(),
        host_amount: cents(&amounts.authorized_amount).map(|c| c.to_string()).unwrap_or_default(),
        receipt_text: wirelog::mask_card_numbers(&receipt::text(receipts)),
        signature_required: receipts.iter().any(receipt::Receipt::signature_block),
        ..Approval::default()
    }
}

/// What a TransactionStatus about the message `sent` proves. `NotFound` proves nothing (review
/// N-1): Swedbank gives it no meaning, and ServiceIDs are unique only within a login session,
/// which a restarted register or terminal has started anew. The caller then asks for the last
/// transaction (`by_last`).
pub fn recovered(sent: &MessageHeader, status: &TransactionStatusResponse) -> Recovery {
    let said = super::client::describe(&status.response);
    if status.response.failed_with("NotFound") {
        let evidence = format!(
            "TransactionStatus: the terminal finds no {} {} in this login session ({said})",
            sent.message_category,
            sent.service_id.as_deref().unwrap_or_default()
        );
        return Recovery::Undecided { evidence, unmatched: None };
    }
    if !status.response.is_success() {
        return Recovery::Undecided { evidence: format!("TransactionStatus: {said}"), unmatched: None };
    }
    let Some(found) = status.repeated_message_response.as_ref() else {
        return Recovery::Undecided {
            evidence: "TransactionStatus without the repeated response".into(),
            unmatched: None,
        };
    };
    // The repeated header, when present, must name our message.
    let ours = found
        .message_header
        .as_ref()
        .is_none_or(|h| h.service_id == sent.service_id && h.message_category == sent.message_category);
    let outcome = match sent.message_category.as_str() {
        "Reversal" => found.reversal().map(|r| of_reversal(r, &TransactionId::default())),
        _ => found.payment().map(of_payment),
    };
    match (outcome, ours) {
        (Some(Ok(outcome)), true) => Recovery::Resolved(outcome),
        (Some(Ok(outcome)), false) => Recovery::Undecided {
            evidence: "TransactionStatus answered for another message".into(),
            unmatched: Some(outcome),
        },
        (Some(Err(e)), _) => {
            Recovery::Undecided { evidence: format!("TransactionStatus: {e}"), unmatched: None }
        }
        (None, _) => Recovery::Undecided {
            evidence: format!("TransactionStatus repeated no {} response", sent.message_category),
            unmatched: None,
        },
    }
}

/// What the terminal's last transaction (the empty TransactionStatus) proves about `sent`, after
/// `not_found` (the evidence of the lookup by ServiceID): only a payment whose
/// `SaleTransactionID` is this attempt's decides; anything else leaves it to a manager.
pub fn by_last(sent: &MessageHeader, last: &TransactionStatusResponse, not_found: &str) -> Recovery {
    let wanted = sent.service_id.as_deref().unwrap_or_default();
    let undecided =
        |why: String| Recovery::Undecided { evidence: format!("{not_found}; {why}"), unmatched: None };
    if sent.message_category != "Payment" {
        // A ReversalResponse names no SaleTransactionID to compare.
        return undecided("a Reversal cannot be matched by the last transaction".into());
    }
    if !last.response.is_success() {
        return undecided(format!("last transaction: {}", super::client::describe(&last.response)));
    }
    let Some(payment) = last.repeated_message_response.as_ref().and_then(|r| r.payment()) else {
        return undecided("the terminal's last transaction is no payment".into());
    };
    let theirs =
        payment.sale_data.as_ref().map(|d| d.sale_transaction_id.transaction_id.trim()).unwrap_or_default();
    if theirs.is_empty() || theirs != wanted {
        return undecided(format!(
            "the terminal's last payment is SaleTransactionID {theirs:?}, not this attempt's {wanted}"
        ));
    }
    match of_payment(payment) {
        Ok(outcome) => Recovery::Resolved(outcome),
        Err(e) => undecided(format!("last transaction (this attempt): {e}")),
    }
}

/// What a ReconciliationResponse closed: the period's card total (sales less refunds and
/// reversals), in `currency` (or any, when the terminal names none), and a slip of its lines.
/// A total the terminal wrote unreadably is an error: a batch is never closed on a guess.
pub fn batch_totals(
    r: &ReconciliationResponse,
    currency: &str,
) -> Result<crate::terminal::BatchTotals, TerminalError> {
    totals_of(&r.response, &r.transaction_totals, r.poi_reconciliation_id.as_deref(), currency)
}

/// The running totals a GetTotalsResponse reports (nothing closed), as `batch_totals` reads them.
pub fn running_totals(
    r: &GetTotalsResponse,
    currency: &str,
) -> Result<crate::terminal::BatchTotals, TerminalError> {
    totals_of(&r.response, &r.transaction_totals, r.poi_reconciliation_id.as_deref(), currency)
}

fn totals_of(
    response: &Response,
    transaction_totals: &[TransactionTotals],
    period: Option<&str>,
    currency: &str,
) -> Result<crate::terminal::BatchTotals, TerminalError> {
    let mut total = 0i64;
    let mut lines = Vec::new();
    let ours = |t: &&TransactionTotals| {
        t.payment_currency.as_deref().is_none_or(|c| c.trim().eq_ignore_ascii_case(currency))
    };
    for t in transaction_totals.iter().filter(ours) {
        for p in &t.payment_totals {
            let amount = cents(&p.transaction_amount).ok_or_else(|| {
                TerminalError::Protocol(format!("reconciliation amount {:?}", p.transaction_amount))
            })?;
            let sign = match p.transaction_type.as_str() {
                "Debit" | "ReverseCredit" => 1,
                "Credit" | "ReverseDebit" => -1,
                _ => 0,
            };
            total += sign * amount;
            let brand = t.card_brand.as_deref().unwrap_or(&t.payment_instrument_type);
            let shown = crate::domain::Money::from_cents(amount);
            lines.push(format!("{brand} {} × {}: {shown}", p.transaction_type, p.transaction_count.trim()));
        }
    }
    Ok(crate::terminal::BatchTotals {
        terminal_id: period.unwrap_or_default().to_string(),
        ok: response.is_success(),
        result_code: response.error_condition.clone().unwrap_or_else(|| response.result.clone()),
        message: if response.is_success() { String::new() } else { super::client::describe(response) },
        terminal_total: crate::domain::Money::from_cents(total),
        host_total: None,
        action_code: String::new(),
        receipt_text: lines.join("\n"),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn vector(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/nexo").join(name);
        std::fs::read_to_string(path).unwrap()
    }

    fn payment(name: &str) -> PaymentResponse {
        match parse_response(&vector(name)).unwrap().body {
            ResponseBody::PaymentResponse(p) => p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_sample_approval_keeps_its_facts_and_receipts() {
        let Outcome::Approved(a) =
            of_payment(&payment("includes__pax-payment-response__0__PaymentResponse.xml")).unwrap()
        else {
            panic!()
        };
        assert_eq!((a.auth_code.as_str(), a.card_brand.as_str()), ("611506", "Mastercard Debit"));
        assert_eq!((a.transaction_id.as_str(), a.when.as_str()), ("8778880185", "2023-08-24T15:04:00.498Z"));
        assert_eq!((a.masked_pan.as_str(), a.entry_mode.as_str()), ("516815******9659", "Contactless"));
        assert_eq!((a.terminal_id.as_str(), a.acquirer_id.as_str()), ("877888", "10020001"));
        assert_eq!((a.host_amount.as_str(), a.action_code.as_str()), ("5600", "00"));
        assert!(
            a.receipt_text.contains("Auth code: 611506")
                && a.receipt_text.contains("Kortinnehavarens kvitto")
        );
    }

    #[test]
    fn a_restricted_card_is_declined_with_its_condition() {
        let o = of_payment(&payment("fuelfunctionality__2__PaymentResponse.xml")).unwrap();
        let Outcome::Declined { code, message, .. } = o else { panic!("{o:?}") };
        assert_eq!(code, "PaymentRestriction");
        assert!(message.contains("Some Products not Payable"));
    }

    #[test]
    fn aborted_is_cancelled_and_partial_proves_nothing() {
        let mut p = PaymentResponse {
            response: Response::failure("Aborted", "by the sale system"),
            ..PaymentResponse::default()
        };
        assert!(matches!(of_payment(&p).unwrap(), Outcome::Cancelled { .. }));
        p.response = Response { result: "Partial".into(), ..Response::default() };
        assert!(of_payment(&p).is_err());
    }

    #[test]
    fn recovery_reads_both_layouts_and_refuses_another_message() {
        let sent = MessageHeader::service_request("Payment", "0000000042", "1", "A-POIID");
        let approved = payment("includes__pax-payment-response__0__PaymentResponse.xml");
        let swedbank = TransactionStatusResponse {
            response: Response::success(),
            message_reference: None,
            repeated_message_response: Some(RepeatedMessageResponse {
                message_header: Some(sent.response()),
                payment_response: Some(approved.clone()),
                ..RepeatedMessageResponse::default()
            }),
        };
        assert!(matches!(recovered(&sent, &swedbank), Recovery::Resolved(Outcome::Approved(_))));
        let standard = TransactionStatusResponse {
            response: Response::success(),
            message_reference: None,
            repeated_message_response: Some(RepeatedMessageResponse {
                message_header: Some(sent.response()),
                body: Some(RepeatedBody { payment_response: Some(approved), ..RepeatedBody::default() }),
                ..RepeatedMessageResponse::default()
            }),
        };
        assert!(matches!(recovered(&sent, &standard), Recovery::Resolved(Outcome::Approved(_))));
        let other = MessageHeader::service_request("Payment", "0000000041", "1", "A-POIID");
        assert!(matches!(recovered(&other, &standard), Recovery::Undecided { unmatched: Some(_), .. }));
        let missing =
            TransactionStatusResponse { response: Response::failure("NotFound", ""), ..Default::default() };
        assert!(
            matches!(recovered(&sent, &missing), Recovery::Undecided { unmatched: None, .. }),
            "NotFound proves nothing (review N-1)"
        );
        let busy =
            TransactionStatusResponse { response: Response::failure("Busy", ""), ..Default::default() };
        assert!(matches!(recovered(&sent, &busy), Recovery::Undecided { unmatched: None, .. }));
    }

    #[test]
    fn not_found_is_decided_only_by_a_last_payment_of_this_attempt() {
        let sent = MessageHeader::service_request("Payment", "0000000042", "1", "A-POIID");
        let mut approved = payment("includes__pax-payment-response__0__PaymentResponse.xml");
        let last_with = |p: &PaymentResponse| TransactionStatusResponse {
            response: Response::success(),
            message_reference: None,
            repeated_message_response: Some(RepeatedMessageResponse {
                payment_response: Some(p.clone()),
                ..RepeatedMessageResponse::default()
            }),
        };
        let mut ours = SaleData::default();
        ours.sale_transaction_id.transaction_id = "0000000042".into();
        approved.sale_data = Some(ours.clone());
        let found = by_last(&sent, &last_with(&approved), "not found");
        assert!(matches!(found, Recovery::Resolved(Outcome::Approved(_))), "{found:?}");
        // The previous sale, or one without a SaleTransactionID, proves nothing about this one.
        ours.sale_transaction_id.transaction_id = "0000000041".into();
        approved.sale_data = Some(ours);
        let other = by_last(&sent, &last_with(&approved), "not found");
        assert!(
            matches!(&other, Recovery::Undecided { unmatched: None, evidence } if evidence.contains("0000000041"))
        );
        approved.sale_data = None;
        assert!(matches!(by_last(&sent, &last_with(&approved), ""), Recovery::Undecided { .. }));
        let empty =
            TransactionStatusResponse { response: Response::failure("NotFound", ""), ..Default::default() };
        assert!(matches!(by_last(&sent, &empty, ""), Recovery::Undecided { .. }));
        let reversal = MessageHeader::service_request("Reversal", "0000000042", "1", "A-POIID");
        assert!(matches!(by_last(&reversal, &last_with(&approved), ""), Recovery::Undecided { .. }));
    }

    #[test]
    fn a_refused_reconciliation_closes_nothing_and_an_unreadable_total_is_an_error() {
        let refused = ReconciliationResponse {
            reconciliation_type: "SaleReconciliation".into(),
            response: Response::failure("NotAllowed", "Reconciliation not supported"),
            ..Default::default()
        };
        let t = batch_totals(&refused, "EUR").unwrap();
        assert!(!t.ok);
        assert_eq!(t.result_code, "NotAllowed");
        assert!(t.message.contains("Reconciliation not supported"), "{}", t.message);
        let garbled = ReconciliationResponse {
            response: Response::success(),
            transaction_totals: vec![TransactionTotals {
                payment_instrument_type: "Card".into(),
                payment_totals: vec![PaymentTotals {
                    transaction_type: "Debit".into(),
                    transaction_count: "1".into(),
                    transaction_amount: "12,00".into(),
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        assert!(batch_totals(&garbled, "EUR").is_err(), "never closed on a guess");
        // Another currency's totals are not this register's.
        let mut sek = garbled.clone();
        sek.transaction_totals[0].payment_currency = Some("SEK".into());
        assert_eq!(batch_totals(&sek, "EUR").unwrap().terminal_total, crate::domain::Money::ZERO);
    }
}
