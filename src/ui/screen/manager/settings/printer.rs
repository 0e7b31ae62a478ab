//! The receipt printer: its address (`host[:port]`, a device path, or empty for none), the
//! paper, and a test page printed off the UI thread, with the printer's trouble in words.

use iced::Element;
use iced::widget::{column, row, text};

use super::{Ask, Remote, choice, field, small, title};
use crate::config::Settings;
use crate::fl;
use crate::register::settings_types::{Paper, PrinterTarget};
use crate::register::{Operator, RegisterError};
use crate::ui::ctx::Ctx;
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::Notice;

#[derive(Debug)]
pub struct Pane {
    pub address: String,
    pub paper: Paper,
    /// A test page is on its way.
    pub testing: bool,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Address(String),
    Paper(Paper),
    Save,
    Test,
    /// The test page printed (on this printer) or not.
    Tested(Answer<String>),
}

impl Pane {
    pub fn new(settings: &Settings) -> Pane {
        let mut pane = Pane { address: String::new(), paper: Paper::Roll80, testing: false, notice: None };
        pane.sync(settings);
        pane
    }

    /// Takes the saved printer and paper.
    pub fn sync(&mut self, settings: &Settings) {
        self.address = settings.printer.clone();
        self.paper = Paper::from_code(&settings.paper).unwrap_or(Paper::Roll80);
    }

    /// The address as typed, checked the way printing will read it.
    fn checked(&self, ctx: &Ctx) -> Result<String, String> {
        let address = self.address.trim().to_string();
        if address.is_empty() {
            return Ok(address);
        }
        PrinterTarget::parse(&address)
            .map(|_| address)
            .map_err(|e| RegisterError::Print(e).message(&ctx.i18n))
    }

    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Ask> {
        match message {
            Message::Address(s) => self.address = s,
            Message::Paper(p) => self.paper = p,
            Message::Save => match self.checked(ctx) {
                Ok(printer) => {
                    let settings =
                        Settings { printer, paper: self.paper.code().to_string(), ..ctx.settings.clone() };
                    return Some(Ask::Save(Box::new(settings)));
                }
                Err(text) => self.notice = Some(Notice::error(text)),
            },
            Message::Test => match self.checked(ctx) {
                Ok(printer) if printer.is_empty() => {
                    self.notice = Some(Notice::error(RegisterError::NoPrinter.message(&ctx.i18n)));
                }
                Ok(printer) => {
                    self.testing = true;
                    self.notice = None;
                    let lang = ctx.i18n.lang();
                    return Some(Ask::Remote(Remote::TestPrint {
                        by: by.clone(),
                        printer,
                        paper: self.paper,
                        lang,
                    }));
                }
                Err(text) => self.notice = Some(Notice::error(text)),
            },
            Message::Tested(answer) => {
                self.testing = false;
                self.notice = Some(match answer {
                    Ok(printer) => {
                        Notice::done(fl!(ctx.i18n, "settings-printer-test-sent", printer = printer))
                    }
                    Err(f) => Notice::error(f.text),
                });
            }
        }
        None
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let papers = Paper::ALL.iter().fold(row![].spacing(6), |r, &p| {
            r.push(choice(p.code().to_string(), self.paper == p, Message::Paper(p)))
        });
        let mut col = column![
            title(i18n.tr("settings-printer-title")),
            field(i18n.tr("settings-printer-address"), &self.address, Message::Address, false),
            column![text(i18n.tr("settings-printer-paper")).size(theme::SMALL), papers].spacing(2),
            row![
                small(
                    format!(
                        "{} · {}",
                        i18n.tr("settings-printer-save"),
                        crate::ui::keys::Action::Enter.label()
                    ),
                    Some(Message::Save),
                    theme::buttons::primary
                ),
                small(
                    i18n.tr("settings-printer-test"),
                    (!self.testing).then_some(Message::Test),
                    theme::buttons::key
                ),
            ]
            .spacing(8),
        ]
        .spacing(14)
        .max_width(720);
        if let Some(n) = super::notice(self.notice.as_ref()) {
            col = col.push(n);
        }
        col.into()
    }
}
