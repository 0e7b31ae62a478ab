//! The AADE 1155 client against its simulator over loopback, through `session::run` with a
//! journal that proves nothing left before `prepare`: every scenario, recovery by `O` and
//! `L`, busy back-off, and a preload paid on the terminal then collected with `L`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use tameio::domain::money::Money;
use tameio::terminal::aade1155::sim::{Aade1155Sim, SimConfig, SimServer, spawn_in_process};
use tameio::terminal::aade1155::{Aade1155Options, Aade1155Terminal};
use tameio::terminal::session::{self, Attempt, AttemptState, MemoryJournal};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{
    Outcome, PaymentKind, PaymentRequest, Progress, ProgressSink, Terminal, TerminalError,
};

const ECR: &str = "CFB77000028";

fn sim_config(scenario: Scenario, version: &str) -> SimConfig {
    SimConfig {
        scenario,
        version: version.into(),
        slow_step_ms: 50,
        ack_timeout_ms: 10_000,
        ..SimConfig::default()
    }
}

/// Timeouts long enough for a loaded 2-core machine; none of them is what a test checks.
pub(crate) fn options(version: &str) -> Aade1155Options {
    Aade1155Options {
        version: version.into(),
        confirm_timeout_ms: 15_000,
        result_timeout_ms: 30_000,
        query_timeout_ms: 15_000,
        busy_backoff_ms: 5,
        ack_linger_ms: 15_000,
        ..Aade1155Options::default()
    }
}

async fn start(scenario: Scenario, version: &str) -> SimServer {
    spawn_in_process(sim_config(scenario, version)).await.unwrap()
}

fn terminal(name: &str, server: &SimServer, opts: Aade1155Options) -> Aade1155Terminal {
    let ecr = if opts.version == "01" { "8" } else { ECR };
    Aade1155Terminal::new(name, &server.addr.to_string(), ecr, opts).unwrap()
}

fn sale(cents: i64) -> PaymentRequest {
    PaymentRequest::new(PaymentKind::Sale, Money::from_cents(cents))
}

/// The journal the tests run payments with: it notes, at each `prepare`, how many requests
/// the simulator had received.
type Spy = tameio::terminal::ProbedJournal;

fn spy(sim: &Arc<Aade1155Sim>) -> Spy {
    let sim = sim.clone();
    Spy::new(move || sim.received().len())
}

struct Run {
    attempt: Attempt,
    spy: Spy,
    server: SimServer,
    progress: Vec<Progress>,
}

/// One payment of `cents` through the session on a fresh simulator.
async fn one(scenario: Scenario, version: &str, cents: i64, name: &str) -> Run {
    let server = start(scenario, version).await;
    let spy = spy(&server.sim);
    let term = terminal(name, &server, options(version));
    let (sink, mut rx) = ProgressSink::channel();
    let attempt = session::run(&spy, &term, &sale(cents), &sink).await.unwrap();
    assert_eq!(spy.seen_at_prepare(), [0], "prepared before the first byte");
    let mut progress = Vec::new();
    while let Ok(p) = rx.try_recv() {
        progress.push(p);
    }
    Run { attempt, spy, server, progress }
}

fn approval(a: &Attempt) -> &tameio::terminal::Approval {
    match &a.outcome {
        Some(Outcome::Approved(ok)) => ok,
        other => panic!("not approved: {other:?} ({a:?})"),
    }
}

#[tokio::test]
async fn approve_v10_acknowledges_the_result() {
    let r = one(Scenario::Approve, "10", 2500, "gr-approve").await;
    assert_eq!(r.attempt.state, AttemptState::Approved);
    assert_eq!(
        r.spy.states(r.attempt.id),
        [AttemptState::Prepared, AttemptState::Sent, AttemptState::Approved]
    );
    let ok = approval(&r.attempt);
    assert_eq!((ok.terminal_id.as_str(), ok.masked_pan.as_str()), ("80011693", "************4242"));
    assert_eq!(ok.rrn.len(), 12);
    assert_eq!(r.server.sim.count('A'), 1, "exactly one sale request");
    let sent = &r.server.sim.received()[0];
    assert_eq!(sent.session.as_deref(), Some(r.attempt.reference.as_str()), "the reference is the session");
    assert!(sent.message.starts_with("ECR0110A/S"), "{}", sent.message);
    assert!(r.server.sim.unacknowledged().is_empty(), "the RESULT was acknowledged");
    for p in [Progress::Connecting, Progress::Sent, Progress::Acknowledged, Progress::ResultReceived] {
        assert!(r.progress.contains(&p), "{p:?} missing from {:?}", r.progress);
    }
}

