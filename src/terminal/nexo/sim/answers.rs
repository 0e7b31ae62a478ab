//! The simulated terminal's answers, shaped like Swedbank's samples: LoginResponse with
//! POISystemData, PaymentResponse with two base64 JSON receipts, ReversalResponse, refusals.

use base64::Engine;
use serde_json::json;

use super::SimConfig;
use crate::terminal::nexo::codec::*;

pub fn login(config: &SimConfig) -> ResponseBody {
    ResponseBody::LoginResponse(LoginResponse {
        response: Response::success(),
        poi_system_data: Some(PoiSystemData {
            date_time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            poi_software: Software {
                provider_identification: "tameio".into(),
                application_name: "tameio nexo simulator".into(),
                software_version: env!("CARGO_PKG_VERSION").into(),
                certification_code: None,
            },
            poi_terminal_data: Some(PoiTerminalData {
                terminal_environment: Some("Attended".into()),
                poi_serial_number: config.serial.clone(),
                poi_capabilities: Some(
                    "CustomerDisplay CustomerError CustomerInput MagStripe ICC EMVContactless".into(),
                ),
            }),
            poi_status: Some(PoiStatus {
                global_status: "OK".into(),
                security_ok: Some(true),
                ped_ok: Some(true),
                card_reader_ok: Some(true),
                communication_ok: Some(true),
            }),
        }),
    })
}

/// The answer of the request's own kind, `Failure` with `condition`.
pub fn refused(request: &RequestBody, condition: &str, text: &str) -> ResponseBody {
    let response = Response::failure(condition, text);
    match request {
        RequestBody::PaymentRequest(_) => {
            ResponseBody::PaymentResponse(PaymentResponse { response, ..Default::default() })
        }
        RequestBody::ReversalRequest(_) => {
            ResponseBody::ReversalResponse(ReversalResponse { response, ..Default::default() })
        }
        RequestBody::TransactionStatusRequest(_) => {
            ResponseBody::TransactionStatusResponse(TransactionStatusResponse {
                response,
                ..Default::default()
            })
        }
        RequestBody::LogoutRequest(_) => ResponseBody::LogoutResponse(LogoutResponse { response }),
        RequestBody::GetTotalsRequest(_) => {
            ResponseBody::GetTotalsResponse(GetTotalsResponse { response, ..Default::default() })
        }
        RequestBody::ReconciliationRequest(r) => {
            ResponseBody::ReconciliationResponse(ReconciliationResponse {
                reconciliation_type: r.reconciliation_type.clone(),
                response,
                ..Default::default()
            })
        }
        _ => ResponseBody::LoginResponse(LoginResponse { response, ..Default::default() }),
    }
}

fn amount_of(p: &PaymentRequest) -> String {
    let a = &p.payment_transaction.amounts_req.requested_amount;
    cents(a).map(|c| decimal(crate::domain::Money::from_cents(c))).unwrap_or_else(|| a.clone())
}

/// An approved payment. `sign`: the merchant copy carries `SignatureBlock` (light integration:
/// the register has the signature checked and reverses the payment if it is refused).
pub fn approved(config: &SimConfig, p: &PaymentRequest, poi: &TransactionId, sign: bool) -> ResponseBody {
    let amount = amount_of(p);
    let refund = p.payment_data.as_ref().and_then(|d| d.payment_type.as_deref()) == Some("Refund");
    let approval_code = format!("{:06}", poi.transaction_id.parse::<u64>().unwrap_or(0) % 1_000_000);
    ResponseBody::PaymentResponse(PaymentResponse {
        response: Response::success(),
        sale_data: Some(p.sale_data.clone()),
        poi_data: Some(PoiData { poi_transaction_id: poi.clone() }),
        payment_result: Some(PaymentResult {
            payment_type: Some(if refund { "Refund" } else { "Normal" }.into()),
            payment_instrument_data: Some(PaymentInstrumentData {
                payment_instrument_type: Some("Card".into()),
                card_data: Some(CardData {
                    payment_brand: Some("01,Mastercard Debit".into()),
                    masked_pan: Some(config.masked_pan.clone()),
                    entry_mode: Some("Contactless".into()),
                    ..CardData::default()
                }),
            }),
            amounts_resp: Some(AmountsResp {
                currency: Some(p.payment_transaction.amounts_req.currency.clone()),
                authorized_amount: amount.clone(),
                cash_back_amount: Some("0.00".into()),
                tip_amount: None,
            }),
            payment_acquirer_data: Some(PaymentAcquirerData {
                merchant_id: Some(config.merchant_id.clone()),
                acquirer_poi_id: Some(config.acquirer_poi_id.clone()),
                approval_code: Some(approval_code.clone()),
            }),
        }),
        payment_receipts: receipts(
            config,
            &amount,
            poi,
            Slip {
                code: "00",
                approval: &approval_code,
                title: if refund { "RETUR" } else { "KÖP" },
                sign: sign && !refund,
            },
        ),
    })
}

