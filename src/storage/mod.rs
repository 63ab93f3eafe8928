//! Persistence: one `Database` handle over SQLite (embedded default) or PostgreSQL (scale-out),
//! with the same diesel query code for both. Query functions live in one file per table and
//! return `diesel::QueryResult`.

/// Runs `$body` with `$c` bound to the backend's own connection, for the queries on every
/// request's path: the multi-backend connection writes a query's SQL text again on each
/// execution, even when its prepared statement is kept (measured: a fifth of a statement update).
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::storage::DbConnection::Sqlite($c) => $body,
            $crate::storage::DbConnection::Postgresql($c) => $body,
        }
    };
}

pub mod article;
pub mod audit;
mod cached_update;
pub mod comment;
pub mod connection;
pub mod fact;
mod group_commit;
pub mod live;
pub mod matching;
pub mod notification;
pub mod presence;
pub mod schema;
pub mod seal;
pub mod search;
pub mod session;
pub mod setting;
pub mod source;
pub mod statement;
pub mod token;
mod types;
pub mod user;

use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub use connection::{Backend, ConnectError, DatabaseUrl, DbConnection};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

type Pool = r2d2::Pool<connection::ConnectionManager>;

/// Why the database could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("{0}")]
    Url(String),
    #[error(transparent)]
    Connect(#[from] ConnectError),
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("applying migrations failed: {0}")]
    Migration(String),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    #[error(transparent)]
    Seal(#[from] seal::SealError),
}

/// Shared handle to the database: cheap to clone, safe to use from any thread.
///
/// SQLite gets one writer connection (writes queue on it, which keeps the WAL small and avoids
/// lock contention) and a pool of readers; PostgreSQL uses one pool for both.
#[derive(Clone)]
pub struct Database {
    backend: Backend,
    writer: Pool,
    /// SQLite: the writer connection, its writes committed in groups.
    group: Option<Arc<group_commit::GroupWriter>>,
    reader: Pool,
    queries: Arc<AtomicU64>,
    seal: Arc<seal::Seal>,
    feed: Arc<live::Feed>,
}

impl Database {
    /// Opens (creating a SQLite file if missing) and applies pending migrations.
    pub fn open(url: &DatabaseUrl) -> Result<Self, DatabaseError> {
        // Connect once by hand first, so that an unreachable server or unwritable file is
        // reported with its real cause rather than as a pool timeout.
        let mut first = url.connect()?;
        run_migrations(&mut first)?;
        let next_seq = audit::head(&mut first)?.map_or(1, |h| h.seq + 1);
        let schema = match &mut first {
            DbConnection::Postgresql(pg) => Some(current_schema(pg)?),
            DbConnection::Sqlite(_) => None,
        };
        drop(first);
        let feed = Arc::new(live::Feed::new(url.clone(), schema.as_deref()));
        let seal = Arc::new(seal::Seal::open_or_create(
            &seal::Seal::default_path(url),
            next_seq,
        )?);

        let queries = Arc::new(AtomicU64::new(0));
        let manager = connection::ConnectionManager::new(url.clone(), Arc::clone(&queries));
        // SQLite writes queue for the one writer, so waiting is normal there; a PostgreSQL pool
        // that cannot hand out a connection within seconds means the server is in trouble,
        // which the caller hears as a 503 rather than after half a minute.
        let wait = match url.backend() {
            Backend::Sqlite => Duration::from_secs(30),
            Backend::Postgres => Duration::from_secs(5),
        };
        let build = |size: u32| {
            r2d2::Pool::builder()
                .max_size(size)
                .test_on_check_out(false)
                .connection_timeout(wait)
                .build(manager.clone())
        };
        let (writer, reader) = match url.backend() {
            Backend::Sqlite => (build(1)?, build(4)?),
            Backend::Postgres => {
                let pool = build(10)?;
                (pool.clone(), pool)
            }
        };
        let group = match url.backend() {
            Backend::Sqlite => Some(Arc::new(group_commit::GroupWriter::start(
                writer.get()?,
                Arc::clone(&seal),
                Arc::clone(&feed),
            )?)),
            Backend::Postgres => None,
        };
        Ok(Self {
            backend: url.backend(),
            writer,
            group,
            reader,
            queries,
            seal,
            feed,
        })
    }

    /// The keys that seal this database's audit trail.
    pub fn seal(&self) -> &Arc<seal::Seal> {
        &self.seal
    }

    /// The live signals of this database (what event streams subscribe to).
    pub fn live(&self) -> &Arc<live::Feed> {
        &self.feed
    }

    /// How many queries this handle's connections have started since it was opened (for
    /// `/metrics`, and for tests that keep the number of queries per request bounded).
    pub fn queries_run(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    /// Open and idle connections of the (reader, writer) pools.
    pub fn pool_state(&self) -> [(&'static str, u32, u32); 2] {
        let r = self.reader.state();
        let w = self.writer.state();
        [
            ("reader", r.connections, r.idle_connections),
            ("writer", w.connections, w.idle_connections),
        ]
    }

    /// The engine behind this handle.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs read-only work on a reader connection. Blocking: call from `web::block` in handlers.
    pub fn read<T, E>(&self, work: impl FnOnce(&mut DbConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DatabaseError>,
    {
        let mut pooled = self.reader.get().map_err(DatabaseError::from)?;
        audit::with_seal(&self.seal, || work(&mut pooled.conn))
    }

    /// Runs work that writes on the writer connection, and returns once it has committed.
    /// Blocking: handlers use [`Database::write_async`].
    ///
    /// On PostgreSQL the closure decides its transaction; on SQLite it runs on the writer
    /// thread inside a transaction shared with the writes queued beside it (its own
    /// transactions become savepoints), which is why it must own what it uses.
    pub fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DatabaseError> + Send + 'static,
    {
        if let Some(group) = &self.group {
            return group.write(work);
        }
        let mut pooled = self.writer.get().map_err(DatabaseError::from)?;
        audit::with_seal(&self.seal, || {
            self.feed.collecting(|| work(&mut pooled.conn))
        })
    }

    /// [`Database::write`] for async callers: on SQLite it waits for the writer thread without
    /// holding a thread of its own; on PostgreSQL it runs on the blocking pool.
    pub async fn write_async<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DatabaseError> + Send + 'static,
    {
        if let Some(group) = &self.group {
            return group.write_async(work).await;
        }
        let db = self.clone();
        match tokio::task::spawn_blocking(move || db.write(work)).await {
            Ok(result) => result,
            Err(e) => Err(DatabaseError::Url(format!("the write did not finish: {e}")).into()),
        }
    }
}

/// PostgreSQL's schema for this connection (the URL may choose one with `search_path`).
fn current_schema(conn: &mut diesel::PgConnection) -> Result<String, DatabaseError> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Schema {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let row: Schema = diesel::sql_query("SELECT current_schema() AS name").get_result(conn)?;
    Ok(row.name)
}

fn run_migrations(conn: &mut DbConnection) -> Result<(), DatabaseError> {
    let result = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| DatabaseError::Migration(e.to_string()))
}

/// The current UTC time, truncated to microseconds: PostgreSQL keeps no more, and a timestamp
/// must read back exactly as written for the audit hash chain to verify.
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{DurationRound, TimeDelta};
    let now = chrono::Utc::now().naive_utc();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
}

/// A fresh random UUID (v4) as text, the id format of every table.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
