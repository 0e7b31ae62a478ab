//! Settings · Terminals · Keys: the AADE 1155 v10 key set-up of one terminal (the init echo,
//! then a new session key loaded with its check value), with an optional master key to keep.

use iced::widget::{container, row};
use iced::{Alignment, Element, Length};

use super::{Remote, field, small};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{KeysDone, Operator};
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::Notice;

/// The key form under one terminal's card.
#[derive(Debug, Default)]
pub struct Panel {
    /// The terminal whose form is open.
    pub open: Option<String>,
    /// Typed master key (masked); empty: the one the secrets file keeps.
    pub master_key: String,
    pub running: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Open(String),
    MasterKey(String),
    Run,
    Done(String, Answer<KeysDone>),
}

impl Panel {
    /// The notice to show under the card, and the call to make.
    pub fn update(
        &mut self,
        message: Message,
        by: &Operator,
        i18n: &I18n,
    ) -> (Option<Notice>, Option<Remote>) {
        match message {
            Message::Open(name) => {
                self.open = if self.open.as_deref() == Some(name.as_str()) { None } else { Some(name) };
                self.master_key.clear();
                (None, None)
            }
            Message::MasterKey(s) => {
                self.master_key = s.chars().filter(char::is_ascii_hexdigit).take(32).collect();
                (None, None)
            }
            Message::Run => {
                let Some(name) = self.open.clone().filter(|_| !self.running) else { return (None, None) };
                self.running = true;
                let master_key = Some(self.master_key.clone()).filter(|k| !k.is_empty());
                let notice =
                    Notice::warning(fl!(i18n, "settings-terminal-keys-running", name = name.clone()));
                (Some(notice), Some(Remote::TerminalKeys { by: by.clone(), name, master_key }))
            }
            Message::Done(name, answer) => {
                self.running = false;
                self.master_key.clear();
                let notice = match answer {
                    Ok(done) => {
                        self.open = None;
                        let kcv = done.session_key_kcv.unwrap_or_default();
                        Notice::done(fl!(i18n, "settings-terminal-keys-done", name = name, kcv = kcv))
                    }
                    Err(f) => Notice::error(f.text),
                };
                (Some(notice), None)
            }
        }
    }

    /// The form, when open for `name`.
    pub fn view<'a>(&'a self, name: &str, i18n: &'a I18n) -> Option<Element<'a, Message>> {
        if self.open.as_deref() != Some(name) {
            return None;
        }
        let run = (!self.running).then_some(Message::Run);
        let label = i18n.tr("settings-terminal-keys-master");
        Some(
            row![
                container(field(label, &self.master_key, Message::MasterKey, true)).width(Length::Fill),
                small(i18n.tr("settings-terminal-keys-run"), run, theme::buttons::primary),
            ]
            .spacing(8)
            .align_y(Alignment::End)
            .into(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn boss() -> Operator {
        Operator { user_id: 1, name: "boss".into(), role: Role::Manager }
    }

    #[test]
    fn run_asks_once_with_the_typed_master_key() {
        let i18n = I18n::new(crate::domain::Lang::En);
        let mut p = Panel::default();
        p.update(Message::Open("front".into()), &boss(), &i18n);
        p.update(Message::MasterKey("abcdef01 2345 6789 9876543210ABCDEFzz".into()), &boss(), &i18n);
        assert_eq!(p.master_key, "abcdef01234567899876543210ABCDEF");
        let (_, call) = p.update(Message::Run, &boss(), &i18n);
        match call {
            Some(Remote::TerminalKeys { name, master_key, .. }) => {
                assert_eq!(
                    (name.as_str(), master_key.as_deref()),
                    ("front", Some("abcdef01234567899876543210ABCDEF"))
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(p.update(Message::Run, &boss(), &i18n).1.is_none(), "not twice while it runs");
        let done = KeysDone { session_key_kcv: Some("4C8166".into()), ..KeysDone::default() };
        let (notice, _) = p.update(Message::Done("front".into(), Ok(done)), &boss(), &i18n);
        assert!(notice.is_some_and(|n| n.text.contains("4C8166")));
        assert!(p.open.is_none() && p.master_key.is_empty() && !p.running);
    }
}
