//! `order`: a list of steps, each with 上移 / 下移 buttons; focus follows the moved step and
//! each move is announced.

use crate::shell::focus_id;
use drill_core::scenario::{Item, ItemBody};
use drill_core::score::Answer;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OrderProps {
    pub item: Item,
    /// The initial (shuffled) order: indices into `steps`.
    pub order: Vec<usize>,
    pub on_submit: Callback<Answer>,
}

#[component]
pub fn OrderView(props: &OrderProps) -> Html {
    let initial = props.order.clone();
    let order = use_state(move || initial);
    let announce = use_state(String::new);
    let focus_next = use_state(|| (0u32, None::<String>));
    {
        use_effect_with((*focus_next).clone(), |target| {
            if let (_, Some(id)) = target {
                focus_id(id);
            }
        });
    }
    let ItemBody::Order(o) = &props.item.body else { return html! {} };
    let n = order.len();

    let mover = |pos: usize, up: bool| {
        let order = order.clone();
        let announce = announce.clone();
        let focus_next = focus_next.clone();
        let steps = o.steps.clone();
        Callback::from(move |_: MouseEvent| {
            let to = if up { pos.checked_sub(1) } else { Some(pos + 1).filter(|&t| t < order.len()) };
            let Some(to) = to else { return };
            let mut v = (*order).clone();
            v.swap(pos, to);
            let text = steps.get(v[to]).cloned().unwrap_or_default();
            announce.set(format!("“{}”已移到第 {} 位", text, to + 1));
            // Keep focus on the same button of the moved step, or its other button at an end.
            let dir = if (up && to == 0) || (!up && to + 1 == v.len()) { !up } else { up };
            focus_next
                .set((focus_next.0.wrapping_add(1), Some(format!("order-{}-{}", if dir { "up" } else { "down" }, to))));
            order.set(v);
        })
    };

    let onsubmit = {
        let order = order.clone();
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(Answer::Order { order: (*order).clone() });
        })
    };

    html! {
        <form class="answer" onsubmit={onsubmit}>
            <p class="muted" id="order-hint">{ "用“上移”“下移”按钮把步骤排成正确的先后顺序，然后提交。" }</p>
            <ol class="order-list" aria-describedby="item-prompt order-hint" data-testid="order-list">
                { for order.iter().enumerate().map(|(pos, &step)| {
                    let text = o.steps.get(step).cloned().unwrap_or_default();
                    html! {
                        <li class="order-step" key={step} data-testid="order-step" data-step-index={step.to_string()}>
                            <span class="order-step__num" aria-hidden="true">{ pos + 1 }</span>
                            <span class="order-step__text">{ text.clone() }</span>
                            <span class="order-step__buttons">
                                <button type="button" class="button button--icon" id={format!("order-up-{pos}")}
                                    aria-label={format!("上移：{text}")} disabled={pos == 0}
                                    onclick={mover(pos, true)} data-testid="order-up">{ "↑" }</button>
                                <button type="button" class="button button--icon" id={format!("order-down-{pos}")}
                                    aria-label={format!("下移：{text}")} disabled={pos + 1 == n}
                                    onclick={mover(pos, false)} data-testid="order-down">{ "↓" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ol>
            <p class="visually-hidden" aria-live="polite">{ (*announce).clone() }</p>
            <div class="answer__actions">
                <button type="submit" class="button button--primary" data-testid="submit">{ "提交顺序" }</button>
            </div>
        </form>
    }
}
