//! Import a CSV from the screen (the Products tab and the first run): pick the file, see the
//! dry run (counts and first rows, or the first bad row named), then Enter imports it in one
//! transaction and Esc changes nothing. Export picks a folder the same way.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{column, row, text};
use iced::{Element, Length};

use crate::domain::ImportSummary;
use crate::domain::catalog_file::FileRow;
use crate::fl;
use crate::register::Operator;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::Answer;
use crate::ui::request::products::{Call, ImportFor};
use crate::ui::screen::manager::products_picker::Picker;
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

/// How many products of each kind the dry run lists by name.
const FIRST_ROWS: usize = 4;

/// A file read and run dry: what importing it would do.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub path: PathBuf,
    pub rows: Arc<Vec<FileRow>>,
    pub summary: ImportSummary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Import,
    Export,
}

#[derive(Debug, Clone)]
pub struct Import {
    pub purpose: Purpose,
    pub to: ImportFor,
    pub picker: Picker,
    /// The dry run on show, waiting for Enter.
    pub checked: Option<Prepared>,
    /// A call is under way (keys wait for its answer).
    pub busy: bool,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Enter (or a click) on a line of the browser.
    Enter(usize),
    Key(Action),
    Checked(Answer<Prepared>),
    Imported(Answer<ImportSummary>),
    Exported(Answer<String>),
}

pub enum Out {
    Call(Call),
    /// Esc with nothing on show: back to where the browser was opened from.
    Close,
    /// The import is done: the catalogue has changed.
    Imported(ImportSummary),
}

impl Import {
    pub fn new(purpose: Purpose, to: ImportFor, last: Option<&std::path::Path>) -> Import {
        Import { purpose, to, picker: Picker::open(last), checked: None, busy: false, notice: None }
    }

    pub fn update(&mut self, message: Message, by: Option<&Operator>, ctx: &Ctx) -> Option<Out> {
        match message {
            Message::Enter(_) | Message::Key(_) if self.busy => None,
            Message::Enter(at) => self.enter(at),
            Message::Key(action) => self.key(action, by),
            Message::Checked(answer) => {
                self.busy = false;
                match answer {
                    Ok(prepared) => {
                        self.notice = None;
                        self.checked = Some(prepared);
                    }
                    Err(f) => self.notice = Some(Notice::error(f.text)),
                }
                None
            }
            Message::Imported(answer) => {
                self.busy = false;
                self.checked = None;
                match answer {
                    Ok(summary) => {
                        self.notice = Some(Notice::done(done_text(&summary, ctx)));
                        return Some(Out::Imported(summary));
                    }
                    Err(f) => self.notice = Some(Notice::error(f.text)),
                }
                None
            }
            Message::Exported(answer) => {
                self.busy = false;
                self.notice = Some(match answer {
                    Ok(path) => Notice::done(fl!(ctx.i18n, "products-exported", path = path)),
                    Err(f) => Notice::error(f.text),
                });
                None
            }
        }
    }

    fn enter(&mut self, at: usize) -> Option<Out> {
        self.notice = None;
        let file = self.picker.enter(at)?;
        if self.purpose == Purpose::Export {
            return None;
        }
        self.busy = true;
        Some(Out::Call(Call::DryRun { path: file, to: self.to }))
    }

    fn key(&mut self, action: Action, by: Option<&Operator>) -> Option<Out> {
        match action {
            Action::Enter if self.checked.is_some() => {
                let rows = self.checked.as_ref()?.rows.clone();
                self.busy = true;
                Some(Out::Call(Call::Import { by: by.cloned(), rows, to: self.to }))
            }
            // Back from the dry run changes nothing: the browser is there again.
            Action::Escape if self.checked.is_some() => {
                self.checked = None;
                None
            }
            Action::Escape => Some(Out::Close),
            _ if self.checked.is_some() => None,
            Action::Up | Action::Down => {
                self.picker.step(action == Action::Down);
                None
            }
            Action::Enter => self.enter(self.picker.cursor),
            Action::Backspace => {
                self.picker.up();
                None
            }
            Action::Pdf if self.purpose == Purpose::Export => {
                self.busy = true;
                Some(Out::Call(Call::Export(self.picker.dir.clone())))
            }
            _ => None,
        }
    }

