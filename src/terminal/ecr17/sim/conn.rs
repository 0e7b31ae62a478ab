//! One ECR connection to the simulated terminal: frame checks with ACK/NAK, the fault
//! scenarios on the wire (split, glued, noise, silence, drops) and each request's sequence.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep, timeout_at};

use super::super::frame::{
    ACK_FRAME, FRAMING_BYTES, Frame, FrameReader, LrcCheck, NAK_FRAME, encode_message, encode_progress,
};
use super::super::message::Request;
use super::super::reply::receipt_messages;
use super::{Ecr17Sim, Received, terminal};
use crate::terminal::sim::{Noise, Scenario, write_glued, write_split};

enum Flow {
    Continue,
    Close,
}

struct Conn<'a> {
    sim: &'a Ecr17Sim,
    stream: TcpStream,
    reader: FrameReader,
    /// The scenario whose wire behaviour applies now.
    mode: Scenario,
    /// Bytes held back in the glued scenario until the next wait for an ACK.
    glue: Vec<u8>,
    noise: Noise,
    naked_once: bool,
}

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

pub(super) async fn handle(sim: &Ecr17Sim, stream: TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut c = Conn {
        sim,
        stream,
        reader: FrameReader::default(),
        mode: sim.config.scenario,
        glue: Vec::new(),
        noise: Noise::new(0x5EED ^ sim.received().len() as u64),
        naked_once: false,
    };
    loop {
        let deadline = Instant::now() + ms(sim.config.idle_timeout_ms);
        let Some(frame) = c.read_frame(deadline).await? else {
            return Ok(());
        };
        match frame {
            Frame::Message { body, lrc: LrcCheck::Valid(_) } => {
                if let Flow::Close = c.on_request(&body).await? {
                    return Ok(());
                }
            }
            Frame::Message { body, .. } => c.reject(&body, None, "bad LRC").await?,
            _ => {}
        }
    }
}

