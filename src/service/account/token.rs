//! API tokens for integrations: shown once, stored as SHA-256 hashes, revocable.

use super::{random_hex, token_hash};
use crate::domain::{Role, TokenId};
use crate::error::AppError;
use crate::service::{event, in_transaction, record, Actor};
use crate::storage::token::{self, TokenRow};
use crate::storage::{self as db, DbConnection};
use crate::view::UserView;
use serde_json::json;

/// Prefix of API tokens, which tells them apart from session tokens.
pub const API_TOKEN_PREFIX: &str = "cd_";

/// An API token just created: the secret is shown to its owner once, never again.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CreatedToken {
    #[serde(flatten)]
    pub row: TokenRow,
    pub token: String,
}

/// Creates an API token for the actor. It acts with the actor's role, until revoked.
pub fn create_token(
    conn: &mut DbConnection,
    actor: &Actor,
    name: &str,
) -> Result<CreatedToken, AppError> {
    let user_id = actor
        .id
        .ok_or_else(|| AppError::rule("API tokens belong to users"))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::rule(
            "name the token (1 to 100 characters), e.g. the integration that uses it",
        ));
    }
    let secret = format!("{API_TOKEN_PREFIX}{}", random_hex(32)?);
    let row = TokenRow {
        id: TokenId::new(),
        user_id,
        name: name.to_string(),
        token_hash: token_hash(&secret),
        created_at: db::now(),
        revoked_at: None,
    };
    in_transaction(conn, |conn| {
        token::insert(conn, &row)?;
        let mut e = event(actor, "token.create", "api_token", row.id, None);
        e.after = Some(json!({"name": row.name, "user_id": row.user_id}));
        record(conn, e)?;
        Ok(())
    })?;
    Ok(CreatedToken { row, token: secret })
}

/// Revokes a token: its owner or an admin.
pub fn revoke_token(conn: &mut DbConnection, actor: &Actor, id: TokenId) -> Result<(), AppError> {
    in_transaction(conn, |conn| {
        let row = token::find(conn, id)?.ok_or_else(|| AppError::not_found("API token"))?;
        if actor.id != Some(row.user_id) {
            actor.require(Role::Admin, "revoke another user's token")?;
        }
        if token::revoke(conn, id, db::now())? == 0 {
            return Err(AppError::Conflict("this token is already revoked".into()));
        }
        let mut e = event(actor, "token.revoke", "api_token", id, None);
        e.before = Some(json!({"name": row.name, "user_id": row.user_id}));
        record(conn, e)?;
        Ok(())
    })
}

/// Revokes the API token whose secret the actor presented (logging out with it).
pub fn revoke_token_by_secret(
    conn: &mut DbConnection,
    actor: &Actor,
    secret: &str,
) -> Result<(), AppError> {
    let id = token::find_id_by_hash(conn, &token_hash(secret))?
        .ok_or_else(|| AppError::not_found("API token"))?;
    revoke_token(conn, actor, id)
}

/// The actor's own tokens, newest first (never their secrets).
pub fn list_tokens(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<TokenRow>, AppError> {
    match actor.id {
        Some(id) => Ok(token::for_user(conn, id)?),
        None => Ok(Vec::new()),
    }
}

/// The enabled user behind a live API token, if any.
pub fn resolve_api_token(
    conn: &mut DbConnection,
    secret: &str,
) -> Result<Option<UserView>, AppError> {
    let found = token::find_live_user(conn, &token_hash(secret))?;
    Ok(found.filter(|u| !u.disabled).map(UserView::from))
}
