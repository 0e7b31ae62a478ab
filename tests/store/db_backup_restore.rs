//! Backups and restore: the daily automatic backup with its retention count, and
//! `tameio db restore FILE` (checked, asked once, the current database kept, audited, refused
//! while another tameio has the database open).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::binary::shown as text;
use rusqlite::Connection;
use tameio::config::Places;
use tameio::domain::{Cart, Money, Quantity};
use tameio::register::{RECOVERY_ACTOR, Register};

fn places(dir: &Path) -> Places {
    Places { data_dir: dir.to_path_buf(), portable: false }
}

fn sale(dir: &Path) {
    let (register, _) = Register::open(&places(dir)).unwrap();
    let cashier = register.cli_operator(None, None).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, "401", Quantity::ONE).unwrap();
    register.cash_sale(&cashier, &cart, Money::from_cents(2000)).unwrap();
}

fn receipts(db: &Path) -> i64 {
    Connection::open(db).unwrap().query_row("SELECT count(*) FROM receipts", [], |r| r.get(0)).unwrap()
}

fn files(dir: &Path, containing: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.contains(containing));
    names.sort();
    names
}

fn tameio(dir: &Path, args: &[&str]) -> Output {
    crate::support::binary::command()
        .args(args)
        .env("TAMEIO_DATA_DIR", dir)
        .env("LC_ALL", "en_US.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn a_daily_backup_is_taken_once_a_day_and_old_ones_go() {
    let dir = tempfile::tempdir().unwrap();
    let p = places(dir.path());
    sale(dir.path());
    assert!(files(&p.backups(), "daily").is_empty(), "a database created now has nothing to keep");
    sale(dir.path());
    let today = files(&p.backups(), "daily");
    assert_eq!(today.len(), 1, "{today:?}");
    // Copied on its own thread from the open on, while the sale is rung up: it holds the
    // first sale, and the second if that was quicker than the copy.
    let copied = receipts(&p.backups().join(&today[0]));
    assert!((1..=2).contains(&copied), "a whole copy of the database: {copied} receipts");
    assert!(
        std::fs::read_dir(p.backups())
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".partial")),
        "the command waited for the copy to be whole before it ended"
    );
    sale(dir.path());
    assert_eq!(files(&p.backups(), "daily"), today, "one a day");

    // Retention: backup_keep = 3 keeps the three newest daily backups, and nothing else goes.
    std::fs::remove_file(p.backups().join(&today[0])).unwrap();
    let old: Vec<String> = (1..=5).map(|d| format!("tameio-2026-01-0{d}T0900-daily.db")).collect();
    for name in &old {
        std::fs::write(p.backups().join(name), b"old").unwrap();
    }
    std::fs::write(p.backups().join("tameio-2026-01-01T0800-v1-to-v5.db"), b"upgrade").unwrap();
    std::fs::write(dir.path().join("tameio.toml"), "backup_keep = 3\n").unwrap();
    sale(dir.path());
    let kept = files(&p.backups(), "daily");
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert_eq!(kept[..2], old[3..], "the newest old ones stay");
    assert!(!kept[2].starts_with("tameio-2026-01-"), "{kept:?}");
    assert_eq!(files(&p.backups(), "-v1-to-v5").len(), 1, "only daily backups are pruned");

    // backup_keep = 0: no automatic backup.
    let none = tempfile::tempdir().unwrap();
    std::fs::write(none.path().join("tameio.toml"), "backup_keep = 0\n").unwrap();
    sale(none.path());
    sale(none.path());
    assert!(files(&places(none.path()).backups(), "").is_empty());
}

#[test]
fn a_copy_stopped_half_way_is_not_todays_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = places(dir.path());
    sale(dir.path());
    // A tameio killed while copying leaves today's name with `.partial` after it, untouched since.
    std::fs::create_dir_all(p.backups()).unwrap();
    let stamp = chrono::Local::now().format("%Y-%m-%dT0000");
    let partial = p.backups().join(format!("tameio-{stamp}-daily.db.partial"));
    std::fs::write(&partial, b"half a copy").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&partial).unwrap().set_modified(hour_ago).unwrap();

    let (register, _) = Register::open(&p).unwrap();
    register.wait_for_daily_backup();
    let taken = files(&p.backups(), "daily");
    assert_eq!(taken.len(), 1, "today's backup is taken and the stale half copy is gone: {taken:?}");
    assert!(taken[0].ends_with("-daily.db"), "{taken:?}");
    assert_eq!(receipts(&p.backups().join(&taken[0])), 1);
}

