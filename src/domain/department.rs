//! The shop's own catalogue as a manager edits it: departments (groups for reports, and the
//! open-price department keys), a product with all its barcodes and whether it is on sale,
//! and what an import would do.

use serde::{Deserialize, Serialize};

use super::catalog::{Barcode, Names, Product, Unit};
use super::money::Money;
use super::vat::VatRate;

/// A group of products: its code (`bakery`) names the products' `category`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub code: String,
    pub names: Names,
    /// The VAT a new product or the department key of this department gets.
    pub vat: VatRate,
    /// A department key: its products (price zero) ask the cashier for the price.
    pub open_price: bool,
    pub active: bool,
}

/// A product as the manager sees it: every barcode, the department, on sale or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub plu: u32,
    pub names: Names,
    /// The first is the one shown where a single barcode fits.
    pub barcodes: Vec<Barcode>,
    /// VAT included, per piece or per kilogram; zero for a department key.
    pub price: Money,
    pub vat: VatRate,
    pub unit: Unit,
    pub department: String,
    pub active: bool,
}

impl CatalogEntry {
    /// The product as the sale sees it (`id` from the database).
    pub fn product(&self, id: i64) -> Product {
        Product {
            id,
            plu: self.plu,
            barcode: self.barcodes.first().cloned(),
            names: self.names.clone(),
            category: self.department.clone(),
            price: self.price,
            vat: self.vat,
            unit: self.unit,
        }
    }
}

/// One price (and VAT) of a product from a moment on: a change is a new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceVersion {
    pub valid_from: String,
    pub price: Money,
    pub vat: VatRate,
    pub by: String,
}

/// What an import does (or, dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub rows: usize,
    pub added: Vec<u32>,
    pub changed: Vec<u32>,
    pub deactivated: Vec<u32>,
    pub unchanged: usize,
    /// Departments named in the file that did not exist: created with it.
    pub new_departments: Vec<String>,
}

/// Why a row of a catalogue file (or a field of a command) is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("missing column {0}")]
    MissingColumn(String),
    #[error("wrong number of fields")]
    FieldCount,
    #[error("bad PLU {0}")]
    BadPlu(String),
    #[error("PLU {0} twice in the file")]
    DuplicatePlu(u32),
    #[error("empty name")]
    EmptyName,
    #[error("bad barcode {0}")]
    BadBarcode(String),
    #[error("wrong check digit in {0}")]
    CheckDigit(String),
    #[error("barcode {code} already belongs to PLU {plu}")]
    DuplicateBarcode { code: String, plu: u32 },
    #[error("bad price {0}")]
    BadPrice(String),
    #[error("price {0} has more than two decimals")]
    PriceDecimals(String),
    #[error("unknown VAT rate {0}")]
    UnknownVat(String),
    #[error("unknown unit {0}")]
    BadUnit(String),
    #[error("bad active value {0}")]
    BadActive(String),
    #[error("a quote is not closed")]
    Unquoted,
}

/// A refused row: 1-based line of the file (the header is line 1), the column and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row}, column {column}: {problem}")]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub problem: RowProblem,
}
