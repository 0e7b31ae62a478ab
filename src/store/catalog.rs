//! Products: lookup by barcode or PLU, search, and import of a catalogue.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, audit};
use crate::domain::{Barcode, Money, Names, Product, Unit, VatRate};

const COLUMNS: &str = "id, plu, barcode, name_en, name_el, name_it, category, price_cents, vat_bp, unit";

fn product_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    let barcode: Option<String> = r.get(2)?;
    let unit: String = r.get(9)?;
    Ok(Product {
        id: r.get(0)?,
        plu: r.get(1)?,
        barcode: barcode.and_then(|b| Barcode::parse(&b).ok()),
        names: Names { en: r.get(3)?, el: r.get(4)?, it: r.get(5)? },
        category: r.get(6)?,
        price: Money::from_cents(r.get(7)?),
        vat: VatRate(r.get(8)?),
        unit: Unit::from_code(&unit),
    })
}

impl Store {
    /// Adds products in one transaction; the given ids are ignored.
    pub fn add_products(&self, products: &[Product], actor: &str) -> Result<Vec<i64>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut ids = Vec::with_capacity(products.len());
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO products (plu, barcode, name_en, name_el, name_it, category, price_cents, vat_bp, unit)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for p in products {
                stmt.execute(params![
                    p.plu,
                    p.barcode.as_ref().map(Barcode::as_str),
                    p.names.en,
                    p.names.el,
                    p.names.it,
                    p.category,
                    p.price.cents(),
                    p.vat.bp(),
                    p.unit.code()
                ])
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        StoreError::Conflict(format!(
                            "PLU {} or its barcode is already in the catalogue",
                            p.plu
                        ))
                    }
                    other => other.into(),
                })?;
                ids.push(tx.last_insert_rowid());
            }
        }
        audit::append(&tx, actor, "catalog.add", &format!("{} products", products.len()), "{}")?;
        tx.commit()?;
        Ok(ids)
    }

    pub fn product_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM products WHERE active = 1", [], |r| r.get(0))?)
    }

    /// A scanned or typed code: a barcode first, then a PLU.
    pub fn product_by_code(&self, code: &str) -> Result<Option<Product>> {
        let code = code.trim();
        let conn = self.conn();
        let by_barcode = conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM products WHERE barcode = ?1 AND active = 1"),
                [code],
                product_from_row,
            )
            .optional()?;
        if by_barcode.is_some() {
            return Ok(by_barcode);
        }
        let Ok(plu) = code.parse::<u32>() else { return Ok(None) };
        Ok(conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM products WHERE plu = ?1 AND active = 1"),
                [plu],
                product_from_row,
            )
            .optional()?)
    }

    pub fn product(&self, id: i64) -> Result<Product> {
        self.conn()
            .query_row(&format!("SELECT {COLUMNS} FROM products WHERE id = ?1"), [id], product_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("product {id}")))
    }

    /// All active products, by category then PLU (the GUI keeps them in memory).
    pub fn products(&self) -> Result<Vec<Product>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare(&format!("SELECT {COLUMNS} FROM products WHERE active = 1 ORDER BY category, plu"))?;
        let rows = stmt.query_map([], product_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
