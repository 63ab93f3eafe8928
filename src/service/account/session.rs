//! Sessions: logging in (with throttling of failed attempts), out, and resolving a token.

use super::password::{dummy_hash, verify_password};
use super::{random_hex, token_hash};
use crate::domain::Username;
use crate::error::AppError;
use crate::service::{event, in_transaction, record, Actor};
use crate::storage::session::{self, SessionRow};
use crate::storage::user;
use crate::storage::{self as db, DbConnection};
use crate::view::UserView;
use chrono::TimeDelta;

/// Failed logins allowed for one username from one client address within [`LOGIN_WINDOW`];
/// further attempts from that address are refused (429) until the window has passed.
pub const MAX_LOGIN_FAILURES: i64 = 10;
/// Failed logins allowed from one client address, whatever the usernames tried (password
/// spraying), within [`LOGIN_WINDOW`].
pub const MAX_CLIENT_FAILURES: i64 = 50;
/// The window over which failed logins are counted.
pub const LOGIN_WINDOW: TimeDelta = TimeDelta::minutes(15);

/// How long a session lasts after login.
pub const SESSION_LIFETIME: TimeDelta = TimeDelta::hours(12);

/// A session just opened: the token goes to the client once; only its hash is stored.
#[derive(Debug, Clone)]
pub struct OpenedSession {
    pub token: String,
    pub csrf_token: String,
    pub user: UserView,
    pub expires_at: chrono::NaiveDateTime,
}

/// Checks a username and password from `client` (its address) and opens a new session
/// (rotating away `previous_token`'s). Wrong name, wrong password and disabled account all
/// answer the same `BadCredentials`. After [`MAX_LOGIN_FAILURES`] failures for a name from one
/// address, or [`MAX_CLIENT_FAILURES`] from one address, within [`LOGIN_WINDOW`], that address
/// gets `RateLimited`; the account's owner elsewhere is not locked out.
///
/// The attempt is written before it is counted and checked, so concurrent guesses (on any
/// instance) each see the others: no more than the allowance ever reaches the password check.
pub fn login(
    conn: &mut DbConnection,
    username: &str,
    password: &str,
    client: &str,
    previous_token: Option<&str>,
) -> Result<OpenedSession, AppError> {
    let now = db::now();
    let key: String = username
        .trim()
        .to_ascii_lowercase()
        .chars()
        .take(64)
        .collect();
    let client: String = client.chars().take(64).collect();
    let attempt = db::new_id();
    session::record_attempt(conn, &attempt, &key, &client, now)?;
    let since = now - LOGIN_WINDOW;
    if session::failures_since(conn, &key, &client, since)? > MAX_LOGIN_FAILURES
        || session::client_failures_since(conn, &client, since)? > MAX_CLIENT_FAILURES
    {
        return Err(AppError::RateLimited);
    }
    // An over-long password is wrong for every account alike, before any lookup, so the time
    // taken tells nothing about which names exist.
    if password.len() > 1024 {
        verify_password(dummy_hash(), "");
        return Err(AppError::BadCredentials);
    }
    let found = Username::parse(username)
        .ok()
        .map(|name| user::find_by_username(conn, name.as_str()))
        .transpose()?
        .flatten();
    let checked = match found.filter(|u| !u.disabled) {
        Some(user) => verify_password(&user.password_hash, password).then_some(user),
        None => {
            // Spend the same time as a real check, so response times do not reveal which names
            // exist.
            verify_password(dummy_hash(), password);
            None
        }
    };
    let Some(user) = checked else {
        return Err(AppError::BadCredentials);
    };
    let opened = OpenedSession {
        token: random_hex(32)?,
        csrf_token: random_hex(32)?,
        expires_at: now + SESSION_LIFETIME,
        user: UserView::from(user),
    };
    in_transaction(conn, |conn| {
        session::forget_attempt(conn, &attempt)?;
        session::clear_failures(conn, &key, &client, since)?;
        if let Some(previous) = previous_token {
            session::delete(conn, &token_hash(previous))?;
        }
        session::delete_expired(conn, now)?;
        session::insert(
            conn,
            &SessionRow {
                token_hash: token_hash(&opened.token),
                user_id: opened.user.id,
                csrf_token: opened.csrf_token.clone(),
                created_at: now,
                expires_at: opened.expires_at,
            },
        )?;
        let actor = Actor::from(&opened.user);
        record(
            conn,
            event(&actor, "session.login", "user", opened.user.id, None),
        )?;
        Ok(())
    })?;
    Ok(opened)
}

/// Ends a session.
pub fn logout(conn: &mut DbConnection, actor: &Actor, token: &str) -> Result<(), AppError> {
    in_transaction(conn, |conn| {
        session::delete(conn, &token_hash(token))?;
        if let Some(id) = actor.id {
            record(conn, event(actor, "session.logout", "user", id, None))?;
        }
        Ok(())
    })
}

/// The enabled user behind a live session token, and the session's CSRF token, if any.
pub fn resolve_session(
    conn: &mut DbConnection,
    token: &str,
) -> Result<Option<(UserView, String)>, AppError> {
    let found = session::find_live_with_user(conn, &token_hash(token), db::now())?;
    Ok(found
        .filter(|(_, u)| !u.disabled)
        .map(|(session, u)| (UserView::from(u), session.csrf_token)))
}
