//! Sign-in after a lock and after wrong PINs (issue 23 items 14, 15), a key's one meaning on
//! a screen left open (item 21), and the words a Greek shop reads: plurals, no "change 0,00"
//! after a card sale, card kinds translated (item 22).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::Key;
use iced::keyboard::key::Named;
use tameio::domain::Lang;
use tameio::i18n::I18n;
use tameio::ui::app::{Message, Screen, jobs};
use tameio::ui::screen::signin;

fn failed_pins(app: &tameio::ui::app::App, name: &str) -> i64 {
    app.register().user_by_name(name).unwrap().failed_pins
}

#[test]
fn after_a_lock_nobody_is_preselected_so_the_next_pin_counts_against_no_one() {
    let mut app = signed_in();
    settle(&mut app, Message::Lock);
    let Screen::SignIn(s) = &app.screen else { panic!("not locked: {:?}", app.screen) };
    assert_eq!(s.selected, None, "the last user is not preselected");
    // The next person types their PIN at once: nothing is checked, nothing counted.
    type_text(&mut app, "9999");
    key(&mut app, Named::Enter);
    let Screen::SignIn(s) = &app.screen else { panic!("signed in without a name") };
    assert!(s.notice.as_ref().unwrap().text.contains("Choose your name first"), "{:?}", s.notice);
    assert!(s.pin.is_empty());
    assert_eq!(failed_pins(&app, "Maria"), 0, "Maria's count is untouched");
    // ↓ picks the first name from the keyboard.
    key(&mut app, Named::ArrowDown);
    let Screen::SignIn(s) = &app.screen else { panic!() };
    assert!(s.selected.is_some());
}

#[test]
fn a_wrong_pin_counts_only_against_the_name_chosen() {
    let mut app = app();
    sign_in(&mut app, "Maria", "0000");
    assert_eq!(failed_pins(&app, "Maria"), 1);
    sign_in(&mut app, "Nikos", "9999");
    assert!(matches!(app.screen, Screen::Checkout));
    assert_eq!(failed_pins(&app, "Nikos"), 0);
}

#[test]
fn the_pin_is_said_to_be_checked_and_one_typed_again_never_reaches_the_scan_field() {
    let mut app = app();
    let maria = app.users.iter().find(|u| u.name == "Maria").unwrap().id;
    settle(&mut app, Message::SignIn(signin::Message::Pick(maria)));
    type_text(&mut app, "1111");
    // Enter: the check is under way (the answer is held back here, as a slow check would).
    let step = app.handle(press(Key::Named(Named::Enter), None));
    assert_eq!(step.jobs.len(), 1, "one sign-in job");
    let job = step.jobs.into_iter().next().unwrap();
    let Screen::SignIn(s) = &app.screen else { panic!() };
    assert!(s.busy);
    assert!(s.notice.as_ref().unwrap().text.contains("Checking the PIN"), "{:?}", s.notice);
    // The cashier, seeing nothing happen, types the PIN again.
    for d in ["1", "1"] {
        let _ = app.handle(press(Key::Character(d.into()), Some(d)));
    }
    let Screen::SignIn(s) = &app.screen else { panic!() };
    assert!(s.pin.is_empty(), "not kept while checking");
    let answer = jobs::run(app.register(), &app.ctx.i18n, job);
    settle(&mut app, answer);
    assert!(matches!(app.screen, Screen::Checkout));
    // The rest of that PIN arrives after the answer: dropped, up to its Enter.
    type_text(&mut app, "11");
    assert_eq!(app.checkout.entry, "", "no PIN in clear text in the scan field");
    key(&mut app, Named::Enter);
    assert!(app.checkout.cart.is_empty());
    assert!(app.checkout.notice.is_none(), "{:?}", app.checkout.notice);
    scan(&mut app, FETA);
    assert_eq!(app.checkout.cart.lines.len(), 1, "the next scan counts");
}

#[test]
fn greek_counts_agree_with_their_nouns() {
    let el = I18n::new(Lang::El);
    let said = |id: &str, n: i64| el.tr_args(id, &[("count", n.into())]);
    assert_eq!(said("status-unknown", 1), "? 1 άγνωστη πληρωμή");
    assert_eq!(said("status-unknown", 3), "? 3 άγνωστες πληρωμές");
    assert!(said("boot-unknown-attempts", 1).starts_with("1 πληρωμή με κάρτα"));
    let wait = el.tr_args("err-pin-wait", &[("seconds", 1.into())]);
    assert!(wait.ends_with("1 δευτερόλεπτο."), "{wait}");
    let it = I18n::new(Lang::It);
    assert_eq!(it.tr_args("status-unknown", &[("count", 1.into())]), "? 1 pagamento sconosciuto");
    let en = I18n::new(Lang::En);
    assert_eq!(en.tr_args("status-unknown", &[("count", 2.into())]), "? 2 unknown payments");
    assert_eq!(el.tr("diag-no-attempts"), "Καμία ανοιχτή απόπειρα πληρωμής.");
}

#[test]
fn card_kinds_are_translated_and_brands_kept() {
    let el = I18n::new(Lang::El);
    assert_eq!(el.card_brand("credit"), "πιστωτική");
    assert_eq!(el.card_brand("Visa Debit"), "Visa χρεωστική");
    assert_eq!(I18n::new(Lang::It).card_brand("Mastercard Credit"), "Mastercard credito");
    assert_eq!(el.card_brand("VISA"), "VISA");
}

#[test]
fn a_greek_card_receipt_has_no_change_line_and_says_the_card_kind_in_greek() {
    let _card = card_lock();
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    key(&mut app, Named::F10);
    let Screen::Receipt(r) = &app.screen else { panic!("no receipt: {:?}", app.screen) };
    let text = tameio::print::receipt_text(
        &r.receipt,
        &app.ctx.settings,
        Lang::El,
        tameio::print::Paper::Roll80,
        None,
    );
    assert!(!text.contains("Ρέστα"), "{text}");
    for english in ["credit", "debit", "other"] {
        assert!(!text.contains(&format!("Κάρτα {english}")), "{text}");
    }
}

#[test]
fn a_scan_on_the_receipt_left_open_starts_the_next_sale_and_keeps_the_barcode() {
    let mut app = signed_in();
    scan(&mut app, FETA);
    key(&mut app, Named::F9);
    key(&mut app, Named::Enter);
    assert!(matches!(app.screen, Screen::Receipt(_)), "{:?}", app.screen);
    // The next customer's first item is scanned before anyone presses "new sale".
    scan(&mut app, YOGHURT);
    assert!(matches!(app.screen, Screen::Checkout));
    assert_eq!(app.checkout.cart.lines.len(), 1, "the barcode was kept");
    assert_eq!(total_cents(&app), 450);
}
