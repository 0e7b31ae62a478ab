//! Products as the sale sees them: lookup by barcode or PLU, the list the GUI keeps, VAT
//! moves; the demo's bulk add. The manager's side is in `catalog_admin`.

use rusqlite::{OptionalExtension, params};

use super::catalog_admin::{self, WriteError};
use super::error::{corrupt, damaged, unreadable};
use super::{Result, Store, StoreError, audit, now};
use crate::domain::{Barcode, CatalogEntry, Money, Names, Product, VatRate};

/// The first barcode stands for the product where one fits (the sale, the GUI's grid).
const COLUMNS: &str = "id, plu, (SELECT code FROM product_barcodes b WHERE b.product_id = products.id
    ORDER BY position, code LIMIT 1), name_en, name_el, name_it, category, price_cents, vat_bp, unit";

fn product_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    let id: i64 = r.get(0)?;
    let row = format!("product {id}");
    let barcode: Option<String> = r.get(2)?;
    let barcode = barcode
        .map(|b| Barcode::parse(&b).map_err(|e| damaged(2, corrupt(&row, "barcode", unreadable(e)))))
        .transpose()?;
    let unit: String = r.get(9)?;
    Ok(Product {
        id,
        plu: r.get(1)?,
        barcode,
        names: Names { en: r.get(3)?, el: r.get(4)?, it: r.get(5)? },
        category: r.get(6)?,
        price: Money::from_cents(r.get(7)?),
        vat: VatRate(r.get(8)?),
        unit: super::rows::unit(&row, &unit).map_err(|e| damaged(9, e))?,
    })
}

impl Store {
    /// Adds products in one transaction (their departments created where new); the given ids
    /// are ignored.
    pub fn add_products(&self, products: &[Product], actor: &str) -> Result<Vec<i64>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut ids = Vec::with_capacity(products.len());
        for p in products {
            let entry = CatalogEntry {
                plu: p.plu,
                names: p.names.clone(),
                barcodes: p.barcode.iter().cloned().collect(),
                price: p.price,
                vat: p.vat,
                unit: p.unit,
                department: p.category.clone(),
                active: true,
            };
            if catalog_admin::entry_by_plu(&tx, p.plu)?.is_some() {
                return Err(StoreError::Conflict(format!("PLU {} is already in the catalogue", p.plu)));
            }
            catalog_admin::ensure_department(&tx, &p.category, p.vat, actor)?;
            match catalog_admin::insert_entry(&tx, &entry, actor) {
                Ok(id) => ids.push(id),
                Err(WriteError::Row(problem)) => return Err(StoreError::Conflict(problem.to_string())),
                Err(WriteError::Store(e)) => return Err(e),
            }
        }
        audit::append(&tx, actor, "catalog.add", &format!("{} products", products.len()), "{}")?;
        tx.commit()?;
        Ok(ids)
    }

    pub fn product_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM products WHERE active = 1", [], |r| r.get(0))?)
    }

    /// How many active products carry each VAT rate, lowest rate first.
    pub fn count_by_vat(&self) -> Result<Vec<(VatRate, i64)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT vat_bp, count(*) FROM products WHERE active = 1 GROUP BY vat_bp ORDER BY vat_bp",
        )?;
        let rows = stmt.query_map([], |r| Ok((VatRate(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Moves every active product from one VAT rate to another, in one transaction; how many moved.
    pub fn move_vat(&self, from: VatRate, to: VatRate, actor: &str) -> Result<usize> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        // A VAT change is a new version of each product it moves.
        tx.execute(
            "INSERT INTO product_versions (product_id, valid_from, price_cents, vat_bp, set_by)
             SELECT id, ?3, price_cents, ?2, ?4 FROM products WHERE vat_bp = ?1 AND active = 1",
            params![from.bp(), to.bp(), now(), actor],
        )?;
        let moved = tx.execute(
            "UPDATE products SET vat_bp = ?2 WHERE vat_bp = ?1 AND active = 1",
            params![from.bp(), to.bp()],
        )?;
        let detail = serde_json::json!({ "from_bp": from.bp(), "to_bp": to.bp(), "products": moved });
        audit::append(
            &tx,
            actor,
            "catalog.move_vat",
            &format!("{} -> {}", from.bp(), to.bp()),
            &detail.to_string(),
        )?;
        tx.commit()?;
        Ok(moved)
    }

    /// A scanned or typed code: a barcode first, then a PLU.
    pub fn product_by_code(&self, code: &str) -> Result<Option<Product>> {
        let code = code.trim();
        let conn = self.conn();
        let by_barcode = conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM products
                      WHERE id = (SELECT product_id FROM product_barcodes WHERE code = ?1) AND active = 1"
                ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_move_from_one_vat_rate_to_another_and_are_counted() {
        let store = Store::open_in_memory().unwrap();
        store.seed_demo_if_empty().unwrap();
        let before = store.count_by_vat().unwrap();
        let at = |counts: &[(VatRate, i64)], bp| counts.iter().find(|(r, _)| r.bp() == bp).map_or(0, |c| c.1);
        let at_24 = at(&before, 2400);
        assert!(at_24 > 0, "the demo has products at 24 %: {before:?}");
        assert_eq!(at(&before, 1700), 0);
        assert_eq!(store.move_vat(VatRate(2400), VatRate(1700), "Nikos").unwrap() as i64, at_24);
        let after = store.count_by_vat().unwrap();
        assert_eq!(at(&after, 2400), 0);
        assert_eq!(at(&after, 1700), at_24);
        let total = |c: &[(VatRate, i64)]| c.iter().map(|x| x.1).sum::<i64>();
        assert_eq!(total(&before), total(&after), "nothing lost");
        let audited: String = store
            .conn()
            .query_row("SELECT detail FROM audit_log WHERE action = 'catalog.move_vat'", [], |r| r.get(0))
            .unwrap();
        assert!(audited.contains("\"to_bp\":1700"), "{audited}");
    }
}
