//! Refunds from the manager's Receipts tab, update-driven: what the buttons allow per tender
//! and terminal, the one question, the terminal work run to its end, the list afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::ReceiptKind;
use tameio::register::RefundMode;
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::manager::{self, receipts};
use tameio::ui::widget::NoticeKind;

fn pane(app: &App) -> &receipts::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.receipts,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn send(app: &mut App, m: receipts::Message) {
    settle(app, Message::Manager(manager::Message::Receipts(m)));
}

/// Opens the newest receipt in the list (its refund plan loads with it).
fn open_newest(app: &mut App) -> i64 {
    let number = pane(app).results[0].number;
    send(app, receipts::Message::Open(number));
    assert!(pane(app).refund.plan.is_some(), "the plan loaded with the receipt");
    number
}

#[test]
fn cash_refund_from_the_receipts_tab() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F9);
    type_text(&mut app, "5");
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    open_manager(&mut app);
    let number = open_newest(&mut app);
    let refund = &pane(&app).refund;
    assert!(refund.can(RefundMode::Refund) && refund.can(RefundMode::Cash));
    assert!(!refund.can(RefundMode::Void), "no card: nothing to void");

    // Asks once; No leaves everything as it was.
    send(&mut app, receipts::Message::Refund(RefundMode::Refund));
    assert_eq!(pane(&app).refund.confirm, Some(RefundMode::Refund));
    send(&mut app, receipts::Message::Confirm(false));
    assert_eq!(pane(&app).refund.confirm, None);
    assert!(!pane(&app).results[0].refunded);

    send(&mut app, receipts::Message::Refund(RefundMode::Refund));
    send(&mut app, receipts::Message::Confirm(true));
    let p = pane(&app);
    assert_eq!(p.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done), "{:?}", p.notice);
    assert!(
        p.notice.as_ref().unwrap().text.contains("4.20") || p.notice.as_ref().unwrap().text.contains("4,20")
    );
    assert_eq!(p.results[0].kind, ReceiptKind::Refund, "the refund receipt is listed");
    let original = p.results.iter().find(|s| s.number == number).unwrap();
    assert!(original.refunded, "the sale shows as refunded");
    assert!(!p.refund.can(RefundMode::Refund) && !p.refund.can(RefundMode::Cash), "not twice");
    assert!(p.refund.working.is_none());

    // Searching again still shows it refunded.
    send(&mut app, receipts::Message::Search);
    assert!(pane(&app).results.iter().find(|s| s.number == number).unwrap().refunded);
}

#[test]
fn the_demo_terminal_voids_its_last_card_payment_and_cannot_refund() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    assert!(matches!(app.screen, Screen::Receipt(_)), "paid by card");
    key(&mut app, Named::Enter);
    open_manager(&mut app);
    let number = open_newest(&mut app);
    let refund = &pane(&app).refund;
    assert!(!refund.can(RefundMode::Refund), "ECR17 has no refund message");
    assert!(refund.can(RefundMode::Void) && refund.can(RefundMode::Cash));

    send(&mut app, receipts::Message::Refund(RefundMode::Refund));
    assert_eq!(pane(&app).refund.confirm, None, "a disabled action asks nothing");
    send(&mut app, receipts::Message::Refund(RefundMode::Void));
    assert_eq!(pane(&app).refund.confirm, Some(RefundMode::Void));
    // Esc takes the question back, not the receipt.
    key(&mut app, Named::Escape);
    assert_eq!(pane(&app).refund.confirm, None);
    assert!(pane(&app).open.is_some());

    send(&mut app, receipts::Message::Refund(RefundMode::Void));
    send(&mut app, receipts::Message::Confirm(true));
    let p = pane(&app);
    assert_eq!(p.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done), "{:?}", p.notice);
    assert!(p.results.iter().find(|s| s.number == number).unwrap().refunded);
    let refunds: Vec<_> = p.results.iter().filter(|s| s.kind == ReceiptKind::Refund).collect();
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0].total.cents(), -420);
    assert_eq!(app.terminal.state, tameio::ui::status::TerminalState::Ready, "the indicator asked again");
}

#[test]
fn the_refund_question_names_amount_card_and_terminal_in_greek() {
    let _card = card_lock();
    let mut app = app_with(settings(tameio::domain::Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    key(&mut app, Named::Enter);
    open_manager(&mut app);
    open_newest(&mut app);
    send(&mut app, receipts::Message::Refund(RefundMode::Void));
    let plan = pane(&app).refund.plan.clone().unwrap();
    let card = plan.card.unwrap();
    assert_eq!(card.terminal, "demo");
    assert_eq!(card.last4().len(), 4);
    // The view renders without panicking with the question on show.
    let _ = app.view();
}

#[test]
fn diagnostics_exports_a_support_bundle_into_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let places = tameio::config::Places::resolve(Some(dir.path()));
    // A register already set up (a fresh folder opens the first-run screen).
    tameio::config::Settings::default().save(&places.settings()).unwrap();
    let (reg, _) = tameio::register::Register::open(&places).unwrap();
    let mut app = app_on(std::sync::Arc::new(reg));
    sign_in(&mut app, "Nikos", "9999");
    settle(&mut app, Message::Diagnostics(true));
    key(&mut app, Named::F7); // the key shown on "Export support bundle"
    let notice = app.diagnostics.as_ref().unwrap().bundle.clone().expect("a word on the bundle");
    assert_eq!(notice.kind, NoticeKind::Done, "{}", notice.text);
    let files: Vec<_> =
        std::fs::read_dir(dir.path().join("support")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    assert!(notice.text.contains(&files[0].display().to_string()), "the path is shown: {}", notice.text);
    let _ = app.view();
}

#[test]
fn a_refund_whose_outcome_is_lost_says_checking_and_is_not_booked() {
    use tameio::terminal::{Protocol, TerminalConfig, ecr17};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sim = rt.block_on(ecr17::sim::spawn_in_process(ecr17::sim::SimConfig::default())).unwrap();
    let mut s = settings(tameio::domain::Lang::En);
    s.default_terminal = "counter".into();
    let reg = std::sync::Arc::new(tameio::register::Register::in_memory(s).unwrap());
    let boss = reg.authorize_manager("9999").unwrap();
    let config = TerminalConfig {
        name: "counter".into(),
        protocol: Protocol::Ecr17,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::json!({ "payment_timeout_ms": 1500, "query_timeout_ms": 800, "status_timeout_ms": 800, "ack_timeout_ms": 300 }),
    };
    reg.add_terminal(&boss, &config).unwrap();
    let mut app = app_on(reg);
    sign_in(&mut app, "Nikos", "9999");
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    assert!(matches!(app.screen, Screen::Receipt(_)), "paid on the configured terminal");
    key(&mut app, Named::Enter);
    key(&mut app, Named::F12);
    let number = open_newest(&mut app);

    sim.sim.pause();
    send(&mut app, receipts::Message::Refund(RefundMode::Void));
    send(&mut app, receipts::Message::Confirm(true));
    let p = pane(&app);
    let notice = p.notice.clone().unwrap();
    assert_eq!(notice.kind, NoticeKind::Warning, "{}", notice.text);
    assert!(notice.text.contains("Checking with the terminal"), "{}", notice.text);
    assert!(!p.results.iter().find(|s| s.number == number).unwrap().refunded);
    assert!(!p.refund.can(RefundMode::Void) && !p.refund.can(RefundMode::Cash), "pending: nothing twice");
    assert_eq!(app.register().open_attempts().unwrap().len(), 1, "left open for recovery");
    sim.sim.resume();
}
