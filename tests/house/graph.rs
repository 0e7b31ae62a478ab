//! The file-level import graph of `src/`: each `use` leaf resolved to the file that defines the
//! item (through re-exports), its circles, and the top-level module every file reaches.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::source::{Crate, Module};

pub type Edges = BTreeMap<PathBuf, BTreeSet<PathBuf>>;

/// A use path as written in `module`, made absolute (`crate::...`); None for another crate's.
pub fn absolute(krate: &Crate, module: &Module, segments: &[String], depth: usize) -> Option<Vec<String>> {
    let first = segments.first()?.as_str();
    let here = || module.path.split("::").map(String::from).collect::<Vec<_>>();
    let joined = |mut base: Vec<String>, rest: &[String]| {
        base.extend(rest.iter().cloned());
        Some(base)
    };
    match first {
        "crate" | "tameio" => joined(vec!["crate".into()], &segments[1..]),
        "self" => joined(here(), &segments[1..]),
        "super" => {
            let mut m = module;
            let mut rest = segments;
            while rest.first().map(String::as_str) == Some("super") {
                m = krate.modules.get(m.parent.as_ref()?)?;
                rest = &rest[1..];
            }
            if rest.first().map(String::as_str) == Some("self") {
                rest = &rest[1..];
            }
            joined(m.path.split("::").map(String::from).collect(), rest)
        }
        _ if module.children.contains_key(first) => joined(here(), segments),
        _ if depth < 8 => module.uses.iter().filter(|u| u.segments[0] != first).find_map(|u| {
            let last = u.segments.last()?;
            let name = match (&u.alias, last.as_str()) {
                (Some(a), _) => a.as_str(),
                (None, "self") => u.segments.iter().rev().nth(1)?.as_str(),
                (None, l) => l,
            };
            if name != first {
                return None;
            }
            let own = if last == "self" { &u.segments[..u.segments.len() - 1] } else { &u.segments[..] };
            let mut a = absolute(krate, module, own, depth + 1)?;
            a.extend(segments[1..].iter().cloned());
            Some(a)
        }),
        _ => None,
    }
}

/// The module that defines what `segments` (absolute) names, following `pub use` re-exports.
pub fn target<'k>(
    krate: &'k Crate,
    segments: &[String],
    seen: &mut BTreeSet<(String, String)>,
) -> Option<&'k Module> {
    let mut m = krate.modules.get("crate")?;
    let mut i = 1;
    while let Some(child) = segments.get(i).and_then(|s| m.children.get(s)) {
        m = krate.modules.get(child)?;
        i += 1;
    }
    let Some(name) = segments.get(i).filter(|s| !matches!(s.as_str(), "self" | "*")) else {
        return Some(m);
    };
    if m.items.contains(name) || !seen.insert((m.path.clone(), name.clone())) {
        return Some(m);
    }
    for u in m.uses.iter().filter(|u| u.public) {
        let last = u.segments.last().map(String::as_str).unwrap_or_default();
        if u.alias.as_deref().unwrap_or(last) != name && last != "*" {
            continue;
        }
        let Some(mut a) = absolute(krate, m, &u.segments, 0) else { continue };
        if last == "*" {
            a.pop();
            a.push(name.clone());
        } else {
            a.extend(segments[i + 1..].iter().cloned());
        }
        if let Some(t) = target(krate, &a, seen) {
            return Some(t);
        }
    }
    Some(m)
}

pub fn is_inside(inner: &str, outer: &str) -> bool {
    inner.len() > outer.len() && inner.starts_with(outer) && inner[outer.len()..].starts_with("::")
}

/// File -> the files its `use` lines reach. A module's `pub use` of its own children is its face,
/// not a dependency, and is left out.
pub fn edges(krate: &Crate) -> Edges {
    let mut edges = Edges::new();
    for module in krate.modules.values() {
        for u in &module.uses {
            let Some(a) = absolute(krate, module, &u.segments, 0) else { continue };
            let Some(t) = target(krate, &a, &mut BTreeSet::new()) else { continue };
            if t.file == module.file || (u.public && is_inside(&t.path, &module.path)) {
                continue;
            }
            edges.entry(module.file.clone()).or_default().insert(t.file.clone());
        }
    }
    edges
}

/// Strongly connected components of more than one file (Tarjan, iterative).
pub fn circles(nodes: &BTreeSet<PathBuf>, edges: &Edges) -> Vec<Vec<PathBuf>> {
    let ids: Vec<&PathBuf> = nodes.iter().collect();
    let index_of: BTreeMap<&PathBuf, usize> = ids.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let succ: Vec<Vec<usize>> = ids
        .iter()
        .map(|p| {
            edges
                .get(*p)
                .map(|s| s.iter().filter_map(|q| index_of.get(q).copied()).collect())
                .unwrap_or_default()
        })
        .collect();
    let n = ids.len();
    let (mut index, mut low, mut on) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut stack, mut out, mut counter) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut next)) = work.last_mut() {
            if *next == 0 {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on[v] = true;
            }
            if let Some(&w) = succ[v].get(*next) {
                *next += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on[w] = false;
                    comp.push(ids[w].clone());
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    out.push(comp);
                }
            }
        }
    }
    out
}
