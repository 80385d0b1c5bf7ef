//! `reply` (free text): points for each required element found in any of its wordings,
//! minus, per distinct banned phrase, its severity's share of the item's maximum (a
//! critical phrase zeroes the reply). Elements are matched on normalised text, like the
//! banned phrases, so traditional characters, full-width punctuation and stray spaces
//! score exactly as the simplified reply would.

use super::{first_rule, Finding, FindingKind, Outcome};
use crate::scenario::{Element, Item, Reply};
use crate::text::{normalize, Normalized, TabooHit, TabooMatcher};

pub fn score(item: &Item, reply: &Reply, text: &str, taboo: &TabooMatcher) -> Outcome {
    let max = item.max_points();
    let normal = normalize(text);
    let mut total = 0.0;
    let mut findings = Vec::new();
    for element in &reply.elements {
        let standard = element.standard.clone().or_else(|| first_rule(item));
        match find_element(element, text, &normal) {
            Some(quote) => {
                total += element.points;
                findings.push(Finding {
                    kind: FindingKind::Follows,
                    standard,
                    message: format!("做到了要点“{}”。", element.name),
                    points: element.points,
                    quote: Some(quote),
                    instead: None,
                });
            }
            None => {
                let message = if element.hint.is_empty() {
                    format!("缺少要点“{}”。", element.name)
                } else {
                    format!("缺少要点“{}”：{}", element.name, element.hint)
                };
                findings.push(Finding {
                    kind: FindingKind::Missing,
                    standard,
                    message,
                    points: 0.0,
                    quote: None,
                    instead: None,
                });
            }
        }
    }
    let mut charged: Vec<usize> = Vec::new();
    for hit in taboo.find(text) {
        // Charged once per distinct phrase; later occurrences are still pointed out.
        let penalty = if charged.contains(&hit.phrase) {
            0.0
        } else {
            charged.push(hit.phrase);
            hit.severity.penalty_share() * max
        };
        total -= penalty;
        findings.push(banned_finding(&hit, taboo, penalty));
    }
    Outcome::new(total, max, findings)
}

/// The first wording of `element` present in the normalised reply, quoted as typed.
/// Wordings that normalise to nothing are ignored (they would match any reply).
fn find_element(element: &Element, text: &str, normal: &Normalized) -> Option<String> {
    element.any.iter().find_map(|wording| {
        let wording = normalize(wording).text;
        if wording.is_empty() {
            return None;
        }
        let byte = normal.text.find(&wording)?;
        let from = normal.text[..byte].chars().count();
        let (start, end) = normal.original_span(from, from + wording.chars().count())?;
        Some(text.chars().skip(start).take(end - start).collect())
    })
}

fn banned_finding(hit: &TabooHit, taboo: &TabooMatcher, penalty: f64) -> Finding {
    let phrase = taboo.phrase(hit);
    let mut message = match phrase {
        Some(p) => format!("服务忌语“{}”（{}，{}）。", hit.quote, p.category.label(), hit.severity.label()),
        None => format!("服务忌语“{}”（{}）。", hit.quote, hit.severity.label()),
    };
    if let Some(note) = phrase.map(|p| p.note.as_str()).filter(|n| !n.is_empty()) {
        message.push_str(note);
    }
    if penalty == 0.0 {
        message.push_str("（同一忌语只扣一次分。）");
    }
    Finding {
        kind: FindingKind::Breaks,
        standard: phrase.map(|p| p.standard.clone()),
        message,
        points: -penalty,
        quote: Some(hit.quote.clone()),
        instead: Some(hit.instead.clone()),
    }
}
