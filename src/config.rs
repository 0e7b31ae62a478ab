//! Settings and places: the data directory (flag, env, portable mode or the OS default),
//! and a TOML settings file that never fails to load.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::{Lang, Market, MoneyStyle};

pub const SETTINGS_FILE: &str = "tameio.toml";
pub const DATABASE_FILE: &str = "tameio.db";
pub const SECRETS_FILE: &str = "secrets.toml";
/// The folder beside the database where backups go (automatic and before an upgrade).
pub const BACKUP_DIR: &str = "backups";
/// The folder in the data directory that holds the log files.
pub const LOGS_DIR: &str = "logs";

/// Where the register keeps its database, settings, logs and secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    pub data_dir: PathBuf,
    /// Portable mode: a `tameio.toml` beside the binary keeps everything beside it.
    pub portable: bool,
}

impl Places {
    /// `--data-dir` (or `TAMEIO_DATA_DIR`, which clap folds into it) wins; then portable mode;
    /// then the OS data directory.
    pub fn resolve(data_dir: Option<&Path>) -> Places {
        if let Some(dir) = data_dir {
            return Places { data_dir: dir.to_path_buf(), portable: false };
        }
        let beside_binary = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf));
        if let Some(dir) = beside_binary.filter(|d| d.join(SETTINGS_FILE).is_file()) {
            return Places { data_dir: dir, portable: true };
        }
        let dir = directories::ProjectDirs::from("eu", "tameio", "tameio")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from(".tameio-data"));
        Places { data_dir: dir, portable: false }
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    pub fn settings(&self) -> PathBuf {
        self.data_dir.join(SETTINGS_FILE)
    }

    pub fn secrets(&self) -> PathBuf {
        self.data_dir.join(SECRETS_FILE)
    }

    pub fn logs(&self) -> PathBuf {
        self.data_dir.join(LOGS_DIR)
    }

    /// Automatic backups and the copies taken before an upgrade or a restore.
    pub fn backups(&self) -> PathBuf {
        self.data_dir.join(BACKUP_DIR)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Shop {
    pub name: String,
    /// ΑΦΜ in Greece, Partita IVA in Italy.
    pub vat_number: String,
    pub address: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub shop: Shop,
    pub register_id: String,
    /// `None`: the system locale, else English.
    pub language: Option<Lang>,
    pub currency: String,
    pub market: Market,
    /// Lock the screen after this many idle seconds (0 = never).
    pub idle_lock_seconds: u64,
    /// Voiding a cart line needs a manager's PIN.
    pub void_needs_manager: bool,
    /// A quantity or weight above this many pieces or kg is asked about once (0 = never).
    pub max_quantity: u32,
    pub receipt_footer: String,
    /// The terminal the checkout's Card key uses; empty = the demo terminal.
    pub default_terminal: String,
    /// The receipt printer: `HOST[:PORT]` (9100) or a device path; empty = none.
    pub printer: String,
    /// `80mm`, `80mm-42`, `58mm`.
    pub paper: String,
    /// Daily automatic backups kept in `backups/` (the oldest go first); 0 = none taken.
    pub backup_keep: u32,
    /// myDATA: what ties a card payment to its document (`[fiscal]`, default none).
    #[serde(default)]
    pub fiscal: crate::fiscal::FiscalSettings,
    /// The window (`[ui]`).
    #[serde(default)]
    pub ui: UiSettings,
    /// How the shop's scales print prices and weights into EAN-13 labels (`[[scale_labels]]`,
    /// prefixes 20–29; README "Scale labels"). Default: the common layouts.
    #[serde(default = "crate::domain::barcode::common_layouts")]
    pub scale_labels: Vec<crate::domain::ScaleLayout>,
}

/// The window: maximized where a window manager can, else as large as the screen;
/// `fullscreen = true` for a dedicated till.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UiSettings {
    pub fullscreen: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            shop: Shop { name: "tameio demo shop".into(), ..Shop::default() },
            register_id: "1".into(),
            language: None,
            currency: "EUR".into(),
            market: Market::Greece,
            idle_lock_seconds: 300,
            void_needs_manager: false,
            max_quantity: 100,
            receipt_footer: String::new(),
            default_terminal: String::new(),
            printer: String::new(),
            paper: "80mm".into(),
            backup_keep: 14,
            fiscal: crate::fiscal::FiscalSettings::default(),
            ui: UiSettings::default(),
            scale_labels: crate::domain::barcode::common_layouts(),
        }
    }
}

/// What went wrong while reading settings; each is logged, none stops the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    pub field: String,
    pub detail: String,
}

