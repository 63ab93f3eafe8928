//! Users, passwords and sessions.

use super::{event, in_transaction, record, Actor};
use crate::domain::{Password, Role, Username};
use crate::error::AppError;
use crate::storage::session::{self, SessionRow};
use crate::storage::user::{self, UserRow};
use crate::storage::{self as db, DbConnection};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::TimeDelta;
use serde_json::json;
use sha2::{Digest, Sha256};

/// Failed logins allowed per username within [`LOGIN_WINDOW`] before logins are refused (429).
pub const MAX_LOGIN_FAILURES: i64 = 10;
/// The window over which failed logins are counted.
pub const LOGIN_WINDOW: TimeDelta = TimeDelta::minutes(15);

/// How long a session lasts after login.
pub const SESSION_LIFETIME: TimeDelta = TimeDelta::hours(12);

/// `n` random bytes from the operating system, hex-encoded.
pub fn random_hex(n: usize) -> Result<String, AppError> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| AppError::Unexpected(format!("no randomness: {e}")))?;
    Ok(hex::encode(buf))
}

/// SHA-256 of a secret token, hex: what is stored in place of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

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

fn verify_password(phc: &str, candidate: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// What is needed to create a user.
#[derive(Debug)]
pub struct NewUser {
    pub username: Username,
    pub display_name: String,
    pub role: Role,
    pub password: Password,
}

/// Creates a user (409 when the name is taken). Only admins may, except the system.
pub fn create_user(
    conn: &mut DbConnection,
    actor: &Actor,
    new: NewUser,
) -> Result<UserRow, AppError> {
    actor.require(Role::Admin, "manage users")?;
    let display_name = match new.display_name.trim() {
        "" => new.username.as_str().to_string(),
        d if d.chars().count() > 100 => {
            return Err(AppError::validation(
                "a display name may not exceed 100 characters",
            ))
        }
        d => d.to_string(),
    };
    let row = UserRow {
        id: db::new_id(),
        username: new.username.as_str().to_string(),
        display_name,
        role: new.role.as_str().to_string(),
        password_hash: hash_password(&new.password)?,
        disabled: false,
        created_at: db::now(),
    };
    in_transaction(conn, |conn| {
        if user::find_by_username(conn, &row.username)?.is_some() {
            return Err(AppError::Conflict(format!(
                "the username {:?} is already taken",
                row.username
            )));
        }
        user::insert(conn, &row)?;
        let mut e = event(actor, "user.create", "user", &row.id, None);
        e.after = Some(user_json(&row));
        record(conn, e)?;
        Ok(row)
    })
}

fn user_json(u: &UserRow) -> serde_json::Value {
    json!({"username": u.username, "display_name": u.display_name, "role": u.role, "disabled": u.disabled})
}

/// Enables or disables an account; disabling ends its sessions. Users are never deleted.
pub fn set_disabled(
    conn: &mut DbConnection,
    actor: &Actor,
    user_id: &str,
    disabled: bool,
) -> Result<UserRow, AppError> {
    actor.require(Role::Admin, "manage users")?;
    if actor.id.as_deref() == Some(user_id) && disabled {
        return Err(AppError::validation("you cannot disable your own account"));
    }
    in_transaction(conn, |conn| {
        let before = user::find(conn, user_id)?.ok_or_else(|| AppError::not_found("user"))?;
        user::set_disabled(conn, user_id, disabled)?;
        if disabled {
            session::delete_for_user(conn, user_id)?;
        }
        let after = UserRow {
            disabled,
            ..before.clone()
        };
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        let mut e = event(actor, action, "user", user_id, None);
        e.before = Some(user_json(&before));
        e.after = Some(user_json(&after));
        record(conn, e)?;
        Ok(after)
    })
}

/// A session just opened: the token goes to the client once; only its hash is stored.
#[derive(Debug, Clone)]
pub struct OpenedSession {
    pub token: String,
    pub csrf_token: String,
    pub user: UserRow,
    pub expires_at: chrono::NaiveDateTime,
}

/// Checks a username and password and opens a new session (rotating away `previous_token`'s).
/// Wrong name, wrong password and disabled account all answer the same `BadCredentials`; after
/// [`MAX_LOGIN_FAILURES`] failures for a name within [`LOGIN_WINDOW`], `RateLimited`.
pub fn login(
    conn: &mut DbConnection,
    username: &str,
    password: &str,
    previous_token: Option<&str>,
) -> Result<OpenedSession, AppError> {
    let now = db::now();
    let key: String = username
        .trim()
        .to_ascii_lowercase()
        .chars()
        .take(64)
        .collect();
    if session::failures_since(conn, &key, now - LOGIN_WINDOW)? >= MAX_LOGIN_FAILURES {
        return Err(AppError::RateLimited);
    }
    let found = Username::parse(username)
        .ok()
        .map(|name| user::find_by_username(conn, name.as_str()))
        .transpose()?
        .flatten();
    let checked = match found.filter(|u| !u.disabled) {
        Some(user) => (password.len() <= 1024 && verify_password(&user.password_hash, password))
            .then_some(user),
        None => {
            // Spend the same time as a real check, so response times do not reveal which names
            // exist.
            verify_password(dummy_hash(), password);
            None
        }
    };
    let Some(user) = checked else {
        session::record_failure(conn, &key, now)?;
        return Err(AppError::BadCredentials);
    };
    let opened = OpenedSession {
        token: random_hex(32)?,
        csrf_token: random_hex(32)?,
        expires_at: now + SESSION_LIFETIME,
        user,
    };
    in_transaction(conn, |conn| {
        session::clear_failures(conn, &key, now - LOGIN_WINDOW)?;
        if let Some(previous) = previous_token {
            session::delete(conn, &token_hash(previous))?;
        }
        session::delete_expired(conn, now)?;
        session::insert(
            conn,
            &SessionRow {
                token_hash: token_hash(&opened.token),
                user_id: opened.user.id.clone(),
                csrf_token: opened.csrf_token.clone(),
                created_at: now,
                expires_at: opened.expires_at,
            },
        )?;
        let actor = Actor::from(&opened.user);
        record(
            conn,
            event(&actor, "session.login", "user", &opened.user.id, None),
        )?;
        Ok(())
    })?;
    Ok(opened)
}

/// A real hash of a random password, checked against when the user does not exist.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let password = random_hex(16).unwrap_or_else(|_| "claimdesk-dummy-password".into());
        Password::parse(&password)
            .ok()
            .and_then(|p| hash_password(&p).ok())
            .unwrap_or_default()
    })
}

