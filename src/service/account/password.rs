//! Password hashing (argon2id, PHC strings) and checking.

use super::random_hex;
use crate::domain::Password;
use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// An argon2id PHC string for the password, with a fresh random salt.
pub fn hash_password(password: &Password) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Unexpected(format!("no randomness: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Unexpected(e.to_string()))?;
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Unexpected(format!("password hashing failed: {e}")))
}

/// True when `candidate` matches the PHC string.
pub(super) fn verify_password(phc: &str, candidate: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A real hash of a random password, checked against when the user does not exist.
pub(super) fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let password = random_hex(16).unwrap_or_else(|_| "claimdesk-dummy-password".into());
        crate::domain::Username::parse("nobody")
            .ok()
            .and_then(|nobody| Password::parse(&password, &nobody).ok())
            .and_then(|p| hash_password(&p).ok())
            .unwrap_or_default()
    })
}

/// Changes the actor's own password, given the current one (403 when it is wrong). Every other
/// session of the user ends; the one in `keep_session` (the caller's) stays open.
pub fn change_password(
    conn: &mut crate::storage::DbConnection,
    actor: &crate::service::Actor,
    current: &str,
    new: &str,
    keep_session: Option<&str>,
) -> Result<(), AppError> {
    use crate::service::{event, in_transaction, record};
    use crate::storage::{session, user};
    let id = actor
        .id
        .ok_or_else(|| AppError::rule("only users have passwords"))?;
    let row = user::find(conn, id)?.ok_or(AppError::Unauthenticated)?;
    if current.len() > 1024 || !verify_password(&row.password_hash, current) {
        return Err(AppError::Forbidden(
            "the current password is not right".into(),
        ));
    }
    let username = crate::domain::Username::parse(&row.username)?;
    let hash = hash_password(&Password::parse(new, &username)?)?;
    let keep = keep_session.map(super::token_hash);
    in_transaction(conn, |conn| {
        user::set_password_hash(conn, id, &hash)?;
        let ended = session::delete_for_user_except(conn, id, keep.as_deref())?;
        let mut e = event(actor, "user.password_change", "user", id, None);
        e.after = Some(serde_json::json!({"other_sessions_ended": ended}));
        record(conn, e)?;
        Ok(())
    })
}

/// [`reset_password`] for the user with this name (the command line's recovery of a lost
/// admin password).
pub fn reset_password_of(
    conn: &mut crate::storage::DbConnection,
    actor: &crate::service::Actor,
    username: &crate::domain::Username,
    new: &str,
) -> Result<(), AppError> {
    let row = crate::storage::user::find_by_username(conn, username.as_str())?
        .ok_or_else(|| AppError::not_found(&format!("user {}", username.as_str())))?;
    reset_password(conn, actor, row.id, new)
}

/// Sets a new password for another user (admins only) and ends all of that user's sessions.
pub fn reset_password(
    conn: &mut crate::storage::DbConnection,
    actor: &crate::service::Actor,
    user_id: crate::domain::UserId,
    new: &str,
) -> Result<(), AppError> {
    use crate::service::{event, in_transaction, record};
    use crate::storage::{session, user};
    actor.require(crate::domain::Role::Admin, "reset passwords")?;
    let row = user::find(conn, user_id)?.ok_or_else(|| AppError::not_found("user"))?;
    let username = crate::domain::Username::parse(&row.username)?;
    let hash = hash_password(&Password::parse(new, &username)?)?;
    in_transaction(conn, |conn| {
        user::set_password_hash(conn, user_id, &hash)?;
        let ended = session::delete_for_user_except(conn, user_id, None)?;
        let mut e = event(actor, "user.password_reset", "user", user_id, None);
        e.after = Some(serde_json::json!({"sessions_ended": ended}));
        record(conn, e)?;
        Ok(())
    })
}
