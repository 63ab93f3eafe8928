//! Live work on an article: the changes a stream reports (read from the audit trail, by
//! sequence number) and who has the article open.

use super::Actor;
use crate::domain::{ArticleId, UserId};
use crate::error::AppError;
use crate::storage::{self, article, audit, live, presence, user, DbConnection};
use serde::Serialize;
use std::collections::HashMap;

/// Most events one read returns; a stream further behind reads again.
pub const BATCH: i64 = 200;
/// A stream sends a keep-alive line this often (a write is how the server finds out that a
/// browser went away) ...
pub const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(5);
/// ... and refreshes its presence row every this many heartbeats ...
pub const PRESENCE_EVERY: u32 = 3;
/// ... and is forgotten when not seen for this long (its instance died).
const PRESENCE_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(45);

/// One change, as a stream sends it (DESIGN.md: `{type, statement_id?, version, actor}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveEvent {
    /// The audit event's sequence number: the stream's event id (`Last-Event-ID`).
    #[serde(skip)]
    pub seq: i64,
    /// The audit action: `verdict.record`, `statement.update`, `approval.approve`...
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement_id: Option<String>,
    /// The changed statement's (or article's) version after the change, when it has one.
    pub version: Option<i64>,
    /// Username of who made the change.
    pub actor: String,
    /// Their display name ("changed by Rita").
    pub actor_name: String,
}

/// Someone with the article open.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Viewer {
    pub username: String,
    pub display_name: String,
}

/// Where a new stream of `article_id` starts: after `last_seen` when the browser reconnects
/// with `Last-Event-ID`, else after the newest event (only what happens from now on). 404 for
/// an unknown article.
pub fn stream_start(
    conn: &mut DbConnection,
    article_id: ArticleId,
    last_seen: Option<i64>,
) -> Result<i64, AppError> {
    article::find_head(conn, article_id)?.ok_or_else(|| AppError::not_found("article"))?;
    match last_seen {
        Some(seq) => Ok(seq.max(0)),
        None => Ok(audit::head(conn)?.map_or(0, |h| h.seq)),
    }
}

/// The article's changes after `since`, oldest first, at most [`BATCH`].
pub fn events_after(
    conn: &mut DbConnection,
    article_id: ArticleId,
    since: i64,
) -> Result<Vec<LiveEvent>, AppError> {
    let rows = audit::for_article(conn, &article_id.to_string(), since, BATCH)?;
    let ids: Vec<UserId> = rows
        .iter()
        .filter_map(|r| r.actor_id.as_deref()?.parse().ok())
        .collect();
    let display: HashMap<String, String> = user::names(conn, &ids)?
        .into_iter()
        .map(|(_, login, shown)| (login, shown))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let version = r
                .after_json
                .as_deref()
                .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                .and_then(|a| a.get("version").and_then(serde_json::Value::as_i64));
            LiveEvent {
                seq: r.seq,
                statement_id: (r.entity_type == "statement").then(|| r.entity_id.clone()),
                version,
                actor_name: display
                    .get(&r.actor_name)
                    .cloned()
                    .unwrap_or_else(|| r.actor_name.clone()),
                actor: r.actor_name,
                kind: r.action,
            }
        })
        .collect())
}

/// Records that stream `stream` of `actor` has the article open (call again every
/// [`HEARTBEAT`]); tells the article's other streams when it is new.
pub fn join(
    conn: &mut DbConnection,
    actor: &Actor,
    stream: &str,
    article_id: ArticleId,
    announce: bool,
) -> Result<(), AppError> {
    let Some(user_id) = actor.id else {
        return Ok(());
    };
    presence::touch(conn, stream, article_id, user_id, storage::now())?;
    if announce {
        live::announce(conn, live::Signal::Presence(article_id.to_string()))?;
    }
    Ok(())
}

/// Forgets stream `stream` (and streams not seen for a while) and tells the others.
pub fn leave(conn: &mut DbConnection, stream: &str, article_id: ArticleId) -> Result<(), AppError> {
    presence::leave(conn, stream, storage::now() - PRESENCE_TTL)?;
    live::announce(conn, live::Signal::Presence(article_id.to_string()))?;
    Ok(())
}

/// Everyone with the article open now.
pub fn viewers(conn: &mut DbConnection, article_id: ArticleId) -> Result<Vec<Viewer>, AppError> {
    Ok(
        presence::viewers(conn, article_id, storage::now() - PRESENCE_TTL)?
            .into_iter()
            .map(|(username, display_name)| Viewer {
                username,
                display_name,
            })
            .collect(),
    )
}
