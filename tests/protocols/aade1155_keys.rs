//! The AADE 1155 v10 key set-up made reachable: through the register (what Settings ·
//! Terminals · Keys calls) and `tameio terminal keys NAME`. The init echo goes out in the
//! production shape `X/<ecr id>` (iliasPs/ecrTest `MessageHandler.kt`), the session key as
//! `CMAC_K:<encrypted key>:<KCV>` (Viva's AADE FIM control page); keys only in the secrets file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use crate::support::binary::tameio;
use tameio::config::Places;
use tameio::register::{KeySetup, Register, RegisterError};
use tameio::terminal::aade1155::sim::{SimConfig, SimServer, spawn_in_process};
use tameio::terminal::{Protocol, TerminalConfig};

const MK: &str = "ABCDEF01234567899876543210ABCDEF";
const ECR: &str = "CFB77000028";

async fn sim() -> SimServer {
    spawn_in_process(SimConfig { master_key: MK.into(), ..SimConfig::default() }).await.unwrap()
}

/// Every file of the data folder but the secrets file, as bytes (database, WAL, logs).
fn everything_but_secrets(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in walk(dir) {
        if entry.file_name().is_some_and(|n| n != "secrets.toml") {
            all.extend(std::fs::read(&entry).unwrap_or_default());
        }
    }
    all
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn secrets_session_key(places: &Places, name: &str) -> String {
    let table: toml::Table = std::fs::read_to_string(places.secrets()).unwrap().parse().unwrap();
    table["aade1155"][name]["session_key"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_register_echoes_and_loads_a_session_key_kept_only_in_the_secrets_file() {
    let server = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    let (register, _) = Register::open(&places).unwrap();
    let boss = register.authorize_manager("9999").unwrap();
    let config = TerminalConfig {
        name: "keys-front".into(),
        protocol: Protocol::Aade1155,
        addr: server.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: ECR.into(),
        options: serde_json::Value::Null,
    };
    register.add_terminal(&boss, &config).unwrap();

    // A cashier may not; a terminal of another protocol cannot.
    let cashier = register.cli_operator(None, None).unwrap();
    let refused = register.set_up_terminal_keys(&cashier, "keys-front", KeySetup::default()).await;
    assert!(matches!(refused, Err(RegisterError::NeedsManager)), "{refused:?}");
    // No master key anywhere yet: the session key cannot be made, and nothing is sent for it.
    let only_key = KeySetup { session_key: true, ..KeySetup::default() };
    assert!(register.set_up_terminal_keys(&boss, "keys-front", only_key).await.is_err());
    assert_eq!(server.sim.count('U'), 0);

    let setup = KeySetup { master_key: Some(MK.to_lowercase()), init_echo: true, session_key: true };
    let done = register.set_up_terminal_keys(&boss, "keys-front", setup).await.unwrap();
    assert_eq!(done.echo.as_deref(), Some(ECR), "the production init echo is echoed back");
    assert_eq!(done.tid.as_deref(), Some("80011693"));
    assert!(done.master_key_kept);
    let kcv = done.session_key_kcv.clone().unwrap();

    let received = server.sim.received();
    assert!(received.iter().any(|r| r.message == "ECR0110X/CFB77000028"), "{received:?}");
    let u = received.iter().find(|r| r.code == "U").unwrap();
    let (_, tail) = u.message.split_once("/CMAC_K:").unwrap();
    let parts: Vec<&str> = tail.split(':').collect();
    assert_eq!((parts[0].len(), parts[1]), (32, kcv.as_str()), "{}", u.message);

    // The terminal holds the key the secrets file keeps; its KCV is the one reported.
    let sk = secrets_session_key(&places, "keys-front");
    assert_eq!(server.sim.session_key().unwrap(), hex::decode(&sk).unwrap());
    let key = tameio::fiscal::parse_key(&sk).unwrap();
    assert_eq!(hex::encode_upper(tameio::fiscal::kcv(&key).unwrap()), kcv);
    let rest = everything_but_secrets(dir.path());
    assert!(!contains(&rest, MK) && !contains(&rest, &sk), "no key outside the secrets file");

    // Again, with the master key kept: a new session key, told by a new KCV.
    let again = register.set_up_terminal_keys(&boss, "keys-front", KeySetup::default()).await.unwrap();
    assert_ne!(secrets_session_key(&places, "keys-front"), sk);
    assert_eq!(
        server.sim.session_key().unwrap(),
        hex::decode(secrets_session_key(&places, "keys-front")).unwrap()
    );
    assert!(again.session_key_kcv.is_some() && !again.master_key_kept);
}

#[tokio::test(flavor = "multi_thread")]
async fn tameio_terminal_keys_runs_the_set_up() {
    let server = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let addr = server.addr.to_string();
    let d = dir.path().to_path_buf();
    let run = move |args: Vec<String>| {
        let d = d.clone();
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            tameio(&d, &args)
        })
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let add = s(&[
        "terminal",
        "add",
        "gr",
        "--protocol",
        "aade1155",
        "--addr",
        &addr,
        "--cash-register-id",
        ECR,
        "--keep-demo-pins",
    ]);
    let out = run(add).await.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let wrong = run(s(&["terminal", "keys", "gr", "--pin", "0000", "--master-key", MK])).await.unwrap();
    assert!(!wrong.status.success());
    assert_eq!(server.sim.count('X') + server.sim.count('U'), 0, "a wrong PIN sends nothing");

    let keys =
        run(s(&["terminal", "keys", "gr", "--pin", "9999", "--master-key", MK, "--json"])).await.unwrap();
    assert!(keys.status.success(), "{}", String::from_utf8_lossy(&keys.stderr));
    let v: serde_json::Value = serde_json::from_slice(&keys.stdout).unwrap();
    assert_eq!((v["terminal"].as_str(), v["echo"].as_str()), (Some("gr"), Some(ECR)));
    let kcv = v["session_key_kcv"].as_str().unwrap().to_string();
    assert_eq!(kcv.len(), 6);
    assert!(!String::from_utf8_lossy(&keys.stdout).contains(MK), "the master key is never printed");

    let plain = run(s(&["terminal", "keys", "gr", "--pin", "9999", "--init"])).await.unwrap();
    assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
    assert!(
        String::from_utf8_lossy(&plain.stdout).contains("init echo"),
        "{}",
        String::from_utf8_lossy(&plain.stdout)
    );
    assert_eq!(server.sim.count('U'), 1, "--init alone loads no key");
}
