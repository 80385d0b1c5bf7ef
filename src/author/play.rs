//! Trying an item of the draft exactly as a trainee sees it: the trainee's item views and
//! feedback panel, scored by the same `score::score`. Nothing is recorded: the attempt lives
//! in this component's state only, never in the trainee's store.

use crate::components::choice::ChoiceView;
use crate::components::dialogue::DialogueView;
use crate::components::feedback::FeedbackPanel;
use crate::components::multi::MultiView;
use crate::components::order::OrderView;
use crate::components::reply::ReplyView;
use crate::components::use_app;
use drill_core::results::Attempt;
use drill_core::results::{display_order, fmt_points};
use drill_core::scenario::{Item, ItemBody};
use drill_core::score::{self, dialogue, Answer};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TryItemProps {
    pub item: Item,
    pub pack_id: String,
    /// Called when the author closes the preview.
    pub on_close: Callback<()>,
}

#[component]
pub fn TryItem(props: &TryItemProps) -> Html {
    let app = use_app();
    let attempt = use_state(|| None::<Attempt>);
    let path = use_state(Vec::<usize>::new);
    // A new seed per round, as a new run would shuffle.
    let seed = use_state(|| js_sys::Date::now() as u64);
    let item = props.item.clone();
    let finish = {
        let attempt = attempt.clone();
        let item = item.clone();
        let pack_id = props.pack_id.clone();
        let lib = app.library().cloned();
        move |answer: Answer| {
            let Some(lib) = &lib else { return };
            let outcome = score::score(&item, &answer, &lib.taboo);
            let now = js_sys::Date::now();
            attempt.set(Some(Attempt {
                pack_id: pack_id.clone(),
                item_id: item.id.clone(),
                answer,
                outcome,
                started_ms: now,
                answered_ms: now,
            }));
        }
    };
    let on_submit = Callback::from(finish.clone());
    let again = {
        let attempt = attempt.clone();
        let path = path.clone();
        let seed = seed.clone();
        Callback::from(move |()| {
            attempt.set(None);
            path.set(Vec::new());
            seed.set(*seed + 1);
        })
    };
    let key = format!("{}-{}", item.id, *seed);
    let body = match (&*attempt, &item.body) {
        (Some(a), _) => html! {
            <>
                if let (ItemBody::Dialogue(_), Answer::Dialogue { path }) = (&item.body, &a.answer) {
                    <DialogueView key={format!("{key}-done")} item={item.clone()} path={path.clone()} seed={*seed} />
                }
                <FeedbackPanel key={format!("fb-{key}")} item={item.clone()} attempt={a.clone()} is_last={false} on_next={again.clone()} />
            </>
        },
        (None, ItemBody::Choice(_)) => {
            html! { <ChoiceView key={key} item={item.clone()} order={display_order(&item, *seed)} on_submit={on_submit} /> }
        }
        (None, ItemBody::Multi(_)) => {
            html! { <MultiView key={key} item={item.clone()} order={display_order(&item, *seed)} on_submit={on_submit} /> }
        }
        (None, ItemBody::Order(_)) => {
            html! { <OrderView key={key} item={item.clone()} order={display_order(&item, *seed)} on_submit={on_submit} /> }
        }
        (None, ItemBody::Reply(_)) => html! { <ReplyView key={key} item={item.clone()} on_submit={on_submit} /> },
        (None, ItemBody::Dialogue(d)) => {
            let on_choose = {
                let path = path.clone();
                let d = d.clone();
                Callback::from(move |option: usize| {
                    let mut next = (*path).clone();
                    next.push(option);
                    if dialogue::replay(&d, &next).1.ending(&d).is_some() {
                        finish(Answer::Dialogue { path: next.clone() });
                    }
                    path.set(next);
                })
            };
            html! { <DialogueView key={key} item={item.clone()} path={(*path).clone()} seed={*seed} on_choose={on_choose} /> }
        }
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    html! {
        <section class="author-try" aria-labelledby="author-try-title" data-testid="author-try">
            <div class="author-try__bar">
                <h2 id="author-try-title">{ format!("试做：{}", item.id) }</h2>
                <button type="button" class="button button--ghost button--small" onclick={close} data-testid="author-try-close">{ "结束试做" }</button>
            </div>
            <p class="muted author-try__note">{ "与学员看到的完全一样；试做不计入任何成绩。" }</p>
            <article class="card item" aria-labelledby="author-try-title author-try-prompt" data-testid="item" data-kind={format!("{:?}", item.kind()).to_ascii_lowercase()}>
                <p class="item__meta">
                    <span class="badge badge--kind">{ item.kind().label() }</span>
                    <span>{ format!("满分 {} 分", fmt_points(item.max_points())) }</span>
                </p>
                if !item.context.is_empty() {
                    <p class="item__context">{ item.context.clone() }</p>
                }
                <p class="item__prompt" id="author-try-prompt" data-testid="item-prompt">{ item.prompt.clone() }</p>
                { body }
            </article>
        </section>
    }
}
