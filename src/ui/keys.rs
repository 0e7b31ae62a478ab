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
}
