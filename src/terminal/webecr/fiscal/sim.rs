//! The simulated backend's myDATA validation: for a merchant set up for it, a `txninit`
//! without valid `ProviderData` / `EcrTokenData` is refused with 400 (webecr.md §1, §5, §8).

use serde_json::Value;

use super::super::codec::{EcrBind, EcrKeyExchange, TxnInit, txn_type};
use crate::fiscal::{self, FieldOrder, ProviderInput};
use crate::terminal::aade1155::frame::{Frame, VERSION_A1155};
use crate::terminal::aade1155::mac::retail_mac;
use crate::terminal::aade1155::message::{Request, TxnLetter};

/// Which validation the simulated merchant needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SimValidation {
    /// None: fiscal data, when sent, is ignored (the spec's plain sale).
    #[default]
    None,
    /// Sales need `ProviderData` whose signature verifies with this public key (PEM) over the
    /// data string in this field order, with the simulator's TID.
    Provider { public_key_pem: String, field_order: FieldOrder },
    /// Sales need `EcrTokenData` after `ecrbind` and `ecrkeyexchange`; the session key is
    /// decrypted with this master key (32 hex) and the MAC checked with the inferred retail MAC.
    EcrToken { master_key: String },
}

/// What `ecrbind` and `ecrkeyexchange` left on the simulated backend.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimFiscal {
    pub bound_ecr: Option<String>,
    /// The clear session key, once exchanged.
    pub session_key: Option<[u8; 16]>,
    pub key_exchanges: u32,
}

/// Why a sale's `txninit` lacks the validation its merchant needs (`Err` = answer 400).
pub fn check_txninit(
    validation: &SimValidation,
    state: &SimFiscal,
    req: &TxnInit,
    tid: &str,
) -> Result<(), String> {
    let sale =
        matches!(req.txn_type, txn_type::SALE | txn_type::MOTO) && req.preload_transaction != Some(true);
    if !sale {
        return Ok(());
    }
    match validation {
        SimValidation::None => Ok(()),
        SimValidation::Provider { public_key_pem, field_order } => {
            check_provider(public_key_pem, *field_order, req, tid)
        }
        SimValidation::EcrToken { .. } => check_ecr_token(state, req),
    }
}

fn check_provider(pem: &str, order: FieldOrder, req: &TxnInit, tid: &str) -> Result<(), String> {
    let p = req.provider_data.as_ref().ok_or("ProviderData required for this merchant")?;
    let amount = |v: &Option<super::super::codec::Flex>, name: &str| {
        v.as_ref().and_then(|f| f.int()).ok_or(format!("ProviderData.{name} required (cents)"))
    };
    let ts = &p.signature_timestamp;
    if p.uid.trim().is_empty() || ts.len() != 14 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return Err("ProviderData.Uid and SignatureTimestamp (YYYYMMDDhhmmss) required".into());
    }
    if p.provider_id.as_ref().and_then(|id| id.int()).is_none() {
        return Err("ProviderData.ProviderId required".into());
    }
    let signature = p.signature.as_deref().ok_or("ProviderData.Signature required")?;
    let input = ProviderInput {
        uid: p.uid.clone(),
        mark: p.mark.clone().unwrap_or_default(),
        timestamp: ts.clone(),
        amount: req.amount,
        net: amount(&p.net_amount, "NetAmount")?,
        vat: amount(&p.vat_amount, "VatAmount")?,
        total: amount(&p.total_amount, "TotalAmount")?,
        tid: tid.to_string(),
    };
    match fiscal::verify_base64(pem, &input.signed_data(order), signature) {
        Ok(true) => Ok(()),
        Ok(false) => Err("provider signature verification failed".into()),
        Err(e) => Err(format!("provider signature unreadable: {e}")),
    }
}

fn check_ecr_token(state: &SimFiscal, req: &TxnInit) -> Result<(), String> {
    let data = req.ecr_token_data.as_ref().ok_or("EcrTokenData required for this merchant")?;
    let (Some(ecr), Some(key)) = (&state.bound_ecr, &state.session_key) else {
        return Err("ecrbind and ecrkeyexchange required before EcrTokenData".into());
    };
    let frame =
        Frame::from_payload(data.amount_command.as_bytes()).map_err(|e| format!("AmountCommand: {e}"))?;
    if frame.version != VERSION_A1155 {
        return Err(format!("AmountCommand: protocol version {} is not 10", frame.version));
    }
    let Ok(Request::Amount(mut a)) = Request::parse(&frame.body) else {
        return Err("AmountCommand is not an AMOUNT command".into());
    };
    if !matches!(a.letter, TxnLetter::Sale | TxnLetter::MailOrder) {
        return Err("AmountCommand is not a sale".into());
    }
    let currency = a.amount.currency.parse::<u16>().ok();
    if a.amount.minor != req.amount.to_string() || currency != Some(req.currency_code) {
        return Err("AmountCommand does not match Amount and CurrencyCode".into());
    }
    if &a.ecr != ecr {
        return Err(format!("AmountCommand is from ECR {}, the terminal is bound to {ecr}", a.ecr));
    }
    let mac = a.mac.take().filter(|m| m.len() == 8).ok_or("AmountCommand has no /Q MAC")?;
    let expected = retail_mac(key, &Request::Amount(a).encode()).unwrap_or_default();
    if !mac.eq_ignore_ascii_case(&expected) {
        return Err("AmountCommand MAC verification failed".into());
    }
    Ok(())
}

