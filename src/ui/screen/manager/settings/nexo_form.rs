//! The nexo part of "Add a terminal": POIID, light or full integration, the listener, and the
//! optional signature answer, currency and SaleID, checked before anything is stored.

use iced::widget::{column, row, text};
use iced::{Alignment, Element};

use super::{choice, field};
use crate::i18n::I18n;
use crate::register::settings_types::{NEXO_DEFAULT_PORT as DEFAULT_PORT, NexoOptions};
use crate::ui::theme;

/// What the form holds for a nexo terminal; empty optional fields take the driver's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub poiid: String,
    /// Full integration (the terminal posts to the register's listener); light otherwise.
    pub full: bool,
    /// `IP:PORT` the listener binds (full only); empty: the driver's default.
    pub listen: String,
    pub confirm_signature: bool,
    pub currency: String,
    pub sale_id: String,
}

#[derive(Debug, Clone)]
pub enum Field {
    Poiid(String),
    Full(bool),
    Listen(String),
    ConfirmSignature(bool),
    Currency(String),
    SaleId(String),
}

/// Why the form is not saved, each told in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Address,
    Poiid,
    Listen,
    Currency,
    SaleId,
}

impl Problem {
    pub fn message(self, i18n: &I18n) -> String {
        i18n.tr(match self {
            Problem::Address => "settings-nexo-bad-addr",
            Problem::Poiid => "settings-nexo-bad-poiid",
            Problem::Listen => "settings-nexo-bad-listen",
            Problem::Currency => "settings-nexo-bad-currency",
            Problem::SaleId => "settings-nexo-bad-sale-id",
        })
    }
}

/// nexo identifiers travel in XML attributes: printable ASCII, no spaces, 1 to 32 bytes.
fn id_ok(s: &str) -> bool {
    (1..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'&')
}

/// `HOST[:PORT]` with the port 11000 added when none is given.
fn address(addr: &str) -> Result<String, Problem> {
    let a = addr.trim();
    let (host, port) = match a.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || h.ends_with(']') => (h, Some(p)),
        _ => (a, None),
    };
    let named = host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    let bracketed = host.len() > 2 && host.starts_with('[') && host.ends_with(']');
    if host.is_empty() || !(named || bracketed) {
        return Err(Problem::Address);
    }
    match port {
        None => Ok(format!("{host}:{DEFAULT_PORT}")),
        Some(p) if p.parse::<u16>().is_ok_and(|p| p > 0) => Ok(a.to_string()),
        Some(_) => Err(Problem::Address),
    }
}

impl Fields {
    pub fn update(&mut self, field: Field) {
        match field {
            Field::Poiid(s) => self.poiid = s,
            Field::Full(b) => self.full = b,
            Field::Listen(s) => self.listen = s,
            Field::ConfirmSignature(b) => self.confirm_signature = b,
            Field::Currency(s) => self.currency = s,
            Field::SaleId(s) => self.sale_id = s,
        }
    }

