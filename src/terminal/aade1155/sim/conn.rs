//! One register connection to the simulated terminal: the `E/…` checks before any CONFIRMED,
//! each request's sequence, and the fault scenarios on the wire (split, glued, silence, drops).

use std::io;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep, timeout_at};

use super::super::frame::{Frame, Splitter};
use super::super::greek;
use super::super::mac::{parse_key, tdes_ecb};
use super::super::message::{AmountRequest, Request, TxnLetter};
use super::super::reply::Reply;
use super::super::result::PosResult;
use super::{Aade1155Sim, Preload, Received, Stored, pos};
use crate::terminal::sim::{Noise, Scenario, write_glued, write_split};

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

/// The fiscal device registry shape (`CFB77000028`, `ABC00111222`): 3 capitals, 8 digits.
fn is_ecr_id(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 11 && b[..3].iter().all(u8::is_ascii_uppercase) && b[3..].iter().all(u8::is_ascii_digit)
}

/// The KCV of a clear 16-byte key: 3DES-ECB of a zero block, first 3 bytes, uppercase hex.
fn kcv_of(key: &[u8]) -> Option<String> {
    let key: [u8; 16] = key.try_into().ok()?;
    tdes_ecb(&key, &[0u8; 8], true).map(|b| hex::encode_upper(&b[..3]))
}

struct Conn<'a> {
    sim: &'a Aade1155Sim,
    stream: TcpStream,
    splitter: Splitter,
    /// The request's variant and version, echoed in every reply header.
    variant: String,
    version: String,
    /// The scenario whose wire behaviour applies now.
    mode: Scenario,
    glue: Vec<u8>,
    noise: Noise,
}

pub(super) async fn handle(sim: &Aade1155Sim, stream: TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut c = Conn {
        sim,
        stream,
        splitter: Splitter::default(),
        variant: "01".into(),
        version: "01".into(),
        mode: Scenario::Approve,
        glue: Vec::new(),
        noise: Noise::new(0x1155 ^ sim.received().len() as u64),
    };
    // One request per connection, as on Mellon terminals; a quiet register is dropped.
    let deadline = Instant::now() + ms(sim.config.idle_timeout_ms);
    let Some(frame) = c.read_frame(deadline).await? else {
        return Ok(());
    };
    c.variant = frame.variant.clone();
    c.version = frame.version.clone();
    c.on_request(&frame).await?;
    c.flush().await?;
    c.stream.shutdown().await
}

