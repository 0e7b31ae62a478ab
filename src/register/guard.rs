//! One process at a time drives a terminal (ARCHITECTURE "The payment rule", step 0): an OS
//! lock file per terminal in the data folder, released by the kernel even after a SIGKILL.

use std::collections::HashSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{RegisterError, Result};
use crate::terminal::Terminal;

/// How long a caller waits for a short holder (a status poll, a quick recovery) to finish.
const WAIT: Duration = Duration::from_secs(8);
const POLL: Duration = Duration::from_millis(50);

/// Where the guards live: lock files in the data folder, or (an in-memory register, in
/// tests and benchmarks) a set of its own.
#[derive(Debug, Clone)]
pub enum Locks {
    Dir(PathBuf),
    Memory(Arc<Mutex<HashSet<String>>>),
}

/// Holds a terminal for this process; dropping it (also on a panic or cancellation) releases it.
#[derive(Debug)]
pub struct TerminalGuard {
    name: String,
    held: Held,
}

#[derive(Debug)]
enum Held {
    File(File),
    Memory(Arc<Mutex<HashSet<String>>>),
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        match &self.held {
            Held::File(file) => {
                let _ = file.unlock();
            }
            Held::Memory(set) => {
                set.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.name);
            }
        }
    }
}

impl TerminalGuard {
    pub fn terminal(&self) -> &str {
        &self.name
    }
}

/// A terminal driver together with its guard: whoever holds one may talk to the terminal.
pub struct HeldTerminal {
    terminal: Box<dyn Terminal>,
    _guard: TerminalGuard,
}

impl HeldTerminal {
    pub fn new(terminal: Box<dyn Terminal>, guard: TerminalGuard) -> HeldTerminal {
        HeldTerminal { terminal, _guard: guard }
    }
}

impl std::ops::Deref for HeldTerminal {
    type Target = dyn Terminal;

    fn deref(&self) -> &Self::Target {
        self.terminal.as_ref()
    }
}

impl AsRef<dyn Terminal> for HeldTerminal {
    fn as_ref(&self) -> &(dyn Terminal + 'static) {
        self.terminal.as_ref()
    }
}

/// Takes the terminal's guard, waiting up to a few seconds for a short holder; a long holder
/// (a payment in another tameio) makes it fail with `TerminalBusy` naming that process.
pub async fn acquire(locks: &Locks, name: &str) -> Result<TerminalGuard> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match try_acquire(locks, name)? {
            Ok(guard) => return Ok(guard),
            Err(pid) if tokio::time::Instant::now() >= deadline => {
                return Err(RegisterError::TerminalBusy { terminal: name.to_string(), pid });
            }
            Err(_) => tokio::time::sleep(POLL).await,
        }
    }
}

/// One try: the guard, or the pid of the process holding it (0 when it cannot be read).
pub fn try_acquire(locks: &Locks, name: &str) -> Result<std::result::Result<TerminalGuard, u32>> {
    let dir = match locks {
        Locks::Dir(dir) => dir,
        Locks::Memory(set) => {
            if !set.lock().unwrap_or_else(|p| p.into_inner()).insert(name.to_string()) {
                return Ok(Err(std::process::id()));
            }
            return Ok(Ok(TerminalGuard { name: name.to_string(), held: Held::Memory(Arc::clone(set)) }));
        }
    };
    let path = lock_path(dir, name);
    let io = |e: std::io::Error| RegisterError::Storage(format!("{}: {e}", path.display()));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut file =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => {
            // The holder's pid, for the message another process shows.
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            write!(file, "{}", std::process::id()).map_err(io)?;
            file.flush().map_err(io)?;
            Ok(Ok(TerminalGuard { name: name.to_string(), held: Held::File(file) }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Ok(Err(text.trim().parse().unwrap_or(0)))
        }
        Err(TryLockError::Error(e)) => Err(io(e)),
    }
}

/// `locks/terminal-<name>.lock`, the name reduced to characters every file system takes.
fn lock_path(dir: &Path, name: &str) -> PathBuf {
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    // Two names that reduce alike ("a b" and "a_b") still get their own file.
    let tag: u32 = name.bytes().fold(2166136261u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16777619));
    dir.join(format!("terminal-{safe}-{tag:08x}.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_held_terminal_is_refused_with_the_holders_pid_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let locks = Locks::Dir(dir.path().to_path_buf());
        let first = acquire(&locks, "front").await.unwrap();
        // A second open of the lock file conflicts like another process would.
        let second = try_acquire(&locks, "front").unwrap();
        assert_eq!(second.err(), Some(std::process::id()));
        assert!(try_acquire(&locks, "back").unwrap().is_ok(), "other terminals are free");
        drop(first);
        assert!(try_acquire(&locks, "front").unwrap().is_ok());
    }

    #[tokio::test]
    async fn an_in_memory_register_holds_its_terminals_in_its_own_set() {
        let locks = Locks::Memory(Arc::default());
        let first = acquire(&locks, "front").await.unwrap();
        assert!(try_acquire(&locks, "front").unwrap().is_err());
        assert!(try_acquire(&Locks::Memory(Arc::default()), "front").unwrap().is_ok(), "another register");
        drop(first);
        assert!(try_acquire(&locks, "front").unwrap().is_ok());
    }
}
