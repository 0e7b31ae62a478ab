//! The register's screens driven by messages, as the keyboard and the buttons send them,
//! asserting on state. Register calls run inline (`App::settle`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::config::Settings;
use tameio::domain::{Discount, Lang, Quantity};
use tameio::ui::app::{Message, Screen};
use tameio::ui::screen::checkout::{self, Mode};
use tameio::ui::screen::manager::{self, Tab, batch, receipts};
use tameio::ui::widget::NoticeKind;

#[test]
fn sign_in_with_the_right_pin_opens_the_checkout() {
    let app = signed_in();
    assert!(matches!(app.screen, Screen::Checkout));
    assert_eq!(app.ctx.operator.as_ref().map(|o| o.name.as_str()), Some("Maria"));
    assert!(!app.ctx.catalog.is_empty());
}

#[test]
fn wrong_pins_are_counted_and_slowed_down() {
    let mut app = app();
    for _ in 0..2 {
        sign_in(&mut app, "Maria", "0000");
    }
    let Screen::SignIn(s) = &app.screen else { panic!("still signing in") };
    assert_eq!(s.wait, 0);
    assert!(s.notice.as_ref().unwrap().text.contains("2 wrong"), "{:?}", s.notice);
    sign_in(&mut app, "Maria", "0000");
    let Screen::SignIn(s) = &app.screen else { panic!() };
    assert_eq!(s.wait, 5);
    assert!(s.notice.as_ref().unwrap().text.contains("Wait 5 seconds"));
    // While waiting, even the right PIN is not tried.
    sign_in(&mut app, "Maria", "1111");
    assert!(matches!(app.screen, Screen::SignIn(_)));
    for _ in 0..5 {
        app.settle(Message::Tick("12:00".into()));
    }
    sign_in(&mut app, "Maria", "1111");
    assert!(matches!(app.screen, Screen::Checkout));
    assert_eq!(signin_wait_after(4), 10);
}

fn signin_wait_after(failed: i64) -> u64 {
    tameio::ui::screen::signin::wait_after(failed)
}

#[test]
fn idle_register_locks_and_keeps_the_sale() {
    let mut app =
        app_with(Settings { idle_lock_seconds: 3, language: Some(Lang::En), ..Settings::default() });
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    for _ in 0..2 {
        app.settle(Message::Tick("12:00".into()));
    }
    assert!(matches!(app.screen, Screen::Checkout));
    app.settle(Message::Tick("12:00".into()));
    assert!(matches!(app.screen, Screen::SignIn(_)));
    assert!(app.ctx.operator.is_none());
    sign_in(&mut app, "Maria", "1111");
    assert_eq!(app.checkout.cart.lines.len(), 1);
}

#[test]
fn ring_up_by_barcode_from_the_scanner() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    let lines = &app.checkout.cart.lines;
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].name, "Feta PDO 400g");
    assert_eq!(app.checkout.selected, Some(1), "the new line is selected at the bottom");
    assert_eq!(total_cents(&app), 420 + 990);
    assert!(app.checkout.entry.is_empty());
}

#[test]
fn quantity_prefix_applies_to_the_next_scan_only() {
    let mut app = signed_in();
    type_text(&mut app, "3*");
    assert_eq!(app.checkout.pending_qty, Some(Quantity::pieces(3)));
    scan(&mut app, YOGHURT);
    scan(&mut app, YOGHURT);
    assert_eq!(app.checkout.cart.lines[0].quantity, Quantity::pieces(3));
    assert_eq!(app.checkout.cart.lines[1].quantity, Quantity::ONE);
    assert_eq!(total_cents(&app), 4 * 450);
}

#[test]
fn unknown_barcode_shows_the_error_and_changes_nothing() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    let before = app.checkout.cart.clone();
    scan(&mut app, "5200000009999");
    assert_eq!(app.checkout.cart, before);
    let notice = app.checkout.notice.as_ref().unwrap();
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(notice.text.contains("5200000009999"), "{}", notice.text);
}

