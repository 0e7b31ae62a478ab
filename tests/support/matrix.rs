//! The fault matrix (issue 10, "The proof"): one card sale per cell, on a fresh data folder and
//! simulator, disturbed at one named step, recovered, and judged (`judge`) against the
//! simulator's own log; run on a few threads and printed as faults × protocols.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tameio::fault::Step;
use tameio::terminal::sim::Scenario;

use super::books::Books;
use super::judge::{Observed, judge};
use super::process::{Running, Tameio, run};
use super::terminals::{Proto, Sim, TERMINAL, add_terminal};

/// What goes wrong in one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `TAMEIO_FAULT=crash:<step>`: the paying process dies there (abort: nothing after runs).
    Crash(Step),
    /// The same, on a payment the terminal handles this way (a decline, a slow approval).
    CrashOn(Step, Scenario),
    /// The simulator does this to the financial request (picked by the amount's cents).
    Wire(Scenario),
    /// `slow`, while the register waits less long for the result than the terminal takes.
    PastTimeout,
    /// `TAMEIO_FAULT=fail:<step>`: that commit fails (a full disk, a database locked too long).
    Fail(Step),
    /// The sale dies once its request is out, then the first `recover` dies at this step.
    RecoverCrash(Step),
}

/// The commits a disk fault can hit at the end of a payment.
pub const DISK_STEPS: [Step; 2] = [Step::ResultReceived, Step::BookTender];

/// Crash steps repeated on a payment the terminal declines or answers slowly.
pub const CRASH_ON: [(Step, Scenario); 4] = [
    (Step::Acknowledged, Scenario::Decline),
    (Step::ResultReceived, Scenario::Decline),
    (Step::RequestWritten, Scenario::Slow),
    (Step::Acknowledged, Scenario::Slow),
];

/// The steps a recovery passes through itself (it receives, commits and books a result).
pub const RECOVERY_STEPS: [Step; 4] =
    [Step::ResultReceived, Step::ResultCommitted, Step::BookTender, Step::IssueReceipt];

impl Fault {
    pub fn section(self) -> &'static str {
        match self {
            Fault::Crash(_) | Fault::CrashOn(..) => "crash",
            Fault::Wire(_) | Fault::PastTimeout => "network",
            Fault::Fail(_) => "disk",
            Fault::RecoverCrash(_) => "recovery",
        }
    }

    pub fn label(self) -> String {
        match self {
            Fault::Crash(step) => step.code().to_string(),
            Fault::CrashOn(step, scenario) => format!("{}+{}", step.code(), scenario.code()),
            Fault::Wire(scenario) => scenario.code().to_string(),
            Fault::PastTimeout => "slow-past-timeout".to_string(),
            Fault::Fail(step) => format!("fail:{}", step.code()),
            Fault::RecoverCrash(step) => format!("crash:{}", step.code()),
        }
    }

    /// Every row of the matrix, in order: crash steps, network faults, disk faults.
    pub fn rows() -> Vec<Fault> {
        let mut rows: Vec<Fault> = Step::ALL.into_iter().map(Fault::Crash).collect();
        rows.extend(CRASH_ON.map(|(step, scenario)| Fault::CrashOn(step, scenario)));
        rows.extend(Scenario::ALL.into_iter().filter(|s| *s != Scenario::Approve).map(Fault::Wire));
        rows.push(Fault::PastTimeout);
        rows.extend(DISK_STEPS.map(Fault::Fail));
        rows.extend(RECOVERY_STEPS.map(Fault::RecoverCrash));
        rows
    }
}

/// Faults repeated on a terminal that approved a sale just before ("warm"): its memory of the
/// last result is then another attempt's, which recovery must not take for this one.
pub const WARM_ROWS: [Fault; 8] = [
    Fault::Crash(Step::RequestWritten),
    Fault::Crash(Step::Acknowledged),
    Fault::Crash(Step::ResultReceived),
    Fault::CrashOn(Step::Acknowledged, Scenario::Decline),
    Fault::Wire(Scenario::LostResult),
    Fault::Wire(Scenario::DisconnectMidPayment),
    Fault::Wire(Scenario::Busy),
    Fault::PastTimeout,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    pub proto: Proto,
    pub fault: Fault,
    /// The terminal approved (and the register booked) one sale before this one.
    pub warm: bool,
    /// The simulator runs its strict real-terminal profile (review 3, §6: what a real terminal
    /// may do where our simulator and client made the same assumption).
    pub strict: bool,
}

