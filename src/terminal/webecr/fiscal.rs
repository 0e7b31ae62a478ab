//! myDATA validation data on WebECR (webecr.md §5, §8): the `ProviderData` or `EcrTokenData`
//! of a sale's `txninit`, and the ECR-token set-up calls `ecrbind` and `ecrkeyexchange`.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::WebEcrTerminal;
use super::codec::{EcrBind, EcrKeyExchange, EcrTokenData, Flex, ProviderData, TxnInit, txn_type};
use crate::fiscal::{self, FieldOrder, P256Signer, ProviderInput, ProviderSigner};
use crate::terminal::TerminalError;
use crate::terminal::aade1155::frame::{FROM_ECR, VARIANT_POS_PRINTS, VERSION_A1155};
use crate::terminal::aade1155::mac::retail_mac;
use crate::terminal::aade1155::message::{Amount, AmountRequest, Request, TxnLetter};

pub mod sim;

/// Key material handed to the driver for one payment; `Debug` only says whether it is set.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "<empty>" } else { "<set>" })
    }
}

/// What the provider signs besides the amount, the time and the TID: the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderSpec {
    /// `ProviderId`: the provider's AADE id (`001`–`038`, `999` for test keys).
    pub provider_id: String,
    pub field_order: FieldOrder,
    /// The document UID the signature covers.
    pub uid: String,
    /// The myDATA MARK; empty while not known.
    #[serde(default)]
    pub mark: String,
    /// Document net, VAT and total in cents.
    pub net: i64,
    pub vat: i64,
    pub total: i64,
    /// The provider's P-256 private key (PEM), from the secrets file.
    pub signing_key: Secret,
}

/// The fiscal device's side of a payment: its id and the session key it shares with the POS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcrTokenSpec {
    pub ecr_id: String,
    /// The clear session key (32 hex digits) sent by `ecrkeyexchange`, from the secrets file.
    pub session_key: Secret,
}

/// The validation data a sale on this terminal carries (`options.fiscal`, set by the register
/// for one payment's driver, never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxnFiscal {
    Provider(ProviderSpec),
    EcrToken(EcrTokenSpec),
}

/// The provider's `ProviderData` for an attempt: the signature timestamp is the attempt's
/// time (its uuid v7), so the same inputs always give the same (RFC 6979) signature.
pub fn provider_data(
    spec: &ProviderSpec,
    attempt: Uuid,
    amount: i64,
    tid: &str,
) -> Result<ProviderData, TerminalError> {
    let config = |why: String| TerminalError::Config(format!("provider signature: {why}"));
    if tid.trim().is_empty() {
        return Err(config("the terminal's TID is part of the signed data: set --terminal-id".into()));
    }
    let at = fiscal::attempt_time(attempt).ok_or_else(|| config("the payment has no time".into()))?;
    let input = ProviderInput {
        uid: spec.uid.clone(),
        mark: spec.mark.clone(),
        timestamp: fiscal::signature_timestamp(at),
        amount,
        net: spec.net,
        vat: spec.vat,
        total: spec.total,
        tid: tid.trim().to_string(),
    };
    let signer = P256Signer::from_pem(&spec.signing_key.0).map_err(|e| config(e.to_string()))?;
    let signature =
        signer.sign_base64(&input.signed_data(spec.field_order)).map_err(|e| config(e.to_string()))?;
    // The spec's table types ProviderId as an integer (its example sends "012").
    let provider_id = match spec.provider_id.trim().parse::<i64>() {
        Ok(n) => Flex::Int(n),
        Err(_) => Flex::Text(spec.provider_id.trim().to_string()),
    };
    Ok(ProviderData {
        uid: input.uid,
        mark: (!input.mark.is_empty()).then_some(input.mark),
        signature_timestamp: input.timestamp,
        net_amount: Some(Flex::Int(spec.net)),
        vat_amount: Some(Flex::Int(spec.vat)),
        total_amount: Some(Flex::Int(spec.total)),
        provider_id: Some(provider_id),
        signature: Some(signature),
    })
}

