//! What the trainee sees right after answering: points out of the maximum, the verdict, each
//! finding with the rule it follows or breaks quoted from the catalogue, banned phrases with
//! the standard wording, the answer reviewed against the correct one, and "下一题".

use super::rule_quote::RuleQuote;
use super::taboo_view::Highlighted;
use super::use_app;
use drill_core::results::Attempt;
use drill_core::results::{fmt_points, group_findings};
use drill_core::scenario::{Item, ItemBody};
use drill_core::score::{Answer, FindingKind, Verdict};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FeedbackProps {
    pub item: Item,
    pub attempt: Attempt,
    /// The run's last item: the button leads to the summary.
    pub is_last: bool,
    pub on_next: Callback<()>,
}

#[component]
pub fn FeedbackPanel(props: &FeedbackProps) -> Html {
    let app = use_app();
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let o = &props.attempt.outcome;
    let (verdict_class, mark) = match o.verdict {
        Verdict::Correct => ("feedback feedback--correct", "✓"),
        Verdict::Partial => ("feedback feedback--partial", "◐"),
        Verdict::Wrong => ("feedback feedback--wrong", "✗"),
    };
    let messages: Vec<&str> = o.findings.iter().map(|f| f.message.as_str()).collect();
    let groups = group_findings(&o.findings);
    let quoted = std::cell::RefCell::new(Vec::<String>::new());

    let review = match (&props.item.body, &props.attempt.answer) {
        (ItemBody::Choice(c), Answer::Choice { option }) => {
            let chosen = c.options.get(*option);
            let best = c.options.iter().map(|x| x.score).fold(0.0, f64::max);
            let best_option = c.options.iter().find(|x| x.score >= best - 1e-9);
            html! {
                <div class="review">
                    if let Some(ch) = chosen {
                        <p><span class="review__label">{ "您的选择：" }</span>{ ch.text.clone() }</p>
                        if !ch.feedback.is_empty() && !messages.contains(&ch.feedback.as_str()) {
                            <p class="review__note">{ ch.feedback.clone() }</p>
                        }
                    }
                    if let Some(b) = best_option.filter(|b| chosen.map(|c| c.text != b.text).unwrap_or(true)) {
                        <p><span class="review__label">{ "最佳做法：" }</span>{ b.text.clone() }</p>
                    }
                </div>
            }
        }
        (ItemBody::Multi(m), Answer::Multi { selected }) => html! {
            <div class="review">
                <p class="review__label">{ "各选项对照：" }</p>
                <ul class="review-list">
                    { for m.options.iter().enumerate().map(|(i, opt)| {
                        let picked = selected.contains(&i);
                        let (cls, note) = match (opt.correct, picked) {
                            (true, true) => ("review-list__ok", "应选，您选了"),
                            (true, false) => ("review-list__miss", "应选，您漏选了"),
                            (false, true) => ("review-list__bad", "不应选，您选了"),
                            (false, false) => ("review-list__neutral", "不应选"),
                        };
                        html! {
                            <li class={cls}>
                                <span class="review-list__note">{ note }</span>
                                <span>{ opt.text.clone() }</span>
                                if !opt.feedback.is_empty() && (picked != opt.correct) { <span class="muted">{ format!("（{}）", opt.feedback) }</span> }
                            </li>
                        }
                    }) }
                </ul>
            </div>
        },
        (ItemBody::Order(ord), Answer::Order { order }) => html! {
            <div class="review review--columns">
                <div>
                    <p class="review__label">{ "您的顺序：" }</p>
                    <ol>
                        { for order.iter().enumerate().map(|(pos, &i)| html! {
                            <li class={if pos == i { "review-list__ok" } else { "review-list__bad" }}>{ ord.steps.get(i).cloned().unwrap_or_default() }</li>
                        }) }
                    </ol>
                </div>
                <div>
                    <p class="review__label">{ "正确顺序：" }</p>
                    <ol>{ for ord.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ol>
                </div>
                if !ord.feedback.is_empty() { <p class="review__note">{ ord.feedback.clone() }</p> }
            </div>
        },
        (ItemBody::Reply(r), Answer::Reply { text }) => {
            let hits = app.library().map(|l| l.taboo.find(text)).unwrap_or_default();
            html! {
                <div class="review">
                    <p class="review__label">{ "您的回答：" }</p>
                    <Highlighted text={text.clone()} hits={hits.clone()} />
                    <p class="review__label">{ "参考答案：" }</p>
                    <p class="model-answer" data-testid="model-answer">{ r.model_answer.clone() }</p>
                    if !r.feedback.is_empty() { <p class="review__note">{ r.feedback.clone() }</p> }
                </div>
            }
        }
        _ => html! {},
    };

    let onclick = {
        let on_next = props.on_next.clone();
        Callback::from(move |_| on_next.emit(()))
    };

    html! {
        <section class={verdict_class} aria-labelledby="feedback-title" data-testid="feedback" data-verdict={format!("{:?}", o.verdict).to_ascii_lowercase()}>
            <h2 id="feedback-title" tabindex="-1" ref={heading} class="feedback__title">
                <span class="feedback__mark" aria-hidden="true">{ mark }</span>
                <span data-testid="verdict">{ o.verdict.label() }</span>
                <span class="feedback__points" data-testid="points">{ format!("得 {} 分 / 满分 {} 分", fmt_points(o.points), fmt_points(o.max)) }</span>
            </h2>
            if !groups.is_empty() {
                <ul class="findings" data-testid="findings">
                    { for groups.iter().map(|g| {
                        let (cls, label) = match g.kind {
                            FindingKind::Follows => ("finding finding--follows", "做到了"),
                            FindingKind::Missing => ("finding finding--missing", "缺少"),
                            FindingKind::Breaks => ("finding finding--breaks", "不符合"),
                        };
                        html! {
                            <li class={cls} data-testid="finding">
                                <p class="finding__head">
                                    <span class="finding__kind">{ label }</span>
                                    <span class="finding__msg">{ g.message.clone() }</span>
                                    if g.points.abs() > 1e-9 {
                                        <span class="finding__pts">{ format!("{}{} 分", if g.points > 0.0 { "+" } else { "" }, fmt_points(g.points)) }</span>
                                    }
                                </p>
                                if let Some(q) = &g.quote {
                                    // The words are marked red only when they break a rule: a
                                    // wording that earned an element is marked green.
                                    <p class="finding__quote">{ "您说的：“" }<mark class={if g.kind == FindingKind::Follows { "said-ok" } else { "taboo" }}>{ q.clone() }</mark>{ "”" }</p>
                                }
                                if let Some(instead) = &g.instead {
                                    <p class="finding__instead">{ "规范用语：" }<strong>{ instead.clone() }</strong></p>
                                }
                                // Each rule is quoted in full the first time it appears in
                                // this panel, then referred to by id and title.
                                { for g.rules.iter().map(|rule| {
                                    let first = { let mut seen = quoted.borrow_mut(); if seen.contains(rule) { false } else { seen.push(rule.clone()); true } };
                                    html! { <RuleQuote id={rule.clone()} compact={!first} /> }
                                }) }
                            </li>
                        }
                    }) }
                </ul>
            }
            { review }
            <div class="feedback__actions">
                <button type="button" class="button button--primary button--large" onclick={onclick} data-testid="next">
                    { if props.is_last { "查看本轮总结" } else { "下一题" } }
                </button>
            </div>
        </section>
    }
}
