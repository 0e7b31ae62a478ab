//! Why talking to a terminal failed, and whether the request may have got through.
//! `may_have_reached_terminal` is what the session uses to choose Unknown over Failed.

/// A failure of a terminal operation (the cashier sees its text; details go to the log).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TerminalError {
    #[error("the terminal does not support {0}")]
    NotSupported(&'static str),
    #[error("the terminal is busy and refused the request")]
    Busy,
    #[error("cannot reach the terminal: {0}")]
    Unreachable(String),
    #[error("invalid request: {0}")]
    Invalid(String),
    #[error("invalid terminal configuration: {0}")]
    Config(String),
    #[error("protocol error: {0}")]
    Protocol(String),
    #[error("the terminal did not answer in time")]
    Timeout,
    #[error("the link to the terminal was lost: {0}")]
    LinkLost(String),
}

impl TerminalError {
    /// True when the request may have been taken by the terminal, so its outcome is unknown
    /// and it must never be sent again; false when provably nothing was processed.
    pub fn may_have_reached_terminal(&self) -> bool {
        match self {
            TerminalError::NotSupported(_)
            | TerminalError::Busy
            | TerminalError::Unreachable(_)
            | TerminalError::Invalid(_)
            | TerminalError::Config(_) => false,
            TerminalError::Protocol(_) | TerminalError::Timeout | TerminalError::LinkLost(_) => true,
        }
    }

    /// An HTTP transport failure (WebECR, nexo): refused or unresolvable before the request
    /// was written means nothing reached the terminal or its backend; a timeout or a cut after
    /// that may have.
    pub fn http(e: reqwest::Error) -> TerminalError {
        if e.is_connect() {
            TerminalError::Unreachable(e.to_string())
        } else if e.is_builder() {
            TerminalError::Config(e.to_string())
        } else if e.is_timeout() {
            TerminalError::Timeout
        } else {
            TerminalError::LinkLost(e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_post_send_failures_may_have_reached() {
        assert!(!TerminalError::Busy.may_have_reached_terminal());
        assert!(!TerminalError::Unreachable("x".into()).may_have_reached_terminal());
        assert!(!TerminalError::NotSupported("refund").may_have_reached_terminal());
        assert!(TerminalError::Timeout.may_have_reached_terminal());
        assert!(TerminalError::LinkLost("eof".into()).may_have_reached_terminal());
        assert!(TerminalError::Protocol("bad".into()).may_have_reached_terminal());
    }
}
