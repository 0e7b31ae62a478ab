//! AADE 1155 behaviour that public evidence settles (each test names its source; the bytes are
//! the files under `tests/vectors/aade1155/`): the `/Q` field on v10 requests, `MAC_K` with its
//! KCV, a RESULT of another session while ours is awaited, a header that cannot be AADE, and the
//! slip's right-aligned fields.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tameio::domain::money::Money;
use tameio::terminal::aade1155::frame::{Frame, Splitter};
use tameio::terminal::aade1155::message::Request;
use tameio::terminal::aade1155::reply::Reply;
use tameio::terminal::aade1155::sim::{SimConfig, SimServer, spawn_in_process};
use tameio::terminal::aade1155::{Aade1155Options, Aade1155Terminal, POS_SESSION};
use tameio::terminal::session::{self, AttemptState, MemoryJournal};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{PaymentKind, PaymentRequest, ProgressSink, Terminal, TerminalError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const ECR: &str = "CFB77000028";

fn vector(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/aade1155").join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let hex: String = text
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(h, _)| h))
        .flat_map(str::split_whitespace)
        .collect();
    hex::decode(hex).unwrap()
}

fn frames(bytes: &[u8]) -> Vec<Frame> {
    let mut s = Splitter::default();
    s.push(bytes);
    std::iter::from_fn(|| s.next_frame()).map(Result::unwrap).collect()
}

fn sized(payload: &[u8]) -> Vec<u8> {
    let mut v = (payload.len() as u16).to_be_bytes().to_vec();
    v.extend_from_slice(payload);
    v
}

fn options() -> Aade1155Options {
    Aade1155Options {
        confirm_timeout_ms: 15_000,
        result_timeout_ms: 30_000,
        query_timeout_ms: 15_000,
        ack_linger_ms: 15_000,
        ..Aade1155Options::default()
    }
}

async fn sim(config: SimConfig) -> SimServer {
    spawn_in_process(SimConfig { ack_timeout_ms: 10_000, amount_table: false, ..config }).await.unwrap()
}

/// Sends one frame as a register would and returns the terminal's first reply.
async fn first_reply(server: &SimServer, frame: &[u8]) -> Reply {
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(frame).await.unwrap();
    let mut splitter = Splitter::default();
    let mut buf = [0u8; 2048];
    loop {
        if let Some(f) = splitter.next_frame() {
            return Reply::parse(&f.unwrap().body).unwrap();
        }
        let n = s.read(&mut buf).await.unwrap();
        assert!(n > 0, "closed without a reply");
        splitter.push(&buf[..n]);
    }
}

/// The frame with its `/Q…` field cut off (the rest, header included, unchanged).
fn without_q(frame: &Frame) -> Vec<u8> {
    let body = String::from_utf8(frame.body.clone()).unwrap();
    let (kept, _) = body.rsplit_once("/Q").unwrap();
    Frame::new(&frame.direction, &frame.variant, &frame.version, kept.as_bytes().to_vec()).encode().unwrap()
}

