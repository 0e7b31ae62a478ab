//! AADE 1155 settings kept in `TerminalConfig::options`: protocol version and variant, terminal
//! type, field defaults, timeouts, busy back-off and the (off by default) MAC. Keys optional.

use serde::{Deserialize, Serialize};

/// Mellon terminals listen here by default; FinConnect shows its own port.
pub const DEFAULT_PORT: u16 = 4000;

/// What the terminal application can do (Nexi's guide §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TerminalType {
    /// Android POS (A920Pro/A910/A50): sale, void, refund, completion, instalments.
    #[default]
    Android,
    /// Nexi SoftPOS (FinConnect on a phone): sale and void only.
    SoftPos,
}

/// The `/Q` MAC. The algorithm is not public (mydata.md §3.3): the published MACs could not
/// be reproduced, so anything but `Off` is a guess that a real terminal may refuse (`E/503`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MacMode {
    #[default]
    Off,
    /// ISO 9797-1 MAC algorithm 3 (retail MAC) under the session key over the body before
    /// `/Q`, zero padding, first 4 bytes as 8 uppercase hex digits (inferred, unverified).
    Retail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Aade1155Options {
    /// `01` (Mellon basic, no recovery) or `10` (A.1155: `O`/`L` recovery, preload, MAC).
    pub version: String,
    /// `01` the terminal prints; `02` the register prints (print data comes back in `/P`).
    pub variant: String,
    pub terminal_type: TerminalType,
    /// `H` operator (1..8 letters or digits).
    pub operator: String,
    /// `M` custom data; `0` when unused.
    pub custom: String,
    /// ISO 4217 numeric currency and its exponent.
    pub currency: String,
    pub exponent: String,
    pub connect_timeout_ms: u64,
    /// CONFIRMED or ERROR after a request (the spec says 2 s).
    pub confirm_timeout_ms: u64,
    /// RESULT after CONFIRMED (the spec says set it above 150 s).
    pub result_timeout_ms: u64,
    /// Replies to echo, `O`, `L`, `W`, `U`.
    pub query_timeout_ms: u64,
    /// The init echo (the terminal fetches the master key from AADE first).
    pub init_echo_timeout_ms: u64,
    /// The init echo's text, `{ecr}` standing for the ECR id: `{ecr}` gives the production frame
    /// `X/CFB77000028` quoted in `iliasPs/ecrTest`; `TEXT:{ecr}` the form its tests send.
    pub init_echo: String,
    /// After acknowledging a RESULT, how long to wait for the terminal to close first.
    pub ack_linger_ms: u64,
    /// Repeats after `E/999` busy, each after a doubled pause.
    pub busy_retries: u8,
    pub busy_backoff_ms: u64,
    pub mac: MacMode,
    /// The 3DES session key for the MAC, 32 hex digits (only with `mac` on). Kept in the
    /// secrets file by the register; `Debug` never shows it.
    pub session_key: SessionKey,
}

impl Default for Aade1155Options {
    fn default() -> Self {
        Aade1155Options {
            version: "10".into(),
            variant: "01".into(),
            terminal_type: TerminalType::Android,
            operator: "1".into(),
            custom: "0".into(),
            currency: "978".into(),
            exponent: "2".into(),
            connect_timeout_ms: 5_000,
            confirm_timeout_ms: 10_000,
            result_timeout_ms: 180_000,
            query_timeout_ms: 30_000,
            init_echo_timeout_ms: 30_000,
            init_echo: "{ecr}".into(),
            ack_linger_ms: 2_000,
            busy_retries: 3,
            busy_backoff_ms: 2_000,
            mac: MacMode::Off,
            session_key: SessionKey::default(),
        }
    }
}

/// Key material as a string that says only whether it is set when printed with `{:?}`.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionKey(pub String);

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "<empty>" } else { "<set>" })
    }
}

impl From<&str> for SessionKey {
    fn from(key: &str) -> Self {
        SessionKey(key.to_string())
    }
}

impl std::ops::Deref for SessionKey {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Aade1155Options {
    /// True for version `10`, the one with recovery and the extension messages.
    pub fn is_a1155(&self) -> bool {
        self.version == super::frame::VERSION_A1155
    }

    pub fn check(&self) -> Result<(), String> {
        if !["01", "10"].contains(&self.version.as_str()) {
            return Err(format!("version must be 01 or 10, not {:?}", self.version));
        }
        if !["01", "02"].contains(&self.variant.as_str()) {
            return Err(format!("variant must be 01 or 02, not {:?}", self.variant));
        }
        if !self.init_echo.contains("{ecr}") || self.init_echo.contains('/') {
            return Err(format!("init_echo must contain {{ecr}} and no '/': {:?}", self.init_echo));
        }
        if self.mac != MacMode::Off && super::mac::parse_key(&self.session_key).is_none() {
            return Err("the MAC needs session_key as 32 hex digits".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn the_session_key_is_not_in_debug_output() {
        let opts =
            Aade1155Options { session_key: "7E0269C147A7C328F46E497841CD5823".into(), ..Default::default() };
        assert!(!format!("{opts:?}").contains("7E0269"), "{opts:?}");
        let json = serde_json::to_value(&opts).unwrap_or_default();
        assert_eq!(json["session_key"], "7E0269C147A7C328F46E497841CD5823", "kept as a plain string");
    }
}
