//! The nexo message bodies tameio sends and reads, fields in the XSD's order (the terminal
//! rejects elements out of order): scalars as attributes (`@`), structures as elements.

use serde::{Deserialize, Serialize};

/// `Result` (`Success`, `Failure`, `Partial`), `ErrorCondition` and the terminal's text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    #[serde(rename = "@Result", default)]
    pub result: String,
    #[serde(rename = "@ErrorCondition", default, skip_serializing_if = "Option::is_none")]
    pub error_condition: Option<String>,
    #[serde(rename = "AdditionalResponse", default, skip_serializing_if = "Option::is_none")]
    pub additional_response: Option<String>,
}

impl Response {
    pub fn success() -> Self {
        Response { result: "Success".into(), ..Response::default() }
    }

    pub fn failure(condition: &str, text: &str) -> Self {
        Response {
            result: "Failure".into(),
            error_condition: Some(condition.into()),
            additional_response: (!text.is_empty()).then(|| text.to_string()),
        }
    }

    pub fn is_success(&self) -> bool {
        self.result == "Success"
    }

    /// True for `Failure` with this `ErrorCondition`.
    pub fn failed_with(&self, condition: &str) -> bool {
        self.result == "Failure" && self.error_condition.as_deref() == Some(condition)
    }
}

// ---- Login / Logout ----

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    #[serde(rename = "@OperatorLanguage", default, skip_serializing_if = "Option::is_none")]
    pub operator_language: Option<String>,
    #[serde(rename = "@OperatorID", default, skip_serializing_if = "Option::is_none")]
    pub operator_id: Option<String>,
    #[serde(rename = "@ShiftNumber", default, skip_serializing_if = "Option::is_none")]
    pub shift_number: Option<String>,
    #[serde(rename = "DateTime", default)]
    pub date_time: String,
    #[serde(rename = "SaleSoftware", default)]
    pub sale_software: Software,
    #[serde(rename = "SaleTerminalData", default, skip_serializing_if = "Option::is_none")]
    pub sale_terminal_data: Option<SaleTerminalData>,
}

