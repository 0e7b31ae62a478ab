//! Runs the `Work` that talks to a terminal or a printer: async, each as a stream of messages
//! (live progress first, the answer last) to the screen that asked. The app runs them with
//! `Task::run`; tests collect the stream.

use std::path::PathBuf;
use std::sync::Arc;

use iced::futures::stream::{self, BoxStream, StreamExt};
use iced::futures::{SinkExt, channel::mpsc};

use super::message::Message;
use crate::domain::{Lang, Money, Receipt};
use crate::i18n::I18n;
use crate::register::{CardPayment, Operator, RefundLine, RefundMode, Register, RegisterError};
use crate::terminal::{Approval, Attempt, Outcome, ProgressSink, SignatureAnswer};
use crate::ui::request::settings::Remote;
use crate::ui::request::{Failure, PrintFor, Work};
use crate::ui::screen::manager::settings::{self, certify, printer, terminal_keys, terminals};
use crate::ui::screen::manager::{self, batch, receipts};
use crate::ui::screen::{card, deferred, receipt};

/// The messages one piece of work produces, ending with its answer.
pub fn stream(reg: Arc<Register>, i18n: Arc<I18n>, work: Work) -> BoxStream<'static, Message> {
    let words = Arc::clone(&i18n);
    let fail = move |e: RegisterError| Failure::of(&e, &i18n);
    match work {
        Work::PayCard { by, order_id, amount, terminal } => {
            pay_card(reg, fail, by, order_id, amount, terminal)
        }
        Work::ConfirmSignature { by, attempt } => once(async move {
            let answer = reg.confirm_signature(&by, attempt).map_err(fail);
            Message::Card(card::Message::SignatureNoted(answer))
        }),
        Work::RefuseSignature { by, attempt } => refuse_signature(reg, fail, by, attempt),
        Work::CheckReversal { terminal, attempt } => once(async move {
            let answer = reg.check_give_back(&terminal, attempt).await.map(Box::new).map_err(fail);
            Message::Card(card::Message::Reversed(answer))
        }),
        Work::PrintSlip { attempt } => once(async move {
            let answer = reg.print_declined_slip(attempt).await.map_err(fail);
            Message::Card(card::Message::SlipPrinted(answer))
        }),
        Work::AnswerSignature { terminal, confirmed } => once(async move {
            let taken = reg.answer_signature(&terminal, confirmed);
            Message::Card(card::Message::SignatureAnswered(taken))
        }),
        Work::Refund { by, number, mode, lines } => refund(reg, fail, by, number, mode, lines),
        Work::Status(name) => once(async move {
            let answer = if reg.terminal_in_flight(&name) {
                Ok(None)
            } else {
                match reg.terminal_status(&name).await {
                    // Another tameio (or a payment here) holds the terminal: busy, not broken.
                    Err(RegisterError::TerminalBusy { .. }) => Ok(None),
                    other => other.map(Some).map_err(fail),
                }
            };
            Message::TerminalStatus(name, answer)
        }),
        Work::Abort { terminal } => once(async move {
            let answer = reg.abort_card_payment(&terminal).await.map_err(fail);
            Message::Card(card::Message::Aborted(answer))
        }),
        Work::Recover { terminal, attempt } => once(async move {
            let answer = async {
                reg.recover(Some(&terminal)).await?;
                // What the journal says now: another process may have settled it meanwhile.
                payment_of(&reg, reg.attempt(attempt.id)?).map(Box::new)
            };
            Message::Card(card::Message::Done(answer.await.map_err(fail)))
        }),
        Work::Book { by, attempt } => once(async move {
            let answer = reg.card_payment(*attempt, &by.name).map(Box::new);
            Message::Card(card::Message::Done(answer.map_err(fail)))
        }),
        Work::Force { by, attempt, outcome } => once(async move {
            let answer = reg.force_attempt(&by, attempt.id, &outcome).or_else(|e| {
                // Settled elsewhere (the CLI, another till) before the manager decided here.
                match e.attempt_no_longer_open() {
                    Some(id) => reg.attempt(id),
                    None => Err(e),
                }
            });
            let answer = answer.and_then(|a| payment_of(&reg, a)).map(Box::new);
            Message::Card(card::Message::Done(answer.map_err(fail)))
        }),
        Work::ForceOpen { by, attempt, approved } => once(async move {
            let outcome = if approved {
                Outcome::Approved(Approval::default())
            } else {
                Outcome::declined(String::new(), "resolved by hand: not charged")
            };
            Message::DiagnosticsForced(
                reg.decide_attempt(&by, attempt.id, &outcome).map(Box::new).map_err(fail),
            )
        }),
        Work::Defer { by, cart, terminal } => once(async move {
            let answer = reg.defer_order(&by, &cart, &terminal).await.map_err(fail);
            Message::Deferred(deferred::Message::Sent(answer))
        }),
        Work::RefreshDeferred => once(async move {
            Message::Deferred(deferred::Message::Loaded(reg.refresh_deferred().await.map_err(fail)))
        }),
        Work::TerminalConfig(name) => {
            once(async move { Message::DiagnosticsConfig(reg.terminal_config(&name).await.map_err(fail)) })
        }
        Work::TerminalTotals(name) => once(async move {
            // A protocol without a batch close (AADE 1155) has no totals to ask for either.
            if reg.terminal_closes_batch(&name).await.is_ok_and(|closes| !closes) {
                return batch_message(batch::Message::ClosesOnTerminal);
            }
            let answer = reg.terminal_totals(&name).await.map_err(fail);
            batch_message(batch::Message::TerminalTotals(answer))
        }),
        Work::CloseBatch { by, terminal, counted, float } => once(async move {
            if let Some(Err(e)) = float.map(|f| reg.set_opening_float(&by, f)) {
                return batch_message(batch::Message::Closed(Err(fail(e))));
            }
            let message = match reg.close_batch(&by, Some(&terminal), counted).await {
                Ok(closure) => batch::Message::Closed(Ok(closure)),
                Err(e @ (RegisterError::Terminal(_) | RegisterError::NoTerminal(_))) => {
                    tracing::warn!(error = %e, "the terminal's batch did not close");
                    batch::Message::TerminalFailed(fail(e))
                }
                Err(e) => batch::Message::Closed(Err(fail(e))),
            };
            batch_message(message)
        }),
        Work::IssueZ(number) => once(async move {
            let answer = reg.issue_z_report(number, &words).await.map_err(fail);
            batch_message(batch::Message::ZIssued(answer))
        }),
        Work::Settings(call) => {
            once(async move { settings_message(settings_remote(&reg, &words, fail, call).await) })
        }
        Work::Print { receipt, copy, to } => once(async move {
            let answer = reg.print_receipt(&receipt, copy, None).await;
            match to {
                PrintFor::Receipt => Message::Receipt(receipt::Message::Printed(answer.map_err(fail))),
                PrintFor::Manager(by) => {
                    // Counted once printed: a printer that refused the copy counts nothing.
                    let counted = answer.and_then(|()| {
                        copy.map(|c| reg.copy_made(&by, receipt.number, c)).transpose().map(|_| ())
                    });
                    Message::Manager(manager::Message::Receipts(receipts::Message::Printed(
                        counted.map_err(fail),
                    )))
                }
            }
        }),
    }
}

