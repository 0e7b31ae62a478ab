use super::*;

const GREEK: &str = "\u{feff}plu;name;barcodes;price;vat;unit;department\n\
501;Κουλούρι;5201234567894;0,80;13;piece;Αρτοποιείο\n\
502;\"Τυρί; φέτα\";;12,50;13%;kg;\n";

#[test]
fn a_greek_file_with_bom_semicolons_and_decimal_commas_is_read() {
    let rows = read(GREEK, Market::Greece, Lang::El).unwrap();
    assert_eq!(rows.len(), 2);
    let k = &rows[0].entry;
    assert_eq!((rows[0].row, k.plu, k.price.cents(), k.vat.bp()), (2, 501, 80, 1300));
    assert_eq!(k.names.el, "Κουλούρι");
    assert_eq!(k.names.en, "Κουλούρι", "English falls back to the name given");
    assert_eq!(k.barcodes[0].as_str(), "5201234567894");
    assert_eq!(k.department, "Αρτοποιείο");
    let f = &rows[1].entry;
    assert_eq!((f.names.el.as_str(), f.unit, f.department.as_str()), ("Τυρί; φέτα", Unit::Kg, "general"));
}

#[test]
fn commas_and_dots_are_detected() {
    let text = "plu,name_en,price,vat,barcodes\r\n7,\"Oil, 1l\",9.90,A,96385074|5201234567894\r\n";
    let rows = read(text, Market::Greece, Lang::En).unwrap();
    let e = &rows[0].entry;
    assert_eq!(
        (e.names.en.as_str(), e.price.cents(), e.vat.bp(), e.barcodes.len()),
        ("Oil, 1l", 990, 2400, 2)
    );
}

#[test]
fn each_bad_field_names_its_row_and_column() {
    let cases = [
        ("1;Bread;5201234567890;1,00;13", "barcodes", RowProblem::CheckDigit("5201234567890".into())),
        ("1;Bread;;1,005;13", "price", RowProblem::PriceDecimals("1,005".into())),
        ("1;Bread;;1,00;19", "vat", RowProblem::UnknownVat("19".into())),
        ("1;;;1,00;13", "name", RowProblem::EmptyName),
        ("x;Bread;;1,00;13", "plu", RowProblem::BadPlu("x".into())),
    ];
    for (line, column, problem) in cases {
        let text = format!("plu;name;barcodes;price;vat\n2;Milk;;1,00;13\n{line}\n");
        let e = read(&text, Market::Greece, Lang::El).unwrap_err();
        assert_eq!(e, RowError { row: 3, column: column.into(), problem }, "{line}");
    }
    let twice = "plu;name;barcodes;price\n1;A;5201234567894;1\n2;B;5201234567894;1\n";
    let e = read(twice, Market::Greece, Lang::En).unwrap_err();
    assert_eq!(e.problem, RowProblem::DuplicateBarcode { code: "5201234567894".into(), plu: 1 });
    assert_eq!(e.row, 3);
}

#[test]
fn what_is_written_reads_back_the_same() {
    let mut rows: Vec<CatalogEntry> =
        read(GREEK, Market::Greece, Lang::El).unwrap().into_iter().map(|r| r.entry).collect();
    rows[1].names.it = "Formaggio \"feta\"".into();
    rows[1].active = false;
    let file = write(&rows, Lang::El);
    let again: Vec<CatalogEntry> =
        read(&file, Market::Greece, Lang::El).unwrap().into_iter().map(|r| r.entry).collect();
    assert_eq!(again, rows);
    assert_eq!(write(&again, Lang::El), file);
}

#[test]
fn an_open_quote_is_refused() {
    let e = read("plu;name;price\n1;\"Bread;1\n", Market::Greece, Lang::En).unwrap_err();
    assert_eq!(e.problem, RowProblem::Unquoted);
}
