#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
//! tameio: a desktop cash register that never loses track of a card payment.

pub mod config;
pub mod domain;
pub mod i18n;
pub mod print;
pub mod store;
