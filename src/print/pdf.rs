//! A layout as PDF (printpdf 0.12): 80 mm and 58 mm rolls one page tall enough for the content,
//! or A4 pages; DejaVu Sans Mono, subset to the characters used, so the text stays extractable.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::{
    Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
    TextRenderingMode,
};

use super::error::PrintError;
use super::layout::{Layout, Paper, Row};

/// The font of every PDF: monospaced (the layout is in columns) with Greek glyphs.
const MONO: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

/// How the font goes into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontEmbedding {
    /// Only the glyphs the document uses (a receipt: some 20 KB of font).
    Subset,
    /// The whole font (some 330 KB); kept to measure against.
    Whole,
}

/// Page geometry in points.
struct Geometry {
    page_w: f32,
    /// A4 pages have a fixed height; rolls grow with the content.
    page_h: Option<f32>,
    margin_x: f32,
    margin_y: f32,
    size: f32,
    qr_side: f32,
}

pub(super) fn mm(v: f32) -> f32 {
    Pt::from(Mm(v)).0
}

impl Geometry {
    fn of(paper: Paper, columns: usize) -> Geometry {
        let (page_w, printable, page_h, qr_side) = match paper {
            Paper::Roll80 | Paper::Roll80Narrow => (80.0, 72.0, None, 26.0),
            Paper::Roll58 => (58.0, 48.0, None, 22.0),
            Paper::A4 => (210.0, 140.0, Some(mm(297.0)), 30.0),
        };
        let size = mm(printable) / (columns.max(1) as f32 * advance());
        Geometry {
            page_w: mm(page_w),
            page_h,
            margin_x: mm((page_w - printable) / 2.0),
            margin_y: mm(if paper == Paper::A4 { 15.0 } else { 5.0 }),
            size,
            qr_side: mm(qr_side),
        }
    }

    fn row_height(&self, row: &Row) -> f32 {
        match row {
            Row::Text { style, .. } if style.double => self.size * 2.4,
            Row::Text { .. } => self.size * 1.2,
            Row::Qr(_) => self.qr_side + self.size * 2.0,
        }
    }
}

fn full_font() -> Result<&'static ParsedFont, PrintError> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| ParsedFont::from_bytes(MONO, 0, &mut Vec::new()))
        .as_ref()
        .ok_or_else(|| PrintError::Pdf("the bundled DejaVu Sans Mono does not parse".into()))
}

/// The advance of one character, in ems (every glyph of a monospaced font has the same).
fn advance() -> f32 {
    full_font()
        .ok()
        .and_then(|f| {
            let gid = f.lookup_glyph_index('M' as u32)?;
            Some(f32::from(f.get_glyph_width(gid)?) / f32::from(f.units_per_em.max(1)))
        })
        .unwrap_or(0.602)
}

/// The font cut down to the glyphs of `chars` (plus .notdef), with a Unicode cmap so that
/// printpdf maps text to the new glyph ids and writes a ToUnicode table from it.
pub fn subset_font(chars: &BTreeSet<char>) -> Result<ParsedFont, PrintError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};

    let full = full_font()?;
    let mut glyphs: Vec<u16> = chars.iter().filter_map(|c| full.lookup_glyph_index(*c as u32)).collect();
    glyphs.push(0);
    glyphs.sort_unstable();
    glyphs.dedup();
    let pdf_err = |e: &dyn std::fmt::Display| PrintError::Pdf(format!("font subset: {e}"));
    let data = ReadScope::new(MONO).read::<FontData<'_>>().map_err(|e| pdf_err(&e))?;
    let provider = data.table_provider(0).map_err(|e| pdf_err(&e))?;
    let bytes =
        subset(&provider, &glyphs, &SubsetProfile::Minimal, CmapTarget::Unicode).map_err(|e| pdf_err(&e))?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| pdf_err(&"the subset does not parse"))
}

/// Renders `layout` on `paper`, the font subset.
pub fn render_pdf(layout: &Layout, paper: Paper, title: &str) -> Result<Vec<u8>, PrintError> {
    render_pdf_with(layout, paper, title, FontEmbedding::Subset)
}

pub fn render_pdf_with(
    layout: &Layout,
    paper: Paper,
    title: &str,
    embedding: FontEmbedding,
) -> Result<Vec<u8>, PrintError> {
    let mut doc = PdfDocument::new(title);
    let pages = layout_pages(&mut doc, layout, paper, embedding)?;
    Ok(save(doc, pages))
}

