//! The ECR side of WebECR over HTTPS: login and token refresh, pairing, terminal lookup,
//! `txninit`/`txnvoid` and the intent and transaction lists. Every failure says whether the
//! request may have reached the backend (`TerminalError::may_have_reached_terminal`).

use std::sync::Mutex;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use super::codec::{
    Intent, Login, Page, Redeem, Refresh, TerminalEntry, Tokens, Transaction, TxnInit, TxnVoid,
};
use super::jwt;
use super::options::{WebEcrOptions, WebEcrSecrets};
use crate::terminal::TerminalError;
use crate::terminal::wirelog::{self, Direction};

/// Pages followed at most when a list is paginated; a longer list is an error, never cut
/// short (an intent missing from a cut list would read as "never created").
const MAX_PAGES: usize = 200;
/// The largest answer body read; a longer one is cut off and refused (a page of intents is a
/// few kilobytes).
pub const MAX_BODY: usize = 1 << 20;
/// Redirects followed at most, and only within the configured origin.
const MAX_REDIRECTS: usize = 5;
/// What the cashier is told when the backend no longer accepts the API key.
pub const PAIR_AGAIN: &str = "pairing needed: the WebECR key was revoked or has expired; get a new \
                              code in FinConnect and run `tameio terminal pair NAME --code CODE`";

/// What pairing found: the API key to keep secret and the terminal it serves.
#[derive(Clone, PartialEq, Eq)]
pub struct PairedTerminal {
    /// Goes to the secrets file, never to the database.
    pub api_key: String,
    /// The backend's id of the terminal (store it as `options.terminal_backend_id`).
    pub terminal_backend_id: String,
    pub tid: String,
    pub merchant: String,
    pub acquirer: String,
}

impl std::fmt::Debug for PairedTerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairedTerminal")
            .field("api_key", &"<secret>")
            .field("terminal_backend_id", &self.terminal_backend_id)
            .field("tid", &self.tid)
            .field("merchant", &self.merchant)
            .field("acquirer", &self.acquirer)
            .finish()
    }
}

struct Session {
    access: String,
    refresh: Option<String>,
    refresh_at: Instant,
}

/// One configured WebECR account and terminal.
pub struct Client {
    http: reqwest::Client,
    /// Where the token calls go.
    pub base: String,
    /// Where every other call goes (Mellon: `base` + `/v2`).
    pub api: String,
    pub opts: WebEcrOptions,
    /// The TID printed on the terminal (may be empty: then the only visible terminal).
    pub tid: String,
    username: String,
    password: String,
    api_key: Mutex<String>,
    backend_id: Mutex<String>,
    session: tokio::sync::Mutex<Option<Session>>,
}

impl Client {
    pub fn new(opts: WebEcrOptions, secrets: WebEcrSecrets, tid: &str) -> Result<Client, TerminalError> {
        let base = opts.base()?;
        let api = opts.api_base()?;
        let http = crate::terminal::http::client_builder()
            .connect_timeout(Duration::from_millis(opts.connect_timeout_ms.max(1)))
            .redirect(same_origin_redirects())
            .build()
            .map_err(|e| TerminalError::Config(format!("HTTP client: {e}")))?;
        let username = if secrets.username.is_empty() { opts.username.clone() } else { secrets.username };
        Ok(Client {
            http,
            base,
            api,
            backend_id: Mutex::new(opts.terminal_backend_id.trim().to_string()),
            opts,
            tid: tid.trim().to_string(),
            username,
            password: secrets.password,
            api_key: Mutex::new(secrets.api_key),
            session: tokio::sync::Mutex::new(None),
        })
    }

