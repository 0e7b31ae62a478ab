//! The one keyboard map of the register (UI.md "Keys"): raw key presses become actions,
//! and the labels printed on buttons come from here too.

use iced::keyboard::{self, Key, key::Named};

/// What a key press means to the register, whatever screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A digit, from the keyboard, the keypad or a barcode scanner.
    Digit(char),
    /// `,` or `.`: decimal separator.
    Decimal,
    /// `*` after a number: the quantity of the next item.
    Times,
    Enter,
    Backspace,
    Up,
    Down,
    Search,
    Discount,
    Void,
    Cash,
    Card,
    Split,
    /// Send as a deferred (preloaded) receipt.
    Defer,
    Escape,
    Manager,
    /// F3: park the sale in progress, or (with an empty cart) recall a parked one.
    Park,
    /// Shift+F8: the list of deferred receipts.
    DeferredList,
    /// F1: the first of a row of quick choices (the cash screen's "exact").
    Exact,
    /// Print the receipt on show; save it as PDF.
    Print,
    Pdf,
    /// The next or previous tab of a page with tabs (the manager's menu).
    NextTab,
    PrevTab,
}

impl Action {
    /// The key name shown on the button that does the same.
    pub fn label(self) -> &'static str {
        match self {
            Action::Search => "F2",
            Action::Discount => "F4",
            Action::Void => "F5",
            Action::Cash => "F9",
            Action::Card => "F10",
            Action::Split => "F11",
            Action::Defer => "F8",
            Action::Manager => "F12",
            Action::Park => "F3",
            Action::DeferredList => "⇧F8",
            Action::Exact => "F1",
            Action::Print => "F6",
            Action::Pdf => "F7",
            Action::NextTab => "PgDn",
            Action::PrevTab => "PgUp",
            Action::Escape => "Esc",
            Action::Enter => "Enter",
            Action::Up => "↑",
            Action::Down => "↓",
            Action::Times => "×",
            Action::Backspace => "⌫",
            Action::Decimal => ",",
            Action::Digit(_) => "",
        }
    }
}

/// Two keys that do the same on a screen, as one button's key line: "Enter · F9".
pub fn either(a: Action, b: Action) -> String {
    format!("{} · {}", a.label(), b.label())
}

/// Keys F1…F5 as labels, for a row of quick choices (the cash screen's notes).
pub const QUICK_LABELS: [&str; 5] = ["F1", "F2", "F3", "F4", "F5"];

impl Action {
    /// The n-th (from 0) quick choice this key picks on a screen with a row of them: F1…F5,
    /// whatever those keys mean on the checkout.
    pub fn quick_pick(self) -> Option<usize> {
        match self {
            Action::Exact => Some(0),
            Action::Search => Some(1),
            Action::Park => Some(2),
            Action::Discount => Some(3),
            Action::Void => Some(4),
            _ => None,
        }
    }
}

/// A screen (or a panel that takes the keys) in the key table: every key it answers and what
/// that key does there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    SignIn,
    FirstRun,
    Checkout,
    /// The parked sales listed on the checkout (F3 on an empty cart).
    Parked,
    Cash,
    Card,
    /// A manager resolving an unknown card payment by hand on the card screen (F12).
    CardResolve,
    Split,
    Receipt,
    /// Deferred receipts: the checkout's list (⇧F8) and the manager's tab.
    Deferred,
    Diagnostics,
    Receipts,
    Batch,
    Reports,
    Settings,
    /// A certification run in Settings · Terminals.
    Certify,
    /// The manager's Products tab: the list.
    Products,
    /// The Products tab's form (new product, edit, change price).
    ProductForm,
}

/// The typing keys (digits, `,`, ⌫, ×): shown by the keypad and the fields, not in the table.
pub fn typing(action: Action) -> bool {
    matches!(action, Action::Digit(_) | Action::Decimal | Action::Backspace | Action::Times)
}

