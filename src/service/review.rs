//! The review process around verdicts: assignments and queues, the two-person rule (approve or
//! reject a verdict), sign-off, and corrections after sign-off.

use super::notification::{notify, Reason};
use super::query::{article_view, list_statements, statement_view};
use super::snapshot;
use super::statement::statement_for_write;
use super::{event, in_transaction, record, Actor};
use crate::domain::{Approval, ArticleId, ArticleStatus, Decision, Role, StatementId, UserId};
use crate::error::AppError;
use crate::storage::article;
use crate::storage::setting;
use crate::storage::statement;
pub use crate::storage::statement::{Sort, StatementFilter};
use crate::storage::user::{self, UserRow};
use crate::storage::{self as db, DbConnection};
use crate::view::{ArticleView, StatementView};
use serde_json::json;

/// Name of the setting that holds the two-person rule (`on` | `off`).
pub const TWO_PERSON_RULE: &str = "two_person_rule";

/// Whether a verdict needs a second person's approval to become final (on unless set `off`).
pub fn two_person_rule(conn: &mut DbConnection) -> Result<bool, AppError> {
    Ok(setting::get(conn, TWO_PERSON_RULE)?.as_deref() != Some("off"))
}

/// Turns the two-person rule on or off for the whole newsroom. Admins only.
pub fn set_two_person_rule(
    conn: &mut DbConnection,
    actor: &Actor,
    on: bool,
) -> Result<bool, AppError> {
    actor.require(Role::Admin, "change newsroom settings")?;
    in_transaction(conn, |conn| {
        let before = two_person_rule(conn)?;
        setting::set(conn, TWO_PERSON_RULE, if on { "on" } else { "off" })?;
        let mut e = event(actor, "setting.change", "setting", TWO_PERSON_RULE, None);
        e.before = Some(json!({"value": before}));
        e.after = Some(json!({"value": on}));
        record(conn, e)?;
        Ok(on)
    })
}

/// Checks a write against a signed-off article: such a write is a correction, which only an
/// editor may make and only with a reason (409 without one). Returns the reason to record.
pub fn correction_reason(
    status: ArticleStatus,
    actor: &Actor,
    reason: Option<&str>,
) -> Result<Option<String>, AppError> {
    if status != ArticleStatus::SignedOff {
        return Ok(None);
    }
    actor.require(Role::Editor, "correct a signed-off article")?;
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if r.chars().count() > 2000 => Err(AppError::rule(
            "a correction reason may not exceed 2000 characters",
        )),
        Some(r) => Ok(Some(r.to_string())),
        None => Err(AppError::Conflict(
            "this article is signed off: any change is a correction and needs a correction_reason"
                .into(),
        )),
    }
}

fn reviewer_named(conn: &mut DbConnection, username: &str) -> Result<UserRow, AppError> {
    let found = user::find_by_username(conn, &username.trim().to_ascii_lowercase())?
        .filter(|u| !u.disabled)
        .ok_or_else(|| AppError::rule(format!("no active user named {username:?}")))?;
    Ok(found)
}

/// Assigns an article (all its statements without an assignee of their own) to a reviewer, or
/// clears the assignment with `None`. Editors only.
pub fn assign_article(
    conn: &mut DbConnection,
    actor: &Actor,
    article_id: ArticleId,
    reviewer: Option<&str>,
) -> Result<ArticleView, AppError> {
    actor.require(Role::Editor, "assign work")?;
    let row = in_transaction(conn, |conn| {
        let mut row =
            article::find(conn, article_id)?.ok_or_else(|| AppError::not_found("article"))?;
        let assignee = reviewer.map(|r| reviewer_named(conn, r)).transpose()?;
        let id = assignee.as_ref().map(|u| u.id);
        let now = db::now();
        article::set_assigned(conn, article_id, id, now)?;
        if let Some(user) = id {
            notify(conn, actor, user, Reason::Assignment, article_id, None)?;
        }
        let mut e = event(
            actor,
            "assignment.article",
            "article",
            article_id,
            Some(article_id),
        );
        e.before = Some(json!({"assigned_to": row.assigned_to}));
        e.after =
            Some(json!({"assigned_to": id, "username": assignee.as_ref().map(|u| &u.username)}));
        record(conn, e)?;
        row.assigned_to = id;
        row.updated_at = now;
        Ok(row)
    })?;
    article_view(conn, row)
}

