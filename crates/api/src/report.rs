//! The lead's team report (`GET /teams/{team_id}/report`): the core's `TeamReport` over the
//! team's attempts, as JSON. Both conversions live here, once: the server's from the core's
//! report ([`TeamReportOut::from_core`]), the page's back to it ([`TeamReportOut::to_core`]),
//! whose tables, charts and CSV the page then draws exactly as for imported files.

use drill_core::scenario::ItemKind;
use drill_core::team::{ItemRow, ProgressPoint, ProgressSeries, RuleRow, TeamReport, TraineeRow};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TraineeRowOut {
    pub employee_no: String,
    pub name: String,
    pub team: String,
    pub points: f64,
    pub max: f64,
    pub score_pct: f64,
    pub items_answered: usize,
    pub packs_done: usize,
    pub packs_passed: usize,
    pub passed: bool,
    pub last_activity_ms: f64,
    pub attempts: usize,
    /// Attempts whose claimed score disagreed with the server's.
    pub flagged: usize,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleRowOut {
    pub rule: String,
    pub responses: usize,
    pub success_pct: f64,
    pub weakest: Vec<(String, f64)>,
    pub banned_used: Vec<(String, usize)>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemRowOut {
    pub item_id: String,
    pub pack_id: String,
    /// The item kind's keyword (`choice`, `multi`, `order`, `reply`, `dialogue`).
    pub kind: String,
    pub prompt: String,
    pub responses: usize,
    pub facility: f64,
    pub mean_pct: f64,
    pub discrimination: Option<f64>,
    pub options: Vec<(String, usize)>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressOut {
    pub employee_no: String,
    pub name: String,
    /// (day start in UTC ms, mean score %, attempts).
    pub points: Vec<(f64, f64, usize)>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamReportOut {
    pub team_id: String,
    pub team: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub trainees: Vec<TraineeRowOut>,
    pub rules: Vec<RuleRowOut>,
    pub items: Vec<ItemRowOut>,
    pub progress: Vec<ProgressOut>,
}

fn kind_of(keyword: &str) -> ItemKind {
    [ItemKind::Choice, ItemKind::Multi, ItemKind::Order, ItemKind::Reply, ItemKind::Dialogue]
        .into_iter()
        .find(|k| k.keyword() == keyword)
        .unwrap_or(ItemKind::Choice)
}

impl TeamReportOut {
    /// The core's report as the API sends it; `flagged` gives a trainee's (by 工号) count of
    /// attempts whose claimed score disagreed, which only the server knows.
    pub fn from_core(
        report: TeamReport,
        team_id: String,
        team: String,
        from: Option<String>,
        to: Option<String>,
        flagged: impl Fn(&str) -> usize,
    ) -> TeamReportOut {
        TeamReportOut {
            team_id,
            team,
            from,
            to,
            trainees: report
                .trainees
                .into_iter()
                .map(|t| TraineeRowOut {
                    flagged: flagged(&t.employee_no),
                    employee_no: t.employee_no,
                    name: t.name,
                    team: t.team,
                    points: t.points,
                    max: t.max,
                    score_pct: t.score_pct,
                    items_answered: t.items_answered,
                    packs_done: t.packs_done,
                    packs_passed: t.packs_passed,
                    passed: t.passed,
                    last_activity_ms: t.last_activity_ms,
                    attempts: t.attempts,
                })
                .collect(),
            rules: report
                .rules
                .into_iter()
                .map(|r| RuleRowOut {
                    rule: r.rule,
                    responses: r.responses,
                    success_pct: r.success_pct,
                    weakest: r.weakest,
                    banned_used: r.banned_used,
                })
                .collect(),
            items: report
                .items
                .into_iter()
                .map(|i| ItemRowOut {
                    item_id: i.item_id,
                    pack_id: i.pack_id,
                    kind: i.kind.keyword().to_owned(),
                    prompt: i.prompt,
                    responses: i.responses,
                    facility: i.facility,
                    mean_pct: i.mean_pct,
                    discrimination: i.discrimination,
                    options: i.options,
                })
                .collect(),
            progress: report
                .progress
                .into_iter()
                .map(|p| ProgressOut {
                    employee_no: p.employee_no,
                    name: p.name,
                    points: p.points.into_iter().map(|q| (q.day_ms, q.pct, q.attempts)).collect(),
                })
                .collect(),
        }
    }

    /// Back to the core's report, which the page's tables, charts and CSV draw.
    pub fn to_core(&self) -> TeamReport {
        TeamReport {
            trainees: self
                .trainees
                .iter()
                .map(|t| TraineeRow {
                    employee_no: t.employee_no.clone(),
                    name: t.name.clone(),
                    team: t.team.clone(),
                    points: t.points,
                    max: t.max,
                    score_pct: t.score_pct,
                    items_answered: t.items_answered,
                    packs_done: t.packs_done,
                    packs_passed: t.packs_passed,
                    passed: t.passed,
                    last_activity_ms: t.last_activity_ms,
                    attempts: t.attempts,
                })
                .collect(),
            rules: self
                .rules
                .iter()
                .map(|r| RuleRow {
                    rule: r.rule.clone(),
                    responses: r.responses,
                    success_pct: r.success_pct,
                    weakest: r.weakest.clone(),
                    banned_used: r.banned_used.clone(),
                })
                .collect(),
            items: self
                .items
                .iter()
                .map(|i| ItemRow {
                    item_id: i.item_id.clone(),
                    pack_id: i.pack_id.clone(),
                    kind: kind_of(&i.kind),
                    prompt: i.prompt.clone(),
                    responses: i.responses,
                    facility: i.facility,
                    mean_pct: i.mean_pct,
                    discrimination: i.discrimination,
                    options: i.options.clone(),
                })
                .collect(),
            progress: self
                .progress
                .iter()
                .map(|p| ProgressSeries {
                    employee_no: p.employee_no.clone(),
                    name: p.name.clone(),
                    points: p
                        .points
                        .iter()
                        .map(|&(day_ms, pct, attempts)| ProgressPoint { day_ms, pct, attempts })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TeamReport {
        TeamReport {
            trainees: vec![TraineeRow {
                employee_no: "1001".into(),
                name: "张三".into(),
                team: "一班".into(),
                points: 15.0,
                max: 20.0,
                score_pct: 75.0,
                items_answered: 2,
                packs_done: 1,
                packs_passed: 1,
                passed: true,
                last_activity_ms: 1_796_000_000_000.0,
                attempts: 3,
            }],
            rules: vec![RuleRow {
                rule: "HALL.ENTER.2M".into(),
                responses: 3,
                success_pct: 66.7,
                weakest: vec![("张三".into(), 50.0)],
                banned_used: vec![("不知道".into(), 1)],
            }],
            items: [ItemKind::Choice, ItemKind::Multi, ItemKind::Order, ItemKind::Reply, ItemKind::Dialogue]
                .into_iter()
                .map(|kind| ItemRow {
                    item_id: format!("i-{}", kind.keyword()),
                    pack_id: "p".into(),
                    kind,
                    prompt: "题目".into(),
                    responses: 1,
                    facility: 0.5,
                    mean_pct: 50.0,
                    discrimination: Some(0.3),
                    options: vec![("甲".into(), 1)],
                })
                .collect(),
            progress: vec![ProgressSeries {
                employee_no: "1001".into(),
                name: "张三".into(),
                points: vec![ProgressPoint { day_ms: 1.0, pct: 75.0, attempts: 3 }],
            }],
        }
    }

    #[test]
    fn the_report_goes_through_json_and_back_unchanged() {
        let out =
            TeamReportOut::from_core(sample(), "t".into(), "一班".into(), None, Some("2026-12-05".into()), |no| {
                usize::from(no == "1001")
            });
        assert_eq!(out.trainees[0].flagged, 1);
        assert_eq!(out.items[1].kind, "multi");
        let read: TeamReportOut = serde_json::from_str(&serde_json::to_string(&out).unwrap()).unwrap();
        assert_eq!(read, out);
        let back = read.to_core();
        let again = TeamReportOut::from_core(back, "t".into(), "一班".into(), None, Some("2026-12-05".into()), |no| {
            usize::from(no == "1001")
        });
        assert_eq!(again, out, "every field survives both conversions");
    }
}
