-- tameio schema, version 10: the shop's own catalogue (issue 22). Departments, many barcodes
-- per product, every price and VAT a product ever had, and a word index that keeps search as
-- you type instant on 100,000 products.

-- A department groups products for reports; an open-price one is a department key (its
-- products, price zero, ask the cashier for the price). `products.category` is its code.
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_el TEXT NOT NULL DEFAULT '',
    name_it TEXT NOT NULL DEFAULT '',
    vat_bp INTEGER NOT NULL,
    open_price INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
-- One department per category in use; its VAT the one most of its products carry, a key
-- when every product in it is open-price (the demo's "various": PLU 901/902).
INSERT INTO departments (code, name_en, vat_bp, open_price)
SELECT p.category, p.category,
       (SELECT q.vat_bp FROM products q WHERE q.category = p.category
         GROUP BY q.vat_bp ORDER BY count(*) DESC, q.vat_bp DESC LIMIT 1),
       max(p.price_cents) = 0
  FROM products p GROUP BY p.category;
UPDATE departments SET name_en = 'Dairy', name_el = 'Γαλακτοκομικά', name_it = 'Latticini' WHERE code = 'dairy';
UPDATE departments SET name_en = 'Bakery', name_el = 'Αρτοποιία', name_it = 'Panetteria' WHERE code = 'bakery';
UPDATE departments SET name_en = 'Fruit & veg', name_el = 'Φρούτα & λαχανικά', name_it = 'Frutta e verdura' WHERE code = 'produce';
UPDATE departments SET name_en = 'Pantry', name_el = 'Τρόφιμα', name_it = 'Dispensa' WHERE code = 'pantry';
UPDATE departments SET name_en = 'Drinks', name_el = 'Ποτά', name_it = 'Bevande' WHERE code = 'drinks';
UPDATE departments SET name_en = 'Household', name_el = 'Οικιακά', name_it = 'Casa' WHERE code = 'household';
UPDATE departments SET name_en = 'Press & books', name_el = 'Τύπος & βιβλία', name_it = 'Giornali e libri' WHERE code = 'books';
UPDATE departments SET name_en = 'Various', name_el = 'Διάφορα', name_it = 'Varie' WHERE code = 'various';
UPDATE departments SET name_en = 'Care', name_el = 'Περιποίηση', name_it = 'Cura persona' WHERE code = 'care';
CREATE INDEX products_category ON products(category, plu);

-- A code belongs to one product; a product has any number. `products.barcode` stays (SQLite
-- cannot drop a UNIQUE column) but is empty from this version on.
CREATE TABLE product_barcodes (
    code TEXT PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX product_barcodes_product ON product_barcodes(product_id, position);
INSERT INTO product_barcodes (code, product_id) SELECT barcode, id FROM products WHERE barcode IS NOT NULL;
UPDATE products SET barcode = NULL WHERE barcode IS NOT NULL;

-- Every price and VAT a product had, from when and set by whom: a change is a new row. Sales
-- copy the price and rate into their lines, so receipts and refunds never read this.
CREATE TABLE product_versions (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    valid_from TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    vat_bp INTEGER NOT NULL,
    set_by TEXT NOT NULL
);
CREATE INDEX product_versions_product ON product_versions(product_id, valid_from);
INSERT INTO product_versions (product_id, valid_from, price_cents, vat_bp, set_by)
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), price_cents, vat_bp, 'upgrade' FROM products;

-- Search as you type: each word of each name, lower case without accents, filled from Rust
-- (`store::catalog_search`), so a prefix is a range of this index.
CREATE TABLE product_words (
    word TEXT NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    PRIMARY KEY (word, product_id)
);
CREATE INDEX product_words_product ON product_words(product_id, word);

-- The department a line was sold in, kept like its price: moving a product later does not
-- move its past sales in the reports. `products.sold`: it was sold once, so it can be
-- deactivated but never deleted; set by the same trigger, so no write path is forgotten.
ALTER TABLE order_lines ADD COLUMN department TEXT;
UPDATE order_lines SET department = (SELECT category FROM products WHERE products.id = order_lines.product_id);
ALTER TABLE products ADD COLUMN sold INTEGER NOT NULL DEFAULT 0;
UPDATE products SET sold = 1 WHERE id IN (SELECT product_id FROM order_lines);
CREATE TRIGGER order_lines_department AFTER INSERT ON order_lines
BEGIN
    UPDATE order_lines SET department = (SELECT category FROM products WHERE id = new.product_id)
     WHERE id = new.id AND new.department IS NULL;
    UPDATE products SET sold = 1 WHERE id = new.product_id AND sold = 0;
END;
