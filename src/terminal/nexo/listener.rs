//! Full integration: the register's HTTP listener for what the terminal posts on its own —
//! DisplayRequest (204; the text goes to the payment screen), PrintRequest (204; kept),
//! InputRequest (200 + InputResponse: the signature confirmed or not), EventNotification
//! (204) and TransmitRequest (204; the terminal's new address kept). Bad XML gets 400.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response as HttpResponse};
use base64::Engine;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::codec::{self, *};
use crate::terminal::wirelog::{self, Direction};
use crate::terminal::{Progress, ProgressSink, SignatureAnswer};

/// The largest body the listener reads (a receipt to print is the largest message).
pub const MAX_BODY: usize = 256 * 1024;

/// A terminal's question, by its header (ServiceID, DeviceID).
type QuestionKey = (String, String);

/// What the listener heard, shared with the driver.
#[derive(Default)]
pub struct Heard {
    progress: Mutex<ProgressSink>,
    /// Print jobs, each its lines.
    prints: Mutex<Vec<Vec<String>>>,
    /// `EventToNotify` values, in order (with the details).
    events: Mutex<Vec<String>>,
    /// The address the terminal announced last (TransmitRequest).
    new_address: Mutex<Option<String>>,
    /// A SaleAdmin event asked for maintenance: log out with MaintenanceAllowed.
    maintenance_required: Mutex<bool>,
    /// Messages already answered (category, ServiceID, DeviceID): a repeat changes nothing.
    seen: Mutex<HashSet<(String, String, String)>>,
    /// The configured answer to a signature confirmation (`InputRequest GetConfirmation`).
    confirm_signature: bool,
    /// How long a signature question waits for the cashier before it is answered "no".
    signature_wait: Duration,
    /// The signature question now on screen (its key) and where the cashier's answer goes; a
    /// repeat of the same question waits for the same answer.
    asking: Mutex<Option<(QuestionKey, watch::Sender<Option<bool>>)>>,
    /// Signature questions answered (ServiceID, DeviceID): a repeat gets the same answer.
    answered: Mutex<HashMap<QuestionKey, bool>>,
    /// The client's count of login sessions (Login or Logout), and the one `seen` and
    /// `answered` belong to: the terminal's ServiceIDs and DeviceIDs are unique only within a
    /// login session (review N-5), so both are forgotten when it changes.
    sessions: Arc<AtomicU64>,
    heard_in: AtomicU64,
    /// Signature questions answered (all, "yes") in earlier login sessions.
    answered_before: Mutex<(usize, usize)>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Heard {
    pub fn set_progress(&self, sink: ProgressSink) {
        *lock(&self.progress) = sink;
    }

    pub fn prints(&self) -> Vec<Vec<String>> {
        lock(&self.prints).clone()
    }

    /// Print jobs from `from` on (the ones of one payment).
    pub fn prints_since(&self, from: usize) -> Vec<Vec<String>> {
        lock(&self.prints).iter().skip(from).cloned().collect()
    }

    pub fn events(&self) -> Vec<String> {
        lock(&self.events).clone()
    }

    pub fn new_address(&self) -> Option<String> {
        lock(&self.new_address).clone()
    }

    pub fn maintenance_required(&self) -> bool {
        *lock(&self.maintenance_required)
    }

    /// The cashier's answer to the signature question on screen. `false`: none is asked now.
    pub fn answer_signature(&self, confirmed: bool) -> bool {
        let mut asking = lock(&self.asking);
        match asking.take() {
            Some((key, tx)) => {
                // Recorded before it is sent: a repeat of the question arriving now gets it too.
                lock(&self.answered).insert(key, confirmed);
                tx.send(Some(confirmed)).is_ok()
            }
            None => false,
        }
    }

    /// How many signature questions were answered so far, and how many of them "yes" (a
    /// payment compares before and after: a signature confirmed at the terminal's question
    /// needs no second check of its slip).
    pub fn signature_questions(&self) -> (usize, usize) {
        let answered = lock(&self.answered);
        let (all, yes) = *lock(&self.answered_before);
        (all + answered.len(), yes + answered.values().filter(|yes| **yes).count())
    }

    /// Forgets the messages and signature answers of an earlier login session: a terminal
    /// that restarted numbers its messages anew, and an old answer must not stand for a new
    /// question (nor a new display text be dropped as a repeat).
    fn forget_earlier_sessions(&self) {
        let now = self.sessions.load(Ordering::SeqCst);
        if self.heard_in.swap(now, Ordering::SeqCst) == now {
            return;
        }
        lock(&self.seen).clear();
        let mut answered = lock(&self.answered);
        let mut before = lock(&self.answered_before);
        before.0 += answered.len();
        before.1 += answered.values().filter(|yes| **yes).count();
        answered.clear();
    }

    /// Whether a signature question waits for the cashier now.
    pub fn signature_asked(&self) -> bool {
        lock(&self.asking).as_ref().is_some_and(|(_, tx)| !tx.is_closed())
    }

    /// The answer to "signature OK?": given beforehand, configured, or the cashier's (asked
    /// with the merchant copy; no answer in time counts as "no": the terminal then refuses).
    /// The terminal repeating the question (its POST timed out) gets the same answer.
    async fn signature(&self, key: QuestionKey, question: Vec<String>) -> bool {
        if let Some(&again) = lock(&self.answered).get(&key) {
            return again;
        }
        // (Checked again under the question's lock in `ask_cashier`.)
        let sink = lock(&self.progress).clone();
        let confirmed = match sink.signature() {
            SignatureAnswer::Given(answer) => answer,
            // Set to accept signatures unasked, or nobody to ask: the configured answer.
            SignatureAnswer::Configured => self.confirm_signature,
            SignatureAnswer::Cashier if self.confirm_signature => true,
            SignatureAnswer::Cashier => self.ask_cashier(&key, question, &sink).await,
        };
        tracing::info!(confirmed, "nexo: signature question answered");
        lock(&self.answered).insert(key, confirmed);
        confirmed
    }

    /// Puts the question on the payment screen (once per key) and waits for the answer.
    async fn ask_cashier(&self, key: &QuestionKey, question: Vec<String>, sink: &ProgressSink) -> bool {
        let mut answer = {
            let mut asking = lock(&self.asking);
            if let Some(&again) = lock(&self.answered).get(key) {
                return again;
            }
            match asking.as_ref() {
                Some((k, tx)) if k == key => tx.subscribe(),
                _ => {
                    let (tx, rx) = watch::channel(None);
                    *asking = Some((key.clone(), tx));
                    let copy = lock(&self.prints).last().cloned().unwrap_or_default();
                    sink.emit(Progress::SignatureCheck(copy.into_iter().chain(question).collect()));
                    rx
                }
            }
        };
        let waited = tokio::time::timeout(self.signature_wait, answer.wait_for(Option::is_some)).await;
        let confirmed = match waited {
            Ok(Ok(value)) => value.unwrap_or(false),
            _ => {
                tracing::warn!("nexo: the signature question was not answered in time: refused");
                false
            }
        };
        // Only this question's own slot is cleared; a newer question keeps its own.
        let mut asking = lock(&self.asking);
        if asking.as_ref().is_some_and(|(k, _)| k == key) {
            *asking = None;
        }
        confirmed
    }

    /// The maintenance request, cleared: the driver logs out once for it.
    pub fn take_maintenance_required(&self) -> bool {
        std::mem::take(&mut *lock(&self.maintenance_required))
    }
}

/// A running listener; stops when dropped.
pub struct Listener {
    pub addr: SocketAddr,
    pub heard: Arc<Heard>,
    task: JoinHandle<()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Binds `addr` (e.g. `0.0.0.0:11000`) and serves until dropped.
/// `sessions`: the client's count of login sessions (`Client::login_sessions`).
pub async fn start(
    addr: &str,
    confirm_signature: bool,
    signature_wait: Duration,
    sessions: Arc<AtomicU64>,
) -> std::io::Result<Listener> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let heard_in = AtomicU64::new(sessions.load(Ordering::SeqCst));
    let heard = Arc::new(Heard { confirm_signature, signature_wait, sessions, heard_in, ..Heard::default() });
    let app = Router::new()
        .fallback(axum::routing::post(handle))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(heard.clone());
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::warn!(error = %e, "nexo listener stopped");
        }
    });
    Ok(Listener { addr: local, heard, task })
}