/// Ends a session.
pub fn logout(conn: &mut DbConnection, actor: &Actor, token: &str) -> Result<(), AppError> {
    in_transaction(conn, |conn| {
        session::delete(conn, &token_hash(token))?;
        if let Some(id) = &actor.id {
            record(conn, event(actor, "session.logout", "user", id, None))?;
        }
        Ok(())
    })
}

/// The live session and enabled user behind a token, if any.
pub fn resolve_session(
    conn: &mut DbConnection,
    token: &str,
) -> Result<Option<(UserRow, SessionRow)>, AppError> {
    let found = session::find_live_with_user(conn, &token_hash(token), db::now())?;
    Ok(found
        .filter(|(_, u)| !u.disabled)
        .map(|(session, u)| (u, session)))
}

/// On an empty database, creates the user `admin` with a random one-time password and returns
/// that password (to print once); otherwise `None`.
pub fn ensure_first_admin(conn: &mut DbConnection) -> Result<Option<String>, AppError> {
    if user::count(conn)? > 0 {
        return Ok(None);
    }
    let password = random_hex(12)?;
    let created = create_user(
        conn,
        &Actor::system("first-start"),
        NewUser {
            username: Username::parse("admin")?,
            display_name: "Administrator".into(),
            role: Role::Admin,
            password: Password::parse(&password)?,
        },
    );
    match created {
        Ok(_) => Ok(Some(password)),
        // Another instance starting on the same empty database created it first.
        Err(AppError::Conflict(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Prefix of API tokens, which tells them apart from session tokens.
pub const API_TOKEN_PREFIX: &str = "cd_";

/// An API token just created: the secret is shown to its owner once, never again.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CreatedToken {
    #[serde(flatten)]
    pub row: crate::storage::token::TokenRow,
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
        .clone()
        .ok_or_else(|| AppError::validation("API tokens belong to users"))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::validation(
            "name the token (1 to 100 characters), e.g. the integration that uses it",
        ));
    }
    let token = format!("{API_TOKEN_PREFIX}{}", random_hex(32)?);
    let row = crate::storage::token::TokenRow {
        id: db::new_id(),
        user_id,
        name: name.to_string(),
        token_hash: token_hash(&token),
        created_at: db::now(),
        revoked_at: None,
    };
    in_transaction(conn, |conn| {
        crate::storage::token::insert(conn, &row)?;
        let mut e = event(actor, "token.create", "api_token", &row.id, None);
        e.after = Some(json!({"name": row.name, "user_id": row.user_id}));
        record(conn, e)?;
        Ok(())
    })?;
    Ok(CreatedToken { row, token })
}

/// Revokes a token: its owner or an admin.
pub fn revoke_token(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<(), AppError> {
    in_transaction(conn, |conn| {
        let row = crate::storage::token::find(conn, id)?
            .ok_or_else(|| AppError::not_found("API token"))?;
        if actor.id.as_deref() != Some(row.user_id.as_str()) {
            actor.require(Role::Admin, "revoke another user's token")?;
        }
        if crate::storage::token::revoke(conn, id, db::now())? == 0 {
            return Err(AppError::Conflict("this token is already revoked".into()));
        }
        let mut e = event(actor, "token.revoke", "api_token", id, None);
        e.before = Some(json!({"name": row.name, "user_id": row.user_id}));
        record(conn, e)?;
        Ok(())
    })
}

/// The enabled user behind a live API token, if any.
pub fn resolve_api_token(
    conn: &mut DbConnection,
    token: &str,
) -> Result<Option<UserRow>, AppError> {
    let found = crate::storage::token::find_live_user(conn, &token_hash(token))?;
    Ok(found.filter(|u| !u.disabled))
}
