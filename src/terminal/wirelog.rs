//! The protocol log: what went over the wire to and from the terminals, for Diagnostics and
//! support. Drivers record each frame or HTTP exchange as they send and receive it; the log
//! keeps the last [`CAPACITY`] entries in memory for the whole process.
//!
//! Nothing secret is kept: every run of 13 or more digits (where a card number could hide,
//! even inside concatenated ECR17 fields) keeps only its last four, and the values of
//! password, token and key fields in JSON bodies are replaced by `***`.

use std::collections::VecDeque;
use std::sync::{LazyLock, Mutex};

use serde::Serialize;

/// How many entries the log keeps.
pub const CAPACITY: usize = 500;

/// Which way an entry went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the register to the terminal (or its backend).
    Out,
    /// From the terminal to the register.
    In,
}

impl Direction {
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Out => "→",
            Direction::In => "←",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireEntry {
    /// Grows by one per entry for the life of the process.
    pub seq: u64,
    /// Local time, `HH:MM:SS.mmm`.
    pub at: String,
    /// `ecr17`, `aade1155`, `webecr`.
    pub protocol: &'static str,
    /// The terminal's address or the backend's host.
    pub peer: String,
    pub dir: Direction,
    /// Readable and masked.
    pub text: String,
}

#[derive(Default)]
struct Ring {
    next: u64,
    entries: VecDeque<WireEntry>,
}

static LOG: LazyLock<Mutex<Ring>> = LazyLock::new(Mutex::default);

/// Records a text (an HTTP line and its JSON body, a decoded message), masked.
pub fn record(protocol: &'static str, peer: &str, dir: Direction, text: &str) {
    record_masked(protocol, peer, dir, &mask(text));
}

/// Records a text its driver has already masked by the message's own layout (ECR17 packs
/// fields without separators, where the blanket mask would hide every long number).
pub fn record_masked(protocol: &'static str, peer: &str, dir: Direction, text: &str) {
    let text = redact_secrets(text);
    let at = chrono::Local::now().format("%H:%M:%S%.3f").to_string();
    let mut ring = LOG.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let seq = ring.next;
    ring.next += 1;
    if ring.entries.len() == CAPACITY {
        ring.entries.pop_front();
    }
    ring.entries.push_back(WireEntry { seq, at, protocol, peer: peer.to_string(), dir, text });
}

/// The `seq` the next entry will get: entries from a moment on are those with `seq` at
/// least this.
pub fn next_seq() -> u64 {
    LOG.lock().unwrap_or_else(std::sync::PoisonError::into_inner).next
}

/// The newest `limit` entries, oldest first.
pub fn recent(limit: usize) -> Vec<WireEntry> {
    let ring = LOG.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let skip = ring.entries.len().saturating_sub(limit);
    ring.entries.iter().skip(skip).cloned().collect()
}

/// Control characters by their names, printable ASCII as is, the rest as UTF-8 where it
/// decodes and `\xNN` where it does not.
pub fn printable(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(bytes.len() + 8);
    for c in text.chars() {
        match c {
            '\u{01}' => out.push_str("<SOH>"),
            '\u{02}' => out.push_str("<STX>"),
            '\u{03}' => out.push_str("<ETX>"),
            '\u{04}' => out.push_str("<EOT>"),
            '\u{06}' => out.push_str("<ACK>"),
            '\u{15}' => out.push_str("<NAK>"),
            '\u{1C}' => out.push_str("<FS>"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// ISO-8859-7 text (AADE 1155 print data) decoded, control characters by name.
pub fn printable_greek(bytes: &[u8]) -> String {
    let text = super::aade1155::greek::decode(bytes);
    printable(text.as_bytes())
}

/// Hides card numbers and secrets (see the module notes).
pub fn mask(text: &str) -> String {
    redact_secrets(&mask_card_numbers(text))
}

/// What the register may keep of a card number, whatever the terminal sent: at most the first
/// six and the last four digits (`4111111111111111` → `411111******1111`); other characters
/// (a terminal's own `*`, spaces) stay where they are.
pub fn mask_pan(pan: &str) -> String {
    let digits = pan.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    pan.chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= 6 || seen > digits.saturating_sub(4) { c } else { '*' }
        })
        .collect()
}

/// The Luhn check digit holds (card numbers; `digits` holds ASCII digits only).
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(c.wrapping_sub(b'0'));
        if d > 9 {
            return false;
        }
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// Every run of 13 or more digits keeps only its last four: `************1111`; so does a card
/// number printed in groups (`4111 1111 1111 1111`, `4111-1111-…`) when it passes the Luhn check.
pub fn mask_card_numbers(text: &str) -> String {
    mask_grouped_card_numbers(&mask_digit_runs(text))
}

fn mask_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        if n >= 13 {
            out.extend(std::iter::repeat_n('*', n - 4));
            out.push_str(&run[run.len() - 4..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Card numbers written in groups of digits split by single spaces or dashes.
fn mask_grouped_card_numbers(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // The groups of one span: (start, end) of each digit run.
        let mut groups = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((start, j));
            let joined =
                j + 1 < chars.len() && matches!(chars[j], ' ' | '-') && chars[j + 1].is_ascii_digit();
            if !joined {
                break;
            }
            j += 1;
        }
        if groups.len() > 1 {
            mask_groups(&mut chars, &groups);
        }
        i = j.max(i + 1);
    }
    chars.into_iter().collect()
}

/// Masks every run of whole groups holding 13 to 19 digits that passes the Luhn check.
fn mask_groups(chars: &mut [char], groups: &[(usize, usize)]) {
    for first in 0..groups.len() {
        for last in first + 1..groups.len() {
            // Spans only grow with `last`: past 19 digits no card number can start at `first`
            // (without this a long run of "0 0 0 …" took cubic time; found by the fuzz bench).
            if groups[first..=last].iter().map(|&(a, b)| b - a).sum::<usize>() > 19 {
                break;
            }
            let digits: String = groups[first..=last].iter().flat_map(|&(a, b)| chars[a..b].iter()).collect();
            if !(13..=19).contains(&digits.len()) || !luhn(&digits) {
                continue;
            }
            let mut left = digits.len() - 4;
            for &(a, b) in &groups[first..=last] {
                for c in chars[a..b].iter_mut() {
                    if left > 0 && c.is_ascii_digit() {
                        *c = '*';
                        left -= 1;
                    }
                }
            }
        }
    }
}

/// JSON fields whose values are never logged.
const SECRET_KEYS: &[&str] = &[
    "password",
    "access",
    "refresh",
    "access_token",
    "refresh_token",
    "token",
    "apikey",
    "api_key",
    "key",
    "session_key",
    "sessionkey",
    "secret",
    "cvv",
    "cvv2",
    "cvc",
];

/// `"password":"x"` → `"password":"***"` for every secret key, any case.
fn redact_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let Some(len) = rest[start + 1..].find('"') else { break };
        let key = &rest[start + 1..start + 1 + len];
        let after_key = start + 1 + len + 1;
        out.push_str(&rest[..after_key]);
        rest = &rest[after_key..];
        let trimmed = rest.trim_start();
        let secret = SECRET_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k));
        if !(secret && trimmed.starts_with(':')) {
            continue;
        }
        let value = trimmed[1..].trim_start();
        let value_at = rest.len() - value.len();
        if let Some(inner) = value.strip_prefix('"') {
            let end = inner.find('"').map_or(value.len(), |e| e + 2);
            out.push_str(&rest[..value_at]);
            out.push_str("\"***\"");
            rest = &rest[value_at + end..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_keep_only_their_last_four() {
        assert_eq!(mask("PAN 4242424242424242 ok"), "PAN ************4242 ok");
        assert_eq!(mask("stan 123456 amount 000001240"), "stan 123456 amount 000001240", "short runs stay");
        let concatenated = "P1234567800000001000001240";
        assert!(mask(concatenated).ends_with("1240") && mask(concatenated).contains('*'));
    }

    #[test]
    fn a_pan_keeps_at_most_its_first_six_and_last_four() {
        assert_eq!(mask_pan("4111111111111111"), "411111******1111");
        assert_eq!(mask_pan("411111******1111"), "411111******1111");
        assert_eq!(mask_pan("************4242"), "************4242");
        assert_eq!(mask_pan("4111 1111 1111 1111"), "4111 11** **** 1111");
        assert_eq!(mask_pan("5555555555554444 "), "555555******4444 ");
        assert_eq!(mask_pan(""), "");
    }

    #[test]
    fn grouped_card_numbers_are_masked_when_they_pass_luhn() {
        assert!(luhn("4111111111111111") && !luhn("4111111111111112"));
        assert_eq!(mask_card_numbers("PAN 4111 1111 1111 1111 ok"), "PAN **** **** **** 1111 ok");
        assert_eq!(mask_card_numbers("5555-5555-5555-4444"), "****-****-****-4444");
        let date = "01/12/2026 13:37 0012 3456 7890 1";
        assert_eq!(mask_card_numbers(date), date, "no Luhn, no mask");
    }

    #[test]
    fn secrets_in_json_are_replaced() {
        let body = r#"{"username":"shop","password": "s3cret!","access_token":"eyJ.x.y","amount":1240}"#;
        let masked = mask(body);
        assert!(!masked.contains("s3cret") && !masked.contains("eyJ"), "{masked}");
        assert!(masked.contains(r#""username":"shop""#) && masked.contains(r#""amount":1240"#), "{masked}");
        assert!(masked.contains(r#""password": "***""#), "{masked}");
    }

    #[test]
    fn control_bytes_are_named() {
        assert_eq!(printable(b"\x02s\x03\x7f"), "<STX>s<ETX>\\x7F");
        assert_eq!(printable(&[0x06]), "<ACK>");
    }

    #[test]
    fn the_log_keeps_the_newest_entries_in_order() {
        let marker = "wirelog-order-test";
        for i in 0..3 {
            record("ecr17", "127.0.0.1:1", Direction::Out, &format!("{marker} {i}"));
        }
        let mine: Vec<String> =
            recent(CAPACITY).into_iter().filter(|e| e.text.starts_with(marker)).map(|e| e.text).collect();
        assert_eq!(mine, [format!("{marker} 0"), format!("{marker} 1"), format!("{marker} 2")]);
    }
}
