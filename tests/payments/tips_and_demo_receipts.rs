//! A tip charged on a Greek terminal (WebECR simulator) is booked on the card tender and shown
//! on the receipt and the X report; a payment on the demo terminal says so on paper and PDF.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::fixture::pdf_text;
use tameio::config::Places;
use tameio::domain::{Cart, Lang, Money, Quantity};
use tameio::print::{self, Paper};
use tameio::register::{PayRequest, Register};
use tameio::terminal::{Outcome, PaymentKind, ProgressSink, Protocol, TerminalConfig, webecr};

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn order(register: &Register, code: &str) -> i64 {
    let mut cart = Cart::default();
    register.ring_up(&mut cart, code, Quantity::ONE).unwrap();
    let cashier = register.cli_operator(None, None).unwrap();
    register.open_order(&cashier, &cart).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tip_on_webecr_is_booked_printed_and_totalled() {
    let sim = webecr::sim::spawn_in_process(webecr::sim::SimConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (register, _) = Register::open(&Places::resolve(Some(dir.path()))).unwrap();
    let defaults = webecr::sim::SimConfig::default();
    let config = TerminalConfig {
        name: "tips-cloud".into(),
        protocol: Protocol::WebEcr,
        addr: String::new(),
        terminal_id: defaults.tid.clone(),
        cash_register_id: "1".into(),
        options: serde_json::json!({ "environment": "custom", "base_url": sim.base_url() }),
    };
    register.add_webecr_terminal(config, &defaults.username, &defaults.password, "test").unwrap();
    register.pair_terminal("tips-cloud", &sim.sim.new_pairing_code(), "test").await.unwrap();

    let order = order(&register, "401");
    let request = PayRequest {
        kind: PaymentKind::Sale,
        amount: m(990),
        preauth_code: None,
        order_id: Some(order),
        tip: m(200),
        instalments: 0,
    };
    let terminal = register.terminal("tips-cloud").await.unwrap();
    let attempt = register.pay(&*terminal, &request, &ProgressSink::none()).await.unwrap();
    drop(terminal);
    let Some(Outcome::Approved(approval)) = &attempt.outcome else { panic!("{attempt:?}") };
    assert_eq!(approval.tip, m(200), "the terminal charged the tip");
    register.recover(None).await.unwrap();

    let receipt = register.receipt_for_order(order).unwrap().expect("booked and issued");
    let tender = &receipt.tenders[0];
    assert_eq!(
        (receipt.total, tender.amount, tender.tip(), tender.charged()),
        (m(990), m(990), m(200), m(1190))
    );
    let text = print::receipt_text(&receipt, &register.settings(), Lang::En, Paper::Roll80, None);
    assert!(text.lines().any(|l| l.contains("Tip") && l.ends_with("2.00")), "{text}");
    assert!(text.lines().any(|l| l.contains("Card total incl. tip") && l.ends_with("11.90")), "{text}");
    let pdf = flat(&pdf_text(&register.receipt_pdf(&receipt, None, Paper::Roll80, Lang::En).unwrap()));
    assert!(pdf.contains("Card total incl. tip"), "{pdf}");

    let x = register.x_report().unwrap();
    assert_eq!((x.tendered("card"), x.tips_of("card"), x.card_charged()), (m(990), m(200), m(1190)));
    let layout =
        print::x_report(&x, None, "2026-11-23T10:00:00", &register.settings(), Lang::El, Paper::Roll80);
    let report = print::layout_text(&layout);
    assert!(report.lines().any(|l| l.contains("Φιλοδωρήματα") && l.ends_with("2,00")), "{report}");
    assert!(
        report.lines().any(|l| l.contains("Σύνολο καρτών με φιλοδωρήματα") && l.ends_with("11,90")),
        "{report}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_demo_payment_says_so_on_paper_pdf_and_escpos() {
    let register = Register::in_memory(Default::default()).unwrap();
    let cashier = register.cli_operator(None, None).unwrap();
    let order = order(&register, "401");
    let paid = register.pay_card(&cashier, order, m(990), "demo", &ProgressSink::none()).await.unwrap();
    let receipt = paid.receipt.expect("paid in full");
    assert!(receipt.tenders[0].card.as_ref().is_some_and(|c| c.is_demo()));

    let settings = register.settings();
    let text = print::receipt_text(&receipt, &settings, Lang::En, Paper::Roll58, None);
    assert!(flat(&text).contains("DEMO TERMINAL — NOT A REAL CARD PAYMENT"), "{text}");
    for (lang, words) in [(Lang::En, "NOT A REAL CARD PAYMENT"), (Lang::It, "TERMINALE DIMOSTRATIVO")] {
        for paper in [Paper::Roll80, Paper::A4] {
            let pdf = flat(&pdf_text(&register.receipt_pdf(&receipt, None, paper, lang).unwrap()));
            assert!(pdf.contains(words), "{}: {pdf}", paper.code());
        }
    }
    let job = print::receipt_escpos(&receipt, &settings, Lang::En, Paper::Roll80, None);
    let ascii: String =
        job.iter().map(|&b| if b.is_ascii_graphic() || b == b' ' { b as char } else { ' ' }).collect();
    assert!(flat(&ascii).contains("NOT A REAL CARD PAYMENT"), "{ascii}");
    // A copy says it too.
    let copy = print::receipt_text(&receipt, &settings, Lang::El, Paper::Roll80, Some(1));
    assert!(flat(&copy).contains("ΔΟΚΙΜΑΣΤΙΚΟ ΤΕΡΜΑΤΙΚΟ"), "{copy}");
}
