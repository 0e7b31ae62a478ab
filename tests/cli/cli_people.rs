//! People on the command line: the `--pin` of every command is the GUI's PIN check (counted
//! in the database, slowed down, locked after five wrong ones, across processes), the
//! recovery step `user unlock`, and no real terminal while the demo PINs are unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::binary::tameio;
use std::path::Path;
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn audit_actions(dir: &Path) -> Vec<(String, String, String)> {
    let db = rusqlite::Connection::open(dir.join("tameio.db")).unwrap();
    let mut stmt = db.prepare("SELECT actor, action, subject FROM audit_log ORDER BY id").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn the_ninth_pin_after_eight_wrong_ones_is_refused_in_every_new_process_until_unlocked() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let sale = tameio(dir, &["sale", "--item", "101", "--cash", "20"]);
    assert!(sale.status.success(), "{}", stderr(&sale));
    let reprint = |pin: &str| tameio(dir, &["receipt", "reprint", "1", "--pin", pin]);
    let mut said = Vec::new();
    for wrong in 0..8 {
        let out = reprint(&format!("{:04}", 1000 + wrong));
        assert_eq!(out.status.code(), Some(1));
        said.push(stderr(&out));
    }
    assert!(said[0].contains("Wrong PIN (1 wrong in a row)"), "{said:?}");
    assert!(said[4].contains("Nikos is locked"), "the fifth wrong PIN locks: {said:?}");
    assert!(said[7].contains("Nikos is locked"), "{said:?}");

    // The right PIN, in a new process, opens nothing, and neither does the manager prompt.
    let right = reprint("9999");
    assert_eq!(right.status.code(), Some(1));
    assert!(stderr(&right).contains("Nikos is locked"), "{}", stderr(&right));
    let remove = tameio(dir, &["terminal", "remove", "front", "--pin", "9999"]);
    assert!(stderr(&remove).contains("Nikos is locked"), "{}", stderr(&remove));
    assert!(!String::from_utf8_lossy(&right.stdout).contains("COPY"));

    let list = tameio(dir, &["user", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let nikos = list["users"].as_array().unwrap().iter().find(|u| u["name"] == "Nikos").unwrap();
    assert_eq!(nikos["locked"], true, "{list}");
    assert!(
        String::from_utf8_lossy(&tameio(dir, &["user", "list"]).stdout)
            .contains("locked: too many wrong PINs")
    );

    // The recovery step for the last manager: run on the data folder, audited.
    let unlock = tameio(dir, &["user", "unlock", "Nikos"]);
    assert!(unlock.status.success(), "{}", stderr(&unlock));
    assert!(String::from_utf8_lossy(&unlock.stdout).contains("Nikos may try PINs again"));
    let copy = reprint("9999");
    assert!(copy.status.success(), "{}", stderr(&copy));

    let audit = audit_actions(dir);
    let count = |action: &str| audit.iter().filter(|(_, a, _)| a == action).count();
    assert_eq!(count("user.pin_wrong"), 5, "five wrong PINs were checked");
    assert_eq!(count("user.pin_locked"), 1);
    assert!(count("pin.refused_locked") >= 5, "{audit:?}");
    assert!(
        audit.iter().any(|(who, a, s)| a == "pin.unlock" && who == "recovery (data folder)" && s == "user:2")
    );
    let check = tameio(dir, &["db", "check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_real_terminal_waits_until_the_demo_pins_are_changed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let add = || {
        tameio(
            dir,
            &[
                "terminal",
                "add",
                "front",
                "--protocol",
                "ecr17",
                "--addr",
                "127.0.0.1:8081",
                "--terminal-id",
                "12345678",
            ],
        )
    };
    let refused = add();
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("Change the demo PINs first: Maria, Nikos"), "{}", stderr(&refused));
    let listed = tameio(dir, &["terminal", "list", "--json"]);
    assert!(!String::from_utf8_lossy(&listed.stdout).contains("front"), "nothing stored");

    // Nor an unconfigured one saved by `pay` or `terminal status` (`--addr`).
    let status = tameio(dir, &["terminal", "status", "--addr", "127.0.0.1:9", "--json"]);
    assert_eq!(status.status.code(), Some(2));
    assert!(stderr(&status).contains("Change the demo PINs first"), "{}", stderr(&status));
    let pay = tameio(dir, &["pay", "1,00", "--protocol", "aade1155", "--addr", "127.0.0.1:9"]);
    assert!(stderr(&pay).contains("Change the demo PINs first"), "{}", stderr(&pay));
    assert_eq!(tameio(dir, &["attempt", "list", "--json"]).status.code(), Some(0), "nothing sent");

    let pin = tameio(dir, &["user", "pin", "Maria", "--new-pin", "3715", "--pin", "9999"]);
    assert!(pin.status.success(), "{}", stderr(&pin));
    assert!(stderr(&add()).contains("Change the demo PINs first: Nikos"));
    let pin = tameio(dir, &["user", "pin", "Nikos", "--new-pin", "4826", "--pin", "9999"]);
    assert!(pin.status.success(), "{}", stderr(&pin));
    let added = add();
    assert!(added.status.success(), "{}", stderr(&added));
    let who = audit_actions(dir).into_iter().find(|(_, a, s)| a == "terminal.set" && s == "front").unwrap().0;
    assert!(who.starts_with("cli"), "the account that ran it, if known: {who}");

    // In Greek too.
    std::fs::write(dir.join("tameio.toml"), "language = \"el\"\n").unwrap();
    let other = tameio(dir, &["user", "pin", "Nikos", "--new-pin", "9999", "--pin", "4826"]);
    assert!(other.status.success());
    let greek = tameio(dir, &["terminal", "add", "back", "--protocol", "ecr17", "--addr", "127.0.0.1:8082"]);
    assert!(stderr(&greek).contains("Αλλάξτε πρώτα τα δοκιμαστικά PIN: Nikos"), "{}", stderr(&greek));
    let audit = audit_actions(dir);
    assert_eq!(audit.iter().filter(|(who, a, _)| a == "user.pin" && who == "Nikos").count(), 3);
}
