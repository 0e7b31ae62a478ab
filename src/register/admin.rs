//! The manager's settings: users and PINs, the market's VAT classes, a test print, terminals
//! added and paired from the GUI. Each call is manager-only, validated, and audited.

use fluent_bundle::FluentValue;

use super::{DEMO_TERMINAL, Operator, Register, RegisterError, Result, require_manager};
use crate::domain::{Lang, Market, Role, User, VatRate};
use crate::fl;
use crate::i18n::I18n;
use crate::print::{self, Block, Layout, Paper, Style};
use crate::terminal::webecr::PairedTerminal;
use crate::terminal::{Protocol, TerminalConfig, TerminalError};

pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;

/// A manager's setting the register refused, each with its reason in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("a user needs a name")]
    EmptyName,
    #[error("user {0} exists")]
    NameTaken(String),
    #[error("a PIN is digits only")]
    PinNotDigits,
    #[error("a PIN has 4 to 8 digits")]
    PinLength,
    #[error("the two PINs differ")]
    PinsDiffer,
    #[error("{0} is the last manager")]
    LastManager(String),
    #[error("the same VAT class twice")]
    SameVat,
    #[error("{} % is not a VAT rate of this market", .0.percent_label())]
    VatNotLegal(VatRate),
    #[error("a terminal needs a name other than demo")]
    TerminalName,
    #[error("terminal {0} exists")]
    TerminalNameTaken(String),
    #[error("a LAN terminal needs HOST:PORT")]
    TerminalAddress,
    #[error("a pairing code is 8 digits")]
    PairingCodeFormat,
    #[error("pairing code not accepted: {0}")]
    PairingCodeRefused(String),
    #[error("no terminal {0}")]
    NoSuchTerminal(String),
    #[error("terminal {0} has a payment whose outcome is not known yet")]
    TerminalBusy(String),
    #[error("terminal {0} holds preloaded receipts still waiting")]
    TerminalHasPreloads(String),
    /// Real terminals wait until these demo users have PINs of their own.
    #[error("the demo PINs of {0} are still in use")]
    DemoPins(String),
}

impl SetupError {
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            SetupError::EmptyName => fl!(i18n, "err-user-name-empty"),
            SetupError::NameTaken(name) => fl!(i18n, "err-user-name-taken", name = name.clone()),
            SetupError::PinNotDigits => fl!(i18n, "err-pin-digits"),
            SetupError::PinLength => fl!(i18n, "err-pin-length"),
            SetupError::PinsDiffer => fl!(i18n, "err-pins-differ"),
            SetupError::LastManager(name) => fl!(i18n, "err-last-manager", name = name.clone()),
            SetupError::SameVat => fl!(i18n, "err-vat-same"),
            SetupError::VatNotLegal(rate) => {
                i18n.tr_args("err-vat-not-legal", &[("rate", FluentValue::from(rate.percent_label()))])
            }
            SetupError::TerminalName => fl!(i18n, "err-terminal-name"),
            SetupError::TerminalNameTaken(name) => fl!(i18n, "err-terminal-name-taken", name = name.clone()),
            SetupError::TerminalAddress => fl!(i18n, "err-terminal-addr"),
            SetupError::PairingCodeFormat => fl!(i18n, "err-pairing-code-format"),
            SetupError::NoSuchTerminal(name) => fl!(i18n, "err-terminal-unknown", name = name.clone()),
            SetupError::TerminalBusy(name) => fl!(i18n, "err-terminal-open-payments", name = name.clone()),
            SetupError::TerminalHasPreloads(name) => {
                fl!(i18n, "err-terminal-waiting-preloads", name = name.clone())
            }
            SetupError::PairingCodeRefused(_) => fl!(i18n, "err-pairing-code-refused"),
            SetupError::DemoPins(names) => fl!(i18n, "err-demo-pins", names = names.clone()),
        }
    }
}

/// One user as the settings list shows them (never the PIN's hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub user: User,
    /// False: may not sign in (kept for the receipts and the audit log).
    pub active: bool,
    /// Locked after too many wrong PINs: a manager unlocks (or gives a new PIN).
    pub locked: bool,
}

/// One of the market's VAT classes and how many products use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatClassUse {
    pub letter: char,
    pub rate: VatRate,
    pub products: i64,
}

