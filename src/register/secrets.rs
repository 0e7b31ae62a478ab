//! Key material lives in the secrets file (mode 0600), never in the database or the audit log:
//! split off a terminal's settings when saved, put back only when its driver is built.

use super::{Register, RegisterError, Result};
use crate::config::write_secret_file;
use crate::terminal::TerminalConfig;

/// Settings keys whose values are key material, for every protocol (the AADE 1155 MAC session
/// key first). They go to `[<protocol>."<terminal>"]` in the secrets file.
pub const KEY_OPTIONS: &[&str] =
    &["session_key", "master_key", "mac_key", "password", "api_key", "token", "secret"];

/// Why older entries were rewritten (the `audit.redact` entry says so).
const REDACTION_REASON: &str = "key material moved to the secrets file";

/// What replaces a key in rewritten audit entries.
const REDACTED: &str = "<secrets file>";

/// The settings without key material, and the key material taken out.
pub fn split_key_material(config: &TerminalConfig) -> (TerminalConfig, toml::Table) {
    let mut public = config.clone();
    let mut keys = toml::Table::new();
    if let Some(options) = public.options.as_object_mut() {
        for key in KEY_OPTIONS {
            match options.remove(*key) {
                Some(serde_json::Value::String(v)) if !v.is_empty() => {
                    keys.insert((*key).to_string(), toml::Value::String(v));
                }
                Some(serde_json::Value::String(_)) | None => {}
                Some(other) => {
                    keys.insert((*key).to_string(), toml::Value::String(other.to_string()));
                }
            }
        }
    }
    (public, keys)
}

impl Register {
    pub(super) fn secrets_path(&self) -> Result<std::path::PathBuf> {
        self.places()
            .map(|p| p.secrets())
            .ok_or_else(|| RegisterError::Storage("no data folder for the secrets file".into()))
    }

    /// The whole secrets file as a table (empty when there is none).
    pub(super) fn read_secrets(&self) -> Result<toml::Table> {
        let path = self.secrets_path()?;
        match std::fs::read_to_string(&path) {
            Ok(text) => text.parse().map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(toml::Table::new()),
            Err(e) => Err(RegisterError::Storage(format!("{}: {e}", path.display()))),
        }
    }

    pub(super) fn write_secrets(&self, table: &toml::Table) -> Result<()> {
        let path = self.secrets_path()?;
        write_secret_file(&path, &table.to_string()).map_err(|e| RegisterError::Storage(e.to_string()))
    }

