//! Every screen at 1024×768 in Greek (issue 23 items 2 and 21): nothing cut or off-screen, and
//! one key, one meaning. Each screen is opened in a state worth seeing (a full cart, a payment
//! whose outcome is unknown, a receipt open for a refund…), rendered headless at the smallest
//! till's size, and then:
//! - every text and field lies inside the window, and no label or key name is squeezed by a
//!   row too narrow for it (laid out again on a roomy screen, it would be shorter);
//! - the keys live in that state are exactly the keys that do something: each is in the
//!   screen's row of the key table (`keys::Place`) and its name is on a visible button or hint,
//!   and every other key leaves the screen as it was (no job, no terminal work, no change).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::{self, Key, Location, Modifiers, key::Named, key::Physical};
use iced::{Length, Rectangle, Size};
use iced_test::Simulator;
use iced_test::selector::Candidate;
use tameio::domain::Lang;
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::keys::{self, Action, Place};
use tameio::ui::screen::manager::{self, Tab, settings::Section};

const WINDOW: Size = Size { width: 1024.0, height: 768.0 };
/// Rounding in the layout: half a pixel over is not cut.
const SLACK: f32 = 0.5;
/// A screen where every screen has room: the layout a label takes when nothing squeezes it.
const ROOMY: Size = Size { width: 2560.0, height: 1600.0 };
/// Button labels, key names and amounts: texts this short should never wrap.
const LABEL: usize = 28;

/// What the screen shows: its texts (and fields) with their bounds.
struct Seen {
    texts: Vec<(String, Rectangle, Option<Rectangle>)>,
    /// Labels and key names squeezed by a row too narrow for them.
    squeezed: Vec<String>,
}

fn look(app: &App) -> Seen {
    look_at(|| app.view())
}

/// The texts (and fields) a view shows at `size`, with their bounds, in the widget tree's order.
fn texts_at<M>(size: Size, element: iced::Element<'_, M>) -> Vec<(String, Rectangle, Option<Rectangle>)> {
    let mut texts = Vec::new();
    let mut ui = Simulator::with_size(tameio::ui::settings(), size, element);
    let _ = ui.find(|c: Candidate<'_>| -> Option<()> {
        match c {
            Candidate::Text { bounds, visible_bounds, content, .. } => {
                texts.push((content.to_string(), bounds, visible_bounds));
            }
            Candidate::TextInput { bounds, visible_bounds, state, .. } => {
                texts.push((state.text().to_string(), bounds, visible_bounds));
            }
            _ => {}
        }
        None
    });
    texts
}

/// iced squeezes what does not fit rather than pushing it out: a label squeezed in a row too
/// narrow wraps (taller than on a large screen) or vanishes (no width). So the view is laid out
/// twice, at 1024×768 and at a size where everything fits, and the short texts compared.
fn look_at<'a, M: 'a>(view: impl Fn() -> iced::Element<'a, M>) -> Seen {
    let texts = texts_at(WINDOW, view());
    let roomy = texts_at(ROOMY, view());
    let mut squeezed = Vec::new();
    if roomy.len() == texts.len() {
        for ((text, small, _), (_, large, _)) in texts.iter().zip(&roomy) {
            let label = !text.trim().is_empty() && text.chars().count() <= LABEL;
            // A label of several words may take two lines; one word (or a key) broken is cut.
            let vanished = small.width < 1.0 || small.height < 1.0;
            let broken = !text.trim().contains(' ') && small.height > large.height + 2.0;
            if label && (vanished || broken) {
                squeezed.push(format!("{text:?} squeezed to {small:?} (room for {large:?})"));
            }
        }
    }
    Seen { texts, squeezed }
}

fn inside(outer: Rectangle, inner: Rectangle) -> bool {
    inner.x >= outer.x - SLACK
        && inner.y >= outer.y - SLACK
        && inner.x + inner.width <= outer.x + outer.width + SLACK
        && inner.y + inner.height <= outer.y + outer.height + SLACK
}

impl Seen {
    /// Texts off the window, and labels squeezed.
    fn cut(&self) -> Vec<String> {
        let window = Rectangle::new(iced::Point::ORIGIN, WINDOW);
        let mut out = self.squeezed.clone();
        for (text, _, visible) in &self.texts {
            // Scrolled out of its list: not cut, there is a scrollbar.
            let Some(visible) = visible else { continue };
            if !text.trim().is_empty() && !inside(window, *visible) {
                out.push(format!("{text:?} off the window at {visible:?}"));
            }
        }
        out
    }

    /// The key's name on a visible button or hint, whole and inside the window.
    fn shows(&self, label: &str) -> bool {
        let window = Rectangle::new(iced::Point::ORIGIN, WINDOW);
        self.texts
            .iter()
            .any(|(text, _, visible)| visible.is_some_and(|v| inside(window, v)) && names(text, label))
    }

