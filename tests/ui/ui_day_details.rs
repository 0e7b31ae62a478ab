//! Details of the cashier's day (issue 13): F8 at the till only when the till's terminal can
//! take preloaded receipts (on the demo terminal, ECR17, the key says why and records nothing;
//! on an AADE 1155 v10 terminal it is live); the deferred list from the till and the status bar
//! answer their keys; the receipt screen writes numbers as the locale does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::Lang;
use tameio::ui::app::Screen;
use tameio::ui::keys::Action;

#[test]
fn f8_on_the_demo_terminal_says_why_and_records_nothing() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    assert!(!app.checkout.enabled(Action::Defer, &app.ctx), "the button is greyed out");
    key(&mut app, Named::F8);
    assert!(matches!(app.screen, Screen::Checkout), "still at the till");
    let notice = app.checkout.notice.as_ref().expect("a notice").text.clone();
    assert!(notice.contains("demo") && notice.contains("F8"), "{notice}");
    assert_eq!(app.checkout.cart.lines.len(), 1, "the sale is kept");
    assert!(app.register().deferred_overview().unwrap().receipts.is_empty(), "no record left");
}

#[test]
fn f8_is_live_on_a_terminal_that_takes_preloads() {
    let mut app = app_with_terminal(Lang::En, aade_v10("gr"));
    sign_in(&mut app, "Maria", "1111");
    assert!(!app.checkout.enabled(Action::Defer, &app.ctx), "an empty sale has nothing to send");
    scan(&mut app, FETA);
    assert!(app.checkout.enabled(Action::Defer, &app.ctx));
}

/// The deferred list opened from the till takes the same keys as the manager's tab: F4 asks
/// to mark the chosen receipt expired (a cashier is told it needs a manager), Esc goes back.
#[test]
fn the_deferred_list_from_the_till_answers_its_keys() {
    let mut app = app_with(settings(Lang::En));
    sign_in(&mut app, "Maria", "1111");
    settle(&mut app, tameio::ui::app::Message::Checkout(tameio::ui::screen::checkout::Message::OpenDeferred));
    key(&mut app, Named::F4);
    let Screen::Deferred(pane) = &app.screen else { panic!("not on the deferred list") };
    assert!(pane.confirming.is_none());
    let notice = pane.notice.as_ref().expect("F4 was heard").text.clone();
    assert!(notice.contains("manager"), "{notice}");
    key(&mut app, Named::Escape);
    assert!(matches!(app.screen, Screen::Checkout));
}

fn ctrl(letter: &str, code: iced::keyboard::key::Code) -> tameio::ui::app::Message {
    use iced::keyboard::{self, Key, Location, Modifiers, key::Physical};
    tameio::ui::app::Message::Key(keyboard::Event::KeyPressed {
        key: Key::Character(letter.into()),
        modified_key: Key::Character(letter.into()),
        physical_key: Physical::Code(code),
        location: Location::Standard,
        modifiers: Modifiers::CTRL,
        text: None,
        repeat: false,
    })
}

/// The status bar's buttons have keys too (issue 13, point 6): Ctrl+T the terminal's
/// diagnostics, Ctrl+D the theme, Ctrl+L locks — by the physical key, so a Greek layout
/// (which writes τ, δ, λ) works the same.
#[test]
fn the_status_bar_answers_ctrl_t_d_and_l_on_a_greek_keyboard() {
    use iced::keyboard::key::Code;
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    settle(&mut app, ctrl("τ", Code::KeyT));
    assert!(app.diagnostics.is_some(), "Ctrl+T opens the diagnostics");
    settle(&mut app, ctrl("τ", Code::KeyT));
    assert!(app.diagnostics.is_none(), "and closes them");
    let dark = app.dark;
    settle(&mut app, ctrl("δ", Code::KeyD));
    assert_ne!(app.dark, dark, "Ctrl+D switches the theme");
    settle(&mut app, ctrl("λ", Code::KeyL));
    assert!(matches!(app.screen, Screen::SignIn(_)), "Ctrl+L locks");
    // Maria's sale waits for her, parked under her name.
    sign_in(&mut app, "Maria", "1111");
    assert_eq!(app.checkout.cart.lines.len(), 1);
}

