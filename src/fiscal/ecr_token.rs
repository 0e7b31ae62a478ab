//! The ECR-token path: the 16-byte session key sent encrypted under the master key with
//! two-key 3DES-ECB, its KCV, and the myDATA `ECRToken` (ECR id + session number).

use des::TdesEde2;
use des::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use serde::{Deserialize, Serialize};

use super::FiscalError;

fn cipher(key: &[u8; 16]) -> Result<TdesEde2, FiscalError> {
    TdesEde2::new_from_slice(key).map_err(|e| FiscalError::Key(e.to_string()))
}

/// Applies 3DES-ECB (K1‖K2‖K1) to every 8-byte block of `data`.
fn ecb(key: &[u8; 16], data: &[u8; 16], encrypt: bool) -> Result<[u8; 16], FiscalError> {
    let c = cipher(key)?;
    let mut out = [0u8; 16];
    for (i, chunk) in data.chunks_exact(8).enumerate() {
        let mut block = Block::<TdesEde2>::default();
        block.copy_from_slice(chunk);
        if encrypt {
            c.encrypt_block(&mut block);
        } else {
            c.decrypt_block(&mut block);
        }
        out[i * 8..i * 8 + 8].copy_from_slice(&block);
    }
    Ok(out)
}

/// The session key encrypted under the master key (what `U/…/CMAC_K:` carries, as hex).
pub fn encrypt_session_key(master: &[u8; 16], session: &[u8; 16]) -> Result<[u8; 16], FiscalError> {
    ecb(master, session, true)
}

/// A fresh random session key, ready to load: the key itself (kept in the secrets file once
/// the terminal took it), and as it travels, encrypted under `master` and its check value,
/// both as uppercase hex (`CMAC_K:<encrypted>:<kcv>`, WebECR `ecrkeyexchange`).
#[derive(Clone)]
pub struct NewSessionKey {
    pub key: [u8; 16],
    pub encrypted_hex: String,
    pub kcv_hex: String,
}

impl std::fmt::Debug for NewSessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSessionKey").field("kcv_hex", &self.kcv_hex).finish_non_exhaustive()
    }
}

impl NewSessionKey {
    pub fn make(master: &[u8; 16]) -> Result<NewSessionKey, FiscalError> {
        use p256::elliptic_curve::rand_core::{OsRng, RngCore};
        let mut key = [0u8; 16];
        OsRng.fill_bytes(&mut key);
        let encrypted_hex = hex::encode_upper(encrypt_session_key(master, &key)?);
        let kcv_hex = hex::encode_upper(kcv(&key)?);
        Ok(NewSessionKey { key, encrypted_hex, kcv_hex })
    }

    /// `<encrypted>:<kcv>`, the value of `MAC_K`.
    pub fn mac_k(&self) -> String {
        format!("{}:{}", self.encrypted_hex, self.kcv_hex)
    }

    pub fn key_hex(&self) -> String {
        hex::encode_upper(self.key)
    }
}

/// The terminal's side: the session key back from its encrypted form.
pub fn decrypt_session_key(master: &[u8; 16], encrypted: &[u8; 16]) -> Result<[u8; 16], FiscalError> {
    ecb(master, encrypted, false)
}

/// Key check value: the first 3 bytes of 3DES-ECB of a zero block under the key.
pub fn kcv(key: &[u8; 16]) -> Result<[u8; 3], FiscalError> {
    let mut block = Block::<TdesEde2>::default();
    cipher(key)?.encrypt_block(&mut block);
    Ok([block[0], block[1], block[2]])
}

/// A 16-byte key from 32 hex digits (either case).
pub fn parse_key(hex_text: &str) -> Result<[u8; 16], FiscalError> {
    let bytes = hex::decode(hex_text.trim()).map_err(|e| FiscalError::Key(e.to_string()))?;
    bytes.try_into().map_err(|_| FiscalError::Key("a 3DES key is 16 bytes (32 hex digits)".into()))
}

/// myDATA `ECRToken`: the fiscal device's registry number and the transaction's session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcrToken {
    /// `SigningAuthor`: the ECR (ΦΗΜ) id the register sends as `R` on the socket.
    pub signing_author: String,
    /// `SessionNumber`: the 6-digit session number the register sent as `S`.
    pub session_number: String,
}

impl EcrToken {
    pub fn new(ecr_id: &str, session: &str) -> Result<Self, FiscalError> {
        let ecr_id = ecr_id.trim();
        if ecr_id.is_empty() || ecr_id.len() > 11 || !ecr_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(FiscalError::Invalid(format!("ECR id {ecr_id:?}: 1..11 letters or digits")));
        }
        if session.len() != 6 || !session.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FiscalError::Invalid(format!("session number {session:?}: 6 digits")));
        }
        Ok(EcrToken { signing_author: ecr_id.to_string(), session_number: session.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MK: &str = "ABCDEF01234567899876543210ABCDEF";
    const SK: &str = "7E0269C147A7C328F46E497841CD5823";

    #[test]
    fn published_session_key_vector() {
        let (mk, sk) = (parse_key(MK).unwrap(), parse_key(SK).unwrap());
        let enc = encrypt_session_key(&mk, &sk).unwrap();
        assert_eq!(hex::encode_upper(enc), "8FF79564430DD13EF06B5F199278FADC");
        assert_eq!(decrypt_session_key(&mk, &enc).unwrap(), sk);
        assert_eq!(hex::encode_upper(kcv(&sk).unwrap()), "4C8166");
        assert_eq!(hex::encode_upper(kcv(&mk).unwrap()), "48934A");
        assert_eq!(parse_key(&MK.to_lowercase()).unwrap(), mk);
        assert!(parse_key("ABCD").is_err());
    }

    #[test]
    fn ecr_token_checks_its_parts() {
        let t = EcrToken::new("CFB77000028", "001008").unwrap();
        assert_eq!(t.signing_author, "CFB77000028");
        assert!(EcrToken::new("CFB770000280", "001008").is_err());
        assert!(EcrToken::new("CFB77000028", "1008").is_err());
    }
}
