//! Helpers for the UI tests: an app on an in-memory register, key presses as the keyboard
//! subscription would send them, sign-in and scanning.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use iced::futures::StreamExt;
use iced::keyboard::{self, Key, Location, Modifiers, key::Named, key::Physical};
use tameio::config::Settings;
use tameio::domain::Lang;
use tameio::i18n::I18n;
use tameio::register::Register;
use tameio::ui::app::jobs;
use tameio::ui::app::link;
use tameio::ui::app::{App, Message};
use tameio::ui::request::Work;
use tameio::ui::screen::signin;

/// One runtime for every test of a binary: the in-process demo terminals live on it.
static RT: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
});

/// Payments on terminal "demo" are one at a time per process (the session's in-flight
/// guard is global), so tests that pay take this first.
static CARD: Mutex<()> = Mutex::new(());

pub fn card_lock() -> MutexGuard<'static, ()> {
    CARD.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs terminal or printer work to its end, as the app's `Task::run` would, and returns
/// every message it produced, in order.
pub fn run_work(reg: &Arc<Register>, i18n: &Arc<I18n>, work: Work) -> Vec<Message> {
    let stream = link::stream(reg.clone(), i18n.clone(), work);
    RT.block_on(stream.collect::<Vec<_>>())
}

/// `App::settle` that also runs terminal and printer work.
pub fn settle(app: &mut App, message: Message) {
    app.settle_with(message, &mut run_work);
}

pub const FETA: &str = "5200000001013"; // 4,20, VAT 13 %
pub const YOGHURT: &str = "5200000001020"; // 4,50
pub const OLIVE_OIL_PLU: &str = "401"; // 9,90
pub const TOMATOES_PLU: &str = "301"; // weighed, 2,19/kg

pub fn settings(lang: Lang) -> Settings {
    Settings { language: Some(lang), ..Settings::default() }
}

/// The app booted on an in-memory register, users and catalogue loaded.
pub fn app_with(settings: Settings) -> App {
    app_on(Arc::new(Register::in_memory(settings).unwrap()))
}

/// The app started (again) on this register: start-up recovery runs first.
pub fn app_on(reg: Arc<Register>) -> App {
    let (mut app, boot) = App::new(reg);
    for job in boot {
        let answer = jobs::run(app.register(), &app.ctx.i18n, job);
        settle(&mut app, answer);
    }
    app
}

pub fn app() -> App {
    app_with(settings(Lang::En))
}

pub fn press(key: Key, text: Option<&str>) -> Message {
    Message::Key(keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::default(),
        text: text.map(Into::into),
        repeat: false,
    })
}

/// Types text as key presses (digits, `*`, `,`) the way a scanner does.
pub fn type_text(app: &mut App, text: &str) {
    for ch in text.chars() {
        let s = ch.to_string();
        settle(app, press(Key::Character(s.as_str().into()), Some(&s)));
    }
}

pub fn key(app: &mut App, named: Named) {
    settle(app, press(Key::Named(named), None));
}

/// Scanner: digits then Enter.
pub fn scan(app: &mut App, code: &str) {
    type_text(app, code);
    key(app, Named::Enter);
}

pub fn sign_in(app: &mut App, name: &str, pin: &str) {
    let id = app.users.iter().find(|u| u.name == name).expect("demo user").id;
    settle(app, Message::SignIn(signin::Message::Pick(id)));
    type_text(app, pin);
    key(app, Named::Enter);
}

pub fn signed_in() -> App {
    let mut app = app();
    sign_in(&mut app, "Maria", "1111");
    app
}

pub fn total_cents(app: &App) -> i64 {
    app.checkout.totals.total.cents()
}

/// Olive oil (9,90) with a sale discount that brings the total to `cents` (the demo
/// terminal picks its scenario by the cents: .61 declined, .64 lost result, …).
pub fn cart_totalling(app: &mut App, cents: i64) {
    use tameio::ui::screen::checkout::{self, DiscountKind, Target};
    scan(app, OLIVE_OIL_PLU);
    key(app, Named::F4);
    settle(app, Message::Checkout(checkout::Message::DiscountTarget(Target::Order)));
    settle(app, Message::Checkout(checkout::Message::DiscountKind(DiscountKind::Amount)));
    let off = 990 - cents;
    type_text(app, &format!("{}.{:02}", off / 100, off % 100));
    key(app, Named::Enter);
    assert_eq!(total_cents(app), cents);
}

/// The app on a register in a data folder of its own (reports, backups and locks go there),
/// with a settings file in `lang` so the first-run screen is skipped.
pub fn app_in_folder(dir: &std::path::Path, lang: Lang) -> App {
    Settings { language: Some(lang), ..Settings::default() }
        .save(&dir.join(tameio::config::SETTINGS_FILE))
        .unwrap();
    let (reg, _) = Register::open(&tameio::config::Places::resolve(Some(dir))).unwrap();
    app_on(Arc::new(reg.with_demo_step_ms(0)))
}

/// An AADE 1155 version 10 terminal (it takes preloaded receipts) where nothing listens.
pub fn aade_v10(name: &str) -> tameio::terminal::TerminalConfig {
    tameio::terminal::TerminalConfig {
        name: name.into(),
        protocol: tameio::terminal::Protocol::Aade1155,
        addr: "127.0.0.1:9".into(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    }
}

/// The app on an in-memory register whose till uses `terminal` (added by the demo manager).
pub fn app_with_terminal(lang: Lang, terminal: tameio::terminal::TerminalConfig) -> App {
    let reg =
        Register::in_memory(Settings { default_terminal: terminal.name.clone(), ..settings(lang) }).unwrap();
    let boss = reg.authorize_manager("9999").unwrap();
    reg.add_terminal(&boss, &terminal).unwrap();
    app_on(Arc::new(reg))
}

/// Signed in as the demo manager, on the manager's settings tab, in this section.
pub fn manager_settings(app: &mut App, section: tameio::ui::screen::manager::settings::Section) {
    use tameio::ui::screen::manager::{self, Tab, settings};
    sign_in(app, "Nikos", "9999");
    key(app, Named::F12);
    settle(app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    settle(app, Message::Manager(manager::Message::Settings(settings::Message::Section(section))));
}

/// A message for the settings' terminals section.
pub fn to_terminals(app: &mut App, m: tameio::ui::screen::manager::settings::terminals::Message) {
    use tameio::ui::screen::manager::{self, settings};
    settle(app, Message::Manager(manager::Message::Settings(settings::Message::Terminals(m))));
}

/// F12 and the manager's PIN at the till: the manager menu opens.
pub fn open_manager(app: &mut App) {
    use tameio::ui::app::Screen;
    use tameio::ui::screen::checkout::{self, Mode};
    key(app, Named::F12);
    assert!(matches!(app.checkout.mode, Mode::ManagerPin(checkout::Purpose::Menu)));
    scan(app, "9999");
    assert!(matches!(app.screen, Screen::Manager(_)), "manager menu opens");
}
