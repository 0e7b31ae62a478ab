//! `tameio product`: the shop's catalogue from the command line — add, list, show, set,
//! deactivate, import a CSV (dry run first if you like) and export one; departments.
//! Bad input exits 2 with nothing changed.

use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Subcommand;
use serde_json::{Value, json};

use super::{EXIT_OK, print_json};
use crate::domain::{CatalogEntry, Department, Names, Unit};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{DEMO_MANAGER, Operator, Register, RegisterError, SEARCH_LIMIT};

#[derive(Debug, Subcommand)]
pub enum ProductCommand {
    /// A new product: `product add --plu 501 --name "Κουλούρι" --price 0,80 --vat 13 --pin PIN`.
    Add {
        #[arg(long)]
        plu: u32,
        #[command(flatten)]
        fields: Fields,
        #[command(flatten)]
        manager: Manager,
    },
    /// Products on sale (`--all`: off sale too), or those a search finds (name, PLU, barcode).
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One product with its barcodes and price history.
    Show {
        plu: u32,
        #[arg(long)]
        json: bool,
    },
    /// Changes a product: `product set 501 --price 0,90 --pin PIN`. A new price or VAT is a new
    /// version from now on; sales already made keep theirs.
    Set {
        plu: u32,
        #[command(flatten)]
        fields: Fields,
        #[command(flatten)]
        manager: Manager,
    },
    /// Takes a product off sale; it stays with its history (a product once sold is never deleted).
    Deactivate {
        plu: u32,
        #[command(flatten)]
        manager: Manager,
    },
    /// Imports a CSV (README "Catalogue files"): all rows or none. `--dry-run` says what would be
    /// added, changed and deactivated and writes nothing (no PIN needed).
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        user: Option<String>,
        #[arg(long, required_unless_present = "dry_run")]
        pin: Option<String>,
    },
    /// Writes every product to a CSV that `import` reads back.
    Export {
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
    },
    /// Departments: groups for reports; an open-price one with `--key-plu` is a department key.
    #[command(subcommand)]
    Department(DepartmentCommand),
}

#[derive(Debug, Subcommand)]
pub enum DepartmentCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    /// Adds or changes a department: `product department set bakery --name Αρτοποιία --vat 13 --pin PIN`.
    Set {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        vat: Option<String>,
        /// Its products ask for their price (a department key).
        #[arg(long)]
        open_price: bool,
        /// With `--open-price`: the PLU of its key (made or updated at price zero).
        #[arg(long, requires = "open_price")]
        key_plu: Option<u32>,
        #[command(flatten)]
        manager: Manager,
    },
}

