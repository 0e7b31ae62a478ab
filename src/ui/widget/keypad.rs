//! The numeric pad: 7 8 9 / 4 5 6 / 1 2 3 / , 0 ⌫ and a wide Enter key, each sending the
//! same action as the keyboard key.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length};

use crate::ui::keys::Action;
use crate::ui::theme::{self, BUTTON_HEIGHT};

/// The pad; `enter` labels the wide key at the bottom (empty for none), `decimal` is the
/// locale's separator.
pub fn view<'a, M: Clone + 'a>(
    on: impl Fn(Action) -> M + Copy + 'a,
    enter: String,
    decimal: &'static str,
) -> Element<'a, M> {
    let key = |label: &'static str, action: Action| -> Element<'a, M> {
        button(container(text(label).size(22)).center(Length::Fill))
            .on_press(on(action))
            .width(Length::Fill)
            .height(Length::Fixed(BUTTON_HEIGHT))
            .style(theme::buttons::key)
            .into()
    };
    let rows = [["7", "8", "9"], ["4", "5", "6"], ["1", "2", "3"]];
    let mut pad = column![].spacing(6);
    for r in rows {
        let mut line = row![].spacing(6);
        for d in r {
            let ch = d.chars().next().unwrap_or('0');
            line = line.push(key(d, Action::Digit(ch)));
        }
        pad = pad.push(line);
    }
    pad = pad.push(
        row![key(decimal, Action::Decimal), key("0", Action::Digit('0')), key("⌫", Action::Backspace)]
            .spacing(6),
    );
    if !enter.is_empty() {
        pad = pad.push(
            button(container(text(enter).size(theme::BODY)).center(Length::Fill))
                .on_press(on(Action::Enter))
                .width(Length::Fill)
                .height(Length::Fixed(BUTTON_HEIGHT))
                .style(theme::buttons::primary),
        );
    }
    pad.into()
}
