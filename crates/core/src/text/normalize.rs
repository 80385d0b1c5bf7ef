//! Normalisation before matching.
//!
//! Trainees type on whatever keyboard they have: traditional characters (Hong Kong and
//! Taiwan input methods, or a phone left in 繁體 mode), full-width punctuation and digits,
//! stray spaces. Trainers write simplified Chinese. So both sides are brought to one form
//! before any comparison:
//!
//! 1. full width → half width (U+FF01–FF5E shifted to ASCII, U+3000 to a space);
//! 2. lowercase (ASCII, Latin-1, Greek, Cyrillic and Roman numerals: [`to_lower`]);
//! 3. only letters, digits and ideographs are kept (`char::is_alphanumeric`): punctuation,
//!    symbols, emoji and whitespace are dropped, so `不 能！` reads as `不能`;
//! 4. traditional → simplified exactly as `fast2s::convert` (0.3) does it on the kept
//!    characters, then [`SUPPLEMENT`] / [`contextual`] for the few forms `fast2s` leaves
//!    alone that matter for this domain.
//!
//! `fast2s` is not linked into the app: `build.rs` asks it, at build time, for every char
//! it changes and writes those pairs delta-encoded (`t2s` below, decoded once), and its
//! handful of neighbour rules are transcribed in [`fast2s_char`]. The tests check both
//! against `fast2s` itself (a dev-dependency) for every char and every rule.
//!
//! `fast2s` emits exactly one char for each char it reads (it looks a char up, with its two
//! neighbours for a handful of context rules, and pushes one `char`; checked in its 0.3.1
//! source, and `build.rs` fails the build otherwise), so the origin map built in steps 1–3
//! stays valid through step 4.
//!
//! Normalisation is idempotent: `normalize(&normalize(x).text).text == normalize(x).text`.
//! The one way `fast2s` alone is not (a context exclusion such as 兒寬 whose neighbour is
//! itself converted) is closed by re-running it to a fixpoint when such a char is present.

/// Normalised text plus, for each normalised char, the index of the char in the original
/// it came from, so hits can be quoted as the trainee typed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the char index in the original of normalised char `i`; non-decreasing.
    pub origin: Vec<usize>,
}

impl Normalized {
    /// The original text's chars `[start, end)` covered by normalised chars `[from, to)`:
    /// from the first kept char to the last one, including anything dropped in between
    /// (so `不 能` is quoted with its space). `None` for an empty or out-of-range span.
    pub fn original_span(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        if from >= to {
            return None;
        }
        let start = *self.origin.get(from)?;
        let last = *self.origin.get(to - 1)?;
        Some((start, last + 1))
    }
}

/// Context-free supplement to `fast2s`: forms trainees type that it does not map.
///
/// - 妳 → 你: the Taiwan feminine "you", common in typed replies.
/// - 谘 → 咨: `fast2s` maps 諮 to 谘, but 咨询 is the standard simplified form (and what
///   trainers write), so 谘 is folded into 咨 on both sides.
/// - 羣 峯 眞 卽 旣 槪 値 → 群 峰 真 即 既 概 值: older variant glyphs some input methods and
///   pasted documents still produce; never used in simplified text.
pub const SUPPLEMENT: &[(char, char)] = &[
    ('妳', '你'),
    ('谘', '咨'),
    ('羣', '群'),
    ('峯', '峰'),
    ('眞', '真'),
    ('卽', '即'),
    ('旣', '既'),
    ('槪', '概'),
    ('値', '值'),
];

/// Verbs after which 著 is the aspect particle 着 (等著 / 接著 / 隨著 / 本著 …), checked
/// against the already-simplified previous char.
const ZHE_AFTER: &str = "等接跟随看拿带听说记顺沿试忙站坐笑趁本穿睡陪靠守冲向朝";
/// Chars after which 著 reads zháo / zhuó and is written 着 in simplified (著急, 著想 …).
const ZHE_BEFORE: &str = "急想手重落凉火";