/// `ecrbind`: binds the ECR id (a new one drops the session key).
pub fn bind(state: &mut SimFiscal, body: Value) -> Result<EcrBind, String> {
    let req: EcrBind = serde_json::from_value(body).map_err(|e| format!("EcrId required: {e}"))?;
    let id = req.ecr_id.trim();
    if id.is_empty() || id.len() > 11 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("EcrId: 1..11 letters or digits".into());
    }
    if state.bound_ecr.as_deref() != Some(id) {
        state.session_key = None;
    }
    state.bound_ecr = Some(id.to_string());
    Ok(req)
}

/// `ecrkeyexchange`: the session key decrypted under the master key must match its KCV.
pub fn key_exchange(
    validation: &SimValidation,
    state: &mut SimFiscal,
    body: Value,
) -> Result<EcrKeyExchange, String> {
    let req: EcrKeyExchange =
        serde_json::from_value(body).map_err(|e| format!("EcrId, SessionKey and Kcv required: {e}"))?;
    if state.bound_ecr.as_deref() != Some(req.ecr_id.trim()) {
        return Err("EcrId is not bound to this terminal: ecrbind first".into());
    }
    let SimValidation::EcrToken { master_key } = validation else {
        return Err("this merchant is not set up for ECR tokens".into());
    };
    let mk = fiscal::parse_key(master_key).map_err(|e| e.to_string())?;
    let encrypted = fiscal::parse_key(&req.session_key).map_err(|e| format!("SessionKey: {e}"))?;
    let sk = fiscal::decrypt_session_key(&mk, &encrypted).map_err(|e| e.to_string())?;
    let kcv = fiscal::kcv(&sk).map_err(|e| e.to_string())?;
    if !hex::encode_upper(kcv).eq_ignore_ascii_case(req.kcv.trim()) {
        return Err("Kcv does not match the session key".into());
    }
    state.session_key = Some(sk);
    state.key_exchanges += 1;
    Ok(req)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::terminal::webecr::codec::EcrTokenData;

    /// The ecrkeyexchange example of WebECR v2.5.7 §3.7.10 (arbdoescode/ECR-POS,
    /// documentation/EFTPOS-WebECRv2.5.7.pdf): MK ABCDEF01234567899876543210ABCDEF.
    #[test]
    fn the_spec_key_exchange_example_is_accepted_and_a_wrong_kcv_is_not() {
        let v = SimValidation::EcrToken { master_key: "ABCDEF01234567899876543210ABCDEF".into() };
        let mut s = SimFiscal::default();
        let exchange = serde_json::json!({"EcrId":"ABC00111222","SessionKey":"8FF79564430DD13EF06B5F199278FADC","Kcv":"4C8166"});
        assert!(key_exchange(&v, &mut s, exchange.clone()).is_err(), "bind first");
        bind(&mut s, serde_json::json!({"EcrId":"ABC00111222"})).unwrap();
        let echoed = key_exchange(&v, &mut s, exchange).unwrap();
        assert_eq!(echoed.kcv, "4C8166");
        assert_eq!(s.session_key.map(hex::encode_upper).as_deref(), Some("7E0269C147A7C328F46E497841CD5823"));
        let wrong = serde_json::json!({"EcrId":"ABC00111222","SessionKey":"8FF79564430DD13EF06B5F199278FADC","Kcv":"000000"});
        assert!(key_exchange(&v, &mut s, wrong).is_err());
    }

    /// The EcrTokenData example of the same spec (§3.3): its AmountCommand is a well-formed
    /// v10 sale of 100 cents in euro from ECR ABC00111222; only its MAC cannot be checked (the
    /// key behind D93EDE48 is not published), so it is refused on the MAC and nothing else.
    #[test]
    fn the_spec_amount_command_fails_only_on_its_mac() {
        let mut s = SimFiscal { bound_ecr: Some("ABC00111222".into()), ..SimFiscal::default() };
        s.session_key = fiscal::parse_key("7E0269C147A7C328F46E497841CD5823").ok();
        let command = "ECR0110A/S000011/F100:978:2/RABC00111222/D20240412124019/M0/H0/T11/QD93EDE48";
        let mut req = TxnInit { amount: 100, currency_code: 978, ..TxnInit::default() };
        req.ecr_token_data = Some(EcrTokenData { amount_command: command.into() });
        assert_eq!(check_ecr_token(&s, &req), Err("AmountCommand MAC verification failed".into()));
        req.amount = 101;
        assert_eq!(
            check_ecr_token(&s, &req),
            Err("AmountCommand does not match Amount and CurrencyCode".into())
        );
    }
}
