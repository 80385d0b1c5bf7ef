//! Normalisation before matching.
//!
//! Trainees type on whatever keyboard they have: traditional characters (Hong Kong and
//! Taiwan input methods, or a phone left in 繁體 mode), full-width punctuation and digits,
//! stray spaces. Trainers write simplified Chinese. So both sides are brought to one form
//! before any comparison:
//!
//! 1. full width → half width (U+FF01–FF5E shifted to ASCII, U+3000 to a space);
//! 2. lowercase;
//! 3. only letters, digits and ideographs are kept (`char::is_alphanumeric`): punctuation,
//!    symbols, emoji and whitespace are dropped, so `不 能！` reads as `不能`;
//! 4. traditional → simplified with `fast2s::convert` on the kept characters, then
//!    [`SUPPLEMENT`] / [`contextual`] for the few forms `fast2s` leaves alone that matter
//!    for this domain.
//!
//! `fast2s::convert` emits exactly one char for each char it reads (it looks a char up,
//! with its two neighbours for a handful of context rules, and pushes one `char`; checked
//! in its 0.3.1 source), so the origin map built in steps 1–3 stays valid through step 4.
//! Should a future version break that, the conversion is skipped rather than the map
//! corrupted.
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
        '著' if prev.is_some_and(|p| ZHE_AFTER.contains(p)) || next.is_some_and(|n| ZHE_BEFORE.contains(n)) => Some('着'),
        _ => None,
    }
}

/// Chars whose `fast2s` conversion depends on a neighbour (the keys of its exclusion and
/// special tables in 0.3.1). Only these need `fast2s::convert` with their real neighbours,
/// and only when one of them survives a pass can a second pass change anything.
fn fast2s_context(c: char) -> bool {
    matches!(c, '兒' | '覆' | '夥' | '藉' | '瞭' | '麽' | '幺' | '於' | '乾' | '著' | '苧' | '闔' | '鍾' | '讎' | '畫')
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
        } else {
            for lower in c.to_lowercase() {
                if lower.is_alphanumeric() {
                    cjk |= !lower.is_ascii();
                    chars.push(lower);
                    origin.push(index);
                }
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

/// Full-width forms to their ASCII equivalents; the ideographic space to a space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The CJK Unified Ideographs block, where every key of `fast2s`'s table lies
/// (U+4E1F–U+9F9C in 0.3.1).
const IDEOGRAPHS: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

fn is_unified_ideograph(c: char) -> bool {
    IDEOGRAPHS.contains(&(c as u32))
}

/// `fast2s`'s context-free mapping, then [`SUPPLEMENT`], as a dense table over
/// [`IDEOGRAPHS`], derived once from `fast2s::convert` itself (each ideograph converted
/// between spaces, so no context rule applies). `fast2s` does three hash look-ups per
/// char; a reply is normalised on every banned-phrase scan, so this keeps normalisation to
/// an array index per char. Texts holding a [`fast2s_context`] char still go through
/// `fast2s::convert` so those chars see their real neighbours.
fn table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let all: Vec<char> = IDEOGRAPHS.filter_map(char::from_u32).collect();
        let mut spaced = String::with_capacity(all.len() * 4);
        for c in &all {
            spaced.push(*c);
            spaced.push(' ');
        }
        let converted: Vec<char> = fast2s::convert(&spaced).chars().step_by(2).collect();
        // Not char-for-char after all: leave ideographs unconverted rather than misalign.
        let converted = if converted.len() == all.len() { converted } else { all };
        converted.into_iter().map(supplement).collect()
    })
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
            if let Some(simple) = (*c as u32).checked_sub(*IDEOGRAPHS.start()).and_then(|i| table.get(i as usize)) {
                *c = *simple;
            }
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

/// The whole text through `fast2s::convert`, re-run to a fixpoint so that a context rule
/// whose neighbour was itself converted (兒寬 → 兒宽 → 儿宽) settles in one `normalize`.
fn convert_with_context(chars: &mut [char]) {
    let mut text: String = chars.iter().collect();
    // A fixpoint is normally reached in one or two passes; the bound only guards against
    // a hypothetical oscillating table.
    for _ in 0..4 {
        let converted = fast2s::convert(&text);
        if converted.chars().count() != chars.len() {
            // Not char-for-char after all: keep the text unconverted, the origin map valid.
            return;
        }
        let changed = converted != text;
        text = converted;
        if !changed || !text.chars().any(fast2s_context) {
            break;
        }
    }
    for (slot, c) in chars.iter_mut().zip(text.chars()) {
        *slot = c;
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

    /// The dense table must agree with `fast2s` char by char (plus the supplement).
    #[test]
    fn table_matches_fast2s_for_every_ideograph() {
        let table = table();
        for c in IDEOGRAPHS.filter_map(char::from_u32).filter(|c| !fast2s_context(*c)) {
            let expected = supplement(fast2s::convert(&c.to_string()).chars().next().unwrap_or(c));
            assert_eq!(table[(c as u32 - IDEOGRAPHS.start()) as usize], expected, "{c}");
        }
    }
}
