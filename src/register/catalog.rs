//! The shop's own catalogue: search as you type, add, edit, reprice, deactivate, departments
//! and their keys, import (dry run first) and export. Every change needs a manager and lands
//! in the audit log with who and old → new; a cart already holds its prices, so a change
//! never lands mid-sale.

use super::{Operator, Register, RegisterError, Result, require_manager};
use crate::domain::catalog_file::{self, FileRow};
use crate::domain::{
    CatalogEntry, Department, ImportSummary, Money, PriceVersion, Product, RowError, RowProblem, VatRate,
};
use crate::store::StoreError;

/// How many products a search as you type shows.
pub const SEARCH_LIMIT: usize = 50;

/// A field refused outside a file (a command's option, a form's field): row 0.
fn field(column: &str, problem: RowProblem) -> RegisterError {
    RegisterError::Catalog(RowError { row: 0, column: column.to_string(), problem })
}

impl Register {
    /// Products found by PLU, barcode prefix or the start of words of their names.
    pub fn search_catalog(&self, query: &str, limit: usize) -> Result<Vec<CatalogEntry>> {
        Ok(self.store.search_catalog(query, limit)?)
    }

    /// The product with this PLU, on sale or not.
    pub fn catalog_entry(&self, plu: u32) -> Result<CatalogEntry> {
        self.store.catalog_entry(plu)?.ok_or_else(|| RegisterError::UnknownCode(plu.to_string()))
    }

    /// Every product, by PLU.
    pub fn catalog_entries(&self) -> Result<Vec<CatalogEntry>> {
        Ok(self.store.catalog_entries()?)
    }

    pub fn price_history(&self, plu: u32) -> Result<Vec<PriceVersion>> {
        Ok(self.store.price_versions(plu)?)
    }

    pub fn ever_sold(&self, plu: u32) -> Result<bool> {
        Ok(self.store.ever_sold(plu)?)
    }

    /// A price as typed in a form, a command or a file: `0,80` or `0.80`, two decimals at most.
    pub fn parse_price(&self, input: &str) -> Result<Money> {
        catalog_file::parse_price(input).map_err(|p| field("price", p))
    }

    /// A VAT rate (`24`, `24%`) or class letter of the shop's market.
    pub fn parse_vat(&self, input: &str) -> Result<VatRate> {
        catalog_file::parse_vat(input, self.settings().market).map_err(|p| field("vat", p))
    }

    /// Refuses what a file row would be refused for (empty name, VAT outside the market).
    fn check_entry(&self, entry: &CatalogEntry) -> Result<()> {
        if entry.plu == 0 {
            return Err(field("plu", RowProblem::BadPlu("0".into())));
        }
        if entry.names.en.trim().is_empty() {
            return Err(field("name", RowProblem::EmptyName));
        }
        if !self.settings().market.is_legal(entry.vat) {
            return Err(field("vat", RowProblem::UnknownVat(entry.vat.percent_label())));
        }
        Ok(())
    }

    pub fn add_product(&self, by: &Operator, entry: &CatalogEntry) -> Result<()> {
        require_manager(by)?;
        self.check_entry(entry)?;
        self.store.add_entry(entry, &by.name)?.map_err(|p| field(column_of(&p), p))
    }

    /// Writes `entry` over the product with its PLU; whether anything changed.
    pub fn edit_product(&self, by: &Operator, entry: &CatalogEntry) -> Result<bool> {
        require_manager(by)?;
        self.check_entry(entry)?;
        match self.store.edit_entry(entry, &by.name) {
            Ok(done) => done.map_err(|p| field(column_of(&p), p)),
            Err(StoreError::NotFound(_)) => Err(RegisterError::UnknownCode(entry.plu.to_string())),
            Err(e) => Err(e.into()),
        }
    }

    /// A new price and/or VAT from now on (a new version); whether anything changed.
    pub fn set_price(
        &self,
        by: &Operator,
        plu: u32,
        price: Option<Money>,
        vat: Option<VatRate>,
    ) -> Result<bool> {
        let mut entry = self.catalog_entry(plu)?;
        entry.price = price.unwrap_or(entry.price);
        entry.vat = vat.unwrap_or(entry.vat);
        self.edit_product(by, &entry)
    }

