//! Settings · Terminals · Keys, update-driven against a real register on disk and the AADE 1155
//! simulator: the manager opens the form under an AADE 1155 card, types the master key, and the
//! terminal answers the init echo and takes a new session key, kept only in the secrets file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, LazyLock};

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::config::Places;
use tameio::register::Register;
use tameio::terminal::aade1155::sim::{SimConfig, spawn_in_process};
use tameio::terminal::{Protocol, TerminalConfig};
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::manager::settings::{self, Section, terminal_keys, terminals};
use tameio::ui::screen::manager::{self, Tab};
use tameio::ui::widget::NoticeKind;

const MK: &str = "ABCDEF01234567899876543210ABCDEF";

/// The simulator's own runtime (the app's work runs on the support module's).
static SIMS: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap()
});

fn send(app: &mut App, m: terminals::Message) {
    settle(app, Message::Manager(manager::Message::Settings(settings::Message::Terminals(m))));
}

fn pane(app: &App) -> &terminals::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.settings.terminals,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

#[test]
fn keys_are_set_up_from_the_terminals_settings() {
    let sim =
        SIMS.block_on(spawn_in_process(SimConfig { master_key: MK.into(), ..SimConfig::default() })).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    tameio::config::Settings::default().save(&places.settings()).unwrap();
    let (reg, _) = Register::open(&places).unwrap();
    let boss = reg.authorize_manager("9999").unwrap();
    let config = TerminalConfig {
        name: "gr".into(),
        protocol: Protocol::Aade1155,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "CFB77000028".into(),
        options: serde_json::Value::Null,
    };
    reg.add_terminal(&boss, &config).unwrap();
    let mut app = app_on(Arc::new(reg));
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    settle(
        &mut app,
        Message::Manager(manager::Message::Settings(settings::Message::Section(Section::Terminals))),
    );
    assert_eq!(pane(&app).terminals.len(), 1);

    let k = terminals::Message::Keys;
    send(&mut app, k(terminal_keys::Message::Open("gr".into())));
    assert_eq!(pane(&app).keys.open.as_deref(), Some("gr"));
    send(&mut app, k(terminal_keys::Message::MasterKey(MK.into())));
    send(&mut app, k(terminal_keys::Message::Run));
    let p = pane(&app);
    let notice = p.notice.as_ref().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Done, "{}", notice.text);
    assert!(notice.text.starts_with("gr: the terminal answered the init echo"), "{}", notice.text);
    assert!(p.keys.open.is_none() && p.keys.master_key.is_empty(), "the form closes and forgets the key");

    assert!(sim.sim.received().iter().any(|r| r.message == "ECR0110X/CFB77000028"));
    let secrets = std::fs::read_to_string(places.secrets()).unwrap();
    let table: toml::Table = secrets.parse().unwrap();
    let sk = table["aade1155"]["gr"]["session_key"].as_str().unwrap();
    assert_eq!(sim.sim.session_key().unwrap(), hex::decode(sk).unwrap());
    assert!(
        notice.text.contains(&hex::encode_upper(
            tameio::fiscal::kcv(&tameio::fiscal::parse_key(sk).unwrap()).unwrap()
        ))
    );
    sim.stop();
}