#[test]
fn weighed_product_asks_for_the_weight() {
    let mut app = signed_in();
    scan(&mut app, TOMATOES_PLU);
    assert!(matches!(app.checkout.mode, Mode::Weigh(_)));
    assert!(app.checkout.cart.is_empty());
    type_text(&mut app, "0,5");
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.cart.lines[0].quantity, Quantity::from_milli(500));
    assert_eq!(total_cents(&app), 110); // 2,19 × 0,5 = 1,095 → 1,10
    assert_eq!(app.checkout.mode, Mode::Scan);
}

#[test]
fn an_open_price_item_asks_for_its_price_and_refuses_zero() {
    let mut app = signed_in();
    type_text(&mut app, "2*");
    scan(&mut app, "901"); // Various 24 %, no fixed price
    assert!(matches!(app.checkout.mode, Mode::Price { .. }));
    assert!(app.checkout.cart.is_empty(), "nothing is added before the price");
    type_text(&mut app, "0");
    key(&mut app, Named::Enter);
    assert!(app.checkout.cart.is_empty());
    assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    assert!(matches!(app.checkout.mode, Mode::Price { .. }), "still waiting for a price");
    type_text(&mut app, "2,50");
    key(&mut app, Named::Enter);
    let line = &app.checkout.cart.lines[0];
    assert_eq!((line.unit_price.cents(), line.quantity, line.vat.bp()), (250, Quantity::pieces(2), 2400));
    assert_eq!(total_cents(&app), 500);
    assert_eq!(app.checkout.mode, Mode::Scan);
}

#[test]
fn an_open_price_item_cannot_be_sold_without_a_price() {
    let reg = tameio::register::Register::in_memory(settings(Lang::En)).unwrap();
    let mut cart = tameio::domain::Cart::default();
    let e = reg.ring_up(&mut cart, "901", Quantity::ONE).unwrap_err();
    assert_eq!(
        e.message(&tameio::i18n::I18n::new(Lang::En)),
        "This item has no fixed price: type its price."
    );
    assert!(cart.is_empty());
}

#[test]
fn line_discount_in_percent_and_order_discount_as_amount() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F4);
    assert!(matches!(app.checkout.mode, Mode::Discount { target: checkout::Target::Line(1), .. }));
    type_text(&mut app, "10");
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.cart.lines[1].discount, Some(Discount::Percent(1000)));
    assert_eq!(total_cents(&app), 420 + 891);
    key(&mut app, Named::F4);
    app.settle(Message::Checkout(checkout::Message::DiscountTarget(checkout::Target::Order)));
    app.settle(Message::Checkout(checkout::Message::DiscountKind(checkout::DiscountKind::Amount)));
    type_text(&mut app, "1");
    key(&mut app, Named::Enter);
    assert_eq!(total_cents(&app), 420 + 891 - 100);
}

#[test]
fn too_large_discount_is_refused() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F4);
    type_text(&mut app, "150");
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.cart.lines[0].discount, None);
    assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
}

#[test]
fn void_the_selected_line() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, YOGHURT);
    key(&mut app, Named::ArrowUp);
    assert_eq!(app.checkout.selected, Some(0));
    key(&mut app, Named::F5);
    assert_eq!(app.checkout.cart.lines.len(), 1);
    assert_eq!(app.checkout.cart.lines[0].name, "Greek yoghurt 1kg");
    assert_eq!(total_cents(&app), 450);
}

#[test]
fn void_needs_a_manager_pin_when_configured() {
    let mut app =
        app_with(Settings { void_needs_manager: true, language: Some(Lang::En), ..Settings::default() });
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    key(&mut app, Named::F5);
    assert!(matches!(app.checkout.mode, Mode::ManagerPin(_)));
    assert_eq!(app.checkout.cart.lines.len(), 1);
    scan(&mut app, "1234");
    assert_eq!(app.checkout.cart.lines.len(), 1, "a wrong PIN voids nothing");
    assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    scan(&mut app, "9999");
    assert!(app.checkout.cart.is_empty());
    assert_eq!(app.checkout.mode, Mode::Scan);
}

