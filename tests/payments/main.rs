//! The payment rule end to end (one test binary): tameio killed or failing at each step and
//! recovered, two processes on one terminal, the fault matrix's fast subset, a manager's
//! decisions, and payments, refunds, tips, preloads and signatures through the register.

#[path = "../support/mod.rs"]
mod support;

mod deferred_refresh;
mod disk_faults;
mod fault_matrix;
mod greece_register;
mod manager_audit;
mod manager_resolve;
mod nexo_signature;
mod nexo_signature_split;
mod preload_capability;
mod recovery_kill;
mod refunds_by_line;
mod refunds_register;
mod split_cash;
mod tips_and_demo_receipts;
mod two_processes;
