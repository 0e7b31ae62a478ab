//! A cashier's day at the checkout (issue 13), driven by keys as the keyboard sends them:
//! the lock keeps a sale with its cashier (parked in the database, across a restart), F3
//! parks and recalls, quantities are checked, the last line is voided only after asking,
//! disabled keys do nothing, and every number and key shows as a Greek cashier reads it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use crate::support::ui::*;
use iced::keyboard::key::Named;
use iced::keyboard::{self, Key, Location, Modifiers, key::Physical};
use iced_test::Simulator;
use tameio::config::{Places, Settings};
use tameio::domain::{Discount, Lang, Money, Quantity, Role};
use tameio::register::Register;
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::checkout::{DiscountKind, Mode, Target};
use tameio::ui::widget::NoticeKind;

fn lock(app: &mut App) {
    settle(app, Message::Lock);
    assert!(matches!(app.screen, Screen::SignIn(_)));
}

fn sees(app: &App, size: (f32, f32), text: &str) -> iced::Rectangle {
    let mut ui = Simulator::with_size(tameio::ui::settings(), size, app.view());
    let found = ui.find(text).unwrap_or_else(|_| panic!("{text:?} is not on screen"));
    found.bounds()
}

fn shift_f8() -> Message {
    Message::Key(keyboard::Event::KeyPressed {
        key: Key::Named(Named::F8),
        modified_key: Key::Named(Named::F8),
        physical_key: Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::SHIFT,
        text: None,
        repeat: false,
    })
}

#[test]
fn the_lock_keeps_the_sale_with_the_cashier_who_rang_it_up() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    lock(&mut app);
    assert!(app.checkout.cart.is_empty(), "nothing of Maria's sale is left on the till");

    sign_in(&mut app, "Nikos", "9999");
    assert!(matches!(app.screen, Screen::Checkout));
    assert!(app.checkout.cart.is_empty(), "the manager starts with an empty sale, not Maria's");
    scan(&mut app, YOGHURT);
    lock(&mut app);

    sign_in(&mut app, "Maria", "1111");
    let names: Vec<_> = app.checkout.cart.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Feta PDO 400g", "Olive oil 1l"], "Maria's own sale, not Nikos's");
    assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done));
    assert_eq!(total_cents(&app), 420 + 990);

    // Nikos's sale stays parked for him; as a manager he sees it with F3 on an empty cart.
    key(&mut app, Named::F9);
    type_text(&mut app, "20");
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    lock(&mut app);
    sign_in(&mut app, "Nikos", "9999");
    assert_eq!(app.checkout.cart.lines.len(), 1);
    assert_eq!(app.checkout.cart.lines[0].name, "Greek yoghurt 1kg");
}

#[test]
fn a_parked_sale_survives_a_restart_and_comes_back_to_its_cashier() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    Settings { language: Some(Lang::El), ..Settings::default() }.save(&places.settings()).unwrap();
    {
        let (reg, _) = Register::open(&places).unwrap();
        let mut app = app_on(Arc::new(reg));
        sign_in(&mut app, "Maria", "1111");
        scan(&mut app, FETA);
        lock(&mut app);
    }
    let (reg, _) = Register::open(&places).unwrap();
    let mut app = app_on(Arc::new(reg));
    sign_in(&mut app, "Maria", "1111");
    assert_eq!(app.checkout.cart.lines.len(), 1, "the sale came back after the restart");
    assert_eq!(total_cents(&app), 420);
}

#[test]
fn f3_parks_a_sale_and_recalls_it_for_its_owner_or_a_manager() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F3);
    assert!(app.checkout.cart.is_empty());
    assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done));
    // The next customer, served meanwhile.
    scan(&mut app, YOGHURT);
    key(&mut app, Named::F3);
    let reg = app.register().clone();
    let maria = tameio::register::Operator::from(reg.user_by_name("Maria").unwrap());
    assert_eq!(reg.parked_sales(&maria).unwrap().len(), 2);

    // Another cashier sees none of Maria's parked sales.
    let nikos = tameio::register::Operator::from(reg.user_by_name("Nikos").unwrap());
    reg.add_user(&nikos, "Eleni", Role::Cashier, "4321").unwrap();
    assert!(
        reg.parked_sales(&tameio::register::Operator::from(reg.user_by_name("Eleni").unwrap()))
            .unwrap()
            .is_empty()
    );

    // F3 on an empty sale lists them, newest chosen; ↑ picks the first, Enter recalls it.
    key(&mut app, Named::F3);
    let Mode::Recall { sales, pick } = &app.checkout.mode else { panic!("{:?}", app.checkout.mode) };
    assert_eq!((sales.len(), *pick), (2, 1));
    key(&mut app, Named::ArrowUp);
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.mode, Mode::Scan);
    assert_eq!(app.checkout.cart.lines[0].name, "Feta PDO 400g");
    assert_eq!(reg.parked_sales(&maria).unwrap().len(), 1, "recalled once, gone from the list");
    assert_eq!(app.register().store().audit_entries(1).unwrap()[0].action, "cart.recall");

    // Esc leaves the list without recalling anything.
    key(&mut app, Named::F3);
    key(&mut app, Named::F3);
    assert!(matches!(app.checkout.mode, Mode::Recall { .. }));
    key(&mut app, Named::Escape);
    assert_eq!(app.checkout.mode, Mode::Scan);
    assert!(app.checkout.cart.is_empty());
}

