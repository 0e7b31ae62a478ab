//! One ECR17 TCP connection seen as frames: send with ACK/NAK and retransmission, receive
//! with ACK of every good application frame, NAK of bad ones, progress passed to the GUI.

use std::collections::VecDeque;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep, timeout, timeout_at};

use super::decode;
use super::frame::{ACK_FRAME, Frame, FrameReader, LrcCheck, LrcRule, NAK_FRAME, encode_message};
use super::options::Ecr17Options;
use crate::terminal::wirelog::{self, Direction};
use crate::terminal::{Progress, ProgressSink, TerminalError};

/// A link failure, before the caller decides what it means for the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkError {
    Timeout,
    Closed,
    Io(String),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Timeout => f.write_str("timed out"),
            LinkError::Closed => f.write_str("the terminal closed the connection"),
            LinkError::Io(e) => f.write_str(e),
        }
    }
}

/// How sending one application frame ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sent {
    Acked,
    /// No ACK but an application frame came: taken as ACK, the frame is kept for reading.
    Implicit,
    /// Every copy was NAKed: the peer refused it.
    Refused,
    /// No ACK and, being financial, not repeated: the result may still come.
    Unconfirmed,
}

pub(crate) struct Link<'a> {
    stream: TcpStream,
    reader: FrameReader,
    pending: VecDeque<Frame>,
    opts: &'a Ecr17Options,
    progress: &'a ProgressSink,
    /// The LRC rule the terminal's last good frame matched.
    pub lrc_seen: Option<LrcRule>,
    /// The terminal's address, for the protocol log.
    peer: String,
}

impl<'a> Link<'a> {
    pub async fn open(
        addr: &str,
        opts: &'a Ecr17Options,
        progress: &'a ProgressSink,
    ) -> Result<Link<'a>, TerminalError> {
        progress.emit(Progress::Connecting);
        let stream = match timeout(Ecr17Options::ms(opts.connect_timeout_ms), TcpStream::connect(addr)).await
        {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return Err(TerminalError::Unreachable(format!("{addr}: {e}"))),
            Err(_) => {
                return Err(TerminalError::Unreachable(format!("{addr}: connect timed out")));
            }
        };
        // Frames are tiny and latency matters more than segments.
        let _ = stream.set_nodelay(true);
        Ok(Link {
            stream,
            reader: FrameReader::new(&opts.accepted_lrc()),
            pending: VecDeque::new(),
            opts,
            progress,
            lrc_seen: None,
            peer: addr.to_string(),
        })
    }

    async fn write(&mut self, bytes: &[u8]) -> Result<(), LinkError> {
        for line in decode::log_frames(bytes) {
            wirelog::record_masked("ecr17", &self.peer, Direction::Out, &line);
        }
        self.stream.write_all(bytes).await.map_err(|e| LinkError::Io(e.to_string()))
    }

    async fn read_frame(&mut self, deadline: Instant) -> Result<Frame, LinkError> {
        let mut buf = [0u8; 1024];
        loop {
            if let Some(f) = self.pending.pop_front() {
                return Ok(f);
            }
            if let Some(f) = self.reader.next_frame() {
                wirelog::record_masked("ecr17", &self.peer, Direction::In, &decode::log_frame(&f));
                return Ok(f);
            }
            match timeout_at(deadline, self.stream.read(&mut buf)).await {
                Err(_) => return Err(LinkError::Timeout),
                Ok(Ok(0)) => return Err(LinkError::Closed),
                Ok(Ok(n)) => self.reader.push(&buf[..n]),
                Ok(Err(e)) => return Err(LinkError::Io(e.to_string())),
            }
        }
    }

    /// Sends one message and waits for its ACK, repeating it after a NAK (and after an ACK
    /// timeout unless `financial` forbids it).
    pub async fn send(&mut self, message: &[u8], financial: bool) -> Result<Sent, LinkError> {
        let frame = encode_message(message, self.opts.lrc);
        let repeat_on_silence = !financial || self.opts.retransmit_financial_on_ack_timeout;
        let mut sends: u8 = 0;
        loop {
            self.write(&frame).await?;
            sends += 1;
            if sends == 1 {
                self.progress.emit(Progress::Sent);
                if financial {
                    crate::fault::crash_point(crate::fault::Step::RequestWritten);
                }
            }
            let deadline = Instant::now() + Ecr17Options::ms(self.opts.ack_timeout_ms);
            match self.wait_ack(deadline).await {
                Ok(Sent::Acked) => {
                    self.progress.emit(Progress::Acknowledged);
                    if financial {
                        crate::fault::crash_point(crate::fault::Step::Acknowledged);
                    }
                    return Ok(Sent::Acked);
                }
                Ok(other) if other != Sent::Refused => return Ok(other),
                Ok(_) if sends > self.opts.max_retransmissions => return Ok(Sent::Refused),
                Ok(_) => {}
                Err(LinkError::Timeout) if !repeat_on_silence => return Ok(Sent::Unconfirmed),
                Err(LinkError::Timeout) if sends > self.opts.max_retransmissions => {
                    return Err(LinkError::Timeout);
                }
                Err(LinkError::Timeout) => {}
                Err(e) => return Err(e),
            }
            self.progress.emit(Progress::Retrying(sends));
            sleep(Ecr17Options::ms(self.opts.retransmit_delay_ms)).await;
        }
    }

    /// `Refused` here means one NAK.
    async fn wait_ack(&mut self, deadline: Instant) -> Result<Sent, LinkError> {
        loop {
            match self.read_frame(deadline).await? {
                Frame::Ack => return Ok(Sent::Acked),
                Frame::Nak => return Ok(Sent::Refused),
                Frame::Progress(text) => self.progress.display(&text),
                f @ Frame::Message { lrc: LrcCheck::Valid(_), .. } => {
                    self.pending.push_front(f);
                    return Ok(Sent::Implicit);
                }
                Frame::Message { .. } => self.write(&NAK_FRAME).await?,
            }
        }
    }

    /// The next good application message (ACKed on arrival); progress goes to the sink,
    /// stray ACK/NAKs are ignored, frames with a bad LRC are NAKed so they come again.
    pub async fn next_message(&mut self, deadline: Instant) -> Result<Vec<u8>, LinkError> {
        loop {
            match self.read_frame(deadline).await? {
                Frame::Progress(text) => self.progress.display(&text),
                Frame::Ack | Frame::Nak => {}
                Frame::Message { body, lrc: LrcCheck::Valid(rule) } => {
                    if self.lrc_seen != Some(rule) && rule != self.opts.lrc {
                        tracing::info!(rule = rule.code(), "ECR17 terminal uses another LRC rule");
                    }
                    self.lrc_seen = Some(rule);
                    self.write(&ACK_FRAME).await?;
                    return Ok(body);
                }
                Frame::Message { lrc: LrcCheck::Invalid { got, expected }, .. } => {
                    tracing::warn!(got, expected, "ECR17 frame with a bad LRC, NAKed");
                    self.write(&NAK_FRAME).await?;
                }
            }
        }
    }
}
