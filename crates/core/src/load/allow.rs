//! A banned phrase's `allow` exceptions must contain the phrase: the matcher excuses a hit
//! only when it falls inside an occurrence of an exception (`text::taboo`), so an exception
//! without the phrase (or one of its variants) can never apply, and the trainee is marked
//! down for the very wording the trainer meant to excuse — with no message at all.
//!
//! Compared after the matcher's own normalisation (traditional → simplified, widths,
//! punctuation and spaces dropped), so `不能，给您带来不便` contains `不能`.

use super::fields::{index, At};
use super::report::Report;
use super::tree::position;
use crate::diag::Diagnostic;
use crate::text::normalize;

/// Reports every exception of `allow` (at `path`, e.g. `phrases[3].allow`) that contains
/// neither `phrase` nor any of `variants`.
pub(crate) fn check(report: &mut Report, phrase: &str, variants: &[String], allow: &[At<String>], path: &str) {
    let wordings: Vec<String> = std::iter::once(phrase)
        .chain(variants.iter().map(String::as_str))
        .map(|w| normalize(w).text)
        .filter(|w| !w.is_empty())
        .collect();
    if wordings.is_empty() {
        return;
    }
    for (i, context) in allow.iter().enumerate() {
        let normal = normalize(&context.value).text;
        if wordings.iter().any(|w| normal.contains(w.as_str())) {
            continue;
        }
        let also = if variants.is_empty() { String::new() } else { "，也没有它的变体".to_owned() };
        let (line, column) = position(&context.at);
        report.push(
            Diagnostic::error(
                "allow-without-phrase",
                report.file(),
                line,
                column,
                index(path, i),
                format!("例外“{}”中没有忌语“{phrase}”{also}：这条例外永远不会生效", context.value),
                format!(
                    "例外要写出含有忌语“{phrase}”的完整规范说法（学员的话里命中忌语之处落在例外之内，才不算忌语）；用不上就删去这一条"
                ),
            )
            .with_width(context.value.chars().count()),
        );
    }
}