/// The receipt on screen writes a weight with the Greek decimal comma, like the cart did.
#[test]
fn the_receipt_screen_writes_a_greek_weight_with_a_comma() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, TOMATOES_PLU);
    type_text(&mut app, "0,350");
    key(&mut app, Named::Enter);
    key(&mut app, Named::F9);
    key(&mut app, Named::F1);
    key(&mut app, Named::Enter);
    assert!(matches!(app.screen, Screen::Receipt(_)), "paid in cash: {:?}", app.screen);
    let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
    assert!(ui.find("  0,350 × 2,19").is_ok(), "the weight line in Greek");
}

/// The manager's settings by keys: F1…F5 choose the section (shown on its tab), Enter does
/// the section's main action (here: save the shop, add the user typed in the form).
#[test]
fn settings_sections_by_f_keys_and_enter_saves() {
    use tameio::domain::Role;
    use tameio::ui::app::{App, Message};
    use tameio::ui::screen::manager::settings::{self, Section, shop, users};
    use tameio::ui::screen::manager::{self, Tab};
    let settings_of = |app: &App| match &app.screen {
        Screen::Manager(m) => m.settings.section,
        other => panic!("not in the manager menu: {other:?}"),
    };
    let send = |app: &mut App, m: settings::Message| {
        settle(app, Message::Manager(manager::Message::Settings(m)));
    };
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    key(&mut app, Named::F5);
    assert_eq!(settings_of(&app), Section::Terminals);
    key(&mut app, Named::F3);
    assert_eq!(settings_of(&app), Section::Users);
    send(&mut app, settings::Message::Users(users::Message::Name("Eleni".into())));
    send(&mut app, settings::Message::Users(users::Message::Role(Role::Cashier)));
    send(&mut app, settings::Message::Users(users::Message::Pin("4826".into())));
    send(&mut app, settings::Message::Users(users::Message::PinAgain("4826".into())));
    key(&mut app, Named::Enter);
    assert!(app.register().user_by_name("Eleni").is_ok(), "Enter added the user");

    key(&mut app, Named::F1);
    assert_eq!(settings_of(&app), Section::Shop);
    send(&mut app, settings::Message::Shop(shop::Message::ShopName("Φούρνος Νίκου".into())));
    key(&mut app, Named::Enter);
    assert_eq!(app.register().settings().shop.name, "Φούρνος Νίκου", "Enter saved the shop");
    let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
    assert!(ui.find("Τερματικά · F5").is_ok(), "the tab shows its key");
}

/// Diagnostics by keys (issue 13, point 6): a manager decides an open payment with F5 (not
/// charged) or F10 (approved), asked once: the first press only warns.
#[test]
fn a_manager_decides_an_open_payment_in_diagnostics_by_keys() {
    use tameio::ui::app::Message;
    let _card = card_lock();
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    cart_totalling(&mut app, 970); // the demo terminal's .70: the link drops, outcome unknown
    key(&mut app, Named::F10);
    let mut app = app_on(app.register().clone());
    assert_eq!(app.unknown.len(), 1, "left for a manager at start-up");
    sign_in(&mut app, "Nikos", "9999");
    settle(&mut app, Message::Diagnostics(true));
    key(&mut app, Named::F5);
    assert_eq!(app.register().open_attempts().unwrap().len(), 1, "the first F5 only asks");
    assert!(app.diagnostics.as_ref().unwrap().asked.is_some());
    key(&mut app, Named::ArrowDown);
    assert!(app.diagnostics.as_ref().unwrap().asked.is_none(), "moving on forgets the question");
    key(&mut app, Named::F5);
    key(&mut app, Named::F5);
    assert!(app.register().open_attempts().unwrap().is_empty(), "decided: not charged");
    assert!(app.unknown.is_empty());
}

/// Settings · Terminals by keys: F7 starts the certification run of the till's terminal (F6
/// tests it), so the run is reached with the keyboard alone; F9 / F10, which pay at the till,
/// start nothing there (one key, one meaning).
#[test]
fn f7_on_the_terminals_section_certifies_the_tills_terminal() {
    use tameio::ui::screen::manager::settings::Section;
    let mut app = app_with(settings(Lang::En));
    manager_settings(&mut app, Section::Terminals);
    key(&mut app, Named::F10);
    let Screen::Manager(m) = &app.screen else { panic!("not in the manager menu") };
    assert!(m.settings.terminals.cert.is_none(), "F10 pays at the till: no run here");
    key(&mut app, Named::F7);
    let Screen::Manager(m) = &app.screen else { panic!("not in the manager menu") };
    let run = m.settings.terminals.cert.as_ref().expect("the run is shown");
    assert_eq!(run.run.terminal, "demo");
}
