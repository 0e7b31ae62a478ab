//! A layout as plain text: the screen preview, the logs and the golden files of the tests.
//! Double-size rows are laid out across the full width; the QR code shows the data it carries.

use super::layout::{Layout, Row, cells};

/// The document as lines of text, each at most `layout.columns` characters, ending in `\n`.
pub fn render_text(layout: &Layout) -> String {
    let mut out = String::new();
    for row in layout.text_rows() {
        match row {
            Row::Text { text, .. } => out.push_str(&text),
            Row::Qr(data) => {
                let label = format!("[QR {data}]");
                let pad = layout.columns.saturating_sub(cells(&label)) / 2;
                out.push_str(&" ".repeat(pad));
                out.push_str(&label);
            }
        }
        out.push('\n');
    }
    out
}
