//! The house rules of issue 20, checked on the code as it is: no import circle between files of
//! `src/`, no arrow from a lower layer to a higher one, ui and cli only through `register`, no file
//! over 600 lines, at most eight test crates. Each failure names the files to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod graph;
mod source;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use graph::{absolute, target};
use source::Crate;

/// Bottom to top. `config`, `i18n` and `logging` sit just under the lowest layer that uses them.
const LAYERS: [(&str, u32); 9] = [
    ("domain", 0),
    ("fiscal", 0),
    ("fault", 0),
    ("terminal", 2),
    ("store", 4),
    ("print", 6),
    ("register", 8),
    ("cli", 10),
    ("ui", 10),
];
const UTILITIES: [&str; 3] = ["config", "i18n", "logging"];

/// What ui and cli may not name: they ask `register`.
const THROUGH_REGISTER: [&str; 12] = [
    "crate::store",
    "crate::print",
    "crate::fiscal",
    "crate::terminal::session",
    "crate::terminal::sim",
    "crate::terminal::wirelog",
    "crate::terminal::ecr17",
    "crate::terminal::aade1155",
    "crate::terminal::webecr",
    "crate::terminal::nexo",
    "crate::terminal::bridge",
    "crate::terminal::xpay",
];

const MAX_LINES: usize = 600;
const MAX_TEST_CRATES: usize = 8;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shown(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// `store` for src/store/..., `config` for src/config.rs.
fn top_of(file: &Path) -> String {
    let rel = file.strip_prefix(root().join("src")).unwrap_or(file);
    let first =
        rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before_ok = at == 0 || !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let path: String =
            rest[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        if before_ok {
            out.push(path.trim_end_matches(':').to_string());
        }
        rest = &rest[at + 7..];
    }
    out
}

/// File -> the top-level modules it names (by `use` or by a `crate::` path in code).
fn references(krate: &Crate) -> BTreeMap<PathBuf, BTreeSet<String>> {
    let mut refs: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for module in krate.modules.values() {
        let mine = refs.entry(module.file.clone()).or_default();
        for u in &module.uses {
            if let Some(a) = absolute(krate, module, &u.segments, 0).filter(|a| a.len() > 1) {
                mine.insert(a[1].clone());
            }
        }
    }
    for (file, text) in &krate.texts {
        let mine = refs.entry(file.clone()).or_default();
        for p in crate_paths(text) {
            if let Some(top) = p.split("::").nth(1) {
                mine.insert(top.to_string());
            }
        }
    }
    refs
}

fn level(top: &str, users: &BTreeMap<String, BTreeSet<String>>, seen: &mut Vec<String>) -> Option<u32> {
    if let Some((_, l)) = LAYERS.iter().find(|(name, _)| *name == top) {
        return Some(*l);
    }
    if !UTILITIES.contains(&top) || seen.iter().any(|s| s == top) {
        return None;
    }
    seen.push(top.to_string());
    let lowest = users
        .get(top)
        .into_iter()
        .flatten()
        .filter(|u| u.as_str() != top)
        .filter_map(|u| level(u, users, seen))
        .min();
    seen.pop();
    Some(lowest.map_or(20, |l| l.saturating_sub(1)))
}

#[test]
fn no_import_circle_between_files() {
    let krate = Crate::read(&root().join("src"));
    let edges = graph::edges(&krate);
    let nodes: BTreeSet<PathBuf> = krate.files.keys().cloned().collect();
    let mut problems = Vec::new();
    for circle in graph::circles(&nodes, &edges) {
        problems.push(format!("a circle of {} files:", circle.len()));
        for f in &circle {
            let inside: Vec<String> =
                edges.get(f).into_iter().flatten().filter(|g| circle.contains(g)).map(|g| shown(g)).collect();
            problems.push(format!("    {} -> {}", shown(f), inside.join(", ")));
        }
    }
    assert!(problems.is_empty(), "import circles in src/:\n{}", problems.join("\n"));
    // The reader works: the crate has its modules and its arrows.
    assert!(krate.modules.contains_key("crate::register") && edges.len() > 100, "src/ was not read");
}

#[test]
fn arrows_go_down_the_layers() {
    let krate = Crate::read(&root().join("src"));
    let refs = references(&krate);
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, names) in &refs {
        for name in names {
            users.entry(name.clone()).or_default().insert(top_of(file));
        }
    }
    let mut problems = Vec::new();
    for (file, names) in &refs {
        let top = top_of(file);
        let Some(mine) = level(&top, &users, &mut Vec::new()) else { continue };
        for name in names.iter().filter(|n| **n != top) {
            let Some(theirs) = level(name, &users, &mut Vec::new()) else { continue };
            let both_layers = !UTILITIES.contains(&top.as_str()) && !UTILITIES.contains(&name.as_str());
            if theirs > mine || (theirs == mine && both_layers) {
                problems.push(format!("{} ({top}) reaches up to {name}", shown(file)));
            }
        }
    }
    assert!(problems.is_empty(), "layer breaks:\n{}", problems.join("\n"));
}