#[test]
fn a_quantity_above_the_ceiling_is_asked_about_once() {
    let mut app = signed_in();
    type_text(&mut app, "1000*");
    assert_eq!(app.checkout.mode, Mode::ConfirmQuantity(Quantity::pieces(1000)));
    assert_eq!(app.checkout.pending_qty, None);
    key(&mut app, Named::Escape);
    assert_eq!((app.checkout.mode.clone(), app.checkout.pending_qty), (Mode::Scan, None));

    type_text(&mut app, "1000*");
    scan(&mut app, FETA);
    assert_eq!(app.checkout.mode, Mode::ConfirmQuantity(Quantity::pieces(1000)), "a scan answers nothing");
    assert!(app.checkout.cart.is_empty());
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.pending_qty, Some(Quantity::pieces(1000)), "confirmed on purpose");
    type_text(&mut app, "12*");
    assert_eq!(app.checkout.pending_qty, Some(Quantity::pieces(12)), "below the ceiling: no question");

    let mut app = app_with(Settings { max_quantity: 5, language: Some(Lang::En), ..Settings::default() });
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, TOMATOES_PLU);
    type_text(&mut app, "350");
    key(&mut app, Named::Enter);
    assert!(matches!(app.checkout.mode, Mode::ConfirmWeight { .. }), "350 kg of tomatoes?");
    assert!(app.checkout.cart.is_empty());
    key(&mut app, Named::Escape);
    assert!(app.checkout.cart.is_empty());
}

#[test]
fn a_weighed_item_always_asks_for_its_weight() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    type_text(&mut app, "3*");
    scan(&mut app, TOMATOES_PLU);
    assert!(matches!(app.checkout.mode, Mode::Weigh(_)), "3 is no weight");
    assert!(app.checkout.cart.is_empty());
    assert_eq!(app.checkout.pending_qty, None);
    type_text(&mut app, "0,350");
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.cart.lines[0].quantity, Quantity::from_milli(350));
    // Greek: a decimal comma on the cart line.
    sees(&app, (1024.0, 768.0), "0,350 kg × 2,19/kg");
}

#[test]
fn voiding_the_last_line_asks_once_and_f5_twice_does_not_empty_the_sale() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, YOGHURT);
    key(&mut app, Named::F5);
    assert_eq!(app.checkout.cart.lines.len(), 1, "one of two goes at once");
    key(&mut app, Named::F5);
    key(&mut app, Named::F5);
    assert_eq!(app.checkout.cart.lines.len(), 1, "F5 F5 does not empty the sale");
    assert!(matches!(app.checkout.mode, Mode::ConfirmVoid(0)));
    key(&mut app, Named::Escape);
    assert_eq!((app.checkout.mode.clone(), app.checkout.cart.lines.len()), (Mode::Scan, 1));
    key(&mut app, Named::F5);
    key(&mut app, Named::Enter);
    assert!(app.checkout.cart.is_empty());
}

#[test]
fn a_key_whose_button_is_disabled_does_nothing() {
    let mut app = signed_in();
    for k in [Named::F4, Named::F5] {
        key(&mut app, k);
        assert_eq!(app.checkout.mode, Mode::Scan, "{k:?} on an empty sale");
        assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    }
    use tameio::ui::keys::Action;
    for a in [Action::Discount, Action::Void, Action::Cash, Action::Card, Action::Split, Action::Defer] {
        assert!(!app.checkout.enabled(a, &app.ctx), "{a:?}");
    }
    scan(&mut app, FETA);
    assert!(app.checkout.enabled(Action::Discount, &app.ctx) && app.checkout.enabled(Action::Void, &app.ctx));
}

#[test]
fn the_whole_sale_discount_by_keys_once_a_line_exists() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F4);
    assert!(matches!(app.checkout.mode, Mode::Discount { target: Target::Line(1), .. }));
    key(&mut app, Named::ArrowDown);
    key(&mut app, Named::F4);
    assert_eq!(app.checkout.mode, Mode::Discount { target: Target::Order, kind: DiscountKind::Amount });
    key(&mut app, Named::ArrowUp);
    assert!(matches!(app.checkout.mode, Mode::Discount { target: Target::Line(1), .. }));
    key(&mut app, Named::ArrowDown);
    type_text(&mut app, "1");
    key(&mut app, Named::Enter);
    assert_eq!(app.checkout.cart.order_discount, Some(Discount::Amount(Money::from_cents(100))));
    assert_eq!(total_cents(&app), 420 + 990 - 100);
}

