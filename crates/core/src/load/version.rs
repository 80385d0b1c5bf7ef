//! The `version:` every file starts with. A file written for a newer format is not guessed
//! at: its other "errors" would only be features this build does not know.

use super::fields::Map;
use super::report::Report;
use crate::FORMAT_VERSION;

/// Checks `version`. Returns `false` when the file is for a newer app, in which case the
/// caller reports nothing else.
pub(crate) fn check(report: &mut Report, top: &Map) -> bool {
    let Some(node) = top.get("version") else {
        report.error(
            "version",
            top.key_at("version").unwrap_or(top.at()),
            "version",
            "缺少格式版本 `version`",
            format!("在文件开头写 version: {FORMAT_VERSION}"),
        );
        return true;
    };
    let Some(version) = top.integer(report, "version", true, "version: 1") else { return true };
    if version.value > FORMAT_VERSION as i32 {
        report.error(
            "version",
            &node.referenced,
            "version",
            format!(
                "此文件是第 {} 版格式，需要更新版本的服务演练程序（当前程序只支持第 {FORMAT_VERSION} 版）",
                version.value
            ),
            format!("请升级程序；或者，如果文件确实按第 {FORMAT_VERSION} 版编写，写 version: {FORMAT_VERSION}"),
        );
        return false;
    }
    if version.value < 1 {
        report.error(
            "version",
            &node.referenced,
            "version",
            format!("格式版本 {} 无效", version.value),
            format!("写 version: {FORMAT_VERSION}"),
        );
    }
    true
}
