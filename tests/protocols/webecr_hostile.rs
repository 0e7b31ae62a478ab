//! A hostile or broken WebECR backend: answers larger than any real one, `next` links and
//! redirects to another host (which must never see the token or the API key), a body that
//! trickles forever; and the simulated backend's own bound on what it reads.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tameio::terminal::TerminalError;
use tameio::terminal::webecr::client::{Client, MAX_BODY};
use tameio::terminal::webecr::codec::TerminalEntry;
use tameio::terminal::webecr::{Environment, WebEcrOptions, WebEcrSecrets};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKENS: &str = r#"{"access":"ACCESS-TOKEN-1","refresh":"REFRESH-TOKEN-1"}"#;
const API_KEY: &str = "API-KEY-SECRET-1";

/// What a fake backend answers to one request line (e.g. `GET /api/terminal/`): raw bytes.
type Answer = Arc<dyn Fn(&str) -> Vec<u8> + Send + Sync>;

/// A loopback HTTP/1.1 server writing raw answers; it keeps every request it read.
struct Fake {
    base: String,
    seen: Arc<Mutex<Vec<String>>>,
}

async fn fake(answer: Answer) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (answer, log) = (answer.clone(), log.clone());
            tokio::spawn(async move { serve_one(stream, answer, log).await });
        }
    });
    Fake { base: format!("http://{addr}/api"), seen }
}

async fn serve_one(mut stream: TcpStream, answer: Answer, log: Arc<Mutex<Vec<String>>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        if stream.read(&mut byte).await.unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_string()))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body).await;
    log.lock().unwrap().push(format!("{head}{}", String::from_utf8_lossy(&body)));
    let line = head.lines().next().unwrap_or_default();
    let request = line.rsplit_once(' ').map_or(line, |(r, _)| r).to_string();
    let reply = answer(&request);
    let _ = stream.write_all(&reply).await;
    let _ = stream.shutdown().await;
}

fn json(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn client(base: &str) -> Client {
    let opts = WebEcrOptions {
        environment: Environment::Custom,
        base_url: base.to_string(),
        request_timeout_secs: 2,
        connect_timeout_ms: 2_000,
        ..WebEcrOptions::default()
    };
    let secrets = WebEcrSecrets { username: "shop".into(), password: "pw".into(), api_key: API_KEY.into() };
    Client::new(opts, secrets, "").unwrap()
}

/// Logins succeed; `GET terminal/` gets `page`.
fn backend(page: impl Fn() -> Vec<u8> + Send + Sync + 'static) -> Answer {
    Arc::new(move |request: &str| {
        if request.starts_with("POST /api/token/") {
            json("200 OK", TOKENS)
        } else if request.starts_with("GET /api/terminal/") {
            page()
        } else {
            json("404 Not Found", "{}")
        }
    })
}

/// A well-formed page padded with whitespace past the bound: parsed whole before, refused now.
fn padded_page(size: usize) -> String {
    let entry = r#"{"count":1,"next":null,"previous":null,"results":[{"id":"1","TerminalID":"T1"}]"#;
    format!("{entry}{}}}", " ".repeat(size))
}

#[tokio::test]
async fn an_answer_longer_than_the_bound_is_refused() {
    let page = padded_page(4 * MAX_BODY);
    let server = fake(backend(move || json("200 OK", &page))).await;
    let e = client(&server.base).list::<TerminalEntry>("terminal/", &[]).await.unwrap_err();
    assert!(matches!(&e, TerminalError::Protocol(m) if m.contains("longer than")), "{e:?}");
}

#[tokio::test]
async fn an_answer_without_a_length_is_cut_at_the_bound() {
    let page = padded_page(4 * MAX_BODY);
    // No Content-Length: the body runs until the connection closes.
    let server = fake(backend(move || {
        format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{page}")
            .into_bytes()
    }))
    .await;
    let e = client(&server.base).list::<TerminalEntry>("terminal/", &[]).await.unwrap_err();
    assert!(matches!(&e, TerminalError::Protocol(m) if m.contains("longer than")), "{e:?}");
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let thief = fake(Arc::new(|_: &str| json("200 OK", r#"{"results":[]}"#))).await;
    let next = format!("{}/terminal/?page=2", thief.base);
    let page = format!(
        r#"{{"count":2,"next":"{next}","previous":null,"results":[{{"id":"1","TerminalID":"T1"}}]}}"#
    );
    let server = fake(backend(move || json("200 OK", &page))).await;
    let got = client(&server.base).list::<TerminalEntry>("terminal/", &[]).await;
    assert!(
        thief.seen.lock().unwrap().is_empty(),
        "another host was called: {:?}",
        thief.seen.lock().unwrap()
    );
    let e = got.unwrap_err();
    assert!(matches!(&e, TerminalError::Protocol(m) if m.contains("another host")), "{e:?}");
}

#[tokio::test]
async fn a_next_link_on_the_same_origin_is_followed() {
    let seen = Arc::new(Mutex::new(0));
    let count = seen.clone();
    let base = Arc::new(Mutex::new(String::new()));
    let base_in = base.clone();
    let server = fake(backend(move || {
        let mut n = count.lock().unwrap();
        *n += 1;
        let next =
            if *n == 1 { format!("\"{}/terminal/?page=2\"", base_in.lock().unwrap()) } else { "null".into() };
        json("200 OK", &format!(r#"{{"next":{next},"results":[{{"id":"{n}","TerminalID":"T{n}"}}]}}"#))
    }))
    .await;
    *base.lock().unwrap() = server.base.clone();
    let all = client(&server.base).list::<TerminalEntry>("terminal/", &[]).await.unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn a_redirect_to_another_host_gets_neither_token_nor_key() {
    let thief = fake(Arc::new(|_: &str| json("200 OK", r#"{"results":[]}"#))).await;
    let to = format!("{}/steal/", thief.base);
    let server = fake(backend(move || {
        format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .into_bytes()
    }))
    .await;
    let got = client(&server.base).list::<TerminalEntry>("terminal/", &[]).await;
    let seen = thief.seen.lock().unwrap().clone();
    assert!(seen.is_empty(), "the redirect was followed to another host: {seen:?}");
    assert!(got.is_err(), "{got:?}");
    // The configured host did get both, as it should.
    let home = server.seen.lock().unwrap().join("\n");
    assert!(home.contains(API_KEY) && home.contains("ACCESS-TOKEN-1"));
}

#[tokio::test]
async fn a_body_that_trickles_forever_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let n = stream.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                if request.starts_with("POST /api/token/") {
                    let _ = stream.write_all(&json("200 OK", TOKENS)).await;
                    return;
                }
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n{").await;
                loop {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    if stream.write_all(b" ").await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    let start = Instant::now();
    let e = client(&base).list::<TerminalEntry>("terminal/", &[]).await.unwrap_err();
    assert!(matches!(e, TerminalError::Timeout | TerminalError::Protocol(_)), "{e:?}");
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
}

#[tokio::test]
async fn the_simulated_backend_refuses_an_oversized_request() {
    let server = crate::support::webecr::start_default().await;
    let url = format!("{}/token/", server.base_url());
    let big = serde_json::json!({ "username": "u", "password": "x".repeat(200 * 1024) });
    let resp =
        tameio::terminal::http::client_builder().build().unwrap().post(url).json(&big).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 413, "the simulator read {} bytes", 200 * 1024);
}