/// Every key the register reads, typing keys apart (for walking a screen's key handling).
pub const ALL: [Action; 19] = [
    Action::Enter,
    Action::Escape,
    Action::Up,
    Action::Down,
    Action::PrevTab,
    Action::NextTab,
    Action::Exact,
    Action::Search,
    Action::Park,
    Action::Discount,
    Action::Void,
    Action::Print,
    Action::Pdf,
    Action::Defer,
    Action::DeferredList,
    Action::Cash,
    Action::Card,
    Action::Split,
    Action::Manager,
];

impl Place {
    pub const ALL: [Place; 18] = [
        Place::SignIn,
        Place::FirstRun,
        Place::Checkout,
        Place::Parked,
        Place::Cash,
        Place::Card,
        Place::CardResolve,
        Place::Split,
        Place::Receipt,
        Place::Deferred,
        Place::Diagnostics,
        Place::Receipts,
        Place::Batch,
        Place::Reports,
        Place::Settings,
        Place::Certify,
        Place::Products,
        Place::ProductForm,
    ];

    /// The screen's name in the documented key map.
    pub fn name(self) -> &'static str {
        match self {
            Place::SignIn => "sign-in",
            Place::FirstRun => "first run",
            Place::Checkout => "checkout",
            Place::Parked => "parked sales (F3, empty cart)",
            Place::Cash => "cash",
            Place::Card => "card payment",
            Place::CardResolve => "card: resolve by hand (manager)",
            Place::Split => "split",
            Place::Receipt => "receipt",
            Place::Deferred => "deferred receipts",
            Place::Diagnostics => "diagnostics (Ctrl+T)",
            Place::Receipts => "manager: receipts",
            Place::Batch => "manager: batch close / X / Z",
            Place::Reports => "manager: reports",
            Place::Settings => "manager: settings",
            Place::Certify => "settings: certification run",
            Place::Products => "manager: products",
            Place::ProductForm => "manager: products, the form",
        }
    }

    /// What each key does on this screen (typing keys apart). One key, one meaning: the tender
    /// keys F8–F12 keep their checkout meaning wherever they are read (see the tests).
    pub fn keys(self) -> &'static [(Action, &'static str)] {
        use Action::*;
        // The manager's menu: Esc closes (an open question or panel first), PgUp / PgDn tabs.
        macro_rules! manager {
            ($($rest:tt)*) => {
                &[
                    (Escape, "close the question or panel open, else the manager's menu"),
                    (PrevTab, "previous tab"),
                    (NextTab, "next tab"),
                    $($rest)*
                ]
            };
        }
        match self {
            Place::SignIn => &[
                (Enter, "sign in"),
                (Escape, "clear the PIN"),
                (Up, "previous person"),
                (Down, "next person"),
            ],
            Place::FirstRun => &[
                (Enter, "next step; on the last, finish"),
                (Escape, "back a step"),
                (Print, "last step: add my terminal"),
                (Pdf, "last step: import my products (CSV)"),
            ],
            Place::Checkout => &[
                (Enter, "add by barcode or PLU (what is typed)"),
                (Escape, "cancel what is typed or asked"),
                (Up, "select the line above"),
                (Down, "select the line below"),
                (PrevTab, "previous category"),
                (NextTab, "next category"),
                (Search, "search products"),
                (Park, "park the sale; on an empty cart, the parked sales"),
                (Discount, "discount"),
                (Void, "void the selected line"),
                (Defer, "send as a deferred receipt"),
                (DeferredList, "the deferred receipts"),
                (Cash, "pay cash"),
                (Card, "pay by card"),
                (Split, "split: part cash, part card"),
                (Manager, "manager's menu (PIN)"),
            ],
            Place::Parked => &[
                (Enter, "recall the sale chosen"),
                (Escape, "close the list"),
                (Up, "previous sale"),
                (Down, "next sale"),
                (Park, "close the list"),
            ],
            Place::Cash => &[
                (Enter, "complete the cash payment"),
                (Escape, "back to the sale"),
                (Exact, "exact amount"),
                (Search, "second quick amount"),
                (Park, "third quick amount"),
                (Discount, "fourth quick amount"),
                (Void, "fifth quick amount"),
                (Cash, "complete the cash payment"),
            ],
            Place::Card => &[
                (Enter, "the step shown in bold: try again, wait, record, signature matches"),
                (Escape, "cancel what the terminal has not started, or back to the sale"),
                (Search, "details for support"),
                (Void, "the signature does not match"),
                (Print, "print the terminal's slip"),
                (Cash, "pay cash instead"),
                (Card, "try the card again"),
                (Manager, "manager resolves by hand"),
            ],
            Place::CardResolve => &[
                (Enter, "check the manager's PIN"),
                (Escape, "close, back to the card screen"),
                (Search, "details for support"),
                (Void, "not charged (the card was not charged)"),
                (Card, "approved (the card was charged)"),
            ],
            Place::Split => &[
                (Enter, "cash part first; then take the cash given"),
                (Escape, "back to the sale"),
                (Cash, "cash part first; then take the cash given"),
                (Card, "card part first"),
            ],
            Place::Receipt => &[
                (Enter, "new sale"),
                (Escape, "back to the checkout: a new sale"),
                (Print, "print"),
                (Pdf, "save as PDF"),
            ],
            Place::Deferred => &[
                (Enter, "yes to the question asked"),
                (Escape, "back"),
                (PrevTab, "in the manager's menu: previous tab"),
                (NextTab, "in the manager's menu: next tab"),
                (Up, "previous receipt"),
                (Down, "next receipt"),
                (Search, "ask the terminal again"),
                (Discount, "mark the chosen one expired (asks)"),
                (Void, "cancel the chosen one (asks)"),
            ],
            Place::Diagnostics => &[
                (Escape, "close"),
                (Up, "previous unknown payment"),
                (Down, "next unknown payment"),
                (Pdf, "save the support bundle"),
                (Void, "manager: not charged (press twice)"),
                (Card, "manager: approved, the card was charged (press twice)"),
            ],
            Place::Receipts => manager![
                (Enter, "search; yes to the question asked"),
                (Up, "previous receipt"),
                (Down, "next receipt"),
                (Discount, "choose the items to return"),
                (Print, "print a copy"),
                (Pdf, "save a copy as PDF"),
                (Void, "void the card payment (asks)"),
                (Cash, "refund in cash (asks)"),
                (Card, "refund to the card (asks)"),
            ],
            Place::Products => manager![
                (Enter, "edit the chosen product"),
                (Up, "previous product"),
                (Down, "next product"),
                (Search, "to the search field"),
                (Exact, "new product"),
                (Discount, "change the chosen one's price"),
                (Void, "take off sale / put back on sale (asks)"),
                (Park, "remove the demo catalogue (asks)"),
                (Print, "import a CSV (dry run first)"),
                (Pdf, "export a CSV"),
            ],
            Place::ProductForm => manager![
                (Enter, "save; in the barcode field: add the code scanned"),
                (Search, "to the barcode field"),
                (Park, "next unit: piece, kg, l"),
                (Void, "remove the last barcode"),
            ],
            Place::Batch => manager![
                (Enter, "close the batch (asks, then closes)"),
                (Void, "terminal down: close the register's side alone (asks)"),
                (Print, "issue the newest Z again"),
            ],
            Place::Reports => manager![
                (Enter, "show the period"),
                (Exact, "by day"),
                (Search, "by month"),
                (Print, "save as CSV"),
                (Pdf, "save as PDF"),
            ],
            Place::Settings => manager![
                (Enter, "save; add what the form holds"),
                (Exact, "section 1: shop"),
                (Search, "section 2"),
                (Park, "section 3"),
                (Discount, "section 4"),
                (Void, "section 5"),
                (Print, "terminals: test the till's terminal"),
                (Pdf, "terminals: certification run of the till's terminal"),
            ],
            Place::Certify => {
                &[(Enter, "go: the step shown"), (Escape, "stop the run"), (Down, "skip this step")]
            }
        }
    }

    /// What `action` does here, if anything.
    pub fn meaning(self, action: Action) -> Option<&'static str> {
        self.keys().iter().find(|(a, _)| *a == action).map(|(_, m)| *m)
    }
}

