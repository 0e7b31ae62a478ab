//! The people who work the till: a user with a role, the wrong-PIN rule, and the demo users
//! a new shop starts with (their PINs are in the README).

use serde::Serialize;

use super::order::Role;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// Wrong PINs typed since the last right one.
    pub failed_pins: i64,
}

/// Wrong PINs in a row that lock a user (or the manager PIN prompt) until a manager unlocks.
pub const PIN_LOCK_AFTER: i64 = 5;
/// Wrong PINs in a row answered at once; every later try waits first (`store::pin_delay`).
pub const PIN_FREE_TRIES: i64 = 3;

/// The demo users written on first run into an empty database: (name, PIN).
pub const DEMO_CASHIER: (&str, &str) = ("Maria", "1111");
pub const DEMO_MANAGER: (&str, &str) = ("Nikos", "9999");
