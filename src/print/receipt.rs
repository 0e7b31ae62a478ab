//! A receipt (or a marked copy of one) as a layout: header, lines, totals, VAT per rate,
//! tenders with card details and the terminal's own text, footer and QR code.

use crate::config::Settings;
use crate::domain::{CardDetails, Money, Receipt, ReceiptKind, ReceiptLine, Tender, TenderKind, VatSummary};
use crate::fl;
use crate::i18n::I18n;

use super::layout::{Block, ItemBlock, Layout, Style};

/// Builds the layout of `receipt` in the language of `i18n`. `copy` is the reprint's copy
/// number (from `Store::record_reprint`); `None` for the original.
pub fn build_receipt(
    receipt: &Receipt,
    settings: &Settings,
    i18n: &I18n,
    columns: usize,
    copy: Option<i64>,
) -> Layout {
    let mut l = Layout::new(columns);
    shop_header(&mut l, settings, i18n);
    let title = match receipt.kind {
        ReceiptKind::Sale => fl!(i18n, "receipt-title"),
        ReceiptKind::Refund => fl!(i18n, "receipt-refund-title"),
    };
    l.center(title, Style::BOLD);
    if let Some(copy) = copy {
        copy_mark(&mut l, i18n, copy);
    }
    let demo = receipt.tenders.iter().any(|t| t.card.as_ref().is_some_and(CardDetails::is_demo));
    if demo {
        l.center(fl!(i18n, "receipt-demo-terminal"), Style::BOLD);
    }
    l.pair(
        fl!(i18n, "receipt-number", number = receipt.number),
        fl!(i18n, "receipt-register", register = receipt.register_id.as_str()),
    );
    l.pair(i18n.datetime(&receipt.issued_at), fl!(i18n, "receipt-cashier", name = receipt.cashier.as_str()));
    if let Some(original) = receipt.refund_of {
        l.push(Block::Text(fl!(i18n, "receipt-refund-of", number = original)));
    }
    l.push(Block::Rule);
    for line in &receipt.lines {
        l.push(Block::Item(item(line, settings, i18n)));
    }
    l.push(Block::Rule);
    if !receipt.order_discount.is_zero() {
        l.pair(fl!(i18n, "receipt-order-discount"), i18n.money_plain(-receipt.order_discount));
    }
    l.pair_styled(fl!(i18n, "receipt-total"), money(i18n, receipt.total), Style::LARGE);
    l.push(Block::Rule);
    l.push(vat_table(&receipt.vat, settings, i18n));
    l.push(Block::Rule);
    for tender in &receipt.tenders {
        tender_blocks(&mut l, tender, i18n);
    }
    terminal_receipts(&mut l, receipt, i18n);
    footer(&mut l, settings);
    l.push(Block::Qr(receipt.identifier()));
    if let Some(copy) = copy {
        copy_mark(&mut l, i18n, copy);
    }
    // A copy never opens the drawer: no money moves on a reprint.
    l.open_drawer = copy.is_none() && receipt.tenders.iter().any(|t| t.kind == TenderKind::Cash);
    l
}

/// Money with the currency sign, with a plain space (paper never breaks lines by itself).
pub fn money(i18n: &I18n, m: Money) -> String {
    i18n.money(m).replace('\u{a0}', " ")
}

/// Shop name, address, phone and VAT number, centred.
pub fn shop_header(l: &mut Layout, settings: &Settings, i18n: &I18n) {
    let shop = &settings.shop;
    l.center(shop.name.as_str(), Style::LARGE);
    for line in shop.address.lines().filter(|s| !s.trim().is_empty()) {
        l.center(line.trim(), Style::NORMAL);
    }
    if !shop.phone.trim().is_empty() {
        l.center(fl!(i18n, "print-phone", phone = shop.phone.trim()), Style::NORMAL);
    }
    if !shop.vat_number.trim().is_empty() {
        l.center(fl!(i18n, "receipt-vat-number", number = shop.vat_number.trim()), Style::NORMAL);
    }
    l.push(Block::Blank);
}

fn copy_mark(l: &mut Layout, i18n: &I18n, copy: i64) {
    l.center(fl!(i18n, "receipt-copy"), Style::LARGE);
    l.center(fl!(i18n, "receipt-copy-number", copy = copy), Style::NORMAL);
}

