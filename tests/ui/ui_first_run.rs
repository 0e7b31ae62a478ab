//! The first-run screen: a fresh data folder opens it, the VAT number is checked, "stay in
//! demo" saves the settings and goes to sign-in, a manager reopens it from Settings; an
//! existing settings file or an in-memory register never sees it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::config::{Places, Settings};
use tameio::domain::Lang;
use tameio::register::Register;
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::first_run::{self, FirstRun, Step};
use tameio::ui::screen::manager::settings::{self, Section, shop};
use tameio::ui::screen::manager::{self, Tab};
use tameio::ui::widget::NoticeKind;

/// The app on a register in this data folder.
fn app_in(dir: &std::path::Path) -> App {
    let places = Places { data_dir: dir.to_path_buf(), portable: false };
    let (reg, _) = Register::open(&places).unwrap();
    app_on(Arc::new(reg))
}

fn screen(app: &App) -> &FirstRun {
    match &app.screen {
        Screen::FirstRun(s) => s,
        other => panic!("not the first-run screen: {other:?}"),
    }
}

fn send(app: &mut App, m: first_run::Message) {
    settle(app, Message::FirstRun(m));
}

/// From the language step, the shop's details typed in, then Next.
fn shop_details(app: &mut App, vat: &str) {
    key(app, Named::Enter);
    assert_eq!(screen(app).step, Step::Shop);
    send(app, first_run::Message::ShopName("Μπακάλικο Νίκου".into()));
    send(app, first_run::Message::VatNumber(vat.into()));
    send(app, first_run::Message::RegisterId("2".into()));
    send(app, first_run::Message::Next);
}

#[test]
fn a_fresh_data_folder_opens_the_first_run_screen_and_an_existing_one_does_not() {
    let fresh = tempfile::tempdir().unwrap();
    let first = app_in(fresh.path());
    assert_eq!(screen(&first).step, Step::Language);

    let set_up = tempfile::tempdir().unwrap();
    Settings::default().save(&set_up.path().join(tameio::config::SETTINGS_FILE)).unwrap();
    assert!(matches!(app_in(set_up.path()).screen, Screen::SignIn(_)), "an existing install signs in");
    assert!(matches!(app().screen, Screen::SignIn(_)), "an in-memory register signs in");
}

#[test]
fn a_bad_afm_or_partita_iva_is_refused_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    type_text(&mut app, "2"); // Ελληνικά
    assert_eq!(app.ctx.i18n.lang(), Lang::El, "the screen speaks Greek at once");
    shop_details(&mut app, "094019246");
    let s = screen(&app);
    assert_eq!(s.step, Step::Shop, "a bad ΑΦΜ stops here");
    let n = s.notice.as_ref().expect("a notice");
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(n.text.starts_with("Ο ΑΦΜ δεν είναι έγκυρος"), "{}", n.text);

    send(&mut app, first_run::Message::VatNumber("00743110158".into()));
    send(&mut app, first_run::Message::Next);
    assert_eq!(screen(&app).step, Step::Shop, "a bad Partita IVA stops here too");

    for good in ["094019245", "00743110157"] {
        send(&mut app, first_run::Message::VatNumber(good.into()));
        send(&mut app, first_run::Message::Next);
        assert_eq!(screen(&app).step, Step::Finish, "{good} passes");
        key(&mut app, Named::Escape);
    }
}

#[test]
fn staying_in_demo_saves_the_settings_and_goes_to_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    type_text(&mut app, "2");
    shop_details(&mut app, "094019245");
    assert_eq!(screen(&app).step, Step::Finish);
    key(&mut app, Named::Enter);
    assert!(matches!(app.screen, Screen::SignIn(_)), "{:?}", app.screen);
    assert_eq!(app.ctx.settings.shop.vat_number, "094019245");

    let (saved, problems) = Settings::load(&dir.path().join(tameio::config::SETTINGS_FILE));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(saved.language, Some(Lang::El));
    assert_eq!(saved.shop.name, "Μπακάλικο Νίκου");
    assert_eq!(saved.register_id, "2");
    assert!(matches!(app_in(dir.path()).screen, Screen::SignIn(_)), "asked once only");
    assert!(app.register().save_first_run(Settings::default()).is_err(), "no second first run");
}

#[test]
fn a_manager_reopens_it_from_settings() {
    let mut app = app();
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    let to_settings = |m| Message::Manager(manager::Message::Settings(m));
    settle(&mut app, to_settings(settings::Message::Section(Section::Shop)));
    settle(&mut app, to_settings(settings::Message::Shop(shop::Message::FirstRun)));
    assert_eq!(screen(&app).step, Step::Language);
    assert!(screen(&app).by.is_some());

    shop_details(&mut app, "00743110157");
    key(&mut app, Named::Enter);
    assert!(matches!(app.screen, Screen::Checkout), "{:?}", app.screen);
    assert_eq!(app.register().settings().shop.vat_number, "00743110157");
    assert_eq!(app.register().settings().register_id, "2");
}

