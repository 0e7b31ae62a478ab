//! Card payments from the command line: `tameio pay` (a bare terminal payment) and
//! `tameio sale --card` (an order paid by card), each with the cardholder's signature answered
//! by `--confirm-signature`.

use serde_json::json;

use super::terminal::{PayArgs, attempt_json, exit_for, print_attempt, progress_text, target_name};
use super::{EXIT_DECLINED, EXIT_UNKNOWN, block_on, print_json};
use crate::domain::{Cart, Money};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{Operator, PayRequest, Refunded, Register, RegisterError, signature_to_check};
use crate::terminal::{Attempt, AttemptState, PaymentKind, ProgressSink, SignatureAnswer};

pub fn pay(register: &Register, i18n: &I18n, args: &PayArgs) -> Result<u8, RegisterError> {
    let kind = PaymentKind::from_code(&args.kind)
        .ok_or_else(|| RegisterError::BadInput(format!("unknown payment kind “{}”", args.kind)))?;
    let kind = match (kind, args.moto) {
        (_, false) => kind,
        (PaymentKind::Sale | PaymentKind::Moto, true) => PaymentKind::Moto,
        (other, true) => {
            return Err(RegisterError::BadInput(format!("--moto is a sale, not a {}", other.code())));
        }
    };
    let amount = register.parse_amount(&args.amount)?;
    let tip = args.tip.as_deref().map(|t| register.parse_amount(t)).transpose()?.unwrap_or_default();
    let name = target_name(register, &args.target)?;
    let said = said_signature(args.confirm_signature.as_deref());
    let (progress, mut events) = ProgressSink::channel();
    let progress = progress.with_signature(said.map_or(SignatureAnswer::Configured, SignatureAnswer::Given));
    let show_progress = !args.json;
    // The payment whose signature was refused; its void is then the answer.
    let mut refused: Option<Attempt> = None;
    let attempt = block_on(async {
        let printer = tokio::spawn(async move {
            while let Some(event) = events.recv().await {
                if show_progress {
                    eprintln!("… {}", progress_text(&event));
                }
            }
        });
        let terminal = register.terminal(&name).await?;
        let request = PayRequest {
            kind,
            amount,
            preauth_code: args.preauth_code.clone(),
            order_id: None,
            tip,
            instalments: args.instalments.unwrap_or(0),
        };
        let mut result = register.pay(terminal.as_ref(), &request, &progress).await;
        if let Ok(paid) = &result
            && signature_to_check(paid).is_some()
            && !said.unwrap_or_else(|| register.signature_default(&name))
        {
            // Refused: the payment is reversed by a void of its own, the terminal still held,
            // so its last transaction is this one.
            eprintln!("{}", i18n.tr("signature-cli-refused"));
            refused = Some(paid.clone());
            let void = PayRequest { kind: PaymentKind::Void, tip: Money::ZERO, instalments: 0, ..request };
            result = register.pay(terminal.as_ref(), &void, &progress).await;
        }
        drop(progress);
        let _ = printer.await;
        result
    });
    if let Some(paid) = refused {
        return Ok(signature_refused(&paid, attempt, i18n, args.json));
    }
    let attempt = match attempt {
        Ok(attempt) => attempt,
        // The terminal answered but the journal could not keep it: show the answer, exit 4 so
        // a script leaves it to `tameio recover` (the journal still holds it open).
        Err(e) => match e.unrecorded_attempt() {
            Some((attempt, source)) => {
                eprintln!("{}", i18n.tr_args("pay-not-recorded", &[("detail", source.into())]));
                print_attempt(attempt, i18n, args.json);
                return Ok(EXIT_UNKNOWN);
            }
            None => return Err(e),
        },
    };
    print_attempt(&attempt, i18n, args.json);
    Ok(exit_for(&attempt))
}

/// `tameio pay` after a refused signature: the void is the answer. Exit 3 once it is approved
/// (nothing charged); else 4, as the customer is still charged until a person settles it.
fn signature_refused(paid: &Attempt, void: Result<Attempt, RegisterError>, i18n: &I18n, as_json: bool) -> u8 {
    let void = match void {
        Ok(void) => Some(void),
        Err(e) => match e.unrecorded_attempt() {
            Some((attempt, _)) => Some(attempt.clone()),
            None => {
                eprintln!("{}", fl!(i18n, "signature-reversal-failed", reason = e.message(i18n)));
                None
            }
        },
    };
    let reversed = void.as_ref().is_some_and(|v| v.state == AttemptState::Approved);
    match &void {
        Some(v) if v.state.is_open() => eprintln!("{}", i18n.tr("signature-reversal-unknown")),
        Some(v) if !reversed => {
            eprintln!("{}", fl!(i18n, "signature-reversal-failed", reason = v.note.clone()))
        }
        _ => {}
    }
    if as_json {
        print_json(&json!({
            "signature_refused": attempt_json(paid, i18n),
            "void": void.as_ref().map(|v| attempt_json(v, i18n)),
        }));
    } else {
        print_attempt(paid, i18n, false);
        if let Some(v) = &void {
            print_attempt(v, i18n, false);
        }
    }
    if reversed { EXIT_DECLINED } else { EXIT_UNKNOWN }
}

