//! ISO-8859-7 (Greek, 2003 edition) for `/P` print data: 0x00–0x9F map to U+0000–U+009F,
//! 0xA0–0xBF by the table below, 0xC0–0xFE to U+0390–U+03CE; 0xAE, 0xD2, 0xFF are unassigned.

/// 0xA0..=0xBF; 0 marks an unassigned byte.
const HIGH: [u16; 32] = [
    0x00A0, 0x2018, 0x2019, 0x00A3, 0x20AC, 0x20AF, 0x00A6, 0x00A7, // A0
    0x00A8, 0x00A9, 0x037A, 0x00AB, 0x00AC, 0x00AD, 0x0000, 0x2015, // A8
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x0384, 0x0385, 0x0386, 0x00B7, // B0
    0x0388, 0x0389, 0x038A, 0x00BB, 0x038C, 0x00BD, 0x038E, 0x038F, // B8
];

/// The character of one byte, `None` when the byte is unassigned.
pub fn decode_byte(b: u8) -> Option<char> {
    let code = match b {
        0x00..=0x9F => u32::from(b),
        0xA0..=0xBF => u32::from(HIGH[usize::from(b - 0xA0)]),
        0xD2 | 0xFF => 0,
        _ => 0x2D0 + u32::from(b),
    };
    if code == 0 && b != 0 { None } else { char::from_u32(code) }
}

/// Bytes to text; unassigned bytes become U+FFFD.
pub fn decode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| decode_byte(*b).unwrap_or('\u{FFFD}')).collect()
}

/// The byte of one character, `None` when ISO-8859-7 has no such character.
pub fn encode_char(c: char) -> Option<u8> {
    let code = u32::from(c);
    match code {
        0x00..=0x9F => u8::try_from(code).ok(),
        0x0390..=0x03CE if code != 0x03A2 => u8::try_from(code - 0x2D0).ok(),
        _ => HIGH
            .iter()
            .position(|h| u32::from(*h) == code && code != 0)
            .and_then(|i| u8::try_from(0xA0 + i).ok()),
    }
}

/// Text to bytes; characters outside the set become `?`.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars().map(|c| encode_char(c).unwrap_or(b'?')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_words_round_trip() {
        let text = "ΠΟΣΟ/AMT: 25,00€ Ευχαριστούμε «ΑΝΤΙΓΡΑΦΟ» ΐΰώΆ";
        let bytes = encode(text);
        assert_eq!(bytes.len(), text.chars().count(), "one byte per character");
        assert_eq!(&bytes[..4], &[0xD0, 0xCF, 0xD3, 0xCF]);
        assert_eq!(decode(&bytes), text);
    }

    #[test]
    fn every_assigned_byte_round_trips() {
        for b in 0..=255u8 {
            match decode_byte(b) {
                Some(c) => assert_eq!(encode_char(c), Some(b), "byte {b:#04X}"),
                None => assert!([0xAE, 0xD2, 0xFF].contains(&b), "byte {b:#04X}"),
            }
        }
        assert_eq!(decode_byte(0xA4), Some('€'));
        assert_eq!(decode_byte(0xC1), Some('Α'));
        assert_eq!(decode_byte(0xF2), Some('ς'));
        assert_eq!(encode("Ж"), b"?");
    }
}
