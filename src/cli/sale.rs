//! `tameio sale`: a scripted sale, paid in cash here or by card through `pay`.

use clap::Args;

use super::{EXIT_OK, pay, print_json, receipts::receipt_json};
use crate::domain::Cart;
use crate::fl;
use crate::i18n::I18n;
use crate::register::{Register, RegisterError};

#[derive(Debug, Args)]
pub struct SaleArgs {
    /// BARCODE or PLU, optionally with a quantity: `5201234567890x2`, `301x0.5`; an open-price
    /// item (department key) with its price: `901@2,50`, `901@2,50x3`.
    #[arg(long = "item", required = true)]
    pub items: Vec<String>,
    /// Cash handed over, as typed: `20`, `20,00`.
    #[arg(long, required_unless_present = "card", conflicts_with = "card")]
    pub cash: Option<String>,
    /// Pay the whole sale by card on the default terminal (or `--terminal`), through the
    /// journal: exit 0 paid, 3 declined, 4 outcome unknown or booking pending (recover later).
    #[arg(long)]
    pub card: bool,
    #[arg(long, requires = "card")]
    pub terminal: Option<String>,
    /// The cardholder's signature, when the terminal asks for one (nexo): `yes` it matches,
    /// `no` the payment is reversed. Default: the terminal's `confirm_signature` option.
    #[arg(long, requires = "card", value_parser = ["yes", "no"])]
    pub confirm_signature: Option<String>,
    /// The cashier (default: the first cashier).
    #[arg(long)]
    pub user: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `5201234567890x2` → ("5201234567890", "2"); `901@2,50x3` → ("901@2,50", "3").
pub(super) fn split_item(item: &str) -> (&str, &str) {
    item.rsplit_once(['x', 'X', '*']).unwrap_or((item, "1"))
}

pub fn sale(register: &Register, i18n: &I18n, args: &SaleArgs) -> Result<u8, RegisterError> {
    let operator = register.cli_operator(args.user.as_deref(), None)?;
    let mut cart = Cart::default();
    for item in &args.items {
        let (code, qty) = split_item(item);
        let quantity = register.parse_quantity(qty)?;
        match code.split_once('@') {
            Some((code, price)) => {
                let price = register.parse_amount(price)?;
                register.ring_up_priced(&mut cart, code, quantity, price)?
            }
            None => register.ring_up(&mut cart, code, quantity)?,
        };
    }
    let Some(cash) = &args.cash else {
        return pay::card_sale(register, i18n, &operator, &cart, args);
    };
    let given = register.parse_amount(cash)?;
    let receipt = register.cash_sale(&operator, &cart, given)?;
    if args.json {
        print_json(&receipt_json(&receipt));
    } else {
        print!("{}", register.receipt_summary(&receipt, i18n));
        println!(
            "{}",
            fl!(
                i18n,
                "cli-sale-done",
                number = receipt.number,
                total = i18n.money(receipt.total),
                change = i18n.money(receipt.change())
            )
        );
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_split_into_code_and_quantity() {
        assert_eq!(split_item("5201234567890x2"), ("5201234567890", "2"));
        assert_eq!(split_item("301*0,5"), ("301", "0,5"));
        assert_eq!(split_item("101"), ("101", "1"));
    }
}
