//! `tameio-console` (installed as `tameio.com` on Windows) runs the program beside it and
//! hands back what it printed and its exit code, unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn both(args: &[&str], dir: &std::path::Path) -> [(Option<i32>, String, String); 2] {
    [env!("CARGO_BIN_EXE_tameio"), env!("CARGO_BIN_EXE_tameio-console")].map(|bin| {
        let out = Command::new(bin)
            .arg("--data-dir")
            .arg(dir)
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
}

#[test]
fn the_console_door_prints_what_tameio_prints_and_exits_alike() {
    let dir = tempfile::tempdir().unwrap();
    let [direct, door] = both(&["--version"], dir.path());
    assert_eq!(direct, door);
    assert!(door.1.starts_with("tameio "), "{door:?}");

    let [direct, door] = both(&["db", "check"], dir.path());
    assert_eq!(door.0, Some(0), "{door:?}");
    assert_eq!(direct.1, door.1);

    // A usage error: exit 2 and the message on standard error, through the door too.
    let [direct, door] = both(&["receipt", "show", "not-a-number"], dir.path());
    assert_eq!(direct.0, Some(2), "{direct:?}");
    assert_eq!(direct, door);
}
