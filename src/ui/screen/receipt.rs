//! The receipt as it will print: lines, VAT summary, tenders, and COPY with its number on
//! a reprint. The same document view serves the manager's receipt search.

use iced::widget::{column, container, row, rule, scrollable, text};
use iced::{Element, Length, Task};

use crate::domain::{Receipt, ReceiptKind, TenderKind, Unit};
use crate::fl;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job};
use crate::ui::request::{PrintFor, Work};
use crate::ui::theme;
use crate::ui::widget::{self, Notice, amount_row};

/// What printing came to: done, or why not (the receipt is stored either way).
pub fn printed_notice(answer: Answer<()>, ctx: &Ctx) -> Notice {
    match answer {
        Ok(()) => Notice::done(ctx.i18n.tr("receipt-printed")),
        Err(f) => Notice::error(f.text),
    }
}

pub fn saved_notice(answer: Answer<String>, ctx: &Ctx) -> Notice {
    match answer {
        Ok(path) => Notice::done(fl!(ctx.i18n, "receipt-pdf-saved", path = path)),
        Err(f) => Notice::error(f.text),
    }
}

/// The card terminal's own slip, when it sent one.
pub fn terminal_slip<'a, M: 'a>(receipt: &Receipt, ctx: &Ctx) -> Option<Element<'a, M>> {
    let slips: Vec<String> = receipt
        .tenders
        .iter()
        .filter_map(|t| t.card.as_ref())
        .map(|c| c.terminal_receipt.trim_end().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if slips.is_empty() {
        return None;
    }
    let mut col = column![text(ctx.i18n.tr("print-terminal-receipt")).size(16)].spacing(6);
    for s in slips {
        col = col.push(text(s).size(13));
    }
    Some(container(col).padding(16).width(Length::Fixed(320.0)).style(theme::panels::paper).into())
}

#[derive(Debug)]
pub struct ReceiptScreen {
    pub receipt: Receipt,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Key(Action),
    NewSale,
    Print,
    SavePdf,
    Printed(Answer<()>),
    /// Where the PDF was saved.
    Saved(Answer<String>),
}

pub enum Event {
    NewSale,
    /// A new sale, starting with this key (a scan begun on the receipt screen).
    NextSale(Action),
    Run(Job),
    Work(Work),
}

impl ReceiptScreen {
    pub fn new(receipt: Receipt) -> ReceiptScreen {
        ReceiptScreen { receipt, notice: None }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        let receipt = Box::new(self.receipt.clone());
        let event = match message {
            Message::NewSale | Message::Key(Action::Enter | Action::Escape) => Some(Event::NewSale),
            Message::Key(Action::Print) => return self.update(Message::Print, ctx),
            Message::Key(Action::Pdf) => return self.update(Message::SavePdf, ctx),
            // The next customer's first scan (or `3*`) starts the new sale and is kept: on a
            // receipt left open, digits and Enter never mean "new sale" and lose a barcode.
            Message::Key(a @ (Action::Digit(_) | Action::Times | Action::Decimal)) => {
                Some(Event::NextSale(a))
            }
            Message::Key(_) => None,
            Message::Print => Some(Event::Work(Work::Print { receipt, copy: None, to: PrintFor::Receipt })),
            Message::SavePdf => Some(Event::Run(Job::SavePdf { receipt, copy: None, to: PrintFor::Receipt })),
            Message::Printed(answer) => {
                self.notice = Some(printed_notice(answer, ctx));
                None
            }
            Message::Saved(answer) => {
                self.notice = Some(saved_notice(answer, ctx));
                None
            }
        };
        (Task::none(), event)
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let change = self.receipt.change();
        // No "change 0,00" after a card payment: change is said only where cash was taken.
        let cash = self.receipt.tenders.iter().any(|t| t.kind == TenderKind::Cash);
        let done = if !cash {
            fl!(i18n, "sale-done-no-change", number = self.receipt.number)
        } else {
            fl!(i18n, "sale-done", number = self.receipt.number, change = i18n.money(change))
        };
        let banner = widget::notice(&widget::Notice::done(done));
        let actions = row![
            widget::action(
                i18n.tr("receipt-print"),
                Action::Print.label(),
                Some(Message::Print),
                theme::buttons::key
            ),
            widget::action(
                i18n.tr("receipt-save-pdf"),
                Action::Pdf.label(),
                Some(Message::SavePdf),
                theme::buttons::key
            ),
            widget::action(
                i18n.tr("action-new-sale"),
                crate::ui::keys::either(Action::Enter, Action::Escape),
                Some(Message::NewSale),
                theme::buttons::success,
            )
        ]
        .spacing(8);
        let mut col = column![banner].spacing(12);
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        let mut papers = row![document(&self.receipt, None, ctx)].spacing(16);
        if let Some(slip) = terminal_slip(&self.receipt, ctx) {
            papers = papers.push(slip);
        }
        container(
            col.push(
                container(scrollable(papers).height(Length::Fill))
                    .center_x(Length::Fill)
                    .height(Length::Fill),
            )
            .push(actions),
        )
        .padding(16)
        .into()
    }
}

