//! The database: one `sqlx::AnyPool` for SQLite or PostgreSQL (chosen by the URL), the
//! embedded migrations, and the random ids and tokens the server makes.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sqlx::any::AnyPoolOptions;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migrate, MigrateError, Migration, MigrationSource, MigrationType, Migrator};
use sqlx::AnyPool;
use std::borrow::Cow;
use std::fmt;

/// The migrations, in order: one SQL text for both databases (see the first file). A new
/// schema change is a new entry; an applied one is never edited (sqlx checks checksums).
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "schema", include_str!("../migrations/0001_schema.sql")),
    (2, "sign_in_failures", include_str!("../migrations/0002_sign_in_failures.sql")),
];

/// The newest schema version this server understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

#[derive(Debug)]
struct Embedded;

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(self) -> futures_core::future::BoxFuture<'s, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// Why the database cannot be used.
#[derive(Debug)]
pub enum DbError {
    Connect(String, sqlx::Error),
    /// The database has a migration this server does not know: written by a newer server.
    TooNew(i64),
    Migrate(MigrateError),
    Other(sqlx::Error),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Connect(url, e) => write!(f, "无法连接数据库 {url}：{e}"),
            DbError::TooNew(v) => write!(
                f,
                "数据库结构版本 {v} 比本程序认识的版本 {SCHEMA_VERSION} 新（由更新版本的服务器写入），为免损坏数据，拒绝启动；请使用更新版本的 drill"
            ),
            DbError::Migrate(e) => write!(f, "数据库迁移失败（已回滚）：{e}"),
            DbError::Other(e) => write!(f, "数据库错误：{e}"),
        }
    }
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> DbError {
        DbError::Other(e)
    }
}

/// Whether the URL names SQLite.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Connects and brings the schema up to date (each migration in its own transaction);
/// refuses a database newer than [`SCHEMA_VERSION`].
pub async fn open(url: &str) -> Result<AnyPool, DbError> {
    sqlx::any::install_default_drivers();
    let sqlite = is_sqlite(url);
    let pool = AnyPoolOptions::new()
        // SQLite allows one writer at a time, and a transaction that reads before it writes
        // can fail at once with SQLITE_BUSY when another wrote in between (busy_timeout does
        // not help there). One connection serialises the server's use of the file instead: no
        // spurious failures, and a site big enough for that to be slow runs on PostgreSQL.
        .max_connections(if sqlite { 1 } else { 10 })
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if sqlite {
                    // Readers do not wait for the writer; a writer waits for another writer.
                    sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(|e| DbError::Connect(redact(url), e))?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Runs the pending migrations, after checking that nothing newer was applied.
pub async fn migrate(pool: &AnyPool) -> Result<(), DbError> {
    let migrator = Migrator::new(Embedded).await.map_err(DbError::Migrate)?;
    {
        let mut conn = pool.acquire().await?;
        conn.ensure_migrations_table().await.map_err(DbError::Migrate)?;
        let applied = conn.list_applied_migrations().await.map_err(DbError::Migrate)?;
        if let Some(newest) = applied.iter().map(|m| m.version).filter(|v| !migrator.version_exists(*v)).max() {
            return Err(DbError::TooNew(newest));
        }
    }
    migrator.run(pool).await.map_err(|e| match e {
        MigrateError::VersionMissing(v) => DbError::TooNew(v),
        e => DbError::Migrate(e),
    })
}

/// The URL without a password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &userinfo[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// `n` random bytes as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new row id.
pub fn new_id() -> String {
    random_hex(12)
}

/// A one-time sign-in code to read out or print: 8 characters without look-alikes (0/O, 1/I/L).
pub fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

/// Now, in UTC milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
