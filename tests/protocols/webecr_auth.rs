//! WebECR login, token refresh, pairing codes (good, wrong, expired on the sim clock),
//! revocation ("pair again") and the secrets file, against the simulated backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::webecr::*;
use tameio::terminal::session::{self, AttemptState, MemoryJournal};
use tameio::terminal::webecr::{PAIR_AGAIN, WebEcrSecrets};
use tameio::terminal::{ProgressSink, Terminal, TerminalError};

#[tokio::test]
async fn pairing_with_a_good_a_wrong_and_an_expired_code() {
    let server = start_default().await;
    let term = unpaired_with("webecr-pair", &server, &options(&server));
    let stale = server.sim.new_pairing_code();
    server.sim.advance(15 * 60 + 1);
    let e = term.pair(&stale).await.unwrap_err();
    assert!(matches!(&e, TerminalError::Invalid(m) if m.contains("expired")), "{e:?}");

    let good = server.sim.new_pairing_code();
    let wrong = if good == "12345678" { "87654321" } else { "12345678" };
    let e = term.pair(wrong).await.unwrap_err();
    assert!(matches!(&e, TerminalError::Invalid(m) if m.contains("invalid code")), "{e:?}");
    assert!(matches!(term.pair("12ab").await, Err(TerminalError::Invalid(_))));

    server.sim.advance(14 * 60);
    let p = term.pair(&good).await.unwrap();
    assert_eq!((p.tid.as_str(), p.terminal_backend_id.as_str()), (TID, BACKEND_ID));
    assert_eq!(p.merchant, "11719");
    assert!(!p.api_key.is_empty());
    assert!(!format!("{p:?}").contains(&p.api_key), "the key never reaches a log");
    let e = term.pair(&good).await.unwrap_err();
    assert!(matches!(&e, TerminalError::Invalid(m) if m.contains("already used")), "{e:?}");
    // Paired: the terminal is visible and payments go through.
    assert_eq!(term.status().await.unwrap().terminal_id, TID);
    let a = session::run(&MemoryJournal::new(), &term, &sale(100), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
}

#[tokio::test]
async fn an_unpaired_terminal_sends_nothing_and_asks_for_pairing() {
    let server = start_default().await;
    let term = unpaired_with("webecr-unpaired", &server, &options(&server));
    let journal = MemoryJournal::new();
    let a = session::run(&journal, &term, &sale(100), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed);
    assert!(a.note.contains("pairing needed"), "{}", a.note);
    assert!(server.sim.received().is_empty());
    assert_eq!(server.sim.logins(), 0);
}

#[tokio::test]
async fn login_once_then_refresh_when_the_token_expires_then_login_again() {
    let server = start_default().await;
    let term = paired("webecr-tokens", &server).await;
    let journal = MemoryJournal::new();
    let none = ProgressSink::none();
    let run = async |cents| session::run(&journal, &term, &sale(cents), &none).await;
    assert_eq!(run(100).await.unwrap().state, AttemptState::Approved);
    assert_eq!((server.sim.logins(), server.sim.refreshes()), (1, 0));
    // The access token (300 s) expires on the sim clock: one 401, one refresh, same request.
    server.sim.advance(301);
    assert_eq!(run(200).await.unwrap().state, AttemptState::Approved);
    assert_eq!((server.sim.logins(), server.sim.refreshes()), (1, 1));
    assert!(server.sim.rejected_tokens() >= 1);
    // The refresh token (1 day) expires too: a fresh login.
    server.sim.advance(86_401);
    assert_eq!(run(300).await.unwrap().state, AttemptState::Approved);
    assert_eq!(server.sim.logins(), 2);
    assert_eq!(txninits(&server), 3, "no request was ever sent twice");
}

#[tokio::test]
async fn tokens_are_refreshed_before_they_expire() {
    let server = start_default().await;
    let mut opts = options(&server);
    // A margin as long as the token's life: every use counts as "about to expire".
    opts.token_refresh_margin_secs = 300;
    let term = paired_with("webecr-early", &server, &opts).await;
    let journal = MemoryJournal::new();
    let a = session::run(&journal, &term, &sale(100), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    assert!(server.sim.refreshes() >= 1);
    assert_eq!(server.sim.rejected_tokens(), 0, "refreshed ahead, never refused");
}

#[tokio::test]
async fn a_wrong_password_is_a_failed_attempt_not_an_unknown_one() {
    let server = start_default().await;
    let opts = options(&server);
    let s = WebEcrSecrets { password: "nope".into(), api_key: "k".into(), ..secrets(&server) };
    let term = tameio::terminal::webecr::WebEcrTerminal::new(&config("webecr-badpw", &opts), s).unwrap();
    let a = session::run(&MemoryJournal::new(), &term, &sale(100), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed);
    assert!(a.note.contains("login refused"), "{}", a.note);
    assert!(server.sim.received().is_empty());
}

#[tokio::test]
async fn a_revoked_key_means_pair_again() {
    let server = start_default().await;
    let term = paired("webecr-revoked", &server).await;
    let journal = MemoryJournal::new();
    let a = session::run(&journal, &term, &sale(100), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    server.sim.revoke_keys();
    let b = session::run(&journal, &term, &sale(200), &ProgressSink::none()).await.unwrap();
    assert_eq!(b.state, AttemptState::Failed, "a 401 was refused before processing: {b:?}");
    assert!(b.note.contains(PAIR_AGAIN), "{}", b.note);
    assert_eq!(txninits(&server), 1);
    assert!(matches!(term.status().await, Err(TerminalError::Config(m)) if m.starts_with("pairing needed")));
    // Pairing again heals it.
    term.pair(&server.sim.new_pairing_code()).await.unwrap();
    let c = session::run(&journal, &term, &sale(300), &ProgressSink::none()).await.unwrap();
    assert_eq!(c.state, AttemptState::Approved);
}

/// `connect` builds the driver from its settings with the password and key the register put
/// there from its secrets file: the driver itself opens no file.
#[tokio::test]
async fn connect_takes_the_secrets_as_values() {
    let server = start_default().await;
    let code = server.sim.new_pairing_code();
    let paired = unpaired_with("Ταμείο 1", &server, &options(&server)).pair(&code).await.unwrap();
    let s = secrets(&server);
    let mut opts = options(&server);
    opts.username = s.username.clone();
    opts.terminal_backend_id = paired.terminal_backend_id.clone();
    let mut config = config("Ταμείο 1", &opts);
    config.options["password"] = s.password.clone().into();
    config.options["api_key"] = paired.api_key.clone().into();
    let term = tameio::terminal::connect(&config).unwrap();
    let a =
        session::run(&MemoryJournal::new(), term.as_ref(), &sale(4200), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
}

#[tokio::test]
async fn the_protocol_log_shows_the_exchange_but_no_password_token_or_key() {
    use tameio::terminal::wirelog;
    let server = start_default().await;
    let term = unpaired_with("webecr-wirelog", &server, &options(&server));
    let paired = term.pair(&server.sim.new_pairing_code()).await.unwrap();
    let a = session::run(&MemoryJournal::new(), &term, &sale(4321), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    let log = wirelog::recent(wirelog::CAPACITY);
    let mine: Vec<_> = log.iter().filter(|e| e.text.contains(&a.id.to_string())).collect();
    assert!(mine.iter().any(|e| e.dir == wirelog::Direction::Out && e.text.contains("4321")), "{mine:?}");
    let all: String = log.iter().map(|e| format!("{}\n", e.text)).collect();
    let password = server.sim.config().password.clone();
    assert!(!all.contains(&password), "the password is never logged");
    assert!(!all.contains(&paired.api_key), "the API key is never logged");
    assert!(all.contains("(credentials: not logged)"));
}
