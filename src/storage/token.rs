//! The `api_tokens` table: long-lived tokens for integrations, stored as SHA-256 hashes.

use super::schema::api_tokens;
use super::DbConnection;
use crate::domain::{TokenId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = api_tokens)]
pub struct TokenRow {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &TokenRow) -> QueryResult<usize> {
    diesel::insert_into(api_tokens::table)
        .values(row)
        .execute(conn)
}

/// The user behind a live (not revoked) token with this hash, in one query.
pub fn find_live_user(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<super::user::UserRow>> {
    api_tokens::table
        .inner_join(super::schema::users::table)
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .select(super::user::UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: TokenId) -> QueryResult<Option<TokenRow>> {
    api_tokens::table
        .find(id)
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
}

/// A user's tokens, newest first.
pub fn for_user(conn: &mut DbConnection, user_id: UserId) -> QueryResult<Vec<TokenRow>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::created_at.desc())
        .select(TokenRow::as_select())
        .load(conn)
}

pub fn revoke(conn: &mut DbConnection, id: TokenId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        api_tokens::table
            .find(id)
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now))
    .execute(conn)
}

/// The id of the token with this hash, if any.
pub fn find_id_by_hash(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<TokenId>> {
    api_tokens::table
        .filter(api_tokens::token_hash.eq(token_hash))
        .select(api_tokens::id)
        .first(conn)
        .optional()
}
