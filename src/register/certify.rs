//! The certification run: the test script an acquirer asks for before it approves an
//! installation, walked step by step with a technician at the terminal. Every payment goes
//! through the journal like any other (no order; `tameio pay` does the same), and the run
//! ends in a PDF with each step, its outcome and the masked protocol log.

use std::path::{Path, PathBuf};

use serde::Serialize;
use uuid::Uuid;

use super::{Operator, PayRequest, Register, RegisterError, Result, require_manager};
use crate::domain::Money;
use crate::fl;
use crate::i18n::I18n;
use crate::print::Paper;
use crate::terminal::session::{self, SessionError};
use crate::terminal::wirelog;
use crate::terminal::{
    Attempt, AttemptState, Journal, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol,
    TerminalError,
};

mod layout;

/// The steps of the script, in the order they are run. The void comes right after the sale
/// because a void reverses the terminal's *last* transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CertStep {
    Status,
    Sale,
    VoidLast,
    Decline,
    LostLink,
    Recover,
    Totals,
    BatchClose,
}

impl CertStep {
    pub const ALL: [CertStep; 8] = [
        CertStep::Status,
        CertStep::Sale,
        CertStep::VoidLast,
        CertStep::Decline,
        CertStep::LostLink,
        CertStep::Recover,
        CertStep::Totals,
        CertStep::BatchClose,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CertStep::Status => "status",
            CertStep::Sale => "sale",
            CertStep::VoidLast => "void-last",
            CertStep::Decline => "decline",
            CertStep::LostLink => "lost-link",
            CertStep::Recover => "recover",
            CertStep::Totals => "totals",
            CertStep::BatchClose => "batch-close",
        }
    }

    /// The amount the step asks for. On a tameio simulator the cents pick its behaviour
    /// (`,61` declines, `,64` loses the answer); on a real terminal they are plain amounts.
    pub fn amount(self) -> Option<Money> {
        match self {
            CertStep::Sale => Some(Money::from_cents(100)),
            CertStep::Decline => Some(Money::from_cents(161)),
            CertStep::LostLink => Some(Money::from_cents(164)),
            _ => None,
        }
    }

    /// The step's name, in the technician's language.
    pub fn title(self, i18n: &I18n) -> String {
        match self {
            CertStep::Status => fl!(i18n, "certify-step-status"),
            CertStep::Sale => fl!(i18n, "certify-step-sale"),
            CertStep::VoidLast => fl!(i18n, "certify-step-void-last"),
            CertStep::Decline => fl!(i18n, "certify-step-decline"),
            CertStep::LostLink => fl!(i18n, "certify-step-lost-link"),
            CertStep::Recover => fl!(i18n, "certify-step-recover"),
            CertStep::Totals => fl!(i18n, "certify-step-totals"),
            CertStep::BatchClose => fl!(i18n, "certify-step-batch-close"),
        }
    }

    /// What the technician does at the terminal before the step starts.
    pub fn instruction(self, i18n: &I18n) -> String {
        let amount = |s: CertStep| i18n.money(s.amount().unwrap_or_default());
        match self {
            CertStep::Status => fl!(i18n, "certify-do-status"),
            CertStep::Sale => fl!(i18n, "certify-do-sale", amount = amount(self)),
            CertStep::VoidLast => fl!(i18n, "certify-do-void-last"),
            CertStep::Decline => fl!(i18n, "certify-do-decline", amount = amount(self)),
            CertStep::LostLink => fl!(i18n, "certify-do-lost-link", amount = amount(self)),
            CertStep::Recover => fl!(i18n, "certify-do-recover"),
            CertStep::Totals => fl!(i18n, "certify-do-totals"),
            CertStep::BatchClose => fl!(i18n, "certify-do-batch-close"),
        }
    }
}

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Passed,
    Failed,
    /// The technician left it out.
    Skipped,
    /// The protocol has no such operation.
    NotOffered,
}

