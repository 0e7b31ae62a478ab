//! Users and PINs: the list (name, role, active), adding a user with a PIN typed twice,
//! changing a PIN, deactivating and reactivating, unlocking a user locked after too many wrong
//! PINs. PINs are masked; hashes never leave the store.

use iced::widget::{column, row, text};
use iced::{Alignment, Element, Length};

use super::{Ask, Call, choice, field, small, title};
use crate::domain::Role;
use crate::fl;
use crate::register::{Operator, SetupError, StaffMember, check_pin};
use crate::ui::ctx::Ctx;
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::Notice;

/// What a call changed, for the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(String),
    Pin(String),
    Active(String, bool),
    Unlocked(String),
}

#[derive(Debug)]
pub struct Pane {
    pub staff: Vec<StaffMember>,
    /// `Some`: the form changes this user's PIN; `None`: it adds a user.
    pub pin_for: Option<(i64, String)>,
    pub name: String,
    pub role: Role,
    pub pin: String,
    pub pin_again: String,
    pub notice: Option<Notice>,
}

impl Default for Pane {
    fn default() -> Self {
        Pane {
            staff: Vec::new(),
            pin_for: None,
            name: String::new(),
            role: Role::Cashier,
            pin: String::new(),
            pin_again: String::new(),
            notice: None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Answer<Vec<StaffMember>>),
    Name(String),
    Role(Role),
    Pin(String),
    PinAgain(String),
    Add,
    ChangePin(i64),
    SavePin,
    Cancel,
    SetActive(i64, bool),
    Unlock(i64),
    Changed(Answer<(Change, Vec<StaffMember>)>),
}

/// What may go in a PIN field: digits, at most 8 (anything else is refused on submit).
fn pin_input(s: String) -> String {
    s.chars().take(8).collect()
}

impl Pane {
    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Ask> {
        let i18n = &ctx.i18n;
        match message {
            Message::Loaded(Ok(staff)) => self.staff = staff,
            Message::Loaded(Err(f)) => self.notice = Some(Notice::error(f.text)),
            Message::Name(s) => self.name = s,
            Message::Role(r) => self.role = r,
            Message::Pin(s) => self.pin = pin_input(s),
            Message::PinAgain(s) => self.pin_again = pin_input(s),
            Message::ChangePin(id) => {
                let name = self.staff.iter().find(|s| s.user.id == id).map(|s| s.user.name.clone())?;
                self.pin_for = Some((id, name));
                self.clear_pins();
                self.notice = None;
            }
            Message::Cancel => {
                self.pin_for = None;
                self.clear_pins();
            }
            Message::Add | Message::SavePin => {
                if let Err(e) = self.checked_pin() {
                    self.notice = Some(Notice::error(e.message(i18n)));
                    self.clear_pins();
                    return None;
                }
                let (by, pin) = (by.clone(), self.pin.clone());
                let call = match &self.pin_for {
                    Some((user_id, name)) => Call::SetPin { by, user_id: *user_id, name: name.clone(), pin },
                    None => Call::AddUser { by, name: self.name.clone(), role: self.role, pin },
                };
                return Some(Ask::Call(call));
            }
            Message::SetActive(user_id, active) => {
                let name = self.staff.iter().find(|s| s.user.id == user_id).map(|s| s.user.name.clone())?;
                return Some(Ask::Call(Call::SetActive { by: by.clone(), user_id, name, active }));
            }
            Message::Unlock(user_id) => {
                let name = self.staff.iter().find(|s| s.user.id == user_id).map(|s| s.user.name.clone())?;
                return Some(Ask::Call(Call::Unlock { by: by.clone(), user_id, name }));
            }
            Message::Changed(Ok((change, staff))) => {
                self.staff = staff;
                self.clear_pins();
                let text = match change {
                    Change::Added(name) => {
                        self.name.clear();
                        fl!(i18n, "settings-user-added", name = name)
                    }
                    Change::Pin(name) => {
                        self.pin_for = None;
                        fl!(i18n, "settings-user-pin-changed", name = name)
                    }
                    Change::Active(name, true) => fl!(i18n, "settings-user-reactivated", name = name),
                    Change::Active(name, false) => fl!(i18n, "settings-user-deactivated", name = name),
                    Change::Unlocked(name) => fl!(i18n, "settings-user-unlocked", name = name),
                };
                self.notice = Some(Notice::done(text));
                // The sign-in screen lists who may sign in.
                return Some(Ask::Job(crate::ui::request::Job::LoadUsers));
            }
            Message::Changed(Err(f)) => {
                self.clear_pins();
                self.notice = Some(Notice::error(f.text));
            }
        }
        None
    }

