//! Playing a pack: one item at a time, with a progress bar; after each answer the feedback
//! panel; at the end, on to the summary. The run lives in the store, so a reload resumes it.

use super::choice::ChoiceView;
use super::dialogue::DialogueView;
use super::feedback::FeedbackPanel;
use super::multi::MultiView;
use super::order::OrderView;
use super::reply::ReplyView;
use super::use_app;
use crate::route::Route;
use crate::shell::focus_id;
use drill_core::results::{display_order, fmt_points, item_seed};
use drill_core::scenario::ItemBody;
use drill_core::score::{dialogue, Answer};
use drill_core::session;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    pub pack_id: String,
}

#[component]
pub fn Player(props: &PlayerProps) -> Html {
    let app = use_app();
    // The item whose feedback is on screen (its answer is already saved).
    let feedback_for = use_state(|| None::<String>);
    let pack = app.pack(&props.pack_id).cloned();
    let run = app.store.runs.get(&props.pack_id).cloned();

    // Arrived by URL with no run yet: start one.
    {
        let app = app.clone();
        let id = props.pack_id.clone();
        use_effect_with((pack.is_some(), run.is_none()), move |&(has_pack, no_run)| {
            if has_pack && no_run {
                app.dispatch(session::Action::StartRun { pack_id: id, retry: false }.into());
            }
        });
    }
    // A finished run with no feedback showing (e.g. reloaded after the last answer): summary.
    let finished = run.as_ref().is_some_and(|r| r.is_finished());
    {
        let id = props.pack_id.clone();
        use_effect_with((finished, feedback_for.is_none()), move |&(finished, no_feedback)| {
            if finished && no_feedback {
                Route::Summary(id).replace();
            }
        });
    }
    let title = match (&pack, &run) {
        (Some(p), Some(r)) => format!(
            "第 {} / {} 题 · {}",
            (r.answers.len() + usize::from(feedback_for.is_none())).min(r.items.len()),
            r.items.len(),
            p.title
        ),
        (Some(p), None) => p.title.clone(),
        _ => String::new(),
    };
    super::use_title(title);
    let shown = (*feedback_for).clone().or_else(|| run.as_ref().and_then(|r| r.current().map(str::to_owned)));
    // Each new item (and the first): focus its heading so keyboard and screen-reader users
    // start from the question.
    {
        let showing_feedback = feedback_for.is_some();
        use_effect_with(shown.clone(), move |shown| {
            if shown.is_some() && !showing_feedback {
                focus_id("page-title");
            }
        });
    }

    let Some(pack) = pack else {
        return html! {
            <section class="panel" data-testid="pack-missing">
                <h1 id="page-title" tabindex="-1">{ "找不到这个题包" }</h1>
                <p>{ format!("题包“{}”不在当前题库中，可能已被培训师移除或改名。", props.pack_id) }</p>
                <a class="button button--primary" href="#/">{ "返回题包列表" }</a>
            </section>
        };
    };
    let (Some(run), Some(item_id)) = (run, shown) else {
        return html! { <p class="panel" role="status">{ "正在准备题目……" }</p> };
    };
    let Some(item) = pack.item(&item_id).cloned() else {
        return html! { <p class="panel" role="status">{ "正在准备题目……" }</p> };
    };

    let total = run.items.len();
    let position = run.items.iter().position(|id| *id == item_id).map_or(1, |i| i + 1);
    let answered = run.answers.len();
    let progress_pct = (answered * 100).checked_div(total).unwrap_or(0);
    let seed = item_seed(&run, &item.id);

    let body = if let Some(id) = (*feedback_for).clone() {
        let attempt = run.answers.get(&id).and_then(|&i| app.store.attempts.get(i)).cloned();
        let is_last = run.is_finished();
        let on_next = {
            let feedback_for = feedback_for.clone();
            let pack_id = pack.id.clone();
            Callback::from(move |()| {
                feedback_for.set(None);
                if is_last {
                    Route::Summary(pack_id.clone()).go();
                }
            })
        };
        match attempt {
            Some(attempt) => html! {
                <>
                    if let (ItemBody::Dialogue(_), Answer::Dialogue { path }) = (&item.body, &attempt.answer) {
                        <DialogueView key={format!("{}-done", item.id)} item={item.clone()} path={path.clone()} seed={seed} />
                    }
                    <FeedbackPanel key={format!("fb-{}", item.id)} item={item.clone()} attempt={attempt} is_last={is_last} on_next={on_next} />
                </>
            },
            None => html! { <p class="panel" role="status">{ "正在保存答案……" }</p> },
        }
    } else {
        let on_submit = {
            let app = app.clone();
            let feedback_for = feedback_for.clone();
            let pack_id = pack.id.clone();
            let item_id = item.id.clone();
            Callback::from(move |answer: Answer| {
                app.dispatch(
                    session::Action::Answer { pack_id: pack_id.clone(), item_id: item_id.clone(), answer }.into(),
                );
                feedback_for.set(Some(item_id.clone()));
            })
        };
        match &item.body {
            ItemBody::Choice(_) => {
                html! { <ChoiceView key={item.id.clone()} item={item.clone()} order={display_order(&item, seed)} on_submit={on_submit} /> }
            }
            ItemBody::Multi(_) => {
                html! { <MultiView key={item.id.clone()} item={item.clone()} order={display_order(&item, seed)} on_submit={on_submit} /> }
            }
            ItemBody::Order(_) => {
                html! { <OrderView key={item.id.clone()} item={item.clone()} order={display_order(&item, seed)} on_submit={on_submit} /> }
            }
            ItemBody::Reply(_) => {
                html! { <ReplyView key={item.id.clone()} item={item.clone()} on_submit={on_submit} /> }
            }
            ItemBody::Dialogue(d) => {
                // Only the part of the saved path the current content allows.
                let playable: Vec<usize> =
                    run.dialogue_path[..dialogue::replay(d, &run.dialogue_path).0.len()].to_vec();
                let on_choose = {
                    let app = app.clone();
                    let feedback_for = feedback_for.clone();
                    let pack_id = pack.id.clone();
                    let item_id = item.id.clone();
                    let d = d.clone();
                    let path = playable.clone();
                    Callback::from(move |option: usize| {
                        app.dispatch(
                            session::Action::DialogueStep {
                                pack_id: pack_id.clone(),
                                item_id: item_id.clone(),
                                option,
                            }
                            .into(),
                        );
                        let mut next = path.clone();
                        next.push(option);
                        if dialogue::replay(&d, &next).1.ending(&d).is_some() {
                            feedback_for.set(Some(item_id.clone()));
                        }
                    })
                };
                html! { <DialogueView key={item.id.clone()} item={item.clone()} path={playable} seed={seed} on_choose={on_choose} /> }
            }
        }
    };

    html! {
        <div class="player" data-testid="player" data-pack-id={pack.id.clone()} data-item-id={item.id.clone()}>
            <nav class="player__top" aria-label="练习导航">
                <a class="back-link" href="#/" data-testid="back-to-list">{ "← 返回题包列表" }</a>
                <span class="muted">{ "进度已自动保存" }</span>
            </nav>
            <p class="player__pack">
                { pack.title.clone() }
                if run.retry { <span class="badge">{ "错题重练" }</span> }
            </p>
            <div class="player__progress">
                <h1 id="page-title" tabindex="-1" class="player__count" data-testid="item-position">
                    { format!("第 {position} 题 / 共 {total} 题") }
                </h1>
                <div class="progress" role="progressbar" aria-label="本轮进度" aria-valuemin="0"
                    aria-valuemax={total.to_string()} aria-valuenow={answered.to_string()}
                    aria-valuetext={format!("已完成 {answered} / {total} 题")}>
                    <div class="progress__fill" style={format!("width: {progress_pct}%")}></div>
                </div>
            </div>
            <article class="card item" aria-labelledby="page-title item-prompt" data-testid="item" data-kind={format!("{:?}", item.kind()).to_ascii_lowercase()}>
                <p class="item__meta">
                    <span class="badge badge--kind">{ item.kind().label() }</span>
                    <span>{ format!("满分 {} 分", fmt_points(item.max_points())) }</span>
                </p>
                if !item.context.is_empty() {
                    <p class="item__context" data-testid="item-context">{ item.context.clone() }</p>
                }
                <p class="item__prompt" id="item-prompt" data-testid="item-prompt">{ item.prompt.clone() }</p>
                { body }
            </article>
        </div>
    }
}
