//! A whole catalogue in and out: an import is one transaction (a dry run is the same work
//! rolled back, so it finds every refusal the real one would), an export reads every product
//! in two queries.

use std::collections::HashMap;

use serde_json::json;

use super::catalog_admin::{WriteError, ensure_department, entry_by_plu, insert_entry, update_entry};
use super::{Result, Store, audit};
use crate::domain::catalog_file::FileRow;
use crate::domain::{Barcode, CatalogEntry, ImportSummary, RowError};

/// Rows between two progress reports: often enough for a bar, rare enough to cost nothing.
const PROGRESS_EVERY: usize = 2048;

impl Store {
    /// Adds the new PLUs of `rows`, changes the others where they differ (each change audited
    /// old → new) and deactivates those marked inactive; departments named that do not exist
    /// are created. All or nothing: `Ok(Err(row))` names the first row refused and nothing is
    /// written. `dry_run` does the same work and rolls it back. `progress(done, of)` now and then.
    pub fn import_catalog(
        &self,
        rows: &[FileRow],
        dry_run: bool,
        actor: &str,
        progress: &dyn Fn(usize, usize),
    ) -> Result<std::result::Result<ImportSummary, RowError>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut summary = ImportSummary { rows: rows.len(), ..ImportSummary::default() };
        progress(0, rows.len());
        for (done, FileRow { row, entry }) in rows.iter().enumerate() {
            if ensure_department(&tx, &entry.department, entry.vat, actor)? {
                summary.new_departments.push(entry.department.clone());
            }
            let written = match entry_by_plu(&tx, entry.plu)? {
                None => insert_entry(&tx, entry, actor).map(|_| summary.added.push(entry.plu)),
                Some((id, old)) => update_entry(&tx, id, &old, entry, actor).map(|changed| {
                    match (changed, old.active && !entry.active) {
                        (false, _) => summary.unchanged += 1,
                        (true, true) => summary.deactivated.push(entry.plu),
                        (true, false) => summary.changed.push(entry.plu),
                    }
                }),
            };
            match written {
                Ok(()) => {}
                Err(WriteError::Row(problem)) => {
                    return Ok(Err(RowError { row: *row, column: "barcodes".into(), problem }));
                }
                Err(WriteError::Store(e)) => return Err(e),
            }
            if (done + 1) % PROGRESS_EVERY == 0 {
                progress(done + 1, rows.len());
            }
        }
        progress(rows.len(), rows.len());
        let detail = json!({
            "rows": summary.rows, "added": summary.added.len(), "changed": summary.changed.len(),
            "deactivated": summary.deactivated.len(), "new_departments": summary.new_departments,
            "added_plus": summary.added,
        });
        if dry_run {
            drop(tx);
        } else {
            audit::append(
                &tx,
                actor,
                "catalog.import",
                &format!("{} rows", rows.len()),
                &detail.to_string(),
            )?;
            tx.commit()?;
        }
        Ok(Ok(summary))
    }

    /// Every product, on sale or not, by PLU, with its barcodes.
    pub fn catalog_entries(&self) -> Result<Vec<CatalogEntry>> {
        let conn = self.conn();
        let mut codes: HashMap<i64, Vec<Barcode>> = HashMap::new();
        let mut stmt = conn
            .prepare("SELECT product_id, code FROM product_barcodes ORDER BY product_id, position, code")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, code) = row?;
            let code = Barcode::parse(&code).map_err(|e| {
                super::error::corrupt(&format!("product {id}"), "barcode", super::error::unreadable(e))
            })?;
            codes.entry(id).or_default().push(code);
        }
        let mut stmt = conn.prepare(
            "SELECT id, plu, name_en, name_el, name_it, category, price_cents, vat_bp, unit, active
               FROM products ORDER BY plu",
        )?;
        let mut out = Vec::new();
        let rows = stmt.query_map([], |r| {
            let unit: String = r.get(8)?;
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, u32>(1)?,
                [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                r.get(6)?,
                r.get(7)?,
                unit,
                r.get(9)?,
            ))
        })?;
        for row in rows {
            let (id, plu, [en, el, it, department], cents, bp, unit, active): (
                i64,
                u32,
                [String; 4],
                i64,
                u32,
                String,
                bool,
            ) = row?;
            out.push(CatalogEntry {
                plu,
                names: crate::domain::Names { en, el, it },
                barcodes: codes.remove(&id).unwrap_or_default(),
                price: crate::domain::Money::from_cents(cents),
                vat: crate::domain::VatRate(bp),
                unit: super::rows::unit(&format!("product {id}"), &unit)?,
                department,
                active,
            });
        }
        Ok(out)
    }
}
