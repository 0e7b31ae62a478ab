//! Deferred (preloaded) receipts: carts sent to the terminal to be paid there later, listed
//! waiting / paid / expired / cancelled, refreshed from the terminal while the list is open;
//! below them the terminal results kept for a manager because they book nothing.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length};

use crate::domain::Receipt;
use crate::fl;
use crate::register::{DeferredOverview, NotReached, Operator};
use crate::register::{DeferredReceipt, DeferredState, UnmatchedDeferred};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job};
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

#[derive(Debug, Default)]
pub struct Pane {
    pub rows: Vec<DeferredReceipt>,
    /// Results the terminal holds that book nothing, left unacknowledged for a manager.
    pub unmatched: Vec<UnmatchedDeferred>,
    /// Terminals the last refresh could not ask.
    pub not_reached: Vec<NotReached>,
    pub selected: Option<i64>,
    /// A close asked for once; the next press does it.
    pub confirming: Option<DeferredState>,
    pub notice: Option<Notice>,
    /// A refresh from the terminal is under way.
    pub refreshing: bool,
    /// The till's terminal, when it cannot take preloaded receipts.
    pub no_preload: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Answer<DeferredOverview>),
    /// F8's answer: the preload is on the terminal (or why not).
    Sent(Answer<DeferredReceipt>),
    Select(i64),
    Refresh,
    Ask(DeferredState),
    Confirm,
    Closed(Answer<DeferredOverview>),
    /// Opens the receipt of a paid one (receipts are shown on the receipt screen).
    Receipt(Answer<Receipt>),
}

pub enum Out {
    Run(Job),
    /// Ask the terminal for results (the refresh work).
    Refresh,
}

pub fn state_label(state: DeferredState, ctx: &Ctx) -> String {
    let i18n = &ctx.i18n;
    match state {
        DeferredState::Waiting => format!("… {}", i18n.tr("deferred-waiting")),
        DeferredState::Paid => format!("✓ {}", i18n.tr("deferred-paid")),
        DeferredState::Expired => format!("✗ {}", i18n.tr("deferred-expired")),
        DeferredState::Cancelled => format!("✗ {}", i18n.tr("deferred-cancelled")),
    }
}

impl Pane {
    /// A receipt still waiting for the terminal is chosen (only those can be closed).
    fn waiting_selected(&self) -> bool {
        self.rows.iter().any(|d| Some(d.id) == self.selected && d.state == DeferredState::Waiting)
    }

