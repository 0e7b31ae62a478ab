//! Matching the terminal's last result (`G`) to a lost attempt. ECR17 results carry no id, so
//! the match is by kind, terminal id, amount where the layout has one, STAN progression past the
//! last approval this register recorded, host time and "not already ours"; else Undecided.

use chrono::{DateTime, Datelike, Local, NaiveDate, TimeZone, Timelike};

use super::result::{CardResult, Layout};
use crate::terminal::{Attempt, Outcome, PaymentKind, Recovery};

/// What the recovery knows besides the attempt itself.
pub(crate) struct Evidence<'a> {
    /// The `G` answer, `None` when the terminal had nothing stored.
    pub card: Option<&'a CardResult>,
    pub outcome: Option<Outcome>,
    pub raw: &'a str,
    /// This exact result was already delivered to an earlier attempt of this process.
    pub already_ours: bool,
    /// The configured terminal id (`00000000` = any).
    pub tid: &'a str,
    /// The STAN of the newest approval this register recorded on the terminal, and the
    /// terminal id it came from: a result of this attempt must come after it.
    pub last_stan: Option<&'a str>,
    pub last_tid: &'a str,
    /// The attempt that approval belongs to, for the evidence.
    pub last_attempt: Option<uuid::Uuid>,
    pub now: DateTime<Local>,
    pub window_secs: i64,
}

/// The layouts a result for this kind of attempt can have.
fn layouts_for(kind: PaymentKind) -> &'static [Layout] {
    match kind {
        PaymentKind::Sale => &[Layout::Payment, Layout::Extended, Layout::Dcc],
        PaymentKind::Verify => &[Layout::Payment],
        PaymentKind::Void => &[Layout::Reversal],
        PaymentKind::PreAuth => &[Layout::PreAuth],
        PaymentKind::Incremental => &[Layout::Incremental],
        PaymentKind::Completion => &[Layout::Closure, Layout::ClosureDcc],
        PaymentKind::Refund | PaymentKind::Moto => &[],
    }
}

pub(crate) fn judge(attempt: &Attempt, ev: &Evidence<'_>) -> Recovery {
    let Some(card) = ev.card else {
        return undecided("the terminal returned no stored result (G)", None);
    };
    let shown = format!("G returned {}", ev.raw);
    // A `09` (or unlisted) result proves no outcome, whichever attempt it belongs to.
    let Some(outcome) = ev.outcome.clone() else {
        let why = super::outcome::uncertainty(card).unwrap_or_else(|| "no outcome".into());
        return undecided(&format!("{shown}: {why}; check the terminal's own journal"), None);
    };
    if ev.already_ours {
        return undecided(
            &format!("{shown}: the result of an earlier payment, so this one left no result"),
            None,
        );
    }
    let stray = |why: String| undecided(&format!("{shown}: {why}"), Some(outcome.clone()));
    let layout = card.layout.unwrap_or(Layout::Payment);
    if !layouts_for(attempt.kind).contains(&layout) {
        return stray(format!("a {layout:?} result cannot answer a {}", attempt.kind.code()));
    }
    if ev.tid != "00000000" && card.tid != ev.tid {
        return stray(format!("terminal id {} is not {}", card.tid, ev.tid));
    }
    if let Some(amount) = card.amount.filter(|_| layout != Layout::PreAuth || card.is_ok())
        && i64::try_from(amount).ok() != Some(attempt.amount.cents())
    {
        return stray(format!("amount {amount} is not {}", attempt.amount.cents()));
    }
    let amount_checked = card.amount.is_some();
    // The STAN the terminal held right before this request beats the register's history.
    let baseline = baseline_of(&attempt.reference);
    let order = match &baseline {
        Some(Some(stan)) => stan_order(card, Some(stan), ""),
        // It held no result then: whatever it holds now came after.
        Some(None) => Stan::After,
        None => stan_order(card, ev.last_stan, ev.last_tid),
    };
    match order {
        // Nothing but the host time (minutes) would tie it to this attempt: a payment run on
        // the terminal itself just before looks the same. A person decides from the slip.
        Stan::NoHistory if !amount_checked => {
            return stray(
                "this layout carries no amount and this register has no STAN of the terminal to compare, so only the time would tie it to this attempt".into(),
            );
        }
        Stan::After | Stan::NoHistory => {}
        // The same terminal's same STAN: the approval the register recorded last, not a stray.
        Stan::Same(last) if baseline.is_some() => {
            let why = format!(
                "{shown}: STAN {last} is the result the terminal held before this payment was sent, so this attempt left no result"
            );
            return undecided(&why, None);
        }
        Stan::Same(last) => {
            let owner = ev.last_attempt.map(|id| format!(" (attempt {id})")).unwrap_or_default();
            let why = format!(
                "{shown}: STAN {last} is the approval this register recorded last{owner}, so this attempt left no result"
            );
            return undecided(&why, None);
        }
        Stan::NotAfter(why) => return stray(why),
    }
    let Ok(created) = DateTime::parse_from_rfc3339(&attempt.created_at) else {
        return stray(format!("attempt time {:?} unreadable", attempt.created_at));
    };
    let created = created.with_timezone(&Local);
    match host_time_near(&card.host_time, created, ev.now, ev.window_secs) {
        HostTime::Missing => {
            stray("it carries no host time (a declined result), so it cannot be tied to this attempt".into())
        }
        HostTime::Outside(t) => stray(format!("host time {t} is outside the attempt's time")),
        HostTime::Within => Recovery::Resolved(outcome),
    }
}