impl Conn<'_> {
    async fn read_frame(&mut self, deadline: Instant) -> io::Result<Option<Frame>> {
        let mut buf = [0u8; 2048];
        loop {
            if let Some(next) = self.splitter.next_frame() {
                match next {
                    Ok(f) => return Ok(Some(f)),
                    Err(e) => {
                        tracing::debug!(error = %e, "AADE 1155 sim: malformed frame");
                        continue;
                    }
                }
            }
            match timeout_at(deadline, self.stream.read(&mut buf)).await {
                Err(_) | Ok(Ok(0)) => return Ok(None),
                Ok(Ok(n)) => self.splitter.push(&buf[..n]),
                Ok(Err(e)) => return Err(e),
            }
        }
    }

    async fn send(&mut self, reply: &Reply) -> io::Result<()> {
        let frame = Frame::new(&self.sim.config.direction, &self.variant, &self.version, reply.encode());
        let bytes = frame.encode().map_err(|e| io::Error::other(e.to_string()))?;
        match self.mode {
            Scenario::Glued => {
                self.glue.extend_from_slice(&bytes);
                Ok(())
            }
            Scenario::Split => write_split(&mut self.stream, &mut self.noise, &bytes).await,
            _ => self.stream.write_all(&bytes).await,
        }
    }

    async fn flush(&mut self) -> io::Result<()> {
        write_glued(&mut self.stream, &mut self.glue).await
    }

    async fn error(&mut self, code: &str) -> io::Result<()> {
        self.send(&Reply::Error { code: code.into() }).await
    }

    fn log(
        &self,
        frame: &Frame,
        req: Option<&Request>,
        scenario: Option<Scenario>,
        accepted: bool,
        note: &str,
    ) {
        let amount = match req {
            Some(Request::Amount(a)) => a.amount.cents(),
            _ => None,
        };
        self.sim.log(Received {
            seq: 0,
            code: frame.kind().map_or("?".into(), String::from),
            accepted,
            scenario,
            session: req.and_then(Request::session).map(str::to_string),
            amount,
            message: format!(
                "{}{}{}{}",
                frame.direction,
                frame.variant,
                frame.version,
                greek::decode(&frame.body)
            ),
            note: note.to_string(),
        });
    }

    async fn on_request(&mut self, frame: &Frame) -> io::Result<()> {
        let v10_ok = self.sim.config.version == "10";
        let version_ok = frame.version == "01" || frame.version == "10" && v10_ok;
        if !version_ok || !["01", "02"].contains(&frame.variant.as_str()) {
            self.log(frame, None, None, false, "E/001 variant/version");
            return self.error("001").await;
        }
        let req = match Request::parse(&frame.body) {
            Ok(r) => r,
            Err(e) => {
                self.log(frame, None, None, false, &format!("E/003 {e}"));
                return self.error("003").await;
            }
        };
        let base_only = matches!(&req, Request::Echo { .. })
            || matches!(&req, Request::Amount(a) if a.letter.in_base_protocol());
        if frame.version == "01" && !base_only {
            self.log(frame, Some(&req), None, false, "E/003 not a version 01 message");
            return self.error("003").await;
        }
        // The public v10 parser (`iliasPs/ecrTest` `DataTransformer.kt`) wants the literal `/Q`
        // on every amount request, its 8 characters optional, and answers E/003 without it.
        if frame.version == "10" && matches!(req, Request::Amount(_)) && req.mac().is_none() {
            self.log(frame, Some(&req), None, false, "E/003 no /Q field");
            return self.error("003").await;
        }
        match &req {
            Request::Echo { text } => {
                self.log(frame, Some(&req), None, true, "");
                self.echo(text).await
            }
            Request::Amount(a) if a.letter == TxnLetter::Preload => self.preload(frame, &req, a).await,
            Request::Amount(a) => self.financial(frame, &req, a).await,
            Request::ResendOne { .. } if !self.sim.config.resend_one => {
                self.log(frame, Some(&req), None, false, "E/500 O not supported");
                self.error("500").await
            }
            Request::ResendOne { session, .. } => {
                let stored = self.sim.state().unacked.iter().find(|s| s.result.session == *session).cloned();
                self.log(
                    frame,
                    Some(&req),
                    None,
                    true,
                    if stored.is_some() { "resent" } else { "E/100 none" },
                );
                match stored {
                    Some(s) => self.deliver(&s.result).await.map(|_| ()),
                    None => self.error("100").await,
                }
            }
            Request::ResendAll { .. } => {
                self.log(frame, Some(&req), None, true, "");
                self.resend_all().await
            }
            Request::Ack { session, .. } => {
                self.log(frame, Some(&req), None, true, "");
                self.sim.state().unacked.retain(|s| s.result.session != *session);
                self.error("000").await
            }
            Request::Control { ecr, command, .. } => {
                self.log(frame, Some(&req), None, true, "");
                let code = self.control(ecr, command);
                self.error(code).await
            }
        }
    }

    /// `W`: stored, then `E/000`; `slow` answers late, `lost-result`/`no-ack`/`disconnect`
    /// store it and never answer (the register cannot tell whether it arrived).
    async fn preload(&mut self, frame: &Frame, req: &Request, a: &AmountRequest) -> io::Result<()> {
        let cfg = &self.sim.config;
        let scenario = Scenario::pick(cfg.scenario, a.amount.cents().map(|c| c as i64), cfg.amount_table);
        self.log(frame, Some(req), Some(scenario), true, "preloaded");
        let p = Preload {
            session: a.session.clone(),
            amount: a.amount.cents().unwrap_or(0),
            ecr: a.ecr.clone(),
            receipt: a.receipt.clone(),
        };
        self.sim.state().preloads.push(p);
        match scenario {
            Scenario::LostResult | Scenario::NoAck | Scenario::DisconnectMidPayment => Ok(()),
            Scenario::Slow => {
                sleep(ms(cfg.slow_step_ms)).await;
                self.error("000").await
            }
            _ => self.error("000").await,
        }
    }

    async fn echo(&mut self, text: &str) -> io::Result<()> {
        let cfg = &self.sim.config;
        let (tid, app_version) = (cfg.tid.clone(), cfg.app_version.clone());
        // Init echoes: `X/<text>:<ecr-id>` (answered `INIT:<ecr-id>`, as `iliasPs/ecrTest` does)
        // and the production shape `X/<ecr-id>` (echoed; what a terminal answers is unpublished).
        let text = match text.split_once(':') {
            Some((_, ecr)) if self.version == "10" => {
                self.sim.state().ecr_id = Some(ecr.to_string());
                format!("INIT:{ecr}")
            }
            None if self.version == "10" && is_ecr_id(text) => {
                self.sim.state().ecr_id = Some(text.to_string());
                text.to_string()
            }
            _ => text.to_string(),
        };
        self.send(&Reply::EchoReply { text, tid, app_version }).await
    }

    fn control(&self, ecr: &str, command: &str) -> &'static str {
        let (name, param) = command.split_once(':').unwrap_or((command, ""));
        match name {
            "MAC_K" if param.is_empty() => "504",
            "MAC_K" => {
                let (key_hex, kcv) = param.split_once(':').unwrap_or((param, ""));
                let Ok(encrypted) = hex::decode(key_hex) else {
                    return "503";
                };
                let key = match parse_key(&self.sim.config.master_key) {
                    Some(mk) => tdes_ecb(&mk, &encrypted, false),
                    None => Some(encrypted),
                };
                // A KCV that does not match the decrypted key: the key cannot be used.
                let master_known = parse_key(&self.sim.config.master_key).is_some();
                if master_known && !kcv.is_empty() && key.as_deref().and_then(kcv_of).as_deref() != Some(kcv)
                {
                    return "503";
                }
                let mut st = self.sim.state();
                st.session_key = key;
                st.ecr_id.get_or_insert_with(|| ecr.to_string());
                "000"
            }
            "UNBIND_POS" => "000",
            _ => "500",
        }
    }

    /// `E/…` checks, CONFIRMED, the card transaction, the RESULT, its acknowledgement.
    async fn financial(&mut self, frame: &Frame, req: &Request, a: &AmountRequest) -> io::Result<()> {
        let cfg = &self.sim.config;
        let scenario = Scenario::pick(cfg.scenario, a.amount.cents().map(|c| c as i64), cfg.amount_table);
        let refusal = {
            let mut st = self.sim.state();
            if a.amount.currency != cfg.currency {
                Some("004")
            } else if st.previous_session.as_deref() == Some(a.session.as_str()) {
                Some("002")
            } else if scenario == Scenario::Busy {
                Some("999")
            } else if scenario == Scenario::NakOnce && !st.busied.contains(&a.session) {
                st.busied.push(a.session.clone());
                Some("999")
            } else {
                None
            }
        };
        if let Some(code) = refusal {
            self.log(frame, Some(req), Some(scenario), false, &format!("E/{code}"));
            return self.error(code).await;
        }
        self.log(frame, Some(req), Some(scenario), true, "");
        self.mode = scenario;
        if scenario != Scenario::NoAck {
            let v10 = self.version == "10";
            let confirmed = Reply::Confirmed {
                letter: 'A',
                session: a.session.clone(),
                amount: a.amount.minor.clone(),
                ecr: v10.then(|| a.ecr.clone()),
                receipt: v10.then(|| a.receipt.clone()),
            };
            self.send(&confirmed).await?;
        }
        if scenario != Scenario::Glued {
            self.flush().await?;
        }
        if scenario == Scenario::DisconnectMidPayment {
            // The terminal aborts: nothing is stored, the link just drops.
            self.sim.state().previous_session = Some(a.session.clone());
            return Ok(());
        }
        let step = if scenario == Scenario::Slow { cfg.slow_step_ms } else { cfg.step_ms };
        if step > 0 {
            sleep(ms(step)).await;
        }
        let result = {
            let mut st = self.sim.state();
            let r =
                pos::process(cfg, &mut st, a, &self.version, &self.variant, scenario == Scenario::Decline);
            if self.version == "10" {
                let stored = Stored { result: r.clone(), variant: self.variant.clone() };
                st.unacked.push(stored);
            }
            r
        };
        if scenario == Scenario::LostResult {
            return Ok(());
        }
        // Another session's RESULT comes first when one is queued (`start_on_terminal`); it is
        // kept for `L` and the register is not waited for.
        let interjected = std::mem::take(&mut self.sim.state().interjected);
        for other in interjected {
            self.send(&Reply::Result(other.clone())).await?;
            let stored = Stored { result: other, variant: self.variant.clone() };
            self.sim.state().unacked.push(stored);
        }
        if scenario == Scenario::Garbage {
            // A message of a type no register knows comes first.
            let noise = Frame::new(&cfg.direction, &self.variant, &self.version, b"K/NOISE".to_vec());
            let bytes = noise.encode().map_err(|e| io::Error::other(e.to_string()))?;
            self.stream.write_all(&bytes).await?;
        }
        self.deliver(&result).await.map(|_| ())
    }

    /// Sends a RESULT; v10 waits for its `R` and then forgets it. True when acknowledged.
    async fn deliver(&mut self, result: &PosResult) -> io::Result<bool> {
        self.send(&Reply::Result(result.clone())).await?;
        self.flush().await?;
        if self.version != "10" {
            return Ok(false);
        }
        let deadline = Instant::now() + ms(self.sim.config.ack_timeout_ms);
        while let Some(frame) = self.read_frame(deadline).await? {
            let req = Request::parse(&frame.body).ok();
            self.log(&frame, req.as_ref(), None, true, "acknowledgement");
            if let Some(Request::Ack { session, .. }) = req
                && session == result.session
            {
                self.sim.state().unacked.retain(|s| s.result.session != session);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `L`: every unacknowledged RESULT, each after the previous one's `R`; then `E/000`.
    async fn resend_all(&mut self) -> io::Result<()> {
        let waiting: Vec<Stored> = self.sim.state().unacked.clone();
        for stored in waiting {
            self.variant = stored.variant.clone();
            if !self.deliver(&stored.result).await? {
                return Ok(());
            }
        }
        self.error("000").await
    }
}
