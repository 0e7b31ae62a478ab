//! Reads `src/` as modules: the `mod` tree from `lib.rs`, what each module defines, and its `use`
//! lines. Just enough of Rust's lexing (comments, strings, chars, raw strings) to find them reliably.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One `use` leaf: `a::b::C as D` is segments [a, b, C], alias D.
#[derive(Debug, Clone)]
pub struct Use {
    pub segments: Vec<String>,
    pub alias: Option<String>,
    /// `pub use` (not `pub(self)`): a re-export others may reach the item through.
    pub public: bool,
}

#[derive(Debug, Default)]
pub struct Module {
    pub path: String,
    pub file: PathBuf,
    pub parent: Option<String>,
    pub children: BTreeMap<String, String>,
    pub items: BTreeSet<String>,
    pub uses: Vec<Use>,
}

/// Every module of the crate by path (`crate::store::receipts`), and the files they live in.
#[derive(Debug, Default)]
pub struct Crate {
    pub modules: BTreeMap<String, Module>,
    /// File -> its module (the top one; inline modules share the file).
    pub files: BTreeMap<PathBuf, String>,
    /// File -> its text with comments removed and literals blanked.
    pub texts: BTreeMap<PathBuf, String>,
}

/// The text with comments gone and the inside of string and char literals blanked, lines kept.
pub fn lex(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let newlines = |from: usize, to: usize| {
        "\n".repeat(b[from..to.min(b.len())].iter().filter(|&&c| c == b'\n').count())
    };
    let mut i = 0;
    while i < b.len() {
        let word_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let (mut depth, start) = (1, i);
            i += 2;
            while i < b.len() && depth > 0 {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            out.push_str(&newlines(start, i));
        } else if !word_before && raw_string_start(&b[i..]).is_some() {
            let (prefix, hashes) = raw_string_start(&b[i..]).unwrap_or((0, 0));
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            let start = i;
            i += prefix;
            while i < b.len() && !b[i..].starts_with(&close) {
                i += 1;
            }
            i = (i + close.len()).min(b.len());
            out.push_str("\"\"");
            out.push_str(&newlines(start, i));
        } else if b[i] == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
            out.push_str(&newlines(start, i));
        } else if b[i] == b'\'' {
            match char_literal_len(&b[i..]) {
                Some(n) => {
                    out.push_str("' '");
                    i += n;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let len = utf8_len(b[i]);
            out.push_str(&text[i..i + len]);
            i += len;
        }
    }
    out
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// `r"`, `r#"`, `br##"`...: (bytes up to and including the quote, number of #).
fn raw_string_start(b: &[u8]) -> Option<(usize, usize)> {
    let mut i = usize::from(b.first() == Some(&b'b'));
    if b.get(i) != Some(&b'r') {
        return None;
    }
    i += 1;
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    (b.get(i + hashes) == Some(&b'"')).then_some((i + hashes + 1, hashes))
}

/// `'x'`, `'\n'`, `'\u{..}'`, a multi-byte char: its length; a lifetime: None.
fn char_literal_len(b: &[u8]) -> Option<usize> {
    if b.get(1) == Some(&b'\\') {
        let end = b[2..].iter().take(12).position(|&c| c == b'\'')?;
        return Some(end + 3);
    }
    let len = utf8_len(*b.get(1)?);
    (b.get(1 + len) == Some(&b'\'')).then_some(len + 2)
}

/// `a::{b, c::{d as e}, self}` into its leaves.
pub fn split_tree(prefix: &[String], tree: &str, out: &mut Vec<(Vec<String>, Option<String>)>) {
    let tree = tree.trim();
    let (head, inner) = if let Some(inner) = tree.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        ("", Some(inner))
    } else if let Some(at) = tree.find("::{").filter(|_| tree.ends_with('}')) {
        (&tree[..at], Some(&tree[at + 3..tree.len() - 1]))
    } else {
        (tree, None)
    };
    let Some(inner) = inner else {
        let (path, alias) = match tree.split_once(" as ") {
            Some((p, a)) => (p, Some(a.trim().to_string())),
            None => (tree, None),
        };
        let mut segments = prefix.to_vec();
        segments.extend(path.split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from));
        out.push((segments, alias));
        return;
    };
    let mut base = prefix.to_vec();
    base.extend(head.split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from));
    let (mut depth, mut part) = (0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            if !part.trim().is_empty() {
                split_tree(&base, &part, out);
            }
            part.clear();
        } else {
            part.push(c);
        }
    }
    if !part.trim().is_empty() {
        split_tree(&base, &part, out);
    }
}

const ITEM_KINDS: [&str; 8] = ["struct", "enum", "fn", "trait", "type", "const", "static", "union"];

impl Crate {
    pub fn read(src: &Path) -> Crate {
        let mut krate = Crate::default();
        krate.parse(&src.join("lib.rs"), "crate", None);
        krate
    }

