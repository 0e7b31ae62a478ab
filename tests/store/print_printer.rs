//! Receipts sent as ESC/POS to the printer simulator over loopback: printed and previewed when
//! it is fine, a clear error when it is off or out of paper, and the receipt still there to reprint.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::fixture;

use std::path::Path;
use std::time::Duration;

use tameio::domain::Lang;
use tameio::i18n::I18n;
use tameio::print::sim::job_files;
use tameio::print::{self, Paper, PrintError, PrinterTarget, SimMode, Timeouts};
use tokio::net::TcpListener;

/// Reads a job file; the simulator writes it as the connection ends, which `send` waits for
/// only up to its linger time, so a loaded machine gets a few more tries.
async fn read_job(path: &Path) -> Vec<u8> {
    for _ in 0..50 {
        if let Ok(bytes) = std::fs::read(path) {
            return bytes;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{} never appeared", path.display());
}

async fn read_preview(path: &Path) -> String {
    String::from_utf8(read_job(path).await).unwrap()
}

/// Starts a simulator on a free loopback port; returns its address.
async fn printer(out: &Path, mode: SimMode) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(print::serve(listener, out.to_path_buf(), mode));
    addr
}

#[tokio::test]
async fn a_greek_cash_receipt_prints_and_opens_the_drawer() {
    let out = tempfile::tempdir().unwrap();
    let addr = printer(out.path(), SimMode::Normal).await;
    let store = fixture::store();
    let receipt = fixture::mixed_receipt(&store, Lang::El);
    let job = print::receipt_escpos(&receipt, &fixture::settings(), Lang::El, Paper::Roll80, None);
    print::send(&addr, &job).await.unwrap();
    let (bin, txt) = job_files(out.path(), 1);
    assert_eq!(read_job(&bin).await, job, "the printer got the job byte for byte");
    let preview = read_preview(&txt).await;
    for want in [
        "[drawer]",
        "ΑΠΟΔΕΙΞΗ ΛΙΑΝΙΚΗΣ",
        "Φέτα ΠΟΠ 400g",
        "Ρέστα",
        "26,37 €",
        "[QR tameio:1:1:2637]",
        "[cut]",
    ] {
        assert!(preview.contains(want), "{want} missing in\n{preview}");
    }
}

#[tokio::test]
async fn an_italian_copy_prints_without_opening_the_drawer() {
    let out = tempfile::tempdir().unwrap();
    let addr = printer(out.path(), SimMode::Normal).await;
    let store = fixture::store();
    let receipt = fixture::cash_receipt(&store, Lang::It);
    let job = print::receipt_escpos(&receipt, &fixture::settings(), Lang::It, Paper::Roll58, Some(1));
    print::send(&addr, &job).await.unwrap();
    let preview = read_preview(&job_files(out.path(), 1).1).await;
    assert!(preview.contains("COPIA") && preview.contains("Ciambella al sesamo"), "{preview}");
    assert!(preview.contains("€"), "{preview}");
    assert!(!preview.contains("[drawer]"));
}

#[tokio::test]
async fn paper_out_is_a_clear_error_and_the_receipt_is_kept() {
    let empty = tempfile::tempdir().unwrap();
    let addr = printer(empty.path(), SimMode::PaperOut).await;
    let store = fixture::store();
    let receipt = fixture::cash_receipt(&store, Lang::El);
    let job = print::receipt_escpos(&receipt, &fixture::settings(), Lang::El, Paper::Roll80, None);
    let err = print::send(&addr, &job).await.unwrap_err();
    assert!(matches!(err, PrintError::PaperOut { status: 0x72, .. }), "{err}");
    assert_eq!(err.message_id(), "print-err-paper-out");
    assert!(err.cashier_message(&I18n::new(Lang::El)).contains("χαρτί"));
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing was sent to a printer without paper"
    );

    // The receipt is in the store: once paper is in, it prints.
    let kept = store.receipt("1", receipt.number).unwrap();
    let out = tempfile::tempdir().unwrap();
    let addr = printer(out.path(), SimMode::Normal).await;
    let job = print::receipt_escpos(&kept, &fixture::settings(), Lang::El, Paper::Roll80, None);
    print::send(&addr, &job).await.unwrap();
    assert!(read_preview(&job_files(out.path(), 1).1).await.contains("Κουλούρι"));
}

