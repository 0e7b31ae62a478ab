//! The catalogue as a CSV file, read and written: UTF-8 with or without a BOM, `;` or `,`
//! (whichever the header uses), quoted fields, prices with a decimal `,` or `.`. The columns are
//! `plu, name, name_el, name_it, name_en, barcodes (|), price, vat, unit, department, active`;
//! only `plu`, a name and `price` are needed. What [`write`] gives, [`read`] takes back as it was.

use super::catalog::{Barcode, BarcodeError, Lang, Names, Unit};
use super::department::{CatalogEntry, RowError, RowProblem};
use super::money::Money;
use super::vat::{Market, VatRate};

/// The columns, in the order [`write`] puts them.
pub const COLUMNS: [&str; 11] = [
    "plu",
    "name",
    "name_el",
    "name_it",
    "name_en",
    "barcodes",
    "price",
    "vat",
    "unit",
    "department",
    "active",
];

/// The department of a row that names none.
pub const DEFAULT_DEPARTMENT: &str = "general";

/// A product read from a file, with the file's row (the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub row: usize,
    pub entry: CatalogEntry,
}

/// Every row of `text`, or the first refused one. `lang` is the shop's language: the `name`
/// column is the name in it.
pub fn read(text: &str, market: Market, lang: Lang) -> Result<Vec<FileRow>, RowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let sep = if first_line.matches(';').count() >= first_line.matches(',').count() { ';' } else { ',' };
    let mut records = Records { rest: text, sep, row: 0 };
    let header = match records.next() {
        Some(Ok((_, h))) => h,
        Some(Err(e)) => return Err(e),
        None => return Err(err(1, "plu", RowProblem::MissingColumn("plu".into()))),
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let at = |name: &str| header.iter().position(|h| h == name);
    for needed in ["plu", "price"] {
        if at(needed).is_none() {
            return Err(err(1, needed, RowProblem::MissingColumn(needed.into())));
        }
    }
    if !["name", "name_el", "name_it", "name_en"].iter().any(|n| at(n).is_some()) {
        return Err(err(1, "name", RowProblem::MissingColumn("name".into())));
    }
    let index: Vec<Option<usize>> = COLUMNS.iter().map(|c| at(c)).collect();
    let mut rows = Vec::new();
    let mut plus = std::collections::HashMap::new();
    let mut codes = std::collections::HashMap::new();
    for record in records {
        let (row, fields) = record?;
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() > header.len() {
            return Err(err(row, "plu", RowProblem::FieldCount));
        }
        let get = |i: usize| index[i].and_then(|at| fields.get(at)).map_or("", |f| f.trim());
        let entry = entry(row, &get, market, lang)?;
        if plus.insert(entry.plu, row).is_some() {
            return Err(err(row, "plu", RowProblem::DuplicatePlu(entry.plu)));
        }
        for code in &entry.barcodes {
            if let Some(plu) = codes.insert(code.as_str().to_string(), entry.plu) {
                let code = code.as_str().to_string();
                return Err(err(row, "barcodes", RowProblem::DuplicateBarcode { code, plu }));
            }
        }
        rows.push(FileRow { row, entry });
    }
    Ok(rows)
}

fn err(row: usize, column: &str, problem: RowProblem) -> RowError {
    RowError { row, column: column.to_string(), problem }
}

fn entry<'a>(
    row: usize,
    get: &dyn Fn(usize) -> &'a str,
    market: Market,
    lang: Lang,
) -> Result<CatalogEntry, RowError> {
    let plu = parse_plu(get(0)).map_err(|p| err(row, "plu", p))?;
    let (name, el, it, en) = (get(1), get(2), get(3), get(4));
    let mut names = Names { en: en.into(), el: el.into(), it: it.into() };
    let own = match lang {
        Lang::En => &mut names.en,
        Lang::El => &mut names.el,
        Lang::It => &mut names.it,
    };
    if own.is_empty() {
        *own = name.to_string();
    }
    // Every other language falls back to English: it must not stay empty.
    if names.en.is_empty() {
        names.en = [name, el, it].into_iter().find(|n| !n.is_empty()).unwrap_or("").to_string();
    }
    if names.en.is_empty() {
        return Err(err(row, "name", RowProblem::EmptyName));
    }
    let barcodes = parse_barcodes(get(5)).map_err(|p| err(row, "barcodes", p))?;
    let price = parse_price(get(6)).map_err(|p| err(row, "price", p))?;
    let vat = match get(7) {
        "" => market.vat_classes().first().map_or(VatRate(0), |c| c.rate),
        v => parse_vat(v, market).map_err(|p| err(row, "vat", p))?,
    };
    let unit = parse_unit(get(8)).map_err(|p| err(row, "unit", p))?;
    let department = match get(9) {
        "" => DEFAULT_DEPARTMENT.to_string(),
        d => d.to_string(),
    };
    let active = parse_active(get(10)).map_err(|p| err(row, "active", p))?;
    Ok(CatalogEntry { plu, names, barcodes, price, vat, unit, department, active })
}

pub fn parse_plu(s: &str) -> Result<u32, RowProblem> {
    s.parse::<u32>().ok().filter(|p| *p > 0).ok_or_else(|| RowProblem::BadPlu(s.to_string()))
}