/// The note a payment's reference carries: the STAN the terminal's stored result had just
/// before the request left (`none` when it had no result stored).
pub(crate) fn baseline_note(stan: Option<&str>) -> String {
    match stan.map(str::trim).filter(|s| !s.is_empty()) {
        Some(stan) => format!("{BASELINE} {stan}"),
        None => format!("{BASELINE} none"),
    }
}

const BASELINE: &str = "after-stan";

/// The baseline noted in an attempt's reference: `Some(None)` = the terminal held no result.
fn baseline_of(reference: &str) -> Option<Option<String>> {
    let rest = reference.split(BASELINE).nth(1)?.split_whitespace().next()?;
    Some((rest != "none").then(|| rest.to_string()))
}

/// Where a result's STAN stands against the last one this register recorded.
enum Stan {
    /// After it.
    After,
    /// Nothing to compare with: no approval recorded on this terminal id yet.
    NoHistory,
    /// Equal: the very transaction recorded last.
    Same(String),
    /// Older or unreadable: why it cannot be this attempt's.
    NotAfter(String),
}

/// STANs count up per terminal (6 digits, wrapping): a result of this attempt has a STAN after
/// the last one this register recorded from the same terminal id.
fn stan_order(card: &CardResult, last_stan: Option<&str>, last_tid: &str) -> Stan {
    let Some(last) = last_stan.map(str::trim).filter(|s| !s.is_empty()) else { return Stan::NoHistory };
    // Another device (or a replaced one) counts its own STANs.
    let other_device = !last_tid.is_empty() && last_tid != card.tid;
    let Some(last_n) = last.parse::<u32>().ok().filter(|_| !other_device) else { return Stan::NoHistory };
    let Ok(new) = card.stan.trim().parse::<u32>() else {
        return Stan::NotAfter(format!(
            "STAN {:?} is unreadable, so it cannot be placed after {last}",
            card.stan
        ));
    };
    match (i64::from(new) - i64::from(last_n)).rem_euclid(STAN_MODULUS) {
        0 => Stan::Same(last.to_string()),
        step if step < STAN_MODULUS / 2 => Stan::After,
        _ => Stan::NotAfter(format!(
            "STAN {} did not progress past {last}, the last STAN this register recorded on the terminal",
            card.stan
        )),
    }
}

/// STANs have 6 digits; a step of less than half the range counts as "after".
const STAN_MODULUS: i64 = 1_000_000;

fn undecided(evidence: &str, unmatched: Option<Outcome>) -> Recovery {
    Recovery::Undecided { evidence: evidence.to_string(), unmatched }
}

enum HostTime {
    Missing,
    Outside(String),
    Within,
}