/// iliasPs/ecrTest `DataTransformer.kt` matches the amount family with a pattern ending in the
/// literal `/Q` (its 8 characters optional) and answers E/003 otherwise; `ParseTest.kt`'s frames
/// (`ilias_sale.hex`, `ilias_preload.hex`) carry it. The simulator answers the same, and the
/// driver sends the field, empty while the MAC is off.
#[tokio::test]
async fn v10_amount_requests_carry_q_and_one_without_it_is_a_syntax_error() {
    let server = sim(SimConfig::default()).await;
    for name in ["ilias_sale.hex", "ilias_preload.hex"] {
        let frame = frames(&vector(name)).remove(0);
        let refused = first_reply(&server, &without_q(&frame)).await;
        assert_eq!(refused, Reply::Error { code: "003".into() }, "{name} without /Q");
        let taken = first_reply(&server, &frame.encode().unwrap()).await;
        // A sale is CONFIRMED, a preload answered E/000 (OK).
        let ok = matches!(&taken, Reply::Confirmed { .. }) || taken == Reply::Error { code: "000".into() };
        assert!(ok, "{name} as published: {taken:?}");
    }
    // The same body with every other type letter (ParseTest.kt `testParseAmountRequest`).
    for name in ["void", "completion", "mail_order", "refund", "instalments"] {
        let body = vector(&format!("ilias_body_{name}.hex"));
        let frame = Frame::new("ECR", "01", "10", body);
        assert_eq!(first_reply(&server, &without_q(&frame)).await, Reply::Error { code: "003".into() });
    }
    assert_eq!(server.sim.refused('A') + server.sim.refused('W'), 2);

    // The driver: a sale, MAC off, ends in an empty `/Q`; its fields in ParseTest's order.
    let term = Aade1155Terminal::new("gr-q", &server.addr.to_string(), ECR, options()).unwrap();
    let sale = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(2500));
    let a = session::run(&MemoryJournal::new(), &term, &sale, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    let sent = server.sim.received().into_iter().rfind(|r| r.code == "A" && r.accepted).unwrap();
    assert!(sent.message.starts_with("ECR0110A/S") && sent.message.ends_with("/M0/Q"), "{}", sent.message);
    let letters = |body: &[u8]| -> String {
        let b = tameio::terminal::aade1155::body::Body::parse(body).unwrap();
        b.fields.iter().filter_map(|f| f.chars().next()).collect()
    };
    let published = frames(&vector("ilias_sale.hex")).remove(0);
    assert_eq!(letters(&sent.message.as_bytes()[7..]), letters(&published.body), "S F D R H T M Q");
}

/// O and L: ILIAS's parsers read `/Q` when present (its unit-test frames carry it) and accept a
/// request without one; the driver sends it like the published frames.
#[tokio::test]
async fn resend_requests_carry_q_as_published() {
    let server = sim(SimConfig::default()).await;
    let term = Aade1155Terminal::new("gr-ol", &server.addr.to_string(), ECR, options()).unwrap();
    assert!(term.resend_unacknowledged().await.unwrap().is_empty());
    let l = server.sim.received().into_iter().find(|r| r.code == "L").unwrap();
    assert!(l.message.starts_with("ECR0110L/RCFB77000028/D") && l.message.ends_with("/Q"), "{}", l.message);
    let published = frames(&vector("ilias_resend_all.hex")).remove(0);
    assert!(String::from_utf8(published.body).unwrap().contains("/Q"));
    // Without `/Q` the simulator still answers (E/000, nothing waiting), as ILIAS's L parser does.
    let bare = first_reply(&server, &sized(b"ECR0110L/RCFB77000028/D20220711110645")).await;
    assert_eq!(bare, Reply::Error { code: "000".into() });
}

/// Viva's AADE FIM control page (`viva_mac_k.hex`) and iliasPs/ecrTest `MainActivity.kt`
/// (`ilias_mac_k.hex`) both send `CMAC_K:<32 hex>:<6 hex KCV>`; the driver does the same, with
/// the KCV of mydata.md §5 (WebECR v2.5.7 §3.7.10: key 7E02…5823, KCV 4C8166).
#[tokio::test]
async fn mac_k_goes_out_with_its_kcv_in_the_published_shape() {
    let shape = |payload: &[u8]| -> Vec<usize> {
        let Request::Control { command, .. } = Request::parse(&payload[7..]).unwrap() else { panic!() };
        command.split(':').map(str::len).collect()
    };
    let viva = vector("viva_mac_k.hex");
    let ilias = vector("ilias_mac_k.hex");
    assert_eq!(shape(&viva), [5, 32, 6]);
    assert_eq!(shape(&ilias[2..]), [5, 32, 6]);

    let mk = "ABCDEF01234567899876543210ABCDEF";
    let server = sim(SimConfig { master_key: mk.into(), ..SimConfig::default() }).await;
    let term = Aade1155Terminal::new("gr-mack", &server.addr.to_string(), ECR, options()).unwrap();
    let sk = tameio::fiscal::parse_key("7E0269C147A7C328F46E497841CD5823").unwrap();
    let enc = tameio::fiscal::encrypt_session_key(&tameio::fiscal::parse_key(mk).unwrap(), &sk).unwrap();
    let kcv = hex::encode_upper(tameio::fiscal::kcv(&sk).unwrap());
    term.load_session_key(&format!("{}:{kcv}", hex::encode_upper(enc))).await.unwrap();
    let u = server.sim.received().into_iter().find(|r| r.code == "U").unwrap();
    assert_eq!(u.message, "ECR0110U/RCFB77000028/CMAC_K:8FF79564430DD13EF06B5F199278FADC:4C8166");
    assert_eq!(shape(u.message.as_bytes()), [5, 32, 6]);
    assert_eq!(server.sim.session_key().unwrap(), sk.to_vec());
}

