//! Reading the audit trail: the log (editors), an article's activity, and checking the chain.

use super::query::{assignable_usernames, load_article};
use super::Actor;
use crate::domain::{ArticleId, Role};
use crate::error::AppError;
use crate::storage::audit::{self, chain_hash, AuditRow, GENESIS_HASH};
use crate::storage::DbConnection;
use crate::view::ArticleView;

/// A page of the audit log, oldest first, after sequence number `since`: the whole chain or
/// one article's events. Editors and admins.
pub fn log(
    conn: &mut DbConnection,
    actor: &Actor,
    article: Option<ArticleId>,
    since: i64,
    limit: i64,
) -> Result<Vec<AuditRow>, AppError> {
    actor.require(Role::Editor, "read the audit log")?;
    Ok(match article {
        Some(id) => audit::for_article(conn, &id.to_string(), since, limit)?,
        None => audit::page(conn, since, limit)?,
    })
}

/// What the activity page of an article shows.
pub struct Activity {
    pub article: ArticleView,
    pub events: Vec<AuditRow>,
    /// Usernames of the enabled accounts, for the assignment form.
    pub reviewers: Vec<String>,
}

/// An article with a page of its audit events (after `since`). Editors and admins.
pub fn article_activity(
    conn: &mut DbConnection,
    actor: &Actor,
    article_id: ArticleId,
    since: i64,
) -> Result<Activity, AppError> {
    actor.require(Role::Editor, "read the audit log")?;
    let article = load_article(conn, article_id)?;
    let events = audit::for_article(conn, &article_id.to_string(), since, 200)?;
    let reviewers = assignable_usernames(conn)?;
    Ok(Activity {
        article,
        events,
        reviewers,
    })
}

/// The outcome of a walk over the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every event links to its predecessor and hashes to its stored hash.
    Intact { events: i64, head: Option<String> },
    /// The first event that does not fit, and why.
    Broken { seq: i64, reason: String },
}

/// Walks the whole chain from the first event, a page at a time (memory stays flat on long
/// histories).
pub fn verify_chain(conn: &mut DbConnection) -> Result<Verification, AppError> {
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut count = 0;
    loop {
        let page = audit::page(conn, expected_seq - 1, 1000)?;
        if page.is_empty() {
            break;
        }
        for event in page {
            if event.seq != expected_seq {
                return Ok(Verification::Broken {
                    seq: expected_seq,
                    reason: format!(
                        "event {expected_seq} is missing (the next stored event is {})",
                        event.seq
                    ),
                });
            }
            if event.prev_hash != prev_hash {
                return Ok(Verification::Broken {
                    seq: event.seq,
                    reason: "its prev_hash does not match the previous event's hash \
                             (an event before it was removed, altered or reordered)"
                        .into(),
                });
            }
            if chain_hash(&prev_hash, &event) != event.hash {
                return Ok(Verification::Broken {
                    seq: event.seq,
                    reason: "its content does not match its hash (the event was altered)".into(),
                });
            }
            prev_hash = event.hash;
            expected_seq += 1;
            count += 1;
        }
    }
    Ok(Verification::Intact {
        events: count,
        head: (count > 0).then_some(prev_hash),
    })
}

/// The sequence number of the event carrying this hash, if any.
pub fn seq_of_hash(conn: &mut DbConnection, hash: &str) -> Result<Option<i64>, AppError> {
    Ok(audit::find_by_hash(conn, hash)?.map(|e| e.seq))
}
