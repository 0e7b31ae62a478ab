pub mod domain;
pub mod terminal;
