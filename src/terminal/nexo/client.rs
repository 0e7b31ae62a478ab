//! The register's side of nexo over HTTP: one POST per request to `/EPASSaleToPOI/3.1`, the
//! login session (ServiceIDs, a new Login after `NotAllowed`), Busy back-off, and Abort on a
//! second connection while the Payment POST is open.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::codec::{self, *};
use super::messages::{self, PaymentSpec};
use super::options::{DEFAULT_PORT, NexoOptions, PATH};
use crate::terminal::TerminalError;
use crate::terminal::wirelog::{self, Direction};

/// The login session as this process knows it.
#[derive(Debug, Default)]
struct Session {
    logged_in: bool,
    /// The next ServiceID of a non-financial request (seeded from hhmmss at Login).
    next_id: u64,
}

/// A nexo terminal reached over the LAN.
pub struct Client {
    pub opts: NexoOptions,
    url: String,
    peer: String,
    sale_id: String,
    http: reqwest::Client,
    session: tokio::sync::Mutex<Session>,
    /// The header of the Payment whose POST is open now (what an Abort names).
    open_payment: Mutex<Option<MessageHeader>>,
    /// Login sessions started or ended so far (the full-integration listener forgets what it
    /// heard in an earlier one).
    sessions: Arc<AtomicU64>,
}

impl Client {
    /// `addr` is `HOST[:PORT]` (11000 when missing); `sale_id` is used when the options name none.
    pub fn new(addr: &str, sale_id: &str, opts: NexoOptions) -> Result<Self, TerminalError> {
        let addr = addr.trim();
        if addr.is_empty() {
            return Err(TerminalError::Config("the terminal's address (HOST:PORT) is missing".into()));
        }
        if opts.poiid.trim().is_empty() || opts.poiid.len() > 32 {
            return Err(TerminalError::Config(
                "the POIID (--option poiid=ID, up to 32 bytes) is missing".into(),
            ));
        }
        let peer = if addr.contains(':') { addr.to_string() } else { format!("{addr}:{DEFAULT_PORT}") };
        let sale_id = match opts.sale_id.trim() {
            "" if sale_id.trim().is_empty() => "1".to_string(),
            "" => sale_id.trim().to_string(),
            own => own.to_string(),
        };
        let http = crate::terminal::http::client_builder()
            .connect_timeout(Duration::from_millis(opts.connect_timeout_ms.max(1)))
            .pool_max_idle_per_host(0)
            .build()
            .map_err(|e| TerminalError::Config(e.to_string()))?;
        Ok(Client {
            url: format!("http://{peer}{PATH}"),
            peer,
            sale_id,
            opts,
            http,
            session: tokio::sync::Mutex::new(Session::default()),
            open_payment: Mutex::new(None),
            sessions: Arc::default(),
        })
    }

    pub fn sale_id(&self) -> &str {
        &self.sale_id
    }

    /// The count of login sessions started or ended, shared with the listener.
    pub fn login_sessions(&self) -> Arc<AtomicU64> {
        self.sessions.clone()
    }

    pub fn poiid(&self) -> &str {
        self.opts.poiid.trim()
    }

    /// A Service request header with `service_id`.
    pub fn header(&self, category: &str, service_id: &str) -> MessageHeader {
        MessageHeader::service_request(category, service_id, &self.sale_id, self.poiid())
    }

    async fn next_header(&self, category: &str) -> MessageHeader {
        let mut s = self.session.lock().await;
        s.next_id += 1;
        self.header(category, &s.next_id.to_string())
    }

