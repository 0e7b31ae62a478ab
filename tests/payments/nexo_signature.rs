//! The cardholder's signature on nexo terminals, end to end against the simulated terminal:
//! light integration (the approved slip asks for it; a refused one is reversed by a void
//! attempt of its own, as a separate process would run it), full integration (the terminal asks
//! the register's listener: the cashier on screen, or the command line's answer), and the slip
//! of a declined card kept for the customer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use crate::support::binary::shown;
use tameio::domain::money::Money;
use tameio::register::{RefundError, RegisterError};
use tameio::terminal::nexo::sim::{SimConfig, SimServer, spawn_in_process};
use tameio::terminal::nexo::{NexoOptions, NexoTerminal, answer_signature};
use tameio::terminal::session::{self, AttemptState, MemoryJournal};
use tameio::terminal::{Outcome, PaymentKind, PaymentRequest, Progress, ProgressSink, SignatureAnswer};

const POIID: &str = "A-POIID";

fn sim(signature: bool) -> SimConfig {
    SimConfig { step_ms: 10, busy_after_ms: 0, signature, ..SimConfig::default() }
}

/// The command line with `TAMEIO_FAULT` set (empty: none).
fn tameio_with(dir: &Path, args: &[&str], fault: &str) -> Output {
    crate::support::binary::at(dir, args)
        .env("TAMEIO_FAULT", fault)
        .env("TAMEIO_KEEP_DEMO_PINS", "true")
        .output()
        .unwrap()
}

fn categories(server: &SimServer) -> Vec<String> {
    server.sim.received().into_iter().map(|r| r.category).collect()
}

/// Runs the command line in its own process, off the simulator's runtime threads.
async fn run(dir: &Path, line: String) -> Output {
    run_with(dir, line, "").await
}

async fn run_with(dir: &Path, line: String, fault: &'static str) -> Output {
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = line.split_whitespace().collect();
        tameio_with(&dir, &args, fault)
    })
    .await
    .unwrap()
}

async fn add_terminal(dir: &Path, server: &SimServer, extra: &str) {
    let line = format!(
        "terminal add pos --protocol nexo --addr {} --option poiid={POIID} --option busy_backoff_ms=10 {extra}",
        server.addr
    );
    let add = run(dir, line).await;
    assert!(add.status.success(), "{}", shown(&add));
}

// ---- light integration ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn light_a_refused_signature_reverses_the_sale_by_a_void_of_its_own() {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    add_terminal(dir.path(), &server, "").await;

    let sale = "sale --item 5200000001013 --card --terminal pos --confirm-signature no --json";
    let out = run(dir.path(), sale.into()).await;
    assert_eq!(out.status.code(), Some(3), "not charged: {}", shown(&out));
    assert!(shown(&out).contains("Signature refused"), "{}", shown(&out));
    let money: Vec<String> =
        categories(&server).into_iter().filter(|c| c == "Payment" || c == "Reversal").collect();
    assert_eq!(money, ["Payment", "Reversal"], "one payment, one reversal: {:?}", categories(&server));
    assert_eq!(server.sim.approved_payments(), 0, "the approved sale was reversed");

    // The answer is the void: an attempt of its own, approved, with the receipt that voids the sale.
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let last: serde_json::Value = text.lines().rev().find_map(|l| serde_json::from_str(l).ok()).unwrap();
    assert_eq!(
        (last["attempt"]["kind"].as_str(), last["attempt"]["state"].as_str()),
        (Some("void"), Some("approved"))
    );
    let void_number = last["receipt"]["number"].as_i64().unwrap();
    let receipts = run(dir.path(), "receipt list --json".into()).await;
    let list: serde_json::Value = serde_json::from_slice(&receipts.stdout).unwrap();
    let rows: Vec<(i64, String, bool)> = list["receipts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["number"].as_i64().unwrap(), r["kind"].as_str().unwrap().to_string(), r["refunded"] == true)
        })
        .collect();
    // The sale's receipt stays, marked refunded; the void's gives it all back.
    assert_eq!(rows, [(void_number, "refund".to_string(), false), (1, "sale".to_string(), true)], "{list}");
    assert_eq!(void_number, 2);
}

