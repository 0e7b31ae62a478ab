//! How long a 100,000-product catalogue takes to read, import (dry run and for real), search
//! and export: `cargo run --release --example catalog_import [-- ROWS]`. Prints the figures;
//! nothing is asserted (speed is measured here, never in a test).

use std::time::Instant;

use tameio::config::Places;
use tameio::domain::catalog::ean_check_digit;
use tameio::register::Register;

fn ean13(body: &str) -> String {
    let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
    format!("{body}{}", ean_check_digit(&digits))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(100_000);
    let mut text = String::from("\u{feff}plu;name;name_en;barcodes;price;vat;unit;department\n");
    for i in 0..rows {
        let code = ean13(&format!("52099{i:07}"));
        let vat = ["24", "13", "6"][i % 3];
        text.push_str(&format!(
            "{};Προϊόν {i} ποικιλία {};Product {i};{code};{},{:02};{vat};piece;Τμήμα {}\n",
            10_000 + i,
            i % 97,
            1 + i % 40,
            i % 100,
            i % 12
        ));
    }
    let dir = tempfile::tempdir()?;
    // A Greek shop: the `name` column is the Greek name.
    std::fs::write(dir.path().join("tameio.toml"), "language = \"el\"\n")?;
    let places = Places { data_dir: dir.path().to_path_buf(), portable: false };
    let (register, _) = Register::open(&places)?;
    let manager = register.authorize_manager("9999")?;
    let t = Instant::now();
    let parsed = register.read_catalog_file(&text)?;
    println!("read {} rows: {:.2?}", parsed.len(), t.elapsed());
    let quiet = |_: usize, _: usize| {};
    let t = Instant::now();
    let dry = register.import_catalog(&manager, &parsed, true, &quiet)?;
    println!("dry run ({} to add): {:.2?}", dry.added.len(), t.elapsed());
    let t = Instant::now();
    let done = register.import_catalog(&manager, &parsed, false, &quiet)?;
    println!("import ({} added): {:.2?}", done.added.len(), t.elapsed());
    for query in ["προϊ", "ποικιλία 42", "52099000", "12345", "product 999"] {
        let t = Instant::now();
        let found = register.search_catalog(query, tameio::register::SEARCH_LIMIT)?;
        println!("search {query:?}: {} found in {:.2?}", found.len(), t.elapsed());
    }
    let t = Instant::now();
    let out = register.export_catalog()?;
    println!("export ({} bytes): {:.2?}", out.len(), t.elapsed());
    let t = Instant::now();
    let again = register.import_catalog(&manager, &register.read_catalog_file(&out)?, true, &quiet)?;
    println!("re-import dry run ({} unchanged): {:.2?}", again.unchanged, t.elapsed());
    Ok(())
}