async fn handle(State(heard): State<Arc<Heard>>, body: Bytes) -> HttpResponse {
    let text = String::from_utf8_lossy(&body);
    wirelog::record("nexo", "terminal", Direction::In, &format!("POST {text}"));
    let req = match codec::parse_request(&text) {
        Ok(req) => req,
        Err(e) => {
            tracing::warn!(error = %e, "nexo listener: a message it cannot read");
            return (StatusCode::BAD_REQUEST, e.to_string()).into_response();
        }
    };
    let h = &req.header;
    heard.forget_earlier_sessions();
    let key = (
        h.message_category.clone(),
        h.service_id.clone().unwrap_or_default(),
        h.device_id.clone().unwrap_or_default(),
    );
    let first = lock(&heard.seen).insert(key);
    match &req.body {
        RequestBody::InputRequest(input) => input_response(&heard, h, input).await,
        _ if !first => StatusCode::NO_CONTENT.into_response(),
        RequestBody::DisplayRequest(d) => {
            let sink = lock(&heard.progress).clone();
            for line in d.display_output.iter().flat_map(|o| o.output_content.lines()) {
                sink.display(&line);
            }
            StatusCode::NO_CONTENT.into_response()
        }
        RequestBody::PrintRequest(p) => {
            lock(&heard.prints).push(p.print_output.output_content.lines());
            StatusCode::NO_CONTENT.into_response()
        }
        RequestBody::EventNotification(e) => {
            let details = e.event_details.clone().unwrap_or_default();
            tracing::info!(event = %e.event_to_notify, %details, "nexo terminal event");
            if e.event_to_notify == "SaleAdmin" && e.maintenance_required == Some(true) {
                *lock(&heard.maintenance_required) = true;
            }
            if e.event_to_notify == "EndMaintenance" {
                *lock(&heard.maintenance_required) = false;
            }
            lock(&heard.events).push(format!("{} {details}", e.event_to_notify).trim().to_string());
            StatusCode::NO_CONTENT.into_response()
        }
        RequestBody::TransmitRequest(t) => {
            match announced_address(&t.message) {
                Some(addr) => *lock(&heard.new_address) = Some(addr),
                None => tracing::warn!("nexo listener: a TransmitRequest without an address"),
            }
            StatusCode::NO_CONTENT.into_response()
        }
        _ => (StatusCode::BAD_REQUEST, "not a message the terminal sends").into_response(),
    }
}

