//! The recall drill: a card's prompt, the trainee types the line from memory (or shows the
//! answer and rates themselves), the schedule is updated and saved at once, and the page
//! says when the card comes back. Missed cards come back in minutes, known ones in days.

use super::store;
use crate::shell::focus_id;
use crate::state::LibRef;
use crate::storage::{DocumentStatus, Recovered};
use drill_core::phrasebook::Rating;
use drill_core::phrasebook::{
    check_recall, local_day, Card, Day, DrillProgress, Phrasebook, Recall, Review, NEW_PER_DAY,
};
use gloo::timers::callback::Interval;
use std::rc::Rc;
use yew::prelude::*;

fn now() -> f64 {
    js_sys::Date::now()
}

/// The trainee's local calendar day of `ms` (the daily allowance of new cards turns at
/// their midnight).
fn day_of(ms: f64) -> Day {
    local_day(ms, -js_sys::Date::new_0().get_timezone_offset())
}

fn today() -> Day {
    day_of(now())
}

#[derive(Clone, PartialEq)]
enum Phase {
    /// Nothing due and no new card left today.
    Finished,
    Asking {
        card: String,
    },
    /// "显示答案" was pressed: the trainee rates themselves.
    Revealed {
        card: String,
    },
    Result {
        card: String,
        typed: Option<String>,
        recall: Option<Recall>,
        review: Review,
        at_ms: f64,
    },
}

#[derive(Clone, PartialEq)]
struct DrillState {
    book: Rc<Phrasebook>,
    /// The key the progress was read from and is written back to (`store::key`).
    key: String,
    progress: DrillProgress,
    storage: DocumentStatus,
    phase: Phase,
    /// Bumped when a new card is shown after "下一张" (focus moves to the answer box).
    shown: u32,
}

enum DrillAction {
    Check(String),
    Reveal,
    Rate(Rating),
    Next,
    /// Time passed: a finished drill looks again for due cards.
    Tick,
    RetrySave,
}

impl DrillState {
    fn open(book: Rc<Phrasebook>) -> DrillState {
        let (key, progress, storage) = store::open();
        let mut s = DrillState { book, key, progress, storage, phase: Phase::Finished, shown: 0 };
        s.phase = s.pick();
        s
    }

    fn pick(&self) -> Phase {
        match self.progress.next_card(&self.book, now(), today()) {
            Some(card) => Phase::Asking { card: card.id.clone() },
            None => Phase::Finished,
        }
    }

    fn review(&mut self, card: String, typed: Option<String>, recall: Option<Recall>, rating: Rating) {
        let at_ms = now();
        let review = self.progress.review(&card, rating, at_ms, today());
        store::save(&self.key, &self.progress, &mut self.storage);
        self.phase = Phase::Result { card, typed, recall, review, at_ms };
    }
}

impl Reducible for DrillState {
    type Action = DrillAction;

    fn reduce(self: Rc<Self>, action: DrillAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match (action, &self.phase) {
            (DrillAction::Check(typed), Phase::Asking { card }) => {
                let Some(c) = s.book.card(card) else { return self };
                let recall = check_recall(c, &typed);
                let rating = recall.rating;
                s.review(card.clone(), Some(typed), Some(recall), rating);
            }
            (DrillAction::Reveal, Phase::Asking { card }) => s.phase = Phase::Revealed { card: card.clone() },
            (DrillAction::Rate(rating), Phase::Revealed { card }) => s.review(card.clone(), None, None, rating),
            (DrillAction::Next, Phase::Result { .. }) => {
                s.phase = s.pick();
                s.shown += 1;
            }
            (DrillAction::Tick, Phase::Finished) => {
                let next = s.pick();
                if next == Phase::Finished {
                    return self;
                }
                s.phase = next;
            }
            (DrillAction::RetrySave, _) => store::save(&s.key, &s.progress, &mut s.storage),
            _ => return self, // a stale click
        }
        Rc::new(s)
    }
}

