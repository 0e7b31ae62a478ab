//! nexo in the GUI, update-driven against the nexo simulator: a manager adds a nexo terminal
//! in Settings → Terminals (bad input told, nothing lost) and tests it; at the till, Esc during
//! a slow payment sends Abort and the payment ends as the terminal reports it: cancelled,
//! nothing charged. The signature cases are in `ui_nexo_signature`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::mpsc;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use crate::support::ui::*;
use iced::futures::StreamExt;
use iced::keyboard::key::Named;
use tameio::domain::Lang;
use tameio::i18n::I18n;
use tameio::register::Register;
use tameio::terminal::nexo::sim::{NexoSim, SimConfig, spawn_in_process};
use tameio::terminal::{AttemptState, Progress, Protocol, TerminalConfig};
use tameio::ui::app::link;
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::request::Work;
use tameio::ui::screen::card::{self, Phase};
use tameio::ui::screen::manager::settings::{self, Section, nexo_form, terminals};
use tameio::ui::screen::manager::{self, Tab};
use tameio::ui::widget::NoticeKind;

/// The simulators' own runtime (the app's work runs on the support module's).
pub(super) static SIMS: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap()
});

pub(super) const POIID: &str = "A-POIID";
const MANAGER_PIN: &str = "4826";
pub(super) const CASHIER_PIN: &str = "3715";

/// Quick card dialogs, no rest after a payment; `slow` (cents .62) holds the Payment open
/// far longer than any test runs, so only an Abort ends it.
pub(super) fn sim_config() -> SimConfig {
    SimConfig { step_ms: 20, slow_ms: 600_000, busy_after_ms: 0, busy_polls: 0, ..SimConfig::default() }
}

/// Gives the demo users PINs of their own, as the register asks before a real terminal.
fn change_demo_pins(reg: &Register) {
    let boss = reg.authorize_manager("9999").unwrap();
    for (name, pin) in [("Maria", CASHIER_PIN), ("Nikos", MANAGER_PIN)] {
        let id = reg.user_by_name(name).unwrap().id;
        reg.set_pin(&boss, id, pin).unwrap();
    }
}

fn send(app: &mut App, m: terminals::Message) {
    settle(app, Message::Manager(manager::Message::Settings(settings::Message::Terminals(m))));
}

fn pane(app: &App) -> &terminals::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.settings.terminals,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn notice(app: &App) -> (NoticeKind, String) {
    let n = pane(app).notice.as_ref().expect("a notice");
    (n.kind, n.text.clone())
}

