//! nexo in the GUI, the cardholder's signature and a declined card's slip, update-driven
//! against the nexo simulator: a refused signature reversed, a confirmed one going on to the
//! receipt, the terminal's own question answered on screen, and what a closed register or a
//! lost answer leaves for the cashier. The till set-up is `ui_nexo`'s.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::ui_nexo::{
    CASHIER_PIN, POIID, SIMS, card_screen, full_till, runner, sim_config, till_in, till_with,
};
use crate::support::ui::*;
use iced::keyboard::key::Named;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;
use tameio::domain::{Lang, Money};
use tameio::i18n::I18n;
use tameio::register::Register;
use tameio::terminal::nexo::sim::{NexoSim, SimConfig, spawn_in_process};
use tameio::ui::app::{App, Message, Screen};
use tameio::ui::request::Work;
use tameio::ui::screen::card::Phase;
use tameio::ui::screen::manager::settings::nexo_form;
use tameio::ui::widget::NoticeKind;

/// Runs the payment until the screen waits for the cashier (or the payment left the screen).
fn until_settled(
    app: &mut App,
    rx: &mpsc::Receiver<Message>,
    run: &mut impl FnMut(&Arc<Register>, &Arc<I18n>, Work) -> Vec<Message>,
) {
    while matches!(&app.screen, Screen::Card(c) if c.in_flight() && c.signature.is_none()) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).expect("the payment goes on"), run);
    }
}

fn count_at(sim: &NexoSim, category: &str) -> usize {
    sim.received().iter().filter(|r| r.category == category).count()
}

#[test]
fn light_a_refused_signature_reverses_the_payment_and_gives_the_sale_back_in_greek() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let mut app = till_in(&sim, 950, Lang::El);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);

    // Approved, and the slip asks for a signature: the cashier compares before anything else.
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Signature, "{:?}", c.phase);
    assert_eq!(c.status_text(&app.ctx).0, "✎ Ελέγξτε την υπογραφή του πελάτη");
    let copy = &c.signature.as_ref().expect("the copy to compare").copy;
    assert!(copy.iter().any(|l| l.starts_with("Signature:")), "the merchant copy: {copy:?}");
    {
        let mut ui = iced_test::Simulator::with_settings(tameio::ui::settings(), app.view());
        assert!(ui.find("Η υπογραφή ταιριάζει").is_ok() && ui.find("Δεν ταιριάζει").is_ok());
        assert!(ui.find("F5").is_ok(), "the refusal names its key");
    }
    // Esc does not get the cashier out of the question.
    app.settle_with(press(iced::keyboard::Key::Named(Named::Escape), None), &mut run);
    assert_eq!(card_screen(&app).phase, Phase::Signature);

    // F5: it does not match. The payment is reversed by a void of its own.
    app.settle_with(press(iced::keyboard::Key::Named(Named::F5), None), &mut run);
    let c = card_screen(&app);
    let Phase::Reversed(Some(void)) = c.phase else { panic!("{:?} {:?}", c.phase, c.notice) };
    assert!(c.status_text(&app.ctx).0.contains("Η πληρωμή ακυρώθηκε"), "{}", c.status_text(&app.ctx).0);
    assert_eq!((count_at(&sim.sim, "Payment"), count_at(&sim.sim, "Reversal")), (1, 1));
    assert_eq!(sim.sim.approved_payments(), 0, "nothing charged");
    let voided = app.register().receipt(void).unwrap();
    assert_eq!(voided.total.cents(), -950, "the void receipt gives the whole sale back");
    assert!(app.register().open_attempts().unwrap().is_empty());

    // Esc: back to the sale as it was, to be paid another way.
    app.settle_with(press(iced::keyboard::Key::Named(Named::Escape), None), &mut run);
    assert!(matches!(app.screen, Screen::Checkout), "{:?}", app.screen);
    assert_eq!(app.checkout.cart.totals().total.cents(), 950, "the sale is not lost");
    sim.stop();
}

#[test]
fn light_a_confirmed_signature_goes_on_to_the_receipt() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let mut app = till_in(&sim, 950, Lang::El);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);
    assert_eq!(card_screen(&app).phase, Phase::Signature);
    // Closing the window now asks first, and says what is at stake.
    assert!(app.paying(), "the signature is still to be checked");
    app.settle_with(Message::CloseRequested, &mut run);
    {
        let mut ui = iced_test::Simulator::with_settings(tameio::ui::settings(), app.view());
        assert!(ui.find("Η υπογραφή του πελάτη δεν έχει ελεγχθεί ακόμη. Αν κλείσετε τώρα, η πληρωμή μένει εγκεκριμένη· ο υπεύθυνος μπορεί να την ακυρώσει από τις Αποδείξεις.").is_ok());
    }
    app.settle_with(Message::CloseConfirmed(false), &mut run);
    app.settle_with(press(iced::keyboard::Key::Named(Named::Enter), None), &mut run);
    assert!(matches!(&app.screen, Screen::Receipt(r) if r.receipt.total.cents() == 950), "{:?}", app.screen);
    assert_eq!(count_at(&sim.sim, "Reversal"), 0);
    assert_eq!(sim.sim.approved_payments(), 1);
    sim.stop();
}

