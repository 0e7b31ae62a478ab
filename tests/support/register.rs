//! The register in process, as the payment tests set it up: its demo manager signed in, and a
//! cart rung up from barcodes or PLUs.

use tameio::domain::{Cart, Quantity};
use tameio::register::{Operator, Register};

/// The demo manager (PIN 9999).
pub fn manager(register: &Register) -> Operator {
    register.authorize_manager("9999").unwrap()
}

/// One of each of `codes` (barcodes or PLUs).
pub fn cart(register: &Register, codes: &[&str]) -> Cart {
    let mut cart = Cart::default();
    for code in codes {
        register.ring_up(&mut cart, code, Quantity::ONE).unwrap();
    }
    cart
}