/// Assigns one statement to a reviewer (or clears it). Editors only; 409 on a stale version.
pub fn assign_statement(
    conn: &mut DbConnection,
    actor: &Actor,
    statement_id: StatementId,
    reviewer: Option<&str>,
    version: Option<i32>,
) -> Result<StatementView, AppError> {
    actor.require(Role::Editor, "assign work")?;
    let (after, sources, article_assignee) = in_transaction(conn, |conn| {
        let (before, head, sources) = statement_for_write(conn, statement_id)?;
        if version.is_some_and(|v| v != before.version) {
            return Err(AppError::stale("statement"));
        }
        let assignee = reviewer.map(|r| reviewer_named(conn, r)).transpose()?;
        let mut after = before.clone();
        after.assigned_to = assignee.as_ref().map(|u| u.id);
        if let Some(user) = after.assigned_to {
            notify(
                conn,
                actor,
                user,
                Reason::Assignment,
                before.article_id,
                Some(statement_id),
            )?;
        }
        after.version = before.version + 1;
        after.updated_at = db::now();
        if statement::update_if_version(conn, &after, before.version)? == 0 {
            return Err(AppError::stale("statement"));
        }
        let mut e = event(
            actor,
            "assignment.statement",
            "statement",
            statement_id,
            Some(before.article_id),
        );
        e.before = Some(json!({"assigned_to": before.assigned_to}));
        e.after = Some(json!({"assigned_to": after.assigned_to}));
        record(conn, e)?;
        Ok((after, sources, head.assigned_to))
    })?;
    statement_view(conn, actor, after, sources, article_assignee)
}

/// A second person's decision on a pending verdict.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ApprovalInput {
    pub decision: Decision,
    /// Required when rejecting: why the verdict goes back to the queue.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// The reason a rejection needs (trimmed), or a 400 when rejecting without one.
fn decision_reason(decision: Decision, reason: Option<&str>) -> Result<Option<String>, AppError> {
    let reason = reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if decision == Decision::Reject && reason.is_none() {
        return Err(AppError::rule("say why the verdict is rejected (reason)"));
    }
    if reason.as_ref().is_some_and(|r| r.chars().count() > 2000) {
        return Err(AppError::rule("a reason may not exceed 2000 characters"));
    }
    Ok(reason)
}

/// What one approval decision wrote: the statement after it, its sources, its article's assignee.
type Decided = (
    crate::storage::statement::StatementRow,
    Vec<crate::storage::source::SourceRow>,
    Option<UserId>,
);

/// Applies a decision to one pending verdict inside the caller's transaction.
fn decide_one(
    conn: &mut DbConnection,
    actor: &Actor,
    statement_id: StatementId,
    decision: Decision,
    reason: &Option<String>,
    version: Option<i32>,
) -> Result<Decided, AppError> {
    let (before, head, sources) = statement_for_write(conn, statement_id)?;
    if version.is_some_and(|v| v != before.version) {
        return Err(AppError::stale("statement"));
    }
    if before.approval != Approval::Pending {
        return Err(AppError::Conflict(format!(
            "statement {statement_id} has no verdict awaiting approval (approval is {})",
            before.approval
        )));
    }
    if before.reviewed_by.is_some() && before.reviewed_by == actor.id {
        return Err(AppError::Forbidden(format!(
            "the two-person rule: the verdict on statement {statement_id} is yours; someone \
             else must approve it"
        )));
    }
    let approve = decision == Decision::Approve;
    let now = db::now();
    let mut after = before.clone();
    after.approval = if approve {
        Approval::Approved
    } else {
        Approval::Rejected
    };
    after.approved_by = actor.id;
    after.approved_at = Some(now);
    after.rejection_reason = if approve { None } else { reason.clone() };
    after.version = before.version + 1;
    after.updated_at = now;
    if statement::update_if_version(conn, &after, before.version)? == 0 {
        return Err(AppError::stale("statement"));
    }
    let action = if approve {
        "verdict.approve"
    } else {
        "verdict.reject"
    };
    if let (false, Some(author)) = (approve, before.reviewed_by) {
        notify(
            conn,
            actor,
            author,
            Reason::Rejection,
            before.article_id,
            Some(statement_id),
        )?;
    }
    let mut e = event(
        actor,
        action,
        "statement",
        statement_id,
        Some(before.article_id),
    );
    e.before = Some(json!({"verdict": before.verdict, "approval": before.approval}));
    e.after = Some(json!({"verdict": after.verdict, "approval": after.approval, "reason": reason}));
    record(conn, e)?;
    Ok((after, sources, head.assigned_to))
}

/// Approves or rejects a pending verdict. Never by the verdict's author; reviewers and above.
pub fn decide_approval(
    conn: &mut DbConnection,
    actor: &Actor,
    statement_id: StatementId,
    input: ApprovalInput,
) -> Result<StatementView, AppError> {
    actor.require(Role::Reviewer, "approve verdicts")?;
    let reason = decision_reason(input.decision, input.reason.as_deref())?;
    let (after, sources, article_assignee) = in_transaction(conn, |conn| {
        decide_one(
            conn,
            actor,
            statement_id,
            input.decision,
            &reason,
            input.version,
        )
    })?;
    statement_view(conn, actor, after, sources, article_assignee)
}

/// Most statements one bulk decision may name.
pub const MAX_BULK: usize = 1000;

