//! The checks of one fault-matrix cell: the card charged at most once (exactly once when the
//! request went out), the order paid exactly when the terminal approved, one receipt, nothing
//! left open that the terminal can answer, and what the cashier was told agreeing with all that.

use serde_json::Value;
use tameio::fault::Step;

use super::books::{AttemptRow, Books};
use super::matrix::{Case, Cell, Fault, Verdict, manager_allowed, requests_expected};
use super::process::Ran;

/// Everything a cell looks at once the sale and the recoveries have ended.
#[derive(Debug, Clone)]
pub struct Observed {
    /// The order of the sale approved before the fault (warm cells).
    pub prior_order: Option<i64>,
    pub sale: Ran,
    /// The `recover` that was made to die (recovery rows).
    pub faulty_recover: Option<Ran>,
    pub recovers: Vec<Ran>,
    /// One more `recover` after the books are settled: it must find nothing to do.
    pub again: Ran,
    pub receipts_listed: Option<usize>,
    pub db_check: Ran,
    /// The simulator's whole received-log, in order.
    pub log: Vec<Value>,
    pub books: Books,
}

/// The checks of one cell (`killed`: the sale was killed from outside, so it said nothing).
pub fn judge(case: Case, killed: bool, all: &Observed) -> Cell {
    let proto = case.proto;
    let (rest, mut bad) = without_prior_sale(case, all);
    let o = &rest;
    let financial: Vec<&Value> = o.log.iter().filter(|v| proto.is_financial(v)).collect();
    let took = financial.iter().filter(|v| proto.took(v)).count();
    let approved = took == 1 && financial.iter().any(|v| proto.approves(v));
    if took > 1 {
        bad.push(format!("DOUBLE CHARGE: the terminal took {took} financial requests"));
    }
    if let Some(n) = requests_expected(case)
        && took != n
    {
        bad.push(format!("the terminal took {took} financial requests, expected {n}"));
    }
    judge_sale(case, killed, o, approved, &mut bad);
    let verdict = match o.books.attempts.as_slice() {
        [attempt] => judge_books(case, o, attempt, approved, &mut bad),
        other => {
            bad.push(format!("{} attempts in the journal, expected 1", other.len()));
            None
        }
    };
    if o.receipts_listed != Some(o.books.receipts.len()) {
        bad.push(format!(
            "`receipt list` shows {:?} receipts, the database holds {}",
            o.receipts_listed,
            o.books.receipts.len()
        ));
    }
    let mut distinct = o.books.unmatched.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < o.books.unmatched.len() {
        bad.push(format!(
            "the same terminal result kept {} times as matching nothing",
            o.books.unmatched.len()
        ));
    } else if verdict.is_none() && !o.books.unmatched.is_empty() {
        bad.push(format!("{} terminal result(s) kept as matching nothing", o.books.unmatched.len()));
    }
    if o.db_check.code != Some(0) {
        bad.push(format!("db check: {}", o.db_check.summary()));
    }
    let detail = detail(all, took, approved);
    let verdict = match (bad.is_empty(), verdict) {
        (false, _) => Verdict::Fail(bad),
        (true, Some(why)) => Verdict::Manager(why),
        (true, None) => Verdict::Pass,
    };
    Cell { case, verdict, detail }
}

/// A warm cell's earlier sale, checked (still paid once) and then set aside: the rest of the
/// judge looks at the faulted sale only.
fn without_prior_sale(case: Case, o: &Observed) -> (Observed, Vec<String>) {
    let mut rest = o.clone();
    let mut bad = Vec::new();
    let Some(prior) = o.prior_order else { return (rest, bad) };
    let first_charge = o.log.iter().position(|v| case.proto.took(v)).map_or(0, |i| i + 1);
    rest.log.drain(..first_charge);
    let before: Vec<&AttemptRow> = o.books.attempts.iter().filter(|a| a.order_id == Some(prior)).collect();
    let receipts = o.books.receipts.iter().filter(|r| r.order_id == prior).count();
    if before.len() != 1 || before[0].state != "approved" || receipts != 1 {
        bad.push(format!("the sale before the fault is no longer paid once: {}", o.books.describe()));
    }
    rest.books.attempts.retain(|a| a.order_id != Some(prior));
    rest.books.tenders.retain(|t| t.order_id != prior);
    rest.books.receipts.retain(|r| r.order_id != prior);
    rest.receipts_listed = o.receipts_listed.map(|n| n.saturating_sub(receipts));
    (rest, bad)
}

