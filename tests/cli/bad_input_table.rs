//! The bad-input table: every class of bad input a user or a peer can send, each checked for
//! a clear message in the user's language (Greek rows run with LANG=el_GR.UTF-8), exit code 2
//! where it is the command line, and no change to the database (a logical dump, hashed before
//! and after). Prints the table.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

use sha2::{Digest, Sha256};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    El,
    En,
    It,
}

impl Lang {
    fn env(self) -> &'static str {
        match self {
            Lang::El => "el_GR.UTF-8",
            Lang::En => "en_US.UTF-8",
            Lang::It => "it_IT.UTF-8",
        }
    }
    fn code(self) -> &'static str {
        match self {
            Lang::El => "el",
            Lang::En => "en",
            Lang::It => "it",
        }
    }
}

struct Row {
    class: &'static str,
    what: &'static str,
    lang: Lang,
    args: Vec<String>,
    stdin: Option<&'static str>,
    /// The exit code wanted (2 for bad input; settings never stop the register).
    exit: i32,
    /// A word the message must hold (in the row's language).
    says: &'static str,
    /// Extra environment (the test-rig switch past the demo-PIN gate).
    env: Option<(&'static str, &'static str)>,
}

fn row(class: &'static str, what: &'static str, lang: Lang, args: &[&str], says: &'static str) -> Row {
    Row {
        class,
        what,
        lang,
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: None,
        exit: 2,
        says,
        env: None,
    }
}