/// The key map as a Markdown table (docs/KEYS.md holds it; a test keeps the two the same).
pub fn markdown() -> String {
    let mut out = String::from(
        "# Keys\n\nGenerated from `src/ui/keys.rs` (`Place::keys`); `cargo test --lib keys` checks this file.\n\
         Everywhere: Enter is the main action (its button in bold), Esc goes back or cancels, F9 / F10 /\n\
         F11 are cash / card / split, F8 the terminal's deferred receipt, F12 the manager; digits, `,`,\n\
         ⌫ and `×` type. Ctrl+L locks, Ctrl+D dark / light, Ctrl+T diagnostics, from any screen.\n\n\
         | screen | key | does |\n|---|---|---|\n",
    );
    for place in Place::ALL {
        for (action, does) in place.keys() {
            out.push_str(&format!("| {} | {} | {} |\n", place.name(), action.label(), does));
        }
    }
    out
}

/// What the status bar does, from any screen: Ctrl and a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+L: lock the register (the sale stays with its cashier).
    Lock,
    /// Ctrl+D: dark or light theme.
    Theme,
    /// Ctrl+T: the terminal's diagnostics, open or closed.
    Diagnostics,
}

impl Shortcut {
    /// The key name shown beside the status bar's button.
    pub fn label(self) -> &'static str {
        match self {
            Shortcut::Lock => "Ctrl+L",
            Shortcut::Theme => "Ctrl+D",
            Shortcut::Diagnostics => "Ctrl+T",
        }
    }
}

