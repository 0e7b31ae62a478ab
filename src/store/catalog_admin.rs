//! The manager's catalogue: products with all their barcodes, added, edited, repriced and
//! deactivated, each change a new price version where the price or VAT moved and an audit
//! entry with who and old → new; departments likewise.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Value, json};

use super::error::{corrupt, damaged, unreadable};
use super::{Result, Store, StoreError, audit, catalog_search, now};
use crate::domain::{
    Barcode, CatalogEntry, Department, Money, Names, PriceVersion, RowProblem, Unit, VatRate,
};

const ENTRY_COLUMNS: &str = "id, plu, name_en, name_el, name_it, category, price_cents, vat_bp, unit, active";

/// A product row without its barcodes, and its id.
fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<(i64, CatalogEntry)> {
    let id: i64 = r.get(0)?;
    let unit: String = r.get(8)?;
    let entry = CatalogEntry {
        plu: r.get(1)?,
        names: Names { en: r.get(2)?, el: r.get(3)?, it: r.get(4)? },
        barcodes: Vec::new(),
        department: r.get(5)?,
        price: Money::from_cents(r.get(6)?),
        vat: VatRate(r.get(7)?),
        unit: super::rows::unit(&format!("product {id}"), &unit).map_err(|e| damaged(8, e))?,
        active: r.get(9)?,
    };
    Ok((id, entry))
}

fn barcodes_of(conn: &Connection, id: i64) -> Result<Vec<Barcode>> {
    let mut stmt = conn
        .prepare_cached("SELECT code FROM product_barcodes WHERE product_id = ?1 ORDER BY position, code")?;
    let codes = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for code in codes {
        let code = code?;
        out.push(
            Barcode::parse(&code).map_err(|e| corrupt(&format!("product {id}"), "barcode", unreadable(e)))?,
        );
    }
    Ok(out)
}

pub(super) fn entry_by_id(conn: &Connection, id: i64) -> Result<CatalogEntry> {
    let (_, mut entry) = conn
        .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM products WHERE id = ?1"))?
        .query_row([id], entry_from_row)?;
    entry.barcodes = barcodes_of(conn, id)?;
    Ok(entry)
}

pub(super) fn entry_by_plu(conn: &Connection, plu: u32) -> Result<Option<(i64, CatalogEntry)>> {
    let found = conn
        .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM products WHERE plu = ?1"))?
        .query_row([plu], entry_from_row)
        .optional()?;
    let Some((id, mut entry)) = found else { return Ok(None) };
    entry.barcodes = barcodes_of(conn, id)?;
    Ok(Some((id, entry)))
}

/// The department `code`, created (from `entry`'s VAT, named by its code) when it is new;
/// whether it was created.
pub(super) fn ensure_department(conn: &Connection, code: &str, vat: VatRate, actor: &str) -> Result<bool> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM departments WHERE code = ?1")?
        .query_row([code], |_| Ok(()))
        .optional()?
        .is_some();
    if exists {
        return Ok(false);
    }
    conn.prepare_cached("INSERT INTO departments (code, name_en, vat_bp) VALUES (?1, ?1, ?2)")?
        .execute(params![code, vat.bp()])?;
    audit::append(
        conn,
        actor,
        "department.add",
        code,
        &json!({ "code": code, "vat_bp": vat.bp() }).to_string(),
    )?;
    Ok(true)
}

