//! A manager's day, update-driven: every action on the Receipts tab and the tabs themselves by
//! key, a counted copy before any print, hand-decided payments marked in the list and on the
//! receipt in every language, the refund pane saying each sentence once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::{Lang, ReceiptKind};
use tameio::register::RefundMode;
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::card;
use tameio::ui::screen::manager::{self, Tab, receipts};
use tameio::ui::widget::NoticeKind;

fn manager(app: &App) -> &manager::Manager {
    match &app.screen {
        Screen::Manager(m) => m,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn pane(app: &App) -> &receipts::Pane {
    &manager(app).receipts
}

fn sell_for_cash(app: &mut App) {
    scan(app, FETA);
    key(app, Named::F9);
    type_text(app, "5");
    key(app, Named::Enter);
    key(app, Named::Enter);
}

fn sell_by_card(app: &mut App) {
    scan(app, FETA);
    key(app, Named::F10);
    assert!(matches!(app.screen, Screen::Receipt(_)), "approved on the demo terminal");
    key(app, Named::Enter);
}

#[test]
fn page_keys_walk_the_manager_tabs() {
    let mut app = signed_in();
    open_manager(&mut app);
    assert_eq!(manager(&app).tab, Tab::Receipts);
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Batch);
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Deferred);
    key(&mut app, Named::PageUp);
    key(&mut app, Named::PageUp);
    assert_eq!(manager(&app).tab, Tab::Receipts);
    key(&mut app, Named::PageUp);
    assert_eq!(manager(&app).tab, Tab::Settings, "PgUp from the first tab goes round to the last");
}

#[test]
fn print_and_pdf_by_key_always_make_a_counted_copy() {
    let mut app = signed_in();
    sell_for_cash(&mut app);
    open_manager(&mut app);
    key(&mut app, Named::ArrowDown);
    assert_eq!(pane(&app).open.as_ref().map(|(r, c)| (r.number, *c)), Some((1, None)));
    // F7: a counted copy, saved as PDF.
    key(&mut app, Named::F7);
    let p = pane(&app);
    assert_eq!(p.open.as_ref().map(|(r, c)| (r.number, *c)), Some((1, Some(1))));
    let n = p.notice.as_ref().unwrap();
    assert_eq!(n.kind, NoticeKind::Done, "{}", n.text);
    assert!(n.text.contains(".pdf"), "{}", n.text);
    assert!(p.then.is_none());
    // F6: the next copy, to the printer (none set up here: said so, the copy still counted).
    key(&mut app, Named::F6);
    let p = pane(&app);
    assert_eq!(p.open.as_ref().map(|(_, c)| *c), Some(Some(2)));
    let n = p.notice.as_ref().unwrap();
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(n.text.contains("No receipt printer"), "{}", n.text);
}

#[test]
fn receipt_screen_prints_and_saves_by_key() {
    let mut app = signed_in();
    sell_for_cash_keep_receipt(&mut app);
    key(&mut app, Named::F7);
    let Screen::Receipt(r) = &app.screen else { panic!("still on the receipt") };
    assert_eq!(r.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done));
    key(&mut app, Named::F6);
    let Screen::Receipt(r) = &app.screen else { panic!("still on the receipt") };
    assert_eq!(r.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error), "no printer here");
}

fn sell_for_cash_keep_receipt(app: &mut App) {
    scan(app, FETA);
    key(app, Named::F9);
    type_text(app, "5");
    key(app, Named::Enter);
    assert!(matches!(app.screen, Screen::Receipt(_)));
}

