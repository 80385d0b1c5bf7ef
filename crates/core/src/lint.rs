//! Content rules that go beyond "the file loads": checks on what the trainee will be taught.
//!
//! - `banned-in-answer` (error): a correct choice option, an order step (the procedure
//!   taught), a best dialogue reply, a reply item's model answer, a banned phrase's own `instead` wording or a phrasebook line
//!   contains a banned phrase. We would be teaching the taboo.
//! - `model-answer-not-full` (error): a reply item's model answer does not earn full marks
//!   under its own elements.
//! - `empty-feedback` (warning): an option a trainee can pick explains nothing.
//! - `best-is-longest` (warning): in more than 60% of a pack's choice items and dialogue
//!   nodes the best option is the longest one, so a trainee can pass by picking the longest
//!   answer without reading (`giveaway.rs`).
//! - `few-distractors` (warning): a multi item with fewer than three wrong options; with one
//!   or two, mostly absurd, "select all that apply" is "select nearly everything".
//! - `single-option-node` (warning): a dialogue node where the trainee has one reply to pick,
//!   so nothing is practised there.
//!
//! Items in the typed model carry no positions, so findings are placed by finding the
//! item's `id:` line in the source and the offending text after it; if that fails the
//! position is the item's line, which is still where a trainer should look.

use crate::diag::Diagnostic;
use crate::load::{Library, Source};
use crate::phrasebook::PhrasebookFile;
use crate::scenario::{ItemBody, NodeStep, Pack};
use crate::score::{score, Answer};
use crate::text::TabooMatcher;

mod giveaway;

/// Lints every loaded pack. `sources` are the files the packs came from (matched by name).
pub fn lint_library(library: &Library, sources: &[Source]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pack in &library.packs {
        let text = sources.iter().find(|s| s.name == pack.source).map_or("", |s| s.text.as_str());
        lint_pack(pack, text, &library.taboo, &mut out);
    }
    out
}

/// Lints one pack against `taboo` (the authoring page: one draft, checked as it is typed).
/// `text` is the pack's source, used to place each finding.
pub fn lint_one(pack: &Pack, text: &str, taboo: &TabooMatcher) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    lint_pack(pack, text, taboo, &mut out);
    out
}

fn lint_pack(pack: &Pack, text: &str, taboo: &TabooMatcher, out: &mut Vec<Diagnostic>) {
    giveaway::lint(pack, text, out);
    for (index, item) in pack.items.iter().enumerate() {
        let at = Locator::new(text, &item.id);
        let path = |rest: &str| format!("items[{index}]{rest}");
        let check_banned = |out: &mut Vec<Diagnostic>, words: &str, field: String| {
            banned_in(out, taboo, &pack.source, &at, words, field)
        };
        match &item.body {
            ItemBody::Choice(c) => {
                let best = item.max_points();
                for (i, o) in c.options.iter().enumerate() {
                    if (o.score - best).abs() < 1e-9 {
                        check_banned(out, &o.text, path(&format!(".options[{i}].text")));
                    }
                }
            }
            ItemBody::Reply(r) => {
                check_banned(out, &r.model_answer, path(".model_answer"));
                let outcome = score(item, &Answer::Reply { text: r.model_answer.clone() }, taboo);
                if outcome.points < outcome.max - 1e-9 {
                    let missing: Vec<&str> = outcome
                        .findings
                        .iter()
                        .filter(|f| f.kind != crate::score::FindingKind::Follows)
                        .map(|f| f.message.as_str())
                        .collect();
                    let (line, column) = at.find(&r.model_answer);
                    out.push(Diagnostic::error(
                        "model-answer-not-full",
                        &pack.source,
                        line,
                        column,
                        path(".model_answer"),
                        format!("参考答案只得 {} / {} 分：{}", outcome.points, outcome.max, missing.join("；")),
                        "让参考答案包含每个要点的至少一种说法，或在要点的 any 中加入参考答案里的说法",
                    ));
                }
            }
            ItemBody::Dialogue(d) => {
                for (name, node) in &d.nodes {
                    let NodeStep::Options(options) = &node.step else { continue };
                    let best = options.iter().map(|o| o.score).fold(f64::MIN, f64::max);
                    for (i, o) in options.iter().enumerate() {
                        let field = path(&format!(".nodes.{name}.options[{i}]"));
                        if (o.score - best).abs() < 1e-9 {
                            check_banned(out, &o.text, format!("{field}.text"));
                        }
                        if o.feedback.trim().is_empty() {
                            let (line, column) = at.find(&o.text);
                            out.push(Diagnostic::warning(
                                "empty-feedback",
                                &pack.source,
                                line,
                                column,
                                format!("{field}.feedback"),
                                "这个回答没有反馈，学员选了也不知道对错的原因",
                                "写一句反馈，说明它遵守或违反了哪条规范",
                            ));
                        }
                    }
                }
            }
            // Multi items are often "which of these are taboo?": correct options may quote them.
            ItemBody::Multi(_) => {}
            ItemBody::Order(o) => {
                // The steps are the procedure being taught, in the right order.
                for (i, step) in o.steps.iter().enumerate() {
                    check_banned(out, step, path(&format!(".steps[{i}]")));
                }
            }
        }
        if let ItemBody::Choice(c) = &item.body {
            for (i, o) in c.options.iter().enumerate() {
                if o.feedback.trim().is_empty() {
                    let (line, column) = at.find(&o.text);
                    out.push(Diagnostic::warning(
                        "empty-feedback",
                        &pack.source,
                        line,
                        column,
                        path(&format!(".options[{i}].feedback")),
                        "这个选项没有反馈，学员选了也不知道对错的原因",
                        "写一句反馈，说明它遵守或违反了哪条规范",
                    ));
                }
            }
        }
    }
}