/// Context-dependent supplement, applied after `fast2s` to char `i` of `chars`:
///
/// - 甚麼 → 什么: Taiwan writes 甚麼 where simplified writes 什么 (`fast2s` gives 甚么,
///   which no trainer writes, so 你说什么-style banned phrases would be missed); 甚 alone
///   (甚至) is untouched.
/// - 回覆 / 答覆 / 批覆 → 回复 / 答复 / 批复: `fast2s` deliberately keeps 覆 there, but
///   回复 is what simplified text says ("我们会尽快回复您"); 覆盖 is untouched.
/// - 著 → 着 in 著急 / 著想 / 等著 … (see [`ZHE_AFTER`], [`ZHE_BEFORE`]); 著名, 显著 are
///   untouched. `fast2s` only handles 看著.
///
/// No rule's output is another rule's input or context, so one pass is enough.
pub fn contextual(chars: &[char], i: usize) -> Option<char> {
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    let next = chars.get(i + 1).copied();
    match chars.get(i)? {
        '甚' if next == Some('么') => Some('什'),
        '覆' if matches!(prev, Some('回' | '答' | '批')) => Some('复'),
        '著' if prev.is_some_and(|p| ZHE_AFTER.contains(p)) || next.is_some_and(|n| ZHE_BEFORE.contains(n)) => {
            Some('着')
        }
        _ => None,
    }
}

/// Chars whose `fast2s` conversion depends on a neighbour (the keys of [`FAST2S_EXCLUDE`]
/// and [`FAST2S_SPECIAL`]). Only these need [`fast2s_char`] with their real neighbours,
/// and only when one of them survives a pass can a second pass change anything.
fn fast2s_context(c: char) -> bool {
    matches!(c, '兒' | '覆' | '夥' | '藉' | '瞭' | '麽' | '幺' | '於' | '乾' | '著' | '苧' | '闔' | '鍾' | '讎' | '畫')
}

/// `fast2s` 0.3.1's `T2S_EXCLUDE` (src/special.rs), transcribed: the char is left as it is
/// when it and its previous or next char form one of these words.
const FAST2S_EXCLUDE: &[(char, &[[char; 2]])] = &[
    ('兒', &[['兒', '寬']]),
    ('覆', &[['答', '覆'], ['批', '覆'], ['回', '覆']]),
    ('夥', &[['甚', '夥']]),
    ('藉', &[['慰', '藉'], ['狼', '藉']]),
    ('瞭', &[['瞭', '望']]),
    ('麽', &[['幺', '麽']]),
    ('幺', &[['幺', '麽']]),
    ('於', &[['樊', '於']]),
    ('乾', &[['乾', '隆'], ['乾', '坤'], ['乾', '卦']]),
];

/// A two-char word and what the rule's char becomes in it.
type SpecialWord = ([char; 2], char);

/// `fast2s` 0.3.1's `T2S_SPECIAL_CONVERT_TYPE`, transcribed: the char becomes the given one
/// in these words. A char with an [`FAST2S_EXCLUDE`] entry never gets here (藉 is in both,
/// so `fast2s` never turns 藉口 into 借口; kept as it does).
const FAST2S_SPECIAL: &[(char, &[SpecialWord])] = &[
    ('藉', &[(['藉', '口'], '借'), (['憑', '藉'], '借')]),
    ('著', &[(['看', '著'], '着')]),
    ('苧', &[(['苧', '麻'], '苎')]),
    ('闔', &[(['闔', '家'], '合')]),
    ('鍾', &[(['鍾', '書'], '锺')]),
    ('讎', &[(['校', '讎'], '雠'), (['讎', '定'], '雠'), (['仇', '讎'], '雠')]),
    ('畫', &[(['計', '畫'], '划'), (['企', '畫'], '划')]),
];