#[test]
fn a_cash_sale_is_refunded_in_cash_by_key_with_one_button() {
    let mut app = signed_in();
    sell_for_cash(&mut app);
    open_manager(&mut app);
    key(&mut app, Named::ArrowDown);
    let refund = &pane(&app).refund;
    assert!(refund.cash_only(), "no card on it: only 'Refund in cash'");
    assert_eq!(refund.why_not(&app.ctx), None);
    // F10 (refund to card) does nothing on a cash sale's pane... it asks nothing.
    key(&mut app, Named::F5);
    assert_eq!(pane(&app).refund.confirm, None, "nothing to void");
    key(&mut app, Named::F9);
    assert_eq!(pane(&app).refund.confirm, Some(RefundMode::Cash));
    key(&mut app, Named::Escape);
    assert_eq!(pane(&app).refund.confirm, None, "Esc says no");
    assert!(pane(&app).open.is_some(), "and keeps the receipt open");
    key(&mut app, Named::F9);
    key(&mut app, Named::Enter);
    let p = pane(&app);
    assert_eq!(p.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done), "{:?}", p.notice);
    assert_eq!(p.results[0].kind, ReceiptKind::Refund);
}

#[test]
fn the_refund_pane_gives_its_advice_once() {
    let _card = card_lock();
    let mut app = signed_in();
    sell_by_card(&mut app);
    sell_by_card(&mut app);
    open_manager(&mut app);
    // The first card sale: ECR17 has no refund message and it is not the terminal's last.
    settle(&mut app, Message::Manager(manager::Message::Receipts(receipts::Message::Open(1))));
    let why = pane(&app).refund.why_not(&app.ctx).unwrap();
    assert!(why.contains("cannot refund") && why.contains("only void its last"), "{why}");
    assert_eq!(why.matches("on the terminal itself").count(), 1, "{why}");
    assert!(!pane(&app).refund.cash_only());
}

#[test]
fn a_payment_resolved_by_hand_is_marked_in_the_list_and_on_paper() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 970); // the demo terminal loses this result
    key(&mut app, Named::F10);
    key(&mut app, Named::F12);
    scan(&mut app, "9999");
    settle(&mut app, Message::Card(card::Message::Force(true)));
    let Screen::Receipt(r) = &app.screen else { panic!("the receipt") };
    let receipt = r.receipt.clone();
    key(&mut app, Named::Enter);
    sell_for_cash(&mut app);
    open_manager(&mut app);
    let rows = &pane(&app).results;
    assert_eq!(rows.len(), 2);
    assert!(!rows[0].by_hand, "the cash sale is not");
    assert!(rows[1].by_hand, "the hand-decided card sale is marked");
    for (lang, words) in
        [(Lang::En, "decided by hand by Nikos"), (Lang::El, "χειροκίνητα"), (Lang::It, "a mano da Nikos")]
    {
        let text = tameio::print::receipt_text(
            &receipt,
            &app.ctx.settings,
            lang,
            tameio::print::Paper::Roll80,
            None,
        );
        assert!(text.contains(words), "{lang:?}: {text}");
    }
}

#[test]
fn diagnostics_name_the_order_in_local_time_and_in_greek() {
    use tameio::ui::status;
    let _card = card_lock();
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Nikos", "9999");
    cart_totalling(&mut app, 970); // the demo terminal loses this result: left unknown
    key(&mut app, Named::F10);
    settle(&mut app, Message::Diagnostics(true));
    let reg = app.register().clone();
    let d = app.diagnostics.as_mut().expect("diagnostics open");
    d.refresh_wire(&reg, true);
    let a = d.attempts.first().expect("the open attempt is listed").clone();
    let (line, evidence) = d.attempt_lines(&a, &app.ctx);
    let order = a.order_id.expect("a till payment has its order");
    assert!(line.contains(&format!("παραγγελία {order}")), "{line}");
    assert!(line.contains("πληρωμή") && line.contains("9,70"), "{line}");
    // Local time, day first, minutes: never the stored UTC stamp.
    assert!(!line.contains('T') && !line.contains('Z') && !line.contains("+00:00"), "{line}");
    let when = line.split(" · ").next().unwrap();
    assert!(chrono::NaiveDateTime::parse_from_str(when, "%d/%m/%Y %H:%M").is_ok(), "{when}");
    assert!(evidence.starts_with("Στοιχεία από το τερματικό"), "{evidence}");
    // The same finding written again at each start is shown once.
    assert_eq!(status::evidence("no result (G); lost link; no result (G)"), "no result (G); lost link");
    let ready = tameio::terminal::TerminalStatus {
        operational: true,
        status_text: "operational".into(),
        ..Default::default()
    };
    assert_eq!(status::status_words(&ready, &app.ctx), "έτοιμο για πληρωμές");
}

