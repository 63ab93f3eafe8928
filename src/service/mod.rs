//! The workflow operations shared by the web layer and the command line. Each write runs in one
//! transaction together with the audit event that records it.

pub mod account;
pub mod article;
pub mod audit;
pub mod comment;
pub mod fact;
pub mod health;
pub mod live;
pub mod matching;
pub mod notification;
pub mod query;
pub mod report;
pub mod review;
pub mod search;
mod snapshot;
pub mod statement;

use crate::domain::{ArticleId, Role, UserId};
use crate::error::AppError;
use crate::storage::audit::{self as audit_trail, NewEvent};
use crate::storage::user::UserRow;
use crate::storage::DbConnection;
use diesel::Connection;

/// Who performs a write, as recorded in the audit trail.
#[derive(Debug, Clone)]
pub struct Actor {
    /// `None` for the system itself (the command line, first start).
    pub id: Option<UserId>,
    /// The username (or the system's name), as the audit trail records it.
    pub name: String,
    /// The name people see, when the actor is a user.
    pub display_name: Option<String>,
    pub role: Role,
}

impl Actor {
    /// The operator at the command line, who has every power.
    pub fn system(name: &str) -> Self {
        Self {
            id: None,
            name: name.to_string(),
            display_name: None,
            role: Role::Admin,
        }
    }

    /// Refuses with 403 unless the actor's role includes `needed`.
    pub fn require(&self, needed: Role, doing: &str) -> Result<(), AppError> {
        if self.role.includes(needed) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "only a user with the {needed} role may {doing}"
            )))
        }
    }
}

impl From<&crate::view::UserView> for Actor {
    fn from(user: &crate::view::UserView) -> Self {
        Self {
            id: Some(user.id),
            name: user.username.clone(),
            display_name: Some(user.display_name.clone()),
            role: user.role,
        }
    }
}

impl From<&UserRow> for Actor {
    fn from(user: &UserRow) -> Self {
        Self {
            id: Some(user.id),
            name: user.username.clone(),
            display_name: Some(user.display_name.clone()),
            role: user.role,
        }
    }
}

/// Builds the audit event for an action by `actor`.
pub(crate) fn event(
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: impl ToString,
    article_id: Option<ArticleId>,
) -> NewEvent {
    NewEvent {
        actor_id: actor.id.map(String::from),
        actor_name: actor.name.clone(),
        action: action.to_string(),
        entity_type: entity_type.to_string(),
        entity_id: entity_id.to_string(),
        article_id: article_id.map(String::from),
        before: None,
        after: None,
    }
}

/// Runs `work` in a transaction; the audit events it appends commit with it.
///
/// On PostgreSQL it first takes the audit chain's lock. On SQLite it starts with `BEGIN IMMEDIATE`, taking the write lock before the
/// first read: a deferred transaction that reads the audit head and then writes could not wait
/// for another process's writer and would fail instead.
pub(crate) fn in_transaction<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConnection::Sqlite(sqlite) = conn else {
        // Every write appends to the audit chain, whose lock serializes writers anyway; taking
        // it first keeps optimistic version checks from failing on a concurrent commit.
        return conn.transaction(|conn| {
            audit_trail::lock_chain(conn)?;
            work(conn)
        });
    };
    // Under group commit the writer is already in a transaction (holding the write lock): this
    // one becomes a savepoint of it.
    let nested = AnsiTransactionManager::transaction_manager_status_mut(sqlite)
        .transaction_depth()?
        .is_some();
    if nested {
        AnsiTransactionManager::begin_transaction(sqlite)?;
    } else {
        AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    }
    let result = work(conn);
    let DbConnection::Sqlite(sqlite) = conn else {
        return Err(AppError::Unexpected(
            "the connection changed backend".into(),
        ));
    };
    match result {
        Ok(value) => {
            AnsiTransactionManager::commit_transaction(sqlite)?;
            Ok(value)
        }
        Err(e) => {
            AnsiTransactionManager::rollback_transaction(sqlite)?;
            Err(e)
        }
    }
}

/// Appends an audit event (inside the caller's transaction).
pub(crate) fn record(conn: &mut DbConnection, event: NewEvent) -> Result<(), AppError> {
    audit_trail::append(conn, event)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{setting, Database, DatabaseUrl};
    use std::panic::{catch_unwind, AssertUnwindSafe};

    #[test]
    fn a_panic_inside_a_write_is_rolled_back_and_the_next_write_goes_through() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("claimdesk.db");
        let url = DatabaseUrl::parse(&path.to_string_lossy()).expect("url");
        let db = Database::open(&url).expect("open");

        let outcome = catch_unwind(AssertUnwindSafe(|| {
            db.write(|conn| {
                in_transaction(conn, |conn| -> Result<(), AppError> {
                    setting::set(conn, "half_done", "yes")?;
                    panic!("a bug in the middle of a write");
                })
            })
        }));
        assert!(outcome.is_err(), "the write panicked");

        // The only writer connection was in the middle of a transaction: it must not come back
        // that way (every later write would fail, and SQLite's write lock would stay taken).
        let on = db
            .write(|conn| review::set_two_person_rule(conn, &Actor::system("test"), false))
            .expect("a write after the panic");
        assert!(!on);
        let half_done = db
            .read(|conn| Ok::<_, AppError>(setting::get(conn, "half_done")?))
            .expect("read");
        assert_eq!(half_done, None, "the panicked write was rolled back");
    }
}
