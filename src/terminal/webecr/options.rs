//! WebECR settings kept in `TerminalConfig::options` (environment, timeouts, polling) and
//! the secrets that never go there: password and API key, kept by the register in its 0600
//! secrets file and handed to the driver as values.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::codec::MAX_SYNC_TIMEOUT_SECS;
use crate::terminal::TerminalError;

/// Which backend a terminal talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Environment {
    /// Nexi Greece FinConnect (FintechIQ) test sandbox.
    #[default]
    NexiSandbox,
    /// Nexi Greece FinConnect (FintechIQ) production.
    NexiProduction,
    /// Mellon WebECR UAT.
    MellonUat,
    /// Mellon WebECR production.
    MellonProduction,
    /// Mellon UAT on the older `/api/v2/` API (the public C# client's), for a merchant not
    /// yet moved to `/api/v2.2/`.
    MellonUatV2,
    /// Mellon production on the older `/api/v2/` API.
    MellonProductionV2,
    /// `base_url` says where.
    Custom,
}

impl Environment {
    /// The preset base of the token calls (`token/`, `token/refresh/`).
    pub fn base_url(self) -> Option<&'static str> {
        self.endpoints().map(|(token, _)| token)
    }

    /// The preset token base and API base. Mellon's token calls are unversioned (`/api/token/`),
    /// everything else is under `/api/v2.2/` (the v2.5.13-era notes, review W-1); the older
    /// `/v2/` of the public C# client stays selectable (`mellon-uat-v2`, `mellon-production-v2`).
    /// Nexi's paths are not public, one base serves both (Nexi's integration guide names the hosts).
    pub fn endpoints(self) -> Option<(&'static str, &'static str)> {
        match self {
            Environment::NexiSandbox => Some((
                "https://ecr-sandbox.prd.api-fintechiq.com/v1",
                "https://ecr-sandbox.prd.api-fintechiq.com/v1",
            )),
            Environment::NexiProduction => {
                Some(("https://ecr.prd.api-fintechiq.com/v1", "https://ecr.prd.api-fintechiq.com/v1"))
            }
            Environment::MellonUat => {
                Some(("https://uat.mreceipts.com/api", "https://uat.mreceipts.com/api/v2.2"))
            }
            Environment::MellonProduction => {
                Some(("https://www.mreceipts.com/api", "https://www.mreceipts.com/api/v2.2"))
            }
            Environment::MellonUatV2 => {
                Some(("https://uat.mreceipts.com/api", "https://uat.mreceipts.com/api/v2"))
            }
            Environment::MellonProductionV2 => {
                Some(("https://www.mreceipts.com/api", "https://www.mreceipts.com/api/v2"))
            }
            Environment::Custom => None,
        }
    }
}

/// Every key is optional; see `Default` for the values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebEcrOptions {
    pub environment: Environment,
    /// Overrides the environment's URL when set (`--base-url`); the simulator's, for one.
    /// Alone it serves token and API calls both (settings written before `api_url` existed).
    pub base_url: String,
    /// The base of every call but the token ones, when it differs from `base_url`
    /// (Mellon: `…/api/v2` beside `…/api`). Empty: the environment's, or `base_url`.
    pub api_url: String,
    /// The integration's user id (not secret; the password is).
    pub username: String,
    /// The backend's id of the terminal (`terminal/{id}/…`), found by pairing; when empty it
    /// is looked up from the TID.
    pub terminal_backend_id: String,
    /// 3rd-party servicer mode: every call carries the API key pairing returned.
    pub pairing: bool,
    /// Where older versions noted the secrets file; no longer read: the register hands the
    /// driver its secrets (see `WebEcrTerminal::from_config`). Kept so stored settings load.
    pub secrets_file: Option<PathBuf>,
    /// `Timeout` of `txninit`: how long the backend may hold the call for the result (≤ 180).
    pub sync_timeout_secs: u32,
    /// Added to `sync_timeout_secs` for the HTTP timeout of `txninit`.
    pub request_grace_secs: u32,
    pub connect_timeout_ms: u64,
    /// HTTP timeout of every other call.
    pub request_timeout_secs: u32,
    pub poll_interval_ms: u64,
    /// How long to poll an intent that is not completed; never less than the `txninit` HTTP
    /// timeout (Odoo's bug: polling that gave up before the request could).
    pub poll_total_secs: u32,
    /// At recovery, how long an intent still in progress is polled before giving up.
    pub recover_wait_secs: u32,
    /// At recovery, a second look after this pause before "no intent" counts as proof.
    pub recover_grace_ms: u64,
    /// Refresh the access token this long before it expires.
    pub token_refresh_margin_secs: u32,
    /// Assumed access-token lifetime when the token does not say.
    pub token_lifetime_secs: u32,
    pub currency_code: u16,
    /// Sales go out as MOTO (phone/mail order) transactions.
    pub moto: bool,
    /// Tip in cents added to every sale (until the request carries one).
    pub tip_cents: i64,
    /// Instalments for sales (0: none).
    pub instalments: u32,
    /// `PreloadExpiration`: how long a preloaded receipt waits on the terminal.
    pub preload_expiration_minutes: u32,
    /// myDATA validation data for sales (set by the register for one payment, never stored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<super::fiscal::TxnFiscal>,
}

