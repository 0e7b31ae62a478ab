//! The catalogue in memory, indexed by barcode and PLU and grouped by category, so a scan
//! or a tab change costs a lookup and never a database call in `update`.

use std::collections::HashMap;

use crate::domain::{Lang, Product};

/// How many product buttons the grid shows at once.
pub const GRID_LIMIT: usize = 30;

#[derive(Debug, Default)]
pub struct Catalog {
    products: Vec<Product>,
    by_code: HashMap<String, usize>,
    categories: Vec<String>,
    by_category: HashMap<String, Vec<usize>>,
}

impl Catalog {
    pub fn new(products: Vec<Product>) -> Catalog {
        let mut by_code = HashMap::with_capacity(products.len() * 2);
        let mut categories: Vec<String> = Vec::new();
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in products.iter().enumerate() {
            by_code.insert(p.plu.to_string(), i);
            if let Some(b) = &p.barcode {
                by_code.insert(b.as_str().to_string(), i);
            }
            let list = by_category.entry(p.category.clone()).or_default();
            if list.is_empty() {
                categories.push(p.category.clone());
            }
            list.push(i);
        }
        Catalog { products, by_code, categories, by_category }
    }

    /// The catalogue with more barcodes (code, PLU) for its products: a product's second and
    /// third barcodes find it too.
    pub fn with_codes(products: Vec<Product>, codes: Vec<(String, u32)>) -> Catalog {
        let mut catalog = Catalog::new(products);
        for (code, plu) in codes {
            if let Some(&i) = catalog.by_code.get(&plu.to_string()) {
                catalog.by_code.entry(code).or_insert(i);
            }
        }
        catalog
    }

    pub fn len(&self) -> usize {
        self.products.len()
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// The product with this barcode or PLU.
    pub fn find(&self, code: &str) -> Option<&Product> {
        self.by_code.get(code.trim()).and_then(|&i| self.products.get(i))
    }

    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// The first products of a category, for the grid.
    pub fn in_category(&self, category: &str) -> Vec<Product> {
        self.by_category
            .get(category)
            .map(|ids| ids.iter().take(GRID_LIMIT).filter_map(|&i| self.products.get(i).cloned()).collect())
            .unwrap_or_default()
    }

    /// Products matching a search text (name in any language, PLU or barcode).
    pub fn search(&self, query: &str) -> Vec<Product> {
        self.products.iter().filter(|p| p.matches(query)).take(GRID_LIMIT).cloned().collect()
    }
}

/// The product's name in the cashier's language.
pub fn name(product: &Product, lang: Lang) -> &str {
    product.names.get(lang)
}
