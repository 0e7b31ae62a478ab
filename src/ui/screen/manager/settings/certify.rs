//! The certification run on screen (Settings · Terminals · Certify): the acquirer's script
//! one step at a time, what the technician does at the terminal in large type, each step's
//! outcome as it comes, and the PDF report saved at the end. Enter runs the step, ↓ leaves
//! it out, Esc ends the run (the steps so far are saved in the report).

use std::path::PathBuf;

use iced::widget::{column, container, row, text};
use iced::{Alignment, Element, Length};

use super::{Remote, title};
use crate::fl;
use crate::register::{CertStep, Certification, Operator, Verdict};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

#[derive(Debug)]
pub struct Run {
    pub run: Certification,
    /// A step is with the terminal now.
    pub running: Option<CertStep>,
    /// Where the report went, once saved.
    pub saved: Option<PathBuf>,
    /// Esc was pressed: close once the report is saved.
    closing: bool,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Run the next step.
    Go,
    /// Leave the next step out.
    Skip,
    /// End the run: the report is saved with the steps so far.
    Stop,
    Stepped(Box<Certification>),
    Saved(Answer<PathBuf>),
}

/// What the run asks of the terminals pane.
pub enum Out {
    Remote(Remote),
    /// The run is over and its report saved (or there was nothing to save).
    Close(Option<Answer<PathBuf>>),
}

impl Run {
    pub fn new(run: Certification) -> Run {
        Run { run, running: None, saved: None, closing: false, notice: None }
    }

    /// Enter, ↓ and Esc while the run is shown.
    pub fn key(&mut self, action: Action, by: &Operator, ctx: &Ctx) -> Option<Out> {
        match action {
            Action::Enter => self.update(Message::Go, by, ctx),
            Action::Down => self.update(Message::Skip, by, ctx),
            Action::Escape => self.update(Message::Stop, by, ctx),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Out> {
        let i18n = &ctx.i18n;
        match message {
            Message::Go if self.running.is_none() => match self.run.next_step() {
                Some(step) => {
                    self.running = Some(step);
                    self.notice = None;
                    Some(Out::Remote(Remote::CertifyStep { run: Box::new(self.run.clone()), step }))
                }
                // Through: Enter closes the finished run.
                None if self.saved.is_some() => Some(Out::Close(None)),
                None => None,
            },
            Message::Skip if self.running.is_none() => {
                let step = self.run.next_step()?;
                self.run.steps.push(crate::register::StepResult {
                    step,
                    verdict: Verdict::Skipped,
                    detail: fl!(i18n, "certify-skipped-by", name = by.name.clone()),
                    attempt: None,
                    at: chrono::Local::now().format("%H:%M:%S").to_string(),
                    log: Vec::new(),
                });
                self.finished()
            }
            Message::Stop if self.running.is_none() => {
                if self.run.steps.is_empty() || self.saved.is_some() {
                    return Some(Out::Close(None));
                }
                self.closing = true;
                Some(Out::Remote(Remote::CertifySave(Box::new(self.run.clone()))))
            }
            Message::Go | Message::Skip | Message::Stop => None,
            Message::Stepped(run) => {
                self.running = None;
                self.run = *run;
                self.finished()
            }
            Message::Saved(answer) => {
                if self.closing {
                    return Some(Out::Close(Some(answer)));
                }
                match answer {
                    Ok(path) => {
                        self.notice =
                            Some(Notice::done(fl!(i18n, "certify-saved", path = path.display().to_string())));
                        self.saved = Some(path);
                    }
                    Err(f) => self.notice = Some(Notice::error(f.text)),
                }
                None
            }
        }
    }

    /// After the last step the report is saved on its own.
    fn finished(&mut self) -> Option<Out> {
        if self.run.next_step().is_some() {
            return None;
        }
        Some(Out::Remote(Remote::CertifySave(Box::new(self.run.clone()))))
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let head =
            format!("{} · {} ({})", i18n.tr("certify-title"), self.run.terminal, self.run.protocol.code());
        let mut steps = column![].spacing(6);
        for (n, step) in CertStep::ALL.into_iter().enumerate() {
            let result = self.run.result_of(step);
            let mark = match (result.map(|r| r.verdict), self.running == Some(step)) {
                (_, true) => "…",
                (Some(Verdict::Passed), _) => "✓",
                (Some(Verdict::Failed), _) => "✗",
                (Some(Verdict::Skipped | Verdict::NotOffered), _) => "–",
                (None, _) => " ",
            };
            let verdict = result.map(|r| r.verdict.label(i18n)).unwrap_or_default();
            let mut line = column![
                row![
                    text(mark).size(theme::CART).width(Length::Fixed(28.0)),
                    text(format!("{}. {}", n + 1, step.title(i18n))).size(theme::BODY).width(Length::Fill),
                    text(verdict).size(theme::BODY),
                ]
                .spacing(8)
                .align_y(Alignment::Center)
            ];
            if let Some(r) = result {
                line = line.push(
                    container(text(r.detail.clone()).size(theme::SMALL))
                        .padding(iced::Padding::ZERO.left(36)),
                );
            }
            steps = steps.push(line);
        }
        let mut col = column![title(head), text(i18n.tr("certify-sim-note")).size(theme::SMALL)].spacing(14);
        let next = self.running.or(self.run.next_step());
        if let Some(step) = next {
            let doing = if self.running.is_some() {
                fl!(i18n, "certify-running", step = step.title(i18n))
            } else {
                step.title(i18n)
            };
            col = col.push(
                container(
                    column![text(doing).size(theme::CART), text(step.instruction(i18n)).size(theme::TITLE)]
                        .spacing(8),
                )
                .padding(14)
                .width(Length::Fill)
                .style(theme::panels::paper),
            );
        }
        if let Some(n) = self.notice.as_ref() {
            col = col.push(widget::notice(n));
        }
        let idle = self.running.is_none();
        let mut buttons = row![].spacing(8);
        if next.is_some() {
            buttons = buttons
                .push(widget::action(
                    i18n.tr("certify-run-step"),
                    Action::Enter.label(),
                    idle.then_some(Message::Go),
                    theme::buttons::primary,
                ))
                .push(widget::action(
                    i18n.tr("certify-skip-step"),
                    Action::Down.label(),
                    idle.then_some(Message::Skip),
                    theme::buttons::key,
                ));
        }
        let close = if next.is_none() { "certify-close" } else { "certify-stop" };
        buttons = buttons.push(widget::action(
            i18n.tr(close),
            if next.is_none() { Action::Enter.label() } else { Action::Escape.label() },
            idle.then_some(if next.is_none() { Message::Go } else { Message::Stop }),
            theme::buttons::key,
        ));
        col.push(buttons).push(steps).into()
    }
}
