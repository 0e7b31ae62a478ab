//! What the fault tests and the fault-matrix example share (issue 10, "The proof"): tameio run
//! as processes, simulators, the books read back, and the matrix with its judge.
#![allow(dead_code)] // each test crate (and the example) takes the parts it needs

pub mod books;
pub mod judge;
pub mod matrix;
pub mod process;
pub mod terminals;