/// The market's VAT table as the catalogue uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatTable {
    pub market: Market,
    pub classes: Vec<VatClassUse>,
    /// Rates in the catalogue that are not legal in the market, with their product counts.
    pub other_rates: Vec<(VatRate, i64)>,
}

impl VatTable {
    pub fn products_not_in_table(&self) -> i64 {
        self.other_rates.iter().map(|(_, n)| n).sum()
    }

    /// The same catalogue seen through another market's table (after switching markets).
    pub fn for_market(&self, market: Market) -> VatTable {
        let counts: Vec<(VatRate, i64)> = self
            .classes
            .iter()
            .map(|c| (c.rate, c.products))
            .chain(self.other_rates.iter().copied())
            .collect();
        table_of(market, &counts)
    }

    pub fn products_at(&self, rate: VatRate) -> i64 {
        let legal = self.classes.iter().filter(|c| c.rate == rate).map(|c| c.products);
        let other = self.other_rates.iter().filter(|(r, _)| *r == rate).map(|(_, n)| *n);
        legal.chain(other).sum()
    }
}

fn table_of(market: Market, counts: &[(VatRate, i64)]) -> VatTable {
    let count = |rate: VatRate| counts.iter().filter(|(r, _)| *r == rate).map(|c| c.1).sum();
    let classes = market
        .vat_classes()
        .iter()
        .map(|c| VatClassUse { letter: c.letter, rate: c.rate, products: count(c.rate) })
        .collect();
    let mut other_rates: Vec<(VatRate, i64)> =
        counts.iter().copied().filter(|(r, n)| !market.is_legal(*r) && *n > 0).collect();
    other_rates.sort_by_key(|(r, _)| r.bp());
    VatTable { market, classes, other_rates }
}

/// Digits only, 4 to 8 of them.
pub fn check_pin(pin: &str) -> Result<(), SetupError> {
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SetupError::PinNotDigits);
    }
    if !PIN_DIGITS.contains(&pin.len()) {
        return Err(SetupError::PinLength);
    }
    Ok(())
}

/// Exactly the 8 digits the terminal shows.
pub fn check_pairing_code(code: &str) -> Result<(), SetupError> {
    if code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(SetupError::PairingCodeFormat)
    }
}

impl Register {
    // ---- users and PINs -------------------------------------------------------------------