    /// A key on the list: ↑ ↓ choose a row, F2 asks the terminal again, F4 marks the chosen
    /// one expired and F5 cancels it (asked once), Enter confirms.
    pub fn key(&self, action: Action) -> Option<Message> {
        let step = |down: bool| {
            let at = self.rows.iter().position(|d| Some(d.id) == self.selected);
            let next = match at {
                None => 0,
                Some(i) if down => (i + 1).min(self.rows.len().saturating_sub(1)),
                Some(i) => i.saturating_sub(1),
            };
            self.rows.get(next).map(|d| Message::Select(d.id))
        };
        match action {
            Action::Up => step(false),
            Action::Down => step(true),
            Action::Search if !self.refreshing => Some(Message::Refresh),
            Action::Enter if self.confirming.is_some() => Some(Message::Confirm),
            Action::Discount => Some(Message::Ask(DeferredState::Expired)),
            Action::Void => Some(Message::Ask(DeferredState::Cancelled)),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, by: Option<&Operator>, ctx: &Ctx) -> Option<Out> {
        match message {
            Message::Loaded(Ok(overview)) | Message::Closed(Ok(overview)) => {
                self.refreshing = false;
                self.rows = overview.receipts;
                self.unmatched = overview.unmatched;
                self.not_reached = overview.not_reached;
                self.no_preload = overview.no_preload;
            }
            Message::Loaded(Err(f))
            | Message::Closed(Err(f))
            | Message::Sent(Err(f))
            | Message::Receipt(Err(f)) => {
                self.refreshing = false;
                self.notice = Some(Notice::error(f.text));
            }
            Message::Sent(Ok(_)) | Message::Receipt(Ok(_)) => {}
            Message::Select(id) => {
                self.selected = Some(id);
                self.confirming = None;
                self.notice = None;
            }
            Message::Refresh => {
                self.refreshing = true;
                return Some(Out::Refresh);
            }
            Message::Ask(state) => {
                if by.is_none_or(|o| !o.is_manager()) {
                    self.notice = Some(Notice::error(ctx.i18n.tr("err-needs-manager")));
                    return None;
                }
                if !self.waiting_selected() {
                    // F4 or F5 with nothing (waiting) chosen: nothing to ask about.
                    self.confirming = None;
                    self.notice = Some(Notice::warning(ctx.i18n.tr("deferred-pick-first")));
                    return None;
                }
                self.confirming = Some(state);
                let id = if state == DeferredState::Expired {
                    "deferred-confirm-expire"
                } else {
                    "deferred-confirm-cancel"
                };
                self.notice = Some(Notice::warning(ctx.i18n.tr(id)));
            }
            Message::Confirm => {
                let (Some(state), Some(id), Some(by)) = (self.confirming.take(), self.selected, by) else {
                    return None;
                };
                self.notice = None;
                return Some(Out::Run(Job::CloseDeferred { by: by.clone(), id, state }));
            }
        }
        None
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx, manager: bool) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let mut list = column![].spacing(2);
        if self.rows.is_empty() {
            list = list.push(text(i18n.tr("deferred-none")).style(theme::texts::muted));
        }
        for d in &self.rows {
            let receipt =
                d.receipt_number.map(|n| fl!(i18n, "receipt-number", number = n)).unwrap_or_default();
            list = list.push(
                button(
                    row![
                        text(format!("#{}", d.id)).width(Length::FillPortion(1)),
                        text(i18n.datetime(&d.created_at)).width(Length::FillPortion(3)),
                        text(d.terminal.clone()).width(Length::FillPortion(2)),
                        text(state_label(d.state, ctx)).width(Length::FillPortion(3)),
                        text(receipt).width(Length::FillPortion(3)),
                        text(i18n.money(d.total)).width(Length::FillPortion(2)).align_x(iced::Alignment::End),
                    ]
                    .spacing(8),
                )
                .on_press(Message::Select(d.id))
                .width(Length::Fill)
                .padding([10, 8])
                .style(theme::buttons::row(self.selected == Some(d.id))),
            );
        }
        let may_close = manager && self.waiting_selected();
        let mut actions = row![widget::action(
            i18n.tr(if self.refreshing { "deferred-refreshing" } else { "deferred-refresh" }),
            Action::Search.label(),
            (!self.refreshing).then_some(Message::Refresh),
            theme::buttons::primary,
        )]
        .spacing(8);
        if self.confirming.is_some() {
            actions = actions.push(widget::action(
                i18n.tr("deferred-confirm"),
                Action::Enter.label(),
                Some(Message::Confirm),
                theme::buttons::danger,
            ));
        } else {
            actions = actions
                .push(widget::action(
                    i18n.tr("deferred-expire"),
                    Action::Discount.label(),
                    may_close.then_some(Message::Ask(DeferredState::Expired)),
                    theme::buttons::key,
                ))
                .push(widget::action(
                    i18n.tr("deferred-cancel"),
                    Action::Void.label(),
                    may_close.then_some(Message::Ask(DeferredState::Cancelled)),
                    theme::buttons::danger,
                ));
        }
        let mut col = column![text(i18n.tr("deferred-title")).size(theme::TITLE)].spacing(10);
        if let Some(terminal) = &self.no_preload {
            let why = fl!(i18n, "deferred-no-preload", terminal = terminal.clone());
            col = col.push(text(why).size(theme::SMALL).style(theme::texts::muted));
        }
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        for n in &self.not_reached {
            let text =
                fl!(i18n, "deferred-not-reached", terminal = n.terminal.clone(), reason = n.reason.clone());
            col = col.push(widget::notice(&Notice::warning(text)));
        }
        col =
            col.push(container(scrollable(list)).height(Length::Fill).style(theme::panels::panel).padding(8));
        if !self.unmatched.is_empty() {
            col = col.push(self.unmatched_view(ctx));
        }
        col.push(actions).into()
    }

    /// The kept results, for a manager to check against the terminal's own journal.
    fn unmatched_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let mut lines =
            column![text(i18n.tr("deferred-unmatched-title")).style(theme::texts::muted)].spacing(4);
        for u in &self.unmatched {
            lines = lines.push(text(format!(
                "{}  {}",
                i18n.datetime(&u.last_seen),
                crate::register::describe_unmatched(u, i18n)
            )));
        }
        container(scrollable(lines)).max_height(180).style(theme::panels::panel).padding(8).into()
    }
}