#[tokio::test]
async fn a_printer_that_is_off_is_a_clear_error() {
    let out = tempfile::tempdir().unwrap();
    let addr = printer(out.path(), SimMode::Off).await;
    let err = print::send(&addr, b"\x1b@hello").await.unwrap_err();
    assert!(matches!(err, PrintError::Off { .. }), "{err}");
    assert!(err.cashier_message(&I18n::new(Lang::It)).contains("spenta"));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[tokio::test]
async fn a_printer_that_stops_reading_times_out() {
    // Accepts, never answers, never reads: the kernel buffers fill and the write must give up.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        tokio::time::sleep(Duration::from_secs(60)).await;
        drop(stream);
    });
    let t = Timeouts {
        connect: Duration::from_secs(2),
        status: Duration::from_millis(200),
        write: Duration::from_millis(500),
        linger: Duration::from_millis(100),
    };
    let job = vec![b'x'; 64 * 1024 * 1024];
    let err = print::send_with(&PrinterTarget::Network(addr), &job, t).await.unwrap_err();
    assert!(matches!(err, PrintError::Timeout { .. }), "{err}");
}

#[tokio::test]
async fn jobs_are_numbered_after_what_the_folder_holds() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("job-0007.bin"), b"old").unwrap();
    let addr = printer(out.path(), SimMode::Normal).await;
    print::send(&addr, b"\x1b@one\n").await.unwrap();
    print::send(&addr, b"\x1b@two\n").await.unwrap();
    assert_eq!(read_preview(&job_files(out.path(), 8).1).await, "one\n");
    assert_eq!(read_preview(&job_files(out.path(), 9).1).await, "two\n");
}

/// A register in `dir` with one cash sale closed into Z 1, printing to `printer`.
fn closed_register(dir: &Path, printer: &str) -> tameio::register::Register {
    std::fs::write(dir.join("tameio.toml"), format!("printer = \"{printer}\"\n")).unwrap();
    let places = tameio::config::Places::resolve(Some(dir));
    let (register, problems) = tameio::register::Register::open(&places).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let boss = register.cli_operator(Some("Nikos"), Some("9999")).unwrap();
    let mut cart = tameio::domain::Cart::default();
    register.ring_up(&mut cart, "401", tameio::domain::Quantity::ONE).unwrap();
    register.cash_sale(&boss, &cart, tameio::domain::Money::from_cents(1000)).unwrap();
    register.close_register_batch(&boss, None).unwrap();
    register
}

#[tokio::test]
async fn a_z_report_is_saved_as_pdf_and_printed_after_the_close() {
    let out = tempfile::tempdir().unwrap();
    let addr = printer(out.path(), SimMode::Normal).await;
    let data = tempfile::tempdir().unwrap();
    let register = closed_register(data.path(), &addr);
    let z = register.issue_z_report(1, &I18n::new(Lang::El)).await.unwrap();
    assert_eq!(z.number, 1);
    assert_eq!(z.printed, Some(Ok(())));
    assert!(z.pdf.starts_with(&*data.path().to_string_lossy()), "under the data dir: {}", z.pdf);
    assert!(std::fs::read(&z.pdf).unwrap().starts_with(b"%PDF"), "{}", z.pdf);
    let (_, txt) = job_files(out.path(), 1);
    let preview = read_preview(&txt).await;
    assert!(preview.contains("ΑΝΑΦΟΡΑ Ζ"), "{preview}");
    assert!(preview.contains("9,90 €"), "the Z carries the batch's total: {preview}");
}

#[tokio::test]
async fn a_printer_that_is_off_leaves_the_z_stored_and_saved() {
    let out = tempfile::tempdir().unwrap();
    let addr = printer(out.path(), SimMode::Off).await;
    let data = tempfile::tempdir().unwrap();
    let register = closed_register(data.path(), &addr);
    let z = register.issue_z_report(1, &I18n::new(Lang::En)).await.unwrap();
    let why = z.printed.clone().expect("a printer is set").expect_err("the printer is off");
    assert!(!why.is_empty());
    assert!(std::path::Path::new(&z.pdf).exists());
    assert_eq!(register.batch_closures().unwrap().len(), 1, "the close stands");
}

#[tokio::test]
async fn without_a_printer_the_z_is_saved_only() {
    let data = tempfile::tempdir().unwrap();
    let register = closed_register(data.path(), "");
    let z = register.issue_z_report(1, &I18n::new(Lang::It)).await.unwrap();
    assert_eq!(z.printed, None);
    assert!(std::path::Path::new(&z.pdf).exists());
    assert!(register.issue_z_report(2, &I18n::new(Lang::It)).await.is_err(), "there is no Z 2");
}