/// Killed (as by SIGKILL) when the reversal's answer arrived but before it was recorded: the
/// next process learns it from the terminal and books the void, with no second Reversal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn light_killed_during_the_reversal_the_next_process_books_it_and_sends_nothing_again() {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    add_terminal(dir.path(), &server, "").await;
    let sale = "sale --item 5200000001013 --card --terminal pos --confirm-signature no --json";
    // The second passage of the step is the reversal's (the payment's was the first).
    let killed = run_with(dir.path(), sale.into(), "crash:before-result-commit#2").await;
    assert!(killed.status.code().is_none_or(|c| c != 0 && c != 3), "killed: {}", shown(&killed));
    assert_eq!(count(&server, "Reversal"), 1);
    assert_eq!(server.sim.approved_payments(), 0, "the terminal reversed it before the kill");

    let recovered = run(dir.path(), "recover --json".into()).await;
    assert_eq!(recovered.status.code(), Some(0), "{}", shown(&recovered));
    let receipts = run(dir.path(), "receipt list --json".into()).await;
    let list: serde_json::Value = serde_json::from_slice(&receipts.stdout).unwrap();
    let totals: Vec<i64> =
        list["receipts"].as_array().unwrap().iter().filter_map(|r| r["total"].as_i64()).collect();
    assert_eq!(totals.iter().sum::<i64>(), 0, "the sale and its void: {list}");
    assert_eq!(totals.len(), 2, "{list}");
    // A second recovery and a second look change nothing, and nothing more is sent.
    let again = run(dir.path(), "recover --json".into()).await;
    assert_eq!(again.status.code(), Some(0), "{}", shown(&again));
    assert_eq!((count(&server, "Payment"), count(&server, "Reversal")), (1, 1));
}

fn count(server: &SimServer, category: &str) -> usize {
    categories(server).iter().filter(|c| *c == category).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn light_a_confirmed_signature_keeps_the_sale_and_sends_nothing_more() {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    add_terminal(dir.path(), &server, "").await;

    let sale = "sale --item 5200000001013 --card --terminal pos --confirm-signature yes --json";
    let out = run(dir.path(), sale.into()).await;
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert!(!categories(&server).contains(&"Reversal".to_string()), "{:?}", categories(&server));
    assert_eq!(server.sim.approved_payments(), 1);
    // Without the flag, the terminal's option answers: `confirm_signature` is off by default.
    let pay = run(dir.path(), "pay 3.00 --terminal pos --json".into()).await;
    assert_eq!(pay.status.code(), Some(3), "reversed: {}", shown(&pay));
    assert_eq!(server.sim.approved_payments(), 1, "the second payment was reversed");
    assert_eq!(categories(&server).iter().filter(|c| *c == "Reversal").count(), 1);
}

#[tokio::test]
async fn light_the_approval_carries_the_signature_flag_and_a_refund_does_not() {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let opts = NexoOptions { poiid: POIID.into(), busy_backoff_ms: 10, ..NexoOptions::default() };
    let term = NexoTerminal::new("pax-flag", &server.addr.to_string(), "ECR1", opts).unwrap();
    let sale = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(1200));
    let a = session::run(&MemoryJournal::new(), &term, &sale, &ProgressSink::none()).await.unwrap();
    let Some(Outcome::Approved(approval)) = &a.outcome else { panic!("{a:?}") };
    assert!(approval.signature_required, "{approval:?}");
    assert!(approval.receipt_text.contains("Signature: ____________"), "{}", approval.receipt_text);
    let refund = PaymentRequest::new(PaymentKind::Refund, Money::from_cents(1200));
    let r = session::run(&MemoryJournal::new(), &term, &refund, &ProgressSink::none()).await.unwrap();
    let Some(Outcome::Approved(approval)) = &r.outcome else { panic!("{r:?}") };
    assert!(!approval.signature_required);
}

#[tokio::test]
async fn a_declined_cards_slip_is_kept_for_the_customer() {
    let server = spawn_in_process(sim(false)).await.unwrap();
    let opts = NexoOptions { poiid: POIID.into(), busy_backoff_ms: 10, ..NexoOptions::default() };
    let term = NexoTerminal::new("pax-declined", &server.addr.to_string(), "ECR1", opts).unwrap();
    let req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(1261));
    let a = session::run(&MemoryJournal::new(), &term, &req, &ProgressSink::none()).await.unwrap();
    let Some(Outcome::Declined { code, receipt_text, .. }) = &a.outcome else { panic!("{a:?}") };
    assert_eq!(code, "05");
    assert!(receipt_text.contains("ARC: 05") && receipt_text.contains("NEKAD"), "{receipt_text}");
    assert!(!receipt_text.contains("5168151234569659"), "card numbers stay masked: {receipt_text}");
}

