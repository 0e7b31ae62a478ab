//! The printed form of a document, built once: typed blocks (header, item, pair, table, QR ...)
//! and their rendering into fixed-width rows that the text, PDF and ESC/POS renderers share.

/// The paper a document is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 80 mm thermal roll, 576 dots: 48 characters of Font A (12 × 24 dots).
    #[default]
    Roll80,
    /// 80 mm roll on printers with 512 dots (older Epson TM-T88): 42 characters of Font A.
    Roll80Narrow,
    /// 58 mm thermal roll: 32 characters.
    Roll58,
    /// An A4 sheet (PDF only).
    A4,
}

impl Paper {
    pub const ALL: [Paper; 4] = [Paper::Roll80, Paper::Roll80Narrow, Paper::Roll58, Paper::A4];

    /// Characters per line.
    pub fn columns(self) -> usize {
        match self {
            Paper::Roll80 => 48,
            Paper::Roll80Narrow => 42,
            Paper::Roll58 => 32,
            Paper::A4 => 72,
        }
    }

    /// `80mm`, `80mm-42`, `58mm`, `a4`: the command line's names.
    pub fn code(self) -> &'static str {
        match self {
            Paper::Roll80 => "80mm",
            Paper::Roll80Narrow => "80mm-42",
            Paper::Roll58 => "58mm",
            Paper::A4 => "a4",
        }
    }

    pub fn from_code(code: &str) -> Option<Paper> {
        match code.trim().to_ascii_lowercase().as_str() {
            "80mm" | "80" => Some(Paper::Roll80),
            "80mm-42" | "80-42" => Some(Paper::Roll80Narrow),
            "58mm" | "58" => Some(Paper::Roll58),
            "a4" => Some(Paper::A4),
            _ => None,
        }
    }
}

/// How a row is printed. Double rows are twice as wide and tall: half the columns fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub bold: bool,
    pub double: bool,
}

impl Style {
    pub const NORMAL: Style = Style { bold: false, double: false };
    pub const BOLD: Style = Style { bold: true, double: false };
    pub const LARGE: Style = Style { bold: true, double: true };
}

/// One part of a document, as the shop means it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Centred text, wrapped.
    Center {
        text: String,
        style: Style,
    },
    /// Left-aligned text, wrapped.
    Text(String),
    /// A label on the left and a value on the right (the value moves below when both don't fit).
    Pair {
        label: String,
        value: String,
        style: Style,
    },
    /// A sold line: name, then `qty x price` when it says more than the amount, then its discount.
    Item(ItemBlock),
    /// First column left, the others right-aligned; stacked as pairs when the paper is too narrow.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Text kept as someone else laid it out (the terminal's receipt), cut to the width.
    Verbatim(String),
    Rule,
    Blank,
    Qr(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemBlock {
    pub name: String,
    /// `2 x 4,20`, when the quantity is not one piece.
    pub quantity: Option<String>,
    /// Price × quantity, before the line's discount.
    pub gross: String,
    /// The discount label and its amount (`-0,84`).
    pub discount: Option<(String, String)>,
    pub vat_letter: char,
}

/// A rendered line: what every renderer prints, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Text { text: String, style: Style },
    Qr(String),
}

/// A document ready to render: receipt, copy, X or Z report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub columns: usize,
    pub blocks: Vec<Block>,
    /// Open the cash drawer when this is printed (an original receipt with cash in it).
    pub open_drawer: bool,
}

