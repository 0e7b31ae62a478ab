//! The requests tameio sends, built with the fixtures' structure and order: Login, Logout,
//! Payment, Abort, TransactionStatus and Reversal. Pure; the client fills in ids and time.

use super::codec::*;
use crate::domain::Money;

/// Full integration lists every capability; light integration (no listener) only the printer.
pub const FULL_CAPABILITIES: &str =
    "CashierStatus CashierError CashierDisplay POIReplication CustomerAssistance CashierInput PrinterReceipt";
pub const LIGHT_CAPABILITIES: &str = "PrinterReceipt";

/// Who the register is, as `SaleSoftware` says it (the version must change on updates).
pub fn sale_software() -> Software {
    Software {
        provider_identification: "tameio".into(),
        application_name: "tameio".into(),
        software_version: env!("CARGO_PKG_VERSION").into(),
        certification_code: None,
    }
}

pub fn login(header: MessageHeader, full: bool, now: &str, language: &str) -> SaleToPoiRequest {
    let body = LoginRequest {
        operator_language: Some(language.into()),
        date_time: now.into(),
        sale_software: sale_software(),
        sale_terminal_data: Some(SaleTerminalData {
            terminal_environment: Some("Attended".into()),
            sale_capabilities: Some(if full { FULL_CAPABILITIES } else { LIGHT_CAPABILITIES }.into()),
            sale_profile: Some(SaleProfile {
                generic_profile: Some("Extended".into()),
                service_profiles: Some("Loyalty PIN CardReader".into()),
            }),
        }),
        ..LoginRequest::default()
    };
    SaleToPoiRequest { header, body: RequestBody::LoginRequest(body) }
}

pub fn logout(header: MessageHeader, maintenance_allowed: bool) -> SaleToPoiRequest {
    let body = LogoutRequest { maintenance_allowed: Some(maintenance_allowed) };
    SaleToPoiRequest { header, body: RequestBody::LogoutRequest(body) }
}

/// What one Payment asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSpec {
    pub refund: bool,
    /// The total, cash-back included.
    pub amount: Money,
    pub cash_back: Money,
    pub currency: String,
    /// The ECR's transaction id (shown in the terminal's reports) and its local time.
    pub sale_transaction_id: String,
    pub time_stamp: String,
}

pub fn payment(header: MessageHeader, spec: &PaymentSpec) -> SaleToPoiRequest {
    let body = PaymentRequest {
        sale_data: SaleData {
            token_requested_type: Some("Customer".into()),
            sale_transaction_id: TransactionId {
                transaction_id: spec.sale_transaction_id.clone(),
                time_stamp: spec.time_stamp.clone(),
            },
            sale_to_acquirer_data: None,
        },
        payment_transaction: PaymentTransaction {
            amounts_req: AmountsReq {
                currency: spec.currency.clone(),
                requested_amount: decimal(spec.amount),
                cash_back_amount: Some(decimal(spec.cash_back)),
            },
            sale_items: Vec::new(),
        },
        payment_data: Some(PaymentData {
            payment_type: Some(if spec.refund { "Refund" } else { "Normal" }.into()),
        }),
    };
    SaleToPoiRequest { header, body: RequestBody::PaymentRequest(body) }
}

/// Abort of the request whose header was `aborted` (sent on a second connection).
pub fn abort(header: MessageHeader, aborted: &MessageHeader, reason: &str) -> SaleToPoiRequest {
    let body = AbortRequest { message_reference: aborted.reference(), abort_reason: Some(reason.into()) };
    SaleToPoiRequest { header, body: RequestBody::AbortRequest(body) }
}

/// TransactionStatus of the last transaction (`None`) or of the one `of` names.
pub fn transaction_status(header: MessageHeader, of: Option<&MessageHeader>) -> SaleToPoiRequest {
    let body = TransactionStatusRequest { message_reference: of.map(MessageHeader::reference) };
    SaleToPoiRequest { header, body: RequestBody::TransactionStatusRequest(body) }
}

/// Reversal of the payment the terminal knows as `original` (its POITransactionID, exactly).
pub fn reversal(header: MessageHeader, original: &TransactionId, reason: &str) -> SaleToPoiRequest {
    let body = ReversalRequest {
        reversal_reason: reason.into(),
        original_poi_transaction: OriginalPoiTransaction {
            sale_id: Some(header.sale_id.clone()),
            poi_id: Some(header.poi_id.clone()),
            poi_transaction_id: original.clone(),
        },
    };
    SaleToPoiRequest { header, body: RequestBody::ReversalRequest(body) }
}

/// Closes the terminal's current reconciliation period (`SaleReconciliation`).
pub fn reconciliation(header: MessageHeader) -> SaleToPoiRequest {
    let body = ReconciliationRequest {
        reconciliation_type: "SaleReconciliation".into(),
        poi_reconciliation_id: None,
    };
    SaleToPoiRequest { header, body: RequestBody::ReconciliationRequest(body) }
}

/// The open period's running totals (`GetTotals`, no filter).
pub fn get_totals(header: MessageHeader) -> SaleToPoiRequest {
    SaleToPoiRequest { header, body: RequestBody::GetTotalsRequest(GetTotalsRequest {}) }
}
