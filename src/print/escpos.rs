//! ESC/POS bytes for thermal printers: init, code page, bold, double size, QR (GS ( k),
//! the cash-drawer kick (ESC p) and the cut; and the reverse, a text preview of such bytes.

use crate::domain::Lang;

use super::codepage::{CodePage, Encoder};
use super::layout::{Layout, Paper, Row, Style};

pub const ESC: u8 = 0x1B;
pub const GS: u8 = 0x1D;
pub const DLE: u8 = 0x10;
pub const EOT: u8 = 0x04;

/// `DLE EOT 4`: real-time request of the paper roll sensor status.
pub const PAPER_STATUS_QUERY: [u8; 3] = [DLE, EOT, 4];
/// Paper roll sensor answer bits 5 and 6: paper end.
pub const PAPER_END_BITS: u8 = 0x60;
/// Bits 2 and 3: paper near its end (still prints).
pub const PAPER_NEAR_END_BITS: u8 = 0x0C;
/// The fixed bits of every status byte (bit 1 and bit 4 set): a printer with paper.
pub const STATUS_FIXED_BITS: u8 = 0x12;

/// The code page a language starts in.
pub fn code_page_for(lang: Lang) -> CodePage {
    match lang {
        Lang::El => CodePage::Cp737,
        Lang::It | Lang::En => CodePage::Cp858,
    }
}

/// The layout as one print job: init, code page, (drawer kick), rows, QR, feed and cut.
pub fn render_escpos(layout: &Layout, lang: Lang, paper: Paper) -> Vec<u8> {
    let mut out = vec![ESC, b'@'];
    let mut enc = Encoder::new(code_page_for(lang));
    enc.select(&mut out, code_page_for(lang));
    if layout.open_drawer {
        out.extend_from_slice(&drawer_kick());
    }
    for row in layout.rows() {
        match row {
            Row::Text { text, style } => {
                set_style(&mut out, style);
                enc.push_str(&mut out, &text);
                out.push(b'\n');
                if style != Style::NORMAL {
                    set_style(&mut out, Style::NORMAL);
                }
            }
            Row::Qr(data) => out.extend_from_slice(&qr(&data, qr_module_size(paper))),
        }
    }
    out.extend_from_slice(&[ESC, b'd', 4]);
    out.extend_from_slice(&cut());
    out
}

fn set_style(out: &mut Vec<u8>, style: Style) {
    out.extend_from_slice(&[ESC, b'E', u8::from(style.bold)]);
    out.extend_from_slice(&[GS, b'!', if style.double { 0x11 } else { 0x00 }]);
}

/// `ESC p 0 25 250`: pulse pin 2 for 50 ms, then wait 500 ms.
pub fn drawer_kick() -> [u8; 5] {
    [ESC, b'p', 0, 25, 250]
}

/// `GS V 66 0`: feed to the cutter and cut (partial cut, paper stays attached at one point).
pub fn cut() -> [u8; 4] {
    [GS, b'V', 66, 0]
}

fn qr_module_size(paper: Paper) -> u8 {
    match paper {
        Paper::Roll58 => 4,
        Paper::Roll80 | Paper::Roll80Narrow | Paper::A4 => 6,
    }
}

/// A centred QR code (model 2, error correction M) carrying `data`.
pub fn qr(data: &str, module: u8) -> Vec<u8> {
    let bytes = data.as_bytes();
    let store_len = bytes.len().min(7000) + 3;
    let (pl, ph) = ((store_len % 256) as u8, (store_len / 256) as u8);
    let mut out = vec![ESC, b'a', 1];
    out.extend_from_slice(&[GS, b'(', b'k', 4, 0, 49, 65, 50, 0]); // model 2
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 67, module.clamp(1, 16)]); // module size
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 69, 49]); // error correction M
    out.extend_from_slice(&[GS, b'(', b'k', pl, ph, 49, 80, 48]); // store
    out.extend_from_slice(&bytes[..store_len - 3]);
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 81, 48]); // print
    out.extend_from_slice(&[b'\n', ESC, b'a', 0]);
    out
}

