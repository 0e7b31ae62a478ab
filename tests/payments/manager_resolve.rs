//! What recovery cannot prove stays open for a manager, who decides it from the terminal's own
//! journal: `tameio attempt list` shows it, `tameio attempt resolve` settles it (audited) and
//! books the sale once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support;

use support::books::Books;
use support::terminals::{Proto, Sim, TERMINAL, add_terminal};

/// An ECR17 terminal (its simulator, kept running by the caller) and a 9,70 card sale on it
/// left unknown: at .70 the link drops mid-payment and the terminal keeps no result.
fn unknown_sale(t: &support::process::Tameio, dir: &std::path::Path) -> Sim {
    let mut sim = Sim::start(t, Proto::Ecr17, &dir.join("sim")).unwrap();
    add_terminal(t, dir, &mut sim, &[]).unwrap();
    let sale = t.run(dir, &["sale", "--item", "901@9,70", "--card", "--terminal", TERMINAL, "--json"]);
    assert_eq!(sale.code, Some(4), "{}", sale.summary());
    sim
}

#[test]
fn a_payment_recovery_cannot_prove_is_listed_then_decided_by_a_manager_and_booked_once() {
    let t = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let _sim = unknown_sale(&t, dir);
    t.run(dir, &["recover"]);
    let list = t.run(dir, &["attempt", "list", "--json"]);
    assert_eq!(list.code, Some(4), "{}", list.summary());
    let id = list.json()["open"][0]["attempt"].as_str().unwrap().to_string();

    let cashier = t.run(dir, &["attempt", "resolve", &id, "--approved", "--user", "Maria", "--pin", "1111"]);
    assert_eq!(cashier.code, Some(1), "a cashier may not decide: {}", cashier.summary());
    let bad = t.run(dir, &["attempt", "resolve", "not-an-id", "--not-charged", "--pin", "9999"]);
    assert_eq!(bad.code, Some(2), "{}", bad.summary());

    let args = ["attempt", "resolve", &id, "--approved", "--auth-code", "123456", "--pin", "9999", "--json"];
    let decided = t.run(dir, &args);
    assert_eq!(decided.code, Some(0), "{}", decided.summary());
    assert_eq!(decided.json()["attempt"]["state"], "approved");
    assert_eq!(decided.json()["receipt"], 1, "{}", decided.summary());
    assert_eq!(t.run(dir, &["attempt", "list"]).code, Some(0), "nothing left open");
    // Deciding again is refused: it is not open any more.
    assert_ne!(t.run(dir, &args).code, Some(0));

    let books = Books::read(dir).unwrap();
    assert_eq!(books.receipts.len(), 1, "{}", books.describe());
    assert_eq!(books.tenders.len(), 1, "booked once: {}", books.describe());
}

/// A manager decided "not charged" while the terminal was away; it comes back holding the
/// approval unacknowledged. Recovery of a later payment must keep that approval for a person
/// (unmatched), never acknowledge it away as if the journal held it (AADE v10, `L` only).
#[test]
fn a_terminal_result_that_contradicts_a_managers_decision_is_kept_never_acknowledged() {
    use support::process;
    use tameio::terminal::aade1155;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let config = aade1155::sim::SimConfig { resend_one: false, ..aade1155::sim::SimConfig::default() };
    let server = rt.block_on(aade1155::sim::spawn_in_process(config)).unwrap();
    let t = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let addr = server.addr.to_string();
    let add = ["terminal", "add", TERMINAL, "--protocol", "aade1155", "--addr", &addr, "--keep-demo-pins"];
    assert_eq!(t.run(dir, &add).code, Some(0));

    // The sale dies after CONFIRMED: the terminal approves and keeps its RESULT unacknowledged.
    let mut first = t.at(dir, &["sale", "--item", "401", "--card", "--terminal", TERMINAL, "--json"]);
    first.env("TAMEIO_FAULT", "crash:after-ack");
    assert!(process::run(first).died());
    let list = t.run(dir, &["attempt", "list", "--json"]);
    let id = list.json()["open"][0]["attempt"].as_str().unwrap().to_string();
    let decided = t.run(dir, &["attempt", "resolve", &id, "--not-charged", "--pin", "9999"]);
    assert_eq!(decided.code, Some(0), "{}", decided.summary());

    // A later payment whose result is lost: recovery walks L and meets the first approval.
    t.run(dir, &["sale", "--item", "901@9,64", "--card", "--terminal", TERMINAL, "--json"]);
    t.run(dir, &["recover", "--json"]);
    let books = Books::read(dir).unwrap();
    assert!(
        books.unmatched.iter().any(|o| o.contains("approved")),
        "the contradicting approval is kept for a manager: {}",
        books.describe()
    );
    assert!(
        server.sim.unacknowledged().iter().any(|r| r.card.is_some()),
        "and left on the terminal, not acknowledged away: {:?}",
        server.sim.received()
    );
}