impl Case {
    pub fn new(proto: Proto, fault: Fault) -> Case {
        Case { proto, fault, warm: false, strict: false }
    }

    /// The same after one approved sale on the terminal.
    pub fn warm(proto: Proto, fault: Fault) -> Case {
        Case { proto, fault, warm: true, strict: false }
    }

    /// The same against the simulator's strict profile.
    pub fn strict(self) -> Case {
        Case { strict: true, ..self }
    }

    /// `crash`, `network`, … with `warm ` before it for a warm terminal and `strict ` for the
    /// strict profile.
    pub fn section(self) -> String {
        let profile = if self.strict { "strict " } else { "" };
        format!("{profile}{}{}", if self.warm { "warm " } else { "" }, self.fault.section())
    }

    /// The matrix row: section and fault.
    pub fn row(self) -> String {
        format!("{} {}", self.section(), self.fault.label())
    }

    pub fn name(self) -> String {
        format!("{} × {}", self.proto.title(), self.row())
    }

    /// Every cell: protocols × rows, then the warm rows.
    pub fn all() -> Vec<Case> {
        let cold = Fault::rows().into_iter().flat_map(|f| Proto::ALL.map(|p| Case::new(p, f)));
        let warm = WARM_ROWS.into_iter().flat_map(|f| Proto::ALL.map(|p| Case::warm(p, f)));
        cold.chain(warm).collect()
    }

    /// Every cell of `all` against the strict profiles.
    pub fn all_strict() -> Vec<Case> {
        Case::all().into_iter().map(Case::strict).collect()
    }
}

/// How a cell came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// As the protocol allows: the outcome stays unknown for a manager (why).
    Manager(String),
    /// The fault cannot happen on this protocol (why).
    NotApplicable(String),
    Fail(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub case: Case,
    pub verdict: Verdict,
    /// What happened, for the notes: the commands, the simulator's log, the journal rows.
    pub detail: String,
}

impl Cell {
    pub fn ok(&self) -> bool {
        !matches!(self.verdict, Verdict::Fail(_))
    }

    pub fn mark(&self) -> &'static str {
        match self.verdict {
            Verdict::Pass => "pass",
            Verdict::Manager(_) => "mgr",
            Verdict::NotApplicable(_) => "n/a",
            Verdict::Fail(_) => "FAIL",
        }
    }

    /// A paragraph for a failed assertion or the matrix's notes.
    pub fn report(&self) -> String {
        let head = match &self.verdict {
            Verdict::Pass => "pass".to_string(),
            Verdict::Manager(why) => format!("left to a manager: {why}"),
            Verdict::NotApplicable(why) => format!("n/a: {why}"),
            Verdict::Fail(why) => format!("FAIL: {}", why.join("; ")),
        };
        format!("{}: {head}\n    {}", self.case.name(), self.detail.replace('\n', "\n    "))
    }
}

/// How one cell is run.
struct Plan {
    item: String,
    /// `TAMEIO_FAULT` for the paying process.
    fault_env: Option<String>,
    /// `TAMEIO_FAULT` for the first `recover`.
    recover_fault: Option<String>,
    /// Kill the paying process from outside once the simulator logged the request (WebECR has
    /// no "request written" moment of its own: the HTTP call returns with the intent).
    kill_on_request: bool,
    options: Vec<String>,
}

/// The sale's only item: PLU 401 (9,90) approves; department 901 at 9,6x picks a scenario.
fn item_for(scenario: Scenario) -> String {
    format!("901@9,{:02}", scenario.table_cents().unwrap_or(0))
}

