//! The pack JSON Schema (`schema/pack.schema.json`): generated from `drill_core::schema`,
//! shipped as generated, accepted by every shipped pack, and in step with the loader — for
//! every place a field can be written, the loader and the schema accept the same names.

use drill_core::load::{load_catalogue, load_index, load_pack, Source};
use drill_core::schema::{self, pack_schema_json};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn shipped_schema_is_the_generated_one() {
    let shipped = std::fs::read_to_string(root().join("schema/pack.schema.json")).unwrap_or_default();
    // Compared as JSON values, not text: key order is serde_json's, not the file's.
    let shipped: Option<Value> = serde_json::from_str(&shipped).ok();
    let generated: Value = serde_json::from_str(&pack_schema_json()).expect("the generated schema is JSON");
    assert!(
        shipped.as_ref() == Some(&generated),
        "schema/pack.schema.json is out of date with src/schema.rs; regenerate it with\n    cargo run --bin drill -- schema > schema/pack.schema.json"
    );
}

fn yaml_to_json(text: &str) -> Value {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(text, options).expect("shipped packs are valid YAML")
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&pack_schema_json()).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn every_shipped_pack_validates_against_the_schema() {
    let validator = validator();
    let index = load_index(&Source::new("index.yaml", read("scenarios/index.yaml"))).expect("index loads");
    assert!(!index.packs.is_empty());
    let mut failures = Vec::new();
    for name in &index.packs {
        let text = read(&format!("scenarios/{name}"));
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/pack.schema.json"),
            "{name}: first line should point editors at the schema"
        );
        let instance = yaml_to_json(&text);
        for error in validator.iter_errors(&instance) {
            failures.push(format!("{name}: {} at {}", error, error.instance_path));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_rejects_typical_mistakes() {
    let validator = validator();
    for (file, why) in [
        ("04-typo-optons.yaml", "typo"),
        ("05-field-of-another-kind.yaml", "other kind's field"),
        ("24-unknown-kind.yaml", "unknown kind"),
        ("37-unknown-category.yaml", "unknown category"),
    ] {
        let instance = yaml_to_json(&read(&format!("tests/broken/{file}")));
        assert!(!validator.is_valid(&instance), "{file} ({why}) should not validate");
    }
}

// ---- the loader and the schema accept the same fields ------------------------------------

/// One place a field can be written: a valid pack with `#HERE` where the field goes, and the
/// schema type (a root `schema_for!` of a mirror type) that describes that place.
struct Place {
    name: &'static str,
    pack: String,
    properties: BTreeSet<String>,
}

fn properties<T: schemars::JsonSchema>() -> BTreeSet<String> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("schema");
    schema["properties"].as_object().expect("an object schema").keys().cloned().collect()
}

const HEAD: &str = "version: 1\nid: p\ntitle: 题包\ncategory: repair\npass_mark: 80\n";

fn item(body: &str) -> String {
    format!("{HEAD}items:\n  - id: i\n    standards: [REPAIR.ASK]\n    prompt: 题干\n{body}")
}

const DIALOGUE: &str = "    kind: dialogue
    mood: { start: 0, min: -3, max: 3 }
    start: open
    nodes:
      open:
        customer: 喂？
        options:
          - text: 您好，请问您那里停电范围多大？
            score: 3
            sets: [asked]
            next: end
            branches:
              - when: { has: asked }
                next: end
            requires:
              - flag: asked
                penalty: 1
      end:
        ending:
          outcome: 已派单
          result: good
";

fn places() -> Vec<Place> {
    // The tag `kind` is written in every item; serde adds it to the enum, not the structs.
    fn item_props<T: schemars::JsonSchema>() -> BTreeSet<String> {
        let mut p = properties::<T>();
        p.insert("kind".to_owned());
        p
    }
    let choice = "    kind: choice\n    options:\n      - text: 好\n        score: 10\n        feedback: 对\n";
    let with = |text: &str, after: &str, indent: &str| text.replacen(after, &format!("{after}\n{indent}#HERE"), 1);
    vec![
        Place { name: "pack", pack: format!("{}#HERE\n", item(choice)), properties: properties::<schema::PackFile>() },
        Place { name: "choice item", pack: item(&format!("{choice}    #HERE\n")), properties: item_props::<schema::ChoiceItem>() },
        Place {
            name: "multi item",
            pack: item("    kind: multi\n    options:\n      - { text: 甲, correct: true }\n    #HERE\n"),
            properties: item_props::<schema::MultiItem>(),
        },
        Place { name: "order item", pack: item("    kind: order\n    steps: [甲, 乙]\n    #HERE\n"), properties: item_props::<schema::OrderItem>() },
        Place {
            name: "reply item",
            pack: item("    kind: reply\n    elements:\n      - name: 致歉\n        any: [抱歉]\n        points: 3\n    model_answer: 抱歉\n    #HERE\n"),
            properties: item_props::<schema::ReplyItem>(),
        },
        Place { name: "dialogue item", pack: item(&format!("{DIALOGUE}    #HERE\n")), properties: item_props::<schema::DialogueItem>() },
        Place { name: "choice option", pack: item(&format!("{choice}        #HERE\n")), properties: properties::<schema::ChoiceOption>() },
        Place {
            name: "multi option",
            pack: item("    kind: multi\n    options:\n      - text: 甲\n        correct: true\n        #HERE\n"),
            properties: properties::<schema::MultiOption>(),
        },
        Place {
            name: "reply element",
            pack: item("    kind: reply\n    elements:\n      - name: 致歉\n        any: [抱歉]\n        points: 3\n        #HERE\n    model_answer: 抱歉\n"),
            properties: properties::<schema::Element>(),
        },
        Place { name: "mood", pack: item(&DIALOGUE.replace("mood: { start: 0, min: -3, max: 3 }", "mood:\n      start: 0\n      #HERE")), properties: properties::<schema::Mood>() },
        Place { name: "dialogue node", pack: item(&with(DIALOGUE, "        customer: 喂？", "        ")), properties: properties::<schema::DialogueNode>() },
        Place { name: "dialogue option", pack: item(&with(DIALOGUE, "            score: 3", "            ")), properties: properties::<schema::DialogueOption>() },
        Place { name: "branch", pack: item(&with(DIALOGUE, "              - when: { has: asked }", "                ")), properties: properties::<schema::Branch>() },
        Place {
            name: "condition",
            pack: item(&DIALOGUE.replace("              - when: { has: asked }", "              - when:\n                  has: asked\n                  #HERE")),
            properties: properties::<schema::Condition>(),
        },
        Place { name: "requirement", pack: item(&with(DIALOGUE, "                penalty: 1", "                ")), properties: properties::<schema::Requirement>() },
        Place { name: "ending", pack: item(&with(DIALOGUE, "          result: good", "          ")), properties: properties::<schema::Ending>() },
    ]
}

/// Every field name the loader or the schema knows anywhere: the loader's field lists are
/// read from its source (`const …: &[&str] = &[…]` and the per-kind lists), so a field added
/// there and not here fails this test.
fn all_names(places: &[Place]) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = places.iter().flat_map(|p| p.properties.iter().cloned()).collect();
    for file in ["pack.rs", "item.rs", "dialogue.rs"] {
        for line in read(&format!("crates/core/src/load/{file}")).lines() {
            if line.contains("&[&str] = &[") || line.trim_start().starts_with("ItemKind::") && line.contains("=> &[") {
                names.extend(line.split('"').skip(1).step_by(2).map(str::to_owned));
            }
        }
    }
    names.extend(["correct", "kind", "bogus_field"].map(str::to_owned));
    names
}

