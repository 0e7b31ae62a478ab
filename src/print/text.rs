//! A layout as plain text: the screen preview, the logs and the golden files of the tests.
//! Double-size rows are laid out across the full width; the QR code shows the data it carries.
//! Also a receipt's compact console table, for the command line.

use super::layout::{Layout, Row, cells};
use crate::domain::{Receipt, ReceiptKind, TenderKind};
use crate::fl;
use crate::i18n::I18n;

/// The document as lines of text, each at most `layout.columns` characters, ending in `\n`.
pub fn render_text(layout: &Layout) -> String {
    let mut out = String::new();
    for row in layout.text_rows() {
        match row {
            Row::Text { text, .. } => out.push_str(&text),
            Row::Qr(data) => {
                let label = format!("[QR {data}]");
                let pad = layout.columns.saturating_sub(cells(&label)) / 2;
                out.push_str(&" ".repeat(pad));
                out.push_str(&label);
            }
        }
        out.push('\n');
    }
    out
}

/// A receipt as a compact table for a console (`tameio sale`, `receipt show`): one row per
/// line, VAT and tender, not the printed layout.
pub fn receipt_summary(r: &Receipt, i18n: &I18n) -> String {
    let mut out = String::new();
    let title = match r.kind {
        ReceiptKind::Sale => i18n.tr("receipt-title"),
        ReceiptKind::Refund => i18n.tr("receipt-refund-title"),
    };
    out.push_str(&format!(
        "{title}\n{}  {}\n",
        fl!(i18n, "receipt-number", number = r.number),
        i18n.datetime(&r.issued_at)
    ));
    for l in &r.lines {
        out.push_str(&format!(
            "{:<28} {:>5} x {:>9} {:>10}\n",
            l.name,
            l.quantity.label(),
            i18n.money_plain(l.unit_price),
            i18n.money_plain(l.amount)
        ));
        if !l.discount.is_zero() {
            out.push_str(&format!(
                "  {:<46} {:>10}\n",
                i18n.tr("receipt-discount"),
                i18n.money_plain(-l.discount)
            ));
        }
    }
    if !r.order_discount.is_zero() {
        out.push_str(&format!(
            "{:<48} {:>10}\n",
            i18n.tr("receipt-order-discount"),
            i18n.money_plain(-r.order_discount)
        ));
    }
    out.push_str(&format!("{:<48} {:>10}\n", i18n.tr("receipt-total"), i18n.money(r.total)));
    for s in &r.vat {
        out.push_str(&format!(
            "{} {:>5}%  {} {:>9}  {} {:>9}  {} {:>9}\n",
            i18n.tr("receipt-vat"),
            s.rate.percent_label(),
            i18n.tr("receipt-net"),
            i18n.money_plain(s.net),
            i18n.tr("receipt-vat"),
            i18n.money_plain(s.vat),
            i18n.tr("receipt-gross"),
            i18n.money_plain(s.gross)
        ));
    }
    for t in &r.tenders {
        let kind = match t.kind {
            TenderKind::Cash => i18n.tr("receipt-cash"),
            TenderKind::Card => i18n.tr("receipt-card"),
        };
        out.push_str(&format!("{:<48} {:>10}\n", kind, i18n.money_plain(t.amount)));
        if !t.change.is_zero() {
            out.push_str(&format!("  {:<46} {:>10}\n", i18n.tr("receipt-given"), i18n.money_plain(t.given)));
            out.push_str(&format!(
                "  {:<46} {:>10}\n",
                i18n.tr("receipt-change"),
                i18n.money_plain(t.change)
            ));
        }
    }
    out
}
