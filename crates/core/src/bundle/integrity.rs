//! The check a bundle passes before the app uses it: every lookup the player, the scorer
//! and the feedback make will find what it looks for, and no id is used twice.
//!
//! It is not the loader run again. The loader already checked everything a trainer can get
//! wrong when `drill bundle` compiled the folder, including the expensive dialogue analysis
//! (reachability, cycles, the best total). What can still go wrong is the file itself — cut
//! short, edited by hand, written by another version — so this checks, in one linear pass
//! with hash lookups (cheap enough for every open: docs/PERFORMANCE.md, "Figures behind
//! choices in the code"), the invariants the rest of the program relies on
//! (`scenario::model` lists them):
//!
//! - ids unique: standards, banned phrases, packs, items across all packs (results are
//!   stored by item id), phrasebook entries (drill progress is stored by them);
//! - every cited rule is in the catalogue (feedback quotes it): item and option
//!   `standards`, reply elements, dialogue requirements, banned phrases, phrasebook
//!   entries;
//! - every item can be played and scored: options, steps and elements present, points
//!   finite and not negative, a best score above 0, pass marks within 0–100;
//! - dialogues: `start`, every `next` and every branch target name a node; a node without
//!   an ending has replies; there is an ending; the mood scale is ordered with `start`
//!   inside it and a reply's mood change cannot overflow it.
//!
//! The first problem found is reported, in Chinese, naming where it is.

use super::content::{ContentBundle, PhrasebookPart};
use crate::scenario::{Dialogue, Item, ItemBody, NodeStep, Pack, Points};
use std::collections::HashSet;

/// `Err` holds what is wrong, phrased to follow "content.json 中".
pub(crate) fn check<P: PhrasebookPart>(bundle: &ContentBundle<P>) -> Result<(), String> {
    let mut rules: HashSet<&str> = HashSet::with_capacity(bundle.catalogue.standards.len());
    for s in &bundle.catalogue.standards {
        if !rules.insert(s.id.as_str()) {
            return Err(format!("规范编号 {} 在标准库中出现了两次", s.id));
        }
    }
    let check = Check { rules };

    let mut phrases = HashSet::with_capacity(bundle.banned.phrases.len());
    for p in &bundle.banned.phrases {
        if !phrases.insert(p.id.as_str()) {
            return Err(format!("忌语编号 {} 出现了两次", p.id));
        }
        check.rule(&p.standard, || format!("忌语 {}", p.id))?;
    }

    let mut packs = HashSet::with_capacity(bundle.packs.len());
    let mut items: HashSet<&str> = HashSet::with_capacity(bundle.item_count());
    for pack in &bundle.packs {
        if !packs.insert(pack.id.as_str()) {
            return Err(format!("题包编号 {} 出现了两次", pack.id));
        }
        check.pack(pack)?;
        for item in &pack.items {
            if !items.insert(item.id.as_str()) {
                return Err(format!("题目编号 {} 出现了两次（成绩按题目编号保存，编号必须唯一）", item.id));
            }
            check.item(pack, item)?;
        }
    }

    if let Some(book) = bundle.phrasebook.loaded() {
        let mut entries = HashSet::with_capacity(book.entries.len());
        for e in &book.entries {
            if !entries.insert(e.id.as_str()) {
                return Err(format!("规范用语手册的编号 {} 出现了两次", e.id));
            }
            check.rule(&e.standard, || format!("规范用语手册的 {}", e.id))?;
        }
    }
    Ok(())
}

struct Check<'a> {
    rules: HashSet<&'a str>,
}

