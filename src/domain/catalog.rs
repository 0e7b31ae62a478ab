//! Catalogue products: names in three languages, PLU, EAN barcode, price and VAT rate.
//! Barcodes are checked (EAN-13 / EAN-8 / UPC-A check digit) before they enter the catalogue.

use serde::{Deserialize, Serialize};

use super::money::Money;
use super::vat::VatRate;

/// A language the register speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    El,
    It,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::El, Lang::It];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::El => "el",
            Lang::It => "it",
        }
    }

    /// `el`, `el-GR`, `it_IT.UTF-8` ... ; `None` for languages tameio does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "el" | "gr" => Some(Lang::El),
            "it" => Some(Lang::It),
            _ => None,
        }
    }
}

/// A product's name in each language; a missing one falls back to English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Names {
    pub en: String,
    #[serde(default)]
    pub el: String,
    #[serde(default)]
    pub it: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        let name = match lang {
            Lang::En => &self.en,
            Lang::El => &self.el,
            Lang::It => &self.it,
        };
        if name.is_empty() { &self.en } else { name }
    }
}

/// How a product is counted: per piece, weighed in kilograms, or measured in litres (loose
/// oil, wine from the barrel: any quantity, like a weight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Piece,
    Kg,
    L,
}

impl Unit {
    pub fn code(self) -> &'static str {
        match self {
            Unit::Piece => "piece",
            Unit::Kg => "kg",
            Unit::L => "l",
        }
    }

    pub fn from_code(code: &str) -> Unit {
        match code {
            "kg" => Unit::Kg,
            "l" => Unit::L,
            _ => Unit::Piece,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: i64,
    pub plu: u32,
    pub barcode: Option<Barcode>,
    pub names: Names,
    pub category: String,
    /// VAT-inclusive price per piece or per kilogram.
    pub price: Money,
    pub vat: VatRate,
    pub unit: Unit,
}

impl Product {
    /// A product without a fixed price (a department key): the cashier types the price.
    pub fn is_open_price(&self) -> bool {
        self.price.is_zero()
    }

    /// Does a search text match this product (PLU, barcode or any name, case-insensitive)?
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return true;
        }
        self.plu.to_string() == q
            || self.barcode.as_ref().is_some_and(|b| b.as_str() == q)
            || [&self.names.en, &self.names.el, &self.names.it]
                .iter()
                .any(|n| fold_accents(&n.to_lowercase()).contains(&fold_accents(&q)))
    }
}

/// Greek accents do not matter when searching: `φέτα` finds `Φετα`.
pub fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ά' => 'α',
            'έ' => 'ε',
            'ή' => 'η',
            'ί' | 'ϊ' | 'ΐ' => 'ι',
            'ό' => 'ο',
            'ύ' | 'ϋ' | 'ΰ' => 'υ',
            'ώ' => 'ω',
            'ς' => 'σ',
            'à' | 'á' => 'a',
            'è' | 'é' => 'e',
            'ì' | 'í' => 'i',
            'ò' | 'ó' => 'o',
            'ù' | 'ú' => 'u',
            other => other,
        })
        .collect()
}

/// An EAN-13, EAN-8 or UPC-A (12 digits) barcode whose check digit is right. In-store codes
/// (EAN-13 prefixes 20–29) are barcodes like any other; a scale label among them is read by
/// `barcode::ScaleLayouts` when no product carries the code itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Barcode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BarcodeError {
    #[error("a barcode has 8, 12 or 13 digits: {0}")]
    Length(String),
    #[error("wrong check digit in {0}")]
    CheckDigit(String),
}

impl Barcode {
    pub fn parse(code: &str) -> Result<Barcode, BarcodeError> {
        let code = code.trim();
        if !matches!(code.len(), 8 | 12 | 13) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BarcodeError::Length(code.to_string()));
        }
        let digits: Vec<u32> = code.bytes().map(|b| u32::from(b - b'0')).collect();
        let (body, check) = digits.split_at(digits.len() - 1);
        if ean_check_digit(body) != check[0] {
            return Err(BarcodeError::CheckDigit(code.to_string()));
        }
        Ok(Barcode(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The EAN check digit of the digits before it: weights 3,1,3,... from the right.
pub fn ean_check_digit(body: &[u32]) -> u32 {
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    (10 - sum % 10) % 10
}

impl TryFrom<String> for Barcode {
    type Error = BarcodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Barcode::parse(&s)
    }
}

impl From<Barcode> for String {
    fn from(b: Barcode) -> String {
        b.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn barcodes_are_checked() {
        assert_eq!(Barcode::parse("4006381333931").map(|b| b.0), Ok("4006381333931".into()));
        assert_eq!(Barcode::parse("96385074").map(|b| b.0), Ok("96385074".into()));
        assert_eq!(Barcode::parse("4006381333932"), Err(BarcodeError::CheckDigit("4006381333932".into())));
        assert!(matches!(Barcode::parse("12345"), Err(BarcodeError::Length(_))));
        assert_eq!(Barcode::parse("036000291452").map(|b| b.0), Ok("036000291452".into()), "UPC-A");
        assert!(matches!(Barcode::parse("036000291453"), Err(BarcodeError::CheckDigit(_))));
        assert!(Barcode::parse("2100101004254").is_ok(), "an in-store code (prefix 21)");
        assert!(matches!(Barcode::parse("400638133393a"), Err(BarcodeError::Length(_))));
    }

    #[test]
    fn names_fall_back_to_english() {
        let n = Names { en: "Feta".into(), el: "Φέτα".into(), it: String::new() };
        assert_eq!(n.get(Lang::El), "Φέτα");
        assert_eq!(n.get(Lang::It), "Feta");
    }

    #[test]
    fn search_ignores_case_and_accents() {
        let p = Product {
            id: 1,
            plu: 101,
            barcode: None,
            names: Names { en: "Feta".into(), el: "Φέτα ΠΟΠ".into(), it: "Feta DOP".into() },
            category: "dairy".into(),
            price: Money::from_cents(420),
            vat: VatRate(1300),
            unit: Unit::Piece,
        };
        assert!(p.matches("φετα"));
        assert!(p.matches("FETA"));
        assert!(p.matches("101"));
        assert!(!p.matches("olio"));
    }

    #[test]
    fn lang_from_system_tags() {
        assert_eq!(Lang::from_tag("el-GR"), Some(Lang::El));
        assert_eq!(Lang::from_tag("it_IT.UTF-8"), Some(Lang::It));
        assert_eq!(Lang::from_tag("de-DE"), None);
    }
}
