//! The shop's own catalogue in the store (issue 22): a schema-8 database with the demo products
//! (one barcode column) and a sale upgrades to departments, barcodes, versions and search
//! words; a lookup by PLU, barcode or name never scans the products; a price change leaves
//! earlier receipts, a refund by line of an earlier sale and the open cart at the old price.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use tameio::config::Places;
use tameio::domain::{Cart, Money, Quantity};
use tameio::register::{RefundLine, RefundMode, Register};
use tameio::store::trace::observe_statements;
use tameio::terminal::ProgressSink;

use crate::support::register::manager;

const SCHEMAS: [&str; 8] = [
    include_str!("../../src/store/schema.sql"),
    include_str!("../../src/store/schema_2.sql"),
    include_str!("../../src/store/schema_3.sql"),
    include_str!("../../src/store/schema_4.sql"),
    include_str!("../../src/store/schema_5.sql"),
    include_str!("../../src/store/schema_6.sql"),
    include_str!("../../src/store/schema_7.sql"),
    include_str!("../../src/store/schema_8.sql"),
];

#[test]
fn a_schema_8_database_with_demo_products_and_a_sale_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tameio.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in SCHEMAS {
            conn.execute_batch(sql).unwrap();
        }
        for p in tameio::store::demo_products() {
            conn.execute(
                "INSERT INTO products (plu, barcode, name_en, name_el, name_it, category, price_cents, vat_bp, unit)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![
                    p.plu,
                    p.barcode.as_ref().map(|b| b.as_str().to_string()),
                    p.names.en,
                    p.names.el,
                    p.names.it,
                    p.category,
                    p.price.cents(),
                    p.vat.bp(),
                    p.unit.code()
                ],
            )
            .unwrap();
        }
        // A line sold of the feta (PLU 101) before the upgrade, on an order of a user.
        conn.execute("INSERT INTO users (id, name, role, pin_hash) VALUES (1, 'Maria', 'cashier', 'x')", [])
            .unwrap();
        conn.execute(
            "INSERT INTO orders (id, register_id, user_id, status, total_cents, created_at, updated_at)
             VALUES (1, '1', 1, 'open', 420, '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO order_lines (order_id, position, product_id, plu, name, unit_price_cents, quantity_milli,
                                      unit, vat_bp, amount_cents)
             SELECT 1, 0, id, plu, name_en, price_cents, 1000, unit, vat_bp, price_cents FROM products WHERE plu = 101",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 8).unwrap();
    }
    let places = Places { data_dir: dir.path().to_path_buf(), portable: false };
    let (register, _) = Register::open(&places).unwrap();
    let upgrade = register.upgrade().cloned().expect("upgraded");
    assert_eq!(upgrade.from, 8);

    // Every demo barcode moved to the barcodes table and still sells.
    let demo = tameio::store::demo_products();
    for p in demo.iter().filter(|p| p.barcode.is_some()) {
        let code = p.barcode.as_ref().unwrap().as_str();
        assert_eq!(register.find(code).unwrap().plu, p.plu, "{code}");
        assert_eq!(register.catalog_entry(p.plu).unwrap().barcodes.len(), 1);
    }
    // Departments from the categories; "various" (901/902) is the open-price one.
    let deps = register.departments().unwrap();
    let various = deps.iter().find(|d| d.code == "various").unwrap();
    assert!(various.open_price && various.names.el == "Διάφορα", "{various:?}");
    assert!(deps.iter().filter(|d| d.code != "various").all(|d| !d.open_price));
    let keys: Vec<u32> = register.department_keys().unwrap().iter().map(|p| p.plu).collect();
    assert_eq!(keys, [901, 902]);
    // One version each, the line's department and "ever sold" from the sale before.
    assert_eq!(register.price_history(101).unwrap().len(), 1);
    assert!(register.ever_sold(101).unwrap() && !register.ever_sold(102).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let dept: String = conn.query_row("SELECT department FROM order_lines", [], |r| r.get(0)).unwrap();
    assert_eq!(dept, "dairy");
    // The words were indexed in the upgrade: search as you type finds old products.
    let found: Vec<u32> = register.search_catalog("φετα", 10).unwrap().iter().map(|e| e.plu).collect();
    assert_eq!(found, [101]);

    // `db check` reads the barcodes where they now live (this hand-made database has other
    // problems: a user without a real PIN hash; none of them is a barcode).
    let before = register.check_db().unwrap().row_problems;
    assert!(!before.iter().any(|p| p.contains("barcode")), "{before:?}");
    conn.execute("UPDATE product_barcodes SET code = '5200000001014' WHERE code = '5200000001013'", [])
        .unwrap();
    let check = register.check_db().unwrap();
    assert!(
        check.row_problems.iter().any(|p| p.contains("barcode") && p.contains("5200000001014")),
        "{:?}",
        check.row_problems
    );
}

