//! `tameio fiscal` on the command line: the mode saved to `[fiscal]` in tameio.toml (default
//! none), a key read from a file into the secrets file (never printed), a mode missing its id
//! refused with exit 2, and `show --json` saying which keys are set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::binary::tameio;
use std::path::Path;

fn show(dir: &Path) -> serde_json::Value {
    let out = tameio(dir, &["fiscal", "show", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// 32 hex digits: the WebECR v2.5.7 §3.7.10 example master key (tests/vectors/mydata/README.md).
const MK: &str = "ABCDEF01234567899876543210ABCDEF";

#[test]
fn mode_and_keys_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let fresh = show(dir);
    assert_eq!(fresh["fiscal"]["mode"], "none");
    assert_eq!(fresh["keys_set"]["master_key"], false);

    let missing = tameio(dir, &["fiscal", "mode", "fiscal-device", "--pin", "9999"]);
    assert_eq!(missing.status.code(), Some(2), "no ECR id: {}", String::from_utf8_lossy(&missing.stderr));
    let unknown = tameio(dir, &["fiscal", "mode", "sometimes", "--pin", "9999"]);
    assert_eq!(unknown.status.code(), Some(2));
    let set = tameio(dir, &["fiscal", "mode", "fiscal-device", "--ecr-id", "ABC00111222", "--pin", "9999"]);
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    assert!(String::from_utf8_lossy(&set.stdout).contains("fiscal-device"));
    let toml = std::fs::read_to_string(dir.join("tameio.toml")).unwrap();
    assert!(toml.contains("[fiscal]") && toml.contains("mode = \"fiscal-device\""), "{toml}");

    let key_file = dir.join("mk.txt");
    std::fs::write(&key_file, MK).unwrap();
    let key = tameio(dir, &["fiscal", "key", "master_key", key_file.to_str().unwrap(), "--pin", "9999"]);
    assert!(key.status.success(), "{}", String::from_utf8_lossy(&key.stderr));
    assert!(!String::from_utf8_lossy(&key.stdout).contains(MK), "a key is never printed");
    let shown = show(dir);
    assert_eq!(
        (shown["fiscal"]["ecr_id"].as_str(), shown["keys_set"]["master_key"].as_bool()),
        (Some("ABC00111222"), Some(true))
    );
    assert!(!shown.to_string().contains(MK));
    assert!(std::fs::read_to_string(dir.join("secrets.toml")).unwrap().contains(MK));
    assert!(!std::fs::read_to_string(dir.join("tameio.toml")).unwrap().contains(MK));
    let wrong_pin = tameio(dir, &["fiscal", "mode", "none", "--pin", "1234"]);
    assert!(!wrong_pin.status.success());
}
