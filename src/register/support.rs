//! The support bundle: one text file a shop can email (versions, settings, terminals, database
//! check, open attempts, recent logs), with card numbers masked and secrets redacted.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Register, RegisterError, Result};
use crate::terminal::TerminalConfig;

/// Lines kept from the end of the newest log files.
const LOG_LINES: usize = 2000;

impl Register {
    /// Writes `tameio-support-YYYYMMDD-HHMMSS.txt` into `dir` and returns its path. Never reads
    /// the secrets file; anything secret-looking in settings or logs is redacted.
    pub fn support_bundle(&self, dir: &Path) -> Result<PathBuf> {
        let now = chrono::Local::now();
        let mut out = String::new();
        let _ = writeln!(out, "tameio support bundle, {}", now.format("%Y-%m-%d %H:%M:%S %z"));
        let _ = writeln!(out, "version: tameio {}", env!("CARGO_PKG_VERSION"));
        let _ = writeln!(
            out,
            "os: {} {} ({})",
            std::env::consts::OS,
            std::env::consts::ARCH,
            std::env::consts::FAMILY
        );
        match &self.places {
            Some(p) => {
                let _ = writeln!(out, "data dir: {} (portable: {})", p.data_dir.display(), p.portable);
                // Only whether it exists: its contents never leave the shop.
                let _ = writeln!(out, "secrets file present: {} (not included)", p.secrets().is_file());
            }
            None => out.push_str("data dir: none (in memory)\n"),
        }
        self.settings_section(&mut out);
        self.terminals_section(&mut out);
        self.database_section(&mut out);
        self.logs_section(&mut out);
        std::fs::create_dir_all(dir)
            .map_err(|e| RegisterError::Storage(format!("{}: {e}", dir.display())))?;
        let path = dir.join(format!("tameio-support-{}.txt", now.format("%Y%m%d-%H%M%S")));
        std::fs::write(&path, out).map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display())))?;
        tracing::info!(path = %path.display(), "support bundle written");
        Ok(path)
    }

    fn settings_section(&self, out: &mut String) {
        out.push_str("\n== settings (tameio.toml; secrets are kept elsewhere and not included)\n");
        match toml::to_string_pretty(&self.settings()) {
            Ok(text) => out.push_str(&redact(&text)),
            Err(e) => {
                let _ = writeln!(out, "(not readable: {e})");
            }
        }
    }

    fn terminals_section(&self, out: &mut String) {
        out.push_str("\n== terminals\n");
        let _ = writeln!(out, "default: {}", self.terminal_name(None));
        match self.terminals() {
            Ok(list) if list.is_empty() => out.push_str("none configured (the demo terminal is used)\n"),
            Ok(list) => list.iter().for_each(|t| out.push_str(&terminal_line(t))),
            Err(e) => {
                let _ = writeln!(out, "(not readable: {e})");
            }
        }
    }

    fn database_section(&self, out: &mut String) {
        out.push_str("\n== database check\n");
        match self.check_db() {
            Ok(check) => {
                let _ = writeln!(out, "ok: {}", check.is_ok());
                let _ = writeln!(out, "integrity: {}", check.integrity.join("; "));
                let _ = writeln!(out, "audit chain: {:?}", check.chain);
                let _ = writeln!(out, "receipts checked: {}", check.receipts_checked);
                check.receipt_problems.iter().for_each(|p| {
                    let _ = writeln!(out, "receipt problem: {p}");
                });
                check.row_problems.iter().for_each(|p| {
                    let _ = writeln!(out, "damaged row: {p}");
                });
            }
            Err(e) => {
                let _ = writeln!(out, "failed: {e}");
            }
        }
        out.push_str("\n== counts\n");
        let filter = crate::domain::ReceiptFilter { limit: Some(i64::MAX), ..Default::default() };
        match self.receipts(&filter) {
            Ok(list) => {
                let refunds = list.iter().filter(|r| r.kind == crate::domain::ReceiptKind::Refund).count();
                let _ = writeln!(out, "receipts: {} ({} refunds)", list.len(), refunds);
            }
            Err(e) => {
                let _ = writeln!(out, "receipts: not readable: {e}");
            }
        }
        match self.open_attempts() {
            Ok(open) => {
                let _ = writeln!(out, "open attempts: {}", open.len());
                for a in open {
                    let _ = writeln!(
                        out,
                        "  {} {} {} {} {:?} at {}: {}",
                        a.id,
                        a.terminal,
                        a.kind.code(),
                        a.amount,
                        a.state,
                        a.created_at,
                        redact(&a.note)
                    );
                }
            }
            Err(e) => {
                let _ = writeln!(out, "open attempts: not readable: {e}");
            }
        }
        if let Ok(unmatched) = self.store.unmatched_results() {
            let _ = writeln!(out, "unmatched terminal results: {}", unmatched.len());
        }
    }

    fn logs_section(&self, out: &mut String) {
        let Some(places) = &self.places else { return };
        let mut files: Vec<PathBuf> = std::fs::read_dir(places.logs())
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect())
            .unwrap_or_default();
        // Daily files are named by date, so the name orders them; newest last.
        files.sort();
        let mut budget = LOG_LINES;
        let mut parts = Vec::new();
        for file in files.iter().rev() {
            if budget == 0 {
                break;
            }
            let text =
                std::fs::read(file).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let take = lines.len().min(budget);
            budget -= take;
            parts.push((file.clone(), lines[lines.len() - take..].join("\n")));
        }
        for (file, text) in parts.into_iter().rev() {
            let _ = writeln!(out, "\n== log {}", file.display());
            out.push_str(&redact(&text));
            out.push('\n');
        }
    }
}

