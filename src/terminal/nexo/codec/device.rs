//! The nexo bodies of card read ahead (parsed, not used by v1) and of full integration's
//! device and event messages, fields in the XSD's order like the service bodies.

use serde::{Deserialize, Serialize};

use super::body::{OutputContent, PaymentInstrumentData, PoiData, Response, SaleData};

// ---- Card read ahead (parsed, not used by v1) ----

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnableServiceRequest {
    #[serde(rename = "@TransactionAction", default, skip_serializing_if = "Option::is_none")]
    pub transaction_action: Option<String>,
    #[serde(rename = "ServicesEnabled", default, skip_serializing_if = "Option::is_none")]
    pub services_enabled: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnableServiceResponse {
    #[serde(rename = "Response", default)]
    pub response: Response,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardAcquisitionRequest {
    #[serde(rename = "SaleData", default)]
    pub sale_data: SaleData,
    #[serde(rename = "CardAcquisitionTransaction", default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<CardAcquisitionTransaction>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardAcquisitionTransaction {
    #[serde(rename = "@PaymentType", default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<String>,
    #[serde(rename = "@TotalAmount", default, skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardAcquisitionResponse {
    #[serde(rename = "Response", default)]
    pub response: Response,
    #[serde(rename = "SaleData", default, skip_serializing_if = "Option::is_none")]
    pub sale_data: Option<SaleData>,
    #[serde(rename = "POIData", default, skip_serializing_if = "Option::is_none")]
    pub poi_data: Option<PoiData>,
    #[serde(rename = "PaymentInstrumentData", default, skip_serializing_if = "Option::is_none")]
    pub payment_instrument_data: Option<PaymentInstrumentData>,
}

// ---- Device and event messages (full integration) ----

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayRequest {
    #[serde(rename = "DisplayOutput", default)]
    pub display_output: Vec<DisplayOutput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayOutput {
    #[serde(rename = "@ResponseRequiredFlag", default, skip_serializing_if = "Option::is_none")]
    pub response_required: Option<bool>,
    #[serde(rename = "@Device", default)]
    pub device: String,
    #[serde(rename = "@InfoQualify", default)]
    pub info_qualify: String,
    #[serde(rename = "OutputContent", default)]
    pub output_content: OutputContent,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayResponse {
    #[serde(rename = "OutputResult", default)]
    pub output_result: Vec<OutputResult>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputResult {
    #[serde(rename = "@Device", default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(rename = "@InfoQualify", default, skip_serializing_if = "Option::is_none")]
    pub info_qualify: Option<String>,
    #[serde(rename = "Response", default)]
    pub response: Response,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputRequest {
    #[serde(rename = "DisplayOutput", default, skip_serializing_if = "Option::is_none")]
    pub display_output: Option<DisplayOutput>,
    #[serde(rename = "InputData", default)]
    pub input_data: InputData,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputData {
    #[serde(rename = "@Device", default)]
    pub device: String,
    #[serde(rename = "@InfoQualify", default)]
    pub info_qualify: String,
    /// `GetConfirmation` or `DigitString`.
    #[serde(rename = "@InputCommand", default)]
    pub input_command: String,
    #[serde(rename = "@MaxInputTime", default, skip_serializing_if = "Option::is_none")]
    pub max_input_time: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputResponse {
    #[serde(rename = "OutputResult", default, skip_serializing_if = "Option::is_none")]
    pub output_result: Option<OutputResult>,
    #[serde(rename = "InputResult", default)]
    pub input_result: InputResult,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputResult {
    #[serde(rename = "@Device", default)]
    pub device: String,
    #[serde(rename = "@InfoQualify", default)]
    pub info_qualify: String,
    #[serde(rename = "Response", default)]
    pub response: Response,
    #[serde(rename = "Input", default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Input>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    #[serde(rename = "@InputCommand", default)]
    pub input_command: String,
    #[serde(rename = "ConfirmedFlag", default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<bool>,
    #[serde(rename = "DigitInput", default, skip_serializing_if = "Option::is_none")]
    pub digit_input: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintRequest {
    #[serde(rename = "PrintOutput", default)]
    pub print_output: PrintOutput,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintOutput {
    #[serde(rename = "@DocumentQualifier", default)]
    pub document_qualifier: String,
    #[serde(rename = "@ResponseMode", default, skip_serializing_if = "Option::is_none")]
    pub response_mode: Option<String>,
    #[serde(rename = "OutputContent", default)]
    pub output_content: OutputContent,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintResponse {
    #[serde(rename = "@DocumentQualifier", default, skip_serializing_if = "Option::is_none")]
    pub document_qualifier: Option<String>,
    #[serde(rename = "Response", default)]
    pub response: Response,
}

/// The terminal's new address (base64 JSON `saleTerminalconfiguration`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransmitRequest {
    #[serde(rename = "@DestinationAddress", default, skip_serializing_if = "Option::is_none")]
    pub destination_address: Option<String>,
    #[serde(rename = "@MaximumTransmitTime", default, skip_serializing_if = "Option::is_none")]
    pub maximum_transmit_time: Option<String>,
    #[serde(rename = "Message", default)]
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventNotification {
    #[serde(rename = "@TimeStamp", default, skip_serializing_if = "Option::is_none")]
    pub time_stamp: Option<String>,
    /// `SaleAdmin`, `BeginMaintenance`, `EndMaintenance`, `Reject`, `CardInserted`, `CardRemoved`.
    #[serde(rename = "@EventToNotify", default)]
    pub event_to_notify: String,
    #[serde(rename = "@MaintenanceRequiredFlag", default, skip_serializing_if = "Option::is_none")]
    pub maintenance_required: Option<bool>,
    #[serde(rename = "EventDetails", default, skip_serializing_if = "Option::is_none")]
    pub event_details: Option<String>,
    #[serde(rename = "RejectedMessage", default, skip_serializing_if = "Option::is_none")]
    pub rejected_message: Option<String>,
}
