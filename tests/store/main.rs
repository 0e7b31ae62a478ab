//! What tameio keeps (one test binary): backups and restore, db check, schema upgrades, damaged rows,
//! secrets kept out of the database and the logs, local time, and receipts and reports printed
//! or written as PDF, the query plans of a working day (no read scans the history), and the
//! shop's catalogue (upgrade, lookups without a scan, prices kept as sold).

#[path = "../support/mod.rs"]
mod support;

mod catalog;
mod damaged_rows;
mod db_backup_restore;
mod db_check;
mod db_upgrade;
mod local_time;
mod print_documents;
mod print_printer;
mod query_plans;
mod secrets_at_rest;
mod secrets_scan;