    /// Every user, active or not.
    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        let locked = self.store.pin_locked_users()?;
        Ok(self
            .store
            .staff()?
            .into_iter()
            .map(|(user, active)| StaffMember { locked: locked.contains(&user.id), user, active })
            .collect())
    }

    pub fn add_user(&self, by: &Operator, name: &str, role: Role, pin: &str) -> Result<User> {
        require_manager(by)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(SetupError::EmptyName.into());
        }
        if self.staff()?.iter().any(|s| s.user.name.to_lowercase() == name.to_lowercase()) {
            return Err(SetupError::NameTaken(name.to_string()).into());
        }
        check_pin(pin)?;
        Ok(self.store.add_user(name, role, pin, &by.name)?)
    }

    pub fn set_pin(&self, by: &Operator, user_id: i64, pin: &str) -> Result<()> {
        require_manager(by)?;
        check_pin(pin)?;
        Ok(self.store.set_pin(user_id, pin, &by.name)?)
    }

    /// Lets a user sign in, or not; the last active manager stays.
    pub fn set_user_active(&self, by: &Operator, user_id: i64, active: bool) -> Result<()> {
        require_manager(by)?;
        let staff = self.staff()?;
        let user =
            staff.iter().find(|s| s.user.id == user_id).ok_or(RegisterError::NoUser(user_id.to_string()))?;
        let managers = staff.iter().filter(|s| s.active && s.user.role == Role::Manager).count();
        if !active && user.active && user.user.role == Role::Manager && managers <= 1 {
            return Err(SetupError::LastManager(user.user.name.clone()).into());
        }
        Ok(self.store.set_user_active(user_id, active, &by.name)?)
    }

    // ---- VAT classes ----------------------------------------------------------------------

    /// The market's VAT classes with how many products use each, and the rates outside it.
    pub fn vat_classes(&self) -> Result<VatTable> {
        let counts = self.store.count_by_vat()?;
        Ok(table_of(self.settings().market, &counts))
    }

    /// Moves every product at rate `from` (any rate, so stray ones can be fixed) to the legal
    /// rate `to`, in one transaction, audited; how many moved.
    pub fn move_vat_class(&self, by: &Operator, from: VatRate, to: VatRate) -> Result<usize> {
        require_manager(by)?;
        if from == to {
            return Err(SetupError::SameVat.into());
        }
        if !self.settings().market.is_legal(to) {
            return Err(SetupError::VatNotLegal(to).into());
        }
        Ok(self.store.move_vat(from, to, &by.name)?)
    }

    // ---- printer --------------------------------------------------------------------------

    /// A short page (shop header, "test print", date) to this printer, else the settings' one
    /// (so a manager may try an address before saving it). Audited before it is sent: the
    /// printer may be a stranger's address.
    pub async fn print_test_page(
        &self,
        by: &Operator,
        printer: Option<&str>,
        paper: Option<Paper>,
        lang: Lang,
    ) -> Result<()> {
        require_manager(by)?;
        let settings = self.settings();
        let target = printer.unwrap_or(&settings.printer).trim().to_string();
        if target.is_empty() {
            return Err(RegisterError::NoPrinter);
        }
        let i18n = I18n::new(lang);
        let paper = paper.unwrap_or_else(|| self.paper());
        let detail = serde_json::json!({ "printer": target, "paper": paper.code() });
        self.store.audit(&by.name, "printer.test", &target, &detail.to_string())?;
        let mut layout = Layout::new(paper.columns());
        print::receipt::shop_header(&mut layout, &settings, &i18n);
        layout.center(fl!(i18n, "print-test-title"), Style::LARGE);
        layout.center(i18n.datetime(&crate::store::now()), Style::NORMAL);
        layout.push(Block::Rule);
        layout.push(Block::Text(fl!(i18n, "print-test-body", paper = paper.code())));
        let job = print::layout_escpos(&layout, lang, paper);
        print::send(&target, &job).await?;
        Ok(())
    }

    // ---- terminals ------------------------------------------------------------------------

    /// Adds a new terminal (the command line may also replace one); a WebECR one keeps its
    /// password in the secrets file.
    pub fn configure_terminal(
        &self,
        by: &Operator,
        config: TerminalConfig,
        username: &str,
        password: &str,
    ) -> Result<()> {
        require_manager(by)?;
        let name = config.name.trim();
        if name.is_empty() || name.eq_ignore_ascii_case(DEMO_TERMINAL) {
            return Err(SetupError::TerminalName.into());
        }
        if self.terminals()?.iter().any(|t| t.name.eq_ignore_ascii_case(name)) {
            return Err(SetupError::TerminalNameTaken(name.to_string()).into());
        }
        if config.protocol != Protocol::WebEcr && config.addr.trim().is_empty() {
            return Err(SetupError::TerminalAddress.into());
        }
        self.refuse_demo_pins()?;
        if config.protocol == Protocol::WebEcr {
            self.add_webecr_terminal(config, username, password, &by.name)
        } else {
            self.add_terminal(by, &config)
        }
    }

    /// Removes a configured terminal, audited. Refused while a payment on it is still open
    /// (only that terminal can say how it ended) or a preloaded receipt waits on it. Its
    /// secrets leave the secrets file; if it took the card payments, the demo terminal does
    /// until another is chosen.
    pub fn remove_terminal(&self, by: &Operator, name: &str) -> Result<()> {
        require_manager(by)?;
        if !self.terminals()?.iter().any(|t| t.name == name) {
            return Err(SetupError::NoSuchTerminal(name.to_string()).into());
        }
        if self.open_attempts()?.iter().any(|a| a.terminal == name) {
            return Err(SetupError::TerminalBusy(name.to_string()).into());
        }
        if self.deferred_receipts(true)?.iter().any(|d| d.terminal == name) {
            return Err(SetupError::TerminalHasPreloads(name.to_string()).into());
        }
        self.store.remove_terminal(name, &by.name)?;
        self.forget_terminal_secrets(name)?;
        let settings = self.settings();
        if settings.default_terminal == name {
            self.save_settings(crate::config::Settings { default_terminal: String::new(), ..settings }, by)?;
        }
        tracing::info!(terminal = name, by = %by.name, "terminal removed");
        Ok(())
    }

    /// Pairs a WebECR terminal with the 8-digit code its screen shows.
    pub async fn pair_terminal_by(&self, by: &Operator, name: &str, code: &str) -> Result<PairedTerminal> {
        require_manager(by)?;
        let code = code.trim();
        check_pairing_code(code)?;
        self.pair_terminal(name, code, &by.name).await.map_err(|e| match e {
            RegisterError::Terminal(TerminalError::Invalid(why)) => {
                SetupError::PairingCodeRefused(why).into()
            }
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::domain::{DEMO_CASHIER, DEMO_MANAGER};

    fn setup() -> (Register, Operator, Operator) {
        let reg = Register::in_memory(Settings::default()).unwrap();
        let boss = reg.user_by_name(DEMO_MANAGER.0).unwrap().into();
        let maria = reg.user_by_name(DEMO_CASHIER.0).unwrap().into();
        (reg, boss, maria)
    }

    fn setup_error(r: Result<impl std::fmt::Debug>) -> SetupError {
        match r {
            Err(RegisterError::Setup(e)) => e,
            other => panic!("not a setup error: {other:?}"),
        }
    }

    #[test]
    fn a_manager_adds_a_user_who_then_signs_in() {
        let (reg, boss, maria) = setup();
        assert!(matches!(
            reg.add_user(&maria, "Eleni", Role::Cashier, "2468"),
            Err(RegisterError::NeedsManager)
        ));
        let eleni = reg.add_user(&boss, " Eleni ", Role::Cashier, "2468").unwrap();
        assert_eq!(eleni.name, "Eleni");
        assert_eq!(reg.sign_in(eleni.id, "2468").unwrap().name, "Eleni");
        assert_eq!(
            setup_error(reg.add_user(&boss, "eleni", Role::Manager, "1357")),
            SetupError::NameTaken("eleni".into())
        );
        assert_eq!(setup_error(reg.add_user(&boss, "  ", Role::Cashier, "1357")), SetupError::EmptyName);
        assert_eq!(
            setup_error(reg.add_user(&boss, "Kostas", Role::Cashier, "12a4")),
            SetupError::PinNotDigits
        );
        assert_eq!(setup_error(reg.add_user(&boss, "Kostas", Role::Cashier, "123")), SetupError::PinLength);
        assert_eq!(
            setup_error(reg.add_user(&boss, "Kostas", Role::Cashier, "123456789")),
            SetupError::PinLength
        );
        assert_eq!(reg.staff().unwrap().len(), 3, "nothing stored for refused users");
    }

    #[test]
    fn a_pin_is_changed_and_users_deactivated_but_not_the_last_manager() {
        let (reg, boss, maria) = setup();
        assert!(matches!(reg.set_pin(&maria, maria.user_id, "4444"), Err(RegisterError::NeedsManager)));
        assert_eq!(setup_error(reg.set_pin(&boss, maria.user_id, "44")), SetupError::PinLength);
        reg.set_pin(&boss, maria.user_id, "4444").unwrap();
        assert!(reg.sign_in(maria.user_id, "1111").is_err());
        assert!(reg.sign_in(maria.user_id, "4444").is_ok());
        reg.set_user_active(&boss, maria.user_id, false).unwrap();
        assert!(reg.users().unwrap().iter().all(|u| u.id != maria.user_id));
        assert!(reg.staff().unwrap().iter().any(|s| s.user.id == maria.user_id && !s.active));
        assert_eq!(
            setup_error(reg.set_user_active(&boss, boss.user_id, false)),
            SetupError::LastManager(boss.name.clone())
        );
        reg.set_user_active(&boss, maria.user_id, true).unwrap();
        assert!(reg.sign_in(maria.user_id, "4444").is_ok());
    }

    #[test]
    fn vat_classes_are_counted_and_moved_to_a_legal_rate() {
        let (reg, boss, maria) = setup();
        let table = reg.vat_classes().unwrap();
        assert_eq!(table.market, Market::Greece);
        assert_eq!(table.classes.len(), 6);
        let at_24 = table.products_at(VatRate(2400));
        assert!(at_24 > 0);
        assert_eq!(table.products_not_in_table(), 0);
        assert!(matches!(
            reg.move_vat_class(&maria, VatRate(2400), VatRate(1700)),
            Err(RegisterError::NeedsManager)
        ));
        assert_eq!(setup_error(reg.move_vat_class(&boss, VatRate(2400), VatRate(2400))), SetupError::SameVat);
        assert_eq!(
            setup_error(reg.move_vat_class(&boss, VatRate(2400), VatRate(2200))),
            SetupError::VatNotLegal(VatRate(2200))
        );
        assert_eq!(reg.move_vat_class(&boss, VatRate(2400), VatRate(1700)).unwrap() as i64, at_24);
        let table = reg.vat_classes().unwrap();
        assert_eq!(table.products_at(VatRate(2400)), 0);
        assert_eq!(table.products_at(VatRate(1700)), at_24);
        // In Italy every Greek rate is out of the table, and reported.
        reg.save_settings(Settings { market: Market::Italy, ..reg.settings() }, &boss).unwrap();
        let table = reg.vat_classes().unwrap();
        assert!(table.products_not_in_table() > 0);
        assert_eq!(table.products_at(VatRate(1700)), at_24);
        assert_eq!(table, reg.vat_classes().unwrap().for_market(Market::Greece).for_market(Market::Italy));
    }

    #[test]
    fn terminals_are_added_once_by_a_manager_with_a_name_and_an_address() {
        let (reg, boss, maria) = setup();
        let config = |name: &str, addr: &str| TerminalConfig {
            name: name.into(),
            protocol: Protocol::Ecr17,
            addr: addr.into(),
            terminal_id: "12345678".into(),
            cash_register_id: "1".into(),
            options: serde_json::Value::Null,
        };
        let add = |by: &Operator, c| reg.configure_terminal(by, c, "", "");
        assert!(matches!(add(&maria, config("front", "10.0.0.5:8081")), Err(RegisterError::NeedsManager)));
        // Not while the demo users still have the README's PINs.
        assert_eq!(
            setup_error(add(&boss, config("front", "10.0.0.5:8081"))),
            SetupError::DemoPins("Maria, Nikos".into())
        );
        reg.set_pin(&boss, maria.user_id, "3715").unwrap();
        assert_eq!(
            setup_error(add(&boss, config("front", "10.0.0.5:8081"))),
            SetupError::DemoPins("Nikos".into())
        );
        reg.set_pin(&boss, boss.user_id, "4826").unwrap();
        assert_eq!(setup_error(add(&boss, config(" ", "10.0.0.5:8081"))), SetupError::TerminalName);
        assert_eq!(setup_error(add(&boss, config("Demo", "10.0.0.5:8081"))), SetupError::TerminalName);
        assert_eq!(setup_error(add(&boss, config("front", " "))), SetupError::TerminalAddress);
        add(&boss, config("front", "10.0.0.5:8081")).unwrap();
        assert_eq!(
            setup_error(add(&boss, config("FRONT", "10.0.0.6:8081"))),
            SetupError::TerminalNameTaken("FRONT".into())
        );
        assert_eq!(reg.terminals().unwrap()[0].addr, "10.0.0.5:8081", "not replaced");
        // WebECR keeps its password in the secrets file: a register without a data folder has none.
        let cloud = TerminalConfig { protocol: Protocol::WebEcr, ..config("cloud", "") };
        assert!(matches!(reg.configure_terminal(&boss, cloud, "u", "p"), Err(RegisterError::Storage(_))));
    }

    #[test]
    fn pins_and_pairing_codes_are_checked() {
        assert_eq!(check_pin("1234"), Ok(()));
        assert_eq!(check_pin("12345678"), Ok(()));
        assert_eq!(check_pin("１２３４"), Err(SetupError::PinNotDigits));
        assert_eq!(check_pairing_code("12345678"), Ok(()));
        assert_eq!(check_pairing_code("1234567"), Err(SetupError::PairingCodeFormat));
        assert_eq!(check_pairing_code("1234567x"), Err(SetupError::PairingCodeFormat));
    }

    #[test]
    fn every_setup_message_is_translated() {
        for lang in Lang::ALL {
            let i18n = I18n::new(lang);
            for e in [
                SetupError::EmptyName,
                SetupError::NameTaken("X".into()),
                SetupError::PinNotDigits,
                SetupError::PinLength,
                SetupError::PinsDiffer,
                SetupError::LastManager("X".into()),
                SetupError::SameVat,
                SetupError::VatNotLegal(VatRate(2200)),
                SetupError::TerminalName,
                SetupError::TerminalNameTaken("X".into()),
                SetupError::TerminalAddress,
                SetupError::PairingCodeFormat,
                SetupError::PairingCodeRefused("x".into()),
                SetupError::DemoPins("X".into()),
            ] {
                let m = e.message(&i18n);
                assert!(!m.is_empty() && !m.contains("err-"), "{lang:?} {e:?}: {m}");
            }
        }
    }
}