impl Verdict {
    pub fn label(self, i18n: &I18n) -> String {
        match self {
            Verdict::Passed => fl!(i18n, "certify-passed"),
            Verdict::Failed => fl!(i18n, "certify-failed"),
            Verdict::Skipped => fl!(i18n, "certify-skipped"),
            Verdict::NotOffered => fl!(i18n, "certify-not-offered"),
        }
    }
}

/// One step's record, as the report prints it.
#[derive(Debug, Clone, Serialize)]
pub struct StepResult {
    pub step: CertStep,
    pub verdict: Verdict,
    /// What happened, in the technician's language.
    pub detail: String,
    /// The journal's attempt, for the payment steps.
    pub attempt: Option<Uuid>,
    /// Local time the step started, `HH:MM:SS`.
    pub at: String,
    /// The protocol log of the step, card numbers masked.
    pub log: Vec<String>,
}

/// A run in progress (or finished): the terminal, who runs it and the steps so far.
#[derive(Debug, Clone, Serialize)]
pub struct Certification {
    pub terminal: String,
    pub protocol: Protocol,
    pub address: String,
    pub terminal_id: String,
    pub register_id: String,
    pub technician: String,
    /// Local date and time the run started.
    pub started: String,
    pub steps: Vec<StepResult>,
    /// The sale the void step reverses.
    #[serde(skip)]
    sale: Option<Attempt>,
    /// The attempt whose link was pulled, for the recovery step.
    #[serde(skip)]
    lost: Option<Uuid>,
}

impl Certification {
    /// The step to run next, `None` when the script is through.
    pub fn next_step(&self) -> Option<CertStep> {
        CertStep::ALL.into_iter().find(|s| !self.steps.iter().any(|r| r.step == *s))
    }

    pub fn failed(&self) -> usize {
        self.steps.iter().filter(|s| s.verdict == Verdict::Failed).count()
    }

    pub fn result_of(&self, step: CertStep) -> Option<&StepResult> {
        self.steps.iter().find(|r| r.step == step)
    }
}

impl Register {
    /// Starts a run on a configured terminal; a manager's work (it moves test money and
    /// closes the terminal's batch).
    pub async fn start_certification(&self, by: &Operator, terminal: &str) -> Result<Certification> {
        require_manager(by)?;
        let config = self.terminal_config(terminal).await?;
        // Step 8 closes the terminal's batch: shop sales in it would leave the day's Z short.
        self.refuse_sales_not_in_z(&config.name)?;
        Ok(Certification {
            terminal: config.name.clone(),
            protocol: config.protocol,
            address: config.addr.clone(),
            terminal_id: config.terminal_id.clone(),
            register_id: self.register_id(),
            technician: by.name.clone(),
            started: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
            steps: Vec::new(),
            sale: None,
            lost: None,
        })
    }

    /// Refuses while the terminal holds card payments of the shop not yet in a Z.
    fn refuse_sales_not_in_z(&self, terminal: &str) -> Result<()> {
        match self.terminal_sales_not_in_z(terminal)? {
            Some((count, amount)) => {
                Err(super::BatchCloseError::SalesNotInZ { terminal: terminal.to_string(), count, amount }
                    .into())
            }
            None => Ok(()),
        }
    }

    /// Records a step the technician left out.
    pub fn skip_certification_step(&self, run: &mut Certification, step: CertStep, i18n: &I18n) {
        run.steps.retain(|r| r.step != step);
        run.steps.push(StepResult {
            step,
            verdict: Verdict::Skipped,
            detail: fl!(i18n, "certify-skipped-by", name = run.technician.clone()),
            attempt: None,
            at: now(),
            log: Vec::new(),
        });
    }

