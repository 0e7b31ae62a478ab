//! `tameio terminal certify NAME [-o report.pdf]`: the acquirer's test script, step by step,
//! with the technician at the terminal; the PDF report at the end.

use std::io::BufRead;
use std::path::PathBuf;

use clap::Args;

use super::{EXIT_FAILURE, EXIT_OK, block_on, print_json};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{CertStep, Register, RegisterError, Verdict};
use crate::terminal::{Progress, ProgressSink};

#[derive(Debug, Args)]
pub struct CertifyArgs {
    /// The configured terminal to certify.
    pub name: String,
    /// Where the PDF report goes (default: `reports/` in the data folder).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Run every step without waiting for Enter (simulators, scripted checks).
    #[arg(long)]
    pub yes: bool,
    /// The manager who runs it (default: the demo manager).
    #[arg(long)]
    pub user: Option<String>,
    #[arg(long)]
    pub pin: Option<String>,
    /// Print the run as JSON at the end.
    #[arg(long)]
    pub json: bool,
}

/// What the technician answered at a step's prompt.
enum Answer {
    Run,
    Skip,
    Stop,
}

/// Reads the technician's answer (the prompt is already shown).
fn ask() -> Answer {
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        // End of input: nobody is there to do what the steps ask.
        Ok(0) | Err(_) => Answer::Stop,
        Ok(_) => match line.trim().to_lowercase().as_str() {
            "s" => Answer::Skip,
            "q" => Answer::Stop,
            _ => Answer::Run,
        },
    }
}

pub fn certify(register: &Register, i18n: &I18n, args: &CertifyArgs) -> Result<u8, RegisterError> {
    let user = args.user.as_deref().or(Some(crate::register::DEMO_MANAGER.0));
    let by = register.cli_operator(user, args.pin.as_deref())?;
    // One runtime for the whole run: the demo terminal lives on the runtime that started it.
    let (run, stopped) = block_on(async {
        let mut run = register.start_certification(&by, &args.name).await?;
        eprintln!("{} · {} ({})", fl!(i18n, "certify-title"), run.terminal, run.protocol.code());
        eprintln!("{}", fl!(i18n, "certify-sim-note"));
        for (n, step) in CertStep::ALL.into_iter().enumerate() {
            eprintln!();
            eprintln!("{}. {}", n + 1, step.title(i18n));
            eprintln!("   {}", step.instruction(i18n));
            let answer = if args.yes {
                Answer::Run
            } else {
                eprintln!("{}", fl!(i18n, "certify-press"));
                tokio::task::spawn_blocking(ask).await.unwrap_or(Answer::Stop)
            };
            match answer {
                Answer::Skip => {
                    register.skip_certification_step(&mut run, step, i18n);
                    continue;
                }
                Answer::Stop => return Ok((run, true)),
                Answer::Run => {}
            }
            let (progress, mut events) = ProgressSink::channel();
            let printer = tokio::spawn(async move {
                while let Some(event) = events.recv().await {
                    if let Progress::Display(text) = event {
                        eprintln!("   … {}", text.trim());
                    }
                }
            });
            let result = register.run_certification_step(&mut run, step, i18n, &progress).await;
            drop(progress);
            let _ = printer.await;
            eprintln!("   {}: {}", result.verdict.label(i18n), result.detail);
        }
        Ok((run, false))
    })?;
    if stopped {
        eprintln!("{}", fl!(i18n, "certify-stopped"));
    }
    let path = register.save_certification(&run, i18n, args.output.as_deref())?;
    eprintln!("{}", fl!(i18n, "certify-saved", path = path.display().to_string()));
    if args.json {
        let mut v = serde_json::to_value(&run).unwrap_or_default();
        v["report"] = serde_json::json!(path.display().to_string());
        print_json(&v);
    }
    let failed = run.steps.iter().any(|s| s.verdict == Verdict::Failed);
    Ok(if failed || stopped { EXIT_FAILURE } else { EXIT_OK })
}
