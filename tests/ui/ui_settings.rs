//! The manager's settings tab, update-driven against a real register: users and PINs, VAT
//! classes, the test print on the printer simulator, and terminals tested and paired against
//! the ECR17 and WebECR simulators. Register calls and terminal work run to their end.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::config::Places;
use tameio::domain::{Lang, Market, Role, VatRate};
use tameio::print::{self, SimMode};
use tameio::register::Register;
use tameio::terminal::{Protocol, ecr17, webecr};
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::manager::settings::{self, Section, printer, terminals, users, vat};
use tameio::ui::screen::manager::{self, Tab};
use tameio::ui::widget::NoticeKind;

/// The simulators' own runtime (the app's work runs on the support module's).
static SIMS: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap()
});

/// Signed in as the demo manager, on the settings tab, in this section.
fn settings_of(mut app: App, section: Section) -> App {
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    send(&mut app, settings::Message::Section(section));
    app
}

/// The manager's PIN once the demo PINs are changed (real terminals wait for that).
const OWN_MANAGER_PIN: &str = "4826";

/// Gives the demo users PINs of their own, as the register asks before a real terminal.
fn change_demo_pins(app: &App) {
    let reg = app.register();
    let boss = reg.authorize_manager("9999").unwrap();
    for (name, pin) in [("Maria", "3715"), ("Nikos", OWN_MANAGER_PIN)] {
        let id = reg.user_by_name(name).unwrap().id;
        reg.set_pin(&boss, id, pin).unwrap();
    }
}

/// The demo PINs changed, signed in as the manager, on the terminals section.
fn terminals_of(app: App) -> App {
    change_demo_pins(&app);
    let mut app = app;
    sign_in(&mut app, "Nikos", OWN_MANAGER_PIN);
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    send(&mut app, settings::Message::Section(Section::Terminals));
    app
}

fn send(app: &mut App, m: settings::Message) {
    settle(app, Message::Manager(manager::Message::Settings(m)));
}

fn pane(app: &App) -> &settings::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.settings,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn user(app: &mut App, m: users::Message) {
    send(app, settings::Message::Users(m));
}

fn notice(n: Option<&tameio::ui::widget::Notice>) -> (NoticeKind, String) {
    let n = n.expect("a notice");
    (n.kind, n.text.clone())
}

fn type_pins(app: &mut App, pin: &str, again: &str) {
    user(app, users::Message::Pin(pin.into()));
    user(app, users::Message::PinAgain(again.into()));
}

#[test]
fn a_manager_adds_a_cashier_who_then_signs_in_with_the_new_pin() {
    let mut app = settings_of(app(), Section::Users);
    assert_eq!(pane(&app).users.staff.len(), 2, "the demo users are listed");
    user(&mut app, users::Message::Name("Eleni".into()));
    user(&mut app, users::Message::Role(Role::Cashier));
    type_pins(&mut app, "2468", "2468");
    user(&mut app, users::Message::Add);
    let p = &pane(&app).users;
    assert_eq!(
        notice(p.notice.as_ref()),
        (NoticeKind::Done, "Eleni was added and can sign in with the new PIN.".into())
    );
    assert!(p.staff.iter().any(|s| s.user.name == "Eleni" && s.active && s.user.role == Role::Cashier));
    assert!(p.pin.is_empty() && p.pin_again.is_empty(), "PINs are not kept on screen");

    settle(&mut app, Message::Lock);
    sign_in(&mut app, "Eleni", "2468");
    assert_eq!(app.ctx.operator.as_ref().map(|o| o.name.as_str()), Some("Eleni"));
    assert!(matches!(app.screen, Screen::Checkout));
}