    /// One POST; `None` for 204 No Content. Connecting failures mean nothing was sent.
    async fn post(
        &self,
        req: &SaleToPoiRequest,
        timeout_ms: u64,
    ) -> Result<Option<SaleToPoiResponse>, TerminalError> {
        let body = codec::request_xml(req).map_err(|e| TerminalError::Invalid(e.to_string()))?;
        wirelog::record("nexo", &self.peer, Direction::Out, &format!("POST {PATH} {body}"));
        let resp = self
            .http
            .post(&self.url)
            .header("Content-Type", "application/xml; charset=utf-8")
            .header("Accept", "*/*")
            .body(body)
            .timeout(Duration::from_millis(timeout_ms.max(1)))
            .send()
            .await
            .map_err(TerminalError::http)?;
        let status = resp.status();
        let text = read_limited(resp).await?;
        wirelog::record("nexo", &self.peer, Direction::In, &format!("{} {text}", status.as_u16()));
        match status.as_u16() {
            204 => Ok(None),
            200 => {
                let parsed = codec::parse_response(&text)
                    .map_err(|e| rejected(&text).unwrap_or_else(|| TerminalError::Protocol(e.to_string())))?;
                let echoed = parsed.header.service_id == req.header.service_id
                    && parsed.header.message_category == req.header.message_category;
                if !echoed {
                    return Err(TerminalError::Protocol(format!(
                        "the answer is for {} {:?}, not {} {:?}",
                        parsed.header.message_category,
                        parsed.header.service_id,
                        req.header.message_category,
                        req.header.service_id
                    )));
                }
                Ok(Some(parsed))
            }
            other => Err(TerminalError::Protocol(format!("HTTP {other}: {}", text.trim()))),
        }
    }

    /// A request that must be answered with a body.
    async fn exchange(&self, req: &SaleToPoiRequest, timeout_ms: u64) -> Result<ResponseBody, TerminalError> {
        match self.post(req, timeout_ms).await? {
            Some(resp) => Ok(resp.body),
            None => {
                Err(TerminalError::Protocol(format!("no answer body to {}", req.header.message_category)))
            }
        }
    }

    async fn wait_busy(&self, try_no: u32) {
        tokio::time::sleep(Duration::from_millis(self.opts.backoff_ms(try_no))).await;
    }

    /// Starts a login session (again): light integration unless the options say full.
    pub async fn login(&self) -> Result<LoginResponse, TerminalError> {
        let mut s = self.session.lock().await;
        s.next_id = seed_from_clock();
        let mut try_no = 0;
        loop {
            try_no += 1;
            s.next_id += 1;
            let header = self.header("Login", &s.next_id.to_string());
            let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            let req = messages::login(header, self.opts.full(), &now, &self.opts.language);
            let ResponseBody::LoginResponse(resp) = self.exchange(&req, self.opts.request_timeout_ms).await?
            else {
                return Err(TerminalError::Protocol("the answer to Login is not a LoginResponse".into()));
            };
            if resp.response.is_success() {
                s.logged_in = true;
                self.sessions.fetch_add(1, Ordering::SeqCst);
                return Ok(resp);
            }
            s.logged_in = false;
            if resp.response.failed_with("Busy") && try_no < self.opts.busy_tries.max(1) {
                drop(s);
                self.wait_busy(try_no).await;
                s = self.session.lock().await;
                continue;
            }
            if resp.response.failed_with("Busy") {
                return Err(TerminalError::Busy);
            }
            return Err(TerminalError::Protocol(format!("Login refused: {}", describe(&resp.response))));
        }
    }

    /// Logs in unless this process already holds a login session.
    pub async fn ensure_login(&self) -> Result<(), TerminalError> {
        if self.session.lock().await.logged_in {
            return Ok(());
        }
        self.login().await.map(|_| ())
    }

    async fn forget_login(&self) {
        self.session.lock().await.logged_in = false;
    }

