//! myDATA evidence from public pieces: the transactionId example, both signature-input orders
//! signed with a P-256 PEM key and verified, the session-key vector and an ECR token.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use tameio::fiscal::{
    EcrToken, FieldOrder, P256Signer, PaymentEvidence, Proof, ProviderInput, ProviderSigner,
    encrypt_session_key, kcv, parse_key, signature_timestamp, transaction_id, verify_base64,
};

/// A fixed P-256 test key (PKCS#8), not used anywhere real.
const TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSc8+cZISkcdY0aZm
o0XUEicrS4EZUkbXFKKl3nC84iahRANCAARsl3sNM1/0euxZlLnn6InT2tQqXm/1
mzEpMD7LX7CD1zEqSPwVfOHGg6uKV02iTcsX3/G4XpyqGI5f8J8CxWee
-----END PRIVATE KEY-----
";

fn input(ts: &str) -> ProviderInput {
    ProviderInput {
        uid: "fb35d169-42a3-4064-ad7c-ac92e3c0fe30".into(),
        mark: String::new(),
        timestamp: ts.into(),
        amount: 10000,
        net: 10000,
        vat: 2400,
        total: 10000,
        tid: "16009303".into(),
    }
}

#[test]
fn transaction_id_of_the_webecr_example() {
    assert_eq!(transaction_id("75", "121702285176", "315144").unwrap(), "075121702285176315144");
}

#[test]
fn both_orders_signed_and_verified() {
    let signer = match P256Signer::from_pem(TEST_KEY) {
        Ok(s) => s,
        Err(e) => panic!("test key: {e}"),
    };
    let public = signer.public_key_pem().unwrap();
    let at: DateTime<Utc> = "2024-11-05T10:58:41Z".parse().unwrap();
    let ts = signature_timestamp(at);
    assert_eq!(ts, "20241105125841", "Athens is UTC+2 in November");
    let public_order = input(&ts).signed_data(FieldOrder::Public);
    assert_eq!(
        public_order,
        "fb35d169-42a3-4064-ad7c-ac92e3c0fe30;;20241105125841;10000;10000;2400;10000;16009303"
    );
    let nexi = input(&ts).signed_data(FieldOrder::NexiGuide);
    assert_eq!(nexi, "fb35d169-42a3-4064-ad7c-ac92e3c0fe30;;20241105125841;10000;2400;10000;10000;16009303");
    for data in [&public_order, &nexi] {
        let sig = signer.sign_base64(data).unwrap();
        assert!(verify_base64(&public, data, &sig).unwrap());
    }
    let sig = signer.sign_base64(&nexi).unwrap();
    let evidence = PaymentEvidence::pos(
        10000,
        "16009303",
        "075121702285176315144",
        Some(Proof::ProvidersSignature { signing_author: "999".into(), signature: sig }),
    );
    assert_eq!(evidence.method_type, 7);
}

#[test]
fn ecr_token_path() {
    let mk = parse_key("ABCDEF01234567899876543210ABCDEF").unwrap();
    let sk = parse_key("7E0269C147A7C328F46E497841CD5823").unwrap();
    assert_eq!(hex::encode_upper(encrypt_session_key(&mk, &sk).unwrap()), "8FF79564430DD13EF06B5F199278FADC");
    assert_eq!(hex::encode_upper(kcv(&sk).unwrap()), "4C8166");
    let token = EcrToken::new("CFB77000028", "001008").unwrap();
    let json = serde_json::to_value(Proof::EcrToken(token)).unwrap();
    assert_eq!(json["session_number"], "001008");
    assert_eq!(json["signing_author"], "CFB77000028");
}
