//! What can go wrong while printing, typed, with the message a cashier reads in their language.
//! The technical detail stays in `Display` (for the log); `cashier_message` is for the screen.

use crate::fl;
use crate::i18n::I18n;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// Connection refused or closed at once: the printer is off or its port is not open.
    #[error("printer {printer} is off or refuses connections: {detail}")]
    Off { printer: String, detail: String },
    /// No route, no answer to the connection attempt.
    #[error("printer {printer} cannot be reached: {detail}")]
    Unreachable { printer: String, detail: String },
    /// The printer answered the status query with the paper-end bits set.
    #[error("printer {printer} is out of paper (status byte {status:#04x})")]
    PaperOut { printer: String, status: u8 },
    /// The printer stopped answering in the middle of a step.
    #[error("printer {printer} did not answer in time while {step}")]
    Timeout { printer: String, step: &'static str },
    /// The link dropped while the job was being sent; part of it may have printed.
    #[error("connection to printer {printer} dropped while printing: {detail}")]
    Interrupted { printer: String, detail: String },
    /// A device file (USB, serial, parallel) could not be opened or written.
    #[error("printer device {path}: {detail}")]
    Device { path: String, detail: String },
    #[error("not a printer address: {0:?} (use HOST[:PORT] or a device path)")]
    BadAddress(String),
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    #[error("printer simulator: {0}")]
    Sim(#[from] std::io::Error),
}

impl PrintError {
    /// The .ftl id of what the cashier is told.
    pub fn message_id(&self) -> &'static str {
        match self {
            PrintError::Off { .. } => "print-err-off",
            PrintError::Unreachable { .. } => "print-err-unreachable",
            PrintError::PaperOut { .. } => "print-err-paper-out",
            PrintError::Timeout { .. } => "print-err-timeout",
            PrintError::Interrupted { .. } => "print-err-interrupted",
            PrintError::Device { .. } => "print-err-device",
            PrintError::BadAddress(_) => "print-err-bad-address",
            PrintError::Pdf(_) => "print-err-pdf",
            PrintError::Sim(_) => "print-err-sim",
        }
    }

    /// The message for the screen, in the cashier's language.
    pub fn cashier_message(&self, i18n: &I18n) -> String {
        match self {
            PrintError::Off { printer, .. } => {
                fl!(i18n, "print-err-off", printer = printer.as_str())
            }
            PrintError::Unreachable { printer, .. } => {
                fl!(i18n, "print-err-unreachable", printer = printer.as_str())
            }
            PrintError::PaperOut { printer, .. } => {
                fl!(i18n, "print-err-paper-out", printer = printer.as_str())
            }
            PrintError::Timeout { printer, .. } => {
                fl!(i18n, "print-err-timeout", printer = printer.as_str())
            }
            PrintError::Interrupted { printer, .. } => {
                fl!(i18n, "print-err-interrupted", printer = printer.as_str())
            }
            PrintError::Device { path, .. } => fl!(i18n, "print-err-device", path = path.as_str()),
            PrintError::BadAddress(input) => {
                fl!(i18n, "print-err-bad-address", printer = input.as_str())
            }
            PrintError::Pdf(_) => fl!(i18n, "print-err-pdf"),
            PrintError::Sim(e) => fl!(i18n, "print-err-sim", detail = e.to_string()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::i18n::{SOURCES, message_ids};

    fn every_error() -> Vec<PrintError> {
        let p = || "10.0.0.9:9100".to_string();
        vec![
            PrintError::Off { printer: p(), detail: "refused".into() },
            PrintError::Unreachable { printer: p(), detail: "no route".into() },
            PrintError::PaperOut { printer: p(), status: 0x72 },
            PrintError::Timeout { printer: p(), step: "sending" },
            PrintError::Interrupted { printer: p(), detail: "reset".into() },
            PrintError::Device { path: "/dev/usb/lp0".into(), detail: "denied".into() },
            PrintError::BadAddress("::".into()),
            PrintError::Pdf("font".into()),
            PrintError::Sim(std::io::Error::other("bind")),
        ]
    }

    #[test]
    fn every_error_has_a_message_in_every_language() {
        for (lang, source) in SOURCES {
            let ids = message_ids(source);
            let i18n = I18n::new(lang);
            for e in every_error() {
                assert!(ids.iter().any(|id| id == e.message_id()), "{lang:?} lacks {}", e.message_id());
                let text = e.cashier_message(&i18n);
                assert!(!text.contains('{') && !text.starts_with("print-err"), "{lang:?}: {text}");
            }
        }
    }

    #[test]
    fn paper_out_says_the_receipt_is_kept() {
        let e = PrintError::PaperOut { printer: "p".into(), status: 0x72 };
        assert!(e.cashier_message(&I18n::new(Lang::El)).contains("χαρτί"));
        assert!(e.cashier_message(&I18n::new(Lang::It)).contains("carta"));
        assert!(e.to_string().contains("0x72"));
    }
}