/// What a job would print, as text: code pages followed, QR shown as `[QR data]`, the drawer
/// kick as `[drawer]`, the cut as `[cut]`; other commands are skipped.
pub fn preview(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut page = CodePage::Cp858;
    let mut qr_data = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let rest = &bytes[i..];
        let used = match (b, rest.get(1).copied()) {
            (ESC, Some(b'@')) => {
                page = CodePage::Cp858;
                2
            }
            (ESC, Some(b't')) => {
                page = rest.get(2).and_then(|n| CodePage::from_escpos_number(*n)).unwrap_or(page);
                3
            }
            (ESC, Some(b'p')) => {
                out.push_str("[drawer]\n");
                5
            }
            (ESC, Some(b'E' | b'a' | b'd' | b'M' | b'!')) | (GS, Some(b'!')) => 3,
            (GS, Some(b'V')) => {
                out.push_str("[cut]\n");
                if rest.get(2).is_some_and(|m| *m >= 65) { 4 } else { 3 }
            }
            (GS, Some(b'(')) => gs_paren(rest, &mut qr_data, &mut out),
            (DLE, Some(EOT)) => 3,
            (ESC | GS, _) => 2,
            (b'\n', _) => {
                out.push('\n');
                1
            }
            (c, _) if c < 0x20 => 1,
            (c, _) => {
                out.push(page.decode_byte(c));
                1
            }
        };
        i += used.max(1);
    }
    out
}

/// `GS ( k pL pH cn fn ...`: keeps the stored QR data and writes it out when printed.
fn gs_paren(rest: &[u8], qr_data: &mut String, out: &mut String) -> usize {
    let (Some(pl), Some(ph)) = (rest.get(3), rest.get(4)) else {
        return rest.len();
    };
    let len = usize::from(*pl) + 256 * usize::from(*ph);
    let body = rest.get(5..5 + len).unwrap_or(&[]);
    match (rest.get(2), body.get(1)) {
        (Some(b'k'), Some(80)) => {
            *qr_data = String::from_utf8_lossy(body.get(3..).unwrap_or(&[])).into_owned()
        }
        (Some(b'k'), Some(81)) => {
            out.push_str(&format!("[QR {qr_data}]"));
        }
        _ => {}
    }
    5 + len
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::print::layout::Block;

    fn layout() -> Layout {
        let mut l = Layout::new(32);
        l.center("ΑΠΟΔΕΙΞΗ ΛΙΑΝΙΚΗΣ", Style::BOLD);
        l.pair_styled("ΣΥΝΟΛΟ", "12,40 €", Style::LARGE);
        l.pair("Ρέστα", "7,60");
        l.push(Block::Qr("tameio:1:7:1240".into()));
        l.open_drawer = true;
        l
    }

    #[test]
    fn greek_job_decodes_back_to_the_same_text() {
        let bytes = render_escpos(&layout(), Lang::El, Paper::Roll58);
        assert_eq!(&bytes[..5], &[ESC, b'@', ESC, b't', 14]);
        let text = preview(&bytes);
        assert!(text.contains("ΑΠΟΔΕΙΞΗ ΛΙΑΝΙΚΗΣ"), "{text}");
        assert!(text.contains("ΣΥΝΟΛΟ   12,40 €"), "{text}");
        assert!(text.contains("Ρέστα"), "{text}");
        assert!(text.contains("[QR tameio:1:7:1240]"), "{text}");
        assert!(text.starts_with("[drawer]"), "{text}");
        assert!(text.ends_with("[cut]\n"), "{text}");
    }

    #[test]
    fn bold_double_and_cut_commands_are_there() {
        let bytes = render_escpos(&layout(), Lang::It, Paper::Roll80);
        let has = |seq: &[u8]| bytes.windows(seq.len()).any(|w| w == seq);
        assert!(has(&[ESC, b'E', 1]));
        assert!(has(&[GS, b'!', 0x11]));
        assert!(has(&[GS, b'V', 66, 0]));
        assert!(has(&[ESC, b'p', 0, 25, 250]));
        assert!(has(&[GS, b'(', b'k', 3, 0, 49, 67, 6]));
        assert!(has(&[GS, b'(', b'k', 18, 0, 49, 80, 48]), "store length is data + 3");
    }

    #[test]
    fn no_drawer_kick_without_cash() {
        let mut l = layout();
        l.open_drawer = false;
        assert!(!preview(&render_escpos(&l, Lang::En, Paper::Roll80)).contains("[drawer]"));
    }
}