#[test]
fn cash_with_change_issues_the_receipt() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F9);
    let Screen::Cash(cash) = &app.screen else { panic!("cash screen") };
    assert_eq!(cash.due.cents(), 1410);
    type_text(&mut app, "20");
    key(&mut app, Named::Enter);
    let Screen::Receipt(r) = &app.screen else { panic!("receipt screen") };
    assert_eq!(r.receipt.number, 1);
    assert_eq!(r.receipt.total.cents(), 1410);
    assert_eq!(r.receipt.change().cents(), 590);
    assert!(app.checkout.cart.is_empty(), "a new sale starts empty");
    key(&mut app, Named::Enter);
    assert!(matches!(app.screen, Screen::Checkout));
}

#[test]
fn not_enough_cash_is_refused_and_esc_goes_back() {
    let mut app = signed_in();
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F9);
    type_text(&mut app, "5");
    key(&mut app, Named::Enter);
    let Screen::Cash(cash) = &app.screen else { panic!() };
    assert!(cash.notice.as_ref().unwrap().text.contains("less than"));
    key(&mut app, Named::Escape);
    assert!(matches!(app.screen, Screen::Checkout));
    assert_eq!(app.checkout.cart.lines.len(), 1);
}

#[test]
fn payment_keys_need_a_cart() {
    let mut app = signed_in();
    for k in [Named::F9, Named::F10, Named::F11, Named::F8] {
        key(&mut app, k);
        assert!(matches!(app.screen, Screen::Checkout));
        assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    }
}

fn sell_for_cash(app: &mut tameio::ui::app::App, code: &str, given: &str) {
    scan(app, code);
    key(app, Named::F9);
    type_text(app, given);
    key(app, Named::Enter);
    key(app, Named::Enter);
}

#[test]
fn reprint_counts_a_copy_only_once_it_is_printed_or_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in_folder(dir.path(), Lang::En);
    sign_in(&mut app, "Maria", "1111");
    sell_for_cash(&mut app, FETA, "5");
    open_manager(&mut app);
    let Screen::Manager(m) = &app.screen else { panic!() };
    assert_eq!(m.receipts.results.len(), 1);
    let msg = |m| Message::Manager(manager::Message::Receipts(m));
    let reprints =
        |app: &tameio::ui::app::App| app.register().receipts(&Default::default()).unwrap()[0].reprints;
    settle(&mut app, msg(receipts::Message::Open(1)));
    // No printer is set: the copy is never made, so nothing is counted or audited.
    settle(&mut app, msg(receipts::Message::Print));
    let Screen::Manager(m) = &app.screen else { panic!() };
    assert_eq!(m.receipts.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    assert_eq!(reprints(&app), 0, "a failed reprint is no copy");
    settle(&mut app, msg(receipts::Message::SavePdf));
    settle(&mut app, msg(receipts::Message::SavePdf));
    assert_eq!(reprints(&app), 2);
    assert!(dir.path().join("receipts/receipt-1-copy-2.pdf").is_file());
    let Screen::Manager(m) = &app.screen else { panic!() };
    let (receipt, copy) = m.receipts.open.as_ref().unwrap();
    assert_eq!((receipt.number, *copy), (1, Some(2)));
    assert_eq!(m.receipts.results[0].reprints, 0, "the list is as it was loaded");
    key(&mut app, Named::ArrowUp);
    key(&mut app, Named::ArrowDown);
    let Screen::Manager(m) = &app.screen else { panic!() };
    assert_eq!(
        m.receipts.open.as_ref().map(|(r, c)| (r.number, *c)),
        Some((1, None)),
        "↑↓ open without copying"
    );
    // Search by amount finds it; by a wrong amount, nothing.
    app.settle(msg(receipts::Message::Amount("4.20".into())));
    app.settle(msg(receipts::Message::Search));
    let Screen::Manager(m) = &app.screen else { panic!() };
    assert_eq!(m.receipts.results.len(), 1);
    assert!(m.receipts.open.is_none(), "a new search closes the receipt on show and its actions");
    assert!(m.receipts.refund.plan.is_none());
    app.settle(msg(receipts::Message::Amount("4.21".into())));
    app.settle(msg(receipts::Message::Search));
    let Screen::Manager(m) = &app.screen else { panic!() };
    assert!(m.receipts.results.is_empty());
    key(&mut app, Named::Escape);
    key(&mut app, Named::Escape);
    assert!(matches!(app.screen, Screen::Checkout));
}

