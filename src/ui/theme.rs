//! The look: one palette gives the light and the dark theme; style functions per widget kind
//! read the theme, so every screen follows the toggle.

use iced::theme::Palette;
use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Theme, color};

/// Text sizes from UI.md: body 16, cart 18, total 40.
pub const BODY: f32 = 16.0;
/// Labels and notes. Not 14: at 14 px DejaVu Sans draws "ί" like "(" here.
pub const SMALL: f32 = 15.0;
pub const CART: f32 = 18.0;
pub const TOTAL: f32 = 40.0;
pub const TITLE: f32 = 24.0;
/// Buttons stay at least this high for touch screens.
pub const BUTTON_HEIGHT: f32 = 52.0;

/// The shop's colours; the two themes differ only in background and text.
const PRIMARY: Color = color!(0x1d4ed8);
const SUCCESS: Color = color!(0x15803d);
const WARNING: Color = color!(0xb45309);
const DANGER: Color = color!(0xb91c1c);

pub fn light() -> Theme {
    Theme::custom(
        "tameio light",
        Palette {
            background: color!(0xf4f5f7),
            text: color!(0x111827),
            primary: PRIMARY,
            success: SUCCESS,
            warning: WARNING,
            danger: DANGER,
        },
    )
}

pub fn dark() -> Theme {
    Theme::custom(
        "tameio dark",
        Palette {
            background: color!(0x15171c),
            text: color!(0xf3f4f6),
            primary: color!(0x3b82f6),
            success: color!(0x22c55e),
            warning: color!(0xf59e0b),
            danger: color!(0xef4444),
        },
    )
}

pub mod buttons {
    //! Button styles: primary for the main action, plain for keys, a selected state for
    //! cart lines and tabs, danger for destructive actions.
    use super::*;

    pub fn primary(theme: &Theme, status: button::Status) -> button::Style {
        button::primary(theme, status)
    }

    pub fn success(theme: &Theme, status: button::Status) -> button::Style {
        button::success(theme, status)
    }

    pub fn danger(theme: &Theme, status: button::Status) -> button::Style {
        button::danger(theme, status)
    }

    pub fn key(theme: &Theme, status: button::Status) -> button::Style {
        let p = theme.extended_palette();
        let base = button::Style {
            background: Some(Background::Color(p.background.weak.color)),
            text_color: p.background.base.text,
            border: Border { color: p.background.strong.color, width: 1.0, radius: 6.0.into() },
            ..button::Style::default()
        };
        match status {
            button::Status::Hovered | button::Status::Pressed => {
                button::Style { background: Some(Background::Color(p.background.strong.color)), ..base }
            }
            button::Status::Disabled => button::Style { text_color: p.background.strong.color, ..base },
            button::Status::Active => base,
        }
    }

    /// A row or tab: flat, and filled when selected.
    pub fn row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
        move |theme, status| {
            let p = theme.extended_palette();
            if selected {
                button::Style {
                    background: Some(Background::Color(p.primary.weak.color)),
                    text_color: p.primary.weak.text,
                    border: Border { color: p.primary.strong.color, width: 2.0, radius: 4.0.into() },
                    ..button::Style::default()
                }
            } else {
                let hovered = matches!(status, button::Status::Hovered);
                button::Style {
                    background: hovered.then_some(Background::Color(p.background.weak.color)),
                    text_color: p.background.base.text,
                    border: Border { radius: 4.0.into(), ..Border::default() },
                    ..button::Style::default()
                }
            }
        }
    }
}

pub mod panels {
    //! Container styles: panels, the status bar, banners with meaning.
    use super::*;

    pub fn panel(theme: &Theme) -> container::Style {
        let p = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(p.background.base.color)),
            border: Border { color: p.background.strong.color, width: 1.0, radius: 8.0.into() },
            ..container::Style::default()
        }
    }

    pub fn status_bar(theme: &Theme) -> container::Style {
        let p = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(p.background.strong.color)),
            text_color: Some(p.background.strong.text),
            ..container::Style::default()
        }
    }

    pub fn error(theme: &Theme) -> container::Style {
        banner(theme.extended_palette().danger.weak)
    }

    /// Amber, clearly apart from the red of an error (unknown outcome, demo terminal).
    pub fn warning(theme: &Theme) -> container::Style {
        let p = theme.extended_palette();
        let (color, text) = if p.is_dark {
            (color!(0x78350f), color!(0xfef3c7))
        } else {
            (color!(0xfde68a), color!(0x451a03))
        };
        banner(iced::theme::palette::Pair { color, text })
    }

    pub fn success(theme: &Theme) -> container::Style {
        banner(theme.extended_palette().success.weak)
    }

    /// Something under way (a payment with the terminal).
    pub fn info(theme: &Theme) -> container::Style {
        banner(theme.extended_palette().primary.weak)
    }

    pub fn paper(theme: &Theme) -> container::Style {
        let p = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(Color::WHITE)),
            text_color: Some(Color::BLACK),
            border: Border { color: p.background.strong.color, width: 1.0, radius: 2.0.into() },
            ..container::Style::default()
        }
    }

    fn banner(pair: iced::theme::palette::Pair) -> container::Style {
        container::Style {
            background: Some(Background::Color(pair.color)),
            text_color: Some(pair.text),
            border: Border { radius: 6.0.into(), ..Border::default() },
            ..container::Style::default()
        }
    }
}

pub mod texts {
    //! Text styles that carry meaning (always next to a word or symbol saying the same).
    use super::*;

    pub fn danger(theme: &Theme) -> text::Style {
        text::Style { color: Some(theme.extended_palette().danger.base.color) }
    }

    pub fn success(theme: &Theme) -> text::Style {
        text::Style { color: Some(theme.extended_palette().success.base.color) }
    }

    /// Amber: something open that needs a person (an unknown payment outcome).
    pub fn warning(theme: &Theme) -> text::Style {
        let color = if theme.extended_palette().is_dark { color!(0xfbbf24) } else { color!(0xb45309) };
        text::Style { color: Some(color) }
    }

    pub fn muted(theme: &Theme) -> text::Style {
        let c = theme.extended_palette().background.base.text;
        text::Style { color: Some(Color { a: 0.6, ..c }) }
    }

    /// The key hint under a button label: the label's colour, fainter.
    pub fn muted_on_button(_theme: &Theme) -> text::Style {
        text::Style { color: None }
    }
}