#[test]
fn a_returned_item_is_picked_and_refunded_by_key() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    type_text(&mut app, "2*");
    scan(&mut app, YOGHURT);
    key(&mut app, Named::F9);
    type_text(&mut app, "20");
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    open_manager(&mut app);
    key(&mut app, Named::ArrowDown);
    let sale = pane(&app).open.as_ref().unwrap().0.clone();
    // F4 picks items; ↓ to the yoghurt line; one of them; F9 in cash; the question; Enter.
    key(&mut app, Named::F4);
    assert!(pane(&app).refund.picking.is_some(), "picking");
    let yoghurt = sale.lines.iter().position(|l| l.quantity.milli() == 2000);
    let yoghurt = yoghurt.expect("the yoghurt line");
    for _ in 0..yoghurt {
        key(&mut app, Named::ArrowDown);
    }
    assert_eq!(pane(&app).open.as_ref().unwrap().0.number, sale.number, "↓ moves in the lines, not the list");
    type_text(&mut app, "3");
    key(&mut app, Named::F9);
    let n = pane(&app).notice.as_ref().expect("three is more than was sold");
    assert_eq!(n.kind, NoticeKind::Error, "{}", n.text);
    assert!(pane(&app).refund.confirm.is_none());
    key(&mut app, Named::Backspace);
    type_text(&mut app, "1");
    key(&mut app, Named::F9);
    assert_eq!(pane(&app).refund.confirm, Some(RefundMode::Cash));
    key(&mut app, Named::Enter);
    let p = pane(&app);
    assert_eq!(p.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done), "{:?}", p.notice);
    let refund = &p.results[0];
    assert_eq!((refund.kind, refund.total.cents()), (ReceiptKind::Refund, -450));
    let original = p.results.iter().find(|s| s.number == sale.number).unwrap();
    assert!(original.part_refunded && !original.refunded, "{original:?}");
    assert!(p.refund.picking.is_none(), "back to the receipt");
    let left = &p.refund.plan.as_ref().unwrap().lines[yoghurt];
    assert_eq!(left.balance.quantity_left(), 1000, "one yoghurt left to give back");
}

#[test]
fn the_batch_closes_and_its_z_prints_again_by_key() {
    let _card = card_lock();
    let mut app = signed_in();
    sell_for_cash(&mut app);
    open_manager(&mut app);
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Batch);
    key(&mut app, Named::Enter);
    assert!(manager(&app).batch.confirming.is_some(), "Enter asks once");
    key(&mut app, Named::Escape);
    assert!(manager(&app).batch.confirming.is_none(), "Esc takes the question back");
    assert!(matches!(app.screen, Screen::Manager(_)), "and stays in the menu");
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    let b = &manager(&app).batch;
    assert_eq!(b.closures.len(), 1, "{:?}", b.notice);
    key(&mut app, Named::F6);
    let n = manager(&app).batch.notice.as_ref().expect("the Z issued again");
    assert!(n.text.contains(".pdf") || n.text.contains("z-1"), "{}", n.text);
    // The deferred tab: F2 asks the terminal again (nothing waits there).
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Deferred);
    assert!(manager(&app).deferred.key(tameio::ui::keys::Action::Search).is_some());
}

#[test]
fn the_deferred_tab_says_when_the_terminal_cannot_take_preloads() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    assert!(matches!(app.screen, Screen::Manager(_)), "a manager needs no PIN");
    key(&mut app, Named::PageDown);
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Deferred);
    assert_eq!(manager(&app).deferred.no_preload.as_deref(), Some("demo"), "the demo terminal speaks ECR17");
}

