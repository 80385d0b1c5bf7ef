//! The trainee session (`drill_core::session`) as the web app drives it, natively, on the
//! fixture pack (`tests/fixtures/good.yaml`: a choice, a multi, an order, a reply and a
//! dialogue) with a clock the test sets: starting runs, answering, stale and double answers,
//! dialogue steps and the cut-back of a path the content no longer allows, retries of what
//! was not at full marks, and pruning items a trainer removed.

use drill_core::bundle::PackIndex;
use drill_core::load::{load_banned, load_catalogue, Library, Source};
use drill_core::results::{PackRun, Profile, TraineeStore};
use drill_core::score::Answer;
use drill_core::session::{apply, Action, Changed, Content};
use std::path::Path;

fn fixture(name: &str) -> Source {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures"));
    Source::new(name, std::fs::read_to_string(root.join(name)).expect("fixture"))
}

fn library_with(pack: Source) -> Library {
    let catalogue = load_catalogue(&fixture("standards.yaml")).expect("catalogue");
    let banned = load_banned(&fixture("banned.yaml"), &catalogue).expect("banned list");
    let library = Library::build(catalogue, banned, &[pack]);
    assert!(library.broken.is_empty(), "{:?}", library.broken);
    library
}

fn library() -> Library {
    library_with(fixture("good.yaml"))
}

const PACK: &str = "good-pack";
const T0: f64 = 1_700_000_000_000.0;

fn full(library: &Library) -> Content<'_> {
    Content { index: None, library: Some(library) }
}

fn start(store: &mut TraineeStore, content: Content<'_>, retry: bool, now: f64) -> Changed {
    apply(store, content, Action::StartRun { pack_id: PACK.into(), retry }, now)
}

fn answer(store: &mut TraineeStore, content: Content<'_>, item: &str, answer: Answer, now: f64) -> Changed {
    apply(store, content, Action::Answer { pack_id: PACK.into(), item_id: item.into(), answer }, now)
}

fn step(store: &mut TraineeStore, content: Content<'_>, option: usize, now: f64) -> Changed {
    apply(store, content, Action::DialogueStep { pack_id: PACK.into(), item_id: "good-dialogue".into(), option }, now)
}

fn run(store: &TraineeStore) -> &PackRun {
    store.runs.get(PACK).expect("a run of the pack")
}

/// Answers the first four items of a fresh run (choice at 4 of 10, the others at full marks),
/// leaving the dialogue current.
fn answer_up_to_dialogue(store: &mut TraineeStore, lib: &Library) {
    assert_eq!(start(store, full(lib), false, T0), Changed::Store);
    assert_eq!(answer(store, full(lib), "good-choice", Answer::Choice { option: 1 }, T0 + 1.0), Changed::Recorded(0));
    let multi = Answer::Multi { selected: vec![0, 1] };
    assert!(matches!(answer(store, full(lib), "good-multi", multi, T0 + 2.0), Changed::Recorded(1)));
    let order = Answer::Order { order: vec![0, 1, 2] };
    assert!(matches!(answer(store, full(lib), "good-order", order, T0 + 3.0), Changed::Recorded(2)));
    let reply =
        Answer::Reply { text: "真是抱歉，根据现有的规定，我们还无法办理，请您谅解。".into() };
    assert!(matches!(answer(store, full(lib), "good-reply", reply, T0 + 4.0), Changed::Recorded(3)));
    assert_eq!(run(store).current(), Some("good-dialogue"));
}

#[test]
fn the_profile_is_kept_trimmed() {
    let mut store = TraineeStore::default();
    let typed = Profile { name: "  张三 ".into(), employee_no: " 10086\t".into(), team: " 营业一班 ".into() };
    assert_eq!(apply(&mut store, Content::default(), Action::SaveProfile(typed), T0), Changed::Store);
    assert_eq!(
        store.profile,
        Some(Profile { name: "张三".into(), employee_no: "10086".into(), team: "营业一班".into() })
    );
}

#[test]
fn a_run_starts_from_the_pack_list_alone_with_the_clock_given() {
    let lib = library();
    let index = PackIndex::of(&lib);
    let list_only = Content { index: Some(&index), library: None };
    let mut store = TraineeStore::default();
    assert_eq!(start(&mut store, list_only, false, T0), Changed::Store);
    let run = run(&store);
    assert_eq!(run.items, ["good-choice", "good-multi", "good-order", "good-reply", "good-dialogue"]);
    assert_eq!((run.started_ms, run.item_started_ms, run.retry), (T0, T0, false));
    // An unknown pack, or no content at all, starts nothing.
    let unknown = Action::StartRun { pack_id: "no-such-pack".into(), retry: false };
    assert_eq!(apply(&mut store, list_only, unknown, T0), Changed::Nothing);
    let mut empty = TraineeStore::default();
    assert_eq!(start(&mut empty, Content::default(), false, T0), Changed::Nothing);
    assert!(empty.runs.is_empty());
}