fn settings_message(m: manager::settings::Message) -> Message {
    Message::Manager(manager::Message::Settings(m))
}

fn batch_message(m: batch::Message) -> Message {
    Message::Manager(manager::Message::Batch(m))
}

fn once(fut: impl Future<Output = Message> + Send + 'static) -> BoxStream<'static, Message> {
    stream::once(fut).boxed()
}

/// The payment runs as its own task, so nothing the UI does (closing a view, dropping the
/// stream) can cut it off halfway; progress is forwarded as it comes, the result last.
fn pay_card(
    reg: Arc<Register>,
    fail: impl Fn(RegisterError) -> Failure + Send + 'static,
    by: Operator,
    order_id: i64,
    amount: Money,
    terminal: String,
) -> BoxStream<'static, Message> {
    iced::stream::channel(64, async move |mut out: mpsc::Sender<Message>| {
        let (sink, mut rx) = ProgressSink::channel();
        // A terminal that asks about the signature asks the cashier on this screen.
        let sink = sink.with_signature(SignatureAnswer::Cashier);
        let payment =
            tokio::spawn(async move { reg.pay_card(&by, order_id, amount, &terminal, &sink).await });
        while let Some(p) = rx.recv().await {
            let _ = out.send(Message::Card(card::Message::Progress(p))).await;
        }
        // The sink is dropped when the payment ends, so the loop above ends with it.
        let answer = match payment.await {
            Ok(result) => result.map(Box::new).map_err(fail),
            Err(e) => {
                tracing::error!(error = %e, "the card payment task failed");
                Err(Failure { text: e.to_string(), wrong_pins: None })
            }
        };
        let _ = out.send(Message::Card(card::Message::Done(answer))).await;
    })
    .boxed()
}

fn receipts_message(m: receipts::Message) -> Message {
    Message::Manager(manager::Message::Receipts(m))
}

/// A refund runs as its own task like a payment, its progress forwarded, the result last.
fn refund(
    reg: Arc<Register>,
    fail: impl Fn(RegisterError) -> Failure + Send + 'static,
    by: Operator,
    number: i64,
    mode: RefundMode,
    lines: Vec<RefundLine>,
) -> BoxStream<'static, Message> {
    use receipts::Message as R;
    iced::stream::channel(64, async move |mut out: mpsc::Sender<Message>| {
        let (sink, mut rx) = ProgressSink::channel();
        let job = tokio::spawn(async move { reg.refund_lines(&by, number, &lines, mode, &sink).await });
        while let Some(p) = rx.recv().await {
            let _ = out.send(receipts_message(R::RefundProgress(p))).await;
        }
        let answer = match job.await {
            Ok(result) => result.map(Box::new).map_err(fail),
            Err(e) => {
                tracing::error!(error = %e, "the refund task failed");
                Err(Failure { text: e.to_string(), wrong_pins: None })
            }
        };
        let _ = out.send(receipts_message(R::Refunded(answer))).await;
    })
    .boxed()
}

