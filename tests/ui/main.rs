//! The GUI, update-driven (one test binary): each screen driven by the messages its keys and
//! buttons send, against an in-memory or on-disk register and the terminal simulators.

#[path = "../support/mod.rs"]
mod support;

mod aade1155_ui_keys;
mod fiscal_link_ui;
mod ui_booking_pending;
mod ui_card;
mod ui_card_resolve;
mod ui_certify;
mod ui_checkout_day;
mod ui_day_details;
mod ui_first_run;
mod ui_flows;
mod ui_manager_day;
mod ui_nexo;
mod ui_nexo_signature;
mod ui_products;
mod ui_refund;
mod ui_reports;
mod ui_screens;
mod ui_settings;
mod ui_signin_words;
mod ui_simulator;
mod ui_window;