impl Default for WebEcrOptions {
    fn default() -> Self {
        WebEcrOptions {
            environment: Environment::NexiSandbox,
            base_url: String::new(),
            api_url: String::new(),
            username: String::new(),
            terminal_backend_id: String::new(),
            pairing: true,
            secrets_file: None,
            sync_timeout_secs: 90,
            request_grace_secs: 30,
            connect_timeout_ms: 10_000,
            request_timeout_secs: 30,
            poll_interval_ms: 2_000,
            poll_total_secs: 300,
            recover_wait_secs: 60,
            recover_grace_ms: 3_000,
            token_refresh_margin_secs: 60,
            token_lifetime_secs: 300,
            currency_code: 978,
            moto: false,
            tip_cents: 0,
            instalments: 0,
            preload_expiration_minutes: 60,
            fiscal: None,
        }
    }
}

impl WebEcrOptions {
    /// The base of the token calls, without a trailing slash.
    pub fn base(&self) -> Result<String, TerminalError> {
        let custom = self.base_url.trim();
        let preset = self.environment.endpoints().map(|(token, _)| token);
        checked(if custom.is_empty() { preset.unwrap_or("") } else { custom })
    }

    /// The base of every other call, without a trailing slash.
    pub fn api_base(&self) -> Result<String, TerminalError> {
        let (api, custom) = (self.api_url.trim(), self.base_url.trim());
        if !api.is_empty() {
            return checked(api);
        }
        if !custom.is_empty() {
            return checked(custom);
        }
        checked(self.environment.endpoints().map(|(_, api)| api).unwrap_or(""))
    }

    /// The `Timeout` sent with `txninit`.
    pub fn sync_timeout(&self) -> u32 {
        self.sync_timeout_secs.min(MAX_SYNC_TIMEOUT_SECS)
    }

    /// HTTP timeout of `txninit`.
    pub fn txninit_http_secs(&self) -> u64 {
        u64::from(self.sync_timeout()) + u64::from(self.request_grace_secs.max(1))
    }

    /// Total polling time, stretched to outlast the `txninit` HTTP timeout.
    pub fn poll_total(&self) -> u64 {
        u64::from(self.poll_total_secs).max(self.txninit_http_secs() + 1)
    }
}

fn checked(base: &str) -> Result<String, TerminalError> {
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        return Err(TerminalError::Config(format!(
            "WebECR needs --base-url http(s)://… or a preset environment, not {base:?}"
        )));
    }
    Ok(base.trim_end_matches('/').to_string())
}

/// What the register keeps out of the database. `Debug` shows no secret.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebEcrSecrets {
    /// When set, wins over `options.username`.
    pub username: String,
    pub password: String,
    /// The key pairing returned (`X-Api-Key`); empty until paired.
    pub api_key: String,
}

impl fmt::Debug for WebEcrSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = |s: &str| if s.is_empty() { "<empty>" } else { "<set>" };
        f.debug_struct("WebEcrSecrets")
            .field("username", &self.username)
            .field("password", &set(&self.password))
            .field("api_key", &set(&self.api_key))
            .finish()
    }
}

/// The secrets file: one table per terminal name.
///
/// ```toml
/// [webecr."Nexi counter"]
/// password = "…"
/// api_key = "…"      # written after `tameio terminal pair`
/// ```
#[derive(Debug, Default, Deserialize)]
struct SecretsFile {
    #[serde(default)]
    webecr: std::collections::BTreeMap<String, WebEcrSecrets>,
}

impl WebEcrSecrets {
    /// The secrets of terminal `name` in the text of a secrets file (the loader's pure part,
    /// fuzzed by `benches/fuzz.rs`).
    pub fn parse(text: &str, name: &str) -> Result<WebEcrSecrets, String> {
        let file: SecretsFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        Ok(file.webecr.get(name).cloned().unwrap_or_default())
    }