/// The layout's pages, its font added to `doc` (a report adds pages of its own around them).
pub(super) fn layout_pages(
    doc: &mut PdfDocument,
    layout: &Layout,
    paper: Paper,
    embedding: FontEmbedding,
) -> Result<Vec<PdfPage>, PrintError> {
    let font = match embedding {
        FontEmbedding::Subset => subset_font(&layout.chars())?,
        FontEmbedding::Whole => full_font()?.clone(),
    };
    let font_id = doc.add_font(&font);
    let g = Geometry::of(paper, layout.columns);
    let rows = layout.rows();
    let mut pages = Vec::new();
    for chunk in paginate(&rows, &g) {
        let content: f32 = chunk.iter().map(|r| g.row_height(r)).sum();
        let page_h = g.page_h.unwrap_or(content + 2.0 * g.margin_y);
        let mut ops = Vec::new();
        let mut top = page_h - g.margin_y;
        for row in chunk {
            let h = g.row_height(row);
            match row {
                Row::Text { text, style } => {
                    let size = if style.double { g.size * 2.0 } else { g.size };
                    text_ops(
                        &mut ops,
                        &font_id,
                        text,
                        size,
                        style.bold,
                        Point { x: Pt(g.margin_x), y: Pt(top - h * 0.78) },
                    );
                }
                Row::Qr(data) => qr_ops(&mut ops, data, &g, top - g.size)?,
            }
            top -= h;
        }
        pages.push(PdfPage::new(Mm::from(Pt(g.page_w)), Mm::from(Pt(page_h)), ops));
    }
    Ok(pages)
}

/// The document with these pages, as bytes.
pub(super) fn save(mut doc: PdfDocument, pages: Vec<PdfPage>) -> Vec<u8> {
    let mut warnings = Vec::new();
    let bytes = doc.with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings);
    for w in warnings.iter().take(5) {
        tracing::debug!(warning = ?w, "pdf");
    }
    bytes
}

/// Rolls are one page; A4 breaks where the next row would cross the bottom margin.
fn paginate<'a>(rows: &'a [Row], g: &Geometry) -> Vec<&'a [Row]> {
    let Some(page_h) = g.page_h else {
        return vec![rows];
    };
    let room = page_h - 2.0 * g.margin_y;
    let mut pages = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    for (i, row) in rows.iter().enumerate() {
        let h = g.row_height(row);
        if used + h > room && i > start {
            pages.push(&rows[start..i]);
            (start, used) = (i, 0.0);
        }
        used += h;
    }
    pages.push(&rows[start..]);
    pages
}

pub(super) fn text_ops(
    ops: &mut Vec<Op>,
    font: &printpdf::FontId,
    text: &str,
    size: f32,
    bold: bool,
    at: Point,
) {
    if text.is_empty() {
        return;
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) });
    ops.push(Op::SetTextCursor { pos: at });
    if bold {
        // Stroking the outline too: a bold look without a second (proportional) font.
        ops.push(Op::SetOutlineThickness { pt: Pt(size * 0.045) });
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
    }
    ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_string())] });
    if bold {
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    }
    ops.push(Op::EndTextSection);
}

/// The QR code as filled rectangles, one per run of dark modules in a row, centred.
fn qr_ops(ops: &mut Vec<Op>, data: &str, g: &Geometry, top: f32) -> Result<(), PrintError> {
    let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| PrintError::Pdf(format!("QR code: {e}")))?;
    let n = code.width();
    let colors = code.to_colors();
    let module = g.qr_side / n as f32;
    let left = (g.page_w - g.qr_side) / 2.0;
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if colors[y * n + x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let run =
                colors[y * n + x..(y + 1) * n].iter().take_while(|c| **c == qrcode::Color::Dark).count();
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(left + x as f32 * module),
                    y: Pt(top - (y + 1) as f32 * module),
                    width: Pt(run as f32 * module),
                    height: Pt(module),
                    mode: Some(printpdf::PaintMode::Fill),
                    winding_order: None,
                },
            });
            x += run;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::print::layout::Style;

    #[test]
    fn the_subset_keeps_a_cmap_for_every_character() {
        let chars: BTreeSet<char> = "ΣΥΝΟΛΟ Ρέστα € àèìòù 0123456789".chars().collect();
        let font = subset_font(&chars).unwrap();
        for c in &chars {
            assert!(font.lookup_glyph_index(*c as u32).is_some_and(|g| g != 0), "{c}");
        }
        assert!(font.original_bytes.len() < 20_000, "{}", font.original_bytes.len());
    }

    #[test]
    fn roll_height_follows_the_content_and_a4_paginates() {
        let mut l = Layout::new(32);
        for i in 0..200 {
            l.center(format!("γραμμή {i}"), Style::NORMAL);
        }
        let g = Geometry::of(Paper::A4, 72);
        let rows = l.rows();
        assert!(paginate(&rows, &g).len() >= 2);
        assert_eq!(paginate(&rows, &Geometry::of(Paper::Roll58, 32)).len(), 1);
    }
}
