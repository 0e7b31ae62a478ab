//! Cloud terminals: their secrets (kept in the secrets file, mode 0600, never in the
//! database) and WebECR pairing with the 8-digit code the terminal shows.

use super::{Register, RegisterError, Result};
use crate::config::write_secret_file;
use crate::terminal::webecr::{PairedTerminal, WebEcrSecrets, WebEcrTerminal};
use crate::terminal::{Protocol, TerminalConfig, TerminalError};

impl Register {
    /// One WebECR terminal's secrets from the secrets file (empty when there is none); a file
    /// others can read is refused. The driver gets them as values.
    fn webecr_secrets(&self, name: &str) -> Result<WebEcrSecrets> {
        let path = self.secrets_path()?;
        let config = |e: String| {
            RegisterError::Terminal(TerminalError::Config(format!("secrets file {}: {e}", path.display())))
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(WebEcrSecrets::default()),
            Err(e) => return Err(config(e.to_string())),
        };
        super::secrets::refuse_if_shared(&path).map_err(|e| match e {
            RegisterError::Storage(m) => RegisterError::Terminal(TerminalError::Config(m)),
            other => other,
        })?;
        WebEcrSecrets::parse(&text, name).map_err(config)
    }

    /// Writes one WebECR terminal's secrets into the secrets file, keeping everything else.
    fn save_webecr_secrets(&self, name: &str, secrets: &WebEcrSecrets) -> Result<()> {
        let path = self.secrets_path()?;
        let mut table: toml::Table = match std::fs::read_to_string(&path) {
            Ok(text) => {
                text.parse().map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display())))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => toml::Table::new(),
            Err(e) => return Err(RegisterError::Storage(format!("{}: {e}", path.display()))),
        };
        let section: toml::Table = secrets
            .to_toml(name)
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| t.get("webecr")?.get(name)?.as_table().cloned())
            .unwrap_or_default();
        let webecr = table.entry("webecr").or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let Some(w) = webecr.as_table_mut() {
            w.insert(name.to_string(), toml::Value::Table(section));
        }
        write_secret_file(&path, &table.to_string()).map_err(|e| RegisterError::Storage(e.to_string()))
    }

    /// Drops a removed terminal's sections from the secrets file (there may be none).
    pub(super) fn forget_terminal_secrets(&self, name: &str) -> Result<()> {
        let Ok(path) = self.secrets_path() else { return Ok(()) };
        let mut table: toml::Table = match std::fs::read_to_string(&path) {
            Ok(text) => {
                text.parse().map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display())))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(RegisterError::Storage(format!("{}: {e}", path.display()))),
        };
        // Every protocol's table (`[webecr.NAME]`, `[aade1155.NAME]`, …).
        let mut removed = false;
        for (_, protocol) in table.iter_mut() {
            removed |= protocol.as_table_mut().and_then(|p| p.remove(name)).is_some();
        }
        if !removed {
            return Ok(());
        }
        write_secret_file(&path, &table.to_string()).map_err(|e| RegisterError::Storage(e.to_string()))
    }

    /// Configures a WebECR terminal: settings in the database, the password in the secrets file.
    pub fn add_webecr_terminal(
        &self,
        mut config: TerminalConfig,
        username: &str,
        password: &str,
        actor: &str,
    ) -> Result<()> {
        let path = self.secrets_path()?;
        let options = config.options.as_object_mut().map(std::mem::take).unwrap_or_default();
        let mut options = options;
        options.insert("secrets_file".into(), serde_json::json!(path));
        if !username.is_empty() {
            options.insert("username".into(), serde_json::json!(username));
        }
        config.options = options.into();
        let mut secrets = self.webecr_secrets(&config.name).unwrap_or_default();
        secrets.username = username.to_string();
        secrets.password = password.to_string();
        self.save_webecr_secrets(&config.name, &secrets)?;
        self.save_terminal(&config, actor)
    }

    /// Pairs a WebECR terminal with the code its screen shows (valid 15 minutes); stores the
    /// key in the secrets file and the terminal's ids in its settings.
    pub async fn pair_terminal(&self, name: &str, code: &str, actor: &str) -> Result<PairedTerminal> {
        // The GUI's rule for the command line too: a malformed code never reaches the backend.
        super::check_pairing_code(code.trim())?;
        let stored = self.store.terminal(name)?.ok_or_else(|| RegisterError::NoTerminal(name.to_string()))?;
        let mut config: TerminalConfig =
            serde_json::from_str(&stored.config).map_err(|e| RegisterError::Storage(e.to_string()))?;
        if config.protocol != Protocol::WebEcr {
            return Err(RegisterError::BadInput(format!("{name} is not a WebECR terminal")));
        }
        let mut secrets = self.webecr_secrets(name)?;
        let terminal = WebEcrTerminal::new(&config, secrets.clone()).map_err(RegisterError::Terminal)?;
        let paired = terminal.pair(code).await.map_err(RegisterError::Terminal)?;
        secrets.api_key = paired.api_key.clone();
        self.save_webecr_secrets(name, &secrets)?;
        if let Some(options) = config.options.as_object_mut() {
            options.insert("terminal_backend_id".into(), serde_json::json!(paired.terminal_backend_id));
        }
        config.terminal_id = paired.tid.clone();
        self.save_terminal(&config, actor)?;
        self.store.audit(
            actor,
            "terminal.pair",
            name,
            &serde_json::json!({ "tid": paired.tid }).to_string(),
        )?;
        Ok(paired)
    }
}
