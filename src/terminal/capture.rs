//! What `frame decode` is given: for the HTTP protocols (WebECR, nexo) the name of a file
//! holding a capture, or the capture itself, and an HTTP message's body without its head; for
//! the LAN protocols (ECR17, AADE 1155) a hex dump, read to bytes here.

use std::io::Read;
use std::path::Path;

/// The longest capture file read.
pub const MAX_CAPTURE_FILE: u64 = 4 * 1024 * 1024;

/// The capture `input` stands for: the text itself when `inline` says it is one (or no file
/// has that name), else the file's contents. `Err` says why the file could not be read.
pub fn read(input: &str, inline: impl Fn(&str) -> bool) -> Result<String, String> {
    let text = input.trim_start_matches('\u{feff}').trim();
    let path = Path::new(text);
    if text.is_empty() || inline(text) || !path.is_file() {
        return Ok(text.to_string());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut body = String::new();
    file.take(MAX_CAPTURE_FILE + 1)
        .read_to_string(&mut body)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if body.len() as u64 > MAX_CAPTURE_FILE {
        return Err(format!("{}: longer than {MAX_CAPTURE_FILE} bytes", path.display()));
    }
    Ok(body)
}

/// The body of an HTTP request or response (`POST …`, `HTTP/1.1 200 OK`, then headers and a
/// blank line); any other text as it is.
pub fn strip_http_head(text: &str) -> &str {
    let text = text.trim_start();
    let first = text.lines().next().unwrap_or("");
    let http = first.starts_with("HTTP/") || first.contains(" HTTP/1.") || first.contains(" HTTP/2");
    if !http {
        return text;
    }
    match text.find("\r\n\r\n").map(|i| i + 4).or_else(|| text.find("\n\n").map(|i| i + 2)) {
        Some(start) => &text[start..],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_goes_and_the_body_stays() {
        assert_eq!(strip_http_head("HTTP/1.1 200 OK\r\nContent-Type: x\r\n\r\n{\"a\":1}"), "{\"a\":1}");
        assert_eq!(strip_http_head("POST /EPASSaleToPOI/3.1 HTTP/1.1\nHost: t\n\n<x/>"), "<x/>");
        assert_eq!(strip_http_head("  {\"a\":1}"), "{\"a\":1}");
        assert_eq!(strip_http_head("HTTP/1.1 204 No Content\r\n"), "");
    }

    #[test]
    fn a_file_is_read_and_inline_text_is_kept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("capture.json");
        std::fs::write(&path, "{\"Status\":1}").unwrap_or_else(|e| panic!("{e}"));
        let named = path.display().to_string();
        assert_eq!(read(&named, |t| t.starts_with('{')), Ok("{\"Status\":1}".to_string()));
        assert_eq!(read("{\"Status\":2}", |t| t.starts_with('{')), Ok("{\"Status\":2}".to_string()));
        assert_eq!(read("no-such-file", |_| false), Ok("no-such-file".to_string()));
    }
}

/// Why a hex capture of a LAN protocol could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not hexadecimal: {0}")]
    Hex(String),
    #[error("nothing to decode")]
    Empty,
}

/// Frames described at most; the rest of a long capture is counted (`frames_not_shown`).
pub const MAX_FRAMES_SHOWN: usize = 1000;

/// The bytes of a hex dump: spaces, colons, commas and `0x` are passed over.
pub fn hex_bytes(input: &str) -> Result<Vec<u8>, DecodeError> {
    let clean: String =
        input.replace("0x", "").chars().filter(|c| !(c.is_whitespace() || *c == ':' || *c == ',')).collect();
    let bytes = hex::decode(&clean).map_err(|e| DecodeError::Hex(e.to_string()))?;
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(bytes)
}