fn banned_in(
    out: &mut Vec<Diagnostic>,
    taboo: &TabooMatcher,
    file: &str,
    at: &Locator<'_>,
    words: &str,
    field: String,
) {
    for hit in taboo.find(words) {
        let (line, column) = at.find_part(words, &hit.quote);
        out.push(
            Diagnostic::error(
                "banned-in-answer",
                file,
                line,
                column,
                field.clone(),
                format!(
                    "正确答案中含有服务忌语“{}”（{}）",
                    hit.quote,
                    taboo.phrase(&hit).map_or("", |p| p.standard.as_str())
                ),
                format!("改用规范说法，例如：{}", hit.instead),
            )
            .with_width(hit.quote.chars().count()),
        );
    }
}

/// The banned list's `instead` wordings and the phrasebook's lines must be clean too.
pub fn lint_wordings(
    library: &Library,
    banned: &Source,
    phrasebook: Option<(&PhrasebookFile, &Source)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, p) in library.banned.phrases.iter().enumerate() {
        for hit in library.taboo.find(&p.instead) {
            let (line, column) = Locator::new(&banned.text, &p.id).find(&p.instead);
            out.push(Diagnostic::error(
                "banned-in-answer",
                &banned.name,
                line,
                column,
                format!("phrases[{i}].instead"),
                format!("“{}”的规范用语里含有服务忌语“{}”", p.phrase, hit.quote),
                "换一种不含忌语的说法",
            ));
        }
    }
    if let Some((file, source)) = phrasebook {
        for (i, e) in file.entries.iter().enumerate() {
            for hit in library.taboo.find(&e.line) {
                let (line, column) = Locator::new(&source.text, &e.id).find(&e.line);
                out.push(Diagnostic::error(
                    "banned-in-answer",
                    &source.name,
                    line,
                    column,
                    format!("entries[{i}].line"),
                    format!("规范用语里含有服务忌语“{}”", hit.quote),
                    format!("改用：{}", hit.instead),
                ));
            }
        }
    }
    out
}

/// Finds positions in a source by text, starting from an `id: <id>` line.
pub(crate) struct Locator<'t> {
    text: &'t str,
    start: usize,
}

impl<'t> Locator<'t> {
    pub(crate) fn new(text: &'t str, id: &str) -> Locator<'t> {
        let start = if id.is_empty() {
            0
        } else {
            text.match_indices(id)
                .find(|(at, _)| text[..*at].trim_end_matches([' ', '"', '\'']).ends_with("id:"))
                .map_or(0, |(at, _)| at)
        };
        Locator { text, start }
    }

    /// 1-based line and character column of `needle` (its first line) after the item start.
    pub(crate) fn find(&self, needle: &str) -> (u32, u32) {
        let first = needle.lines().next().unwrap_or_default();
        let probe: String = first.chars().take(12).collect();
        let offset = if probe.is_empty() { None } else { self.text[self.start..].find(&probe).map(|o| o + self.start) };
        position(self.text, offset.unwrap_or(self.start))
    }
}

impl Locator<'_> {
    /// 1-based line and column of the item's own `id:` value.
    pub(crate) fn item(&self) -> (u32, u32) {
        position(self.text, self.start)
    }

    /// 1-based line and column of a mapping key `key:` (a dialogue node) after the item start.
    pub(crate) fn key(&self, key: &str) -> (u32, u32) {
        let mut offset = self.start;
        for line in self.text[self.start..].split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')) {
                return position(self.text, offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        position(self.text, self.start)
    }

    /// Like `find`, but at `part` (e.g. the banned phrase itself) when it is on the same line
    /// after the start of `needle`, so the marker sits under the offending words.
    fn find_part(&self, needle: &str, part: &str) -> (u32, u32) {
        let (line, column) = self.find(needle);
        let Some(text) = self.text.lines().nth(line.saturating_sub(1) as usize) else { return (line, column) };
        let from: usize = text.chars().take(column.saturating_sub(1) as usize).map(char::len_utf8).sum();
        match text.get(from..).and_then(|rest| rest.find(part)) {
            Some(at) if !part.is_empty() => (line, column + text[from..from + at].chars().count() as u32),
            _ => (line, column),
        }
    }
}

fn position(text: &str, byte: usize) -> (u32, u32) {
    if text.is_empty() {
        return (1, 1);
    }
    let before = &text[..byte.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}