    /// Runs one step against the terminal and records how it went (a step run again
    /// replaces its earlier record). Never an error: a failure is the step's verdict.
    pub async fn run_certification_step(
        &self,
        run: &mut Certification,
        step: CertStep,
        i18n: &I18n,
        progress: &ProgressSink,
    ) -> StepResult {
        let at = now();
        let from = wirelog::next_seq();
        let (verdict, detail, attempt) = match self.certify(run, step, i18n, progress).await {
            Ok(done) => done,
            Err(RegisterError::Terminal(TerminalError::NotSupported(_))) => {
                (Verdict::NotOffered, fl!(i18n, "certify-not-offered-detail"), None)
            }
            Err(e) => (Verdict::Failed, e.message(i18n), None),
        };
        let protocol = run.protocol.code();
        let log = wirelog::recent(wirelog::CAPACITY)
            .into_iter()
            .filter(|e| e.seq >= from && e.protocol == protocol)
            .map(|e| format!("{} {} {}", e.at, e.dir.arrow(), e.text))
            .collect();
        let result = StepResult { step, verdict, detail, attempt, at, log };
        run.steps.retain(|r| r.step != step);
        run.steps.push(result.clone());
        run.steps.sort_by_key(|r| CertStep::ALL.iter().position(|s| *s == r.step));
        result
    }

    async fn certify(
        &self,
        run: &mut Certification,
        step: CertStep,
        i18n: &I18n,
        progress: &ProgressSink,
    ) -> Result<(Verdict, String, Option<Uuid>)> {
        let name = run.terminal.clone();
        match step {
            CertStep::Status => {
                let s = self.terminal_status(&name).await?;
                let status = format!("{} {}", s.status_code, s.status_text).trim().to_string();
                let mut detail =
                    fl!(i18n, "certify-status-detail", tid = s.terminal_id.clone(), status = status);
                if !s.software_release.trim().is_empty() {
                    let release = s.software_release.trim().to_string();
                    detail = format!("{detail} {}", fl!(i18n, "certify-status-software", release = release));
                }
                let verdict = if s.operational { Verdict::Passed } else { Verdict::Failed };
                Ok((verdict, detail, None))
            }
            CertStep::Sale | CertStep::Decline | CertStep::LostLink => {
                let amount = step.amount().unwrap_or_default();
                let attempt = self.certify_payment(&name, PaymentKind::Sale, amount, None, progress).await?;
                let (verdict, detail) = match step {
                    CertStep::Sale => {
                        let approved = attempt.state == AttemptState::Approved;
                        if approved {
                            run.sale = Some(attempt.clone());
                        }
                        (pass_if(approved), describe(&attempt, i18n))
                    }
                    CertStep::Decline => {
                        let declined =
                            matches!(attempt.state, AttemptState::Declined | AttemptState::Cancelled);
                        let mut detail = describe(&attempt, i18n);
                        if attempt.state == AttemptState::Approved {
                            detail = format!("{detail} {}", fl!(i18n, "certify-decline-was-approved"));
                        }
                        (pass_if(declined), detail)
                    }
                    _ => {
                        run.lost = Some(attempt.id);
                        lost_link_verdict(&attempt, i18n)
                    }
                };
                Ok((verdict, detail, Some(attempt.id)))
            }
            CertStep::VoidLast => {
                let Some(sale) = run.sale.clone() else {
                    return Ok((Verdict::Skipped, fl!(i18n, "certify-void-no-sale"), None));
                };
                let original = void_reference(&sale);
                let attempt =
                    self.certify_payment(&name, PaymentKind::Void, sale.amount, original, progress).await?;
                let approved = attempt.state == AttemptState::Approved;
                if approved {
                    run.sale = None;
                }
                Ok((pass_if(approved), describe(&attempt, i18n), Some(attempt.id)))
            }
            CertStep::Recover => {
                let Some(id) = run.lost else {
                    return Ok((Verdict::Skipped, fl!(i18n, "certify-recover-nothing"), None));
                };
                let before = self.attempt(id)?;
                if before.state.is_open() {
                    let recovered = self.recover_report(Some(&name)).await?;
                    if let Some((terminal, pid)) = recovered.busy.first() {
                        return Err(RegisterError::TerminalBusy { terminal: terminal.clone(), pid: *pid });
                    }
                }
                let after = self.attempt(id)?;
                let detail = if before.state.is_open() {
                    describe(&after, i18n)
                } else {
                    fl!(i18n, "certify-recover-already", outcome = describe(&after, i18n))
                };
                if after.state.is_open() && !self.terminal(&name).await?.can_recover() {
                    let detail =
                        format!("{detail} {}", fl!(i18n, "certify-recover-none", id = id.to_string()));
                    return Ok((Verdict::NotOffered, detail, Some(id)));
                }
                if after.state.is_open() {
                    let detail =
                        format!("{detail} {}", fl!(i18n, "certify-recover-open", id = id.to_string()));
                    return Ok((Verdict::Failed, detail, Some(id)));
                }
                Ok((Verdict::Passed, detail, Some(id)))
            }
            CertStep::Totals => {
                let totals = self.terminal_totals(&name).await?;
                let detail = fl!(i18n, "certify-totals-detail", total = i18n.money(totals.terminal_total));
                Ok((pass_if(totals.ok), with_message(detail, &totals.message), None))
            }
            CertStep::BatchClose => {
                // A shop sale made since the run started would be closed away with the tests.
                if let Err(e) = self.refuse_sales_not_in_z(&name) {
                    let detail = fl!(i18n, "certify-close-skipped", reason = e.message(i18n));
                    return Ok((Verdict::Skipped, detail, None));
                }
                let terminal = self.terminal(&name).await?;
                let totals = terminal.close_batch().await.map_err(RegisterError::Terminal)?;
                drop(terminal);
                let total = i18n.money(totals.host_total.unwrap_or(totals.terminal_total));
                let detail = fl!(i18n, "certify-close-detail", total = total);
                let json =
                    serde_json::to_value(&totals).map_err(|e| RegisterError::Storage(e.to_string()))?;
                // On record in the batch-close journal (in no Z: its payments are no sales).
                self.store.record_certification_close(&self.register_id(), &name, &json, &run.technician)?;
                Ok((pass_if(totals.ok), with_message(detail, &totals.message), None))
            }
        }
    }