    /// Takes a product off sale (it stays, with its history); whether it was on sale.
    pub fn deactivate_product(&self, by: &Operator, plu: u32) -> Result<bool> {
        let mut entry = self.catalog_entry(plu)?;
        entry.active = false;
        self.edit_product(by, &entry)
    }

    /// Removes the demo catalogue in one step, once the shop has products of its own on sale
    /// and never if a demo product was sold (`Conflict`, nothing removed); how many went.
    pub fn remove_demo_catalog(&self, by: &Operator) -> Result<usize> {
        require_manager(by)?;
        let demo: Vec<u32> = crate::store::demo_products().iter().map(|p| p.plu).collect();
        let own = self.catalog_entries()?.iter().any(|e| e.active && !demo.contains(&e.plu));
        if !own {
            return Err(RegisterError::Conflict("the shop has no products of its own yet".into()));
        }
        if let Some(plu) = demo.iter().find(|&&plu| self.ever_sold(plu).unwrap_or(true)) {
            return Err(RegisterError::Conflict(format!("demo product {plu} was sold: the demo stays")));
        }
        Ok(self.store.delete_unsold_products(&demo, &by.name)?)
    }

    pub fn departments(&self) -> Result<Vec<Department>> {
        Ok(self.store.departments()?)
    }

    /// Adds or changes a department; an open-price one with `key_plu` gets its department key.
    pub fn save_department(&self, by: &Operator, dep: &Department, key_plu: Option<u32>) -> Result<()> {
        require_manager(by)?;
        if dep.code.trim().is_empty() {
            return Err(field("department", RowProblem::EmptyName));
        }
        if !self.settings().market.is_legal(dep.vat) {
            return Err(field("vat", RowProblem::UnknownVat(dep.vat.percent_label())));
        }
        Ok(self.store.save_department(dep, key_plu, &by.name)?)
    }

    /// The department keys: the open-price products of the shop's open-price departments.
    pub fn department_keys(&self) -> Result<Vec<Product>> {
        let keys: Vec<String> =
            self.departments()?.into_iter().filter(|d| d.open_price && d.active).map(|d| d.code).collect();
        Ok(self.products()?.into_iter().filter(|p| p.is_open_price() && keys.contains(&p.category)).collect())
    }

    /// A catalogue file read and checked (nothing written yet); the first bad row named.
    pub fn read_catalog_file(&self, text: &str) -> Result<Vec<FileRow>> {
        let settings = self.settings();
        catalog_file::read(text, settings.market, settings.lang()).map_err(RegisterError::Catalog)
    }

    /// Imports checked rows in one transaction (`dry_run`: what it would do, nothing written;
    /// only the real import needs a manager).
    /// `progress(done, of)` is told now and then.
    pub fn import_catalog(
        &self,
        by: &Operator,
        rows: &[FileRow],
        dry_run: bool,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportSummary> {
        // A dry run writes nothing: anyone may see what a file would do.
        if !dry_run {
            require_manager(by)?;
        }
        let market = self.settings().market;
        if let Some(r) = rows.iter().find(|r| !market.is_legal(r.entry.vat)) {
            let problem = RowProblem::UnknownVat(r.entry.vat.percent_label());
            return Err(RegisterError::Catalog(RowError { row: r.row, column: "vat".into(), problem }));
        }
        self.store.import_catalog(rows, dry_run, &by.name, progress)?.map_err(RegisterError::Catalog)
    }

    /// The whole catalogue as a file `import` reads back the same.
    pub fn export_catalog(&self) -> Result<String> {
        Ok(catalog_file::write(&self.catalog_entries()?, self.settings().lang()))
    }
}

/// The column a store refusal is about.
fn column_of(p: &RowProblem) -> &'static str {
    match p {
        RowProblem::DuplicatePlu(_) | RowProblem::BadPlu(_) => "plu",
        _ => "barcodes",
    }
}
