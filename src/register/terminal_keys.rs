//! AADE 1155 v10 key set-up of one terminal (a manager's job): the init echo that makes the
//! terminal fetch its master key from AADE, the master key kept for the register's side, and a
//! fresh session key loaded with `MAC_K` (encrypted key and KCV). Keys live only in the secrets
//! file, in the terminal's own table; the audit log says what was done, never a key.

use super::{Operator, Register, RegisterError, Result, require_manager};
use crate::fiscal;
use crate::terminal::aade1155::Aade1155Terminal;
use crate::terminal::aade1155::reply::Reply;
use crate::terminal::{Protocol, TerminalConfig};

/// The terminal's secrets-table keys (both listed in `secrets::KEY_OPTIONS`).
const MASTER_KEY: &str = "master_key";
const SESSION_KEY: &str = "session_key";

/// What to do, in this order; neither the echo nor the session key asked for means both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySetup {
    /// Send the init echo (`X/<ecr id>` unless the terminal's `init_echo` option says otherwise).
    pub init_echo: bool,
    /// Keep this master key (32 hex digits) for the terminal first.
    pub master_key: Option<String>,
    /// Make a session key, load it with `MAC_K`, keep it once the terminal took it.
    pub session_key: bool,
}

impl KeySetup {
    /// The usual set-up when no step was asked for: echo, then a session key.
    pub fn or_usual(mut self) -> KeySetup {
        if !self.init_echo && !self.session_key {
            self.init_echo = true;
            self.session_key = true;
        }
        self
    }
}

/// What the set-up did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct KeysDone {
    pub terminal: String,
    /// The terminal's answer to the init echo (`INIT:<ecr id>` or the text echoed), its TID.
    pub echo: Option<String>,
    pub tid: Option<String>,
    pub master_key_kept: bool,
    /// The key check value of the session key the terminal took (not secret).
    pub session_key_kcv: Option<String>,
}

impl Register {
    /// Runs `setup` on the AADE 1155 terminal `name`, holding its guard (never during a payment).
    pub async fn set_up_terminal_keys(&self, by: &Operator, name: &str, setup: KeySetup) -> Result<KeysDone> {
        require_manager(by)?;
        let setup = setup.or_usual();
        let config = self.terminal_config(name).await?;
        if config.protocol != Protocol::Aade1155 {
            return Err(RegisterError::BadInput(format!("{name} is not an AADE 1155 terminal")));
        }
        let mut done = KeysDone { terminal: name.to_string(), ..KeysDone::default() };
        if let Some(mk) = &setup.master_key {
            let mk = mk.trim().to_ascii_uppercase();
            fiscal::parse_key(&mk).map_err(|e| RegisterError::BadInput(format!("{MASTER_KEY}: {e}")))?;
            self.keep_terminal_key(&config, MASTER_KEY, &mk)?;
            done.master_key_kept = true;
        }
        if setup.init_echo || setup.session_key {
            let _guard = self.hold_terminal_now(name)?;
            let full = self.with_key_material(config.clone())?;
            let terminal = Aade1155Terminal::from_config(&full)?;
            if setup.init_echo
                && let Reply::EchoReply { text, tid, .. } = terminal.init_echo().await?
            {
                done.echo = Some(text);
                done.tid = Some(tid);
            }
            if setup.session_key {
                let master = self.master_key_of(&full)?;
                done.session_key_kcv = Some(self.load_new_session_key(&config, &terminal, &master).await?);
            }
        }
        let detail = serde_json::json!({
            "init_echo": done.echo.is_some(),
            "master_key": if done.master_key_kept { "kept in the secrets file" } else { "" },
            "session_key_kcv": done.session_key_kcv,
        });
        self.store.audit(&by.name, "terminal.keys", name, &detail.to_string())?;
        Ok(done)
    }

    /// A random session key, sent encrypted under `master` with its KCV; kept only once the
    /// terminal answered `E/000`. Returns the KCV.
    pub(super) async fn load_new_session_key(
        &self,
        config: &TerminalConfig,
        terminal: &Aade1155Terminal,
        master: &[u8; 16],
    ) -> Result<String> {
        let session =
            fiscal::NewSessionKey::make(master).map_err(|e| RegisterError::BadInput(e.to_string()))?;
        terminal.load_session_key(&session.mac_k()).await?;
        self.keep_terminal_key(config, SESSION_KEY, &session.key_hex())?;
        Ok(session.kcv_hex)
    }

    /// The master key: the terminal's own, else the shop's `[fiscal]` one (the fiscal device's).
    fn master_key_of(&self, full: &TerminalConfig) -> Result<[u8; 16]> {
        let own = full.options.get(MASTER_KEY).and_then(|v| v.as_str()).map(str::to_string);
        let shop = || {
            self.read_secrets()
                .ok()
                .and_then(|t| t.get("fiscal")?.get(MASTER_KEY)?.as_str().map(str::to_string))
        };
        let hex = own.filter(|k| !k.trim().is_empty()).or_else(shop).ok_or_else(|| {
            RegisterError::BadInput(format!("no master key for {}: give it first (--master-key)", full.name))
        })?;
        fiscal::parse_key(&hex).map_err(|e| RegisterError::BadInput(format!("{MASTER_KEY}: {e}")))
    }

    fn keep_terminal_key(&self, config: &TerminalConfig, key: &str, value: &str) -> Result<()> {
        let mut keys = toml::Table::new();
        keys.insert(key.to_string(), toml::Value::String(value.to_string()));
        self.keep_keys(config, keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_asked_means_echo_and_session_key() {
        let usual = KeySetup::default().or_usual();
        assert!(usual.init_echo && usual.session_key && usual.master_key.is_none());
        let with_mk = KeySetup { master_key: Some("00".into()), ..KeySetup::default() }.or_usual();
        assert!(with_mk.init_echo && with_mk.session_key);
        let echo_only = KeySetup { init_echo: true, ..KeySetup::default() }.or_usual();
        assert!(!echo_only.session_key);
    }
}
