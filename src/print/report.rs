//! X and Z reports as layouts: totals per tender and per VAT rate, the receipt range, the
//! counted cash against what the register expects, and the terminal's own totals.

use crate::config::Settings;
use crate::domain::report::{CLOSED_ON_TERMINAL, CardReconciliation, CashCount, TerminalCards};
use crate::domain::{BatchClosure, Money, RegisterTotals};
use crate::fl;
use crate::i18n::I18n;

use super::layout::{Block, Layout, Style};
use super::receipt::{money, shop_header, vat_table};

/// The X report: what the register took since the last closure; nothing is closed.
/// `printed_at` is local time `YYYY-MM-DDThh:mm:ss` (the caller's clock, so tests stay fixed).
pub fn x_report_layout(
    totals: &RegisterTotals,
    counted_cash: Option<Money>,
    printed_at: &str,
    settings: &Settings,
    i18n: &I18n,
    columns: usize,
) -> Layout {
    let mut l = Layout::new(columns);
    shop_header(&mut l, settings, i18n);
    l.center(fl!(i18n, "print-x-title"), Style::LARGE);
    l.pair(fl!(i18n, "receipt-register", register = settings.register_id.as_str()), "");
    l.pair(fl!(i18n, "print-printed-at"), i18n.datetime(printed_at));
    l.push(Block::Rule);
    register_totals(&mut l, totals, settings, i18n);
    cash_count(&mut l, totals, counted_cash, i18n);
    for (name, part) in &totals.terminals {
        terminal_section(&mut l, name, part, i18n);
    }
    l
}

/// The Z report of a closed batch: the register's totals, the drawer, then one section per
/// terminal, the closed terminal's reconciled with its own card payments only.
pub fn z_report_layout(closure: &BatchClosure, settings: &Settings, i18n: &I18n, columns: usize) -> Layout {
    let mut l = Layout::new(columns);
    shop_header(&mut l, settings, i18n);
    l.center(fl!(i18n, "print-z-title"), Style::LARGE);
    l.pair(
        fl!(i18n, "print-z-number", number = closure.number),
        fl!(i18n, "receipt-register", register = closure.register_id.as_str()),
    );
    l.pair(fl!(i18n, "print-closed-at"), i18n.datetime(&closure.closed_at));
    if !closure.terminal.is_empty() {
        l.pair(fl!(i18n, "print-terminal"), closure.terminal.as_str());
    }
    l.push(Block::Rule);
    register_totals(&mut l, &closure.register, settings, i18n);
    cash_count(&mut l, &closure.register, closure.counted_cash, i18n);
    let t = &closure.register;
    for (name, part) in &t.terminals {
        terminal_section(&mut l, name, part, i18n);
        if *name == closure.terminal {
            closed_terminal(&mut l, closure, i18n);
        } else {
            l.center(fl!(i18n, "print-terminal-not-closed"), Style::NORMAL);
        }
    }
    // The closed terminal with no card payment of its own in the Z (or a Z stored before the
    // per-terminal sections): its batch still has its section.
    if !closure.terminal.is_empty() && !t.terminals.contains_key(&closure.terminal) {
        if !t.terminals.is_empty() {
            terminal_section(&mut l, &closure.terminal, &TerminalCards::default(), i18n);
        } else if closure.terminal_totals.is_some() {
            l.push(Block::Rule);
            l.center(fl!(i18n, "print-terminal-totals"), Style::BOLD);
        }
        closed_terminal(&mut l, closure, i18n);
    }
    l
}

/// One terminal's card payments as the register has them: demo and by-hand ones marked.
fn terminal_section(l: &mut Layout, name: &str, part: &TerminalCards, i18n: &I18n) {
    l.push(Block::Rule);
    l.center(fl!(i18n, "print-terminal-section", name = name), Style::BOLD);
    if part.demo {
        l.center(fl!(i18n, "print-terminal-demo"), Style::NORMAL);
    }
    l.pair(fl!(i18n, "print-terminal-cards", count = part.count), i18n.money_plain(part.charged));
    if part.by_hand_count > 0 {
        l.pair(
            fl!(i18n, "print-terminal-by-hand", count = part.by_hand_count),
            i18n.money_plain(part.by_hand),
        );
    }
}

