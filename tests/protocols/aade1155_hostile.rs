//! A hostile AADE 1155 terminal: one that answers `L` with results without end must not keep
//! the register walking (and holding each result in memory) forever.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use tameio::terminal::aade1155::client::{MAX_WALKED, Step};
use tameio::terminal::aade1155::{Aade1155Options, Client};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const RESULT: &str = "MEL1001R/S000727/C00/DVisa Credit:************3489:500:500:11:64999999:000091:133030119082:000064:787031:20211126175004";

#[tokio::test]
async fn an_endless_resend_all_stops_at_its_bound() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = s.read(&mut buf).await;
        let mut frame = (RESULT.len() as u16).to_be_bytes().to_vec();
        frame.extend_from_slice(RESULT.as_bytes());
        let batch: Vec<u8> = frame.iter().copied().cycle().take(frame.len() * 100).collect();
        // Results, for ever, as fast as the register reads them.
        while s.write_all(&batch).await.is_ok() {}
    });
    let opts =
        Aade1155Options { query_timeout_ms: 2_000, ack_linger_ms: 2_000, ..Aade1155Options::default() };
    let client = Client::new(addr, opts);
    let mut offered = 0usize;
    let mut decide = |_: &tameio::terminal::aade1155::PosResult| {
        offered += 1;
        Step::Leave
    };
    let walked = tokio::time::timeout(Duration::from_secs(20), client.resend_all("ABC00111222", &mut decide))
        .await
        .expect("the walk ends although the terminal never stops")
        .unwrap();
    assert_eq!(walked.left.len(), MAX_WALKED);
    assert_eq!(offered, MAX_WALKED);
}