fn tameio(dir: &Path, lang: Lang, args: &[String], stdin: Option<&str>, env: Option<(&str, &str)>) -> Output {
    use std::io::Write;
    let mut command = crate::support::binary::command();
    if let Some((k, v)) = env {
        command.env(k, v);
    }
    let mut child = command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", lang.env())
        .env("LC_ALL", lang.env())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A command may stop reading early (a capture past its bound): a broken pipe is fine.
    let _ = input.write_all(stdin.unwrap_or_default().as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

/// Every table's rows, in order, hashed: what the register knows, whatever the WAL holds.
fn dump_hash(db: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut hash = Sha256::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        hash.update(t.as_bytes());
        while let Some(r) = rows.next().unwrap() {
            for i in 0..columns {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                hash.update(format!("{v:?}\u{1f}").as_bytes());
            }
            hash.update(b"\n");
        }
    }
    hex::encode(hash.finalize())
}

fn is_greek(text: &str) -> bool {
    text.chars().any(|c| ('\u{0370}'..='\u{03FF}').contains(&c))
}

/// The message is one or a few lines for a person: no panic, no Rust debug dump, in the
/// row's language (Greek letters for Greek rows).
fn clear(message: &str, lang: Lang, says: &str) -> Result<(), String> {
    let m = message.trim();
    if m.is_empty() {
        return Err("no message".into());
    }
    if m.contains("panicked") || m.contains("RUST_BACKTRACE") || m.contains("Error {") || m.contains("Some(")
    {
        return Err("not a message for a person".into());
    }
    if lang == Lang::El && !is_greek(m) {
        return Err("not in Greek".into());
    }
    if !m.to_lowercase().contains(&says.to_lowercase()) {
        return Err(format!("does not say {says:?}"));
    }
    Ok(())
}

fn rows() -> Vec<Row> {
    let long_pin = "9".repeat(300);
    let mut rows = vec![
        // Amounts a cashier types.
        row(
            "amount",
            "two decimal commas",
            Lang::El,
            &["sale", "--item", "5200000001013", "--cash", "12,3,4"],
            "ποσό",
        ),
        row(
            "amount",
            "three decimals",
            Lang::El,
            &["sale", "--item", "5200000001013", "--cash", "1,234"],
            "δεκαδικά",
        ),
        row(
            "amount",
            "too large",
            Lang::El,
            &["sale", "--item", "5200000001013", "--cash", "99999999999999999"],
            "μεγάλο",
        ),
        row("amount", "letters", Lang::En, &["sale", "--item", "5200000001013", "--cash", "ten"], "amount"),
        row("amount", "negative", Lang::It, &["sale", "--item", "5200000001013", "--cash=-5"], "importo"),
        row(
            "amount",
            "not enough cash",
            Lang::El,
            &["sale", "--item", "5200000001013", "--cash", "0,01"],
            "λιγότερο",
        ),
        row(
            "amount",
            "pay: letters",
            Lang::El,
            &["pay", "abc", "--protocol", "ecr17", "--addr", "127.0.0.1:9"],
            "ποσό",
        ),
        // Barcodes and items.
        row(
            "barcode",
            "bad check digit",
            Lang::El,
            &["sale", "--item", "5200000001014", "--cash", "50"],
            "barcode",
        ),
        row(
            "barcode",
            "unknown code",
            Lang::El,
            &["sale", "--item", "5299999999993", "--cash", "50"],
            "barcode",
        ),
        row(
            "barcode",
            "letters",
            Lang::En,
            &["sale", "--item", "52000ABC01013", "--cash", "50"],
            "52000ABC01013",
        ),
        row(
            "barcode",
            "emoji and NUL",
            Lang::El,
            &["sale", "--item", "\u{1F4A5}\u{7}", "--cash", "50"],
            "\u{1F4A5}",
        ),
        row("item", "price not an amount", Lang::El, &["sale", "--item", "901@abc", "--cash", "50"], "ποσό"),
        // Quantities.
        row(
            "quantity",
            "negative",
            Lang::El,
            &["sale", "--item", "5200000001013x-1", "--cash", "50"],
            "ποσότητα",
        ),
        row(
            "quantity",
            "four decimals",
            Lang::El,
            &["sale", "--item", "301x0,2505", "--cash", "50"],
            "ποσότητα",
        ),
        row("quantity", "zero", Lang::En, &["sale", "--item", "5200000001013x0", "--cash", "50"], "quantity"),
        row(
            "quantity",
            "pieces halved",
            Lang::El,
            &["sale", "--item", "5200000001013x0,5", "--cash", "50"],
            "ακέραιο",
        ),
        row(
            "quantity",
            "huge",
            Lang::El,
            &["sale", "--item", "5200000001013x99999999999", "--cash", "50"],
            "ποσότητα",
        ),
        // PINs: malformed only (wrong-but-valid PINs and lockout belong to the sign-in work).
        row("pin", "letters", Lang::El, &["receipt", "reprint", "1", "--pin", "abcd"], "PIN"),
        row("pin", "300 digits", Lang::El, &["receipt", "reprint", "1", "--pin", &long_pin], "PIN"),
        // Command-line arguments.
        row("cli", "unknown receipt", Lang::El, &["receipt", "show", "99999"], "απόδειξη"),
        row("cli", "unknown terminal", Lang::El, &["terminal", "status", "nope"], "nope"),
        row(
            "cli",
            "unknown protocol",
            Lang::En,
            &["pay", "5", "--protocol", "carrier-pigeon", "--addr", "x:1"],
            "carrier-pigeon",
        ),
        row("cli", "unknown option (clap)", Lang::En, &["sale", "--frobnicate"], "frobnicate"),
        row("cli", "missing value (clap)", Lang::El, &["sale", "--item"], "εντολή"),
        row("cli", "not a number (clap)", Lang::It, &["receipt", "show", "uno"], "comando"),
        // Pairing codes.
        row(
            "pairing",
            "letters in the code",
            Lang::El,
            &["terminal", "pair", "cloud", "--code", "12ab"],
            "8",
        ),
        row("pairing", "nine digits", Lang::It, &["terminal", "pair", "cloud", "--code", "123456789"], "8"),
        row(
            "pairing",
            "unknown terminal",
            Lang::El,
            &["terminal", "pair", "nope", "--code", "12345678"],
            "nope",
        ),
        // Frames and captures a peer sent (`frame decode`).
        row(
            "frame",
            "ecr17: not hex",
            Lang::El,
            &["frame", "decode", "--protocol", "ecr17", "zz"],
            "δεκαεξαδική",
        ),
        row(
            "frame",
            "aade: odd hex",
            Lang::It,
            &["frame", "decode", "--protocol", "aade1155", "abc"],
            "esadecimale",
        ),
        row("frame", "aade: empty", Lang::El, &["frame", "decode", "--protocol", "aade1155", "  "], "τίποτα"),
        row("frame", "unknown protocol", Lang::El, &["frame", "decode", "--protocol", "x25", "00"], "x25"),
    ];
    let mut add = row(
        "cli",
        "terminal add: bad address",
        Lang::El,
        &["terminal", "add", "t1", "--protocol", "ecr17", "--addr", "not an address"],
        "HOST:PORT",
    );
    add.env = Some(("TAMEIO_KEEP_DEMO_PINS", "true"));
    rows.push(add);
    let mut stdin = row(
        "frame",
        "ecr17: garbage on stdin",
        Lang::En,
        &["frame", "decode", "--protocol", "ecr17", "-"],
        "hex",
    );
    stdin.stdin = Some("\u{0}\u{1}\u{2}not-hex\u{3}");
    stdin.lang = Lang::El;
    stdin.says = "δεκαεξαδική";
    rows.push(stdin);
    let mut flood = row(
        "frame",
        "5 MB capture on stdin",
        Lang::El,
        &["frame", "decode", "--protocol", "aade1155", "-"],
        "μεγαλύτερη",
    );
    flood.stdin = Some(Box::leak("00".repeat(5 << 19).into_boxed_str()));
    rows.push(flood);
    rows
}

#[test]
fn every_bad_input_gets_a_clear_message_exit_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tameio.db");
    // A register with one receipt in it.
    let first = tameio(
        dir.path(),
        Lang::En,
        &["sale".into(), "--item".into(), "5200000001013".into(), "--cash".into(), "50".into()],
        None,
        None,
    );
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    // A cloud terminal to pair (its backend is nowhere: no row may reach it).
    let cloud: Vec<String> = [
        "terminal",
        "add",
        "cloud",
        "--protocol",
        "webecr",
        "--base-url",
        "http://127.0.0.1:9/api",
        "--username",
        "u",
        "--password",
        "p",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let added = tameio(dir.path(), Lang::En, &cloud, None, Some(("TAMEIO_KEEP_DEMO_PINS", "true")));
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    // Any start-up records how far it has scanned the audit log for key material (bookkeeping,
    // not data): one good command first, so the table compares only what bad input could change.
    let settled = tameio(dir.path(), Lang::En, &["attempt".into(), "list".into()], None, None);
    assert!(settled.status.code().is_some(), "{}", String::from_utf8_lossy(&settled.stderr));
    let mut failures = Vec::new();
    let mut table =
        vec![format!("{:<9} {:<28} {:<3} {:>4}  {:<5} {}", "class", "input", "lng", "exit", "db", "message")];
    for r in rows() {
        let before = dump_hash(&db);
        let out = tameio(dir.path(), r.lang, &r.args, r.stdin, r.env);
        let after = dump_hash(&db);
        let message = String::from_utf8_lossy(&out.stderr).trim().to_string();
        let code = out.status.code().unwrap_or(-1);
        let mut why = Vec::new();
        if code != r.exit {
            why.push(format!("exit {code}, wanted {}", r.exit));
        }
        if let Err(e) = clear(&message, r.lang, r.says) {
            why.push(e);
        }
        if before != after {
            why.push("the database changed".into());
        }
        let first_line: String = message.lines().next().unwrap_or_default().chars().take(90).collect();
        table.push(format!(
            "{:<9} {:<28} {:<3} {:>4}  {:<5} {}{}",
            r.class,
            r.what,
            r.lang.code(),
            code,
            if before == after { "same" } else { "CHANGED" },
            first_line,
            if why.is_empty() { String::new() } else { format!("   <-- {}", why.join("; ")) }
        ));
        if !why.is_empty() {
            failures.push(format!("{} / {}: {}", r.class, r.what, why.join("; ")));
        }
    }
    settings_rows(dir.path(), &db, &mut table, &mut failures);
    peer_rows(&mut table, &mut failures);
    println!("{}", table.join("\n"));
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A settings file with bad fields: the register still opens (exit 0, the command runs), says
/// which field it ignored in the user's language, and changes nothing.
fn settings_rows(dir: &Path, db: &Path, table: &mut Vec<String>, failures: &mut Vec<String>) {
    let settings = dir.join("tameio.toml");
    let cases: [(&str, &str, Lang, &str); 3] = [
        ("language = 42\n", "language = 42", Lang::El, "language"),
        ("paper = \"A0\"\n[shop]\nname = [1, 2]\n", "paper, shop.name wrong types", Lang::En, "invalid"),
        ("this is = = not toml [[[\n", "not TOML at all", Lang::It, "(file)"),
    ];
    for (text, what, lang, says) in cases {
        std::fs::write(&settings, text).unwrap();
        let before = dump_hash(db);
        let out = tameio(dir, lang, &["receipt".into(), "list".into()], None, None);
        let after = dump_hash(db);
        let message = String::from_utf8_lossy(&out.stderr).trim().to_string();
        let code = out.status.code().unwrap_or(-1);
        let mut why = Vec::new();
        if code != 0 {
            why.push(format!("exit {code}, wanted 0 (settings never stop the register)"));
        }
        if let Err(e) = clear(&message, lang, says) {
            why.push(e);
        }
        if before != after {
            why.push("the database changed".into());
        }
        let first_line: String = message.lines().next().unwrap_or_default().chars().take(90).collect();
        table.push(format!(
            "{:<9} {:<28} {:<3} {:>4}  {:<5} {}{}",
            "settings",
            what,
            lang.code(),
            code,
            if before == after { "same" } else { "CHANGED" },
            first_line,
            if why.is_empty() { String::new() } else { format!("   <-- {}", why.join("; ")) }
        ));
        if !why.is_empty() {
            failures.push(format!("settings / {what}: {}", why.join("; ")));
        }
    }
    let _ = std::fs::remove_file(&settings);
}

/// What a peer sends: a terminal's garbage frames, a cloud backend's broken, mistyped or
/// oversized JSON. Driven through the drivers the register uses; the error reaches the
/// cashier through `RegisterError::message` (no database here: a payment's attempt row is
/// written before the request by design, so these rows check the message only).
fn peer_rows(table: &mut Vec<String>, failures: &mut Vec<String>) {
    use tameio::register::RegisterError;
    use tameio::terminal::webecr::client::{Client, MAX_BODY};
    use tameio::terminal::webecr::codec::TerminalEntry;
    use tameio::terminal::webecr::{Environment, WebEcrOptions, WebEcrSecrets};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let rt = tokio::runtime::Runtime::new().unwrap();
    /// A loopback peer that answers every connection with `reply` after reading once.
    async fn peer(reply: Vec<u8>) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                let reply = reply.clone();
                tokio::spawn(async move {
                    let mut buf = [0u8; 8192];
                    let _ = s.read(&mut buf).await;
                    let _ = s.write_all(&reply).await;
                    // Keeps the connection open after the answer, as a server may; nothing waits on it.
                    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
                });
            }
        });
        addr
    }
    let http = |body: &str| {
        format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
            .into_bytes()
    };
    let webecr = |addr: &str| {
        let opts = WebEcrOptions {
            environment: Environment::Custom,
            base_url: format!("http://{addr}/api"),
            request_timeout_secs: 2,
            ..WebEcrOptions::default()
        };
        let secrets = WebEcrSecrets { username: "u".into(), password: "p".into(), api_key: "k".into() };
        Client::new(opts, secrets, "").unwrap()
    };
    let big = format!("{{\"access\":\"{}\"}}", "a".repeat(MAX_BODY + 10));
    let cases: Vec<(&str, &str, Lang, Vec<u8>, bool)> = vec![
        ("json", "webecr: not JSON", Lang::El, http("<html>502 Bad Gateway</html>"), true),
        ("json", "webecr: wrong types", Lang::It, http(r#"{"access":17,"refresh":[1]}"#), true),
        ("json", "webecr: 1 MiB + 10", Lang::El, http(&big), true),
        ("xml", "webecr: an XML body", Lang::En, http("<?xml version=\"1.0\"?><a/>"), true),
        ("frame", "ecr17: noise, no ACK", Lang::El, b"\x02\x02\x02garbage\x03\xff\x15\x15".to_vec(), false),
        (
            "frame",
            "ecr17: ACK then bad LRC",
            Lang::It,
            [&b"\x06\x03\x7a"[..], b"\x02371050510s00\x03\x00"].concat(),
            false,
        ),
    ];
    for (class, what, lang, reply, is_webecr) in cases {
        let error = rt.block_on(async {
            let addr = peer(reply).await;
            if is_webecr {
                webecr(&addr).list::<TerminalEntry>("terminal/", &[]).await.err()
            } else {
                let opts = tameio::terminal::ecr17::Ecr17Options {
                    ack_timeout_ms: 200,
                    status_timeout_ms: 400,
                    max_retransmissions: 1,
                    ..Default::default()
                };
                tameio::terminal::ecr17::Client::new(addr, "37105051", opts).status().await.err()
            }
        });
        let i18n = tameio::i18n::I18n::new(match lang {
            Lang::El => tameio::domain::Lang::El,
            Lang::It => tameio::domain::Lang::It,
            Lang::En => tameio::domain::Lang::En,
        });
        let message = error.map(|e| RegisterError::Terminal(e).message(&i18n)).unwrap_or_default();
        let mut why = Vec::new();
        if let Err(e) = clear(&message, lang, "") {
            why.push(e);
        }
        let first_line: String = message.lines().next().unwrap_or_default().chars().take(90).collect();
        table.push(format!(
            "{:<9} {:<28} {:<3} {:>4}  {:<5} {}{}",
            class,
            what,
            lang.code(),
            "-",
            "n/a",
            first_line,
            if why.is_empty() { String::new() } else { format!("   <-- {}", why.join("; ")) }
        ));
        if !why.is_empty() {
            failures.push(format!("{class} / {what}: {}", why.join("; ")));
        }
    }
}
