//! Prints the fault matrix (issue 10): every crash step, network fault and disk fault × ECR17,
//! AADE 1155 v01/v10, WebECR and nexo, against each simulator's usual and strict real-terminal
//! profile; exits 1 when any cell fails. `cargo run --release --example fault_matrix [-- --only
//! crash,network,disk,recovery,warm] [--protocol ecr17,aade01,aade10,webecr,nexo]
//! [--profile lenient,strict] [--jobs N] [-v]`.

// The fault harness the tests share, its parts this example needs (the rest of tests/support/
// runs the tests' built binary, which an example has none of).
#[allow(dead_code)]
#[path = "../tests/support"]
mod support {
    pub mod books;
    pub mod judge;
    pub mod matrix;
    pub mod process;
    pub mod terminals;
}

use std::process::ExitCode;

use clap::Parser;
use support::matrix::{self, Case, Cell};
use support::process::Tameio;
use support::terminals::Proto;

/// How to read the matrix, printed above it.
const LEGEND: &str = "\
tameio fault matrix: one card sale per cell on a fresh data folder and simulator process.
  crash     TAMEIO_FAULT=crash:<step> aborts the sale there (WebECR after-request: SIGKILL once the
            backend logged the txninit); +decline/+slow: on a payment the terminal declines/answers slowly
  network   the simulator's scenario for the request (amount 9,61..9,70); slow-past-timeout: the
            register waits less than the terminal takes
  disk      TAMEIO_FAULT=fail:<step>: that commit fails; the sale must say approved, booking pending
  recovery  the sale dies after its request, then the first recover dies at <step>
  warm      the same faults after one approved sale on the terminal
  strict    the same against the simulator's strict real-terminal profile (review 3, section 6):
            nexo starts a new login session at every Login (TransactionStatus by ServiceID then
            says NotFound for a payment that went through) and refuses a reused ServiceID; AADE
            v10 writes D in another order; ECR17 leaves E1 unanswered
Then recover (twice if needed) and check against the simulator's log: charged at most once (once
when the request left), paid exactly when approved, one receipt, nothing open the terminal can
answer, the cashier never told otherwise. mgr: the protocol leaves it unknown for a manager.
";

/// The first argument that makes this example behave as the tameio binary (for its own
/// child processes: no separately built binary needed).
const AS_TAMEIO: &str = "__tameio";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(AS_TAMEIO) {
        return as_tameio(&args[2..]);
    }
    let options = match Options::parse(&args[1..]) {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "{e}\nusage: fault_matrix [--only crash,network,disk,recovery,warm] [--protocol ecr17,aade01,aade10,webecr,nexo] [--profile lenient,strict] [--jobs N] [-v]"
            );
            return ExitCode::from(2);
        }
    };
    let tameio = match Tameio::reentrant(AS_TAMEIO) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot find this executable: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lenient = if options.lenient { Case::all() } else { Vec::new() };
    let strict = if options.strict { Case::all_strict() } else { Vec::new() };
    let cases: Vec<Case> = lenient
        .into_iter()
        .chain(strict)
        .filter(|c| options.sections.iter().any(|s| s == if c.warm { "warm" } else { c.fault.section() }))
        .filter(|c| options.protocols.contains(&c.proto))
        .collect();
    eprintln!("fault matrix: {} cells on {} threads", cases.len(), options.jobs);
    let verbose = options.verbose;
    let progress = move |cell: &Cell| {
        if verbose {
            eprintln!("{}", cell.report());
        } else {
            eprintln!("{:>4}  {}", cell.mark(), cell.case.name());
        }
    };
    let cells = matrix::run_all(&tameio, &cases, options.jobs, &progress);
    println!("{LEGEND}\n{}", matrix::render(&cells));
    if cells.iter().all(Cell::ok) { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Runs a tameio command line in this process, as `src/main.rs` does (no GUI here).
fn as_tameio(args: &[String]) -> ExitCode {
    let argv = std::iter::once("tameio".to_string()).chain(args.iter().cloned());
    let cli = tameio::cli::Cli::parse_from(argv);
    let places = tameio::config::Places::resolve(cli.data_dir.as_deref());
    let _log_guard = tameio::logging::init(&places, false);
    tameio::cli::run(cli, &places)
}

struct Options {
    sections: Vec<String>,
    protocols: Vec<Proto>,
    /// The profiles run: the simulators' usual one and their strict real-terminal one.
    lenient: bool,
    strict: bool,
    jobs: usize,
    verbose: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            sections: ["crash", "network", "disk", "recovery", "warm"].map(String::from).to_vec(),
            protocols: Proto::ALL.to_vec(),
            lenient: true,
            strict: true,
            jobs: 2,
            verbose: false,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = || it.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
            match arg.as_str() {
                "--only" => o.sections = value()?.split(',').map(|s| s.trim().to_string()).collect(),
                "--protocol" => {
                    let wanted = value()?;
                    o.protocols = Proto::ALL
                        .into_iter()
                        .filter(|p| wanted.split(',').any(|w| w.trim() == p.code()))
                        .collect();
                    if o.protocols.is_empty() {
                        return Err(format!("no protocol in {wanted:?}"));
                    }
                }
                "--profile" => {
                    let wanted = value()?;
                    let has = |p: &str| wanted.split(',').any(|w| w.trim() == p);
                    (o.lenient, o.strict) = (has("lenient"), has("strict"));
                    if !o.lenient && !o.strict {
                        return Err(format!("no profile in {wanted:?} (lenient, strict)"));
                    }
                }
                "--jobs" => o.jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
                "-v" | "--verbose" => o.verbose = true,
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        Ok(o)
    }
}