/// The signature question is answered (see `Heard::signature`); any other input is declined.
async fn input_response(heard: &Heard, h: &MessageHeader, input: &InputRequest) -> HttpResponse {
    let command = input.input_data.input_command.clone();
    let confirmation = command == "GetConfirmation";
    let confirmed = match confirmation {
        true => {
            let key = (h.service_id.clone().unwrap_or_default(), h.device_id.clone().unwrap_or_default());
            let question = input.display_output.iter().flat_map(|d| d.output_content.lines()).collect();
            Some(heard.signature(key, question).await)
        }
        false => None,
    };
    let result = InputResult {
        device: input.input_data.device.clone(),
        info_qualify: input.input_data.info_qualify.clone(),
        response: if confirmation { Response::success() } else { Response::failure("NotAllowed", "") },
        input: confirmation.then_some(Input { input_command: command, confirmed, digit_input: None }),
    };
    let output_result = input.display_output.as_ref().map(|d| OutputResult {
        device: Some(d.device.clone()),
        info_qualify: Some(d.info_qualify.clone()),
        response: Response::success(),
    });
    let resp = SaleToPoiResponse {
        header: h.response(),
        body: ResponseBody::InputResponse(InputResponse { output_result, input_result: result }),
    };
    match codec::response_xml(&resp) {
        Ok(xml) => {
            (StatusCode::OK, [("content-type", "application/xml; charset=utf-8")], xml).into_response()
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// `HOST:PORT` from a TransmitRequest's base64 `saleTerminalconfiguration`.
pub fn announced_address(message: &str) -> Option<String> {
    let raw = base64::engine::general_purpose::STANDARD.decode(message.trim()).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&raw).ok()?;
    let ip = &v["saleTerminalconfiguration"]["ipEndPoint"];
    let host = ip["ipV4Address"].as_str()?.trim();
    let port = match &ip["ipPort"] {
        serde_json::Value::String(s) => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!host.is_empty() && !port.is_empty()).then(|| format!("{host}:{port}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_transmit_request_names_the_terminal() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/vectors/nexo/auto-configure-ecr-2-terminal__0__TransmitRequest.xml");
        let req = codec::parse_request(&std::fs::read_to_string(path).unwrap()).unwrap();
        let RequestBody::TransmitRequest(t) = req.body else { panic!() };
        assert_eq!(announced_address(&t.message).as_deref(), Some("192.168.78.15:11000"));
        assert_eq!(announced_address("not base64"), None);
    }
}