fn plan(case: Case) -> Result<Plan, String> {
    if case.strict && !case.proto.has_strict_profile() {
        return Err("no strict profile of this simulator yet (issue 24's WebECR part)".into());
    }
    let mut plan = Plan {
        item: "401".into(),
        fault_env: None,
        recover_fault: None,
        kill_on_request: false,
        options: case.proto.base_options(),
    };
    match case.fault {
        Fault::Crash(Step::RequestWritten) if matches!(case.proto, Proto::WebEcr | Proto::Nexo) => {
            // A long wait keeps the paying process polling after txninit (WebECR) or waiting on
            // its open Payment POST (nexo), so the kill lands there.
            plan.item = item_for(Scenario::Slow);
            plan.kill_on_request = true;
        }
        Fault::Crash(Step::Acknowledged) | Fault::CrashOn(Step::Acknowledged, _)
            if case.proto == Proto::Nexo =>
        {
            return Err("nexo has no acknowledgement: the Payment POST stays open until the result \
                        (see crash after-request)"
                .into());
        }
        Fault::CrashOn(Step::RequestWritten, _) if case.proto == Proto::Nexo => {
            return Err("nexo has no request-written step of its own (see crash after-request)".into());
        }
        Fault::Crash(step) => plan.fault_env = Some(format!("crash:{}", step.code())),
        Fault::CrashOn(Step::RequestWritten, _) if case.proto == Proto::WebEcr => {
            return Err("WebECR has no request-written step of its own (see crash after-request)".into());
        }
        Fault::CrashOn(step, scenario) => {
            plan.item = item_for(scenario);
            plan.fault_env = Some(format!("crash:{}", step.code()));
        }
        Fault::Fail(step) => plan.fault_env = Some(format!("fail:{}", step.code())),
        Fault::RecoverCrash(Step::ResultReceived | Step::ResultCommitted) if case.proto == Proto::Aade01 => {
            return Err("v01 recovery asks the terminal nothing, so it receives no result".into());
        }
        Fault::RecoverCrash(step) => {
            // v01 cannot recover an answer, so its sale dies after the commit: recovery books.
            // nexo has no acknowledgement: its sale dies with the result in hand, before the commit.
            let sale_step = match case.proto {
                Proto::Aade01 => Step::ResultCommitted,
                Proto::Nexo => Step::ResultReceived,
                _ => Step::Acknowledged,
            };
            plan.fault_env = Some(format!("crash:{}", sale_step.code()));
            plan.recover_fault = Some(format!("crash:{}", step.code()));
        }
        Fault::Wire(Scenario::NoAck | Scenario::Split | Scenario::Glued | Scenario::NakOnce)
            if matches!(case.proto, Proto::WebEcr | Proto::Nexo) =>
        {
            return Err("no such fault over HTTP (no ACK, no frames): the simulator approves".into());
        }
        Fault::Wire(scenario) => plan.item = item_for(scenario),
        Fault::PastTimeout => {
            plan.item = item_for(Scenario::Slow);
            plan.options.extend(case.proto.short_timeout_options());
        }
    }
    Ok(plan)
}

/// Where the protocol may leave the outcome to a manager (the cell passes as "mgr" when the
/// attempt stays unknown with nothing booked, and as "pass" if recovery does resolve it).
pub fn manager_allowed(case: Case) -> Option<&'static str> {
    match (case.proto, case.fault) {
        (
            Proto::Aade01,
            Fault::Crash(Step::RequestWritten | Step::Acknowledged | Step::ResultReceived)
            | Fault::CrashOn(Step::RequestWritten | Step::Acknowledged | Step::ResultReceived, _)
            | Fault::Wire(Scenario::LostResult | Scenario::DisconnectMidPayment)
            | Fault::PastTimeout
            | Fault::Fail(Step::ResultReceived),
        ) => {
            Some("AADE 1155 v01 has no recovery command: the answer the register did not keep stays unknown")
        }
        (
            Proto::Ecr17,
            Fault::CrashOn(
                Step::RequestWritten | Step::Acknowledged | Step::ResultReceived,
                Scenario::Decline,
            ),
        ) => Some(
            "ECR17's G answer for a decline carries no host time, STAN or amount: an older decline, or \
                 one run on the terminal after ours, looks the same, so it is kept as unmatched",
        ),
        (Proto::WebEcr, Fault::Wire(Scenario::DisconnectMidPayment)) => Some(
            "the txninit was cut before the backend made its intent: \"no intent\" proves nothing while \
             the backend may still create it (its sync timeout + grace), so the attempt stays unknown \
             until then; a recover after that proves it was not charged (tests/protocols/webecr_sim.rs)",
        ),
        (Proto::Nexo, Fault::Wire(Scenario::DisconnectMidPayment)) => Some(
            "the terminal gave the dialog up and stored nothing: TransactionStatus NotFound proves \
             nothing (review N-1: Swedbank gives it no meaning, ServiceIDs are unique only within a \
             login session) and the last transaction is not this attempt, so it stays unknown",
        ),
        (Proto::Ecr17 | Proto::Aade10, Fault::Wire(Scenario::DisconnectMidPayment)) => Some(
            "the terminal aborted and kept no result of this attempt: what it answers (nothing stored, or \
             the previous sale's result, already recorded) cannot be told from \"still at the card\" or \
             a restarted terminal, so the attempt stays unknown",
        ),
        _ => None,
    }
}

