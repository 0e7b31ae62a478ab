//! Fuzzing on stable Rust: every decoder meets millions of generated inputs (seeds from the
//! test vectors, mutated with each format's structure in mind). Flags panics, slow inputs and
//! output or memory beyond a fixed bound; prints the counts. `cargo bench --bench fuzz`.
//! `FUZZ_INPUTS=N` sets the inputs per decoder; `-- --write-corpus` saves new corpus files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fuzz/targets.rs"]
mod targets;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tameio::terminal::ecr17::frame::{ACK_FRAME, LrcRule, NAK_FRAME, encode_message};
use targets::{MAX_INPUT, Shape, TARGETS, Target, corpus_dir};

/// Any single input slower than this plus `SLOW_NS_PER_BYTE` for each of its bytes is
/// flagged (and saved): a linear decoder stays far below it, a quadratic one on 70 kB does not.
const SLOW_MS: u64 = 20;
const SLOW_NS_PER_BYTE: u64 = 500;
/// Peak resident memory may grow by this much over a whole target's run.
const MEMORY_BOUND_KB: u64 = 64 * 1024;
/// Mutants kept per target to mutate further (those that gave an output size not seen yet).
const POOL: usize = 512;

static PANIC: Mutex<String> = Mutex::new(String::new());

/// SplitMix64: small, seeded, good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn dictionary(shape: Shape) -> &'static [&'static [u8]] {
    match shape {
        Shape::Ecr17Wire | Shape::Fields | Shape::Hex | Shape::AadeWire => {
            const D: &[&[u8]] = &[
                b"/",
                b":",
                b"}",
                b"\x1b",
                b"\x7f",
                b"\x02",
                b"\x03",
                b"\x01",
                b"\x04",
                b"\x06",
                b"\x15",
                b"0",
                b"9",
                b"00000000",
                b"99999999999999",
                b"/R",
                b"/S",
                b"/C00/D",
                b"/P",
                b"/E",
                b"/F",
                b":978:2",
                b"\xc1\xe1\xf9",
                b"\xff",
                b"*",
                b"}}}}}}\x1b",
                b"E",
                b"e",
                b"s",
                b"G",
                b"X",
                b"ECR0101",
                b"MEL0101",
                b"MEL0210",
                b"************",
            ];
            D
        }
        Shape::Json => {
            const D: &[&[u8]] = &[
                b"{",
                b"}",
                b"[",
                b"]",
                b"\"",
                b":",
                b",",
                b"null",
                b"true",
                b"-1",
                b"1e999",
                b"-0",
                b"18446744073709551616",
                b"\"\\u0000\"",
                b"\"\\ud800\"",
                b"\"Status\":",
                b"\"Result\":",
                b"\"Transaction\":",
                b"{\"Id\":1}",
                b"\"next\":\"https://evil.example/\"",
                b"3.5",
                b"\"results\":[",
                b"\"Amount\":-9223372036854775808",
                b"\xff",
                b"\"\\\\\"",
            ];
            D
        }
        Shape::Toml => {
            const D: &[&[u8]] = &[
                b"[",
                b"]",
                b"[[",
                b"]]",
                b"=",
                b"\"",
                b"'''",
                b"\"\"\"",
                b"\n",
                b".",
                b"#",
                b"inf",
                b"nan",
                b"1979-05-27T07:32:00Z",
                b"{a={b={}}}",
                b"[webecr.t]\n",
                b"[shop]\n",
                b"\\u0000",
                b"language = ",
                b"paper = ",
                b"= [1,[2,[3]]]",
                b"0x7fffffffffffffff",
                b"\xff",
            ];
            D
        }
        Shape::Typed => {
            const D: &[&[u8]] = &[
                b"0",
                b"9",
                b",",
                b".",
                "€".as_bytes(),
                b"-",
                b"+",
                b"x",
                b"@",
                b"*",
                b" ",
                b"e",
                "٣".as_bytes(),
                "０".as_bytes(),
                "\u{200b}".as_bytes(),
                b"999999999999999999999",
                b"\t",
                b"\xff",
                b"1e3",
                b"NaN",
            ];
            D
        }
    }
}