    /// One test payment through the journal, holding the terminal, like `tameio pay`. An
    /// answer the journal could not keep still names its attempt (left open for recovery).
    async fn certify_payment(
        &self,
        name: &str,
        kind: PaymentKind,
        amount: Money,
        original: Option<String>,
        progress: &ProgressSink,
    ) -> Result<Attempt> {
        let terminal = self.terminal(name).await?;
        terminal.check_kind(kind).map_err(RegisterError::Terminal)?;
        let outcome = if kind == PaymentKind::Void {
            let journal: &dyn Journal = self.store.as_ref();
            // As before any payment: what this terminal left open is settled first (a void
            // reverses the terminal's last transaction, which must be known to be ours).
            let open = journal.open_attempts(Some(terminal.name())).map_err(SessionError::from)?;
            if !open.is_empty() {
                // Whatever stays open, the session refuses the void (`UnresolvedAttempt`).
                for attempt in session::recover_all(journal, terminal.as_ref()).await? {
                    self.book_recovered(&attempt, "recovery");
                }
            }
            let mut req = PaymentRequest::new(kind, amount);
            req.cash_register_id = self.register_id();
            req.original = original;
            session::run(journal, terminal.as_ref(), &req, progress).await.map_err(RegisterError::from)
        } else {
            let request = PayRequest {
                kind,
                amount,
                preauth_code: None,
                order_id: None,
                tip: Money::ZERO,
                instalments: 0,
            };
            self.pay(terminal.as_ref(), &request, progress).await
        };
        match outcome {
            Ok(attempt) => Ok(attempt),
            Err(RegisterError::Session(
                SessionError::NotRecorded { attempt, .. } | SessionError::LeftOpen { attempt, .. },
            )) => Ok(*attempt),
            Err(e) => Err(e),
        }
    }

    /// The report as a PDF (A4).
    pub fn certification_pdf(&self, run: &Certification, i18n: &I18n) -> Result<Vec<u8>> {
        let layout = layout::certification_layout(run, i18n);
        crate::print::layout_pdf(&layout, Paper::A4, &fl!(i18n, "certify-title"))
            .map_err(|e| RegisterError::Storage(e.to_string()))
    }

