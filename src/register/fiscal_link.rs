//! The myDATA link of card payments: the shop's `[fiscal]` setting turned into the validation
//! data a WebECR sale carries, the ECR-token key set-up, and the evidence kept with the tender.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{HeldTerminal, Operator, Register, RegisterError, Result, require_manager};
use crate::fiscal::{self, EcrToken, FiscalMode, FiscalSettings, P256Signer, PaymentEvidence, Proof};
use crate::terminal::aade1155::Aade1155Terminal;
use crate::terminal::webecr::WebEcrTerminal;
use crate::terminal::webecr::fiscal::{EcrTokenSpec, ProviderSpec, Secret, TxnFiscal, provider_data};
use crate::terminal::{Approval, Attempt, Protocol, TerminalConfig, TerminalError};

/// `[fiscal]` keys of the secrets file: the provider's P-256 private key (PEM) ...
pub const PROVIDER_KEY: &str = "provider_key";
/// ... and the master key AADE gave the fiscal device and the terminal (32 hex digits).
pub const MASTER_KEY: &str = "master_key";
/// The terminal's own secrets table keeps the session key under this name.
const SESSION_KEY: &str = "session_key";

fn setup(why: String) -> RegisterError {
    RegisterError::Terminal(TerminalError::Config(format!("myDATA: {why}")))
}

impl Register {
    pub fn fiscal_settings(&self) -> FiscalSettings {
        self.settings().fiscal
    }

    /// Keeps a fiscal key in the secrets file (never the database); the audit log says which
    /// one was set, not its value. A manager's job.
    pub fn set_fiscal_key(&self, by: &Operator, name: &str, value: &str) -> Result<()> {
        require_manager(by)?;
        let value = value.trim();
        let checked = match name {
            PROVIDER_KEY => P256Signer::from_pem(value).map(|_| ()),
            MASTER_KEY => fiscal::parse_key(value).map(|_| ()),
            other => {
                return Err(RegisterError::BadInput(format!(
                    "unknown fiscal key {other:?}: {PROVIDER_KEY} or {MASTER_KEY}"
                )));
            }
        };
        checked.map_err(|e| RegisterError::BadInput(format!("{name}: {e}")))?;
        let mut table = self.read_secrets()?;
        let section = table.entry("fiscal").or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(section) = section.as_table_mut() else {
            return Err(RegisterError::Storage("[fiscal] in the secrets file is not a table".into()));
        };
        section.insert(name.to_string(), toml::Value::String(value.to_string()));
        self.write_secrets(&table)?;
        Ok(self.store.audit(&by.name, "fiscal.key", name, "{}")?)
    }

    /// The `[fiscal]` setting with the mode (`none`, `provider`, `fiscal-device`), ids and field
    /// order (`nexi-guide`, `public`) as typed; what is not given stays as it is. Not saved.
    pub fn fiscal_settings_as_typed(
        &self,
        mode: &str,
        provider_id: Option<String>,
        ecr_id: Option<String>,
        field_order: Option<String>,
    ) -> Result<FiscalSettings> {
        let mut f = self.fiscal_settings();
        f.mode = FiscalMode::from_code(mode).ok_or_else(|| {
            RegisterError::BadInput(format!("mode {mode:?}: none, provider or fiscal-device"))
        })?;
        if let Some(id) = provider_id {
            f.provider_id = id.trim().to_string();
        }
        if let Some(id) = ecr_id {
            f.ecr_id = id.trim().to_string();
        }
        if let Some(order) = field_order {
            f.field_order = serde_json::from_value::<fiscal::FieldOrder>(Value::String(order.clone()))
                .map_err(|_| {
                    RegisterError::BadInput(format!("field order {order:?}: nexi-guide or public"))
                })?;
        }
        Ok(f)
    }

    /// Saves the shop's `[fiscal]` setting (manager); a mode missing its ids is refused.
    pub fn save_fiscal_settings(&self, by: &Operator, fiscal: FiscalSettings) -> Result<()> {
        fiscal.check().map_err(|e| RegisterError::BadInput(e.to_string()))?;
        let mut settings = self.settings();
        settings.fiscal = fiscal;
        self.save_settings(settings, by)
    }

    /// Whether a fiscal key is in the secrets file (its value is never shown).
    pub fn fiscal_key_is_set(&self, name: &str) -> bool {
        self.fiscal_key(name).is_ok()
    }

    fn fiscal_key(&self, name: &str) -> Result<String> {
        let table = self.read_secrets()?;
        let value = table.get("fiscal").and_then(|f| f.get(name)).and_then(|v| v.as_str()).unwrap_or("");
        if value.trim().is_empty() {
            return Err(setup(format!("no {name} in the secrets file (tameio fiscal key {name} FILE)")));
        }
        Ok(value.to_string())
    }

