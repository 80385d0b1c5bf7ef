//! Items named in issue 19, scored as a trainee would answer them against the shipped
//! content: a refusal that still says 不能 loses points even when polite; a question, a
//! reassurance or the standard wording of the repair scope costs nothing.
//!
//! And one invariant between the banned list and the choice items: an option holding a
//! banned phrase never scores more than the same words typed as a reply could (the item's
//! maximum less the phrase's severity share), so a choice item cannot reward what a reply
//! item punishes.

use drill_core::load::{load_banned, load_catalogue, load_index, Library, Source};
use drill_core::scenario::{Item, ItemBody, NodeStep};
use drill_core::score::{score, Answer, FindingKind, Outcome};
use std::path::Path;

fn library() -> Library {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios");
    let read = |name: &str| Source::new(name, std::fs::read_to_string(dir.join(name)).expect("shipped file"));
    let index = load_index(&read("index.yaml")).expect("index");
    let catalogue = load_catalogue(&read(&index.standards)).expect("standards");
    let banned = load_banned(&read(&index.banned), &catalogue).expect("banned list");
    let packs: Vec<Source> = index.packs.iter().map(|p| read(p)).collect();
    Library::build(catalogue, banned, &packs)
}

fn item<'a>(library: &'a Library, id: &str) -> &'a Item {
    library.packs.iter().flat_map(|p| &p.items).find(|i| i.id == id).unwrap_or_else(|| panic!("item {id}"))
}

fn reply(library: &Library, id: &str, text: &str) -> Outcome {
    score(item(library, id), &Answer::Reply { text: text.into() }, &library.taboo)
}

fn banned_quotes(outcome: &Outcome) -> Vec<String> {
    outcome.findings.iter().filter(|f| f.kind == FindingKind::Breaks).filter_map(|f| f.quote.clone()).collect()
}

#[test]
fn biz_d_reply_charges_a_polite_refusal_that_still_says_buneng() {
    let lib = library();
    let refusal = reply(
        &lib,
        "biz-d-reply",
        "我很想帮您，但是按照规定没有身份证不能过户，请您理解。您可以明天带齐证件过来，我优先为您办理。",
    );
    assert_eq!(banned_quotes(&refusal), ["不能"]);
    assert!(refusal.points <= refusal.max / 2.0, "{} / {}", refusal.points, refusal.max);
    let asking = reply(
        &lib,
        "biz-d-reply",
        "我很想帮您，按照规定过户需要本人带身份证办理，请您理解。您看明天能不能带齐证件过来？我优先为您办理。",
    );
    assert!(banned_quotes(&asking).is_empty(), "{:?}", asking.findings);
    assert_eq!(asking.points, asking.max);
}

#[test]
fn taboo_rewrite_buneng_does_not_accept_a_rewrite_that_keeps_buneng() {
    let lib = library();
    let kept = reply(
        &lib,
        "taboo-rewrite-buneng",
        "不好意思，按照规定没身份证还是不能办，您明天带上身份证过来，我优先为您办理。",
    );
    assert_eq!(banned_quotes(&kept), ["不能办"]);
    assert!(kept.points < kept.max);
    let rewritten = reply(
        &lib,
        "taboo-rewrite-buneng",
        "不好意思，按照规定过户需要本人身份证。您看明天带上身份证过来，我优先为您办理，好吗？",
    );
    assert_eq!(rewritten.points, rewritten.max, "{:?}", rewritten.findings);
}

#[test]
fn hall_rain_reply_is_not_charged_for_promising_a_dry_floor() {
    let lib = library();
    let outcome =
        reply(&lib, "hall-rain-reply", "您好！请把雨伞放在伞桶里，我们会及时擦干，不会弄湿地面，请您小心地滑。");
    assert!(banned_quotes(&outcome).is_empty(), "{:?}", outcome.findings);
    assert_eq!(outcome.points, outcome.max);
}

#[test]
fn repair_internal_reply_accepts_the_scope_whoever_owns_it() {
    let lib = library();
    for text in [
        "您的故障不属于供电公司维修范围，您可以联系有资质的维修队伍为您修理，他们依据物价部门的规定进行有偿服务。",
        "先生，根据您的描述，这不属于我们的维修范围，您可以联系有资质的维修队伍为您修理，他们会按收费标准进行有偿服务。",
        "您家这是室内线路的故障，不属于供电局维修范围，您可以联系有资质的维修队伍，收费依据物价部门的规定。",
    ] {
        let outcome = reply(&lib, "repair-internal-reply", text);
        assert!(banned_quotes(&outcome).is_empty(), "{text}: {:?}", outcome.findings);
        assert_eq!(outcome.points, outcome.max, "{text}: {:?}", outcome.findings);
    }
    let shirk = reply(&lib, "repair-internal-reply", "这不属于我们管的，您找物业去。");
    assert!(!banned_quotes(&shirk).is_empty());
}

#[test]
fn biz_c_choice_zuobuliaozhu_is_a_banned_shirk() {
    let lib = library();
    let hits = lib.taboo.find("这个我做不了主，您去二楼问问。");
    let ids: Vec<&str> = hits.iter().filter_map(|h| lib.taboo.phrase(h)).map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["shirk.zuobuliaozhu"]);
    // Whatever the item's wording, an option saying 做不了主 is scored as the list judges it.
    let ItemBody::Choice(choice) = &item(&lib, "biz-c-choice").body else { panic!("biz-c-choice is a choice item") };
    let max = item(&lib, "biz-c-choice").max_points();
    for o in choice.options.iter().filter(|o| o.text.contains("做不了主")) {
        assert!(o.score <= max / 2.0, "{:?} scores {} of {max}", o.text, o.score);
    }
}

#[test]
fn hotline_system_down_reply_with_a_call_back_is_not_shirking() {
    let lib = library();
    let hits = lib.taboo.find("非常抱歉，因为系统的问题暂时查不到，请您留下电话，系统恢复后我们马上给您回电。");
    assert!(hits.is_empty(), "{:?}", hits);
    assert!(!lib.taboo.find("系统的问题，我重打一张。").is_empty());
}

/// Choice options and dialogue replies holding a banned phrase score no more than the item's
/// (or node's best) points less the phrase's severity share.
#[test]
fn options_holding_a_banned_phrase_score_no_more_than_a_reply_would() {
    let lib = library();
    let mut over = Vec::new();
    for item in lib.packs.iter().flat_map(|p| &p.items) {
        let groups: Vec<(f64, Vec<(&str, f64)>)> = match &item.body {
            ItemBody::Choice(c) => {
                vec![(item.max_points(), c.options.iter().map(|o| (o.text.as_str(), o.score)).collect())]
            }
            ItemBody::Dialogue(d) => d
                .nodes
                .values()
                .filter_map(|n| match &n.step {
                    NodeStep::Options(o) => Some((
                        o.iter().map(|o| o.score).fold(0.0, f64::max),
                        o.iter().map(|o| (o.text.as_str(), o.score)).collect(),
                    )),
                    _ => None,
                })
                .collect(),
            _ => continue,
        };
        for (best, options) in groups {
            for (text, points) in options {
                let share = lib.taboo.find(text).iter().map(|h| h.severity.penalty_share()).fold(0.0, f64::max);
                if share > 0.0 && points > best * (1.0 - share) + 1e-9 {
                    over.push(format!("{}: {text:?} scores {points} of {best}", item.id));
                }
            }
        }
    }
    assert!(over.is_empty(), "options rewarded beyond their banned phrase:\n{}", over.join("\n"));
}
