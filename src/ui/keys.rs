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

/// Maps a key press (not captured by a focused widget) to an action.
pub fn action(event: &keyboard::Event) -> Option<Action> {
    let keyboard::Event::KeyPressed { key, modified_key, text, modifiers, .. } = event else {
        return None;
    };
    if modifiers.control() || modifiers.alt() || modifiers.logo() {
        return None;
    }
    if let Key::Named(named) = key {
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
        Named::F2 => Action::Search,
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
}