/// The AADE 1155 version-10 AMOUNT command the fiscal device MACs (`EcrTokenData`): header
/// `ECR0110`, no length prefix, session from the attempt, `/Q` last. The MAC is the inferred
/// retail MAC under the session key (mydata.md §3.3: the real algorithm is unpublished).
pub fn amount_command(
    spec: &EcrTokenSpec,
    attempt: Uuid,
    amount: i64,
    currency: u16,
    letter: TxnLetter,
) -> Result<String, TerminalError> {
    let config = |why: &str| TerminalError::Config(format!("ECR token: {why}"));
    let key = fiscal::parse_key(&spec.session_key.0)
        .map_err(|_| config("no session key yet: run the key exchange with the terminal first"))?;
    fiscal::EcrToken::new(&spec.ecr_id, "000000").map_err(|e| config(&e.to_string()))?;
    let at = fiscal::attempt_time(attempt).ok_or_else(|| config("the payment has no time"))?;
    let session = fiscal::session_number(attempt);
    let mut request = Request::Amount(AmountRequest {
        letter,
        session: session.clone(),
        amount: Amount {
            minor: amount.to_string(),
            currency: format!("{currency:03}"),
            exponent: "2".into(),
        },
        when: fiscal::athens_time(at).format("%Y%m%d%H%M%S").to_string(),
        ecr: spec.ecr_id.trim().to_string(),
        operator: "0".into(),
        receipt: session,
        vat: None,
        custom: "0".into(),
        mac: None,
    });
    let mac = retail_mac(&key, &request.encode()).ok_or_else(|| config("MAC"))?;
    request.set_mac(Some(mac));
    let body = String::from_utf8(request.encode()).map_err(|_| config("the command is not ASCII"))?;
    Ok(format!("{FROM_ECR}{VARIANT_POS_PRINTS}{VERSION_A1155}{body}"))
}

/// Adds the validation data to a sale's `txninit` (sales and MOTO; not preloads, refunds or
/// completions). The `CustomerReference` is the attempt id the data is derived from.
pub fn attach(fiscal: &TxnFiscal, body: &mut TxnInit, tid: &str) -> Result<(), TerminalError> {
    let letter = match body.txn_type {
        txn_type::SALE => TxnLetter::Sale,
        txn_type::MOTO => TxnLetter::MailOrder,
        _ => return Ok(()),
    };
    if body.preload_transaction == Some(true) {
        return Ok(());
    }
    let Ok(attempt) = Uuid::parse_str(&body.customer_reference) else {
        tracing::warn!(reference = %body.customer_reference, "no attempt id: no myDATA validation data sent");
        return Ok(());
    };
    match fiscal {
        TxnFiscal::Provider(spec) => {
            body.provider_data = Some(provider_data(spec, attempt, body.amount, tid)?)
        }
        TxnFiscal::EcrToken(spec) => {
            let command = amount_command(spec, attempt, body.amount, body.currency_code, letter)?;
            body.ecr_token_data = Some(EcrTokenData { amount_command: command });
        }
    }
    Ok(())
}

impl WebEcrTerminal {
    /// `POST terminal/{id}/ecrbind/`: ties the terminal to the fiscal device `ecr_id` (a new
    /// id discards the previous binding). The backend echoes the id.
    pub async fn ecr_bind(&self, ecr_id: &str) -> Result<(), TerminalError> {
        let client = &self.client;
        client.require_key()?;
        let path = format!("{}/ecrbind/", client.terminal_path().await?);
        let body = EcrBind { ecr_id: ecr_id.trim().to_string() };
        let secs = u64::from(client.opts.request_timeout_secs.max(1));
        let echo: EcrBind = client.call(Method::POST, &path, &[], Some(&body), secs).await?;
        if echo.ecr_id != body.ecr_id {
            return Err(TerminalError::Protocol(format!("ecrbind answered for {:?}", echo.ecr_id)));
        }
        Ok(())
    }

