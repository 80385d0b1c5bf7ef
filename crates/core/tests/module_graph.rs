//! The core's module graph has no cycle: neither between its top-level modules (`load`,
//! `score`, `results`, …) nor between the files of one module (`load/item.rs` and
//! `load/dialogue.rs`).
//!
//! Why a test: a cycle is invisible to the compiler (modules of one crate may use each other
//! freely), and every cycle makes the next split harder — a results server that wants
//! `results` must not drag `bundle` and `load` along through a loop. The check reads the
//! sources, so it holds for code written after it.
//!
//! How: every `.rs` file under `src/` is a module (`load/item.rs` is `load::item`). Comments,
//! strings and char literals are skipped; every path that starts with `crate::`, `$crate::`,
//! `self::` or `super::` (including each member of a `use …::{a, b::c}` group, and `super`
//! climbing out of inline `mod tests {}` blocks) is resolved to an absolute module path.
//! A reference from `a::x` to `b::y` is an edge at the level where the paths part:
//! `a → b` between top-level modules, or `x → y` between files of one module when `a == b`.
//! A name defined in a module's root file (`mod.rs`, `lib.rs`) is followed through that
//! file's re-exports (`pub use item::Thing`, `pub use model::*`) to the file it comes from;
//! items the root file defines itself belong to the module as a whole (the root file
//! declares its files, so it sits above them) and make no edge. Each level's graph is then
//! checked with Tarjan's strongly connected components: any component of more than one
//! module is a cycle, reported as a path. Test code counts like any other (`#[cfg(test)]`
//! modules are part of the test build's graph).
//!
//! `cargo test -p drill-core --test module_graph -- --nocapture` prints the edges, with
//! the file and line of one reference that makes each, and the top-level modules in layers
//! (each depending only on layers before it).
//!
//! Hand-written on purpose (the lexer below is ~150 lines): `syn` would parse the items but
//! not the paths inside macro bodies (`$crate::from_json::…` in `macro_rules!`, `crate::…` in
//! a `format!` argument), which the module graph must see, and `cargo-modules` is a tool,
//! not a test. The checker is itself tested on small made-up crates at the end of this file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Reads every `.rs` file under `crates/core/src` as (path relative to `src`, text).
fn core_sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read src").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).expect("under src").to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).expect("read source")));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

// ---------------------------------------------------------------------------------------
// Lexing: just enough of Rust to find paths outside comments and literals.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