fn terminal_line(t: &TerminalConfig) -> String {
    let options = if t.options.is_null() { String::new() } else { redact(&t.options.to_string()) };
    let dash = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
    format!(
        "{}: protocol {}, address {}, TID {}, cash register {}, options {}\n",
        t.name,
        t.protocol.code(),
        dash(&t.addr),
        dash(&t.terminal_id),
        dash(&t.cash_register_id),
        dash(&options)
    )
}

/// Masks card numbers (13 or more digits in a row keep their last four) and secret values (after
/// `password`, `token`, `secret` or a `…key` name, up to the next separator).
pub fn redact(text: &str) -> String {
    redact_secrets(&crate::terminal::wirelog::mask_card_numbers(text))
}

/// Is this name (a key, a field) one whose value is secret?
fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["password", "passwd", "token", "secret", "api_key", "apikey", "authorization"]
        .iter()
        .any(|s| n.contains(s))
        || n == "key"
        || n.ends_with("_key")
        || n.ends_with("-key")
}

fn redact_secrets(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // A name: letters, digits, `_` and `-`.
        if chars[i].is_ascii_alphabetic() || chars[i] == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '-')
            {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            out.push_str(&name);
            if !is_secret_name(&name) {
                continue;
            }
            // Then `"`, spaces, `=` or `:`, spaces, an optional quote, the value.
            let mut j = i;
            while j < chars.len() && (chars[j] == '"' || chars[j] == '\'' || chars[j] == ' ') {
                j += 1;
            }
            if j >= chars.len() || (chars[j] != '=' && chars[j] != ':') {
                continue;
            }
            j += 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let quote = chars.get(j).copied().filter(|c| *c == '"' || *c == '\'');
            if quote.is_some() {
                j += 1;
            }
            let value_start = j;
            while j < chars.len() {
                let c = chars[j];
                let end = match quote {
                    Some(q) => c == q || c == '\n',
                    None => c.is_whitespace() || matches!(c, ',' | '&' | '}' | ';' | '"'),
                };
                if end {
                    break;
                }
                j += 1;
            }
            out.extend(chars[i..value_start].iter());
            if j > value_start {
                out.push_str("[redacted]");
            }
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::redact;

    #[test]
    fn masks_card_numbers_and_redacts_secrets() {
        let line = "pan=4111111111111111 stan 000123 password=hunter2 api_key: \"abc def\" token=t0k&x=1";
        let r = redact(line);
        assert!(r.contains("************1111"), "{r}");
        assert!(r.contains("stan 000123"), "short numbers stay: {r}");
        assert!(!r.contains("hunter2") && !r.contains("abc def") && !r.contains("t0k"), "{r}");
        assert!(r.contains("x=1"), "{r}");
        assert_eq!(
            redact("{\"password\":\"s3cret\",\"user\":\"u\"}"),
            "{\"password\":\"[redacted]\",\"user\":\"u\"}"
        );
        assert_eq!(redact("keyboard=1 monkey=2"), "keyboard=1 monkey=2");
    }
}