#[test]
fn loader_and_schema_accept_the_same_fields_everywhere() {
    let catalogue = load_catalogue(&Source::new("standards.yaml", read("tests/fixtures/standards.yaml")))
        .expect("fixture catalogue");
    let places = places();
    let names = all_names(&places);
    assert!(names.len() > 30, "found only {names:?}");
    let mut failures = Vec::new();
    for place in &places {
        // The base pack is valid as it stands.
        let base = place.pack.replace("#HERE", "");
        let (pack, diags) = load_pack(&Source::new("base.yaml", base.clone()), &catalogue);
        assert!(pack.is_some(), "{}: base pack should load:\n{base}\n{diags:#?}", place.name);
        for name in &names {
            let in_schema = place.properties.contains(name);
            // A name already written at this place makes a duplicate key (a syntax error, not
            // `unknown-field`): accepted, as the base pack shows.
            let text = place.pack.replace("#HERE", &format!("{name}: 1"));
            let (_, diags) = load_pack(&Source::new("probe.yaml", text), &catalogue);
            let accepted = !diags
                .iter()
                .any(|d| d.code == "unknown-field" && (d.path == *name || d.path.ends_with(&format!(".{name}"))));
            if accepted != in_schema {
                failures.push(format!(
                    "{}: `{name}` loader {} but schema {}",
                    place.name,
                    if accepted { "accepts" } else { "rejects" },
                    if in_schema { "accepts" } else { "rejects" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "the schema mirror (src/schema.rs) and the loader disagree:\n{}", failures.join("\n"));
}