fn item(line: &ReceiptLine, settings: &Settings, i18n: &I18n) -> ItemBlock {
    let gross = line.amount + line.discount;
    let one_piece = line.quantity.milli() == 1000 && line.unit == crate::domain::Unit::Piece;
    let quantity = (!one_piece).then(|| {
        let qty = i18n.quantity(line.quantity);
        let unit = match line.unit {
            crate::domain::Unit::Kg => " kg",
            crate::domain::Unit::L => " l",
            crate::domain::Unit::Piece => "",
        };
        format!("{qty}{unit} x {}", i18n.money_plain(line.unit_price))
    });
    let discount =
        (!line.discount.is_zero()).then(|| (fl!(i18n, "receipt-discount"), i18n.money_plain(-line.discount)));
    ItemBlock {
        name: line.name.clone(),
        quantity,
        gross: i18n.money_plain(gross),
        discount,
        vat_letter: settings.market.letter_of(line.vat),
    }
}

/// The VAT summary per rate: rate (with its letter), net, VAT, gross.
pub fn vat_table(summary: &[VatSummary], settings: &Settings, i18n: &I18n) -> Block {
    let head = vec![
        fl!(i18n, "receipt-rate"),
        fl!(i18n, "receipt-net"),
        fl!(i18n, "receipt-vat"),
        fl!(i18n, "receipt-gross"),
    ];
    let rows = summary
        .iter()
        .map(|s| {
            vec![
                format!("{} {}%", settings.market.letter_of(s.rate), i18n.percent(s.rate)),
                i18n.money_plain(s.net),
                i18n.money_plain(s.vat),
                i18n.money_plain(s.gross),
            ]
        })
        .collect();
    Block::Table { head, rows }
}

fn tender_blocks(l: &mut Layout, tender: &Tender, i18n: &I18n) {
    match (&tender.kind, &tender.card) {
        (TenderKind::Cash, _) | (TenderKind::Card, None) => {
            let label = match tender.kind {
                TenderKind::Cash => fl!(i18n, "receipt-cash"),
                TenderKind::Card => fl!(i18n, "receipt-card"),
            };
            l.pair(label, i18n.money_plain(tender.amount));
            if tender.given != tender.amount {
                l.pair(format!("  {}", fl!(i18n, "receipt-given")), i18n.money_plain(tender.given));
            }
            if !tender.change.is_zero() {
                l.pair_styled(fl!(i18n, "receipt-change"), money(i18n, tender.change), Style::BOLD);
            }
        }
        (TenderKind::Card, Some(card)) => {
            let label = format!("{} {}", fl!(i18n, "receipt-card"), i18n.card_brand(&card.card_brand));
            l.pair(label.trim_end(), i18n.money_plain(tender.amount));
            if !card.masked_pan.is_empty() {
                l.push(Block::Text(format!("  {}", card.masked_pan)));
            }
            let details = [
                (fl!(i18n, "receipt-auth-code"), &card.auth_code),
                (fl!(i18n, "receipt-terminal-id"), &card.terminal_id),
                (fl!(i18n, "print-rrn"), &card.rrn),
                (fl!(i18n, "receipt-transaction-id"), &card.transaction_id),
            ];
            for (label, value) in details.iter().filter(|(_, v)| !v.trim().is_empty()) {
                l.pair(format!("  {label}"), value.trim());
            }
            if !card.tip.is_zero() {
                l.pair(format!("  {}", fl!(i18n, "receipt-tip")), i18n.money_plain(card.tip));
                l.pair(
                    format!("  {}", fl!(i18n, "receipt-card-charged")),
                    i18n.money_plain(tender.charged()),
                );
            }
            if card.is_demo() {
                l.push(Block::Text(format!("  {}", fl!(i18n, "receipt-demo-terminal"))));
            }
            if !card.resolved_by.is_empty() {
                let by = card.resolved_by.clone();
                l.push(Block::Text(format!("  {}", fl!(i18n, "receipt-resolved-by-hand", name = by))));
            }
        }
    }
}

fn terminal_receipts(l: &mut Layout, receipt: &Receipt, i18n: &I18n) {
    let texts = receipt.tenders.iter().filter_map(|t| t.card.as_ref()).map(|c| c.terminal_receipt.trim_end());
    for text in texts.filter(|t| !t.trim().is_empty()) {
        l.push(Block::Rule);
        l.center(fl!(i18n, "print-terminal-receipt"), Style::BOLD);
        l.push(Block::Verbatim(text.to_string()));
    }
}

