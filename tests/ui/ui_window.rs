//! The window fits the smallest till screen (1024×768) when it opens; a window manager
//! maximizes it, and `[ui] fullscreen = true` makes a dedicated till full-screen. Without a
//! window manager the app grows it to the screen itself (checked under Xvfb in CI's GUI step).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use iced::Size;
use tameio::config::Settings;
use tameio::ui::{SMALLEST_SCREEN, fit_to_screen, window_settings};

#[test]
fn the_window_opens_no_larger_than_a_1024_by_768_screen() {
    let window = window_settings(false);
    assert!(window.size.width <= 1024.0 && window.size.height <= 768.0, "{:?}", window.size);
    assert_eq!(window.size, SMALLEST_SCREEN);
    assert!(window.maximized && !window.fullscreen);
    assert!(!window.exit_on_close_request, "a payment in flight is never cut off unasked");
    let min = window.min_size.expect("a floor");
    assert!(min.width <= window.size.width && min.height <= window.size.height);
}

#[test]
fn a_dedicated_till_asks_for_full_screen_in_its_settings() {
    let (settings, problems) = Settings::parse("[ui]\nfullscreen = true\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(settings.ui.fullscreen);
    let window = window_settings(settings.ui.fullscreen);
    assert!(window.fullscreen && !window.maximized);
    let (settings, problems) = Settings::parse("[ui]\nfullscreen = \"yes\"\n");
    assert!(!settings.ui.fullscreen, "a wrong value falls back to a window");
    assert_eq!(problems.len(), 1, "and is reported: {problems:?}");
    assert!(!Settings::default().ui.fullscreen);
}

#[test]
fn without_a_window_manager_the_window_takes_the_screens_size_never_more() {
    let opened = window_settings(false).size;
    let big = Size::new(1920.0, 1080.0);
    assert_eq!(fit_to_screen(opened, big), Some(big), "grown to a larger screen");
    let small = Size::new(800.0, 600.0);
    let fitted = fit_to_screen(opened, small).expect("a screen under 1024×768 shrinks it");
    assert!(fitted.width <= small.width && fitted.height <= small.height, "{fitted:?}");
    assert_eq!(fit_to_screen(SMALLEST_SCREEN, SMALLEST_SCREEN), None, "already the screen's size");
    assert_eq!(fit_to_screen(opened, Size::new(0.0, 0.0)), None, "no screen known: left as it is");
}
