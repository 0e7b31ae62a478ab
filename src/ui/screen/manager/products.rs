//! The Products tab (F12 → Products): search as you type by name, PLU or barcode, the list
//! follows ↑ ↓, Enter edits, F1 adds, F4 reprices, F5 takes off sale, F6 / F7 import and
//! export a CSV, F3 removes the demo catalogue. A change reloads the checkout's lookup, so a
//! product sells at once by its barcode (a cart keeps the prices it was rung up at).

use std::path::PathBuf;

use iced::widget::Id;
use iced::widget::operation::{self, RelativeOffset};
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::domain::{CatalogEntry, PriceVersion, Unit};
use crate::fl;
use crate::register::Operator;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::products::{Call, Done, FieldFailure, ImportFor};
use crate::ui::request::{Answer, Job};
use crate::ui::screen::manager::products_form::{self as form, Field, Form};
use crate::ui::screen::manager::products_import::{self as import, Import, Purpose};
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

pub const SEARCH_ID: &str = "products-search";
const LIST_ID: &str = "products-list";
/// The selected product's column: its details and price history.
const DETAIL_WIDTH: f32 = 360.0;

/// A question waiting for Enter (yes) or Esc (no).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Deactivate(u32),
    /// F5 on a product off sale: back on sale.
    Reactivate(u32),
    RemoveDemo,
}

#[derive(Debug, Default)]
pub struct Pane {
    pub query: String,
    pub results: Vec<CatalogEntry>,
    pub cursor: usize,
    /// The price history of the product under the cursor, once asked.
    pub history: Option<(u32, Vec<PriceVersion>)>,
    pub form: Option<Form>,
    pub import: Option<Import>,
    pub ask: Option<Ask>,
    pub notice: Option<Notice>,
    /// The folder the browser showed last: the next import starts there.
    pub last_folder: Option<PathBuf>,
    /// A field to focus after this update (the manager turns it into a task).
    pub focus: Option<&'static str>,
    /// The list moved its cursor: scrolled to keep it in view after this update.
    scroll: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Query(String),
    Found(String, Answer<Vec<CatalogEntry>>),
    /// A click on a line of the list: selects it and opens its form.
    Pick(usize),
    Opened(Answer<(CatalogEntry, Vec<PriceVersion>)>),
    Key(Action),
    Form(form::Message),
    Changed(Result<Done, FieldFailure>),
    Import(import::Message),
}

impl Pane {
    /// Entering the tab: the search field focused, the list as it is now.
    pub fn enter(&mut self) -> Vec<Job> {
        if self.form.is_none() && self.import.is_none() {
            self.focus = Some(SEARCH_ID);
        }
        vec![search(&self.query)]
    }

