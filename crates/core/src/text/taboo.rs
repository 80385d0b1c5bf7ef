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
//! 4. **Longest hit wins.** Of the hits left, one lying inside a longer one is dropped, so
//!    `你懂不懂` is reported once rather than also as `懂不懂`. Two hits on exactly the
//!    same span (the same wording listed under two phrases) are reported once, for the
//!    phrase listed first.
//! 5. **Quoted as typed.** Each hit carries the original text from its first to its last
//!    matched char, punctuation and spaces in between included, and that char range.
//!
//! Every occurrence is reported, in order of position; callers that charge per distinct
//! phrase (reply scoring) de-duplicate by `phrase`.

use crate::scenario::{BannedList, BannedPhrase, Severity};
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
    /// Pattern id → the normalised string and every role it plays.
    patterns: Vec<(String, Vec<Role>)>,
    /// Whether any pattern is a wording (allow contexts alone can never produce a hit).
    has_wording: bool,
}

/// A match in normalised-char coordinates.
#[derive(Debug, Clone, Copy)]
struct Span {
    phrase: usize,
    start: usize,
    end: usize,
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
        TabooMatcher { list: list.clone(), automaton, patterns, has_wording }
    }

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
        let mut record = |pattern: usize, from: usize, to: usize| {
            let (start, end) = (char_at[from], char_at[to]);
            for role in &self.patterns[pattern].1 {
                match *role {
                    Role::Wording(phrase) => hits.push(Span { phrase, start, end }),
                    Role::Allow(phrase) => allowed.push(Span { phrase, start, end }),
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
        hits.retain(|h| !allowed.iter().any(|a| a.phrase == h.phrase && a.start <= h.start && h.end <= a.end));
        longest_only(&mut hits);
        if hits.is_empty() {
            return Vec::new();
        }
        // Byte offset of every char of the original (and its end), so each quote is a slice
        // rather than a walk from the start of the text.
        let byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
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

/// `table[b]` = the char index of byte offset `b` in `s`, for every char boundary and
/// `s.len()` (match bounds always fall on boundaries: patterns are whole UTF-8 strings).
fn char_index_of_bytes(s: &str) -> Vec<usize> {
    let mut table = vec![0; s.len() + 1];
    let mut count = 0;
    for (byte, _) in s.char_indices() {
        table[byte] = count;
        count += 1;
    }
    table[s.len()] = count;
    table
}

/// Sorts by position and drops every span lying inside another (rule 4): after sorting by
/// start ascending, end descending, phrase ascending, a span is contained in an earlier one
/// exactly when an earlier span reaches at least as far.
fn longest_only(spans: &mut Vec<Span>) {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.phrase.cmp(&b.phrase)));
    // Spans are never empty (end > start ≥ 0), so reach 0 excludes nothing.
    let mut reach = 0;
    spans.retain(|s| {
        let keep = s.end > reach;
        reach = reach.max(s.end);
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{BannedPhrase, TabooCategory};

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
        TabooMatcher::new(&BannedList { phrases })
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
            Span { phrase: 0, start: 2, end: 4 },
            Span { phrase: 1, start: 0, end: 5 },
            Span { phrase: 2, start: 6, end: 7 },
        ];
        longest_only(&mut spans);
        assert_eq!(spans.iter().map(|s| s.phrase).collect::<Vec<_>>(), vec![1, 2]);
    }
}
