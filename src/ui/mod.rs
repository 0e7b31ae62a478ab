//! The iced GUI. For now a window that says where the register keeps its data;
//! the cashier's screens come with the GUI issue.

use std::process::ExitCode;

use iced::widget::{column, container, text};
use iced::{Element, Font, Length};

use crate::config::{Places, Settings};
use crate::fl;
use crate::i18n::I18n;

pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const FONT: Font = Font::with_name("DejaVu Sans");

struct Home {
    message: String,
}

#[derive(Debug, Clone)]
enum Message {
    #[allow(dead_code)]
    Noop,
}

pub fn run(places: Places) -> ExitCode {
    let (settings, _) = Settings::load(&places.settings());
    let i18n = I18n::new(settings.lang());
    let message = fl!(i18n, "data-dir-is", dir = places.data_dir.display().to_string());
    let result = iced::application(
        move || Home { message: message.clone() },
        |_: &mut Home, message: Message| match message {
            Message::Noop => iced::Task::none(),
        },
        view,
    )
    .title("tameio")
    .font(FONT_BYTES)
    .default_font(FONT)
    .run();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn view(home: &Home) -> Element<'_, Message> {
    container(column![text("tameio").size(40), text(&home.message).size(18)].spacing(16))
        .center(Length::Fill)
        .into()
}
