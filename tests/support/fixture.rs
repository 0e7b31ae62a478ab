//! Real receipts for the print tests, made through the store. Times are fixed for the golden
//! files in tests/golden/.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use tameio::config::{Settings, Shop};
use tameio::domain::{CardDetails, Cart, Discount, Lang, Market, Money, Quantity, Receipt, Tender};
use tameio::store::Store;

pub const ISSUED_AT: &str = "2026-11-23T14:05:00";

pub fn settings() -> Settings {
    Settings {
        shop: Shop {
            name: "Μπακάλικο Ερμού".into(),
            vat_number: "099999999".into(),
            address: "Ερμού 12\n105 63 Αθήνα".into(),
            phone: "210 1234567".into(),
        },
        register_id: "1".into(),
        market: Market::Greece,
        receipt_footer: "Ευχαριστούμε! Grazie! Thank you!".into(),
        ..Settings::default()
    }
}

pub fn store() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    store
}

fn add(store: &Store, cart: &mut Cart, code: &str, milli: i64, lang: Lang) -> usize {
    let product = store.product_by_code(code).unwrap().unwrap();
    cart.add(&product, Quantity::from_milli(milli), lang).unwrap()
}

/// What the card terminal printed, as a Nexi Greece terminal returns it.
pub const TERMINAL_RECEIPT: &str = "        NEXI\n   ΑΓΟΡΑ / SALE\nTID: 12345678\nVISA ************1234\nΠΟΣΟ:            15,00 EUR\nΕΓΚΡΙΘΗΚΕ   AUTH 123456\nΤο αντίγραφο του κατόχου";

/// Three VAT rates, a weighed line, a line discount and an order discount, paid 15,00 by
/// card (with the terminal's receipt) and the rest in cash with change.
pub fn mixed_receipt(store: &Store, lang: Lang) -> Receipt {
    let mut cart = Cart::default();
    let feta = add(store, &mut cart, "101", 2000, lang);
    cart.discount_line(feta, Some(Discount::Percent(1000))).unwrap();
    add(store, &mut cart, "503", 1000, lang);
    add(store, &mut cart, "701", 1000, lang);
    add(store, &mut cart, "104", 350, lang);
    add(store, &mut cart, "401", 1000, lang);
    cart.discount_order(Some(Discount::Amount(Money::from_cents(100)))).unwrap();
    let order = store.create_order("1", 1, &cart, "Maria").unwrap();
    let card = CardDetails {
        // No attempt row: the attempts journal is not in the store yet.
        attempt_id: String::new(),
        terminal: "nexi-1".into(),
        terminal_id: "12345678".into(),
        auth_code: "123456".into(),
        masked_pan: "************1234".into(),
        stan: "000123".into(),
        rrn: "632712345678".into(),
        card_brand: "VISA".into(),
        transaction_id: "123456789012345678901".into(),
        terminal_receipt: TERMINAL_RECEIPT.into(),
        manual: false,
        tip: Money::ZERO,
        resolved_by: String::new(),
        mydata: None,
    };
    let due = store.order(order).unwrap().remaining();
    let card = Tender::card(due, Money::from_cents(1500), card).unwrap();
    assert!(store.add_tender("1", order, &card, "Maria").unwrap().is_none());
    let due = store.order(order).unwrap().remaining();
    let cash = Tender::cash_settling(due, Money::from_cents(2000)).unwrap();
    let mut receipt = store.add_tender("1", order, &cash, "Maria").unwrap().unwrap();
    receipt.issued_at = ISSUED_AT.into();
    receipt
}

/// A plain cash sale (opens the drawer when printed).
pub fn cash_receipt(store: &Store, lang: Lang) -> Receipt {
    let mut cart = Cart::default();
    add(store, &mut cart, "202", 3000, lang);
    add(store, &mut cart, "505", 1000, lang);
    let mut receipt = store.cash_sale("1", 1, &cart, Money::from_cents(500), "Maria").unwrap();
    receipt.issued_at = ISSUED_AT.into();
    receipt
}

/// A PDF's text: pdftotext's layout where poppler is installed, printpdf's own extraction
/// where it is not.
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, bytes).unwrap();
    match std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output() {
        Ok(out) if out.status.success() => String::from_utf8(out.stdout).unwrap(),
        _ => {
            let mut warnings = Vec::new();
            let doc =
                printpdf::PdfDocument::parse(bytes, &printpdf::PdfParseOptions::default(), &mut warnings)
                    .unwrap();
            doc.pages.iter().flat_map(|p| p.extract_text(&doc.resources)).collect::<Vec<_>>().join("\n")
        }
    }
}