#[test]
fn f4_and_f5_on_an_empty_deferred_list_ask_nothing_and_say_why() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    key(&mut app, Named::PageDown);
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Deferred);
    for named in [Named::F5, Named::F4] {
        key(&mut app, named);
        let pane = &manager(&app).deferred;
        assert!(pane.confirming.is_none(), "nothing chosen: nothing to confirm");
        let n = pane.notice.as_ref().expect("the key says why");
        assert_eq!(n.text, "Επιλέξτε πρώτα μια προφορτωμένη απόδειξη σε αναμονή (↑ ↓).");
        // Enter after it closes nothing.
        key(&mut app, Named::Enter);
        assert!(manager(&app).deferred.confirming.is_none());
    }
}

/// Issue 23, items 1, 8 and 23 on the batch tab: the demo terminal's card payments in a
/// section of their own (marked), the sales per hour drawn, the opening float typed at the
/// close and kept with the Z.
#[test]
fn the_batch_tab_shows_each_terminal_and_takes_the_opening_float() {
    use tameio::ui::screen::manager::batch;
    let _card = card_lock();
    let mut app = signed_in();
    sell_for_cash(&mut app);
    sell_by_card(&mut app);
    open_manager(&mut app);
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Batch);
    let t = manager(&app).batch.totals.clone().expect("the X report");
    let demo = &t.terminals["demo"];
    assert_eq!((demo.count, demo.demo, demo.charged), (1, true, t.card_charged()));
    assert!(!t.hourly_bars().is_empty(), "the day's sales per hour");
    let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
    for want in ["Sales per hour", "demo terminal — no real money", "demo: 1 card payment"] {
        assert!(ui.find(want).is_ok(), "{want} on the batch tab");
    }
    drop(ui);

    let msg = |m| Message::Manager(manager::Message::Batch(m));
    settle(&mut app, msg(batch::Message::Float("-5".into())));
    key(&mut app, Named::Enter);
    let b = &manager(&app).batch;
    assert!(b.confirming.is_none(), "a float below zero is refused");
    assert_eq!(b.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    settle(&mut app, msg(batch::Message::Float("20".into())));
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    let b = &manager(&app).batch;
    assert_eq!(b.closures.len(), 1, "{:?}", b.notice);
    let z = &b.closures[0].register;
    assert_eq!(z.opening_float.cents(), 2000);
    assert_eq!(z.expected_cash(), z.opening_float + z.tendered("cash"));
    assert!(b.float.is_empty(), "the next day's float is typed anew");
}

/// Issue 23, item 7: AADE 1155 has no batch close; the tab says so without a red failure and
/// its main action closes the register's side, first time.
#[test]
fn an_aade_terminal_closes_the_registers_side_without_failing_first() {
    let mut app = app_with_terminal(Lang::El, aade_v10("aade"));
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    key(&mut app, Named::PageDown);
    assert_eq!(manager(&app).tab, Tab::Batch);
    let b = &manager(&app).batch;
    assert!(b.closes_on_terminal && b.terminal_totals.is_none(), "nothing asked of the terminal");
    let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
    assert!(ui.find("Κλείσιμο ημέρας ταμείου (Ζ)").is_ok(), "the main action");
    drop(ui);
    key(&mut app, Named::Enter);
    let b = &manager(&app).batch;
    let asked = b.notice.as_ref().expect("the question");
    assert!(asked.text.contains("στο ίδιο το τερματικό"), "{}", asked.text);
    key(&mut app, Named::Enter);
    let b = &manager(&app).batch;
    assert!(!b.terminal_down, "no failure first");
    assert_eq!(b.closures.len(), 1, "{:?}", b.notice);
    assert_eq!(b.closures[0].terminal, "aade");
}