/// `EXPLAIN QUERY PLAN` of `sql` on `conn`, its parameters unbound.
fn plan_of(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
    let rows = stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3)).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn a_lookup_by_plu_barcode_or_name_never_scans_the_products() {
    // The observer is the whole process's: this test runs in a process of its own.
    if !crate::support::alone(module_path!(), "a_lookup_by_plu_barcode_or_name_never_scans_the_products") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    drop(Register::open(&places).unwrap());
    let statements: Arc<Mutex<BTreeSet<String>>> = Arc::default();
    let seen = statements.clone();
    observe_statements(Some(Arc::new(move |sql: &str| {
        seen.lock().unwrap().insert(sql.to_string());
    })));
    let (register, _) = Register::open(&places).unwrap();
    register.find("5200000001013").unwrap();
    register.find("101").unwrap();
    register.search_catalog("5200000", 20).unwrap();
    register.search_catalog("101", 20).unwrap();
    register.search_catalog("φετα πο", 20).unwrap();
    register.catalog_entry(101).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, "2100104007509", Quantity::ONE).unwrap_or_default();
    drop(register);
    observe_statements(None);

    let conn = rusqlite::Connection::open(places.database()).unwrap();
    let catalog = ["products", "product_barcodes", "product_words"];
    let mut failures = Vec::new();
    let mut checked = 0;
    for sql in statements.lock().unwrap().iter() {
        let looks_up = sql.trim_start().to_uppercase().starts_with("SELECT")
            && catalog.iter().any(|t| sql.contains(&format!("FROM {t}")));
        if !looks_up || sql.contains("ORDER BY plu LIMIT") || sql.contains("count(*)") {
            continue;
        }
        checked += 1;
        let plan = plan_of(&conn, sql);
        if plan.iter().any(|step| {
            catalog.iter().any(|t| {
                step.starts_with(&format!("SCAN {t}"))
                    || step.starts_with("SCAN w")
                    || step.starts_with("SCAN b")
            })
        }) {
            failures.push(format!("{}\n  {}", sql.trim(), plan.join(" | ")));
        }
    }
    assert!(checked >= 5, "the lookups went through the store: {checked}");
    assert!(failures.is_empty(), "lookups that scan:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_price_change_keeps_earlier_receipts_refunds_and_the_open_cart_at_the_old_price() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let cashier = register.cli_operator(None, None).unwrap();
    let mut sold = Cart::default();
    register.ring_up(&mut sold, "101", Quantity::pieces(2)).unwrap();
    let sale = register.cash_sale(&cashier, &sold, Money::from_cents(1000)).unwrap();
    assert_eq!(sale.total, Money::from_cents(840));
    let mut open = Cart::default();
    register.ring_up(&mut open, "101", Quantity::ONE).unwrap();

    // Feta goes from 4,20 at 13 % to 5,00 at 24 %.
    assert!(
        register
            .set_price(&boss, 101, Some(Money::from_cents(500)), Some(tameio::domain::VatRate(2400)))
            .unwrap()
    );
    let cashier_may_not = register.set_price(&cashier, 101, Some(Money::from_cents(100)), None);
    assert!(cashier_may_not.is_err(), "a manager's job");

    assert_eq!(register.receipt(sale.number).unwrap().total, Money::from_cents(840));
    let refund = register
        .refund_lines(
            &boss,
            sale.number,
            &[RefundLine { index: 0, quantity: Quantity::ONE }],
            RefundMode::Cash,
            &ProgressSink::none(),
        )
        .await
        .unwrap();
    let back = refund.receipt.unwrap();
    assert_eq!(back.total, Money::from_cents(-420), "the refund gives back what was paid");
    assert_eq!(back.lines[0].vat.bp(), 1300, "at the rate it was sold at");
    // The cart rung up before the change keeps its price; a new one gets the new price.
    let paid = register.cash_sale(&cashier, &open, Money::from_cents(1000)).unwrap();
    assert_eq!((paid.total, paid.lines[0].vat.bp()), (Money::from_cents(420), 1300));
    let mut later = Cart::default();
    register.ring_up(&mut later, "101", Quantity::ONE).unwrap();
    assert_eq!((later.totals().total, later.lines[0].vat.bp()), (Money::from_cents(500), 2400));
    let versions = register.price_history(101).unwrap();
    let prices: Vec<i64> = versions.iter().map(|v| v.price.cents()).collect();
    assert_eq!(prices, [420, 500]);
}

#[test]
fn the_demo_catalogue_goes_in_one_step_only_once_real_products_exist_and_none_was_sold() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    assert!(register.remove_demo_catalog(&boss).is_err(), "no products of the shop's own yet");
    let file = "plu;name;price;vat\n5001;Κουλούρι;0,80;13\n";
    let rows = register.read_catalog_file(file).unwrap();
    register.import_catalog(&boss, &rows, false, &|_, _| {}).unwrap();
    assert_eq!(register.remove_demo_catalog(&boss).unwrap(), tameio::store::demo_products().len());
    let left: Vec<u32> = register.catalog_entries().unwrap().iter().map(|e| e.plu).collect();
    assert_eq!(left, [5001]);

    let sold = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&sold);
    let rows = sold.read_catalog_file(file).unwrap();
    sold.import_catalog(&boss, &rows, false, &|_, _| {}).unwrap();
    let mut cart = Cart::default();
    sold.ring_up(&mut cart, "101", Quantity::ONE).unwrap();
    sold.cash_sale(&sold.cli_operator(None, None).unwrap(), &cart, Money::from_cents(500)).unwrap();
    assert!(sold.remove_demo_catalog(&boss).is_err(), "a demo product was sold");
    assert_eq!(sold.catalog_entries().unwrap().len(), tameio::store::demo_products().len() + 1);
}
