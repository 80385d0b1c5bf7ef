//! One-pass banned-phrase matcher.
//!
//! Rules, in the order they apply:
//!
//! 1. **Normalised on both sides.** Every wording (phrase and variants) and every `allow`
//!    context is normalised once when the matcher is built; the trainee's text is normalised
//!    once per call (see [`crate::text::normalize`]). So `不能`, `不 能！` and `不能` typed
//!    in full width or traditional characters all match. A wording that normalises to
//!    nothing (pure punctuation) is ignored: it would match everywhere.
//! 2. **One automaton, one scan.** All those strings go into a single Aho–Corasick
//!    automaton, searched with overlapping iteration so that a wording inside an allow
//!    context, or inside another wording, is still seen. A string listed more than once
//!    (the same variant under two phrases, a variant equal to an allow context) is one
//!    pattern that reports all its roles.
//! 3. **Exceptions.** A hit of a phrase is dropped when it lies inside (start ≥ and
//!    end ≤) an occurrence of one of *that phrase's* `allow` contexts: 不能 in
//!    不能给您带来不便, 不属于 in 不属于供电局维修范围. Another phrase's allow context
//!    does not excuse it.
//! 4. **Context rules.** A hit is then dropped when the text around it fits one of the
//!    list's context rules that applies to its phrase (`BannedList::contexts`, see
//!    [`crate::scenario::ContextRule`]): 能不能 (a question), 不会让您白跑 (a reassurance),
//!    如果您不能亲自来 (a condition). These run only on hits, over the normalised text, and a
//!    window never reaches across punctuation of the rule's scope, read from the original
//!    text through the normalised text's map back (so 如果没带证件，我们不能办 stays a
//!    refusal). Nothing is searched again: `right_before`/`right_after` compare a few words
//!    at the hit's edges, and `in_clause` words are patterns of the same automaton (found by
//!    the one scan), so a window is a look-up among the few found. A phrase with `required`
//!    rules counts only where one of them fits (不会 before a service verb: 不会派人).
//! 5. **Longest hit wins.** Of the hits left, one lying inside a longer one is dropped, so
//!    `你懂不懂` is reported once rather than also as `懂不懂`. Two hits on exactly the
//!    same span (the same wording listed under two phrases) are reported once, for the
//!    phrase listed first. Overlapping hits of one phrase are joined (我们不能 + 不能办 in
//!    我们不能办 is one hit).
//! 6. **Quoted as typed.** Each hit carries the original text from its first to its last
//!    matched char, punctuation and spaces in between included, and that char range.
//!
//! Every occurrence is reported, in order of position; callers that charge per distinct
//! phrase (reply scoring) de-duplicate by `phrase`.

use crate::scenario::{BannedList, BannedPhrase, ContextKind, Scope, Severity};
use crate::text::normalize::{normalize, Normalized};
use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
///
/// The phrase's id, rule and other fields are read through `phrase` (`TabooMatcher::phrase`):
/// copying them into every hit was a third of `find`'s time on a reply full of hits.
pub struct TabooHit {
    /// Index into `BannedList::phrases`.
    pub phrase: usize,
    pub severity: Severity,
    /// The words as the trainee typed them.
    pub quote: String,
    /// Char range in the original text.
    pub start: usize,
    pub end: usize,
    pub instead: String,
}

/// What one automaton pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A wording (the phrase or a variant) of phrase `.0`.
    Wording(usize),
    /// An allow context of phrase `.0`.
    Allow(usize),
    /// A word of `in_clause` rule `rule` (before or after the hit): recorded by the same
    /// scan, so a rule's window is a look-up among the few words found, not a search.
    Marker { rule: usize, after: bool, clause_end: bool },
}