/// What `fast2s` changes, generated by `build.rs` from `fast2s` itself: `PAIR_COUNT` pairs
/// (traditional, simplified), delta-encoded in `PAIRS` (the format is in build.rs).
mod t2s {
    include!(concat!(env!("OUT_DIR"), "/t2s.rs"));
}

/// The generated pairs, decoded on first use (cheap: docs/PERFORMANCE.md, "Figures behind
/// choices in the code"): sorted by the first.
fn pairs() -> &'static [(u32, u32)] {
    static PAIRS: std::sync::OnceLock<Box<[(u32, u32)]>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| decode_pairs(&t2s::PAIRS, t2s::PAIR_COUNT))
}

/// build.rs's encoding: `count` LEB128 key gaps, then `count` zigzag LEB128 value deltas.
fn decode_pairs(bytes: &[u8], count: usize) -> Box<[(u32, u32)]> {
    let mut bytes = bytes.iter();
    let mut leb = || {
        let (mut v, mut shift) = (0u64, 0);
        for &b in bytes.by_ref() {
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        v
    };
    let mut from = 0u64;
    let keys: Vec<u64> = (0..count)
        .map(|_| {
            from += leb();
            from
        })
        .collect();
    let mut to = 0i64;
    keys.into_iter()
        .map(|from| {
            let z = leb();
            to += (z >> 1) as i64 ^ -((z & 1) as i64);
            (from as u32, to as u32)
        })
        .collect()
}

/// `fast2s`'s context-free mapping (its `MAP`): one binary search in the generated pairs.
fn fast2s_map(c: char) -> char {
    let pairs = pairs();
    let to = pairs.binary_search_by_key(&(c as u32), |p| p.0).ok().map(|i| pairs[i].1);
    to.and_then(char::from_u32).unwrap_or(c)
}

/// `fast2s`'s conversion of `cur` between `prev` and `next` (its `special_convert`, with its
/// three-byte guard), so that `fast2s::convert(s)` is this applied to every char of `s`
/// with its original neighbours, `'0'` standing in for a missing one.
fn fast2s_char(prev: char, cur: char, next: char) -> char {
    if cur.len_utf8() != 3 {
        return cur;
    }
    if fast2s_context(cur) {
        let (before, after) = ([prev, cur], [cur, next]);
        if let Some((_, words)) = FAST2S_EXCLUDE.iter().find(|(key, _)| *key == cur) {
            if words.contains(&before) || words.contains(&after) {
                return cur;
            }
        } else if let Some((_, words)) = FAST2S_SPECIAL.iter().find(|(key, _)| *key == cur) {
            let find = |word: [char; 2]| words.iter().find(|(w, _)| *w == word).map(|(_, to)| *to);
            if let Some(to) = find(before).or_else(|| find(after)) {
                return to;
            }
        }
    }
    fast2s_map(cur)
}

pub fn normalize(s: &str) -> Normalized {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    let mut origin: Vec<usize> = Vec::with_capacity(s.len());
    let mut cjk = false;
    for (index, c) in s.chars().enumerate() {
        let c = half_width(c);
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                chars.push(c.to_ascii_lowercase());
                origin.push(index);
            }
        } else if is_unified_ideograph(c) {
            // Fast path for the bulk of the text: an ideograph is kept and has no case.
            cjk = true;
            chars.push(c);
            origin.push(index);
        } else if is_cjk_punctuation(c) {
            // Dropped without the Unicode property look-ups below (a reply's commas, full
            // stops and quotes): none of these is alphanumeric (a test checks it).
        } else {
            let lower = to_lower(c);
            if lower.is_alphanumeric() {
                cjk = true;
                chars.push(lower);
                origin.push(index);
            }
        }
    }
    if cjk {
        to_simplified(&mut chars);
    }
    let mut text = String::with_capacity(chars.len() * 3);
    text.extend(chars);
    Normalized { text, origin }
}