    /// The `R` a payment sends: the fiscal device's id on AADE 1155 in fiscal-device mode (its
    /// registry number is what myDATA's `ECRToken` names), else the register's id.
    pub(super) fn ecr_id_for(&self, protocol: Protocol) -> String {
        let f = self.fiscal_settings();
        match (f.mode, protocol) {
            (FiscalMode::FiscalDevice, Protocol::Aade1155) if !f.ecr_id.trim().is_empty() => {
                f.ecr_id.trim().to_string()
            }
            _ => self.register_id(),
        }
    }

    /// On AADE 1155 in fiscal-device mode the driver's `R` (amounts, `O`/`L`, acks, `U`) is the
    /// fiscal device's id, so recovery asks for results under the id the sale was sent with.
    pub(super) fn with_fiscal_device(&self, mut config: TerminalConfig) -> TerminalConfig {
        let f = self.fiscal_settings();
        if f.mode == FiscalMode::FiscalDevice
            && config.protocol == Protocol::Aade1155
            && !f.ecr_id.trim().is_empty()
        {
            config.cash_register_id = f.ecr_id.trim().to_string();
        }
        config
    }

    /// The driver for a card payment on an order: on WebECR with the validation data the
    /// shop's mode needs (a missing key refuses the payment before anything is sent).
    pub(super) async fn terminal_for_order(&self, name: &str, order_id: i64) -> Result<HeldTerminal> {
        let settings = self.fiscal_settings();
        if settings.mode == FiscalMode::None || self.is_demo_terminal(name) {
            return self.terminal(name).await;
        }
        let guard = self.hold_terminal(name).await?;
        let mut config = self.with_fiscal_device(self.with_key_material(self.terminal_config(name).await?)?);
        if config.protocol == Protocol::WebEcr {
            let fiscal = self.txn_fiscal(&settings, &config, order_id)?;
            let fiscal = serde_json::to_value(fiscal).map_err(|e| RegisterError::Storage(e.to_string()))?;
            match config.options.as_object_mut() {
                Some(options) => {
                    options.insert("fiscal".into(), fiscal);
                }
                None => config.options = serde_json::json!({ "fiscal": fiscal }),
            }
        }
        let driver = crate::terminal::connect(&config).map_err(RegisterError::Terminal)?;
        Ok(HeldTerminal::new(driver, guard))
    }

    fn txn_fiscal(
        &self,
        settings: &FiscalSettings,
        config: &TerminalConfig,
        order_id: i64,
    ) -> Result<TxnFiscal> {
        settings.check().map_err(|e| setup(e.to_string()))?;
        match settings.mode {
            FiscalMode::Provider => Ok(TxnFiscal::Provider(self.provider_spec(settings, order_id)?)),
            _ => {
                let key = config.options.get(SESSION_KEY).and_then(Value::as_str).unwrap_or("");
                if key.is_empty() {
                    return Err(setup(format!(
                        "no session key for {}: run `tameio fiscal bind {}` first",
                        config.name, config.name
                    )));
                }
                let ecr_id = settings.ecr_id.trim().to_string();
                Ok(TxnFiscal::EcrToken(EcrTokenSpec { ecr_id, session_key: Secret(key.to_string()) }))
            }
        }
    }

    /// What the provider signs about the order: its UID and its net, VAT and total.
    fn provider_spec(&self, settings: &FiscalSettings, order_id: i64) -> Result<ProviderSpec> {
        let order = self.order(order_id)?;
        let totals = order.cart.totals();
        Ok(ProviderSpec {
            provider_id: settings.provider_id.trim().to_string(),
            field_order: settings.field_order,
            uid: self.document_uid(order_id),
            mark: String::new(),
            net: totals.vat.iter().map(|v| v.net.cents()).sum(),
            vat: totals.vat.iter().map(|v| v.vat.cents()).sum(),
            total: order.total.cents(),
            signing_key: Secret(self.fiscal_key(PROVIDER_KEY)?),
        })
    }

    /// The document the signature covers. tameio numbers the receipt only once it is paid, so
    /// the signed UID names the order: SHA-256 of `ΑΦΜ-register-order`, 40 uppercase hex digits
    /// (the shape of the provider UIDs in the public samples). Not the myDATA UID formula.
    pub fn document_uid(&self, order_id: i64) -> String {
        let s = self.settings();
        let text = format!("{}-{}-{order_id}", s.shop.vat_number.trim(), s.register_id.trim());
        hex::encode_upper(&Sha256::digest(text.as_bytes())[..20])
    }

