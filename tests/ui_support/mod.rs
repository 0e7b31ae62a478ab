//! Helpers for the UI tests: an app on an in-memory register, key presses as the keyboard
//! subscription would send them, sign-in and scanning.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use iced::keyboard::{self, Key, Location, Modifiers, key::Named, key::Physical};
use tameio::config::Settings;
use tameio::domain::Lang;
use tameio::register::Register;
use tameio::ui::app::{App, Message};
use tameio::ui::jobs;
use tameio::ui::screen::signin;

pub const FETA: &str = "5200000001013"; // 4,20, VAT 13 %
pub const YOGHURT: &str = "5200000001020"; // 4,50
pub const OLIVE_OIL_PLU: &str = "401"; // 9,90
pub const TOMATOES_PLU: &str = "301"; // weighed, 2,19/kg

pub fn settings(lang: Lang) -> Settings {
    Settings { language: Some(lang), ..Settings::default() }
}

/// The app booted on an in-memory register, users and catalogue loaded.
pub fn app_with(settings: Settings) -> App {
    let reg = Arc::new(Register::in_memory(settings).unwrap());
    let (mut app, boot) = App::new(reg);
    for job in boot {
        let answer = jobs::run(app.register(), &app.ctx.i18n, job);
        app.settle(answer);
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
        app.settle(press(Key::Character(s.as_str().into()), Some(&s)));
    }
}

pub fn key(app: &mut App, named: Named) {
    app.settle(press(Key::Named(named), None));
}

/// Scanner: digits then Enter.
pub fn scan(app: &mut App, code: &str) {
    type_text(app, code);
    key(app, Named::Enter);
}

pub fn sign_in(app: &mut App, name: &str, pin: &str) {
    let id = app.users.iter().find(|u| u.name == name).expect("demo user").id;
    app.settle(Message::SignIn(signin::Message::Pick(id)));
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