    /// Writes the report to `to` (or `reports/` in the data folder) and notes it in the audit
    /// log. Returns where it went.
    pub fn save_certification(&self, run: &Certification, i18n: &I18n, to: Option<&Path>) -> Result<PathBuf> {
        let pdf = self.certification_pdf(run, i18n)?;
        let path = match to {
            Some(path) => path.to_path_buf(),
            None => {
                let dir = self
                    .places()
                    .map(|p| p.data_dir.join("reports"))
                    .ok_or_else(|| RegisterError::Storage("no data folder for the report".into()))?;
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                let safe: String = run
                    .terminal
                    .chars()
                    .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
                    .collect();
                dir.join(format!("certification-{safe}-{stamp}.pdf"))
            }
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| RegisterError::Storage(format!("{}: {e}", dir.display())))?;
        }
        std::fs::write(&path, pdf).map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display())))?;
        let summary: Vec<String> =
            run.steps.iter().map(|s| format!("{}={}", s.step.code(), verdict_code(s.verdict))).collect();
        self.store.audit(&run.technician, "certify.report", &run.terminal, &summary.join(" "))?;
        Ok(path)
    }
}

fn now() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

fn pass_if(ok: bool) -> Verdict {
    if ok { Verdict::Passed } else { Verdict::Failed }
}

fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Passed => "passed",
        Verdict::Failed => "failed",
        Verdict::Skipped => "skipped",
        Verdict::NotOffered => "not-offered",
    }
}

fn with_message(detail: String, message: &str) -> String {
    if message.trim().is_empty() { detail } else { format!("{detail} ({})", message.trim()) }
}

/// What the void must name: the same mapping a refund's void uses.
fn void_reference(sale: &Attempt) -> Option<String> {
    let Some(Outcome::Approved(approval)) = &sale.outcome else { return None };
    match sale.protocol {
        Protocol::Ecr17 => Some(approval.stan.clone()),
        Protocol::WebEcr => Some(sale.id.to_string()),
        // nexo reverses the terminal's last payment only when it is this one.
        Protocol::Nexo => Some(approval.transaction_id.clone()).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// An attempt's outcome in a sentence.
fn describe(a: &Attempt, i18n: &I18n) -> String {
    let amount = i18n.money(a.amount);
    match &a.outcome {
        Some(Outcome::Approved(ap)) => {
            // ECR17, AADE and WebECR number by STAN; nexo by its transaction id.
            let reference = match (ap.stan.trim(), ap.transaction_id.trim()) {
                ("", "") => "-".to_string(),
                ("", id) => format!("ID {id}"),
                (stan, _) => format!("STAN {stan}"),
            };
            fl!(
                i18n,
                "certify-outcome-approved",
                amount = amount,
                code = ap.auth_code.clone(),
                reference = reference
            )
        }
        Some(Outcome::Declined { code, message, .. }) => {
            fl!(
                i18n,
                "certify-outcome-declined",
                amount = amount,
                reason = format!("{code} {message}").trim().to_string()
            )
        }
        Some(Outcome::Cancelled { message }) => {
            fl!(i18n, "certify-outcome-cancelled", amount = amount, reason = message.clone())
        }
        None if a.state.is_open() => fl!(i18n, "certify-outcome-open", amount = amount),
        None => fl!(i18n, "certify-outcome-failed", amount = amount, reason = a.note.clone()),
    }
}

/// The lost-link step passes when the register kept the attempt instead of guessing: left
/// open for recovery, or settled by the protocol's own recovery after the link came back.
/// A payment that went through untroubled means the link was never lost.
fn lost_link_verdict(a: &Attempt, i18n: &I18n) -> (Verdict, String) {
    let said = describe(a, i18n);
    if a.state.is_open() {
        return (Verdict::Passed, format!("{said} {}", fl!(i18n, "certify-lost-kept")));
    }
    if a.note.trim().is_empty() {
        return (Verdict::Failed, format!("{said} {}", fl!(i18n, "certify-lost-not-lost")));
    }
    (Verdict::Passed, format!("{said} {}", fl!(i18n, "certify-lost-recovered")))
}
