//! Opening databases: the backend is chosen from the URL scheme, SQLite connections get their
//! pragmas, and connection failures keep their real cause (diesel's derived `establish` for a
//! `MultiConnection` would replace it with "Invalid connection url for multiconnection").

use diesel::connection::{
    AnsiTransactionManager, InstrumentationEvent, SimpleConnection, TransactionManager,
    TransactionManagerStatus,
};
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// One database connection, to either backend; all query code is written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A parsed `--database` value: `postgres://...`, `postgresql://...`, `sqlite://PATH`,
/// `sqlite:PATH` or a bare file path (SQLite).
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    /// What is handed to the driver: the full URL for PostgreSQL, the file path for SQLite.
    target: String,
}

impl DatabaseUrl {
    /// Parses a database URL; an empty value is refused.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("the database URL is empty".into());
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                target: raw.to_string(),
            });
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.is_empty() {
            return Err(format!("no SQLite file path in {raw:?}"));
        }
        if let Some((scheme, _)) = path.split_once("://") {
            return Err(format!(
                "unsupported database scheme {scheme:?}: use a SQLite path, sqlite://PATH or postgres://..."
            ));
        }
        Ok(Self {
            backend: Backend::Sqlite,
            target: path.to_string(),
        })
    }

    /// The engine this URL names.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// What is handed to the driver: the full URL for PostgreSQL, the file path for SQLite.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Opens one connection, configured for claimdesk (SQLite: WAL, foreign keys, busy timeout).
    pub fn connect(&self) -> Result<DbConnection, ConnectError> {
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.target)
                .map(DbConnection::Postgresql)
                .map_err(|e| {
                    ConnectError::Connect(format!("PostgreSQL ({}): {e}", self.redacted()))
                }),
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.target).map_err(|e| {
                    ConnectError::Connect(format!("SQLite file {:?}: {e}", self.target))
                })?;
                // WAL lets readers run beside the single writer; NORMAL sync in WAL mode keeps
                // every committed transaction across a crash of the process.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                     PRAGMA cache_size = -16000;",
                )
                .map_err(|e| ConnectError::Setup(format!("SQLite file {:?}: {e}", self.target)))?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    /// The URL without its password, fit for logs and error messages.
    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.target) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => self.target.clone(),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Why a connection could not be opened or kept.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot connect to {0}")]
    Connect(String),
    #[error("cannot configure {0}")]
    Setup(String),
    #[error("connection check failed: {0}")]
    Check(#[from] diesel::result::Error),
}

/// A pooled connection: the connection itself and whether it was seen to fail in a way that
/// makes it unusable (the server closed it).
pub struct Pooled {
    pub conn: DbConnection,
    lost: Arc<AtomicBool>,
}

/// r2d2 manager that opens connections through [`DatabaseUrl::connect`], counts the queries
/// they run, and retires the ones that can no longer be trusted.
///
/// Connections are not tested with a query at each check-out (a round trip on every request);
/// instead a connection whose query failed because the connection was lost, or that comes back
/// inside a transaction, is closed when it returns to the pool.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    queries: Arc<AtomicU64>,
}

impl ConnectionManager {
    /// A manager whose connections add every query they start to `queries`.
    pub fn new(url: DatabaseUrl, queries: Arc<AtomicU64>) -> Self {
        Self { url, queries }
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = Pooled;
    type Error = ConnectError;

    fn connect(&self) -> Result<Pooled, ConnectError> {
        let mut conn = self.url.connect()?;
        let queries = Arc::clone(&self.queries);
        let lost = Arc::new(AtomicBool::new(false));
        let seen_lost = Arc::clone(&lost);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| match event {
            InstrumentationEvent::StartQuery { query, .. } => {
                queries.fetch_add(1, Ordering::Relaxed);
                // RUST_LOG=claimdesk::sql=trace shows every query.
                tracing::trace!(target: "claimdesk::sql", "{query}");
            }
            InstrumentationEvent::FinishQuery {
                error: Some(error), ..
            } if connection_lost(error) => seen_lost.store(true, Ordering::Relaxed),
            _ => {}
        });
        Ok(Pooled { conn, lost })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), ConnectError> {
        pooled
            .conn
            .batch_execute("SELECT 1")
            .map_err(ConnectError::Check)
    }

    /// A connection handed back inside a transaction (the work panicked, or failed in a way
    /// that skipped its rollback) would make every later user fail or, on SQLite, hold the
    /// write lock: it is closed instead, which rolls the transaction back. So is one whose
    /// server went away.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        if pooled.lost.load(Ordering::Relaxed) {
            return true;
        }
        let status = match &mut pooled.conn {
            DbConnection::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c),
            DbConnection::Postgresql(c) => {
                AnsiTransactionManager::transaction_manager_status_mut(c)
            }
        };
        match status {
            TransactionManagerStatus::Valid(state) => state.transaction_depth().is_some(),
            TransactionManagerStatus::InError => true,
        }
    }
}

/// True for errors after which the connection should not be used again: the server went
/// away, or (SQLite) the file turned read-only, which a connection keeps seeing until it is
/// reopened.
fn connection_lost(error: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match error {
        Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        )
        | Error::BrokenTransactionManager => true,
        Error::DatabaseError(_, info) => info.message().contains("readonly"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_their_backend() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u@h/db").unwrap().backend(),
            Backend::Postgres
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://h/db").unwrap().backend(),
            Backend::Postgres
        );
        assert_eq!(
            DatabaseUrl::parse("./claimdesk.db").unwrap().backend(),
            Backend::Sqlite
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").unwrap().target,
            "/tmp/x.db"
        );
        assert_eq!(DatabaseUrl::parse("sqlite:x.db").unwrap().target, "x.db");
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse("  ").is_err());
    }

    #[test]
    fn passwords_are_hidden_from_messages() {
        let url = DatabaseUrl::parse("postgres://u:secret@h:5432/db").unwrap();
        assert!(!url.redacted().contains("secret"));
        assert!(!format!("{url:?}").contains("secret"));
    }
}
