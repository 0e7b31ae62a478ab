//! The technician's tools behind `tameio sim` and `tameio frame decode`: a simulated terminal
//! or printer bound to an address, and captured traffic decoded to JSON, whatever the protocol.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use super::{RegisterError, Result};
use crate::fl;
use crate::i18n::I18n;
use crate::terminal::sim::{Scenario, UnknownScenario};
use crate::terminal::{Protocol, aade1155, ecr17, nexo, webecr};

/// A simulator listening on its address, not yet serving: `banner` says where and as what;
/// `serve` runs it until it fails (the caller stops it, e.g. on Ctrl-C).
pub struct Simulator {
    banner: String,
    serve: Pin<Box<dyn Future<Output = std::io::Result<()>> + Send>>,
}

impl Simulator {
    /// One line for the person who started it: the address, the terminal and the scenario.
    pub fn banner(&self) -> &str {
        &self.banner
    }

    /// Serves requests until an I/O failure.
    pub async fn serve(self) -> Result<()> {
        self.serve.await.map_err(|e| RegisterError::Storage(e.to_string()))
    }
}

/// What `tameio sim nexo` sets on its simulated terminal.
#[derive(Debug, Clone, Default)]
pub struct NexoSimOptions {
    pub scenario: String,
    pub step_ms: u64,
    pub busy_after_ms: u64,
    /// Full integration: the register's listener (`HOST:PORT`) to post display texts to.
    pub pos: Option<String>,
    pub signature: bool,
    /// The strict real-terminal profile (`nexo::sim::SimConfig::strict`).
    pub strict: bool,
}

fn scenario(code: &str) -> Result<Scenario> {
    code.parse().map_err(|e: UnknownScenario| RegisterError::BadInput(e.to_string()))
}

async fn listen(addr: &str) -> Result<(tokio::net::TcpListener, std::net::SocketAddr)> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| RegisterError::BadInput(format!("cannot listen on {addr}: {e}")))?;
    let local = listener.local_addr().map_err(|e| RegisterError::BadInput(e.to_string()))?;
    Ok((listener, local))
}

/// A simulated ECR17 terminal (Nexi Italy, LAN) on `addr`, one JSON line per request on stdout;
/// `strict`: the strict real-terminal profile.
pub async fn ecr17_sim(
    addr: &str,
    scenario_code: &str,
    terminal_id: Option<String>,
    step_ms: u64,
    strict: bool,
) -> Result<Simulator> {
    use ecr17::sim::{Ecr17Sim, SimConfig};
    let mut config = SimConfig {
        scenario: scenario(scenario_code)?,
        step_ms,
        echo_json: true,
        strict,
        ..SimConfig::default()
    };
    if let Some(tid) = terminal_id {
        config.tid = tid;
    }
    let (listener, local) = listen(addr).await?;
    let banner = format!(
        "ECR17 simulator (terminal {}) listening on {local}, scenario {}",
        config.tid,
        config.scenario.code()
    );
    Ok(Simulator { banner, serve: Box::pin(ecr17::sim::serve(listener, Ecr17Sim::new(config))) })
}

/// A simulated AADE 1155 terminal (Greece, LAN); `version` 01 (base) or 10 (A.1155 extensions);
/// `strict`: the strict real-terminal profile.
pub async fn aade1155_sim(addr: &str, scenario_code: &str, version: &str, strict: bool) -> Result<Simulator> {
    use aade1155::sim::{Aade1155Sim, SimConfig};
    if version != "01" && version != "10" {
        return Err(RegisterError::BadInput(format!("version {version}: 01 or 10")));
    }
    let config = SimConfig {
        scenario: scenario(scenario_code)?,
        version: version.to_string(),
        echo_json: true,
        strict,
        ..SimConfig::default()
    };
    let (listener, local) = listen(addr).await?;
    let banner = format!(
        "AADE 1155 simulator (terminal {}, version {}) listening on {local}",
        config.tid, config.version
    );
    Ok(Simulator { banner, serve: Box::pin(aade1155::sim::serve(listener, Aade1155Sim::new(config))) })
}

/// A simulated WebECR backend with its terminal (Greece, cloud); it prints a first pairing code
/// when it starts serving.
pub async fn webecr_sim(addr: &str, scenario_code: &str, strict: bool) -> Result<Simulator> {
    use webecr::sim::{SimConfig, WebEcrSim};
    let config = SimConfig { scenario: scenario(scenario_code)?, echo: true, strict, ..SimConfig::default() };
    let (listener, local) = listen(addr).await?;
    let banner = format!(
        "WebECR simulator on http://{local}/api (user {}, password {}, terminal {}); new pairing code: POST /api/sim/pairing-code/",
        config.username, config.password, config.tid
    );
    let sim = WebEcrSim::new(config);
    // The first code goes out below the banner, as the simulator starts.
    let serve = async move {
        sim.new_pairing_code();
        webecr::sim::serve(listener, sim).await
    };
    Ok(Simulator { banner, serve: Box::pin(serve) })
}