#[tokio::test]
async fn approve_v01_with_the_register_printing() {
    let server = start(Scenario::Approve, "01").await;
    let spy = spy(&server.sim);
    let opts = Aade1155Options { variant: "02".into(), ..options("01") };
    let term = terminal("gr-v01", &server, opts);
    let a = session::run(&spy, &term, &sale(500), &ProgressSink::none()).await.unwrap();
    let ok = approval(&a);
    assert!(ok.receipt_text.contains("ΠΟΣΟ/AMT: 5,00€"), "{}", ok.receipt_text);
    assert!(ok.receipt_text.contains("ΑΝΤΙΤΥΠΟ ΚΑΤΟΧΟΥ"));
    let sent = &server.sim.received()[0];
    assert!(
        sent.message.starts_with("ECR0201A/S") && sent.message.contains("/G:0:0:0:0/"),
        "{}",
        sent.message
    );
    assert_eq!(server.sim.count('R'), 0, "version 01 sends no acknowledgement");
}

#[tokio::test]
async fn decline() {
    let r = one(Scenario::Decline, "10", 2500, "gr-decline").await;
    assert_eq!(r.attempt.state, AttemptState::Declined);
    assert_eq!(r.attempt.outcome, Some(Outcome::declined("33", "declined")));
    assert_eq!(r.server.sim.count('A'), 1);
    assert_eq!(r.server.sim.totals(), 0);
}

#[tokio::test]
async fn busy_is_retried_then_reported_and_nothing_is_charged() {
    let r = one(Scenario::Busy, "10", 2500, "gr-busy").await;
    assert_eq!(r.attempt.state, AttemptState::Failed, "{:?}", r.attempt);
    assert_eq!(
        r.spy.states(r.attempt.id),
        [AttemptState::Prepared, AttemptState::Sent, AttemptState::Failed]
    );
    assert_eq!(r.server.sim.accepted('A'), 0);
    assert_eq!(r.server.sim.refused('A'), 4, "one try and three retries");
    assert!(r.progress.contains(&Progress::Retrying(3)));
    let sessions: Vec<_> = r.server.sim.received().iter().map(|x| x.session.clone()).collect();
    assert!(sessions.windows(2).all(|w| w[0] == w[1]), "the same session on every retry");
}

#[tokio::test]
async fn busy_once_is_retried_and_approved() {
    let r = one(Scenario::NakOnce, "10", 2500, "gr-busy-once").await;
    assert_eq!(r.attempt.state, AttemptState::Approved);
    assert_eq!((r.server.sim.refused('A'), r.server.sim.accepted('A')), (1, 1));
    assert!(r.progress.contains(&Progress::Retrying(1)));
}

#[tokio::test]
async fn split_glued_slow_no_confirm_and_noise_all_approve_once() {
    for (sc, name) in [
        (Scenario::Split, "gr-split"),
        (Scenario::Glued, "gr-glued"),
        (Scenario::Slow, "gr-slow"),
        (Scenario::NoAck, "gr-noack"),
        (Scenario::Garbage, "gr-garbage"),
    ] {
        let r = one(sc, "10", 2500, name).await;
        assert_eq!(r.attempt.state, AttemptState::Approved, "{sc}: {:?}", r.attempt);
        assert_eq!(r.server.sim.count('A'), 1, "{sc}");
        assert!(r.server.sim.unacknowledged().is_empty(), "{sc}");
    }
}

#[tokio::test]
async fn lost_result_is_recovered_by_o() {
    let r = one(Scenario::LostResult, "10", 2500, "gr-lost").await;
    assert_eq!(r.attempt.state, AttemptState::Approved, "{:?}", r.attempt);
    assert_eq!(
        r.spy.states(r.attempt.id),
        [
            AttemptState::Prepared,
            AttemptState::Sent,
            AttemptState::Unknown,
            AttemptState::Approved,
            AttemptState::Approved
        ]
    );
    assert!(r.progress.contains(&Progress::Recovering));
    assert_eq!(r.server.sim.count('A'), 1, "never resent");
    assert_eq!(r.server.sim.count('O'), 1);
    let o = r.server.sim.received().into_iter().find(|x| x.code == "O").unwrap();
    assert_eq!(o.session.as_deref(), Some(r.attempt.reference.as_str()));
    assert!(r.server.sim.unacknowledged().is_empty(), "acknowledged after recovery");
}

