//! The content corrections of issue 19, each replayed on the shipped scenarios with the
//! core's own scorer: the answer a senior trainer signs now scores highest, and the one the
//! issue found wrong no longer outscores it. Options are picked by a fragment of their text,
//! so the tests keep working when options are added or reworded around them.

use drill_core::load::{load_banned, load_catalogue, load_index, Library, Source};
use drill_core::phrasebook::load_phrasebook;
use drill_core::scenario::{Item, ItemBody, NodeStep};
use drill_core::score::{dialogue::best_total, score, Answer};
use std::path::Path;

fn read(name: &str) -> Source {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios").join(name);
    Source::new(format!("scenarios/{name}"), std::fs::read_to_string(&path).expect("scenario file"))
}

fn library() -> Library {
    let index = load_index(&read("index.yaml")).expect("index");
    let catalogue = load_catalogue(&read(&index.standards)).expect("standards");
    let banned = load_banned(&read(&index.banned), &catalogue).expect("banned");
    let sources: Vec<Source> = index.packs.iter().map(|p| read(p)).collect();
    let library = Library::build(catalogue, banned, &sources);
    assert!(library.broken.is_empty(), "broken packs: {:?}", library.broken);
    library
}

fn item<'l>(library: &'l Library, id: &str) -> &'l Item {
    library.packs.iter().flat_map(|p| &p.items).find(|i| i.id == id).unwrap_or_else(|| panic!("no item {id}"))
}

/// Points for the choice option whose text contains `fragment` (exactly one must).
fn choice_points(library: &Library, id: &str, fragment: &str) -> f64 {
    let item = item(library, id);
    let ItemBody::Choice(c) = &item.body else { panic!("{id} is not a choice item") };
    let found: Vec<usize> = (0..c.options.len()).filter(|&i| c.options[i].text.contains(fragment)).collect();
    assert_eq!(found.len(), 1, "{id}: options containing “{fragment}”: {found:?}");
    score(item, &Answer::Choice { option: found[0] }, &library.taboo).points
}

/// The text of the best choice option (the one that scores full marks).
fn best_choice(library: &Library, id: &str) -> String {
    let item = item(library, id);
    let ItemBody::Choice(c) = &item.body else { panic!("{id} is not a choice item") };
    let best: Vec<&str> =
        c.options.iter().filter(|o| (o.score - item.max_points()).abs() < 1e-9).map(|o| o.text.as_str()).collect();
    assert_eq!(best.len(), 1, "{id}: {best:?}");
    best[0].to_owned()
}

/// Plays a dialogue choosing, at each node, the option containing the next fragment; returns
/// the points and the dialogue's best total.
fn dialogue_points(library: &Library, id: &str, fragments: &[&str]) -> (f64, f64) {
    let item = item(library, id);
    let ItemBody::Dialogue(d) = &item.body else { panic!("{id} is not a dialogue") };
    let mut path = Vec::new();
    let mut node = d.start.clone();
    for fragment in fragments {
        let NodeStep::Options(options) = &d.nodes[&node].step else { panic!("{id}: {node} is an ending") };
        let i = options
            .iter()
            .position(|o| o.text.contains(fragment))
            .unwrap_or_else(|| panic!("{id}.{node}: no option containing “{fragment}”"));
        path.push(i);
        node = options[i].next.clone();
    }
    let outcome = score(item, &Answer::Dialogue { path }, &library.taboo);
    (outcome.points, best_total(d).expect("a best total"))
}

/// Options of a dialogue node as (text, score).
fn node_options(library: &Library, id: &str, node: &str) -> Vec<(String, f64)> {
    let ItemBody::Dialogue(d) = &item(library, id).body else { panic!("{id} is not a dialogue") };
    let NodeStep::Options(options) = &d.nodes[node].step else { panic!("{id}.{node} is an ending") };
    options.iter().map(|o| (o.text.clone(), o.score)).collect()
}

fn reply_points(library: &Library, id: &str, text: &str) -> (f64, f64) {
    let outcome = score(item(library, id), &Answer::Reply { text: text.into() }, &library.taboo);
    (outcome.points, outcome.max)
}

fn model_answer(library: &Library, id: &str) -> String {
    let ItemBody::Reply(r) = &item(library, id).body else { panic!("{id} is not a reply item") };
    r.model_answer.clone()
}

