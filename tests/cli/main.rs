//! The command line end to end (one test binary): sales, documents, people, batch closes, the
//! fiscal link, the console door, the bad-input table, the data generator's history, and the
//! shop's catalogue (products, files, scale labels).

#[path = "../support/mod.rs"]
mod support;

mod bad_input_table;
mod cli_batch_close;
mod cli_documents;
mod cli_foundation;
mod cli_people;
mod cli_product;
mod cli_report_period;
mod console_door;
mod fiscal_link_cli;
mod grow_data;
