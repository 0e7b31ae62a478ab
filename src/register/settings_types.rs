//! The printer, fiscal and terminal-driver types the settings screens and diagnostics name,
//! handed out by the register so the GUI and the command line never import those layers.

pub use crate::fiscal::FiscalMode;
pub use crate::print::{Paper, PrinterTarget};
pub use crate::terminal::nexo::{DEFAULT_PORT as NEXO_DEFAULT_PORT, NexoOptions};
pub use crate::terminal::webecr::Environment as WebEcrEnvironment;
pub use crate::terminal::wirelog::WireEntry;
