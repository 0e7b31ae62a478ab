//! Card terminals: the configured ones (and the built-in demo), which one card payments use,
//! a connection test that shows the terminal's id and status, WebECR pairing by the code on
//! the terminal's screen, and adding a terminal of each protocol.

use iced::widget::{column, container, row, text};
use iced::{Alignment, Element, Length};

use super::{Ask, Call, Remote, certify, choice, field, small, title};
use crate::config::Settings;
use crate::fl;
use crate::i18n::I18n;
use crate::register::settings_types::WebEcrEnvironment as Environment;
use crate::register::{Certification, DEMO_TERMINAL, Operator, check_pairing_code};
use crate::terminal::{Protocol, TerminalConfig, TerminalStatus};
use crate::ui::ctx::Ctx;
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::{Notice, NoticeKind};

/// The protocols a shop can add here.
pub const PROTOCOLS: [Protocol; 4] = [Protocol::Ecr17, Protocol::Aade1155, Protocol::WebEcr, Protocol::Nexo];

/// The WebECR backends offered by name (another one by its address).
const ENVIRONMENTS: [(Environment, &str); 4] = [
    (Environment::NexiProduction, "Nexi"),
    (Environment::NexiSandbox, "Nexi sandbox"),
    (Environment::MellonProduction, "Mellon"),
    (Environment::MellonUat, "Mellon UAT"),
];

#[derive(Debug, Clone)]
pub struct Form {
    pub name: String,
    pub protocol: Protocol,
    pub addr: String,
    pub tid: String,
    pub environment: Environment,
    pub base_url: String,
    pub username: String,
    pub password: String,
    pub make_default: bool,
    /// POIID, integration and the rest, when the protocol is nexo.
    pub nexo: super::nexo_form::Fields,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            name: String::new(),
            protocol: Protocol::Ecr17,
            addr: String::new(),
            tid: String::new(),
            environment: Environment::NexiProduction,
            base_url: String::new(),
            username: String::new(),
            password: String::new(),
            make_default: true,
            nexo: super::nexo_form::Fields::default(),
        }
    }
}

impl Form {
    /// The terminal's settings as the register stores them (the password goes apart); a nexo
    /// terminal's fields are checked first, the problem told in the user's words.
    pub fn config(&self, register_id: &str) -> Result<TerminalConfig, super::nexo_form::Problem> {
        if self.protocol == Protocol::Nexo {
            let (addr, options) = self.nexo.check(&self.addr)?;
            return Ok(TerminalConfig {
                name: self.name.trim().to_string(),
                protocol: Protocol::Nexo,
                addr,
                terminal_id: String::new(),
                cash_register_id: register_id.to_string(),
                options,
            });
        }
        let lan = self.protocol != Protocol::WebEcr;
        let options = if lan {
            serde_json::Value::Null
        } else if self.base_url.trim().is_empty() {
            serde_json::json!({ "environment": self.environment })
        } else {
            serde_json::json!({ "environment": Environment::Custom, "base_url": self.base_url.trim() })
        };
        Ok(TerminalConfig {
            name: self.name.trim().to_string(),
            protocol: self.protocol,
            addr: if lan { self.addr.trim().to_string() } else { String::new() },
            terminal_id: self.tid.trim().to_string(),
            cash_register_id: register_id.to_string(),
            options,
        })
    }
}

#[derive(Debug, Default)]
pub struct Pane {
    pub terminals: Vec<TerminalConfig>,
    /// The terminal whose test or pairing is shown.
    pub selected: Option<String>,
    pub testing: bool,
    /// The WebECR terminal whose pairing code is being typed, and the code.
    pub pairing: Option<String>,
    pub code: String,
    pub form: Form,
    /// Just added and to be made the default: named in the notice after the save.
    added: Option<String>,
    /// The terminal whose removal was asked for once; the next press removes it.
    pub removing: Option<String>,
    pub notice: Option<Notice>,
    /// The certification run shown in place of the list, when one is on.
    pub cert: Option<certify::Run>,
    /// The AADE 1155 key set-up form under one terminal's card.
    pub keys: super::terminal_keys::Panel,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Start the certification run on this terminal.
    Certify(String),
    CertStarted(String, Answer<Box<Certification>>),
    Cert(certify::Message),
    /// AADE 1155 key set-up (init echo, session key).
    Keys(super::terminal_keys::Message),
    Loaded(Answer<Vec<TerminalConfig>>),
    /// Card payments go to this terminal (`demo`: the built-in one).
    MakeDefault(String),
    Test(String),
    Status(String, Answer<TerminalStatus>),
    PairOpen(String),
    Code(String),
    Pair,
    Paired(String, Answer<(String, Vec<TerminalConfig>)>),
    Name(String),
    Protocol(Protocol),
    Addr(String),
    Tid(String),
    Environment(Environment),
    BaseUrl(String),
    Username(String),
    Password(String),
    UseDefault(bool),
    /// A nexo field (POIID, integration, listener, …).
    Nexo(super::nexo_form::Field),
    Add,
    Added(Answer<(String, Vec<TerminalConfig>)>),
    Remove(String),
    RemoveConfirm(bool),
    Removed(Answer<(String, Vec<TerminalConfig>)>),
}

