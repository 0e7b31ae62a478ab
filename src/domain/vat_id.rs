//! The shop's VAT number and its check digit: Greek ΑΦΜ (9 digits, mod-11) and Italian
//! Partita IVA (11 digits, Luhn-like). A typing mistake is caught before it reaches a receipt.

/// Which kind of number passed its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatId {
    /// Greek ΑΦΜ.
    Afm,
    /// Italian Partita IVA.
    PartitaIva,
}

/// Checks a VAT number (spaces and an `EL`/`GR`/`IT` prefix allowed); `None` when its
/// length or check digit is wrong.
pub fn check(number: &str) -> Option<VatId> {
    let cleaned: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = cleaned.to_uppercase();
    let digits = ["EL", "GR", "IT"].iter().find_map(|p| upper.strip_prefix(p)).unwrap_or(&upper);
    let d: Vec<u32> = digits.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    match d.len() {
        9 if afm_ok(&d) => Some(VatId::Afm),
        11 if partita_iva_ok(&d) => Some(VatId::PartitaIva),
        _ => None,
    }
}

fn afm_ok(d: &[u32]) -> bool {
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: u32 = d[..8].iter().enumerate().map(|(i, &x)| x << (8 - i)).sum();
    sum % 11 % 10 == d[8]
}

fn partita_iva_ok(d: &[u32]) -> bool {
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: u32 = d[..10]
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 0 {
                x
            } else if x * 2 > 9 {
                x * 2 - 9
            } else {
                x * 2
            }
        })
        .sum();
    (10 - sum % 10) % 10 == d[10]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_afm_and_italian_partita_iva_are_checked() {
        assert_eq!(check("094019245"), Some(VatId::Afm));
        assert_eq!(check("EL 094 019 245"), Some(VatId::Afm));
        assert_eq!(check("094019246"), None);
        assert_eq!(check("00743110157"), Some(VatId::PartitaIva));
        assert_eq!(check("IT00743110157"), Some(VatId::PartitaIva));
        assert_eq!(check("00743110158"), None);
        assert_eq!(check("000000000"), None);
        assert_eq!(check("12345"), None);
        assert_eq!(check("09401924a"), None);
    }
}
