//! CSV for spreadsheets: UTF-8 with a byte-order mark, so Excel shows Chinese correctly.
//! Written with the `csv` crate (quoting of commas, quotes and newlines in Chinese text).

use super::report::TeamReport;
use crate::results::export::ResultsFile;

const BOM: &str = "\u{feff}";

fn finish(writer: csv::Writer<Vec<u8>>) -> String {
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    format!("{BOM}{}", String::from_utf8(bytes).expect("csv writes the UTF-8 it was given"))
}

fn pct(x: f64) -> String {
    super::report::fmt_pct(x)
}

fn day(ms: f64) -> String {
    super::time::date_time(ms)
}

/// A trainee's attempts, one row each.
pub fn attempts_csv(file: &ResultsFile) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "姓名",
        "工号",
        "班组",
        "题包",
        "题目",
        "得分",
        "满分",
        "结果",
        "涉及规范",
        "用时(秒)",
        "作答时间",
    ]);
    for a in &file.attempts {
        let rules: Vec<&str> = a
            .outcome
            .findings
            .iter()
            .filter_map(|f| f.standard.as_deref())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let _ = w.write_record([
            file.trainee.name.as_str(),
            &file.trainee.employee_no,
            &file.trainee.team,
            &a.pack_id,
            &a.item_id,
            &format!("{}", a.outcome.points),
            &format!("{}", a.outcome.max),
            a.outcome.verdict.label(),
            &rules.join(" "),
            &format!("{:.0}", ((a.answered_ms - a.started_ms) / 1000.0).max(0.0)),
            &day(a.answered_ms),
        ]);
    }
    finish(w)
}

/// The team summary: trainees, then rules, then items, each under its own header row.
pub fn team_csv(report: &TeamReport) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let _ = w.write_record(["学员"]);
    let _ = w.write_record([
        "姓名",
        "工号",
        "班组",
        "总分(%)",
        "得分",
        "满分",
        "已答题数",
        "完成题包",
        "及格题包",
        "是否及格",
        "最近练习",
    ]);
    for t in &report.trainees {
        let _ = w.write_record([
            t.name.as_str(),
            &t.employee_no,
            &t.team,
            &pct(t.score_pct),
            &format!("{}", t.points),
            &format!("{}", t.max),
            &t.items_answered.to_string(),
            &t.packs_done.to_string(),
            &t.packs_passed.to_string(),
            if t.passed { "及格" } else { "未及格" },
            &day(t.last_activity_ms),
        ]);
    }
    let _ = w.write_record([""]);
    let _ = w.write_record(["规范"]);
    let _ = w.write_record(["规范编号", "作答数", "正确率(%)", "最薄弱学员", "常用忌语"]);
    for r in &report.rules {
        let weakest: Vec<String> = r.weakest.iter().map(|(n, p)| format!("{n}({p:.0}%)")).collect();
        let banned: Vec<String> = r.banned_used.iter().map(|(q, n)| format!("{q}×{n}")).collect();
        let _ = w.write_record([
            r.rule.as_str(),
            &r.responses.to_string(),
            &pct(r.success_pct),
            &weakest.join("、"),
            &banned.join("、"),
        ]);
    }
    let _ = w.write_record([""]);
    let _ = w.write_record(["题目"]);
    let _ =
        w.write_record(["题目编号", "题包", "题型", "作答人数", "难度(满分率)", "平均得分率(%)", "区分度", "选项分布"]);
    for i in &report.items {
        let options: Vec<String> = i.options.iter().map(|(o, n)| format!("{o}：{n}")).collect();
        let _ = w.write_record([
            i.item_id.as_str(),
            &i.pack_id,
            i.kind.label(),
            &i.responses.to_string(),
            &format!("{:.2}", i.facility),
            &pct(i.mean_pct),
            &i.discrimination.map(|d| format!("{d:.2}")).unwrap_or_else(|| "样本不足".into()),
            &options.join("；"),
        ]);
    }
    finish(w)
}