#[test]
fn a_locked_cashier_is_shown_locked_and_unlocked_from_the_users_list() {
    let mut app = app();
    let maria = app.register().user_by_name("Maria").unwrap().id;
    for _ in 0..tameio::domain::PIN_LOCK_AFTER {
        assert!(app.register().sign_in(maria, "0000").is_err());
    }
    // The right PIN at the sign-in screen says why it opens nothing.
    sign_in(&mut app, "Maria", "1111");
    let Screen::SignIn(s) = &app.screen else { panic!("still signing in") };
    assert!(s.notice.as_ref().unwrap().text.starts_with("Maria is locked"), "{:?}", s.notice);
    let listed = s.users.iter().find(|u| u.id == maria).unwrap();
    assert!(listed.failed_pins >= tameio::domain::PIN_LOCK_AFTER, "the list shows the lock: {listed:?}");

    let mut app = settings_of(app, Section::Users);
    let row = pane(&app).users.staff.iter().find(|s| s.user.id == maria).unwrap();
    assert!(row.locked && row.active);
    user(&mut app, users::Message::Unlock(maria));
    let (kind, text) = notice(pane(&app).users.notice.as_ref());
    assert_eq!((kind, text.as_str()), (NoticeKind::Done, "Maria may try their PIN again."));
    assert!(!pane(&app).users.staff.iter().any(|s| s.locked));
    let audit = app.register().store().audit_entries(50).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "pin.unlock" && e.actor == "Nikos" && e.subject == format!("user:{maria}"))
    );

    settle(&mut app, Message::Lock);
    sign_in(&mut app, "Maria", "1111");
    assert!(matches!(app.screen, Screen::Checkout));
}

#[test]
fn mismatched_short_or_duplicate_users_are_refused_and_nothing_is_stored() {
    let mut app = settings_of(app_with(settings(Lang::El)), Section::Users);
    user(&mut app, users::Message::Name("Eleni".into()));
    type_pins(&mut app, "2468", "2469");
    user(&mut app, users::Message::Add);
    let (kind, text) = notice(pane(&app).users.notice.as_ref());
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("δεν είναι ίδια"), "in Greek: {text}");

    type_pins(&mut app, "246", "246");
    user(&mut app, users::Message::Add);
    assert!(notice(pane(&app).users.notice.as_ref()).1.contains("4 έως 8"));

    type_pins(&mut app, "24a8", "24a8");
    user(&mut app, users::Message::Add);
    assert!(notice(pane(&app).users.notice.as_ref()).1.contains("ψηφία"));

    user(&mut app, users::Message::Name("maria".into()));
    type_pins(&mut app, "2468", "2468");
    user(&mut app, users::Message::Add);
    assert!(notice(pane(&app).users.notice.as_ref()).1.contains("maria"));

    assert_eq!(app.register().staff().unwrap().len(), 2, "nothing stored");
}

#[test]
fn a_changed_pin_replaces_the_old_one_and_a_deactivated_user_cannot_sign_in() {
    let mut app = settings_of(app(), Section::Users);
    let maria = app.register().user_by_name("Maria").unwrap().id;
    user(&mut app, users::Message::ChangePin(maria));
    assert_eq!(pane(&app).users.pin_for.as_ref().map(|p| p.1.as_str()), Some("Maria"));
    type_pins(&mut app, "5555", "5555");
    user(&mut app, users::Message::SavePin);
    assert_eq!(notice(pane(&app).users.notice.as_ref()).0, NoticeKind::Done);
    assert!(pane(&app).users.pin_for.is_none());
    assert!(app.register().sign_in(maria, "1111").is_err());
    assert!(app.register().sign_in(maria, "5555").is_ok());

    user(&mut app, users::Message::SetActive(maria, false));
    assert!(pane(&app).users.staff.iter().any(|s| s.user.id == maria && !s.active));
    assert!(app.users.iter().all(|u| u.id != maria), "gone from the sign-in list");
    let nikos = app.register().user_by_name("Nikos").unwrap().id;
    user(&mut app, users::Message::SetActive(nikos, false));
    let (kind, text) = notice(pane(&app).users.notice.as_ref());
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("last manager"), "{text}");
}

