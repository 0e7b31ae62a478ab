//! Reads that do not grow with history (issue 21). Every SQL statement the store runs while
//! the register starts up and recovers, sells (cash, card, split), books a card approval,
//! prints an X report, finds receipts (number, day, amount, last four), shows the batch-close
//! screen and the diagnostics list is captured, and its `EXPLAIN QUERY PLAN` must not scan a
//! history table: each such read then costs the same after ten years as on the first day.
//! Whole-table jobs (`db check`, a backup) run outside these paths and are not captured.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use tameio::config::Places;
use tameio::domain::{Cart, Money, Quantity, ReceiptFilter};
use tameio::register::{Operator, Register};
use tameio::store::trace::observe_statements;
use tameio::terminal::{Outcome, ProgressSink};

/// Tables that grow with every sale, day or year.
const HISTORY: &[&str] = &[
    "orders",
    "order_lines",
    "tenders",
    "attempts",
    "attempt_events",
    "receipts",
    "reprints",
    "audit_log",
    "batch_closures",
    "refund_lines",
    "deferred_receipts",
    "shifts",
    "batch_close_requests",
];

/// Partial indexes that hold only what is still open (a handful of rows): walking one whole
/// is reading what is open (or typed by hand in fault mode), not the history.
const BOUNDED_INDEXES: &[&str] = &[
    "attempts_open",
    "attempts_unbooked",
    "batch_close_requests_unfinished",
    "deferred_waiting",
    "shifts_open",
    "tenders_manual",
];

/// The newest N rows along an index, with no filter that could skip most rows: the walk stops
/// after N. Each by a piece of its SQL, with why it is there.
const NEWEST: &[(&str, &str)] = &[
    ("FROM attempts ORDER BY id DESC LIMIT", "recent_attempts: the last 200 for recovery and refunds"),
    (
        "WHERE ?1 IS NULL AND outcome IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT",
        "recent_outcomes of all terminals",
    ),
    ("FROM audit_log ORDER BY id DESC LIMIT", "audit_entries: the newest entries"),
    ("FROM receipts WHERE register_id = ?1 ORDER BY number DESC LIMIT", "the receipts list with no filter"),
    (
        "FROM batch_closures WHERE register_id = ?1 AND ?2 IS NULL ORDER BY number DESC LIMIT",
        "the newest Z reports",
    ),
];

fn cart(register: &Register, codes: &[&str]) -> Cart {
    let mut cart = Cart::default();
    for code in codes {
        register.ring_up(&mut cart, code, Quantity::ONE).unwrap();
    }
    cart
}

/// Alias (or name) -> table, from `FROM t a`, `JOIN t a` and `, t a` in the statement.
fn tables_by_alias(sql: &str) -> BTreeMap<String, String> {
    let words: Vec<String> = sql
        .replace(['(', ')', ';'], " ")
        .replace(',', " , ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let keyword = |w: &str| {
        matches!(
            w,
            "where"
                | "join"
                | "on"
                | "order"
                | "group"
                | "limit"
                | "left"
                | "inner"
                | "cross"
                | "using"
                | "indexed"
                | "not"
                | "union"
                | "set"
                | "values"
                | "as"
                | ","
        )
    };
    let mut out = BTreeMap::new();
    for (i, w) in words.iter().enumerate() {
        if !matches!(w.as_str(), "from" | "join" | ",") {
            continue;
        }
        let Some(table) = words.get(i + 1).filter(|t| HISTORY.contains(&t.as_str())) else { continue };
        out.insert(table.clone(), table.clone());
        let mut next = i + 2;
        if words.get(next).is_some_and(|w| w == "as") {
            next += 1;
        }
        if let Some(alias) = words.get(next).filter(|a| !keyword(a)) {
            out.insert(alias.clone(), table.clone());
        }
    }
    out
}