/// A RESULT of a transaction started on the terminal (session `POSTXN`, iliasPs/ecrTest
/// `Constants.POSTXN`, its `createResultResponse` layout with txn-ecr-status `4`) arriving while
/// the register waits for its own: the payment still ends on its own RESULT, the stranger is not
/// acknowledged (the terminal keeps it) and `L`, the deferred refresh's request, hands it over.
#[tokio::test]
async fn a_result_of_another_session_is_kept_and_ours_still_awaited() {
    let server = sim(SimConfig::default()).await;
    let stranger = server.sim.start_on_terminal(1_500);
    assert_eq!(stranger.session, POS_SESSION);
    let term = Aade1155Terminal::new("gr-foreign", &server.addr.to_string(), ECR, options()).unwrap();
    let sale = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(2_500));
    let a = session::run(&MemoryJournal::new(), &term, &sale, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(server.sim.count('A'), 1, "never resent");
    let kept = term.foreign_results();
    assert_eq!(kept.len(), 1);
    assert_eq!((kept[0].session.as_str(), kept[0].code.as_str()), (POS_SESSION, "00"));
    let waiting = server.sim.unacknowledged();
    assert_eq!(waiting.len(), 1, "only ours was acknowledged");
    assert_eq!(waiting[0].session, POS_SESSION);
    let collected = term.resend_unacknowledged().await.unwrap();
    assert_eq!(collected.len(), 1);
    let card = collected[0].card.clone().unwrap();
    assert_eq!((card.amount_cents(), card.ecr_status.as_deref()), (Some(1_500), Some("4")));
    assert!(server.sim.unacknowledged().is_empty());
}

/// A peer that is not an AADE terminal (here an HTTP server: its `HT` claims 0x4854 = 18,516
/// bytes) is reported once its header shows it, not when the CONFIRMED deadline runs out: the
/// error is a protocol error (the request may have reached something: outcome unknown), never
/// the timeout that waiting for 18,516 bytes would end in.
#[tokio::test]
async fn a_header_that_cannot_be_aade_is_reported_at_once() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 2048];
                let _ = s.read(&mut buf).await;
                let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
                // Keeps the connection open: only the header can end the wait.
                let _ = s.read(&mut buf).await;
            });
        }
    });
    let opts = Aade1155Options { confirm_timeout_ms: 4_000, query_timeout_ms: 4_000, ..options() };
    let term = Aade1155Terminal::new("gr-http", &addr, ECR, opts).unwrap();
    let sale = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(2_500));
    let err = term.pay(&sale, &ProgressSink::none()).await.unwrap_err();
    assert!(matches!(&err, TerminalError::Protocol(e) if e.contains("not an AADE 1155 reply")), "{err:?}");
    assert!(err.may_have_reached_terminal(), "after sending, the outcome is unknown");
    let status = term.status().await.unwrap_err();
    assert!(matches!(status, TerminalError::Protocol(_)), "{status:?}");
}