#[test]
fn repair_dlg_paid_checks_the_switch_before_declaring_an_internal_fault() {
    let lib = library();
    let open = node_options(&lib, "repair-dlg-paid", "open");
    let best = open.iter().map(|o| o.1).fold(f64::MIN, f64::max);
    let top: Vec<&str> = open.iter().filter(|o| o.1 == best).map(|o| o.0.as_str()).collect();
    assert!(top.iter().all(|t| t.contains("跳闸") && t.contains("保险")), "best at open: {top:?}");
    let declare =
        open.iter().find(|o| o.0.contains("不属于供电局维修范围")).expect("the early verdict stays as a wrong option");
    assert!(declare.1 < best, "declaring an internal fault before the check still scores {}", declare.1);
    // The full-marks path: check, then the internal-fault verdict, then paid service.
    let (got, max) = dialogue_points(&lib, "repair-dlg-paid", &["跳闸", "不属于供电局维修范围", "有资质", "物价部门"]);
    assert_eq!(got, max);
    let (early, _) = dialogue_points(&lib, "repair-dlg-paid", &["这是您家里的线路故障", "有资质", "物价部门"]);
    assert!(early < max, "skipping the check: {early} of {max}");
}

#[test]
fn repair_selfcheck_one_home_dispatch_outscores_sending_for_an_electrician() {
    let lib = library();
    let dispatch = choice_points(&lib, "repair-selfcheck-one-home", "抢修工单");
    let electrician = choice_points(&lib, "repair-selfcheck-one-home", "电工");
    assert!(dispatch > electrician && electrician <= 2.0, "dispatch {dispatch}, 电工 {electrician}");
    assert!(best_choice(&lib, "repair-selfcheck-one-home").contains("跳闸"));
}

#[test]
fn a_caller_with_a_bad_signal_is_asked_to_move_or_call_again_not_to_shout() {
    let lib = library();
    let best = best_choice(&lib, "hotline-open-unclear");
    assert!(best.contains("信号") && best.contains("安静") && !best.contains("大声"), "{best}");
    assert!(choice_points(&lib, "hotline-open-unclear", "请您大声一点，好吗？我这边") < 10.0);
    let model = model_answer(&lib, "hotline-open-unclear-reply");
    assert!(model.contains("信号") && !model.contains("大声"), "{model}");
    let (full, max) = reply_points(&lib, "hotline-open-unclear-reply", &model);
    let (louder, _) = reply_points(&lib, "hotline-open-unclear-reply", "对不起，您的声音有些小，请您大声一点，好吗？");
    assert_eq!(full, max);
    assert!(louder < max, "“speak louder” still earns {louder} of {max}");
    let index = load_index(&read("index.yaml")).expect("index");
    let catalogue = load_catalogue(&read(&index.standards)).expect("standards");
    let book = load_phrasebook(&read("phrasebook.yaml"), &catalogue).expect("phrasebook");
    let entry = book.entries.iter().find(|e| e.id == "phone-unclear").expect("phone-unclear");
    assert!(entry.line.contains("信号") && !entry.line.contains("大声"), "{}", entry.line);
}

#[test]
fn a_bribe_to_slow_the_meter_is_declined_as_theft_not_thanked() {
    let lib = library();
    for node in ["ask", "insist"] {
        let options = node_options(&lib, "biz-d-dialogue", node);
        let best = options.iter().map(|o| o.1).fold(f64::MIN, f64::max);
        for (text, points) in &options {
            if *points == best {
                assert!(text.contains("窃电") && !text.contains("还无法") && !text.contains("谢谢"), "{node}: {text}");
            }
            if text.contains("谢谢您的信任") || text.contains("还无法") {
                assert!(*points < best, "{node}: “{text}” still scores {points}");
            }
        }
    }
    let (got, max) = dialogue_points(&lib, "biz-d-dialogue", &["好处请您收回", "窃电"]);
    assert_eq!(got, max);
}

#[test]
fn biz_c_is_a_case_a_leader_can_approve_and_does_not_contradict_the_penalty_rule() {
    let lib = library();
    let c = item(&lib, "biz-c-choice");
    assert!(!c.context.contains("违约") && c.context.contains("退"), "{}", c.context);
    assert!(best_choice(&lib, "biz-c-choice").contains("陪您"), "accompanying the customer is still the best");
    assert!(choice_points(&lib, "biz-c-choice", "做不了主") <= 2.0);
    // The penalty is not waived anywhere (biz-policy-choice): no BIZ.C item promises a leader will.
    for (_, i) in lib.packs.iter().flat_map(|p| p.items.iter().map(move |i| (p, i))) {
        if i.standards.iter().any(|s| s == "BIZ.C") {
            assert!(!(i.context.contains("违约金") && i.context.contains("减")), "{}: {}", i.id, i.context);
        }
    }
}

#[test]
fn a_wrong_form_is_refilled_by_the_customer_not_altered_by_staff() {
    let lib = library();
    let refill = choice_points(&lib, "triage-form-error", "重新填一张");
    let alter = choice_points(&lib, "triage-form-error", "我帮您改一下就行");
    assert!(refill > alter, "refill {refill}, alter {alter}");
    assert!(best_choice(&lib, "triage-form-error").contains("重新填写"));
}