/// What is wrong with a statement's plan: each full scan of a history table, named. A search
/// by the register alone is one too (a till has one register id: it is the whole table),
/// unless it takes the largest value (`max(…)`: one step down the index).
fn scans_of_history(sql: &str, plan: &[String]) -> Vec<String> {
    let flat = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if NEWEST.iter().any(|(piece, _)| flat.contains(piece)) {
        return Vec::new();
    }
    let tables = tables_by_alias(sql);
    plan.iter()
        .filter_map(|line| {
            let by_register = line.starts_with("SEARCH ") && line.ends_with(" (register_id=?)");
            let rest = match line.strip_prefix("SEARCH ") {
                Some(rest) if by_register && !flat.contains("max(") => rest,
                _ => line.strip_prefix("SCAN ")?,
            };
            let name = rest.split_whitespace().next()?.to_lowercase();
            // `UPDATE t` and `INSERT INTO t` name their table without a FROM.
            let table = tables.get(&name).or_else(|| HISTORY.contains(&name.as_str()).then_some(&name))?;
            let index = rest.split(" INDEX ").nth(1).and_then(|i| i.split_whitespace().next());
            match index {
                Some(index) if BOUNDED_INDEXES.contains(&index) => None,
                _ => Some(format!("{line} (table {table})")),
            }
        })
        .collect()
}

/// Statements a plan can be asked for (not DDL, pragmas or transaction control).
fn is_query(sql: &str) -> bool {
    let first = sql.split_whitespace().next().unwrap_or_default().to_uppercase();
    matches!(first.as_str(), "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "WITH" | "REPLACE")
}

fn plan_of(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt =
        conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap_or_else(|e| panic!("{sql}: {e}"));
    // Unbound parameters: the plan SQLite makes at prepare time is the one every run uses.
    let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
    let rows = stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3)).unwrap();
    rows.map(Result::unwrap).collect()
}