/// `SaleSoftware` / `POISoftware`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Software {
    #[serde(rename = "@ProviderIdentification", default)]
    pub provider_identification: String,
    #[serde(rename = "@ApplicationName", default)]
    pub application_name: String,
    #[serde(rename = "@SoftwareVersion", default)]
    pub software_version: String,
    #[serde(rename = "@CertificationCode", default, skip_serializing_if = "Option::is_none")]
    pub certification_code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleTerminalData {
    #[serde(rename = "@TerminalEnvironment", default, skip_serializing_if = "Option::is_none")]
    pub terminal_environment: Option<String>,
    /// Space-separated: `PrinterReceipt` alone is light integration.
    #[serde(rename = "SaleCapabilities", default, skip_serializing_if = "Option::is_none")]
    pub sale_capabilities: Option<String>,
    #[serde(rename = "SaleProfile", default, skip_serializing_if = "Option::is_none")]
    pub sale_profile: Option<SaleProfile>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleProfile {
    #[serde(rename = "@GenericProfile", default, skip_serializing_if = "Option::is_none")]
    pub generic_profile: Option<String>,
    #[serde(rename = "ServiceProfiles", default, skip_serializing_if = "Option::is_none")]
    pub service_profiles: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    #[serde(rename = "Response", default)]
    pub response: Response,
    #[serde(rename = "POISystemData", default, skip_serializing_if = "Option::is_none")]
    pub poi_system_data: Option<PoiSystemData>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoiSystemData {
    #[serde(rename = "DateTime", default)]
    pub date_time: String,
    #[serde(rename = "POISoftware", default)]
    pub poi_software: Software,
    #[serde(rename = "POITerminalData", default, skip_serializing_if = "Option::is_none")]
    pub poi_terminal_data: Option<PoiTerminalData>,
    #[serde(rename = "POIStatus", default, skip_serializing_if = "Option::is_none")]
    pub poi_status: Option<PoiStatus>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoiTerminalData {
    #[serde(rename = "@TerminalEnvironment", default, skip_serializing_if = "Option::is_none")]
    pub terminal_environment: Option<String>,
    #[serde(rename = "@POISerialNumber", default)]
    pub poi_serial_number: String,
    #[serde(rename = "POICapabilities", default, skip_serializing_if = "Option::is_none")]
    pub poi_capabilities: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoiStatus {
    /// `OK`, `Busy`, `Maintenance`, `Unreachable`.
    #[serde(rename = "@GlobalStatus", default)]
    pub global_status: String,
    #[serde(rename = "@SecurityOKFlag", default, skip_serializing_if = "Option::is_none")]
    pub security_ok: Option<bool>,
    #[serde(rename = "@PEDOKFlag", default, skip_serializing_if = "Option::is_none")]
    pub ped_ok: Option<bool>,
    #[serde(rename = "@CardReaderOKFlag", default, skip_serializing_if = "Option::is_none")]
    pub card_reader_ok: Option<bool>,
    #[serde(rename = "@CommunicationOKFlag", default, skip_serializing_if = "Option::is_none")]
    pub communication_ok: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoutRequest {
    #[serde(rename = "@MaintenanceAllowed", default, skip_serializing_if = "Option::is_none")]
    pub maintenance_allowed: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoutResponse {
    #[serde(rename = "Response", default)]
    pub response: Response,
}

// ---- Payment ----

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRequest {
    #[serde(rename = "SaleData", default)]
    pub sale_data: SaleData,
    #[serde(rename = "PaymentTransaction", default)]
    pub payment_transaction: PaymentTransaction,
    #[serde(rename = "PaymentData", default, skip_serializing_if = "Option::is_none")]
    pub payment_data: Option<PaymentData>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleData {
    #[serde(rename = "@TokenRequestedType", default, skip_serializing_if = "Option::is_none")]
    pub token_requested_type: Option<String>,
    #[serde(rename = "SaleTransactionID", default)]
    pub sale_transaction_id: TransactionId,
    /// Base64 JSON for the acquirer (e.g. a purchase order number).
    #[serde(rename = "SaleToAcquirerData", default, skip_serializing_if = "Option::is_none")]
    pub sale_to_acquirer_data: Option<String>,
}

/// `SaleTransactionID` / `POITransactionID`: an id and its time stamp.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionId {
    #[serde(rename = "@TransactionID", default)]
    pub transaction_id: String,
    #[serde(rename = "@TimeStamp", default)]
    pub time_stamp: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentTransaction {
    #[serde(rename = "AmountsReq", default)]
    pub amounts_req: AmountsReq,
    #[serde(rename = "SaleItem", default, skip_serializing_if = "Vec::is_empty")]
    pub sale_items: Vec<SaleItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountsReq {
    #[serde(rename = "@Currency", default)]
    pub currency: String,
    /// The total, cash-back included, in major units.
    #[serde(rename = "@RequestedAmount", default)]
    pub requested_amount: String,
    #[serde(rename = "@CashBackAmount", default, skip_serializing_if = "Option::is_none")]
    pub cash_back_amount: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleItem {
    #[serde(rename = "@ItemID", default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    #[serde(rename = "@ProductCode", default, skip_serializing_if = "Option::is_none")]
    pub product_code: Option<String>,
    #[serde(rename = "@ItemAmount", default, skip_serializing_if = "Option::is_none")]
    pub item_amount: Option<String>,
    #[serde(rename = "UnitOfMeasure", default, skip_serializing_if = "Option::is_none")]
    pub unit_of_measure: Option<String>,
    #[serde(rename = "Quantity", default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    #[serde(rename = "UnitPrice", default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<String>,
    #[serde(rename = "ProductLabel", default, skip_serializing_if = "Option::is_none")]
    pub product_label: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentData {
    /// `Normal` or `Refund`.
    #[serde(rename = "@PaymentType", default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentResponse {
    #[serde(rename = "Response", default)]
    pub response: Response,
    #[serde(rename = "SaleData", default, skip_serializing_if = "Option::is_none")]
    pub sale_data: Option<SaleData>,
    #[serde(rename = "POIData", default, skip_serializing_if = "Option::is_none")]
    pub poi_data: Option<PoiData>,
    #[serde(rename = "PaymentResult", default, skip_serializing_if = "Option::is_none")]
    pub payment_result: Option<PaymentResult>,
    #[serde(rename = "PaymentReceipt", default, skip_serializing_if = "Vec::is_empty")]
    pub payment_receipts: Vec<PaymentReceipt>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoiData {
    #[serde(rename = "POITransactionID", default)]
    pub poi_transaction_id: TransactionId,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentResult {
    #[serde(rename = "@PaymentType", default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<String>,
    #[serde(rename = "PaymentInstrumentData", default, skip_serializing_if = "Option::is_none")]
    pub payment_instrument_data: Option<PaymentInstrumentData>,
    #[serde(rename = "AmountsResp", default, skip_serializing_if = "Option::is_none")]
    pub amounts_resp: Option<AmountsResp>,
    #[serde(rename = "PaymentAcquirerData", default, skip_serializing_if = "Option::is_none")]
    pub payment_acquirer_data: Option<PaymentAcquirerData>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentInstrumentData {
    /// `Card` or `Mobile`.
    #[serde(rename = "@PaymentInstrumentType", default, skip_serializing_if = "Option::is_none")]
    pub payment_instrument_type: Option<String>,
    #[serde(rename = "CardData", default, skip_serializing_if = "Option::is_none")]
    pub card_data: Option<CardData>,
}

/// What the terminal says of the card. `SensitiveCardData` (keyed entry) is never read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardData {
    /// `"01,Mastercard Debit"`: a usage code, then the brand.
    #[serde(rename = "@PaymentBrand", default, skip_serializing_if = "Option::is_none")]
    pub payment_brand: Option<String>,
    #[serde(rename = "@MaskedPAN", default, skip_serializing_if = "Option::is_none")]
    pub masked_pan: Option<String>,
    #[serde(rename = "@PaymentAccountRef", default, skip_serializing_if = "Option::is_none")]
    pub payment_account_ref: Option<String>,
    /// `ICC`, `Contactless`, `Magstripe`, `Keyed`.
    #[serde(rename = "@EntryMode", default, skip_serializing_if = "Option::is_none")]
    pub entry_mode: Option<String>,
    #[serde(rename = "PaymentToken", default, skip_serializing_if = "Option::is_none")]
    pub payment_token: Option<PaymentToken>,
    /// Swedbank's fuel-card extension.
    #[serde(rename = "AllowedProductCode", default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_product_codes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentToken {
    #[serde(rename = "@TokenRequestedType", default)]
    pub token_requested_type: String,
    #[serde(rename = "@TokenValue", default)]
    pub token_value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountsResp {
    #[serde(rename = "@Currency", default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(rename = "@AuthorizedAmount", default)]
    pub authorized_amount: String,
    #[serde(rename = "@CashBackAmount", default, skip_serializing_if = "Option::is_none")]
    pub cash_back_amount: Option<String>,
    #[serde(rename = "@TipAmount", default, skip_serializing_if = "Option::is_none")]
    pub tip_amount: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentAcquirerData {
    #[serde(rename = "@MerchantID", default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    #[serde(rename = "@AcquirerPOIID", default, skip_serializing_if = "Option::is_none")]
    pub acquirer_poi_id: Option<String>,
    #[serde(rename = "ApprovalCode", default, skip_serializing_if = "Option::is_none")]
    pub approval_code: Option<String>,
}

/// A receipt: `CashierReceipt` or `CustomerReceipt`, its text a base64 JSON object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentReceipt {
    #[serde(rename = "@DocumentQualifier", default)]
    pub document_qualifier: String,
    #[serde(rename = "OutputContent", default)]
    pub output_content: OutputContent,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputContent {
    #[serde(rename = "@OutputFormat", default)]
    pub output_format: String,
    #[serde(rename = "OutputText", default, skip_serializing_if = "Vec::is_empty")]
    pub output_text: Vec<OutputText>,
}

impl OutputContent {
    /// Plain text lines (`OutputFormat="Text"`).
    pub fn text(lines: &[&str]) -> Self {
        OutputContent {
            output_format: "Text".into(),
            output_text: lines
                .iter()
                .map(|l| OutputText { text: Some(l.to_string()), ..OutputText::default() })
                .collect(),
        }
    }

    /// Every line's text, in order (a line without text is empty).
    pub fn lines(&self) -> Vec<String> {
        self.output_text.iter().map(|t| t.text.clone().unwrap_or_default()).collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputText {
    #[serde(rename = "@StartRow", default, skip_serializing_if = "Option::is_none")]
    pub start_row: Option<String>,
    #[serde(rename = "@Alignment", default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<String>,
    #[serde(rename = "@CharacterHeight", default, skip_serializing_if = "Option::is_none")]
    pub character_height: Option<String>,
    #[serde(rename = "@CharacterWidth", default, skip_serializing_if = "Option::is_none")]
    pub character_width: Option<String>,
    #[serde(rename = "@Color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(rename = "$text", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

// ---- Abort, TransactionStatus, Reversal ----

/// Names an earlier message (by its header's ids).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageReference {
    #[serde(rename = "@MessageCategory", default, skip_serializing_if = "Option::is_none")]
    pub message_category: Option<String>,
    #[serde(rename = "@ServiceID", default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(rename = "@DeviceID", default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    #[serde(rename = "@SaleID", default, skip_serializing_if = "Option::is_none")]
    pub sale_id: Option<String>,
    #[serde(rename = "@POIID", default, skip_serializing_if = "Option::is_none")]
    pub poi_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbortRequest {
    #[serde(rename = "MessageReference", default)]
    pub message_reference: MessageReference,
    #[serde(rename = "AbortReason", default, skip_serializing_if = "Option::is_none")]
    pub abort_reason: Option<String>,
}

/// Empty: the last Payment/Reversal/CardAcquisition; with a reference: that one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionStatusRequest {
    #[serde(rename = "MessageReference", default, skip_serializing_if = "Option::is_none")]
    pub message_reference: Option<MessageReference>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionStatusResponse {
    #[serde(rename = "Response", default)]
    pub response: Response,
    /// What was asked for, echoed by some terminals (DataMesh's nexo model has it here).
    #[serde(rename = "MessageReference", default, skip_serializing_if = "Option::is_none")]
    pub message_reference: Option<MessageReference>,
    #[serde(rename = "RepeatedMessageResponse", default, skip_serializing_if = "Option::is_none")]
    pub repeated_message_response: Option<RepeatedMessageResponse>,
}

/// The found response. In XML the body sits directly here (Swedbank's layout, and the XSD's
/// choice as Adyen's xsd-generated .NET model writes it); the JSON dialects wrap it in
/// `RepeatedResponseMessageBody`, which is read too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatedMessageResponse {
    #[serde(rename = "MessageHeader", default, skip_serializing_if = "Option::is_none")]
    pub message_header: Option<super::MessageHeader>,
    #[serde(rename = "PaymentResponse", default, skip_serializing_if = "Option::is_none")]
    pub payment_response: Option<PaymentResponse>,
    #[serde(rename = "ReversalResponse", default, skip_serializing_if = "Option::is_none")]
    pub reversal_response: Option<ReversalResponse>,
    #[serde(rename = "RepeatedResponseMessageBody", default, skip_serializing_if = "Option::is_none")]
    pub body: Option<RepeatedBody>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatedBody {
    #[serde(rename = "PaymentResponse", default, skip_serializing_if = "Option::is_none")]
    pub payment_response: Option<PaymentResponse>,
    #[serde(rename = "ReversalResponse", default, skip_serializing_if = "Option::is_none")]
    pub reversal_response: Option<ReversalResponse>,
}

impl RepeatedMessageResponse {
    /// The repeated payment, in either layout.
    pub fn payment(&self) -> Option<&PaymentResponse> {
        self.payment_response.as_ref().or_else(|| self.body.as_ref()?.payment_response.as_ref())
    }

    /// The repeated reversal, in either layout.
    pub fn reversal(&self) -> Option<&ReversalResponse> {
        self.reversal_response.as_ref().or_else(|| self.body.as_ref()?.reversal_response.as_ref())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReversalRequest {
    /// `MerchantCancel` (operator) or `Malfunction` (software).
    #[serde(rename = "@ReversalReason", default)]
    pub reversal_reason: String,
    #[serde(rename = "OriginalPOITransaction", default)]
    pub original_poi_transaction: OriginalPoiTransaction,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginalPoiTransaction {
    #[serde(rename = "@SaleID", default, skip_serializing_if = "Option::is_none")]
    pub sale_id: Option<String>,
    #[serde(rename = "@POIID", default, skip_serializing_if = "Option::is_none")]
    pub poi_id: Option<String>,
    /// Exactly as the PaymentResponse carried it.
    #[serde(rename = "POITransactionID", default)]
    pub poi_transaction_id: TransactionId,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReversalResponse {
    #[serde(rename = "Response", default)]
    pub response: Response,
    #[serde(rename = "POIData", default, skip_serializing_if = "Option::is_none")]
    pub poi_data: Option<PoiData>,
    #[serde(rename = "PaymentReceipt", default, skip_serializing_if = "Vec::is_empty")]
    pub payment_receipts: Vec<PaymentReceipt>,
}

// ---- Reconciliation (the end of the day: close the period, read its totals) ----
//
// Not in the Swedbank Pay guide nor its samples: the nexo standard's message as the public
// nexo models (Adyen's, DataMesh Fusion's) give it. A terminal that does not offer it answers
// Failure, read as "not closed".

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciliationRequest {
    /// `SaleReconciliation` closes the current period; `PreviousReconciliation` reads one.
    #[serde(rename = "@ReconciliationType", default)]
    pub reconciliation_type: String,
    #[serde(rename = "@POIReconciliationID", default, skip_serializing_if = "Option::is_none")]
    pub poi_reconciliation_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciliationResponse {
    #[serde(rename = "@ReconciliationType", default)]
    pub reconciliation_type: String,
    #[serde(rename = "@POIReconciliationID", default, skip_serializing_if = "Option::is_none")]
    pub poi_reconciliation_id: Option<String>,
    #[serde(rename = "Response", default)]
    pub response: Response,
    #[serde(rename = "TransactionTotals", default, skip_serializing_if = "Vec::is_empty")]
    pub transaction_totals: Vec<TransactionTotals>,
}

/// The running totals of the open period, closing nothing (`GetTotals`; no filter: all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetTotalsRequest {}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetTotalsResponse {
    #[serde(rename = "@POIReconciliationID", default, skip_serializing_if = "Option::is_none")]
    pub poi_reconciliation_id: Option<String>,
    #[serde(rename = "Response", default)]
    pub response: Response,
    #[serde(rename = "TransactionTotals", default, skip_serializing_if = "Vec::is_empty")]
    pub transaction_totals: Vec<TransactionTotals>,
}

/// The totals of one payment instrument (and acquirer, brand, currency) of the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionTotals {
    #[serde(rename = "@PaymentInstrumentType", default)]
    pub payment_instrument_type: String,
    #[serde(rename = "@AcquirerID", default, skip_serializing_if = "Option::is_none")]
    pub acquirer_id: Option<String>,
    #[serde(rename = "@HostReconciliationID", default, skip_serializing_if = "Option::is_none")]
    pub host_reconciliation_id: Option<String>,
    #[serde(rename = "@CardBrand", default, skip_serializing_if = "Option::is_none")]
    pub card_brand: Option<String>,
    #[serde(rename = "@PaymentCurrency", default, skip_serializing_if = "Option::is_none")]
    pub payment_currency: Option<String>,
    #[serde(rename = "PaymentTotals", default, skip_serializing_if = "Vec::is_empty")]
    pub payment_totals: Vec<PaymentTotals>,
}

/// Count and amount of one transaction type (`Debit`, `Credit`, `ReverseDebit`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentTotals {
    #[serde(rename = "@TransactionType", default)]
    pub transaction_type: String,
    #[serde(rename = "@TransactionCount", default)]
    pub transaction_count: String,
    #[serde(rename = "@TransactionAmount", default)]
    pub transaction_amount: String,
}