/// The same decision on several pending verdicts, all or none: when one of them cannot take it
/// (not pending, the actor's own, missing), nothing is written and the error names it.
pub fn decide_approvals(
    conn: &mut DbConnection,
    actor: &Actor,
    statement_ids: &[StatementId],
    decision: Decision,
    reason: Option<&str>,
) -> Result<Vec<StatementView>, AppError> {
    actor.require(Role::Reviewer, "approve verdicts")?;
    if statement_ids.is_empty() || statement_ids.len() > MAX_BULK {
        return Err(AppError::rule(format!("name 1 to {MAX_BULK} statements")));
    }
    let reason = decision_reason(decision, reason)?;
    let mut ids = statement_ids.to_vec();
    ids.sort();
    ids.dedup();
    let decided = in_transaction(conn, |conn| {
        ids.iter()
            .map(|&id| decide_one(conn, actor, id, decision, &reason, None))
            .collect::<Result<Vec<_>, _>>()
    })?;
    // One set of queries for every decided statement, not one per statement.
    super::query::statement_views(
        conn,
        decided.into_iter().map(|(after, _, _)| after).collect(),
    )
}

/// Signs an article off: allowed only when every statement's verdict is final. Freezes it:
/// later changes are corrections. Editors only.
pub fn sign_off(
    conn: &mut DbConnection,
    actor: &Actor,
    article_id: ArticleId,
) -> Result<ArticleView, AppError> {
    actor.require(Role::Editor, "sign off articles")?;
    let by = actor
        .id
        .ok_or_else(|| AppError::rule("articles are signed off by a user"))?;
    let row = in_transaction(conn, |conn| {
        let mut row =
            article::find(conn, article_id)?.ok_or_else(|| AppError::not_found("article"))?;
        if row.status == ArticleStatus::SignedOff {
            return Err(AppError::Conflict(
                "this article is already signed off".into(),
            ));
        }
        let statements = statement::for_article(conn, article_id)?;
        let open = statements.iter().filter(|s| !s.approval.is_final()).count();
        if open > 0 {
            return Err(AppError::Conflict(format!(
                "{open} of {} statements have no final verdict yet; sign-off needs all of them",
                statements.len()
            )));
        }
        let now = db::now();
        article::sign_off(conn, article_id, by, now)?;
        let mut e = event(
            actor,
            "article.sign_off",
            "article",
            article_id,
            Some(article_id),
        );
        e.before = Some(json!({"status": row.status}));
        e.after = Some(json!({
            "status": ArticleStatus::SignedOff,
            "statements": statements.iter().map(snapshot::statement).collect::<Vec<_>>(),
        }));
        record(conn, e)?;
        row.status = ArticleStatus::SignedOff;
        row.signed_off_by = Some(by);
        row.signed_off_at = Some(now);
        row.updated_at = now;
        row.version += 1;
        Ok(row)
    })?;
    article_view(conn, row)
}

/// The statements assigned to `user` that need a verdict (unreviewed, or rejected back to
/// them), most check-worthy first.
pub fn queue(
    conn: &mut DbConnection,
    user_id: UserId,
    mut filter: StatementFilter,
    limit: i64,
) -> Result<Vec<StatementView>, AppError> {
    filter.assignee = Some(user_id);
    filter.needs_review = true;
    list_statements(conn, &filter, limit)
}

/// Verdicts awaiting approval that `user_id` may approve (not their own).
pub fn approvals_for(
    conn: &mut DbConnection,
    user_id: UserId,
    limit: i64,
) -> Result<Vec<StatementView>, AppError> {
    let filter = StatementFilter {
        approval: Some(Approval::Pending),
        ..StatementFilter::default()
    };
    let rows = statement::list(conn, &filter, limit)?
        .into_iter()
        .filter(|s| s.reviewed_by != Some(user_id))
        .collect();
    super::query::statement_views(conn, rows)
}

/// One page of a reviewer's queue, with the total and the titles of the articles it shows.
#[derive(Debug, serde::Serialize)]
pub struct QueuePage {
    pub statements: Vec<StatementView>,
    /// How many statements the whole queue holds (with these filters).
    pub total: i64,
    /// Title of each article the page shows, by article id.
    pub titles: std::collections::HashMap<String, String>,
}

/// A page of the statements assigned to `user_id` that need a verdict, filtered and sorted.
pub fn queue_page(
    conn: &mut DbConnection,
    user_id: UserId,
    mut filter: StatementFilter,
    sort: Sort,
    limit: i64,
    offset: i64,
) -> Result<QueuePage, AppError> {
    filter.assignee = Some(user_id);
    filter.needs_review = true;
    let total = statement::count(conn, &filter)?;
    let rows = statement::list_page(conn, &filter, sort, limit, offset)?;
    let mut ids: Vec<ArticleId> = rows.iter().map(|r| r.article_id).collect();
    ids.sort();
    ids.dedup();
    let titles = article::titles(conn, &ids)?
        .into_iter()
        .map(|(id, title)| (id.to_string(), title))
        .collect();
    Ok(QueuePage {
        statements: super::query::statement_views(conn, rows)?,
        total,
        titles,
    })
}
