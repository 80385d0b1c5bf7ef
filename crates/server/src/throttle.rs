//! Sign-in throttling: failed attempts counted per account (工号) and per client address over
//! a sliding window; over the limit, sign-in is refused (429) until the window has passed.
//!
//! Hand-written (rows of timestamps in `sign_in_failures`): rate-limiter crates such as
//! `governor` count every request, but a trainee who signs in correctly many times must never
//! be locked out; only failures count here. The failures live in the database, so a restart
//! does not forget them (an attacker cannot reset the count by crashing or waiting for a
//! deploy) and every server process on one PostgreSQL database counts them together. Two
//! failures racing past the check at the same moment can go one over the limit: the count
//! stops guessing, it does not need to be exact.

use crate::db::new_id;
use sqlx::AnyPool;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures allowed per 工号 in a window.
pub const PER_ACCOUNT: usize = 5;
/// Failures allowed per client address in a window (a hall may share one address).
pub const PER_ADDRESS: usize = 30;

const ACCOUNT: &str = "account";
const ADDRESS: &str = "address";

/// Minutes to wait, if either the account or the address is over its limit.
pub async fn blocked(db: &AnyPool, account: &str, address: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut wait = None;
    for (kind, key, limit) in [(ACCOUNT, account, PER_ACCOUNT), (ADDRESS, address, PER_ADDRESS)] {
        // The newest `limit` failures in the window: when there are that many, the oldest of
        // them leaves the window first, and sign-in opens again then.
        let times: Vec<(i64,)> = sqlx::query_as(
            "SELECT at_ms FROM sign_in_failures WHERE kind = $1 AND key = $2 AND at_ms > $3 ORDER BY at_ms DESC LIMIT $4",
        )
        .bind(kind)
        .bind(key)
        .bind(now - WINDOW_MS)
        .bind(limit as i64)
        .fetch_all(db)
        .await?;
        if times.len() >= limit {
            let until = times[times.len() - 1].0 + WINDOW_MS;
            let minutes = ((until - now) as f64 / 60_000.0).ceil().max(1.0) as i64;
            wait = Some(wait.map_or(minutes, |w: i64| w.max(minutes)));
        }
    }
    Ok(wait)
}

/// Counts a failure against the account and the address, and forgets failures older than the
/// window (guessing many made-up 工号 must not grow the table without end).
pub async fn failed(db: &AnyPool, account: &str, address: &str, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE at_ms <= $1").bind(now - WINDOW_MS).execute(&mut *tx).await?;
    for (kind, key) in [(ACCOUNT, account), (ADDRESS, address)] {
        sqlx::query("INSERT INTO sign_in_failures (id, kind, key, at_ms) VALUES ($1, $2, $3, $4)")
            .bind(new_id())
            .bind(kind)
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// A successful sign-in clears the account's failures (not the address's: one account's
/// success says nothing about the other 工号 tried from there).
pub async fn succeeded(db: &AnyPool, account: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE kind = $1 AND key = $2")
        .bind(ACCOUNT)
        .bind(account)
        .execute(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh SQLite database in a temporary folder (removed on drop).
    struct Db {
        pool: AnyPool,
        dir: std::path::PathBuf,
    }

    impl Drop for Db {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    async fn db() -> Db {
        let dir = std::env::temp_dir().join(format!("drill-throttle-{}", crate::db::random_hex(6)));
        std::fs::create_dir_all(&dir).unwrap();
        let pool = crate::db::open(&format!("sqlite://{}?mode=rwc", dir.join("t.db").display())).await.unwrap();
        Db { pool, dir }
    }

    #[tokio::test]
    async fn five_failures_block_the_account_until_the_window_passes() {
        let d = db().await;
        let t = &d.pool;
        for i in 0..PER_ACCOUNT as i64 {
            assert_eq!(blocked(t, "1001", "ip", i).await.unwrap(), None);
            failed(t, "1001", "ip", i).await.unwrap();
        }
        assert_eq!(blocked(t, "1001", "ip", 10).await.unwrap(), Some(15));
        assert_eq!(blocked(t, "1002", "ip", 10).await.unwrap(), None, "another account from the same address");
        // The oldest failure (at 0) leaves the window first.
        assert_eq!(blocked(t, "1001", "ip", WINDOW_MS - 60_000).await.unwrap(), Some(1));
        assert_eq!(blocked(t, "1001", "ip", WINDOW_MS).await.unwrap(), None);
    }

    #[tokio::test]
    async fn many_accounts_from_one_address_are_blocked_per_address() {
        let d = db().await;
        for i in 0..PER_ADDRESS {
            failed(&d.pool, &format!("u{i}"), "10.0.0.9", 1).await.unwrap();
        }
        assert!(blocked(&d.pool, "new", "10.0.0.9", 2).await.unwrap().is_some());
        assert!(blocked(&d.pool, "new", "10.0.0.10", 2).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn success_clears_the_account_but_not_the_address() {
        let d = db().await;
        for i in 0..PER_ADDRESS {
            failed(&d.pool, if i < PER_ACCOUNT { "1001" } else { "other" }, "ip", 1).await.unwrap();
        }
        succeeded(&d.pool, "1001").await.unwrap();
        assert_eq!(blocked(&d.pool, "1001", "elsewhere", 2).await.unwrap(), None);
        assert!(blocked(&d.pool, "1001", "ip", 2).await.unwrap().is_some(), "the address still counts them");
    }

    #[tokio::test]
    async fn old_failures_are_pruned() {
        let d = db().await;
        failed(&d.pool, "1001", "ip", 0).await.unwrap();
        failed(&d.pool, "1002", "ip", WINDOW_MS + 1).await.unwrap();
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures").fetch_one(&d.pool).await.unwrap();
        assert_eq!(rows, 2, "the first failure's two rows are gone, the second's kept");
    }
}