#[test]
fn batch_close_with_counted_cash() {
    let _card = card_lock(); // the close talks to the demo terminal
    let mut app = signed_in();
    sell_for_cash(&mut app, FETA, "5");
    sell_for_cash(&mut app, OLIVE_OIL_PLU, "10");
    open_manager(&mut app);
    let msg = |m| Message::Manager(manager::Message::Batch(m));
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Batch)));
    let Screen::Manager(m) = &app.screen else { panic!() };
    let totals = m.batch.totals.as_ref().unwrap();
    assert_eq!(totals.total.cents(), 1410);
    assert_eq!(batch::expected_cash(totals).cents(), 1410);
    settle(&mut app, msg(batch::Message::Counted("14.00".into())));
    settle(&mut app, msg(batch::Message::Confirm));
    let Screen::Manager(m) = &app.screen else { panic!() };
    assert!(m.batch.closures.is_empty(), "nothing closes without asking first");
    // Enter typed in the counted-cash field (it has the keyboard) asks, then confirms.
    let enter_in_field = |app: &tameio::ui::app::App| {
        let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
        ui.click(iced::widget::Id::new(batch::COUNTED_ID)).expect("the counted-cash field is on screen");
        ui.tap_key(iced::keyboard::Key::Named(Named::Enter));
        ui.into_messages().collect::<Vec<_>>()
    };
    let asked = enter_in_field(&app);
    assert!(
        asked
            .iter()
            .any(|m| matches!(m, Message::Manager(manager::Message::Batch(batch::Message::AskClose))))
    );
    settle(&mut app, msg(batch::Message::AskClose));
    let answered = enter_in_field(&app);
    let confirm = answered
        .into_iter()
        .find(|m| matches!(m, Message::Manager(manager::Message::Batch(batch::Message::Confirm))))
        .expect("Enter in the field confirms the question on show");
    settle(&mut app, confirm);
    let Screen::Manager(m) = &app.screen else { panic!() };
    assert_eq!(m.batch.closures.len(), 1);
    let closure = &m.batch.closures[0];
    assert_eq!(closure.counted_cash.map(|c| c.cents()), Some(1400));
    assert_eq!(m.batch.totals.as_ref().unwrap().total.cents(), 0, "a new batch starts");
    assert_eq!(m.batch.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done));
}

#[test]
fn settings_saved_switch_the_language() {
    let mut app = app();
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    assert!(matches!(app.screen, Screen::Manager(_)), "a manager needs no second PIN");
    let msg = |m| Message::Manager(manager::Message::Settings(m));
    use manager::settings::shop::Message as S;
    let msg = |m| msg(manager::settings::Message::Shop(m));
    app.settle(Message::Manager(manager::Message::Tab(Tab::Settings)));
    app.settle(msg(S::ShopName("Μπακάλικο".into())));
    app.settle(msg(S::Language(Lang::El)));
    app.settle(msg(S::Save));
    assert_eq!(app.ctx.settings.shop.name, "Μπακάλικο");
    assert_eq!(app.ctx.i18n.lang(), Lang::El);
    assert_eq!(app.register().settings().shop.name, "Μπακάλικο");
}

#[test]
fn a_cashier_cannot_open_the_manager_menu_with_her_own_pin() {
    let mut app = signed_in();
    key(&mut app, Named::F12);
    scan(&mut app, "1111");
    assert!(matches!(app.screen, Screen::Checkout));
    key(&mut app, Named::Escape);
    assert_eq!(app.checkout.mode, Mode::Scan);
}

#[test]
fn decimals_follow_the_language() {
    let mut app = signed_in();
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F4);
    type_text(&mut app, "12,5");
    assert_eq!(app.checkout.entry, "12.5", "English types a point");
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.cart.lines[0].discount, Some(Discount::Percent(1250)));

    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F9);
    type_text(&mut app, "10.5");
    let Screen::Cash(cash) = &app.screen else { panic!() };
    assert_eq!(cash.entry, "10,5", "Greek types a comma");
    key(&mut app, Named::Enter);
    let Screen::Receipt(r) = &app.screen else { panic!("paid") };
    assert_eq!(r.receipt.change().cents(), 60);
}