// ---- full integration ----

fn full(server: &SimServer, name: &str, listen: &str, wait_secs: u64) -> NexoTerminal {
    let opts = NexoOptions {
        poiid: POIID.into(),
        mode: "full".into(),
        listen: listen.into(),
        busy_backoff_ms: 10,
        signature_wait_secs: wait_secs,
        ..NexoOptions::default()
    };
    NexoTerminal::new(name, &server.addr.to_string(), "1", opts).unwrap()
}

/// A payment whose signature question the cashier answers on screen (`answer`: `None` lets
/// the question wait out its time).
async fn cashier_pays(answer: Option<bool>) -> (SimServer, session::Attempt, Vec<String>) {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let name = format!("pax-cashier-{}", server.addr.port());
    let term = full(&server, &name, "127.0.0.1:0", 1);
    let (addr, _) = term.listen().await.unwrap();
    server.sim.set_pos(&addr.to_string());
    let (sink, mut rx) = ProgressSink::channel();
    let sink = sink.with_signature(SignatureAnswer::Cashier);
    let req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(2500));
    let paying = tokio::spawn(async move { session::run(&MemoryJournal::new(), &term, &req, &sink).await });
    let mut copy = Vec::new();
    while let Some(p) = rx.recv().await {
        if let Progress::SignatureCheck(lines) = p {
            copy = lines;
            if let Some(confirmed) = answer {
                assert!(answer_signature(&name, confirmed), "the question waits for the cashier");
                assert!(!answer_signature(&name, confirmed), "answered once");
            }
        }
    }
    (server, paying.await.unwrap().unwrap(), copy)
}

#[tokio::test]
async fn full_the_cashier_confirms_the_signature_on_screen() {
    let (server, attempt, copy) = cashier_pays(Some(true)).await;
    assert_eq!(attempt.state, AttemptState::Approved, "{attempt:?}");
    assert!(copy.iter().any(|l| l.contains("Signature")), "the copy to compare is shown: {copy:?}");
    assert!(copy.iter().any(|l| l.contains("Signature OK?")), "and the terminal's question: {copy:?}");
    assert_eq!(server.sim.approved_payments(), 1);
}

#[tokio::test]
async fn full_the_cashier_refuses_the_signature_and_the_terminal_refuses_the_payment() {
    let (server, attempt, _) = cashier_pays(Some(false)).await;
    assert_eq!(attempt.state, AttemptState::Declined, "{attempt:?}");
    assert_eq!(server.sim.approved_payments(), 0);
}

#[tokio::test]
async fn full_an_unanswered_signature_question_counts_as_no() {
    let (server, attempt, copy) = cashier_pays(None).await;
    assert!(!copy.is_empty());
    assert_eq!(attempt.state, AttemptState::Declined, "{attempt:?}");
    assert_eq!(server.sim.approved_payments(), 0);
}

/// A free local port for the command line's listener.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_the_command_line_answers_per_confirm_signature() {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let listen = format!("127.0.0.1:{}", free_port());
    server.sim.set_pos(&listen);
    add_terminal(dir.path(), &server, &format!("--option mode=full --option listen={listen}")).await;

    let yes = run(dir.path(), "pay 25.00 --terminal pos --confirm-signature yes --json".into()).await;
    assert_eq!(yes.status.code(), Some(0), "{}", shown(&yes));
    assert_eq!(server.sim.approved_payments(), 1);
    // Wait out the simulator's answer to the first payment before the second one.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let no = run(dir.path(), "pay 25.00 --terminal pos --confirm-signature no --json".into()).await;
    assert_eq!(no.status.code(), Some(3), "{}", shown(&no));
    assert_eq!(server.sim.approved_payments(), 1, "the refused one was never charged");
    assert!(!categories(&server).contains(&"Reversal".to_string()), "the terminal refused it itself");
}

// ---- the review's cases: a repeated question, another payment in between, a lost give-back ----

