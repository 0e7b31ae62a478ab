//! The other ECR17 operations against the simulator (status, totals, batch close, reprint,
//! void, pre-auth chain, verification, extended payment) and the amount table in one run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ecr17::*;
use tameio::domain::money::Money;
use tameio::terminal::ecr17::frame::LrcRule;
use tameio::terminal::ecr17::sim::{SimConfig, spawn_in_process};
use tameio::terminal::ecr17::{Ecr17Options, Ecr17Terminal};
use tameio::terminal::session::{self, AttemptState};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{
    MemoryJournal, Outcome, PaymentKind, PaymentRequest, ProgressSink, Terminal, TerminalConfig,
    TerminalError,
};

fn approval(o: &Option<Outcome>) -> &tameio::terminal::Approval {
    match o {
        Some(Outcome::Approved(a)) => a,
        other => panic!("not approved: {other:?}"),
    }
}

#[tokio::test]
async fn status_totals_close_and_reprint() {
    let server = start(Scenario::Approve).await;
    let term = terminal("ops-books", &server);
    let status = term.status().await.unwrap();
    assert_eq!(status.terminal_id, TID);
    assert!(status.operational);
    assert_eq!(status.software_release, "TAMEIO SIM 1");
    assert_eq!(term.last_result().await.unwrap(), None, "nothing stored yet");
    let j = MemoryJournal::new();
    for cents in [650, 1200] {
        assert_eq!(
            session::run(&j, &term, &sale(cents), &ProgressSink::none()).await.unwrap().state,
            AttemptState::Approved
        );
    }
    let last = term.last_result().await.unwrap().unwrap();
    assert_eq!(approval(&Some(last)).stan, "000002");
    let totals = term.totals().await.unwrap();
    assert_eq!((totals.ok, totals.terminal_total, totals.host_total), (true, Money::from_cents(1850), None));
    let slip = term.reprint_last().await.unwrap();
    assert!(slip.contains("IMPORTO EUR 12,00"), "{slip}");
    let closed = term.close_batch().await.unwrap();
    assert_eq!(closed.host_total, Some(Money::from_cents(1850)));
    assert!(closed.receipt_text.contains("CHIUSURA CONTABILE"), "{}", closed.receipt_text);
    assert_eq!(term.totals().await.unwrap().terminal_total, Money::ZERO);
    assert_eq!(server.sim.accepted('P'), 2);
}

