//! Signing the provider input: ECDSA P-256 with SHA-256, DER `SEQUENCE{r, s}`, base64.
//! Behind `ProviderSigner` so a provider's remote signing service can stand in for a key.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey, LineEnding};

use super::FiscalError;

/// Whoever signs the provider input (a local key here; a provider's service elsewhere).
pub trait ProviderSigner: Send + Sync {
    /// The DER-encoded ECDSA signature of `data`.
    fn sign_der(&self, data: &[u8]) -> Result<Vec<u8>, FiscalError>;

    /// The signature as myDATA and WebECR carry it: base64 of the DER bytes.
    fn sign_base64(&self, data: &str) -> Result<String, FiscalError> {
        Ok(STANDARD.encode(self.sign_der(data.as_bytes())?))
    }
}

/// A P-256 private key loaded from PEM (PKCS#8 `PRIVATE KEY` or SEC1 `EC PRIVATE KEY`).
pub struct P256Signer {
    key: SigningKey,
}

impl std::fmt::Debug for P256Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("P256Signer(..)")
    }
}

impl P256Signer {
    pub fn from_pem(pem: &str) -> Result<Self, FiscalError> {
        let key = match SigningKey::from_pkcs8_pem(pem) {
            Ok(k) => k,
            Err(pkcs8) => p256::SecretKey::from_sec1_pem(pem)
                .map(SigningKey::from)
                .map_err(|sec1| FiscalError::Key(format!("not PKCS#8 ({pkcs8}) nor SEC1 ({sec1})")))?,
        };
        Ok(P256Signer { key })
    }

    /// The matching public key as `PUBLIC KEY` PEM (what AADE publishes per provider).
    pub fn public_key_pem(&self) -> Result<String, FiscalError> {
        VerifyingKey::from(&self.key)
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| FiscalError::Key(e.to_string()))
    }
}

impl ProviderSigner for P256Signer {
    fn sign_der(&self, data: &[u8]) -> Result<Vec<u8>, FiscalError> {
        // RFC 6979 deterministic nonces: no random source needed.
        let sig: Signature = self.key.try_sign(data).map_err(|e| FiscalError::Signing(e.to_string()))?;
        Ok(sig.to_der().as_bytes().to_vec())
    }
}

/// Checks a base64 DER signature of `data` against a `PUBLIC KEY` PEM.
pub fn verify_base64(public_pem: &str, data: &str, signature_b64: &str) -> Result<bool, FiscalError> {
    let key = VerifyingKey::from_public_key_pem(public_pem).map_err(|e| FiscalError::Key(e.to_string()))?;
    let der = STANDARD.decode(signature_b64.trim()).map_err(|e| FiscalError::Signature(e.to_string()))?;
    let sig = Signature::from_der(&der).map_err(|e| FiscalError::Signature(e.to_string()))?;
    Ok(key.verify(data.as_bytes(), &sig).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fiscal::{FieldOrder, ProviderInput};
    use p256::pkcs8::EncodePrivateKey;

    fn test_key() -> SigningKey {
        let mut secret = [0u8; 32];
        secret[31] = 0x2A;
        secret[0] = 0x11;
        SigningKey::from_bytes(&secret.into()).unwrap()
    }

    fn input() -> String {
        ProviderInput {
            uid: "4680AFE5D58088BF8C55F57A5B5DBB15936B51DE".into(),
            mark: String::new(),
            timestamp: "20241015153111".into(),
            amount: 1240,
            net: 1000,
            vat: 240,
            total: 1240,
            tid: "16007793".into(),
        }
        .signed_data(FieldOrder::NexiGuide)
    }

    #[test]
    fn pkcs8_signature_verifies_with_the_public_key() {
        let pem = test_key().to_pkcs8_pem(LineEnding::LF).unwrap();
        let signer = P256Signer::from_pem(&pem).unwrap();
        let sig = signer.sign_base64(&input()).unwrap();
        let der = STANDARD.decode(&sig).unwrap();
        assert_eq!(der[0], 0x30, "a DER SEQUENCE");
        assert!((70..=72).contains(&der.len()), "{}", der.len());
        let public = signer.public_key_pem().unwrap();
        assert!(public.starts_with("-----BEGIN PUBLIC KEY-----"));
        assert!(verify_base64(&public, &input(), &sig).unwrap());
        assert!(!verify_base64(&public, &input().replace("1240", "1241"), &sig).unwrap());
    }

    #[test]
    fn sec1_keys_load_too_and_garbage_does_not() {
        let sec1 = p256::SecretKey::from(test_key()).to_sec1_pem(LineEnding::LF).unwrap();
        let signer = P256Signer::from_pem(&sec1).unwrap();
        let sig = signer.sign_base64("x").unwrap();
        assert!(verify_base64(&signer.public_key_pem().unwrap(), "x", &sig).unwrap());
        assert!(matches!(P256Signer::from_pem("-----BEGIN NOTHING-----"), Err(FiscalError::Key(_))));
    }
}