impl Settings {
    /// Reads settings field by field: a missing or invalid field falls back to its default,
    /// a file that is not TOML at all gives all defaults. The file itself is never rewritten.
    pub fn load(path: &Path) -> (Settings, Vec<SettingsProblem>) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Settings::default(), Vec::new()),
            Err(e) => return (Settings::default(), vec![problem("(file)", e.to_string())]),
        };
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> (Settings, Vec<SettingsProblem>) {
        let table: toml::Table = match text.parse() {
            Ok(t) => t,
            Err(e) => return (Settings::default(), vec![problem("(file)", e.to_string())]),
        };
        let mut problems = Vec::new();
        let d = Settings::default();
        let field = |name: &str| table.get(name).cloned().map(|v| (name.to_string(), v));
        let settings = Settings {
            shop: lenient(field("shop"), d.shop, &mut problems),
            register_id: lenient(field("register_id"), d.register_id, &mut problems),
            language: lenient(field("language"), d.language, &mut problems),
            currency: lenient(field("currency"), d.currency, &mut problems),
            market: lenient(field("market"), d.market, &mut problems),
            idle_lock_seconds: lenient(field("idle_lock_seconds"), d.idle_lock_seconds, &mut problems),
            void_needs_manager: lenient(field("void_needs_manager"), d.void_needs_manager, &mut problems),
            max_quantity: lenient(field("max_quantity"), d.max_quantity, &mut problems),
            receipt_footer: lenient(field("receipt_footer"), d.receipt_footer, &mut problems),
            default_terminal: lenient(field("default_terminal"), d.default_terminal, &mut problems),
            printer: lenient(field("printer"), d.printer, &mut problems),
            paper: lenient(field("paper"), d.paper, &mut problems),
            backup_keep: lenient(field("backup_keep"), d.backup_keep, &mut problems),
            fiscal: lenient(field("fiscal"), d.fiscal, &mut problems),
            ui: lenient(field("ui"), d.ui, &mut problems),
            scale_labels: lenient(field("scale_labels"), d.scale_labels, &mut problems),
        };
        for p in &problems {
            tracing::warn!(field = %p.field, detail = %p.detail, "setting ignored, using its default");
        }
        (settings, problems)
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = toml::to_string_pretty(self).map_err(std::io::Error::other)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, path)
    }

    /// The language to speak: settings, else the system locale, else English.
    pub fn lang(&self) -> Lang {
        self.language
            .or_else(|| sys_locale::get_locale().and_then(|l| Lang::from_tag(&l)))
            .unwrap_or(Lang::En)
    }

    pub fn money_style(&self) -> MoneyStyle {
        money_style(self.lang())
    }
}

pub fn money_style(lang: Lang) -> MoneyStyle {
    match lang {
        Lang::En => MoneyStyle::English,
        Lang::El | Lang::It => MoneyStyle::Continental,
    }
}

fn problem(field: &str, detail: String) -> SettingsProblem {
    SettingsProblem { field: field.to_string(), detail }
}

fn lenient<T: DeserializeOwned>(
    value: Option<(String, toml::Value)>,
    default: T,
    problems: &mut Vec<SettingsProblem>,
) -> T {
    let Some((name, value)) = value else { return default };
    match value.try_into() {
        Ok(v) => v,
        Err(e) => {
            problems.push(problem(&name, e.to_string()));
            default
        }
    }
}

/// Secrets (cloud passwords, keys) live in their own file, mode 0600, never in the database.
/// Written atomically: a temporary file created 0600 from its first byte (never chmod after
/// writing), synced, then renamed over the old one, so a crash leaves the old or the new file.
pub fn write_secret_file(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| {
        let mut file = options.open(&tmp)?;
        // A stale temporary file keeps its old mode; make sure before the secret goes in.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    // The rename itself survives a power cut once the directory is synced (Unix only).
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_fields_fall_back_one_by_one() {
        let (s, problems) = Settings::parse(
            "register_id = \"7\"\nlanguage = \"klingon\"\nidle_lock_seconds = \"soon\"\n[shop]\nname = \"Φούρνος\"\n",
        );
        assert_eq!(s.register_id, "7");
        assert_eq!(s.shop.name, "Φούρνος");
        assert_eq!(s.language, None);
        assert_eq!(s.idle_lock_seconds, 300);
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn a_corrupt_file_gives_defaults() {
        let (s, problems) = Settings::parse("this is [not toml");
        assert_eq!(s, Settings::default());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn settings_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tameio.toml");
        let s = Settings { language: Some(Lang::It), market: Market::Italy, ..Settings::default() };
        s.save(&path).unwrap();
        assert_eq!(Settings::load(&path), (s, Vec::new()));
    }

    #[test]
    fn the_secrets_file_is_private_from_its_first_byte_and_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(SECRETS_FILE);
        write_secret_file(&path, "a = \"1\"\n").unwrap();
        write_secret_file(&path, "b = \"2\"\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "b = \"2\"\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary file stays behind");
    }

    #[test]
    fn data_dir_flag_wins() {
        let p = Places::resolve(Some(Path::new("/tmp/x")));
        assert_eq!(p.database(), PathBuf::from("/tmp/x/tameio.db"));
    }
}