#[derive(Properties, PartialEq)]
pub struct DrillProps {
    pub book: Rc<Phrasebook>,
    pub lib: LibRef,
}

#[component]
pub fn Drill(props: &DrillProps) -> Html {
    let state = {
        let book = props.book.clone();
        use_reducer(move || DrillState::open(book))
    };
    let typed = use_state(String::new);

    // After checking or rating, focus moves to the result; after "下一张", to the answer box.
    {
        let in_result = matches!(state.phase, Phase::Result { .. });
        use_effect_with(in_result, move |in_result| {
            if *in_result {
                focus_id("pb-result-title");
            }
        });
    }
    {
        let typed = typed.clone();
        use_effect_with(state.shown, move |shown| {
            typed.set(String::new());
            if *shown > 0 {
                focus_id("pb-answer");
                focus_id("pb-finished-title");
            }
        });
    }
    // While finished, look again every 20 s (a missed card comes back within minutes).
    {
        let finished = state.phase == Phase::Finished;
        let state = state.clone();
        use_effect_with(finished, move |finished| {
            let timer = finished.then(|| Interval::new(20_000, move || state.dispatch(DrillAction::Tick)));
            move || drop(timer)
        });
    }

    let t = now();
    let day = day_of(t);
    let stats = state.progress.stats(&state.book, t, day);
    let counts = html! {
        <dl class="pb-counts" data-testid="pb-counts">
            <div class="pb-counts__item"><dt>{ "今日待复习" }</dt><dd data-testid="pb-count-due">{ stats.to_do() }</dd></div>
            <div class="pb-counts__item"><dt>{ "已学" }</dt><dd data-testid="pb-count-learned">{ stats.learned }</dd></div>
            <div class="pb-counts__item"><dt>{ "已掌握" }</dt><dd data-testid="pb-count-mastered">{ stats.mastered }</dd></div>
        </dl>
    };
    let banner = storage_banner(&state);
    let card_of = |id: &str| state.book.card(id).cloned();

    let body = match &state.phase {
        Phase::Finished => {
            let next = stats.next_due_ms.map(|due| Review { rating: Rating::Good, due_ms: due }.interval_label(t));
            // A missed card back within minutes means a pause, not the end of the day.
            let later_today = stats.next_due_ms.is_some_and(|due| day_of(due) == day);
            html! {
                <section class="panel pb-finished" aria-labelledby="pb-finished-title" data-testid="pb-finished">
                    <h2 id="pb-finished-title" tabindex="-1">{ if later_today { "这一轮练完了" } else { "今天的练习完成了" } }</h2>
                    <p>{ match next {
                        Some(when) => format!("下一张卡片在 {when}到期，到时回来这里继续即可。"),
                        None if stats.unseen > 0 => "暂时没有需要复习的卡片。".to_owned(),
                        None => "手册里的卡片都已练过，暂时没有需要复习的卡片。".to_owned(),
                    } }</p>
                    if stats.unseen > 0 {
                        <p data-testid="pb-new-tomorrow">{ format!("今天的 {NEW_PER_DAY} 张新卡片已经学完。手册中还有 {} 张新卡片，明天起每天学 {NEW_PER_DAY} 张。", stats.unseen) }</p>
                    }
                    <p class="muted">{ "记录保存在本机浏览器中。想巩固记忆，也可以去“浏览手册”通读一遍。" }</p>
                </section>
            }
        }
        Phase::Asking { card } | Phase::Revealed { card } => {
            let Some(c) = card_of(card) else { return html! {} };
            let revealed = matches!(state.phase, Phase::Revealed { .. });
            let is_new = !state.progress.cards.contains_key(&c.id);
            html! {
                <section class="panel pb-card" aria-labelledby="pb-card-title" data-testid="pb-card" data-card-id={c.id.clone()}>
                    <p class="pb-card__meta">
                        <span class="pb-chip">{ c.situation.label() }</span>
                        if is_new { <span class="pb-chip pb-chip--new">{ "新卡片" }</span> }
                        <span class="pb-rule-id">{ c.standard.clone() }</span>
                    </p>
                    <h2 id="pb-card-title" class="pb-card__prompt" data-testid="pb-prompt">{ c.prompt.clone() }</h2>
                    if revealed {
                        <div class="pb-answer-shown" data-testid="pb-revealed">
                            <p class="pb-result__label">{ "标准说法" }</p>
                            <p class="pb-result__line" data-testid="pb-standard-line">{ c.answer.clone() }</p>
                            <p id="pb-rate-help">{ "刚才您想起来了吗？请如实选择，安排下次复习的时间。" }</p>
                            <div class="pb-rate" role="group" aria-describedby="pb-rate-help">
                                { rate_button(&state, Rating::Again, "忘了", "pb-rate-again") }
                                { rate_button(&state, Rating::Hard, "模糊", "pb-rate-hard") }
                                { rate_button(&state, Rating::Good, "记得", "pb-rate-good") }
                            </div>
                        </div>
                    } else {
                        { answer_form(&state, &typed) }
                    }
                </section>
            }
        }
        Phase::Result { card, typed: said, recall, review, at_ms } => {
            let Some(c) = card_of(card) else { return html! {} };
            html! { <ResultView card={c} said={said.clone()} recall={recall.clone()} review={review.clone()} at_ms={*at_ms} on_next={{ let s = state.clone(); Callback::from(move |_| s.dispatch(DrillAction::Next)) }} /> }
        }
    };

    html! {
        <div class="pb-drill">
            { banner }
            { counts }
            { body }
        </div>
    }
}