/// The receipt on paper-white, as the printer will lay it out.
pub fn document<'a, M: 'a>(receipt: &Receipt, copy: Option<i64>, ctx: &Ctx) -> Element<'a, M> {
    let i18n = &ctx.i18n;
    let shop = &ctx.settings.shop;
    let title = match receipt.kind {
        ReceiptKind::Sale => i18n.tr("receipt-title"),
        ReceiptKind::Refund => i18n.tr("receipt-refund-title"),
    };
    let mut col = column![text(shop.name.clone()).size(20)].spacing(3);
    if !shop.address.trim().is_empty() {
        col = col.push(text(shop.address.clone()).size(theme::SMALL));
    }
    if !shop.vat_number.trim().is_empty() {
        col = col
            .push(text(fl!(i18n, "receipt-vat-number", number = shop.vat_number.clone())).size(theme::SMALL));
    }
    if let Some(copy) = copy {
        col = col
            .push(text(format!("*** {} ***", i18n.tr("receipt-copy"))).size(22))
            .push(text(fl!(i18n, "receipt-copy-number", copy = copy)).size(theme::SMALL));
    }
    col = col
        .push(text(title).size(18))
        .push(text(fl!(i18n, "receipt-number", number = receipt.number)).size(theme::SMALL))
        .push(text(i18n.datetime(&receipt.issued_at)).size(theme::SMALL))
        .push(text(fl!(i18n, "receipt-cashier", name = receipt.cashier.clone())).size(theme::SMALL))
        .push(rule::horizontal(1));
    for l in &receipt.lines {
        col = col.push(amount_row(l.name.clone(), i18n.money_plain(l.amount + l.discount), 15.0));
        if l.quantity.milli() != 1000 || l.unit == Unit::Kg {
            col = col.push(
                text(format!("  {} × {}", i18n.quantity(l.quantity), i18n.money_plain(l.unit_price)))
                    .size(13),
            );
        }
        if !l.discount.is_zero() {
            col = col.push(amount_row(
                format!("  {}", i18n.tr("receipt-discount")),
                i18n.money_plain(-l.discount),
                13.0,
            ));
        }
    }
    if !receipt.order_discount.is_zero() {
        col = col.push(amount_row(
            i18n.tr("receipt-order-discount"),
            i18n.money_plain(-receipt.order_discount),
            15.0,
        ));
    }
    col = col.push(rule::horizontal(1)).push(amount_row(
        i18n.tr("receipt-total"),
        i18n.money(receipt.total),
        22.0,
    ));
    col = col.push(
        row![
            text(i18n.tr("receipt-rate")).size(13).width(Length::Fill),
            text(i18n.tr("receipt-net")).size(13).width(Length::Fill),
            text(i18n.tr("receipt-vat")).size(13).width(Length::Fill),
            text(i18n.tr("receipt-gross")).size(13).width(Length::Fill),
        ]
        .spacing(4),
    );
    for v in &receipt.vat {
        col = col.push(
            row![
                text(format!("{} %", i18n.percent(v.rate))).size(13).width(Length::Fill),
                text(i18n.money_plain(v.net)).size(13).width(Length::Fill),
                text(i18n.money_plain(v.vat)).size(13).width(Length::Fill),
                text(i18n.money_plain(v.gross)).size(13).width(Length::Fill),
            ]
            .spacing(4),
        );
    }
    col = col.push(rule::horizontal(1));
    for t in &receipt.tenders {
        let label = match t.kind {
            TenderKind::Cash => i18n.tr("receipt-cash"),
            TenderKind::Card => i18n.tr("receipt-card"),
        };
        col = col.push(amount_row(label, i18n.money_plain(t.amount), 15.0));
        if t.kind == TenderKind::Cash && !t.change.is_zero() {
            col = col
                .push(amount_row(format!("  {}", i18n.tr("receipt-given")), i18n.money_plain(t.given), 13.0))
                .push(amount_row(
                    format!("  {}", i18n.tr("receipt-change")),
                    i18n.money_plain(t.change),
                    13.0,
                ));
        }
        if let Some(card) = &t.card {
            let brand = i18n.card_brand(&card.card_brand);
            col = col.push(text(format!("  {brand} {}", card.masked_pan)).size(13));
            if !card.resolved_by.is_empty() {
                let by = card.resolved_by.clone();
                col = col
                    .push(text(format!("  {}", fl!(i18n, "receipt-resolved-by-hand", name = by))).size(13));
            }
        }
    }
    if !ctx.settings.receipt_footer.is_empty() {
        col = col.push(text(ctx.settings.receipt_footer.clone()).size(13));
    }
    container(col).padding(16).width(Length::Fixed(420.0)).style(theme::panels::paper).into()
}