/// Is `DDDHHMM` (1-based day of the year, host clock) within [created − w, now + w]?
fn host_time_near(raw: &str, created: DateTime<Local>, now: DateTime<Local>, window_secs: i64) -> HostTime {
    let parse = |a: usize, b: usize| raw.get(a..b).and_then(|s| s.parse::<u32>().ok());
    let (Some(day), Some(hour), Some(minute)) = (parse(0, 3), parse(3, 5), parse(5, 7)) else {
        return HostTime::Missing;
    };
    if day == 0 {
        return HostTime::Missing;
    }
    let window = chrono::Duration::seconds(window_secs);
    // The host stamps whole minutes: compare from the start of the attempt's minute.
    let from = created.with_second(0).unwrap_or(created) - window;
    let to = now + window;
    let year = created.year();
    let within = [year - 1, year, year + 1].into_iter().any(|y| {
        NaiveDate::from_yo_opt(y, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .and_then(|t| Local.from_local_datetime(&t).earliest())
            .is_some_and(|t| t >= from && t <= to)
    });
    if within { HostTime::Within } else { HostTime::Outside(raw.to_string()) }
}

/// `DDDHHMM` for a local time (the simulator stamps its results with it).
pub fn host_time_of(t: DateTime<Local>) -> String {
    format!("{:03}{:02}{:02}", t.ordinal(), t.hour(), t.minute())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use crate::terminal::{Approval, AttemptState, Protocol};

    fn attempt(kind: PaymentKind, cents: i64, created: DateTime<Local>) -> Attempt {
        Attempt {
            id: uuid::Uuid::now_v7(),
            terminal: "t".into(),
            protocol: Protocol::Ecr17,
            kind,
            amount: Money::from_cents(cents),
            order_id: None,
            reference: String::new(),
            state: AttemptState::Unknown,
            created_at: created.to_rfc3339(),
            outcome: None,
            note: String::new(),
        }
    }

    fn card(layout: Layout, ok: bool, time: &str, amount: Option<u64>) -> CardResult {
        CardResult {
            tid: "37105051".into(),
            layout: Some(layout),
            result_code: if ok { "00" } else { "01" }.into(),
            host_time: if ok { time.into() } else { String::new() },
            amount,
            ..Default::default()
        }
    }

    /// What most tests give `judge`: `c` read as an approval, any terminal id, nothing
    /// recorded before it, a five-minute window; each test changes what it is about.
    fn evidence(c: Option<&CardResult>, now: DateTime<Local>) -> Evidence<'_> {
        Evidence {
            card: c,
            outcome: Some(Outcome::Approved(Approval::default())),
            raw: "x",
            already_ours: false,
            tid: "00000000",
            last_stan: None,
            last_tid: "",
            last_attempt: None,
            now,
            window_secs: 300,
        }
    }

    fn judge_with(a: &Attempt, c: &CardResult, seen: bool, now: DateTime<Local>) -> Recovery {
        judge(a, &Evidence { already_ours: seen, ..evidence(Some(c), now) })
    }

    #[test]
    fn a_fresh_result_resolves_only_when_more_than_its_time_ties_it_to_the_attempt() {
        let now = Local::now();
        let a = attempt(PaymentKind::Sale, 650, now - chrono::Duration::seconds(30));
        let mut c = card(Layout::Payment, true, &host_time_of(now), None);
        // No amount in the layout and no STAN recorded yet: a payment run on the terminal
        // itself a minute before looks the same, so it stays for a person.
        let alone = judge_with(&a, &c, false, now);
        assert!(evidence_of(&alone).contains("only the time"), "{alone:?}");
        assert!(matches!(alone, Recovery::Undecided { unmatched: Some(_), .. }));
        assert!(matches!(judge_with(&a, &c, true, now), Recovery::Undecided { unmatched: None, .. }));
        // With the STAN this register recorded last, a STAN after it resolves.
        c.stan = "000011".into();
        assert!(matches!(judge_after(&a, &c, Some("000010"), "37105051"), Recovery::Resolved(_)));
    }

    #[test]
    fn wrong_kind_amount_time_or_no_time_stay_undecided() {
        let now = Local::now();
        let a = attempt(PaymentKind::Sale, 650, now);
        let t = host_time_of(now);
        for c in [
            card(Layout::Reversal, true, &t, None),
            card(Layout::Extended, true, &t, Some(651)),
            card(Layout::Payment, true, &host_time_of(now - chrono::Duration::hours(2)), None),
            card(Layout::Payment, false, &t, None),
        ] {
            assert!(
                matches!(judge_with(&a, &c, false, now), Recovery::Undecided { unmatched: Some(_), .. }),
                "{c:?}"
            );
        }
        assert!(matches!(
            judge_with(&a, &card(Layout::Extended, true, &t, Some(650)), false, now),
            Recovery::Resolved(_)
        ));
        let none = Evidence { outcome: None, raw: "", tid: "0", window_secs: 1, ..evidence(None, now) };
        assert!(matches!(judge(&a, &none), Recovery::Undecided { unmatched: None, .. }));
    }

    fn judge_after(a: &Attempt, c: &CardResult, last: Option<&str>, last_tid: &str) -> Recovery {
        judge(a, &Evidence { last_stan: last, last_tid, ..evidence(Some(c), Local::now()) })
    }

    fn evidence_of(r: &Recovery) -> &str {
        match r {
            Recovery::Undecided { evidence, unmatched: Some(_) } => evidence,
            other => panic!("not undecided with the result kept: {other:?}"),
        }
    }

    #[test]
    fn a_g_answer_for_another_amount_is_undecided_with_the_evidence() {
        let now = Local::now();
        let a = attempt(PaymentKind::Sale, 650, now);
        let c = card(Layout::Extended, true, &host_time_of(now), Some(990));
        let r = judge_after(&a, &c, None, "");
        assert!(evidence_of(&r).contains("amount 990 is not 650"), "{r:?}");
    }

    #[test]
    fn a_stan_that_did_not_progress_is_not_ours() {
        let now = Local::now();
        let a = attempt(PaymentKind::Sale, 650, now);
        let mut c = card(Layout::Payment, true, &host_time_of(now), None);
        for (stan, last) in [("000009", "000010"), ("000001", "400000")] {
            c.stan = stan.into();
            let r = judge_after(&a, &c, Some(last), "37105051");
            assert!(evidence_of(&r).contains("did not progress"), "{stan} after {last}: {r:?}");
        }
        // Equal: the approval recorded last, so this attempt left no result (nothing stray).
        c.stan = "000010".into();
        let same = judge_after(&a, &c, Some("000010"), "37105051");
        assert!(
            matches!(&same, Recovery::Undecided { evidence, unmatched: None } if evidence.contains("left no result")),
            "{same:?}"
        );
        for (stan, last) in [("000011", "000010"), ("000002", "999999")] {
            c.stan = stan.into();
            assert!(matches!(judge_after(&a, &c, Some(last), "37105051"), Recovery::Resolved(_)), "{stan}");
        }
        // Nothing recorded yet, or recorded from another terminal id: the STAN proves nothing,
        // and this layout has no amount, so only the time would be left: undecided.
        c.stan = "000003".into();
        assert!(evidence_of(&judge_after(&a, &c, None, "")).contains("only the time"));
        assert!(evidence_of(&judge_after(&a, &c, Some("000500"), "99999999")).contains("only the time"));
        c.stan = "ABC".into();
        assert!(evidence_of(&judge_after(&a, &c, Some("000010"), "")).contains("unreadable"));
    }

    #[test]
    fn every_field_agreeing_resolves() {
        let now = Local::now();
        let a = attempt(PaymentKind::Sale, 650, now - chrono::Duration::seconds(20));
        let mut c = card(Layout::Extended, true, &host_time_of(now), Some(650));
        c.stan = "000042".into();
        assert!(matches!(judge_after(&a, &c, Some("000041"), "37105051"), Recovery::Resolved(_)));
    }

    /// Nexi's result table: `09` = unknown TAG from the host, no branch layout, no outcome.
    #[test]
    fn a_09_copy_is_undecided_whatever_else_agrees() {
        let now = Local::now();
        let a = attempt(PaymentKind::Sale, 650, now);
        let mut c = card(Layout::Extended, true, &host_time_of(now), Some(650));
        c.result_code = "09".into();
        let ev = Evidence { outcome: None, raw: "371050510E09", ..evidence(Some(&c), now) };
        match judge(&a, &ev) {
            Recovery::Undecided { evidence, unmatched: None } => {
                assert!(evidence.contains("result 09"), "{evidence}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn day_of_year_is_one_based() {
        let jan1 = Local.with_ymd_and_hms(2026, 1, 1, 0, 5, 0).unwrap();
        assert_eq!(host_time_of(jan1), "0010005");
        assert!(matches!(host_time_near("0010005", jan1, jan1, 60), HostTime::Within));
        assert!(matches!(host_time_near("3652359", jan1, jan1, 600), HostTime::Within));
    }
}
