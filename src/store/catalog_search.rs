//! Search as you type over the catalogue: every word of every name in an index (lower case,
//! accents folded), so a prefix is one index range and 100,000 products answer at once; a
//! number is also a PLU and the start of a barcode.

use rusqlite::{Connection, params};

use super::{Result, Store};
use crate::domain::catalog::fold_accents;
use crate::domain::{CatalogEntry, Names};

/// The largest character: `word >= p AND word < p || LAST` is every word starting with `p`.
const LAST: char = '\u{10FFFF}';

/// At most this many words of a query narrow the search (the rest are ignored).
const MAX_WORDS: usize = 4;

/// The words a name is found by: lower case, without accents, split at anything not a letter
/// or digit.
pub(super) fn words(names: &Names) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in [&names.en, &names.el, &names.it] {
        let folded = fold_accents(&name.to_lowercase());
        for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            if !out.iter().any(|o| o == w) {
                out.push(w.to_string());
            }
        }
    }
    out
}

/// (Re)writes the words of one product.
pub(super) fn index_words(conn: &Connection, product_id: i64, names: &Names) -> Result<()> {
    conn.prepare_cached("DELETE FROM product_words WHERE product_id = ?1")?.execute([product_id])?;
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO product_words (word, product_id) VALUES (?1, ?2)")?;
    for w in words(names) {
        insert.execute(params![w, product_id])?;
    }
    Ok(())
}

/// Fills the index for every product (the upgrade to schema 10).
pub(super) fn index_all(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, name_en, name_el, name_it FROM products")?;
    let rows: Vec<(i64, Names)> = stmt
        .query_map([], |r| Ok((r.get(0)?, Names { en: r.get(1)?, el: r.get(2)?, it: r.get(3)? })))?
        .collect::<Result<_, _>>()?;
    for (id, names) in rows {
        index_words(conn, id, &names)?;
    }
    Ok(())
}

/// How many index entries start with `prefix`, counted up to `RARE_ENOUGH` (one short walk).
fn words_starting(conn: &Connection, prefix: &str) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM product_words WHERE word >= ?1 AND word < ?1 || ?2 LIMIT ?3)",
    )?;
    Ok(stmt.query_row(params![prefix, LAST.to_string(), RARE_ENOUGH], |r| r.get(0))?)
}

/// Past this many entries a word is common: which of two common words leads matters little.
const RARE_ENOUGH: i64 = 1000;

/// The ids of products whose names have a word starting with each word of `query`.
fn by_words(conn: &Connection, query: &str, limit: usize) -> Result<Vec<i64>> {
    let folded = fold_accents(&query.to_lowercase());
    let mut parts: Vec<(i64, &str)> = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(MAX_WORDS) {
        parts.push((words_starting(conn, w)?, w));
    }
    // The rarest word leads: the others are then checked on few products, not on all.
    parts.sort_by_key(|(n, _)| *n);
    let parts: Vec<&str> = parts.into_iter().map(|(_, w)| w).collect();
    let Some((first, rest)) = parts.split_first() else { return Ok(Vec::new()) };
    let mut sql = String::from(
        "SELECT DISTINCT w.product_id FROM product_words w WHERE w.word >= ?1 AND w.word < ?1 || ?2",
    );
    for i in 0..rest.len() {
        let p = i + 4;
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM product_words v WHERE v.product_id = w.product_id
               AND v.word >= ?{p} AND v.word < ?{p} || ?2)"
        ));
    }
    sql.push_str(" LIMIT ?3");
    let mut stmt = conn.prepare_cached(&sql)?;
    let last = LAST.to_string();
    let limit = limit as i64;
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![first, &last, &limit];
    for w in rest {
        values.push(w);
    }
    let ids = stmt.query_map(values.as_slice(), |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The ids of the product with this PLU and of those with a barcode starting with `digits`.
fn by_number(conn: &Connection, digits: &str, limit: usize) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    if let Ok(plu) = digits.parse::<u32>() {
        let mut stmt = conn.prepare_cached("SELECT id FROM products WHERE plu = ?1")?;
        ids.extend(stmt.query_map([plu], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT product_id FROM product_barcodes WHERE code >= ?1 AND code < ?1 || ?2 LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![digits, LAST.to_string(), limit as i64], |r| r.get::<_, i64>(0))?;
    for id in rows {
        let id = id?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

impl Store {
    /// Products (active or not) found by PLU, barcode prefix or name-word prefixes, at most
    /// `limit`: the PLU first, then barcodes, then names. An empty query lists the first
    /// products by PLU.
    pub fn search_catalog(&self, query: &str, limit: usize) -> Result<Vec<CatalogEntry>> {
        let query = query.trim();
        let conn = self.conn();
        let mut ids = if query.is_empty() {
            let mut stmt = conn.prepare_cached("SELECT id FROM products ORDER BY plu LIMIT ?1")?;
            stmt.query_map([limit as i64], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?
        } else if query.bytes().all(|b| b.is_ascii_digit()) {
            by_number(&conn, query, limit)?
        } else {
            Vec::new()
        };
        if !query.is_empty() && ids.len() < limit {
            for id in by_words(&conn, query, limit)? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids.truncate(limit);
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.push(super::catalog_admin::entry_by_id(&conn, id)?);
        }
        Ok(found)
    }
}