#[derive(Debug, Clone)]
pub struct TabooMatcher {
    list: BannedList,
    /// Over the distinct normalised strings; `None` when the list has no usable wording
    /// or (for an absurdly large list) the automaton could not be built, in which case
    /// `patterns` is searched directly.
    ///
    /// The contiguous NFA, used directly rather than through `AhoCorasick`, which picks one
    /// of three automata at run time and so links all three and their searches into the
    /// wasm. The contiguous NFA is the one `AhoCorasick` itself picks for long lists; for a
    /// list as short as the shipped one a DFA would be a little faster, but not noticeably
    /// (benches/taboo.rs; docs/PERFORMANCE.md, "Figures behind choices in the code").
    automaton: Option<Arc<NFA>>,
    /// Whether any pattern is a wording (allow contexts alone can never produce a hit).
    has_wording: bool,
    /// Pattern id → the normalised string and every role it plays.
    patterns: Vec<(String, Vec<Role>)>,
    /// The list's context rules, normalised.
    contexts: Vec<Context>,
    /// Phrase index → the context rules that apply to it (indices into `contexts`): its
    /// exceptions and its required rules (when it has any, a hit counts only if one fits).
    rules_for: Vec<Vec<usize>>,
}

/// A [`crate::scenario::ContextRule`] with its words normalised.
#[derive(Debug, Clone)]
struct Context {
    kind: ContextKind,
    required: bool,
    /// The punctuation level a window stops at (see [`break_level`]).
    stop: u8,
    window: usize,
    /// Normalised. For `in_clause` the scan finds them ([`Role::Marker`]); these lists only
    /// say whether the rule has words on that side.
    before: Vec<Word>,
    after: Vec<Word>,
    skip: Vec<String>,
    unless: Vec<String>,
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    /// Written with a trailing `$`: the word must end its clause.
    clause_end: bool,
    /// First and last char: compared before the whole word (a rule may have a hundred).
    first: Option<char>,
    last: Option<char>,
}

impl Word {
    /// `$` alone is the empty word that must end its clause: the clause ends at the hit.
    fn new(written: &str) -> Option<Word> {
        let (bare, clause_end) = match written.strip_suffix('$') {
            Some(bare) => (bare, true),
            None => (written, false),
        };
        let text = normalize(bare).text;
        let (first, last) = (text.chars().next(), text.chars().next_back());
        (!text.is_empty() || clause_end).then_some(Word { text, clause_end, first, last })
    }
}

/// An `in_clause` word found by the scan.
#[derive(Debug, Clone, Copy)]
struct Mark {
    after: bool,
    clause_end: bool,
    /// First char (normalised), and byte range.
    start: usize,
    from: usize,
    to: usize,
}

/// A match in normalised-char coordinates (`start`, `end`) and normalised-byte ones
/// (`from`, `to`: where the context rules look).
#[derive(Debug, Clone, Copy)]
struct Span {
    phrase: usize,
    start: usize,
    end: usize,
    from: usize,
    to: usize,
}