/// Lowercase for the capitals a reply could plausibly hold besides ASCII (handled before):
/// Latin-1 (À–Þ), Greek (Α–Ω), Cyrillic (Ѐ–Я) and Roman numerals (Ⅰ–Ⅿ); every other char as
/// it is. Hand-written rather than `char::to_lowercase`, whose Unicode-wide table weighed
/// on the trainee's first load (docs/PERFORMANCE.md, "Figures behind choices in the code");
/// a capital outside these ranges (Armenian, Georgian, Latin Extended…) only loses
/// case-insensitivity. Tested against `char::to_lowercase` on every char of the ranges.
fn to_lower(c: char) -> char {
    let shift = match c {
        'À'..='Þ' if c != '×' => 0x20,
        'Α'..='Ω' if c != '\u{3A2}' => 0x20,
        'Ѐ'..='Џ' => 0x50,
        'А'..='Я' => 0x20,
        'Ⅰ'..='Ⅿ' => 0x10,
        _ => return c,
    };
    char::from_u32(c as u32 + shift).unwrap_or(c)
}

/// General punctuation (quotes, dashes, …) and the CJK symbols block's punctuation: the
/// non-ASCII chars of a typical reply that `normalize` drops. Not one is alphanumeric.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{3001}'..='\u{3004}' | '\u{3008}'..='\u{3020}')
}

/// Full-width forms to their ASCII equivalents; the ideographic space to a space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The CJK Unified Ideographs block, where every key of `fast2s`'s table lies
/// (U+4E1F–U+9F9C in 0.3.1; a test checks it) and every key of [`SUPPLEMENT`].
const IDEOGRAPHS: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

fn is_unified_ideograph(c: char) -> bool {
    IDEOGRAPHS.contains(&(c as u32))
}

/// `fast2s`'s context-free mapping, then [`SUPPLEMENT`], as a dense table over
/// [`IDEOGRAPHS`]: a reply is normalised on every banned-phrase scan, so the common path is
/// an array index per char. Entry `c - 0x4E00` is the simplified char, or 0 for "itself"
/// (most of them), so the table starts as zeroed memory and is filled on first use with one
/// write per generated pair and per supplement, far cheaper than deriving it by running
/// `fast2s` over every ideograph, as it once was (docs/PERFORMANCE.md, "Figures behind
/// choices in the code"). Texts holding a [`fast2s_context`] char go through
/// [`convert_with_context`] so those chars see their real neighbours.
fn table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Box<[u32]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![0u32; IDEOGRAPHS.count()].into_boxed_slice();
        let index = |c: u32| c.checked_sub(*IDEOGRAPHS.start()).map(|i| i as usize);
        for &(from, to) in pairs() {
            if let (Some(slot), Some(to)) = (index(from).and_then(|i| table.get_mut(i)), char::from_u32(to)) {
                *slot = supplement(to) as u32;
            }
        }
        for (from, _) in SUPPLEMENT {
            if let Some(slot) = index(*from as u32).and_then(|i| table.get_mut(i)) {
                *slot = supplement(fast2s_map(*from)) as u32;
            }
        }
        table
    })
}

/// [`table`]'s answer for `c`: its simplified form, or `c` itself outside [`IDEOGRAPHS`].
#[inline]
fn dense(table: &[u32], c: char) -> char {
    match (c as u32).checked_sub(*IDEOGRAPHS.start()).and_then(|i| table.get(i as usize)) {
        Some(&to) if to != 0 => char::from_u32(to).unwrap_or(c),
        _ => c,
    }
}

fn supplement(c: char) -> char {
    SUPPLEMENT.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to)
}

/// Traditional → simplified in place, char for char.
fn to_simplified(chars: &mut [char]) {
    if chars.iter().any(|c| fast2s_context(*c)) {
        convert_with_context(chars);
        for c in chars.iter_mut() {
            *c = supplement(*c);
        }
    } else {
        let table = table();
        for c in chars.iter_mut() {
            *c = dense(table, *c);
        }
    }
    // In place is safe: no contextual rule's output is another rule's context.
    for i in 0..chars.len() {
        if matches!(chars[i], '甚' | '覆' | '著') {
            if let Some(c) = contextual(chars, i) {
                chars[i] = c;
            }
        }
    }
}