/// Mellon ECR integration v1.00B §6.5 example 3 (`mellon_approved_sale_print.hex`): the slip
/// sends `26/11/2021`, `ESC R`, `ESC N`, `17:50` and `ΠΟΣΟ/ΑΜΤ:`, `ESC R`, `ESC B`, `5,00 EUR`:
/// each right part right-aligned on the line, never glued to the left one.
#[test]
fn the_greek_slip_keeps_the_right_aligned_fields_apart() {
    let frames = frames(&vector("mellon_approved_sale_print.hex"));
    let Reply::Result(result) = Reply::parse(&frames[2].body).unwrap() else { panic!() };
    assert_eq!(result.print.as_ref().map(Vec::len), Some(914));
    let slip = result.print_text();
    assert!(!slip.contains("202117:50"), "{slip}");
    assert!(slip.contains("\n26/11/2021         17:50\n"), "{slip}");
    assert!(slip.contains("\nΠΟΣΟ/ΑΜΤ:       5,00 EUR\n"), "{slip}");
    assert!(slip.contains("************3489") && slip.contains("491791******3489"), "both copies");
    assert!(slip.contains("- - - - - - - -"), "the pause between the copies");
    // The approval the register keeps shows the same slip.
    let tameio::terminal::Outcome::Approved(ok) = result.to_outcome() else { panic!() };
    assert!(ok.receipt_text.contains("26/11/2021         17:50"), "{}", ok.receipt_text);
}

/// The simulator in demo mode still serves the driver end to end with every scenario that
/// touches the wire (split and glued frames carry the new `/Q` like any other byte).
#[tokio::test]
async fn split_and_glued_frames_still_approve_with_q() {
    for scenario in [Scenario::Split, Scenario::Glued] {
        let server = sim(SimConfig { scenario, ..SimConfig::default() }).await;
        let term = Aade1155Terminal::new("gr-wire", &server.addr.to_string(), ECR, options()).unwrap();
        let sale = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(990));
        let a = session::run(&MemoryJournal::new(), &term, &sale, &ProgressSink::none()).await.unwrap();
        assert_eq!(a.state, AttemptState::Approved, "{scenario}: {a:?}");
        assert_eq!(server.sim.refused('A'), 0, "{scenario}");
    }
}

/// The same stranger through the register: the card sale is paid and its receipt issued, and
/// the deferred refresh (it runs while a preload waits) keeps the `POSTXN` result for a manager.
#[tokio::test(flavor = "multi_thread")]
async fn the_register_books_its_sale_and_the_refresh_keeps_the_stranger() {
    use tameio::domain::{Cart, Quantity};
    use tameio::register::Register;
    use tameio::terminal::{Protocol, TerminalConfig};
    let server = sim(SimConfig::default()).await;
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = register.authorize_manager("9999").unwrap();
    let config = TerminalConfig {
        name: "front".into(),
        protocol: Protocol::Aade1155,
        addr: server.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&boss, &config).unwrap();
    let cart = |code: &str| {
        let mut c = Cart::default();
        register.ring_up(&mut c, code, Quantity::ONE).unwrap();
        c
    };
    register.defer_order(&boss, &cart("101"), "front").await.unwrap();
    server.sim.start_on_terminal(1_500);
    let order = register.open_order(&boss, &cart("401")).unwrap();
    let paid = register
        .pay_card(&boss, order, Money::from_cents(990), "front", &ProgressSink::none())
        .await
        .unwrap();
    assert_eq!(paid.attempt.state, AttemptState::Approved, "{paid:?}");
    assert!(paid.receipt.is_some());
    let overview = register.refresh_deferred().await.unwrap();
    let kept: Vec<_> = overview.unmatched.iter().map(|u| u.reference.as_str()).collect();
    assert_eq!(kept, [POS_SESSION], "{overview:?}");
    assert!(server.sim.unacknowledged().iter().all(|r| r.session == POS_SESSION), "kept, not acknowledged");
}
