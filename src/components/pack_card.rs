//! One pack on the home page: what it is, how far the trainee got, and start / continue.

use crate::route::Route;
use drill_core::bundle::PackSummary;
use drill_core::results::{fmt_percent, fmt_points, PackProgress};
use yew::prelude::*;

/// A plain function the pack list calls, not a component: the cards are most of the first
/// render, and a component each (a scope, its hooks, scheduler runs, props compared) cost
/// start-up time for nothing, since a card has no state of its own and is redrawn only with
/// the list (the A/B is in docs/PERFORMANCE.md, "Start-up").
pub fn pack_card(p: &PackSummary, pr: &PackProgress, on_start: &Callback<String>) -> Html {
    let title_id = format!("pack-title-{}", p.id);
    let (status, status_class) = if pr.passed {
        ("已通过", "badge badge--pass")
    } else if pr.best_percent.is_some() {
        ("未通过", "badge badge--fail")
    } else {
        ("未开始", "badge")
    };
    let progress_pct = (pr.answered * 100).checked_div(pr.total).unwrap_or(0);

    let (label, action) = match pr.in_progress {
        Some((done, total)) => (format!("继续练习（第 {} / {} 题）", (done + 1).min(total), total), None),
        None if pr.finished_run || pr.best_percent.is_some() => ("再练一次".to_owned(), Some(())),
        None => ("开始练习".to_owned(), Some(())),
    };
    let onclick = {
        let id = p.id.clone();
        let on_start = on_start.clone();
        Callback::from(move |_| match action {
            Some(()) => on_start.emit(id.clone()),
            None => Route::Pack(id.clone()).go(),
        })
    };

    html! {
        <article key={p.id.clone()} class="card pack-card" aria-labelledby={title_id.clone()} data-testid="pack-card" data-pack-id={p.id.clone()}>
            <header class="pack-card__head">
                <h3 id={title_id.clone()} class="pack-card__title">{ p.title.clone() }</h3>
                <span class={status_class} data-testid="pack-status">{ status }</span>
            </header>
            if !p.description.is_empty() {
                <p class="pack-card__desc">{ p.description.clone() }</p>
            }
            <p class="pack-card__facts">
                { format!("共 {} 题 · 满分 {} 分 · 及格线 {}%", p.items.len(), fmt_points(pr.max_points), fmt_points(p.pass_mark)) }
            </p>
            <div class="pack-card__progress">
                <div class="progress" role="progressbar" aria-label={format!("{} 完成进度", p.title)}
                    aria-valuemin="0" aria-valuemax={pr.total.to_string()} aria-valuenow={pr.answered.to_string()}
                    aria-valuetext={format!("已答 {} / {} 题", pr.answered, pr.total)}>
                    <div class="progress__fill" style={format!("width: {progress_pct}%")}></div>
                </div>
                <p class="pack-card__stats" data-testid="pack-progress">
                    <span>{ format!("已答 {} / {} 题", pr.answered, pr.total) }</span>
                    if let (Some(points), Some(pct)) = (pr.best_points, pr.best_percent) {
                        <span>{ format!("最好成绩 {} 分（{}）", fmt_points(points), fmt_percent(pct)) }</span>
                    }
                </p>
            </div>
            <div class="pack-card__actions">
                <button type="button" class="button button--primary" onclick={onclick}
                    aria-describedby={title_id.clone()} data-testid="pack-start">{ label }</button>
                if pr.finished_run {
                    <a class="button button--ghost" href={Route::Summary(p.id.clone()).to_hash()} data-testid="pack-summary-link">{ "查看上次总结" }</a>
                }
            </div>
        </article>
    }
}
