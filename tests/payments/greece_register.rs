//! Greece through the register: a preloaded receipt sent on AADE 1155 and on WebECR, paid on
//! the terminal, collected and issued (or expired); fault-mode manual card payments; WebECR
//! pairing with secrets kept outside the database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::register::{cart, manager};
use tameio::config::Places;
use tameio::domain::{DeferredState, Money, TenderKind};
use tameio::register::{Register, RegisterError};
use tameio::terminal::{Protocol, TerminalConfig, aade1155, webecr};

#[tokio::test(flavor = "multi_thread")]
async fn preload_then_paid_on_the_terminal_then_receipt() {
    let sim = aade1155::sim::spawn_in_process(aade1155::sim::SimConfig::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let config = TerminalConfig {
        name: "front".into(),
        protocol: Protocol::Aade1155,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&boss, &config).unwrap();

    let sale = cart(&register, &["101", "401"]);
    let sent = register.defer_order(&boss, &sale, "front").await.unwrap();
    assert_eq!(sent.state, DeferredState::Waiting);
    assert_eq!(sent.total, Money::from_cents(420 + 990));
    assert_eq!(sim.sim.preloads().len(), 1);

    // Nothing paid yet: refreshing changes nothing.
    let list = register.refresh_deferred().await.unwrap();
    assert_eq!(list[0].state, DeferredState::Waiting);
    assert!(register.receipts(&Default::default()).unwrap().is_empty());

    sim.sim.pay_on_terminal(&sent.reference).expect("the terminal knows the preload");
    let list = register.refresh_deferred().await.unwrap();
    assert_eq!(list[0].state, DeferredState::Paid);
    let number = list[0].receipt_number.expect("a receipt was issued");
    let receipt = register.receipt(number).unwrap();
    assert_eq!(receipt.total, sent.total);
    assert_eq!(receipt.tenders[0].kind, TenderKind::Card);
    let card = receipt.tenders[0].card.clone().unwrap();
    assert_eq!(card.transaction_id.len(), 21, "a preload's receipt carries myDATA's transactionId too");

    // A second refresh books nothing twice.
    register.refresh_deferred().await.unwrap();
    assert_eq!(register.receipts(&Default::default()).unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_aade_card_tender_carries_the_21_digit_transaction_id() {
    let sim = aade1155::sim::spawn_in_process(aade1155::sim::SimConfig::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let config = TerminalConfig {
        name: "counter".into(),
        protocol: Protocol::Aade1155,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&boss, &config).unwrap();
    let cashier = register.cli_operator(None, None).unwrap();
    let order = register.open_order(&cashier, &cart(&register, &["401"])).unwrap();
    let progress = tameio::terminal::ProgressSink::none();
    let paid =
        register.pay_card(&cashier, order, Money::from_cents(990), "counter", &progress).await.unwrap();
    let Some(tameio::terminal::Outcome::Approved(ok)) = &paid.attempt.outcome else { panic!("{paid:?}") };
    assert!(ok.transaction_id.is_empty(), "the socket sends only the parts");
    let receipt = register.receipt(paid.receipt.expect("issued").number).unwrap();
    let card = receipt.tenders[0].card.clone().unwrap();
    assert_eq!(card.transaction_id.len(), 21, "{card:?}");
    assert!(card.transaction_id.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(card.transaction_id, format!("{:0>3}{}{}", ok.acquirer_id, ok.rrn, ok.auth_code));
    assert_eq!(card.terminal_id, ok.terminal_id);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_terminal_says_it_cannot_preload_and_loses_nothing() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let err = register.defer_order(&boss, &cart(&register, &["101"]), "demo").await.unwrap_err();
    assert!(matches!(err, RegisterError::Terminal(_)), "{err:?}");
    assert!(!register.can_preload("demo"));
    let list = register.deferred_receipts(false).unwrap();
    assert!(list.is_empty(), "refused before anything is recorded: no cancelled preload");
}

#[test]
fn fault_mode_records_a_flagged_manual_card_payment() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let cashier = register.cli_operator(None, None).unwrap();
    let order = register.open_order(&cashier, &cart(&register, &["401"])).unwrap();
    assert!(matches!(
        register.record_manual_card(&cashier, order, Money::from_cents(990), "80011693", "123456"),
        Err(RegisterError::NeedsManager)
    ));
    assert!(register.record_manual_card(&boss, order, Money::from_cents(990), "", "123456").is_err());
    let receipt = register
        .record_manual_card(&boss, order, Money::from_cents(990), "80011693", "123456")
        .unwrap()
        .unwrap();
    let card = receipt.tenders[0].card.clone().unwrap();
    assert!(card.manual);
    assert_eq!((card.terminal_id.as_str(), card.auth_code.as_str()), ("80011693", "123456"));
}

/// A register on disk with the WebECR terminal "cloud" on a simulated backend (not yet paired).
async fn webecr_register() -> (webecr::sim::SimServer, tempfile::TempDir, Places, Register) {
    let sim = webecr::sim::spawn_in_process(webecr::sim::SimConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    let (register, _) = Register::open(&places).unwrap();
    let defaults = webecr::sim::SimConfig::default();
    let config = TerminalConfig {
        name: "cloud".into(),
        protocol: Protocol::WebEcr,
        addr: String::new(),
        terminal_id: defaults.tid.clone(),
        cash_register_id: "1".into(),
        options: serde_json::json!({ "environment": "custom", "base_url": sim.base_url() }),
    };
    register.add_webecr_terminal(config, &defaults.username, &defaults.password, "test").unwrap();
    (sim, dir, places, register)
}

#[tokio::test(flavor = "multi_thread")]
async fn webecr_preload_paid_on_the_terminal_then_receipt_and_another_expires() {
    let (sim, _dir, _places, register) = webecr_register().await;
    register.pair_terminal("cloud", &sim.sim.new_pairing_code(), "test").await.unwrap();
    let cashier = register.cli_operator(None, None).unwrap();

    let sent = register.defer_order(&cashier, &cart(&register, &["101", "401"]), "cloud").await.unwrap();
    assert_eq!(sent.state, DeferredState::Waiting);
    assert!(!sent.reference.is_empty());
    assert_eq!(sim.sim.intents_for(&sent.reference), 1);
    let state_of = |list: &[tameio::domain::DeferredReceipt], id| {
        list.iter().find(|d| d.id == id).map(|d| d.state).unwrap()
    };

    // Nothing paid yet: refreshing changes nothing.
    let list = register.refresh_deferred().await.unwrap();
    assert_eq!(state_of(&list, sent.id), DeferredState::Waiting);
    assert!(register.receipts(&Default::default()).unwrap().is_empty());

    assert!(sim.sim.pay_preload(&sent.reference), "the backend knows the preload");
    let list = register.refresh_deferred().await.unwrap();
    let paid = list.iter().find(|d| d.id == sent.id).unwrap();
    assert_eq!(paid.state, DeferredState::Paid);
    let receipt = register.receipt(paid.receipt_number.expect("a receipt was issued")).unwrap();
    assert_eq!(receipt.total, sent.total);
    assert_eq!(receipt.tenders[0].kind, TenderKind::Card);

    // A second preload nobody pays leaves the terminal after PreloadExpiration (60 minutes).
    let late = register.defer_order(&cashier, &cart(&register, &["401"]), "cloud").await.unwrap();
    assert_ne!(late.reference, sent.reference);
    sim.sim.advance(59 * 60);
    let list = register.refresh_deferred().await.unwrap();
    assert_eq!(state_of(&list, late.id), DeferredState::Waiting);
    sim.sim.advance(2 * 60);
    let list = register.refresh_deferred().await.unwrap();
    assert_eq!(state_of(&list, late.id), DeferredState::Expired);
    assert_eq!(state_of(&list, sent.id), DeferredState::Paid);
    assert_eq!(register.receipts(&Default::default()).unwrap().len(), 1, "nothing booked twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn webecr_pairs_with_the_code_and_keeps_secrets_out_of_the_database() {
    let (sim, _dir, places, register) = webecr_register().await;
    let defaults = webecr::sim::SimConfig::default();

    let wrong = register.pair_terminal("cloud", "00000000", "test").await;
    assert!(wrong.is_err());
    let code = sim.sim.new_pairing_code();
    let paired = register.pair_terminal("cloud", &code, "test").await.unwrap();
    assert_eq!(paired.tid, defaults.tid);

    let secrets = std::fs::read_to_string(places.secrets()).unwrap();
    assert!(secrets.contains(&defaults.password) && secrets.contains("api_key"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(places.secrets()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The WAL holds the newest pages: read it too.
    let mut db = std::fs::read(places.database()).unwrap();
    db.extend(std::fs::read(places.database().with_extension("db-wal")).unwrap_or_default());
    let text = String::from_utf8_lossy(&db);
    assert!(text.contains("cloud"), "the terminal's settings are in the database");
    assert!(!text.contains(&defaults.password), "the password must not reach the database");
    assert!(!text.contains(&paired.api_key), "the key must not reach the database");

    let cashier = register.cli_operator(None, None).unwrap();
    let order = register.open_order(&cashier, &cart(&register, &["101"])).unwrap();
    let paid = register
        .pay_card(&cashier, order, Money::from_cents(420), "cloud", &tameio::terminal::ProgressSink::none())
        .await
        .unwrap();
    let receipt = paid.receipt.unwrap_or_else(|| panic!("{:?}", paid.attempt));
    // No fiscal data sent, so no TransactionId came back: the register composed it.
    let card = receipt.tenders[0].card.clone().unwrap();
    assert_eq!(card.transaction_id.len(), 21, "{card:?}");
}

#[test]
fn a_manual_payment_is_reconciled_when_the_terminal_resends_it() {
    use tameio::terminal::{Approval, Journal, Outcome};
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let order = register.open_order(&boss, &cart(&register, &["401"])).unwrap();
    register.record_manual_card(&boss, order, Money::from_cents(990), "80011693", "654321").unwrap();
    let resent = Outcome::Approved(Approval {
        auth_code: "654321".into(),
        terminal_id: "80011693".into(),
        ..Approval::default()
    });
    let journal: &dyn Journal = register.store().as_ref();
    journal.record_unmatched("front", &resent, "resent by L").unwrap();
    assert!(register.store().unmatched_results().unwrap().is_empty(), "reconciled, not left open");
    let log = register.store().audit_entries(5).unwrap();
    assert!(log.iter().any(|e| e.action == "card.manual.reconciled"));
    let stray = Outcome::Approved(Approval { auth_code: "111111".into(), ..Approval::default() });
    journal.record_unmatched("front", &stray, "resent by L").unwrap();
    assert_eq!(register.store().unmatched_results().unwrap().len(), 1, "a stray result is kept and shown");
}