/// The Swedbank guide's own InputRequest (GetConfirmation), posted twice while the cashier
/// has not answered yet: one question on screen, one answer for both posts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_a_repeated_question_waits_for_the_same_answer() {
    let server = spawn_in_process(sim(false)).await.unwrap();
    let term = full(&server, "pax-repeat", "127.0.0.1:0", 30);
    let (addr, heard) = term.listen().await.unwrap();
    let (sink, mut rx) = ProgressSink::channel();
    heard.set_progress(sink.with_signature(SignatureAnswer::Cashier));
    let xml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/vectors/nexo/dialog-in-terminal__0__InputRequest.xml"),
    )
    .unwrap();
    let post = |xml: String| {
        let url = format!("http://{addr}/EPASSaleToPOI/3.1");
        tokio::spawn(async move {
            tameio::terminal::http::client_builder()
                .build()
                .unwrap()
                .post(url)
                .body(xml)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        })
    };
    let first = post(xml.clone());
    let Some(Progress::SignatureCheck(question)) = rx.recv().await else { panic!("the question is shown") };
    assert!(question.iter().any(|l| l == "Is this a good day?"), "{question:?}");
    let again = post(xml);
    // The repeat is waiting too (not answered "no" at once): give it time to arrive.
    while !heard.signature_asked() {
        tokio::task::yield_now().await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!again.is_finished(), "the repeat waits for the cashier");
    assert!(heard.answer_signature(true));
    for answer in [first.await.unwrap(), again.await.unwrap()] {
        assert!(answer.contains("<ConfirmedFlag>true</ConfirmedFlag>"), "{answer}");
    }
    assert!(rx.try_recv().is_err(), "asked once on screen");
    assert_eq!(heard.signature_questions(), (1, 1), "one question, answered yes");
}

fn nexo_register(server: &SimServer) -> tameio::register::Register {
    let register = tameio::register::Register::in_memory(Default::default()).unwrap();
    let boss = register.authorize_manager("9999").unwrap();
    let config = tameio::terminal::TerminalConfig {
        name: "pax".into(),
        protocol: tameio::terminal::Protocol::Nexo,
        addr: server.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::json!({ "poiid": POIID, "busy_backoff_ms": 10 }),
    };
    register.add_terminal(&boss, &config).unwrap();
    register
}

async fn signed_sale(register: &tameio::register::Register) -> tameio::register::CardPayment {
    let cashier = register.cli_operator(None, None).unwrap();
    let mut cart = tameio::domain::Cart::default();
    register.ring_up(&mut cart, "5200000001013", tameio::domain::Quantity::ONE).unwrap();
    let order = register.open_order(&cashier, &cart).unwrap();
    let due = register.order(order).unwrap().remaining();
    register.pay_card(&cashier, order, due, "pax", &ProgressSink::none()).await.unwrap()
}

/// Another payment reached the terminal between the approval and the refusal (a second till):
/// a Reversal could no longer name this payment, and a refund would go to whatever card is
/// presented. Nothing is sent; the sale stands for a manager and stays named as unchecked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn light_after_another_payment_a_refused_signature_is_left_to_a_manager() {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let register = nexo_register(&server);
    let first = signed_sale(&register).await;
    assert!(first.check_signature, "{:?}", first.attempt);
    // Meanwhile, another sale on the same terminal (confirmed there).
    let other = signed_sale(&register).await;
    let cashier = register.cli_operator(None, None).unwrap();
    register.confirm_signature(&cashier, other.attempt.id).unwrap();

    let refused = register.refuse_signature(&cashier, first.attempt.id, &ProgressSink::none()).await;
    assert!(matches!(refused, Err(RegisterError::Refund(RefundError::NotLast { .. }))), "{refused:?}");
    assert_eq!((count(&server, "Payment"), count(&server, "Reversal")), (2, 0), "nothing sent");
    let unchecked = register.unchecked_signatures().unwrap();
    assert_eq!(unchecked.iter().map(|u| u.attempt).collect::<Vec<_>>(), [first.attempt.id]);
}

/// Killed before the cashier answered: the next start names the sale whose signature nobody
/// checked; a confirmation (or a give-back) settles it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signature_nobody_checked_is_named_until_someone_does() {
    let server = spawn_in_process(sim(true)).await.unwrap();
    let register = nexo_register(&server);
    let paid = signed_sale(&register).await;
    let receipt = paid.receipt.clone().unwrap();
    let unchecked = register.unchecked_signatures().unwrap();
    assert_eq!(unchecked.len(), 1);
    assert_eq!((unchecked[0].attempt, unchecked[0].receipt), (paid.attempt.id, receipt.number));
    let cashier = register.cli_operator(None, None).unwrap();
    register.confirm_signature(&cashier, paid.attempt.id).unwrap();
    assert!(register.unchecked_signatures().unwrap().is_empty());
}
