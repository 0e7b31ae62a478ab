//! Session numbers: 6 digits, new for every request, fixed per attempt before sending (the
//! journal's reference). Taken from the attempt's uuid v7 time in milliseconds, so two
//! registers' processes started moments apart still differ.

use std::collections::VecDeque;
use std::sync::Mutex;

use uuid::Uuid;

/// How many attempt → session pairs are remembered.
const REMEMBERED: usize = 64;

#[derive(Debug, Default)]
pub(crate) struct Sessions {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    by_attempt: VecDeque<(Uuid, String)>,
    last: Option<u32>,
}

/// Milliseconds since the epoch, modulo a million (wraps every ~17 minutes; the terminal
/// refuses only a repeat of the previous session); a non-v7 id falls back to its own bits.
fn from_id(id: Uuid) -> u32 {
    let n = match id.get_timestamp() {
        Some(ts) => {
            let (secs, nanos) = ts.to_unix();
            secs.wrapping_mul(1000).wrapping_add(u64::from(nanos / 1_000_000))
        }
        None => id.as_u64_pair().0 ^ id.as_u64_pair().1,
    };
    (n % 1_000_000) as u32
}

impl Sessions {
    /// The session of this attempt: the same on every call, never the previous one again.
    pub fn for_attempt(&self, id: Uuid) -> String {
        let mut s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, session)) = s.by_attempt.iter().find(|(a, _)| *a == id) {
            return session.clone();
        }
        let mut n = from_id(id);
        if let Some(last) = s.last
            && last >= n
            && last - n < 10
        {
            // Same millisecond as the previous request (or just behind it): step past it.
            n = (last + 1) % 1_000_000;
        }
        s.last = Some(n);
        let session = format!("{n:06}");
        s.by_attempt.push_back((id, session.clone()));
        if s.by_attempt.len() > REMEMBERED {
            s.by_attempt.pop_front();
        }
        session
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_per_attempt_and_distinct_in_a_burst() {
        let s = Sessions::default();
        let ids: Vec<Uuid> = (0..20).map(|_| Uuid::now_v7()).collect();
        let sessions: Vec<String> = ids.iter().map(|id| s.for_attempt(*id)).collect();
        for w in sessions.windows(2) {
            assert_ne!(w[0], w[1]);
        }
        assert_eq!(s.for_attempt(ids[3]), sessions[3]);
        assert!(sessions.iter().all(|x| x.len() == 6 && x.bytes().all(|b| b.is_ascii_digit())));
        assert_eq!(s.for_attempt(Uuid::nil()).len(), 6);
    }
}
