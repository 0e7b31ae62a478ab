//! The simulated terminal's side of full integration: during a payment it posts its display
//! texts, the copy to sign and the signature question to the register's listener, in order,
//! each waiting for the register's answer as a terminal does.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::terminal::nexo::codec::{self, *};

/// Where the register listens, and the device-message counter.
pub struct Pos {
    http: reqwest::Client,
    next_id: AtomicU64,
}

impl Default for Pos {
    fn default() -> Self {
        let http = crate::terminal::http::client_builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_default();
        Pos { http, next_id: AtomicU64::new(100) }
    }
}

impl Pos {
    /// A new login session: the strict profile numbers its device messages from the start
    /// again, as a restarted terminal may (DeviceIDs are unique only within a login session).
    pub fn restart_ids(&self) {
        self.next_id.store(100, Ordering::Relaxed);
    }

    fn header(&self, category: &str, payment: &MessageHeader) -> MessageHeader {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed).to_string();
        MessageHeader {
            protocol_version: Some(codec::PROTOCOL_VERSION.into()),
            message_class: "Device".into(),
            message_category: category.into(),
            message_type: "Request".into(),
            service_id: Some(id.clone()),
            device_id: Some(id),
            sale_id: payment.sale_id.clone(),
            poi_id: payment.poi_id.clone(),
        }
    }

    async fn post(&self, pos: &str, req: &SaleToPoiRequest) -> Option<String> {
        let body = codec::request_xml(req).ok()?;
        let url = format!("http://{pos}{}", super::super::PATH);
        let sent = self
            .http
            .post(url)
            .header("Content-Type", "application/xml; charset=utf-8")
            .body(body)
            .send()
            .await;
        match sent {
            Ok(resp) => resp.text().await.ok(),
            Err(e) => {
                tracing::debug!(error = %e, "simulator: the register's listener did not answer");
                None
            }
        }
    }

    /// One DisplayRequest with `lines` on the cashier display.
    pub async fn display(&self, pos: &str, payment: &MessageHeader, lines: &[&str]) {
        let body = DisplayRequest {
            display_output: vec![DisplayOutput {
                response_required: None,
                device: "CashierDisplay".into(),
                info_qualify: "Display".into(),
                output_content: OutputContent::text(lines),
            }],
        };
        let req = SaleToPoiRequest {
            header: self.header("Display", payment),
            body: RequestBody::DisplayRequest(body),
        };
        self.post(pos, &req).await;
    }

    /// The merchant copy to sign, then the question; true only for a confirmed signature.
    pub async fn signature(&self, pos: &str, payment: &MessageHeader, copy: &[&str]) -> bool {
        let print = PrintRequest {
            print_output: PrintOutput {
                document_qualifier: "CashierReceipt".into(),
                response_mode: Some("PrintEnd".into()),
                output_content: OutputContent::text(copy),
            },
        };
        let req = SaleToPoiRequest {
            header: self.header("Print", payment),
            body: RequestBody::PrintRequest(print),
        };
        self.post(pos, &req).await;
        let input = InputRequest {
            display_output: Some(DisplayOutput {
                response_required: None,
                device: "CashierDisplay".into(),
                info_qualify: "Display".into(),
                output_content: OutputContent::text(&["Signature OK?"]),
            }),
            input_data: InputData {
                device: "CashierInput".into(),
                info_qualify: "Input".into(),
                input_command: "GetConfirmation".into(),
                max_input_time: None,
            },
        };
        let req = SaleToPoiRequest {
            header: self.header("Input", payment),
            body: RequestBody::InputRequest(input),
        };
        let Some(answer) = self.post(pos, &req).await else {
            return false;
        };
        match codec::parse_response(&answer).map(|r| r.body) {
            Ok(ResponseBody::InputResponse(r)) => {
                r.input_result.input.and_then(|i| i.confirmed).unwrap_or(false)
            }
            _ => false,
        }
    }
}