const INTERESTING: &[u8] =
    &[0x00, 0x01, 0x02, 0x03, 0x04, 0x06, 0x15, 0x1B, 0x7D, 0x7F, 0x80, 0xFF, b'/', b':', b'0', b'9'];

fn mutate_bytes(rng: &mut Rng, shape: Shape, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..=rng.below(4) {
        let len = input.len();
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = *rng.pick(INTERESTING);
            }
            2 => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next() as u8);
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                input.drain(a..b);
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(32)).min(len);
                let copy = input[a..b].to_vec();
                let at = rng.below(len + 1);
                input.splice(at..at, copy);
            }
            5 => {
                let other = rng.pick(seeds);
                if !other.is_empty() {
                    let cut = rng.below(input.len() + 1);
                    let from = rng.below(other.len());
                    input.truncate(cut);
                    input.extend_from_slice(&other[from..]);
                }
            }
            6 if len > 0 => input.truncate(rng.below(len)),
            7 => {
                let token = rng.pick(dictionary(shape));
                let at = rng.below(len + 1);
                input.splice(at..at, token.iter().copied());
            }
            8 if len > 0 => {
                // A chunk repeated many times: long fields, deep nesting, floods.
                let a = rng.below(len);
                let b = (a + 1 + rng.below(8)).min(len);
                let chunk = input[a..b].to_vec();
                let most = if rng.chance(8) { 4000 } else { 40 };
                let times = 1 + rng.below(most);
                let at = rng.below(len + 1);
                let flood: Vec<u8> = chunk.iter().copied().cycle().take(chunk.len() * times).collect();
                input.splice(at..at, flood);
            }
            9 if len > 0 => {
                let i = rng.below(len);
                let run = 1 + rng.below(24);
                for byte in &mut input[i..(i + run).min(len)] {
                    *byte = b'0' + rng.below(10) as u8;
                }
            }
            _ => {
                let token = rng.pick(dictionary(shape));
                if len > 0 {
                    let i = rng.below(len);
                    let end = (i + token.len()).min(len);
                    input.splice(i..end, token.iter().copied());
                }
            }
        }
    }
    input.truncate(MAX_INPUT);
}

/// ECR17: one to four frames, each a mutated message framed again with a valid LRC (so the
/// parsers behind the splitter see it) or a control/progress frame; sometimes noise on top.
fn ecr17_wire(rng: &mut Rng, bodies: &[Vec<u8>], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 => out.extend_from_slice(if rng.chance(2) { &ACK_FRAME } else { &NAK_FRAME }),
            1 => {
                let seed: &Vec<u8> = rng.pick(seeds);
                out.extend_from_slice(seed);
            }
            _ => {
                let mut body = rng.pick(bodies).clone();
                mutate_bytes(rng, Shape::Fields, &mut body, bodies);
                body.truncate(4200);
                out.extend(encode_message(&body, *rng.pick(&LrcRule::ALL)));
            }
        }
    }
    if rng.chance(4) {
        mutate_bytes(rng, Shape::Ecr17Wire, &mut out, seeds);
    }
    out
}

/// AADE: one to three payloads, mutated, each behind a size that matches (mostly).
fn aade_wire(rng: &mut Rng, payloads: &[Vec<u8>], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..=rng.below(3) {
        let mut p = rng.pick(payloads).clone();
        mutate_bytes(rng, Shape::Fields, &mut p, payloads);
        p.truncate(usize::from(u16::MAX));
        let mut size = p.len() as u16;
        if rng.chance(8) {
            size = size.wrapping_add(rng.below(5) as u16).wrapping_sub(2);
        }
        out.extend(size.to_be_bytes());
        out.extend(p);
    }
    if rng.chance(5) {
        mutate_bytes(rng, Shape::AadeWire, &mut out, seeds);
    }
    out
}

fn hex_text(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let seps: [&[u8]; 5] = [b"", b" ", b":", b", ", b"\n"];
    let sep: &[u8] = seps[rng.below(seps.len())];
    let prefix = rng.chance(4);
    let mut out = Vec::with_capacity(bytes.len() * 4);
    for b in bytes {
        if prefix {
            out.extend_from_slice(b"0x");
        }
        out.extend_from_slice(hex::encode([*b]).as_bytes());
        out.extend_from_slice(sep);
    }
    if rng.chance(6) {
        let i = rng.below(out.len() + 1);
        out.insert(i, *rng.pick(b"0gZ x-\xff"));
    }
    out.truncate(MAX_INPUT);
    out
}