/// Gives `id` exactly `codes`, refusing one that belongs to another product.
fn set_barcodes(conn: &Connection, id: i64, codes: &[Barcode]) -> std::result::Result<(), WriteError> {
    let mut owner = conn.prepare_cached(
        "SELECT p.plu FROM product_barcodes b JOIN products p ON p.id = b.product_id
          WHERE b.code = ?1 AND b.product_id <> ?2",
    )?;
    for code in codes {
        let found: Option<u32> = owner.query_row(params![code.as_str(), id], |r| r.get(0)).optional()?;
        if let Some(plu) = found {
            return Err(WriteError::Row(RowProblem::DuplicateBarcode {
                code: code.as_str().to_string(),
                plu,
            }));
        }
    }
    conn.prepare_cached("DELETE FROM product_barcodes WHERE product_id = ?1")?.execute([id])?;
    let mut insert =
        conn.prepare_cached("INSERT INTO product_barcodes (code, product_id, position) VALUES (?1, ?2, ?3)")?;
    for (i, code) in codes.iter().enumerate() {
        insert.execute(params![code.as_str(), id, i as i64])?;
    }
    Ok(())
}

fn add_version(conn: &Connection, id: i64, price: Money, vat: VatRate, actor: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO product_versions (product_id, valid_from, price_cents, vat_bp, set_by) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, now(), price.cents(), vat.bp(), actor])?;
    Ok(())
}

/// A write refused for a reason the user can fix (named like a file's column), or the store.
#[derive(Debug)]
pub enum WriteError {
    Row(RowProblem),
    Store(StoreError),
}

impl From<StoreError> for WriteError {
    fn from(e: StoreError) -> Self {
        WriteError::Store(e)
    }
}

impl From<rusqlite::Error> for WriteError {
    fn from(e: rusqlite::Error) -> Self {
        WriteError::Store(e.into())
    }
}

/// Inserts a new product (PLU not yet in the catalogue) with its barcodes, first version and
/// words; its id.
pub(super) fn insert_entry(
    conn: &Connection,
    e: &CatalogEntry,
    actor: &str,
) -> std::result::Result<i64, WriteError> {
    conn.prepare_cached(
        "INSERT INTO products (plu, name_en, name_el, name_it, category, price_cents, vat_bp, unit, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        e.plu,
        e.names.en,
        e.names.el,
        e.names.it,
        e.department,
        e.price.cents(),
        e.vat.bp(),
        e.unit.code(),
        e.active
    ])?;
    let id = conn.last_insert_rowid();
    set_barcodes(conn, id, &e.barcodes)?;
    add_version(conn, id, e.price, e.vat, actor)?;
    catalog_search::index_words(conn, id, &e.names)?;
    Ok(id)
}

/// What changed from `old` to `new`, field by field: `{"price_cents": [80, 90]}`.
pub(super) fn changes(old: &CatalogEntry, new: &CatalogEntry) -> serde_json::Map<String, Value> {
    let mut out = serde_json::Map::new();
    let mut put = |k: &str, a: Value, b: Value| {
        if a != b {
            out.insert(k.to_string(), json!([a, b]));
        }
    };
    put("name_en", json!(old.names.en), json!(new.names.en));
    put("name_el", json!(old.names.el), json!(new.names.el));
    put("name_it", json!(old.names.it), json!(new.names.it));
    let codes = |e: &CatalogEntry| e.barcodes.iter().map(|b| b.as_str().to_string()).collect::<Vec<_>>();
    put("barcodes", json!(codes(old)), json!(codes(new)));
    put("price_cents", json!(old.price.cents()), json!(new.price.cents()));
    put("vat_bp", json!(old.vat.bp()), json!(new.vat.bp()));
    put("unit", json!(old.unit.code()), json!(new.unit.code()));
    put("department", json!(old.department), json!(new.department));
    put("active", json!(old.active), json!(new.active));
    out
}

