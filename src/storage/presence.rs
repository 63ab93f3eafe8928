//! The `presence` table: who has an article open, one row per live event stream.

use super::schema::{presence, users};
use super::DbConnection;
use crate::domain::{ArticleId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Records (or refreshes) that stream `id` of `user` has `article` open.
pub fn touch(
    conn: &mut DbConnection,
    id: &str,
    article: ArticleId,
    user: UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let updated = diesel::update(presence::table.find(id))
        .set(presence::seen_at.eq(now))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(presence::table)
            .values((
                presence::id.eq(id),
                presence::article_id.eq(article.to_string()),
                presence::user_id.eq(user.to_string()),
                presence::seen_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Forgets stream `id` (its browser went away), and rows older than `stale` (their instance
/// died without saying so).
pub fn leave(conn: &mut DbConnection, id: &str, stale: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(presence::table.filter(presence::id.eq(id).or(presence::seen_at.lt(stale))))
        .execute(conn)
}

/// (username, display name) of everyone with `article` open and seen since `since`, by name.
pub fn viewers(
    conn: &mut DbConnection,
    article: ArticleId,
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, String)>> {
    presence::table
        .inner_join(users::table)
        .filter(presence::article_id.eq(article.to_string()))
        .filter(presence::seen_at.ge(since))
        .select((users::username, users::display_name))
        .distinct()
        .order(users::username.asc())
        .load(conn)
}