#[test]
fn moving_a_vat_class_asks_once_then_moves_every_product() {
    let mut app = settings_of(app(), Section::Vat);
    let table = pane(&app).vat.table.clone().expect("the table loaded");
    assert_eq!(table.market, Market::Greece);
    let at_24 = table.products_at(VatRate(2400));
    assert!(at_24 > 0);
    assert_eq!(table.products_at(VatRate(1700)), 0);
    let v = |m| settings::Message::Vat(m);
    send(&mut app, v(vat::Message::From(VatRate(2400))));
    send(&mut app, v(vat::Message::To(VatRate(1700))));
    send(&mut app, v(vat::Message::Move));
    let question = pane(&app).vat.confirm.clone().expect("asked once");
    assert_eq!(
        question,
        format!(
            "{at_24} products will move from A 24 % to D 17 %. Receipts already issued keep their VAT. Move them now?"
        )
    );
    send(&mut app, v(vat::Message::Confirm(false)));
    assert_eq!(
        app.register().vat_classes().unwrap().products_at(VatRate(2400)),
        at_24,
        "cancelled: nothing moved"
    );

    send(&mut app, v(vat::Message::Move));
    send(&mut app, v(vat::Message::Confirm(true)));
    let table = pane(&app).vat.table.clone().unwrap();
    assert_eq!(table.products_at(VatRate(2400)), 0);
    assert_eq!(table.products_at(VatRate(1700)), at_24);
    assert_eq!(notice(pane(&app).vat.notice.as_ref()).0, NoticeKind::Done);
    let plu = app.register().products().unwrap().into_iter().find(|p| p.vat == VatRate(1700)).unwrap().plu;
    let in_checkout = app.ctx.catalog.find(&plu.to_string()).unwrap().vat;
    assert_eq!(in_checkout, VatRate(1700), "the checkout's catalogue was reloaded");

    // Italy: the Greek rates are outside its table and reported.
    send(&mut app, v(vat::Message::Market(Market::Italy)));
    assert_eq!(app.ctx.settings.market, Market::Italy);
    let table = pane(&app).vat.table.clone().unwrap();
    assert_eq!(table.market, Market::Italy);
    assert!(table.products_not_in_table() > 0);
    assert_eq!(table, app.register().vat_classes().unwrap());
}

fn start_printer(mode: SimMode) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_path_buf();
    let addr = SIMS.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        tokio::spawn(print::serve(listener, dir, mode));
        addr
    });
    (out, addr)
}

