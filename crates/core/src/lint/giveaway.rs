//! Items that give their answer away by their shape, not their content:
//!
//! - `best-is-longest`: across a pack, the best option is also the (strictly) longest one in
//!   more than [`LONGEST_LIMIT_PERCENT`] of the choice items and dialogue nodes. Writers
//!   polish the right answer and leave the wrong ones short; trainees learn to pick the
//!   longest. Judged per pack because any one item may rightly have a long best answer.
//! - `few-distractors`: a multi item with fewer than [`MIN_DISTRACTORS`] wrong options.
//! - `single-option-node`: a dialogue node with one reply, so the trainee decides nothing.
//!
//! Length is counted in characters without whitespace, so a trainer's line breaks and
//! spaces around Latin words do not decide it. A tie for the longest is no giveaway.

use super::Locator;
use crate::diag::Diagnostic;
use crate::scenario::{ItemBody, NodeStep, Pack, Points};

/// A pack warns when the best option is the longest in more than this share of its questions.
pub const LONGEST_LIMIT_PERCENT: usize = 60;

/// A multi item should have at least this many wrong options.
pub const MIN_DISTRACTORS: usize = 3;

/// How many offending questions a `best-is-longest` message names before "等".
const NAMED: usize = 12;

fn length(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether the single longest option is one of the best-scoring ones. `None` when there is
/// nothing to choose between (fewer than two options).
pub fn best_is_longest(options: &[(&str, Points)]) -> Option<bool> {
    if options.len() < 2 {
        return None;
    }
    let best = options.iter().map(|o| o.1).fold(f64::MIN, f64::max);
    let lengths: Vec<usize> = options.iter().map(|o| length(o.0)).collect();
    let longest = *lengths.iter().max()?;
    let mut at = lengths.iter().enumerate().filter(|(_, l)| **l == longest).map(|(i, _)| i);
    let first = at.next()?;
    Some(at.next().is_none() && (options[first].1 - best).abs() < 1e-9)
}

/// A question counted by `best-is-longest`: where it is, and whether it gives itself away.
struct Question {
    label: String,
    path: String,
    line: u32,
    column: u32,
    giveaway: bool,
}

pub(super) fn lint(pack: &Pack, text: &str, out: &mut Vec<Diagnostic>) {
    let mut questions = Vec::new();
    for (index, item) in pack.items.iter().enumerate() {
        let at = Locator::new(text, &item.id);
        match &item.body {
            ItemBody::Choice(c) => {
                let options: Vec<(&str, Points)> = c.options.iter().map(|o| (o.text.as_str(), o.score)).collect();
                if let Some(giveaway) = best_is_longest(&options) {
                    let (line, column) = at.item();
                    questions.push(Question {
                        label: item.id.clone(),
                        path: format!("items[{index}]"),
                        line,
                        column,
                        giveaway,
                    });
                }
            }
            ItemBody::Dialogue(d) => {
                for (name, node) in &d.nodes {
                    let NodeStep::Options(options) = &node.step else { continue };
                    let (line, column) = at.key(name);
                    let path = format!("items[{index}].nodes.{name}");
                    if options.len() == 1 {
                        out.push(Diagnostic::warning(
                            "single-option-node",
                            &pack.source,
                            line,
                            column,
                            format!("{path}.options"),
                            format!("对话“{}”的节点“{name}”只有一个回答可选，学员在这一步不用做任何判断", item.id),
                            "再写一两个看似得体、实则有缺陷的回答（分数更低，反馈说明错在哪里），或把这一步并入上一个节点",
                        ));
                    }
                    let options: Vec<(&str, Points)> = options.iter().map(|o| (o.text.as_str(), o.score)).collect();
                    if let Some(giveaway) = best_is_longest(&options) {
                        questions.push(Question { label: format!("{}.{name}", item.id), path, line, column, giveaway });
                    }
                }
            }
            ItemBody::Multi(m) => {
                let wrong = m.options.iter().filter(|o| !o.correct).count();
                if wrong < MIN_DISTRACTORS {
                    let (line, column) = at.item();
                    out.push(Diagnostic::warning(
                        "few-distractors",
                        &pack.source,
                        line,
                        column,
                        format!("items[{index}].options"),
                        format!(
                            "多选题“{}”只有 {wrong} 个错误选项（至少要 {MIN_DISTRACTORS} 个），学员几乎全选也能拿高分",
                            item.id
                        ),
                        format!(
                            "再加 {} 个新员工容易误选的错误做法：听起来合理却违反规范（过度承诺、错误时限、客气的推诿等），写上反馈",
                            MIN_DISTRACTORS - wrong
                        ),
                    ));
                }
            }
            ItemBody::Order(_) | ItemBody::Reply(_) => {}
        }
    }
    questions.sort_by_key(|q| (q.line, q.column));
    let giveaways: Vec<&Question> = questions.iter().filter(|q| q.giveaway).collect();
    if giveaways.is_empty() || giveaways.len() * 100 <= questions.len() * LONGEST_LIMIT_PERCENT {
        return;
    }
    let first = giveaways[0];
    let mut named: Vec<String> =
        giveaways.iter().take(NAMED).map(|q| format!("{}（第 {} 行）", q.label, q.line)).collect();
    if giveaways.len() > NAMED {
        named.push(format!("等 {} 处", giveaways.len()));
    }
    out.push(Diagnostic::warning(
        "best-is-longest",
        &pack.source,
        first.line,
        first.column,
        first.path.clone(),
        format!(
            "本题包 {} 道单选题和对话节点中，有 {} 道（{}%，上限 {LONGEST_LIMIT_PERCENT}%）得分最高的选项恰好最长，学员只挑最长的就能过关：{}",
            questions.len(),
            giveaways.len(),
            giveaways.len() * 100 / questions.len(),
            named.join("、")
        ),
        "把正确答案写得简短干脆，把错误选项写成完整、得体却违反规范的说法（过度承诺、专业术语、错误时限、客气的推诿），让最长的选项不再总是答案",
    ));
}

#[cfg(test)]
mod tests {
    use super::best_is_longest;

    #[test]
    fn longest_best_option_is_a_giveaway_but_a_tie_is_not() {
        assert_eq!(best_is_longest(&[("您好，请问办理什么业务？", 10.0), ("说。", 0.0)]), Some(true));
        assert_eq!(best_is_longest(&[("您好。", 10.0), ("请您先到那边排队等着吧。", 0.0)]), Some(false));
        assert_eq!(best_is_longest(&[("甲乙丙", 10.0), ("丁戊己", 0.0)]), Some(false));
        assert_eq!(best_is_longest(&[("只 有 空 格", 10.0), ("五个字的话", 0.0)]), Some(false));
        assert_eq!(best_is_longest(&[("只一个", 10.0)]), None);
    }
}
