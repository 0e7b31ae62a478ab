//! Receipts and reports as text (against golden files in tests/golden/) and as PDF (read back
//! with pdftotext, or printpdf's own text extraction where poppler is missing). Sizes checked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::fixture;

use std::path::PathBuf;

use crate::support::fixture::pdf_text;
use tameio::domain::{Lang, Money};
use tameio::print::pdf::{FontEmbedding, render_pdf_with};
use tameio::print::{self, Paper};

/// Compares with `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites the file instead.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(e, a)| e != a);
        panic!(
            "{name} differs (first differing line {first:?}).\n--- expected\n{expected}\n--- actual\n{actual}"
        );
    }
}

#[test]
fn receipt_text_matches_golden_in_every_language() {
    let settings = fixture::settings();
    for (lang, file) in
        [(Lang::El, "receipt_el.txt"), (Lang::It, "receipt_it.txt"), (Lang::En, "receipt_en.txt")]
    {
        let store = fixture::store();
        let receipt = fixture::mixed_receipt(&store, lang);
        let text = print::receipt_text(&receipt, &settings, lang, Paper::Roll80, None);
        assert!(text.lines().all(|l| l.chars().count() <= 48), "{file}: a line is wider than the paper");
        golden(file, &text);
    }
}

#[test]
fn copy_on_58mm_matches_golden() {
    let store = fixture::store();
    let receipt = fixture::mixed_receipt(&store, Lang::El);
    let copy = store.record_reprint("1", receipt.number, 2, "Nikos").unwrap();
    let text = print::receipt_text(&receipt, &fixture::settings(), Lang::El, Paper::Roll58, Some(copy));
    assert!(text.lines().all(|l| l.chars().count() <= 32));
    assert_eq!(text.matches("ΑΝΤΙΓΡΑΦΟ").count(), 2);
    golden("receipt_el_58mm_copy.txt", &text);
}

#[test]
fn z_and_x_reports_match_golden() {
    let store = fixture::store();
    fixture::mixed_receipt(&store, Lang::El);
    fixture::cash_receipt(&store, Lang::El);
    let settings = fixture::settings();
    let x = store.register_totals("1").unwrap();
    let x_text = print::layout_text(&print::x_report(
        &x,
        None,
        fixture::ISSUED_AT,
        &settings,
        Lang::It,
        Paper::Roll80,
    ));
    golden("x_report_it.txt", &x_text);
    // The terminal's batch as `register::batches` stores it (the driver's `BatchTotals`).
    let totals = serde_json::json!({
        "terminal_id": "12345678", "ok": true, "result_code": "00", "message": "",
        "terminal_total": 1500, "host_total": 1500, "action_code": "",
        "receipt_text": "CHIUSURA CONTABILE\nTOTALE EUR 15,00\n"
    });
    // The morning's float: the drawer should hold it besides the cash taken.
    store.set_opening_float("1", 2, Money::from_cents(2000), "Nikos").unwrap();
    let mut z = store
        .close_batch("1", "nexi-1", Some(totals), Some(Money::from_cents(3500)), Some(2), "Nikos")
        .unwrap();
    z.closed_at = "2026-11-23T22:00:00".into();
    let z_text = print::layout_text(&print::z_report(&z, &settings, Lang::El, Paper::Roll80));
    assert!(z_text.contains("Έλλειμμα μετρητών"), "{z_text}");
    golden("z_report_el.txt", &z_text);
}

#[test]
fn receipt_pdf_is_small_and_gives_its_text_back() {
    let settings = fixture::settings();
    let store = fixture::store();
    let el = fixture::mixed_receipt(&store, Lang::El);
    for paper in Paper::ALL {
        let bytes = print::receipt_pdf(&el, &settings, Lang::El, paper, None).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        eprintln!("receipt PDF, el, {}: {} bytes", paper.code(), bytes.len());
        assert!(bytes.len() < 60_000, "{}: {} bytes", paper.code(), bytes.len());
        let text = pdf_text(&bytes);
        for want in
            ["ΑΠΟΔΕΙΞΗ ΛΙΑΝΙΚΗΣ", "ΣΥΝΟΛΟ", "Ρέστα", "Φέτα ΠΟΠ 400g", "Μπακάλικο Ερμού", "ΑΦΜ 099999999"]
        {
            assert!(text.contains(want), "{}: {want} missing in\n{text}", paper.code());
        }
        let total = format!("{} €", el.total.format_plain(tameio::domain::MoneyStyle::Continental));
        assert!(text.contains(&total), "{}: total {total} missing in\n{text}", paper.code());
    }
    let it = fixture::mixed_receipt(&store, Lang::It);
    let bytes = print::receipt_pdf(&it, &settings, Lang::It, Paper::Roll80, Some(1)).unwrap();
    let text = pdf_text(&bytes);
    for want in ["DOCUMENTO COMMERCIALE", "TOTALE", "Resto", "COPIA", "Caffè greco 100g", "P.IVA 099999999"]
    {
        assert!(text.contains(want), "{want} missing in\n{text}");
    }
}

#[test]
fn subsetting_is_what_keeps_the_pdf_small() {
    let store = fixture::store();
    let receipt = fixture::mixed_receipt(&store, Lang::El);
    let layout = print::receipt_layout(&receipt, &fixture::settings(), Lang::El, Paper::Roll80, None);
    let whole = render_pdf_with(&layout, Paper::Roll80, "r", FontEmbedding::Whole).unwrap();
    let subset = render_pdf_with(&layout, Paper::Roll80, "r", FontEmbedding::Subset).unwrap();
    eprintln!("80 mm receipt: whole font {} bytes, subset {} bytes", whole.len(), subset.len());
    assert!(whole.len() > 4 * subset.len());
    assert!(pdf_text(&whole).contains("ΣΥΝΟΛΟ"));
}

#[test]
fn report_pdf_in_greek() {
    let store = fixture::store();
    fixture::cash_receipt(&store, Lang::El);
    let z = store.close_batch("1", "", None, None, Some(2), "Nikos").unwrap();
    let layout = print::z_report(&z, &fixture::settings(), Lang::El, Paper::Roll58);
    let bytes = print::layout_pdf(&layout, Paper::Roll58, "Z").unwrap();
    assert!(bytes.len() < 60_000);
    let text = pdf_text(&bytes);
    assert!(text.contains("ΑΝΑΦΟΡΑ Ζ"), "{text}");
}

#[test]
#[ignore = "writes PDFs to $PRINT_DUMP for looking at"]
fn dump_pdfs() {
    let dir = PathBuf::from(std::env::var("PRINT_DUMP").unwrap());
    let store = fixture::store();
    for lang in [Lang::El, Lang::It] {
        let receipt = fixture::mixed_receipt(&store, lang);
        for paper in Paper::ALL {
            let bytes = print::receipt_pdf(&receipt, &fixture::settings(), lang, paper, Some(1)).unwrap();
            std::fs::write(dir.join(format!("receipt_{}_{}.pdf", lang.code(), paper.code())), bytes).unwrap();
        }
    }
}