    /// Ends the login session; `maintenance_allowed` lets the terminal update meanwhile.
    pub async fn logout(&self, maintenance_allowed: bool) -> Result<(), TerminalError> {
        self.ensure_login().await?;
        let req = messages::logout(self.next_header("Logout").await, maintenance_allowed);
        match self.exchange(&req, self.opts.request_timeout_ms).await? {
            ResponseBody::LogoutResponse(r) if r.response.is_success() => {
                self.forget_login().await;
                self.sessions.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
            ResponseBody::LogoutResponse(r) => {
                Err(TerminalError::Protocol(format!("Logout refused: {}", describe(&r.response))))
            }
            _ => Err(TerminalError::Protocol("the answer to Logout is not a LogoutResponse".into())),
        }
    }

    /// The Payment: sent once. Only an answer that proves it was not started (`Busy`,
    /// `NotAllowed`) lets it go again, under a new ServiceID (unique within a login session,
    /// review N-2; the SaleTransactionID stays the attempt's, which is what recovery compares);
    /// anything lost after sending is the caller's to recover.
    pub async fn payment(
        &self,
        header: &MessageHeader,
        spec: &PaymentSpec,
    ) -> Result<PaymentResponse, TerminalError> {
        self.ensure_login().await?;
        let mut relogged = false;
        let mut try_no = 0;
        let mut header = header.clone();
        loop {
            try_no += 1;
            if try_no > 1 {
                header = self.next_header("Payment").await;
            }
            tracing::info!(
                service_id = header.service_id.as_deref().unwrap_or_default(),
                sale_transaction_id = %spec.sale_transaction_id,
                try_no,
                "nexo: Payment sent"
            );
            let req = messages::payment(header.clone(), spec);
            *self.open_payment.lock().unwrap_or_else(|p| p.into_inner()) = Some(header.clone());
            let answer = self.exchange(&req, self.opts.payment_timeout_ms).await;
            *self.open_payment.lock().unwrap_or_else(|p| p.into_inner()) = None;
            let resp = match answer? {
                ResponseBody::PaymentResponse(p) => p,
                _ => {
                    return Err(TerminalError::Protocol(
                        "the answer to Payment is not a PaymentResponse".into(),
                    ));
                }
            };
            if resp.response.failed_with("NotAllowed") && !relogged {
                // Not logged in (the terminal restarted): refused before anything started.
                relogged = true;
                self.forget_login().await;
                self.login().await.map_err(super::not_sent)?;
                continue;
            }
            if resp.response.failed_with("Busy") {
                if try_no < self.opts.busy_tries.max(1) {
                    self.wait_busy(try_no).await;
                    continue;
                }
                return Err(TerminalError::Busy);
            }
            return Ok(resp);
        }
    }

    /// Sends Abort for the Payment open now, on a connection of its own (204, no body).
    /// `false` when no payment is open.
    pub async fn abort(&self, reason: &str) -> Result<bool, TerminalError> {
        let open = self.open_payment.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let Some(payment) = open else {
            return Ok(false);
        };
        let req = messages::abort(self.next_header("Abort").await, &payment, reason);
        self.post(&req, self.opts.request_timeout_ms).await?;
        Ok(true)
    }

    /// TransactionStatus of `of` (or the last transaction), repeated while the terminal is
    /// Busy (the transaction is not finished, or the terminal rests after a payment).
    pub async fn transaction_status(
        &self,
        of: Option<&MessageHeader>,
    ) -> Result<TransactionStatusResponse, TerminalError> {
        let build = |header| messages::transaction_status(header, of);
        let pick = |body| match body {
            ResponseBody::TransactionStatusResponse(r) => Some(r),
            _ => None,
        };
        let header = Header::Fresh("TransactionStatus");
        let answer =
            self.asked_until_settled(self.opts.status_tries, header, build, pick, |r| &r.response).await?;
        answer.ok_or_else(|| TerminalError::Protocol("the answer is not a TransactionStatusResponse".into()))
    }

    /// Reversal of the terminal's last payment, named by its exact POITransactionID.
    pub async fn reversal(
        &self,
        header: &MessageHeader,
        original: &TransactionId,
    ) -> Result<ReversalResponse, TerminalError> {
        let build = |header| messages::reversal(header, original, "MerchantCancel");
        let pick = |body| match body {
            ResponseBody::ReversalResponse(r) => Some(r),
            _ => None,
        };
        let header = Header::FirstThenFresh(header);
        let answer =
            self.asked_until_settled(self.opts.busy_tries, header, build, pick, |r| &r.response).await?;
        answer
            .ok_or_else(|| TerminalError::Protocol("the answer to Reversal is not a ReversalResponse".into()))
    }

    /// Closes the terminal's reconciliation period (the end of the day). Repeated after a
    /// Busy refusal only (the terminal did not take it); a lost answer is the caller's to ask
    /// about (the batch close journal keeps it until a person decides).
    pub async fn reconciliation(&self) -> Result<ReconciliationResponse, TerminalError> {
        self.ensure_login().await?;
        let pick = |body| match body {
            ResponseBody::ReconciliationResponse(r) => Some(r),
            _ => None,
        };
        let header = Header::Fresh("Reconciliation");
        let answer = self
            .asked_until_settled(self.opts.busy_tries, header, messages::reconciliation, pick, |r| {
                &r.response
            })
            .await?;
        answer.ok_or_else(|| {
            TerminalError::Protocol("the answer to Reconciliation is not a ReconciliationResponse".into())
        })
    }

    /// The open period's running totals; closes nothing, so it is safe to ask again.
    pub async fn get_totals(&self) -> Result<GetTotalsResponse, TerminalError> {
        self.ensure_login().await?;
        let pick = |body| match body {
            ResponseBody::GetTotalsResponse(r) => Some(r),
            _ => None,
        };
        let header = Header::Fresh("GetTotals");
        let answer = self
            .asked_until_settled(self.opts.busy_tries, header, messages::get_totals, pick, |r| &r.response)
            .await?;
        answer.ok_or_else(|| {
            TerminalError::Protocol("the answer to GetTotals is not a GetTotalsResponse".into())
        })
    }

    /// Sends the request `build` makes (afresh for each try) until the terminal answers other
    /// than NotAllowed (logged in again, once) or Busy (waited out, `tries` at most). `None`:
    /// the answer was not the kind `pick` takes. Only for requests that are safe to repeat
    /// after such a refusal, which proves the terminal did not take them.
    async fn asked_until_settled<R>(
        &self,
        tries: u32,
        header: Header<'_>,
        build: impl Fn(MessageHeader) -> SaleToPoiRequest,
        pick: impl Fn(ResponseBody) -> Option<R>,
        response: impl Fn(&R) -> &Response,
    ) -> Result<Option<R>, TerminalError> {
        self.ensure_login().await?;
        let mut relogged = false;
        let mut try_no = 0;
        loop {
            try_no += 1;
            let req = build(match header {
                Header::FirstThenFresh(h) if try_no == 1 => h.clone(),
                Header::FirstThenFresh(h) => self.next_header(&h.message_category).await,
                Header::Fresh(category) => self.next_header(category).await,
            });
            tracing::info!(
                category = %req.header.message_category,
                service_id = req.header.service_id.as_deref().unwrap_or_default(),
                try_no,
                "nexo: request sent"
            );
            let Some(answer) = pick(self.exchange(&req, self.opts.request_timeout_ms).await?) else {
                return Ok(None);
            };
            if response(&answer).failed_with("NotAllowed") && !relogged {
                relogged = true;
                self.login().await?;
                continue;
            }
            if response(&answer).failed_with("Busy") {
                if try_no < tries.max(1) {
                    self.wait_busy(try_no).await;
                    continue;
                }
                return Err(TerminalError::Busy);
            }
            return Ok(Some(answer));
        }
    }
}

/// The message header of each try of a repeated request.
enum Header<'a> {
    /// A new ServiceID each time, of this category.
    Fresh(&'static str),
    /// This header first (a Reversal's ServiceID is its attempt's), then a new ServiceID for
    /// each further try: ServiceIDs are unique within a login session (review N-2).
    FirstThenFresh(&'a MessageHeader),
}

/// The largest answer read (a payment with two receipts is a few KiB).
pub const MAX_ANSWER: usize = 1024 * 1024;

/// The body, read piece by piece so an endless one cannot fill the memory.
async fn read_limited(mut resp: reqwest::Response) -> Result<String, TerminalError> {
    let mut body = Vec::new();
    while let Some(piece) = resp.chunk().await.map_err(TerminalError::http)? {
        body.extend_from_slice(&piece);
        if body.len() > MAX_ANSWER {
            return Err(TerminalError::Protocol(format!("an answer longer than {MAX_ANSWER} bytes")));
        }
    }
    String::from_utf8(body).map_err(|e| TerminalError::Protocol(format!("an answer that is not UTF-8: {e}")))
}

/// An `EventNotification Reject` where the answer should be (review N-7): the terminal did
/// not process the message, so nothing started.
fn rejected(text: &str) -> Option<TerminalError> {
    let RequestBody::EventNotification(event) = codec::parse_request(text).ok()?.body else {
        return None;
    };
    (event.event_to_notify == "Reject").then(|| {
        let details = event.event_details.unwrap_or_default();
        TerminalError::Invalid(format!(
            "the terminal rejected the message, nothing started: {}",
            details.trim()
        ))
    })
}

/// `Failure/Refusal: text` for logs and errors.
pub fn describe(r: &Response) -> String {
    let mut out = r.result.clone();
    if let Some(c) = &r.error_condition {
        out = format!("{out}/{c}");
    }
    if let Some(t) = &r.additional_response {
        out = format!("{out}: {}", t.trim());
    }
    out
}

/// hhmmss × 1000: ServiceIDs of a new login session start past those of an earlier one today.
fn seed_from_clock() -> u64 {
    let t = chrono::Local::now().format("%H%M%S").to_string();
    t.parse::<u64>().unwrap_or(0) * 1000
}