#[test]
fn full_the_terminals_signature_question_is_answered_on_screen() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let mut app = full_till(&sim, 950, Lang::El);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);

    // The terminal waits on its question: the copy it printed is on screen, the payment open.
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Paying);
    assert_eq!(c.status_text(&app.ctx).0, "✎ Ελέγξτε την υπογραφή του πελάτη");
    let copy = &c.signature.as_ref().unwrap().copy;
    assert!(copy.iter().any(|l| l.contains("Signature")), "{copy:?}");
    app.settle_with(press(iced::keyboard::Key::Named(Named::Enter), None), &mut run);
    while matches!(&app.screen, Screen::Card(c) if c.in_flight()) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
    }
    assert!(matches!(&app.screen, Screen::Receipt(r) if r.receipt.total.cents() == 950), "{:?}", app.screen);
    assert_eq!(sim.sim.approved_payments(), 1);
    sim.stop();
}

#[test]
fn a_declined_cards_slip_is_shown_and_offered_for_printing() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(sim_config())).unwrap();
    let mut app = till_in(&sim, 961, Lang::El); // .61: declined, code 05
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);
    let c = card_screen(&app);
    assert!(matches!(c.phase, Phase::Declined(_)), "{:?}", c.phase);
    assert!(c.slip.iter().any(|l| l == "ARC: 05"), "{:?}", c.slip);
    {
        let mut ui = iced_test::Simulator::with_settings(tameio::ui::settings(), app.view());
        assert!(ui.find("Εκτύπωση αποδεικτικού πελάτη").is_ok() && ui.find("F6").is_ok());
    }
    // No printer is set up: said in Greek, nothing else changes.
    app.settle_with(press(iced::keyboard::Key::Named(Named::F6), None), &mut run);
    let c = card_screen(&app);
    assert!(matches!(c.phase, Phase::Declined(_)));
    let n = c.notice.as_ref().expect("the printer's answer");
    assert_eq!(n.kind, NoticeKind::Error, "{}", n.text);
    assert!(n.text.starts_with("Δεν έχει οριστεί εκτυπωτής"), "in Greek: {}", n.text);
    assert!(c.may_try_again(), "nothing charged");
    sim.stop();
}

#[test]
fn light_a_terminal_set_to_accept_signatures_asks_nothing() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let fields =
        nexo_form::Fields { poiid: POIID.into(), confirm_signature: true, ..nexo_form::Fields::default() };
    let mut app = till_with(&sim, 950, Lang::El, fields);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);
    assert!(matches!(&app.screen, Screen::Receipt(r) if r.receipt.total.cents() == 950), "{:?}", app.screen);
    assert_eq!(count_at(&sim.sim, "Reversal"), 0);
    sim.stop();
}

#[test]
fn a_signature_left_unchecked_by_a_closed_register_is_told_at_the_next_sign_in() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    // The first run: paid, and closed while the signature question was on screen.
    let app = till_in(&sim, 950, Lang::El);
    let reg = app.register().clone();
    let maria = reg.cli_operator(Some("Maria"), Some(CASHIER_PIN)).unwrap();
    let order = reg.open_order(&maria, &app.checkout.cart).unwrap();
    let paid = SIMS
        .block_on(reg.pay_card(
            &maria,
            order,
            Money::from_cents(950),
            "pax",
            &tameio::terminal::ProgressSink::none(),
        ))
        .unwrap();
    assert!(paid.check_signature);
    let number = paid.receipt.expect("paid").number;
    drop(app);

    // The next start tells whoever signs in first.
    let mut app = app_on(reg);
    sign_in(&mut app, "Maria", CASHIER_PIN);
    let n = app.checkout.notice.as_ref().expect("told at sign-in");
    assert_eq!(n.kind, NoticeKind::Warning);
    assert!(
        n.text
            .starts_with(&format!("Η υπογραφή του πελάτη δεν επιβεβαιώθηκε για την απόδειξη {number} (9,50")),
        "{}",
        n.text
    );
    sim.stop();
}

