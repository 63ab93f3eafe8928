//! Whether the database answers, for `/healthz`.

use crate::error::AppError;
use crate::storage::{Backend, Database, DbConnection};
use diesel::connection::SimpleConnection;

/// A trivial query; an error names why the database did not answer.
pub fn probe(conn: &mut DbConnection) -> Result<(), AppError> {
    conn.batch_execute("SELECT 1")
        .map_err(|e| AppError::Unexpected(format!("database check failed: {e}")))
}

/// `sqlite` or `postgres`.
pub fn backend_name(db: &Database) -> &'static str {
    match db.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}