/// How many financial requests the terminal must have taken, where the fault decides it.
pub(super) fn requests_expected(case: Case) -> Option<usize> {
    match case.fault {
        Fault::Crash(Step::AttemptCommitted) => Some(0),
        Fault::Crash(_) | Fault::CrashOn(..) | Fault::Fail(_) | Fault::RecoverCrash(_) => Some(1),
        Fault::Wire(Scenario::Busy) => None,
        // The backend cuts the call before it creates an intent.
        Fault::Wire(Scenario::DisconnectMidPayment) if case.proto == Proto::WebEcr => Some(0),
        Fault::Wire(_) | Fault::PastTimeout => Some(1),
    }
}

/// Runs one cell start to end on a fresh data folder and simulator.
pub fn run_case(tameio: &Tameio, case: Case) -> Cell {
    let plan = match plan(case) {
        Ok(plan) => plan,
        Err(why) => return Cell { case, verdict: Verdict::NotApplicable(why), detail: String::new() },
    };
    let dir = match tempfile::Builder::new().prefix("tameio-matrix-").tempdir() {
        Ok(dir) => dir,
        Err(e) => return failed(case, format!("no temporary folder: {e}"), String::new()),
    };
    match observe(tameio, case, &plan, dir.path()) {
        Ok(seen) => judge(case, plan.kill_on_request, &seen),
        Err(e) => failed(case, e, Books::read(dir.path()).map(|b| b.describe()).unwrap_or_default()),
    }
}

fn failed(case: Case, why: String, detail: String) -> Cell {
    Cell { case, verdict: Verdict::Fail(vec![why]), detail }
}

fn observe(tameio: &Tameio, case: Case, plan: &Plan, dir: &Path) -> Result<Observed, String> {
    let mut sim = Sim::start_profile(tameio, case.proto, &dir.join("sim"), case.strict)?;
    add_terminal(tameio, dir, &mut sim, &plan.options)?;
    let proto = case.proto;
    let prior_order = match case.warm {
        true => {
            let paid =
                tameio.run(dir, &["sale", "--item", "401", "--card", "--terminal", TERMINAL, "--json"]);
            if paid.code != Some(0) {
                return Err(format!("the sale before the fault failed: {}", paid.summary()));
            }
            sim.wait_for(Duration::from_secs(60), |v| proto.took(v))?;
            paid.json()["order_id"].as_i64()
        }
        false => None,
    };
    let mut cmd = tameio.at(dir, &["sale", "--item", &plan.item, "--card", "--terminal", TERMINAL, "--json"]);
    if let Some(fault) = &plan.fault_env {
        cmd.env("TAMEIO_FAULT", fault);
    }
    let sale = if plan.kill_on_request {
        // The kill lands once the terminal took the request (not on a Busy refusal before it).
        let before = sim.seen.iter().filter(|v| proto.took(v)).count();
        let mut paying = Running::spawn(cmd)?;
        let logged = sim.wait_for_nth(Duration::from_secs(60), before + 1, |v| proto.took(v));
        let still_running = !paying.finished();
        paying.kill();
        let sale = paying.wait();
        logged?;
        if !still_running {
            return Err(format!("the sale ended before it could be killed: {}", sale.summary()));
        }
        sale
    } else {
        run(cmd)
    };
    let faulty_recover = plan.recover_fault.as_ref().map(|fault| {
        let mut cmd = tameio.at(dir, &["recover", "--json"]);
        cmd.env("TAMEIO_FAULT", fault);
        run(cmd)
    });
    let mut recovers = vec![tameio.run(dir, &["recover", "--json"])];
    if recovers[0].code == Some(4) {
        recovers.push(tameio.run(dir, &["recover", "--json"]));
    }
    let again = tameio.run(dir, &["recover", "--json"]);
    let listed = tameio.run(dir, &["receipt", "list", "--json"]);
    let receipts_listed = listed.json()["receipts"].as_array().map(Vec::len);
    let db_check = tameio.run(dir, &["db", "check", "--json"]);
    let log = sim.finish().iter().filter(|v| v.get("pairing_code").is_none()).cloned().collect();
    let books = Books::read(dir)?;
    Ok(Observed { prior_order, sale, faulty_recover, recovers, again, receipts_listed, db_check, log, books })
}

