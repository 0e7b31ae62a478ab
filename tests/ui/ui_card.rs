//! Card payments through the GUI, update-driven, against the register's in-process demo
//! terminal (scenarios picked by the cents of the amount). Terminal work runs to its end.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::{DeferredState, Lang, TenderKind};
use tameio::terminal::{AttemptState, Progress};
use tameio::ui::app::{Message, Screen};
use tameio::ui::screen::card::{self, Phase};
use tameio::ui::screen::manager::{self, batch};
use tameio::ui::screen::{deferred, receipt};
use tameio::ui::status::TerminalState;
use tameio::ui::widget::NoticeKind;

fn card_screen(app: &tameio::ui::app::App) -> &card::CardPay {
    match &app.screen {
        Screen::Card(c) => c,
        other => panic!("not on the payment screen: {other:?}"),
    }
}

fn receipt_screen(app: &tameio::ui::app::App) -> &tameio::domain::Receipt {
    match &app.screen {
        Screen::Receipt(r) => &r.receipt,
        other => panic!("no receipt: {other:?}"),
    }
}

#[test]
fn the_terminal_indicator_waits_for_an_answer_then_says_ready() {
    let _card = card_lock(); // another test's payment would make it (truly) busy
    let reg = std::sync::Arc::new(tameio::register::Register::in_memory(settings(Lang::En)).unwrap());
    let (app, _) = tameio::ui::app::App::new(reg);
    assert_eq!(app.terminal.state, TerminalState::Checking, "never ready without an answer");
    assert!(matches!(app.screen, Screen::Booting), "no sale before recovery");
    let app = signed_in();
    assert_eq!(app.terminal.state, TerminalState::Ready);
    assert!(app.terminal.demo, "the demo terminal shows its banner");
}

#[test]
fn card_approved_shows_the_receipt() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    let r = receipt_screen(&app).clone();
    assert_eq!(r.total.cents(), 420);
    assert_eq!(r.tenders.len(), 1);
    assert_eq!(r.tenders[0].kind, TenderKind::Card);
    assert!(app.checkout.cart.is_empty(), "a new sale starts");
    assert!(app.last_events.contains(&Progress::EnterPin), "progress was shown: {:?}", app.last_events);
    key(&mut app, Named::Enter);
    assert!(matches!(app.screen, Screen::Checkout));
}

#[test]
fn declined_says_why_and_may_be_tried_again_or_paid_in_cash() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 961);
    key(&mut app, Named::F10);
    let c = card_screen(&app);
    let Phase::Declined(reason) = &c.phase else { panic!("declined: {:?}", c.phase) };
    assert!(reason.contains("01"), "{reason}");
    assert!(c.may_try_again());
    key(&mut app, Named::Enter);
    let c = card_screen(&app);
    assert!(matches!(c.phase, Phase::Declined(_)), "tried again, declined again");
    assert_eq!(app.register().open_attempts().unwrap().len(), 0);
    // Another tender: cash on the same order.
    key(&mut app, Named::F9);
    let Screen::Cash(cash) = &app.screen else { panic!("cash screen") };
    assert!(cash.order_id.is_some());
    assert_eq!(cash.due.cents(), 961);
    type_text(&mut app, "10");
    key(&mut app, Named::Enter);
    let r = receipt_screen(&app);
    assert_eq!(r.tenders.len(), 1);
    assert_eq!(r.tenders[0].kind, TenderKind::Cash);
    assert_eq!(r.change().cents(), 39);
}

#[test]
fn declined_then_back_keeps_the_sale() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 961);
    key(&mut app, Named::F10);
    key(&mut app, Named::Escape);
    assert!(matches!(app.screen, Screen::Checkout));
    assert_eq!(total_cents(&app), 961, "the cart is as it was");
}

#[test]
fn a_lost_result_is_recovered_from_the_terminal() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 964);
    key(&mut app, Named::F10);
    let r = receipt_screen(&app);
    assert_eq!(r.tenders[0].kind, TenderKind::Card);
    assert!(app.last_events.contains(&Progress::Recovering), "{:?}", app.last_events);
}

#[test]
fn busy_terminal_fails_with_nothing_charged_and_may_be_tried_again() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 969);
    key(&mut app, Named::F10);
    let c = card_screen(&app);
    assert!(matches!(c.phase, Phase::Failed(_)), "{:?}", c.phase);
    assert!(c.may_try_again());
    // One story: the request did reach the terminal, which refused it as busy; the status
    // says so (never "not sent"), and the step list ends with the same words.
    let (status, _) = c.status_text(&app.ctx);
    assert!(status.contains("busy") && status.contains("nothing was charged"), "{status}");
    assert!(!status.contains("Not sent"), "{status}");
    let steps = c.steps(&app.ctx);
    assert!(steps.iter().any(|s| s.contains("Sent to the terminal")), "{steps:?}");
    assert_eq!(steps.last(), Some(&status), "{steps:?}");
}

