//! Runs the Products tab's calls (and the first run's catalogue import) against the register;
//! each answer goes back, as a message, to the screen that asked.

use std::path::Path;
use std::sync::Arc;

use super::message::Message;
use crate::i18n::I18n;
use crate::register::{DEMO_MANAGER, Operator, Register, RegisterError, SEARCH_LIMIT};
use crate::ui::request::Failure;
use crate::ui::request::products::{Call, Done, FieldFailure, ImportFor};
use crate::ui::screen::first_run;
use crate::ui::screen::manager::products_import::{self as import, Prepared};
use crate::ui::screen::manager::{self, products};

pub fn run(reg: &Register, i18n: &I18n, call: Call) -> Message {
    let fail = |e: RegisterError| Failure::of(&e, i18n);
    let answer = match call {
        Call::Search(q) => {
            let found = reg.search_catalog(&q, SEARCH_LIMIT).map_err(fail);
            products::Message::Found(q, found)
        }
        Call::Open(plu) => {
            let opened = reg.catalog_entry(plu).and_then(|e| Ok((e, reg.price_history(plu)?)));
            products::Message::Opened(opened.map_err(fail))
        }
        Call::Save { by, entry, new } => {
            let saved =
                if new { reg.add_product(&by, &entry).map(|()| true) } else { reg.edit_product(&by, &entry) };
            products::Message::Changed(saved.map(|_| Done::Saved(entry.plu)).map_err(|e| field(&e, i18n)))
        }
        Call::Deactivate { by, plu } => {
            let done = reg.deactivate_product(&by, plu).map(|_| Done::Deactivated(plu));
            products::Message::Changed(done.map_err(|e| field(&e, i18n)))
        }
        Call::RemoveDemo { by } => {
            let done = reg.remove_demo_catalog(&by).map(Done::DemoRemoved);
            products::Message::Changed(done.map_err(|e| demo_refusal(&e, i18n)))
        }
        Call::DryRun { path, to } => {
            let checked = dry_run(reg, i18n, &path);
            return route(to, import::Message::Checked(checked));
        }
        Call::Import { by, rows, to } => {
            let by = match by {
                Some(by) => Ok(by),
                // A fresh data folder's first run: nobody has signed in yet, its demo manager imports.
                None => reg.user_by_name(DEMO_MANAGER.0).map(Operator::from),
            };
            let done = by.and_then(|by| reg.import_catalog(&by, &rows, false, &|_, _| {})).map_err(fail);
            return route(to, import::Message::Imported(done));
        }
        Call::Export(dir) => {
            let written = export(reg, i18n, &dir);
            return route(ImportFor::Products, import::Message::Exported(written));
        }
    };
    Message::Manager(manager::Message::Products(answer))
}

fn route(to: ImportFor, m: import::Message) -> Message {
    match to {
        ImportFor::Products => Message::Manager(manager::Message::Products(products::Message::Import(m))),
        ImportFor::FirstRun => Message::FirstRun(first_run::Message::Import(m)),
    }
}

/// The file read and checked, and what importing it would do (nothing written).
fn dry_run(reg: &Register, i18n: &I18n, path: &Path) -> Result<Prepared, Failure> {
    let fail = |e: RegisterError| Failure::of(&e, i18n);
    let bytes = std::fs::read(path).map_err(|e| Failure {
        text: i18n.tr_args("products-file-unreadable", &[("reason", e.to_string().into())]),
        wrong_pins: None,
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure { text: i18n.tr("products-file-not-utf8"), wrong_pins: None })?;
    let rows = reg.read_catalog_file(&text).map_err(fail)?;
    // A dry run writes nothing: whoever is at the till may see what the file would do.
    let anyone = reg.cli_operator(None, None).map_err(fail)?;
    let summary = reg.import_catalog(&anyone, &rows, true, &|_, _| {}).map_err(fail)?;
    Ok(Prepared { path: path.to_path_buf(), rows: Arc::new(rows), summary })
}

/// The whole catalogue written as `catalogue-DATE-TIME.csv` in `dir`; the file's path.
fn export(reg: &Register, i18n: &I18n, dir: &Path) -> Result<String, Failure> {
    let csv = reg.export_catalog().map_err(|e| Failure::of(&e, i18n))?;
    let name = format!("catalogue-{}.csv", chrono::Local::now().format("%Y-%m-%d-%H%M%S"));
    let path = dir.join(name);
    std::fs::write(&path, csv).map_err(|e| Failure {
        text: i18n.tr_args("products-file-unwritable", &[("reason", e.to_string().into())]),
        wrong_pins: None,
    })?;
    Ok(path.display().to_string())
}

/// A refused change: the field it is about when the register names one.
fn field(e: &RegisterError, i18n: &I18n) -> FieldFailure {
    match e {
        RegisterError::Catalog(row) => FieldFailure {
            column: Some(row.column.clone()),
            text: crate::register::row_problem_text(i18n, &row.problem),
        },
        other => FieldFailure { column: None, text: Failure::of(other, i18n).text },
    }
}

/// Why the demo catalogue stays, in the user's language.
fn demo_refusal(e: &RegisterError, i18n: &I18n) -> FieldFailure {
    let text = match e {
        RegisterError::Conflict(detail) if detail.contains("was sold") => {
            let plu: String = detail.chars().filter(char::is_ascii_digit).collect();
            i18n.tr_args("products-demo-sold", &[("plu", plu.into())])
        }
        RegisterError::Conflict(_) => i18n.tr("products-demo-no-own"),
        other => Failure::of(other, i18n).text,
    };
    FieldFailure { column: None, text }
}