    fn words(&self) -> Vec<String> {
        self.texts.iter().map(|(t, _, _)| t.clone()).collect()
    }
}

/// `label` in `text` as a key name, not part of a longer one ("F1" is not in "F10").
fn names(text: &str, label: &str) -> bool {
    text.match_indices(label).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + label.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The key press that gives `action`, as the keyboard subscription sends it.
fn press_for(action: Action) -> Message {
    let named = match action {
        Action::Enter => Named::Enter,
        Action::Escape => Named::Escape,
        Action::Up => Named::ArrowUp,
        Action::Down => Named::ArrowDown,
        Action::PrevTab => Named::PageUp,
        Action::NextTab => Named::PageDown,
        Action::Exact => Named::F1,
        Action::Search => Named::F2,
        Action::Park => Named::F3,
        Action::Discount => Named::F4,
        Action::Void => Named::F5,
        Action::Print => Named::F6,
        Action::Pdf => Named::F7,
        Action::Defer | Action::DeferredList => Named::F8,
        Action::Cash => Named::F9,
        Action::Card => Named::F10,
        Action::Split => Named::F11,
        Action::Manager => Named::F12,
        other => panic!("not a named key: {other:?}"),
    };
    let modifiers = if action == Action::DeferredList { Modifiers::SHIFT } else { Modifiers::default() };
    Message::Key(keyboard::Event::KeyPressed {
        key: Key::Named(named),
        modified_key: Key::Named(named),
        physical_key: Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    })
}

/// The screen checked: fits the window; `live` keys shown and in `place`'s row; the rest inert.
fn check(name: &str, app: &mut App, place: Place, live: &[Action]) {
    let mut problems = Vec::new();
    let seen = look(app);
    problems.extend(seen.cut());
    for action in live {
        if place.meaning(*action).is_none() {
            problems.push(format!("{} does something here but is not in {place:?}'s keys", action.label()));
        }
        if !seen.shows(action.label()) {
            problems.push(format!("{} ({:?}) is not shown", action.label(), place.meaning(*action)));
        }
    }
    let mut before = seen.words();
    let screen = format!("{:?}", std::mem::discriminant(&app.screen));
    for action in keys::ALL.into_iter().filter(|a| !live.contains(a)) {
        let step = app.handle(press_for(action));
        let after = look(app).words();
        let moved = format!("{:?}", std::mem::discriminant(&app.screen)) != screen;
        let quiet = step.jobs.is_empty() && step.works.is_empty() && step.task.units() == 0 && !moved;
        let changed: Vec<_> = after.iter().filter(|t| !before.contains(t)).take(3).collect();
        // A key of this screen that cannot act now may say why (a warning or an error), and
        // nothing else: Esc while the terminal's answer is unknown.
        let says_why = quiet
            && place.meaning(action).is_some()
            && changed.iter().any(|t| *t == "!" || *t == "✗")
            && changed.len() == 2;
        if says_why {
            before = after;
        } else if !quiet || after != before {
            problems.push(format!(
                "{} acts but is not live here ({} jobs, {} works, moved {moved}; new text {changed:?})",
                action.label(),
                step.jobs.len(),
                step.works.len()
            ));
            break;
        }
    }
    assert!(problems.is_empty(), "{name} at 1024×768 in Greek:\n  {}", problems.join("\n  "));
}

/// The check itself can fail: labels squeezed by a row too narrow, and a column taller than
/// the window, are both reported.
#[test]
fn the_fit_check_sees_what_is_off_screen_or_cut() {
    use iced::widget::{button, column, row, text};
    // Buttons' labels break by glyph as the app's do (`widget::action`).
    let label = || text("Πληρωμή").wrapping(text::Wrapping::WordOrGlyph);
    let wide = || row((0..20).map(|_| button(label()).width(Length::Fill).into())).into();
    let cut = look_at::<()>(wide).cut();
    assert!(cut.iter().any(|c| c.contains("squeezed")), "{cut:?}");
    let tall = || column((0..30).map(|i| text(format!("F{i}")).size(40).into())).into();
    let cut = look_at::<()>(tall).cut();
    assert!(cut.iter().any(|c| c.contains("\"F29\"")), "{cut:?}");
    assert!(look_at::<()>(|| row![button(text("F9"))].into()).cut().is_empty());
}

use Action::*;

/// Maria at the till in Greek, with `lines` items rung up.
fn till(lines: usize) -> App {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    let codes = [FETA, YOGHURT, OLIVE_OIL_PLU, "5200000001037", "105", "602", "701"];
    for code in codes.iter().cycle().take(lines) {
        scan(&mut app, code);
    }
    app
}

#[test]
fn signin_screen() {
    let mut app = app_with(settings(Lang::El));
    check("sign-in", &mut app, Place::SignIn, &[Enter, Up, Down]);
    type_text(&mut app, "12");
    check("sign-in, a PIN typed", &mut app, Place::SignIn, &[Enter, Escape, Up, Down]);
}

#[test]
fn first_run_steps() {
    use tameio::ui::screen::first_run::{self, Step};
    let dir = tempfile::tempdir().unwrap();
    let places = tameio::config::Places { data_dir: dir.path().to_path_buf(), portable: false };
    let (reg, _) = tameio::register::Register::open(&places).unwrap();
    let mut app = app_on(std::sync::Arc::new(reg));
    settle(&mut app, Message::FirstRun(first_run::Message::Language(Lang::El)));
    let step = |app: &App| match &app.screen {
        Screen::FirstRun(s) => s.step,
        other => panic!("not the first run: {other:?}"),
    };
    check("first run: language", &mut app, Place::FirstRun, &[Enter, Escape]);
    key(&mut app, Named::Enter);
    assert_eq!(step(&app), Step::Shop);
    check("first run: shop", &mut app, Place::FirstRun, &[Enter, Escape]);
    for m in [
        first_run::Message::ShopName("Μπακάλικο Νίκου".into()),
        first_run::Message::VatNumber("094019245".into()),
        first_run::Message::RegisterId("2".into()),
        first_run::Message::Next,
    ] {
        settle(&mut app, Message::FirstRun(m));
    }
    assert_eq!(step(&app), Step::Finish);
    check("first run: finish", &mut app, Place::FirstRun, &[Enter, Escape, Print, Pdf]);
    key(&mut app, Named::F6);
    assert_eq!(step(&app), Step::Pins);
    check("first run: new PINs", &mut app, Place::FirstRun, &[Enter, Escape]);
}

const CHECKOUT: [Action; 16] = [
    Enter,
    Escape,
    Up,
    Down,
    PrevTab,
    NextTab,
    Search,
    Park,
    Discount,
    Void,
    Defer,
    DeferredList,
    Cash,
    Card,
    Split,
    Manager,
];

#[test]
fn checkout_with_a_full_cart() {
    let mut app = till(14);
    check("checkout, 14 lines", &mut app, Place::Checkout, &CHECKOUT);
}

#[test]
fn parked_sales() {
    let mut app = till(2);
    key(&mut app, Named::F3);
    key(&mut app, Named::F3);
    check("parked sales", &mut app, Place::Parked, &[Enter, Escape, Up, Down, Park]);
}

#[test]
fn cash() {
    let mut app = till(3);
    key(&mut app, Named::F9);
    type_text(&mut app, "50");
    check("cash", &mut app, Place::Cash, &[Enter, Escape, Exact, Search, Park, Cash]);
}

#[test]
fn split() {
    let mut app = till(3);
    key(&mut app, Named::F11);
    type_text(&mut app, "5");
    check("split", &mut app, Place::Split, &[Enter, Escape, Cash, Card]);
}

#[test]
fn split_the_cash_part_given() {
    let mut app = till(3);
    key(&mut app, Named::F11);
    type_text(&mut app, "10");
    key(&mut app, Named::F9);
    check("split: what was given for the cash part", &mut app, Place::Split, &[Enter, Escape, Cash]);
}

#[test]
fn card_in_progress() {
    let _card = card_lock();
    let mut app = till(3);
    // F10 without running the terminal's work: the screen as the payment starts.
    let _ = app.handle(press_for(Card));
    assert!(matches!(app.screen, Screen::Card(_)));
    check("card in progress", &mut app, Place::Card, &[Escape]);
}

/// Nikos (manager) at the till; a 9,70 € sale whose outcome the demo terminal loses.
fn unknown_card() -> App {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Nikos", "9999");
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    app
}

#[test]
fn card_unknown_and_the_managers_decision() {
    let _card = card_lock();
    let mut app = unknown_card();
    check("card: outcome unknown", &mut app, Place::Card, &[Enter, Search, Manager]);
    key(&mut app, Named::F12);
    check("card: resolve by hand", &mut app, Place::CardResolve, &[Escape, Search, Void, Card]);
}

#[test]
fn receipt() {
    let mut app = till(3);
    key(&mut app, Named::F9);
    key(&mut app, Named::Enter);
    assert!(matches!(app.screen, Screen::Receipt(_)));
    check("receipt", &mut app, Place::Receipt, &[Enter, Escape, Print, Pdf]);
}

#[test]
fn deferred_from_the_till() {
    let mut app = till(0);
    settle(&mut app, press_for(DeferredList));
    assert!(matches!(app.screen, Screen::Deferred(_)), "{:?}", app.screen);
    check("deferred receipts", &mut app, Place::Deferred, &[Escape, Search, Discount, Void]);
}

#[test]
fn diagnostics() {
    let _card = card_lock();
    let mut app = unknown_card();
    settle(&mut app, Message::Diagnostics(true));
    check("diagnostics", &mut app, Place::Diagnostics, &[Escape, Pdf]);
}

/// Nikos in the manager's menu after two cash sales, on `tab`.
fn manager_on(tab: Tab) -> App {
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Nikos", "9999");
    for _ in 0..2 {
        scan(&mut app, FETA);
        scan(&mut app, YOGHURT);
        key(&mut app, Named::F9);
        key(&mut app, Named::Enter);
        key(&mut app, Named::Enter);
    }
    key(&mut app, Named::F12);
    settle(&mut app, Message::Manager(manager::Message::Tab(tab)));
    app
}

const MANAGER: [Action; 3] = [Escape, PrevTab, NextTab];

fn with(extra: &[Action]) -> Vec<Action> {
    MANAGER.iter().chain(extra).copied().collect()
}

#[test]
fn manager_receipts_refund_and_pick() {
    use tameio::ui::screen::manager::receipts;
    let mut app = manager_on(Tab::Receipts);
    check("receipts", &mut app, Place::Receipts, &with(&[Enter, Up, Down]));
    let number = match &app.screen {
        Screen::Manager(m) => m.receipts.results[0].number,
        _ => unreachable!(),
    };
    settle(&mut app, Message::Manager(manager::Message::Receipts(receipts::Message::Open(number))));
    check(
        "receipts: one open",
        &mut app,
        Place::Receipts,
        &with(&[Enter, Up, Down, Discount, Print, Pdf, Cash]),
    );
    key(&mut app, Named::F4);
    check("refund: pick the items", &mut app, Place::Receipts, &with(&[Enter, Up, Down, Cash]));
    key(&mut app, Named::F9);
    check("refund: asked", &mut app, Place::Receipts, &with(&[Enter]));
}

#[test]
fn manager_batch() {
    let mut app = manager_on(Tab::Batch);
    check("batch", &mut app, Place::Batch, &with(&[Enter]));
    key(&mut app, Named::Enter);
    check("batch: asked", &mut app, Place::Batch, &with(&[Enter]));
    key(&mut app, Named::Enter);
    check("batch: closed, Z", &mut app, Place::Batch, &with(&[Enter, Print]));
}

#[test]
fn manager_deferred_and_reports() {
    let mut app = manager_on(Tab::Deferred);
    check("manager: deferred", &mut app, Place::Deferred, &with(&[Search, Discount, Void]));
    let mut app = manager_on(Tab::Reports);
    check("reports", &mut app, Place::Reports, &with(&[Enter, Exact, Search, Print, Pdf]));
}

#[test]
fn manager_settings_pages() {
    use tameio::ui::screen::manager::settings;
    let mut app = manager_on(Tab::Settings);
    let sections = [Exact, Search, Park, Discount, Void];
    for section in Section::ALL {
        settle(&mut app, Message::Manager(manager::Message::Settings(settings::Message::Section(section))));
        let mut live = with(&sections);
        match section {
            Section::Shop | Section::Printer => live.push(Enter),
            Section::Terminals => live.extend([Print, Pdf]),
            Section::Vat | Section::Users => {}
        }
        check(&format!("settings: {section:?}"), &mut app, Place::Settings, &live);
    }
}

#[test]
fn the_signature_to_check() {
    use super::ui_nexo::{SIMS, runner, sim_config, till_in};
    use tameio::terminal::nexo::sim::{SimConfig, spawn_in_process};
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let mut app = till_in(&sim, 950, Lang::El);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press_for(Card), &mut run);
    while matches!(&app.screen, Screen::Card(c) if c.in_flight() && c.signature.is_none()) {
        let next = rx.recv_timeout(std::time::Duration::from_secs(120)).expect("the payment goes on");
        app.settle_with(next, &mut run);
    }
    check("card: the signature to check", &mut app, Place::Card, &[Enter, Void]);
}

#[test]
fn a_certification_run() {
    use tameio::ui::screen::manager::settings;
    let mut app = manager_on(Tab::Settings);
    settle(
        &mut app,
        Message::Manager(manager::Message::Settings(settings::Message::Section(Section::Terminals))),
    );
    key(&mut app, Named::F7);
    check("settings: certification run", &mut app, Place::Certify, &[Enter, Escape, Down]);
}

#[test]
fn manager_products_and_form() {
    let mut app = manager_on(Tab::Products);
    let list = [Enter, Up, Down, Search, Exact, Discount, Void, Park, Print, Pdf];
    check("products", &mut app, Place::Products, &with(&list));
    key(&mut app, Named::F1);
    check("products: new", &mut app, Place::ProductForm, &with(&[Enter, Search, Park, Void]));
}