    /// `POST terminal/{id}/ecrkeyexchange/`: the session key encrypted under the master key
    /// and its KCV (uppercase hex, as the spec's example). The backend drops the previous key.
    pub async fn ecr_key_exchange(
        &self,
        ecr_id: &str,
        encrypted: &str,
        kcv: &str,
    ) -> Result<(), TerminalError> {
        let client = &self.client;
        client.require_key()?;
        let path = format!("{}/ecrkeyexchange/", client.terminal_path().await?);
        let body = EcrKeyExchange {
            ecr_id: ecr_id.trim().to_string(),
            session_key: encrypted.trim().to_ascii_uppercase(),
            kcv: kcv.trim().to_ascii_uppercase(),
        };
        let secs = u64::from(client.opts.request_timeout_secs.max(1));
        let echo: EcrKeyExchange = client.call(Method::POST, &path, &[], Some(&body), secs).await?;
        if !echo.kcv.eq_ignore_ascii_case(&body.kcv) || echo.ecr_id != body.ecr_id {
            return Err(TerminalError::Protocol("ecrkeyexchange echoed another key".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::terminal::aade1155::frame::Frame;

    const SK: &str = "7E0269C147A7C328F46E497841CD5823";

    fn attempt() -> Uuid {
        Uuid::parse_str("019ad5f0-1a2b-7c3d-8e4f-0123456789ab").unwrap()
    }

    #[test]
    fn the_amount_command_is_a_v10_amount_with_its_mac_last() {
        let spec = EcrTokenSpec { ecr_id: "ABC00111222".into(), session_key: Secret(SK.into()) };
        let text = amount_command(&spec, attempt(), 100, 978, TxnLetter::Sale).unwrap();
        assert!(text.starts_with("ECR0110A/S"), "{text}");
        let frame = Frame::from_payload(text.as_bytes()).unwrap();
        let Request::Amount(mut a) = Request::parse(&frame.body).unwrap() else { panic!("{text}") };
        assert_eq!((a.amount.minor.as_str(), a.amount.currency.as_str()), ("100", "978"));
        assert_eq!((a.ecr.as_str(), a.session.clone()), ("ABC00111222", fiscal::session_number(attempt())));
        let mac = a.mac.take().unwrap();
        let key = fiscal::parse_key(SK).unwrap();
        assert_eq!(Some(mac), retail_mac(&key, &Request::Amount(a).encode()));
        let none = EcrTokenSpec { ecr_id: "ABC00111222".into(), session_key: Secret::default() };
        assert!(matches!(
            amount_command(&none, attempt(), 100, 978, TxnLetter::Sale),
            Err(TerminalError::Config(_))
        ));
    }

    #[test]
    fn provider_data_is_signed_over_the_attempts_time_and_verifies() {
        use p256::pkcs8::EncodePrivateKey;
        let key = p256::SecretKey::from_slice(&[0x2A; 32]).unwrap();
        let pem = key.to_pkcs8_pem(p256::pkcs8::LineEnding::LF).unwrap().to_string();
        let spec = ProviderSpec {
            provider_id: "012".into(),
            field_order: FieldOrder::Public,
            uid: "D4F6A5F5C6123658F78369E5191ED5C9D73CB7AC".into(),
            mark: String::new(),
            net: 100,
            vat: 24,
            total: 124,
            signing_key: Secret(pem.clone()),
        };
        let data = provider_data(&spec, attempt(), 100, "64999964").unwrap();
        assert_eq!(
            data,
            provider_data(&spec, attempt(), 100, "64999964").unwrap(),
            "RFC 6979: the same again"
        );
        let at = fiscal::attempt_time(attempt()).unwrap();
        assert_eq!(data.signature_timestamp, fiscal::signature_timestamp(at));
        assert_eq!((data.provider_id, data.mark), (Some(Flex::Int(12)), None));
        let signed = format!("{};;{};100;100;24;124;64999964", spec.uid, data.signature_timestamp);
        let public = P256Signer::from_pem(&pem).unwrap().public_key_pem().unwrap();
        assert!(fiscal::verify_base64(&public, &signed, &data.signature.unwrap()).unwrap());
        assert!(matches!(provider_data(&spec, attempt(), 100, " "), Err(TerminalError::Config(_))));
        let json = serde_json::to_value(TxnFiscal::Provider(spec)).unwrap();
        assert!(
            json["provider"]["signing_key"].as_str().unwrap().contains("PRIVATE KEY"),
            "options carry it"
        );
    }

    #[test]
    fn only_sales_with_an_attempt_id_carry_data_and_secrets_stay_out_of_debug() {
        let spec = EcrTokenSpec { ecr_id: "ABC00111222".into(), session_key: Secret(SK.into()) };
        let fiscal = TxnFiscal::EcrToken(spec);
        assert!(!format!("{fiscal:?}").contains("7E02"));
        let mut body = TxnInit {
            amount: 100,
            currency_code: 978,
            customer_reference: attempt().to_string(),
            ..TxnInit::default()
        };
        attach(&fiscal, &mut body, "64999964").unwrap();
        assert!(body.ecr_token_data.is_some() && body.provider_data.is_none());
        let mut refund = TxnInit { txn_type: txn_type::REFUND, ..body.clone() };
        refund.ecr_token_data = None;
        attach(&fiscal, &mut refund, "64999964").unwrap();
        assert!(refund.ecr_token_data.is_none());
        let mut preload =
            TxnInit { preload_transaction: Some(true), customer_reference: "R1-7".into(), ..refund };
        attach(&fiscal, &mut preload, "64999964").unwrap();
        assert!(preload.ecr_token_data.is_none());
    }
}
