//! Key material at rest: the AADE 1155 MAC session key goes to the secrets file (0600), never
//! to the database, the audit log or `terminal add/list --json`; older databases that kept it
//! are migrated and their audit chain still verifies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use crate::support::binary::tameio;
use tameio::config::Places;
use tameio::register::Register;
use tameio::store::{ChainReport, Store};

const KEY: &str = "7E0269C147A7C328F46E497841CD5823";

/// The database, its WAL and every log file: which of them hold `needle` (as text).
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut files = vec![dir.join("tameio.db"), dir.join("tameio.db-wal")];
    if let Ok(logs) = std::fs::read_dir(dir.join("logs")) {
        files.extend(logs.flatten().map(|e| e.path()));
    }
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        if bytes.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes())) {
            found.push(f.display().to_string());
        }
    }
    found
}

fn secrets_mode(dir: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(dir.join("secrets.toml")).unwrap().permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        0o600
    }
}

#[test]
fn the_session_key_goes_to_the_secrets_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = tameio(
        dir.path(),
        &[
            "terminal",
            "add",
            "Mellon",
            "--protocol",
            "aade1155",
            "--addr",
            "127.0.0.1:4000",
            "--option",
            "mac=retail",
            "--option",
            &format!("session_key={KEY}"),
            "--keep-demo-pins",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(KEY), "terminal add printed the key");
    let list = tameio(dir.path(), &["terminal", "list", "--json"]);
    assert!(list.status.success());
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(listed.contains("Mellon") && listed.contains("retail"), "{listed}");
    assert!(!listed.contains(KEY), "terminal list printed the key");
    let secrets = std::fs::read_to_string(dir.path().join("secrets.toml")).unwrap();
    assert!(secrets.contains("[aade1155.Mellon]") && secrets.contains(KEY), "{secrets}");
    assert_eq!(secrets_mode(dir.path()), 0o600);
    assert_eq!(files_holding(dir.path(), KEY), Vec::<String>::new());

    // Saved again without the key (another option changed), the terminal keeps it.
    let out = tameio(
        dir.path(),
        &[
            "terminal",
            "add",
            "Mellon",
            "--protocol",
            "aade1155",
            "--addr",
            "127.0.0.1:4001",
            "--option",
            "mac=retail",
            "--keep-demo-pins",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(dir.path().join("secrets.toml")).unwrap().contains(KEY));

    // Removed, the terminal takes its key with it.
    let out = tameio(dir.path(), &["terminal", "remove", "Mellon", "--pin", "9999"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!std::fs::read_to_string(dir.path().join("secrets.toml")).unwrap().contains(KEY));
    let out = tameio(
        dir.path(),
        &[
            "terminal",
            "add",
            "Mellon",
            "--protocol",
            "aade1155",
            "--addr",
            "127.0.0.1:4001",
            "--option",
            &format!("session_key={KEY}"),
            "--keep-demo-pins",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // A secrets file others can read gives no key to a driver.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.path().join("secrets.toml");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = tameio(dir.path(), &["terminal", "status", "Mellon"]);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("0600"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_older_database_is_migrated_and_its_chain_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places { data_dir: dir.path().to_path_buf(), portable: false };
    {
        // What versions before the secrets file wrote: the key in the settings and the audit log.
        let store = Store::open(&places.database()).unwrap();
        store.audit("ana", "shift.open", "1", "{}").unwrap();
        let config = serde_json::json!({
            "name": "Mellon", "protocol": "aade1155", "addr": "127.0.0.1:4000",
            "options": { "mac": "retail", "session_key": KEY, "version": "10" }
        })
        .to_string();
        store.add_terminal("Mellon", "aade1155", &config, "ana").unwrap();
        store.audit("ana", "receipt.reprint", "1", "{}").unwrap();
        assert!(!files_holding(dir.path(), KEY).is_empty(), "the old layout holds the key");
    }

    let (register, _) = Register::open(&places).unwrap();
    let secrets = std::fs::read_to_string(places.secrets()).unwrap();
    assert!(secrets.contains(KEY), "{secrets}");
    assert_eq!(secrets_mode(dir.path()), 0o600);
    assert_eq!(files_holding(dir.path(), KEY), Vec::<String>::new(), "old bytes left in the files");
    let check = register.store().verify_audit_chain().unwrap();
    assert!(matches!(check, ChainReport::Intact { .. }), "{check:?}");
    let last = &register.store().audit_entries(1).unwrap()[0];
    assert_eq!(last.action, "audit.redact");
    let terminals = register.terminals().unwrap();
    assert_eq!(terminals[0].options.get("session_key"), None);
    assert_eq!(terminals[0].options.get("mac").and_then(|v| v.as_str()), Some("retail"));
    drop(register);

    // Opened again: nothing more to move, no second redaction; `db check` agrees.
    let (register, _) = Register::open(&places).unwrap();
    let last = &register.store().audit_entries(1).unwrap()[0];
    assert_eq!(last.action, "audit.redact");
    let redactions = register.store().audit_entries_containing(&["key material moved"]).unwrap();
    assert_eq!(redactions.len(), 1);
    drop(register);
    let out = tameio(dir.path(), &["db", "check"]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