/// Rewrites product `id` from `old` to `new` (same PLU), audited; false when nothing changed.
pub(super) fn update_entry(
    conn: &Connection,
    id: i64,
    old: &CatalogEntry,
    new: &CatalogEntry,
    actor: &str,
) -> std::result::Result<bool, WriteError> {
    let diff = changes(old, new);
    if diff.is_empty() {
        return Ok(false);
    }
    conn.prepare_cached(
        "UPDATE products SET name_en = ?2, name_el = ?3, name_it = ?4, category = ?5, price_cents = ?6,
                vat_bp = ?7, unit = ?8, active = ?9 WHERE id = ?1",
    )?
    .execute(params![
        id,
        new.names.en,
        new.names.el,
        new.names.it,
        new.department,
        new.price.cents(),
        new.vat.bp(),
        new.unit.code(),
        new.active
    ])?;
    if old.barcodes != new.barcodes {
        set_barcodes(conn, id, &new.barcodes)?;
    }
    if old.price != new.price || old.vat != new.vat {
        add_version(conn, id, new.price, new.vat, actor)?;
    }
    if old.names != new.names {
        catalog_search::index_words(conn, id, &new.names)?;
    }
    let action = if old.active && !new.active { "catalog.deactivate" } else { "catalog.edit" };
    let detail = json!({ "plu": new.plu, "changes": diff });
    audit::append(conn, actor, action, &format!("PLU {}", new.plu), &detail.to_string())?;
    Ok(true)
}

fn department_from_row(r: &Row<'_>) -> rusqlite::Result<Department> {
    Ok(Department {
        code: r.get(0)?,
        names: Names { en: r.get(1)?, el: r.get(2)?, it: r.get(3)? },
        vat: VatRate(r.get(4)?),
        open_price: r.get(5)?,
        active: r.get(6)?,
    })
}

const DEPARTMENT_COLUMNS: &str = "code, name_en, name_el, name_it, vat_bp, open_price, active";

impl Store {
    /// The product with this PLU, on sale or not.
    pub fn catalog_entry(&self, plu: u32) -> Result<Option<CatalogEntry>> {
        Ok(entry_by_plu(&self.conn(), plu)?.map(|(_, e)| e))
    }