    /// The terminal's address and its `options` as `tameio terminal add --option` stores them.
    pub fn check(&self, addr: &str) -> Result<(String, serde_json::Value), Problem> {
        let addr = address(addr)?;
        let poiid = self.poiid.trim();
        if !id_ok(poiid) {
            return Err(Problem::Poiid);
        }
        let defaults = NexoOptions::default();
        let listen = match self.listen.trim() {
            "" => defaults.listen.clone(),
            l if l.parse::<std::net::SocketAddr>().is_ok() => l.to_string(),
            _ if !self.full => defaults.listen.clone(),
            _ => return Err(Problem::Listen),
        };
        let currency = match self.currency.trim() {
            "" => defaults.currency.clone(),
            c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) => c.to_ascii_uppercase(),
            _ => return Err(Problem::Currency),
        };
        let sale_id = self.sale_id.trim();
        if !sale_id.is_empty() && !id_ok(sale_id) {
            return Err(Problem::SaleId);
        }
        let mut options = serde_json::json!({
            "poiid": poiid,
            "mode": if self.full { "full" } else { "light" },
            "currency": currency,
        });
        if !sale_id.is_empty() {
            options["sale_id"] = sale_id.into();
        }
        if self.full {
            options["listen"] = listen.into();
        }
        options["confirm_signature"] = self.confirm_signature.into();
        Ok((addr, options))
    }

    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        i18n: &'a I18n,
        on: impl Fn(Field) -> M + Copy + 'a,
    ) -> Element<'a, M> {
        let modes = row![
            choice(i18n.tr("settings-nexo-light"), !self.full, on(Field::Full(false))),
            choice(i18n.tr("settings-nexo-full"), self.full, on(Field::Full(true))),
        ]
        .spacing(6);
        let mut col = column![
            row![
                field(i18n.tr("settings-nexo-poiid"), &self.poiid, move |s| on(Field::Poiid(s)), false),
                column![text(i18n.tr("settings-nexo-mode")).size(theme::SMALL), modes].spacing(2),
            ]
            .spacing(10)
            .align_y(Alignment::End),
            row![
                field(
                    i18n.tr("settings-nexo-currency"),
                    &self.currency,
                    move |s| on(Field::Currency(s)),
                    false
                ),
                field(i18n.tr("settings-nexo-sale-id"), &self.sale_id, move |s| on(Field::SaleId(s)), false),
            ]
            .spacing(10),
        ]
        .spacing(10);
        // Both integrations ask for signatures: the cashier answers, unless set to accept them.
        let accept = iced::widget::checkbox(self.confirm_signature)
            .label(i18n.tr("settings-nexo-confirm-signature"))
            .on_toggle(move |b| on(Field::ConfirmSignature(b)))
            .size(22)
            .text_size(theme::BODY);
        col = match self.full {
            true => col.push(
                row![
                    field(
                        i18n.tr("settings-nexo-listen"),
                        &self.listen,
                        move |s| on(Field::Listen(s)),
                        false
                    ),
                    accept,
                ]
                .spacing(10)
                .align_y(Alignment::End),
            ),
            false => col.push(accept),
        };
        col.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(poiid: &str) -> Fields {
        Fields { poiid: poiid.into(), ..Fields::default() }
    }

    #[test]
    fn the_port_defaults_to_11000_and_options_use_the_cli_names() {
        let (addr, o) = fields(" A-POIID ").check("192.168.1.20").unwrap_or_default();
        assert_eq!(addr, "192.168.1.20:11000");
        assert_eq!(
            o,
            serde_json::json!({"poiid": "A-POIID", "mode": "light", "currency": "EUR", "confirm_signature": false})
        );
        let parsed: NexoOptions = serde_json::from_value(o).unwrap_or_default();
        assert_eq!(parsed.poiid, "A-POIID");
        assert!(!parsed.full());
    }

    #[test]
    fn full_integration_keeps_listener_signature_currency_and_sale_id() {
        let f = Fields {
            full: true,
            listen: "127.0.0.1:11001".into(),
            confirm_signature: true,
            currency: "sek".into(),
            sale_id: "ECR7".into(),
            ..fields("P1")
        };
        let (addr, o) = f.check("pax.local:11000").unwrap_or_default();
        assert_eq!(addr, "pax.local:11000");
        let parsed: NexoOptions = serde_json::from_value(o).unwrap_or_default();
        assert!(parsed.full() && parsed.confirm_signature);
        assert_eq!(
            (parsed.listen.as_str(), parsed.currency.as_str(), parsed.sale_id.as_str()),
            ("127.0.0.1:11001", "SEK", "ECR7")
        );
    }

    #[test]
    fn bad_input_names_the_field_at_fault() {
        assert_eq!(fields("").check("10.0.0.1"), Err(Problem::Poiid));
        assert_eq!(fields(&"x".repeat(33)).check("10.0.0.1"), Err(Problem::Poiid));
        assert_eq!(fields("has space").check("10.0.0.1"), Err(Problem::Poiid));
        assert_eq!(fields("P").check(""), Err(Problem::Address));
        assert_eq!(fields("P").check("10.0.0.1:port"), Err(Problem::Address));
        assert_eq!(fields("P").check("10.0.0.1:0"), Err(Problem::Address));
        assert_eq!(fields("P").check("http://x"), Err(Problem::Address));
        let full = Fields { full: true, listen: "anywhere".into(), ..fields("P") };
        assert_eq!(full.check("10.0.0.1"), Err(Problem::Listen));
        let light = Fields { listen: "anywhere".into(), ..fields("P") };
        assert!(light.check("10.0.0.1").is_ok(), "the listener is not used in light integration");
        assert_eq!(Fields { currency: "EURO".into(), ..fields("P") }.check("h"), Err(Problem::Currency));
        assert_eq!(Fields { sale_id: "a b".into(), ..fields("P") }.check("h"), Err(Problem::SaleId));
    }
}
