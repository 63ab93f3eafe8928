//! Reading the audit trail: the log (editors), an article's activity, and checking the chain.

use super::query::{assignable_usernames, load_article};
use super::Actor;
use crate::domain::{ArticleId, Role};
use crate::error::AppError;
use crate::storage::audit::{self, chain_hash, current_seal, AuditRow, GENESIS_HASH};
use crate::storage::seal::Checkpoint;
use crate::storage::{statement, user, DbConnection};
use crate::view::ArticleView;
use std::collections::HashMap;

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
    /// Every event links to its predecessor and hashes to its stored hash, the statements are
    /// as the trail says, and no checkpointed event is missing.
    Intact { events: i64, head: Option<String> },
    /// The first event that does not fit, and why.
    Broken { seq: i64, reason: String },
}

/// What the trail says a statement is now: verdict, approval, version.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Replayed {
    verdict: Option<String>,
    approval: Option<String>,
    version: i64,
}

/// Applies one event to the replayed state of the statements (its JSON parsed once).
fn replay(state: &mut HashMap<String, Replayed>, e: &AuditRow) {
    if e.entity_type != "statement" {
        return;
    }
    let after: serde_json::Value = e
        .after_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    let string = |key: &str| after.get(key).and_then(|v| v.as_str()).map(str::to_string);
    match e.action.as_str() {
        "statement.create" => {
            state.insert(
                e.entity_id.clone(),
                Replayed {
                    verdict: string("verdict"),
                    approval: string("approval"),
                    version: after.get("version").and_then(|v| v.as_i64()).unwrap_or(1),
                },
            );
        }
        "statement.delete" => {
            state.remove(&e.entity_id);
        }
        "statement.update"
        | "verdict.record"
        | "verdict.change"
        | "verdict.reuse"
        | "verdict.approve"
        | "verdict.reject"
        | "assignment.statement" => {
            if let Some(s) = state.get_mut(&e.entity_id) {
                s.version += 1;
                if let Some(v) = string("verdict") {
                    s.verdict = Some(v);
                }
                if let Some(a) = string("approval") {
                    s.approval = Some(a);
                }
            }
        }
        _ => {}
    }
}

/// Walks the whole chain from the first event, a page at a time, under the database's seal;
/// then checks that every statement is as the trail says (a verdict changed in the statements
/// table is caught), that an empty trail is not hiding a used database, and that no event the
/// checkpoint log (or `checkpoint`, from a report) vouched for is missing.
pub fn verify_chain(
    conn: &mut DbConnection,
    checkpoint: Option<&Checkpoint>,
) -> Result<Verification, AppError> {
    let seal = current_seal()
        .ok_or_else(|| AppError::Unexpected("no audit seal for this database".into()))?;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut count = 0;
    let mut hashes: HashMap<i64, String> = HashMap::new();
    let mut statements: HashMap<String, Replayed> = HashMap::new();
    let mut checkpoints = seal.logged_checkpoints();
    if let Some(c) = checkpoint {
        if !seal.is_genuine(c) {
            return Ok(Verification::Broken {
                seq: c.seq,
                reason: "the checkpoint given was not signed by this database's key".into(),
            });
        }
        checkpoints.push(c.clone());
    }
    let wanted: std::collections::HashSet<i64> = checkpoints.iter().map(|c| c.seq).collect();
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
            if chain_hash(&seal, &prev_hash, &event) != event.hash {
                let reason = if event.seq >= seal.keyed_from() {
                    "its content does not match its keyed hash (the event was altered, or \
                     written without this database's key)"
                } else if event.prev_hash != prev_hash {
                    "its prev_hash does not match the previous event's hash \
                     (an event before it was removed, altered or reordered)"
                } else {
                    "its content does not match its hash (the event was altered)"
                };
                return Ok(Verification::Broken {
                    seq: event.seq,
                    reason: reason.into(),
                });
            }
            if wanted.contains(&event.seq) {
                hashes.insert(event.seq, event.hash.clone());
            }
            replay(&mut statements, &event);
            prev_hash = event.hash;
            expected_seq += 1;
            count += 1;
        }
    }
    if count == 0 && (seal.keyed_from() > 1 || user::count(conn)? > 0) {
        return Ok(Verification::Broken {
            seq: 1,
            reason: "the trail is empty, but the database has accounts: its events were deleted"
                .into(),
        });
    }
    for c in &checkpoints {
        match hashes.get(&c.seq) {
            Some(h) if *h == c.hash => {}
            Some(_) => {
                return Ok(Verification::Broken {
                    seq: c.seq,
                    reason: format!("it differs from the one checkpointed at {}", c.at),
                })
            }
            None => {
                return Ok(Verification::Broken {
                    seq: c.seq,
                    reason: format!(
                        "it was checkpointed at {} but the trail now ends at event {count}: \
                         events were removed from the end",
                        c.at
                    ),
                })
            }
        }
    }
    for (id, verdict, approval, version) in statement::states(conn)? {
        let key = id.to_string();
        let Some(replayed) = statements.remove(&key) else {
            return Ok(Verification::Broken {
                seq: count,
                reason: format!("statement {key} exists but the trail never created it"),
            });
        };
        let actual = Replayed {
            verdict: Some(verdict.as_str().to_string()),
            approval: Some(approval.as_str().to_string()),
            version: i64::from(version),
        };
        if replayed != actual {
            return Ok(Verification::Broken {
                seq: count,
                reason: format!(
                    "statement {key} is {} / {} (version {}) in the statements table, but the \
                     trail says {} / {} (version {}): it was changed outside claimdesk",
                    actual.verdict.unwrap_or_default(),
                    actual.approval.unwrap_or_default(),
                    actual.version,
                    replayed.verdict.unwrap_or_default(),
                    replayed.approval.unwrap_or_default(),
                    replayed.version
                ),
            });
        }
    }
    if let Some(missing) = statements.keys().next() {
        return Ok(Verification::Broken {
            seq: count,
            reason: format!("statement {missing} was removed without an event"),
        });
    }
    Ok(Verification::Intact {
        events: count,
        head: (count > 0).then_some(prev_hash),
    })
}

/// A signed checkpoint of the current chain head (appended to the checkpoint log), if the trail
/// has events.
pub fn checkpoint_head(conn: &mut DbConnection) -> Result<Option<Checkpoint>, AppError> {
    let Some(seal) = current_seal() else {
        return Ok(None);
    };
    Ok(audit::head(conn)?.map(|h| seal.checkpoint(h.seq, &h.hash)))
}

/// The sequence number of the event carrying this hash, if any.
pub fn seq_of_hash(conn: &mut DbConnection, hash: &str) -> Result<Option<i64>, AppError> {
    Ok(audit::find_by_hash(conn, hash)?.map(|e| e.seq))
}
