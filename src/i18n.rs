//! Translations with Fluent: every user-visible string comes from `i18n/<lang>/tameio.ftl`,
//! plus locale-aware money and date formatting.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::config::money_style;
use crate::domain::{Lang, Money, MoneyStyle, Quantity, VatRate};

pub const SOURCES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../i18n/en/tameio.ftl")),
    (Lang::El, include_str!("../i18n/el/tameio.ftl")),
    (Lang::It, include_str!("../i18n/it/tameio.ftl")),
];

/// One language's messages. Cheap to share: build once, pass by reference or `Arc`.
pub struct I18n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("lang", &self.lang).finish()
    }
}

impl I18n {
    pub fn new(lang: Lang) -> I18n {
        let source = SOURCES.iter().find(|(l, _)| *l == lang).map_or(SOURCES[0].1, |(_, s)| *s);
        let langid: LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks would show up as stray characters on receipts and in terminals.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(res, errors)| {
            tracing::error!(?errors, lang = lang.code(), "translation file has errors");
            res
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(?errors, "duplicate translation ids");
        }
        I18n { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id`, or the id itself when it is missing (a test keeps that from happening).
    pub fn tr(&self, id: &str) -> String {
        self.format(id, None)
    }

    pub fn tr_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        self.format(id, Some(&fargs))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, lang = self.lang.code(), "missing translation");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "translation formatting");
        }
        text.into_owned()
    }

    pub fn money(&self, m: Money) -> String {
        m.format(money_style(self.lang))
    }

    pub fn money_plain(&self, m: Money) -> String {
        m.format_plain(money_style(self.lang))
    }

    /// A plain decimal (`0.350`, `5.5`) with this language's separator: `0,350` in el and it.
    /// Every quantity, weight and percentage a person reads goes through here.
    pub fn decimal(&self, plain: &str) -> String {
        match money_style(self.lang) {
            MoneyStyle::English => plain.to_string(),
            _ => plain.replace('.', ","),
        }
    }

    /// `2`, `0,350` (el, it) or `0.350` (en).
    pub fn quantity(&self, q: Quantity) -> String {
        self.decimal(&q.label())
    }

    /// A VAT or discount rate without the sign: `24`, `5,5` (el, it) or `5.5` (en).
    pub fn percent(&self, rate: VatRate) -> String {
        self.decimal(&rate.percent_label())
    }

    /// The card kind a terminal names ("credit", "Visa Debit", "other") with its generic words
    /// in this language ("Visa Χρεωστική"); brand names (Visa, Mastercard) stay as they are.
    pub fn card_brand(&self, brand: &str) -> String {
        let words: Vec<String> = brand
            .split_whitespace()
            .map(|w| match w.to_lowercase().as_str() {
                "credit" => self.tr("card-kind-credit"),
                "debit" => self.tr("card-kind-debit"),
                "prepaid" => self.tr("card-kind-prepaid"),
                "other" => self.tr("card-kind-other"),
                _ => w.to_string(),
            })
            .collect();
        words.join(" ")
    }

    /// A stored time on this machine's clock: `2026-11-23T12:05:00Z` → `23/11/2026 14:05` in
    /// Athens (day first in every language we speak). The one way times reach a person.
    pub fn datetime(&self, stored: &str) -> String {
        datetime_in(stored, &chrono::Local)
    }
}

/// [`I18n::datetime`] on the clock of `tz`; a value that is no time is shown as it is.
pub fn datetime_in<Tz: chrono::TimeZone>(stored: &str, tz: &Tz) -> String {
    crate::domain::time::local_in(stored, tz)
        .map_or_else(|| stored.to_string(), |t| t.format("%d/%m/%Y %H:%M").to_string())
}

/// `fl!(i18n, "id")` or `fl!(i18n, "id", name = value, ...)`.
#[macro_export]
macro_rules! fl {
    ($i18n:expr, $id:literal) => {
        $i18n.tr($id)
    };
    ($i18n:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $i18n.tr_args($id, &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),+])
    };
}

/// The message ids a `.ftl` source defines, in file order.
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_ids() {
        let en = message_ids(SOURCES[0].1);
        assert!(en.len() > 20);
        for (lang, source) in &SOURCES[1..] {
            let mut ids = message_ids(source);
            let mut want = en.clone();
            ids.sort();
            want.sort();
            let missing: Vec<_> = want.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !want.contains(id)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{lang:?}: missing {missing:?}, extra {extra:?}");
        }
    }

    #[test]
    fn every_file_parses_cleanly() {
        for (lang, source) in SOURCES {
            let parsed = FluentResource::try_new(source.to_string());
            assert!(parsed.is_ok(), "{lang:?} has syntax errors");
        }
    }

    #[test]
    fn every_id_used_in_the_code_exists() {
        let ids = message_ids(SOURCES[0].1);
        let mut missing = Vec::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for file in rust_files(&src).into_iter().filter(|f| !f.ends_with("i18n.rs")) {
            let text = std::fs::read_to_string(&file).unwrap();
            for used in used_ids(&text) {
                if !ids.contains(&used) {
                    missing.push(format!("{}: {used}", file.display()));
                }
            }
        }
        assert!(missing.is_empty(), "ids used but not in en/tameio.ftl: {missing:?}");
    }

    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
        out
    }

    /// Ids in `fl!(x, "id"` and `.tr("id")` / `.tr_args("id"` calls.
    fn used_ids(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for marker in ["fl!(", ".tr(\"", ".tr_args(\""] {
            for (pos, _) in text.match_indices(marker) {
                let rest = &text[pos + marker.len()..];
                let rest = if marker == "fl!(" {
                    match rest.split_once(',') {
                        Some((_, after)) => after.trim_start(),
                        None => continue,
                    }
                } else {
                    rest
                };
                let rest = rest.strip_prefix('"').unwrap_or(rest);
                if let Some((id, _)) = rest.split_once('"')
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !id.is_empty()
                {
                    out.push(id.to_string());
                }
            }
        }
        out
    }

    #[test]
    fn stored_utc_is_shown_on_the_shop_clock_across_the_autumn_change() {
        use crate::domain::time::eu_zone::{ATHENS, ROME};
        // 26 October 2025: Athens 04:00 → 03:00, Rome 03:00 → 02:00 (01:00 UTC).
        assert_eq!(datetime_in("2025-10-26T00:30:00Z", &ATHENS), "26/10/2025 03:30");
        assert_eq!(datetime_in("2025-10-26T01:30:00Z", &ATHENS), "26/10/2025 03:30");
        assert_eq!(datetime_in("2025-10-26T02:30:00Z", &ATHENS), "26/10/2025 04:30");
        assert_eq!(datetime_in("2025-10-26T00:30:00Z", &ROME), "26/10/2025 02:30");
        assert_eq!(datetime_in("2025-10-26T01:30:00Z", &ROME), "26/10/2025 02:30");
        assert_eq!(datetime_in("2025-10-25T22:59:00Z", &ROME), "26/10/2025 00:59");
        assert_eq!(datetime_in("2025-10-26T03:30:00", &ROME), "26/10/2025 03:30", "a row before schema 2");
        assert_eq!(datetime_in("not a time", &ROME), "not a time");
    }

    #[test]
    fn money_and_dates_per_locale() {
        let el = I18n::new(Lang::El);
        let en = I18n::new(Lang::En);
        assert_eq!(el.money(Money::from_cents(123_450)), "1.234,50\u{a0}€");
        assert_eq!(en.money(Money::from_cents(123_450)), "€1,234.50");
        assert_eq!(
            el.datetime("2026-11-23T14:05:00"),
            "23/11/2026 14:05",
            "rows before schema 2: local time"
        );
        let it = I18n::new(Lang::It);
        assert_eq!(it.money(Money::from_cents(-1240)), "-12,40\u{a0}€");
        assert_eq!(it.money_plain(Money::from_cents(100_000_000)), "1.000.000,00");
        assert_eq!(en.money_plain(Money::from_cents(100_000_000)), "1,000,000.00");
    }

    #[test]
    fn weights_and_rates_follow_the_locale() {
        let (el, it, en) = (I18n::new(Lang::El), I18n::new(Lang::It), I18n::new(Lang::En));
        let weight = Quantity::from_milli(350);
        assert_eq!(
            (el.quantity(weight), it.quantity(weight), en.quantity(weight)),
            ("0,350".into(), "0,350".into(), "0.350".into())
        );
        assert_eq!(el.quantity(Quantity::pieces(3)), "3");
        assert_eq!((el.percent(VatRate(550)), en.percent(VatRate(550))), ("5,5".into(), "5.5".into()));
        assert_eq!(
            el.tr_args(
                "line-weighed",
                &[
                    ("quantity", el.quantity(weight).into()),
                    ("price", el.money_plain(Money::from_cents(1690)).into())
                ]
            ),
            "0,350 kg × 16,90/kg"
        );
    }
}
