//! The demo catalogue and users written on first run into an empty database, so a new shop
//! can ring up a sale at once. PINs are in the README.

use super::{Result, Store};
use crate::domain::catalog::ean_check_digit;
use crate::domain::{Barcode, DEMO_CASHIER, DEMO_MANAGER, Money, Names, Product, Role, Unit, VatRate};

/// (PLU, category, en, el, it, cents, VAT bp, weighed)
type DemoProduct = (u32, &'static str, &'static str, &'static str, &'static str, i64, u32, bool);
const PRODUCTS: &[DemoProduct] = &[
    (101, "dairy", "Feta PDO 400g", "Φέτα ΠΟΠ 400g", "Feta DOP 400g", 420, 1300, false),
    (102, "dairy", "Greek yoghurt 1kg", "Γιαούρτι στραγγιστό 1kg", "Yogurt greco 1kg", 450, 1300, false),
    (103, "dairy", "Fresh milk 1l", "Φρέσκο γάλα 1l", "Latte fresco 1l", 159, 1300, false),
    (104, "dairy", "Graviera cheese", "Γραβιέρα", "Formaggio graviera", 1690, 1300, true),
    (105, "dairy", "Butter 250g", "Βούτυρο 250g", "Burro 250g", 329, 1300, false),
    (106, "dairy", "Mozzarella 125g", "Μοτσαρέλα 125g", "Mozzarella 125g", 149, 1300, false),
    (201, "bakery", "Village bread", "Χωριάτικο ψωμί", "Pane casereccio", 180, 1300, false),
    (202, "bakery", "Koulouri", "Κουλούρι Θεσσαλονίκης", "Ciambella al sesamo", 60, 1300, false),
    (203, "bakery", "Spinach pie", "Σπανακόπιτα", "Torta di spinaci", 250, 1300, false),
    (204, "bakery", "Croissant", "Κρουασάν", "Cornetto", 120, 1300, false),
    (205, "bakery", "Rusks 250g", "Παξιμάδια 250g", "Fette biscottate 250g", 210, 1300, false),
    (301, "produce", "Tomatoes", "Ντομάτες", "Pomodori", 219, 1300, true),
    (302, "produce", "Cucumber", "Αγγούρι", "Cetriolo", 60, 1300, false),
    (303, "produce", "Lemons", "Λεμόνια", "Limoni", 189, 1300, true),
    (304, "produce", "Oranges", "Πορτοκάλια", "Arance", 129, 1300, true),
    (305, "produce", "Potatoes", "Πατάτες", "Patate", 99, 1300, true),
    (306, "produce", "Bananas", "Μπανάνες", "Banane", 179, 1300, true),
    (401, "pantry", "Olive oil 1l", "Ελαιόλαδο 1l", "Olio extravergine 1l", 990, 1300, false),
    (402, "pantry", "Spaghetti 500g", "Μακαρόνια 500g", "Spaghetti 500g", 129, 1300, false),
    (403, "pantry", "Rice 1kg", "Ρύζι 1kg", "Riso 1kg", 249, 1300, false),
    (404, "pantry", "Honey 450g", "Μέλι θυμαρίσιο 450g", "Miele di timo 450g", 790, 1300, false),
    (405, "pantry", "Kalamata olives 500g", "Ελιές Καλαμών 500g", "Olive Kalamata 500g", 450, 1300, false),
    (406, "pantry", "Oregano 50g", "Ρίγανη 50g", "Origano 50g", 190, 1300, false),
    (407, "pantry", "Chickpeas 500g", "Ρεβύθια 500g", "Ceci 500g", 199, 1300, false),
    (
        408,
        "pantry",
        "Tomato passata 500g",
        "Πασάτα ντομάτας 500g",
        "Passata di pomodoro 500g",
        139,
        1300,
        false,
    ),
    (501, "drinks", "Water 1.5l", "Νερό 1,5l", "Acqua 1,5l", 50, 1300, false),
    (502, "drinks", "Orange juice 1l", "Χυμός πορτοκάλι 1l", "Succo d'arancia 1l", 269, 1300, false),
    (503, "drinks", "Greek coffee 100g", "Ελληνικός καφές 100g", "Caffè greco 100g", 199, 2400, false),
    (504, "drinks", "Espresso beans 250g", "Καφές εσπρέσο 250g", "Caffè in grani 250g", 549, 2400, false),
    (505, "drinks", "Beer 500ml", "Μπύρα 500ml", "Birra 500ml", 189, 2400, false),
    (506, "drinks", "Red wine 750ml", "Κόκκινο κρασί 750ml", "Vino rosso 750ml", 890, 2400, false),
    (507, "drinks", "Ouzo 700ml", "Ούζο 700ml", "Ouzo 700ml", 1290, 2400, false),
    (601, "household", "Dish soap 750ml", "Υγρό πιάτων 750ml", "Detersivo piatti 750ml", 249, 2400, false),
    (602, "household", "Laundry detergent", "Απορρυπαντικό ρούχων", "Detersivo bucato", 350, 2400, false),
    (603, "household", "Kitchen roll", "Χαρτί κουζίνας", "Carta da cucina", 299, 2400, false),
    (604, "household", "Batteries AA x4", "Μπαταρίες AA x4", "Batterie AA x4", 499, 2400, false),
    (701, "books", "Newspaper", "Εφημερίδα", "Giornale", 200, 600, false),
    (702, "books", "Road map of Crete", "Χάρτης Κρήτης", "Mappa di Creta", 650, 600, false),
    (703, "books", "Children's book", "Παιδικό βιβλίο", "Libro per bambini", 890, 600, false),
    (801, "care", "Toothpaste", "Οδοντόκρεμα", "Dentifricio", 229, 2400, false),
    (802, "care", "Soap bar", "Σαπούνι ελαιολάδου", "Sapone all'olio d'oliva", 180, 2400, false),
    // Department keys: no fixed price, the cashier types it.
    (901, "various", "Various 24 %", "Διάφορα 24 %", "Varie 24 %", 0, 2400, false),
    (902, "various", "Various 13 %", "Διάφορα 13 %", "Varie 13 %", 0, 1300, false),
];