    fn api_key(&self) -> String {
        self.api_key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The backend id of our terminal, once known.
    pub fn backend_id(&self) -> String {
        self.backend_id.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// A path under `root` (the token or the API base), or an absolute link (a page's `next`)
    /// on the API base's origin only: the token and the key never go to another host.
    fn url(&self, root: &str, path: &str, query: &[(&str, &str)]) -> Result<reqwest::Url, TerminalError> {
        let absolute = path.starts_with("http://") || path.starts_with("https://");
        let raw =
            if absolute { path.to_string() } else { format!("{root}/{}", path.trim_start_matches('/')) };
        let url = reqwest::Url::parse_with_params(&raw, query)
            .map_err(|e| TerminalError::Config(format!("URL {raw}: {e}")))?;
        let api = reqwest::Url::parse(&self.api)
            .map_err(|e| TerminalError::Config(format!("URL {}: {e}", self.api)))?;
        if absolute && url.origin() != api.origin() {
            return Err(TerminalError::Protocol(format!(
                "the backend sent a link to another host ({}); not followed",
                url.host_str().unwrap_or_default()
            )));
        }
        Ok(url)
    }

    /// A valid access token: the current one, a refreshed one, or a fresh login.
    async fn access(&self, renew: bool) -> Result<String, TerminalError> {
        let mut session = self.session.lock().await;
        if let Some(s) = session.as_ref().filter(|s| !renew && Instant::now() < s.refresh_at) {
            return Ok(s.access.clone());
        }
        let old_refresh = session.as_ref().and_then(|s| s.refresh.clone());
        let mut tokens = None;
        if let Some(refresh) = old_refresh.clone() {
            match self.post_plain::<_, Tokens>("token/refresh/", &Refresh { refresh }).await {
                Ok(t) => tokens = Some(t),
                Err(e) => tracing::info!(error = %e, "WebECR token refresh refused; logging in again"),
            }
        }
        let tokens = match tokens {
            Some(t) => t,
            None => self.login().await?,
        };
        let s = self.session_from(tokens, old_refresh);
        let access = s.access.clone();
        *session = Some(s);
        Ok(access)
    }

    /// Logs in (or refreshes) now, so the money request does not have to.
    pub async fn ready(&self) -> Result<(), TerminalError> {
        self.access(false).await.map(|_| ())
    }

    async fn login(&self) -> Result<Tokens, TerminalError> {
        if self.username.is_empty() || self.password.is_empty() {
            return Err(TerminalError::Config("WebECR needs --username and --password".into()));
        }
        let login = Login { username: self.username.clone(), password: self.password.clone() };
        self.post_plain("token/", &login).await.map_err(|e| match e {
            TerminalError::Invalid(_) | TerminalError::Config(_) => {
                TerminalError::Config("WebECR login refused: check the user id and password".into())
            }
            other => other,
        })
    }

    fn session_from(&self, tokens: Tokens, old_refresh: Option<String>) -> Session {
        let lifetime = jwt::claims(&tokens.access)
            .and_then(|c| c.lifetime_secs())
            .unwrap_or(i64::from(self.opts.token_lifetime_secs));
        let usable = (lifetime - i64::from(self.opts.token_refresh_margin_secs)).max(0) as u64;
        Session {
            access: tokens.access,
            refresh: tokens.refresh.or(old_refresh),
            refresh_at: Instant::now() + Duration::from_secs(usable),
        }
    }

    /// A call without bearer token (login, refresh).
    async fn post_plain<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, TerminalError> {
        let secs = u64::from(self.opts.request_timeout_secs.max(1));
        let url = self.url(&self.base, path, &[])?;
        log_request(&Method::POST, &url, Some(body));
        let req = self.http.post(url).json(body).timeout(Duration::from_secs(secs));
        let resp = req.send().await.map_err(TerminalError::http)?;
        read(resp, false).await
    }

    /// An authenticated call. A 401 renews the token and tries once more: the backend refused
    /// the first one before processing it. Still 401/403 with a key: "pairing needed".
    pub async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        timeout_secs: u64,
    ) -> Result<T, TerminalError> {
        let url = self.url(&self.api, path, query)?;
        for attempt in 0..2 {
            let token = self.access(attempt > 0).await?;
            let mut req = self.http.request(method.clone(), url.clone()).bearer_auth(token);
            let key = self.api_key();
            if !key.is_empty() {
                req = req.header("X-Api-Key", key);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            log_request(&method, &url, body);
            let resp = req
                .timeout(Duration::from_secs(timeout_secs.max(1)))
                .send()
                .await
                .map_err(TerminalError::http)?;
            if resp.status() == StatusCode::UNAUTHORIZED && attempt == 0 {
                continue;
            }
            return read(resp, self.opts.pairing).await;
        }
        Err(TerminalError::Config(PAIR_AGAIN.into()))
    }

    fn short(&self) -> u64 {
        u64::from(self.opts.request_timeout_secs.max(1))
    }

    /// Refuses before any call when servicer mode has no key yet.
    pub fn require_key(&self) -> Result<(), TerminalError> {
        if self.opts.pairing && self.api_key().is_empty() {
            return Err(TerminalError::Config(
                "pairing needed: this terminal was never paired; run `tameio terminal pair NAME --code CODE`"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Redeems the pairing code (8 digits from FinConnect, valid 15 minutes), then finds the
    /// terminal. The key is used by this client at once; the caller stores it.
    pub async fn pair(&self, code: &str) -> Result<PairedTerminal, TerminalError> {
        let code = code.trim();
        if !(6..=12).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TerminalError::Invalid(format!("a pairing code is 8 digits, not {code:?}")));
        }
        let answer: Redeem = self
            .call(Method::POST, "authorization/redeem/", &[], Some(&Redeem::code(code)), self.short())
            .await
            .map_err(|e| match e {
                TerminalError::Invalid(why) | TerminalError::Config(why) => TerminalError::Invalid(format!(
                    "pairing code not accepted (wrong, already used or older than 15 minutes): {why}"
                )),
                other => other,
            })?;
        let key = answer
            .id
            .filter(|k| !k.is_empty())
            .ok_or(TerminalError::Protocol("redeem gave no key".into()))?;
        *self.api_key.lock().unwrap_or_else(|p| p.into_inner()) = key.clone();
        let entry = self.find_terminal().await?;
        *self.backend_id.lock().unwrap_or_else(|p| p.into_inner()) = entry.id.to_string();
        Ok(PairedTerminal {
            api_key: key,
            terminal_backend_id: entry.id.to_string(),
            tid: entry.terminal_id.clone(),
            merchant: entry.merchant.map(|m| m.to_string()).unwrap_or_default(),
            acquirer: entry.acquirer.map(|a| a.to_string()).unwrap_or_default(),
        })
    }

    /// Our terminal in `GET terminal/`: by TID, or the only one visible.
    pub async fn find_terminal(&self) -> Result<TerminalEntry, TerminalError> {
        let query: Vec<(&str, &str)> =
            if self.tid.is_empty() { vec![] } else { vec![("TerminalID", self.tid.as_str())] };
        let all: Vec<TerminalEntry> = self.list("terminal/", &query).await?;
        let mut mine: Vec<TerminalEntry> =
            all.into_iter().filter(|t| self.tid.is_empty() || t.terminal_id == self.tid).collect();
        match mine.len() {
            1 => Ok(mine.remove(0)),
            0 => {
                Err(TerminalError::Config(format!("terminal {:?} is not visible to this account", self.tid)))
            }
            n => Err(TerminalError::Config(format!("{n} terminals visible: configure --terminal-id"))),
        }
    }

    /// The backend id, looked up once from the TID.
    pub async fn terminal_path(&self) -> Result<String, TerminalError> {
        let known = self.backend_id();
        if !known.is_empty() {
            return Ok(format!("terminal/{known}"));
        }
        let entry = self.find_terminal().await?;
        *self.backend_id.lock().unwrap_or_else(|p| p.into_inner()) = entry.id.to_string();
        Ok(format!("terminal/{}", entry.id))
    }

    /// Every item of a paginated collection (following `next`, up to `MAX_PAGES`).
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<Vec<T>, TerminalError> {
        let mut out = Vec::new();
        self.walk(path, query, |page: &mut Vec<T>| {
            out.append(page);
            false
        })
        .await?;
        Ok(out)
    }

    /// The first item `wanted` picks, page after page; `None` only once the last page was seen.
    pub async fn find<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        wanted: impl Fn(&T) -> bool,
    ) -> Result<Option<T>, TerminalError> {
        let mut hit = None;
        self.walk(path, query, |page: &mut Vec<T>| {
            hit = page.drain(..).find(|t| wanted(t));
            hit.is_some()
        })
        .await?;
        Ok(hit)
    }

    /// Hands each page to `stop` until it says so or the pages end; past `MAX_PAGES` an error.
    async fn walk<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        mut stop: impl FnMut(&mut Vec<T>) -> bool,
    ) -> Result<(), TerminalError> {
        let mut page: Page<T> = self.call::<(), _>(Method::GET, path, query, None, self.short()).await?;
        for _ in 0..MAX_PAGES {
            if stop(&mut page.results) {
                return Ok(());
            }
            let Some(next) = page.next.take().filter(|n| !n.trim().is_empty()) else { return Ok(()) };
            page = self.call::<(), _>(Method::GET, &next, &[], None, self.short()).await?;
        }
        Err(TerminalError::Protocol(format!("{path}: more than {MAX_PAGES} pages; not read to the end")))
    }

    /// Starts a transaction; waits up to `Timeout` + grace for the backend's answer.
    pub async fn txninit(&self, terminal_path: &str, body: &TxnInit) -> Result<Intent, TerminalError> {
        let path = format!("{terminal_path}/txninit/");
        if let Some(fiscal) = &self.opts.fiscal {
            let mut body = body.clone();
            super::fiscal::attach(fiscal, &mut body, &self.tid)?;
            return self.call(Method::POST, &path, &[], Some(&body), self.opts.txninit_http_secs()).await;
        }
        self.call(Method::POST, &path, &[], Some(body), self.opts.txninit_http_secs()).await
    }

    pub async fn txnvoid(&self, terminal_path: &str, body: &TxnVoid) -> Result<Intent, TerminalError> {
        let path = format!("{terminal_path}/txnvoid/");
        self.call(Method::POST, &path, &[], Some(body), self.short()).await
    }

    /// Intents whose `CustomerReference` is exactly `reference` (the filter is re-checked here).
    pub async fn intents_by_reference(&self, reference: &str) -> Result<Vec<Intent>, TerminalError> {
        let all: Vec<Intent> = self.list("transactionintent/", &[("CustomerReference", reference)]).await?;
        Ok(all.into_iter().filter(|i| i.customer_reference.as_deref() == Some(reference)).collect())
    }

    /// The void intent `id` of our terminal, by documented filters only (`Terminal`, and
    /// `Transaction` when the voided transaction is known), read page by page to the end.
    /// The void intent `id`, looked for among the terminal's intents since `since` (ISO 8601,
    /// a little before the void was sent) and matched by its own id. Not by `Transaction`:
    /// the spec fills it "only if result = APPROVED", so a pending, declined or cancelled
    /// void would never match (review W-3).
    pub async fn void_intent(&self, id: &str, since: &str) -> Result<Option<Intent>, TerminalError> {
        let id = id.trim();
        if id.is_empty() {
            // Without the void's own id any intent without one would match, the sale's too.
            return Err(TerminalError::Protocol("the void's intent has no id to look for".into()));
        }
        let backend = self.backend_id();
        let mut query = vec![("Terminal", backend.as_str())];
        if !since.is_empty() {
            query.push(("Timestamp_min", since));
        }
        self.find("transactionintent/", &query, |i: &Intent| i.id_text().trim() == id).await
    }

    /// Transactions whose `CustomerReference` is exactly `reference`.
    pub async fn transactions_by_reference(
        &self,
        reference: &str,
    ) -> Result<Vec<Transaction>, TerminalError> {
        let all: Vec<Transaction> = self.list("transaction/", &[("CustomerReference", reference)]).await?;
        Ok(all.into_iter().filter(|t| t.customer_reference.as_deref() == Some(reference)).collect())
    }
}

/// The body as `T`, or the error its status means.
async fn read<T: DeserializeOwned>(resp: reqwest::Response, pairing: bool) -> Result<T, TerminalError> {
    let status = resp.status();
    let host = resp.url().host_str().unwrap_or_default().to_string();
    let resp_path = &resp.url().path().to_string();
    let bytes = body_within(resp, MAX_BODY).await?;
    let shown: String = if carries_secrets(resp_path) {
        NOT_LOGGED.to_string()
    } else {
        String::from_utf8_lossy(&bytes).chars().take(2000).collect()
    };
    wirelog::record("webecr", &host, Direction::In, &format!("{status} {shown}"));
    if status.is_success() {
        // The body goes into the error, hence into the attempt's note: the evidence stays.
        return serde_json::from_slice(&bytes).map_err(|e| {
            let body: String = String::from_utf8_lossy(&bytes).chars().take(1500).collect();
            let body = if carries_secrets(resp_path) {
                NOT_LOGGED.to_string()
            } else {
                wirelog::mask_card_numbers(&body)
            };
            TerminalError::Protocol(format!("unreadable answer ({status}): {e}; body: {body}"))
        });
    }
    let text: String = String::from_utf8_lossy(&bytes).chars().take(200).collect();
    Err(match status.as_u16() {
        400 | 409 | 422 => {
            TerminalError::Invalid(format!("the backend refused the request ({status}): {text}"))
        }
        401 | 403 if pairing => TerminalError::Config(PAIR_AGAIN.into()),
        401 | 403 => TerminalError::Config(format!("the backend refused our credentials ({status})")),
        404 => TerminalError::Config(format!("not found on the backend ({status}): {text}")),
        _ => TerminalError::Protocol(format!("backend error {status}: {text}")),
    })
}

/// The body, read chunk by chunk and refused past `limit` bytes (never buffered whole first).
async fn body_within(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, TerminalError> {
    let too_long = || TerminalError::Protocol(format!("the backend's answer is longer than {limit} bytes"));
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_long());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(TerminalError::http)? {
        if body.len() + chunk.len() > limit {
            return Err(too_long());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Redirects are followed only to the origin the request went to (the bearer token and the
/// API key ride along), at most `MAX_REDIRECTS` times.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().map(reqwest::Url::origin);
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else if first.is_some_and(|o| o != attempt.url().origin()) {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

/// The request line and its JSON body in the protocol log (secrets are masked there).
fn log_request<B: Serialize>(method: &Method, url: &reqwest::Url, body: Option<&B>) {
    let body = if carries_secrets(url.path()) {
        NOT_LOGGED.to_string()
    } else {
        body.and_then(|b| serde_json::to_string(b).ok()).unwrap_or_default()
    };
    let host = url.host_str().unwrap_or_default();
    wirelog::record("webecr", host, Direction::Out, &format!("{method} {} {body}", url.path()));
}

const NOT_LOGGED: &str = "(credentials: not logged)";

/// Login, token refresh and pairing carry passwords, tokens and the API key: their bodies
/// never reach the protocol log.
fn carries_secrets(path: &str) -> bool {
    path.contains("token") || path.contains("authorization") || path.contains("ecrkeyexchange")
}