/// Runs cells on `jobs` threads; `done` sees each as it finishes. Results keep `cases`' order.
pub fn run_all(tameio: &Tameio, cases: &[Case], jobs: usize, done: &(dyn Fn(&Cell) + Sync)) -> Vec<Cell> {
    let next = AtomicUsize::new(0);
    let cells: Mutex<Vec<Option<Cell>>> = Mutex::new(vec![None; cases.len()]);
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(case) = cases.get(i) else { break };
                    let cell = run_case(tameio, *case);
                    done(&cell);
                    cells.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(cell);
                }
            });
        }
    });
    cells.into_inner().unwrap_or_else(|p| p.into_inner()).into_iter().flatten().collect()
}

/// The matrix as text: faults × protocols, pass counts, then a note for every cell that is
/// not a plain pass.
pub fn render(cells: &[Cell]) -> String {
    let protos: Vec<Proto> =
        Proto::ALL.into_iter().filter(|p| cells.iter().any(|c| c.case.proto == *p)).collect();
    let mut rows: Vec<(String, String)> = Vec::new();
    for c in cells {
        let row = (c.case.section(), c.case.row());
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    let width = rows.iter().map(|(_, r)| r.chars().count()).max().unwrap_or(10).max(24) + 2;
    let mut out = format!("{:width$}", "");
    for p in &protos {
        out.push_str(&format!("{:>10}", p.title()));
    }
    out.push('\n');
    let mut section = "";
    for (this, row) in &rows {
        if this != section && !section.is_empty() {
            out.push('\n');
        }
        section = this;
        out.push_str(&format!("{row:width$}"));
        for p in &protos {
            let mark =
                cells.iter().find(|c| c.case.proto == *p && &c.case.row() == row).map_or("-", Cell::mark);
            out.push_str(&format!("{mark:>10}"));
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&format!("{:width$}", "passed (pass+mgr / run)"));
    for p in &protos {
        let mine: Vec<&Cell> = cells.iter().filter(|c| c.case.proto == *p).collect();
        let run = mine.iter().filter(|c| !matches!(c.verdict, Verdict::NotApplicable(_))).count();
        let ok = mine.iter().filter(|c| matches!(c.verdict, Verdict::Pass | Verdict::Manager(_))).count();
        out.push_str(&format!("{:>10}", format!("{ok}/{run}")));
    }
    out.push('\n');
    let count = |f: fn(&Verdict) -> bool| cells.iter().filter(|c| f(&c.verdict)).count();
    out.push_str(&format!(
        "\n{} cells: {} pass, {} left to a manager by the protocol, {} n/a, {} FAIL\n",
        cells.len(),
        count(|v| matches!(v, Verdict::Pass)),
        count(|v| matches!(v, Verdict::Manager(_))),
        count(|v| matches!(v, Verdict::NotApplicable(_))),
        count(|v| matches!(v, Verdict::Fail(_))),
    ));
    // Cells left to a manager or not applicable, grouped by their reason; failures in full.
    let mut reasons: Vec<(&str, &str, Vec<String>)> = Vec::new();
    for c in cells {
        if let Verdict::Manager(why) | Verdict::NotApplicable(why) = &c.verdict {
            let name = format!("{} {}", c.case.proto.title(), c.case.row());
            match reasons.iter_mut().find(|(mark, r, _)| *mark == c.mark() && r == why) {
                Some((_, _, names)) => names.push(name),
                None => reasons.push((c.mark(), why, vec![name])),
            }
        }
    }
    if !reasons.is_empty() {
        out.push_str("\nNotes:\n");
    }
    for (mark, why, names) in reasons {
        out.push_str(&format!("- [{mark}] {why}:\n    {}\n", names.join(", ")));
    }
    for c in cells.iter().filter(|c| !c.ok()) {
        out.push_str(&format!("\n- {}\n", c.report()));
    }
    out
}
