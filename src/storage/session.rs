//! The `sessions` table: only a hash of each session token is stored.

use super::schema::{login_failures, sessions, users};
use super::user::UserRow;
use super::DbConnection;
use crate::domain::UserId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_id: UserId,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &SessionRow) -> QueryResult<usize> {
    diesel::insert_into(sessions::table)
        .values(row)
        .execute(conn)
}

/// The live session with this token hash and its user, in one query (every authenticated
/// request makes it).
pub fn find_live_with_user(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(SessionRow, UserRow)>> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::expires_at.gt(now))
        .select((SessionRow::as_select(), UserRow::as_select()))
        .first(conn)
        .optional()
}

pub fn delete(conn: &mut DbConnection, token_hash: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(token_hash)).execute(conn)
}

/// Ends every session of a user (when the account is disabled).
pub fn delete_for_user(conn: &mut DbConnection, user_id: UserId) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)
}

/// Ends every session of a user but the one with `keep` as its token hash.
pub fn delete_for_user_except(
    conn: &mut DbConnection,
    user_id: UserId,
    keep: Option<&str>,
) -> QueryResult<usize> {
    let mine = sessions::table.filter(sessions::user_id.eq(user_id));
    match keep {
        Some(hash) => diesel::delete(mine.filter(sessions::token_hash.ne(hash))).execute(conn),
        None => diesel::delete(mine).execute(conn),
    }
}

pub fn delete_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)
}

/// Records a login attempt by `client` for `username`; it counts as a failure until
/// [`forget_attempt`] removes it.
pub fn record_attempt(
    conn: &mut DbConnection,
    id: &str,
    username: &str,
    client: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(id),
            login_failures::username.eq(username),
            login_failures::client.eq(client),
            login_failures::failed_at.eq(at),
        ))
        .execute(conn)
}

/// Removes an attempt that turned out to be a successful login.
pub fn forget_attempt(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(login_failures::table.find(id)).execute(conn)
}

/// Failed attempts for `username` from `client` since `since`.
pub fn failures_since(
    conn: &mut DbConnection,
    username: &str,
    client: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    login_failures::table
        .filter(login_failures::username.eq(username))
        .filter(login_failures::client.eq(client))
        .filter(login_failures::failed_at.gt(since))
        .count()
        .get_result(conn)
}

/// Failed attempts from `client`, whatever the username, since `since`.
pub fn client_failures_since(
    conn: &mut DbConnection,
    client: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    login_failures::table
        .filter(login_failures::client.eq(client))
        .filter(login_failures::failed_at.gt(since))
        .count()
        .get_result(conn)
}

/// Forgets the failures of `username` from `client` (after a successful login) and every
/// failure older than `before`.
pub fn clear_failures(
    conn: &mut DbConnection,
    username: &str,
    client: &str,
    before: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        login_failures::table.filter(
            login_failures::username
                .eq(username)
                .and(login_failures::client.eq(client))
                .or(login_failures::failed_at.le(before)),
        ),
    )
    .execute(conn)
}