impl Pane {
    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Ask> {
        let i18n = &ctx.i18n;
        match message {
            Message::Certify(name) => {
                self.selected = Some(name.clone());
                self.pairing = None;
                self.notice =
                    Some(Notice::warning(fl!(i18n, "settings-terminal-testing", name = name.clone())));
                return Some(Ask::Remote(Remote::CertifyStart { by: by.clone(), name }));
            }
            Message::CertStarted(_, Ok(run)) => {
                self.notice = None;
                self.cert = Some(certify::Run::new(*run));
            }
            Message::CertStarted(name, Err(f)) => {
                self.selected = Some(name);
                self.notice = Some(Notice::error(f.text));
            }
            Message::Cert(m) => {
                let out = self.cert.as_mut()?.update(m, by, ctx)?;
                return self.cert_out(out, ctx);
            }
            Message::Keys(m) => {
                if let super::terminal_keys::Message::Open(name)
                | super::terminal_keys::Message::Done(name, _) = &m
                {
                    self.selected = Some(name.clone());
                    self.pairing = None;
                }
                let (notice, remote) = self.keys.update(m, by, i18n);
                self.notice = notice.or(self.notice.take());
                return remote.map(Ask::Remote);
            }
            Message::Loaded(Ok(list)) => self.terminals = list,
            Message::Loaded(Err(f)) => self.notice = Some(Notice::error(f.text)),
            Message::MakeDefault(name) => {
                self.selected = Some(name.clone());
                self.pairing = None;
                // Choosing the demo terminal is written down: an empty default never means demo.
                let default_terminal = name;
                return Some(Ask::Save(Box::new(Settings { default_terminal, ..ctx.settings.clone() })));
            }
            Message::Test(name) => {
                self.selected = Some(name.clone());
                self.pairing = None;
                self.testing = true;
                self.notice =
                    Some(Notice::warning(fl!(i18n, "settings-terminal-testing", name = name.clone())));
                return Some(Ask::Remote(Remote::TerminalStatus(name)));
            }
            Message::Status(name, answer) => {
                self.testing = false;
                self.selected = Some(name.clone());
                self.notice = Some(match answer {
                    Ok(s) => status_notice(i18n, &name, &s),
                    Err(f) => Notice::error(f.text),
                });
            }
            Message::PairOpen(name) => {
                self.selected = Some(name.clone());
                self.pairing = Some(name);
                self.code.clear();
                self.notice = None;
            }
            Message::Code(s) => self.code = s.chars().filter(char::is_ascii_digit).take(8).collect(),
            Message::Pair => {
                let name = self.pairing.clone()?;
                if let Err(e) = check_pairing_code(&self.code) {
                    self.notice = Some(Notice::error(e.message(i18n)));
                    return None;
                }
                self.notice =
                    Some(Notice::warning(fl!(i18n, "settings-terminal-testing", name = name.clone())));
                return Some(Ask::Remote(Remote::Pair { by: by.clone(), name, code: self.code.clone() }));
            }
            Message::Paired(name, Ok((tid, list))) => {
                self.terminals = list;
                self.pairing = None;
                self.code.clear();
                self.notice =
                    Some(Notice::done(fl!(i18n, "settings-terminal-paired", name = name, tid = tid)));
            }
            Message::Paired(_, Err(f)) => {
                self.code.clear();
                self.notice = Some(Notice::error(f.text));
            }
            Message::Name(s) => self.form.name = s,
            Message::Protocol(p) => self.form.protocol = p,
            Message::Addr(s) => self.form.addr = s,
            Message::Tid(s) => self.form.tid = s,
            Message::Environment(e) => self.form.environment = e,
            Message::BaseUrl(s) => self.form.base_url = s,
            Message::Username(s) => self.form.username = s,
            Message::Password(s) => self.form.password = s,
            Message::UseDefault(b) => self.form.make_default = b,
            Message::Nexo(f) => self.form.nexo.update(f),
            Message::Add => {
                self.selected = None;
                let config = match self.form.config(&ctx.settings.register_id) {
                    Ok(c) => c,
                    Err(problem) => {
                        // Nothing is sent and nothing typed is lost: the form stays as it was.
                        self.notice = Some(Notice::error(problem.message(i18n)));
                        return None;
                    }
                };
                return Some(Ask::Call(Call::AddTerminal {
                    by: by.clone(),
                    config: Box::new(config),
                    username: self.form.username.trim().to_string(),
                    password: self.form.password.clone(),
                }));
            }
            Message::Added(Ok((name, list))) => {
                self.terminals = list;
                let make_default = self.form.make_default;
                self.form = Form::default();
                self.notice = Some(Notice::done(fl!(i18n, "settings-terminal-added", name = name.clone())));
                if make_default {
                    self.added = Some(name.clone());
                    return Some(Ask::Save(Box::new(Settings {
                        default_terminal: name,
                        ..ctx.settings.clone()
                    })));
                }
            }
            Message::Added(Err(f)) => {
                self.form.password.clear();
                self.notice = Some(Notice::error(f.text));
            }
            Message::Remove(name) => {
                self.selected = Some(name.clone());
                self.pairing = None;
                self.notice =
                    Some(Notice::warning(fl!(i18n, "settings-terminal-remove-confirm", name = name.clone())));
                self.removing = Some(name);
            }
            Message::RemoveConfirm(false) => {
                self.removing = None;
                self.notice = None;
            }
            Message::RemoveConfirm(true) => {
                let name = self.removing.take()?;
                return Some(Ask::Call(Call::RemoveTerminal { by: by.clone(), name }));
            }
            Message::Removed(Ok((name, list))) => {
                self.terminals = list;
                self.selected = None;
                self.notice = Some(Notice::done(fl!(i18n, "settings-terminal-removed", name = name.clone())));
                if ctx.settings.default_terminal == name {
                    // The register went back to the demo terminal; the app follows.
                    return Some(Ask::Save(Box::new(Settings {
                        default_terminal: String::new(),
                        ..ctx.settings.clone()
                    })));
                }
            }
            Message::Removed(Err(f)) => self.notice = Some(Notice::error(f.text)),
        }
        None
    }

