//! Sends a print job to a network printer (raw TCP, port 9100) or a device file, asking the
//! printer for paper first where it answers, and never waiting longer than its timeouts.

use std::io::ErrorKind;
use std::path::PathBuf;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::error::PrintError;
use super::escpos::{PAPER_END_BITS, PAPER_NEAR_END_BITS, PAPER_STATUS_QUERY};

/// Where a job goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterTarget {
    /// `host:port`; port 9100 when left out.
    Network(String),
    /// `/dev/usb/lp0`, `/dev/ttyUSB0`, `\\.\COM3`, `LPT1`, or any file.
    Device(PathBuf),
}

impl PrinterTarget {
    pub fn parse(input: &str) -> Result<PrinterTarget, PrintError> {
        let s = input.trim();
        let device_like =
            s.starts_with('/') || s.starts_with("\\\\") || s.starts_with("./") || s.contains('\\');
        let port_like = s.to_ascii_uppercase();
        if device_like || port_like.starts_with("COM") || port_like.starts_with("LPT") {
            return Ok(PrinterTarget::Device(PathBuf::from(s)));
        }
        if let Some(path) = s.strip_prefix("file:") {
            return Ok(PrinterTarget::Device(PathBuf::from(path)));
        }
        let valid_host = |h: &str| !h.is_empty() && !h.contains(char::is_whitespace) && h != ":";
        if s.starts_with('[') || s.parse::<std::net::SocketAddr>().is_ok() {
            return Ok(PrinterTarget::Network(s.to_string()));
        }
        match s.rsplit_once(':') {
            Some((host, port)) if valid_host(host) && port.parse::<u16>().is_ok() => {
                Ok(PrinterTarget::Network(s.to_string()))
            }
            None if valid_host(s) => Ok(PrinterTarget::Network(format!("{s}:9100"))),
            _ => Err(PrintError::BadAddress(input.to_string())),
        }
    }
}

/// How long each step may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    /// Waiting for the answer to `DLE EOT 4`; printers that never answer are printed to anyway.
    pub status: Duration,
    pub write: Duration,
    /// Waiting, after the job, for the printer to close its side (so the job is known received).
    pub linger: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(3),
            status: Duration::from_millis(1500),
            write: Duration::from_secs(10),
            linger: Duration::from_millis(1500),
        }
    }
}

/// Sends `job` to `target` (`host[:port]` or a device path) with the default timeouts.
pub async fn send(target: &str, job: &[u8]) -> Result<(), PrintError> {
    send_with(&PrinterTarget::parse(target)?, job, Timeouts::default()).await
}

pub async fn send_with(target: &PrinterTarget, job: &[u8], t: Timeouts) -> Result<(), PrintError> {
    match target {
        PrinterTarget::Network(addr) => send_tcp(addr, job, t).await,
        PrinterTarget::Device(path) => send_device(path, job, t).await,
    }
}

async fn send_tcp(addr: &str, job: &[u8], t: Timeouts) -> Result<(), PrintError> {
    let printer = addr.to_string();
    let mut stream = match timeout(t.connect, TcpStream::connect(addr)).await {
        Err(_) => {
            return Err(PrintError::Unreachable { printer, detail: "no answer to the connection".into() });
        }
        Ok(Err(e)) if e.kind() == ErrorKind::ConnectionRefused => {
            return Err(PrintError::Off { printer, detail: e.to_string() });
        }
        Ok(Err(e)) => {
            return Err(PrintError::Unreachable { printer, detail: e.to_string() });
        }
        Ok(Ok(s)) => s,
    };
    check_paper(&mut stream, &printer, t).await?;
    let interrupted =
        |e: std::io::Error| PrintError::Interrupted { printer: printer.clone(), detail: e.to_string() };
    match timeout(t.write, async {
        stream.write_all(job).await?;
        stream.flush().await?;
        stream.shutdown().await
    })
    .await
    {
        Err(_) => {
            return Err(PrintError::Timeout { printer, step: "sending the receipt" });
        }
        Ok(Err(e)) => return Err(interrupted(e)),
        Ok(Ok(())) => {}
    }
    // The printer closing its side tells us it took everything; a printer that keeps the
    // connection open is not an error.
    let mut sink = [0u8; 64];
    let _ = timeout(t.linger, async { while stream.read(&mut sink).await.is_ok_and(|n| n > 0) {} }).await;
    tracing::info!(printer = addr, bytes = job.len(), "print job sent");
    Ok(())
}