/// `5201234567890|96385074`: each checked.
pub fn parse_barcodes(s: &str) -> Result<Vec<Barcode>, RowProblem> {
    let mut out: Vec<Barcode> = Vec::new();
    for code in s.split('|').map(str::trim).filter(|c| !c.is_empty()) {
        let code = Barcode::parse(code).map_err(|e| match e {
            BarcodeError::Length(c) => RowProblem::BadBarcode(c),
            BarcodeError::CheckDigit(c) => RowProblem::CheckDigit(c),
        })?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// `0,80`, `0.80`, `12`: a decimal `,` or `.`, at most two decimals, no thousands separator.
pub fn parse_price(s: &str) -> Result<Money, RowProblem> {
    let s = s.trim().trim_end_matches('€').trim();
    let bad = || RowProblem::BadPrice(s.to_string());
    let (int, frac) = s.split_once([',', '.']).unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    if frac.len() > 2 {
        return Err(RowProblem::PriceDecimals(s.to_string()));
    }
    let whole: i64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| bad())? };
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    whole.checked_mul(100).and_then(|w| w.checked_add(cents)).map(Money::from_cents).ok_or_else(bad)
}

/// `24`, `24%`, `24 %`, `5,5`, or a class letter of the market (`A`); a legal rate only.
pub fn parse_vat(s: &str, market: Market) -> Result<VatRate, RowProblem> {
    let t = s.trim().trim_end_matches('%').trim();
    let unknown = || RowProblem::UnknownVat(s.to_string());
    let rate = if t.len() == 1 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        let letter = t.chars().next().map(|c| c.to_ascii_uppercase());
        market.vat_classes().iter().find(|c| Some(c.letter) == letter).map(|c| c.rate).ok_or_else(unknown)?
    } else {
        let bp = parse_price(t).map_err(|_| unknown())?.cents();
        VatRate(u32::try_from(bp).map_err(|_| unknown())?)
    };
    if market.is_legal(rate) { Ok(rate) } else { Err(unknown()) }
}

pub fn parse_unit(s: &str) -> Result<Unit, RowProblem> {
    match s.trim().to_lowercase().as_str() {
        "" | "piece" | "pc" | "pcs" | "τεμ" | "pz" => Ok(Unit::Piece),
        "kg" | "κιλό" | "κιλα" | "κιλά" => Ok(Unit::Kg),
        "l" | "lt" | "λίτρο" | "λίτρα" | "litro" | "litri" => Ok(Unit::L),
        _ => Err(RowProblem::BadUnit(s.to_string())),
    }
}

pub fn parse_active(s: &str) -> Result<bool, RowProblem> {
    match s.trim().to_lowercase().as_str() {
        "" | "1" | "yes" | "true" | "ναι" | "sì" | "si" => Ok(true),
        "0" | "no" | "false" | "όχι" | "οχι" => Ok(false),
        _ => Err(RowProblem::BadActive(s.to_string())),
    }
}

/// Splits the text into records of fields, each with its row; a quoted field may hold the
/// separator, a newline or a doubled quote.
struct Records<'a> {
    rest: &'a str,
    sep: char,
    row: usize,
}

impl Iterator for Records<'_> {
    type Item = Result<(usize, Vec<String>), RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        self.row += 1;
        let row = self.row;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = self.rest.char_indices().peekable();
        let mut quoted = false;
        let mut end = self.rest.len();
        while let Some((i, c)) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek().is_some_and(|&(_, n)| n == '"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        self.row += 1;
                        field.push(c);
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.trim().is_empty() => {
                    field.clear();
                    quoted = true;
                }
                c if c == self.sep => fields.push(std::mem::take(&mut field)),
                '\r' => {}
                '\n' => {
                    end = i + 1;
                    break;
                }
                _ => field.push(c),
            }
        }
        if quoted {
            self.rest = "";
            return Some(Err(err(row, "plu", RowProblem::Unquoted)));
        }
        fields.push(field);
        self.rest = &self.rest[end.min(self.rest.len())..];
        Some(Ok((row, fields)))
    }
}

/// The catalogue as a file [`read`] takes back: BOM, `;`, decimal `,`, sorted as given.
pub fn write(entries: &[CatalogEntry], lang: Lang) -> String {
    let mut out = String::with_capacity(entries.len() * 96 + 128);
    out.push('\u{feff}');
    out.push_str(&COLUMNS.join(";"));
    out.push('\n');
    for e in entries {
        let price = format!("{},{:02}", e.price.cents() / 100, e.price.cents() % 100);
        let vat = e.vat.percent_label().replace('.', ",");
        let barcodes: Vec<&str> = e.barcodes.iter().map(Barcode::as_str).collect();
        let fields = [
            e.plu.to_string(),
            e.names.get(lang).to_string(),
            e.names.el.clone(),
            e.names.it.clone(),
            e.names.en.clone(),
            barcodes.join("|"),
            price,
            vat,
            e.unit.code().to_string(),
            e.department.clone(),
            if e.active { "1" } else { "0" }.to_string(),
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            push_field(&mut out, f);
        }
        out.push('\n');
    }
    out
}

fn push_field(out: &mut String, field: &str) {
    let quote = field.contains([';', '"', '\n', '\r']) || field.trim() != field;
    if quote {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests;