/// A payment that failed; a declined card still gets receipts with the host's code.
pub fn payment_failure(
    p: &PaymentRequest,
    poi: &TransactionId,
    condition: &str,
    text: &str,
    receipt: Option<(&SimConfig, &str)>,
) -> ResponseBody {
    let payment_receipts = match receipt {
        Some((config, code)) => receipts(config, &amount_of(p), poi, Slip::plain(code, "NEKAD")),
        None => Vec::new(),
    };
    ResponseBody::PaymentResponse(PaymentResponse {
        response: Response::failure(condition, text),
        sale_data: Some(p.sale_data.clone()),
        poi_data: Some(PoiData { poi_transaction_id: poi.clone() }),
        payment_result: None,
        payment_receipts,
    })
}

pub fn reversed(config: &SimConfig, original: &TransactionId) -> ReversalResponse {
    ReversalResponse {
        response: Response::success(),
        poi_data: Some(PoiData { poi_transaction_id: original.clone() }),
        payment_receipts: receipts(config, "", original, Slip::plain("00", "Makulering")),
    }
}

/// What one pair of slips says.
struct Slip<'a> {
    code: &'a str,
    approval: &'a str,
    title: &'a str,
    /// The merchant copy is to be signed.
    sign: bool,
}

impl<'a> Slip<'a> {
    fn plain(code: &'a str, title: &'a str) -> Self {
        Slip { code, approval: "", title, sign: false }
    }
}

/// The customer receipt first, then the merchant's, as the reversal sample orders them.
fn receipts(config: &SimConfig, amount: &str, poi: &TransactionId, slip: Slip<'_>) -> Vec<PaymentReceipt> {
    let shown = amount.replace('.', ",");
    let Slip { code, approval, title, sign } = slip;
    let lines = vec![
        "tameio simulator".to_string(),
        poi.time_stamp.clone(),
        "Mastercard".into(),
        config.masked_pan.clone(),
        format!("RRN: {}", poi.transaction_id),
        format!("Auth code: {approval}"),
        format!("ARC: {code}"),
        format!("{title}: {shown} EUR"),
    ];
    [("CustomerReceipt", "Cardholder"), ("CashierReceipt", "Merchant")]
        .into_iter()
        .map(|(qualifier, top)| {
            let merchant = top == "Merchant";
            let mut lines = lines.clone();
            if merchant && sign {
                lines.push("Signature: ____________".into());
            }
            let value = json!({ top: {
                "Mandatory": {
                    "Acquirer": { "CardAcceptorNumber": config.merchant_id, "TerminalID": config.acquirer_poi_id },
                    "CardDetails": { "PrimaryAccountNumber": config.masked_pan },
                    "Outcome": { "ApprovalCode": approval, "AuthorisationResponseCode": code },
                    "Payment": { "PaymentAmount": shown, "TotalAmount": shown, "ReceiptNumber": poi.transaction_id, "SignatureBlock": merchant && sign },
                },
                "Optional": { "ReceiptString": lines },
            }});
            let encoded = base64::engine::general_purpose::STANDARD.encode(value.to_string());
            PaymentReceipt {
                document_qualifier: qualifier.into(),
                output_content: OutputContent {
                    output_format: "Text".into(),
                    output_text: vec![OutputText { text: Some(encoded), ..OutputText::default() }],
                },
            }
        })
        .collect()
}

/// `EventNotification Reject` as the HTTP answer's body (a `SaleToPOIRequest`): the message
/// was not processed (Swedbank's answer to a malformed one).
pub fn reject(h: &MessageHeader, details: &str) -> SaleToPoiRequest {
    let header = MessageHeader {
        message_class: "Event".into(),
        message_category: "Event".into(),
        message_type: "Notification".into(),
        device_id: None,
        ..h.clone()
    };
    let event = EventNotification {
        time_stamp: Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        event_to_notify: "Reject".into(),
        event_details: Some(details.into()),
        ..EventNotification::default()
    };
    SaleToPoiRequest { header, body: RequestBody::EventNotification(event) }
}