#[test]
fn add_my_terminal_asks_for_new_pins_then_adds_an_ecr17_terminal_as_the_default() {
    use tameio::terminal::{Protocol, ecr17};
    use tameio::ui::screen::manager::settings::terminals;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let sim = rt.block_on(ecr17::sim::spawn_in_process(ecr17::sim::SimConfig::default())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    shop_details(&mut app, "094019245");
    key(&mut app, Named::F6);
    assert_eq!(screen(&app).step, Step::Pins);
    send(&mut app, first_run::Message::ManagerPin("4826".into()));
    send(&mut app, first_run::Message::ManagerPinAgain("4826".into()));
    send(&mut app, first_run::Message::CashierPin("3715".into()));
    send(&mut app, first_run::Message::CashierPinAgain("3715".into()));
    key(&mut app, Named::Enter);

    let Screen::Manager(m) = &app.screen else { panic!("not in Settings: {:?}", app.screen) };
    assert_eq!(m.tab, Tab::Settings);
    assert_eq!(m.settings.section, Section::Terminals);
    assert!(dir.path().join(tameio::config::SETTINGS_FILE).exists(), "the settings are saved");
    assert!(app.register().authorize_manager("4826").is_ok(), "the manager's new PIN works");

    let t = |m| Message::Manager(manager::Message::Settings(settings::Message::Terminals(m)));
    settle(&mut app, t(terminals::Message::Name("counter".into())));
    settle(&mut app, t(terminals::Message::Protocol(Protocol::Ecr17)));
    settle(&mut app, t(terminals::Message::Addr(sim.addr.to_string())));
    settle(&mut app, t(terminals::Message::UseDefault(true)));
    settle(&mut app, t(terminals::Message::Add));
    let Screen::Manager(m) = &app.screen else { panic!("left Settings") };
    assert_eq!(m.settings.terminals.terminals.len(), 1, "{:?}", m.settings.terminals.notice);
    assert_eq!(app.register().settings().default_terminal, "counter");
    drop(sim);
}

/// Each PIN is typed twice and saved only when both agree; Back forgets what was typed (the
/// walk found a manager PIN that had silently become "24682468"). The first field has an id the
/// step focuses when it opens, so Tab walks on from it.
#[test]
fn new_pins_are_typed_twice_and_cleared_on_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    shop_details(&mut app, "094019245");
    key(&mut app, Named::F6);
    assert_eq!(screen(&app).step, Step::Pins);
    send(&mut app, first_run::Message::ManagerPin("2468".into()));
    key(&mut app, Named::Escape);
    key(&mut app, Named::F6);
    let pins = screen(&app);
    assert_eq!(pins.step, Step::Pins);
    assert!(pins.manager_pin.is_empty() && pins.manager_pin_again.is_empty(), "Back cleared the PINs");

    send(&mut app, first_run::Message::ManagerPin("4826".into()));
    send(&mut app, first_run::Message::ManagerPinAgain("4862".into()));
    send(&mut app, first_run::Message::CashierPin("3715".into()));
    send(&mut app, first_run::Message::CashierPinAgain("3715".into()));
    key(&mut app, Named::Enter);
    assert_eq!(screen(&app).step, Step::Pins, "two different manager PINs are not saved");
    assert_eq!(screen(&app).notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    assert!(screen(&app).manager_pin_again.is_empty(), "the second one is typed again");
    assert!(app.register().authorize_manager("9999").is_ok(), "nothing changed yet");
    assert!(app.register().authorize_manager("4826").is_err());

    // The first field is the one the step focuses; typing there reaches the manager's PIN.
    let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
    ui.click(iced::widget::Id::new(first_run::MANAGER_PIN_ID)).expect("the first PIN field");
    ui.typewrite("1");
    let typed: Vec<_> = ui.into_messages().collect();
    assert!(
        typed
            .iter()
            .any(|m| matches!(m, Message::FirstRun(first_run::Message::ManagerPin(p)) if p == "48261")),
        "{typed:?}"
    );
    send(&mut app, first_run::Message::ManagerPinAgain("4826".into()));
    key(&mut app, Named::Enter);
    assert!(app.register().authorize_manager("4826").is_ok(), "saved once both agree");
}

/// The walk kept "tameio demo shop" as a real shop's name and finished without an ΑΦΜ: the
/// name starts empty, a missing VAT number is said on the last step, and a real terminal is
/// refused until it is there.
#[test]
fn first_run_says_what_is_missing_before_it_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, Named::Enter);
    assert_eq!(screen(&app).step, Step::Shop);
    assert!(screen(&app).name.is_empty(), "the demo shop's name is not offered as the shop's");
    send(&mut app, first_run::Message::Next);
    assert_eq!(screen(&app).step, Step::Shop, "a shop needs a name");
    send(&mut app, first_run::Message::ShopName("Μπακάλικο Νίκου".into()));
    send(&mut app, first_run::Message::Next);
    assert_eq!(screen(&app).step, Step::Finish);
    let missing = "Missing: the VAT number (ΑΦΜ / Partita IVA). Receipts carry none until it is added in Settings · Shop.";
    assert!(
        iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view())
            .find(missing)
            .is_ok()
    );
    key(&mut app, Named::F6);
    assert_eq!(screen(&app).step, Step::Finish, "no real terminal without the VAT number");
    assert_eq!(screen(&app).notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    key(&mut app, Named::Escape);
    send(&mut app, first_run::Message::VatNumber("094019245".into()));
    send(&mut app, first_run::Message::Next);
    key(&mut app, Named::F6);
    assert_eq!(screen(&app).step, Step::Pins);
}