/// After a restart nobody's payment screen follows an unknown sale: a manager's "not charged"
/// (here from the command line) hands the unpaid sale back to the cashier who rang it up, whose
/// next sign-in brings the cart back. The sale is never left open and unreachable.
#[test]
fn not_charged_from_the_command_line_hands_the_unpaid_sale_back_to_its_cashier() {
    use tameio::config::Places;
    use tameio::register::Register;
    let t = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let _sim = unknown_sale(&t, dir);
    let list = t.run(dir, &["attempt", "list", "--json"]);
    let id = list.json()["open"][0]["attempt"].as_str().unwrap().to_string();

    let decided = t.run(dir, &["attempt", "resolve", &id, "--not-charged", "--pin", "9999", "--json"]);
    assert_eq!(decided.code, Some(0), "{}", decided.summary());
    let cashier = decided.json()["sale_returned_to"].as_str().map(str::to_string);
    let cashier = cashier.unwrap_or_else(|| panic!("the sale goes back to someone: {}", decided.summary()));
    let words = t.run(dir, &["attempt", "resolve", &id, "--not-charged", "--pin", "9999"]);
    assert_ne!(words.code, Some(0), "decided once only");

    let (register, _) = Register::open(&Places::resolve(Some(dir))).unwrap();
    let owner = register.cli_operator(Some(&cashier), None).unwrap();
    let parked = register.parked_sales(&crate::support::register::manager(&register)).unwrap();
    assert_eq!(parked.len(), 1, "{parked:?}");
    assert!(parked[0].handed_back && !parked[0].by_lock, "{parked:?}");
    let cart = register.resume_after_lock(&owner).unwrap().expect("their sign-in brings it back");
    assert_eq!(cart.totals().total.cents(), 970);
    let books = Books::read(dir).unwrap();
    assert!(books.tenders.is_empty() && books.receipts.is_empty(), "{}", books.describe());
    assert!(register.parked_sales(&crate::support::register::manager(&register)).unwrap().is_empty());
}

/// Another till decides it (a second register on the same data folder, as the diagnostics
/// screen does): the first till's cashier gets the sale back at sign-in, and a screen that
/// still held the sale keeps it while the parked copy goes, so it exists once.
#[test]
fn not_charged_at_another_till_comes_back_once() {
    use tameio::config::Places;
    use tameio::register::Register;
    use tameio::terminal::Outcome;
    let t = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let _sim = unknown_sale(&t, dir);

    let places = Places::resolve(Some(dir));
    let (till_a, _) = Register::open(&places).unwrap();
    let (till_b, _) = Register::open(&places).unwrap();
    let open = till_b.open_attempts().unwrap();
    let order_id = open[0].order_id.unwrap();
    let manager = crate::support::register::manager(&till_b);
    let decided = till_b
        .decide_attempt(&manager, open[0].id, &Outcome::declined(String::new(), "not charged"))
        .unwrap();
    let owner = decided.returned_to.clone().expect("handed back");
    assert!(decided.parked.is_some());
    assert_eq!(
        till_b.decide_attempt(&manager, open[0].id, &Outcome::declined(String::new(), "again")).ok(),
        None
    );

    // Till A's screen still had the sale: giving up the order there keeps its cart, the
    // parked copy goes.
    till_a.void_order(&owner, order_id).unwrap();
    assert!(till_a.parked_sales(&manager).unwrap().is_empty(), "the sale exists once");
    assert_eq!(till_a.resume_after_lock(&owner).unwrap(), None);

    // An approved decision hands nothing back: the sale is paid.
    let sale = t.run(dir, &["sale", "--item", "901@8,70", "--card", "--terminal", TERMINAL, "--json"]);
    assert_eq!(sale.code, Some(4), "{}", sale.summary());
    let open = till_b.open_attempts().unwrap();
    let approved = tameio::terminal::Outcome::Approved(tameio::terminal::Approval {
        auth_code: "123456".into(),
        ..Default::default()
    });
    let decided = till_b.decide_attempt(&manager, open[0].id, &approved).unwrap();
    assert_eq!((decided.returned_to, decided.parked), (None, None));
    assert_eq!(Books::read(dir).unwrap().receipts.len(), 1);
}
