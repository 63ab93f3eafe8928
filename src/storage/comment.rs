//! The `comments` table: the discussion thread of a statement.

use super::schema::comments;
use super::DbConnection;
use crate::domain::{CommentId, StatementId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = comments)]
pub struct CommentRow {
    pub id: CommentId,
    pub statement_id: StatementId,
    pub author_id: UserId,
    pub body: String,
    /// JSON array of the usernames mentioned.
    pub mentions: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<usize> {
    diesel::insert_into(comments::table)
        .values(row)
        .execute(conn)
}

/// The thread of a statement, oldest first.
pub fn for_statement(
    conn: &mut DbConnection,
    statement_id: StatementId,
) -> QueryResult<Vec<CommentRow>> {
    comments::table
        .filter(comments::statement_id.eq(statement_id))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(CommentRow::as_select())
        .load(conn)
}
