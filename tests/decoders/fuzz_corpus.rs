//! Replays every file under `tests/corpus/<decoder>/` (seeds, mutants the fuzz bench kept,
//! and each crash or slow input it found, now fixed) through its decoder: no panic, each
//! within a time bound. Also the floods that were quadratic before the splitters kept a cursor.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../benches/fuzz/targets.rs"]
#[allow(dead_code)]
mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use targets::{TARGETS, corpus_dir};

/// Generous for a debug build on a busy machine; the bench holds release to 25 ms.
const BOUND: Duration = Duration::from_millis(500);

#[test]
fn every_corpus_file_decodes_without_panic_in_bounded_time() {
    let mut failures = Vec::new();
    let mut count = 0;
    for t in TARGETS {
        let dir = corpus_dir(t.name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (run the fuzz bench with -- --write-corpus)", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{} has no corpus", t.name);
        for path in files {
            let input = std::fs::read(&path).unwrap();
            let start = Instant::now();
            let got = catch_unwind(AssertUnwindSafe(|| (t.run)(&input)));
            let took = start.elapsed();
            count += 1;
            if got.is_err() {
                failures.push(format!("{}: panicked", path.display()));
            } else if took > BOUND {
                failures.push(format!("{}: {took:?}", path.display()));
            }
        }
    }
    println!("corpus: {count} files through {} decoders", TARGETS.len());
    assert!(failures.is_empty(), "{failures:#?}");
}

/// 35,000 empty AADE frames or 70,000 STX bytes in one capture: linear, not quadratic.
#[test]
fn floods_of_tiny_frames_split_in_linear_time() {
    use tameio::terminal::aade1155::frame::Splitter;
    use tameio::terminal::ecr17::frame::{FrameReader, LrcRule, split_all};
    let zeros = vec![0u8; 2_000_000];
    let start = Instant::now();
    let mut s = Splitter::default();
    s.push(&zeros);
    let mut n = 0;
    while s.next_frame().is_some() {
        n += 1;
    }
    assert_eq!(n, 1_000_000);
    let stx = vec![0x02u8; 1_000_000];
    let (frames, noise) = split_all(&stx, &LrcRule::ALL);
    assert_eq!((frames.len(), noise), (0, 999_999 + 1));
    let mut acks = Vec::new();
    for _ in 0..300_000 {
        acks.extend_from_slice(&tameio::terminal::ecr17::frame::ACK_FRAME);
    }
    let mut r = FrameReader::default();
    r.push(&acks);
    let mut acked = 0;
    while r.next_frame().is_some() {
        acked += 1;
    }
    assert_eq!(acked, 300_000);
    assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
}

/// "0 0 0 …" print data: the grouped card-number mask tried every span of groups and was
/// cubic (1.4 s for 3.7 kB of AADE print data, found by the fuzz bench); now each span stops
/// at 19 digits.
#[test]
fn masking_a_long_run_of_digit_groups_is_fast() {
    let text = "0 ".repeat(20_000);
    let start = Instant::now();
    let masked = tameio::terminal::wirelog::mask_card_numbers(&text);
    assert_eq!(masked.len(), text.len());
    // A guard against the cubic case coming back (it would run for hours at this size), not a
    // speed goal: the fuzz bench measures the speed, and a busy CI machine must not fail this.
    assert!(start.elapsed() < Duration::from_secs(60), "took {:?}", start.elapsed());
}

/// A capture of thousands of tiny frames made a JSON tree of ~600 bytes per input byte (a
/// 4 MiB capture would take gigabytes; found by the fuzz bench as a slow input): the first
/// 1000 frames are shown and the rest counted.
#[test]
fn frame_decode_shows_a_bounded_number_of_frames() {
    let acks = "06 03 7a ".repeat(5000);
    let v = tameio::terminal::ecr17::decode_frame(&acks).unwrap();
    assert_eq!(v["frames"].as_array().unwrap().len(), 1000);
    assert_eq!(v["frames_not_shown"], 4000);
    let empty_aade = "00 00 ".repeat(5000);
    let v = tameio::terminal::aade1155::decode_frame(&empty_aade).unwrap();
    assert_eq!(v["frames"].as_array().unwrap().len(), 1000);
    assert_eq!(v["frames_not_shown"], 4000);
}