impl Conn<'_> {
    /// The next frame, or `None` when the ECR closed or went quiet.
    async fn read_frame(&mut self, deadline: Instant) -> io::Result<Option<Frame>> {
        let mut buf = [0u8; 1024];
        loop {
            if let Some(f) = self.reader.next_frame() {
                return Ok(Some(f));
            }
            match timeout_at(deadline, self.stream.read(&mut buf)).await {
                Err(_) | Ok(Ok(0)) => return Ok(None),
                Ok(Ok(n)) => self.reader.push(&buf[..n]),
                Ok(Err(e)) => return Err(e),
            }
        }
    }

    async fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.mode {
            Scenario::Glued => {
                self.glue.extend_from_slice(bytes);
                Ok(())
            }
            Scenario::Garbage => {
                let len = 1 + (self.noise.next_u64() % 12) as usize;
                let mut out = self.noise.bytes(len, &FRAMING_BYTES);
                out.extend_from_slice(bytes);
                self.stream.write_all(&out).await
            }
            Scenario::Split => write_split(&mut self.stream, &mut self.noise, bytes).await,
            _ => self.stream.write_all(bytes).await,
        }
    }

    async fn flush(&mut self) -> io::Result<()> {
        write_glued(&mut self.stream, &mut self.glue).await
    }

    fn log(
        &self,
        body: &[u8],
        req: Option<&Request>,
        scenario: Option<Scenario>,
        accepted: bool,
        note: &str,
    ) {
        self.sim.log(Received {
            seq: 0,
            code: body.get(9).map_or("?".into(), |b| (*b as char).to_string()),
            accepted,
            scenario,
            amount: req.and_then(Request::amount),
            message: String::from_utf8_lossy(body).into_owned(),
            note: note.to_string(),
        });
    }

    async fn reject(&mut self, body: &[u8], req: Option<&Request>, why: &str) -> io::Result<()> {
        self.log(body, req, None, false, why);
        self.stream.write_all(&NAK_FRAME).await
    }

    /// Sends an application frame until it is ACKed (4 tries); false if never.
    async fn send_app(&mut self, msg: &[u8], corrupt_first: bool) -> io::Result<bool> {
        let frame = encode_message(msg, self.sim.config.lrc);
        for attempt in 0..4 {
            let mut copy = frame.clone();
            if corrupt_first && attempt == 0 {
                let last = copy.len() - 1;
                // Flip to a value no LRC rule gives and that is no framing byte, so it is NAKed.
                copy[last] ^= if FRAMING_BYTES.contains(&(copy[last] ^ 0x55)) { 0x2A } else { 0x55 };
            }
            self.emit(&copy).await?;
            self.flush().await?;
            let deadline = Instant::now() + ms(self.sim.config.ack_timeout_ms);
            loop {
                match self.read_frame(deadline).await? {
                    Some(Frame::Ack) => return Ok(true),
                    Some(Frame::Nak) => break,
                    None if Instant::now() < deadline => return Ok(false),
                    None => break,
                    Some(_) => {}
                }
            }
        }
        Ok(false)
    }

    async fn send_receipt(&mut self, receipt: &[u8]) -> io::Result<()> {
        for msg in receipt_messages(&self.sim.config.tid, receipt).map_err(other)? {
            if !self.send_app(&msg, false).await? {
                break;
            }
        }
        Ok(())
    }

    async fn ack(&mut self) -> io::Result<()> {
        self.emit(&ACK_FRAME).await
    }

    async fn on_request(&mut self, body: &[u8]) -> io::Result<Flow> {
        let (tid, req) = match Request::parse(body) {
            Ok(parsed) => parsed,
            Err(e) => {
                return self.reject(body, None, &e.to_string()).await.map(|_| Flow::Continue);
            }
        };
        let cfg = &self.sim.config;
        if cfg.check_tid && tid != "00000000" && tid != cfg.tid {
            return self.reject(body, Some(&req), "wrong terminal id").await.map(|_| Flow::Continue);
        }
        if cfg.strict && matches!(req, Request::EcrPrint { .. }) {
            // The strict profile: no ACK, no NAK (review E-1; Nexi documents an ACK only).
            self.log(body, Some(&req), None, false, "E1 left unanswered (strict profile)");
            return Ok(Flow::Continue);
        }
        if !req.is_financial() {
            self.log(body, Some(&req), None, true, "");
            return self.service(&req).await;
        }
        let scenario = Scenario::pick(cfg.scenario, req.amount().map(|a| a as i64), cfg.amount_table);
        match scenario {
            Scenario::Busy => {
                return self.reject(body, Some(&req), "busy").await.map(|_| Flow::Continue);
            }
            Scenario::NakOnce if !self.naked_once => {
                self.naked_once = true;
                return self.reject(body, Some(&req), "nak-once").await.map(|_| Flow::Continue);
            }
            _ => {}
        }
        self.log(body, Some(&req), Some(scenario), true, "");
        self.mode = scenario;
        self.financial(&req, scenario).await
    }

    /// Requests that move no money.
    async fn service(&mut self, req: &Request) -> io::Result<Flow> {
        self.ack().await?;
        match req {
            Request::Status => {
                let msg = terminal::status_reply(self.sim).map_err(other)?;
                self.send_app(&msg, false).await?;
            }
            Request::EcrPrint { enable } => self.sim.state().ecr_print = *enable,
            Request::Reprint { to_ecr: true, service } => {
                let stored = {
                    let st = self.sim.state();
                    if *service { st.last_service_receipt.clone() } else { st.last_receipt.clone() }
                };
                if let Some(receipt) = stored {
                    self.flush().await?;
                    self.send_receipt(&receipt).await?;
                }
            }
            Request::LastResult { .. } => {
                let stored = self.sim.state().last_result.clone();
                let Some(result) = stored else {
                    // Nothing stored: ACK only, then hang up (the doc leaves this open).
                    self.flush().await?;
                    return Ok(Flow::Close);
                };
                self.send_app(&result, false).await?;
            }
            Request::Totals { .. } | Request::CloseSession { .. } => {
                let close = matches!(req, Request::CloseSession { .. });
                let (msg, receipt) = terminal::totals_reply(self.sim, close).map_err(other)?;
                let print = close && std::mem::take(&mut self.sim.state().ecr_print);
                self.send_app(&msg, false).await?;
                if print {
                    self.send_receipt(&receipt).await?;
                }
                if close {
                    return Ok(Flow::Close);
                }
            }
            _ => {}
        }
        self.flush().await?;
        Ok(Flow::Continue)
    }

    /// A payment-like request: ACK, progress, result stored for `G`, result, receipt, hang up.
    async fn financial(&mut self, req: &Request, scenario: Scenario) -> io::Result<Flow> {
        if scenario != Scenario::NoAck {
            self.ack().await?;
        }
        let cfg = &self.sim.config;
        let step = if scenario == Scenario::Slow { cfg.slow_step_ms } else { cfg.step_ms };
        // A real terminal finishes the card transaction even when the ECR goes away mid-way
        // (the customer is at the terminal): the result is then only reachable through `G`.
        let mut link_up = true;
        for (i, text) in ["INSERIRE CARTA", "DIGITARE PIN", "CONNESSIONE HOST"].into_iter().enumerate() {
            if step > 0 {
                link_up = link_up && self.flush().await.is_ok();
                sleep(ms(step)).await;
            }
            link_up = link_up && self.emit(&encode_progress(text)).await.is_ok();
            if scenario == Scenario::DisconnectMidPayment && i == 1 {
                // The terminal aborts: nothing is stored, the link just drops.
                let _ = self.flush().await;
                self.sim.state().ecr_print = false;
                return Ok(Flow::Close);
            }
        }
        if scenario != Scenario::Glued {
            link_up = link_up && self.flush().await.is_ok();
        }
        self.sim.wait_unpaused().await;
        let done = terminal::process(self.sim, req, scenario == Scenario::Decline).map_err(other)?;
        let print = std::mem::take(&mut self.sim.state().ecr_print);
        if scenario == Scenario::LostResult || !link_up {
            let _ = self.flush().await;
            return Ok(Flow::Close);
        }
        let before = print && self.sim.config.receipt_before_result;
        if before {
            self.flush().await?;
            self.send_receipt(&done.receipt).await?;
        }
        if self.send_app(&done.result, scenario == Scenario::Garbage).await? && print && !before {
            self.send_receipt(&done.receipt).await?;
        }
        Ok(Flow::Close)
    }
}