#[tokio::test]
async fn void_checks_the_stan_of_the_last_payment() {
    let server = start(Scenario::Approve).await;
    let term = terminal("ops-void", &server);
    let j = MemoryJournal::new();
    let paid = session::run(&j, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    let stan = approval(&paid.outcome).stan.clone();
    let mut void = PaymentRequest::new(PaymentKind::Void, Money::from_cents(650));
    void.original = Some("999999".into());
    let wrong = session::run(&j, &term, &void, &ProgressSink::none()).await.unwrap();
    assert_eq!(wrong.state, AttemptState::Declined);
    let mut void = PaymentRequest::new(PaymentKind::Void, Money::from_cents(650));
    void.original = Some(stan);
    let ok = session::run(&j, &term, &void, &ProgressSink::none()).await.unwrap();
    assert_eq!(ok.state, AttemptState::Approved);
    assert_eq!(approval(&ok.outcome).action_code, "000");
    assert_eq!(server.sim.totals(), 0);
}

#[tokio::test]
async fn preauth_incremental_and_completion() {
    let server = start(Scenario::Approve).await;
    let term = terminal("ops-preauth", &server);
    let j = MemoryJournal::new();
    let pre = session::run(
        &j,
        &term,
        &PaymentRequest::new(PaymentKind::PreAuth, Money::from_cents(50_000)),
        &ProgressSink::none(),
    )
    .await
    .unwrap();
    let code = approval(&pre.outcome).preauth_code.clone();
    assert_eq!(code.len(), 9);
    assert_eq!(approval(&pre.outcome).host_amount, "50000");
    for (kind, cents) in [(PaymentKind::Incremental, 5_000), (PaymentKind::Completion, 55_000)] {
        let mut req = PaymentRequest::new(kind, Money::from_cents(cents));
        req.preauth_code = Some(code.clone());
        let a = session::run(&j, &term, &req, &ProgressSink::none()).await.unwrap();
        assert_eq!(a.state, AttemptState::Approved, "{kind:?}: {a:?}");
    }
    let mut again = PaymentRequest::new(PaymentKind::Completion, Money::from_cents(1));
    again.preauth_code = Some(code);
    let closed = session::run(&j, &term, &again, &ProgressSink::none()).await.unwrap();
    assert_eq!(closed.state, AttemptState::Declined, "a closed pre-auth cannot be captured twice");
    assert_eq!(server.sim.totals(), 55_000);
}

#[tokio::test]
async fn verification_and_unsupported_refund() {
    let server = start(Scenario::Approve).await;
    let term = terminal("ops-verify", &server);
    let j = MemoryJournal::new();
    let v = session::run(
        &j,
        &term,
        &PaymentRequest::new(PaymentKind::Verify, Money::ZERO),
        &ProgressSink::none(),
    )
    .await
    .unwrap();
    assert_eq!(v.state, AttemptState::Approved);
    assert_eq!(server.sim.accepted('H'), 1);
    let r = session::run(
        &j,
        &term,
        &PaymentRequest::new(PaymentKind::Refund, Money::from_cents(100)),
        &ProgressSink::none(),
    )
    .await
    .unwrap();
    assert_eq!(r.state, AttemptState::Failed);
    assert!(r.note.contains("refund"));
}

#[tokio::test]
async fn extended_payment_recovers_matching_on_amount() {
    let server = start(Scenario::LostResult).await;
    let term = terminal_with("ops-x", &server, Ecr17Options { extended_payment: true, ..options() });
    let j = MemoryJournal::new();
    let a = session::run(&j, &term, &sale(4321), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(approval(&a.outcome).host_amount, "4321");
    assert_eq!(server.sim.accepted('X'), 1);
}

#[tokio::test]
async fn receipt_before_result_and_stx_exclusive_lrc_terminal() {
    let config =
        SimConfig { receipt_before_result: true, lrc: LrcRule::EtxOnly, ..sim_config(Scenario::Approve) };
    let server = spawn_in_process(config).await.unwrap();
    let term = terminal("ops-order", &server);
    let a = session::run(&MemoryJournal::new(), &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    assert!(approval(&a.outcome).receipt_text.contains("TRANSAZIONE ESEGUITA"));
}

#[tokio::test]
async fn receipts_can_stay_on_the_terminal() {
    let server = start(Scenario::Approve).await;
    let term = terminal_with("ops-noe1", &server, Ecr17Options { receipt_on_ecr: false, ..options() });
    let a = session::run(&MemoryJournal::new(), &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(approval(&a.outcome).receipt_text, "");
    assert_eq!(server.sim.accepted('E'), 0);
}

#[tokio::test]
async fn wrong_terminal_id_is_refused_before_anything_happens() {
    let server = start(Scenario::Approve).await;
    let term = Ecr17Terminal::new("ops-tid", &server.addr.to_string(), "11111111", "1", options());
    assert!(matches!(term.status().await, Err(TerminalError::NotSupported(_))));
    let a = session::run(&MemoryJournal::new(), &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed);
    assert_eq!(server.sim.accepted('P'), 0);
}

#[tokio::test]
async fn connect_builds_a_working_terminal_from_json_config() {
    let server = start(Scenario::Approve).await;
    let config: TerminalConfig = serde_json::from_value(serde_json::json!({
        "name": "ops-config",
        "protocol": "ecr17",
        "addr": server.addr.to_string(),
        "terminal_id": TID,
        "cash_register_id": "3",
        "options": { "ack_timeout_ms": 5000, "payment_timeout_ms": 30000 }
    }))
    .unwrap();
    let term = tameio::terminal::connect(&config).unwrap();
    assert_eq!(term.name(), "ops-config");
    let a =
        session::run(&MemoryJournal::new(), term.as_ref(), &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    assert!(
        server.sim.received().iter().any(|r| r.code == "P" && r.message.starts_with("371050510P00000003"))
    );
}

#[tokio::test]
async fn one_simulator_run_covers_the_amount_table() {
    let server = start(Scenario::Approve).await;
    let j = MemoryJournal::new();
    let expected = [
        (Scenario::Decline, AttemptState::Declined),
        (Scenario::Slow, AttemptState::Approved),
        (Scenario::NoAck, AttemptState::Approved),
        (Scenario::LostResult, AttemptState::Approved),
        (Scenario::Split, AttemptState::Approved),
        (Scenario::Glued, AttemptState::Approved),
        (Scenario::NakOnce, AttemptState::Approved),
        (Scenario::Garbage, AttemptState::Approved),
        (Scenario::Busy, AttemptState::Failed),
        (Scenario::DisconnectMidPayment, AttemptState::Unknown),
    ];
    for (i, (scenario, state)) in expected.into_iter().enumerate() {
        let cents = 2_000 + scenario.table_cents().unwrap();
        let term = terminal(&format!("ops-table-{i}"), &server);
        let a = session::run(&j, &term, &sale(cents), &ProgressSink::none()).await.unwrap();
        assert_eq!(a.state, state, "{scenario}: {a:?}");
        let last = server.sim.received().into_iter().rfind(|r| r.code == "P").unwrap();
        assert_eq!(last.scenario.filter(|_| last.accepted), (scenario != Scenario::Busy).then_some(scenario));
    }
    assert_eq!(server.sim.accepted('P'), 9, "busy took none; every other one exactly once");
}

#[tokio::test]
async fn tips_instalments_and_moto_are_refused_before_sending() {
    let server = start(Scenario::Approve).await;
    let term = terminal("ops-extras", &server);
    let j = MemoryJournal::new();
    let mut tipped = sale(650);
    tipped.tip = Money::from_cents(100);
    let mut in_three = sale(650);
    in_three.instalments = 3;
    let moto = PaymentRequest::new(PaymentKind::Moto, Money::from_cents(650));
    for req in [tipped, in_three, moto] {
        assert!(matches!(term.pay(&req, &ProgressSink::none()).await, Err(TerminalError::NotSupported(_))));
        let a = session::run(&j, &term, &req, &ProgressSink::none()).await.unwrap();
        assert_eq!(a.state, AttemptState::Failed, "{a:?}");
    }
    assert!(server.sim.received().iter().all(|r| r.code != "P"), "the terminal received no P");
    assert_eq!(server.sim.totals(), 0);
}