    fn parse(&mut self, file: &Path, path: &str, parent: Option<&str>) {
        let raw = std::fs::read_to_string(file).unwrap_or_default();
        let text = lex(&raw);
        let path_attrs = path_attributes(&raw);
        self.files.insert(file.to_path_buf(), path.to_string());
        self.modules.insert(
            path.to_string(),
            Module {
                path: path.to_string(),
                file: file.to_path_buf(),
                parent: parent.map(String::from),
                ..Module::default()
            },
        );
        // (module path, depth its items live at)
        let mut stack = vec![(path.to_string(), 0usize)];
        let mut depth = 0usize;
        let words: Vec<&str> = tokens(&text);
        let mut i = 0;
        while i < words.len() {
            let (current, at) = stack.last().cloned().unwrap_or_default();
            let w = words[i];
            match w {
                "{" => depth += 1,
                "}" => {
                    depth = depth.saturating_sub(1);
                    if stack.len() > 1 && depth < at {
                        stack.pop();
                    }
                }
                "use" if depth == at => {
                    // `pub use` and `pub(crate) use` re-export; `pub(self) use` does not.
                    let public = (i > 0 && words[i - 1] == "pub")
                        || (i > 3 && words[i - 1] == ")" && words[i - 4] == "pub" && words[i - 2] != "self");
                    let mut body = String::new();
                    i += 1;
                    while i < words.len() && words[i] != ";" {
                        body.push_str(words[i]);
                        body.push(' ');
                        i += 1;
                    }
                    let body = body.replace(" :: ", "::").replace(":: ", "::").replace(" ::", "::");
                    let mut leaves = Vec::new();
                    split_tree(&[], &body, &mut leaves);
                    let module = self.modules.get_mut(&current).expect("current module");
                    for (segments, alias) in leaves {
                        module.uses.push(Use { segments, alias, public });
                    }
                }
                "mod" if depth == at && i + 2 < words.len() => {
                    let name = words[i + 1].to_string();
                    let child = format!("{current}::{name}");
                    self.modules.get_mut(&current).expect("current module").items.insert(name.clone());
                    if words[i + 2] == "{" {
                        self.modules.insert(
                            child.clone(),
                            Module {
                                path: child.clone(),
                                file: file.to_path_buf(),
                                parent: Some(current.clone()),
                                ..Module::default()
                            },
                        );
                        self.child(&current, &name, &child);
                        depth += 1;
                        stack.push((child, depth));
                        i += 2;
                    } else if words[i + 2] == ";" {
                        let nested = stack.len() > 1;
                        if let Some(child_file) =
                            child_file(file, &name, path_attrs.get(&name).filter(|_| !nested))
                        {
                            self.child(&current, &name, &child);
                            self.parse(&child_file, &child, Some(&current));
                        }
                    }
                }
                "macro_rules" if depth == at && i + 2 < words.len() => {
                    let name = words[i + 2].to_string();
                    self.modules.get_mut(&current).expect("current module").items.insert(name);
                }
                kind if depth == at && ITEM_KINDS.contains(&kind) && i + 1 < words.len() => {
                    let name = words[i + 1];
                    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        self.modules
                            .get_mut(&current)
                            .expect("current module")
                            .items
                            .insert(name.to_string());
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.texts.insert(file.to_path_buf(), text);
    }

    fn child(&mut self, parent: &str, name: &str, child: &str) {
        if let Some(m) = self.modules.get_mut(parent) {
            m.children.insert(name.to_string(), child.to_string());
        }
    }
}

/// Words, punctuation and `::` of lexed text.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
            out.push(&text[start..i]);
        } else if b[i..].starts_with(b"::") {
            out.push("::");
            i += 2;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else {
            out.push(&text[i..i + 1]);
            i += 1;
        }
    }
    out
}

/// `#[path = "x.rs"] mod name;` in the raw text: name -> x.rs.
fn path_attributes(raw: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = raw;
    while let Some(at) = rest.find("#[path") {
        rest = &rest[at + 6..];
        let Some(open) = rest.find('"') else { break };
        let Some(close) = rest[open + 1..].find('"') else { break };
        let target = rest[open + 1..open + 1 + close].to_string();
        let after = &rest[open + close + 2..];
        if let Some(m) = after.find("mod ") {
            let name: String =
                after[m + 4..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.insert(name, target);
        }
    }
    out
}

fn child_file(file: &Path, name: &str, path_attr: Option<&String>) -> Option<PathBuf> {
    let dir = file.parent()?;
    if let Some(p) = path_attr {
        return Some(dir.join(p)).filter(|p| p.exists());
    }
    let stem = file.file_stem()?.to_str()?;
    let base = if ["mod", "lib", "main"].contains(&stem) { dir.to_path_buf() } else { dir.join(stem) };
    [base.join(format!("{name}.rs")), base.join(name).join("mod.rs")].into_iter().find(|p| p.exists())
}