/// Asks `DLE EOT 4`; paper end is an error, silence is not (many printers never answer).
async fn check_paper(stream: &mut TcpStream, printer: &str, t: Timeouts) -> Result<(), PrintError> {
    let off = |detail: String| PrintError::Off { printer: printer.to_string(), detail };
    match timeout(t.status, stream.write_all(&PAPER_STATUS_QUERY)).await {
        Err(_) => {
            return Err(PrintError::Timeout { printer: printer.to_string(), step: "asking for its status" });
        }
        Ok(Err(e)) => return Err(off(e.to_string())),
        Ok(Ok(())) => {}
    }
    let mut answer = [0u8; 1];
    match timeout(t.status, stream.read(&mut answer)).await {
        Err(_) => {
            tracing::debug!(printer, "no answer to the paper status query; printing anyway");
            Ok(())
        }
        Ok(Ok(0)) => Err(off("closed the connection at once".into())),
        Ok(Err(e)) => Err(off(e.to_string())),
        Ok(Ok(_)) if answer[0] & PAPER_END_BITS != 0 => {
            Err(PrintError::PaperOut { printer: printer.to_string(), status: answer[0] })
        }
        Ok(Ok(_)) => {
            if answer[0] & PAPER_NEAR_END_BITS != 0 {
                tracing::warn!(printer, "printer paper is near its end");
            }
            Ok(())
        }
    }
}

/// Device writes block in the kernel, so they run on a blocking thread; a device that hangs
/// leaves that thread behind, never the caller.
async fn send_device(path: &std::path::Path, job: &[u8], t: Timeouts) -> Result<(), PrintError> {
    let shown = path.display().to_string();
    let (owned_path, owned_job) = (path.to_path_buf(), job.to_vec());
    let write = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new().write(true).open(owned_path)?;
        file.write_all(&owned_job)?;
        file.flush()
    });
    match timeout(t.connect + t.write, write).await {
        Err(_) => Err(PrintError::Timeout { printer: shown, step: "sending the receipt" }),
        Ok(Err(join)) => Err(PrintError::Device { path: shown, detail: join.to_string() }),
        // A USB printer that is switched off has no device node.
        Ok(Ok(Err(e))) if e.kind() == ErrorKind::NotFound => {
            Err(PrintError::Off { printer: shown, detail: e.to_string() })
        }
        Ok(Ok(Err(e))) => Err(PrintError::Device { path: shown, detail: e.to_string() }),
        Ok(Ok(Ok(()))) => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse() {
        let net = |s: &str| PrinterTarget::Network(s.to_string());
        assert_eq!(PrinterTarget::parse("192.168.1.50").unwrap(), net("192.168.1.50:9100"));
        assert_eq!(PrinterTarget::parse("printer.local:9101").unwrap(), net("printer.local:9101"));
        assert_eq!(PrinterTarget::parse("[::1]:9100").unwrap(), net("[::1]:9100"));
        assert_eq!(
            PrinterTarget::parse("/dev/usb/lp0").unwrap(),
            PrinterTarget::Device("/dev/usb/lp0".into())
        );
        assert_eq!(PrinterTarget::parse("COM3").unwrap(), PrinterTarget::Device("COM3".into()));
        assert!(matches!(PrinterTarget::parse("host:notaport"), Err(PrintError::BadAddress(_))));
        assert!(matches!(PrinterTarget::parse(""), Err(PrintError::BadAddress(_))));
    }

    #[tokio::test]
    async fn a_missing_device_reads_as_printer_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lp0");
        let target = PrinterTarget::Device(path.clone());
        let err = send_with(&target, b"x", Timeouts::default()).await.unwrap_err();
        assert!(matches!(err, PrintError::Off { .. }), "{err}");
        std::fs::write(&path, b"").unwrap();
        send_with(&target, b"job", Timeouts::default()).await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"job");
    }

    #[tokio::test]
    async fn a_closed_port_reads_as_printer_off() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        drop(listener);
        let err = send(&addr, b"x").await.unwrap_err();
        assert!(matches!(err, PrintError::Off { .. }), "{err}");
    }
}