#[test]
fn a_refusal_the_terminal_never_received_leaves_the_question_open_with_the_reason() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let mut app = till_in(&sim, 950, Lang::El);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);
    assert_eq!(card_screen(&app).phase, Phase::Signature);
    // The terminal is gone (cable pulled) when the cashier refuses.
    sim.stop();
    app.settle_with(press(iced::keyboard::Key::Named(Named::F5), None), &mut run);
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::Signature, "nothing was given back: the payment stands, asked again");
    let n = c.notice.as_ref().expect("why");
    assert_eq!(n.kind, NoticeKind::Error);
    assert_eq!(
        n.text,
        "Η πληρωμή δεν ακυρώθηκε (το αίτημα δεν έφτασε στο τερματικό): ισχύει. Δοκιμάστε ξανά με F5 ή συνεχίστε με Enter και αφήστε το στον υπεύθυνο (Αποδείξεις)."
    );
    {
        // Enter no longer says the signature matches: going on confirms nothing.
        let mut ui = iced_test::Simulator::with_settings(tameio::ui::settings(), app.view());
        assert!(ui.find("Συνέχεια: το αναλαμβάνει ο υπεύθυνος").is_ok());
        assert!(ui.find("Η υπογραφή ταιριάζει").is_err());
    }
    assert!(app.register().open_attempts().unwrap().is_empty(), "the void never left: settled as not sent");
    // Enter goes on to the receipt; the refused signature stays named for a manager.
    app.settle_with(press(iced::keyboard::Key::Named(Named::Enter), None), &mut run);
    assert!(matches!(&app.screen, Screen::Receipt(r) if r.receipt.total.cents() == 950), "{:?}", app.screen);
    assert_eq!(app.register().unchecked_signatures().unwrap().len(), 1, "not confirmed by going on");
}

#[test]
fn full_esc_while_the_terminal_asks_about_the_signature_answers_no_at_once() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let mut app = full_till(&sim, 950, Lang::El);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);
    assert_eq!(card_screen(&app).phase, Phase::Paying, "the terminal waits on its question");
    app.settle_with(press(iced::keyboard::Key::Named(Named::Escape), None), &mut run);
    while matches!(&app.screen, Screen::Card(c) if c.in_flight()) {
        app.settle_with(rx.recv_timeout(Duration::from_secs(120)).unwrap(), &mut run);
    }
    let c = card_screen(&app);
    assert!(matches!(c.phase, Phase::Declined(_)), "the terminal refused it: {:?}", c.phase);
    assert_eq!(sim.sim.approved_payments(), 0, "nothing charged");
    assert_eq!(sim.sim.received().iter().filter(|r| r.category == "Abort").count(), 0, "no Abort needed");
    sim.stop();
}

#[test]
fn a_reversal_whose_answer_was_not_recorded_stays_unknown_until_the_terminal_says() {
    let _card = card_lock();
    let sim = SIMS.block_on(spawn_in_process(SimConfig { signature: true, ..sim_config() })).unwrap();
    let mut app = till_in(&sim, 950, Lang::El);
    let (tx, rx) = mpsc::channel();
    let mut run = runner(tx);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F10), None), &mut run);
    until_settled(&mut app, &rx, &mut run);
    assert_eq!(card_screen(&app).phase, Phase::Signature);

    // The reversal's answer arrives but the disk refuses it, every try: not "not reversed".
    tameio::fault::set_plan("fail:before-result-commit");
    app.settle_with(press(iced::keyboard::Key::Named(Named::F5), None), &mut run);
    tameio::fault::set_plan("");
    let c = card_screen(&app);
    assert_eq!(c.phase, Phase::ReversalUnknown, "{:?} {:?}", c.phase, c.notice);
    assert!(c.status_text(&app.ctx).0.starts_with("? Η έκβαση της επιστροφής δεν είναι ακόμη γνωστή"));
    assert!(app.paying(), "the window asks before it closes");
    // No leaving, no other tender while it is unknown.
    app.settle_with(press(iced::keyboard::Key::Named(Named::Escape), None), &mut run);
    app.settle_with(press(iced::keyboard::Key::Named(Named::F9), None), &mut run);
    assert_eq!(card_screen(&app).phase, Phase::ReversalUnknown);

    // Enter asks the terminal again: reversed, and the void receipt booked once.
    app.settle_with(press(iced::keyboard::Key::Named(Named::Enter), None), &mut run);
    let c = card_screen(&app);
    let Phase::Reversed(Some(void)) = c.phase else { panic!("{:?} {:?}", c.phase, c.notice) };
    assert_eq!(app.register().receipt(void).unwrap().total.cents(), -950);
    assert_eq!(sim.sim.received().iter().filter(|r| r.category == "Reversal").count(), 1);
    assert_eq!(sim.sim.approved_payments(), 0);
    sim.stop();
}
