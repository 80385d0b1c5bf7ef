//! `dialogue`: a chat-like transcript (customer lines, the trainee's replies, each reply's
//! feedback at once), the customer's mood, the replies to choose from, and the ending.

use super::choice::letter;
use super::mood_gauge::MoodGauge;
use super::rule_quote::RuleQuote;
use drill_core::results::{fmt_points, shuffled};
use drill_core::scenario::{EndingResult, Item, ItemBody};
use drill_core::score::dialogue::{replay, State};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DialogueProps {
    pub item: Item,
    /// Option indices chosen so far, from the start.
    pub path: Vec<usize>,
    pub seed: u64,
    /// Called with the chosen option's index (file order). `None`: read-only transcript.
    #[prop_or_default]
    pub on_choose: Option<Callback<usize>>,
}

#[component]
pub fn DialogueView(props: &DialogueProps) -> Html {
    let selected = use_state(|| None::<usize>);
    // A new step: clear the selection.
    {
        let selected = selected.clone();
        use_effect_with(props.path.len(), move |_| selected.set(None));
    }
    let ItemBody::Dialogue(d) = &props.item.body else { return html! {} };
    let (steps, state) = replay(d, &props.path);

    // Rebuild the states before each step so the transcript can show each node's line.
    let mut before = Vec::with_capacity(steps.len());
    let mut s = State::start(d);
    for step in &steps {
        before.push(s.clone());
        s = step.next.clone();
    }

    let line = |node_id: &str| -> Html {
        let Some(node) = d.nodes.get(node_id) else { return html! {} };
        html! {
            <>
                if !node.narration.is_empty() {
                    <li class="chat__narration">{ node.narration.clone() }</li>
                }
                if !node.customer.is_empty() {
                    <li class="chat__msg chat__msg--customer">
                        <span class="chat__who">{ "客户" }</span>
                        <p class="chat__bubble">{ node.customer.clone() }</p>
                    </li>
                }
            </>
        }
    };

    let transcript = steps.iter().zip(&before).enumerate().map(|(i, (step, st))| {
        let option = st.options(d).and_then(|o| o.get(step.option));
        let text = option.map(|o| o.text.clone()).unwrap_or_default();
        let feedback = option.map(|o| o.feedback.clone()).unwrap_or_default();
        let rules: Vec<String> = option.map(|o| o.standards.clone()).unwrap_or_default();
        let sign = if step.points > 0.0 { "+" } else { "" };
        // Green only for the best reply at that point; amber for one that earns something less.
        let best = st.options(d).map_or(0.0, |o| o.iter().map(|x| x.score).fold(f64::MIN, f64::max));
        let class = if step.points > 0.0 && step.points >= best - 1e-9 {
            "step-fb step-fb--good"
        } else if step.points > 0.0 {
            "step-fb step-fb--partial"
        } else {
            "step-fb step-fb--bad"
        };
        html! {
            <>
                { line(&st.node) }
                <li class="chat__msg chat__msg--trainee">
                    <span class="chat__who">{ "您" }</span>
                    <p class="chat__bubble">{ text }</p>
                </li>
                <li class={class} data-testid="dialogue-step-feedback" data-step={i.to_string()}>
                    <p class="step-fb__points">{ format!("本步 {sign}{} 分", fmt_points(step.points)) }</p>
                    if !feedback.is_empty() { <p>{ feedback }</p> }
                    { for step.unmet.iter().map(|u| html! {
                        <div class="step-fb__unmet">
                            <p>{ format!("扣 {} 分：{}", fmt_points(u.penalty), u.feedback) }</p>
                            if let Some(rule) = &u.standard { <RuleQuote id={rule.clone()} compact=true /> }
                        </div>
                    }) }
                    { for rules.iter().map(|r| html! { <RuleQuote id={r.clone()} compact=true /> }) }
                </li>
            </>
        }
    });

    let live = steps.last().map(|step| {
        let option = before.last().and_then(|st| st.options(d)).and_then(|o| o.get(step.option));
        format!("本步得 {} 分。{}", fmt_points(step.points), option.map(|o| o.feedback.as_str()).unwrap_or(""))
    });

    let current = match (state.options(d), state.ending(d)) {
        (Some(options), _) => {
            let order = shuffled(options.len(), props.seed ^ (props.path.len() as u64).wrapping_mul(0x9e37_79b9));
            match &props.on_choose {
                Some(on_choose) => {
                    let onsubmit = {
                        let selected = selected.clone();
                        let on_choose = on_choose.clone();
                        Callback::from(move |e: SubmitEvent| {
                            e.prevent_default();
                            if let Some(i) = *selected {
                                on_choose.emit(i);
                            }
                        })
                    };
                    let name = format!("dlg-{}-{}", props.item.id, props.path.len());
                    html! {
                        <form class="answer chat__reply" onsubmit={onsubmit}>
                            <fieldset class="options">
                                <legend>{ "您怎么回应？" }</legend>
                                { for order.iter().enumerate().filter_map(|(pos, &i)| {
                                    let o = options.get(i)?;
                                    let id = format!("{name}-{i}");
                                    let checked = *selected == Some(i);
                                    let onchange = {
                                        let selected = selected.clone();
                                        Callback::from(move |_: Event| selected.set(Some(i)))
                                    };
                                    Some(html! {
                                        <div class={classes!("option", checked.then_some("option--selected"))}>
                                            <input type="radio" id={id.clone()} name={name.clone()} checked={checked} onchange={onchange}
                                                data-testid="option" data-option-index={i.to_string()} />
                                            <label for={id}>
                                                <span class="option__letter" aria-hidden="true">{ letter(pos) }</span>
                                                <span class="option__text">{ o.text.clone() }</span>
                                            </label>
                                        </div>
                                    })
                                }) }
                            </fieldset>
                            <div class="answer__actions">
                                <button type="submit" class="button button--primary" disabled={selected.is_none()} data-testid="submit">{ "回复客户" }</button>
                            </div>
                        </form>
                    }
                }
                None => html! {},
            }
        }
        (None, Some(ending)) => {
            let class = match ending.result {
                EndingResult::Good => "ending ending--good",
                EndingResult::Partial => "ending ending--partial",
                EndingResult::Bad => "ending ending--bad",
            };
            html! {
                <div class={class} data-testid="dialogue-ending" data-result={ending.result.label()}>
                    <p class="ending__result">{ format!("结局：{}", ending.result.label()) }</p>
                    <p class="ending__outcome">{ ending.outcome.clone() }</p>
                    if !ending.feedback.is_empty() { <p>{ ending.feedback.clone() }</p> }
                </div>
            }
        }
        (None, None) => html! { <p class="muted">{ "对话数据有误，无法继续。" }</p> },
    };

    html! {
        <div class="dialogue" data-testid="dialogue">
            <MoodGauge mood={state.mood} scale={d.mood} />
            <ol class="chat" aria-label="对话记录" data-testid="dialogue-transcript">
                { for transcript }
                { line(&state.node) }
            </ol>
            <p class="visually-hidden" aria-live="polite">{ live.unwrap_or_default() }</p>
            { current }
        </div>
    }
}