fn footer(l: &mut Layout, settings: &Settings) {
    l.push(Block::Rule);
    for line in settings.receipt_footer.lines().filter(|s| !s.trim().is_empty()) {
        l.center(line.trim(), Style::NORMAL);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::domain::{Lang, Quantity, Unit, VatRate};
    use crate::print::layout::Row;

    fn receipt() -> Receipt {
        let m = Money::from_cents;
        let line = ReceiptLine {
            name: "Γραβιέρα".into(),
            plu: 104,
            quantity: Quantity::from_milli(250),
            unit: Unit::Kg,
            unit_price: m(1690),
            discount: m(42),
            amount: m(381),
            vat: VatRate(1300),
        };
        let card = CardDetails {
            masked_pan: "************1234".into(),
            auth_code: "A1B2C3".into(),
            ..Default::default()
        };
        Receipt {
            number: 7,
            register_id: "1".into(),
            order_id: 3,
            kind: ReceiptKind::Sale,
            refund_of: None,
            issued_at: "2026-11-23T14:05:00".into(),
            cashier: "Maria".into(),
            lines: vec![line],
            order_discount: Money::ZERO,
            vat: vec![VatSummary::of_gross(VatRate(1300), m(381))],
            total: m(381),
            tenders: vec![Tender {
                kind: TenderKind::Card,
                amount: m(381),
                given: m(381),
                change: Money::ZERO,
                card: Some(card),
            }],
        }
    }

    fn text_of(l: &Layout) -> String {
        l.rows()
            .into_iter()
            .map(|r| match r {
                Row::Text { text, .. } => text,
                Row::Qr(d) => d,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn weighed_line_with_discount_in_greek() {
        let l = build_receipt(&receipt(), &Settings::default(), &I18n::new(Lang::El), 32, None);
        let text = text_of(&l);
        assert!(text.contains("0,250 kg x 16,90"), "{text}");
        assert!(text.contains("Έκπτωση"), "{text}");
        assert!(text.contains("-0,42 B"), "{text}");
        assert!(text.contains("Κωδ. έγκρισης"), "{text}");
        assert!(text.contains("tameio:1:7:381"), "{text}");
        assert!(!l.open_drawer, "card only");
    }

    #[test]
    fn a_copy_is_marked_twice_and_keeps_the_drawer_shut() {
        let mut r = receipt();
        r.tenders = vec![Tender::cash_settling(r.total, Money::from_cents(500)).unwrap()];
        let original = build_receipt(&r, &Settings::default(), &I18n::new(Lang::It), 48, None);
        assert!(original.open_drawer);
        let copy = build_receipt(&r, &Settings::default(), &I18n::new(Lang::It), 48, Some(2));
        assert!(!copy.open_drawer);
        let text = text_of(&copy);
        assert_eq!(text.matches("COPIA").count(), 2, "{text}");
        assert!(text.contains("Copia n. 2"));
        assert!(text.contains("Resto"));
    }

    #[test]
    fn a_refund_says_so_and_names_the_sale() {
        let mut r = receipt();
        r.kind = ReceiptKind::Refund;
        r.refund_of = Some(5);
        r.total = -r.total;
        let text = text_of(&build_receipt(&r, &Settings::default(), &I18n::new(Lang::El), 48, None));
        assert!(text.contains("ΕΠΙΣΤΡΟΦΗ"), "{text}");
        assert!(text.contains("Επιστροφή της απόδειξης αρ. 5"), "{text}");
        assert!(text.contains("-3,81 €"), "{text}");
    }

    #[test]
    fn a_tip_is_shown_with_what_the_card_was_charged() {
        let mut r = receipt();
        if let Some(card) = r.tenders[0].card.as_mut() {
            card.tip = Money::from_cents(50);
        }
        let text = text_of(&build_receipt(&r, &Settings::default(), &I18n::new(Lang::It), 48, None));
        assert!(text.lines().any(|l| l.contains("Mancia") && l.ends_with("0,50")), "{text}");
        assert!(text.lines().any(|l| l.contains("Totale carta con mancia") && l.ends_with("4,31")), "{text}");
        assert!(text.contains("TOTALE") && text.contains("3,81"), "the order's total stays: {text}");
        let plain = text_of(&build_receipt(&receipt(), &Settings::default(), &I18n::new(Lang::It), 48, None));
        assert!(!plain.contains("Mancia"), "{plain}");
    }

    #[test]
    fn a_demo_payment_says_so_on_every_paper() {
        let mut r = receipt();
        if let Some(card) = r.tenders[0].card.as_mut() {
            card.terminal = crate::domain::tender::DEMO_TERMINAL.into();
        }
        for (lang, words) in [
            (Lang::En, "NOT A REAL CARD PAYMENT"),
            (Lang::El, "ΔΟΚΙΜΑΣΤΙΚΟ ΤΕΡΜΑΤΙΚΟ"),
            (Lang::It, "TERMINALE DIMOSTRATIVO"),
        ] {
            for columns in [32, 42, 48] {
                let text = text_of(&build_receipt(&r, &Settings::default(), &I18n::new(lang), columns, None));
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(flat.matches(words).count(), 2, "{columns}: {text}");
            }
        }
        let real = text_of(&build_receipt(&receipt(), &Settings::default(), &I18n::new(Lang::En), 48, None));
        assert!(!real.contains("DEMO"), "{real}");
    }
}
