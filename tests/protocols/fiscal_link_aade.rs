//! myDATA link on the AADE 1155 socket in fiscal-device mode: the session key is loaded with
//! `U/R<ecr-id>/CMAC_K:<key>:<kcv>` (the KCV subfield as in Viva's and iliasPs/ecrTest's public
//! frames, aade1155.md "Corrections"), the sale's `R` is the fiscal device's id, and the tender
//! keeps the ECR token (device id + session) with the 21-digit transactionId. No provider
//! signature travels on the socket: no public frame shows how one would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tameio::config::Places;
use tameio::domain::{Cart, Quantity};
use tameio::fiscal::FiscalMode;
use tameio::register::Register;
use tameio::terminal::aade1155::sim::{SimConfig, spawn_in_process};
use tameio::terminal::{ProgressSink, Protocol, TerminalConfig};

/// WebECR v2.5.7 §3.7.10 master key (arbdoescode/ECR-POS, EFTPOS-WebECRv2.5.7.pdf), shared by
/// the simulated terminal and the register (tests/vectors/mydata/README.md).
const MK: &str = "ABCDEF01234567899876543210ABCDEF";
const ECR_ID: &str = "ABC00111222";

#[tokio::test(flavor = "multi_thread")]
async fn fiscal_device_mode_loads_the_key_sends_the_device_id_and_keeps_the_token() {
    let sim = spawn_in_process(SimConfig { master_key: MK.into(), ..SimConfig::default() }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    let (register, _) = Register::open(&places).unwrap();
    let boss = register.authorize_manager("9999").unwrap();
    let config = TerminalConfig {
        name: "counter-device".into(),
        protocol: Protocol::Aade1155,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&boss, &config).unwrap();
    let mut settings = register.settings();
    settings.fiscal.mode = FiscalMode::FiscalDevice;
    settings.fiscal.ecr_id = ECR_ID.into();
    register.save_settings(settings, &boss).unwrap();
    register.set_fiscal_key(&boss, "master_key", MK).unwrap();

    let kcv = register.bind_fiscal_device(&boss, "counter-device").await.unwrap();
    let control = sim.sim.received().into_iter().find(|r| r.code == "U").expect("a control request");
    assert!(control.message.contains(&format!("U/R{ECR_ID}/CMAC_K:")), "{}", control.message);
    assert!(control.message.ends_with(&format!(":{kcv}")), "{}", control.message);
    let loaded = sim.sim.session_key().expect("the terminal took the key");
    let secrets = std::fs::read_to_string(places.secrets()).unwrap();
    assert!(secrets.contains(&hex::encode_upper(&loaded)), "the register kept the same key");

    let cashier = register.cli_operator(None, None).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, "401", Quantity::ONE).unwrap();
    let order = register.open_order(&cashier, &cart).unwrap();
    let due = register.order(order).unwrap().remaining();
    let paid =
        register.pay_card(&cashier, order, due, "counter-device", &ProgressSink::none()).await.unwrap();
    let sale = sim.sim.received().into_iter().find(|r| r.code == "A").expect("a sale");
    assert!(sale.message.contains(&format!("/R{ECR_ID}/")), "R is the fiscal device: {}", sale.message);
    let ack = sim.sim.received().into_iter().find(|r| r.code == "R").expect("the result acknowledged");
    assert!(ack.message.contains(&format!("/R{ECR_ID}/")), "the ack names the same device: {}", ack.message);
    let receipt = paid.receipt.unwrap_or_else(|| panic!("{:?}", paid.attempt));
    let card = receipt.tenders[0].card.clone().unwrap();
    let evidence = card.mydata.expect("evidence kept with the tender");
    assert_eq!(evidence["proof"]["kind"], "ecr_token");
    assert_eq!(evidence["proof"]["signing_author"], ECR_ID);
    assert_eq!(evidence["proof"]["session_number"], paid.attempt.reference.as_str());
    assert_eq!(Some(evidence["proof"]["session_number"].as_str().unwrap()), sale.session.as_deref());
    assert_eq!(evidence["transaction_id"], card.transaction_id.as_str());
    assert_eq!(card.transaction_id.len(), 21);
}

#[tokio::test(flavor = "multi_thread")]
async fn mode_none_keeps_tid_and_transaction_id_without_a_proof() {
    let sim = spawn_in_process(SimConfig::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = register.authorize_manager("9999").unwrap();
    let config = TerminalConfig {
        name: "counter-none".into(),
        protocol: Protocol::Aade1155,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&boss, &config).unwrap();
    let cashier = register.cli_operator(None, None).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, "401", Quantity::ONE).unwrap();
    let order = register.open_order(&cashier, &cart).unwrap();
    let due = register.order(order).unwrap().remaining();
    let paid = register.pay_card(&cashier, order, due, "counter-none", &ProgressSink::none()).await.unwrap();
    let sale = sim.sim.received().into_iter().find(|r| r.code == "A").expect("a sale");
    assert!(sale.message.contains("/R1/"), "R stays the register's id: {}", sale.message);
    let card = paid.receipt.expect("issued").tenders[0].card.clone().unwrap();
    let evidence = card.mydata.expect("evidence");
    assert_eq!((evidence["method_type"].as_u64(), evidence["proof"].is_null()), (Some(7), true));
    assert_eq!(evidence["tid"], card.terminal_id.as_str());
}