    /// Adds a product (its department created if new); `Ok(Err(_))` when the PLU or a barcode
    /// is taken.
    pub fn add_entry(
        &self,
        entry: &CatalogEntry,
        actor: &str,
    ) -> Result<std::result::Result<(), RowProblem>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        if let Some((_, taken)) = entry_by_plu(&tx, entry.plu)? {
            return Ok(Err(RowProblem::DuplicatePlu(taken.plu)));
        }
        ensure_department(&tx, &entry.department, entry.vat, actor)?;
        match insert_entry(&tx, entry, actor) {
            Ok(_) => {}
            Err(WriteError::Row(p)) => return Ok(Err(p)),
            Err(WriteError::Store(e)) => return Err(e),
        }
        let detail = json!({ "plu": entry.plu, "new": entry });
        audit::append(&tx, actor, "catalog.add", &format!("PLU {}", entry.plu), &detail.to_string())?;
        tx.commit()?;
        Ok(Ok(()))
    }

    /// Replaces the product with `entry`'s PLU by `entry`, audited old → new; `Ok(Ok(false))`
    /// when nothing changed, `NotFound` for an unknown PLU.
    pub fn edit_entry(
        &self,
        entry: &CatalogEntry,
        actor: &str,
    ) -> Result<std::result::Result<bool, RowProblem>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let Some((id, old)) = entry_by_plu(&tx, entry.plu)? else {
            return Err(StoreError::NotFound(format!("PLU {}", entry.plu)));
        };
        ensure_department(&tx, &entry.department, entry.vat, actor)?;
        let changed = match update_entry(&tx, id, &old, entry, actor) {
            Ok(changed) => changed,
            Err(WriteError::Row(p)) => return Ok(Err(p)),
            Err(WriteError::Store(e)) => return Err(e),
        };
        tx.commit()?;
        Ok(Ok(changed))
    }

    /// Every price and VAT the product had, oldest first.
    pub fn price_versions(&self, plu: u32) -> Result<Vec<PriceVersion>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT v.valid_from, v.price_cents, v.vat_bp, v.set_by FROM product_versions v
              WHERE v.product_id = (SELECT id FROM products WHERE plu = ?1) ORDER BY v.valid_from, v.id",
        )?;
        let rows = stmt.query_map([plu], |r| {
            Ok(PriceVersion {
                valid_from: r.get(0)?,
                price: Money::from_cents(r.get(1)?),
                vat: VatRate(r.get(2)?),
                by: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the product was ever sold (then it can be deactivated, never deleted).
    pub fn ever_sold(&self, plu: u32) -> Result<bool> {
        let sold: Option<bool> = self
            .conn()
            .query_row("SELECT sold FROM products WHERE plu = ?1", [plu], |r| r.get(0))
            .optional()?;
        Ok(sold.unwrap_or(false))
    }

    /// Deletes the products with these PLUs in one transaction, refused whole (`Conflict`)
    /// when any of them was ever sold; how many went. Audited with their PLUs.
    pub fn delete_unsold_products(&self, plus: &[u32], actor: &str) -> Result<usize> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut gone = Vec::new();
        for &plu in plus {
            let found: Option<(i64, bool)> = tx
                .query_row("SELECT id, sold FROM products WHERE plu = ?1", [plu], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            match found {
                Some((_, true)) => return Err(StoreError::Conflict(format!("PLU {plu} was sold: it stays"))),
                Some((id, false)) => {
                    for sql in [
                        "DELETE FROM product_barcodes WHERE product_id = ?1",
                        "DELETE FROM product_versions WHERE product_id = ?1",
                        "DELETE FROM product_words WHERE product_id = ?1",
                        "DELETE FROM products WHERE id = ?1",
                    ] {
                        tx.execute(sql, [id])?;
                    }
                    gone.push(plu);
                }
                None => {}
            }
        }
        audit::append(
            &tx,
            actor,
            "catalog.delete",
            &format!("{} products", gone.len()),
            &json!({ "plus": gone }).to_string(),
        )?;
        tx.commit()?;
        Ok(gone.len())
    }

    pub fn departments(&self) -> Result<Vec<Department>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare(&format!("SELECT {DEPARTMENT_COLUMNS} FROM departments ORDER BY code"))?;
        let rows = stmt.query_map([], department_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds or changes the department with `dep.code`, audited old → new. With `key_plu` an
    /// open-price department gets its key: a product at price zero with the department's VAT.
    pub fn save_department(&self, dep: &Department, key_plu: Option<u32>, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let old = tx
            .query_row(
                &format!("SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE code = ?1"),
                [&dep.code],
                department_from_row,
            )
            .optional()?;
        tx.execute(
            "INSERT INTO departments (code, name_en, name_el, name_it, vat_bp, open_price, active)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(code) DO UPDATE SET name_en = ?2, name_el = ?3, name_it = ?4, vat_bp = ?5,
                open_price = ?6, active = ?7",
            params![
                dep.code,
                dep.names.en,
                dep.names.el,
                dep.names.it,
                dep.vat.bp(),
                dep.open_price,
                dep.active
            ],
        )?;
        let action = if old.is_some() { "department.edit" } else { "department.add" };
        audit::append(&tx, actor, action, &dep.code, &json!({ "old": old, "new": dep }).to_string())?;
        if let (true, Some(plu)) = (dep.open_price, key_plu) {
            let key = CatalogEntry {
                plu,
                names: dep.names.clone(),
                barcodes: Vec::new(),
                price: Money::ZERO,
                vat: dep.vat,
                unit: Unit::Piece,
                department: dep.code.clone(),
                active: dep.active,
            };
            let written = match entry_by_plu(&tx, plu)? {
                Some((id, old)) => update_entry(&tx, id, &old, &key, actor).map(|_| ()),
                None => insert_entry(&tx, &key, actor).map(|_| ()),
            };
            match written {
                Ok(()) => {}
                Err(WriteError::Row(p)) => return Err(StoreError::Conflict(p.to_string())),
                Err(WriteError::Store(e)) => return Err(e),
            }
        }
        tx.commit()?;
        Ok(())
    }
}
