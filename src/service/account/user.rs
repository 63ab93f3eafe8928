//! Users: creation, disabling (never deletion), listing, and the first admin.

use super::{hash_password, random_hex};
use crate::domain::{Password, Role, UserId, Username};
use crate::error::AppError;
use crate::service::{event, in_transaction, record, Actor};
use crate::storage::user::{self, UserRow};
use crate::storage::{self as db, session, DbConnection};
use crate::view::UserView;
use serde_json::json;

/// What is needed to create a user.
#[derive(Debug)]
pub struct NewUser {
    pub username: Username,
    pub display_name: String,
    pub role: Role,
    pub password: Password,
}

fn user_json(u: &UserRow) -> serde_json::Value {
    json!({"username": u.username, "display_name": u.display_name, "role": u.role, "disabled": u.disabled})
}

/// Creates a user (409 when the name is taken). Only admins may, except the system.
pub fn create_user(
    conn: &mut DbConnection,
    actor: &Actor,
    new: NewUser,
) -> Result<UserView, AppError> {
    actor.require(Role::Admin, "manage users")?;
    let display_name = match new.display_name.trim() {
        "" => new.username.as_str().to_string(),
        d if d.chars().count() > 100 => {
            return Err(AppError::rule(
                "a display name may not exceed 100 characters",
            ))
        }
        d => d.to_string(),
    };
    let row = UserRow {
        id: UserId::new(),
        username: new.username.as_str().to_string(),
        display_name,
        role: new.role,
        password_hash: hash_password(&new.password)?,
        disabled: false,
        created_at: db::now(),
        language: None,
    };
    in_transaction(conn, |conn| {
        if user::find_by_username(conn, &row.username)?.is_some() {
            return Err(AppError::Conflict(format!(
                "the username {:?} is already taken",
                row.username
            )));
        }
        user::insert(conn, &row)?;
        let mut e = event(actor, "user.create", "user", row.id, None);
        e.after = Some(user_json(&row));
        record(conn, e)?;
        Ok(())
    })?;
    Ok(UserView::from(row))
}

/// Enables or disables an account; disabling ends its sessions. Users are never deleted.
/// Admins only.
pub fn set_disabled(
    conn: &mut DbConnection,
    actor: &Actor,
    user_id: UserId,
    disabled: bool,
) -> Result<UserView, AppError> {
    actor.require(Role::Admin, "manage users")?;
    if actor.id == Some(user_id) && disabled {
        return Err(AppError::rule("you cannot disable your own account"));
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
        Ok(UserView::from(after))
    })
}

/// Every account, by username. Admins only.
/// Saves the actor's interface language (`None`: follow the browser). Not an audited change:
/// it touches nobody's work.
pub fn set_language(
    conn: &mut DbConnection,
    actor: &Actor,
    language: Option<crate::i18n::Language>,
) -> Result<(), AppError> {
    let id = actor
        .id
        .ok_or_else(|| AppError::rule("only users choose a language"))?;
    user::set_language(conn, id, language.map(|l| l.as_str()))?;
    Ok(())
}

pub fn list_users(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<UserView>, AppError> {
    actor.require(Role::Admin, "manage users")?;
    Ok(user::list(conn)?.into_iter().map(UserView::from).collect())
}

/// The enabled account with this username (any case), if any.
pub fn active_user_named(
    conn: &mut DbConnection,
    name: &str,
) -> Result<Option<UserView>, AppError> {
    Ok(
        user::find_by_username(conn, &name.trim().to_ascii_lowercase())?
            .filter(|u| !u.disabled)
            .map(UserView::from),
    )
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
            password: Password::parse(&password, &Username::parse("admin")?)?,
            username: Username::parse("admin")?,
            display_name: "Administrator".into(),
            role: Role::Admin,
        },
    );
    match created {
        Ok(_) => Ok(Some(password)),
        // Another instance starting on the same empty database created it first.
        Err(AppError::Conflict(_)) => Ok(None),
        Err(e) => Err(e),
    }
}
