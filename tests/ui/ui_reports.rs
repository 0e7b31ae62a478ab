//! Manager · Reports by keys alone: the tab opens on this month's report, F1 / F2 switch days
//! and months, F7 / F6 save the PDF and the CSV beside the Z reports, a bad date is said in
//! the manager's language, and the tab fits 1024×768 in Greek with its chart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::Lang;
use tameio::register::PeriodBy;
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::screen::manager::{self, Tab, reports};
use tameio::ui::widget::NoticeKind;

fn pane(app: &App) -> &reports::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.reports,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

/// A cash sale of feta (4,20), then the manager menu on the Reports tab, by keys.
fn on_reports(app: &mut App) {
    sign_in(app, "Maria", "1111");
    scan(app, FETA);
    key(app, Named::F9);
    type_text(app, "5");
    key(app, Named::Enter);
    key(app, Named::Enter);
    open_manager(app);
    for _ in 0..3 {
        key(app, Named::PageDown);
    }
    let Screen::Manager(m) = &app.screen else { panic!("not in the manager menu") };
    assert_eq!(m.tab, Tab::Reports);
}

#[test]
fn the_reports_tab_by_keys_shows_switches_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in_folder(dir.path(), Lang::En);
    on_reports(&mut app);
    let report = pane(&app).report.as_ref().expect("this month's report on opening");
    assert_eq!((report.totals.sales, report.totals.total.cents()), (1, 420));
    assert_eq!(report.by, PeriodBy::Day);

    key(&mut app, Named::F2);
    assert_eq!(pane(&app).report.as_ref().map(|r| r.by), Some(PeriodBy::Month));
    key(&mut app, Named::F1);
    assert_eq!(pane(&app).report.as_ref().map(|r| r.by), Some(PeriodBy::Day));

    key(&mut app, Named::F7);
    let n = pane(&app).notice.clone().unwrap();
    assert_eq!(n.kind, NoticeKind::Done, "{}", n.text);
    let pdf = n.text.trim_start_matches("Saved: ").to_string();
    assert!(pdf.ends_with(".pdf") && pdf.contains("reports"), "{pdf}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    key(&mut app, Named::F6);
    let n = pane(&app).notice.clone().unwrap();
    let csv = std::fs::read_to_string(n.text.trim_start_matches("Saved: ")).unwrap();
    assert!(csv.starts_with("period,vat_rate,"), "{csv}");
    assert!(csv.contains(",13,3.72,0.48,4.20,"), "{csv}");

    // A date that is none: said, and the report on show stays.
    let send =
        |app: &mut App, m: reports::Message| settle(app, Message::Manager(manager::Message::Reports(m)));
    send(&mut app, reports::Message::From("31/02/2026".into()));
    key(&mut app, Named::Enter);
    let n = pane(&app).notice.clone().unwrap();
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(n.text.contains("01/12/2026"), "{}", n.text);
    assert!(pane(&app).report.is_some());
    // A period without receipts: said so, zeros shown.
    send(&mut app, reports::Message::From("01/01/2020".into()));
    send(&mut app, reports::Message::To("31/01/2020".into()));
    key(&mut app, Named::Enter);
    assert_eq!(pane(&app).notice.as_ref().map(|n| n.kind), Some(NoticeKind::Warning));
    assert_eq!(pane(&app).report.as_ref().map(|r| r.rows.len()), Some(31));
}

#[test]
fn the_reports_tab_fits_1024_by_768_in_greek_with_its_chart() {
    let mut app = app_with(settings(Lang::El));
    on_reports(&mut app);
    let mut ui = iced_test::Simulator::with_size(tameio::ui::settings(), (1024.0, 768.0), app.view());
    for want in ["Αναφορές", "Εμφάνιση", "Ανά μήνα", "F2", "Πωλήσεις ανά ημέρα, μείον επιστροφές", "Ημέρα"]
    {
        let found = ui.find(want).unwrap_or_else(|_| panic!("{want:?} is not on screen"));
        let b = found.bounds();
        assert!(b.x + b.width <= 1024.0 && b.y + b.height <= 768.0, "{want:?} is off screen: {b:?}");
    }
    let csv = ui.find("Αποθήκευση CSV").map(|f| f.bounds()).unwrap();
    assert!(csv.y + csv.height <= 768.0, "the save buttons are on screen: {csv:?}");
}