#[test]
fn busy_terminal_in_greek_says_busy_not_unsent() {
    let _card = card_lock();
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    cart_totalling(&mut app, 969);
    key(&mut app, Named::F10);
    let c = card_screen(&app);
    let (status, _) = c.status_text(&app.ctx);
    assert!(status.contains("απασχολημένο"), "{status}");
    assert!(!status.contains("Δεν στάλθηκε"), "{status}");
    assert_eq!(c.steps(&app.ctx).last(), Some(&status));
}

#[test]
fn unknown_outcome_offers_only_wait_and_a_managers_decision() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Unknown);
    assert!(!c.may_try_again(), "never try again while unknown");
    assert!(c.attempt.as_ref().unwrap().note.contains("G"), "the evidence is kept");
    assert!(!c.details, "the protocol's words stay behind Details");
    assert_eq!(app.terminal.state, TerminalState::OutcomeOpen, "the status bar is amber");
    // F10 and Esc do nothing: the outcome must be decided first.
    for k in [Named::F10, Named::Escape] {
        key(&mut app, k);
        assert_eq!(card_screen(&app).phase, Phase::Unknown);
    }
    // F2 shows the evidence; Enter asks the terminal again; it still has no result.
    key(&mut app, Named::F2);
    assert!(card_screen(&app).details);
    key(&mut app, Named::Enter);
    assert_eq!(card_screen(&app).phase, Phase::Unknown);
    assert_eq!(app.terminal.state, TerminalState::OutcomeOpen);
    // F12: a cashier resolving needs a manager's PIN; a wrong one does nothing.
    key(&mut app, Named::F12);
    scan(&mut app, "1111");
    assert!(card_screen(&app).resolve.as_ref().unwrap().manager.is_none());
    scan(&mut app, "9999");
    assert_eq!(card_screen(&app).resolve.as_ref().unwrap().manager.as_ref().unwrap().name, "Nikos");
    settle(&mut app, Message::Card(card::Message::Force(true)));
    let r = receipt_screen(&app);
    assert_eq!(r.total.cents(), 970);
    assert_eq!(r.tenders[0].kind, TenderKind::Card);
    // The cashier who rang it up stays on the receipt; it names the manager who decided.
    assert_eq!(r.cashier, "Maria");
    assert_eq!(r.tenders[0].card.as_ref().unwrap().resolved_by, "Nikos");
    let text =
        tameio::print::receipt_text(r, &app.ctx.settings, Lang::En, tameio::print::Paper::Roll80, None);
    assert!(text.contains("Outcome decided by hand by Nikos"), "{text}");
    assert!(app.register().open_attempts().unwrap().is_empty());
}

#[test]
fn unknown_resolved_as_not_charged_allows_another_tender() {
    let _card = card_lock();
    let mut app = app();
    sign_in(&mut app, "Nikos", "9999");
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    settle(&mut app, Message::Card(card::Message::Resolve));
    assert!(card_screen(&app).resolve.as_ref().unwrap().manager.is_some(), "a manager needs no PIN");
    settle(&mut app, Message::Card(card::Message::Force(false)));
    let c = card_screen(&app);
    // A manager's decision, not the bank's: never shown as "Declined".
    assert_eq!(c.phase, Phase::NotCharged("Nikos".into()));
    assert!(!c.status_text(&app.ctx).0.contains("Declined"), "{}", c.status_text(&app.ctx).0);
    assert_eq!(c.attempt.as_ref().unwrap().state, AttemptState::Declined);
    assert!(c.may_try_again());
}

