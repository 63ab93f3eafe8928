//! Notifications: a mention, an assignment or a rejected verdict reaches its person, who reads
//! them (`GET /api/v1/notifications`) and marks them read.

use super::Actor;
use crate::domain::{ArticleId, StatementId, UserId};
use crate::error::AppError;
use crate::storage::notification::{self, NotificationRow};
use crate::storage::{self as db, DbConnection};
use serde::Serialize;

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Mention,
    Assignment,
    Rejection,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Mention => "mention",
            Reason::Assignment => "assignment",
            Reason::Rejection => "rejection",
        }
    }
}

/// Leaves a notification for `user` (inside the caller's transaction); none for one's own act.
pub(crate) fn notify(
    conn: &mut DbConnection,
    actor: &Actor,
    user: UserId,
    reason: Reason,
    article_id: ArticleId,
    statement_id: Option<StatementId>,
) -> Result<(), AppError> {
    if actor.id == Some(user) {
        return Ok(());
    }
    notification::insert(
        conn,
        &NotificationRow {
            id: db::new_id(),
            user_id: user,
            kind: reason.as_str().into(),
            statement_id,
            article_id,
            actor: actor
                .display_name
                .clone()
                .unwrap_or_else(|| actor.name.clone()),
            created_at: db::now(),
            read_at: None,
        },
    )?;
    Ok(())
}

/// A notification as its person sees it.
#[derive(Debug, Clone, Serialize)]
pub struct NotificationView {
    #[serde(flatten)]
    pub row: NotificationRow,
    pub read: bool,
}

/// The actor's notifications, newest first, and how many are unread.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    limit: i64,
) -> Result<(Vec<NotificationView>, i64), AppError> {
    let Some(id) = actor.id else {
        return Ok((Vec::new(), 0));
    };
    let rows = notification::for_user(conn, id, limit)?
        .into_iter()
        .map(|row| NotificationView {
            read: row.read_at.is_some(),
            row,
        })
        .collect();
    Ok((rows, notification::unread_count(conn, id)?))
}

/// Marks the actor's notifications read (those named, or all); returns how many changed.
pub fn mark_read(
    conn: &mut DbConnection,
    actor: &Actor,
    ids: Option<Vec<String>>,
) -> Result<usize, AppError> {
    let Some(id) = actor.id else {
        return Ok(0);
    };
    Ok(notification::mark_read(
        conn,
        id,
        ids.as_deref(),
        db::now(),
    )?)
}