    /// ECR-token set-up with the terminal (manager): a fresh session key, encrypted under the
    /// master key, bound and exchanged (WebECR `ecrbind` + `ecrkeyexchange`; AADE 1155
    /// `U/…/CMAC_K:<key>:<kcv>`), then kept in the terminal's secrets. Returns the KCV.
    pub async fn bind_fiscal_device(&self, by: &Operator, name: &str) -> Result<String> {
        require_manager(by)?;
        let settings = self.fiscal_settings();
        if settings.mode != FiscalMode::FiscalDevice {
            return Err(setup("the shop's fiscal mode is not fiscal-device".into()));
        }
        settings.check().map_err(|e| setup(e.to_string()))?;
        let master = fiscal::parse_key(&self.fiscal_key(MASTER_KEY)?).map_err(|e| setup(e.to_string()))?;
        let ecr_id = settings.ecr_id.trim().to_string();
        let _guard = self.hold_terminal(name).await?;
        let config = self.with_fiscal_device(self.with_key_material(self.terminal_config(name).await?)?);
        let kcv = match config.protocol {
            Protocol::WebEcr => {
                let session = fiscal::NewSessionKey::make(&master).map_err(|e| setup(e.to_string()))?;
                let t = WebEcrTerminal::from_config(&config)?;
                t.ecr_bind(&ecr_id).await?;
                t.ecr_key_exchange(&ecr_id, &session.encrypted_hex, &session.kcv_hex).await?;
                let mut keys = toml::Table::new();
                keys.insert(SESSION_KEY.into(), toml::Value::String(session.key_hex()));
                self.keep_keys(&config, keys)?;
                session.kcv_hex
            }
            // The same `MAC_K` load as `tameio terminal keys`, under the shop's master key.
            Protocol::Aade1155 => {
                let t = Aade1155Terminal::from_config(&config)?;
                self.load_new_session_key(&config, &t, &master).await?
            }
            other => return Err(setup(format!("{} has no ECR-token mode", other.code()))),
        };
        let detail = serde_json::json!({ "ecr_id": ecr_id, "kcv": kcv }).to_string();
        self.store.audit(&by.name, "fiscal.key_exchange", name, &detail)?;
        Ok(kcv)
    }

    /// myDATA `paymentMethodDetails` of an approved card sale on a Greek terminal, kept with
    /// its tender: TID, transactionId and the proof that went with the payment. The proof is
    /// derived again from what was sent (the attempt id, the order, the keys); when it cannot
    /// be, the evidence is kept without it and the log says why.
    pub(super) fn payment_evidence(&self, attempt: &Attempt, approval: &Approval) -> Option<Value> {
        if !matches!(attempt.protocol, Protocol::WebEcr | Protocol::Aade1155) {
            return None;
        }
        let proof = match self.proof_of(&self.fiscal_settings(), attempt) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(attempt = %attempt.id, error = %e, "myDATA proof not derived again");
                None
            }
        };
        let id = super::payments::transaction_id_for(attempt.protocol, approval);
        let mut evidence = PaymentEvidence::pos(attempt.amount.cents(), &approval.terminal_id, &id, proof);
        evidence.tip_cents = approval.tip.cents();
        serde_json::to_value(evidence).ok()
    }

    fn proof_of(&self, settings: &FiscalSettings, attempt: &Attempt) -> Result<Option<Proof>> {
        let stored = self.store.terminal(&attempt.terminal)?;
        let config: Option<TerminalConfig> = stored.and_then(|s| serde_json::from_str(&s.config).ok());
        match (settings.mode, attempt.protocol) {
            (FiscalMode::Provider, Protocol::WebEcr) => {
                let order_id = attempt.order_id.ok_or_else(|| setup("a payment without an order".into()))?;
                let spec = self.provider_spec(settings, order_id)?;
                let tid = config.map(|c| c.terminal_id).unwrap_or_default();
                let data = provider_data(&spec, attempt.id, attempt.amount.cents(), &tid)?;
                let signature = data.signature.unwrap_or_default();
                Ok(Some(Proof::ProvidersSignature { signing_author: spec.provider_id, signature }))
            }
            (FiscalMode::FiscalDevice, Protocol::WebEcr) => {
                let token = EcrToken::new(&settings.ecr_id, &fiscal::session_number(attempt.id));
                Ok(Some(Proof::EcrToken(token.map_err(|e| setup(e.to_string()))?)))
            }
            (FiscalMode::FiscalDevice, Protocol::Aade1155) => {
                // The socket's session is the attempt's reference; `R` was the fiscal device's id.
                let token = EcrToken::new(&settings.ecr_id, attempt.reference.trim());
                Ok(Some(Proof::EcrToken(token.map_err(|e| setup(e.to_string()))?)))
            }
            // No public example shows a provider signature on the AADE socket: none was sent.
            _ => Ok(None),
        }
    }
}