#[test]
fn a_test_page_prints_on_the_printer_simulator() {
    let (out, addr) = start_printer(SimMode::Normal);
    let mut app = settings_of(app(), Section::Printer);
    let p = |m| settings::Message::Printer(m);
    send(&mut app, p(printer::Message::Address(addr.clone())));
    send(&mut app, p(printer::Message::Paper(print::Paper::Roll58)));
    send(&mut app, p(printer::Message::Save));
    assert_eq!(app.ctx.settings.printer, addr);
    assert_eq!(app.register().settings().paper, "58mm");
    send(&mut app, p(printer::Message::Test));
    let (kind, text) = notice(pane(&app).printer.notice.as_ref());
    assert_eq!(kind, NoticeKind::Done, "{text}");
    assert!(text.contains(&addr));
    let preview = print::sim::job_files(out.path(), 1).1;
    let mut text = String::new();
    for _ in 0..50 {
        if let Ok(t) = std::fs::read_to_string(&preview) {
            text = t;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(text.contains("TEST PRINT") && text.contains("tameio demo shop"), "{text}");
}

#[test]
fn a_test_page_on_a_printer_that_is_off_says_so_in_the_users_language() {
    let (_out, addr) = start_printer(SimMode::Off);
    let mut app = settings_of(app_with(settings(Lang::It)), Section::Printer);
    send(&mut app, settings::Message::Printer(printer::Message::Address(addr)));
    send(&mut app, settings::Message::Printer(printer::Message::Test));
    let (kind, text) = notice(pane(&app).printer.notice.as_ref());
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("spenta"), "{text}");
    send(&mut app, settings::Message::Printer(printer::Message::Address("no such printer".into())));
    send(&mut app, settings::Message::Printer(printer::Message::Save));
    assert_eq!(notice(pane(&app).printer.notice.as_ref()).0, NoticeKind::Error, "a bad address is not saved");
    assert_eq!(app.register().settings().printer, "");
}

#[test]
fn an_ecr17_terminal_is_added_becomes_the_default_and_answers_the_test() {
    let sim = SIMS.block_on(ecr17::sim::spawn_in_process(ecr17::sim::SimConfig::default())).unwrap();
    let tid = ecr17::sim::SimConfig::default().tid;
    let mut app = settings_of(app(), Section::Terminals);
    assert!(pane(&app).terminals.terminals.is_empty());
    let t = |m| settings::Message::Terminals(m);
    let fill = |app: &mut App| {
        send(app, t(terminals::Message::Name("front".into())));
        send(app, t(terminals::Message::Protocol(Protocol::Ecr17)));
        send(app, t(terminals::Message::Addr(sim.addr.to_string())));
        send(app, t(terminals::Message::Tid(tid.clone())));
    };
    // While Maria and Nikos still have the demo PINs from the README, no real terminal.
    fill(&mut app);
    send(&mut app, t(terminals::Message::Add));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.starts_with("Change the demo PINs first: Maria, Nikos"), "{text}");
    assert!(app.register().terminals().unwrap().is_empty());

    change_demo_pins(&app);
    fill(&mut app);
    send(&mut app, t(terminals::Message::Add));
    let p = &pane(&app).terminals;
    assert_eq!(p.terminals.len(), 1);
    assert_eq!(notice(p.notice.as_ref()).1, "Terminal front was added. Card payments now go to front.");
    assert_eq!(app.ctx.settings.default_terminal, "front");
    assert_eq!(app.terminal.name, "front", "the status bar follows");

    send(&mut app, t(terminals::Message::Test("front".into())));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!(kind, NoticeKind::Done, "{text}");
    assert!(text.contains(&tid) && text.contains("TAMEIO SIM 1"), "{text}");

    // The same name again is refused, not silently replaced.
    send(&mut app, t(terminals::Message::Name("front".into())));
    send(&mut app, t(terminals::Message::Addr("10.0.0.9:8081".into())));
    send(&mut app, t(terminals::Message::Add));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!((kind, text.as_str()), (NoticeKind::Error, "There is already a terminal called front."));
    assert_eq!(app.register().terminals().unwrap()[0].addr, sim.addr.to_string());

    // Choosing the demo terminal is written down: an empty default never means "demo" once
    // a terminal is configured.
    send(&mut app, t(terminals::Message::MakeDefault("demo".into())));
    assert_eq!(app.register().settings().default_terminal, "demo");
    assert_eq!(app.terminal.name, "demo");
    sim.stop();
}

