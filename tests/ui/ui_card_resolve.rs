//! An unknown card outcome on the payment screen (issue 23 items 10–12): the manager's keys,
//! the auth code from the slip, what "ask again" says, the evidence in the user's words.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ui::*;
use iced::keyboard::key::Named;
use tameio::domain::{Lang, TenderKind};
use tameio::ui::app::{Message, Screen};
use tameio::ui::screen::card::{self, Phase};
use tameio::ui::widget::NoticeKind;

fn card_screen(app: &tameio::ui::app::App) -> &card::CardPay {
    match &app.screen {
        Screen::Card(c) => c,
        other => panic!("not on the payment screen: {other:?}"),
    }
}

/// A manager signed in, a 9,70 € sale whose outcome the demo terminal loses.
fn unknown_payment(lang: Lang) -> tameio::ui::app::App {
    let mut app = app_with(settings(lang));
    sign_in(&mut app, "Nikos", "9999");
    cart_totalling(&mut app, 970);
    key(&mut app, Named::F10);
    assert_eq!(card_screen(&app).phase, Phase::Unknown);
    app
}

#[test]
fn approved_by_hand_takes_f10_twice_and_the_auth_code_from_the_slip() {
    let _card = card_lock();
    let mut app = unknown_payment(Lang::En);
    key(&mut app, Named::F12);
    type_text(&mut app, "123456");
    assert_eq!(card_screen(&app).resolve.as_ref().unwrap().auth_code, "123456");
    key(&mut app, Named::F10);
    assert_eq!(card_screen(&app).phase, Phase::Unknown, "the first F10 only asks");
    assert_eq!(card_screen(&app).resolve.as_ref().unwrap().asked, Some(true));
    key(&mut app, Named::F10);
    let Screen::Receipt(r) = &app.screen else { panic!("no receipt: {:?}", app.screen) };
    let card = r.receipt.tenders[0].card.as_ref().unwrap();
    assert_eq!(r.receipt.tenders[0].kind, TenderKind::Card);
    assert_eq!(card.auth_code, "123456", "the slip's code, not a made-up one");
    assert!(card.manual, "decided by hand");
    assert_eq!(card.resolved_by, "Nikos");
}

#[test]
fn approved_by_hand_without_a_code_stores_none_and_not_manual_as_a_code() {
    let _card = card_lock();
    let mut app = unknown_payment(Lang::En);
    key(&mut app, Named::F12);
    settle(&mut app, Message::Card(card::Message::Force(true)));
    let Screen::Receipt(r) = &app.screen else { panic!("no receipt: {:?}", app.screen) };
    let card = r.receipt.tenders[0].card.as_ref().unwrap();
    assert_eq!(card.auth_code, "");
    assert!(card.manual);
}

#[test]
fn not_charged_by_hand_takes_f5_twice_and_is_no_decline() {
    let _card = card_lock();
    let mut app = unknown_payment(Lang::El);
    key(&mut app, Named::F12);
    key(&mut app, Named::F5);
    assert_eq!(card_screen(&app).phase, Phase::Unknown, "the first F5 only asks");
    key(&mut app, Named::F10);
    assert_eq!(card_screen(&app).resolve.as_ref().unwrap().asked, Some(true), "another key asks anew");
    key(&mut app, Named::F5);
    key(&mut app, Named::F5);
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::NotCharged("Nikos".into()));
    let (status, _) = c.status_text(&app.ctx);
    assert!(status.contains("Δεν χρεώθηκε"), "{status}");
    assert!(!status.contains("Απορρίφθηκε"), "{status}");
    assert!(c.may_try_again());
}

#[test]
fn ask_again_says_when_it_asked_and_adds_no_evidence_twice() {
    let _card = card_lock();
    let mut app = unknown_payment(Lang::En);
    let note = card_screen(&app).attempt.as_ref().unwrap().note.clone();
    key(&mut app, Named::F2);
    key(&mut app, Named::Enter);
    key(&mut app, Named::Enter);
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Unknown);
    let n = c.notice.as_ref().expect("asking again answers");
    assert_eq!(n.kind, NoticeKind::Warning);
    assert!(n.text.contains("Asked again at") && n.text.contains("still unknown"), "{}", n.text);
    assert_eq!(c.attempt.as_ref().unwrap().note, note, "the same finding is not appended again");
}

#[test]
fn esc_and_ctrl_l_say_why_they_do_nothing() {
    let _card = card_lock();
    let mut app = unknown_payment(Lang::En);
    key(&mut app, Named::Escape);
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Unknown);
    assert!(c.notice.as_ref().unwrap().text.contains("not known yet"), "{:?}", c.notice);
    settle(&mut app, Message::Lock);
    let c = card_screen(&app);
    assert!(c.notice.as_ref().unwrap().text.contains("cannot lock"), "{:?}", c.notice);
}

#[test]
fn the_evidence_is_a_sentence_in_greek_and_the_protocol_text_stays_behind_f2() {
    let _card = card_lock();
    let app = unknown_payment(Lang::El);
    let c = card_screen(&app);
    let attempt = c.attempt.as_ref().unwrap();
    let said = card::evidence_sentence(attempt, &app.ctx);
    assert!(said.contains("9,70"), "{said}");
    assert!(said.contains("τερματικ"), "{said}");
    for raw in ["G returned", "STAN", "returned", "attempt"] {
        assert!(!said.contains(raw), "protocol words in the sentence: {said}");
    }
    assert!(!c.details, "the raw note only on F2");
}