#[test]
fn an_answer_is_scored_recorded_and_moves_the_run_on() {
    let lib = library();
    let mut store = TraineeStore::default();
    assert_eq!(start(&mut store, full(&lib), false, T0), Changed::Store);
    assert_eq!(
        answer(&mut store, full(&lib), "good-choice", Answer::Choice { option: 0 }, T0 + 5_000.0),
        Changed::Recorded(0)
    );
    let attempt = &store.attempts[0];
    assert_eq!((attempt.pack_id.as_str(), attempt.item_id.as_str()), (PACK, "good-choice"));
    assert_eq!((attempt.outcome.points, attempt.outcome.max), (10.0, 10.0));
    assert_eq!((attempt.started_ms, attempt.answered_ms), (T0, T0 + 5_000.0));
    let run = run(&store);
    assert_eq!(run.answers.get("good-choice"), Some(&0));
    assert_eq!(run.current(), Some("good-multi"));
    assert_eq!(run.item_started_ms, T0 + 5_000.0, "the next item's clock starts at the answer");
}

#[test]
fn stale_and_double_answers_change_nothing() {
    let lib = library();
    let mut store = TraineeStore::default();
    assert_eq!(start(&mut store, full(&lib), false, T0), Changed::Store);
    // No content yet: the answer cannot be scored, so it is not taken.
    assert_eq!(
        answer(&mut store, Content::default(), "good-choice", Answer::Choice { option: 0 }, T0),
        Changed::Nothing
    );
    assert!(matches!(
        answer(&mut store, full(&lib), "good-choice", Answer::Choice { option: 0 }, T0),
        Changed::Recorded(_)
    ));
    let before = store.clone();
    // The same item again (a double submit), an item that is not current, an unknown item,
    // a pack without a run.
    assert_eq!(answer(&mut store, full(&lib), "good-choice", Answer::Choice { option: 2 }, T0), Changed::Nothing);
    assert_eq!(answer(&mut store, full(&lib), "good-order", Answer::Order { order: vec![0] }, T0), Changed::Nothing);
    assert_eq!(answer(&mut store, full(&lib), "no-such-item", Answer::Choice { option: 0 }, T0), Changed::Nothing);
    let other =
        Action::Answer { pack_id: "other".into(), item_id: "good-multi".into(), answer: Answer::Choice { option: 0 } };
    assert_eq!(apply(&mut store, full(&lib), other, T0), Changed::Nothing);
    // A dialogue step on an item that is not a dialogue.
    let not_dialogue = Action::DialogueStep { pack_id: PACK.into(), item_id: "good-multi".into(), option: 0 };
    assert_eq!(apply(&mut store, full(&lib), not_dialogue, T0), Changed::Nothing);
    assert_eq!(store, before);
}

#[test]
fn dialogue_steps_are_saved_one_by_one_and_recorded_at_the_ending() {
    let lib = library();
    let mut store = TraineeStore::default();
    answer_up_to_dialogue(&mut store, &lib);
    // A step to a dialogue that is not current yet is refused like any stale answer.
    assert_eq!(store.attempts.len(), 4);
    assert_eq!(step(&mut store, full(&lib), 0, T0 + 10.0), Changed::Store);
    assert_eq!(run(&store).dialogue_path, [0]);
    // Node `scope` has one option: index 1 is a stale click.
    assert_eq!(step(&mut store, full(&lib), 1, T0 + 11.0), Changed::Nothing);
    assert_eq!(run(&store).dialogue_path, [0]);
    assert_eq!(step(&mut store, full(&lib), 0, T0 + 12.0), Changed::Recorded(4));
    let attempt = &store.attempts[4];
    assert_eq!(attempt.answer, Answer::Dialogue { path: vec![0, 0] });
    assert_eq!((attempt.outcome.points, attempt.outcome.max), (6.0, 6.0));
    assert_eq!((attempt.started_ms, attempt.answered_ms), (T0 + 4.0, T0 + 12.0));
    assert!(run(&store).dialogue_path.is_empty());
    assert!(run(&store).is_finished());
    // The run is over: further steps are stale.
    assert_eq!(step(&mut store, full(&lib), 0, T0 + 13.0), Changed::Nothing);
}

