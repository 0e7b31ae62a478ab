//! What the app shows (`Screen`) and every message it routes (`Message`): the root's own and,
//! wrapped, each screen's.

use std::sync::Arc;

use iced::keyboard;

use crate::domain::Cart;
use crate::register::{Decided, Operator, UncheckedSignature};
use crate::terminal::{Attempt, TerminalConfig, TerminalStatus};
use crate::ui::catalog::Catalog;
use crate::ui::request::Answer;
use crate::ui::screen::card::{self, CardPay};
use crate::ui::screen::cash::{self, Cash};
use crate::ui::screen::checkout;
use crate::ui::screen::deferred;
use crate::ui::screen::first_run::{self, FirstRun};
use crate::ui::screen::manager::{self, Manager};
use crate::ui::screen::receipt::{self, ReceiptScreen};
use crate::ui::screen::signin::{self, SignIn};
use crate::ui::screen::split::{self, Split};

#[derive(Debug)]
pub enum Screen {
    /// Start-up: open payments are recovered before anyone may sell.
    Booting,
    /// A fresh data folder (no settings file yet), or reopened by a manager from Settings.
    FirstRun(Box<FirstRun>),
    SignIn(SignIn),
    Checkout,
    Cash(Cash),
    Card(Box<CardPay>),
    Split(Split),
    Receipt(ReceiptScreen),
    Manager(Box<Manager>),
    Deferred(deferred::Pane),
}

#[derive(Debug, Clone)]
pub enum Message {
    Ignore,
    /// Every second, with the clock text.
    Tick(String),
    Key(keyboard::Event),
    CatalogLoaded(Answer<Arc<Catalog>>),
    /// Start-up recovery done: the attempts it looked at.
    /// Start-up recovery: the attempts that were open, and sales whose signature nobody checked.
    Booted(Answer<(Vec<Attempt>, Vec<UncheckedSignature>)>),
    ToggleTheme,
    Lock,
    /// Time to ask the terminal how it is.
    TerminalPoll,
    /// The terminal's answer (`None`: a payment holds it, so it is busy).
    TerminalStatus(String, Answer<Option<TerminalStatus>>),
    Diagnostics(bool),
    DiagnosticsLoaded(Answer<Vec<Attempt>>),
    /// The terminal's settings, for diagnostics.
    DiagnosticsConfig(Answer<TerminalConfig>),
    /// A manager resolves an open attempt from diagnostics: approved (true) or not charged.
    DiagnosticsForce(Box<Attempt>, bool),
    DiagnosticsForced(Answer<Box<Decided>>),
    /// Diagnostics: write the support bundle, and where it went.
    SupportBundle,
    SupportWritten(Answer<String>),
    /// An open order was given up (voided).
    OrderLeft(Answer<i64>),
    /// The lock put the open sale aside (its parked number).
    LockParked(Answer<i64>),
    /// After a sign-in: the sale the lock put aside for this person, if any.
    Resumed(Operator, Answer<Option<Cart>>),
    CloseRequested,
    CloseConfirmed(bool),
    FirstRun(first_run::Message),
    SignIn(signin::Message),
    Checkout(checkout::Message),
    Cash(cash::Message),
    Card(card::Message),
    Split(split::Message),
    Receipt(receipt::Message),
    Manager(manager::Message),
    Deferred(deferred::Message),
}
