//! The certification run's report as a layout (A4): the installation, then each step with
//! its verdict, detail and protocol log.

use super::{CertStep, Certification, Verdict};
use crate::fl;
use crate::i18n::I18n;
use crate::print::{Block, Layout, Paper, Style};

/// The report: the installation, then each step with its verdict, detail and log.
pub(super) fn certification_layout(run: &Certification, i18n: &I18n) -> Layout {
    let mut layout = Layout::new(Paper::A4.columns());
    layout.center(fl!(i18n, "certify-title"), Style::LARGE);
    layout.push(Block::Blank);
    layout.pair(fl!(i18n, "certify-terminal"), format!("{} ({})", run.terminal, run.protocol.code()));
    if !run.address.is_empty() {
        layout.pair(fl!(i18n, "certify-address"), run.address.clone());
    }
    if !run.terminal_id.is_empty() {
        layout.pair(fl!(i18n, "certify-terminal-id"), run.terminal_id.clone());
    }
    layout.pair(fl!(i18n, "certify-register"), run.register_id.clone());
    layout.pair(fl!(i18n, "certify-technician"), run.technician.clone());
    layout.pair(fl!(i18n, "certify-started"), run.started.clone());
    layout.pair(
        fl!(i18n, "certify-software"),
        format!("tameio {} ({})", env!("CARGO_PKG_VERSION"), option_env!("TAMEIO_GIT_COMMIT").unwrap_or("-")),
    );
    let passed = run.steps.iter().filter(|s| s.verdict == Verdict::Passed).count();
    layout.pair_styled(
        fl!(i18n, "certify-summary"),
        fl!(
            i18n,
            "certify-summary-value",
            passed = passed,
            failed = run.failed(),
            steps = CertStep::ALL.len()
        ),
        Style::BOLD,
    );
    layout.push(Block::Rule);
    layout.push(Block::Table {
        head: vec![fl!(i18n, "certify-step"), fl!(i18n, "certify-result")],
        rows: run.steps.iter().map(|s| vec![s.step.title(i18n), s.verdict.label(i18n)]).collect(),
    });
    for (n, s) in run.steps.iter().enumerate() {
        layout.push(Block::Rule);
        layout.pair_styled(format!("{}. {}", n + 1, s.step.title(i18n)), s.verdict.label(i18n), Style::BOLD);
        layout.pair(fl!(i18n, "certify-at"), s.at.clone());
        layout.push(Block::Text(s.step.instruction(i18n)));
        layout.push(Block::Text(s.detail.clone()));
        if let Some(id) = s.attempt {
            layout.pair(fl!(i18n, "certify-attempt"), id.to_string());
        }
        if !s.log.is_empty() {
            layout.push(Block::Text(fl!(i18n, "certify-log")));
            for line in &s.log {
                layout.push(Block::Text(line.clone()));
            }
        }
    }
    layout
}