    /// What this update asks of the widgets: a field focused, the list scrolled to the cursor.
    pub fn take_task<T: Send + 'static>(&mut self) -> Task<T> {
        let mut tasks = Vec::new();
        if let Some(id) = self.focus.take() {
            tasks.push(operation::focus(Id::new(id)));
        }
        if std::mem::take(&mut self.scroll) {
            // The same fraction of the list as of the scroll range keeps the line in view.
            let y = self.cursor as f32 / self.results.len().saturating_sub(1).max(1) as f32;
            tasks.push(operation::snap_to(Id::new(LIST_ID), RelativeOffset { x: 0.0, y }));
        }
        Task::batch(tasks)
    }

    pub fn selected(&self) -> Option<&CatalogEntry> {
        self.results.get(self.cursor)
    }

    /// Whether this key means something on the tab now (Esc on the bare list closes the menu).
    pub fn takes(&self, action: Action) -> bool {
        if let Some(i) = &self.import {
            return i.takes(action);
        }
        if self.ask.is_some() {
            return matches!(action, Action::Enter | Action::Escape);
        }
        if let Some(f) = &self.form {
            return action == Action::Escape || action == Action::Search || f.key(action).is_some();
        }
        matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Digit(_)
                | Action::Backspace
                | Action::Enter
                | Action::Search
                | Action::Exact
                | Action::Discount
                | Action::Void
                | Action::Park
                | Action::Print
                | Action::Pdf
        )
    }

    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Vec<Job> {
        match message {
            Message::Query(q) => {
                self.query = q;
                return vec![search(&self.query)];
            }
            Message::Found(q, Ok(rows)) if q == self.query => {
                let keep = self.selected().map(|e| e.plu);
                self.cursor = keep.and_then(|plu| rows.iter().position(|e| e.plu == plu)).unwrap_or(0);
                self.results = rows;
                self.scroll = true;
                return self.show_selected();
            }
            Message::Found(_, Ok(_)) => {}
            Message::Found(_, Err(f)) | Message::Opened(Err(f)) => self.notice = Some(Notice::error(f.text)),
            Message::Opened(Ok((entry, history))) => {
                if let Some(e) = self.results.iter_mut().find(|e| e.plu == entry.plu) {
                    *e = entry.clone();
                }
                // Answers to quick ↑ ↓ come in any order: only the line under the cursor counts.
                if self.selected().is_some_and(|e| e.plu == entry.plu) {
                    self.history = Some((entry.plu, history));
                }
            }
            Message::Pick(i) if i < self.results.len() => {
                self.cursor = i;
                self.open_form(false, ctx);
                return self.show_selected();
            }
            Message::Pick(_) => {}
            Message::Key(action) => return self.key(action, by, ctx),
            Message::Form(m) => {
                let Some(f) = &mut self.form else { return Vec::new() };
                if f.update(m, ctx) {
                    return self.save(by, ctx);
                }
            }
            Message::Changed(answer) => return self.changed(answer, ctx),
            Message::Import(m) => return self.import(m, by, ctx),
        }
        Vec::new()
    }

    fn key(&mut self, action: Action, by: &Operator, ctx: &Ctx) -> Vec<Job> {
        if self.import.is_some() {
            return self.import(import::Message::Key(action), by, ctx);
        }
        if let Some(ask) = self.ask.take() {
            if action != Action::Enter {
                return Vec::new();
            }
            let call = match ask {
                Ask::Deactivate(plu) => Call::Deactivate { by: by.clone(), plu },
                Ask::Reactivate(plu) => {
                    let Some(e) = self.results.iter().find(|e| e.plu == plu) else { return Vec::new() };
                    let entry = Box::new(CatalogEntry { active: true, ..e.clone() });
                    Call::Save { by: by.clone(), entry, new: false }
                }
                Ask::RemoveDemo => Call::RemoveDemo { by: by.clone() },
            };
            return vec![Job::Products(call)];
        }
        if let Some(f) = &self.form {
            match action {
                Action::Escape => {
                    self.form = None;
                    self.focus = Some(SEARCH_ID);
                }
                Action::Search => self.focus = Some(form::BARCODE_ID),
                _ => {
                    if let Some(m) = f.key(action) {
                        return self.update(Message::Form(m), by, ctx);
                    }
                }
            }
            return Vec::new();
        }
        match action {
            Action::Up | Action::Down => {
                let last = self.results.len().saturating_sub(1);
                self.cursor = if action == Action::Down {
                    (self.cursor + 1).min(last)
                } else {
                    self.cursor.saturating_sub(1)
                };
                self.scroll = true;
                return self.show_selected();
            }
            // A scan (or typing) while the search field is not focused still searches.
            Action::Digit(d) => {
                self.query.push(d);
                return vec![search(&self.query)];
            }
            Action::Backspace => {
                self.query.pop();
                return vec![search(&self.query)];
            }
            Action::Search => self.focus = Some(SEARCH_ID),
            Action::Enter => self.open_form(false, ctx),
            Action::Discount => {
                self.open_form(false, ctx);
                if self.form.is_some() {
                    self.focus = Some(form::PRICE_ID);
                }
            }
            Action::Exact => self.open_form(true, ctx),
            Action::Void => {
                self.ask = self
                    .selected()
                    .map(|e| if e.active { Ask::Deactivate(e.plu) } else { Ask::Reactivate(e.plu) })
            }
            Action::Park => self.ask = Some(Ask::RemoveDemo),
            Action::Print | Action::Pdf => {
                let purpose = if action == Action::Print { Purpose::Import } else { Purpose::Export };
                self.notice = None;
                self.import = Some(Import::new(purpose, ImportFor::Products, self.last_folder.as_deref()));
            }
            _ => {}
        }
        Vec::new()
    }

    fn open_form(&mut self, new: bool, ctx: &Ctx) {
        self.notice = None;
        let selected = self.selected();
        let form = if new {
            Some(Form::blank(selected.map(|e| e.department.as_str())))
        } else {
            selected.map(|e| Form::of(e, ctx))
        };
        self.form = form;
        self.focus = Some(if new { form::PLU_ID } else { form::NAME_ID });
    }

    fn save(&mut self, by: &Operator, ctx: &Ctx) -> Vec<Job> {
        let Some(f) = &mut self.form else { return Vec::new() };
        match f.entry(ctx) {
            Some(entry) => {
                vec![Job::Products(Call::Save { by: by.clone(), entry: Box::new(entry), new: f.new })]
            }
            None => Vec::new(),
        }
    }

    fn changed(&mut self, answer: Result<Done, FieldFailure>, ctx: &Ctx) -> Vec<Job> {
        let i18n = &ctx.i18n;
        let done = match answer {
            Ok(done) => done,
            // A refused save keeps the form as typed, the reason beside its field.
            Err(FieldFailure { column: Some(column), text }) if self.form.is_some() => {
                if let Some(f) = &mut self.form {
                    f.errors.push((Field::of_column(&column), text));
                }
                return Vec::new();
            }
            Err(f) => {
                self.notice = Some(Notice::error(f.text));
                return Vec::new();
            }
        };
        let mut jobs = vec![search(&self.query), Job::LoadCatalog];
        self.notice = Some(Notice::done(match done {
            Done::Saved(plu) => {
                self.form = None;
                self.focus = Some(SEARCH_ID);
                jobs.push(Job::Products(Call::Open(plu)));
                fl!(i18n, "products-saved", plu = plu)
            }
            Done::Deactivated(plu) => {
                jobs.push(Job::Products(Call::Open(plu)));
                fl!(i18n, "products-deactivated", plu = plu)
            }
            Done::DemoRemoved(count) => fl!(i18n, "products-demo-removed", count = count),
        }));
        jobs
    }

    fn import(&mut self, m: import::Message, by: &Operator, ctx: &Ctx) -> Vec<Job> {
        let Some(i) = &mut self.import else { return Vec::new() };
        let out = i.update(m, Some(by), ctx);
        self.last_folder = Some(i.picker.dir.clone());
        match out {
            Some(import::Out::Call(call)) => vec![Job::Products(call)],
            Some(import::Out::Close) => {
                self.import = None;
                self.focus = Some(SEARCH_ID);
                Vec::new()
            }
            Some(import::Out::Imported(_)) => {
                // The done notice moves to the list, which shows the new catalogue.
                self.notice = self.import.take().and_then(|i| i.notice);
                vec![search(&self.query), Job::LoadCatalog]
            }
            None => Vec::new(),
        }
    }

    /// The price history of the product under the cursor.
    fn show_selected(&mut self) -> Vec<Job> {
        match self.selected() {
            Some(e) if self.history.as_ref().is_none_or(|(plu, _)| *plu != e.plu) => {
                vec![Job::Products(Call::Open(e.plu))]
            }
            _ => Vec::new(),
        }
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        if let Some(i) = &self.import {
            return i.view(ctx).map(Message::Import);
        }
        let i18n = &ctx.i18n;
        let mut col = column![].spacing(8);
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        if let Some(f) = &self.form {
            return col.push(f.view(ctx).map(Message::Form)).into();
        }
        let search = row![
            text_input(&i18n.tr("products-search-hint"), &self.query)
                .id(iced::widget::Id::new(SEARCH_ID))
                .on_input(Message::Query)
                .on_submit(Message::Key(Action::Enter))
                .padding(10)
                .size(theme::BODY),
            text(format!(
                "{} · {} · {} {} {}",
                i18n.tr("products-search"),
                Action::Search.label(),
                Action::Up.label(),
                Action::Down.label(),
                i18n.tr("products-choose")
            ))
            .size(theme::SMALL),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        col = col.push(search);
        if let Some(ask) = self.ask {
            col = col.push(self.question(ask, ctx));
        }
        // The right padding keeps the prices clear of the scrollbar.
        let lines = column![].spacing(2).padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO });
        let list = self.results.iter().enumerate().fold(lines, |c, (i, e)| {
            let off = if e.active { String::new() } else { format!(" ({})", i18n.tr("products-inactive")) };
            c.push(
                button(
                    row![
                        text(e.plu.to_string()).width(Length::Fixed(70.0)),
                        text(format!("{}{off}", e.names.get(i18n.lang()))).width(Length::Fill),
                        text(price_label(e, ctx)).width(Length::Fixed(120.0)).align_x(iced::Alignment::End),
                    ]
                    .spacing(8),
                )
                .on_press(Message::Pick(i))
                .width(Length::Fill)
                .padding([8, 8])
                .style(theme::buttons::row(i == self.cursor)),
            )
        });
        let list: Element<'a, Message> = if self.results.is_empty() {
            text(i18n.tr("products-none")).style(theme::texts::muted).into()
        } else {
            scrollable(list).id(Id::new(LIST_ID)).height(Length::Fill).width(Length::Fill).into()
        };
        col.push(row![list, self.detail(ctx)].spacing(12).height(Length::Fill)).push(self.actions(ctx)).into()
    }

    fn question<'a>(&'a self, ask: Ask, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let q = match ask {
            Ask::Deactivate(plu) => {
                let name = self.results.iter().find(|e| e.plu == plu).map(|e| e.names.get(i18n.lang()));
                fl!(i18n, "products-ask-deactivate", plu = plu, name = name.unwrap_or_default().to_string())
            }
            Ask::Reactivate(plu) => fl!(i18n, "products-ask-reactivate", plu = plu),
            Ask::RemoveDemo => i18n.tr("products-ask-remove-demo"),
        };
        container(
            column![
                text(q).size(theme::BODY),
                row![
                    widget::action(
                        i18n.tr("products-yes"),
                        "Enter",
                        Some(Message::Key(Action::Enter)),
                        theme::buttons::danger
                    ),
                    widget::action(
                        i18n.tr("products-no"),
                        "Esc",
                        Some(Message::Key(Action::Escape)),
                        theme::buttons::key
                    ),
                ]
                .spacing(6)
                .width(Length::Fixed(420.0)),
            ]
            .spacing(6),
        )
        .padding(8)
        .style(theme::panels::warning)
        .into()
    }

    fn detail<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let Some(e) = self.selected() else {
            return container(text("")).width(Length::Fixed(DETAIL_WIDTH)).into();
        };
        let codes = e.barcodes.iter().map(|b| b.as_str()).collect::<Vec<_>>().join("\n");
        let line = |label: String, value: String| {
            row![
                text(label).size(theme::SMALL).style(theme::texts::muted).width(Length::Fixed(120.0)),
                text(value).size(theme::SMALL)
            ]
            .spacing(6)
        };
        let mut col = column![
            text(e.names.get(i18n.lang()).to_string()).size(theme::TITLE),
            line(i18n.tr("products-plu"), e.plu.to_string()),
            line(i18n.tr("products-price"), price_label(e, ctx)),
            line(i18n.tr("products-vat"), format!("{} %", e.vat.percent_label())),
            line(i18n.tr("products-department"), e.department.clone()),
            line(i18n.tr("products-barcodes"), if codes.is_empty() { "—".into() } else { codes }),
            text(i18n.tr("products-history")).size(theme::BODY),
        ]
        .spacing(4);
        if let Some((plu, versions)) = &self.history
            && *plu == e.plu
        {
            for v in versions.iter().rev().take(6) {
                col = col.push(
                    text(format!(
                        "{} · {} · {} % · {}",
                        i18n.datetime(&v.valid_from),
                        i18n.money(v.price),
                        v.vat.percent_label(),
                        v.by
                    ))
                    .size(theme::SMALL),
                );
            }
        }
        container(scrollable(col)).width(Length::Fixed(DETAIL_WIDTH)).height(Length::Fill).into()
    }

    fn actions<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let b = |id: &str, action: Action, primary: bool| {
            let style = if primary { theme::buttons::primary } else { theme::buttons::key };
            widget::action(i18n.tr(id), action.label(), Some(Message::Key(action)), style)
        };
        row![
            b("products-edit", Action::Enter, true),
            b("products-new", Action::Exact, false),
            b("products-reprice", Action::Discount, false),
            b(
                if self.selected().is_some_and(|e| !e.active) {
                    "products-reactivate"
                } else {
                    "products-deactivate"
                },
                Action::Void,
                false,
            ),
            b("products-import", Action::Print, false),
            b("products-export", Action::Pdf, false),
            b("products-remove-demo", Action::Park, false),
        ]
        .spacing(6)
        .into()
    }
}

fn search(query: &str) -> Job {
    Job::Products(Call::Search(query.to_string()))
}

/// `4,20 €` or `2,19 € / kg`.
fn price_label(e: &CatalogEntry, ctx: &Ctx) -> String {
    match e.unit {
        Unit::Kg => format!("{} / kg", ctx.i18n.money(e.price)),
        Unit::L => format!("{} / l", ctx.i18n.money(e.price)),
        Unit::Piece => ctx.i18n.money(e.price),
    }
}