/// What the paying process said must agree with the terminal (a crash says nothing).
fn judge_sale(case: Case, killed: bool, o: &Observed, approved: bool, bad: &mut Vec<String>) {
    let sale = &o.sale;
    match case.fault {
        Fault::Crash(_) if killed => {}
        Fault::Crash(step) | Fault::CrashOn(step, _) => died_at(sale, step, "the sale", bad),
        Fault::RecoverCrash(step) => {
            if !sale.died() {
                bad.push(format!("the sale did not die: {}", sale.summary()));
            }
            match &o.faulty_recover {
                Some(recover) => died_at(recover, step, "the first recover", bad),
                None => bad.push("no recover was made to die".into()),
            }
        }
        Fault::Fail(_) => {
            let v = sale.json();
            if sale.code != Some(4) || v["booking_pending"].is_null() || v["attempt"]["state"] != "approved" {
                bad.push(format!("expected exit 4, approved, booking pending: {}", sale.summary()));
            }
        }
        Fault::Wire(_) | Fault::PastTimeout => {
            let told = match sale.code {
                Some(0) if !approved => Some("paid"),
                Some(0) if sale.json()["receipt"].is_null() => Some("paid without a receipt"),
                Some(1) if approved => Some("failed"),
                Some(3) if approved => Some("declined"),
                Some(0..=4) => None,
                _ => Some("nothing (it died)"),
            };
            if let Some(told) = told {
                let charged = if approved { "charged" } else { "not charged" };
                bad.push(format!(
                    "the cashier was told {told} but the card was {charged}: {}",
                    sale.summary()
                ));
            }
        }
    }
}

/// The fault hook says where it stopped the process (an error line on stderr).
fn died_at(ran: &Ran, step: Step, who: &str, bad: &mut Vec<String>) {
    let at_step = ran.stderr.contains("crashing on purpose") && ran.stderr.contains(step.code());
    if !ran.died() || !at_step {
        bad.push(format!("{who} did not die at {} (never reached?): {}", step.code(), ran.summary()));
    }
}

/// The journal and the books after recovery; `Some(why)` when a manager must decide.
fn judge_books(
    case: Case,
    o: &Observed,
    attempt: &AttemptRow,
    approved: bool,
    bad: &mut Vec<String>,
) -> Option<String> {
    let books = &o.books;
    let last = o.recovers.last().map(|r| r.code).unwrap_or_default();
    let card_tenders: Vec<_> =
        books.tenders.iter().filter(|t| t.attempt_id.as_deref() == Some(&attempt.id)).collect();
    if let (Some(why), "unknown") = (manager_allowed(case), attempt.state.as_str()) {
        if last != Some(4) {
            bad.push(format!("the attempt is unknown but recover exited {last:?}"));
        }
        if !card_tenders.is_empty() || !books.receipts.is_empty() {
            bad.push("an outcome nobody knows was booked".into());
        }
        return Some(why.to_string());
    }
    let closed = ["declined", "failed", "cancelled"].contains(&attempt.state.as_str());
    if approved && attempt.state != "approved" || !approved && !closed {
        let terminal = if approved { "approved" } else { "did not charge" };
        bad.push(format!("the terminal {terminal}, the journal says {}", attempt.state));
    }
    if last != Some(0) {
        bad.push(format!(
            "recover left something open (exit {last:?}): {}",
            o.recovers.last().map(Ran::summary).unwrap_or_default()
        ));
    }
    let again = o.again.json();
    if o.again.code != Some(0) || again["attempts"].as_array().is_some_and(|a| !a.is_empty()) {
        bad.push(format!("a further recover still found work: {}", o.again.summary()));
    }
    let wanted = usize::from(approved);
    if card_tenders.len() != wanted || books.receipts.len() != wanted {
        bad.push(format!(
            "{} card tenders and {} receipts for this attempt, expected {wanted}",
            card_tenders.len(),
            books.receipts.len()
        ));
    }
    for r in &books.receipts {
        if Some(r.order_id) != attempt.order_id || r.total_cents != attempt.amount_cents {
            bad.push(format!(
                "receipt #{} is for order {} ({} cents), not the sale's",
                r.number, r.order_id, r.total_cents
            ));
        }
    }
    None
}

fn detail(o: &Observed, took: usize, approved: bool) -> String {
    let mut lines = vec![format!("sale: {}", o.sale.summary())];
    if let Some(r) = &o.faulty_recover {
        lines.push(format!("recover (made to die): {}", r.summary()));
    }
    for r in &o.recovers {
        lines.push(format!("recover: {}", r.summary()));
    }
    lines.push(format!(
        "terminal: took {took} financial request(s), {}; it received {}",
        if approved { "approved" } else { "no charge" },
        received(&o.log)
    ));
    lines.push(format!("journal: {}", o.books.describe()));
    lines.join("\n")
}

/// The simulator's log in a line: `P(slow) G R …`, `!` marking what it refused.
fn received(log: &[Value]) -> String {
    let one = |v: &Value| {
        let code = v["code"].as_str().or(v["endpoint"].as_str()).unwrap_or("?");
        let how = v["scenario"].as_str().or(v["behaviour"].as_str());
        let taken = v.get("accepted").or(v.get("created_intent")).and_then(Value::as_bool).unwrap_or(true);
        let note = v["note"].as_str().filter(|n| !n.is_empty());
        let mut text = format!("{}{code}", if taken { "" } else { "!" });
        if let Some(how) = how {
            text.push_str(&format!("({how})"));
        }
        if let Some(note) = note {
            text.push_str(&format!("[{note}]"));
        }
        text
    };
    log.iter().map(one).collect::<Vec<_>>().join(" ")
}