/// The reversal of a payment whose signature was refused: a void attempt of its own, its
/// progress shown on the payment screen, the refund receipt last.
fn refuse_signature(
    reg: Arc<Register>,
    fail: impl Fn(RegisterError) -> Failure + Send + 'static,
    by: Operator,
    attempt: uuid::Uuid,
) -> BoxStream<'static, Message> {
    iced::stream::channel(64, async move |mut out: mpsc::Sender<Message>| {
        let (sink, mut rx) = ProgressSink::channel();
        let job = tokio::spawn(async move { reg.refuse_signature(&by, attempt, &sink).await });
        while let Some(p) = rx.recv().await {
            let _ = out.send(Message::Card(card::Message::Progress(p))).await;
        }
        let answer = match job.await {
            Ok(result) => result.map(Box::new).map_err(fail),
            Err(e) => {
                tracing::error!(error = %e, "the reversal task failed");
                Err(Failure { text: e.to_string(), wrong_pins: None })
            }
        };
        let _ = out.send(Message::Card(card::Message::Reversed(answer))).await;
    })
    .boxed()
}

/// Where an attempt leaves its order (booking an approval that is not booked yet).
fn payment_of(reg: &Register, attempt: Attempt) -> Result<CardPayment, RegisterError> {
    reg.card_payment(attempt, "recovery")
}

/// Saves the receipt as a PDF under the data folder and says where.
pub fn save_pdf(
    reg: &Register,
    receipt: &Receipt,
    copy: Option<i64>,
    lang: Lang,
) -> Result<String, RegisterError> {
    let bytes = reg.receipt_pdf(receipt, copy, reg.paper(), lang)?;
    let dir = reg.places().map(|p| p.data_dir.clone()).unwrap_or_else(std::env::temp_dir).join("receipts");
    let name = match copy {
        Some(c) => format!("receipt-{}-copy-{c}.pdf", receipt.number),
        None => format!("receipt-{}.pdf", receipt.number),
    };
    let path: PathBuf = dir.join(name);
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, bytes))
        .map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display())))?;
    Ok(path.display().to_string())
}

/// Runs a register future from a blocking thread: on the app's runtime when there is one,
/// else on a short-lived one (tests and benchmarks, where start-up has nothing to recover).
pub fn block_on<T>(fut: impl Future<Output = Result<T, RegisterError>>) -> Result<T, RegisterError> {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => handle.block_on(fut),
        Err(_) => match tokio::runtime::Builder::new_current_thread().enable_all().build() {
            Ok(rt) => rt.block_on(fut),
            Err(e) => Err(RegisterError::Storage(format!("no async runtime: {e}"))),
        },
    }
}

/// The settings tab's printer and terminal calls, each answered to the section that asked.
async fn settings_remote(
    reg: &Register,
    i18n: &I18n,
    fail: impl Fn(RegisterError) -> Failure,
    call: Remote,
) -> settings::Message {
    match call {
        Remote::TestPrint { by, printer, paper, lang } => {
            let printed = reg.print_test_page(&by, Some(&printer), Some(paper), lang).await.map(|()| printer);
            settings::Message::Printer(printer::Message::Tested(printed.map_err(&fail)))
        }
        Remote::TerminalStatus(name) => {
            let status = reg.terminal_status(&name).await.map_err(&fail);
            settings::Message::Terminals(terminals::Message::Status(name, status))
        }
        Remote::TerminalKeys { by, name, master_key } => {
            let setup = crate::register::KeySetup { init_echo: true, master_key, session_key: true };
            let done = reg.set_up_terminal_keys(&by, &name, setup).await.map_err(&fail);
            let message = terminal_keys::Message::Done(name, done);
            settings::Message::Terminals(terminals::Message::Keys(message))
        }
        Remote::Pair { by, name, code } => {
            let paired = reg.pair_terminal_by(&by, &name, &code).await;
            let answer = paired.and_then(|p| Ok((p.tid, reg.terminals()?)));
            settings::Message::Terminals(terminals::Message::Paired(name, answer.map_err(&fail)))
        }
        Remote::CertifyStart { by, name } => {
            let run = reg.start_certification(&by, &name).await.map(Box::new);
            settings::Message::Terminals(terminals::Message::CertStarted(name, run.map_err(&fail)))
        }
        Remote::CertifyStep { mut run, step } => {
            // Progress goes nowhere here: the step's outcome and its log are what the run keeps.
            reg.run_certification_step(&mut run, step, i18n, &ProgressSink::none()).await;
            settings::Message::Terminals(terminals::Message::Cert(certify::Message::Stepped(run)))
        }
        Remote::CertifySave(run) => {
            let saved = reg.save_certification(&run, i18n, None);
            settings::Message::Terminals(terminals::Message::Cert(certify::Message::Saved(
                saved.map_err(&fail),
            )))
        }
    }
}
