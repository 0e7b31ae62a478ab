//! Logging: tracing to a daily rolling file in the data folder, plus stderr; `RUST_LOG` works.

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
    let stderr = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_filter(stderr_filter);
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
                    tracing_subscriber::fmt::layer().with_ansi(false).with_writer(writer).with_filter(filter),
                ),
                Some(guard),
            )
        }
        None => (None, None),
    };
    let _ = tracing_subscriber::registry().with(stderr).with(file_layer).try_init();
    guard
}