#[test]
fn a_webecr_terminal_pairs_with_the_code_from_its_screen_and_refuses_a_bad_one() {
    let sim = SIMS.block_on(webecr::sim::spawn_in_process(webecr::sim::SimConfig::default())).unwrap();
    let defaults = webecr::sim::SimConfig::default();
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    // A register already set up (a fresh folder opens the first-run screen).
    tameio::config::Settings::default().save(&places.settings()).unwrap();
    let (reg, _) = Register::open(&places).unwrap();
    let mut app = terminals_of(app_on(Arc::new(reg)));
    let t = |m| settings::Message::Terminals(m);
    send(&mut app, t(terminals::Message::Name("cloud".into())));
    send(&mut app, t(terminals::Message::Protocol(Protocol::WebEcr)));
    send(&mut app, t(terminals::Message::BaseUrl(sim.base_url())));
    send(&mut app, t(terminals::Message::Username(defaults.username.clone())));
    send(&mut app, t(terminals::Message::Password(defaults.password.clone())));
    send(&mut app, t(terminals::Message::UseDefault(false)));
    send(&mut app, t(terminals::Message::Add));
    assert_eq!(pane(&app).terminals.terminals.len(), 1, "{:?}", pane(&app).terminals.notice);
    assert_eq!(app.ctx.settings.default_terminal, "", "not made the default");

    send(&mut app, t(terminals::Message::PairOpen("cloud".into())));
    send(&mut app, t(terminals::Message::Code("1234".into())));
    send(&mut app, t(terminals::Message::Pair));
    assert!(notice(pane(&app).terminals.notice.as_ref()).1.contains("8 digits"));

    let expired = sim.sim.new_pairing_code();
    sim.sim.advance(16 * 60);
    send(&mut app, t(terminals::Message::Code(expired)));
    send(&mut app, t(terminals::Message::Pair));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("older than 15 minutes"), "{text}");
    assert!(pane(&app).terminals.pairing.is_some(), "the code may be typed again");

    send(&mut app, t(terminals::Message::Code(sim.sim.new_pairing_code())));
    send(&mut app, t(terminals::Message::Pair));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!(kind, NoticeKind::Done, "{text}");
    assert_eq!(text, format!("cloud is paired with terminal {}.", defaults.tid));
    assert_eq!(pane(&app).terminals.terminals[0].terminal_id, defaults.tid);

    send(&mut app, t(terminals::Message::Test("cloud".into())));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!(kind, NoticeKind::Done, "{text}");
    assert!(text.contains(&defaults.tid), "{text}");

    // Removed: asked once, then gone with its password and key from the secrets file.
    let secrets = dir.path().join("secrets.toml");
    assert!(std::fs::read_to_string(&secrets).unwrap().contains(&defaults.password));
    send(&mut app, t(terminals::Message::Remove("cloud".into())));
    assert_eq!(notice(pane(&app).terminals.notice.as_ref()).0, NoticeKind::Warning, "it asks first");
    assert_eq!(pane(&app).terminals.terminals.len(), 1);
    send(&mut app, t(terminals::Message::RemoveConfirm(true)));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!((kind, text.as_str()), (NoticeKind::Done, "Terminal cloud removed."));
    assert!(app.register().terminals().unwrap().is_empty());
    assert!(!std::fs::read_to_string(&secrets).unwrap().contains(&defaults.password));
    sim.stop();
}

#[test]
fn the_default_terminal_removed_gives_card_payments_back_to_the_demo_one_and_an_open_payment_blocks_it() {
    let sim = SIMS.block_on(ecr17::sim::spawn_in_process(ecr17::sim::SimConfig::default())).unwrap();
    let mut app = terminals_of(app());
    let t = |m| settings::Message::Terminals(m);
    send(&mut app, t(terminals::Message::Name("front".into())));
    send(&mut app, t(terminals::Message::Addr(sim.addr.to_string())));
    send(&mut app, t(terminals::Message::Add));
    assert_eq!(app.terminal.name, "front");

    // A payment on it whose outcome is unknown: the terminal stays until it is resolved.
    use tameio::terminal::{Attempt, AttemptState, Journal, PaymentKind};
    let open = Attempt {
        id: uuid::Uuid::now_v7(),
        terminal: "front".into(),
        protocol: Protocol::Ecr17,
        kind: PaymentKind::Sale,
        amount: tameio::domain::Money::from_cents(100),
        order_id: None,
        reference: "x".into(),
        state: AttemptState::Prepared,
        created_at: chrono::Local::now().to_rfc3339(),
        outcome: None,
        note: String::new(),
    };
    let journal: &dyn Journal = app.register().store().as_ref();
    journal.prepare(&open).unwrap();
    journal.set_state(open.id, AttemptState::Unknown, "link dropped").unwrap();
    send(&mut app, t(terminals::Message::Remove("front".into())));
    send(&mut app, t(terminals::Message::RemoveConfirm(true)));
    let (kind, text) = notice(pane(&app).terminals.notice.as_ref());
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("not known yet"), "{text}");
    assert_eq!(app.register().terminals().unwrap().len(), 1);

    let boss = app.register().authorize_manager(OWN_MANAGER_PIN).unwrap();
    app.register()
        .force_attempt(
            &boss,
            open.id,
            &tameio::terminal::Outcome::Cancelled { message: "not charged".into() },
        )
        .unwrap();
    send(&mut app, t(terminals::Message::Remove("front".into())));
    send(&mut app, t(terminals::Message::RemoveConfirm(true)));
    assert!(app.register().terminals().unwrap().is_empty(), "{:?}", pane(&app).terminals.notice);
    assert_eq!(app.register().settings().default_terminal, "");
    assert_eq!(app.terminal.name, "demo", "the status bar follows");
    sim.stop();
}
