//! `drill report`: the team summary from exported results files, as text tables or CSV.
//! Bad files are listed on stderr with their reason; the good ones are still counted.
//! Exit status: 0 when every file imported, 1 when any was rejected, 2 on usage errors.

use crate::scenarios::load_folder;
use crate::ReportFormat;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use drill_core::results::export::ResultsFile;
use drill_core::team::csv::team_csv;
use drill_core::team::report::fmt_pct;
use drill_core::team::{Roster, TeamReport};
use std::path::{Path, PathBuf};

fn json_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    Ok(out)
}

pub fn run(paths: &[PathBuf], format: ReportFormat, team: Option<&str>, scenarios: Option<&Path>) -> u8 {
    let library = match scenarios.map(load_folder) {
        Some(Ok((library, _))) => Some(library),
        Some(Err(problems)) => {
            for p in problems {
                eprintln!("{p}");
            }
            return 2;
        }
        None => None,
    };
    let mut files = Vec::new();
    for p in paths {
        match json_files(p) {
            Ok(found) => files.extend(found),
            Err(e) => {
                eprintln!("drill report: 无法读取 {}：{e}", p.display());
                return 2;
            }
        }
    }
    if files.is_empty() {
        eprintln!("drill report: 没有找到成绩文件（.json）");
        return 2;
    }
    let mut roster = Roster::default();
    let mut rejected = 0;
    for f in &files {
        let parsed = std::fs::read_to_string(f)
            .map_err(|e| e.to_string())
            .and_then(|text| ResultsFile::parse(&text, library.as_ref()).map_err(|e| e.to_string()));
        match parsed {
            Ok(file) => {
                roster.import(file);
            }
            Err(why) => {
                rejected += 1;
                eprintln!("{}: 未导入：{why}", f.display());
            }
        }
    }
    let report = TeamReport::build(&roster, team, library.as_ref());
    match format {
        ReportFormat::Csv => print!("{}", team_csv(&report).trim_start_matches('\u{feff}')),
        ReportFormat::Table => print_tables(&report),
    }
    eprintln!("导入 {} 个成绩文件，{} 个未导入", files.len() - rejected, rejected);
    u8::from(rejected > 0)
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header.to_vec());
    t
}

fn print_tables(report: &TeamReport) {
    let mut t = table(&["姓名", "工号", "班组", "总分", "已答", "完成题包", "及格题包", "结论"]);
    for r in &report.trainees {
        t.add_row(vec![
            r.name.clone(),
            r.employee_no.clone(),
            r.team.clone(),
            format!("{}%", fmt_pct(r.score_pct)),
            r.items_answered.to_string(),
            r.packs_done.to_string(),
            r.packs_passed.to_string(),
            if r.passed { "及格".into() } else { "未及格".into() },
        ]);
    }
    println!("学员\n{t}\n");
    let mut t = table(&["规范", "作答", "正确率", "最薄弱", "常用忌语"]);
    for r in &report.rules {
        t.add_row(vec![
            r.rule.clone(),
            r.responses.to_string(),
            format!("{}%", fmt_pct(r.success_pct)),
            r.weakest.iter().map(|(n, p)| format!("{n} {p:.0}%")).collect::<Vec<_>>().join("、"),
            r.banned_used.iter().map(|(q, n)| format!("{q}×{n}")).collect::<Vec<_>>().join("、"),
        ]);
    }
    println!("规范\n{t}\n");
    let mut t = table(&["题目", "题型", "人数", "满分率", "得分率", "区分度"]);
    for i in &report.items {
        t.add_row(vec![
            i.item_id.clone(),
            i.kind.label().into(),
            i.responses.to_string(),
            format!("{:.0}%", i.facility * 100.0),
            format!("{}%", fmt_pct(i.mean_pct)),
            i.discrimination.map_or_else(|| "样本不足".into(), |d| format!("{d:.2}")),
        ]);
    }
    println!("题目\n{t}");
}
