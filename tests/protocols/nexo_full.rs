//! nexo full integration: the register's listener against the simulated terminal posting to
//! it (display texts in order, a signature confirmed or refused), and against the Swedbank
//! samples posted as a terminal would (TransmitRequest, EventNotification, bad XML).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tameio::domain::money::Money;
use tameio::terminal::nexo::sim::{SimConfig, SimServer, spawn_in_process};
use tameio::terminal::nexo::{NexoOptions, NexoTerminal, PATH};
use tameio::terminal::session::{self, AttemptState, MemoryJournal};
use tameio::terminal::{Outcome, PaymentKind, PaymentRequest, Progress, ProgressSink};

fn full(server: &SimServer, confirm_signature: bool) -> NexoTerminal {
    let opts = NexoOptions {
        poiid: "A-POIID".into(),
        mode: "full".into(),
        listen: "127.0.0.1:0".into(),
        confirm_signature,
        busy_backoff_ms: 10,
        ..NexoOptions::default()
    };
    let name = format!("pax-full-{}", server.addr.port());
    NexoTerminal::new(&name, &server.addr.to_string(), "1", opts).unwrap()
}

async fn started(signature: bool, confirm: bool) -> (SimServer, NexoTerminal) {
    let config = SimConfig { step_ms: 10, busy_after_ms: 0, signature, ..SimConfig::default() };
    let server = spawn_in_process(config).await.unwrap();
    let term = full(&server, confirm);
    let (addr, _) = term.listen().await.unwrap();
    server.sim.set_pos(&addr.to_string());
    (server, term)
}

async fn pay(term: &NexoTerminal) -> (session::Attempt, Vec<String>) {
    let (sink, mut rx) = ProgressSink::channel();
    let req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(2500));
    let attempt = session::run(&MemoryJournal::new(), term, &req, &sink).await.unwrap();
    drop(sink);
    let mut shown = Vec::new();
    while let Ok(p) = rx.try_recv() {
        if let Progress::Display(text) = p {
            shown.push(text);
        }
    }
    (attempt, shown)
}

#[tokio::test]
async fn the_terminals_display_texts_reach_the_payment_in_order() {
    let (_server, term) = started(false, false).await;
    let (attempt, shown) = pay(&term).await;
    assert_eq!(attempt.state, AttemptState::Approved, "{attempt:?}");
    assert_eq!(shown, ["Present card", "Enter PIN", "Authorising", "Approved"]);
}

#[tokio::test]
async fn a_confirmed_signature_approves_and_keeps_the_copy() {
    let (server, term) = started(true, true).await;
    let (attempt, _) = pay(&term).await;
    let Some(Outcome::Approved(a)) = &attempt.outcome else { panic!("{attempt:?}") };
    assert!(a.receipt_text.contains("Signature: ____________"), "{}", a.receipt_text);
    let categories: Vec<String> = server.sim.received().into_iter().map(|r| r.category).collect();
    assert_eq!(categories, ["Login", "Payment"]);
    let (_, heard) = term.listen().await.unwrap();
    assert_eq!(heard.prints().len(), 1);
}

#[tokio::test]
async fn a_refused_signature_is_not_a_sale() {
    let (server, term) = started(true, false).await;
    let (attempt, shown) = pay(&term).await;
    assert_eq!(attempt.state, AttemptState::Declined, "{attempt:?}");
    let Some(Outcome::Declined { message, .. }) = &attempt.outcome else { panic!() };
    assert!(message.contains("Signature refused"), "{message}");
    assert_eq!(shown.last().map(String::as_str), Some("Declined"));
    assert_eq!(server.sim.approved_payments(), 0);
}

/// Strict profile: a restarted terminal numbers its device messages from the start again
/// (review N-5); the listener forgets what it heard in the earlier login session, so the new
/// payment's display texts are shown, not dropped as repeats.
#[tokio::test]
async fn strict_after_a_terminal_restart_the_listener_forgets_the_old_message_ids() {
    let config = SimConfig { step_ms: 10, busy_after_ms: 0, strict: true, ..SimConfig::default() };
    let server = spawn_in_process(config).await.unwrap();
    let term = full(&server, true);
    let (addr, _) = term.listen().await.unwrap();
    server.sim.set_pos(&addr.to_string());
    let (first, shown) = pay(&term).await;
    assert_eq!(first.state, AttemptState::Approved, "{first:?}");
    assert_eq!(shown, ["Present card", "Enter PIN", "Authorising", "Approved"]);
    server.sim.forget_logins();
    let (second, shown) = pay(&term).await;
    assert_eq!(second.state, AttemptState::Approved, "{second:?}");
    assert_eq!(shown, ["Present card", "Enter PIN", "Authorising", "Approved"], "none dropped as a repeat");
    let logins = server.sim.received().iter().filter(|r| r.category == "Login").count();
    assert_eq!(logins, 2, "the restarted terminal said NotAllowed: a new login session");
}