/// A simulated nexo Retailer terminal (PAX, Swedbank Pay) over HTTP.
pub async fn nexo_sim(addr: &str, options: NexoSimOptions) -> Result<Simulator> {
    use nexo::sim::{NexoSim, SimConfig};
    let config = SimConfig {
        scenario: scenario(&options.scenario)?,
        step_ms: options.step_ms,
        busy_after_ms: options.busy_after_ms,
        echo: true,
        pos: options.pos,
        signature: options.signature,
        strict: options.strict,
        ..SimConfig::default()
    };
    let (listener, local) = listen(addr).await?;
    let banner = format!(
        "nexo simulator (terminal {}) listening on {local}, POST {}, scenario {}{}",
        config.serial,
        nexo::PATH,
        config.scenario.code(),
        if config.strict { ", strict profile" } else { "" }
    );
    Ok(Simulator { banner, serve: Box::pin(nexo::sim::serve(listener, NexoSim::new(config))) })
}

/// An ESC/POS printer on TCP writing each job to `out` (raw and as a text preview); `mode`
/// normal, off or paper-out.
pub async fn printer_sim(addr: &str, out: PathBuf, mode: &str) -> Result<Simulator> {
    let mode = crate::print::SimMode::from_code(mode).ok_or_else(|| {
        RegisterError::BadInput(format!("unknown printer mode “{mode}” (normal, off, paper-out)"))
    })?;
    std::fs::create_dir_all(&out).map_err(|e| RegisterError::BadInput(format!("{}: {e}", out.display())))?;
    let (listener, local) = listen(addr).await?;
    let banner = format!("printer simulator on {local}, writing jobs to {}", out.display());
    Ok(Simulator { banner, serve: Box::pin(crate::print::serve(listener, out, mode)) })
}

/// Why a capture could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// Not a protocol `frame decode` knows.
    Protocol(String),
    /// Hex-framed protocols: the text is not hexadecimal.
    NotHex(String),
    NotJson(String),
    NotNexo(String),
    /// The capture file could not be read.
    File(String),
    Empty,
}

impl FrameError {
    /// The message in the user's language.
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            FrameError::Protocol(p) => fl!(i18n, "err-frame-protocol", protocol = p.clone()),
            FrameError::NotHex(d) => fl!(i18n, "err-frame-not-hex", detail = d.clone()),
            FrameError::NotJson(d) => fl!(i18n, "err-frame-not-json", detail = d.clone()),
            FrameError::NotNexo(d) => fl!(i18n, "err-frame-not-nexo", detail = d.clone()),
            FrameError::File(d) => fl!(i18n, "err-frame-file", detail = d.clone()),
            FrameError::Empty => fl!(i18n, "err-frame-empty"),
        }
    }
}

/// Decodes captured traffic of protocol `protocol_code` (hex for the LAN protocols, JSON or
/// XML, inline or a capture file, for the others) to one JSON value.
pub fn decode_frame(protocol_code: &str, input: &str) -> std::result::Result<serde_json::Value, FrameError> {
    match Protocol::from_code(protocol_code) {
        Some(Protocol::Ecr17) => ecr17::decode_frame(input.trim()).map_err(|e| match e {
            ecr17::decode::DecodeError::Hex(d) => FrameError::NotHex(d),
            ecr17::decode::DecodeError::Empty => FrameError::Empty,
        }),
        Some(Protocol::Aade1155) => aade1155::decode_frame(input.trim()).map_err(|e| match e {
            aade1155::decode::DecodeError::Hex(d) => FrameError::NotHex(d),
            aade1155::decode::DecodeError::Empty => FrameError::Empty,
        }),
        Some(Protocol::WebEcr) => webecr::decode_input(input).map_err(|e| match e {
            webecr::decode::DecodeError::Json(d) => FrameError::NotJson(d),
            webecr::decode::DecodeError::File(d) => FrameError::File(d),
            webecr::decode::DecodeError::Empty => FrameError::Empty,
        }),
        Some(Protocol::Nexo) => nexo::decode_input(input).map_err(|e| match e {
            nexo::decode::DecodeError::Xml(d) => FrameError::NotNexo(d),
            nexo::decode::DecodeError::File(d) => FrameError::File(d),
            nexo::decode::DecodeError::Empty => FrameError::Empty,
        }),
        _ => Err(FrameError::Protocol(protocol_code.to_string())),
    }
}