#[test]
fn a_nexo_terminal_is_added_with_its_poiid_and_answers_the_test() {
    let sim = SIMS.block_on(spawn_in_process(sim_config())).unwrap();
    let mut app = app_with(settings(Lang::El));
    change_demo_pins(app.register());
    sign_in(&mut app, "Nikos", MANAGER_PIN);
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    settle(
        &mut app,
        Message::Manager(manager::Message::Settings(settings::Message::Section(Section::Terminals))),
    );
    assert!(terminals::PROTOCOLS.contains(&Protocol::Nexo), "nexo is offered");

    // The address without its port, and no POIID yet: refused in Greek, the form kept.
    let host = sim.addr.ip().to_string();
    send(&mut app, terminals::Message::Name("pax".into()));
    send(&mut app, terminals::Message::Protocol(Protocol::Nexo));
    send(&mut app, terminals::Message::Addr(host.clone()));
    send(&mut app, terminals::Message::Add);
    let (kind, text) = notice(&app);
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.starts_with("Συμπληρώστε το POIID"), "{text}");
    assert!(app.register().terminals().unwrap().is_empty(), "nothing stored");
    let form = &pane(&app).form;
    assert_eq!(
        (form.name.as_str(), form.protocol, form.addr.as_str()),
        ("pax", Protocol::Nexo, host.as_str())
    );

    // Full integration with a listener that is no address: refused, again nothing lost.
    send(&mut app, terminals::Message::Nexo(nexo_form::Field::Poiid(POIID.into())));
    send(&mut app, terminals::Message::Nexo(nexo_form::Field::Full(true)));
    send(&mut app, terminals::Message::Nexo(nexo_form::Field::Listen("the back office".into())));
    send(&mut app, terminals::Message::Add);
    let (kind, text) = notice(&app);
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("IP:PORT"), "{text}");
    assert_eq!(pane(&app).form.nexo.poiid, POIID, "the POIID typed is still there");
    assert!(app.register().terminals().unwrap().is_empty());

    // Light integration on the simulator's port; the POIID is what the terminal is asked with.
    send(&mut app, terminals::Message::Nexo(nexo_form::Field::Full(false)));
    send(&mut app, terminals::Message::Addr(sim.addr.to_string()));
    send(&mut app, terminals::Message::Add);
    let stored = app.register().terminals().unwrap();
    assert_eq!(stored.len(), 1, "{:?}", pane(&app).notice);
    let TerminalConfig { protocol, addr, options, .. } = &stored[0];
    assert_eq!((*protocol, addr.as_str()), (Protocol::Nexo, sim.addr.to_string().as_str()));
    assert_eq!(options["poiid"], POIID);
    assert_eq!(options["mode"], "light");
    assert_eq!(app.terminal.name, "pax", "card payments go to it");
    assert_eq!(pane(&app).form.nexo, nexo_form::Fields::default(), "the form is cleared once added");

    send(&mut app, terminals::Message::Test("pax".into()));
    let (kind, text) = notice(&app);
    assert_eq!(kind, NoticeKind::Done, "{text}");
    assert!(text.contains(&SimConfig::default().serial), "the terminal's serial number: {text}");
    // The status bar asked too, once the terminal became the default: every Login names it.
    let logins: Vec<_> = sim.sim.received().into_iter().filter(|r| r.category == "Login").collect();
    assert!(!logins.is_empty());
    assert!(logins.iter().all(|l| l.poi_id == POIID), "{logins:?}");
    assert!(sim.sim.received().iter().all(|r| r.category == "Login"), "a test moves no money");
    sim.stop();
}

/// Runs the app's work as the app does, except the card payment: its stream runs on its own
/// and its messages arrive on `rx` as they come, so keys can be pressed mid-payment.
pub(super) fn runner(
    tx: mpsc::Sender<Message>,
) -> impl FnMut(&Arc<Register>, &Arc<I18n>, Work) -> Vec<Message> {
    move |reg, i18n, work| match work {
        work @ Work::PayCard { .. } => {
            let mut stream = link::stream(reg.clone(), i18n.clone(), work);
            let tx = tx.clone();
            SIMS.spawn(async move {
                while let Some(m) = stream.next().await {
                    let _ = tx.send(m);
                }
            });
            Vec::new()
        }
        other => run_work(reg, i18n, other),
    }
}

pub(super) fn card_screen(app: &App) -> &card::CardPay {
    match &app.screen {
        Screen::Card(c) => c,
        other => panic!("not on the payment screen: {other:?}"),
    }
}

fn payments_at(sim: &NexoSim) -> usize {
    sim.received().iter().filter(|r| r.category == "Payment").count()
}