/// `tameio sale --card`: the cart as an order, paid by card through the journal. A sale the
/// terminal did not charge is voided; one it may have charged stays for `tameio recover`.
/// `--confirm-signature yes|no` (clap has checked the words).
fn said_signature(word: Option<&str>) -> Option<bool> {
    word.map(|w| w == "yes")
}

pub fn card_sale(
    register: &Register,
    i18n: &I18n,
    by: &Operator,
    cart: &Cart,
    args: &super::sale::SaleArgs,
) -> Result<u8, RegisterError> {
    let order_id = register.open_order(by, cart)?;
    let due = register.order(order_id)?.remaining();
    let name = register.terminal_name(args.terminal.as_deref());
    let said = said_signature(args.confirm_signature.as_deref());
    let (progress, mut events) = ProgressSink::channel();
    let progress = progress.with_signature(said.map_or(SignatureAnswer::Configured, SignatureAnswer::Given));
    let show_progress = !args.json;
    // A refused signature: reversed (the void receipt shown), or why the sale still stands.
    let mut signature: Option<Result<(), String>> = None;
    let mut refused: Option<Attempt> = None;
    let paid = block_on(async {
        let printer = tokio::spawn(async move {
            while let Some(event) = events.recv().await {
                if show_progress {
                    eprintln!("… {}", progress_text(&event));
                }
            }
        });
        let mut result = register.pay_card(by, order_id, due, &name, &progress).await;
        if let Ok(payment) = &mut result
            && signature_to_check(&payment.attempt).is_some()
        {
            let id = payment.attempt.id;
            if said.unwrap_or_else(|| register.signature_default(&name)) {
                if let Err(e) = register.confirm_signature(by, id) {
                    // Only the note failed: the sale stands as approved.
                    eprintln!("{}", e.message(i18n));
                }
            } else {
                eprintln!("{}", i18n.tr("signature-cli-refused"));
                refused = Some(payment.attempt.clone());
                signature = Some(match register.refuse_signature(by, id, &progress).await {
                    Ok(Refunded { receipt: Some(void), attempt }) => {
                        eprintln!("{}", fl!(i18n, "signature-reversed", number = void.number));
                        payment.attempt = attempt.unwrap_or_else(|| payment.attempt.clone());
                        payment.receipt = Some(void);
                        Ok(())
                    }
                    Ok(Refunded { attempt, .. }) => match attempt {
                        // Given back; its receipt is booked by `tameio recover`.
                        Some(a) if a.state == AttemptState::Approved => {
                            eprintln!("{}", i18n.tr("signature-reversed-pending"));
                            payment.attempt = a;
                            payment.receipt = None;
                            Ok(())
                        }
                        Some(a) if a.state.is_open() => Err(i18n.tr("signature-reversal-unknown")),
                        Some(a) => Err(fl!(i18n, "signature-reversal-failed", reason = a.note)),
                        None => Err(fl!(i18n, "signature-reversal-failed", reason = String::new())),
                    },
                    Err(e) => Err(fl!(i18n, "signature-reversal-failed", reason = e.message(i18n))),
                });
            }
        }
        drop(progress);
        let _ = printer.await;
        result
    });
    let payment = match paid {
        Ok(payment) => payment,
        Err(e) => {
            // Refused before anything left: the order is given up, nothing was charged.
            if let Err(void) = register.void_order(by, order_id) {
                tracing::warn!(order = order_id, error = %void, "order of a refused card sale left open");
            }
            return Err(e);
        }
    };
    let a = &payment.attempt;
    let code = match (a.state, &payment.pending, &signature) {
        // Reversed: nothing charged, the order paid and voided by its own receipts.
        (_, _, Some(Ok(()))) => EXIT_DECLINED,
        // The sale stands though its signature was refused: a person decides.
        (_, _, Some(Err(why))) => {
            eprintln!("{why}");
            EXIT_UNKNOWN
        }
        (AttemptState::Approved, Some(_), _) => EXIT_UNKNOWN,
        (state, _, _) if !state.is_open() && state != AttemptState::Approved => {
            register.void_order(by, order_id)?;
            exit_for(a)
        }
        _ => exit_for(a),
    };
    if args.json {
        print_json(&json!({
            "order_id": order_id,
            "attempt": attempt_json(a, i18n),
            "booking_pending": payment.pending,
            "receipt": payment.receipt.as_ref().map(super::receipts::receipt_json),
            "signature_refused": refused.as_ref().map(|p| attempt_json(p, i18n)),
        }));
    } else {
        if let Some(p) = &refused {
            print_attempt(p, i18n, false);
        }
        print_attempt(a, i18n, false);
        if let Some(why) = &payment.pending {
            eprintln!("{}", i18n.tr_args("pay-not-recorded", &[("detail", why.clone().into())]));
        }
        // A card takes the exact amount: the line says how it was paid, never "change 0,00".
        if let Some(r) = &payment.receipt {
            print!("{}", register.receipt_summary(r, i18n));
            println!("{}", fl!(i18n, "cli-sale-done-card", number = r.number, total = i18n.money(r.total)));
        }
    }
    Ok(code)
}
