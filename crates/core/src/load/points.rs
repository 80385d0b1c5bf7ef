//! Points as the loader checks and shows them, for every kind of item (`item.rs`) and for
//! dialogues (`dialogue.rs`): here so that the two readers share them without needing each
//! other (`item.rs` dispatches to `dialogue.rs`, never the other way round).

use super::fields::{At, Map};
use super::report::Report;
use crate::scenario::Points;
use serde_saphyr::Location;

/// Points are compared with a tolerance: partial credit produces fractions.
fn same_points(a: Points, b: Points) -> bool {
    (a - b).abs() < 1e-6
}

/// Formats points without a needless `.0`.
pub(super) fn show(p: Points) -> String {
    if p.fract() == 0.0 && p.abs() < 1e12 {
        format!("{}", p as i64)
    } else {
        format!("{p:.2}")
    }
}

/// `max-unreachable` when the best score is 0 or differs from the declared `points`.
pub(super) fn check_max(
    report: &mut Report,
    map: &Map,
    best: Points,
    declared: Option<&At<f64>>,
    best_at: &Location,
    how: &str,
) {
    if best <= 0.0 {
        report.error(
            "max-unreachable",
            best_at,
            map.path(),
            format!("本题最高只能得 {} 分：{how}", show(best)),
            "至少让一个回答得正分",
        );
        return;
    }
    if let Some(d) = declared {
        if d.value >= 0.0 && !same_points(d.value, best) {
            report.error(
                "max-unreachable",
                &d.at,
                &map.path_of("points"),
                format!("声明的满分 points: {} 与实际可得的最高分 {} 不一致（{how}）", show(d.value), show(best)),
                format!("改成 points: {}，或删去 points 让程序自动计算", show(best)),
            );
        }
    }
}