/// Everything a till does on a working day, on a data folder that already holds a closed day.
async fn a_working_day(places: &Places, statements: &Mutex<BTreeSet<String>>) {
    let (register, _) = Register::open(places).unwrap();
    let register = register.with_demo_step_ms(0);
    let manager: Operator = register.authorize_manager("9999").unwrap();
    let sink = ProgressSink::none();
    // Yesterday: a cash sale and a card sale, closed by a Z.
    register.cash_sale(&manager, &cart(&register, &["101"]), Money::from_cents(5000)).unwrap();
    let order = register.open_order(&manager, &cart(&register, &["401"])).unwrap();
    let due = register.order(order).unwrap().remaining();
    register.pay_card(&manager, order, due, "demo", &sink).await.unwrap();
    register.close_register_batch(&manager, None).unwrap();
    // A card approval whose booking fails: recovery books it at the next start-up.
    let order = register.open_order(&manager, &cart(&register, &["503"])).unwrap();
    let due = register.order(order).unwrap().remaining();
    tameio::fault::set_plan("fail:book-tender#1");
    let payment = register.pay_card(&manager, order, due, "demo", &sink).await.unwrap();
    tameio::fault::set_plan("");
    assert!(payment.pending.is_some(), "the booking was to fail: {payment:?}");
    // An approval the journal could not commit: left open, recovery asks the terminal.
    let order = register.open_order(&manager, &cart(&register, &["602"])).unwrap();
    let due = register.order(order).unwrap().remaining();
    tameio::fault::set_plan("fail:before-result-commit");
    let payment = register.pay_card(&manager, order, due, "demo", &sink).await.unwrap();
    tameio::fault::set_plan("");
    assert!(payment.pending.is_some(), "the result was not to be recorded: {payment:?}");
    assert_eq!(register.open_attempts().unwrap().len(), 1, "left for recovery");
    drop(register);

    // From here on every statement counts.
    statements.lock().unwrap().clear();
    let (register, _) = Register::open(places).unwrap();
    let register = register.with_demo_step_ms(0);
    register.recover(None).await.unwrap();
    assert!(register.unbooked_approvals().unwrap().is_empty(), "recovery booked the approval");
    register.unchecked_signatures().unwrap();
    register.users().unwrap();
    register.products().unwrap();
    let manager = register.authorize_manager("9999").unwrap();
    // The demo terminal started anew knows nothing of it: a manager decides (diagnostics).
    for open in register.open_attempts().unwrap() {
        let not_charged = Outcome::Cancelled { message: "not charged".into() };
        register.force_attempt(&manager, open.id, &not_charged).unwrap();
    }
    // A cash sale, a card sale, and a split one (cash, then card).
    let cash =
        register.cash_sale(&manager, &cart(&register, &["101", "602"]), Money::from_cents(5000)).unwrap();
    let order = register.open_order(&manager, &cart(&register, &["401"])).unwrap();
    let due = register.order(order).unwrap().remaining();
    let card = register.pay_card(&manager, order, due, "demo", &sink).await.unwrap();
    let card = card.receipt.expect("the card sale's receipt");
    let order = register.open_order(&manager, &cart(&register, &["401", "505"])).unwrap();
    assert!(register.pay_cash(&manager, order, Money::from_cents(500)).unwrap().is_none());
    let due = register.order(order).unwrap().remaining();
    let split = register.pay_card(&manager, order, due, "demo", &sink).await.unwrap();
    assert!(split.receipt.is_some(), "the split sale's receipt");
    // The X report, the batch-close screen, the receipts, the diagnostics list.
    register.x_report().unwrap();
    register.batch_closures().unwrap();
    register.receipt(cash.number).unwrap();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let last4 = card.tenders.iter().find_map(|t| t.card.as_ref()).map(|c| c.masked_pan.clone()).unwrap();
    let last4: String = last4.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    let searches = [
        ReceiptFilter::default(),
        ReceiptFilter { number: Some(cash.number), ..Default::default() },
        ReceiptFilter { date: Some(today.clone()), ..Default::default() },
        ReceiptFilter { total: Some(card.total), ..Default::default() },
        ReceiptFilter { card_last4: Some(last4.clone()), ..Default::default() },
        ReceiptFilter {
            date: Some(today),
            total: Some(card.total),
            card_last4: Some(last4),
            ..Default::default()
        },
    ];
    for filter in &searches {
        assert!(!register.receipts(filter).unwrap().is_empty(), "{filter:?} finds the sale");
    }
    register.open_attempts().unwrap();
    register.receipt_for_order(order).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn no_read_of_a_working_day_scans_the_history() {
    // The observer is the whole process's: this test runs in a process of its own.
    if !crate::support::alone(module_path!(), "no_read_of_a_working_day_scans_the_history") {
        return;
    }
    let statements: Arc<Mutex<BTreeSet<String>>> = Arc::default();
    let seen = statements.clone();
    observe_statements(Some(Arc::new(move |sql: &str| {
        seen.lock().unwrap().insert(sql.to_string());
    })));
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    a_working_day(&places, &statements).await;
    observe_statements(None);

    let conn = rusqlite::Connection::open(places.database()).unwrap();
    let captured = statements.lock().unwrap().clone();
    let queries: Vec<&String> = captured.iter().filter(|sql| is_query(sql)).collect();
    assert!(queries.len() > 40, "the day ran through the store: {} statements", queries.len());
    let mut failures = Vec::new();
    for sql in queries {
        let plan = plan_of(&conn, sql);
        let scans = scans_of_history(sql, &plan);
        if !scans.is_empty() {
            failures.push(format!(
                "{}\n  plan: {}\n  scans: {}",
                sql.trim(),
                plan.join(" | "),
                scans.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} statements scan a history table:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_scan_of_a_history_table_is_caught_through_its_alias() {
    let plan = ["SCAN a".to_string(), "SEARCH t USING INDEX tenders_attempt (attempt_id=?)".to_string()];
    let sql =
        "SELECT a.id FROM attempts a WHERE NOT EXISTS (SELECT 1 FROM tenders t WHERE t.attempt_id = a.id)";
    assert_eq!(scans_of_history(sql, &plan), ["SCAN a (table attempts)"]);
    let bounded = ["SCAN a USING INDEX attempts_unbooked".to_string()];
    assert!(scans_of_history(sql, &bounded).is_empty());
    let small = ["SCAN users".to_string()];
    assert!(scans_of_history("SELECT id FROM users", &small).is_empty());
    let whole_register =
        ["SEARCH receipts USING INDEX sqlite_autoindex_receipts_1 (register_id=?)".to_string()];
    let count = "SELECT count(*) FROM receipts WHERE register_id = ?1";
    assert_eq!(scans_of_history(count, &whole_register).len(), 1, "one register is the whole table");
    let last = "SELECT max(number) FROM receipts WHERE register_id = ?1";
    assert!(scans_of_history(last, &whole_register).is_empty(), "one step down the index");
}
