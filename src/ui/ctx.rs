//! What every screen reads (language, settings, who is signed in, the catalogue), in a module
//! of its own so a screen never imports `app` and `ui/` has no import circle through it.

use std::sync::Arc;

use crate::config::{Settings, money_style};
use crate::domain::{CartError, MoneyStyle, Quantity};
use crate::i18n::I18n;
use crate::register::{Operator, RegisterError};
use crate::ui::catalog::Catalog;

/// What every screen reads: language, settings, who is signed in, the catalogue.
#[derive(Debug)]
pub struct Ctx {
    pub i18n: Arc<I18n>,
    pub settings: Settings,
    pub operator: Option<Operator>,
    pub catalog: Arc<Catalog>,
    /// The till's terminal, and whether it takes preloaded receipts (F8 is offered only then).
    pub terminal_name: String,
    pub can_preload: bool,
}

impl Ctx {
    pub fn i18n_style(&self) -> MoneyStyle {
        money_style(self.i18n.lang())
    }

    /// The decimal separator the cashier types: `.` in English, `,` elsewhere.
    pub fn decimal(&self) -> &'static str {
        match self.i18n_style() {
            MoneyStyle::English => ".",
            _ => ",",
        }
    }

    /// `3`, `0,250`: the same rule as `Register::parse_quantity`, without the call.
    pub fn parse_quantity(&self, input: &str) -> Result<Quantity, RegisterError> {
        Quantity::parse(input).map_err(|e| match e {
            CartError::NonPositiveQuantity => RegisterError::Cart(e),
            _ => RegisterError::BadQuantity(input.to_string()),
        })
    }
}
