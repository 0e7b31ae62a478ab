//! The payment rule on the card screen: the terminal approved but the register cannot book the
//! tender (a full disk). The cashier sees "approved, booking pending" in Greek, can take no
//! other payment, cannot leave, and the booking completes once the disk is back.
//! Run alone in a test process of its own (`support::alone`): the failing step is a
//! process-wide fault plan.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::{Lang, TenderKind};
use tameio::terminal::AttemptState;
use tameio::ui::app::{Message, Screen};
use tameio::ui::screen::card::{self, Phase};

fn card_phase(app: &tameio::ui::app::App) -> Phase {
    match &app.screen {
        Screen::Card(c) => c.phase.clone(),
        other => panic!("left the payment screen: {other:?}"),
    }
}

#[test]
fn an_approval_that_cannot_be_booked_is_never_refused_and_is_booked_when_the_disk_is_back() {
    let test = "an_approval_that_cannot_be_booked_is_never_refused_and_is_booked_when_the_disk_is_back";
    if !crate::support::alone(module_path!(), test) {
        return;
    }
    let mut app = app_with(settings(Lang::El));
    sign_in(&mut app, "Maria", "1111");
    scan(&mut app, FETA);
    tameio::fault::set_plan("fail:book-tender");
    key(&mut app, Named::F10);
    assert!(matches!(card_phase(&app), Phase::BookingPending(_)), "{:?}", card_phase(&app));
    let Screen::Card(c) = &app.screen else { unreachable!() };
    assert_eq!(c.attempt.as_ref().map(|a| a.state), Some(AttemptState::Approved));
    assert!(c.unsettled(), "closing the window asks first");
    let (status, _) = c.status_text(&app.ctx);
    assert!(status.contains("Εγκρίθηκε") && status.contains("καταχώριση"), "{status}");

    // No second card payment, no cash, no leaving (which would void the order).
    for k in [Named::F10, Named::F9, Named::Escape] {
        key(&mut app, k);
        assert!(matches!(card_phase(&app), Phase::BookingPending(_)), "after {k:?}");
    }
    // Still failing: the screen's own retry keeps it pending.
    for _ in 0..5 {
        settle(&mut app, Message::Card(card::Message::Tick));
    }
    assert!(matches!(card_phase(&app), Phase::BookingPending(_)));

    // The disk is back: Enter books it, once, and the receipt follows.
    tameio::fault::set_plan("");
    key(&mut app, Named::Enter);
    let Screen::Receipt(r) = &app.screen else { panic!("no receipt: {:?}", app.screen) };
    assert_eq!(r.receipt.tenders.len(), 1);
    assert_eq!(r.receipt.tenders[0].kind, TenderKind::Card);
    assert!(app.register().unbooked_approvals().unwrap().is_empty());
}
