//! Refunds and voids through the register against the simulators: AADE 1155 and WebECR
//! refunds, ECR17 reversal of the last transaction only, declined and unknown outcomes that
//! book nothing, no second refund; and the support bundle (no secrets, no card numbers).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::register::{cart, manager};
use tameio::config::Places;
use tameio::domain::{Money, ReceiptKind, TenderKind};
use tameio::register::{Operator, RefundError, RefundMode, Register, RegisterError};
use tameio::terminal::{
    AttemptState, PaymentKind, ProgressSink, Protocol, TerminalConfig, aade1155, ecr17, webecr,
};

fn lan(name: &str, protocol: Protocol, addr: String, options: serde_json::Value) -> TerminalConfig {
    TerminalConfig {
        name: name.into(),
        protocol,
        addr,
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options,
    }
}

/// A card sale of these items on `terminal`; returns the receipt number.
async fn card_sale(register: &Register, terminal: &str, codes: &[&str]) -> i64 {
    let cashier = register.cli_operator(None, None).unwrap();
    let order = register.open_order(&cashier, &cart(register, codes)).unwrap();
    let due = register.order(order).unwrap().remaining();
    let paid = register.pay_card(&cashier, order, due, terminal, &ProgressSink::none()).await.unwrap();
    paid.receipt.unwrap_or_else(|| panic!("not paid: {:?}", paid.attempt)).number
}

fn refunded(register: &Register, number: i64) -> bool {
    register.receipts(&Default::default()).unwrap().iter().any(|s| s.number == number && s.refunded)
}

