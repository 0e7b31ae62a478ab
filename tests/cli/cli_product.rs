//! The shop's own catalogue on the command line (issue 22): a Greek CSV of 10,000 products
//! (BOM, `;`, decimal commas) imports in one go; a bad row in it changes nothing and is named
//! in the shop's language; export → import → export is the same file; add, set, deactivate
//! are audited old → new; a scale label rings up the weight or price it carries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

use crate::support::binary::tameio;
use tameio::domain::catalog::ean_check_digit;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ean13(body: &str) -> String {
    let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
    format!("{body}{}", ean_check_digit(&digits))
}

fn db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("tameio.db")).unwrap()
}

fn count(dir: &Path, sql: &str) -> i64 {
    db(dir).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Everything a product is, in one text: to see that nothing changed.
fn catalogue_state(dir: &Path) -> String {
    let conn = db(dir);
    let mut out = String::new();
    for sql in [
        "SELECT group_concat(plu || name_el || price_cents || vat_bp || category || active, '/') FROM products",
        "SELECT group_concat(code || product_id, '/') FROM product_barcodes",
        "SELECT CAST(count(*) AS TEXT) FROM product_versions",
        "SELECT group_concat(code, '/') FROM departments",
    ] {
        let v: Option<String> = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        out.push_str(&v.unwrap_or_default());
        out.push('\n');
    }
    out
}

/// A Greek shop's file: BOM, `;`, decimal commas, quoted names, PLUs from 10,000.
fn greek_file(rows: usize) -> String {
    let mut text = String::from("\u{feff}plu;name;barcodes;price;vat;unit;department\r\n");
    for i in 0..rows {
        let plu = 10_000 + i;
        let code = ean13(&format!("52099{i:07}"));
        let vat = ["24", "13%", "6"][i % 3];
        let dept = ["Αρτοποιία", "Τυροκομικά", "Ποτά \"εμφιαλωμένα\""][i % 3].replace('"', "\"\"");
        let unit = if i % 10 == 0 { "kg" } else { "piece" };
        text.push_str(&format!(
            "{plu};\"Προϊόν {i}; ποικιλία\";{code};{},{:02};{vat};{unit};\"{dept}\"\r\n",
            1 + i % 40,
            i % 100
        ));
    }
    text
}

fn greek_shop() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tameio.toml"), "language = \"el\"\n").unwrap();
    dir
}

