//! Whether the database answers, for `/healthz`.

use crate::error::AppError;
use crate::storage::{Backend, Database, DbConnection};
use diesel::connection::SimpleConnection;

/// A trivial query; an error names why the database did not answer.
pub fn probe(conn: &mut DbConnection) -> Result<(), AppError> {
    conn.batch_execute("SELECT 1")
        .map_err(|e| AppError::Unexpected(format!("database check failed: {e}")))
}

/// Takes the write lock and lets it go, writing nothing: fails when writes cannot get through
/// (a read-only file or server, a full disk, a lock held too long).
pub fn probe_write(conn: &mut DbConnection) -> Result<(), AppError> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let in_group = match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()
            .is_ok_and(|d| d.is_some()),
        DbConnection::Postgresql(_) => false,
    };
    let sql = match conn {
        // Under group commit the writer already holds the write lock in a transaction whose
        // commit the caller waits for: a savepoint is enough to show writes get through.
        DbConnection::Sqlite(_) if in_group => "SAVEPOINT health_probe; RELEASE health_probe;",
        DbConnection::Sqlite(_) => "BEGIN IMMEDIATE; ROLLBACK;",
        DbConnection::Postgresql(_) => {
            "BEGIN; SET LOCAL statement_timeout = 2000; \
             CREATE TEMP TABLE claimdesk_health_probe (x integer) ON COMMIT DROP; ROLLBACK;"
        }
    };
    conn.batch_execute(sql).map_err(|e| {
        let _ = conn.batch_execute("ROLLBACK");
        AppError::from(e)
    })
}

/// `sqlite` or `postgres`.
pub fn backend_name(db: &Database) -> &'static str {
    match db.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// The sequence number of the newest audit event, if any.
pub fn audit_head(conn: &mut DbConnection) -> Result<Option<i64>, AppError> {
    Ok(crate::storage::audit::head(conn)?.map(|h| h.seq))
}