#[test]
fn esc_during_a_slow_nexo_payment_aborts_it_and_the_terminal_says_cancelled() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(sim_config())).unwrap();
    let mut app = till_on(&sim, 962); // .62: the slow scenario

    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    assert!(card_screen(&app).can_abort, "nexo can abort");
    let next = |rx: &mpsc::Receiver<Message>| {
        rx.recv_timeout(Duration::from_secs(120)).expect("the payment goes on")
    };

    // Until the request is with the terminal, Esc is not sent anywhere.
    while !card_screen(&app).events.contains(&Progress::Sent) {
        app.settle_with(next(&rx), &mut run);
    }
    while payments_at(&sim.sim) == 0 {
        std::thread::sleep(Duration::from_millis(5));
    }
    app.settle_with(press(iced::keyboard::Key::Named(Named::Escape), None), &mut run);
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Paying, "the Abort is no outcome: the payment's answer is");
    assert_eq!(c.status_text(&app.ctx).0, "… Cancelling on the terminal…");
    let aborts = || sim.sim.received().iter().filter(|r| r.category == "Abort").count();
    assert_eq!(aborts(), 1, "{:?}", sim.sim.received());

    // The payment's own answer ends it.
    while card_screen(&app).phase == Phase::Paying {
        app.settle_with(next(&rx), &mut run);
    }
    let c = card_screen(&app);
    // In the cashier's words; the terminal's own stay with the attempt.
    assert!(matches!(&c.phase, Phase::Cancelled(why) if why.contains("at your request")), "{:?}", c.phase);
    let attempt = c.attempt.clone().expect("the journal's attempt");
    let Some(tameio::terminal::Outcome::Cancelled { message }) = &attempt.outcome else {
        panic!("{attempt:?}")
    };
    assert!(message.contains("Aborted"), "{message}");
    assert_eq!(attempt.state, AttemptState::Cancelled);
    assert_eq!(aborts(), 1);
    assert_eq!(payments_at(&sim.sim), 1, "sent once, never again");
    assert!(app.register().open_attempts().unwrap().is_empty(), "nothing left open");
    assert!(app.register().attempt(attempt.id).unwrap().state == AttemptState::Cancelled);
    assert!(c.may_try_again(), "nothing was charged: the cashier may try again or take cash");
    sim.stop();
}

#[test]
fn esc_while_paying_on_a_terminal_that_cannot_abort_changes_nothing() {
    let _card = card_lock();
    let mut app = signed_in();
    cart_totalling(&mut app, 962); // the demo terminal (ECR17) takes its time too
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    assert!(!card_screen(&app).can_abort, "ECR17 has no cancel from the register");
    while !card_screen(&app).events.contains(&Progress::Sent) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
    }
    app.settle_with(press(iced::keyboard::Key::Named(Named::Escape), None), &mut run);
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Paying);
    assert_ne!(c.status_text(&app.ctx).0, "… Cancelling on the terminal…");
    // The payment runs to the demo terminal's own end: approved, the receipt shown.
    while matches!(&app.screen, Screen::Card(c) if c.in_flight()) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
    }
    assert!(matches!(&app.screen, Screen::Receipt(r) if r.receipt.total.cents() == 962), "{:?}", app.screen);
}

#[test]
fn in_full_integration_the_terminals_display_texts_show_on_the_payment_screen_as_they_come() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(sim_config())).unwrap();
    // The listener's port chosen here, so the simulated terminal knows where to post.
    let mut app = full_till(&sim, 950, Lang::En);

    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    let mut shown: Vec<String> = Vec::new();
    while matches!(&app.screen, Screen::Card(c) if c.in_flight()) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
        if let Screen::Card(c) = &app.screen
            && c.phase == Phase::Paying
            && !c.display.is_empty()
            && shown.last() != Some(&c.display)
        {
            shown.push(c.display.clone());
        }
    }
    assert_eq!(shown, ["Present card", "Enter PIN", "Authorising", "Approved"]);
    assert!(matches!(&app.screen, Screen::Receipt(r) if r.receipt.total.cents() == 950), "{:?}", app.screen);
    sim.stop();
}

/// A register with a light-integration nexo terminal "pax" on `sim` as the till's terminal,
/// Maria signed in with a sale of `cents` rung up.
fn till_on(sim: &tameio::terminal::sim::SimServer<NexoSim>, cents: i64) -> App {
    till_in(sim, cents, Lang::En)
}

/// `till_on` in the cashier's language.
pub(super) fn till_in(sim: &tameio::terminal::sim::SimServer<NexoSim>, cents: i64, lang: Lang) -> App {
    till_with(sim, cents, lang, nexo_form::Fields { poiid: POIID.into(), ..nexo_form::Fields::default() })
}