    /// Whether this key means something here (the rest stay the page's).
    pub fn takes(&self, action: Action) -> bool {
        matches!(action, Action::Enter | Action::Escape | Action::Up | Action::Down | Action::Backspace)
            || (action == Action::Pdf && self.purpose == Purpose::Export)
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let title = match self.purpose {
            Purpose::Import => i18n.tr("products-import-title"),
            Purpose::Export => i18n.tr("products-export-title"),
        };
        let mut col = column![text(title).size(theme::TITLE)].spacing(8);
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        let (body, actions): (Element<'a, Message>, Vec<Element<'a, Message>>) = match &self.checked {
            Some(p) => (
                summary(p, ctx),
                vec![
                    key_button(i18n.tr("products-import-apply"), Action::Enter, true),
                    key_button(i18n.tr("products-import-back"), Action::Escape, false),
                ],
            ),
            None => {
                let mut actions = vec![key_button(i18n.tr("products-picker-open"), Action::Enter, true)];
                actions.push(key_button(i18n.tr("products-picker-up"), Action::Backspace, false));
                if self.purpose == Purpose::Export {
                    actions.push(key_button(i18n.tr("products-export-here"), Action::Pdf, true));
                }
                (self.picker.view(i18n, Message::Enter), actions)
            }
        };
        col.push(iced::widget::container(body).height(Length::Fill))
            .push(row(actions).spacing(6).width(Length::Fixed(720.0)))
            .into()
    }
}

fn key_button<'a>(label: String, action: Action, primary: bool) -> Element<'a, Message> {
    let style = if primary { theme::buttons::primary } else { theme::buttons::key };
    widget::action(label, action.label(), Some(Message::Key(action)), style)
}

/// The dry run: the counts, the first products of each kind by name.
fn summary<'a>(p: &'a Prepared, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let s = &p.summary;
    let name = |plu: &u32| {
        let found = p.rows.iter().find(|r| r.entry.plu == *plu);
        let name = found.map(|r| r.entry.names.get(i18n.lang()).to_string()).unwrap_or_default();
        format!("{plu} · {name}")
    };
    let group = |label: String, plus: &'a [u32]| {
        let first: Vec<String> = plus.iter().take(FIRST_ROWS).map(name).collect();
        let more = plus.len().saturating_sub(FIRST_ROWS);
        let mut lines = first.join("\n");
        if more > 0 {
            lines.push_str(&format!("\n{}", fl!(i18n, "products-import-more", count = more)));
        }
        column![
            text(format!("{label}: {}", plus.len())).size(theme::BODY),
            text(lines).size(theme::SMALL).style(theme::texts::muted),
        ]
        .spacing(2)
    };
    let mut col = column![
        text(p.path.display().to_string()).size(theme::SMALL),
        text(fl!(i18n, "products-import-rows", count = s.rows)).size(theme::BODY),
        group(i18n.tr("products-import-added"), &s.added),
        group(i18n.tr("products-import-changed"), &s.changed),
        group(i18n.tr("products-import-deactivated"), &s.deactivated),
        text(fl!(i18n, "products-import-unchanged", count = s.unchanged)).size(theme::BODY),
    ]
    .spacing(8);
    if !s.new_departments.is_empty() {
        let deps = s.new_departments.join(", ");
        col = col.push(text(fl!(i18n, "products-import-departments", list = deps)).size(theme::BODY));
    }
    iced::widget::scrollable(col).height(Length::Fill).into()
}

fn done_text(s: &ImportSummary, ctx: &Ctx) -> String {
    fl!(
        ctx.i18n,
        "products-imported",
        added = s.added.len(),
        changed = s.changed.len(),
        deactivated = s.deactivated.len()
    )
}
