//! The `users` table.

use super::schema::users;
use super::DbConnection;
use crate::domain::{Role, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

/// A stored user. The password hash never leaves the server (not serialized).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    /// The interface language the user chose (`fr`, `en`); `None` follows the browser.
    pub language: Option<String>,
}

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> QueryResult<usize> {
    diesel::insert_into(users::table).values(row).execute(conn)
}

pub fn find(conn: &mut DbConnection, id: UserId) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_username(conn: &mut DbConnection, username: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<UserRow>> {
    users::table
        .order(users::username.asc())
        .select(UserRow::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn set_disabled(conn: &mut DbConnection, id: UserId, disabled: bool) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::disabled.eq(disabled))
        .execute(conn)
}

pub fn set_role(conn: &mut DbConnection, id: UserId, role: Role) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::role.eq(role))
        .execute(conn)
}

pub fn set_password_hash(conn: &mut DbConnection, id: UserId, hash: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)
}

/// Saves the interface language a user chose (`None`: follow the browser).
pub fn set_language(
    conn: &mut DbConnection,
    id: UserId,
    language: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::language.eq(language))
        .execute(conn)
}

/// Display and user names of these users (one query; unknown ids are left out).
pub fn names(
    conn: &mut DbConnection,
    ids: &[UserId],
) -> QueryResult<Vec<(UserId, String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::username, users::display_name))
        .load(conn)
}

/// The usernames of enabled accounts, in order (people work can be assigned to).
pub fn active_usernames(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::disabled.eq(false))
        .order(users::username.asc())
        .select(users::username)
        .load(conn)
}