impl TabooMatcher {
    pub fn new(list: &BannedList) -> TabooMatcher {
        let mut patterns: Vec<(String, Vec<Role>)> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut add = |text: &str, role: Role| {
            let normal = normalize(text).text;
            if normal.is_empty() {
                return;
            }
            let id = *index.entry(normal.clone()).or_insert_with(|| {
                patterns.push((normal, Vec::new()));
                patterns.len() - 1
            });
            if !patterns[id].1.contains(&role) {
                patterns[id].1.push(role);
            }
        };
        for (p, phrase) in list.phrases.iter().enumerate() {
            for wording in phrase.wordings() {
                add(wording, Role::Wording(p));
            }
            for context in &phrase.allow {
                add(context, Role::Allow(p));
            }
        }
        // Plain loops rather than iterator chains: each chain is another generic instantiation
        // in the trainee's wasm (docs/PERFORMANCE.md, "Size").
        let mut contexts: Vec<Context> = Vec::with_capacity(list.contexts.len());
        for (index, rule) in list.contexts.iter().enumerate() {
            let mut sides: [Vec<Word>; 4] = Default::default();
            for (side, written) in sides.iter_mut().zip([&rule.before, &rule.after, &rule.skip, &rule.unless]) {
                for w in written {
                    if let Some(word) = Word::new(w) {
                        side.push(word);
                    }
                }
            }
            let [before, after, skip, unless] = sides;
            if rule.kind == ContextKind::InClause {
                for (words, after) in [(&before, false), (&after, true)] {
                    for w in words {
                        add(&w.text, Role::Marker { rule: index, after, clause_end: w.clause_end });
                    }
                }
            }
            let texts = |words: Vec<Word>| -> Vec<String> {
                let mut out = Vec::with_capacity(words.len());
                for w in words {
                    out.push(w.text);
                }
                out
            };
            contexts.push(Context {
                kind: rule.kind,
                required: rule.required,
                stop: if rule.scope == Scope::Sentence { 2 } else { 1 },
                window: rule.window as usize,
                before,
                after,
                skip: texts(skip),
                unless: texts(unless),
            });
        }
        let has_wording = patterns.iter().any(|(_, roles)| roles.iter().any(|r| matches!(r, Role::Wording(_))));
        let automaton = if has_wording {
            NFA::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|(s, _)| s.as_str()))
                .ok()
                .map(Arc::new)
        } else {
            None
        };
        let mut rules_for: Vec<Vec<usize>> = Vec::with_capacity(list.phrases.len());
        for p in &list.phrases {
            let mut rules = Vec::new();
            for (r, rule) in list.contexts.iter().enumerate() {
                if rule.applies_to(&p.id) {
                    rules.push(r);
                }
            }
            rules_for.push(rules);
        }
        // The phrases only: the context rules are compiled into `contexts` (cloning them as well
        // was code in the trainee's wasm for nothing).
        let list = BannedList { phrases: list.phrases.clone(), contexts: Vec::new() };
        TabooMatcher { list, automaton, patterns, has_wording, contexts, rules_for }
    }

    /// The list's phrases (`contexts` is empty here: the rules are compiled into the matcher).
    pub fn list(&self) -> &BannedList {
        &self.list
    }

    /// The banned phrase a hit is of.
    pub fn phrase(&self, hit: &TabooHit) -> Option<&BannedPhrase> {
        self.list.phrases.get(hit.phrase)
    }

    /// Every banned phrase in `text`, in order of position, one scan.
    pub fn find(&self, text: &str) -> Vec<TabooHit> {
        if !self.has_wording {
            return Vec::new();
        }
        let normal = normalize(text);
        if normal.text.is_empty() {
            return Vec::new();
        }
        let char_at = char_index_of_bytes(&normal.text);
        let mut hits: Vec<Span> = Vec::new();
        let mut allowed: Vec<Span> = Vec::new();
        // Per context rule: a hit asks only its own rules' words, not every word found.
        let mut marks: Vec<Vec<Mark>> = Vec::new();
        let mut record = |pattern: usize, from: usize, to: usize| {
            let (start, end) = (char_at[from], char_at[to]);
            for role in &self.patterns[pattern].1 {
                match *role {
                    Role::Wording(phrase) => hits.push(Span { phrase, start, end, from, to }),
                    Role::Allow(phrase) => allowed.push(Span { phrase, start, end, from, to }),
                    Role::Marker { rule, after, clause_end } => {
                        if marks.len() <= rule {
                            marks.resize_with(rule + 1, Vec::new);
                        }
                        marks[rule].push(Mark { after, clause_end, start, from, to })
                    }
                }
            }
        };
        match &self.automaton {
            Some(nfa) => {
                let input = Input::new(normal.text.as_str());
                let mut state = OverlappingState::start();
                // Only fails for a match kind other than Standard, which this never builds.
                while nfa.try_find_overlapping(&input, &mut state).is_ok() {
                    let Some(m) = state.get_match() else { break };
                    record(m.pattern().as_usize(), m.start(), m.end());
                }
            }
            None => {
                for (from, _) in normal.text.char_indices() {
                    for (id, (pattern, _)) in self.patterns.iter().enumerate() {
                        if normal.text[from..].starts_with(pattern.as_str()) {
                            record(id, from, from + pattern.len());
                        }
                    }
                }
            }
        }
        if hits.is_empty() {
            return Vec::new();
        }
        // Byte offset of every char of the original (and its end), so each quote is a slice
        // rather than a walk from the start of the text.
        // Read off the UTF-8 lead bytes: no char is decoded.
        let mut byte_of: Vec<usize> = Vec::with_capacity(text.len() + 1);
        for (b, &x) in text.as_bytes().iter().enumerate() {
            if is_lead_byte(x) {
                byte_of.push(b);
            }
        }
        byte_of.push(text.len());
        let gaps = gaps(&normal, &char_at, text, &byte_of);
        let around = Around { norm: &normal.text, gaps: &gaps, marks: &marks };
        // One pass: allow contexts (rule 3), then the context rules (rule 4).
        hits.retain(|h| {
            if allowed.iter().any(|a| a.phrase == h.phrase && a.start <= h.start && h.end <= a.end) {
                return false;
            }
            let (mut required, mut required_fits) = (false, false);
            for &r in self.rules_for.get(h.phrase).map_or(&[][..], Vec::as_slice) {
                let Some(c) = self.contexts.get(r) else { continue };
                if c.required {
                    required = true;
                    required_fits = required_fits || around.fits(r, c, h);
                } else if around.fits(r, c, h) {
                    return false;
                }
            }
            !required || required_fits
        });
        longest_only(&mut hits);
        if hits.is_empty() {
            return Vec::new();
        }
        hits.iter().filter_map(|h| self.hit(text, &byte_of, &normal, h)).collect()
    }

    fn hit(&self, text: &str, byte_of: &[usize], normal: &Normalized, span: &Span) -> Option<TabooHit> {
        let phrase = self.list.phrases.get(span.phrase)?;
        let (start, end) = normal.original_span(span.start, span.end)?;
        Some(TabooHit {
            phrase: span.phrase,
            severity: phrase.severity,
            quote: text.get(*byte_of.get(start)?..*byte_of.get(end)?)?.to_owned(),
            start,
            end,
            instead: phrase.instead.clone(),
        })
    }
}

