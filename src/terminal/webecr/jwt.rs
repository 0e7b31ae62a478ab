//! Just enough of JWT to know when an access token expires (its `iat`/`exp` claims), and to
//! mint look-alike tokens in the simulator. No signature is checked: the backend does that.

use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The claims tameio reads (seconds since the epoch of the issuer's clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Claims {
    #[serde(default)]
    pub iat: Option<i64>,
    #[serde(default)]
    pub exp: Option<i64>,
}

impl Claims {
    /// How long the token lives, by the issuer's own clock (immune to clock skew).
    pub fn lifetime_secs(&self) -> Option<i64> {
        Some(self.exp? - self.iat?).filter(|s| *s > 0)
    }
}

/// The claims of a `header.payload.signature` token, if it is one.
pub fn claims(token: &str) -> Option<Claims> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&decode(payload)?).ok()
}

/// A token with these claims and a fake signature (simulator only).
pub fn mint(claims: &Claims, nonce: &str) -> String {
    let header = encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let body = encode(serde_json::to_string(claims).unwrap_or_default().as_bytes());
    format!("{header}.{body}.{}", encode(nonce.as_bytes()))
}

/// base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// base64url, padding optional; `None` on any other character.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "Καλημέρα ≥ ?>"] {
            assert_eq!(decode(&encode(text.as_bytes())).unwrap(), text.as_bytes());
        }
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode(b"fo"), "Zm8");
        assert_eq!(decode("Zm8=").unwrap(), b"fo");
        assert!(decode("a b").is_none());
    }

    #[test]
    fn claims_of_a_minted_token_and_of_a_real_looking_one() {
        let c = Claims { iat: Some(1_700_000_000), exp: Some(1_700_000_300) };
        let token = mint(&c, "n1");
        assert_eq!(claims(&token), Some(c));
        assert_eq!(c.lifetime_secs(), Some(300));
        // The RFC 7519 example payload has `exp` only.
        let rfc = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.x";
        let c = claims(rfc).unwrap();
        assert_eq!(c.exp, Some(1_300_819_380));
        assert_eq!(c.lifetime_secs(), None);
        assert_eq!(claims("opaque-token"), None);
    }
}