    /// The PIN typed twice, the same, and a valid PIN.
    fn checked_pin(&self) -> Result<(), SetupError> {
        if self.pin != self.pin_again {
            return Err(SetupError::PinsDiffer);
        }
        check_pin(&self.pin)
    }

    fn clear_pins(&mut self) {
        self.pin.clear();
        self.pin_again.clear();
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let role_name = |r: Role| match r {
            Role::Manager => i18n.tr("role-manager"),
            Role::Cashier => i18n.tr("role-cashier"),
        };
        let cell = |s: String, w: f32| text(s).size(theme::BODY).width(Length::FillPortion(w as u16));
        let head = row![
            cell(i18n.tr("settings-user-name"), 3.0),
            cell(i18n.tr("settings-user-role"), 2.0),
            cell(i18n.tr("settings-user-state"), 3.0),
            text("").width(Length::FillPortion(5)),
        ]
        .spacing(8);
        let managers = self.staff.iter().filter(|s| s.active && s.user.role == Role::Manager).count();
        let list = self.staff.iter().fold(column![head].spacing(6), |col, s| {
            let state = match (s.active, s.locked) {
                (_, true) => i18n.tr("settings-user-locked"),
                (true, false) => i18n.tr("settings-user-active"),
                (false, false) => i18n.tr("settings-user-inactive"),
            };
            let toggle = if s.active {
                small(
                    i18n.tr("settings-user-deactivate"),
                    Some(Message::SetActive(s.user.id, false)),
                    theme::buttons::danger,
                )
            } else {
                small(
                    i18n.tr("settings-user-reactivate"),
                    Some(Message::SetActive(s.user.id, true)),
                    theme::buttons::key,
                )
            };
            let change_pin = Some(Message::ChangePin(s.user.id));
            let mut actions =
                row![small(i18n.tr("settings-user-change-pin"), change_pin, theme::buttons::key)].spacing(6);
            if s.locked {
                let unlock = Some(Message::Unlock(s.user.id));
                actions =
                    actions.push(small(i18n.tr("settings-user-unlock"), unlock, theme::buttons::primary));
            }
            // The last manager stays (the register refuses it too): no button that can only fail.
            if !(s.active && s.user.role == Role::Manager && managers <= 1) {
                actions = actions.push(toggle);
            }
            col.push(
                row![
                    cell(s.user.name.clone(), 3.0),
                    cell(role_name(s.user.role), 2.0),
                    cell(state, 3.0),
                    row![actions].width(Length::FillPortion(5)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            )
        });
        let pins = row![
            field(i18n.tr("settings-user-pin"), &self.pin, Message::Pin, true),
            field(i18n.tr("settings-user-pin-again"), &self.pin_again, Message::PinAgain, true),
        ]
        .spacing(10);
        let form: Element<'a, Message> = match &self.pin_for {
            Some((_, name)) => column![
                title(fl!(i18n, "settings-user-new-pin-title", name = name.clone())),
                pins,
                row![
                    small(
                        format!(
                            "{} · {}",
                            i18n.tr("settings-user-save-pin"),
                            crate::ui::keys::Action::Enter.label()
                        ),
                        Some(Message::SavePin),
                        theme::buttons::primary
                    ),
                    small(i18n.tr("settings-cancel"), Some(Message::Cancel), theme::buttons::key),
                ]
                .spacing(8),
            ]
            .spacing(10)
            .into(),
            None => column![
                title(i18n.tr("settings-user-add-title")),
                row![
                    field(i18n.tr("settings-user-name"), &self.name, Message::Name, false),
                    column![
                        text(i18n.tr("settings-user-role")).size(theme::SMALL),
                        row![
                            choice(
                                role_name(Role::Cashier),
                                self.role == Role::Cashier,
                                Message::Role(Role::Cashier)
                            ),
                            choice(
                                role_name(Role::Manager),
                                self.role == Role::Manager,
                                Message::Role(Role::Manager)
                            ),
                        ]
                        .spacing(6)
                    ]
                    .spacing(2),
                ]
                .spacing(10),
                pins,
                row![small(
                    format!("{} · {}", i18n.tr("settings-user-add"), crate::ui::keys::Action::Enter.label()),
                    Some(Message::Add),
                    theme::buttons::primary
                )],
            ]
            .spacing(10)
            .into(),
        };
        let mut col = column![title(i18n.tr("settings-users-title")), list].spacing(14);
        if let Some(n) = super::notice(self.notice.as_ref()) {
            col = col.push(n);
        }
        col.push(form).into()
    }
}
