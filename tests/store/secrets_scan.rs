//! The secrets scan: a day on every protocol (card sales, refunds and voids on ECR17, AADE 1155
//! v10 with its MAC key loaded, WebECR paired and logged in), each simulator handing out a full
//! test card number, a fault-mode manual card entry, then a support bundle; the database, its WAL, every log file, the bundle
//! and everything the commands printed are searched for card numbers, CVV fields and the keys
//! and passwords of the run. It prints the table (`--nocapture`) and wants 0 hits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use tameio::config::Places;
use tameio::domain::{Cart, Money, Quantity};
use tameio::register::{RefundMode, Register};
use tameio::terminal::ProgressSink;
use tameio::terminal::aade1155::{Aade1155Options, Aade1155Terminal, MacMode};
use tameio::terminal::{aade1155, ecr17, webecr};

/// The test cards each simulator reports, unmasked (ECR17 pads its field to 19 digits).
const ECR17_CARD: &str = "4111111111111111";
const AADE_CARD: &str = "5555555555554444";
const WEBECR_CARD: &str = "4000056655665556";
const AADE_MASTER_KEY: &str = "ABCDEF01234567899876543210ABCDEF";
const AADE_SESSION_KEY: &str = "7E0269C147A7C328F46E497841CD5823";
const WEBECR_USER: &str = "tameio-sandbox";
const WEBECR_PASSWORD: &str = "sandbox-password";

fn tameio(dir: &Path, args: &[&str], printed: &mut String) -> Output {
    let out = crate::support::binary::at(dir, args).env("RUST_LOG", "debug").output().unwrap();
    printed.push_str(&String::from_utf8_lossy(&out.stdout));
    printed.push_str(&String::from_utf8_lossy(&out.stderr));
    out
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: {:?}\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Maximal runs of 13 to 19 digits, not starting with 0, that pass the Luhn check: a card
/// number kept whole. `YYYYMMDDhhmmss` times (AADE's `when`), the catalogue's EAN-13
/// barcodes and digits inside hex digests (32+ hex characters) are not card numbers.
fn luhn_runs(text: &str) -> Vec<String> {
    let barcodes: Vec<String> = tameio::store::demo_products()
        .into_iter()
        .filter_map(|p| p.barcode.map(|b| b.as_str().to_string()))
        .collect();
    // Hashes and keys in hex (the audit chain's SHA-256) hold long digit runs by chance.
    let hex_digest = |t: &str| t.len() >= 32 && t.chars().all(|c| c.is_ascii_hexdigit());
    let runs = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|token| !hex_digest(token))
        .flat_map(|token| token.split(|c: char| !c.is_ascii_digit()));
    let mut found = Vec::new();
    for run in runs {
        if barcodes.iter().any(|b| b == run) {
            continue;
        }
        let time = run.len() == 14
            && (run.starts_with("19") || run.starts_with("20"))
            && chrono::NaiveDateTime::parse_from_str(run, "%Y%m%d%H%M%S").is_ok();
        if (13..=19).contains(&run.len())
            && !run.starts_with('0')
            && !time
            && tameio::terminal::wirelog::luhn(run)
        {
            found.push(run.to_string());
        }
    }
    found
}

/// `cvv`, `cvc`, `cvv2`, `csc` or `security_code` as a field name (followed by `:`, `=` or `"`).
fn cvv_fields(text: &str) -> usize {
    let lower = text.to_lowercase();
    ["cvv", "cvc", "csc", "security_code", "securitycode"]
        .iter()
        .map(|name| {
            lower
                .match_indices(name)
                .filter(|(at, _)| {
                    let before = lower[..*at].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric());
                    let rest = lower[at + name.len()..].trim_start_matches('2');
                    let after = rest.trim_start_matches(['"', ' ']);
                    before && (after.starts_with(':') || after.starts_with('='))
                })
                .count()
        })
        .sum()
}

