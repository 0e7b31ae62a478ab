//! A network receipt printer simulator: takes ESC/POS on TCP, answers status queries, and
//! writes each job raw (`.bin`) and as a text preview (`.txt`); can act switched off or out of paper.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::error::PrintError;
use super::escpos::{DLE, EOT, PAPER_END_BITS, STATUS_FIXED_BITS, preview};

/// How the simulated printer behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SimMode {
    /// Answers "paper present" and prints everything.
    #[default]
    Normal,
    /// Closes every connection at once, as a print server whose printer is off.
    Off,
    /// Answers status queries with the paper-end bits set; a job sent anyway is still recorded.
    PaperOut,
}

impl SimMode {
    pub fn code(self) -> &'static str {
        match self {
            SimMode::Normal => "normal",
            SimMode::Off => "off",
            SimMode::PaperOut => "paper-out",
        }
    }

    pub fn from_code(code: &str) -> Option<SimMode> {
        [SimMode::Normal, SimMode::Off, SimMode::PaperOut].into_iter().find(|m| m.code() == code)
    }

    /// The answer to `DLE EOT n`.
    fn status(self, n: u8) -> u8 {
        let paper_out = self == SimMode::PaperOut;
        match (n, paper_out) {
            (1, true) => STATUS_FIXED_BITS | 0x08, // offline
            (2, true) => STATUS_FIXED_BITS | 0x20, // stopped by paper end
            (4, true) => STATUS_FIXED_BITS | PAPER_END_BITS,
            _ => STATUS_FIXED_BITS,
        }
    }
}

/// A connection that sends nothing for this long is closed (the job so far is kept).
const IDLE: Duration = Duration::from_secs(30);
/// The largest job kept: a receipt is a few kilobytes; a sender past this is cut off and
/// nothing is written (the buffer never grows without bound).
pub const MAX_JOB_BYTES: usize = 4 * 1024 * 1024;

/// Binds `addr` and serves until the task is dropped (the CLI selects on Ctrl-C).
pub async fn serve_printer_sim(addr: &str, out_dir: &Path, mode: SimMode) -> Result<(), PrintError> {
    let listener = TcpListener::bind(addr).await?;
    tracing::info!(addr = %listener.local_addr()?, mode = mode.code(), out = %out_dir.display(), "printer simulator listening");
    serve(listener, out_dir.to_path_buf(), mode).await?;
    Ok(())
}

/// Accepts connections on `listener` forever, one task each.
pub async fn serve(listener: TcpListener, out_dir: PathBuf, mode: SimMode) -> std::io::Result<()> {
    std::fs::create_dir_all(&out_dir)?;
    let next = Arc::new(AtomicU32::new(first_free_job(&out_dir)));
    loop {
        let (stream, peer) = listener.accept().await?;
        if mode == SimMode::Off {
            tracing::info!(%peer, "printer simulator is off: connection closed");
            drop(stream);
            continue;
        }
        let (out_dir, next) = (out_dir.clone(), next.clone());
        tokio::spawn(async move {
            if let Err(e) = take_job(stream, &out_dir, mode, &next).await {
                tracing::warn!(%peer, error = %e, "printer simulator connection");
            }
        });
    }
}

fn first_free_job(dir: &Path) -> u32 {
    let taken = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_prefix("job-")?.strip_suffix(".bin")?.parse::<u32>().ok()
                })
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    taken + 1
}

/// Paths of the files written for job `n`.
pub fn job_files(out_dir: &Path, n: u32) -> (PathBuf, PathBuf) {
    (out_dir.join(format!("job-{n:04}.bin")), out_dir.join(format!("job-{n:04}.txt")))
}

async fn take_job(
    mut stream: TcpStream,
    out_dir: &Path,
    mode: SimMode,
    next: &AtomicU32,
) -> std::io::Result<()> {
    let mut job = Vec::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = match tokio::time::timeout(IDLE, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Err(_) => break,
            Ok(Ok(n)) => n,
            Ok(Err(e)) => return Err(e),
        };
        pending.extend_from_slice(&buf[..n]);
        let answers = split_status_queries(&mut pending, &mut job, mode);
        if !answers.is_empty() {
            stream.write_all(&answers).await?;
        }
        if job.len() + pending.len() > MAX_JOB_BYTES {
            tracing::warn!(bound = MAX_JOB_BYTES, "printer simulator: job too large, dropped");
            let _ = stream.shutdown().await;
            return Ok(());
        }
    }
    job.append(&mut pending);
    if !job.is_empty() {
        let number = next.fetch_add(1, Ordering::SeqCst);
        let (bin, txt) = job_files(out_dir, number);
        // Written aside, then renamed: a reader never sees half a job.
        for (path, bytes) in [(&txt, preview(&job).into_bytes()), (&bin, job)] {
            let part = path.with_extension("part");
            std::fs::write(&part, bytes)?;
            std::fs::rename(&part, path)?;
        }
        tracing::info!(file = %bin.display(), "printer simulator printed a job");
    }
    let _ = stream.shutdown().await;
    Ok(())
}

/// Moves bytes from `pending` to `job`, taking out `DLE EOT n` queries and returning their
/// answers. A query cut across reads stays in `pending` for the next one.
fn split_status_queries(pending: &mut Vec<u8>, job: &mut Vec<u8>, mode: SimMode) -> Vec<u8> {
    let mut answers = Vec::new();
    let mut i = 0;
    while i < pending.len() {
        if pending[i] == DLE && pending.get(i + 1).is_none_or(|b| *b == EOT) {
            match pending.get(i + 2) {
                Some(n) => {
                    answers.push(mode.status(*n));
                    i += 3;
                    continue;
                }
                None => break,
            }
        }
        job.push(pending[i]);
        i += 1;
    }
    pending.drain(..i);
    answers
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_job_past_the_bound_is_cut_off_and_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, dir.path().to_path_buf(), SimMode::Normal));
        let mut client = TcpStream::connect(addr).await.unwrap();
        let chunk = vec![b'x'; 64 * 1024];
        let mut sent = 0;
        while sent <= 2 * MAX_JOB_BYTES && client.write_all(&chunk).await.is_ok() {
            sent += chunk.len();
        }
        drop(client);
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no job file after {sent} bytes");
    }

    #[test]
    fn status_queries_are_answered_and_kept_out_of_the_job() {
        let mut pending = vec![DLE, EOT, 4, b'h', b'i', DLE];
        let mut job = Vec::new();
        assert_eq!(split_status_queries(&mut pending, &mut job, SimMode::PaperOut), vec![0x72]);
        assert_eq!((job.as_slice(), pending.as_slice()), (&b"hi"[..], &[DLE][..]));
        pending.extend_from_slice(&[EOT, 4, b'!']);
        assert_eq!(split_status_queries(&mut pending, &mut job, SimMode::Normal), vec![0x12]);
        assert_eq!(job, b"hi!");
        assert!(pending.is_empty());
    }

    #[test]
    fn modes_have_codes() {
        for m in [SimMode::Normal, SimMode::Off, SimMode::PaperOut] {
            assert_eq!(SimMode::from_code(m.code()), Some(m));
        }
    }
}
