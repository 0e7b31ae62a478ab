//! Start-up to the first drawn frame and idle memory of tameio's window, against an empty iced
//! 0.14 window with the same renderer, font and size (`examples/empty_window.rs`, run from this
//! very binary), both spawned under a private Xvfb and measured the same way: from spawn to the
//! window mapped, to its first frame (more than one colour in it, polled with ImageMagick
//! `import`), and resident memory after 2 s idle (`VmRSS`). Skipped without Xvfb, xdotool, import.
//! `TAMEIO_BENCH_DATA=DIR` also starts tameio on that data folder (e.g. the 1M one).

#[path = "../examples/empty_window.rs"]
mod empty_window;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const IDLE: Duration = Duration::from_secs(2);
const PATIENCE: Duration = Duration::from_secs(60);

type Failure = Box<dyn std::error::Error>;

/// One launch, measured.
#[derive(Clone, Copy)]
struct Launch {
    mapped: Duration,
    drawn: Duration,
    rss_kb: u64,
}

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--empty-window") {
        return match empty_window::main() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("startup bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// A private X server, stopped on drop.
struct Xvfb(Child, String);

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn xvfb() -> Result<Xvfb, Failure> {
    let n = (90..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .ok_or("no free X display number")?;
    let display = format!(":{n}");
    let child = Command::new("Xvfb")
        .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let server = Xvfb(child, display);
    let start = Instant::now();
    while !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
        if start.elapsed() > Duration::from_secs(10) {
            return Err("Xvfb did not start".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(server)
}

fn run() -> Result<(), Failure> {
    if !["Xvfb", "xdotool", "import"].iter().all(|t| have(t)) {
        println!("startup: skipped (needs Xvfb, xdotool and ImageMagick's import)");
        return Ok(());
    }
    let server = xvfb()?;
    let me = std::env::current_exe()?;
    let tameio = PathBuf::from(env!("CARGO_BIN_EXE_tameio"));
    let fresh = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let empty = series(&server.1, || {
        let mut cmd = Command::new(&me);
        cmd.arg("--empty-window");
        cmd
    })?;
    let fresh_run = series(&server.1, || gui(&tameio, fresh.path()))?;
    println!(
        "start-up under Xvfb, median of {RUNS} (spawn → window mapped → first frame; VmRSS after {} s idle)",
        IDLE.as_secs()
    );
    show("empty iced window (tiny-skia, DejaVu Sans)", empty, None);
    show("tameio, new data folder", fresh_run, Some(empty));
    if let Some(data) = std::env::var_os("TAMEIO_BENCH_DATA").map(PathBuf::from) {
        let grown = series(&server.1, || gui(&tameio, &data))?;
        show(&format!("tameio, {}", data.display()), grown, Some(empty));
    }
    Ok(())
}

fn gui(tameio: &Path, data: &Path) -> Command {
    let mut cmd = Command::new(tameio);
    cmd.arg("--data-dir").arg(data).env("LANG", "en_US.UTF-8").env_remove("RUST_LOG");
    cmd
}

fn show(what: &str, l: Launch, against: Option<Launch>) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    print!(
        "  {what:<44} mapped {:>7.1} ms, first frame {:>7.1} ms, idle RSS {:>7.1} MB",
        ms(l.mapped),
        ms(l.drawn),
        l.rss_kb as f64 / 1024.0
    );
    match against {
        Some(e) => println!(
            "  ({:.2}x the first frame, {:.2}x the memory of the empty window)",
            ms(l.drawn) / ms(e.drawn).max(1e-9),
            l.rss_kb as f64 / (e.rss_kb as f64).max(1.0)
        ),
        None => println!(),
    }
}

/// `RUNS` launches; the median of each figure.
fn series(display: &str, command: impl Fn() -> Command) -> Result<Launch, Failure> {
    let mut all = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        all.push(launch(display, command())?);
    }
    let median = |mut v: Vec<u64>| {
        v.sort_unstable();
        v[v.len() / 2]
    };
    let micros = |f: fn(&Launch) -> Duration| {
        Duration::from_micros(median(all.iter().map(|l| f(l).as_micros() as u64).collect()))
    };
    Ok(Launch {
        mapped: micros(|l| l.mapped),
        drawn: micros(|l| l.drawn),
        rss_kb: median(all.iter().map(|l| l.rss_kb).collect()),
    })
}

/// A child killed (and reaped) on drop.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn launch(display: &str, mut cmd: Command) -> Result<Launch, Failure> {
    cmd.env("DISPLAY", display).env_remove("WAYLAND_DISPLAY").stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let mut child = Running(cmd.spawn()?);
    let pid = child.0.id().to_string();
    let window = poll(start, &mut child, || {
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--pid", &pid])
            .env("DISPLAY", display)
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout).lines().next().map(str::to_string)
    })?;
    let mapped = start.elapsed();
    poll(start, &mut child, || {
        let out = Command::new("import")
            .args(["-window", &window, "-format", "%k", "info:"])
            .env("DISPLAY", display)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let colours: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
        (colours > 1).then_some(())
    })?;
    let drawn = start.elapsed();
    std::thread::sleep(IDLE);
    let rss_kb = rss_kb(&pid).ok_or("no VmRSS in /proc")?;
    Ok(Launch { mapped, drawn, rss_kb })
}

/// Asks `probe` every 5 ms until it answers, the child exits, or patience runs out.
fn poll<T>(start: Instant, child: &mut Running, mut probe: impl FnMut() -> Option<T>) -> Result<T, Failure> {
    loop {
        if let Some(found) = probe() {
            return Ok(found);
        }
        if let Some(status) = child.0.try_wait()? {
            return Err(format!("the program exited ({status}) before its window showed").into());
        }
        if start.elapsed() > PATIENCE {
            return Err("no window within a minute".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn rss_kb(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
