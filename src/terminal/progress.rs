//! Live events of a payment in flight (display text, "insert card", "PIN") for the GUI.
//! The sink never blocks: a slow or absent listener cannot stall a payment.

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

/// One thing the cashier may want to see while the terminal works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", content = "value", rename_all = "snake_case")]
pub enum Progress {
    Connecting,
    /// The request left the register.
    Sent,
    /// The terminal confirmed it received the request.
    Acknowledged,
    /// The terminal's own display text, as sent (ECR17: the 20 characters of a SOH frame).
    Display(String),
    InsertCard,
    EnterPin,
    Authorising,
    /// The terminal reports its link to the acquirer host up (true) or down (false).
    HostLink(bool),
    /// A link-level retransmission (the number of this repeat, from 1).
    Retrying(u8),
    /// The result arrived; a receipt may still follow.
    ResultReceived,
    /// The outcome was lost; asking the terminal for its last result.
    Recovering,
    /// The terminal asks whether the cardholder's signature matches (nexo full integration),
    /// with the merchant copy to compare: the cashier answers by `nexo::answer_signature`.
    SignatureCheck(Vec<String>),
}

/// Who answers a terminal's "signature OK?" during a payment (nexo full integration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureAnswer {
    /// The terminal's configured answer (its `confirm_signature` option).
    #[default]
    Configured,
    /// The cashier on screen: the question goes out as `Progress::SignatureCheck`.
    Cashier,
    /// Given beforehand (the command line's `--confirm-signature yes|no`).
    Given(bool),
}

/// Where progress events go: a channel or nowhere. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct ProgressSink {
    tx: Option<mpsc::UnboundedSender<Progress>>,
    signature: SignatureAnswer,
}

impl ProgressSink {
    /// A sink that drops every event.
    pub fn none() -> Self {
        ProgressSink { tx: None, signature: SignatureAnswer::Configured }
    }

    /// A sink and the receiver the GUI (or a test) reads from.
    pub fn channel() -> (Self, mpsc::UnboundedReceiver<Progress>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (ProgressSink { tx: Some(tx), signature: SignatureAnswer::Configured }, rx)
    }

    pub fn from_sender(tx: mpsc::UnboundedSender<Progress>) -> Self {
        ProgressSink { tx: Some(tx), signature: SignatureAnswer::Configured }
    }

    /// The same sink, with who answers a signature question.
    pub fn with_signature(mut self, answer: SignatureAnswer) -> Self {
        self.signature = answer;
        self
    }

    pub fn signature(&self) -> SignatureAnswer {
        self.signature
    }

    pub fn emit(&self, event: Progress) {
        if let Some(tx) = &self.tx {
            // A closed receiver only means nobody is watching any more.
            let _ = tx.send(event);
        }
    }

    /// Emits the raw display text, then what it means when the text is recognised.
    pub fn display(&self, text: &str) {
        self.emit(Progress::Display(text.to_string()));
        if let Some(meaning) = classify_display(text) {
            self.emit(meaning);
        }
    }
}

/// Maps a terminal's display text to a typed event. The ECR17 doc lists no texts, so these
/// are the usual Italian/English prompts (inferred); unknown texts map to nothing.
pub fn classify_display(text: &str) -> Option<Progress> {
    let t = text.to_ascii_uppercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["PIN"]) {
        Some(Progress::EnterPin)
    } else if has(&["INSERIRE", "INSERT", "AVVICINA", "PRESENT", "TAP", "STRISCIA", "CARTA", "CARD"]) {
        Some(Progress::InsertCard)
    } else if has(&["HOST NON", "NO HOST", "HOST KO", "HOST DOWN", "OFFLINE"]) {
        Some(Progress::HostLink(false))
    } else if has(&["HOST OK", "HOST CONNESSO", "ONLINE"]) {
        Some(Progress::HostLink(true))
    } else if has(&["AUTORIZZ", "AUTHORI", "CONNESSIONE", "ATTENDERE", "ELABORAZ", "PROCESSING", "WAIT"]) {
        Some(Progress::Authorising)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_texts_map_to_events() {
        assert_eq!(classify_display("DIGITARE PIN        "), Some(Progress::EnterPin));
        assert_eq!(classify_display("INSERIRE CARTA      "), Some(Progress::InsertCard));
        assert_eq!(classify_display("CONNESSIONE HOST    "), Some(Progress::Authorising));
        assert_eq!(classify_display("HOST NON DISPONIBILE"), Some(Progress::HostLink(false)));
        assert_eq!(classify_display("BUONGIORNO          "), None);
    }

    #[tokio::test]
    async fn sink_keeps_the_raw_text_and_its_meaning() {
        let (sink, mut rx) = ProgressSink::channel();
        sink.display("DIGITARE PIN        ");
        assert_eq!(rx.recv().await, Some(Progress::Display("DIGITARE PIN        ".into())));
        assert_eq!(rx.recv().await, Some(Progress::EnterPin));
        ProgressSink::none().emit(Progress::Sent);
    }
}