impl Check<'_> {
    /// `where_` is only formatted when something is wrong (the happy path allocates nothing).
    fn rule(&self, id: &str, where_: impl FnOnce() -> String) -> Result<(), String> {
        if self.rules.contains(id) {
            Ok(())
        } else {
            Err(format!("{}引用了标准库中没有的规范编号 {id}", where_()))
        }
    }

    fn rules<'r>(&self, ids: impl IntoIterator<Item = &'r String>, where_: impl Fn() -> String) -> Result<(), String> {
        ids.into_iter().try_for_each(|id| self.rule(id, &where_))
    }

    fn pack(&self, pack: &Pack) -> Result<(), String> {
        if !(0.0..=100.0).contains(&pack.pass_mark) {
            return Err(format!("题包 {} 的及格线 {} 不在 0–100 之间", pack.id, number(pack.pass_mark)));
        }
        if pack.items.is_empty() {
            return Err(format!("题包 {} 没有任何题目", pack.id));
        }
        Ok(())
    }

    fn item(&self, pack: &Pack, item: &Item) -> Result<(), String> {
        let at = || format!("题包 {} 的题目 {} ", pack.id, item.id);
        if item.standards.is_empty() {
            return Err(format!("{}没有考查任何规范", at()));
        }
        self.rules(&item.standards, at)?;
        match &item.body {
            ItemBody::Choice(c) => {
                if c.options.is_empty() {
                    return Err(format!("{}没有任何选项", at()));
                }
                for (i, o) in c.options.iter().enumerate() {
                    points(o.score, || format!("{}第 {} 个选项的分数", at(), i + 1))?;
                    self.rules(&o.standards, || format!("{}第 {} 个选项", at(), i + 1))?;
                }
            }
            ItemBody::Multi(m) => {
                if !m.options.iter().any(|o| o.correct) {
                    return Err(format!("{}没有任何正确选项", at()));
                }
                points(m.points, || format!("{}的分数", at()))?;
            }
            ItemBody::Order(o) => {
                if o.steps.len() < 2 {
                    return Err(format!("{}只有 {} 个步骤，无从排序", at(), o.steps.len()));
                }
                points(o.points, || format!("{}的分数", at()))?;
            }
            ItemBody::Reply(r) => {
                if r.elements.is_empty() {
                    return Err(format!("{}没有任何要点", at()));
                }
                for (i, e) in r.elements.iter().enumerate() {
                    let here = || format!("{}第 {} 个要点", at(), i + 1);
                    points(e.points, here)?;
                    if e.any.is_empty() {
                        return Err(format!("{}没有任何说法", here()));
                    }
                    self.rules(&e.standard, here)?;
                }
            }
            ItemBody::Dialogue(d) => self.dialogue(d, &at)?,
        }
        let max = item.max_points();
        if !(max.is_finite() && max > 0.0) {
            return Err(format!("{}的满分 {} 不是正数", at(), number(max)));
        }
        Ok(())
    }

    fn dialogue(&self, d: &Dialogue, at: &dyn Fn() -> String) -> Result<(), String> {
        let m = d.mood;
        if m.min >= m.max || !(m.min..=m.max).contains(&m.start) || m.max.checked_sub(m.min).is_none() {
            return Err(format!("{}的情绪设置 start: {}, min: {}, max: {} 无效", at(), m.start, m.min, m.max));
        }
        if !d.nodes.contains_key(&d.start) {
            return Err(format!("{}的开场节点 {} 不存在", at(), d.start));
        }
        let mut endings = 0;
        for (name, node) in &d.nodes {
            let options = match &node.step {
                NodeStep::Ending(_) => {
                    endings += 1;
                    continue;
                }
                NodeStep::Options(options) => options,
            };
            if options.is_empty() {
                return Err(format!("{}的节点 {name} 既没有回答也不是结局", at()));
            }
            for (i, o) in options.iter().enumerate() {
                let here = || format!("{}的节点 {name} 第 {} 个回答", at(), i + 1);
                points(o.score, || format!("{}的分数", here()))?;
                self.rules(&o.standards, here)?;
                // The state's mood always lies in [min, max]; adding the change must not overflow.
                if m.min.checked_add(o.mood).is_none() || m.max.checked_add(o.mood).is_none() {
                    return Err(format!("{}的情绪变化 {} 超出范围", here(), o.mood));
                }
                for target in std::iter::once(&o.next).chain(o.branches.iter().map(|b| &b.next)) {
                    if !d.nodes.contains_key(target) {
                        return Err(format!("{}指向不存在的节点 {target}", here()));
                    }
                }
                for r in &o.requires {
                    points(r.penalty, || format!("{}的扣分", here()))?;
                    self.rules(&r.standard, here)?;
                }
            }
        }
        if endings == 0 {
            return Err(format!("{}的对话没有任何结局节点", at()));
        }
        if !(d.max_points.is_finite() && d.max_points > 0.0) {
            return Err(format!("{}的对话满分 {} 不是正数", at(), number(d.max_points)));
        }
        Ok(())
    }
}

/// Points are finite and not negative (JSON has no NaN or infinity, but a hand edit can
/// write a negative number).
fn points(value: Points, what: impl FnOnce() -> String) -> Result<(), String> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(format!("{} {} 无效（应为不小于 0 的数）", what(), number(value)))
    }
}

/// A number as a trainer wrote it (`150`, `0.5`). Not `{}`: core's float formatting would
/// be linked into the trainee's wasm for these messages alone (docs/PERFORMANCE.md,
/// "Figures behind choices in the code"); serde_json's, linked anyway, prints the same
/// shortest form.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        (x as i64).to_string()
    } else {
        serde_json::Number::from_f64(x).map_or_else(|| "（不是有限的数）".to_owned(), |n| n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_print_as_written() {
        for (x, shown) in [
            (150.0, "150"),
            (0.0, "0"),
            (-3.0, "-3"),
            (0.5, "0.5"),
            (-1.25, "-1.25"),
            (1e20, "1e+20"),
            (f64::NAN, "（不是有限的数）"),
            (f64::INFINITY, "（不是有限的数）"),
        ] {
            assert_eq!(number(x), shown, "{x}");
        }
    }
}