#[test]
fn an_insisting_customer_hears_the_standard_line_and_a_bare_ok_scores_below_re_explaining() {
    let lib = library();
    assert_eq!(best_choice(&lib, "complaint-suggest-insist"), "我们会把您的宝贵建议反映到相关部门。");
    let again = choice_points(&lib, "complaint-suggest-insist", "再给您解释一遍");
    let ok = choice_points(&lib, "complaint-suggest-insist", "好的。");
    assert!(again > ok, "re-explaining {again}, “好的。” {ok}");
}

#[test]
fn an_anonymous_report_is_promised_confidentiality() {
    let lib = library();
    let open = node_options(&lib, "complaint-dlg-report", "open");
    let best = open.iter().map(|o| o.1).fold(f64::MIN, f64::max);
    for (text, points) in &open {
        assert_eq!(*points == best, text.contains("保密") && !text.contains("指认"), "{text}: {points}");
    }
    let (got, max) = dialogue_points(&lib, "complaint-dlg-report", &["保密", "老张饭店", "钱女士，感谢"]);
    assert_eq!(got, max);
    assert!(node_options(&lib, "complaint-dlg-report", "close").len() > 1, "the close node offers a choice");
}

#[test]
fn a_higher_bill_is_explained_by_asking_not_by_guessing_the_cause() {
    let lib = library();
    let best = best_choice(&lib, "biz-a-pay");
    assert!(best.contains('？') && !best.contains("主要是天热"), "{best}");
    assert!(choice_points(&lib, "biz-a-pay", "主要是天热开空调多了") < 10.0);
}

#[test]
fn hall_items_agree_the_bow_comes_before_the_greeting() {
    let lib = library();
    let ItemBody::Order(o) = &item(&lib, "hall-enter-order").body else { panic!("order") };
    let at = |w: &str| o.steps.iter().position(|s| s.contains(w)).unwrap_or_else(|| panic!("no step {w}"));
    assert!(at("鞠躬") < at("您好"));
    let ItemBody::Reply(r) = &item(&lib, "hall-enter-greet-reply").body else { panic!("reply") };
    for e in &r.elements {
        assert!(!e.hint.contains("同时"), "{}: {}", e.name, e.hint);
    }
}

#[test]
fn invented_scripts_are_examples_and_reply_limits_follow_the_seed() {
    let lib = library();
    for id in ["hotline-thanks-complaint", "complaint-thanks-complaint"] {
        let best = best_choice(&lib, id);
        assert!(best.contains("××天内"), "{id}: {best}");
    }
    assert!(model_answer(&lib, "hotline-thanks-complaint-reply").contains("××天内"));
    for p in &lib.packs {
        for i in &p.items {
            let text = format!("{i:?}");
            assert!(!text.contains("户口簿"), "{}: provincial policy the seeds do not state", i.id);
            assert!(!text.contains("告之"), "{}: 告之 → 告知", i.id);
            assert!(!text.contains("吧台"), "{}: 营业厅吧台 → 服务台", i.id);
        }
    }
    let ItemBody::Choice(c) = &item(&lib, "hotline-open-spring").body else { panic!("choice") };
    assert!(c.options.iter().any(|o| o.score == 10.0 && o.feedback.contains("示例")));
    let (got, max) = reply_points(&lib, "hotline-open-holiday-reply", "中秋节好！95598 供电服务热线，很高兴为您服务！");
    assert_eq!(got, max, "another holiday greeting is accepted");
}

#[test]
fn a_customer_five_minutes_before_closing_is_served_now() {
    let lib = library();
    let model = model_answer(&lib, "taboo-rewrite-xiabanle");
    assert!(!model.contains("明天"), "{model}");
    let (full, max) = reply_points(&lib, "taboo-rewrite-xiabanle", &model);
    assert_eq!(full, max);
    let (tomorrow, _) = reply_points(
        &lib,
        "taboo-rewrite-xiabanle",
        "您好，请坐。您的申请我先为您登记，明天上班第一时间为您办理，办好后通知您。",
    );
    assert!(tomorrow < max, "sending the customer to tomorrow still earns {tomorrow}");
    let xiabanle = lib.banned.phrases.iter().find(|p| p.id == "refuse.xiabanle").expect("refuse.xiabanle");
    assert!(!xiabanle.instead.contains("明天") && xiabanle.instead.contains("现在"), "{}", xiabanle.instead);
}

#[test]
fn an_own_error_is_put_right_without_a_personal_channel() {
    let lib = library();
    let model = model_answer(&lib, "emo-own-error-reply");
    assert!(!model.contains("拍照") && !model.contains("发给我") && !model.contains("微信"), "{model}");
    let (got, max) = reply_points(&lib, "emo-own-error-reply", &model);
    assert_eq!(got, max);
}