#[test]
fn a_backup_is_restored_checked_kept_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let p = places(dir.path());
    sale(dir.path());
    let saved = dir.path().join("saved.db");
    assert!(tameio(dir.path(), &["db", "backup", &saved.display().to_string()]).status.success());
    sale(dir.path());
    assert_eq!(receipts(&p.database()), 2);
    let file_bytes = std::fs::read(&saved).unwrap();

    // Nobody to ask and no --yes: nothing changes.
    let out = tameio(dir.path(), &["db", "restore", &saved.display().to_string()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--yes"), "{}", text(&out));
    assert_eq!(receipts(&p.database()), 2);

    let out = tameio(dir.path(), &["db", "restore", &saved.display().to_string(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("passes the check"), "{}", text(&out));
    assert!(text(&out).contains("Database restored"), "{}", text(&out));
    assert_eq!(receipts(&p.database()), 1);
    assert!(std::fs::read(&saved).unwrap() == file_bytes, "the file restored from is not changed");
    let previous = files(&p.backups(), "before-restore");
    assert_eq!(previous.len(), 1, "{previous:?}");
    assert_eq!(receipts(&p.backups().join(&previous[0])), 2, "the replaced database is kept");
    assert!(files(dir.path(), ".restore-").is_empty(), "no temporary copy stays behind");

    let check = tameio(dir.path(), &["db", "check"]);
    assert!(check.status.success(), "{}", text(&check));
    let (register, _) = Register::open(&p).unwrap();
    let last = register.store().audit_entries_containing(&["saved.db"]).unwrap();
    let entry = last.last().expect("a db.restore entry");
    assert_eq!(entry.action, "db.restore");
    assert_eq!(entry.actor, RECOVERY_ACTOR);
    assert!(entry.detail.contains(&saved.display().to_string()), "{}", entry.detail);
    assert!(entry.detail.contains("before-restore"), "{}", entry.detail);
    drop(register);

    // With a manager's PIN the entry names the manager.
    let out = tameio(dir.path(), &["db", "restore", &saved.display().to_string(), "--yes", "--pin", "9999"]);
    assert!(out.status.success(), "{}", text(&out));
    let (register, _) = Register::open(&p).unwrap();
    let entries = register.store().audit_entries_containing(&["saved.db"]).unwrap();
    let entry = entries.last().unwrap();
    assert_eq!(entry.action, "db.restore");
    assert_ne!(entry.actor, RECOVERY_ACTOR);
    assert!(register.check_db().unwrap().is_ok());
}

#[test]
fn a_backup_is_restored_into_a_fresh_data_folder() {
    let old = tempfile::tempdir().unwrap();
    sale(old.path());
    let saved = old.path().join("saved.db");
    assert!(tameio(old.path(), &["db", "backup", &saved.display().to_string()]).status.success());
    let fresh = tempfile::tempdir().unwrap();
    let out = tameio(fresh.path(), &["db", "restore", &saved.display().to_string(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(receipts(&places(fresh.path()).database()), 1);
    assert!(files(&places(fresh.path()).backups(), "before-restore").is_empty(), "nothing to keep");
    assert!(tameio(fresh.path(), &["db", "check"]).status.success());
}

#[test]
fn what_is_not_a_good_tameio_database_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let p = places(dir.path());
    sale(dir.path());
    let before = std::fs::read(p.database()).unwrap();
    let refuse = |file: &PathBuf, code: i32, says: &str| {
        let out = tameio(dir.path(), &["db", "restore", &file.display().to_string(), "--yes"]);
        assert_eq!(out.status.code(), Some(code), "{}", text(&out));
        assert!(text(&out).contains(says), "{says}: {}", text(&out));
        assert!(std::fs::read(p.database()).unwrap() == before, "the database is untouched");
        assert!(files(&p.backups(), "before-restore").is_empty());
        assert!(files(dir.path(), ".restore-").is_empty());
    };

    let missing = dir.path().join("missing.db");
    refuse(&missing, 2, "not a tameio database");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "shopping list\n".repeat(100)).unwrap();
    refuse(&notes, 2, "not a tameio database");
    let other = dir.path().join("other.db");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;").unwrap();
    refuse(&other, 2, "not a tameio database");
    let newer = dir.path().join("newer.db");
    std::fs::copy(p.database(), &newer).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    refuse(&newer, 1, "newer tameio");

    // A backup whose audit log was edited fails `db check`.
    let tampered = dir.path().join("tampered.db");
    Register::open(&p).unwrap().0.backup(&tampered).unwrap();
    Connection::open(&tampered)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER audit_append_only; UPDATE audit_log SET actor = 'someone else' WHERE id = 1;",
        )
        .unwrap();
    let before = std::fs::read(p.database()).unwrap();
    let out = tameio(dir.path(), &["db", "restore", &tampered.display().to_string(), "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("does not pass the database check"), "{}", text(&out));
    assert!(std::fs::read(p.database()).unwrap() == before);
}

#[test]
fn a_restore_is_refused_while_another_tameio_has_the_database_open() {
    let dir = tempfile::tempdir().unwrap();
    let p = places(dir.path());
    sale(dir.path());
    let saved = dir.path().join("saved.db");
    let (running, _) = Register::open(&p).unwrap();
    running.backup(&saved).unwrap();
    let out = tameio(dir.path(), &["db", "restore", &saved.display().to_string(), "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("open in another tameio"), "{}", text(&out));
    // The running register goes on as before.
    assert!(running.check_db().unwrap().is_ok());
    assert_eq!(running.receipts(&Default::default()).unwrap().len(), 1);
    drop(running);
    let out = tameio(dir.path(), &["db", "restore", &saved.display().to_string(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
}

/// Asked on a terminal (util-linux `script` gives the command a pseudo-terminal): "n" leaves
/// everything, "y" restores.
#[test]
fn on_a_terminal_the_restore_asks_once() {
    use std::io::Write;
    let has_script =
        std::process::Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: no `script` to give the command a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = places(dir.path());
    sale(dir.path());
    let saved = dir.path().join("saved.db");
    assert!(tameio(dir.path(), &["db", "backup", &saved.display().to_string()]).status.success());
    sale(dir.path());
    let answer = |reply: &str| {
        let line = format!("{} db restore {}", crate::support::binary::TAMEIO, saved.display());
        let mut child = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env("TAMEIO_DATA_DIR", dir.path())
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(format!("{reply}\n").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = answer("n");
    assert!(text(&out).contains("[y/N]"), "{}", text(&out));
    assert!(text(&out).contains("Nothing was changed"), "{}", text(&out));
    assert_eq!(receipts(&p.database()), 2);
    let out = answer("y");
    assert!(text(&out).contains("Database restored"), "{}", text(&out));
    assert_eq!(receipts(&p.database()), 1);
}