/// Identifiers, `::` and punctuation with their line numbers; comments, string, byte-string,
/// raw-string, char and number literals dropped.
fn lex(text: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let n = chars.len();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < n {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < n && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < n {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if let Some((quote, hashes)) = raw_string_at(&chars, i) {
            // Raw string: r"…", r#"…"#, br"…".
            let mut j = quote + 1;
            while j < n {
                if chars[j] == '\n' {
                    line += 1;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
        } else if c == '"' || (c == 'b' && at(i + 1) == '"') {
            let mut j = if c == 'b' { i + 2 } else { i + 1 };
            while j < n && chars[j] != '"' {
                if chars[j] == '\\' {
                    j += 1;
                }
                if at(j) == '\n' {
                    line += 1;
                }
                j += 1;
            }
            i = j + 1;
        } else if c == '\'' || (c == 'b' && at(i + 1) == '\'') {
            // A char literal ('x', '\n', '\u{4e2d}', b'x') or a lifetime ('a).
            let j = if c == 'b' { i + 2 } else { i + 1 };
            if at(j) == '\\' {
                // Past the escaped character ('\'' included), then to the closing quote.
                let mut k = j + 2;
                while k < n && chars[k] != '\'' {
                    k += 1;
                }
                i = k + 1;
            } else if at(j + 1) == '\'' {
                i = j + 2;
            } else {
                // A lifetime: skip the quote, the name lexes as an identifier.
                i = j;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < n && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let mut word: String = chars[start..i].iter().collect();
            if word == "r" && at(i) == '#' && (at(i + 1).is_alphabetic() || at(i + 1) == '_') {
                // `r#type`: a raw identifier.
                let start = i + 1;
                i += 1;
                while i < n && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                word = chars[start..i].iter().collect();
            }
            out.push((Tok::Ident(word), line));
        } else if c.is_ascii_digit() {
            while i < n && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                if chars[i] == '.' && !at(i + 1).is_ascii_digit() {
                    break;
                }
                i += 1;
            }
        } else if c == ':' && at(i + 1) == ':' {
            out.push((Tok::Sep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// Where a raw string starting at `i` has its opening quote, and how many `#` it uses.
fn raw_string_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = match (chars.get(i), chars.get(i + 1)) {
        (Some('r'), _) => i + 1,
        (Some('b'), Some('r')) => i + 2,
        _ => return None,
    };
    // Not the tail of an identifier (`for"…"` never occurs, but `bar"` must not start one).
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    let hashes_from = j;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((j, j - hashes_from))
}

// ---------------------------------------------------------------------------------------
// Paths.

/// A path as written, one entry per leaf of a `use` tree: `["crate", "load", "Library"]`,
/// `["super", "dialogue"]`; with the inline modules it was written in, and the line.
#[derive(Debug, Clone)]
struct Written {
    segments: Vec<String>,
    inline: Vec<String>,
    line: usize,
}

fn is_ident(t: Option<&(Tok, usize)>) -> Option<&str> {
    match t {
        Some((Tok::Ident(s), _)) => Some(s),
        _ => None,
    }
}

/// Parses the path starting at `toks[i]` (an identifier); returns every expanded leaf and
/// the index after the path. `a::{b, c::{d, self}, e as f, *}` gives `a::b`, `a::c::d`,
/// `a::c`, `a::e`, `a::*`.
fn parse_path(toks: &[(Tok, usize)], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut segments = prefix;
    loop {
        match toks.get(i) {
            Some((Tok::Ident(s), _)) if s == "self" && !segments.is_empty() => {
                i += 1;
            }
            Some((Tok::Ident(s), _)) => {
                segments.push(s.clone());
                i += 1;
            }
            Some((Tok::Punct('*'), _)) => {
                segments.push("*".to_owned());
                i += 1;
                out.push(segments);
                return i;
            }
            Some((Tok::Punct('{'), _)) => {
                i += 1;
                loop {
                    match toks.get(i) {
                        Some((Tok::Punct('}'), _)) => return i + 1,
                        Some((Tok::Punct(','), _)) => i += 1,
                        None => return i,
                        _ => {
                            let before = i;
                            i = parse_path(toks, i, segments.clone(), out);
                            if i == before {
                                i += 1;
                            }
                        }
                    }
                }
            }
            _ => {
                if !segments.is_empty() {
                    out.push(segments);
                }
                return i;
            }
        }
        // `as name` ends a leaf.
        if is_ident(toks.get(i)) == Some("as") {
            out.push(segments);
            return i + 2;
        }
        match toks.get(i) {
            Some((Tok::Sep, _)) => i += 1,
            _ => {
                out.push(segments);
                return i;
            }
        }
    }
}

/// What one file says: the paths it writes, the names it re-exports (`pub use x::Name`,
/// written `use` in a module root), and the public items it declares.
#[derive(Debug, Default)]
struct FileFacts {
    paths: Vec<Written>,
    /// `use` declarations at the file's top level: (the name it brings in, its path).
    uses: Vec<(String, Vec<String>)>,
    /// Names of items declared at the file's top level.
    items: BTreeSet<String>,
}

fn facts(text: &str) -> FileFacts {
    let toks = lex(text);
    let mut f = FileFacts::default();
    // Inline modules we are inside: (name, brace depth at which it opened).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].0 {
            Tok::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                i += 1;
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some(name), Some((Tok::Punct('{'), _))) = (is_ident(toks.get(i + 1)), toks.get(i + 2)) {
                    inline.push((name.to_owned(), depth));
                    if depth == 0 {
                        f.items.insert(name.to_owned());
                    }
                }
                i += 1;
            }
            Tok::Ident(kw)
                if depth == 0
                    && matches!(
                        kw.as_str(),
                        "struct" | "enum" | "fn" | "type" | "const" | "static" | "trait" | "union" | "macro_rules"
                    ) =>
            {
                let mut j = i + 1;
                if matches!(toks.get(j), Some((Tok::Punct('!'), _))) {
                    j += 1;
                }
                if let Some(name) = is_ident(toks.get(j)) {
                    f.items.insert(name.to_owned());
                }
                i += 1;
            }
            Tok::Ident(kw) if kw == "use" => {
                let mut leaves = Vec::new();
                let line = toks[i].1;
                let end = parse_path(&toks, i + 1, Vec::new(), &mut leaves);
                for leaf in leaves {
                    if depth == 0 {
                        // The name the leaf brings in (by its own name: the core re-exports
                        // nothing under an alias).
                        f.uses.push((leaf.last().cloned().unwrap_or_default(), leaf.clone()));
                    }
                    f.paths.push(Written {
                        segments: leaf,
                        inline: inline.iter().map(|(n, _)| n.clone()).collect(),
                        line,
                    });
                }
                i = end.max(i + 1);
            }
            Tok::Ident(kw)
                if matches!(kw.as_str(), "crate" | "super" | "self")
                    && matches!(toks.get(i + 1), Some((Tok::Sep, _)))
                    // `pub(in crate::x)` is a visibility, not a use.
                    && is_ident(i.checked_sub(1).and_then(|k| toks.get(k))) != Some("in") =>
            {
                let mut leaves = Vec::new();
                let line = toks[i].1;
                let end = parse_path(&toks, i, Vec::new(), &mut leaves);
                for leaf in leaves {
                    f.paths.push(Written {
                        segments: leaf,
                        inline: inline.iter().map(|(n, _)| n.clone()).collect(),
                        line,
                    });
                }
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    f
}

/// `load/item.rs` → `["load", "item"]`, `load/mod.rs` → `["load"]`, `lib.rs` → `[]`.
fn module_of(path: &str) -> Vec<String> {
    let path = path.strip_suffix(".rs").unwrap_or(path);
    let mut parts: Vec<String> = path.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// Resolves a written path to absolute segments (without `crate`), or `None` for paths to
/// other crates.
fn absolute(file_module: &[String], w: &Written) -> Option<Vec<String>> {
    let mut here: Vec<String> = file_module.iter().chain(&w.inline).cloned().collect();
    let mut segs = w.segments.iter().peekable();
    match segs.peek().map(|s| s.as_str()) {
        Some("crate") => {
            here.clear();
            segs.next();
        }
        Some("self") => {
            segs.next();
        }
        Some("super") => {
            while segs.peek().map(|s| s.as_str()) == Some("super") {
                segs.next();
                here.pop();
            }
        }
        // `use std::…`, `use serde::…`, or a name in scope.
        _ => return None,
    }
    here.extend(segs.cloned());
    Some(here)
}

// ---------------------------------------------------------------------------------------
// The graph.

/// An edge `from → to` between two modules that are children of `level` (`[]` for the
/// crate's top-level modules), with one place that makes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    level: Vec<String>,
    from: String,
    to: String,
}

struct Graph {
    /// Every edge with the first place (file:line) that makes it.
    edges: BTreeMap<Edge, String>,
    /// The crate's top-level modules, those without an edge included.
    top: BTreeSet<String>,
}

fn build_graph(files: &[(String, String)]) -> Graph {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(p, _)| module_of(p)).collect();
    let facts: BTreeMap<Vec<String>, (String, FileFacts)> =
        files.iter().map(|(p, t)| (module_of(p), (p.clone(), facts(t)))).collect();
    let is_child = |parent: &[String], name: &str| {
        let mut m = parent.to_vec();
        m.push(name.to_owned());
        modules.contains(&m)
    };
    // In the root file of `level`, which child a top-level name comes from.
    let reexported_from = |level: &[String], name: &str| -> Option<String> {
        let (_, root) = facts.get(level)?;
        if root.items.contains(name) {
            return None;
        }
        let mut globs = Vec::new();
        for (brought, path) in &root.uses {
            let written = Written { segments: path.clone(), inline: Vec::new(), line: 0 };
            let Some(abs) = absolute(level, &written)
                .or_else(|| (!path.is_empty() && is_child(level, &path[0])).then(|| [level, path].concat()))
            else {
                continue; // another crate's item
            };
            if abs.len() > level.len() && abs[..level.len()] == *level {
                let child = &abs[level.len()];
                if !is_child(level, child) {
                    continue;
                }
                if brought == name && abs.len() > level.len() + 1 {
                    return Some(child.clone());
                }
                if brought == "*" {
                    globs.push(child.clone());
                }
            }
        }
        globs.into_iter().find(|child| {
            let mut m = level.to_vec();
            m.push(child.clone());
            facts.get(&m).is_some_and(|(_, f)| f.items.contains(name))
        })
    };
    let mut edges = BTreeMap::new();
    for (from_module, (path, f)) in &facts {
        for w in &f.paths {
            let Some(to) = absolute(from_module, w) else { continue };
            // Where the two paths part.
            let common = from_module.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common >= from_module.len() || common >= to.len() {
                continue; // within the file itself, or its own ancestors' items
            }
            let level = &from_module[..common];
            let from = &from_module[common];
            let target = if is_child(level, &to[common]) {
                to[common].clone()
            } else if let Some(child) = reexported_from(level, &to[common]) {
                child
            } else {
                continue; // an item of the level's root file: the module as a whole
            };
            if &target == from {
                continue;
            }
            let edge = Edge { level: level.to_vec(), from: from.clone(), to: target };
            edges.entry(edge).or_insert_with(|| format!("{path}:{}", w.line));
        }
    }
    let top = modules.iter().filter(|m| m.len() == 1).map(|m| m[0].clone()).collect();
    Graph { edges, top }
}

/// Tarjan's strongly connected components over one level's edges; every component of more
/// than one node, each as a cycle path `a → b → … → a`.
fn cycles(edges: &[(String, String)]) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let nodes: Vec<&String> = nodes.into_iter().collect();
    let index_of = |s: &String| nodes.iter().position(|n| *n == s).expect("node");
    let mut adj = vec![Vec::new(); nodes.len()];
    for (a, b) in edges {
        adj[index_of(a)].push(index_of(b));
    }
    struct Tarjan<'a> {
        adj: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        components: Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for &w in &self.adj[v] {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                self.components.push(component);
            }
        }
    }
    let mut t = Tarjan {
        adj: &adj,
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        on_stack: vec![false; nodes.len()],
        stack: Vec::new(),
        next: 0,
        components: Vec::new(),
    };
    for v in 0..nodes.len() {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    let mut found = Vec::new();
    for component in t.components.iter().filter(|c| c.len() > 1) {
        // A cycle through the component's smallest node: breadth-first back to it, staying inside.
        let inside: BTreeSet<usize> = component.iter().copied().collect();
        let start = *component.iter().min().expect("non-empty");
        let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut last = None;
        'search: while let Some(v) = queue.pop_front() {
            for &w in &adj[v] {
                if w == start {
                    last = Some(v);
                    break 'search;
                }
                if inside.contains(&w) && !parent.contains_key(&w) {
                    parent.insert(w, v);
                    queue.push_back(w);
                }
            }
        }
        let mut path = vec![start];
        let mut v = last.expect("a strongly connected component has a cycle");
        while v != start {
            path.push(v);
            v = parent[&v];
        }
        path.push(start);
        let len = path.len();
        path[1..len - 1].reverse();
        found.push(path.into_iter().map(|i| nodes[i].clone()).collect());
    }
    found
}

/// Every cycle, per level, as readable lines (`load → results → bundle → load`).
fn check(graph: &Graph) -> Vec<String> {
    let mut levels: BTreeMap<&Vec<String>, Vec<(String, String)>> = BTreeMap::new();
    for edge in graph.edges.keys() {
        levels.entry(&edge.level).or_default().push((edge.from.clone(), edge.to.clone()));
    }
    let mut problems = Vec::new();
    for (level, edges) in levels {
        for cycle in cycles(&edges) {
            let name = if level.is_empty() {
                "top-level modules".to_owned()
            } else {
                format!("files of {}", level.join("::"))
            };
            let places: Vec<String> = cycle
                .windows(2)
                .map(|w| {
                    let edge = Edge { level: level.clone(), from: w[0].clone(), to: w[1].clone() };
                    format!("{} → {} ({})", w[0], w[1], graph.edges[&edge])
                })
                .collect();
            problems.push(format!("cycle between {name}: {}\n    {}", cycle.join(" → "), places.join("\n    ")));
        }
    }
    problems
}

fn print_graph(graph: &Graph) {
    let mut level: Option<&Vec<String>> = None;
    for (edge, place) in &graph.edges {
        if level != Some(&edge.level) {
            level = Some(&edge.level);
            println!(
                "{}:",
                if edge.level.is_empty() {
                    "top-level modules".to_owned()
                } else {
                    format!("files of {}", edge.level.join("::"))
                }
            );
        }
        println!("  {} → {}   ({place})", edge.from, edge.to);
    }
    let top: Vec<(String, String)> =
        graph.edges.keys().filter(|e| e.level.is_empty()).map(|e| (e.from.clone(), e.to.clone())).collect();
    println!("top-level layers (each uses only modules of the layers before it):");
    for (i, layer) in layers(&graph.top, &top).iter().enumerate() {
        println!("  {}: {}", i, layer.join(", "));
    }
}

/// The nodes of an acyclic graph in layers: layer 0 uses nothing, layer n uses only layers
/// before n (Kahn's algorithm, by longest path). Nodes on a cycle never get a layer.
fn layers(nodes: &BTreeSet<String>, edges: &[(String, String)]) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = nodes.iter().chain(edges.iter().flat_map(|(a, b)| [a, b])).collect();
    let mut layer_of: BTreeMap<&String, usize> = BTreeMap::new();
    let mut changed = true;
    while changed {
        changed = false;
        for &n in &nodes {
            if layer_of.contains_key(n) {
                continue;
            }
            let deps: Vec<&String> = edges.iter().filter(|(a, _)| a == n).map(|(_, b)| b).collect();
            if deps.iter().all(|d| layer_of.contains_key(d)) {
                let layer = deps.iter().map(|d| layer_of[d] + 1).max().unwrap_or(0);
                layer_of.insert(n, layer);
                changed = true;
            }
        }
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    for (n, l) in layer_of {
        if out.len() <= l {
            out.resize(l + 1, Vec::new());
        }
        out[l].push(n.clone());
    }
    out
}

#[test]
fn the_core_module_graph_has_no_cycle() {
    let sources = core_sources();
    assert!(sources.len() > 20, "expected the core's sources, found {}", sources.len());
    let graph = build_graph(&sources);
    print_graph(&graph);
    // Not vacuous: the parser sees the core's known layering.
    let top = |a: &str, b: &str| graph.edges.keys().any(|e| e.level.is_empty() && e.from == a && e.to == b);
    assert!(top("score", "scenario"), "the scorer reads the model; the parser missed it");
    assert!(top("load", "diag"), "the loader reports diagnostics; the parser missed it");
    let problems = check(&graph);
    assert!(problems.is_empty(), "module cycles in crates/core/src:\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------
// The checker itself, on small made-up crates.

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect()
}

fn edge_list(graph: &Graph) -> Vec<String> {
    graph
        .edges
        .keys()
        .map(|e| {
            let level = if e.level.is_empty() { String::new() } else { format!("{}: ", e.level.join("::")) };
            format!("{level}{} → {}", e.from, e.to)
        })
        .collect()
}

#[test]
fn finds_a_three_module_cycle_through_use_groups_and_full_paths() {
    let graph = build_graph(&files(&[
        ("lib.rs", "pub mod a; pub mod b; pub mod c; pub mod d;"),
        ("a.rs", "use crate::{b::Thing, d};\nfn f() { d::go(); }"),
        ("b.rs", "fn g() { crate::c::h(); }"),
        ("c/mod.rs", "mod inner; pub fn h() {}"),
        ("c/inner.rs", "use super::super::a::X;"),
        ("d.rs", "pub fn go() {}"),
    ]));
    assert_eq!(edge_list(&graph), ["a → b", "a → d", "b → c", "c → a"]);
    let problems = check(&graph);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("cycle between top-level modules: a → b → c → a"), "{}", problems[0]);
    assert!(problems[0].contains("c → a (c/inner.rs:1)"), "{}", problems[0]);
}

#[test]
fn finds_a_cycle_between_the_files_of_one_module_through_reexports() {
    let graph = build_graph(&files(&[
        ("lib.rs", "pub mod load;"),
        ("load/mod.rs", "mod item; mod dialogue; mod pack;\npub use dialogue::Dialogue;\npub struct Source;"),
        ("load/item.rs", "use super::Dialogue;"),
        // `Source` is the module root's own item: no edge.
        ("load/dialogue.rs", "use super::{item::read_item, Source};"),
        ("load/pack.rs", "use super::item; use crate::load::Source;"),
    ]));
    assert_eq!(edge_list(&graph), ["load: dialogue → item", "load: item → dialogue", "load: pack → item"]);
    let problems = check(&graph);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("cycle between files of load: dialogue → item → dialogue"), "{}", problems[0]);
}

#[test]
fn comments_strings_and_inline_test_modules_make_no_edge() {
    let graph = build_graph(&files(&[
        ("lib.rs", "pub mod a; pub mod b; pub const V: u32 = 1;"),
        (
            "a.rs",
            "//! Not `crate::b` in a doc comment.\n/* nor crate::b here /* nested */ crate::b */\n\
             const S: &str = \"crate::b::x\"; const R: &str = r#\"crate::b\"#; const C: char = '\"';\n\
             fn f<'a>(x: &'a str) { let _ = crate::V; }\n\
             #[cfg(test)] mod tests { use super::*; use super::super::b::Y; }",
        ),
        ("b.rs", "pub struct Y; fn g() { let _ = '{'; } use crate::a as _;"),
    ]));
    // `super::*` in a's tests is a itself; `super::super::b` from inside the tests is b;
    // `crate::V` is the root's own item.
    assert_eq!(edge_list(&graph), ["a → b", "b → a"]);
    assert_eq!(graph.edges.iter().find(|(e, _)| e.from == "a").map(|(_, p)| p.as_str()), Some("a.rs:5"));
}

#[test]
fn a_layered_graph_has_no_cycle() {
    let edges: Vec<(String, String)> =
        [("a", "b"), ("b", "c"), ("a", "c"), ("d", "a")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert!(cycles(&edges).is_empty());
    let alone = BTreeSet::from(["e".to_owned()]);
    assert_eq!(layers(&alone, &edges), [vec!["c", "e"], vec!["b"], vec!["a"], vec!["d"]]);
    let mut looped = edges.clone();
    looped.push(("c".into(), "d".into()));
    // The shortest way round: a → c → d → a.
    assert_eq!(cycles(&looped), [["a", "c", "d", "a"]]);
}
