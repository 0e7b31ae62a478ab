#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
//! tameio: a desktop cash register that never loses track of a card payment.
//! Layout and the direction of imports: ARCHITECTURE.md.

pub mod cli;
pub mod config;
pub mod domain;
pub mod fault;
pub mod fiscal;
pub mod i18n;
pub mod logging;
pub mod print;
pub mod register;
pub mod store;
pub mod terminal;
pub mod ui;