    /// Merges `keys` into the terminal's table of the secrets file (nothing to do when empty).
    pub(super) fn keep_keys(&self, config: &TerminalConfig, keys: toml::Table) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let mut table = self.read_secrets()?;
        let protocol =
            table.entry(config.protocol.code()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let Some(protocol) = protocol.as_table_mut() {
            let terminal =
                protocol.entry(config.name.clone()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let Some(terminal) = terminal.as_table_mut() {
                terminal.extend(keys);
            }
        }
        self.write_secrets(&table)
    }

    /// The terminal's key material from the secrets file (empty when none).
    fn keys_of(&self, config: &TerminalConfig) -> Result<toml::Table> {
        if self.places().is_none() {
            return Ok(toml::Table::new());
        }
        refuse_if_shared(&self.secrets_path()?)?;
        let table = self.read_secrets()?;
        Ok(table
            .get(config.protocol.code())
            .and_then(|p| p.get(&config.name))
            .and_then(|t| t.as_table())
            .map(|t| {
                t.iter()
                    .filter(|(k, _)| KEY_OPTIONS.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The settings a driver needs: the stored ones with the key material put back.
    pub(super) fn with_key_material(&self, mut config: TerminalConfig) -> Result<TerminalConfig> {
        let keys = self.keys_of(&config)?;
        if keys.is_empty() {
            return Ok(config);
        }
        if !config.options.is_object() {
            config.options = serde_json::Value::Object(serde_json::Map::new());
        }
        if let Some(options) = config.options.as_object_mut() {
            for (k, v) in keys {
                if let Some(v) = v.as_str() {
                    options.entry(k).or_insert_with(|| serde_json::Value::String(v.to_string()));
                }
            }
        }
        Ok(config)
    }

    /// Databases written by older versions kept key material in terminal settings and in
    /// their audit entries: the keys go to the secrets file first (so a crash in between loses
    /// nothing), then the settings and entries are rewritten under one `audit.redact` entry.
    pub(super) fn move_key_material_out_of_database(&self) -> Result<usize> {
        /// The name its progress through the audit log is kept under.
        const KEY_SCAN: &str = "key-material";
        let mut terminals = Vec::new();
        for stored in self.store.terminals()? {
            let Ok(config) = serde_json::from_str::<TerminalConfig>(&stored.config) else { continue };
            let (public, keys) = split_key_material(&config);
            if keys.is_empty() {
                continue;
            }
            self.keep_keys(&config, keys)?;
            let json = serde_json::to_string(&public).map_err(|e| RegisterError::Storage(e.to_string()))?;
            terminals.push((stored.name, json));
        }
        let quoted: Vec<String> = KEY_OPTIONS.iter().map(|k| format!("\"{k}\"")).collect();
        let needles: Vec<&str> = quoted.iter().map(String::as_str).collect();
        // Only the entries written since the last start-up's scan: years of log are read once.
        let mark = self.store.scan_mark(KEY_SCAN)?;
        let (found, upto) = self.store.audit_entries_containing_after(&needles, mark)?;
        let mut entries = Vec::new();
        for entry in found {
            let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&entry.detail) else { continue };
            if redact_keys(&mut value) {
                entries.push((entry.id, value.to_string()));
            }
        }
        if terminals.is_empty() && entries.is_empty() {
            self.store.set_scan_mark(KEY_SCAN, upto)?;
            return Ok(0);
        }
        let moved = terminals.len() + entries.len();
        self.store.redact(&entries, &terminals, "tameio", REDACTION_REASON)?;
        // After the redaction only: a scan cut short is read again next time.
        self.store.set_scan_mark(KEY_SCAN, upto)?;
        tracing::info!(
            terminals = terminals.len(),
            audit_entries = entries.len(),
            "key material moved to the secrets file"
        );
        Ok(moved)
    }
}

/// Keys are not read from a secrets file others can read (as WebECR's loader refuses it).
#[cfg(unix)]
pub(super) fn refuse_if_shared(path: &std::path::Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(path) else { return Ok(()) };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(RegisterError::Storage(format!(
            "secrets file {} is readable by others (mode {mode:o}); it must be 0600",
            path.display()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn refuse_if_shared(_path: &std::path::Path) -> Result<()> {
    Ok(())
}

/// Replaces every non-empty key value anywhere in `value`; true when one was replaced.
fn redact_keys(value: &mut serde_json::Value) -> bool {
    match value {
        serde_json::Value::Object(map) => {
            let mut changed = false;
            for (k, v) in map.iter_mut() {
                let is_key = KEY_OPTIONS.contains(&k.as_str());
                let empty =
                    matches!(v, serde_json::Value::String(s) if s.is_empty() || s == REDACTED) || v.is_null();
                if is_key && !empty {
                    *v = serde_json::Value::String(REDACTED.into());
                    changed = true;
                } else {
                    changed |= redact_keys(v);
                }
            }
            changed
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, v| redact_keys(v) | c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::Protocol;

    fn aade(key: &str) -> TerminalConfig {
        TerminalConfig {
            name: "Mellon".into(),
            protocol: Protocol::Aade1155,
            addr: "127.0.0.1:4000".into(),
            terminal_id: "T1".into(),
            cash_register_id: "1".into(),
            options: serde_json::json!({ "mac": "retail", "session_key": key, "version": "10" }),
        }
    }

    #[test]
    fn keys_are_split_off_and_nested_ones_redacted() {
        let (public, keys) = split_key_material(&aade("7E0269C147A7C328F46E497841CD5823"));
        assert_eq!(public.options, serde_json::json!({ "mac": "retail", "version": "10" }));
        assert_eq!(
            keys.get("session_key").and_then(|v| v.as_str()),
            Some("7E0269C147A7C328F46E497841CD5823")
        );
        let mut detail = serde_json::to_value(aade("7E02")).unwrap();
        assert!(redact_keys(&mut detail));
        assert!(!detail.to_string().contains("7E02"));
        assert!(!redact_keys(&mut detail), "a second pass finds nothing");
    }
}
