#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;

use super::*;
use crate::config::Places;
use crate::domain::{Cart, Quantity};
use crate::register::PayRequest;
use crate::terminal::{
    Approval, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol, TerminalConfig, TerminalError,
    TerminalStatus,
};

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

/// A terminal that charges amount + tip, keeps its batch total and closes it on request; a
/// close can be made to lose its answer (after the terminal closed, as a dropped link would).
struct Tipping {
    name: String,
    total: Mutex<i64>,
    last_charged: Mutex<i64>,
    closes: AtomicUsize,
    lose_close_answer: bool,
}

impl Tipping {
    fn new(name: &str) -> Tipping {
        Tipping {
            name: name.into(),
            total: Mutex::new(0),
            last_charged: Mutex::new(0),
            closes: AtomicUsize::new(0),
            lose_close_answer: false,
        }
    }
}

#[async_trait]
impl Terminal for Tipping {
    fn name(&self) -> &str {
        &self.name
    }
    fn protocol(&self) -> Protocol {
        Protocol::WebEcr
    }
    async fn status(&self) -> Result<TerminalStatus, TerminalError> {
        Ok(TerminalStatus::default())
    }
    async fn pay(&self, req: &PaymentRequest, _: &ProgressSink) -> Result<Outcome, TerminalError> {
        let mut last = self.last_charged.lock().unwrap();
        *self.total.lock().unwrap() += match req.kind {
            // A reversal takes back the whole of the last transaction, its tip too.
            PaymentKind::Void => -std::mem::take(&mut *last),
            _ => {
                *last = req.amount.cents() + req.tip.cents();
                *last
            }
        };
        let charged = (req.amount + req.tip).cents().to_string();
        Ok(Outcome::Approved(Approval {
            auth_code: "123456".into(),
            masked_pan: "************4242".into(),
            host_amount: charged,
            tip: req.tip,
            ..Approval::default()
        }))
    }
    async fn close_batch(&self) -> Result<BatchTotals, TerminalError> {
        self.closes.fetch_add(1, Ordering::SeqCst);
        let total = std::mem::take(&mut *self.total.lock().unwrap());
        if self.lose_close_answer {
            return Err(TerminalError::LinkLost("closed, then the link dropped".into()));
        }
        Ok(BatchTotals {
            ok: true,
            result_code: "00".into(),
            terminal_total: m(total),
            ..BatchTotals::default()
        })
    }
}

fn boss(register: &Register) -> Operator {
    register.authorize_manager("9999").unwrap()
}

fn order_of(register: &Register, code: &str) -> i64 {
    let mut cart = Cart::default();
    register.ring_up(&mut cart, code, Quantity::ONE).unwrap();
    let cashier = register.cli_operator(None, None).unwrap();
    register.open_order(&cashier, &cart).unwrap()
}

