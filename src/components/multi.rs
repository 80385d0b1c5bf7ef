//! `multi`: checkboxes, options in the run's shuffled order.

use super::choice::letter;
use drill_core::scenario::{Item, ItemBody};
use drill_core::score::Answer;
use std::collections::BTreeSet;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MultiProps {
    pub item: Item,
    pub order: Vec<usize>,
    pub on_submit: Callback<Answer>,
}

#[component]
pub fn MultiView(props: &MultiProps) -> Html {
    let selected = use_state(BTreeSet::<usize>::new);
    let ItemBody::Multi(multi) = &props.item.body else { return html! {} };
    let onsubmit = {
        let selected = selected.clone();
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !selected.is_empty() {
                on_submit.emit(Answer::Multi { selected: selected.iter().copied().collect() });
            }
        })
    };
    html! {
        <form class="answer" onsubmit={onsubmit}>
            <fieldset class="options" aria-describedby="item-prompt multi-hint">
                <legend>{ "选出所有正确的选项" }</legend>
                <p class="muted" id="multi-hint">{ "可多选。选错的选项会扣分。" }</p>
                { for props.order.iter().enumerate().filter_map(|(pos, &i)| {
                    let option = multi.options.get(i)?;
                    let id = format!("multi-{}-{i}", props.item.id);
                    let checked = selected.contains(&i);
                    let onchange = {
                        let selected = selected.clone();
                        Callback::from(move |_: Event| {
                            let mut s = (*selected).clone();
                            if !s.remove(&i) {
                                s.insert(i);
                            }
                            selected.set(s);
                        })
                    };
                    Some(html! {
                        <div class={classes!("option", checked.then_some("option--selected"))}>
                            <input type="checkbox" id={id.clone()} checked={checked} onchange={onchange}
                                data-testid="option" data-option-index={i.to_string()} />
                            <label for={id}>
                                <span class="option__letter" aria-hidden="true">{ letter(pos) }</span>
                                <span class="option__text">{ option.text.clone() }</span>
                            </label>
                        </div>
                    })
                }) }
            </fieldset>
            <div class="answer__actions">
                <button type="submit" class="button button--primary" disabled={selected.is_empty()} data-testid="submit">{ "提交答案" }</button>
                <span class="muted" aria-live="polite">{ format!("已选 {} 项", selected.len()) }</span>
            </div>
        </form>
    }
}