/// A valid EAN-13 built from a Greek (520) prefix and the PLU.
fn demo_barcode(plu: u32) -> Option<Barcode> {
    let body = format!("520000000{plu:03}");
    let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
    Barcode::parse(&format!("{body}{}", ean_check_digit(&digits))).ok()
}

pub fn demo_products() -> Vec<Product> {
    PRODUCTS
        .iter()
        .map(|&(plu, category, en, el, it, cents, vat, weighed)| Product {
            id: 0,
            plu,
            barcode: if weighed { None } else { demo_barcode(plu) },
            names: Names { en: en.into(), el: el.into(), it: it.into() },
            category: category.into(),
            price: Money::from_cents(cents),
            vat: VatRate(vat),
            unit: if weighed { Unit::Kg } else { Unit::Piece },
        })
        .collect()
}

impl Store {
    /// Fills an empty database with the demo catalogue and users; does nothing otherwise.
    pub fn seed_demo_if_empty(&self) -> Result<bool> {
        let users: i64 = self.conn().query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        if users > 0 || self.product_count()? > 0 {
            return Ok(false);
        }
        self.add_products(&demo_products(), "setup")?;
        self.add_user(DEMO_CASHIER.0, Role::Cashier, DEMO_CASHIER.1, "setup")?;
        self.add_user(DEMO_MANAGER.0, Role::Manager, DEMO_MANAGER.1, "setup")?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_catalogue_is_valid() {
        let products = demo_products();
        assert!(products.len() >= 40);
        assert!(products.iter().filter(|p| p.barcode.is_some()).count() >= 30);
        let store = Store::open_in_memory().unwrap();
        assert!(store.seed_demo_if_empty().unwrap());
        assert!(!store.seed_demo_if_empty().unwrap());
        assert_eq!(store.product_count().unwrap(), products.len() as i64);
        let feta = store.product_by_code("101").unwrap().unwrap();
        let code = feta.barcode.clone().unwrap();
        assert_eq!(store.product_by_code(code.as_str()).unwrap().unwrap().plu, 101);
    }
}