#[test]
fn ui_and_cli_go_through_register() {
    let krate = Crate::read(&root().join("src"));
    let forbidden = |p: &str| THROUGH_REGISTER.iter().any(|f| p == *f || graph::is_inside(p, f));
    let mut problems = BTreeSet::new();
    for module in krate.modules.values().filter(|m| ["ui", "cli"].contains(&top_of(&m.file).as_str())) {
        for u in &module.uses {
            let Some(a) = absolute(&krate, module, &u.segments, 0) else { continue };
            let written = a.join("::");
            if forbidden(&written) {
                problems.insert(format!("{} names {written}", shown(&module.file)));
            }
            let t = target(&krate, &a, &mut BTreeSet::new()).map(|t| t.path.clone()).unwrap_or_default();
            if (t == "crate::store" || graph::is_inside(&t, "crate::store")) && !forbidden(&written) {
                problems.insert(format!("{} uses {written}, a store type ({t})", shown(&module.file)));
            }
        }
    }
    for (file, text) in krate.texts.iter().filter(|(f, _)| ["ui", "cli"].contains(&top_of(f).as_str())) {
        for p in crate_paths(text).into_iter().filter(|p| forbidden(p)) {
            problems.insert(format!("{} names {p}", shown(file)));
        }
    }
    let problems: Vec<String> = problems.into_iter().collect();
    assert!(problems.is_empty(), "ui and cli reaching past register:\n{}", problems.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_file_over_600_lines() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 100, "the sources were not found");
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).map(|t| t.lines().count()).unwrap_or(0);
            (lines > MAX_LINES).then(|| format!("{} has {lines} lines", shown(f)))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn tests_are_a_few_crates() {
    let tests = root().join("tests");
    let crates: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") || p.join("main.rs").exists())
        .map(|p| shown(&p))
        .collect();
    assert!(
        crates.len() <= MAX_TEST_CRATES,
        "{} test crates (at most {MAX_TEST_CRATES}): {crates:?}",
        crates.len()
    );
}

#[test]
fn the_reader_sees_through_strings_and_re_exports() {
    let lexed = source::lex("let s = \"{ mod x; }\"; // use crate::ui;\nlet c = '{'; let r = r#\"}\"#;");
    assert!(!lexed.contains("mod x") && !lexed.contains("use crate") && !lexed.contains('{'), "{lexed}");
    let mut leaves = Vec::new();
    source::split_tree(&[], "super::{a, b::{self, C as D}}", &mut leaves);
    let shown: Vec<String> = leaves
        .iter()
        .map(|(s, a)| {
            format!("{}{}", s.join("::"), a.as_deref().map(|a| format!(" as {a}")).unwrap_or_default())
        })
        .collect();
    assert_eq!(shown, ["super::a", "super::b::self", "super::b::C as D"]);
    let krate = Crate::read(&root().join("src"));
    let a = vec!["crate".to_string(), "register".to_string(), "Register".to_string()];
    let t = target(&krate, &a, &mut BTreeSet::new()).unwrap();
    assert!(t.path.starts_with("crate::register"), "{}", t.path);
}
