//! Nexi ECR17 ("Protocollo 17") over TCP: framing, messages, the ECR-side client, the
//! terminal simulator and the `Terminal` implementation the register uses.

mod field;
pub mod frame;
pub mod message;
pub mod reply;
pub mod result;

use super::{TerminalConfig, TerminalError};

pub struct Ecr17Terminal;
impl Ecr17Terminal {
    pub fn from_config(_c: &TerminalConfig) -> Result<Self, TerminalError> { Err(TerminalError::Timeout) }
}
