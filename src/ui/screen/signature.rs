//! The cardholder's signature check on the payment screen: the merchant copy to compare with
//! the card, and the cashier's two answers (Enter: it matches; F5: it does not).
//!
//! In nexo light integration the terminal approves first and marks its slip; a refused
//! signature then reverses the payment by a void attempt of its own. In full integration the
//! terminal asks before it ends the payment, and refuses it itself on "no".

use iced::widget::{Column, column, container, scrollable, text};
use iced::{Element, Length};

use crate::domain::{Money, Receipt};
use crate::ui::ctx::Ctx;
use crate::ui::theme;

/// A signature waiting for the cashier's eye.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCheck {
    /// The merchant copy's lines (what the customer signed).
    pub copy: Vec<String>,
    /// Light integration: the approved payment's receipt (when it covered the sale) and what
    /// is still due; the payment goes on there once the signature is confirmed. `None`: the
    /// terminal itself asks (full integration) and waits for the answer.
    pub approved: Option<Approved>,
    /// The answer is on its way (the terminal's question, or the reversal).
    pub answered: bool,
    /// Refused, but the payment could not be reversed: it stands, and going on confirms
    /// nothing (a manager settles it; the next start names it until then).
    pub refused: bool,
}

/// Where an approved payment goes once its signature is confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    pub receipt: Option<Receipt>,
    pub remaining: Money,
}

impl SignatureCheck {
    /// The merchant copy of a slip text holding both copies (the customer's comes first):
    /// the part that asks for a signature, or all of it.
    pub fn after_approval(receipt_text: &str, approved: Approved) -> SignatureCheck {
        let parts: Vec<&str> = receipt_text.split("\n\n").collect();
        let signed = parts.iter().rev().find(|p| p.to_lowercase().contains("signature")).copied();
        let copy = signed.unwrap_or(receipt_text).lines().map(str::to_string).collect();
        SignatureCheck { copy, approved: Some(approved), answered: false, refused: false }
    }

    /// The terminal's own question (full integration), with the copy it printed.
    pub fn asked(copy: Vec<String>) -> SignatureCheck {
        SignatureCheck { copy, approved: None, answered: false, refused: false }
    }

    /// The merchant copy, as paper.
    pub fn view<'a, M: 'a>(&'a self, ctx: &'a Ctx) -> Element<'a, M> {
        slip_view(ctx.i18n.tr("signature-copy"), &self.copy)
    }
}

/// A terminal's slip as paper: its title, then its lines in a framed panel.
pub fn slip_view<'a, M: 'a>(title: String, lines: &'a [String]) -> Element<'a, M> {
    let lines =
        lines.iter().fold(Column::new().spacing(2), |c, l| c.push(text(l.as_str()).size(theme::BODY)));
    column![
        text(title).size(theme::SMALL).style(theme::texts::muted),
        container(scrollable(lines).height(Length::Fill))
            .padding(12)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::panels::panel),
    ]
    .spacing(6)
    .width(Length::Fixed(340.0))
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merchant_copy_is_the_part_to_sign() {
        let text = "Cardholder\nKÖP 12,00\n\nMerchant\nKÖP 12,00\nSignature: ______";
        let approved = Approved { receipt: None, remaining: Money::ZERO };
        let check = SignatureCheck::after_approval(text, approved.clone());
        assert_eq!(check.copy, ["Merchant", "KÖP 12,00", "Signature: ______"]);
        let plain = SignatureCheck::after_approval("one slip", approved);
        assert_eq!(plain.copy, ["one slip"]);
    }
}
