//! What tameio keeps (one test binary): backups and restore, schema upgrades, damaged rows,
//! secrets kept out of the database and the logs, local time, and receipts and reports printed
//! or written as PDF.

#[path = "../support/mod.rs"]
mod support;

mod damaged_rows;
mod db_backup_restore;
mod db_upgrade;
mod local_time;
mod print_documents;
mod print_printer;
mod secrets_at_rest;
mod secrets_scan;