/// Bodies inside the ECR17 and AADE seeds, for the wire generators.
struct Material {
    ecr17_bodies: Vec<Vec<u8>>,
    aade_payloads: Vec<Vec<u8>>,
    ecr17_wire: Vec<Vec<u8>>,
    aade_wire: Vec<Vec<u8>>,
}

fn material() -> Material {
    let by = |name: &str| (TARGETS.iter().find(|t| t.name == name).unwrap().seeds)();
    Material {
        ecr17_bodies: by("ecr17-message"),
        aade_payloads: by("aade-splitter").iter().map(|w| w[2..].to_vec()).collect(),
        ecr17_wire: by("ecr17-splitter"),
        aade_wire: by("aade-splitter"),
    }
}

fn generate(rng: &mut Rng, t: &Target, pool: &[Vec<u8>], seeds: &[Vec<u8>], m: &Material) -> Vec<u8> {
    match t.shape {
        Shape::Ecr17Wire => ecr17_wire(rng, &m.ecr17_bodies, &m.ecr17_wire),
        Shape::AadeWire => aade_wire(rng, &m.aade_payloads, &m.aade_wire),
        Shape::Hex => {
            let raw = if rng.chance(2) {
                ecr17_wire(rng, &m.ecr17_bodies, &m.ecr17_wire)
            } else {
                aade_wire(rng, &m.aade_payloads, &m.aade_wire)
            };
            let mut text = hex_text(rng, &raw);
            if rng.chance(10) {
                mutate_bytes(rng, Shape::Hex, &mut text, seeds);
            }
            text
        }
        shape => {
            let mut input = if rng.chance(8) {
                (0..rng.below(64)).map(|_| rng.next() as u8).collect()
            } else if !pool.is_empty() && rng.chance(2) {
                rng.pick(pool).clone()
            } else {
                rng.pick(seeds).clone()
            };
            mutate_bytes(rng, shape, &mut input, seeds);
            input
        }
    }
}

#[derive(Default)]
struct Tally {
    inputs: u64,
    crashes: Vec<(String, Vec<u8>)>,
    slow: Vec<(Duration, Vec<u8>)>,
    over_output: u64,
    longest: Duration,
    largest_input: usize,
}

/// Runs one input; a panic or a slow input is recorded with the input.
fn one(t: &Target, input: &[u8], tally: &mut Tally) -> Option<usize> {
    tally.inputs += 1;
    tally.largest_input = tally.largest_input.max(input.len());
    let start = Instant::now();
    let got = catch_unwind(AssertUnwindSafe(|| (t.run)(input)));
    let took = start.elapsed();
    tally.longest = tally.longest.max(took);
    let bound = slow_bound() + Duration::from_nanos(SLOW_NS_PER_BYTE * input.len() as u64);
    if took > bound && tally.slow.len() < 50 {
        // Timed again, best of three: another process on the machine is not our hang.
        let again = (0..3)
            .map(|_| {
                let start = Instant::now();
                let _ = catch_unwind(AssertUnwindSafe(|| (t.run)(input)));
                start.elapsed()
            })
            .min()
            .unwrap_or(took);
        if again > bound {
            tally.slow.push((again, input.to_vec()));
        }
    }
    match got {
        Ok(out) => {
            if out > 2 * input.len() + 16 {
                tally.over_output += 1;
            }
            Some(out)
        }
        Err(_) => {
            let why = std::mem::take(&mut *PANIC.lock().unwrap());
            if tally.crashes.len() < 50 {
                tally.crashes.push((why, input.to_vec()));
            }
            None
        }
    }
}