/// How strongly a typed char separates what is before it from what is after it: 2 ends a
/// sentence (。！？； and line breaks), 1 a clause (，、：… and dashes), 0 not at all
/// (spaces inside words, quotes, brackets).
fn break_level(c: char) -> u8 {
    match c {
        '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r' | '｡' => 2,
        '，' | '、' | '：' | ',' | ':' | '.' | '…' | '—' | '～' | '~' | '､' | '－' => 1,
        _ => 0,
    }
}

/// What the context rules read: the normalised text (byte offsets) and, through its map
/// back, the punctuation the trainee typed between two normalised chars.
struct Around<'a> {
    norm: &'a str,
    /// Normalised byte offset → [`Around::gap`] there (see [`gaps`]).
    gaps: &'a [u8],
    /// The `in_clause` words found, by context rule, each in the scan's order.
    marks: &'a [Vec<Mark>],
}

impl Around<'_> {
    /// The strongest punctuation typed between the normalised char ending at byte `b` and the
    /// one starting there; 0 at either end of the text.
    fn gap(&self, b: usize) -> u8 {
        self.gaps.get(b).copied().unwrap_or(0)
    }

    /// No punctuation of level `stop` or more at any char boundary `b`, `lo < b ≤ hi`.
    fn clear(&self, lo: usize, hi: usize, stop: u8) -> bool {
        // `gaps` is 0 off char boundaries, so every byte can be read.
        self.gaps.get(lo + 1..=hi.min(self.norm.len())).is_none_or(|g| g.iter().all(|&x| x < stop))
    }

    /// Whether the word ending at byte `end` ends its clause (or the text).
    fn ends_clause(&self, end: usize) -> bool {
        end >= self.norm.len() || self.gap(end) >= 1
    }

    fn fits(&self, index: usize, rule: &Context, hit: &Span) -> bool {
        match rule.kind {
            ContextKind::ANotA => self.a_not_a(hit),
            ContextKind::RightAfter => self.right_after(rule, hit),
            ContextKind::RightBefore => self.right_before(rule, hit),
            ContextKind::InClause => {
                (rule.before.is_empty() || self.before_in_window(index, rule, hit))
                    && (rule.after.is_empty() || self.after_in_window(index, rule, hit))
            }
        }
    }

    /// 不 or 没 first, and the one or two chars before it repeated right after it.
    fn a_not_a(&self, hit: &Span) -> bool {
        let rest = &self.norm[hit.from..];
        let Some(neg) = rest.chars().next().filter(|c| matches!(c, '不' | '没')) else { return false };
        let after = &rest[neg.len_utf8()..];
        let before = &self.norm[..hit.from];
        if self.gap(hit.from) > 0 {
            return false;
        }
        let mut start = hit.from;
        for c in before.chars().rev().take(2) {
            start -= c.len_utf8();
            let a = &self.norm[start..hit.from];
            if after.starts_with(a) {
                return true;
            }
        }
        false
    }

    /// One of `after` right after the hit, past up to three `skip` fillers.
    fn right_after(&self, rule: &Context, hit: &Span) -> bool {
        let mut at = hit.to;
        for _ in 0..4 {
            let rest = &self.norm[at..];
            let next = rest.chars().next();
            let found = rule.after.iter().any(|w| {
                let end = at + w.text.len();
                (w.first == next || w.first.is_none())
                    && rest.starts_with(w.text.as_str())
                    && (w.text.is_empty() || self.clear(hit.to - 1, end - 1, 1))
                    && (!w.clause_end || self.ends_clause(end))
            });
            if found {
                return true;
            }
            match rule.skip.iter().find(|s| rest.starts_with(s.as_str())) {
                Some(s) => at += s.len(),
                None => return false,
            }
        }
        false
    }

    /// One of `before` right before the hit, past up to three `skip` fillers.
    fn right_before(&self, rule: &Context, hit: &Span) -> bool {
        let mut end = hit.from;
        for _ in 0..4 {
            let head = &self.norm[..end];
            let prev = head.chars().next_back();
            if rule.before.iter().any(|w| {
                w.last == prev
                    && w.last.is_some()
                    && head.ends_with(w.text.as_str())
                    && self.clear(end - w.text.len(), hit.from, 1)
            }) {
                return true;
            }
            match rule.skip.iter().find(|s| head.ends_with(s.as_str())) {
                Some(s) => end -= s.len(),
                None => return false,
            }
        }
        false
    }

    /// A `before` word found by the scan starting within the window before the hit, in the
    /// same clause (or sentence), with no `unless` word between it and the hit.
    fn before_in_window(&self, index: usize, rule: &Context, hit: &Span) -> bool {
        self.marks.get(index).is_some_and(|marks| {
            marks.iter().any(|m| {
                !m.after
                    && m.to <= hit.from
                    && hit.start - m.start <= rule.window
                    && self.clear(m.from, hit.from, rule.stop)
                    && !holds_any(&self.norm[m.to..hit.from], &rule.unless)
            })
        })
    }

    /// An `after` word found by the scan starting within the window after the hit, in the
    /// same clause (or sentence), with no `unless` word between the hit and it.
    fn after_in_window(&self, index: usize, rule: &Context, hit: &Span) -> bool {
        self.marks.get(index).is_some_and(|marks| {
            marks.iter().any(|m| {
                m.after
                    && m.from >= hit.to
                    && m.start - hit.end < rule.window
                    && self.clear(hit.to - 1, m.to - 1, rule.stop)
                    && (!m.clause_end || self.ends_clause(m.to))
                    && !holds_any(&self.norm[hit.to..m.from], &rule.unless)
            })
        })
    }
}

