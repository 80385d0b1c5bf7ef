//! The end of a run: score (points and %), pass or fail against the pack's pass mark, the
//! rules to work on (quoted), the per-rule breakdown, each item's score, and 重做错题.

use super::rule_quote::RuleQuote;
use super::use_app;
use crate::route::Route;
use drill_core::results::{fmt_percent, fmt_points, run_attempts, run_summary};
use drill_core::score::Verdict;
use drill_core::session;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub pack_id: String,
}

#[component]
pub fn SummaryView(props: &SummaryProps) -> Html {
    let app = use_app();
    let title = app.pack(&props.pack_id).map(|p| format!("本轮总结 · {}", p.title)).unwrap_or_default();
    super::use_title(title);
    let Some(pack) = app.pack(&props.pack_id).cloned() else {
        return html! {
            <section class="panel">
                <h1 id="page-title" tabindex="-1">{ "找不到这个题包" }</h1>
                <p>{ format!("题包“{}”不在当前题库中。", props.pack_id) }</p>
                <a class="button button--primary" href="#/">{ "返回题包列表" }</a>
            </section>
        };
    };
    let Some(run) = app.store.runs.get(&pack.id).cloned() else {
        return html! {
            <section class="panel">
                <h1 id="page-title" tabindex="-1">{ pack.title.clone() }</h1>
                <p>{ "这个题包还没有练习记录。" }</p>
                <a class="button button--primary" href={Route::Pack(pack.id.clone()).to_hash()}>{ "开始练习" }</a>
            </section>
        };
    };
    if !run.is_finished() {
        return html! {
            <section class="panel">
                <h1 id="page-title" tabindex="-1">{ pack.title.clone() }</h1>
                <p>{ format!("本轮还没有做完（已答 {} / {} 题）。", run.answers.len(), run.items.len()) }</p>
                <a class="button button--primary" href={Route::Pack(pack.id.clone()).to_hash()}>{ "继续练习" }</a>
            </section>
        };
    }
    let s = run_summary(&pack, &run, &app.store);
    let lib = app.library().cloned();
    let title_of =
        |id: &str| lib.as_ref().and_then(|l| l.catalogue.get(id).map(|s| s.title.clone())).unwrap_or_default();

    let start = |retry: bool| {
        let app = app.clone();
        let id = pack.id.clone();
        Callback::from(move |_: MouseEvent| {
            app.dispatch(session::Action::StartRun { pack_id: id.clone(), retry }.into());
            Route::Pack(id.clone()).go();
        })
    };

    html! {
        <div class="summary" data-testid="summary" data-passed={s.passed.to_string()}>
            <p class="player__pack">
                { pack.title.clone() }
                if s.retry { <span class="badge">{ "错题重练" }</span> }
            </p>
            <h1 id="page-title" tabindex="-1">{ "本轮练习总结" }</h1>
            <section class={classes!("card", "score-card", if s.passed { "score-card--pass" } else { "score-card--fail" })} aria-label="成绩">
                <p class="score-card__big" data-testid="summary-score">
                    <span class="score-card__points">{ fmt_points(s.points) }</span>
                    <span class="score-card__max">{ format!(" / {} 分", fmt_points(s.max)) }</span>
                    <span class="score-card__pct">{ fmt_percent(s.percent) }</span>
                </p>
                <p class="score-card__verdict" data-testid="summary-verdict">
                    if s.passed {
                        <strong>{ "已达到及格线" }</strong>
                    } else {
                        <strong>{ "未达到及格线" }</strong>
                    }
                    { format!("（及格线 {}%，本轮共 {} 题，{} 题满分）", fmt_points(s.pass_mark), s.total, s.total - s.to_retry.len()) }
                </p>
                <div class="score-card__actions">
                    if !s.to_retry.is_empty() {
                        <button type="button" class="button button--primary" onclick={start(true)} data-testid="retry">
                            { format!("重做错题（{} 题）", s.to_retry.len()) }
                        </button>
                    }
                    <button type="button" class="button" onclick={start(false)} data-testid="restart">{ "整包再练一次" }</button>
                    <a class="button button--ghost" href="#/" data-testid="back-to-list">{ "返回题包列表" }</a>
                </div>
            </section>

            if !s.weak.is_empty() {
                <section class="card" aria-labelledby="weak-title" data-testid="weak-rules">
                    <h2 id="weak-title">{ "需要加强的规范" }</h2>
                    <p class="muted">{ "以下规范在本轮中出现了遗漏或不符合，建议重点复习原文：" }</p>
                    <ol class="weak-list">
                        { for s.weak.iter().enumerate().map(|(i, id)| {
                            let tally = s.rules.iter().find(|r| &r.rule == id);
                            // The five weakest quoted in full; the rest behind a disclosure.
                            html! {
                                <li data-testid="weak-rule" data-rule-id={id.clone()}>
                                    <RuleQuote id={id.clone()} compact={i >= 5} />
                                    if let Some(t) = tally {
                                        <p class="muted">{
                                            if t.items > 0 {
                                                format!("本轮涉及 {} 题，得分 {} / {}，问题 {} 处", t.items, fmt_points(t.points), fmt_points(t.max), t.breaks)
                                            } else {
                                                format!("本轮回答中出现 {} 处问题（如服务忌语）", t.breaks)
                                            }
                                        }</p>
                                    }
                                </li>
                            }
                        }) }
                    </ol>
                </section>
            } else {
                <section class="card" aria-labelledby="weak-title">
                    <h2 id="weak-title">{ "需要加强的规范" }</h2>
                    <p>{ "本轮没有发现遗漏或不符合规范之处，做得很好。" }</p>
                </section>
            }

            <section class="card" aria-labelledby="rules-title">
                <h2 id="rules-title">{ "按规范统计" }</h2>
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rules-title">
                    <table class="table" data-testid="rule-breakdown">
                        <thead>
                            <tr>
                                <th scope="col">{ "规范" }</th>
                                <th scope="col" class="num">{ "题数" }</th>
                                <th scope="col" class="num">{ "得分" }</th>
                                <th scope="col" class="num">{ "得分率" }</th>
                                <th scope="col" class="num">{ "问题" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for s.rules.iter().filter(|r| r.items > 0 || r.breaks > 0).map(|r| html! {
                                <tr>
                                    <th scope="row"><span class="rule__id">{ r.rule.clone() }</span>{ " " }{ title_of(&r.rule) }</th>
                                    <td class="num">{ r.items }</td>
                                    <td class="num">{ format!("{} / {}", fmt_points(r.points), fmt_points(r.max)) }</td>
                                    <td class="num">{ if r.max > 0.0 { fmt_percent(r.percent()) } else { "—".to_owned() } }</td>
                                    <td class="num">{ r.breaks }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </section>

            <details class="card item-scores-card">
                <summary><h2 class="inline-heading">{ format!("逐题得分（{} 题）", s.total) }</h2></summary>
                <ol class="item-scores">
                    { for run_attempts(&run, &app.store).into_iter().map(|(a, _)| {
                        let prompt = pack.item(&a.item_id).map(|i| i.prompt.clone()).unwrap_or_else(|| a.item_id.clone());
                        let cls = match a.outcome.verdict {
                            Verdict::Correct => "item-score item-score--correct",
                            Verdict::Partial => "item-score item-score--partial",
                            Verdict::Wrong => "item-score item-score--wrong",
                        };
                        html! {
                            <li class={cls}>
                                <span class="item-score__prompt">{ prompt }</span>
                                <span class="item-score__pts">{ format!("{} / {} 分 · {}", fmt_points(a.outcome.points), fmt_points(a.outcome.max), a.outcome.verdict.label()) }</span>
                            </li>
                        }
                    }) }
                </ol>
            </details>
        </div>
    }
}