#[test]
fn banknotes_on_f1_to_f5_and_their_keys_on_the_buttons() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    scan(&mut app, OLIVE_OIL_PLU);
    key(&mut app, Named::F9);
    // 14,10 due: exact F1, 15 F2, 20 F3, 50 F4.
    for label in ["F1", "F2", "F3", "F4"] {
        sees(&app, (1024.0, 768.0), label);
    }
    key(&mut app, Named::F3);
    let Screen::Cash(cash) = &app.screen else { panic!("cash screen") };
    assert_eq!(cash.entry, "20.00");
    key(&mut app, Named::Enter);
    let Screen::Receipt(r) = &app.screen else { panic!("paid") };
    assert_eq!(r.receipt.change().cents(), 590);
}

#[test]
fn sign_in_says_which_keys_choose_the_user() {
    let app = app_with(settings(Lang::El));
    let hint = app.ctx.i18n.tr_args(
        "signin-pick-user-keys",
        &[("up", "↑".into()), ("down", "↓".into()), ("enter", "Enter".into())],
    );
    assert!(hint.contains("↑ ↓"), "{hint}");
    sees(&app, (1024.0, 768.0), &hint);
    sees(&app, (1024.0, 768.0), "Enter · Σύνδεση");
}

#[test]
fn every_checkout_button_shows_its_key_and_discount_mode_keeps_them_on_screen() {
    for lang in [Lang::El, Lang::En] {
        for size in [(1024.0, 768.0), (1920.0, 1080.0)] {
            let mut app = app_with(settings(lang));
            sign_in(&mut app, "Maria", "1111");
            scan(&mut app, FETA);
            key(&mut app, Named::F4);
            assert!(matches!(app.checkout.mode, Mode::Discount { .. }));
            let deferred = app.ctx.i18n.tr("action-deferred-list");
            for text in [deferred.as_str(), "⇧F8", "F3", "F9", "F12", "*", "↑", "↓", "PgUp PgDn"] {
                let b = sees(&app, size, text);
                assert!(
                    b.height >= 12.0 && b.y + b.height <= size.1 && b.x + b.width <= size.0,
                    "{lang:?} {size:?}: {text:?} at {b:?}"
                );
            }
            // The input column (prompt, discount choices, keypad) ends above the action rows:
            // a column out of room squashes its last rows to nothing rather than overflow.
            let enter = sees(&app, size, &app.ctx.i18n.tr("key-enter-ok"));
            let cash = sees(&app, size, &app.ctx.i18n.tr("action-cash"));
            assert!(
                enter.height >= 12.0 && enter.y + enter.height + 16.0 <= cash.y,
                "{lang:?} {size:?}: keypad {enter:?}, actions {cash:?}"
            );
        }
    }
}

#[test]
fn shift_f8_opens_the_deferred_receipts() {
    let mut app = signed_in();
    settle(&mut app, shift_f8());
    assert!(matches!(app.screen, Screen::Deferred(_)));
    key(&mut app, Named::Escape);
    assert!(matches!(app.screen, Screen::Checkout));
}

#[test]
fn pgup_pgdn_walk_the_category_tabs() {
    let mut app = signed_in();
    let tabs = app.ctx.catalog.categories().to_vec();
    assert!(tabs.len() > 1);
    assert_eq!(app.checkout.category.as_ref(), tabs.first());
    key(&mut app, Named::PageDown);
    assert_eq!(app.checkout.category.as_ref(), tabs.get(1));
    key(&mut app, Named::PageUp);
    key(&mut app, Named::PageUp);
    assert_eq!(app.checkout.category.as_ref(), tabs.last(), "round the end");
}

#[test]
fn product_buttons_show_their_plu_and_the_cart_says_which_keys_choose_a_line() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    let first = app.checkout.grid[0].clone();
    let shown = format!("{} · {}", app.ctx.i18n.money(first.price), first.plu);
    sees(&app, (1024.0, 768.0), &shown);
    scan(&mut app, &first.plu.to_string());
    scan(&mut app, FETA);
    let items = app.ctx.i18n.tr_args("cart-items", &[("count", 2.into())]);
    sees(&app, (1024.0, 768.0), &format!("{items} · ↑ ↓"));
}

#[test]
fn no_lock_while_a_sale_sent_with_f8_waits_for_the_terminal() {
    // F8 is offered only on a terminal that takes preloaded receipts: an AADE 1155 v10 one.
    let mut app = app_with_terminal(Lang::En, aade_v10("gr-lock"));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    // `App::settle` runs no terminal work: the F8 sale stays with the terminal, unanswered.
    app.settle(press(Key::Named(Named::F8), None));
    settle(&mut app, Message::Lock);
    assert!(matches!(app.screen, Screen::Checkout), "parking it now could sell it twice");
    assert_eq!(app.checkout.cart.lines.len(), 1);
}