#[test]
fn a_stored_path_the_content_no_longer_allows_is_cut_back_before_the_step() {
    let lib = library();
    let mut store = TraineeStore::default();
    answer_up_to_dialogue(&mut store, &lib);
    // Saved before a trainer edited the dialogue: option 0, then an option `scope` no longer has.
    store.runs.get_mut(PACK).expect("run").dialogue_path = vec![0, 7, 3];
    assert_eq!(step(&mut store, full(&lib), 0, T0 + 20.0), Changed::Recorded(4));
    assert_eq!(store.attempts[4].answer, Answer::Dialogue { path: vec![0, 0] });
    // A path invalid from its first step is cut back to nothing.
    let mut store = TraineeStore::default();
    answer_up_to_dialogue(&mut store, &lib);
    store.runs.get_mut(PACK).expect("run").dialogue_path = vec![9];
    assert_eq!(step(&mut store, full(&lib), 0, T0 + 21.0), Changed::Store);
    assert_eq!(run(&store).dialogue_path, [0]);
}

#[test]
fn a_retry_replays_only_what_was_not_at_full_marks() {
    let lib = library();
    let mut store = TraineeStore::default();
    // A retry needs the content and a previous run.
    assert_eq!(start(&mut store, full(&lib), true, T0), Changed::Nothing);
    answer_up_to_dialogue(&mut store, &lib);
    assert!(matches!(step(&mut store, full(&lib), 0, T0 + 5.0), Changed::Store));
    assert!(matches!(step(&mut store, full(&lib), 0, T0 + 6.0), Changed::Recorded(4)));
    assert_eq!(start(&mut store, full(&lib), true, T0 + 100.0), Changed::Store);
    let retry = run(&store);
    assert_eq!(retry.items, ["good-choice"], "only the choice was below full marks");
    assert!(retry.retry);
    assert_eq!(retry.started_ms, T0 + 100.0);
    assert_eq!(store.attempts.len(), 5, "attempts are history: a new run keeps them");
    // Full marks this time: nothing is left to retry.
    assert!(matches!(
        answer(&mut store, full(&lib), "good-choice", Answer::Choice { option: 0 }, T0 + 101.0),
        Changed::Recorded(5)
    ));
    let before = store.clone();
    assert_eq!(start(&mut store, full(&lib), true, T0 + 102.0), Changed::Nothing);
    assert_eq!(store, before);
}

#[test]
fn loading_content_prunes_removed_items_and_keeps_attempts() {
    let lib = library();
    let mut store = TraineeStore::default();
    assert_eq!(start(&mut store, full(&lib), false, T0), Changed::Store);
    assert!(matches!(
        answer(&mut store, full(&lib), "good-choice", Answer::Choice { option: 0 }, T0),
        Changed::Recorded(0)
    ));
    // A run of a pack the content does not have (set aside as broken) is left alone.
    store.runs.insert("elsewhere".into(), PackRun::new("elsewhere", vec!["x".into()], T0, false));
    // Unchanged content: nothing to prune.
    assert_eq!(apply(&mut store, full(&lib), Action::ContentLoaded, T0), Changed::Nothing);
    assert_eq!(apply(&mut store, Content::default(), Action::ContentLoaded, T0), Changed::Nothing);

    // The trainer removed the choice item and the dialogue.
    let text = fixture("good.yaml").text;
    let edited = remove_item(&remove_item(&text, "good-choice"), "good-dialogue");
    let edited = library_with(Source::new("good.yaml", edited));
    assert_eq!(apply(&mut store, full(&edited), Action::ContentLoaded, T0), Changed::Store);
    let run = run(&store);
    assert_eq!(run.items, ["good-multi", "good-order", "good-reply"]);
    assert!(run.answers.is_empty());
    assert_eq!(store.attempts.len(), 1, "the attempt stays in the history");
    assert!(store.runs.contains_key("elsewhere"));

    // Every item of the run removed: the run goes.
    let mut store = TraineeStore::default();
    store.runs.insert(PACK.into(), PackRun::new(PACK, vec!["gone".into()], T0, false));
    assert_eq!(apply(&mut store, full(&lib), Action::ContentLoaded, T0), Changed::Store);
    assert!(store.runs.is_empty());
}

/// The fixture pack without the item `id` (its `- id:` entry up to the next one).
fn remove_item(text: &str, id: &str) -> String {
    let start = text.find(&format!("  - id: {id}\n")).expect("item in fixture");
    let end = text[start + 1..].find("\n  - id: ").map_or(text.len(), |i| start + 1 + i + 1);
    format!("{}{}", &text[..start], &text[end..])
}