impl Layout {
    pub fn new(columns: usize) -> Layout {
        Layout { columns: columns.max(16), blocks: Vec::new(), open_drawer: false }
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub fn center(&mut self, text: impl Into<String>, style: Style) {
        self.push(Block::Center { text: text.into(), style });
    }

    pub fn pair(&mut self, label: impl Into<String>, value: impl Into<String>) {
        self.push(Block::Pair { label: label.into(), value: value.into(), style: Style::NORMAL });
    }

    pub fn pair_styled(&mut self, label: impl Into<String>, value: impl Into<String>, style: Style) {
        self.push(Block::Pair { label: label.into(), value: value.into(), style });
    }

    /// Every character the document prints (fonts are subset to these).
    pub fn chars(&self) -> std::collections::BTreeSet<char> {
        self.rows()
            .iter()
            .filter_map(|r| match r {
                Row::Text { text, .. } => Some(text.chars()),
                Row::Qr(_) => None,
            })
            .flatten()
            .collect()
    }

    /// The blocks as fixed-width rows for a printer or PDF: double-size rows hold half the columns.
    pub fn rows(&self) -> Vec<Row> {
        self.render(Width { columns: self.columns, halves: true })
    }

    /// The rows for plain text, where nothing is twice as wide: double-size rows use every column.
    pub fn text_rows(&self) -> Vec<Row> {
        self.render(Width { columns: self.columns, halves: false })
    }

    fn render(&self, w: Width) -> Vec<Row> {
        let mut out = Vec::new();
        for block in &self.blocks {
            render_block(block, w, &mut out);
        }
        out
    }
}

/// Characters a string takes on paper (every script we print is one cell per char).
pub fn cells(s: &str) -> usize {
    s.chars().count()
}

fn text_row(out: &mut Vec<Row>, text: String, style: Style) {
    out.push(Row::Text { text: text.trim_end().to_string(), style });
}

/// The paper's columns, and whether double-size text takes two of them per character.
#[derive(Debug, Clone, Copy)]
struct Width {
    columns: usize,
    halves: bool,
}

fn render_block(block: &Block, w: Width, out: &mut Vec<Row>) {
    let width = w.columns;
    match block {
        Block::Center { text, style } => render_center(text, *style, w, out),
        Block::Text(text) => {
            for line in wrap(text, width) {
                text_row(out, line, Style::NORMAL);
            }
        }
        Block::Pair { label, value, style } => render_pair(label, value, *style, w, out),
        Block::Item(item) => render_item(item, w, out),
        Block::Table { head, rows } => render_table(head, rows, w, out),
        Block::Verbatim(text) => {
            for line in text.lines() {
                let chars: Vec<char> = line.trim_end().chars().collect();
                if chars.is_empty() {
                    text_row(out, String::new(), Style::NORMAL);
                }
                for chunk in chars.chunks(width) {
                    text_row(out, chunk.iter().collect(), Style::NORMAL);
                }
            }
        }
        Block::Rule => text_row(out, "-".repeat(width), Style::NORMAL),
        Block::Blank => text_row(out, String::new(), Style::NORMAL),
        Block::Qr(data) => out.push(Row::Qr(data.clone())),
    }
}

/// Double-size text falls back to bold when it would not fit on one line.
fn fitting_style(text_cells: usize, style: Style, w: Width) -> (Style, usize) {
    let width = w.columns;
    if style.double && text_cells > width / 2 {
        (Style { double: false, bold: true }, width)
    } else if style.double && w.halves {
        (style, width / 2)
    } else {
        (style, width)
    }
}

fn render_center(text: &str, style: Style, w: Width, out: &mut Vec<Row>) {
    let longest = text.lines().map(cells).max().unwrap_or(0);
    let (style, room) = fitting_style(longest, style, w);
    for line in text.lines().flat_map(|l| wrap(l, room)) {
        let pad = room.saturating_sub(cells(&line)) / 2;
        text_row(out, format!("{}{line}", " ".repeat(pad)), style);
    }
}

fn render_pair(label: &str, value: &str, style: Style, w: Width, out: &mut Vec<Row>) {
    let (style, room) = fitting_style(cells(label) + 1 + cells(value), style, w);
    let (l, v) = (cells(label), cells(value));
    if l + 1 + v <= room {
        text_row(out, format!("{label}{}{value}", " ".repeat(room - l - v)), style);
        return;
    }
    let indent: String = label.chars().take_while(|c| *c == ' ').collect();
    for line in wrap(label, room) {
        text_row(out, line, style);
    }
    for line in wrap(value, room.saturating_sub(indent.len())) {
        text_row(out, format!("{:>room$}", line), style);
    }
}

fn render_item(item: &ItemBlock, w: Width, out: &mut Vec<Row>) {
    let amount = format!("{} {}", item.gross, item.vat_letter);
    match &item.quantity {
        None => render_pair(&item.name, &amount, Style::NORMAL, w, out),
        Some(qty) => {
            for line in wrap(&item.name, w.columns) {
                text_row(out, line, Style::NORMAL);
            }
            render_pair(&format!("  {qty}"), &amount, Style::NORMAL, w, out);
        }
    }
    if let Some((label, off)) = &item.discount {
        render_pair(&format!("  {label}"), &format!("{off} {}", item.vat_letter), Style::NORMAL, w, out);
    }
}

fn render_table(head: &[String], rows: &[Vec<String>], w: Width, out: &mut Vec<Row>) {
    let width = w.columns;
    let columns = head.len().max(1);
    let first = std::iter::once(head)
        .chain(rows.iter().map(Vec::as_slice))
        .filter_map(|r| r.first().map(|c| cells(c)))
        .max()
        .unwrap_or(0);
    let rest = width.saturating_sub(first) / columns.saturating_sub(1).max(1);
    let fits = std::iter::once(head)
        .chain(rows.iter().map(Vec::as_slice))
        .all(|r| r.iter().skip(1).all(|c| cells(c) < rest));
    if !fits {
        for row in rows {
            render_pair(row.first().map_or("", String::as_str), "", Style::BOLD, w, out);
            for (h, cell) in head.iter().zip(row).skip(1) {
                render_pair(&format!("  {h}"), cell, Style::NORMAL, w, out);
            }
        }
        return;
    }
    let line = |r: &[String]| -> String {
        let mut s = String::new();
        for (i, c) in r.iter().enumerate() {
            if i == 0 {
                s.push_str(c);
                s.push_str(&" ".repeat(first - cells(c)));
            } else {
                s.push_str(&" ".repeat(rest - cells(c)));
                s.push_str(c);
            }
        }
        s
    };
    text_row(out, line(head), Style::BOLD);
    for row in rows {
        text_row(out, line(row), Style::NORMAL);
    }
}

/// Word wrap to `width` cells; words longer than a line are cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    let indent: String = text.chars().take_while(|c| *c == ' ').collect();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let base = if current.is_empty() { cells(&indent) } else { cells(&current) + 1 };
        if base + cells(&word) > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            if lines.is_empty() && cells(&indent) + cells(&word) <= width {
                current.push_str(&indent);
            }
        } else {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| match r {
                Row::Text { text, .. } => text.clone(),
                Row::Qr(d) => format!("[QR {d}]"),
            })
            .collect()
    }

    #[test]
    fn wrap_breaks_on_words_and_cuts_long_ones() {
        assert_eq!(wrap("Γιαούρτι στραγγιστό 1kg", 10), ["Γιαούρτι", "στραγγιστό", "1kg"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(wrap("  TID 1234", 20), ["  TID 1234"]);
    }

    #[test]
    fn pairs_align_right_or_stack() {
        let mut l = Layout::new(20);
        l.pair("ΣΥΝΟΛΟ", "12,40 €");
        l.pair("Αναγνωριστικό συναλλαγής", "123456789012345678901");
        let rows = texts(&l.rows());
        assert_eq!(rows[0], "ΣΥΝΟΛΟ       12,40 €");
        assert_eq!(cells(&rows[0]), 20);
        assert_eq!(rows.last().map(|r| cells(r)), Some(20));
    }

    #[test]
    fn double_size_falls_back_to_bold_when_too_wide() {
        let mut l = Layout::new(32);
        l.pair_styled("TOTALE", "1.234,50 €", Style::LARGE);
        l.center("ΑΝΤΙΓΡΑΦΟ", Style::LARGE);
        let rows = l.rows();
        assert!(matches!(&rows[0], Row::Text { style, .. } if !style.double && style.bold));
        assert!(matches!(&rows[1], Row::Text { style, text } if style.double && text.trim() == "ΑΝΤΙΓΡΑΦΟ"));
    }

    #[test]
    fn tables_stack_on_narrow_paper() {
        let head = vec!["Rate".into(), "Net".into(), "VAT".into(), "Gross".into()];
        let rows = vec![vec!["A 24%".into(), "10,00".into(), "2,40".into(), "12,40".into()]];
        let mut wide = Layout::new(48);
        wide.push(Block::Table { head: head.clone(), rows: rows.clone() });
        assert_eq!(wide.rows().len(), 2);
        let mut narrow = Layout::new(16);
        narrow.push(Block::Table { head, rows });
        assert_eq!(
            texts(&narrow.rows()),
            ["A 24%", "  Net      10,00", "  VAT       2,40", "  Gross    12,40"]
        );
    }

    #[test]
    fn paper_codes_round_trip() {
        for p in Paper::ALL {
            assert_eq!(Paper::from_code(p.code()), Some(p));
        }
        assert_eq!(Paper::from_code("A4"), Some(Paper::A4));
        assert_eq!(Paper::from_code("letter"), None);
    }
}
