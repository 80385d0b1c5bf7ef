//! Rule ids cited by packs and the banned list must exist in the catalogue (`unknown-rule`).

use super::fields::{index, At};
use super::report::Report;
use super::suggest;
use crate::scenario::Catalogue;

/// Reports `unknown-rule` (with the closest id) unless `id` is in the catalogue.
pub(crate) fn check(report: &mut Report, catalogue: &Catalogue, id: &At<String>, path: &str) -> bool {
    if catalogue.contains(&id.value) {
        return true;
    }
    let close = suggest::closest(&id.value, catalogue.standards.iter().map(|s| s.id.as_str()));
    let message = match close {
        Some(c) => format!("标准库中没有规范编号 `{}`，是不是 `{c}`？", id.value),
        None => format!("标准库中没有规范编号 `{}`", id.value),
    };
    let hint = match close {
        Some(c) => format!("改成 {c}；全部编号见 standards.yaml"),
        None => "使用 standards.yaml 中的编号（如 REPAIR.ASK、BIZ.D）".to_owned(),
    };
    report.error("unknown-rule", &id.at, path, message, hint);
    false
}

/// Checks a list of rule ids written under `path`; returns the ids if all exist.
pub(crate) fn check_all(report: &mut Report, catalogue: &Catalogue, ids: &[At<String>], path: &str) -> bool {
    let mut ok = true;
    for (i, id) in ids.iter().enumerate() {
        let item_path = if ids.len() == 1 { path.to_owned() } else { index(path, i) };
        ok &= check(report, catalogue, id, &item_path);
    }
    ok
}