#[tokio::test]
async fn lost_result_is_recovered_by_l_when_the_terminal_lacks_o() {
    let cfg = SimConfig { resend_one: false, ..sim_config(Scenario::Approve, "10") };
    let server = spawn_in_process(cfg).await.unwrap();
    let spy = spy(&server.sim);
    let term = terminal("gr-lost-l", &server, options("10"));
    // .64 in the amount table: lost result.
    let a = session::run(&spy, &term, &sale(2564), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(approval(&a).stan, "000001");
    assert_eq!((server.sim.count('A'), server.sim.refused('O'), server.sim.accepted('L')), (1, 1, 1));
    assert!(server.sim.unacknowledged().is_empty(), "acknowledged through L");
}

#[tokio::test]
async fn nothing_stored_anywhere_stays_unknown() {
    // .70: the terminal aborts mid-payment and stores nothing.
    let server = start(Scenario::Approve, "10").await;
    let spy = spy(&server.sim);
    let term = terminal("gr-lost-none", &server, options("10"));
    let a = session::run(&spy, &term, &sale(1270), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    assert!(a.note.contains("O: E/100") && a.note.contains("L: no unacknowledged"), "{}", a.note);
    assert_eq!(server.sim.count('A'), 1);
    assert_eq!((server.sim.count('O'), server.sim.count('L')), (1, 1));
}

#[tokio::test]
async fn recovery_by_l_matches_the_session_and_leaves_strangers() {
    let server = start(Scenario::Approve, "10").await;
    let spy = spy(&server.sim);
    let term = terminal("gr-l-match", &server, options("10"));
    // A preloaded receipt paid on the terminal sits unacknowledged first.
    let preload_session = term.preload("ORD42", Money::from_cents(900)).await.unwrap();
    assert!(server.sim.pay_on_terminal(&preload_session).is_some());
    let a = session::run(&spy, &term, &sale(2564), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "O is exact whatever else waits: {a:?}");
    assert_eq!(server.sim.unacknowledged().len(), 1, "the stranger is still there");
    // Recovery that must go through L meets the stranger first: it is kept, not acknowledged.
    let attempt = Attempt { reference: "999999".into(), state: AttemptState::Unknown, ..a.clone() };
    let verdict = term.recover(&attempt).await.unwrap();
    match verdict {
        tameio::terminal::Recovery::Undecided { evidence, unmatched: Some(Outcome::Approved(_)) } => {
            assert!(evidence.contains(&preload_session), "{evidence}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.sim.unacknowledged().len(), 1);
}

#[tokio::test]
async fn disconnect_mid_payment_stays_unknown_and_is_never_resent() {
    let r = one(Scenario::DisconnectMidPayment, "10", 2500, "gr-disc").await;
    assert_eq!(r.attempt.state, AttemptState::Unknown, "{:?}", r.attempt);
    let term = terminal("gr-disc", &r.server, options("10"));
    let blocked = session::run(&r.spy, &term, &sale(2500), &ProgressSink::none()).await;
    assert!(matches!(blocked, Err(session::SessionError::UnresolvedAttempt { .. })));
    let again = session::recover_all(&r.spy, &term).await.unwrap();
    assert_eq!(again[0].state, AttemptState::Unknown);
    assert_eq!(r.server.sim.count('A'), 1, "never resent");
}

#[tokio::test]
async fn version_01_has_no_recovery_command() {
    let r = one(Scenario::LostResult, "01", 2500, "gr-v01-lost").await;
    assert_eq!(r.attempt.state, AttemptState::Unknown);
    assert!(r.attempt.note.contains("version 01 has no recovery"), "{}", r.attempt.note);
    assert_eq!((r.server.sim.count('A'), r.server.sim.count('O')), (1, 0));
}

#[tokio::test]
async fn preload_then_paid_on_the_terminal_then_l_returns_it() {
    let server = start(Scenario::Approve, "10").await;
    let term = terminal("gr-preload", &server, options("10"));
    let session = term.preload("ORD-77", Money::from_cents(4550)).await.unwrap();
    assert_eq!(server.sim.preloads()[0].session, session);
    assert_eq!(server.sim.preloads()[0].receipt, "ORD77");
    assert!(term.resend_unacknowledged().await.unwrap().is_empty(), "not paid yet");
    assert!(server.sim.pay_on_terminal(&session).is_some());
    let results = term.resend_unacknowledged().await.unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r.session, session);
    let card = r.card.clone().unwrap();
    assert_eq!((card.amount_cents(), card.ecr_status.as_deref()), (Some(4550), Some("2")));
    assert!(r.to_outcome().is_approved());
    assert!(server.sim.unacknowledged().is_empty(), "acknowledged");
    assert!(term.resend_unacknowledged().await.unwrap().is_empty());
}

#[tokio::test]
async fn softpos_refuses_a_refund_before_sending() {
    let server = start(Scenario::Approve, "10").await;
    let spy = spy(&server.sim);
    let opts =
        Aade1155Options { terminal_type: tameio::terminal::aade1155::TerminalType::SoftPos, ..options("10") };
    let term = terminal("gr-soft", &server, opts);
    let refund = PaymentRequest::new(PaymentKind::Refund, Money::from_cents(500));
    assert!(matches!(term.pay(&refund, &ProgressSink::none()).await, Err(TerminalError::NotSupported(_))));
    let a = session::run(&spy, &term, &refund, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed);
    assert!(server.sim.received().is_empty(), "nothing sent");
}

#[tokio::test]
async fn echo_init_and_session_key_load() {
    let mk = "ABCDEF01234567899876543210ABCDEF";
    let server = spawn_in_process(SimConfig { master_key: mk.into(), ..sim_config(Scenario::Approve, "10") })
        .await
        .unwrap();
    let term = terminal("gr-echo", &server, options("10"));
    let status = term.status().await.unwrap();
    assert_eq!((status.terminal_id.as_str(), status.operational), ("80011693", true));
    // The default init echo is the production shape `X/<ecr id>` (iliasPs/ecrTest MessageHandler.kt).
    let init = term.init_echo().await.unwrap();
    assert!(
        matches!(init, tameio::terminal::aade1155::reply::Reply::EchoReply { ref text, .. } if text == "CFB77000028")
    );
    assert!(server.sim.received().iter().any(|r| r.message == "ECR0110X/CFB77000028"));
    let sk = tameio::fiscal::parse_key("7E0269C147A7C328F46E497841CD5823").unwrap();
    let enc = tameio::fiscal::encrypt_session_key(&tameio::fiscal::parse_key(mk).unwrap(), &sk).unwrap();
    let kcv = hex::encode_upper(tameio::fiscal::kcv(&sk).unwrap());
    assert_eq!(kcv, "4C8166", "mydata.md §5 (WebECR v2.5.7 §3.7.10)");
    // A KCV that does not belong to the key is refused (E/503) and loads nothing.
    assert!(term.load_session_key(&format!("{}:CC5FFF", hex::encode_upper(enc))).await.is_err());
    assert!(server.sim.session_key().is_none());
    term.load_session_key(&format!("{}:{kcv}", hex::encode_upper(enc))).await.unwrap();
    assert_eq!(server.sim.session_key().unwrap(), sk.to_vec());
    let u = server.sim.received().into_iter().rfind(|r| r.code == "U").unwrap();
    assert!(u.message.ends_with(&format!("/CMAC_K:8FF79564430DD13EF06B5F199278FADC:{kcv}")), "{}", u.message);
    assert!(matches!(term.control("FORMAT_DISK:1").await, Err(TerminalError::NotSupported(_))));
}

#[tokio::test]
async fn wrong_currency_and_duplicate_session_are_refused_before_confirmed() {
    let server = start(Scenario::Approve, "10").await;
    let spy = spy(&server.sim);
    let usd = Aade1155Options { currency: "840".into(), ..options("10") };
    let term = terminal("gr-cur", &server, usd);
    let a = session::run(&spy, &term, &sale(2500), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed);
    assert!(a.note.contains("E/004"), "{}", a.note);
    // A second request with the previous session number gets E/002.
    let term = terminal("gr-dup", &server, options("10"));
    let first = sale(2500);
    let ok = session::run(&spy, &term, &first, &ProgressSink::none()).await.unwrap();
    assert_eq!(ok.state, AttemptState::Approved);
    let err = term.pay(&first, &ProgressSink::none()).await.unwrap_err();
    assert!(err.to_string().contains("E/002"), "{err}");
    assert!(!err.may_have_reached_terminal());
}

#[tokio::test]
async fn the_inferred_mac_is_sent_only_when_switched_on() {
    let server = start(Scenario::Approve, "10").await;
    let spy = spy(&server.sim);
    let opts = Aade1155Options {
        mac: tameio::terminal::aade1155::MacMode::Retail,
        session_key: "7E0269C147A7C328F46E497841CD5823".into(),
        ..options("10")
    };
    let term = terminal("gr-mac", &server, opts);
    let a = session::run(&spy, &term, &sale(2500), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    let sent = &server.sim.received()[0].message;
    let q = sent.rsplit_once("/Q").map(|(_, q)| q.to_string()).unwrap_or_default();
    assert!(q.len() == 8 && q.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase()), "{sent}");
    let plain = terminal("gr-mac-off", &server, options("10"));
    session::run(&spy, &plain, &sale(2500), &ProgressSink::none()).await.unwrap();
    // MAC off: the `/Q` field still goes out, empty (every public v10 example carries it).
    let second = server.sim.received().into_iter().rfind(|r| r.code == "A").unwrap();
    assert!(second.message.ends_with("/Q"), "{}", second.message);
}

#[tokio::test]
async fn instalments_go_out_as_i_with_the_count_and_moto_as_m() {
    let server = start(Scenario::Approve, "10").await;
    let journal = MemoryJournal::new();
    let term = terminal("gr-extras", &server, options("10"));
    let mut in_three = sale(30_000);
    in_three.instalments = 3;
    let a = session::run(&journal, &term, &in_three, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(approval(&a).tip, Money::ZERO, "v10 reports the tip; the simulator adds none");
    let moto = PaymentRequest::new(PaymentKind::Moto, Money::from_cents(4_200));
    let m = session::run(&journal, &term, &moto, &ProgressSink::none()).await.unwrap();
    assert_eq!((m.state, m.kind), (AttemptState::Approved, PaymentKind::Moto));
    let sent = server.sim.received();
    assert_eq!(sent.iter().map(|r| r.code.as_str()).filter(|c| *c != "R").collect::<Vec<_>>(), ["I", "M"]);
    assert!(
        sent[0].message.starts_with("ECR0110I/S") && sent[0].message.ends_with("/M3/Q"),
        "{}",
        sent[0].message
    );
    let m_req = sent.iter().find(|r| r.code == "M").unwrap();
    assert!(m_req.message.contains("/F4200:978:2/") && m_req.message.ends_with("/M0/Q"), "{}", m_req.message);
    assert_eq!(server.sim.count('A'), 0, "neither went out as a plain sale");
}

#[tokio::test]
async fn tips_and_softpos_extras_are_refused_before_sending() {
    let server = start(Scenario::Approve, "10").await;
    let journal = MemoryJournal::new();
    let term = terminal("gr-tip", &server, options("10"));
    let mut tipped = sale(2_500);
    tipped.tip = Money::from_cents(300);
    assert!(matches!(term.pay(&tipped, &ProgressSink::none()).await, Err(TerminalError::NotSupported(_))));
    let mut moto_in_two = PaymentRequest::new(PaymentKind::Moto, Money::from_cents(2_500));
    moto_in_two.instalments = 2;
    assert!(matches!(
        term.pay(&moto_in_two, &ProgressSink::none()).await,
        Err(TerminalError::NotSupported(_))
    ));
    let soft =
        Aade1155Options { terminal_type: tameio::terminal::aade1155::TerminalType::SoftPos, ..options("10") };
    let soft = terminal("gr-soft-extras", &server, soft);
    let mut in_two = sale(2_500);
    in_two.instalments = 2;
    for req in [in_two, PaymentRequest::new(PaymentKind::Moto, Money::from_cents(2_500))] {
        assert!(matches!(soft.pay(&req, &ProgressSink::none()).await, Err(TerminalError::NotSupported(_))));
        let a = session::run(&journal, &soft, &req, &ProgressSink::none()).await.unwrap();
        assert_eq!(a.state, AttemptState::Failed, "{a:?}");
    }
    assert!(server.sim.received().is_empty(), "nothing sent");
}

#[tokio::test]
async fn the_protocol_log_shows_the_sale_and_its_greek_print_data() {
    use tameio::terminal::wirelog::{self, Direction};
    let server = start(Scenario::Approve, "01").await;
    let opts = Aade1155Options { variant: "02".into(), ..options("01") };
    let term = terminal("gr-wirelog", &server, opts);
    let a = session::run(&MemoryJournal::new(), &term, &sale(777), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    let peer = server.addr.to_string();
    let mine: Vec<_> = wirelog::recent(wirelog::CAPACITY).into_iter().filter(|e| e.peer == peer).collect();
    assert!(mine.iter().all(|e| e.protocol == "aade1155"));
    assert!(mine.iter().any(|e| e.dir == Direction::Out && e.text.contains("A/S")), "{mine:?}");
    assert!(
        mine.iter().any(|e| e.dir == Direction::In && e.text.contains("ΠΟΣΟ/AMT")),
        "Greek decoded: {mine:?}"
    );
}