fn answer_form(state: &UseReducerHandle<DrillState>, typed: &UseStateHandle<String>) -> Html {
    let submit = {
        let state = state.clone();
        let typed = typed.clone();
        move || {
            if !typed.trim().is_empty() {
                state.dispatch(DrillAction::Check((*typed).clone()));
            }
        }
    };
    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit();
        })
    };
    // Enter (or Ctrl+Enter) submits; Shift+Enter is a new line; Enter that confirms an input
    // method's candidate (composing) is left to the input method.
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && !e.shift_key() && !e.is_composing() && e.key_code() != 229 {
            e.prevent_default();
            submit();
        }
    });
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
        })
    };
    let reveal = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(DrillAction::Reveal))
    };
    html! {
        <form class="pb-form" onsubmit={onsubmit}>
            <div class="field">
                <label for="pb-answer">{ "凭记忆写出标准说法" }</label>
                <textarea id="pb-answer" rows="3" value={(**typed).clone()} oninput={oninput} onkeydown={onkeydown}
                    aria-describedby="pb-card-title pb-answer-help" data-testid="pb-answer" maxlength="500" />
                <p class="field__help" id="pb-answer-help">{ "按 Enter 提交，Shift+Enter 换行；繁体、标点不同也没关系。" }</p>
            </div>
            <div class="pb-form__actions">
                <button type="submit" class="button button--primary" disabled={typed.trim().is_empty()} data-testid="pb-check">{ "核对" }</button>
                <button type="button" class="button" onclick={reveal} data-testid="pb-reveal">{ "显示答案" }</button>
            </div>
        </form>
    }
}

fn rate_button(
    state: &UseReducerHandle<DrillState>,
    rating: Rating,
    label: &'static str,
    testid: &'static str,
) -> Html {
    let onclick = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(DrillAction::Rate(rating)))
    };
    html! { <button type="button" class="button pb-rate__button" onclick={onclick} data-testid={testid}>{ label }</button> }
}

