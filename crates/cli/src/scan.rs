//! `drill scan [FILE]`: the banned-phrase check on typed replies, one per line, so a trainer
//! can try a sentence (or a whole list of them) against the shipped list before writing an
//! item, and see which phrase and which rule a reply breaks, or that a context rule lets
//! it pass.
//!
//! Reads the file (stdin when none, or `-`); every line is one reply, blank lines included,
//! so output line N is always input line N. `--format json` prints exactly one JSON object
//! per input line; the default is a readable Chinese report. Exit status: 0 no banned
//! phrase, 1 some reply holds one, 2 the input or the banned list could not be read.

use crate::render::render;
use crate::scenarios::read;
use annotate_snippets::Renderer;
use drill_core::diag::Diagnostic;
use drill_core::load::{load_banned, load_catalogue, load_index};
use drill_core::text::{TabooHit, TabooMatcher};
use serde::Serialize;
use std::io::Read;
use std::path::Path;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ScanFormat {
    Human,
    Json,
}

/// One reply's result (`--format json`).
#[derive(Serialize)]
struct Line<'a> {
    /// 1-based input line.
    line: usize,
    text: &'a str,
    hits: Vec<Hit<'a>>,
}

#[derive(Serialize)]
struct Hit<'a> {
    /// The banned phrase's id, e.g. `refuse.buneng`.
    phrase: &'a str,
    /// The standard it breaks, e.g. `BIZ.D`.
    rule: &'a str,
    severity: &'static str,
    category: &'static str,
    /// As typed.
    quote: &'a str,
    /// Char range in the line, `[start, end)`.
    start: usize,
    end: usize,
    instead: &'a str,
}

pub fn run(file: Option<&Path>, format: ScanFormat, scenarios: &Path) -> u8 {
    let matcher = match load_matcher(scenarios) {
        Ok(m) => m,
        Err((diagnostics, texts)) => {
            let renderer = Renderer::styled();
            for d in &diagnostics {
                let source = texts.iter().find(|(name, _)| *name == d.file).map(|(_, t)| t.as_str());
                anstream::eprintln!("{}\n", render(d, source, &renderer));
            }
            eprintln!("drill scan: 忌语表无法使用（{}），请先修正上面的错误", scenarios.display());
            return 2;
        }
    };
    let input = match read_input(file) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("drill scan: {message}");
            return 2;
        }
    };
    let mut any = false;
    let mut flagged = 0;
    let mut count = 0;
    for (n, text) in lines(&input).enumerate() {
        count += 1;
        let hits = matcher.find(text);
        any |= !hits.is_empty();
        flagged += usize::from(!hits.is_empty());
        match format {
            ScanFormat::Json => {
                let line =
                    Line { line: n + 1, text, hits: hits.iter().filter_map(|h| json_hit(&matcher, h)).collect() };
                println!("{}", serde_json::to_string(&line).unwrap_or_else(|_| "{}".into()));
            }
            ScanFormat::Human => print_human(&matcher, n + 1, text, &hits),
        }
    }
    if let ScanFormat::Human = format {
        println!("共 {count} 行，{flagged} 行含服务忌语");
    }
    u8::from(any)
}

/// The lines of the input: split at `\n`, a trailing `\r` dropped; a final newline does not
/// start another (empty) reply, but blank lines in between are replies.
fn lines(input: &str) -> impl Iterator<Item = &str> {
    let body = input.strip_suffix('\n').unwrap_or(input);
    let empty = input.is_empty();
    body.split('\n').filter(move |_| !empty).map(|l| l.strip_suffix('\r').unwrap_or(l))
}

fn read_input(file: Option<&Path>) -> Result<String, String> {
    let bytes = match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => std::fs::read(path).map_err(|e| format!("无法读取文件 {}：{e}", path.display()))?,
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("无法读取标准输入：{e}"))?;
            bytes
        }
    };
    let name = file.map_or("标准输入".to_owned(), |f| f.display().to_string());
    let text = String::from_utf8(bytes).map_err(|_| format!("{name} 不是 UTF-8 编码的文字，请另存为 UTF-8 再试"))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

type Failure = (Vec<Diagnostic>, Vec<(String, String)>);

/// The banned list of a scenarios folder (through its `index.yaml`), compiled.
fn load_matcher(dir: &Path) -> Result<TabooMatcher, Failure> {
    let mut texts = Vec::new();
    let mut open = |name: &Path| -> Result<drill_core::load::Source, Failure> {
        let src = read(name).map_err(|d| (vec![*d], Vec::new()))?;
        texts.push((src.name.clone(), src.text.clone()));
        Ok(src)
    };
    let index_src = open(&dir.join("index.yaml"))?;
    let index = load_index(&index_src).map_err(|d| (d, Vec::new()))?;
    let standards = open(&dir.join(&index.standards))?;
    let banned = open(&dir.join(&index.banned))?;
    let catalogue = load_catalogue(&standards).map_err(|d| (d, texts.clone()))?;
    let list = load_banned(&banned, &catalogue).map_err(|d| (d, texts.clone()))?;
    Ok(TabooMatcher::new(&list))
}

fn json_hit<'a>(matcher: &'a TabooMatcher, hit: &'a TabooHit) -> Option<Hit<'a>> {
    let p = matcher.phrase(hit)?;
    Some(Hit {
        phrase: &p.id,
        rule: &p.standard,
        severity: hit.severity.keyword(),
        category: p.category.keyword(),
        quote: &hit.quote,
        start: hit.start,
        end: hit.end,
        instead: &hit.instead,
    })
}

fn print_human(matcher: &TabooMatcher, line: usize, text: &str, hits: &[TabooHit]) {
    if hits.is_empty() {
        println!("第 {line} 行 ✓ 未发现服务忌语：{text}");
        return;
    }
    println!("第 {line} 行 ✗ 发现 {} 处服务忌语：{text}", hits.len());
    for h in hits {
        let Some(p) = matcher.phrase(h) else { continue };
        println!(
            "    “{}”（第 {}–{} 字）{} · {} · 违反 {}（{}）",
            h.quote,
            h.start + 1,
            h.end,
            p.category.label(),
            h.severity.label(),
            p.standard,
            p.id
        );
        if !p.note.is_empty() {
            println!("      {}", p.note);
        }
        println!("      建议：{}", h.instead);
    }
}
