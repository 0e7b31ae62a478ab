//! The iced GUI: sign-in, checkout, cash payment, receipt and the manager's screens. The UI
//! calls only `Register`; `application` builds the very program `run` starts and tests drive.

pub mod app;
pub mod catalog;
pub mod ctx;
pub mod keys;
pub mod request;
pub mod screen;
pub mod status;
pub mod theme;
pub mod widget;

use std::process::ExitCode;
use std::sync::Arc;

use iced::{Font, Settings as IcedSettings, Size, Theme, window};

use crate::config::Places;
use crate::i18n::I18n;
use crate::register::Register;
use app::{App, Message};

pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const FONT: Font = Font::with_name("DejaVu Sans");

/// The font settings the app and the headless tests share.
pub fn settings() -> IcedSettings {
    IcedSettings {
        fonts: vec![FONT_BYTES.into()],
        default_font: FONT,
        default_text_size: theme::BODY.into(),
        ..IcedSettings::default()
    }
}

/// The smallest screen a till has: the window opens at this size, so it never starts larger
/// than the screen, then grows to the screen (`App::fit_screen`).
pub const SMALLEST_SCREEN: Size = Size::new(1024.0, 768.0);

/// The window: maximized by a window manager, or full-screen for a dedicated till.
pub fn window_settings(fullscreen: bool) -> window::Settings {
    window::Settings {
        size: SMALLEST_SCREEN,
        maximized: !fullscreen,
        fullscreen,
        min_size: Some(Size::new(800.0, 600.0)),
        // A payment in flight is never cut off unasked: the app decides (see `App::update`).
        exit_on_close_request: false,
        ..window::Settings::default()
    }
}

/// The size the window takes, without a window manager, once it knows the screen: the
/// screen's own, whether the window opened larger (a screen under 1024×768) or smaller; `None`
/// when it already is. The window never stays larger than the screen.
pub fn fit_to_screen(now: Size, screen: Size) -> Option<Size> {
    let same = (now.width - screen.width).abs() < 1.0 && (now.height - screen.height).abs() < 1.0;
    (!same && screen.width > 0.0 && screen.height > 0.0).then_some(screen)
}

/// The program: boot, update, view, keys and clock, theme, font, window.
pub fn application(
    reg: Arc<Register>,
) -> iced::Application<impl iced::Program<State = App, Message = Message, Theme = Theme>> {
    let window = window_settings(reg.settings().ui.fullscreen);
    iced::application(move || App::boot(reg.clone()), App::update, App::view)
        .title("tameio")
        .subscription(App::subscription)
        .theme(App::theme)
        .settings(settings())
        .window(window)
}

pub fn run(places: Places) -> ExitCode {
    let reg = match Register::open(&places) {
        Ok((reg, problems)) => {
            for p in problems {
                tracing::warn!(field = %p.field, detail = %p.detail, "setting ignored");
            }
            Arc::new(reg)
        }
        Err(e) => {
            let (settings, _) = crate::config::Settings::load(&places.settings());
            eprintln!("{}", e.message(&I18n::new(settings.lang())));
            return ExitCode::FAILURE;
        }
    };
    match application(reg).run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
