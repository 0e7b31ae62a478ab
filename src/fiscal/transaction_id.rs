//! myDATA `transactionId`: acquirer id padded to 3 digits ‖ RRN (12 digits) ‖ auth code (6),
//! 21 characters. Parts of any other shape are refused, never padded or invented.

use super::FiscalError;

/// Composes the transactionId from a terminal's result, or says why it cannot.
pub fn transaction_id(acquirer: &str, rrn: &str, auth_code: &str) -> Result<String, FiscalError> {
    let (acquirer, rrn, auth) = (acquirer.trim(), rrn.trim(), auth_code.trim());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(acquirer) || acquirer.len() > 3 {
        return Err(FiscalError::TransactionId(format!("acquirer id {acquirer:?} is not 1..3 digits")));
    }
    if !digits(rrn) || rrn.len() != 12 {
        return Err(FiscalError::TransactionId(format!("RRN {rrn:?} is not 12 digits")));
    }
    if auth.len() != 6 || !auth.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(FiscalError::TransactionId(format!("auth code {auth:?} is not 6 characters")));
    }
    Ok(format!("{acquirer:0>3}{rrn}{auth}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_webecr_example() {
        assert_eq!(transaction_id("75", "121702285176", "315144").unwrap(), "075121702285176315144");
        assert_eq!(transaction_id("116", "431015555865", "555865").unwrap().len(), 21);
    }

    #[test]
    fn short_dotted_or_empty_parts_are_refused() {
        for (a, r, c) in [
            ("75", "", "315144"),
            ("75", "91.65", "315144"),
            ("75", "001003", "315144"),
            ("1234", "121702285176", "315144"),
            ("75", "121702285176", "31514499"),
            ("", "121702285176", "315144"),
        ] {
            assert!(transaction_id(a, r, c).is_err(), "{a} {r} {c}");
        }
    }
}
