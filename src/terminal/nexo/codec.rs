//! nexo Retailer 3.1 XML (Swedbank Pay PAX): the `SaleToPOIRequest`/`SaleToPOIResponse`
//! envelope, its `MessageHeader`, the body enums, amounts and lists. Pure; the service bodies
//! are in `codec/body.rs`, the device and event bodies in `codec/device.rs`.

use serde::{Deserialize, Serialize};

use crate::domain::Money;

mod body;
mod device;

pub use body::*;
pub use device::*;

/// Requests: the ECR's service requests and the terminal's device and event messages.
// One message per exchange; boxing the larger bodies would only burden every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RequestBody {
    LoginRequest(LoginRequest),
    LogoutRequest(LogoutRequest),
    PaymentRequest(PaymentRequest),
    AbortRequest(AbortRequest),
    TransactionStatusRequest(TransactionStatusRequest),
    ReversalRequest(ReversalRequest),
    ReconciliationRequest(ReconciliationRequest),
    GetTotalsRequest(GetTotalsRequest),
    EnableServiceRequest(EnableServiceRequest),
    CardAcquisitionRequest(CardAcquisitionRequest),
    DisplayRequest(DisplayRequest),
    InputRequest(InputRequest),
    PrintRequest(PrintRequest),
    TransmitRequest(TransmitRequest),
    EventNotification(EventNotification),
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ResponseBody {
    LoginResponse(LoginResponse),
    LogoutResponse(LogoutResponse),
    PaymentResponse(PaymentResponse),
    TransactionStatusResponse(TransactionStatusResponse),
    ReversalResponse(ReversalResponse),
    ReconciliationResponse(ReconciliationResponse),
    GetTotalsResponse(GetTotalsResponse),
    EnableServiceResponse(EnableServiceResponse),
    CardAcquisitionResponse(CardAcquisitionResponse),
    DisplayResponse(DisplayResponse),
    InputResponse(InputResponse),
    PrintResponse(PrintResponse),
}

/// The protocol version tameio sends (responses often omit it).
pub const PROTOCOL_VERSION: &str = "3.1";

/// Why a body is not a nexo message tameio can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("empty message")]
    Empty,
    #[error("not well-formed XML: {0}")]
    Xml(String),
    #[error("root element {0:?} is neither SaleToPOIRequest nor SaleToPOIResponse")]
    Root(String),
    #[error("unexpected message content: {0}")]
    Content(String),
    #[error("elements nested deeper than {MAX_DEPTH}")]
    TooDeep,
}

/// nexo messages nest about eight deep; anything far deeper is refused before serde sees it.
pub const MAX_DEPTH: usize = 32;

/// The header every message carries. Scalars, so every field is an attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageHeader {
    #[serde(rename = "@ProtocolVersion", default, skip_serializing_if = "Option::is_none")]
    pub protocol_version: Option<String>,
    /// `Service`, `Device` or `Event`.
    #[serde(rename = "@MessageClass", default)]
    pub message_class: String,
    #[serde(rename = "@MessageCategory", default)]
    pub message_category: String,
    /// `Request`, `Response` or `Notification`.
    #[serde(rename = "@MessageType", default)]
    pub message_type: String,
    #[serde(rename = "@ServiceID", default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(rename = "@DeviceID", default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    #[serde(rename = "@SaleID", default)]
    pub sale_id: String,
    #[serde(rename = "@POIID", default)]
    pub poi_id: String,
}

impl MessageHeader {
    /// A Service request header of `category` (the ECR's side of the session).
    pub fn service_request(category: &str, service_id: &str, sale_id: &str, poi_id: &str) -> Self {
        MessageHeader {
            protocol_version: Some(PROTOCOL_VERSION.into()),
            message_class: "Service".into(),
            message_category: category.into(),
            message_type: "Request".into(),
            service_id: Some(service_id.into()),
            device_id: None,
            sale_id: sale_id.into(),
            poi_id: poi_id.into(),
        }
    }

    /// The header of the answer to this request: class and category copied, ids echoed.
    pub fn response(&self) -> Self {
        MessageHeader { protocol_version: None, message_type: "Response".into(), ..self.clone() }
    }

    /// The reference to this message that Abort and TransactionStatus carry.
    pub fn reference(&self) -> MessageReference {
        MessageReference {
            message_category: Some(self.message_category.clone()),
            service_id: self.service_id.clone(),
            device_id: self.device_id.clone(),
            sale_id: Some(self.sale_id.clone()),
            poi_id: Some(self.poi_id.clone()),
        }
    }
}

/// A request from either side: the ECR's service requests, or the terminal's device and
/// event messages in full integration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "SaleToPOIRequest")]
pub struct SaleToPoiRequest {
    #[serde(rename = "MessageHeader")]
    pub header: MessageHeader,
    #[serde(rename = "$value")]
    pub body: RequestBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "SaleToPOIResponse")]