/// Whether any of `words` occurs in the short `text` between a context word and its hit.
/// By hand (byte windows) rather than `str::contains`, whose two-way searcher
/// would be linked into the trainee's wasm for a handful of chars.
fn holds_any(text: &str, words: &[String]) -> bool {
    // Byte windows are exact: a whole UTF-8 word can only match at a char boundary.
    words.iter().any(|w| text.as_bytes().windows(w.len()).any(|x| x == w.as_bytes()))
}

/// Whether byte `x` starts a UTF-8 char (is not a continuation byte).
fn is_lead_byte(x: u8) -> bool {
    (x as i8) >= -0x40
}

/// `table[b]` = the strongest punctuation typed between the normalised char ending at byte
/// `b` and the one starting there (see [`break_level`]); 0 at either end of the text and off
/// char boundaries. Built once per call from the normalised text's map back, decoding only
/// what the normaliser dropped, so the context rules look a gap up rather than walk back to
/// the original for every byte of every window.
fn gaps(normal: &Normalized, char_at: &[usize], text: &str, byte_of: &[usize]) -> Vec<u8> {
    let norm = normal.text.as_bytes();
    let mut table = vec![0u8; norm.len() + 1];
    for b in 1..norm.len() {
        if !is_lead_byte(norm[b]) {
            continue;
        }
        let i = char_at[b];
        let (Some(&a), Some(&z)) = (normal.origin.get(i - 1), normal.origin.get(i)) else { continue };
        if z > a + 1 {
            if let (Some(&x), Some(&y)) = (byte_of.get(a + 1), byte_of.get(z)) {
                table[b] = text.get(x..y).map_or(0, |s| s.chars().map(break_level).max().unwrap_or(0));
            }
        }
    }
    table
}

