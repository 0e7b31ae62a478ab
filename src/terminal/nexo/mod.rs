//! nexo Retailer 3.1 XML over HTTP (PAX terminals with Swedbank Pay): the codec, the client
//! (light integration), the `Terminal` implementation and a simulated terminal.

pub mod codec;
pub mod decode;
pub mod messages;
pub mod receipt;

pub use decode::{decode_body, decode_input};