fn vector(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/nexo").join(name);
    std::fs::read_to_string(path).unwrap()
}

#[tokio::test]
async fn the_listener_answers_what_a_terminal_posts_and_refuses_garbage() {
    let (_server, term) = started(false, false).await;
    let (addr, heard) = term.listen().await.unwrap();
    let url = format!("http://{addr}{PATH}");
    let http = tameio::terminal::http::client_builder().build().unwrap();
    let post = |body: String| {
        let http = http.clone();
        let url = url.clone();
        async move { http.post(url).body(body).send().await.unwrap() }
    };

    let transmit = post(vector("auto-configure-ecr-2-terminal__0__TransmitRequest.xml")).await;
    assert_eq!(transmit.status().as_u16(), 204);
    assert_eq!(heard.new_address().as_deref(), Some("192.168.78.15:11000"));

    let event = post(vector("Quick-guide__eventnotifications__0__EventNotification.xml")).await;
    assert_eq!(event.status().as_u16(), 204);
    assert!(heard.maintenance_required());
    assert_eq!(heard.events(), ["SaleAdmin Maintenance Required"]);

    let input = post(vector("dialog-in-terminal__0__InputRequest.xml")).await;
    assert_eq!(input.status().as_u16(), 200);
    let answer = tameio::terminal::nexo::codec::parse_response(&input.text().await.unwrap()).unwrap();
    assert_eq!(
        (answer.header.service_id.as_deref(), answer.header.device_id.as_deref()),
        (Some("45"), Some("45"))
    );

    for bad in ["<html>", "<SaleToPOIRequest><MessageHeader", ""] {
        assert_eq!(post(bad.to_string()).await.status().as_u16(), 400, "{bad:?}");
    }
    let huge = format!("<SaleToPOIRequest>{}</SaleToPOIRequest>", "x".repeat(1024 * 1024));
    assert_eq!(post(huge).await.status().as_u16(), 413, "bodies are size-limited");
    // Still serving.
    assert_eq!(post(vector("dialog-in-terminal__3__DisplayRequest.xml")).await.status().as_u16(), 204);
}

#[tokio::test]
async fn maintenance_asked_for_means_logout_allowing_it_then_a_new_login() {
    let (server, term) = started(false, false).await;
    let (addr, heard) = term.listen().await.unwrap();
    let first = pay(&term).await.0;
    assert_eq!(first.state, AttemptState::Approved);
    let event = vector("Quick-guide__eventnotifications__0__EventNotification.xml");
    let sent = tameio::terminal::http::client_builder()
        .build()
        .unwrap()
        .post(format!("http://{addr}{PATH}"))
        .body(event)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status().as_u16(), 204);
    assert!(heard.maintenance_required());
    let second = pay(&term).await.0;
    assert_eq!(second.state, AttemptState::Approved);
    let third = pay(&term).await.0;
    assert_eq!(third.state, AttemptState::Approved);
    let categories: Vec<String> = server.sim.received().into_iter().map(|r| r.category).collect();
    assert_eq!(categories, ["Login", "Payment", "Payment", "Logout", "Login", "Payment"]);
    assert!(!heard.maintenance_required());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_in_full_integration_from_the_command_line() {
    // The register's listener port, as entered in the terminal's admin menu.
    let listen = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let config = SimConfig {
        step_ms: 10,
        busy_after_ms: 0,
        signature: true,
        pos: Some(listen.to_string()),
        ..SimConfig::default()
    };
    let server = spawn_in_process(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let run = move |args: String| {
        let d = d.clone();
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.split_whitespace().collect();
            crate::support::binary::at(&d, &args).env("TAMEIO_KEEP_DEMO_PINS", "true").output().unwrap()
        })
    };
    let add = run(format!(
        "terminal add front --protocol nexo --addr {} --option poiid=A-POIID --option mode=full --option listen={listen} --option confirm_signature=true",
        server.addr
    ))
    .await
    .unwrap();
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let paid = run("pay 25.00 --terminal front --json".into()).await.unwrap();
    let out = String::from_utf8_lossy(&paid.stdout).to_string();
    assert_eq!(paid.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&paid.stderr));
    assert!(out.contains("\"state\":\"approved\""), "{out}");
    assert_eq!(server.sim.approved_payments(), 1, "the signature was confirmed over the listener");
}
