//! One module per screen, each with its own `Message` and the `Event`s its parent acts on.
//! Screens never call the register: they ask for a `Job` and get the answer as a message.

pub mod card;
pub mod cash;
pub mod checkout;
mod checkout_view;
pub mod deferred;
pub mod first_run;
pub mod manager;
pub mod receipt;
pub mod signature;
pub mod signin;
pub mod split;