#[test]
fn ten_thousand_greek_products_import_in_one_go_and_a_bad_row_changes_nothing() {
    let dir = greek_shop();
    let dir = dir.path();
    let file = dir.join("catalogue.csv");
    std::fs::write(&file, greek_file(10_000)).unwrap();
    let file = file.to_str().unwrap();

    let dry = tameio(dir, &["product", "import", file, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(stdout(&dry).contains("10000 γραμμές: 10000 για προσθήκη"), "{}", stdout(&dry));
    let before = catalogue_state(dir);
    assert!(!before.contains("Προϊόν"), "a dry run writes nothing");

    let done = tameio(dir, &["product", "import", file, "--pin", "9999"]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(stdout(&done).contains("Εισήχθησαν 10000 γραμμές: 10000 νέα"), "{}", stdout(&done));
    assert_eq!(count(dir, "SELECT count(*) FROM products WHERE plu >= 10000"), 10_000);
    assert_eq!(count(dir, "SELECT price_cents FROM products WHERE plu = 10007"), 807);
    assert_eq!(count(dir, "SELECT vat_bp FROM products WHERE plu = 10001"), 1300);
    let name: String =
        db(dir).query_row("SELECT name_el FROM products WHERE plu = 10002", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "Προϊόν 2; ποικιλία");
    let dept: String =
        db(dir).query_row("SELECT category FROM products WHERE plu = 10002", [], |r| r.get(0)).unwrap();
    assert_eq!(dept, "Ποτά \"εμφιαλωμένα\"", "the department named in the file is created");
    assert_eq!(count(dir, "SELECT count(*) FROM departments WHERE code = 'Τυροκομικά'"), 1);
    // Sold at once by its barcode.
    let sale = tameio(dir, &["sale", "--item", &ean13("520990000001"), "--cash", "10"]);
    assert!(sale.status.success(), "{}", stderr(&sale));

    // The same file with row 5,002 (product 5,000) carrying a wrong check digit, and prices
    // raised throughout: refused whole, named, in Greek.
    let imported = catalogue_state(dir);
    let good = ean13(&format!("52099{:07}", 5000));
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    let bad_code = format!("{}{}", &good[..12], (last + 1) % 10);
    let bad = greek_file(10_000).replace(";1,", ";2,").replace(&good, &bad_code);
    let bad_file = dir.join("bad.csv");
    std::fs::write(&bad_file, bad).unwrap();
    let refused = tameio(dir, &["product", "import", bad_file.to_str().unwrap(), "--pin", "9999"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let said = stderr(&refused);
    assert!(said.contains("Γραμμή 5002, στήλη «barcodes»"), "{said}");
    assert!(said.contains(&bad_code) && said.contains("ψηφίο ελέγχου"), "{said}");
    assert_eq!(catalogue_state(dir), imported, "a file with a bad row changes nothing");

    // A barcode the shop's feta already has, on row 9,002: found while writing, rolled back.
    let taken = greek_file(10_000)
        .replace(";1,", ";2,")
        .replace(&ean13(&format!("52099{:07}", 9000)), "5200000001013");
    std::fs::write(&bad_file, taken).unwrap();
    let refused = tameio(dir, &["product", "import", bad_file.to_str().unwrap(), "--pin", "9999"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused)
            .contains("Γραμμή 9002, στήλη «barcodes»: το barcode 5200000001013 ανήκει ήδη στο PLU 101"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(catalogue_state(dir), imported, "the rows before it were rolled back");
}

#[test]
fn export_then_import_then_export_is_the_same_file() {
    let dir = greek_shop();
    let dir = dir.path();
    let file = dir.join("in.csv");
    std::fs::write(&file, greek_file(300)).unwrap();
    assert!(tameio(dir, &["product", "import", file.to_str().unwrap(), "--pin", "9999"]).status.success());
    let first = dir.join("first.csv");
    let out = tameio(dir, &["product", "export", "-o", first.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let other = greek_shop();
    let other = other.path();
    let into = tameio(other, &["product", "import", first.to_str().unwrap(), "--pin", "9999"]);
    assert!(into.status.success(), "{}", stderr(&into));
    let second = other.join("second.csv");
    assert!(tameio(other, &["product", "export", "-o", second.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read_to_string(&first).unwrap(), std::fs::read_to_string(&second).unwrap());
    // Imported again over itself: nothing changes.
    let again = tameio(other, &["product", "import", second.to_str().unwrap(), "--dry-run"]);
    assert!(
        stdout(&again).contains("0 για προσθήκη, 0 για αλλαγή, 0 για απόσυρση, 343 χωρίς αλλαγή"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn add_set_and_deactivate_are_audited_old_to_new_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let code = ean13("520123456789");
    let add = tameio(
        dir,
        &[
            "product",
            "add",
            "--plu",
            "510",
            "--name",
            "Κουλούρι",
            "--price",
            "0,80",
            "--vat",
            "13",
            "--barcode",
            &code,
            "--department",
            "bakery",
            "--pin",
            "9999",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let before = catalogue_state(dir);
    for (args, says) in [
        (vec!["--price", "0,805"], "more than two decimals"),
        (vec!["--vat", "19"], "not a VAT rate"),
        (vec!["--barcode", "5201234567890"], "check digit"),
        (vec!["--barcode", "5200000001013"], "already belongs to PLU 101"),
    ] {
        let mut all = vec!["product", "set", "510"];
        all.extend(args);
        all.extend(["--pin", "9999"]);
        let out = tameio(dir, &all);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{all:?}: {}", stderr(&out));
        assert_eq!(catalogue_state(dir), before, "{all:?} changed nothing");
    }
    let wrong_pin = tameio(dir, &["product", "set", "510", "--price", "0,90", "--pin", "1111"]);
    assert_ne!(wrong_pin.status.code(), Some(0));
    assert_eq!(catalogue_state(dir), before);

    let set = tameio(dir, &["product", "set", "510", "--price", "0,90", "--pin", "9999"]);
    assert!(set.status.success(), "{}", stderr(&set));
    let off = tameio(dir, &["product", "deactivate", "510", "--pin", "9999"]);
    assert!(off.status.success(), "{}", stderr(&off));
    let gone = tameio(dir, &["sale", "--item", &code, "--cash", "5"]);
    assert_eq!(gone.status.code(), Some(2), "off sale: {}", stderr(&gone));

    let conn = db(dir);
    let mut stmt = conn
        .prepare("SELECT actor, action, detail FROM audit_log WHERE subject = 'PLU 510' ORDER BY id")
        .unwrap();
    let log: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    let actions: Vec<&str> = log.iter().map(|l| l.1.as_str()).collect();
    assert_eq!(actions, ["catalog.add", "catalog.edit", "catalog.deactivate"]);
    assert!(log.iter().all(|l| l.0 == "Nikos"), "{log:?}");
    assert!(log[1].2.contains("\"price_cents\":[80,90]"), "old → new: {}", log[1].2);
    assert!(log[2].2.contains("\"active\":[true,false]"), "{}", log[2].2);

    let show = tameio(dir, &["product", "show", "510", "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    let prices: Vec<i64> =
        shown["versions"].as_array().unwrap().iter().map(|v| v["price"].as_i64().unwrap()).collect();
    assert_eq!(prices, [80, 90], "a price change is a new version: {shown}");
    let list = tameio(dir, &["product", "list", "--search", "κουλουρ", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let plus: Vec<u64> =
        list["products"].as_array().unwrap().iter().map(|p| p["plu"].as_u64().unwrap()).collect();
    assert_eq!(plus, [202], "off sale is not listed, the demo's koulouri is: {list}");
}

#[test]
fn a_scale_label_rings_up_the_weight_or_the_price_it_carries() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // Graviera (PLU 104) at 16,90 a kilo: 750 g under prefix 21, a label of 8,45 under 23.
    let weight = tameio(dir, &["sale", "--item", &ean13("210010400750"), "--cash", "20", "--json"]);
    assert!(weight.status.success(), "{}", stderr(&weight));
    let receipt: serde_json::Value = serde_json::from_slice(&weight.stdout).unwrap();
    assert_eq!(receipt["total_cents"], 1268, "0,750 kg × 16,90: {receipt}");
    let price = tameio(dir, &["sale", "--item", &ean13("230010400845"), "--cash", "20", "--json"]);
    assert!(price.status.success(), "{}", stderr(&price));
    let receipt: serde_json::Value = serde_json::from_slice(&price.stdout).unwrap();
    assert_eq!(receipt["total_cents"], 845, "{receipt}");
    let unknown = tameio(dir, &["sale", "--item", &ean13("210099900750"), "--cash", "20"]);
    assert_eq!(unknown.status.code(), Some(2), "a label of an unknown PLU: {}", stderr(&unknown));
}
