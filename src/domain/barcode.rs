//! Scale labels: in-store EAN-13 codes (prefix 20–29) that carry a PLU and the price or the
//! weight the shop's scale printed, read by the layout the shop set for their prefix.

use serde::{Deserialize, Serialize};

use super::cart::{CartError, Quantity};
use super::catalog::{Barcode, Product, Unit};
use super::money::Money;

/// What the digits after the PLU carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScaleValue {
    /// The line's price in cents.
    Price,
    /// The weight in grams.
    Weight,
}

/// One prefix's layout: `prefix` (two digits, 20–29), then `plu_digits` of PLU, then the value
/// in the digits left before the check digit. `2 1 PPPPP VVVVV C` is `{ prefix = "21",
/// plu_digits = 5, value = "weight" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLayout {
    pub prefix: String,
    #[serde(default = "five")]
    pub plu_digits: u8,
    pub value: ScaleValue,
}

fn five() -> u8 {
    5
}

/// What a scale label says: the product's PLU and its price (cents) or weight (grams).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleLabel {
    pub plu: u32,
    pub value: ScaleValue,
    pub amount: i64,
}

/// The common layouts of shop scales: prefixes 21–22 weight, 23–24 price, all with a 5-digit
/// PLU and a 5-digit value (grams / cents).
pub fn common_layouts() -> Vec<ScaleLayout> {
    [
        ("21", ScaleValue::Weight),
        ("22", ScaleValue::Weight),
        ("23", ScaleValue::Price),
        ("24", ScaleValue::Price),
    ]
    .into_iter()
    .map(|(prefix, value)| ScaleLayout { prefix: prefix.to_string(), plu_digits: 5, value })
    .collect()
}

impl ScaleLabel {
    /// The cart line this label makes of `product`: its quantity, and the price of one unit
    /// when the label fixes it. A weight sells at the product's price per kg; a price on a
    /// weighed product becomes the weight it buys when that comes to the cent, else (and for a
    /// piece or a department key) one unit at the label's price.
    pub fn line(&self, product: &Product) -> Result<(Quantity, Option<Money>), CartError> {
        match self.value {
            ScaleValue::Weight if product.is_open_price() => Err(CartError::NeedsPrice),
            ScaleValue::Weight => Ok((Quantity::from_milli(self.amount), None)),
            ScaleValue::Price => {
                let price = Money::from_cents(self.amount);
                let per_kg = product.price.cents();
                if product.unit == Unit::Kg && per_kg > 0 {
                    let grams = (self.amount * 1000 + per_kg / 2) / per_kg;
                    if grams > 0 && product.price.mul_div(grams, 1000) == price {
                        return Ok((Quantity::from_milli(grams), None));
                    }
                }
                Ok((Quantity::ONE, Some(price)))
            }
        }
    }
}

impl ScaleLayout {
    /// Why this layout cannot be used, if it cannot.
    pub fn problem(&self) -> Option<String> {
        let p = self.prefix.as_bytes();
        if p.len() != 2 || p[0] != b'2' || !p[1].is_ascii_digit() {
            return Some(format!("prefix {} is not one of 20–29", self.prefix));
        }
        if !(3..=6).contains(&self.plu_digits) {
            return Some(format!("plu_digits {} is not 3–6", self.plu_digits));
        }
        None
    }

    /// The label if `code` is a good EAN-13 with this layout's prefix.
    pub fn read(&self, code: &str) -> Option<ScaleLabel> {
        if self.problem().is_some() || code.len() != 13 || !code.starts_with(&self.prefix) {
            return None;
        }
        Barcode::parse(code).ok()?;
        let body = code.get(2..12)?;
        let (plu, value) = body.split_at(usize::from(self.plu_digits));
        Some(ScaleLabel { plu: plu.parse().ok()?, value: self.value, amount: value.parse().ok()? })
    }
}

/// The label `code` is under the first layout whose prefix it has; `None` for any other code.
pub fn read_scale_label(code: &str, layouts: &[ScaleLayout]) -> Option<ScaleLabel> {
    layouts.iter().find_map(|l| l.read(code.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::ean_check_digit;

    fn label(body: &str) -> String {
        let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
        format!("{body}{}", ean_check_digit(&digits))
    }

    #[test]
    fn the_common_layouts_read_weight_and_price() {
        let layouts = common_layouts();
        let weight = read_scale_label(&label("210010400750"), &layouts);
        assert_eq!(weight, Some(ScaleLabel { plu: 104, value: ScaleValue::Weight, amount: 750 }));
        let price = read_scale_label(&label("230030101234"), &layouts);
        assert_eq!(price, Some(ScaleLabel { plu: 301, value: ScaleValue::Price, amount: 1234 }));
    }

    #[test]
    fn a_bad_check_digit_or_another_prefix_is_no_label() {
        let layouts = common_layouts();
        let good = label("210010400750");
        let mut bad = good.clone();
        bad.replace_range(12..13, if good.ends_with('0') { "1" } else { "0" });
        assert_eq!(read_scale_label(&bad, &layouts), None);
        assert_eq!(read_scale_label(&label("520000000101"), &layouts), None);
        assert_eq!(read_scale_label(&label("290010400750"), &layouts), None, "29 has no layout");
    }

    #[test]
    fn a_layout_with_a_four_digit_plu_reads_a_six_digit_value() {
        let layouts = [ScaleLayout { prefix: "28".into(), plu_digits: 4, value: ScaleValue::Price }];
        let read = read_scale_label(&label("280104001250"), &layouts);
        assert_eq!(read, Some(ScaleLabel { plu: 104, value: ScaleValue::Price, amount: 1250 }));
    }

    #[test]
    fn a_label_makes_a_line_of_weight_or_price() {
        let cheese = Product {
            id: 1,
            plu: 104,
            barcode: None,
            names: crate::domain::Names { en: "Graviera".into(), ..Default::default() },
            category: "dairy".into(),
            price: Money::from_cents(1690),
            vat: crate::domain::VatRate(1300),
            unit: Unit::Kg,
        };
        let weight = ScaleLabel { plu: 104, value: ScaleValue::Weight, amount: 750 };
        assert_eq!(weight.line(&cheese), Ok((Quantity::from_milli(750), None)));
        // 0.5 kg at 16.90 is 8.45: the weight it buys.
        let price = ScaleLabel { plu: 104, value: ScaleValue::Price, amount: 845 };
        assert_eq!(price.line(&cheese), Ok((Quantity::from_milli(500), None)));
        // 8.46 buys no whole gram at 16.90: one unit at the label's price.
        let odd = ScaleLabel { plu: 104, value: ScaleValue::Price, amount: 846 };
        assert_eq!(odd.line(&cheese), Ok((Quantity::ONE, Some(Money::from_cents(846)))));
        let key = Product { price: Money::ZERO, unit: Unit::Piece, ..cheese };
        assert_eq!(weight.line(&key), Err(CartError::NeedsPrice));
    }

    #[test]
    fn bad_layouts_are_named() {
        let bad = ScaleLayout { prefix: "31".into(), plu_digits: 5, value: ScaleValue::Price };
        assert!(bad.problem().is_some_and(|p| p.contains("31")));
        assert_eq!(bad.read(&label("310010400750")), None);
        let wide = ScaleLayout { prefix: "21".into(), plu_digits: 9, value: ScaleValue::Price };
        assert!(wide.problem().is_some());
    }
}