/// Ctrl+L, Ctrl+D or Ctrl+T (whatever the keyboard's layout writes for the letter).
pub fn shortcut(event: &keyboard::Event) -> Option<Shortcut> {
    let keyboard::Event::KeyPressed { key, physical_key, modifiers, .. } = event else {
        return None;
    };
    if !modifiers.control() || modifiers.alt() || modifiers.logo() || modifiers.shift() {
        return None;
    }
    use keyboard::key::{Code, Physical};
    // The physical key first: a Greek layout writes λ for L, and Ctrl+L must still lock.
    let by_code = match physical_key {
        Physical::Code(Code::KeyL) => Some(Shortcut::Lock),
        Physical::Code(Code::KeyD) => Some(Shortcut::Theme),
        Physical::Code(Code::KeyT) => Some(Shortcut::Diagnostics),
        _ => None,
    };
    by_code.or_else(|| match key {
        Key::Character(c) => match c.to_lowercase().as_str() {
            "l" => Some(Shortcut::Lock),
            "d" => Some(Shortcut::Theme),
            "t" => Some(Shortcut::Diagnostics),
            _ => None,
        },
        _ => None,
    })
}

/// Maps a key press (not captured by a focused widget) to an action.
pub fn action(event: &keyboard::Event) -> Option<Action> {
    let keyboard::Event::KeyPressed { key, modified_key, text, modifiers, .. } = event else {
        return None;
    };
    if modifiers.control() || modifiers.alt() || modifiers.logo() {
        return None;
    }
    if let Key::Named(named) = key {
        if *named == Named::F8 && modifiers.shift() {
            return Some(Action::DeferredList);
        }
        return named_action(*named);
    }
    let ch = text.as_ref().and_then(|t| t.chars().next()).or_else(|| match modified_key {
        Key::Character(c) => c.chars().next(),
        _ => None,
    })?;
    char_action(ch)
}

/// A typed character, also used for the on-screen keypad.
pub fn char_action(ch: char) -> Option<Action> {
    match ch {
        '0'..='9' => Some(Action::Digit(ch)),
        ',' | '.' => Some(Action::Decimal),
        '*' | 'x' | 'X' => Some(Action::Times),
        '\r' | '\n' => Some(Action::Enter),
        _ => None,
    }
}

