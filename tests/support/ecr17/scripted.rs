//! A scripted ECR17 terminal on loopback: it ACKs every request and answers each code with the
//! messages a test gives it (public payloads, byte for byte), so the real client meets bytes the
//! simulator would never build. `G` gets the last card result it sent, or a closed connection.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tameio::terminal::ecr17::frame::{ACK_FRAME, Frame, FrameReader, LrcRule, TOLERANT, encode_message};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The codes of card results (what `G` hands back).
const RESULT_CODES: &[u8] = b"EVeicv";

pub struct Scripted {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Scripted {
    /// Every request message received, in order.
    pub fn received(&self) -> Vec<Vec<u8>> {
        self.received.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// How many requests with this code came.
    pub fn count(&self, code: u8) -> usize {
        self.received().iter().filter(|m| m.get(9) == Some(&code)).count()
    }
}

impl Drop for Scripted {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `replies` (request code → messages sent after the ACK; an empty message hangs up)
/// one connection at a time.
pub async fn start(replies: HashMap<u8, Vec<Vec<u8>>>) -> Scripted {
    start_with(replies, None).await
}

/// As `start`, with a card result already stored for `G` (an earlier payment's).
pub async fn start_with(replies: HashMap<u8, Vec<Vec<u8>>>, stored: Option<Vec<u8>>) -> Scripted {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    let task = tokio::spawn(async move {
        let mut stored = stored;
        while let Ok((stream, _)) = listener.accept().await {
            serve(stream, &replies, &log, &mut stored).await;
        }
    });
    Scripted { addr, received, task }
}

async fn serve(
    mut stream: TcpStream,
    replies: &HashMap<u8, Vec<Vec<u8>>>,
    log: &Mutex<Vec<Vec<u8>>>,
    stored: &mut Option<Vec<u8>>,
) {
    let mut reader = FrameReader::new(&TOLERANT);
    let mut buf = [0u8; 1024];
    loop {
        while let Some(frame) = reader.next_frame() {
            let Frame::Message { body, .. } = frame else { continue };
            log.lock().unwrap_or_else(|p| p.into_inner()).push(body.clone());
            if stream.write_all(&ACK_FRAME).await.is_err() {
                return;
            }
            let answer = match body.get(9) {
                // Nothing stored: the terminal says nothing and hangs up.
                Some(b'G') => match stored.clone() {
                    Some(last) => vec![last],
                    None => return,
                },
                Some(code) => replies.get(code).cloned().unwrap_or_default(),
                None => Vec::new(),
            };
            for msg in answer {
                if msg.is_empty() {
                    return;
                }
                if msg.get(9).is_some_and(|c| RESULT_CODES.contains(c)) {
                    *stored = Some(msg.clone());
                }
                if stream.write_all(&encode_message(&msg, LrcRule::StxEtx)).await.is_err() {
                    return;
                }
            }
        }
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => reader.push(&buf[..n]),
        }
    }
}

/// The message inside a vector file's single application frame.
pub fn vector_message(name: &str) -> Vec<u8> {
    let bytes = vector_bytes(name);
    let (frames, _) = tameio::terminal::ecr17::frame::split_all(&bytes, &LrcRule::ALL);
    frames
        .into_iter()
        .find_map(|f| match f {
            Frame::Message { body, .. } => Some(body),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{name} holds no application frame"))
}

/// The bytes of `tests/vectors/ecr17/NAME.hex`.
pub fn vector_bytes(name: &str) -> Vec<u8> {
    let path = vectors_dir().join(format!("{name}.hex"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let clean: String = text.split_whitespace().collect();
    hex::decode(clean).unwrap()
}

pub fn vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/ecr17")
}

/// The last receipt part of a slip (Nexi "Send ticket": six `0x7D` then `0x1B`).
pub fn receipt_end(tid: &str) -> Vec<u8> {
    let mut m = format!("{tid}0SGRAZIE").into_bytes();
    m.extend_from_slice(&[0x7D; 6]);
    m.push(0x1B);
    m
}