/// A tipped card sale through `Register::pay`, booked as recovery books approved payments.
async fn tipped_sale(register: &Register, terminal: &Tipping, code: &str, tip: i64) -> i64 {
    let order = order_of(register, code);
    let amount = register.order(order).unwrap().remaining();
    let request = PayRequest {
        kind: PaymentKind::Sale,
        amount,
        preauth_code: None,
        order_id: Some(order),
        tip: m(tip),
        instalments: 0,
    };
    let attempt = register.pay(terminal, &request, &ProgressSink::none()).await.unwrap();
    assert!(attempt.outcome.as_ref().is_some_and(Outcome::is_approved));
    register.recover(None).await.unwrap();
    register.receipt_for_order(order).unwrap().expect("booked and issued").number
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tipped_sale_is_booked_and_the_close_compares_like_with_like() {
    let register = Register::in_memory(Default::default()).unwrap();
    let terminal = Tipping::new("batches-tips");
    let number = tipped_sale(&register, &terminal, "401", 300).await;
    tipped_sale(&register, &terminal, "101", 0).await;

    let receipt = register.receipt(number).unwrap();
    let tender = &receipt.tenders[0];
    assert_eq!((tender.amount, tender.tip(), tender.charged()), (m(990), m(300), m(1290)));
    assert_eq!(receipt.total, m(990), "the tip is not part of the sale");
    let x = register.x_report().unwrap();
    assert_eq!((x.tendered("card"), x.tips_of("card"), x.card_charged()), (m(990 + 420), m(300), m(1710)));
    assert_eq!(m(*terminal.total.lock().unwrap()), x.card_charged(), "what the terminal charged");

    let by = boss(&register);
    let request = register
        .store
        .begin_batch_close(&register.register_id(), "batches-tips", None, Some(by.user_id), &by.name)
        .unwrap();
    register.ask_terminal_to_close(&terminal, &request).await.unwrap();
    let z = register.store.complete_batch_close(request.id, &by.name).unwrap();
    let check = z.card_reconciliation().expect("the terminal's total is kept");
    assert_eq!((check.register, check.terminal, check.difference()), (m(1710), m(1710), Money::ZERO));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crash_between_the_terminals_close_and_the_z_is_completed_once_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    let terminal = Tipping::new("batches-crash");
    {
        let (register, _) = Register::open(&places).unwrap();
        tipped_sale(&register, &terminal, "401", 100).await;
        let by = boss(&register);
        let request = register
            .store
            .begin_batch_close(
                &register.register_id(),
                "batches-crash",
                Some(m(0)),
                Some(by.user_id),
                &by.name,
            )
            .unwrap();
        register.ask_terminal_to_close(&terminal, &request).await.unwrap();
        // The process dies here: the terminal's batch is closed, no Z is stored.
        assert!(register.batch_closures().unwrap().is_empty());
    }
    let (register, _) = Register::open(&places).unwrap();
    let by = boss(&register);
    let err = register.close_register_batch(&by, None).unwrap_err();
    assert!(
        matches!(err, RegisterError::BatchClose(BatchCloseError::Unfinished { .. })),
        "no other Z before it: {err:?}"
    );

    let found = register.complete_pending_batch_closes().unwrap();
    assert_eq!((found.completed.len(), found.unresolved.len()), (1, 0));
    let z = &found.completed[0];
    assert_eq!((z.number, z.terminal.as_str(), z.counted_cash), (1, "batches-crash", Some(m(0))));
    assert_eq!(z.card_reconciliation().map(|c| (c.register, c.terminal)), Some((m(1090), m(1090))));

    let again = register.complete_pending_batch_closes().unwrap();
    assert_eq!(again, PendingBatchCloses::default(), "nothing left to complete");
    assert_eq!(register.batch_closures().unwrap().len(), 1, "exactly one Z");
    assert_eq!(terminal.closes.load(Ordering::SeqCst), 1, "the terminal was never asked again");
    assert_eq!(register.close_register_batch(&by, None).unwrap().number, 2, "closing goes on");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_close_answer_is_never_resent_and_waits_for_a_manager() {
    let register = Register::in_memory(Default::default()).unwrap();
    let mut terminal = Tipping::new("batches-lost");
    terminal.lose_close_answer = true;
    tipped_sale(&register, &terminal, "401", 0).await;
    let by = boss(&register);
    let request = register
        .store
        .begin_batch_close(&register.register_id(), "batches-lost", None, Some(by.user_id), &by.name)
        .unwrap();
    let err = register.ask_terminal_to_close(&terminal, &request).await.unwrap_err();
    assert!(matches!(err, RegisterError::BatchClose(BatchCloseError::Unanswered { .. })), "{err:?}");
    assert_eq!(err.exit_code(), 4, "outcome unknown");
    let i18n = crate::i18n::I18n::new(crate::domain::Lang::En);
    assert!(err.message(&i18n).contains("batches-lost"), "{}", err.message(&i18n));

    let found = register.complete_pending_batch_closes().unwrap();
    assert_eq!((found.completed.len(), found.unresolved.len()), (0, 1));
    assert!(found.unresolved[0].note.contains("link dropped"), "{:?}", found.unresolved[0]);
    let refused = register.close_batch(&by, None, None).await.unwrap_err();
    assert!(matches!(refused, RegisterError::BatchClose(BatchCloseError::Unfinished { .. })), "{refused:?}");
    assert_eq!(terminal.closes.load(Ordering::SeqCst), 1);

    let cashier = register.cli_operator(None, None).unwrap();
    assert!(register.resolve_batch_close(&cashier, request.id, BatchCloseDecision::NotClosed).is_err());
    let decided = BatchCloseDecision::Closed { terminal_total: Some(m(990)) };
    let z = register.resolve_batch_close(&by, request.id, decided).unwrap().expect("the Z is issued");
    assert_eq!(z.card_reconciliation().map(|c| c.difference()), Some(Money::ZERO));
    assert!(register.unfinished_batch_closes().unwrap().is_empty());
    assert!(register.resolve_batch_close(&by, request.id, BatchCloseDecision::NotClosed).is_err(), "once");
}

#[tokio::test(flavor = "multi_thread")]
async fn close_batch_on_an_ecr17_terminal_journals_and_agrees() {
    let sim = crate::terminal::ecr17::sim::spawn_in_process(Default::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let by = boss(&register);
    let config = TerminalConfig {
        name: "batches-ecr17".into(),
        protocol: Protocol::Ecr17,
        addr: sim.addr.to_string(),
        terminal_id: sim.sim.config().tid.clone(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&by, &config).unwrap();
    let order = order_of(&register, "401");
    let paid = register.pay_card(&by, order, m(990), "batches-ecr17", &ProgressSink::none()).await.unwrap();
    assert!(paid.receipt.is_some(), "{paid:?}");

    let z = register.close_batch(&by, Some("batches-ecr17"), Some(m(0))).await.unwrap();
    assert_eq!(z.card_reconciliation().map(|c| (c.register, c.terminal)), Some((m(990), m(990))));
    assert_eq!(sim.sim.totals(), 0, "the terminal's session is closed");
    assert!(register.unfinished_batch_closes().unwrap().is_empty());
    assert_eq!(register.complete_pending_batch_closes().unwrap(), PendingBatchCloses::default());
    assert_eq!(register.batch_closures().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_void_takes_the_tip_back_with_the_sale() {
    let register = Register::in_memory(Default::default()).unwrap();
    let terminal = Tipping::new("batches-void");
    let number = tipped_sale(&register, &terminal, "401", 300).await;
    let order = register.receipt(number).unwrap().order_id;
    let void = PayRequest {
        kind: PaymentKind::Void,
        amount: m(990),
        preauth_code: None,
        order_id: Some(order),
        tip: Money::ZERO,
        instalments: 0,
    };
    let attempt = register.pay(&terminal, &void, &ProgressSink::none()).await.unwrap();
    let refund = register.settle_refund_attempt(&attempt, "Nikos").unwrap().expect("booked");
    let card = refund.tenders.iter().find(|t| t.card.is_some()).unwrap();
    assert_eq!((card.amount, card.tip(), card.charged()), (m(-990), m(-300), m(-1290)));
    let text = register.receipt_text(&refund, None, crate::domain::Lang::En);
    assert!(text.lines().any(|l| l.contains("Card total incl. tip") && l.ends_with("-12.90")), "{text}");
    let x = register.x_report().unwrap();
    assert_eq!((x.card_charged(), m(*terminal.total.lock().unwrap())), (Money::ZERO, Money::ZERO));
}

fn ecr17_config(name: &str, addr: String, tid: String) -> TerminalConfig {
    TerminalConfig {
        name: name.into(),
        protocol: Protocol::Ecr17,
        addr,
        terminal_id: tid,
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    }
}

/// Issue 23, item 2: a certification run closes the terminal's batch, so it does not start
/// while the terminal holds shop sales not in a Z; its own payments are no sales of the day;
/// a shop sale made during the run makes it skip the close, saying why; its close is journalled.
#[tokio::test(flavor = "multi_thread")]
async fn certification_keeps_away_from_the_shops_sales() {
    use crate::register::{CertStep, Verdict};
    let sim = crate::terminal::ecr17::sim::spawn_in_process(Default::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let by = boss(&register);
    let config = ecr17_config("cert-ecr17", sim.addr.to_string(), sim.sim.config().tid.clone());
    register.add_terminal(&by, &config).unwrap();
    let i18n = crate::i18n::I18n::new(crate::domain::Lang::El);
    let none = ProgressSink::none();
    let order = order_of(&register, "101");
    let due = register.order(order).unwrap().remaining();
    register.pay_card(&by, order, due, "cert-ecr17", &none).await.unwrap();

    let err = register.start_certification(&by, "cert-ecr17").await.unwrap_err();
    assert!(
        matches!(&err, RegisterError::BatchClose(BatchCloseError::SalesNotInZ { count: 1, amount, .. }) if *amount == due),
        "{err:?}"
    );
    assert!(err.message(&i18n).contains("Ζ"), "{}", err.message(&i18n));
    register.close_batch(&by, Some("cert-ecr17"), None).await.unwrap();

    let mut run = register.start_certification(&by, "cert-ecr17").await.unwrap();
    let sale = register.run_certification_step(&mut run, CertStep::Sale, &i18n, &none).await;
    assert_eq!(sale.verdict, Verdict::Passed, "{sale:?}");
    assert!(register.x_report().unwrap().terminals.is_empty(), "a test payment is no sale of the shop");

    // A customer pays on the same terminal meanwhile: step 8 would close that sale away.
    let order = order_of(&register, "101");
    let due = register.order(order).unwrap().remaining();
    register.pay_card(&by, order, due, "cert-ecr17", &none).await.unwrap();
    let before = sim.sim.totals();
    let close = register.run_certification_step(&mut run, CertStep::BatchClose, &i18n, &none).await;
    assert_eq!(close.verdict, Verdict::Skipped, "{close:?}");
    assert!(close.detail.contains("παραλείφθηκε") && close.detail.contains("cert-ecr17"), "{}", close.detail);
    assert_eq!(sim.sim.totals(), before, "the terminal was not asked to close");

    // Once the day is closed, the run's close goes ahead and is on record, in no Z.
    let z = register.close_batch(&by, Some("cert-ecr17"), None).await.unwrap();
    let close = register.run_certification_step(&mut run, CertStep::BatchClose, &i18n, &none).await;
    assert_eq!(close.verdict, Verdict::Passed, "{close:?}");
    assert_eq!(register.batch_closures().unwrap()[0].number, z.number, "no Z of its own");
    // Requests 1 and 2 are the shop's closes (Z 1 and Z 2); the third is the run's.
    let journalled = register.store.batch_close_request(3).unwrap();
    assert_eq!(
        (journalled.terminal.as_str(), journalled.state),
        ("cert-ecr17", crate::store::BatchCloseState::Done)
    );
    assert_eq!(journalled.closure_number, None);
    assert!(journalled.note.starts_with("certification"), "{journalled:?}");
}

/// Issue 23, item 7: AADE 1155 has no batch close: the close is the register's side, at once
/// (the terminal is not even reachable here), and the Z says where the batch closes.
#[tokio::test(flavor = "multi_thread")]
async fn a_terminal_without_a_batch_close_closes_the_registers_side_first_time() {
    let register = Register::in_memory(Default::default()).unwrap();
    let by = boss(&register);
    let config = TerminalConfig {
        name: "aade".into(),
        protocol: Protocol::Aade1155,
        addr: "127.0.0.1:9".into(),
        terminal_id: "12345678".into(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&by, &config).unwrap();
    assert!(!register.terminal_closes_batch("aade").await.unwrap());
    assert!(register.terminal_closes_batch(crate::domain::tender::DEMO_TERMINAL).await.unwrap());
    order_of(&register, "101");
    let z = register.close_batch(&by, Some("aade"), Some(m(0))).await.unwrap();
    assert_eq!((z.number, z.terminal.as_str()), (1, "aade"));
    assert_eq!(z.card_reconciliation(), None, "nothing to compare");
    let text = register.report_text(
        &register.z_report_layout(Some(1), crate::print::Paper::Roll80, crate::domain::Lang::En).unwrap().1,
    );
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.contains("close the batch on the terminal itself"), "{text}");
}
