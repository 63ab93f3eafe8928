//! The `notifications` table: mentions, assignments and rejections waiting for their person.

use super::schema::notifications;
use super::DbConnection;
use crate::domain::{ArticleId, StatementId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: String,
    #[serde(skip)]
    pub user_id: UserId,
    /// `mention`, `assignment` or `rejection`.
    pub kind: String,
    pub statement_id: Option<StatementId>,
    pub article_id: ArticleId,
    /// Display name of who caused it.
    pub actor: String,
    pub created_at: NaiveDateTime,
    #[serde(skip)]
    pub read_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &NotificationRow) -> QueryResult<usize> {
    diesel::insert_into(notifications::table)
        .values(row)
        .execute(conn)
}

/// A user's notifications, newest first, at most `limit`.
pub fn for_user(
    conn: &mut DbConnection,
    user_id: UserId,
    limit: i64,
) -> QueryResult<Vec<NotificationRow>> {
    notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order((notifications::created_at.desc(), notifications::id.asc()))
        .limit(limit)
        .select(NotificationRow::as_select())
        .load(conn)
}

/// How many of a user's notifications are unread.
pub fn unread_count(conn: &mut DbConnection, user_id: UserId) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

/// Marks a user's notifications read: those named, or all of them.
pub fn mark_read(
    conn: &mut DbConnection,
    user_id: UserId,
    ids: Option<&[String]>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mine = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null());
    match ids {
        Some(ids) => diesel::update(mine.filter(notifications::id.eq_any(ids)))
            .set(notifications::read_at.eq(now))
            .execute(conn),
        None => diesel::update(mine)
            .set(notifications::read_at.eq(now))
            .execute(conn),
    }
}