fn named_action(named: Named) -> Option<Action> {
    Some(match named {
        Named::Enter => Action::Enter,
        Named::Backspace | Named::Delete => Action::Backspace,
        Named::ArrowUp => Action::Up,
        Named::ArrowDown => Action::Down,
        Named::F1 => Action::Exact,
        Named::F2 => Action::Search,
        Named::F3 => Action::Park,
        Named::F4 => Action::Discount,
        Named::F5 => Action::Void,
        Named::F8 => Action::Defer,
        Named::F9 => Action::Cash,
        Named::F10 => Action::Card,
        Named::F11 => Action::Split,
        Named::F12 => Action::Manager,
        Named::F6 => Action::Print,
        Named::F7 => Action::Pdf,
        Named::PageDown => Action::NextTab,
        Named::PageUp => Action::PrevTab,
        Named::Escape => Action::Escape,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::keyboard::{Location, Modifiers, key::Physical};

    fn press(key: Key, text: Option<&str>) -> keyboard::Event {
        keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
            location: Location::Standard,
            modifiers: Modifiers::default(),
            text: text.map(Into::into),
            repeat: false,
        }
    }

    #[test]
    fn scanner_digits_and_function_keys() {
        assert_eq!(action(&press(Key::Character("5".into()), Some("5"))), Some(Action::Digit('5')));
        assert_eq!(action(&press(Key::Character("*".into()), Some("*"))), Some(Action::Times));
        assert_eq!(action(&press(Key::Named(Named::Enter), Some("\r"))), Some(Action::Enter));
        assert_eq!(action(&press(Key::Named(Named::F9), None)), Some(Action::Cash));
        assert_eq!(action(&press(Key::Character("q".into()), Some("q"))), None);
    }

    #[test]
    fn shift_f8_lists_deferred_receipts_and_f1_to_f5_pick_in_order() {
        let mut shifted = press(Key::Named(Named::F8), None);
        if let keyboard::Event::KeyPressed { modifiers, .. } = &mut shifted {
            *modifiers = Modifiers::SHIFT;
        }
        assert_eq!(action(&shifted), Some(Action::DeferredList));
        assert_eq!(action(&press(Key::Named(Named::F8), None)), Some(Action::Defer));
        let picks: Vec<_> = [Named::F1, Named::F2, Named::F3, Named::F4, Named::F5]
            .into_iter()
            .map(|k| action(&press(Key::Named(k), None)).and_then(Action::quick_pick))
            .collect();
        assert_eq!(picks, [Some(0), Some(1), Some(2), Some(3), Some(4)]);
        for (i, label) in QUICK_LABELS.iter().enumerate() {
            let named = [Named::F1, Named::F2, Named::F3, Named::F4, Named::F5][i];
            assert_eq!(action(&press(Key::Named(named), None)).map(Action::label), Some(*label));
        }
    }

    #[test]
    fn one_key_one_meaning_on_every_screen() {
        for place in Place::ALL {
            let keys = place.keys();
            for (i, (a, _)) in keys.iter().enumerate() {
                assert!(!typing(*a), "{place:?}: typing keys are not in the table");
                assert!(
                    keys[i + 1..].iter().all(|(b, _)| b != a),
                    "{place:?}: {} means two things",
                    a.label()
                );
            }
            // Esc always goes back or cancels.
            let esc = place.meaning(Action::Escape).unwrap_or("back");
            assert!(
                ["back", "cancel", "clear", "close", "stop"].iter().any(|w| esc.starts_with(w)),
                "{place:?}: Esc {esc:?}"
            );
        }
    }

    #[test]
    fn the_tender_keys_mean_the_same_tender_wherever_they_are_read() {
        let words = [
            (Action::Cash, "cash"),
            (Action::Card, "card"),
            (Action::Split, "split"),
            (Action::Defer, "deferred"),
            (Action::DeferredList, "deferred"),
            (Action::Manager, "manager"),
        ];
        for place in Place::ALL {
            for (action, word) in words {
                if let Some(does) = place.meaning(action) {
                    assert!(
                        does.contains(word),
                        "{place:?}: {} {does:?} is not about {word}",
                        action.label()
                    );
                }
            }
        }
        // Every key the keyboard gives is somewhere in the table.
        for action in ALL {
            assert!(Place::ALL.iter().any(|p| p.meaning(action).is_some()), "{}", action.label());
        }
    }

    #[test]
    fn the_documented_key_map_is_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/KEYS.md");
        if std::env::var_os("TAMEIO_WRITE_KEYS").is_some() {
            std::fs::write(path, markdown()).unwrap();
        }
        let doc = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(doc, markdown(), "docs/KEYS.md is stale: TAMEIO_WRITE_KEYS=1 cargo test --lib keys");
    }
}
