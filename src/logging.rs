//! Logging: tracing to a daily rolling file in the data folder, plus stderr; `RUST_LOG` works.
//! Every line goes through the protocol log's mask first: no card number or secret value in it.

use std::io::Write;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::Places;

/// Keep the returned guard alive for the life of the program (it flushes the file).
pub fn init(places: &Places, gui: bool) -> Option<WorkerGuard> {
    // The command line keeps stderr for messages to the user; the GUI logs more.
    let default = if gui { "info" } else { "error" };
    let stderr_filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let stderr =
        tracing_subscriber::fmt::layer().with_writer(Masked(std::io::stderr)).with_filter(stderr_filter);
    let file = std::fs::create_dir_all(places.logs())
        .ok()
        .and_then(|_| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("tameio")
                .filename_suffix("log")
                .max_log_files(30)
                .build(places.logs())
                .ok()
        })
        .map(tracing_appender::non_blocking);
    let (file_layer, guard) = match file {
        Some((writer, guard)) => {
            let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
            (
                Some(
                    tracing_subscriber::fmt::layer()
                        .with_ansi(false)
                        .with_writer(Masked(writer))
                        .with_filter(filter),
                ),
                Some(guard),
            )
        }
        None => (None, None),
    };
    let _ = tracing_subscriber::registry().with(stderr).with(file_layer).try_init();
    guard
}

/// A writer maker whose writers mask card numbers and secrets (`wirelog::mask`) in what they
/// are given; the fmt layer writes each event whole, so a number is never split across writes.
pub struct Masked<M>(pub M);

impl<'a, M: tracing_subscriber::fmt::MakeWriter<'a>> tracing_subscriber::fmt::MakeWriter<'a> for Masked<M> {
    type Writer = MaskedWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        MaskedWriter(self.0.make_writer())
    }
}

pub struct MaskedWriter<W>(W);

impl<W: Write> Write for MaskedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(crate::terminal::wirelog::mask(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_are_masked() {
        let mut out = MaskedWriter(Vec::new());
        out.write_all(br#"body="PAN 4111111111111111" {"password":"hunter2"}"#).unwrap();
        let text = String::from_utf8(out.0).unwrap();
        assert!(!text.contains("4111111111111111") && !text.contains("hunter2"), "{text}");
        assert!(text.contains("1111"), "{text}");
    }
}
