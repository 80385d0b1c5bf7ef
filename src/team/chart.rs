//! Progress over time: one small SVG line chart per trainee (mean score share per day),
//! drawn here without a chart library. Each chart has a `<title>`/`<desc>` for screen readers
//! and a data table behind a disclosure as the fallback.

use super::pct;
use drill_core::team::ProgressSeries;
use yew::prelude::*;

const W: f64 = 360.0;
const H: f64 = 190.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 34.0;

/// `MM-DD` of a day bucket (China Standard Time days, see `team::time`).
fn day_label(ms: f64) -> String {
    drill_core::team::time::local(ms).map(|t| t.format("%m-%d").to_string()).unwrap_or_default()
}

fn full_day(ms: f64) -> String {
    drill_core::team::time::date(ms)
}

pub fn progress_chart(series: &ProgressSeries, index: usize) -> Html {
    let title_id = format!("progress-title-{index}");
    let desc_id = format!("progress-desc-{index}");
    let pts = &series.points;
    let (first, last) = match (pts.first(), pts.last()) {
        (Some(f), Some(l)) => (f.day_ms, l.day_ms),
        _ => return html! {},
    };
    let span = (last - first).max(1.0);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = |ms: f64| if pts.len() == 1 { LEFT + plot_w / 2.0 } else { LEFT + (ms - first) / span * plot_w };
    let y = |p: f64| TOP + (1.0 - p.clamp(0.0, 100.0) / 100.0) * plot_h;
    let line: Vec<String> = pts.iter().map(|p| format!("{:.1},{:.1}", x(p.day_ms), y(p.pct))).collect();
    let desc = format!(
        "共 {} 天有练习，{} 至 {}；第一天平均得分率 {}，最近一天 {}。",
        pts.len(),
        full_day(first),
        full_day(last),
        pct(pts[0].pct),
        pct(pts[pts.len() - 1].pct)
    );
    // Date ticks: first, last, and the middle one when there are more than two days.
    let mut ticks: Vec<f64> = vec![first];
    if pts.len() > 2 {
        ticks.push(pts[pts.len() / 2].day_ms);
    }
    if pts.len() > 1 {
        ticks.push(last);
    }
    html! {
        <figure class="progress-chart" data-testid="progress-chart" data-employee-no={series.employee_no.clone()}>
            <figcaption class="progress-chart__name">{ format!("{}（{}）", series.name, series.employee_no) }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")} class="progress-chart__svg">
                <title id={title_id.clone()}>{ format!("{} 每日平均得分率", series.name) }</title>
                <desc id={desc_id.clone()}>{ desc }</desc>
                { for [0.0, 50.0, 100.0].into_iter().map(|g| html! {
                    <g class="chart-grid">
                        <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={y(g).to_string()} y2={y(g).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={(y(g) + 4.0).to_string()} text-anchor="end">{ format!("{g}%") }</text>
                    </g>
                }) }
                <line class="chart-axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={(H - BOTTOM).to_string()} />
                <line class="chart-axis" x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={(H - BOTTOM).to_string()} y2={(H - BOTTOM).to_string()} />
                { for ticks.into_iter().map(|t| html! {
                    <text class="chart-tick" x={x(t).to_string()} y={(H - BOTTOM + 18.0).to_string()} text-anchor="middle">{ day_label(t) }</text>
                }) }
                if pts.len() > 1 {
                    <polyline class="chart-line" points={line.join(" ")} />
                }
                { for pts.iter().map(|p| html! {
                    <circle class="chart-dot" cx={format!("{:.1}", x(p.day_ms))} cy={format!("{:.1}", y(p.pct))} r="4">
                        <title>{ format!("{}：{}（{} 次作答）", full_day(p.day_ms), pct(p.pct), p.attempts) }</title>
                    </circle>
                }) }
            </svg>
            <details class="progress-chart__data">
                <summary>{ "查看数据表" }</summary>
                <table class="table">
                    <caption class="visually-hidden">{ format!("{} 每日平均得分率", series.name) }</caption>
                    <thead><tr><th scope="col">{ "日期" }</th><th scope="col" class="num">{ "平均得分率" }</th><th scope="col" class="num">{ "作答次数" }</th></tr></thead>
                    <tbody>
                        { for pts.iter().map(|p| html! {
                            <tr><th scope="row">{ full_day(p.day_ms) }</th><td class="num">{ pct(p.pct) }</td><td class="num">{ p.attempts }</td></tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
