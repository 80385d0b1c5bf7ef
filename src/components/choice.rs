//! `choice`: one radio group, options in the run's shuffled order.

use drill_core::scenario::{Item, ItemBody};
use drill_core::score::Answer;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub item: Item,
    /// Display order: indices into the options (file order).
    pub order: Vec<usize>,
    pub on_submit: Callback<Answer>,
}

#[component]
pub fn ChoiceView(props: &ChoiceProps) -> Html {
    let selected = use_state(|| None::<usize>);
    let ItemBody::Choice(choice) = &props.item.body else { return html! {} };
    let name = format!("choice-{}", props.item.id);
    let onsubmit = {
        let selected = selected.clone();
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(option) = *selected {
                on_submit.emit(Answer::Choice { option });
            }
        })
    };
    html! {
        <form class="answer" onsubmit={onsubmit}>
            <fieldset class="options" aria-describedby="item-prompt">
                <legend>{ "请选择最恰当的一项" }</legend>
                { for props.order.iter().enumerate().filter_map(|(pos, &i)| {
                    let option = choice.options.get(i)?;
                    let id = format!("{name}-{i}");
                    let onchange = {
                        let selected = selected.clone();
                        Callback::from(move |_: Event| selected.set(Some(i)))
                    };
                    let checked = *selected == Some(i);
                    Some(html! {
                        <div class={classes!("option", checked.then_some("option--selected"))}>
                            <input type="radio" id={id.clone()} name={name.clone()} value={i.to_string()} checked={checked}
                                onchange={onchange} data-testid="option" data-option-index={i.to_string()} />
                            <label for={id}>
                                <span class="option__letter" aria-hidden="true">{ letter(pos) }</span>
                                <span class="option__text">{ option.text.clone() }</span>
                            </label>
                        </div>
                    })
                }) }
            </fieldset>
            <div class="answer__actions">
                <button type="submit" class="button button--primary" disabled={selected.is_none()} data-testid="submit">{ "提交答案" }</button>
                if selected.is_none() { <span class="muted">{ "选择一项后提交" }</span> }
            </div>
        </form>
    }
}

/// A, B, C… for display only (the order is shuffled per run).
pub fn letter(pos: usize) -> String {
    char::from_u32('A' as u32 + pos as u32).map_or_else(|| (pos + 1).to_string(), |c| c.to_string())
}