/// Every value of every table, one a line (read after the raw files, the register closed).
fn database_cells(path: &Path) -> String {
    use rusqlite::types::ValueRef;
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().flatten().collect()
    };
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                match row.get_ref(i).unwrap() {
                    ValueRef::Text(t) | ValueRef::Blob(t) => out.push_str(&String::from_utf8_lossy(t)),
                    ValueRef::Integer(n) => out.push_str(&n.to_string()),
                    ValueRef::Real(f) => out.push_str(&f.to_string()),
                    ValueRef::Null => {}
                }
                out.push('\n');
            }
        }
    }
    out
}

fn count(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    haystack.to_lowercase().matches(&needle.to_lowercase()).count()
}

/// Each card as one run and in groups of four split by a space or a dash.
fn card_forms(cards: &[&str]) -> Vec<String> {
    let mut forms = Vec::new();
    for card in cards {
        let groups: Vec<String> =
            card.as_bytes().chunks(4).map(|g| String::from_utf8_lossy(g).into_owned()).collect();
        forms.extend([card.to_string(), groups.join(" "), groups.join("-")]);
    }
    forms
}

struct Looked {
    name: &'static str,
    needles: Vec<String>,
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default()
}

#[test]
fn a_full_day_leaves_no_card_number_or_secret_behind() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bundle_dir = dir.path().join("bundle");
    std::fs::create_dir_all(&bundle_dir).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut printed = String::new();

    // The terminals, each with a full card number to hand over.
    let ecr = rt
        .block_on(ecr17::sim::spawn_in_process(ecr17::sim::SimConfig {
            pan: format!("000{ECR17_CARD}"),
            ..ecr17::sim::SimConfig::default()
        }))
        .unwrap();
    let aade = rt
        .block_on(aade1155::sim::spawn_in_process(aade1155::sim::SimConfig {
            version: "10".into(),
            master_key: AADE_MASTER_KEY.into(),
            pan: AADE_CARD.into(),
            ..aade1155::sim::SimConfig::default()
        }))
        .unwrap();
    let web = rt
        .block_on(webecr::sim::spawn_in_process(webecr::sim::SimConfig {
            pan: WEBECR_CARD.into(),
            ..webecr::sim::SimConfig::default()
        }))
        .unwrap();

    let (ecr_addr, aade_addr) = (ecr.addr.to_string(), aade.addr.to_string());
    let ecr_tid = ecr17::sim::SimConfig::default().tid;
    let add = |args: &[&str], printed: &mut String| {
        let mut all = vec!["terminal", "add"];
        all.extend_from_slice(args);
        all.push("--keep-demo-pins");
        ok(&tameio(&data, &all, printed), "terminal add");
    };
    add(&["lan", "--protocol", "ecr17", "--addr", &ecr_addr, "--terminal-id", &ecr_tid], &mut printed);
    // Held open all day, so the WAL is not folded back and removed when each command exits:
    // it is scanned as it stands at the end.
    let keep_wal = rusqlite::Connection::open(data.join("tameio.db")).unwrap();
    let _: i64 = keep_wal.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
    let session_key_option = format!("session_key={AADE_SESSION_KEY}");
    add(
        &[
            "greek",
            "--protocol",
            "aade1155",
            "--addr",
            &aade_addr,
            "--option",
            "version=\"10\"",
            "--option",
            "variant=\"02\"",
            "--option",
            "mac=retail",
            "--option",
            &session_key_option,
            "--option",
            "ack_linger_ms=200",
        ],
        &mut printed,
    );
    let base_url = web.base_url();
    add(
        &[
            "cloud",
            "--protocol",
            "webecr",
            "--base-url",
            &base_url,
            "--username",
            WEBECR_USER,
            "--password",
            WEBECR_PASSWORD,
            "--option",
            "poll_interval_ms=200",
        ],
        &mut printed,
    );
    let code = web.sim.new_pairing_code();
    ok(&tameio(&data, &["terminal", "pair", "cloud", "--code", &code], &mut printed), "terminal pair");

    // AADE v10 key load: the session key under the terminal's master key (`W`), from the
    // settings the register keeps (its secrets file).
    let secrets = std::fs::read_to_string(data.join("secrets.toml")).unwrap();
    assert!(secrets.contains(AADE_SESSION_KEY), "the session key is in the secrets file");
    let mk = tameio::fiscal::parse_key(AADE_MASTER_KEY).unwrap();
    let sk = tameio::fiscal::parse_key(AADE_SESSION_KEY).unwrap();
    let encrypted = hex::encode_upper(tameio::fiscal::encrypt_session_key(&mk, &sk).unwrap());
    let opts = Aade1155Options {
        version: "10".into(),
        mac: MacMode::Retail,
        session_key: AADE_SESSION_KEY.into(),
        ..Aade1155Options::default()
    };
    let term = Aade1155Terminal::new("greek", &aade_addr, "1", opts).unwrap();
    rt.block_on(term.load_session_key(&encrypted)).unwrap();

    // The day: a card sale, a refund and a void on each terminal, a cash sale, reports.
    // Refunds and voids go as far as each protocol allows (ECR17 publishes no refund, a bare
    // `pay --kind void` names no transaction on WebECR): what each answered is printed.
    let mut day = String::from("the day (exit codes):\n");
    for terminal in ["lan", "greek", "cloud"] {
        let sale = tameio(
            &data,
            &["sale", "--item", "401", "--card", "--terminal", terminal, "--json"],
            &mut printed,
        );
        ok(&sale, &format!("card sale on {terminal}"));
        // The receipt voided on its terminal by a manager (the register's own refund path).
        let receipt: serde_json::Value = serde_json::from_slice(&sale.stdout).unwrap();
        let number = receipt["receipt"]["number"].as_i64().unwrap();
        let voided = rt.block_on(async {
            let (register, _) = Register::open(&Places { data_dir: data.clone(), portable: false }).unwrap();
            let boss = register.authorize_manager("9999").unwrap();
            let mode = RefundMode::Void;
            register
                .refund_receipt(&boss, number, mode, &ProgressSink::none())
                .await
                .map(|r| r.receipt.is_some())
        });
        let refund = tameio(
            &data,
            &["pay", "5,00", "--kind", "refund", "--terminal", terminal, "--json"],
            &mut printed,
        );
        let void =
            tameio(&data, &["pay", "9,90", "--kind", "void", "--terminal", terminal, "--json"], &mut printed);
        let code = |o: &Output| o.status.code().map_or("-".to_string(), |c| c.to_string());
        day.push_str(&format!(
            "  {terminal:<6} card sale {}  receipt voided {:?}  pay refund {}  pay void {}\n",
            code(&sale),
            voided.map_err(|e| e.to_string()),
            code(&refund),
            code(&void)
        ));
    }
    ok(&tameio(&data, &["sale", "--item", "401", "--cash", "20"], &mut printed), "cash sale");
    // Fault mode: the link was down, a manager books the card payment from the terminal's slip.
    {
        let places = Places { data_dir: data.clone(), portable: false };
        let (register, _) = Register::open(&places).unwrap();
        let boss = register.authorize_manager("9999").unwrap();
        let cashier = register.cli_operator(None, None).unwrap();
        let mut cart = Cart::default();
        register.ring_up(&mut cart, "401", Quantity::ONE).unwrap();
        let order = register.open_order(&cashier, &cart).unwrap();
        let manual = register.record_manual_card(&boss, order, Money::from_cents(990), "80011693", "123456");
        assert!(matches!(manual, Ok(Some(_))), "{manual:?}");
    }
    let _ = tameio(&data, &["recover", "--json"], &mut printed);
    let _ = tameio(&data, &["terminal", "list", "--json"], &mut printed);
    let _ = tameio(&data, &["receipt", "list", "--json"], &mut printed);
    let _ = tameio(&data, &["attempt", "list", "--json"], &mut printed);
    let bundle_dir_text = bundle_dir.display().to_string();
    ok(&tameio(&data, &["support", "bundle", "-o", &bundle_dir_text], &mut printed), "support bundle");
    let webecr_issued = web.sim.issued_secrets();
    assert!(!webecr_issued.is_empty(), "the WebECR simulator handed out keys and tokens");

    // What was scanned.
    let mut scanned: Vec<(String, String)> = Vec::new();
    for name in ["tameio.db", "tameio.db-wal", "tameio.db-shm"] {
        let path = data.join(name);
        if let Ok(bytes) = std::fs::read(&path) {
            scanned.push((name.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    let logs = files_under(&data.join("logs"));
    assert!(!logs.is_empty(), "the commands wrote log files");
    for f in logs.iter().chain(files_under(&bundle_dir).iter()) {
        let bytes = std::fs::read(f).unwrap();
        let name = f.strip_prefix(dir.path()).unwrap_or(f).display().to_string();
        scanned.push((name, String::from_utf8_lossy(&bytes).into_owned()));
    }
    drop(keep_wal);
    scanned.push(("tameio.db cells".into(), database_cells(&data.join("tameio.db"))));
    scanned.push(("command output".into(), printed.clone()));

    // What was looked for.
    let lower_hex = |k: &str| k.to_lowercase();
    let looked = [
        Looked { name: "test cards (full)", needles: card_forms(&[ECR17_CARD, AADE_CARD, WEBECR_CARD]) },
        Looked { name: "WebECR password", needles: vec![WEBECR_PASSWORD.into()] },
        Looked { name: "WebECR key/tokens", needles: webecr_issued },
        Looked {
            name: "AADE keys",
            needles: vec![
                AADE_MASTER_KEY.into(),
                AADE_SESSION_KEY.into(),
                encrypted.clone(),
                lower_hex(AADE_SESSION_KEY),
            ],
        },
    ];
    let mut columns: Vec<&str> = vec!["Luhn 13-19"];
    columns.extend(looked.iter().map(|l| l.name));
    columns.push("CVV field");
    let mut total = 0;
    let mut findings = Vec::new();
    let width = scanned.iter().map(|(n, _)| n.len()).max().unwrap_or(10).max(10);
    let mut table = format!("{:<width$} {:>8}", "scanned", "bytes");
    for c in &columns {
        table.push_str(&format!(" | {c:>18}"));
    }
    table.push('\n');
    for (name, text) in &scanned {
        // Raw database pages glue columns together (a UUID's last digits and the year after
        // it): the Luhn test reads the database cell by cell, the raw files by exact needles.
        let raw_pages = name.starts_with("tameio.db-") || name == "tameio.db";
        let luhn = if raw_pages { Vec::new() } else { luhn_runs(text) };
        let mut row = vec![luhn.len()];
        for l in &looked {
            row.push(l.needles.iter().map(|n| count(text, n)).sum());
        }
        row.push(cvv_fields(text));
        table.push_str(&format!("{name:<width$} {:>8}", text.len()));
        for (i, n) in row.iter().enumerate() {
            let shown = if i == 0 && raw_pages { "(exact only)".to_string() } else { n.to_string() };
            table.push_str(&format!(" | {shown:>18}"));
        }
        table.push('\n');
        total += row.iter().sum::<usize>();
        for run in &luhn {
            let at = text.find(run.as_str()).unwrap_or(0);
            let around: String =
                text[..at].chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
            findings.push(format!("{name}: {run} after {around:?}"));
        }
    }
    println!("\n{day}");
    println!("\nsecrets scan: {} artifacts x {} kinds, {total} hits\n{table}", scanned.len(), columns.len());
    // The register really saw the cards: each one's last four are in the database.
    let db: String =
        scanned.iter().filter(|(n, _)| n.starts_with("tameio.db")).map(|(_, t)| t.as_str()).collect();
    for card in [ECR17_CARD, AADE_CARD, WEBECR_CARD] {
        assert!(
            db.contains(&card[card.len() - 4..]),
            "no trace of the card ending {}",
            &card[card.len() - 4..]
        );
    }
    assert_eq!(total, 0, "{findings:?}\n{table}");
}
