//! The Products tab (F12 → Products), update-driven against a real register: a product added
//! on screen with its barcodes scanned into the form sells at once by them, a price change
//! leaves the open cart alone, a CSV import shows its dry run first (or its first bad row,
//! changing nothing), scale labels ring up at the till, and the tab fits 1024×768 in Greek.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::{Lang, Unit};
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::manager::products_form::{self as form, Field};
use tameio::ui::screen::manager::products_import as import;
use tameio::ui::screen::manager::{self, Tab, products};
use tameio::ui::widget::NoticeKind;

/// A valid EAN-13 from its first twelve digits.
fn ean(body: &str) -> String {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// The same code with a wrong check digit.
fn bad_check(code: &str) -> String {
    let last = code.as_bytes()[12] - b'0';
    format!("{}{}", &code[..12], (last + 1) % 10)
}

fn pane(app: &App) -> &products::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.products,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn pane_mut(app: &mut App) -> &mut products::Pane {
    match &mut app.screen {
        Screen::Manager(m) => &mut m.products,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn send(app: &mut App, m: products::Message) {
    settle(app, Message::Manager(manager::Message::Products(m)));
}

fn fill(app: &mut App, m: form::Message) {
    send(app, products::Message::Form(m));
}

/// The cashier at the till opens the manager's menu on the Products tab.
fn on_products(app: &mut App) {
    open_manager(app);
    settle(app, Message::Manager(manager::Message::Tab(Tab::Products)));
    assert!(!pane(app).results.is_empty(), "the tab opens on the catalogue");
}

fn form_error(app: &App, field: Field) -> Option<String> {
    pane(app).form.as_ref().and_then(|f| f.error(field).map(str::to_string))
}

fn last_line(app: &App) -> (String, i64) {
    let line = app.checkout.cart.lines.last().expect("a cart line");
    (line.name.clone(), line.unit_price.cents())
}

#[test]
fn a_product_added_on_screen_by_scanning_its_barcodes_sells_at_once_and_a_new_price_waits_for_the_next_line()
{
    let mut app = signed_in();
    let first = ean("520999000001");
    let second = ean("520999000002");
    on_products(&mut app);
    key(&mut app, Named::F1);
    assert!(pane(&app).form.as_ref().is_some_and(|f| f.new), "F1 opens an empty form");
    fill(&mut app, form::Message::Plu("1501".into()));
    fill(&mut app, form::Message::Name(Lang::En, "Bagel".into()));
    fill(&mut app, form::Message::Price("0.805".into()));
    fill(&mut app, form::Message::Vat("13".into()));
    // The scanner types into the barcode field; its Enter adds the code, never saves.
    fill(&mut app, form::Message::Scan(bad_check(&first)));
    fill(&mut app, form::Message::AddCode);
    let why = form_error(&app, Field::Barcode).expect("a bad check digit is refused");
    assert!(why.contains("check digit"), "{why}");
    assert_eq!(pane(&app).form.as_ref().unwrap().scan, bad_check(&first), "what was scanned stays");
    fill(&mut app, form::Message::Scan(first.clone()));
    fill(&mut app, form::Message::AddCode);
    fill(&mut app, form::Message::Scan(second.clone()));
    fill(&mut app, form::Message::AddCode);
    // A code that is another product's is refused by its field.
    fill(&mut app, form::Message::Scan(FETA.into()));
    fill(&mut app, form::Message::AddCode);
    assert!(form_error(&app, Field::Barcode).unwrap().contains("already belongs"));
    fill(&mut app, form::Message::Scan(String::new()));
    assert_eq!(pane(&app).form.as_ref().unwrap().barcodes.len(), 2);
    // Three decimals: said beside the price, nothing saved, nothing typed lost.
    key(&mut app, Named::Enter);
    assert!(form_error(&app, Field::Price).unwrap().contains("more than two decimals"));
    assert_eq!(pane(&app).form.as_ref().unwrap().names.en, "Bagel");
    assert!(app.register().catalog_entry(1501).is_err());
    fill(&mut app, form::Message::Price("0.80".into()));
    key(&mut app, Named::Enter);
    assert!(pane(&app).form.is_none(), "saved: {:?}", pane(&app).form.as_ref().map(|f| &f.errors));
    assert_eq!(pane(&app).notice.as_ref().map(|n| n.kind), Some(NoticeKind::Done));
    // A PLU taken already is refused beside the PLU.
    key(&mut app, Named::F1);
    fill(&mut app, form::Message::Plu("1501".into()));
    fill(&mut app, form::Message::Name(Lang::En, "Twin".into()));
    fill(&mut app, form::Message::Price("1".into()));
    key(&mut app, Named::Enter);
    assert!(form_error(&app, Field::Plu).is_some(), "{:?}", pane(&app).form.as_ref().map(|f| &f.errors));
    key(&mut app, Named::Escape);
    key(&mut app, Named::Escape);
    assert!(matches!(app.screen, Screen::Checkout), "Esc twice: back at the till");

    scan(&mut app, &first);
    assert_eq!(last_line(&app), ("Bagel".into(), 80));
    scan(&mut app, &second);
    assert_eq!(last_line(&app), ("Bagel".into(), 80), "the second barcode finds it too");

    // F4 reprices the product found; the open cart keeps its price, the next line has the new.
    on_products(&mut app);
    send(&mut app, products::Message::Query("1501".into()));
    assert_eq!(pane(&app).selected().map(|e| e.plu), Some(1501));
    key(&mut app, Named::F4);
    fill(&mut app, form::Message::Price("0.90".into()));
    key(&mut app, Named::Enter);
    assert!(pane(&app).form.is_none());
    let history = &pane(&app).history.as_ref().expect("the price history").1;
    assert_eq!(history.iter().map(|v| v.price.cents()).collect::<Vec<_>>(), [80, 90]);
    key(&mut app, Named::Escape);
    assert_eq!(app.checkout.cart.lines.iter().map(|l| l.unit_price.cents()).collect::<Vec<_>>(), [80, 80]);
    scan(&mut app, &second);
    assert_eq!(last_line(&app), ("Bagel".into(), 90));
}

#[test]
fn a_product_taken_off_sale_no_longer_sells() {
    let mut app = signed_in();
    on_products(&mut app);
    // The scanner's digits search even with no field focused.
    type_text(&mut app, FETA);
    assert_eq!(pane(&app).query, FETA);
    let plu = pane(&app).selected().expect("feta found by its barcode").plu;
    key(&mut app, Named::F5);
    assert_eq!(pane(&app).ask, Some(products::Ask::Deactivate(plu)));
    key(&mut app, Named::Enter);
    assert!(!app.register().catalog_entry(plu).unwrap().active);
    key(&mut app, Named::Escape);
    scan(&mut app, FETA);
    assert!(app.checkout.cart.lines.is_empty());
    assert_eq!(app.checkout.notice.as_ref().map(|n| n.kind), Some(NoticeKind::Error));
    // F5 on a product off sale puts it back: it sells again.
    app.checkout.notice = None;
    on_products(&mut app);
    type_text(&mut app, FETA);
    key(&mut app, Named::F5);
    assert_eq!(pane(&app).ask, Some(products::Ask::Reactivate(plu)));
    key(&mut app, Named::Enter);
    assert!(app.register().catalog_entry(plu).unwrap().active);
    key(&mut app, Named::Escape);
    scan(&mut app, FETA);
    assert_eq!(app.checkout.cart.lines.len(), 1);
}

/// F6 in a folder holding `files`; the browser opens there.
fn import_from(app: &mut App, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    pane_mut(app).last_folder = Some(dir.path().to_path_buf());
    key(app, Named::F6);
    let picker = &pane(app).import.as_ref().expect("F6 opens the browser").picker;
    assert_eq!(picker.dir, dir.path());
    dir
}

fn import(app: &App) -> &import::Import {
    pane(app).import.as_ref().expect("the import on show")
}

#[test]
fn a_file_with_a_bad_row_names_its_row_and_reason_and_changes_nothing() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    on_products(&mut app);
    let csv = format!(
        "\u{feff}plu;name;barcodes;price;vat\n1601;Κουλούρι;{};0,80;13\n1602;Τυρόπιτα;{};2,10;13\n",
        ean("520999000011"),
        bad_check(&ean("520999000012"))
    );
    let _dir = import_from(&mut app, &[("bad.csv", &csv)]);
    key(&mut app, Named::Enter);
    let n = import(&app).notice.clone().expect("the bad row is named");
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(
        n.text.contains('3') && n.text.contains("barcodes") && n.text.contains("ψηφίο ελέγχου"),
        "{}",
        n.text
    );
    assert!(import(&app).checked.is_none());
    assert!(app.register().catalog_entry(1601).is_err(), "a bad row changes nothing");
}

#[test]
fn an_import_shows_its_dry_run_first_esc_changes_nothing_and_enter_imports_what_sells_at_once() {
    let mut app = signed_in();
    on_products(&mut app);
    let code = ean("520999000021");
    let csv = format!(
        "plu,name,barcodes,price,vat,department\n1701,Pretzel,{code},1.20,13,pastry\n1702,Bun,,0.50,13,pastry\n"
    );
    let _dir = import_from(&mut app, &[("new.csv", &csv), ("notes.txt", "x")]);
    assert_eq!(import(&app).picker.entries.len(), 1, "only the CSV file is listed");
    key(&mut app, Named::Enter);
    let summary = &import(&app).checked.as_ref().expect("the dry run on show").summary;
    assert_eq!(
        (summary.added.clone(), summary.new_departments.clone()),
        (vec![1701, 1702], vec!["pastry".into()])
    );
    assert!(app.register().catalog_entry(1701).is_err(), "the dry run writes nothing");
    key(&mut app, Named::Escape);
    assert!(import(&app).checked.is_none());
    assert!(app.register().catalog_entry(1701).is_err(), "Esc changes nothing");
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    assert!(pane(&app).import.is_none(), "done: back to the list");
    let n = pane(&app).notice.clone().unwrap();
    assert_eq!(n.kind, NoticeKind::Done, "{}", n.text);
    assert!(n.text.contains("2 new"), "{}", n.text);
    assert_eq!(app.register().catalog_entry(1702).unwrap().names.en, "Bun");
    key(&mut app, Named::Escape);
    scan(&mut app, &code);
    assert_eq!(last_line(&app), ("Pretzel".into(), 120));
}

#[test]
fn export_writes_the_catalogue_into_the_folder_on_show_and_says_where() {
    let mut app = signed_in();
    on_products(&mut app);
    let dir = tempfile::tempdir().unwrap();
    pane_mut(&mut app).last_folder = Some(dir.path().to_path_buf());
    key(&mut app, Named::F7);
    key(&mut app, Named::F7);
    let n = import(&app).notice.clone().unwrap();
    assert_eq!(n.kind, NoticeKind::Done, "{}", n.text);
    let file = std::fs::read_dir(dir.path()).unwrap().flatten().next().expect("a file written").path();
    assert!(n.text.contains(&file.display().to_string()), "{}", n.text);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(FETA), "the catalogue is in it");
}

/// A scale label: prefix, five PLU digits, five digits of grams (21) or cents (23).
#[test]
fn scale_labels_ring_up_the_weight_or_the_price_they_carry() {
    let mut app = signed_in();
    let tomatoes = app.ctx.catalog.find(TOMATOES_PLU).unwrap().clone();
    assert_eq!((tomatoes.unit, tomatoes.price.cents()), (Unit::Kg, 219));
    scan(&mut app, &ean("210030100750"));
    let line = app.checkout.cart.lines.last().expect("the weight label rings up");
    assert_eq!((line.quantity.milli(), line.unit_price.cents()), (750, 219));
    scan(&mut app, &ean("230030100438"));
    let line = app.checkout.cart.lines.last().unwrap();
    assert_eq!((line.quantity.milli(), line.unit_price.cents()), (2000, 219), "4,38 of tomatoes is 2 kg");
    scan(&mut app, &ean("230040101234"));
    let line = app.checkout.cart.lines.last().unwrap();
    assert_eq!(
        (line.quantity.milli(), line.unit_price.cents()),
        (1000, 1234),
        "a piece at the label's price"
    );
    assert_eq!(app.checkout.cart.lines.len(), 3);
    scan(&mut app, &ean("219999900750"));
    assert_eq!(app.checkout.cart.lines.len(), 3, "a label of no product rings up nothing");
}

#[test]
fn the_products_tab_and_its_form_fit_1024_by_768_in_greek() {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    on_products(&mut app);
    let fits = |app: &App, wants: &[&str]| {
        let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
        for want in wants {
            let found = ui.find(*want).unwrap_or_else(|_| panic!("{want:?} is not on screen"));
            let b = found.bounds();
            assert!(b.x + b.width <= 1024.0 && b.y + b.height <= 768.0, "{want:?} is off screen: {b:?}");
        }
    };
    fits(
        &app,
        &[
            "Είδη",
            "Ρυθμίσεις",
            "Νέο είδος",
            "F1",
            "Αλλαγή τιμής",
            "Εισαγωγή CSV…",
            "F7",
            "Αφαίρεση δοκιμαστικών",
            "F3",
            "Ιστορικό τιμών",
            "Πίσω",
        ],
    );
    key(&mut app, Named::Enter);
    assert!(pane(&app).form.is_some());
    fits(&app, &["Επεξεργασία", "Barcode (σαρώστε εδώ)", "Αποθήκευση", "Αφαίρεση τελευταίου barcode", "F5"]);
    key(&mut app, Named::Escape);
    let _dir = import_from(&mut app, &[("a.csv", "plu;name;price\n1;x;1\n")]);
    fits(&app, &["Εισαγωγή ειδών από αρχείο CSV", "a.csv", "Επάνω φάκελος", "⌫"]);
}

/// The first run of a fresh data folder offers "import my products" beside staying on the
/// demo catalogue: the same browser and dry run, then the products sell.
#[test]
fn the_first_run_imports_the_shops_products_after_its_dry_run() {
    use tameio::ui::screen::first_run::{self, Step};
    let fresh = tempfile::tempdir().unwrap();
    let places = tameio::config::Places { data_dir: fresh.path().to_path_buf(), portable: false };
    let (reg, _) = tameio::register::Register::open(&places).unwrap();
    let mut app = app_on(std::sync::Arc::new(reg));
    let step = |app: &App| match &app.screen {
        Screen::FirstRun(s) => (s.step, s.import.is_some()),
        other => panic!("not the first run: {other:?}"),
    };
    key(&mut app, Named::Enter);
    let send = |app: &mut App, m: first_run::Message| settle(app, Message::FirstRun(m));
    send(&mut app, first_run::Message::ShopName("Φούρνος".into()));
    send(&mut app, first_run::Message::RegisterId("1".into()));
    send(&mut app, first_run::Message::Next);
    assert_eq!(step(&app), (Step::Finish, false));
    let files = tempfile::tempdir().unwrap();
    let code = ean("520999000031");
    std::fs::write(
        files.path().join("mine.csv"),
        format!("plu;name;barcodes;price;vat\n1801;Κουλούρι;{code};0,80;13\n"),
    )
    .unwrap();
    key(&mut app, Named::F7);
    assert_eq!(step(&app), (Step::Finish, true));
    if let Screen::FirstRun(s) = &mut app.screen {
        s.import = Some(import::Import::new(
            import::Purpose::Import,
            tameio::ui::request::products::ImportFor::FirstRun,
            Some(files.path()),
        ));
    }
    key(&mut app, Named::Enter);
    let checked = match &app.screen {
        Screen::FirstRun(s) => {
            s.import.as_ref().and_then(|i| i.checked.as_ref()).map(|c| c.summary.added.clone())
        }
        _ => None,
    };
    assert_eq!(checked, Some(vec![1801]), "the dry run first");
    key(&mut app, Named::Enter);
    assert_eq!(step(&app), (Step::Finish, false), "imported: back on the last step");
    assert!(app.ctx.catalog.find(&code).is_some(), "the checkout's catalogue has it");
    assert_eq!(app.register().catalog_entry(1801).unwrap().names.en, "Κουλούρι");
}

/// A product sold by the litre: read from a file, sold by any quantity, exported as `l`.
#[test]
fn a_product_by_the_litre_sells_half_a_litre_and_goes_back_out_as_l() {
    let mut app = signed_in();
    on_products(&mut app);
    let code = ean("520999000051");
    let csv = format!("plu;name;barcodes;price;vat;unit\n1901;Κρασί χύμα;{code};6,00;24;λίτρο\n");
    let _dir = import_from(&mut app, &[("wine.csv", &csv)]);
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    assert_eq!(app.register().catalog_entry(1901).unwrap().unit, Unit::L);
    assert!(app.register().export_catalog().unwrap().contains(";l;"), "exported as l");
    key(&mut app, Named::Escape);
    type_text(&mut app, "0,5*");
    scan(&mut app, &code);
    let line = app.checkout.cart.lines.last().expect("half a litre rung up");
    assert_eq!((line.unit, line.quantity.milli(), app.checkout.totals.total.cents()), (Unit::L, 500, 300));
}