    /// Keys while a certification run is shown (Enter, ↓, Esc); `None` when none is.
    pub fn key(&mut self, action: crate::ui::keys::Action, by: &Operator, ctx: &Ctx) -> Option<Option<Ask>> {
        let run = self.cert.as_mut()?;
        Some(run.key(action, by, ctx).and_then(|out| self.cert_out(out, ctx)))
    }

    fn cert_out(&mut self, out: certify::Out, ctx: &Ctx) -> Option<Ask> {
        match out {
            certify::Out::Remote(r) => Some(Ask::Remote(r)),
            certify::Out::Close(saved) => {
                self.cert = None;
                self.notice = saved.map(|answer| match answer {
                    Ok(path) => {
                        Notice::done(fl!(ctx.i18n, "certify-saved", path = path.display().to_string()))
                    }
                    Err(f) => Notice::error(f.text),
                });
                None
            }
        }
    }

    /// The default terminal was saved (or not).
    pub fn saved(&mut self, answer: &Answer<Box<Settings>>, i18n: &I18n) {
        let added = self.added.take().map(|name| fl!(i18n, "settings-terminal-added", name = name));
        self.notice = Some(match answer {
            Ok(s) => {
                let name = if s.default_terminal.is_empty() { DEMO_TERMINAL } else { &s.default_terminal };
                let now = fl!(i18n, "settings-terminal-default-saved", name = name.to_string());
                Notice::done(added.map_or(now.clone(), |a| format!("{a} {now}")))
            }
            Err(f) => Notice::error(f.text.clone()),
        });
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        if let Some(run) = &self.cert {
            return run.view(ctx).map(Message::Cert);
        }
        let i18n = &ctx.i18n;
        let default = if ctx.settings.default_terminal.is_empty() {
            DEMO_TERMINAL
        } else {
            ctx.settings.default_terminal.as_str()
        };
        let mut list = column![self.card(ctx, None, default == DEMO_TERMINAL)].spacing(8);
        for t in &self.terminals {
            list = list.push(self.card(ctx, Some(t), default == t.name));
        }
        let mut col = column![title(i18n.tr("settings-terminals-title")), list].spacing(14);
        col = col.push(title(i18n.tr("settings-terminal-add-title"))).push(self.form_view(i18n));
        col.into()
    }