#[test]
fn split_cash_then_card_gives_one_receipt_with_two_tenders() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F11);
    assert!(matches!(app.screen, Screen::Split(_)));
    type_text(&mut app, "5");
    key(&mut app, Named::F9);
    // Then what the customer gave for the cash part, and the change (issue 23 item 20).
    let Screen::Split(s) = &app.screen else { panic!("not asked what was given: {:?}", app.screen) };
    assert_eq!(s.cash_part.map(|m| m.cents()), Some(500));
    type_text(&mut app, "3");
    key(&mut app, Named::Enter);
    let Screen::Split(s) = &app.screen else { panic!("less than the part was taken") };
    assert_eq!(s.notice.as_ref().unwrap().kind, NoticeKind::Error);
    key(&mut app, Named::Backspace);
    type_text(&mut app, "20");
    let Screen::Split(s) = &app.screen else { panic!() };
    assert_eq!(s.change(&app.ctx).map(|m| m.cents()), Some(1500));
    key(&mut app, Named::F9);
    let r = receipt_screen(&app);
    assert_eq!(r.total.cents(), 1410);
    let kinds: Vec<_> = r.tenders.iter().map(|t| (t.kind, t.amount.cents())).collect();
    assert_eq!(kinds, vec![(TenderKind::Cash, 500), (TenderKind::Card, 910)]);
    assert_eq!((r.tenders[0].given.cents(), r.tenders[0].change.cents()), (2000, 1500));
    assert_eq!(r.change().cents(), 1500);
}

#[test]
fn split_card_then_cash_gives_one_receipt_with_two_tenders() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F11);
    type_text(&mut app, "4");
    key(&mut app, Named::F10);
    let Screen::Cash(cash) = &app.screen else { panic!("the rest in cash: {:?}", app.screen) };
    assert_eq!(cash.due.cents(), 1010);
    type_text(&mut app, "20");
    key(&mut app, Named::Enter);
    let r = receipt_screen(&app);
    let kinds: Vec<_> = r.tenders.iter().map(|t| (t.kind, t.amount.cents())).collect();
    assert_eq!(kinds, vec![(TenderKind::Card, 400), (TenderKind::Cash, 1010)]);
    assert_eq!(r.change().cents(), 990);
}

#[test]
fn defer_on_the_demo_terminal_says_not_supported_and_loses_nothing() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F8);
    assert!(matches!(app.screen, Screen::Checkout));
    let n = app.checkout.notice.as_ref().unwrap();
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(n.text.contains("cannot take preloaded receipts"), "{}", n.text);
    assert_eq!(total_cents(&app), 420, "the cart is kept");
    // Nothing was sent, so nothing waits in the deferred list; the sale can still be paid.
    settle(&mut app, Message::Checkout(tameio::ui::screen::checkout::Message::OpenDeferred));
    let Screen::Deferred(pane) = &app.screen else { panic!() };
    assert!(pane.rows.iter().all(|d| d.state != DeferredState::Waiting), "{:?}", pane.rows);
    key(&mut app, Named::Escape);
    key(&mut app, Named::F10);
    assert_eq!(receipt_screen(&app).total.cents(), 420);
}

#[test]
fn deferred_list_actions_need_a_manager() {
    let mut app = signed_in();
    settle(&mut app, Message::Checkout(tameio::ui::screen::checkout::Message::OpenDeferred));
    settle(&mut app, Message::Deferred(deferred::Message::Ask(DeferredState::Expired)));
    let Screen::Deferred(pane) = &app.screen else { panic!() };
    assert!(pane.confirming.is_none());
    assert_eq!(pane.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
}

#[test]
fn receipt_pdf_is_saved_and_a_missing_printer_is_explained() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    settle(&mut app, Message::Receipt(receipt::Message::SavePdf));
    let Screen::Receipt(r) = &app.screen else { panic!() };
    let n = r.notice.as_ref().unwrap();
    assert_eq!(n.kind, NoticeKind::Done, "{}", n.text);
    let path = n.text.split_once("Saved as ").unwrap().1.trim();
    assert!(path.ends_with("receipt-1.pdf"), "{path}");
    assert!(std::fs::metadata(path).unwrap().len() > 1000);
    settle(&mut app, Message::Receipt(receipt::Message::Print));
    let Screen::Receipt(r) = &app.screen else { panic!() };
    let n = r.notice.as_ref().unwrap();
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(n.text.contains("No receipt printer"), "{}", n.text);
}

#[test]
fn esc_before_anything_is_sent_gives_the_order_up() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    // F10 without running anything: the order is not committed yet.
    let step = app.handle(press(iced::keyboard::Key::Named(Named::F10), None));
    assert_eq!(card_screen(&app).phase, Phase::Opening);
    let _ = app.handle(press(iced::keyboard::Key::Named(Named::Escape), None));
    assert!(matches!(app.screen, Screen::Checkout), "back at once");
    // The order the job commits is voided when its answer comes.
    for job in step.jobs {
        let answer = tameio::ui::app::jobs::run(app.register(), &app.ctx.i18n, job);
        settle(&mut app, answer);
    }
    assert_eq!(total_cents(&app), 420);
}

