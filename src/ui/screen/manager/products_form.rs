//! One product's form on the Products tab: PLU, names, price, VAT, unit, department and its
//! barcodes. A scanner types a code and Enter into the barcode field: that adds the code to
//! the list (never saves). A refused field says why beside it, and nothing typed is lost.

use iced::widget::{Id, column, container, row, text, text_input};
use iced::{Element, Length};

use crate::domain::catalog_file::{parse_plu, parse_price, parse_vat};
use crate::domain::{Barcode, CatalogEntry, Lang, Names, RowProblem, Unit};
use crate::register::row_problem_text;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::theme;
use crate::ui::widget;

pub const PLU_ID: &str = "product-plu";
pub const NAME_ID: &str = "product-name";
pub const PRICE_ID: &str = "product-price";
pub const BARCODE_ID: &str = "product-barcode";

/// A field of the form, for the message shown beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Plu,
    Name,
    Price,
    Vat,
    Department,
    Barcode,
}

impl Field {
    /// The field a file's column (as the register names it) is shown at.
    pub fn of_column(column: &str) -> Field {
        match column {
            "plu" => Field::Plu,
            "price" => Field::Price,
            "vat" => Field::Vat,
            "department" => Field::Department,
            "barcodes" => Field::Barcode,
            _ => Field::Name,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Form {
    /// A new product (its PLU can be typed); otherwise the PLU is fixed.
    pub new: bool,
    pub plu: String,
    pub names: Names,
    pub price: String,
    pub vat: String,
    pub unit: Unit,
    pub department: String,
    pub barcodes: Vec<Barcode>,
    /// What the scanner (or a hand) is typing into the barcode field.
    pub scan: String,
    pub active: bool,
    pub errors: Vec<(Field, String)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Plu(String),
    Name(Lang, String),
    Price(String),
    Vat(String),
    Department(String),
    Scan(String),
    /// Enter in the barcode field: the code joins the list.
    AddCode,
    /// F5: the last barcode leaves the list.
    RemoveCode,
    /// F3: piece → kg → l → piece.
    NextUnit,
    /// Enter in any other field.
    Save,
}

impl Form {
    /// A new product in the department of the one on show; its VAT left empty means the
    /// market's standard rate (shown in the empty field), as in a file.
    pub fn blank(department: Option<&str>) -> Form {
        Form {
            new: true,
            department: department.unwrap_or("general").to_string(),
            active: true,
            ..Form::default()
        }
    }

    pub fn of(entry: &CatalogEntry, ctx: &Ctx) -> Form {
        let cents = entry.price.cents();
        Form {
            new: false,
            plu: entry.plu.to_string(),
            names: entry.names.clone(),
            price: format!("{}{}{:02}", cents / 100, ctx.decimal(), cents % 100),
            vat: entry.vat.percent_label(),
            unit: entry.unit,
            department: entry.department.clone(),
            barcodes: entry.barcodes.clone(),
            scan: String::new(),
            active: entry.active,
            errors: Vec::new(),
        }
    }

    /// A field typed into; `Some(true)` asks the pane to save.
    pub fn update(&mut self, message: Message, ctx: &Ctx) -> bool {
        match message {
            Message::Plu(s) if self.new => self.plu = s.chars().filter(char::is_ascii_digit).collect(),
            Message::Plu(_) => {}
            Message::Name(Lang::El, s) => self.names.el = s,
            Message::Name(Lang::It, s) => self.names.it = s,
            Message::Name(Lang::En, s) => self.names.en = s,
            Message::Price(s) => self.price = s,
            Message::Vat(s) => self.vat = s,
            Message::Department(s) => self.department = s,
            Message::Scan(s) => self.scan = s.chars().filter(char::is_ascii_digit).collect(),
            Message::AddCode => self.add_code(ctx),
            Message::RemoveCode => {
                self.barcodes.pop();
            }
            Message::NextUnit => {
                self.unit = match self.unit {
                    Unit::Piece => Unit::Kg,
                    Unit::Kg => Unit::L,
                    Unit::L => Unit::Piece,
                }
            }
            Message::Save => return true,
        }
        false
    }

    /// The scanned code joins the list when it is a good code of no other product; else the
    /// field keeps it and says why.
    fn add_code(&mut self, ctx: &Ctx) {
        self.errors.retain(|(f, _)| *f != Field::Barcode);
        let code = self.scan.trim().to_string();
        if code.is_empty() {
            return;
        }
        let problem = match Barcode::parse(&code) {
            Err(crate::domain::BarcodeError::CheckDigit(c)) => Some(RowProblem::CheckDigit(c)),
            Err(_) => Some(RowProblem::BadBarcode(code.clone())),
            Ok(b) if self.barcodes.contains(&b) => None,
            Ok(b) => {
                let owner = ctx.catalog.find(b.as_str()).map(|p| p.plu).filter(|p| p.to_string() != self.plu);
                match owner {
                    Some(plu) => Some(RowProblem::DuplicateBarcode { code: code.clone(), plu }),
                    None => {
                        self.barcodes.push(b);
                        None
                    }
                }
            }
        };
        match problem {
            Some(p) => self.errors.push((Field::Barcode, row_problem_text(&ctx.i18n, &p))),
            None => self.scan.clear(),
        }
    }

    /// The product the form describes, or every refused field with why.
    pub fn entry(&mut self, ctx: &Ctx) -> Option<CatalogEntry> {
        self.errors.clear();
        let mut bad =
            |field: Field, p: RowProblem| self.errors.push((field, row_problem_text(&ctx.i18n, &p)));
        let plu = parse_plu(&self.plu).map_err(|p| bad(Field::Plu, p)).ok();
        let mut names = Names {
            en: self.names.en.trim().to_string(),
            el: self.names.el.trim().to_string(),
            it: self.names.it.trim().to_string(),
        };
        // English is every name's fallback: it must not stay empty.
        if names.en.is_empty() {
            names.en =
                [&names.el, &names.it].into_iter().find(|n| !n.is_empty()).cloned().unwrap_or_default();
        }
        if names.en.is_empty() {
            bad(Field::Name, RowProblem::EmptyName);
        }
        let price = parse_price(&self.price).map_err(|p| bad(Field::Price, p)).ok();
        let vat = match self.vat.trim() {
            "" => Some(standard_rate(ctx)),
            typed => parse_vat(typed, ctx.settings.market).map_err(|p| bad(Field::Vat, p)).ok(),
        };
        if self.department.trim().is_empty() {
            bad(Field::Department, RowProblem::EmptyName);
        }
        if !self.scan.trim().is_empty() {
            // A code typed but not added is not silently dropped.
            self.add_code(ctx);
            if !self.scan.is_empty() {
                return None;
            }
        }
        if !self.errors.is_empty() {
            return None;
        }
        Some(CatalogEntry {
            plu: plu?,
            names,
            barcodes: self.barcodes.clone(),
            price: price?,
            vat: vat?,
            unit: self.unit,
            department: self.department.trim().to_string(),
            active: self.active,
        })
    }

    /// The key this form takes while it is open (the rest stay the page's).
    pub fn key(&self, action: Action) -> Option<Message> {
        match action {
            Action::Enter => Some(Message::Save),
            Action::Park => Some(Message::NextUnit),
            Action::Void => Some(Message::RemoveCode),
            _ => None,
        }
    }

    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, e)| e.as_str())
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let input = |label: String, value: &'a str, field: Option<Field>, id: Option<&'static str>| {
            let mut t = text_input("", value).padding(8).size(theme::BODY);
            if let Some(id) = id {
                t = t.id(Id::new(id));
            }
            let note = field.and_then(|f| self.error(f));
            (label, t, note)
        };
        let place = |(label, t, note): (String, iced::widget::TextInput<'a, Message>, Option<&'a str>)| {
            let mut col = column![text(label).size(theme::SMALL), t].spacing(2).width(Length::Fill);
            if let Some(n) = note {
                col = col.push(text(format!("✗ {n}")).size(theme::SMALL).style(theme::texts::danger));
            }
            col
        };
        let (l, t, n) = input(i18n.tr("products-plu"), &self.plu, Some(Field::Plu), Some(PLU_ID));
        let plu = place((l, if self.new { t.on_input(Message::Plu).on_submit(Message::Save) } else { t }, n));
        let name = |lang: Lang, value: &'a str, id: Option<&'static str>| {
            let label = format!("{} · {}", i18n.tr("products-name"), lang.code().to_uppercase());
            let field = (lang == i18n.lang()).then_some(Field::Name);
            let (l, t, n) = input(label, value, field, id);
            place((l, t.on_input(move |s| Message::Name(lang, s)).on_submit(Message::Save), n))
        };
        // The shop's language first, focused when the form opens.
        let mut langs = vec![i18n.lang()];
        langs.extend(Lang::ALL.into_iter().filter(|l| *l != i18n.lang()));
        let names = langs.iter().map(|&l| {
            let id = (l == i18n.lang()).then_some(NAME_ID);
            name(l, self.names_of(l), id).into()
        });
        let (l, t, n) = input(i18n.tr("products-price"), &self.price, Some(Field::Price), Some(PRICE_ID));
        let price = place((l, t.on_input(Message::Price).on_submit(Message::Save), n));
        let (l, _, n) = input(i18n.tr("products-vat"), &self.vat, Some(Field::Vat), None);
        // Empty means the standard rate: the field shows which.
        let t = text_input(&standard_rate(ctx).percent_label(), &self.vat).padding(8).size(theme::BODY);
        let vat = place((l, t.on_input(Message::Vat).on_submit(Message::Save), n));
        let (l, t, n) =
            input(i18n.tr("products-department"), &self.department, Some(Field::Department), None);
        let department = place((l, t.on_input(Message::Department).on_submit(Message::Save), n));
        let (l, t, n) =
            input(i18n.tr("products-barcode"), &self.scan, Some(Field::Barcode), Some(BARCODE_ID));
        let scan = place((l, t.on_input(Message::Scan).on_submit(Message::AddCode), n));
        let codes = if self.barcodes.is_empty() {
            i18n.tr("products-no-barcodes")
        } else {
            self.barcodes.iter().map(Barcode::as_str).collect::<Vec<_>>().join("  ·  ")
        };
        let unit = match self.unit {
            Unit::Kg => i18n.tr("products-unit-kg"),
            Unit::L => i18n.tr("products-unit-l"),
            Unit::Piece => i18n.tr("products-unit-piece"),
        };
        let title = if self.new { i18n.tr("products-new") } else { i18n.tr("products-edit") };
        column![
            text(title).size(theme::TITLE),
            row![plu, price, vat].spacing(10),
            row(names).spacing(10),
            row![
                department,
                container(text(format!("{}: {unit}", i18n.tr("products-unit")))).width(Length::Fill)
            ]
            .spacing(10)
            .align_y(iced::Alignment::End),
            scan,
            text(format!("{}: {codes}", i18n.tr("products-barcodes"))).size(theme::BODY),
            text(i18n.tr("products-scan-hint")).size(theme::SMALL).style(theme::texts::muted),
            row![
                widget::action(
                    i18n.tr("products-save"),
                    Action::Enter.label(),
                    Some(Message::Save),
                    theme::buttons::primary
                ),
                widget::action(
                    i18n.tr("products-next-unit"),
                    Action::Park.label(),
                    Some(Message::NextUnit),
                    theme::buttons::key
                ),
                widget::action(
                    i18n.tr("products-remove-code"),
                    Action::Void.label(),
                    Some(Message::RemoveCode),
                    theme::buttons::key
                ),
            ]
            .spacing(6),
        ]
        .spacing(10)
        .into()
    }

    fn names_of(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.names.el,
            Lang::It => &self.names.it,
            Lang::En => &self.names.en,
        }
    }
}

/// The market's standard VAT rate: what an empty VAT field means.
fn standard_rate(ctx: &Ctx) -> crate::domain::VatRate {
    ctx.settings.market.vat_classes().first().map_or(crate::domain::VatRate(0), |c| c.rate)
}
