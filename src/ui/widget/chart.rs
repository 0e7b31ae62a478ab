//! A bar chart from containers of computed heights (no canvas), labelled axes in the user's
//! language: the period report's takings per day or month and the X report's sales per hour.

use iced::widget::{Space, column, container, row, text};
use iced::{Border, Element, Length, Theme};

use crate::domain::Money;
use crate::i18n::I18n;
use crate::ui::theme;

/// Roughly the width of one `07/12` label at the small size, with its gap.
const LABEL_WIDTH: f32 = 52.0;
/// The amounts' axis to the left of the bars.
const AXIS_WIDTH: f32 = 90.0;

/// What a chart shows: a bar per label (amounts in cents, below zero drawn down in red).
pub struct Bars {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub bars: Vec<(String, i64)>,
    pub height: f32,
    /// About how wide the chart is drawn: labels are thinned so that none overlap.
    pub width: f32,
}

fn bar_style(negative: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme: &Theme| {
        let p = theme.palette();
        container::Style {
            background: Some(if negative { p.danger } else { p.primary }.into()),
            border: Border { color: p.text, width: 1.0, radius: 0.0.into() },
            ..container::Style::default()
        }
    }
}

/// The chart: title, the amount axis, the bars, every k-th label below them.
pub fn bar_chart<'a, M: 'a>(chart: Bars, i18n: &I18n) -> Element<'a, M> {
    let Bars { title, x_title, y_title, bars: values, height, width } = chart;
    let high = values.iter().map(|v| v.1).max().unwrap_or(0).max(0);
    let low = values.iter().map(|v| v.1).min().unwrap_or(0).min(0);
    let range = (high - low).max(1) as f32;
    let h = move |cents: i64| cents as f32 / range * height;
    let bars = values.iter().fold(row![].spacing(1).height(Length::Fixed(height)), |bars, (_, v)| {
        let bar = |cents: i64, negative: bool| {
            container(Space::new())
                .width(Length::Fill)
                .height(Length::Fixed(h(cents)))
                .style(bar_style(negative))
        };
        bars.push(
            column![
                Space::new().height(Length::Fixed(h(high - (*v).max(0)))),
                bar((*v).max(0), false),
                bar(-(*v).min(0), true),
            ]
            .width(Length::FillPortion(1)),
        )
    });
    let n = values.len().max(1);
    let every = ((LABEL_WIDTH * n as f32 / width.max(1.0)).ceil() as usize).max(1);
    let labels = values.chunks(every).fold(row![], |labels, chunk| {
        let label = chunk.first().map(|c| c.0.clone()).unwrap_or_default();
        labels.push(text(label).size(12).width(Length::FillPortion(chunk.len() as u16)))
    });
    let axis = column![
        text(i18n.money(Money::from_cents(high))).size(12),
        Space::new().height(Length::Fill),
        text(i18n.money(Money::from_cents(low))).size(12),
    ]
    .height(Length::Fixed(height))
    .width(Length::Fixed(AXIS_WIDTH))
    .align_x(iced::Alignment::End);
    column![
        text(title).size(theme::BODY),
        text(y_title).size(theme::SMALL).style(theme::texts::muted),
        row![axis, container(bars).style(theme::panels::paper).width(Length::Fill)].spacing(6),
        row![Space::new().width(Length::Fixed(AXIS_WIDTH + 6.0)), labels],
        container(text(x_title).size(theme::SMALL).style(theme::texts::muted)).center_x(Length::Fill),
    ]
    .spacing(4)
    .width(Length::Fill)
    .into()
}