/// `table[b]` = the char index of byte offset `b` in `s`, for every char boundary and
/// `s.len()` (match bounds always fall on boundaries: patterns are whole UTF-8 strings).
fn char_index_of_bytes(s: &str) -> Vec<usize> {
    let mut table = vec![0; s.len() + 1];
    let mut count = 0;
    for (byte, &x) in s.as_bytes().iter().enumerate() {
        if is_lead_byte(x) {
            table[byte] = count;
            count += 1;
        }
    }
    table[s.len()] = count;
    table
}

/// Sorts by position, drops every span lying inside another (rule 5) and joins overlapping
/// spans of the same phrase into one (我们不能 and 不能办 in 我们不能办 are one hit, quoted
/// 我们不能办). After sorting by start ascending, end descending, phrase ascending, a span is
/// contained in an earlier one exactly when an earlier span reaches at least as far.
fn longest_only(spans: &mut Vec<Span>) {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.phrase.cmp(&b.phrase)));
    // Spans are never empty (end > start ≥ 0), so reach 0 excludes nothing. Compacted in
    // place: `spans[..kept]` are the spans kept so far.
    let (mut kept, mut reach) = (0, 0);
    for i in 0..spans.len() {
        let s = spans[i];
        if s.end <= reach {
            continue;
        }
        reach = s.end;
        match spans[..kept].iter_mut().rev().find(|k| k.phrase == s.phrase && s.start < k.end) {
            Some(k) => {
                k.end = s.end;
                k.to = k.to.max(s.to);
            }
            None => {
                spans[kept] = s;
                kept += 1;
            }
        }
    }
    spans.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{BannedPhrase, ContextRule, TabooCategory};

    fn phrase(id: &str, phrase: &str, variants: &[&str], allow: &[&str]) -> BannedPhrase {
        BannedPhrase {
            id: id.into(),
            phrase: phrase.into(),
            variants: variants.iter().map(|s| s.to_string()).collect(),
            standard: "TALK.TABOO".into(),
            category: TabooCategory::Refusing,
            severity: Severity::Major,
            allow: allow.iter().map(|s| s.to_string()).collect(),
            instead: "我们可以……".into(),
            note: String::new(),
        }
    }

    fn matcher(phrases: Vec<BannedPhrase>) -> TabooMatcher {
        TabooMatcher::new(&BannedList { phrases, contexts: vec![] })
    }

    fn rule(id: &str, kind: ContextKind) -> ContextRule {
        ContextRule {
            id: id.into(),
            kind,
            required: false,
            phrases: vec![],
            before: vec![],
            after: vec![],
            skip: vec![],
            unless: vec![],
            scope: Scope::Clause,
            window: 12,
            note: String::new(),
        }
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn with_rules(phrases: Vec<BannedPhrase>, contexts: Vec<ContextRule>) -> TabooMatcher {
        TabooMatcher::new(&BannedList { phrases, contexts })
    }

    fn ids(m: &TabooMatcher, text: &str) -> Vec<String> {
        m.find(text).iter().map(|h| m.phrase(h).unwrap().id.clone()).collect()
    }

    #[test]
    fn a_not_a_questions_are_not_refusals() {
        let m = with_rules(
            vec![
                phrase("buneng", "不能", &[], &[]),
                phrase("bukeyi", "不可以", &[], &[]),
                phrase("meibanfa", "没有办法", &[], &[]),
                phrase("bushi", "不是我们的问题", &[], &[]),
            ],
            vec![rule("q", ContextKind::ANotA)],
        );
        for text in
            ["能不能帮您查一下？", "可不可以留个电话", "可以不可以明天来", "有没有办法", "是不是我们的问题，我查一下"]
        {
            assert!(m.find(text).is_empty(), "{text}");
        }
        assert_eq!(ids(&m, "不能办"), vec!["buneng"]);
        // The negation must follow the repeated char directly, in the same clause.
        assert_eq!(ids(&m, "能，不能办"), vec!["buneng"]);
        assert_eq!(ids(&m, "我们不能办"), vec!["buneng"]);
    }

    #[test]
    fn right_after_with_fillers_and_clause_end() {
        let mut r = rule("r", ContextKind::RightAfter);
        r.after = words(&["让您", "的$"]);
        r.skip = words(&["再"]);
        let m = with_rules(vec![phrase("buhui", "不会", &[], &[])], vec![r]);
        assert!(m.find("不会让您白跑").is_empty());
        assert!(m.find("不会再让您久等").is_empty());
        assert!(m.find("放心，不会的。").is_empty());
        assert!(m.find("放心，不会的").is_empty(), "the end of the text ends the clause");
        assert_eq!(ids(&m, "不会的事情我去问"), vec!["buhui"], "的 that does not end the clause");
        assert_eq!(ids(&m, "我不会，让您等一下"), vec!["buhui"], "a comma breaks the touch");
        assert!(m.find("不 會 讓 您 白 跑").is_empty(), "spaces and traditional characters are one form");
    }

    #[test]
    fn right_before_is_the_customer_not_the_staff() {
        let mut r = rule("r", ContextKind::RightBefore);
        r.before = words(&["您"]);
        r.skip = words(&["要是"]);
        let m = with_rules(vec![phrase("buhui", "不会", &[], &[])], vec![r]);
        assert!(m.find("您不会用也没关系").is_empty());
        assert!(m.find("您要是不会用，我教您").is_empty());
        assert_eq!(ids(&m, "您，不会用"), vec!["buhui"]);
        assert_eq!(ids(&m, "我不会用"), vec!["buhui"]);
    }

    #[test]
    fn in_clause_stops_at_punctuation_and_at_unless_words() {
        let mut r = rule("if", ContextKind::InClause);
        r.before = words(&["如果"]);
        r.unless = words(&["就"]);
        let m = with_rules(vec![phrase("buneng", "不能", &[], &[])], vec![r.clone()]);
        assert!(m.find("如果您不能亲自来，可以委托家人").is_empty());
        assert_eq!(ids(&m, "如果没带证件就不能办"), vec!["buneng"]);
        assert_eq!(ids(&m, "如果没带证件，我们不能办"), vec!["buneng"]);
        assert_eq!(ids(&m, "如果……不能办"), vec!["buneng"]);
        // A sentence-wide rule reaches across a comma, not across a full stop.
        let mut s = rule("buguan", ContextKind::InClause);
        s.after = words(&["都"]);
        s.scope = Scope::Sentence;
        let m = with_rules(vec![phrase("buguan", "我们不管", &[], &[])], vec![s]);
        assert!(m.find("我们不管是哪个部门的业务，都负责到底").is_empty());
        assert_eq!(ids(&m, "我们不管。都这样"), vec!["buguan"]);
        // The window is counted in characters.
        r.window = 3;
        let m = with_rules(vec![phrase("buneng", "不能", &[], &[])], vec![r]);
        assert_eq!(ids(&m, "如果您这个月不能来"), vec!["buneng"]);
        assert!(m.find("如果您不能来").is_empty());
    }

    #[test]
    fn a_rule_applies_to_the_phrases_it_names() {
        let mut r = rule("r", ContextKind::RightAfter);
        r.after = words(&["让您"]);
        r.phrases = words(&["refuse.*"]);
        let mut a = phrase("refuse.buneng", "不能", &[], &[]);
        a.id = "refuse.buneng".into();
        let b = phrase("rude.x", "不能让您", &[], &[]);
        let m = with_rules(vec![a, b], vec![r]);
        assert_eq!(ids(&m, "不能让您走"), vec!["rude.x"]);
    }

    #[test]
    fn required_rules_make_a_phrase_count_only_in_their_contexts() {
        let mut service = rule("service", ContextKind::RightAfter);
        service.required = true;
        service.after = words(&["派", "$"]);
        service.skip = words(&["给您"]);
        let mut harm = rule("harm", ContextKind::RightAfter);
        harm.after = words(&["派错"]);
        let m = with_rules(vec![phrase("buhui", "不会", &[], &[])], vec![service, harm]);
        assert_eq!(ids(&m, "我们不会派人的"), vec!["buhui"]);
        assert_eq!(ids(&m, "这个我不会。"), vec!["buhui"]);
        assert!(m.find("我们不会多收您的钱").is_empty(), "no required context: not a refusal");
        assert!(m.find("不会派错人").is_empty(), "a required context, but an exception fits too");
    }

    #[test]
    fn quotes_as_typed_with_original_char_range() {
        let m = matcher(vec![phrase("refuse", "不能", &["不行"], &[])]);
        let hits = m.find("这个 不，能办。那也不行");
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].quote.as_str(), hits[0].start, hits[0].end), ("不，能", 3, 6));
        assert_eq!((hits[1].quote.as_str(), hits[1].start, hits[1].end), ("不行", 10, 12));
    }

    #[test]
    fn allow_context_only_excuses_its_own_phrase() {
        let m = matcher(vec![phrase("a", "不能", &[], &["不能给您带来不便"]), phrase("b", "不便", &[], &[])]);
        let hits = m.find("不能给您带来不便，敬请谅解");
        assert_eq!(hits.iter().map(|h| m.phrase(h).unwrap().id.as_str()).collect::<Vec<_>>(), vec!["b"]);
    }

    #[test]
    fn longest_hit_wins_and_same_span_is_reported_once() {
        let m = matcher(vec![
            phrase("short", "懂不懂", &[], &[]),
            phrase("long", "你懂不懂", &[], &[]),
            phrase("dup", "你懂不懂", &[], &[]),
        ]);
        let hits = m.find("你懂不懂啊");
        assert_eq!(hits.len(), 1);
        assert_eq!(m.phrase(&hits[0]).unwrap().id, "long");
    }

    #[test]
    fn overlapping_hits_of_one_phrase_are_joined() {
        let m = matcher(vec![phrase("a", "我们不能", &["不能办"], &[])]);
        let hits = m.find("我们不能办，抱歉");
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].quote.as_str(), hits[0].start, hits[0].end), ("我们不能办", 0, 5));
    }

    #[test]
    fn overlapping_but_not_nested_hits_are_both_kept() {
        let m = matcher(vec![phrase("a", "不知道", &[], &[]), phrase("b", "知道了吧", &[], &[])]);
        let hits = m.find("不知道了吧");
        assert_eq!(hits.iter().map(|h| m.phrase(h).unwrap().id.as_str()).collect::<Vec<_>>(), vec!["a", "b"]);
    }

    #[test]
    fn empty_list_and_punctuation_only_wordings_match_nothing() {
        assert!(matcher(vec![]).find("不能").is_empty());
        assert!(matcher(vec![phrase("p", "！！", &["  "], &[])]).find("不能！！").is_empty());
    }

    #[test]
    fn spans_sort_and_nest() {
        let mut spans = vec![
            Span { phrase: 0, start: 2, end: 4, from: 0, to: 0 },
            Span { phrase: 1, start: 0, end: 5, from: 0, to: 0 },
            Span { phrase: 2, start: 6, end: 7, from: 0, to: 0 },
        ];
        longest_only(&mut spans);
        assert_eq!(spans.iter().map(|s| s.phrase).collect::<Vec<_>>(), vec![1, 2]);
    }
}
