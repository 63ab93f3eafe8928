//! The `sources` table: the evidence cited with a verdict.

use super::schema::sources;
use super::DbConnection;
use crate::domain::{SourceId, StatementId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = sources)]
pub struct SourceRow {
    #[serde(skip)]
    pub id: SourceId,
    #[serde(skip)]
    pub statement_id: StatementId,
    #[serde(skip)]
    pub position: i32,
    pub url: String,
    pub title: Option<String>,
    pub excerpt: Option<String>,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
}

/// The sources of the given statements, in their cited order.
pub fn for_statements(
    conn: &mut DbConnection,
    statement_ids: &[StatementId],
) -> QueryResult<Vec<SourceRow>> {
    let mut out = Vec::new();
    // Chunked: SQLite limits the number of bound parameters in one statement.
    for chunk in statement_ids.chunks(500) {
        out.extend(
            sources::table
                .filter(sources::statement_id.eq_any(chunk))
                .order((sources::statement_id.asc(), sources::position.asc()))
                .select(SourceRow::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// Replaces the sources of a statement by `rows`.
pub fn replace(
    conn: &mut DbConnection,
    statement_id: StatementId,
    rows: &[SourceRow],
) -> QueryResult<()> {
    diesel::delete(sources::table.filter(sources::statement_id.eq(statement_id))).execute(conn)?;
    match rows {
        [] => return Ok(()),
        // One plain INSERT (diesel runs a SQLite batch as one INSERT per row in a savepoint).
        [row] => {
            diesel::insert_into(sources::table)
                .values(row)
                .execute(conn)?;
            return Ok(());
        }
        _ => {}
    }
    // One multi-row INSERT through the backend's own connection (the multi-backend one has no
    // batch insert); a verdict cites at most 50 sources, well under SQLite's parameter limit.
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(sources::table)
            .values(rows)
            .execute(c)?,
        DbConnection::Postgresql(c) => diesel::insert_into(sources::table)
            .values(rows)
            .execute(c)?,
    };
    Ok(())
}