pub struct SaleToPoiResponse {
    #[serde(rename = "MessageHeader")]
    pub header: MessageHeader,
    #[serde(rename = "$value")]
    pub body: ResponseBody,
}

/// Either envelope, as read off the wire.
// Read once per exchange; boxing the response would only burden every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Message {
    Request(SaleToPoiRequest),
    Response(SaleToPoiResponse),
}

impl Message {
    pub fn header(&self) -> &MessageHeader {
        match self {
            Message::Request(r) => &r.header,
            Message::Response(r) => &r.header,
        }
    }
}

/// Reads one message; the root element decides the envelope (serde alone ignores it).
pub fn parse(xml: &str) -> Result<Message, CodecError> {
    let xml = xml.trim_start_matches('\u{feff}').trim();
    if xml.is_empty() {
        return Err(CodecError::Empty);
    }
    if !xml.starts_with('<') {
        return Err(CodecError::Xml("it does not start with an XML element".into()));
    }
    let root = root_name(xml)?;
    check_depth(xml)?;
    match root.as_str() {
        "SaleToPOIRequest" => {
            quick_xml::de::from_str(xml).map(Message::Request).map_err(|e| CodecError::Content(e.to_string()))
        }
        "SaleToPOIResponse" => quick_xml::de::from_str(xml)
            .map(Message::Response)
            .map_err(|e| CodecError::Content(e.to_string())),
        _ => Err(CodecError::Root(root)),
    }
}

/// Reads a response; a request here is a protocol error.
pub fn parse_response(xml: &str) -> Result<SaleToPoiResponse, CodecError> {
    match parse(xml)? {
        Message::Response(r) => Ok(r),
        Message::Request(_) => Err(CodecError::Root("SaleToPOIRequest".into())),
    }
}

/// Reads a request; a response here is a protocol error.
pub fn parse_request(xml: &str) -> Result<SaleToPoiRequest, CodecError> {
    match parse(xml)? {
        Message::Request(r) => Ok(r),
        Message::Response(_) => Err(CodecError::Root("SaleToPOIResponse".into())),
    }
}

/// The XML of a request: no prolog, as the guide's requests (fields in schema order).
pub fn request_xml(req: &SaleToPoiRequest) -> Result<String, CodecError> {
    quick_xml::se::to_string(req).map_err(|e| CodecError::Content(e.to_string()))
}

/// The XML of a response, with the prolog the terminal's responses carry.
pub fn response_xml(resp: &SaleToPoiResponse) -> Result<String, CodecError> {
    let body = quick_xml::se::to_string(resp).map_err(|e| CodecError::Content(e.to_string()))?;
    Ok(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}"))
}

fn check_depth(xml: &str) -> Result<(), CodecError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| CodecError::Xml(e.to_string()))? {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(CodecError::TooDeep);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn root_name(xml: &str) -> Result<String, CodecError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|e| CodecError::Xml(e.to_string()))? {
            Event::Start(e) | Event::Empty(e) => {
                return Ok(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
            Event::Eof => return Err(CodecError::Empty),
            _ => {}
        }
    }
}

/// The element paths of a message in document order (`SaleToPOIRequest/PaymentRequest/…`),
/// each once: what "the same structure and order" is compared on.
pub fn element_paths(xml: &str) -> Result<Vec<String>, CodecError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml.trim_start_matches('\u{feff}'));
    let mut stack: Vec<String> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    let push = |stack: &[String], name: String, out: &mut Vec<String>| {
        let path = if stack.is_empty() { name } else { format!("{}/{name}", stack.join("/")) };
        if out.last() != Some(&path) {
            out.push(path);
        }
    };
    loop {
        match reader.read_event().map_err(|e| CodecError::Xml(e.to_string()))? {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(CodecError::TooDeep);
                }
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                push(&stack, name.clone(), &mut out);
                stack.push(name);
            }
            Event::Empty(e) => {
                push(&stack, String::from_utf8_lossy(e.name().as_ref()).into_owned(), &mut out);
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A list sent as space-separated text (`SaleCapabilities`, `POICapabilities`).
pub fn list(text: &str) -> Vec<&str> {
    text.split_ascii_whitespace().collect()
}

/// An amount in major units with a dot, as nexo writes it (`"38.00"`, `"0.00"`).
pub fn decimal(amount: Money) -> String {
    let cents = amount.cents();
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Cents from a nexo decimal (`"56"`, `"0.00"`, `"514.9"`); `None` when it is not one or has
/// more than two decimals that are not zero.
pub fn cents(text: &str) -> Option<i64> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(frac) || frac.trim_end_matches('0').len() > 2 {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac2 = format!("{:0<2}", &frac[..frac.len().min(2)]);
    let value = whole.checked_mul(100)?.checked_add(frac2.parse::<i64>().ok()?)?;
    Some(if neg { -value } else { value })
}

#[cfg(test)]
mod tests;
