//! Headless clicks through sign-in → ring up → cash payment → receipt in every language,
//! with the app's own font; asserts the translated texts are on screen. The crate builds
//! only the tiny-skia renderer; CI also sets `ICED_TEST_BACKEND=tiny-skia` as STACK.md says.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced_test::Simulator;
use tameio::domain::{Lang, Money};
use tameio::ui::app::{App, Message};

/// Renders the app, does `steps` with the simulator, feeds the messages back to `update`.
fn interact(app: &mut App, steps: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_settings(tameio::ui::settings(), app.view());
        steps(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        settle(app, m);
    }
}

fn sees(app: &App, text: &str) {
    let mut ui = Simulator::with_settings(tameio::ui::settings(), app.view());
    assert!(ui.find(text).is_ok(), "{text:?} is not on screen");
}

fn click_through(lang: Lang, feta: &str, dairy: &str) {
    let mut app = app_with(settings(lang));
    let tr = |id: &str| app.ctx.i18n.tr(id);
    let (sign_in, cash, exact, complete, new_sale) = (
        app.ctx.i18n.tr_args("signin-button-key", &[("key", "Enter".into())]),
        tr("action-cash"),
        tr("cash-exact"),
        tr("cash-complete"),
        tr("action-new-sale"),
    );
    sees(&app, &tr("signin-title"));
    interact(&mut app, |ui| {
        ui.click("Maria").unwrap();
        for d in ["1", "1", "1", "1"] {
            ui.click(d).unwrap();
        }
        ui.click(sign_in.as_str()).unwrap();
    });
    assert!(app.ctx.operator.is_some(), "{lang:?}: signed in");
    interact(&mut app, |ui| {
        ui.click(dairy).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(feta).unwrap();
    });
    let total = app.ctx.i18n.money(Money::from_cents(420));
    sees(&app, &total);
    sees(&app, &app.ctx.i18n.tr("receipt-total"));
    interact(&mut app, |ui| {
        ui.click(cash.as_str()).unwrap();
    });
    sees(&app, &app.ctx.i18n.tr("cash-title"));
    interact(&mut app, |ui| {
        ui.click(exact.as_str()).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(complete.as_str()).unwrap();
    });
    let i18n = app.ctx.i18n.clone();
    sees(&app, &i18n.tr("receipt-title"));
    sees(&app, &tameio::fl!(i18n, "receipt-number", number = 1));
    sees(&app, &i18n.tr("receipt-cash"));
    sees(&app, &tameio::fl!(i18n, "sale-done", number = 1, change = i18n.money(Money::ZERO)));
    interact(&mut app, |ui| {
        ui.click(new_sale.as_str()).unwrap();
    });
    sees(&app, &i18n.tr("cart-empty"));
}

/// Sign in, ring up, pay by card on the demo terminal, see the receipt.
fn card_click_through(lang: Lang, feta: &str, dairy: &str) {
    let _card = card_lock();
    let mut app = app_with(settings(lang));
    let tr = |id: &str| app.ctx.i18n.tr(id);
    let sign_in = app.ctx.i18n.tr_args("signin-button-key", &[("key", "Enter".into())]);
    let (card, banner) = (tr("action-card"), tr("demo-terminal-banner"));
    interact(&mut app, |ui| {
        ui.click("Maria").unwrap();
        for d in ["1", "1", "1", "1"] {
            ui.click(d).unwrap();
        }
        ui.click(sign_in.as_str()).unwrap();
    });
    sees(&app, &format!("! {banner}"));
    interact(&mut app, |ui| {
        ui.click(dairy).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(feta).unwrap();
    });
    interact(&mut app, |ui| {
        ui.click(card.as_str()).unwrap();
    });
    let i18n = app.ctx.i18n.clone();
    sees(&app, &i18n.tr("receipt-title"));
    sees(&app, &i18n.tr("receipt-card"));
    sees(&app, &i18n.tr("receipt-print"));
    sees(&app, &i18n.tr("receipt-save-pdf"));
    // Card only: no "change 0,00" (issue 23 item 22).
    sees(&app, &tameio::fl!(i18n, "sale-done-no-change", number = 1));
}

#[test]
fn card_english() {
    card_click_through(Lang::En, "Feta PDO 400g", "Dairy");
}

#[test]
fn card_greek() {
    card_click_through(Lang::El, "Φέτα ΠΟΠ 400g", "Γαλακτοκομικά");
}

#[test]
fn card_italian() {
    card_click_through(Lang::It, "Feta DOP 400g", "Latticini");
}

#[test]
fn english() {
    click_through(Lang::En, "Feta PDO 400g", "Dairy");
}

#[test]
fn greek() {
    click_through(Lang::El, "Φέτα ΠΟΠ 400g", "Γαλακτοκομικά");
}

#[test]
fn italian() {
    click_through(Lang::It, "Feta DOP 400g", "Latticini");
}