/// `till_in` with the terminal's settings as the form gives them.
pub(super) fn till_with(
    sim: &tameio::terminal::sim::SimServer<NexoSim>,
    cents: i64,
    lang: Lang,
    fields: nexo_form::Fields,
) -> App {
    let reg = Arc::new(
        Register::in_memory(tameio::config::Settings { default_terminal: "pax".into(), ..settings(lang) })
            .unwrap(),
    );
    change_demo_pins(&reg);
    let boss = reg.authorize_manager(MANAGER_PIN).unwrap();
    let (addr, options) = fields.check(&sim.addr.to_string()).unwrap();
    let config = TerminalConfig {
        name: "pax".into(),
        protocol: Protocol::Nexo,
        addr,
        terminal_id: String::new(),
        cash_register_id: "ECR1".into(),
        options,
    };
    reg.configure_terminal(&boss, config, "", "").unwrap();
    let mut app = app_on(reg);
    sign_in(&mut app, "Maria", CASHIER_PIN);
    cart_totalling(&mut app, cents);
    app
}

/// Maria at a till whose terminal "pax" speaks full integration with `sim` (listening on a
/// port chosen here, which the simulated terminal posts to), a sale of `cents` rung up.
pub(super) fn full_till(sim: &tameio::terminal::sim::SimServer<NexoSim>, cents: i64, lang: Lang) -> App {
    let listen = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    sim.sim.set_pos(&listen);
    let fields =
        nexo_form::Fields { poiid: POIID.into(), full: true, listen, ..nexo_form::Fields::default() };
    till_with(sim, cents, lang, fields)
}

#[test]
fn the_cancel_button_shows_its_key_and_cancels_like_esc() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(sim_config())).unwrap();
    let mut app = till_on(&sim, 962);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    while !card_screen(&app).events.contains(&Progress::Sent) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
    }
    while payments_at(&sim.sim) == 0 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let clicked: Vec<Message> = {
        let mut ui = iced_test::Simulator::with_settings(tameio::ui::settings(), app.view());
        assert!(ui.find("Esc").is_ok(), "the button names its key");
        ui.click("Cancel payment").unwrap();
        ui.into_messages().collect()
    };
    for m in clicked {
        app.settle_with(m, &mut run);
    }
    while card_screen(&app).phase == Phase::Paying {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
    }
    assert!(matches!(card_screen(&app).phase, Phase::Cancelled(_)), "{:?}", card_screen(&app).phase);
    // Logins aside (the status bar asks too): one Payment, one Abort.
    let categories: Vec<String> =
        sim.sim.received().into_iter().map(|r| r.category).filter(|c| c != "Login").collect();
    assert_eq!(categories, ["Payment", "Abort"]);
    sim.stop();
}

#[test]
fn esc_before_the_request_reaches_the_terminal_waits_for_it_and_may_be_pressed_again() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(sim_config())).unwrap();
    let mut app = till_on(&sim, 962);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    let esc = || press(iced::keyboard::Key::Named(Named::Escape), None);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    // Nothing has reached the terminal yet: Esc is remembered, nothing is sent.
    assert!(!card_screen(&app).events.contains(&Progress::Sent));
    app.settle_with(esc(), &mut run);
    assert_eq!(card_screen(&app).status_text(&app.ctx).0, "… Cancelling on the terminal…");
    let aborts = || sim.sim.received().iter().filter(|r| r.category == "Abort").count();
    assert_eq!(aborts(), 0);
    // The Abort goes with the request; should it overtake the Payment, Esc asks again.
    while !card_screen(&app).events.contains(&Progress::Sent) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
    }
    assert_eq!(aborts(), 1, "sent as soon as the request went out");
    while payments_at(&sim.sim) == 0 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut pressed_again = false;
    while card_screen(&app).phase == Phase::Paying {
        let m = match rx.try_recv() {
            Ok(m) => m,
            Err(_) if !pressed_again => {
                // Nothing new from the payment: the cashier presses Esc once more.
                pressed_again = true;
                esc()
            }
            Err(_) => rx.recv_timeout(Duration::from_secs(120)).unwrap(),
        };
        app.settle_with(m, &mut run);
    }
    assert!(matches!(card_screen(&app).phase, Phase::Cancelled(_)), "{:?}", card_screen(&app).phase);
    assert_eq!(payments_at(&sim.sim), 1, "sent once, never again");
    assert!((1..=2).contains(&aborts()), "{:?}", sim.sim.received());
    sim.stop();
}