    /// One terminal: what it is, its buttons, and under the selected one its test or pairing.
    fn card<'a>(
        &'a self,
        ctx: &'a Ctx,
        t: Option<&'a TerminalConfig>,
        is_default: bool,
    ) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let name = t.map_or(DEMO_TERMINAL, |t| t.name.as_str());
        let facts = match t {
            None => i18n.tr("settings-terminal-demo"),
            Some(t) => {
                let tid = if t.protocol == Protocol::WebEcr && !is_paired(t) {
                    i18n.tr("settings-terminal-not-paired")
                } else if t.protocol == Protocol::Nexo {
                    // nexo names the terminal by the POIID the register chose.
                    t.options
                        .get("poiid")
                        .map_or_else(String::new, |v| v.as_str().map_or(v.to_string(), str::to_string))
                } else {
                    t.terminal_id.clone()
                };
                let addr = if t.addr.is_empty() { "-" } else { t.addr.as_str() };
                let tid_label = if t.protocol == Protocol::Nexo {
                    "settings-nexo-poiid"
                } else {
                    "settings-terminal-tid"
                };
                format!(
                    "{} {} · {} {addr} · {} {tid}",
                    i18n.tr("settings-terminal-protocol"),
                    protocol_name(t.protocol),
                    i18n.tr("settings-terminal-addr"),
                    i18n.tr(tid_label),
                )
            }
        };
        let mut head =
            row![text(name.to_string()).size(theme::CART), text(facts).size(theme::BODY).width(Length::Fill)]
                .spacing(12)
                .align_y(Alignment::Center);
        if is_default {
            head = head.push(text(format!("✓ {}", i18n.tr("settings-terminal-default"))).size(theme::BODY));
        }
        let mut buttons = row![].spacing(8);
        if !is_default {
            let on = Message::MakeDefault(name.to_string());
            buttons =
                buttons.push(small(i18n.tr("settings-terminal-make-default"), Some(on), theme::buttons::key));
        }
        // The till's terminal answers keys too: F6 tests it, F7 certifies it (keys::Place::Settings).
        let keyed = |label: String, action: crate::ui::keys::Action| {
            if is_default { format!("{label} · {}", action.label()) } else { label }
        };
        let test = (!self.testing).then(|| Message::Test(name.to_string()));
        let label = keyed(i18n.tr("settings-terminal-test"), crate::ui::keys::Action::Print);
        buttons = buttons.push(small(label, test, theme::buttons::key));
        let certify = (!self.testing).then(|| Message::Certify(name.to_string()));
        let label = keyed(i18n.tr("settings-terminal-certify"), crate::ui::keys::Action::Pdf);
        buttons = buttons.push(small(label, certify, theme::buttons::key));
        if t.is_some_and(|t| t.protocol == Protocol::Aade1155) {
            let on = Message::Keys(super::terminal_keys::Message::Open(name.to_string()));
            buttons = buttons.push(small(i18n.tr("settings-terminal-keys"), Some(on), theme::buttons::key));
        }
        if t.is_some_and(|t| t.protocol == Protocol::WebEcr) {
            let on = Message::PairOpen(name.to_string());
            buttons = buttons.push(small(i18n.tr("settings-terminal-pair"), Some(on), theme::buttons::key));
        }
        if t.is_some() {
            let (label, on) = if self.removing.as_deref() == Some(name) {
                (i18n.tr("settings-terminal-remove-yes"), Message::RemoveConfirm(true))
            } else {
                (i18n.tr("settings-terminal-remove"), Message::Remove(name.to_string()))
            };
            buttons = buttons.push(small(label, Some(on), theme::buttons::danger));
            if self.removing.as_deref() == Some(name) {
                let back = Message::RemoveConfirm(false);
                buttons = buttons.push(small(i18n.tr("action-back"), Some(back), theme::buttons::key));
            }
        }
        let mut card = column![head, buttons].spacing(8);
        if self.selected.as_deref() == Some(name) {
            if self.pairing.as_deref() == Some(name) {
                let label = fl!(i18n, "settings-terminal-pair-code", name = name.to_string());
                card = card.push(
                    row![
                        container(field(label, &self.code, Message::Code, false)).width(Length::Fill),
                        small(
                            format!(
                                "{} · {}",
                                i18n.tr("settings-terminal-pair"),
                                crate::ui::keys::Action::Enter.label()
                            ),
                            Some(Message::Pair),
                            theme::buttons::primary
                        ),
                    ]
                    .spacing(8)
                    .align_y(Alignment::End),
                );
            }
            if let Some(keys) = self.keys.view(name, i18n) {
                card = card.push(keys.map(Message::Keys));
            }
            if let Some(n) = super::notice(self.notice.as_ref()) {
                card = card.push(n);
            }
        }
        container(card).padding(10).width(Length::Fill).style(theme::panels::paper).into()
    }

    fn form_view<'a>(&'a self, i18n: &'a I18n) -> Element<'a, Message> {
        let f = &self.form;
        let protocols = PROTOCOLS.iter().fold(row![].spacing(6), |r, &p| {
            r.push(choice(protocol_name(p).to_string(), f.protocol == p, Message::Protocol(p)))
        });
        let mut col = column![
            row![
                field(i18n.tr("settings-terminal-name"), &f.name, Message::Name, false),
                column![text(i18n.tr("settings-terminal-protocol")).size(theme::SMALL), protocols].spacing(2),
            ]
            .spacing(10),
        ]
        .spacing(10);
        if f.protocol == Protocol::WebEcr {
            let envs = ENVIRONMENTS.iter().fold(row![].spacing(6), |r, &(e, label)| {
                let chosen = f.environment == e && f.base_url.trim().is_empty();
                r.push(choice(label.to_string(), chosen, Message::Environment(e)))
            });
            col = col
                .push(
                    column![text(i18n.tr("settings-terminal-environment")).size(theme::SMALL), envs]
                        .spacing(2),
                )
                .push(field(i18n.tr("settings-terminal-base-url"), &f.base_url, Message::BaseUrl, false))
                .push(
                    row![
                        field(i18n.tr("settings-terminal-username"), &f.username, Message::Username, false),
                        field(i18n.tr("settings-terminal-password"), &f.password, Message::Password, true),
                        field(i18n.tr("settings-terminal-tid-hint"), &f.tid, Message::Tid, false),
                    ]
                    .spacing(10),
                );
        } else if f.protocol == Protocol::Nexo {
            col = col
                .push(field(i18n.tr("settings-nexo-addr-hint"), &f.addr, Message::Addr, false))
                .push(f.nexo.view(i18n, Message::Nexo));
        } else {
            col = col.push(
                row![
                    field(i18n.tr("settings-terminal-addr-hint"), &f.addr, Message::Addr, false),
                    field(i18n.tr("settings-terminal-tid-hint"), &f.tid, Message::Tid, false),
                ]
                .spacing(10),
            );
        }
        let notice_here =
            self.selected.is_none() && self.notice.as_ref().is_some_and(|n| n.kind != NoticeKind::Warning);
        col = col.push(
            row![
                iced::widget::checkbox(f.make_default)
                    .label(i18n.tr("settings-terminal-use-default"))
                    .on_toggle(Message::UseDefault)
                    .size(22)
                    .text_size(theme::BODY),
                small(
                    format!(
                        "{} · {}",
                        i18n.tr("settings-terminal-add"),
                        crate::ui::keys::Action::Enter.label()
                    ),
                    Some(Message::Add),
                    theme::buttons::primary
                ),
            ]
            .spacing(20)
            .align_y(Alignment::Center),
        );
        if notice_here && let Some(n) = super::notice(self.notice.as_ref()) {
            col = col.push(n);
        }
        col.into()
    }
}

fn is_paired(t: &TerminalConfig) -> bool {
    t.options.get("terminal_backend_id").and_then(|v| v.as_str()).is_some_and(|s| !s.is_empty())
}

pub fn protocol_name(p: Protocol) -> &'static str {
    match p {
        Protocol::Ecr17 => "ECR17",
        Protocol::Aade1155 => "AADE 1155",
        Protocol::WebEcr => "WebECR",
        other => other.code(),
    }
}

fn status_notice(i18n: &I18n, name: &str, s: &TerminalStatus) -> Notice {
    let word = if s.operational {
        i18n.tr("settings-terminal-ready")
    } else {
        i18n.tr("settings-terminal-not-ready")
    };
    // The protocol's own words only explain a terminal that is not ready.
    let status =
        if s.operational || s.status_text.is_empty() { word } else { format!("{word} ({})", s.status_text) };
    let release = if s.software_release.is_empty() { "-".to_string() } else { s.software_release.clone() };
    let text = fl!(
        i18n,
        "settings-terminal-status",
        name = name.to_string(),
        tid = s.terminal_id.clone(),
        status = status,
        release = release
    );
    if s.operational { Notice::done(text) } else { Notice::warning(text) }
}