/// The product's fields a command may give; `add` needs a name and a price.
#[derive(Debug, clap::Args)]
pub struct Fields {
    /// The name in the shop's language.
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    name_el: Option<String>,
    #[arg(long)]
    name_it: Option<String>,
    #[arg(long)]
    name_en: Option<String>,
    /// `0,80` or `0.80`.
    #[arg(long)]
    price: Option<String>,
    /// A rate (`13`, `24%`) or a class letter.
    #[arg(long)]
    vat: Option<String>,
    /// Repeat for more than one; given, they replace the product's barcodes.
    #[arg(long = "barcode")]
    barcodes: Vec<String>,
    /// `piece` or `kg`.
    #[arg(long)]
    unit: Option<String>,
    #[arg(long)]
    department: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct Manager {
    /// The manager who allows it (default: the demo manager's name).
    #[arg(long)]
    user: Option<String>,
    #[arg(long)]
    pin: String,
}

fn manager(register: &Register, user: Option<&str>, pin: &str) -> Result<Operator, RegisterError> {
    register.cli_operator(user.or(Some(DEMO_MANAGER.0)), Some(pin))
}

fn bad(column: &str, problem: crate::domain::RowProblem) -> RegisterError {
    RegisterError::Catalog(crate::domain::RowError { row: 0, column: column.into(), problem })
}

/// `fields` over `entry`: only what was given changes.
fn apply(register: &Register, entry: &mut CatalogEntry, f: &Fields) -> Result<(), RegisterError> {
    use crate::domain::catalog_file as file;
    let lang = register.settings().lang();
    if let Some(name) = &f.name {
        match lang {
            crate::domain::Lang::En => entry.names.en = name.clone(),
            crate::domain::Lang::El => entry.names.el = name.clone(),
            crate::domain::Lang::It => entry.names.it = name.clone(),
        }
        if entry.names.en.is_empty() {
            entry.names.en = name.clone();
        }
    }
    for (given, slot) in [(&f.name_el, &mut entry.names.el), (&f.name_it, &mut entry.names.it)] {
        if let Some(n) = given {
            *slot = n.clone();
        }
    }
    if let Some(n) = &f.name_en {
        entry.names.en = n.clone();
    }
    if let Some(p) = &f.price {
        entry.price = register.parse_price(p)?;
    }
    if let Some(v) = &f.vat {
        entry.vat = register.parse_vat(v)?;
    }
    if !f.barcodes.is_empty() {
        entry.barcodes = file::parse_barcodes(&f.barcodes.join("|")).map_err(|p| bad("barcodes", p))?;
    }
    if let Some(u) = &f.unit {
        entry.unit = file::parse_unit(u).map_err(|p| bad("unit", p))?;
    }
    if let Some(d) = &f.department {
        entry.department = d.trim().to_string();
    }
    Ok(())
}

pub fn run(register: &Register, i18n: &I18n, cmd: ProductCommand) -> Result<u8, RegisterError> {
    match cmd {
        ProductCommand::Add { plu, fields, manager: m } => {
            let by = manager(register, m.user.as_deref(), &m.pin)?;
            if fields.price.is_none() {
                return Err(bad("price", crate::domain::RowProblem::BadPrice(String::new())));
            }
            let vat = register.settings().market.vat_classes().first().map(|c| c.rate);
            let mut entry = CatalogEntry {
                plu,
                names: Names::default(),
                barcodes: Vec::new(),
                price: crate::domain::Money::ZERO,
                vat: vat.unwrap_or(crate::domain::VatRate(0)),
                unit: Unit::Piece,
                department: crate::domain::catalog_file::DEFAULT_DEPARTMENT.into(),
                active: true,
            };
            apply(register, &mut entry, &fields)?;
            register.add_product(&by, &entry)?;
            let name = entry.names.get(i18n.lang()).to_string();
            println!(
                "{}",
                fl!(i18n, "cli-product-added", plu = plu, name = name, price = i18n.money(entry.price))
            );
        }
        ProductCommand::List { search, all, json: as_json } => {
            let found = match &search {
                Some(q) => register.search_catalog(q, SEARCH_LIMIT)?,
                None => register.catalog_entries()?,
            };
            let found: Vec<_> = found.into_iter().filter(|e| all || e.active).collect();
            if as_json {
                print_json(&json!({ "products": found.iter().map(entry_json).collect::<Vec<_>>() }));
            } else {
                for e in &found {
                    println!("{}", line(i18n, e));
                }
            }
        }
        ProductCommand::Show { plu, json: as_json } => {
            let entry = register.catalog_entry(plu)?;
            let history = register.price_history(plu)?;
            let sold = register.ever_sold(plu)?;
            if as_json {
                let mut value = entry_json(&entry);
                value["sold"] = json!(sold);
                value["versions"] = json!(history);
                print_json(&value);
            } else {
                println!("{}", line(i18n, &entry));
                for v in history {
                    let vat = v.vat.percent_label();
                    let price = i18n.money(v.price);
                    println!(
                        "  {}",
                        fl!(
                            i18n,
                            "cli-product-version",
                            from = v.valid_from,
                            price = price,
                            vat = vat,
                            by = v.by
                        )
                    );
                }
            }
        }
        ProductCommand::Set { plu, fields, manager: m } => {
            let by = manager(register, m.user.as_deref(), &m.pin)?;
            let mut entry = register.catalog_entry(plu)?;
            apply(register, &mut entry, &fields)?;
            if register.edit_product(&by, &entry)? {
                println!("{}", fl!(i18n, "cli-product-changed", plu = plu));
            } else {
                println!("{}", fl!(i18n, "cli-product-unchanged", plu = plu));
            }
        }
        ProductCommand::Deactivate { plu, manager: m } => {
            let by = manager(register, m.user.as_deref(), &m.pin)?;
            register.deactivate_product(&by, plu)?;
            println!("{}", fl!(i18n, "cli-product-deactivated", plu = plu));
        }
        ProductCommand::Import { file, dry_run, json: as_json, user, pin } => {
            return import(register, i18n, &file, dry_run, as_json, (user, pin));
        }
        ProductCommand::Export { out } => {
            let text = register.export_catalog()?;
            let count = text.lines().count().saturating_sub(1);
            std::fs::write(&out, text)
                .map_err(|e| RegisterError::BadInput(format!("{}: {e}", out.display())))?;
            println!(
                "{}",
                fl!(i18n, "cli-product-exported", count = count, path = out.display().to_string())
            );
        }
        ProductCommand::Department(cmd) => return department(register, i18n, cmd),
    }
    Ok(EXIT_OK)
}

fn import(
    register: &Register,
    i18n: &I18n,
    file: &std::path::Path,
    dry_run: bool,
    as_json: bool,
    (user, pin): (Option<String>, Option<String>),
) -> Result<u8, RegisterError> {
    let bytes =
        std::fs::read(file).map_err(|e| RegisterError::BadInput(format!("{}: {e}", file.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        RegisterError::BadInput(fl!(i18n, "cli-product-not-utf8", path = file.display().to_string()))
    })?;
    let rows = register.read_catalog_file(&text)?;
    let by = match &pin {
        Some(pin) => manager(register, user.as_deref(), pin)?,
        None => register.cli_operator(user.as_deref().or(Some(DEMO_MANAGER.0)), None)?,
    };
    let line = ProgressLine { on: std::io::stderr().is_terminal(), drawn: Cell::new(usize::MAX) };
    let show = |done: usize, of: usize| line.show(i18n, done, of);
    let summary = register.import_catalog(&by, &rows, dry_run, &show);
    line.clear();
    let summary = summary?;
    if as_json {
        print_json(&json!({ "dry_run": dry_run, "summary": summary }));
        return Ok(EXIT_OK);
    }
    let (added, changed, deactivated) =
        (summary.added.len(), summary.changed.len(), summary.deactivated.len());
    let (rows, unchanged, departments) = (summary.rows, summary.unchanged, summary.new_departments.len());
    let said = if dry_run {
        fl!(
            i18n,
            "cli-product-import-dry",
            rows = rows,
            added = added,
            changed = changed,
            deactivated = deactivated,
            unchanged = unchanged,
            departments = departments
        )
    } else {
        fl!(
            i18n,
            "cli-product-imported",
            rows = rows,
            added = added,
            changed = changed,
            deactivated = deactivated,
            unchanged = unchanged,
            departments = departments
        )
    };
    println!("{said}");
    let plus = |list: &[u32]| list.iter().take(20).map(u32::to_string).collect::<Vec<_>>().join(", ");
    for (label, list) in [
        (i18n.tr("cli-product-import-added"), &summary.added),
        (i18n.tr("cli-product-import-changed"), &summary.changed),
        (i18n.tr("cli-product-import-deactivated"), &summary.deactivated),
    ] {
        if !list.is_empty() {
            let more = if list.len() > 20 { " …" } else { "" };
            println!("  {label}: {}{more}", plus(list));
        }
    }
    Ok(EXIT_OK)
}

/// "Importing: 4096 / 100000 (4 %)" redrawn on stderr when the percent moves (a terminal only).
struct ProgressLine {
    on: bool,
    drawn: Cell<usize>,
}

impl ProgressLine {
    fn show(&self, i18n: &I18n, done: usize, of: usize) {
        let percent = (done.min(of) * 100).checked_div(of).unwrap_or(100);
        if !self.on || self.drawn.get() == percent {
            return;
        }
        self.drawn.set(percent);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{}",
            fl!(i18n, "cli-product-progress", done = done, total = of, percent = percent)
        );
        let _ = err.flush();
    }

    fn clear(&self) {
        if self.on && self.drawn.get() != usize::MAX {
            let _ = writeln!(std::io::stderr());
        }
    }
}

fn department(register: &Register, i18n: &I18n, cmd: DepartmentCommand) -> Result<u8, RegisterError> {
    match cmd {
        DepartmentCommand::List { json: as_json } => {
            let deps = register.departments()?;
            if as_json {
                print_json(&json!({ "departments": deps }));
            } else {
                for d in deps {
                    let key = if d.open_price { i18n.tr("cli-department-key") } else { String::new() };
                    let name = d.names.get(i18n.lang());
                    println!("{:<16} {:<28} {:>5} % {key}", d.code, name, d.vat.percent_label());
                }
            }
        }
        DepartmentCommand::Set { code, name, vat, open_price, key_plu, manager: m } => {
            let by = manager(register, m.user.as_deref(), &m.pin)?;
            let old = register.departments()?.into_iter().find(|d| d.code == code);
            let default_vat = register.settings().market.vat_classes().first().map(|c| c.rate);
            let mut dep = old.unwrap_or(Department {
                code: code.clone(),
                names: Names { en: code.clone(), ..Names::default() },
                vat: default_vat.unwrap_or(crate::domain::VatRate(0)),
                open_price: false,
                active: true,
            });
            if let Some(name) = name {
                match i18n.lang() {
                    crate::domain::Lang::En => dep.names.en = name,
                    crate::domain::Lang::El => dep.names.el = name,
                    crate::domain::Lang::It => dep.names.it = name,
                }
            }
            if let Some(v) = vat {
                dep.vat = register.parse_vat(&v)?;
            }
            dep.open_price = open_price || dep.open_price;
            register.save_department(&by, &dep, key_plu)?;
            println!("{}", fl!(i18n, "cli-department-saved", code = code));
        }
    }
    Ok(EXIT_OK)
}

/// One product on one line: PLU, name, price, VAT, unit, department, barcodes, off sale.
fn line(i18n: &I18n, e: &CatalogEntry) -> String {
    let codes: Vec<&str> = e.barcodes.iter().map(|b| b.as_str()).collect();
    let off = if e.active { String::new() } else { format!(" ({})", i18n.tr("cli-product-off-sale")) };
    format!(
        "{:>6}  {:<32} {:>10} {:>4} % {:<5} {:<12} {}{off}",
        e.plu,
        e.names.get(i18n.lang()),
        i18n.money(e.price),
        e.vat.percent_label(),
        e.unit.code(),
        e.department,
        codes.join("|")
    )
}

fn entry_json(e: &CatalogEntry) -> Value {
    json!({
        "plu": e.plu, "name_en": e.names.en, "name_el": e.names.el, "name_it": e.names.it,
        "barcodes": e.barcodes.iter().map(|b| b.as_str()).collect::<Vec<_>>(),
        "price_cents": e.price.cents(), "vat_bp": e.vat.bp(), "unit": e.unit.code(),
        "department": e.department, "active": e.active,
    })
}