#[test]
fn closing_the_window_during_a_payment_asks_first() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    // The order is committed but the payment work is not run: it is in flight.
    app.settle(press(iced::keyboard::Key::Named(Named::F10), None));
    assert_eq!(card_screen(&app).phase, Phase::Paying);
    assert!(app.paying());
    app.settle(Message::CloseRequested);
    assert!(app.closing, "asks before closing");
    key(&mut app, Named::Escape);
    assert_eq!(card_screen(&app).phase, Phase::Paying, "Esc does not cancel a sent payment");
    app.settle(Message::CloseConfirmed(false));
    assert!(!app.closing);
    app.settle(Message::Tick("12:00".into()));
    assert_eq!(card_screen(&app).seconds, 1, "the timer runs");
}

#[test]
fn diagnostics_show_the_terminal_and_open_attempts() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    settle(&mut app, Message::Diagnostics(true));
    let d = app.diagnostics.as_ref().unwrap();
    assert_eq!(d.attempts.len(), 1);
    assert_eq!(d.attempts[0].state, AttemptState::Unknown);
    let config = d.config.clone().expect("asked").expect("the demo terminal's settings");
    assert_eq!(config.protocol, tameio::terminal::Protocol::Ecr17);
    assert!(!config.addr.is_empty(), "its address is shown");
    assert_eq!(tameio::ui::status::attempt_state_text(AttemptState::Unknown, &app.ctx), "outcome unknown");
    key(&mut app, Named::Escape);
    assert!(app.diagnostics.is_none());
    assert_eq!(card_screen(&app).phase, Phase::Unknown, "the payment screen is still there");
}

#[test]
fn an_unknown_payment_left_at_start_up_is_shown_and_a_manager_resolves_it() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    assert_eq!(card_screen(&app).phase, Phase::Unknown);
    // The register is started again (the window was closed during the payment).
    let mut app = app_on(app.register().clone());
    assert_eq!(app.unknown.len(), 1, "start-up recovery could not decide it");
    sign_in(&mut app, "Nikos", "9999");
    assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Warning));
    settle(&mut app, Message::Diagnostics(true));
    let attempt = app.diagnostics.as_ref().unwrap().attempts[0].clone();
    settle(&mut app, Message::DiagnosticsForce(Box::new(attempt), false));
    assert!(app.unknown.is_empty());
    assert!(app.diagnostics.as_ref().unwrap().attempts.is_empty());
    assert!(app.register().open_attempts().unwrap().is_empty());

    // "Not charged": the sale is not lost with the screen that followed it. It goes back to
    // Maria, who rang it up, and her next sign-in brings the cart back.
    let notice = app.checkout.notice.as_ref().expect("the manager is told where the sale went");
    assert!(notice.text.contains("Maria"), "{}", notice.text);
    assert!(app.checkout.cart.is_empty(), "not into the manager's own cart");
    settle(&mut app, Message::Diagnostics(false));
    settle(&mut app, Message::Lock);
    sign_in(&mut app, "Maria", "1111");
    assert_eq!(total_cents(&app), 970, "the sale is back in her cart");
}

/// Decided on the till of the cashier who rang it up, with an empty sale: straight back into
/// the cart.
#[test]
fn not_charged_decided_by_the_cashiers_own_manager_session_returns_to_the_cart() {
    let _card = card_lock();
    let mut app = app();
    sign_in(&mut app, "Nikos", "9999");
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    let mut app = app_on(app.register().clone());
    sign_in(&mut app, "Nikos", "9999");
    settle(&mut app, Message::Diagnostics(true));
    let attempt = app.diagnostics.as_ref().unwrap().attempts[0].clone();
    settle(&mut app, Message::DiagnosticsForce(Box::new(attempt), false));
    assert_eq!(total_cents(&app), 970, "the sale is back in the cart at once");
}