fn storage_banner(state: &UseReducerHandle<DrillState>) -> Html {
    let st = &state.storage;
    let recovered = st.recovered.as_ref().map(|Recovered { problem, backup_key, .. }| match backup_key {
        Some(key) => format!("之前的用语练习记录无法读取（{problem}）。原始数据已原样备份在浏览器本地存储的 {key} 中，可请管理员协助恢复；现在在 {} 中开始一份新的练习记录。", state.key),
        None => format!("之前的用语练习记录无法读取（{problem}），也无法备份。为避免覆盖它，本次练习不会写入浏览器存储，关闭页面后本次记录会丢失。"),
    });
    let failed = st.unavailable.clone().or_else(|| st.write_error.clone());
    let retry = st.write_error.is_some() && st.unavailable.is_none();
    let onclick = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(DrillAction::RetrySave))
    };
    html! {
        <>
            if let Some(text) = recovered {
                <div class="banner banner--warn pb-banner" role="alert" data-testid="pb-storage-recovered"><div class="banner__inner"><p>{ text }</p></div></div>
            }
            if let Some(reason) = failed {
                <div class="banner banner--warn pb-banner" role="alert" data-testid="pb-storage-banner">
                    <div class="banner__inner">
                        <p><strong>{ "用语练习记录无法保存到本机浏览器。" }</strong>{ format!("原因：{reason}。练习可以继续，记录暂存在页面中；关闭或刷新页面后将会丢失。") }</p>
                        if retry { <button type="button" class="button button--small" onclick={onclick}>{ "重新保存" }</button> }
                    </div>
                </div>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ResultProps {
    card: Card,
    said: Option<String>,
    recall: Option<Recall>,
    review: Review,
    at_ms: f64,
    on_next: Callback<MouseEvent>,
}

#[component]
fn ResultView(props: &ResultProps) -> Html {
    let c = &props.card;
    let when = props.review.interval_label(props.at_ms);
    let correct =
        props.recall.as_ref().map_or(matches!(props.review.rating, Rating::Good | Rating::Easy), Recall::is_correct);
    let (class, mark) = match props.review.rating {
        Rating::Easy | Rating::Good => ("feedback--correct", "✓"),
        Rating::Hard => ("feedback--partial", "≈"),
        Rating::Again => ("feedback--wrong", "✗"),
    };
    let verdict = match &props.recall {
        Some(r) => r.label().to_owned(),
        None => match props.review.rating {
            Rating::Again => "忘了".to_owned(),
            Rating::Hard => "模糊".to_owned(),
            _ => "记得".to_owned(),
        },
    };
    html! {
        <section class={classes!("panel", "pb-result", class)} aria-labelledby="pb-result-title" data-testid="pb-result"
            data-correct={correct.to_string()} data-rating={format!("{:?}", props.review.rating).to_lowercase()}>
            <div aria-live="polite">
                <h2 id="pb-result-title" tabindex="-1" data-testid="pb-verdict">
                    <span class="pb-result__mark" aria-hidden="true">{ mark }</span>{ verdict }
                    if let Some(r) = &props.recall {
                        <span class="pb-result__pct" data-testid="pb-similarity">{ format!("相似度 {:.0}%", r.similarity * 100.0) }</span>
                    }
                </h2>
                if props.recall.as_ref().is_some_and(|r| r.said_banned) {
                    <p class="pb-result__banned" data-testid="pb-said-banned">
                        { format!("您的回答里仍然说了服务忌语“{}”。这张卡片要练的正是不说它。", c.avoid.clone().unwrap_or_default()) }
                    </p>
                }
            </div>
            <p class="pb-card__prompt">{ c.prompt.clone() }</p>
            if let Some(said) = &props.said {
                <p class="pb-result__label">{ "您写的" }</p>
                <p class="pb-result__said" data-testid="pb-said">{ said.clone() }</p>
            }
            <p class="pb-result__label">{ "标准说法" }</p>
            <p class="pb-result__line" data-testid="pb-standard-line">{ c.answer.clone() }</p>
            <p class="pb-result__when" data-testid="pb-next-review">{ format!("这张卡片 {when}再复习。") }</p>
            <button type="button" class="button button--primary" onclick={props.on_next.clone()} data-testid="pb-next">{ "下一张" }</button>
        </section>
    }
}