/// `FUZZ_SLOW_MS` overrides the bound (to look for the slowest inputs).
fn slow_bound() -> Duration {
    static BOUND: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *BOUND.get_or_init(|| {
        let ms = std::env::var("FUZZ_SLOW_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(SLOW_MS);
        Duration::from_millis(ms)
    })
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

fn save(target: &str, kind: &str, input: &[u8]) {
    let dir = corpus_dir(target);
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{kind}-{:016x}", fnv(input))), input);
}

/// Peak resident set size so far, from /proc (0 where there is none).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn corpus_files(target: &str) -> Vec<Vec<u8>> {
    let Ok(dir) = std::fs::read_dir(corpus_dir(target)) else { return Vec::new() };
    dir.flatten().filter_map(|e| std::fs::read(e.path()).ok()).collect()
}

/// The flood inputs: each seed and each dictionary token repeated up to the input bound.
fn floods(t: &Target, seeds: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for unit in seeds.iter().map(Vec::as_slice).chain(dictionary(t.shape).iter().copied()) {
        if unit.is_empty() {
            continue;
        }
        out.push(unit.iter().copied().cycle().take(MAX_INPUT).collect());
    }
    out
}

fn main() {
    let per_target: u64 = std::env::var("FUZZ_INPUTS").ok().and_then(|v| v.parse().ok()).unwrap_or(760_000);
    let write_corpus = std::env::args().any(|a| a == "--write-corpus");
    std::panic::set_hook(Box::new(|info| {
        *PANIC.lock().unwrap() = info.to_string();
    }));
    let m = material();
    let mut rng = Rng(0x7A3E_10C0_FFEE_1155);
    let (mut total, mut crashes, mut slow, mut over) = (0u64, 0usize, 0usize, 0u64);
    let started = Instant::now();
    println!(
        "fuzz: {} decoders, {per_target} generated inputs each (+ seeds, corpus, floods)",
        TARGETS.len()
    );
    println!(
        "{:<16} {:>10} {:>8} {:>6} {:>6} {:>10} {:>9} {:>10}",
        "decoder", "inputs", "corpus", "crash", "slow", "longest", "max in", "peak +kB"
    );
    for t in TARGETS {
        let seeds = (t.seeds)();
        let corpus = corpus_files(t.name);
        let rss_before = peak_rss_kb();
        let mut tally = Tally::default();
        if write_corpus {
            for seed in &seeds {
                save(t.name, "seed", seed);
            }
        }
        for input in seeds.iter().chain(&corpus).chain(&floods(t, &seeds)) {
            let _ = one(t, input, &mut tally);
        }
        let mut pool: Vec<Vec<u8>> = Vec::new();
        let mut seen: HashSet<usize> = HashSet::new();
        for _ in 0..per_target {
            let input = generate(&mut rng, t, &pool, &seeds, &m);
            // A mutant that gave an output size not seen yet is worth mutating further.
            if let Some(out) = one(t, &input, &mut tally)
                && pool.len() < POOL
                && seen.insert(out * 64 + (input.len() / 8).min(63))
            {
                if write_corpus && input.len() < 4096 && pool.len() < 40 {
                    save(t.name, "mutant", &input);
                }
                pool.push(input);
            }
        }
        let grown = peak_rss_kb().saturating_sub(rss_before);
        for (why, input) in &tally.crashes {
            println!("  CRASH {}: {}", t.name, why.lines().next().unwrap_or_default());
            save(t.name, "crash", input);
        }
        for (took, input) in &tally.slow {
            println!("  SLOW {} {:?} on {} bytes", t.name, took, input.len());
            save(t.name, "slow", input);
        }
        if grown > MEMORY_BOUND_KB {
            println!("  MEMORY {}: peak grew by {grown} kB (bound {MEMORY_BOUND_KB} kB)", t.name);
        }
        println!(
            "{:<16} {:>10} {:>8} {:>6} {:>6} {:>10?} {:>9} {:>10}",
            t.name,
            tally.inputs,
            corpus.len(),
            tally.crashes.len(),
            tally.slow.len(),
            tally.longest,
            tally.largest_input,
            grown
        );
        total += tally.inputs;
        crashes += tally.crashes.len();
        slow += tally.slow.len();
        over += tally.over_output + u64::from(grown > MEMORY_BOUND_KB);
    }
    println!(
        "total: {total} inputs in {:.1?}; crashes {crashes}, slow (> {:?} + {SLOW_NS_PER_BYTE} ns/byte) {slow}, over a size bound {over}",
        started.elapsed(),
        slow_bound()
    );
    if crashes + slow > 0 || over > 0 {
        println!("new findings were saved under tests/corpus/<decoder>/ (crash-*, slow-*)");
        std::process::exit(1);
    }
}