/// The closed terminal's batch: its totals against the register's, or why there are none.
fn closed_terminal(l: &mut Layout, closure: &BatchClosure, i18n: &I18n) {
    let Some(json) = &closure.terminal_totals else { return };
    if json.get("batch_close").and_then(serde_json::Value::as_str) == Some(CLOSED_ON_TERMINAL) {
        l.center(fl!(i18n, "print-close-on-terminal"), Style::BOLD);
        return;
    }
    let check = closure.card_reconciliation();
    terminal_batch(l, json, check.is_none(), i18n);
    if let Some(check) = check {
        card_check(l, check, i18n);
    }
    terminal_slip(l, json, i18n);
}

/// The terminal's batch as the register stored it (the driver's `BatchTotals`: amounts in
/// cents), laid out in the report's language: its id, how the close went, its total (unless
/// the card check shows it) and the bank's. ECR17 `C`/`T` give totals only, never per card scheme; a scheme breakdown the
/// terminal prints is in its slip, below.
fn terminal_batch(l: &mut Layout, json: &serde_json::Value, with_total: bool, i18n: &I18n) {
    let text = |key: &str| json.get(key).and_then(serde_json::Value::as_str).unwrap_or("").trim().to_string();
    let cents = |key: &str| json.get(key).and_then(serde_json::Value::as_i64).map(Money::from_cents);
    let tid = text("terminal_id");
    if !tid.is_empty() {
        l.pair(fl!(i18n, "print-batch-terminal-id"), tid);
    }
    match json.get("ok").and_then(serde_json::Value::as_bool) {
        Some(true) => l.pair(fl!(i18n, "print-batch-result"), fl!(i18n, "print-batch-closed")),
        Some(false) => {
            let reason = match (text("message"), text("result_code")) {
                (m, c) if m.is_empty() => c,
                (m, c) if c.is_empty() => m,
                (m, c) => format!("{m} ({c})"),
            };
            l.pair(fl!(i18n, "print-batch-result"), fl!(i18n, "print-batch-refused", reason = reason));
        }
        None => {}
    }
    // The card check below names the terminal's total when it compares it.
    if let Some(total) = cents("terminal_total").filter(|_| with_total) {
        l.pair(fl!(i18n, "print-batch-terminal-total"), i18n.money_plain(total));
    }
    if let Some(host) = cents("host_total") {
        l.pair(fl!(i18n, "print-batch-host-total"), i18n.money_plain(host));
    }
    if json.get("terminal_total").is_none() {
        // A shape from elsewhere (an older register): each plain field as a line, never JSON.
        let shown = ["terminal_id", "ok", "result_code", "message", "host_total"];
        for (key, value) in
            json.as_object().into_iter().flatten().filter(|(k, _)| !shown.contains(&k.as_str()))
        {
            let value = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            l.pair(key.replace('_', " "), value);
        }
    }
}

