//! The lead's three tables: trainees (sortable by any column), rules ("what to coach next",
//! lowest success first) and items (facility, discrimination, option counts).

use super::{local_datetime, pct};
use drill_core::load::Library;
use drill_core::scenario::ItemKind;
use drill_core::team::{ItemRow, RuleRow, TraineeRow};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortKey {
    Name,
    EmployeeNo,
    Team,
    Score,
    Answered,
    PacksDone,
    Passed,
    Last,
}

impl SortKey {
    fn label(self) -> &'static str {
        match self {
            SortKey::Name => "姓名",
            SortKey::EmployeeNo => "工号",
            SortKey::Team => "班组",
            SortKey::Score => "总分",
            SortKey::Answered => "已答题数",
            SortKey::PacksDone => "完成题包",
            SortKey::Passed => "是否及格",
            SortKey::Last => "最近练习",
        }
    }

    fn numeric(self) -> bool {
        matches!(self, SortKey::Score | SortKey::Answered | SortKey::PacksDone | SortKey::Last)
    }

    fn cmp(self, a: &TraineeRow, b: &TraineeRow) -> std::cmp::Ordering {
        match self {
            SortKey::Name => a.name.cmp(&b.name),
            SortKey::EmployeeNo => a.employee_no.cmp(&b.employee_no),
            SortKey::Team => a.team.cmp(&b.team),
            SortKey::Score => a.score_pct.total_cmp(&b.score_pct),
            SortKey::Answered => a.items_answered.cmp(&b.items_answered),
            SortKey::PacksDone => a.packs_done.cmp(&b.packs_done),
            SortKey::Passed => a.passed.cmp(&b.passed),
            SortKey::Last => a.last_activity_ms.total_cmp(&b.last_activity_ms),
        }
    }
}

/// (column, ascending)
pub type Sort = (SortKey, bool);

const COLUMNS: [SortKey; 8] = [
    SortKey::Name,
    SortKey::EmployeeNo,
    SortKey::Team,
    SortKey::Score,
    SortKey::Answered,
    SortKey::PacksDone,
    SortKey::Passed,
    SortKey::Last,
];