/// The whole text through [`fast2s_char`] (what `fast2s::convert` does), re-run to a
/// fixpoint so that a context rule whose neighbour was itself converted (兒寬 → 兒宽 → 儿宽)
/// settles in one `normalize`.
fn convert_with_context(chars: &mut [char]) {
    let mut before = chars.to_vec();
    // A fixpoint is normally reached in one or two passes; the bound only guards against
    // a hypothetical oscillating table.
    for _ in 0..4 {
        for (i, slot) in chars.iter_mut().enumerate() {
            let prev = i.checked_sub(1).map_or('0', |p| before[p]);
            let next = before.get(i + 1).copied().unwrap_or('0');
            *slot = fast2s_char(prev, before[i], next);
        }
        if *chars == *before || !chars.iter().any(|c| fast2s_context(*c)) {
            break;
        }
        before.copy_from_slice(chars);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn drops_punctuation_space_and_folds_width_and_case() {
        assert_eq!(n("不 能！"), "不能");
        assert_eq!(n("　９５５９８，ＡＢＣ abc?"), "95598abcabc");
        assert_eq!(n("您好😀……「请」"), "您好请");
    }

    #[test]
    fn punctuation_fast_path_drops_only_what_the_slow_path_drops() {
        let mut checked = 0;
        for c in ('\u{2000}'..='\u{3100}').filter(|&c| is_cjk_punctuation(c)) {
            assert!(!to_lower(half_width(c)).is_alphanumeric(), "{c:?} (U+{:04X})", c as u32);
            assert!(!half_width(c).is_ascii() && !is_unified_ideograph(c));
            checked += 1;
        }
        assert!(checked > 100);
        assert_eq!(n("“您好，”她说。【提示】"), "您好她说提示");
    }

    #[test]
    fn to_lower_is_unicode_lowercase_on_its_ranges() {
        let ranges = ['\u{C0}'..='\u{DE}', '\u{391}'..='\u{3A9}', '\u{400}'..='\u{42F}', '\u{2160}'..='\u{216F}'];
        let mut checked = 0;
        for c in ranges.into_iter().flatten() {
            let unicode: Vec<char> = c.to_lowercase().collect();
            assert_eq!(vec![to_lower(c)], unicode, "{c:?} (U+{:04X})", c as u32);
            checked += 1;
        }
        assert!(checked > 100);
        assert_eq!(n("ÉCOLE Ωμέγα ПРИВЕТ Ⅻ"), "écoleωμέγαприветⅻ");
    }

    #[test]
    fn origin_points_at_the_typed_chars() {
        let x = normalize("不，能 Ａ");
        assert_eq!(x.text, "不能a");
        assert_eq!(x.origin, vec![0, 2, 4]);
        assert_eq!(x.original_span(0, 2), Some((0, 3)));
        assert_eq!(x.original_span(2, 2), None);
        assert_eq!(x.original_span(0, 9), None);
    }

    /// Forms a trainee typing traditional characters in this domain is likely to use.
    #[test]
    fn common_traditional_forms_become_simplified() {
        let pairs = [
            ("裡裏麼麽説說為爲幫關閘誤們對應處謝務業費", "里里么么说说为为帮关闸误们对应处谢务业费"),
            ("電話請號碼線戶內繳帳賬單據證辦檢詢諒還沒別嗎", "电话请号码线户内缴帐账单据证办检询谅还没别吗"),
            ("請問您還有甚麼需要幫忙的嗎", "请问您还有什么需要帮忙的吗"),
            ("我們會盡快回覆妳，請別著急，我們會為您著想", "我们会尽快回复你请别着急我们会为您着想"),
            ("諮詢", "咨询"),
            ("計畫停電", "计划停电"),
        ];
        for (traditional, simplified) in pairs {
            assert_eq!(n(traditional), simplified, "{traditional}");
        }
        // Simplified text that happens to contain the same chars is left alone.
        assert_eq!(n("显著的覆盖甚至著名"), "显著的覆盖甚至著名");
    }

    #[test]
    fn idempotent_on_tricky_inputs() {
        for s in ["兒寬", "回覆著急", "乾隆乾淨", "甚麼著", "İstanbul", "計畫，畫", "ＡＢ　Ｃ"] {
            let once = n(s);
            assert_eq!(n(&once), once, "{s}");
        }
    }

    /// `fast2s` converts only three-byte chars (U+0800–U+FFFF); the generated table must
    /// give, for each of them, what `fast2s` gives for that char alone, and every other char
    /// must be one `fast2s` leaves alone.
    #[test]
    fn generated_table_is_fast2s_for_every_char() {
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            assert_eq!(fast2s_map(c), fast2s::convert(&c.to_string()).chars().next().unwrap(), "U+{:04X}", c as u32);
        }
        let others: Vec<char> = ('\0'..=char::MAX).filter(|c| c.len_utf8() != 3).collect();
        let spaced: String = others.iter().flat_map(|c| [*c, ' ']).collect();
        let converted: Vec<char> = fast2s::convert(&spaced).chars().step_by(2).collect();
        assert_eq!(converted, others);
        assert!(others.iter().all(|c| fast2s_map(*c) == *c));
        // Every key lies in IDEOGRAPHS (none outside the BMP in 0.3.1): the common path
        // converts through the dense table only.
        assert_eq!(pairs().len(), t2s::PAIR_COUNT);
        assert!(pairs().windows(2).all(|w| w[0].0 < w[1].0), "sorted, for the binary search");
        assert!(pairs().iter().all(|(c, _)| IDEOGRAPHS.contains(c)));
        assert!(SUPPLEMENT.iter().all(|(c, _)| is_unified_ideograph(*c)));
    }

    /// The dense table is `fast2s`'s context-free result plus the supplement, for every
    /// ideograph.
    #[test]
    fn table_matches_fast2s_for_every_ideograph() {
        let table = table();
        assert_eq!(table.len(), IDEOGRAPHS.count());
        for c in IDEOGRAPHS.filter_map(char::from_u32) {
            let expected = supplement(fast2s::convert(&c.to_string()).chars().next().unwrap_or(c));
            assert_eq!(dense(table, c), expected, "{c}");
        }
    }

    /// [`fast2s_context`] is exactly the keys of the transcribed rule tables.
    #[test]
    fn context_chars_are_the_rule_keys() {
        let mut keys: Vec<char> =
            FAST2S_EXCLUDE.iter().map(|(k, _)| *k).chain(FAST2S_SPECIAL.iter().map(|(k, _)| *k)).collect();
        keys.sort_unstable();
        keys.dedup();
        let all: Vec<char> = ('\0'..=char::MAX).filter(|c| fast2s_context(*c)).collect();
        assert_eq!(all, keys);
    }

    /// Chars the context rules and the tests' inputs involve, plus a few plain ones.
    fn rule_alphabet() -> Vec<char> {
        let mut chars: Vec<char> = FAST2S_EXCLUDE
            .iter()
            .flat_map(|(k, words)| std::iter::once(*k).chain(words.iter().flatten().copied()))
            .chain(FAST2S_SPECIAL.iter().flat_map(|(k, rules)| {
                std::iter::once(*k).chain(rules.iter().flat_map(|(w, to)| w.iter().copied().chain([*to])))
            }))
            .chain(SUPPLEMENT.iter().flat_map(|(a, b)| [*a, *b]))
            // The words of fast2s's src/special.rs again, independently of the transcription.
            .chain("兒寬答覆批回甚夥慰藉狼瞭望幺麽樊於乾隆坤卦口憑著看苧麻闔家鍾書讎校定仇畫計企".chars())
            .chain("0a9 什么麼著急想等覆盖说話諮谘儿宽借干淨于嗎吗\u{20000}é".chars())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    /// `fast2s::convert` as the transcribed rules do it: each char with its original
    /// neighbours. Must equal `fast2s::convert` on every string of one to three chars over
    /// the rules' alphabet (a char's result depends only on its two neighbours).
    #[test]
    fn context_rules_are_fast2s() {
        let convert = |s: &[char]| -> String {
            (0..s.len())
                .map(|i| {
                    fast2s_char(i.checked_sub(1).map_or('0', |p| s[p]), s[i], s.get(i + 1).copied().unwrap_or('0'))
                })
                .collect()
        };
        let alphabet = rule_alphabet();
        let keys: Vec<char> = alphabet.iter().copied().filter(|c| fast2s_context(*c)).collect();
        for a in &alphabet {
            assert_eq!(convert(&[*a]), fast2s::convert(&a.to_string()));
            for b in &alphabet {
                let s = [*a, *b];
                assert_eq!(convert(&s), fast2s::convert(&String::from_iter(s)));
            }
        }
        for k in &keys {
            for a in &alphabet {
                for b in &alphabet {
                    let s = [*a, *k, *b];
                    assert_eq!(convert(&s), fast2s::convert(&String::from_iter(s)), "{}", String::from_iter(s));
                }
            }
        }
    }

    /// `to_simplified` as it was with `fast2s` at run time (before build.rs), kept as the
    /// reference the generated table must reproduce exactly.
    fn fast2s_to_simplified(chars: &mut [char]) {
        static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
        if chars.iter().any(|c| fast2s_context(*c)) {
            let mut text: String = chars.iter().collect();
            let mut aligned = true;
            for _ in 0..4 {
                let converted = fast2s::convert(&text);
                if converted.chars().count() != chars.len() {
                    aligned = false;
                    break;
                }
                let changed = converted != text;
                text = converted;
                if !changed || !text.chars().any(fast2s_context) {
                    break;
                }
            }
            if aligned {
                for (slot, c) in chars.iter_mut().zip(text.chars()) {
                    *slot = c;
                }
            }
            for c in chars.iter_mut() {
                *c = supplement(*c);
            }
        } else {
            let table = TABLE.get_or_init(|| {
                let spaced: String = IDEOGRAPHS.filter_map(char::from_u32).flat_map(|c| [c, ' ']).collect();
                fast2s::convert(&spaced).chars().step_by(2).map(supplement).collect()
            });
            for c in chars.iter_mut() {
                if let Some(simple) = (*c as u32).checked_sub(*IDEOGRAPHS.start()).and_then(|i| table.get(i as usize)) {
                    *c = *simple;
                }
            }
        }
        for i in 0..chars.len() {
            if matches!(chars[i], '甚' | '覆' | '著') {
                if let Some(c) = contextual(chars, i) {
                    chars[i] = c;
                }
            }
        }
    }

    /// The whole conversion, context rules, fixpoint and supplements included, gives what
    /// it gave with `fast2s` at run time, on many short texts mixing the rules' chars with
    /// common traditional and simplified ones. (It is in place, so the origin map that
    /// quotes hits is untouched by construction.)
    #[test]
    fn conversion_is_what_fast2s_gave() {
        let mut alphabet = rule_alphabet();
        alphabet.extend("請問您還有需要幫忙的嗎電話號碼繳費帳單辦理業務們會盡快別為您計畫停電裡麼説".chars());
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = next(10);
            let text: Vec<char> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let (mut new, mut old) = (text.clone(), text.clone());
            to_simplified(&mut new);
            fast2s_to_simplified(&mut old);
            assert_eq!(new, old, "{}", String::from_iter(&text));
        }
    }
}
