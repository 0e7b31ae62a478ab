//! F8 (send as a preloaded receipt) is offered only where the protocol can take it:
//! `Register::can_preload` says so without asking the terminal, and agrees with what each
//! driver does when asked to preload; a refusal leaves no record and is said in the user's
//! language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::register::manager;
use tameio::domain::{Cart, Lang, Money, Quantity};
use tameio::i18n::I18n;
use tameio::register::Register;
use tameio::terminal::{Protocol, TerminalConfig, TerminalError};

/// A terminal of `protocol` at an address where nothing listens (port 9 on loopback).
fn config(name: &str, protocol: Protocol, options: serde_json::Value) -> TerminalConfig {
    TerminalConfig {
        name: name.into(),
        protocol,
        addr: "127.0.0.1:9".into(),
        terminal_id: "12345678".into(),
        cash_register_id: "1".into(),
        options,
    }
}

fn cases() -> Vec<(TerminalConfig, bool)> {
    vec![
        (config("it-lan", Protocol::Ecr17, serde_json::Value::Null), false),
        (config("gr-v10", Protocol::Aade1155, serde_json::Value::Null), true),
        (config("gr-v01", Protocol::Aade1155, serde_json::json!({ "version": "01" })), false),
        (config("gr-cloud", Protocol::WebEcr, serde_json::json!({ "base_url": "http://127.0.0.1:9" })), true),
    ]
}

#[test]
fn f8_is_offered_only_where_the_protocol_can_preload() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    assert!(!register.can_preload("demo"), "the demo terminal speaks ECR17: no preloads");
    assert!(!register.can_preload(""), "no terminal chosen");
    assert!(!register.can_preload("nowhere"), "an unknown terminal");
    for (config, can) in cases() {
        register.add_terminal(&boss, &config).unwrap();
        assert_eq!(register.can_preload(&config.name), can, "{}", config.name);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn each_driver_agrees_with_the_capability() {
    for (config, can) in cases() {
        let Ok(driver) = tameio::terminal::connect(&config) else {
            assert!(!can, "{}: no driver, no preloads", config.name);
            continue;
        };
        let answer = driver.preload("R1-7", Money::from_cents(420)).await;
        let refused = matches!(answer, Err(TerminalError::NotSupported(_)));
        assert_eq!(refused, !can, "{}: {answer:?}", config.name);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_preload_records_nothing_and_speaks_greek() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    register.add_terminal(&boss, &cases()[0].0).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, "101", Quantity::ONE).unwrap();
    for name in ["demo", "it-lan"] {
        let err = register.defer_order(&boss, &cart, name).await.unwrap_err();
        let greek = err.message(&I18n::new(Lang::El));
        assert!(greek.contains("προφορτωμένες αποδείξεις"), "{greek}");
        assert!(!greek.contains("preloaded"), "no English inside Greek: {greek}");
    }
    assert!(register.deferred_receipts(false).unwrap().is_empty(), "no cancelled record left");
}