fn manager_screen(app: &tameio::ui::app::App) -> &tameio::ui::screen::manager::Manager {
    match &app.screen {
        Screen::Manager(m) => m,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn open_batch_close(app: &mut tameio::ui::app::App) {
    key(app, Named::F12);
    scan(app, "9999");
    settle(app, Message::Manager(manager::Message::Tab(manager::Tab::Batch)));
}

#[test]
fn batch_close_shows_the_terminals_totals_and_closes_its_batch_with_the_registers() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    key(&mut app, Named::Enter);
    open_batch_close(&mut app);
    let pane = &manager_screen(&app).batch;
    let term = pane.terminal_totals.clone().expect("asked").expect("the demo terminal answers");
    let register_card = batch::register_card(pane.totals.as_ref().unwrap());
    assert_eq!(register_card.cents(), 420);
    assert_eq!(term.terminal_total, register_card, "terminal and register agree");
    let msg = |m| Message::Manager(manager::Message::Batch(m));
    settle(&mut app, msg(batch::Message::AskClose));
    assert_eq!(manager_screen(&app).batch.confirming, Some(batch::Closing::WithTerminal));
    settle(&mut app, msg(batch::Message::Confirm));
    let pane = &manager_screen(&app).batch;
    assert_eq!(pane.closures.len(), 1, "{:?}", pane.notice);
    let closure = &pane.closures[0];
    assert_eq!(closure.terminal, "demo");
    let stored: tameio::terminal::BatchTotals =
        serde_json::from_value(closure.terminal_totals.clone().expect("the terminal's totals are kept"))
            .unwrap();
    assert_eq!(stored.terminal_total.cents(), 420);
    let notice = pane.notice.as_ref().expect("the Z's fate is shown");
    assert_eq!(notice.kind, NoticeKind::Done);
    assert!(notice.text.contains("z-1.pdf"), "the Z is saved as a PDF: {}", notice.text);
}

#[test]
fn a_terminal_that_fails_to_close_offers_the_registers_side_only_after_asking() {
    let _card = card_lock();
    let mut app = signed_in();
    open_batch_close(&mut app);
    let msg = |m| Message::Manager(manager::Message::Batch(m));
    let failure = tameio::ui::request::Failure { text: "cannot reach the terminal".into(), wrong_pins: None };
    settle(&mut app, msg(batch::Message::AskRegisterOnly));
    assert_eq!(manager_screen(&app).batch.confirming, None, "only offered once the terminal failed");
    settle(&mut app, msg(batch::Message::TerminalFailed(failure)));
    let pane = &manager_screen(&app).batch;
    assert!(pane.terminal_down);
    assert!(pane.closures.is_empty(), "nothing closed");
    assert_eq!(pane.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    settle(&mut app, msg(batch::Message::AskRegisterOnly));
    assert!(manager_screen(&app).batch.closures.is_empty(), "it asks first");
    settle(&mut app, msg(batch::Message::Confirm));
    let pane = &manager_screen(&app).batch;
    assert_eq!(pane.closures.len(), 1);
    assert!(pane.closures[0].terminal_totals.is_none(), "the register's side only");
}

#[test]
fn a_managers_decision_finds_the_receipt_of_that_order_not_another_of_the_same_total() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F9);
    type_text(&mut app, "10");
    key(&mut app, Named::Enter);
    let cash_receipt = receipt_screen(&app).clone();
    key(&mut app, Named::Enter);
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    let order_id = card_screen(&app).attempt.as_ref().unwrap().order_id.unwrap();
    settle(&mut app, Message::Card(card::Message::Resolve));
    scan(&mut app, "9999");
    settle(&mut app, Message::Card(card::Message::Force(true)));
    let r = receipt_screen(&app);
    assert_eq!(r.order_id, order_id);
    assert_ne!(r.number, cash_receipt.number);
    assert_eq!(r.tenders[0].kind, TenderKind::Card);
}

#[test]
fn diagnostics_shows_the_frames_of_the_payment_with_the_card_number_masked() {
    let _card = card_lock();
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    key(&mut app, Named::Enter);
    settle(&mut app, Message::Diagnostics(true));
    let wire = &app.diagnostics.as_ref().expect("diagnostics open").wire;
    assert!(wire.iter().all(|e| e.protocol == "ecr17"), "the demo terminal's protocol only");
    let out = wire.iter().filter(|e| e.dir == tameio::terminal::wirelog::Direction::Out);
    // `<STX>`, the terminal id (8) and a 0, then the message code.
    let code = |e: &&tameio::terminal::wirelog::WireEntry| e.text.chars().nth(14);
    assert!(
        out.clone().any(|e| code(&e) == Some('P') && e.text.contains("0420")),
        "the payment went out: {wire:?}"
    );
    let result = wire
        .iter()
        .find(|e| e.dir == tameio::terminal::wirelog::Direction::In && code(e) == Some('E'))
        .expect("the terminal's result came in");
    assert!(
        result.text.contains("***************4242"),
        "the card number is cut to its last four: {}",
        result.text
    );
    assert!(
        wire.iter().all(|e| !e.text.contains("0000000000000004242")),
        "the simulator's full PAN is never shown"
    );
    assert!(
        wire.iter().any(|e| e.text.starts_with("<SOH>") && e.text.contains("PIN")),
        "progress frames too"
    );
}
