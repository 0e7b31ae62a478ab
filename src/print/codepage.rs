//! The printer code pages tameio uses: CP737 for Greek and CP858 (CP850 with €) for Italian
//! and English, with the ESC t numbers of Epson-compatible printers, and the encoder between.

/// A code page of the printer, with its `ESC t n` number (Epson TM numbering, which most
/// ESC/POS printers follow for these two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePage {
    /// PC737 Greek (DOS): every Greek letter, with tonos; no euro sign. `ESC t 14`.
    Cp737,
    /// PC858: PC850 (Western European, all Italian accents) with `€` at 0xD5. `ESC t 19`.
    Cp858,
}

const CP737_HIGH: [char; 128] = table(
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψ░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀ωάέήϊίόύϋώΆΈΉΊΌΎΏ±≥≤ΪΫ÷≈°∙·√ⁿ²■\u{a0}",
);
const CP858_HIGH: [char; 128] = table(
    "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}",
);

/// The 128 upper characters of a code page, from a string of exactly 128 characters.
const fn table(s: &str) -> [char; 128] {
    let bytes = s.as_bytes();
    let mut out = ['?'; 128];
    let (mut i, mut n) = (0, 0);
    // A const-friendly UTF-8 decoder: the tables hold 1- to 3-byte characters only.
    while i < bytes.len() && n < 128 {
        let b = bytes[i] as u32;
        let (cp, len) = if b < 0x80 {
            (b, 1)
        } else if b < 0xE0 {
            (((b & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
        } else {
            (((b & 0x0F) << 12) | ((bytes[i + 1] as u32 & 0x3F) << 6) | (bytes[i + 2] as u32 & 0x3F), 3)
        };
        out[n] = match char::from_u32(cp) {
            Some(c) => c,
            None => '?',
        };
        i += len;
        n += 1;
    }
    out
}

impl CodePage {
    /// `n` of `ESC t n`.
    pub fn escpos_number(self) -> u8 {
        match self {
            CodePage::Cp737 => 14,
            CodePage::Cp858 => 19,
        }
    }

    pub fn from_escpos_number(n: u8) -> Option<CodePage> {
        match n {
            14 => Some(CodePage::Cp737),
            19 => Some(CodePage::Cp858),
            _ => None,
        }
    }

    fn high(self) -> &'static [char; 128] {
        match self {
            CodePage::Cp737 => &CP737_HIGH,
            CodePage::Cp858 => &CP858_HIGH,
        }
    }

    /// The byte for `c` in this code page, if it has one.
    pub fn encode_char(self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return Some(c as u8);
        }
        let pos = self.high().iter().position(|h| *h == c)?;
        u8::try_from(pos + 0x80).ok()
    }

    pub fn decode_byte(self, b: u8) -> char {
        if b < 0x80 { char::from(b) } else { self.high()[usize::from(b - 0x80)] }
    }

    pub fn decode(self, bytes: &[u8]) -> String {
        bytes.iter().map(|b| self.decode_byte(*b)).collect()
    }
}

/// A stand-in for characters neither code page has: typographic marks and the Greek letters
/// with dialytika and tonos, which CP737 lacks.
fn fallback(c: char) -> &'static str {
    match c {
        '‘' | '’' | '´' | '`' => "'",
        '“' | '”' | '«' | '»' | '„' => "\"",
        '–' | '—' | '−' => "-",
        '…' => "...",
        '\u{37e}' => ";",
        '\u{387}' => "·",
        'ΐ' => "ϊ",
        'ΰ' => "ϋ",
        '\u{2009}' | '\u{202f}' | '\t' => " ",
        _ => "?",
    }
}

/// Turns text into printer bytes, switching code page (`ESC t n`) only when a character
/// needs the other one. Starts from the page last selected on the printer.
#[derive(Debug, Clone)]
pub struct Encoder {
    pub current: CodePage,
}

impl Encoder {
    pub fn new(current: CodePage) -> Encoder {
        Encoder { current }
    }

    pub fn select(&mut self, out: &mut Vec<u8>, page: CodePage) {
        out.extend_from_slice(&[0x1B, b't', page.escpos_number()]);
        self.current = page;
    }

    pub fn push_str(&mut self, out: &mut Vec<u8>, text: &str) {
        for c in text.chars() {
            self.push_char(out, c);
        }
    }

    fn push_char(&mut self, out: &mut Vec<u8>, c: char) {
        if c.is_ascii_control() {
            return;
        }
        if let Some(b) = self.current.encode_char(c) {
            out.push(b);
            return;
        }
        for page in [CodePage::Cp737, CodePage::Cp858] {
            if let Some(b) = page.encode_char(c) {
                self.select(out, page);
                out.push(b);
                return;
            }
        }
        for f in fallback(c).chars() {
            self.push_char(out, f);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete() {
        assert!(!CP737_HIGH.contains(&'?'));
        assert!(!CP858_HIGH.contains(&'?'));
        assert_eq!(CodePage::Cp737.encode_char('Α'), Some(0x80));
        assert_eq!(CodePage::Cp737.encode_char('ς'), Some(0xAA));
        assert_eq!(CodePage::Cp737.encode_char('ώ'), Some(0xE9));
        assert_eq!(CodePage::Cp858.encode_char('€'), Some(0xD5));
        assert_eq!(CodePage::Cp858.encode_char('à'), Some(0x85));
    }

    #[test]
    fn greek_round_trips_through_cp737() {
        let text = "ΑΠΟΔΕΙΞΗ ΛΙΑΝΙΚΗΣ Φέτα ΠΟΠ 400g Γιαούρτι στραγγιστό Ρέστα Ώρα ΆΈΉΊΌΎΏ ϊϋ";
        let mut out = Vec::new();
        let mut enc = Encoder::new(CodePage::Cp737);
        enc.push_str(&mut out, text);
        assert_eq!(out.len(), text.chars().count(), "one byte per letter, no page switch");
        assert_eq!(CodePage::Cp737.decode(&out), text);
    }

    #[test]
    fn the_euro_switches_to_cp858_and_back() {
        let mut out = Vec::new();
        let mut enc = Encoder::new(CodePage::Cp737);
        enc.push_str(&mut out, "ΣΥΝΟΛΟ 12,40 € Ρέστα");
        let esc_t: Vec<usize> =
            out.windows(2).enumerate().filter(|(_, w)| w == b"\x1bt").map(|(i, _)| i).collect();
        assert_eq!(esc_t.len(), 2);
        assert_eq!(out[esc_t[0] + 2], 19);
        assert_eq!(out[esc_t[1] + 2], 14);
        assert_eq!(enc.current, CodePage::Cp737);
    }

    #[test]
    fn italian_fits_cp858() {
        let text = "Perché già così: più caffè, è città — «Totale»";
        let mut out = Vec::new();
        Encoder::new(CodePage::Cp858).push_str(&mut out, text);
        assert_eq!(CodePage::Cp858.decode(&out), "Perché già così: più caffè, è città - «Totale»");
    }
}
