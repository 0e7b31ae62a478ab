//! Settings · Shop: the myDATA link of card payments picked from three choices (a mode whose
//! id is missing, set with `tameio fiscal mode`, is refused with a notice and nothing is saved),
//! and the quantity ceiling.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::config::Settings;
use tameio::domain::Lang;
use tameio::fiscal::{FiscalMode, FiscalSettings};
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::manager::settings::{self, Section, shop};
use tameio::ui::screen::manager::{self, Tab};
use tameio::ui::widget::NoticeKind;

fn send(app: &mut App, m: shop::Message) {
    settle(app, Message::Manager(manager::Message::Settings(settings::Message::Shop(m))));
}

fn shop_pane(app: &App) -> &shop::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.settings.shop,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

#[test]
fn the_shop_section_picks_the_fiscal_mode() {
    let fiscal = FiscalSettings { provider_id: "999".into(), ..FiscalSettings::default() };
    let mut app = app_with(Settings { fiscal, ..settings(Lang::En) });
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    settle(&mut app, Message::Manager(manager::Message::Settings(settings::Message::Section(Section::Shop))));
    assert_eq!(shop_pane(&app).fiscal, FiscalMode::None, "the default");

    send(&mut app, shop::Message::Fiscal(FiscalMode::FiscalDevice));
    send(&mut app, shop::Message::Save);
    let notice = shop_pane(&app).notice.clone().expect("refused: no ECR id");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert_eq!(app.register().settings().fiscal.mode, FiscalMode::None, "nothing saved");

    send(&mut app, shop::Message::Fiscal(FiscalMode::Provider));
    send(&mut app, shop::Message::Save);
    let saved = app.register().settings().fiscal;
    assert_eq!((saved.mode, saved.provider_id.as_str()), (FiscalMode::Provider, "999"));
}

/// The quantity ceiling the checkout asks above (issue 13) is set here too; 0 turns it off.
#[test]
fn the_shop_section_sets_the_quantity_ceiling() {
    let mut app = app_with(settings(Lang::En));
    sign_in(&mut app, "Nikos", "9999");
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(Tab::Settings)));
    settle(&mut app, Message::Manager(manager::Message::Settings(settings::Message::Section(Section::Shop))));
    assert_eq!(shop_pane(&app).max_quantity, "100", "the default");

    send(&mut app, shop::Message::MaxQuantity("2x5".into()));
    assert_eq!(shop_pane(&app).max_quantity, "25", "digits only");
    send(&mut app, shop::Message::Save);
    assert_eq!(app.register().settings().max_quantity, 25);

    send(&mut app, shop::Message::MaxQuantity(String::new()));
    send(&mut app, shop::Message::Save);
    assert_eq!(shop_pane(&app).notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error), "empty is refused");
    assert_eq!(app.register().settings().max_quantity, 25, "nothing saved");
}
