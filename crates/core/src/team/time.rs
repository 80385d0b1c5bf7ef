//! Times shown to team leads are in China Standard Time (UTC+8, no daylight saving): the
//! product serves Chinese utilities, and a day bucketed in UTC would put a trainee's 07:30
//! practice on the previous day. All stored times stay UTC milliseconds.

use chrono::{DateTime, FixedOffset};

const OFFSET_SECONDS: i32 = 8 * 3600;
const OFFSET_MS: f64 = OFFSET_SECONDS as f64 * 1000.0;
const DAY_MS: f64 = 86_400_000.0;

/// A UTC millisecond timestamp as local (UTC+8) time.
pub fn local(ms: f64) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(OFFSET_SECONDS)?;
    DateTime::from_timestamp_millis(ms as i64).map(|t| t.with_timezone(&offset))
}

/// `2026-11-23 09:05`, or empty for an impossible timestamp.
pub fn date_time(ms: f64) -> String {
    local(ms).map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

/// `2026-11-23`.
pub fn date(ms: f64) -> String {
    local(ms).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// The UTC milliseconds at which the local day containing `ms` starts.
pub fn day_start_ms(ms: f64) -> f64 {
    ((ms + OFFSET_MS) / DAY_MS).floor() * DAY_MS - OFFSET_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn early_morning_in_beijing_is_the_same_local_day() {
        // 2026-11-23 07:30 in Beijing = 2026-11-22 23:30 UTC.
        let ms = 1_795_390_200_000.0;
        assert_eq!(date_time(ms), "2026-11-23 07:30");
        let start = day_start_ms(ms);
        assert_eq!(date_time(start), "2026-11-23 00:00");
        assert_eq!(day_start_ms(start + 23.0 * 3_600_000.0), start);
    }
}