fn refund_error(result: Result<tameio::register::Refunded, RegisterError>) -> RefundError {
    match result {
        Err(RegisterError::Refund(e)) => e,
        other => panic!("expected a refund error: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn aade_refund_approved_books_the_refund_once() {
    let sim = aade1155::sim::spawn_in_process(aade1155::sim::SimConfig::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    register
        .add_terminal(&boss, &lan("aisle", Protocol::Aade1155, sim.addr.to_string(), serde_json::Value::Null))
        .unwrap();
    let number = card_sale(&register, "aisle", &["401"]).await;

    let plan = register.refund_plan(number).unwrap();
    assert!(plan.can(RefundMode::Refund) && plan.can(RefundMode::Void), "{plan:?}");
    assert_eq!(plan.card.as_ref().unwrap().last4(), "4242");

    let cashier = register.cli_operator(None, None).unwrap();
    let denied = register.refund_receipt(&cashier, number, RefundMode::Refund, &ProgressSink::none()).await;
    assert!(matches!(denied, Err(RegisterError::NeedsManager)));

    let done =
        register.refund_receipt(&boss, number, RefundMode::Refund, &ProgressSink::none()).await.unwrap();
    let attempt = done.attempt.unwrap();
    assert_eq!((attempt.kind, attempt.state), (PaymentKind::Refund, AttemptState::Approved));
    let receipt = done.receipt.expect("a refund receipt");
    assert_eq!(receipt.kind, ReceiptKind::Refund);
    assert_eq!(receipt.refund_of, Some(number));
    assert_eq!(receipt.total, -Money::from_cents(990));
    assert_eq!(receipt.tenders[0].kind, TenderKind::Card);
    assert_eq!(receipt.tenders[0].card.as_ref().unwrap().attempt_id, attempt.id.to_string());
    assert_eq!(sim.sim.accepted('Z'), 1, "one refund message");
    assert!(refunded(&register, number));
    let log = register.store().audit_entries(10).unwrap();
    assert!(log.iter().any(|e| e.action == "receipt.refund"), "audited");

    // A second refund is refused before anything reaches the terminal.
    let again = register.refund_receipt(&boss, number, RefundMode::Refund, &ProgressSink::none()).await;
    assert_eq!(refund_error(again), RefundError::AlreadyRefunded(number));
    assert_eq!(sim.sim.accepted('Z'), 1);
    assert!(!register.refund_plan(number).unwrap().can(RefundMode::Cash));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_declined_refund_changes_nothing() {
    // The sale on a terminal that approves; then the same terminal name points at one that
    // declines everything (the cents of 4,20 pick no scenario, so the configured one rules).
    let good = aade1155::sim::spawn_in_process(aade1155::sim::SimConfig::default()).await.unwrap();
    let bad_config = aade1155::sim::SimConfig {
        scenario: tameio::terminal::sim::Scenario::Decline,
        ..aade1155::sim::SimConfig::default()
    };
    let bad = aade1155::sim::spawn_in_process(bad_config).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    register
        .add_terminal(&boss, &lan("till", Protocol::Aade1155, good.addr.to_string(), serde_json::Value::Null))
        .unwrap();
    let number = card_sale(&register, "till", &["101"]).await;
    register
        .add_terminal(&boss, &lan("till", Protocol::Aade1155, bad.addr.to_string(), serde_json::Value::Null))
        .unwrap();
    let receipts_before = register.receipts(&Default::default()).unwrap().len();

    let done =
        register.refund_receipt(&boss, number, RefundMode::Refund, &ProgressSink::none()).await.unwrap();
    assert!(done.receipt.is_none());
    assert_eq!(done.attempt.unwrap().state, AttemptState::Declined);
    assert!(!refunded(&register, number));
    assert_eq!(register.receipts(&Default::default()).unwrap().len(), receipts_before);
    assert!(register.refund_plan(number).unwrap().can(RefundMode::Refund), "may be tried again");
}

/// A register on disk with the paired WebECR terminal "cloud-refunds" on a simulated backend.
async fn webecr_register() -> (webecr::sim::SimServer, tempfile::TempDir, Register) {
    let sim = webecr::sim::spawn_in_process(webecr::sim::SimConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    let (register, _) = Register::open(&places).unwrap();
    let defaults = webecr::sim::SimConfig::default();
    let config = TerminalConfig {
        name: "cloud-refunds".into(),
        protocol: Protocol::WebEcr,
        addr: String::new(),
        terminal_id: defaults.tid.clone(),
        cash_register_id: "1".into(),
        options: serde_json::json!({ "environment": "custom", "base_url": sim.base_url() }),
    };
    register.add_webecr_terminal(config, &defaults.username, &defaults.password, "test").unwrap();
    register.pair_terminal("cloud-refunds", &sim.sim.new_pairing_code(), "test").await.unwrap();
    (sim, dir, register)
}

#[tokio::test(flavor = "multi_thread")]
async fn webecr_refund_and_void_approved() {
    let (_sim, _dir, register) = webecr_register().await;
    let boss = manager(&register);
    let first = card_sale(&register, "cloud-refunds", &["101"]).await;
    let second = card_sale(&register, "cloud-refunds", &["401"]).await;
    let plan = register.refund_plan(first).unwrap();
    assert!(plan.can(RefundMode::Void), "WebECR voids by id, not only the last: {plan:?}");

    let refund =
        register.refund_receipt(&boss, first, RefundMode::Refund, &ProgressSink::none()).await.unwrap();
    assert!(refund.receipt.is_some(), "{:?}", refund.attempt);
    let void = register.refund_receipt(&boss, second, RefundMode::Void, &ProgressSink::none()).await.unwrap();
    let attempt = void.attempt.clone().unwrap();
    assert_eq!((attempt.kind, attempt.state), (PaymentKind::Void, AttemptState::Approved), "{attempt:?}");
    assert!(void.receipt.is_some());
    assert!(refunded(&register, first) && refunded(&register, second));
}

async fn ecr17_register(
    name: &str,
    options: serde_json::Value,
) -> (ecr17::sim::SimServer, Register, Operator) {
    let sim = ecr17::sim::spawn_in_process(ecr17::sim::SimConfig::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    register.add_terminal(&boss, &lan(name, Protocol::Ecr17, sim.addr.to_string(), options)).unwrap();
    (sim, register, boss)
}

#[tokio::test(flavor = "multi_thread")]
async fn ecr17_voids_its_last_transaction_and_refuses_an_older_one() {
    let (sim, register, boss) = ecr17_register("nexi", serde_json::Value::Null).await;
    let older = card_sale(&register, "nexi", &["101"]).await;
    let last = card_sale(&register, "nexi", &["401"]).await;

    let plan = register.refund_plan(older).unwrap();
    assert!(!plan.can(RefundMode::Refund) && !plan.can(RefundMode::Void) && plan.can(RefundMode::Cash));
    let refund = register.refund_receipt(&boss, older, RefundMode::Refund, &ProgressSink::none()).await;
    assert!(matches!(refund_error(refund), RefundError::CannotRefund { .. }));
    let void = register.refund_receipt(&boss, older, RefundMode::Void, &ProgressSink::none()).await;
    assert_eq!(refund_error(void), RefundError::NotLast { terminal: "nexi".into() });
    assert_eq!(sim.sim.accepted('S'), 0, "nothing was sent");
    let i18n = tameio::i18n::I18n::new(tameio::domain::Lang::El);
    assert!(RefundError::NotLast { terminal: "nexi".into() }.message(&i18n).contains("nexi"));

    let done = register.refund_receipt(&boss, last, RefundMode::Void, &ProgressSink::none()).await.unwrap();
    let attempt = done.attempt.unwrap();
    assert_eq!((attempt.kind, attempt.state), (PaymentKind::Void, AttemptState::Approved), "{attempt:?}");
    assert!(done.receipt.is_some());
    assert!(refunded(&register, last) && !refunded(&register, older));
    assert_eq!(sim.sim.totals(), 420, "the terminal's batch holds the older sale only");

    // The older one may still be given back in cash.
    let cash = register.refund_receipt(&boss, older, RefundMode::Cash, &ProgressSink::none()).await.unwrap();
    assert!(cash.attempt.is_none());
    assert_eq!(cash.receipt.unwrap().tenders[0].kind, TenderKind::Cash);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_void_whose_result_is_lost_books_nothing_until_recovered() {
    let fast = serde_json::json!({ "payment_timeout_ms": 1500, "query_timeout_ms": 800, "status_timeout_ms": 800, "ack_timeout_ms": 300 });
    let (sim, register, boss) = ecr17_register("slowpoke", fast).await;
    let number = card_sale(&register, "slowpoke", &["401"]).await;

    // The terminal holds the result: the register's wait runs out, recovery proves nothing.
    sim.sim.pause();
    let done = register.refund_receipt(&boss, number, RefundMode::Void, &ProgressSink::none()).await.unwrap();
    let attempt = done.attempt.unwrap();
    assert_eq!(attempt.state, AttemptState::Unknown, "{attempt:?}");
    assert!(done.receipt.is_none());
    assert!(!refunded(&register, number), "an unknown refund is not a refund");
    assert_eq!(register.open_attempts().unwrap().len(), 1, "left for recovery");
    let again = register.refund_receipt(&boss, number, RefundMode::Void, &ProgressSink::none()).await;
    assert_eq!(refund_error(again), RefundError::Pending(number), "never resent while unknown");
    let cash = register.refund_receipt(&boss, number, RefundMode::Cash, &ProgressSink::none()).await;
    assert_eq!(refund_error(cash), RefundError::Pending(number), "nor paid back twice in cash");

    // The terminal finishes the reversal; recovery finds it and books the refund once.
    sim.sim.resume();
    let reversed = || sim.sim.totals() == 0;
    crate::support::wait_until_async(
        std::time::Duration::from_secs(30),
        "the terminal reversed the sale",
        reversed,
    )
    .await;
    register.recover(None).await.unwrap();
    assert!(register.open_attempts().unwrap().is_empty());
    assert!(refunded(&register, number), "booked at recovery");
    register.recover(None).await.unwrap();
    let refunds = register.receipts(&Default::default()).unwrap();
    assert_eq!(refunds.iter().filter(|r| r.kind == ReceiptKind::Refund).count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_support_bundle_has_versions_and_terminals_but_no_secrets_or_card_numbers() {
    let (_sim, dir, register) = webecr_register().await;
    let defaults = webecr::sim::SimConfig::default();
    let secrets = std::fs::read_to_string(dir.path().join("secrets.toml")).unwrap();
    assert!(secrets.contains(&defaults.password));
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::write(
        logs.join("tameio.2026-11-23.log"),
        "INFO card 4111111111111111 approved\nDEBUG login password=hunter2 token=abc.def\n",
    )
    .unwrap();

    let out = tempfile::tempdir().unwrap();
    let path = register.support_bundle(out.path()).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("tameio-support-") && name.ends_with(".txt"), "{name}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(env!("CARGO_PKG_VERSION")), "the version");
    assert!(text.contains("cloud-refunds: protocol webecr"), "the terminal list:\n{text}");
    assert!(text.contains("database check") && text.contains("open attempts: 0"));
    assert!(!text.contains(&defaults.password), "no password from the secrets file");
    assert!(!text.contains("4111111111111111") && text.contains("************1111"), "PAN masked");
    assert!(!text.contains("hunter2") && !text.contains("abc.def"), "log secrets redacted");
}
