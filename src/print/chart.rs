//! A bar chart as an A4 PDF page, drawn with printpdf's own lines and rectangles (grey bars
//! with black outlines and labelled axes, so it reads in black and white): the period
//! report's takings per day or month and the Z report's sales per hour.

use std::collections::BTreeSet;

use printpdf::{
    Color, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfPage, Point, Pt,
    Rect,
};

use super::error::PrintError;
use super::pdf::{mm, subset_font, text_ops};
use crate::domain::Money;
use crate::i18n::I18n;

/// The chart's frame on the A4 page, in points: left, bottom, right, top of the plot.
struct Frame {
    left: f32,
    bottom: f32,
    right: f32,
    top: f32,
}

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
/// Label size; the font's advance is 0.6 em.
const SMALL: f32 = 8.0;
const ADVANCE: f32 = 0.602;

/// What a chart page shows: a bar per label, with its titles in the report's language.
pub struct PdfBars {
    pub title: String,
    /// The line under the title (the period, the Z's day).
    pub span: String,
    pub x_title: String,
    pub y_title: String,
    pub bars: Vec<(String, Money)>,
}

/// Round steps (1, 2, 5 × 10ⁿ cents) so that about five lines span `low..high`.
fn step_for(low: i64, high: i64) -> i64 {
    let span = (high - low).max(1);
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if span / (step * m) <= 5 {
                return step * m;
            }
        }
        step *= 10;
    }
}

fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale { percent, icc_profile: None })
}

fn line(ops: &mut Vec<Op>, from: (f32, f32), to: (f32, f32)) {
    let p = |(x, y): (f32, f32)| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
    ops.push(Op::DrawLine { line: Line { points: vec![p(from), p(to)], is_closed: false } });
}

fn width_of(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * ADVANCE
}

/// An A4 page with the bar chart: grey bars with black outlines from the zero line, dashed
/// grid lines with their amounts, every k-th label so that none overlap.
pub fn chart_page(doc: &mut PdfDocument, chart: &PdfBars, i18n: &I18n) -> Result<PdfPage, PrintError> {
    let PdfBars { title, span, x_title, y_title, bars: values } = chart;
    let low = values.iter().map(|(_, m)| m.cents()).min().unwrap_or(0).min(0);
    let high = values.iter().map(|(_, m)| m.cents()).max().unwrap_or(0).max(0).max(low + 100);
    let step = step_for(low, high);
    let (low, high) = (low.div_euclid(step) * step, -((-high).div_euclid(step)) * step);
    let ticks: Vec<i64> = (0..=((high - low) / step)).map(|i| low + i * step).collect();
    let tick_labels: Vec<String> = ticks.iter().map(|c| i18n.money_plain(Money::from_cents(*c))).collect();
    let widest = tick_labels.iter().map(|t| width_of(t, SMALL)).fold(0.0, f32::max);
    let f = Frame {
        left: mm(20.0) + widest,
        bottom: mm(150.0),
        right: mm(PAGE_W - 15.0),
        top: mm(PAGE_H - 45.0),
    };

    let mut chars: BTreeSet<char> =
        [&title, &x_title, &span, &y_title].iter().flat_map(|s| s.chars()).collect();
    chars.extend(tick_labels.iter().chain(values.iter().map(|(l, _)| l)).flat_map(|s| s.chars()));
    let font = doc.add_font(&subset_font(&chars)?);

    let mut ops = Vec::new();
    text_ops(&mut ops, &font, title, 14.0, true, Point { x: Pt(mm(20.0)), y: Pt(mm(PAGE_H - 22.0)) });
    text_ops(&mut ops, &font, span, 10.0, false, Point { x: Pt(mm(20.0)), y: Pt(mm(PAGE_H - 29.0)) });
    text_ops(&mut ops, &font, y_title, SMALL + 1.0, true, Point { x: Pt(mm(20.0)), y: Pt(f.top + mm(6.0)) });

    let y_of = |cents: i64| f.bottom + (cents - low) as f32 / (high - low) as f32 * (f.top - f.bottom);
    // Grid lines (light, dashed) and the amounts beside them.
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetOutlineColor { col: grey(0.7) });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.4) });
    ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[2.0, 2.0]) });
    for t in &ticks {
        line(&mut ops, (f.left, y_of(*t)), (f.right, y_of(*t)));
    }
    ops.push(Op::RestoreGraphicsState);
    for (t, label) in ticks.iter().zip(&tick_labels) {
        let at = Point { x: Pt(f.left - mm(2.0) - width_of(label, SMALL)), y: Pt(y_of(*t) - SMALL * 0.35) };
        text_ops(&mut ops, &font, label, SMALL, false, at);
    }

    // The bars: dark grey with a black outline, from the zero line up (or down).
    let n = values.len().max(1);
    let slot = (f.right - f.left) / n as f32;
    let zero = y_of(0);
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetFillColor { col: grey(0.45) });
    ops.push(Op::SetOutlineColor { col: grey(0.0) });
    ops.push(Op::SetOutlineThickness { pt: Pt((slot * 0.04).clamp(0.1, 0.6)) });
    for (i, (_, m)) in values.iter().enumerate() {
        let top = y_of(m.cents());
        if (top - zero).abs() < 0.01 {
            continue;
        }
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(f.left + slot * (i as f32 + 0.15)),
                y: Pt(top.min(zero)),
                width: Pt(slot * 0.7),
                height: Pt((top - zero).abs()),
                mode: Some(PaintMode::FillStroke),
                winding_order: None,
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);

    // The axes in black, then every k-th day's or month's label so that none overlap.
    ops.push(Op::SetOutlineColor { col: grey(0.0) });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.9) });
    line(&mut ops, (f.left, f.bottom), (f.left, f.top));
    line(&mut ops, (f.left, zero), (f.right, zero));
    let label_w = values.iter().map(|(l, _)| width_of(l, SMALL)).fold(0.0, f32::max) + mm(2.0);
    let every = (label_w / slot).ceil().max(1.0) as usize;
    for (i, (label, _)) in values.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let centre = f.left + slot * (i as f32 + 0.5);
        line(&mut ops, (centre, f.bottom), (centre, f.bottom - mm(1.5)));
        let at = Point { x: Pt(centre - width_of(label, SMALL) / 2.0), y: Pt(f.bottom - mm(5.0)) };
        text_ops(&mut ops, &font, label, SMALL, false, at);
    }
    let at = Point {
        x: Pt((f.left + f.right - width_of(x_title, SMALL + 1.0)) / 2.0),
        y: Pt(f.bottom - mm(11.0)),
    };
    text_ops(&mut ops, &font, x_title, SMALL + 1.0, true, at);
    Ok(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_and_labels_short() {
        assert_eq!(step_for(0, 100), 20);
        assert_eq!(step_for(0, 123_456), 50_000);
        assert_eq!(step_for(-3_000, 9_000), 5_000);
    }
}
