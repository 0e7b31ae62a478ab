//! The certification run on screen, with the keyboard alone, in Greek: Settings · Terminals ·
//! Certify on the demo terminal, Enter runs each step, ↓ leaves one out, the report is saved
//! in the data folder at the end and Enter closes the run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::Lang;
use tameio::register::{CertStep, Verdict};
use tameio::ui::app::{App, Screen};
use tameio::ui::screen::manager::settings::{self, Section, terminals};

fn run_of(app: &App) -> Option<&settings::certify::Run> {
    match &app.screen {
        Screen::Manager(m) => m.settings.terminals.cert.as_ref(),
        other => panic!("not in the manager menu: {other:?}"),
    }
}

fn terminals_pane(app: &App) -> &terminals::Pane {
    match &app.screen {
        Screen::Manager(m) => &m.settings.terminals,
        other => panic!("not in the manager menu: {other:?}"),
    }
}

#[test]
fn a_manager_certifies_the_demo_terminal_with_the_keyboard_in_greek() {
    let _card = card_lock();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in_folder(dir.path(), Lang::El);
    manager_settings(&mut app, Section::Terminals);
    to_terminals(&mut app, terminals::Message::Certify("demo".into()));
    let run = run_of(&app).expect("the run is shown");
    assert_eq!(run.run.next_step(), Some(CertStep::Status));

    // Status, sale, void by Enter; the decline left out with ↓; the rest by Enter.
    for _ in 0..3 {
        key(&mut app, Named::Enter);
    }
    key(&mut app, Named::ArrowDown);
    for _ in 0..4 {
        key(&mut app, Named::Enter);
    }
    let run = run_of(&app).expect("still shown until closed");
    let verdicts: Vec<(CertStep, Verdict)> = run.run.steps.iter().map(|s| (s.step, s.verdict)).collect();
    assert_eq!(
        verdicts,
        vec![
            (CertStep::Status, Verdict::Passed),
            (CertStep::Sale, Verdict::Passed),
            (CertStep::VoidLast, Verdict::Passed),
            (CertStep::Decline, Verdict::Skipped),
            (CertStep::LostLink, Verdict::Passed),
            (CertStep::Recover, Verdict::Passed),
            (CertStep::Totals, Verdict::Passed),
            (CertStep::BatchClose, Verdict::Passed),
        ]
    );
    // The details are in Greek, and the report was saved on its own.
    assert!(run.run.steps[1].detail.contains("εγκρίθηκε"), "{}", run.run.steps[1].detail);
    let saved = run.saved.clone().expect("saved at the end");
    assert!(saved.starts_with(dir.path().join("reports")), "{}", saved.display());
    assert!(std::fs::read(&saved).unwrap().starts_with(b"%PDF"));

    key(&mut app, Named::Enter);
    assert!(run_of(&app).is_none(), "Enter closes the finished run");
    assert!(terminals_pane(&app).notice.is_none(), "the report's path was shown on the run");
    // Esc now leaves the manager menu as usual.
    key(&mut app, Named::Escape);
    assert!(!matches!(app.screen, Screen::Manager(_)));
}

#[test]
fn esc_mid_run_saves_the_steps_so_far_and_says_where() {
    let _card = card_lock();
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in_folder(dir.path(), Lang::En);
    manager_settings(&mut app, Section::Terminals);
    to_terminals(&mut app, terminals::Message::Certify("demo".into()));
    key(&mut app, Named::Enter);
    key(&mut app, Named::Escape);
    assert!(run_of(&app).is_none(), "Esc ends the run");
    assert!(matches!(app.screen, Screen::Manager(_)), "and stays in the manager menu");
    let notice = terminals_pane(&app).notice.as_ref().expect("where the report went").text.clone();
    assert!(notice.contains("Report saved"), "{notice}");
    let reports: Vec<_> = std::fs::read_dir(dir.path().join("reports")).unwrap().collect();
    assert_eq!(reports.len(), 1);
}