/// The terminal's own close slip, line by line as it printed it (control bytes dropped).
fn terminal_slip(l: &mut Layout, json: &serde_json::Value, i18n: &I18n) {
    let slip = json.get("receipt_text").and_then(serde_json::Value::as_str).unwrap_or("");
    let lines: Vec<String> = slip
        .lines()
        .map(|line| line.chars().filter(|c| !c.is_control()).collect::<String>().trim_end().to_string())
        .collect();
    let first = lines.iter().position(|s| !s.trim().is_empty());
    let last = lines.iter().rposition(|s| !s.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else { return };
    l.push(Block::Rule);
    l.center(fl!(i18n, "print-batch-slip"), Style::BOLD);
    l.push(Block::Verbatim(lines[first..=last].join("\n")));
}

/// The "receipts" line of a report: `12`, `12 - 40`, or "no receipts".
pub(super) fn receipt_range(l: &mut Layout, first: Option<i64>, last: Option<i64>, i18n: &I18n) {
    let range = match (first, last) {
        (Some(first), Some(last)) if first == last => first.to_string(),
        (Some(first), Some(last)) => format!("{first} - {last}"),
        _ => fl!(i18n, "print-no-receipts"),
    };
    l.pair(fl!(i18n, "print-receipt-range"), range);
}

fn register_totals(l: &mut Layout, t: &RegisterTotals, settings: &Settings, i18n: &I18n) {
    receipt_range(l, t.first_receipt, t.last_receipt, i18n);
    l.pair(fl!(i18n, "print-sales"), t.sales.to_string());
    l.pair(fl!(i18n, "print-refunds"), t.refunds.to_string());
    l.push(Block::Rule);
    l.center(fl!(i18n, "print-payments"), Style::BOLD);
    for (code, amount) in &t.tenders {
        let label = match code.as_str() {
            "cash" => fl!(i18n, "receipt-cash"),
            "card" => fl!(i18n, "receipt-card"),
            other => other.to_string(),
        };
        l.pair(label, i18n.money_plain(*amount));
        let tips = t.tips_of(code);
        if !tips.is_zero() {
            l.pair(format!("  {}", fl!(i18n, "print-tips")), i18n.money_plain(tips));
            l.pair(format!("  {}", fl!(i18n, "print-card-charged")), i18n.money_plain(*amount + tips));
        }
    }
    l.pair(fl!(i18n, "print-card-payments"), t.card_count.to_string());
    l.push(Block::Rule);
    if !t.vat.is_empty() {
        l.push(vat_table(&t.vat, settings, i18n));
    }
    l.pair_styled(fl!(i18n, "receipt-total"), money(i18n, t.total), Style::LARGE);
    super::period::department_table(l, &t.departments, i18n);
}

/// The register's card total with tips against the terminal's batch total: like with like.
fn card_check(l: &mut Layout, check: CardReconciliation, i18n: &I18n) {
    l.pair(fl!(i18n, "print-card-check-register"), i18n.money_plain(check.register));
    l.pair(fl!(i18n, "print-card-check-terminal"), i18n.money_plain(check.terminal));
    if check.difference().is_zero() {
        l.center(fl!(i18n, "print-card-check-match"), Style::BOLD);
    } else {
        l.pair_styled(fl!(i18n, "print-card-check-difference"), money(i18n, check.difference()), Style::BOLD);
    }
}

/// The drawer: the opening float, the cash expected (float + cash taken − cash given back),
/// the cash counted and whether the drawer is over or short.
fn cash_count(l: &mut Layout, t: &RegisterTotals, counted: Option<Money>, i18n: &I18n) {
    if counted.is_none() && t.opening_float.is_zero() {
        return;
    }
    let expected = t.expected_cash();
    l.push(Block::Rule);
    if !t.opening_float.is_zero() {
        l.pair(fl!(i18n, "print-opening-float"), i18n.money_plain(t.opening_float));
        l.pair(fl!(i18n, "print-cash-net"), i18n.money_plain(t.tendered("cash")));
    }
    l.pair(fl!(i18n, "print-expected-cash"), i18n.money_plain(expected));
    let Some(counted) = counted else { return };
    l.pair(fl!(i18n, "print-counted-cash"), i18n.money_plain(counted));
    match CashCount::of(counted, expected) {
        CashCount::Exact => l.center(fl!(i18n, "print-cash-exact"), Style::BOLD),
        CashCount::Over(by) => l.pair_styled(fl!(i18n, "print-cash-over"), money(i18n, by), Style::BOLD),
        CashCount::Short(by) => l.pair_styled(fl!(i18n, "print-cash-short"), money(i18n, by), Style::BOLD),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::print::text::render_text;

    fn closure() -> BatchClosure {
        let mut register = RegisterTotals {
            first_receipt: Some(4),
            last_receipt: Some(9),
            sales: 5,
            refunds: 1,
            total: Money::from_cents(12_345),
            card_count: 2,
            ..Default::default()
        };
        register.tenders.insert("cash".into(), Money::from_cents(4_345));
        register.tenders.insert("card".into(), Money::from_cents(8_000));
        BatchClosure {
            number: 3,
            register_id: "1".into(),
            terminal: "nexi-1".into(),
            closed_at: "2026-11-23T22:00:00".into(),
            register,
            terminal_totals: Some(serde_json::json!({"count": 2, "total_cents": 8000})),
            counted_cash: Some(Money::from_cents(4_300)),
        }
    }

    #[test]
    fn z_report_in_greek_shows_difference_and_terminal_totals() {
        let l = z_report_layout(&closure(), &Settings::default(), &I18n::new(Lang::El), 48);
        let text = render_text(&l);
        for want in [
            "ΑΝΑΦΟΡΑ Ζ",
            "Ζ αρ. 3",
            "4 - 9",
            "Μετρητά",
            "43,45",
            "Έλλειμμα μετρητών",
            "0,45 €",
            "total cents",
            "8000",
        ] {
            assert!(text.contains(want), "{want} missing in\n{text}");
        }
        assert!(!text.contains('{') && !text.contains('"'), "no JSON on paper:\n{text}");
    }

    /// The driver's `BatchTotals` as `register::batches` stores it: an ECR17 close with the
    /// terminal's slip (its lines as the terminal sent them, a `\r\n` and a control byte in it).
    fn ecr17_close() -> serde_json::Value {
        serde_json::json!({
            "terminal_id": "37105051", "ok": true, "result_code": "00", "message": "",
            "terminal_total": 8000, "host_total": 8000, "action_code": "",
            "receipt_text": "  CHIUSURA CONTABILE\r\nVISA        2    50,00\nMASTERCARD  1    30,00\u{1b}\nTOTALE      3    80,00\n"
        })
    }

    #[test]
    fn the_terminals_batch_is_a_section_in_the_reports_language() {
        let mut c = closure();
        c.terminal_totals = Some(ecr17_close());
        for (lang, words) in [
            (
                Lang::El,
                ["Κωδικός τερματικού", "Αποτέλεσμα", "έκλεισε", "Σύνολο τράπεζας", "Απόδειξη κλεισίματος"],
            ),
            (Lang::It, ["ID terminale", "Esito", "chiusa", "Totale host", "Scontrino di chiusura"]),
            (Lang::En, ["Terminal id", "Result", "closed", "Bank (host) total", "Terminal's close slip"]),
        ] {
            let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(lang), 42));
            for want in words {
                assert!(text.contains(want), "{lang:?}: {want} missing in\n{text}");
            }
            assert!(text.contains("37105051") && text.contains("80"), "{text}");
            for slip_line in ["CHIUSURA CONTABILE", "VISA        2    50,00", "MASTERCARD  1    30,00"] {
                assert!(text.lines().any(|l| l.trim_end().ends_with(slip_line)), "{slip_line}:\n{text}");
            }
            assert!(!text.contains("\\n") && !text.contains('{') && !text.contains("receipt_text"), "{text}");
        }
        // A refused close says why, in the report's words around the terminal's reason.
        c.terminal_totals = Some(serde_json::json!({"ok": false, "result_code": "01", "message": "NO LINK"}));
        let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(Lang::El), 42));
        assert!(text.contains("απέτυχε: NO LINK (01)"), "{text}");
    }

    #[test]
    fn x_report_without_receipts_in_italian() {
        let l = x_report_layout(
            &RegisterTotals::default(),
            None,
            "2026-11-23T10:00:00",
            &Settings::default(),
            &I18n::new(Lang::It),
            32,
        );
        let text = render_text(&l);
        assert!(text.contains("nessuno scontrino"), "{text}");
        assert!(text.contains("23/11/2026 10:00"), "{text}");
        assert!(!text.contains("Differenza"));
    }

    #[test]
    fn tips_are_shown_per_tender_and_the_terminal_compared_with_them() {
        let mut c = closure();
        c.register.tips.insert("card".into(), Money::from_cents(250));
        c.terminal_totals = Some(serde_json::json!({"ok": true, "terminal_total": 8250}));
        let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(Lang::En), 48));
        let line = |label: &str| text.lines().find(|l| l.contains(label)).map(str::to_string);
        assert!(line("Tips").is_some_and(|l| l.ends_with("2.50")), "{text}");
        assert!(line("Card total incl. tips").is_some_and(|l| l.ends_with("82.50")), "{text}");
        assert!(line("Register card total").is_some_and(|l| l.ends_with("82.50")), "{text}");
        assert!(text.contains("Card totals agree"), "{text}");

        c.terminal_totals = Some(serde_json::json!({"ok": true, "terminal_total": 8000}));
        let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(Lang::El), 48));
        assert!(text.contains("-2,50 €") && !text.contains("συμφωνούν"), "{text}");
        let x = x_report_layout(
            &c.register,
            None,
            "2026-11-23T10:00:00",
            &Settings::default(),
            &I18n::new(Lang::It),
            32,
        );
        assert!(render_text(&x).contains("Mance"));
    }

    /// Issue 23, item 1 on paper: one section per terminal, the closed one reconciled with its
    /// own payments, the demo one marked and not closed, by-hand payments listed apart.
    #[test]
    fn the_z_has_a_reconciled_section_per_terminal() {
        let mut c = closure();
        let part = |charged, count, demo, by_hand, by_hand_count| TerminalCards {
            charged: Money::from_cents(charged),
            count,
            demo,
            by_hand: Money::from_cents(by_hand),
            by_hand_count,
        };
        c.register.terminals.insert("demo".into(), part(3_619, 2, true, 0, 0));
        c.register.terminals.insert("ecr17".into(), part(3_442, 3, false, 563, 1));
        c.terminal = "ecr17".into();
        c.terminal_totals = Some(serde_json::json!({"ok": true, "terminal_total": 3442}));
        let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(Lang::El), 48));
        let ecr17 = text.find("Τερματικό ecr17").expect("the ECR17 section");
        let demo = text.find("Τερματικό demo").expect("the demo section");
        let (demo_part, ecr17_part) = (&text[demo..ecr17], &text[ecr17..]);
        assert!(
            demo_part.contains("χωρίς πραγματικά χρήματα") && demo_part.contains("δεν κλείνει"),
            "{text}"
        );
        assert!(demo_part.contains("2 πληρωμές με κάρτα") && demo_part.contains("36,19"), "{text}");
        assert!(
            ecr17_part.contains("από αυτές 1 με απόφαση υπευθύνου") && ecr17_part.contains("5,63"),
            "{text}"
        );
        let line = |label: &str| ecr17_part.lines().find(|l| l.contains(label)).map(str::to_string);
        assert!(line("Σύνολο καρτών ταμείου").is_some_and(|l| l.ends_with("34,42")), "{text}");
        assert!(line("Σύνολο πακέτου τερματικού").is_some_and(|l| l.ends_with("34,42")), "{text}");
        assert!(ecr17_part.contains("Τα σύνολα καρτών συμφωνούν"), "{text}");
        assert!(!text.contains("70,61") && !text.contains("Τερματικό μείον ταμείο"), "{text}");
    }

    /// Issue 23, item 7: for a protocol without a batch close the Z sends the manager to the
    /// terminal, and compares nothing.
    #[test]
    fn a_z_without_a_terminal_close_says_to_close_on_the_terminal() {
        let mut c = closure();
        c.terminal = "aade".into();
        c.terminal_totals = Some(serde_json::json!({ "batch_close": CLOSED_ON_TERMINAL }));
        for (lang, words) in [
            (Lang::En, "close the batch on the terminal itself"),
            (Lang::El, "κλείστε το πακέτο στο ίδιο το τερματικό"),
            (Lang::It, "chiudere il lotto sul terminale stesso"),
        ] {
            let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(lang), 48));
            let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flowing.contains(words), "{lang:?}:\n{text}");
            assert!(!text.contains("batch_close") && !text.contains("on-terminal"), "{text}");
        }
    }

    /// Issue 23, item 8 on paper: the float, the cash taken net of refunds, the expected cash
    /// and over or short in words.
    #[test]
    fn the_drawer_shows_the_float_and_over_or_short() {
        let mut c = closure();
        c.register.opening_float = Money::from_cents(2_000);
        c.register.tenders.insert("cash".into(), Money::from_cents(-990));
        c.counted_cash = Some(Money::from_cents(1_100));
        let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(Lang::El), 48));
        let line = |label: &str| text.lines().find(|l| l.contains(label)).map(str::to_string);
        assert!(line("Ρέστα ταμείου").is_some_and(|l| l.ends_with("20,00")), "{text}");
        assert!(line("Αναμενόμενα μετρητά").is_some_and(|l| l.ends_with("10,10")), "{text}");
        assert!(line("Περίσσευμα μετρητών").is_some_and(|l| l.ends_with("0,90 €")), "{text}");
        c.counted_cash = Some(Money::from_cents(1_010));
        let text = render_text(&z_report_layout(&c, &Settings::default(), &I18n::new(Lang::En), 48));
        assert!(text.contains("Cash matches") && !text.contains("Cash short"), "{text}");
    }
}
