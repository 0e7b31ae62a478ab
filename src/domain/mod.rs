//! Pure types of the shop: money, VAT, catalogue, cart, orders, tenders, receipts, users,
//! deferred receipts and the audit chain's verdict. No I/O and no other module of the crate is imported here.

pub mod audit;
pub mod barcode;
pub mod cart;
pub mod catalog;
pub mod catalog_file;
pub mod deferred;
pub mod department;
pub mod money;
pub mod order;
pub mod period;
pub mod receipt;
pub mod receipt_list;
pub mod refund;
pub mod report;
pub mod tender;
pub mod time;
pub mod user;
pub mod vat;
pub mod vat_id;

pub use audit::{ChainReport, CheckPhase, CheckProgress};
pub use barcode::{ScaleLabel, ScaleLayout, ScaleValue};
pub use cart::{Cart, CartError, CartLine, Discount, Quantity, Totals};
pub use catalog::{Barcode, BarcodeError, Lang, Names, Product, Unit};
pub use deferred::{DeferredReceipt, DeferredState};
pub use department::{CatalogEntry, Department, ImportSummary, PriceVersion, RowError, RowProblem};
pub use money::{Money, MoneyError, MoneyStyle};
pub use order::{OrderStatus, Role};
pub use receipt::{Receipt, ReceiptKind, ReceiptLine};
pub use receipt_list::{ReceiptFilter, ReceiptSummary};
pub use report::{BatchClosure, RegisterTotals};
pub use tender::{CardDetails, Tender, TenderError, TenderKind};
pub use user::{DEMO_CASHIER, DEMO_MANAGER, PIN_FREE_TRIES, PIN_LOCK_AFTER, User};
pub use vat::{Market, VatRate, VatSummary};
