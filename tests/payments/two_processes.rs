//! Two tameio processes on one data folder and terminal (ARCHITECTURE "The payment rule",
//! step 0): while one runs a slow payment, the other's `pay`, `recover` and `deferred refresh`
//! are told the terminal is busy in that process, send nothing and resolve nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::binary::harness as tameio;
use support::books::{AttemptRow, Books};
use support::process::{HUNG_AFTER, Ran, Running, Tameio};
use support::terminals::TERMINAL;
use tameio::terminal::{ecr17, webecr};

/// A runtime for the in-process simulator; its workers serve while the test thread blocks.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

fn ok(ran: &Ran) {
    assert_eq!(ran.code, Some(0), "{}", ran.summary());
}

/// Waits until `ready`, while the paying process is still running (else its output is shown).
fn wait_until(paying: &mut Running, mut ready: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(!paying.finished(), "the paying process ended before its request was seen");
        assert!(started.elapsed() < HUNG_AFTER, "the simulator never saw the request");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The other process was refused with the holder's pid and changed nothing.
fn refused_as_busy(ran: &Ran, holder: u32) {
    let said = format!("{}{}", ran.stdout, ran.stderr);
    assert!(said.contains("busy in another tameio"), "{}", ran.summary());
    assert!(said.contains(&format!("pid {holder}")), "names the holder {holder}: {}", ran.summary());
}

/// The one attempt, as the journal holds it, and its trail of states.
fn the_attempt(dir: &Path) -> (AttemptRow, Vec<String>) {
    let books = Books::read(dir).unwrap();
    assert_eq!(books.attempts.len(), 1, "one attempt only: {}", books.describe());
    let attempt = books.attempts[0].clone();
    let trail = books.events_of(&attempt.id).iter().map(|e| e.state.clone()).collect();
    (attempt, trail)
}

/// What the second process tries while the first one pays; each must be refused.
fn second_process_is_refused(t: &Tameio, dir: &Path, holder: u32) {
    let pay = t.run(dir, &["pay", "1,00", "--terminal", TERMINAL, "--json"]);
    assert_eq!(pay.code, Some(1), "{}", pay.summary());
    refused_as_busy(&pay, holder);

    // `recover` fails (exit 1) naming the holder, and lists the attempt as still open.
    let recover = t.run(dir, &["recover", "--json"]);
    assert_eq!(recover.code, Some(1), "{}", recover.summary());
    assert_eq!(recover.json()["still_open"], 1, "{}", recover.summary());
    assert_eq!(recover.json()["busy"][0]["pid"], holder, "{}", recover.summary());
    refused_as_busy(&recover, holder);

    let (attempt, trail) = the_attempt(dir);
    assert_eq!(attempt.state, "sent", "the first process's attempt is untouched: {trail:?}");
    assert_eq!(trail, ["prepared", "sent"]);
}

#[test]
fn ecr17_a_slow_payment_keeps_a_second_process_off_the_terminal() {
    let rt = runtime();
    let server = rt.block_on(ecr17::sim::spawn_in_process(ecr17::sim::SimConfig::default())).unwrap();
    let t = tameio();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let addr = server.addr.to_string();
    let tid = ecr17::sim::SimConfig::default().tid;
    ok(&t.run(
        dir,
        &[
            "terminal",
            "add",
            TERMINAL,
            "--protocol",
            "ecr17",
            "--addr",
            &addr,
            "--terminal-id",
            &tid,
            "--keep-demo-pins",
        ],
    ));

    // The slow scenario (.62), held before its result until the other process is done.
    server.sim.pause();
    let sale = ["sale", "--item", "901@7,62", "--card", "--terminal", TERMINAL, "--json"];
    let mut paying = Running::spawn(t.at(dir, &sale)).unwrap();
    wait_until(&mut paying, || server.sim.accepted('P') == 1);
    let before = server.sim.received();

    second_process_is_refused(&t, dir, paying.pid());
    // Nothing is waiting for a preload on ECR17: the refresh has no terminal to ask.
    ok(&t.run(dir, &["deferred", "refresh", "--json"]));
    assert_eq!(server.sim.received(), before, "the second process sent nothing to the terminal");

    server.sim.resume();
    let paid = paying.wait();
    ok(&paid);
    assert!(!paid.json()["receipt"].is_null(), "{}", paid.summary());
    let (attempt, trail) = the_attempt(dir);
    assert_eq!(attempt.state, "approved");
    assert_eq!(trail, ["prepared", "sent", "approved"], "resolved by its own process only");
    let received = server.sim.received();
    assert_eq!(server.sim.accepted('P'), 1, "{received:?}");
    // A `G` before the `P` is the session's baseline; none after it: nobody asked for the result.
    let after_p = received.iter().skip_while(|r| r.code != "P");
    assert!(after_p.into_iter().all(|r| r.code != "G"), "nobody had to ask for the result: {received:?}");

    let after = t.run(dir, &["recover", "--json"]);
    ok(&after);
    assert_eq!(Books::read(dir).unwrap().receipts.len(), 1);
}

#[test]
fn webecr_a_slow_payment_keeps_a_second_process_off_the_terminal() {
    let rt = runtime();
    // The long wait (.62) completes only when the test moves the backend's clock.
    let config = webecr::sim::SimConfig { slow_polls: u32::MAX, ..webecr::sim::SimConfig::default() };
    let server = rt.block_on(webecr::sim::spawn_in_process(config.clone())).unwrap();
    let t = tameio();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    ok(&t.run(
        dir,
        &[
            "terminal",
            "add",
            TERMINAL,
            "--keep-demo-pins",
            "--protocol",
            "webecr",
            "--base-url",
            &server.base_url(),
            "--terminal-id",
            &config.tid,
            "--username",
            &config.username,
            "--password",
            &config.password,
            "--option",
            "poll_interval_ms=200",
        ],
    ));
    ok(&t.run(dir, &["terminal", "pair", TERMINAL, "--code", &server.sim.new_pairing_code()]));
    // A preload waits on this terminal, so `deferred refresh` has to ask it.
    ok(&t.run(dir, &["deferred", "send", "--item", "101", "--terminal", TERMINAL, "--json"]));
    let preloads = server.sim.received().len();

    let sale = ["sale", "--item", "901@7,62", "--card", "--terminal", TERMINAL, "--json"];
    let mut paying = Running::spawn(t.at(dir, &sale)).unwrap();
    wait_until(&mut paying, || server.sim.received().len() > preloads);
    let before = server.sim.received();

    second_process_is_refused(&t, dir, paying.pid());
    let refresh = t.run(dir, &["deferred", "refresh", "--json"]);
    assert_eq!(refresh.code, Some(1), "{}", refresh.summary());
    refused_as_busy(&refresh, paying.pid());
    // The terminal is listed as not asked (the command itself exits 0 today: it reports per terminal).
    let not_reached = refresh.json()["not_reached"].clone();
    assert_eq!(not_reached[0]["terminal"], TERMINAL, "{}", refresh.summary());
    assert_eq!(server.sim.received(), before, "the second process sent nothing to the backend");

    server.sim.advance(config.slow_secs);
    let paid = paying.wait();
    ok(&paid);
    let (attempt, trail) = the_attempt(dir);
    assert_eq!(attempt.state, "approved");
    assert_eq!(trail, ["prepared", "sent", "approved"], "resolved by its own process only");
    let payments: Vec<_> = server.sim.received().into_iter().skip(preloads).collect();
    assert_eq!(payments.len(), 1, "exactly one payment reached the backend: {payments:?}");
    assert_eq!(server.sim.intents_for(&attempt.id), 1);

    ok(&t.run(dir, &["recover", "--json"]));
    assert_eq!(Books::read(dir).unwrap().receipts.len(), 1);
}
