//! Small building blocks every screen shares: action buttons that show their key, the
//! numeric pad, banners and money rows.

pub mod chart;
pub mod keypad;

use iced::widget::{Column, Row, button, column, container, row, text};
use iced::{Alignment, Element, Length};

use super::keys::Action;
use super::theme::{self, BUTTON_HEIGHT};

type ButtonStyle = fn(&iced::Theme, button::Status) -> button::Style;

/// A large button with its label and, below it, the key (or keys: "Enter · F9") that do the same.
pub fn action<'a, M: Clone + 'a>(
    label: String,
    key: impl Into<std::borrow::Cow<'static, str>>,
    on: Option<M>,
    style: ButtonStyle,
) -> Element<'a, M> {
    let key = key.into();
    let content: Element<'a, M> = if key.is_empty() {
        text(label).size(theme::BODY).wrapping(text::Wrapping::WordOrGlyph).into()
    } else {
        column![
            text(label).size(theme::BODY).wrapping(text::Wrapping::WordOrGlyph),
            text(key.into_owned()).size(12).style(theme::texts::muted_on_button),
        ]
        .spacing(2)
        .align_x(Alignment::Center)
        .into()
    };
    button(container(content).center(Length::Fill))
        .on_press_maybe(on)
        .height(Length::Fixed(BUTTON_HEIGHT + 16.0))
        .width(Length::Fill)
        .padding([4, 6])
        .style(style)
        .into()
}

/// A banner: an error (✗), a warning (!) or good news (✓), symbol and colour together.
pub fn notice<'a, M: 'a>(notice: &Notice) -> Element<'a, M> {
    let (symbol, style): (&str, fn(&iced::Theme) -> container::Style) = match notice.kind {
        NoticeKind::Error => ("✗", theme::panels::error),
        NoticeKind::Warning => ("!", theme::panels::warning),
        NoticeKind::Done => ("✓", theme::panels::success),
    };
    container(row![text(symbol).size(20), text(notice.text.clone()).size(theme::BODY)].spacing(10))
        .padding([8, 12])
        .width(Length::Fill)
        .style(style)
        .into()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Error,
    Warning,
    Done,
}

impl Notice {
    pub fn error(text: String) -> Notice {
        Notice { kind: NoticeKind::Error, text }
    }

    pub fn warning(text: String) -> Notice {
        Notice { kind: NoticeKind::Warning, text }
    }

    pub fn done(text: String) -> Notice {
        Notice { kind: NoticeKind::Done, text }
    }
}

/// A label on the left and an amount aligned right.
pub fn amount_row<'a, M: 'a>(label: String, amount: String, size: f32) -> Element<'a, M> {
    row![
        text(label).size(size).width(Length::Fill),
        text(amount).size(size).align_x(iced::alignment::Horizontal::Right),
    ]
    .spacing(8)
    .align_y(Alignment::Center)
    .into()
}

/// A screen that takes an amount on the pad (cash, split): `entry` (title, amounts, help) on
/// the left with the notice under it, the pad on the right, and below them a Back (Esc)
/// button labelled `back` followed by `actions`.
pub fn keypad_screen<'a, M: Clone + 'a>(
    entry: Column<'a, M>,
    banner: Option<&Notice>,
    on_key: impl Fn(Action) -> M + Copy + 'a,
    decimal: &'static str,
    back: String,
    actions: Vec<Element<'a, M>>,
) -> Element<'a, M> {
    let mut left = entry.spacing(16).width(Length::Fill);
    if let Some(n) = banner {
        left = left.push(notice(n));
    }
    let back = action(back, Action::Escape.label(), Some(on_key(Action::Escape)), theme::buttons::key);
    let actions = Row::with_children(std::iter::once(back).chain(actions)).spacing(8);
    let right = column![keypad::view(on_key, String::new(), decimal)].width(Length::Fixed(300.0));
    container(
        column![row![left, right].spacing(24).align_y(Alignment::Start).height(Length::Fill), actions]
            .spacing(12),
    )
    .padding(16)
    .into()
}