pub fn trainee_table(rows: &[TraineeRow], sort: &UseStateHandle<Sort>) -> Html {
    let (key, asc) = **sort;
    let mut rows: Vec<&TraineeRow> = rows.iter().collect();
    rows.sort_by(|a, b| {
        let o = key.cmp(a, b).then_with(|| a.employee_no.cmp(&b.employee_no));
        if asc {
            o
        } else {
            o.reverse()
        }
    });
    let header = |col: SortKey| {
        let sort = sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (k, a) = *sort;
            // A new column starts with the useful direction: names A→Z, numbers high→low.
            sort.set(if k == col { (col, !a) } else { (col, !col.numeric()) });
        });
        let aria = (col == key).then(|| AttrValue::from(if asc { "ascending" } else { "descending" }));
        let arrow = if col != key {
            "↕"
        } else if asc {
            "▲"
        } else {
            "▼"
        };
        html! {
            <th scope="col" aria-sort={aria} class={classes!(col.numeric().then_some("num"))}>
                <button type="button" class="sort-button" onclick={onclick} data-testid="sort" data-sort-key={format!("{col:?}").to_lowercase()}>
                    { col.label() }<span class="sort-button__arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="table team-table" data-testid="team-table">
                <caption class="visually-hidden">{ "学员成绩，点击列标题排序" }</caption>
                <thead><tr>{ for COLUMNS.into_iter().map(header) }</tr></thead>
                <tbody>
                    { for rows.into_iter().map(|t| html! {
                        <tr data-testid="team-row" data-employee-no={t.employee_no.clone()}>
                            <th scope="row" data-testid="team-name">{ t.name.clone() }</th>
                            <td>{ t.employee_no.clone() }</td>
                            <td>{ t.team.clone() }</td>
                            <td class="num" data-testid="team-score" title={format!("{} / {} 分", fmt(t.points), fmt(t.max))}>{ pct(t.score_pct) }</td>
                            <td class="num" data-testid="team-answered">{ t.items_answered }</td>
                            <td class="num" data-testid="team-packs">{ format!("{}（及格 {}）", t.packs_done, t.packs_passed) }</td>
                            <td data-testid="team-passed">
                                if t.passed {
                                    <span class="badge badge--pass">{ "及格" }</span>
                                } else if t.packs_done == 0 {
                                    <span class="badge">{ "未完成题包" }</span>
                                } else {
                                    <span class="badge badge--fail">{ "未及格" }</span>
                                }
                            </td>
                            <td class="num">{ local_datetime(t.last_activity_ms) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn fmt(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn bar(share: f64, label: String) -> Html {
    let w = (share.clamp(0.0, 1.0) * 100.0).round();
    html! {
        <span class="bar" aria-hidden="true" title={label}><span class="bar__fill" style={format!("width:{w}%")}></span></span>
    }
}

/// Rules, lowest success first: what to coach next.
pub fn rule_table(rules: &[RuleRow], library: Option<&Library>) -> Html {
    let mut rows: Vec<&RuleRow> = rules.iter().filter(|r| r.responses > 0 || !r.banned_used.is_empty()).collect();
    rows.sort_by(|a, b| {
        a.success_pct
            .total_cmp(&b.success_pct)
            .then_with(|| b.responses.cmp(&a.responses))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    html! {
        <div class="table-wrap">
            <table class="table rule-table" data-testid="rule-table">
                <caption class="visually-hidden">{ "各条规范的正确率，最需要辅导的在前" }</caption>
                <thead><tr>
                    <th scope="col">{ "规范" }</th>
                    <th scope="col" class="num">{ "作答" }</th>
                    <th scope="col">{ "正确率" }</th>
                    <th scope="col">{ "最薄弱学员" }</th>
                    <th scope="col">{ "班组常用忌语" }</th>
                </tr></thead>
                <tbody>
                    { for rows.into_iter().map(|r| {
                        let title = library.and_then(|l| l.catalogue.get(&r.rule)).map(|s| s.title.clone());
                        html! {
                            <tr data-testid="rule-row" data-rule-id={r.rule.clone()}>
                                <th scope="row">
                                    <code>{ r.rule.clone() }</code>
                                    if let Some(t) = title { <span class="rule-table__title">{ t }</span> }
                                </th>
                                <td class="num">{ r.responses }</td>
                                <td class="rate-cell">
                                    { bar(r.success_pct / 100.0, pct(r.success_pct)) }
                                    <span class="rate-cell__num" data-testid="rule-rate">{ pct(r.success_pct) }</span>
                                </td>
                                <td>{ r.weakest.iter().map(|(n, p)| format!("{n}（{p:.0}%）")).collect::<Vec<_>>().join("、") }</td>
                                <td>
                                    if r.banned_used.is_empty() {
                                        <span class="muted">{ "—" }</span>
                                    } else {
                                        <ul class="inline-list">
                                            { for r.banned_used.iter().take(5).map(|(q, n)| html! { <li><mark class="taboo">{ q.clone() }</mark>{ format!(" ×{n}") }</li> }) }
                                        </ul>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Why an item needs review, if it does.
pub fn review_reasons(row: &ItemRow) -> Vec<&'static str> {
    let mut out = Vec::new();
    if row.discrimination.is_some_and(|d| d < 0.2) {
        out.push("区分度低于 0.2");
    }
    if row.facility < 0.2 {
        out.push("满分率低于 20%");
    }
    if row.facility > 0.95 {
        out.push("满分率高于 95%");
    }
    out
}

pub fn item_table(items: &[ItemRow]) -> Html {
    let mut rows: Vec<(&ItemRow, Vec<&'static str>)> = items.iter().map(|i| (i, review_reasons(i))).collect();
    rows.sort_by(|a, b| {
        a.1.is_empty()
            .cmp(&b.1.is_empty())
            .then_with(|| a.0.pack_id.cmp(&b.0.pack_id))
            .then_with(|| a.0.item_id.cmp(&b.0.item_id))
    });
    html! {
        <div class="table-wrap">
            <table class="table item-table" data-testid="item-table">
                <caption class="visually-hidden">{ "各题的满分率、区分度和选项分布，需复查的在前" }</caption>
                <thead><tr>
                    <th scope="col">{ "题目" }</th>
                    <th scope="col">{ "题型" }</th>
                    <th scope="col" class="num">{ "人数" }</th>
                    <th scope="col" class="num">{ "满分率" }</th>
                    <th scope="col" class="num">{ "区分度" }</th>
                    <th scope="col">{ "复查" }</th>
                    <th scope="col">{ "选项分布" }</th>
                </tr></thead>
                <tbody>
                    { for rows.into_iter().map(|(i, reasons)| {
                        let total: usize = if i.kind == ItemKind::Choice { i.options.iter().map(|o| o.1).sum() } else { i.options.iter().map(|o| o.1).max().unwrap_or(0) };
                        html! {
                            <tr data-testid="item-row" data-item-id={i.item_id.clone()} data-review={(!reasons.is_empty()).to_string()}>
                                <th scope="row">
                                    <code>{ i.item_id.clone() }</code>
                                    <span class="item-table__prompt">{ i.prompt.clone() }</span>
                                </th>
                                <td>{ i.kind.label() }</td>
                                <td class="num">{ i.responses }</td>
                                <td class="num">{ format!("{:.0}%", i.facility * 100.0) }</td>
                                <td class="num">{ i.discrimination.map_or_else(|| "样本不足".to_owned(), |d| format!("{d:.2}")) }</td>
                                <td>
                                    if !reasons.is_empty() {
                                        <span class="badge badge--fail" data-testid="item-review">{ "需复查" }</span>
                                        <span class="item-table__why">{ reasons.join("；") }</span>
                                    }
                                </td>
                                <td>
                                    if !i.options.is_empty() {
                                        <ul class="option-bars">
                                            { for i.options.iter().map(|(label, n)| html! {
                                                <li>
                                                    <span class="option-bars__label">{ label.clone() }</span>
                                                    { bar(if total > 0 { *n as f64 / total as f64 } else { 0.0 }, format!("{n} 次")) }
                                                    <span class="option-bars__n">{ n }</span>
                                                </li>
                                            }) }
                                        </ul>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