    /// This terminal's table as TOML, for the register to merge into its secrets file.
    pub fn to_toml(&self, name: &str) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = format!("[webecr.{}]\n", q(name));
        for (k, v) in [("username", &self.username), ("password", &self.password), ("api_key", &self.api_key)]
        {
            if !v.is_empty() {
                out.push_str(&format!("{k} = {}\n", q(v)));
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_custom_urls() {
        let mut o = WebEcrOptions::default();
        assert_eq!(o.base().unwrap(), "https://ecr-sandbox.prd.api-fintechiq.com/v1");
        o.environment = Environment::NexiProduction;
        assert_eq!(o.base().unwrap(), "https://ecr.prd.api-fintechiq.com/v1");
        o.base_url = "http://127.0.0.1:9/api/".into();
        assert_eq!(o.base().unwrap(), "http://127.0.0.1:9/api");
        o.base_url.clear();
        o.environment = Environment::Custom;
        assert!(matches!(o.base(), Err(TerminalError::Config(_))));
    }

    /// `{base}/token/` unversioned, the rest under `/v2.2/` (v2.5.13-era notes, review W-1),
    /// base `https://www.mreceipts.com/api` (production) or `https://uat.mreceipts.com/api`
    /// (test). The older `/v2/` of the public C# client (Raphael-Bairaktaris/ECRAndEFTPOS,
    /// ECRAndEFTPOSCommonRoutes.cs) is its own choice.
    #[test]
    fn mellon_presets_split_token_and_api_paths() {
        let o: WebEcrOptions =
            serde_json::from_value(serde_json::json!({"environment": "mellon-uat"})).unwrap();
        assert_eq!(o.base().unwrap(), "https://uat.mreceipts.com/api");
        assert_eq!(o.api_base().unwrap(), "https://uat.mreceipts.com/api/v2.2");
        let o = WebEcrOptions { environment: Environment::MellonProduction, ..WebEcrOptions::default() };
        assert_eq!(o.base().unwrap(), "https://www.mreceipts.com/api");
        assert_eq!(o.api_base().unwrap(), "https://www.mreceipts.com/api/v2.2");
        for (name, api) in [
            ("mellon-uat-v2", "https://uat.mreceipts.com/api/v2"),
            ("mellon-production-v2", "https://www.mreceipts.com/api/v2"),
        ] {
            let o: WebEcrOptions =
                serde_json::from_value(serde_json::json!({ "environment": name })).unwrap();
            assert_eq!(o.api_base().unwrap(), api);
            assert!(o.base().unwrap().ends_with("mreceipts.com/api"));
        }
        let o = WebEcrOptions {
            base_url: "http://127.0.0.1:9/api".into(),
            api_url: "http://127.0.0.1:9/api/v2/".into(),
            ..WebEcrOptions::default()
        };
        assert_eq!(
            (o.base().unwrap(), o.api_base().unwrap()),
            ("http://127.0.0.1:9/api".into(), "http://127.0.0.1:9/api/v2".into())
        );
        let bad = WebEcrOptions { api_url: "ftp://x".into(), ..WebEcrOptions::default() };
        assert!(matches!(bad.api_base(), Err(TerminalError::Config(_))));
    }

    /// Options written before `api_url` existed (one base for everything) still load and
    /// still send every call to that base.
    #[test]
    fn an_old_single_base_still_loads_and_serves_both() {
        let old = serde_json::json!({"environment": "custom", "base_url": "https://ecr.example.gr/api", "pairing": true});
        let o: WebEcrOptions = serde_json::from_value(old).unwrap();
        assert_eq!(o.base().unwrap(), "https://ecr.example.gr/api");
        assert_eq!(o.api_base().unwrap(), "https://ecr.example.gr/api");
        let toml_text = "environment = \"mellon-production\"\nusername = \"erp\"\n";
        let o: WebEcrOptions = toml::from_str(toml_text).unwrap();
        assert_eq!(o.api_base().unwrap(), "https://www.mreceipts.com/api/v2.2");
    }

    #[test]
    fn polling_outlasts_the_request() {
        let o = WebEcrOptions { sync_timeout_secs: 500, poll_total_secs: 10, ..WebEcrOptions::default() };
        assert_eq!(o.sync_timeout(), 180);
        assert_eq!(o.txninit_http_secs(), 210);
        assert!(o.poll_total() > o.txninit_http_secs());
    }

    #[test]
    fn secrets_table_round_trip() {
        let s = WebEcrSecrets { username: "u1".into(), password: "p\"w".into(), api_key: "k".into() };
        let text = s.to_toml("Nexi \"1\"");
        assert_eq!(WebEcrSecrets::parse(&text, "Nexi \"1\"").unwrap(), s);
        assert_eq!(WebEcrSecrets::parse(&text, "other").unwrap(), WebEcrSecrets::default());
        assert!(!format!("{s:?}").contains("p\\\"w"));
    }
}
