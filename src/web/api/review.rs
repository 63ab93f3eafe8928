//! The review process: assignments, queues and filters, approvals, sign-off, comments,
//! newsroom settings, and the audit log.

use super::parse_id;
use crate::domain::{Approval, ArticleId, Decision, Kind, StatementId, Verdict};
use crate::error::AppError;
use crate::service::review::{self, ApprovalInput, StatementFilter};
use crate::service::{account, audit, comment, notification, query};
use crate::web::auth::ApiUser;
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/articles/{id}/assignment").route(web::post().to(assign_article)))
        .service(web::resource("/articles/{id}/sign-off").route(web::post().to(sign_off)))
        .service(web::resource("/statements").route(web::get().to(list_statements)))
        .service(
            web::resource("/statements/{id}/assignment").route(web::post().to(assign_statement)),
        )
        .service(web::resource("/statements/{id}/approval").route(web::post().to(decide_approval)))
        .service(
            web::resource("/statements/{id}/comments")
                .route(web::get().to(list_comments))
                .route(web::post().to(add_comment)),
        )
        .service(web::resource("/queue").route(web::get().to(my_queue)))
        .service(
            web::resource("/approvals")
                .route(web::get().to(my_approvals))
                .route(web::post().to(decide_approvals)),
        )
        .service(
            web::resource("/settings")
                .route(web::get().to(show_settings))
                .route(web::put().to(update_settings)),
        )
        .service(web::resource("/audit").route(web::get().to(audit_log)))
        .service(web::resource("/notifications").route(web::get().to(my_notifications)))
        .service(web::resource("/notifications/read").route(web::post().to(read_notifications)));
}

#[derive(Deserialize)]
struct AssignmentForm {
    /// Username of the reviewer; `null` clears the assignment.
    reviewer: Option<String>,
    #[serde(default)]
    version: Option<i32>,
}

async fn assign_article(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    form: web::Json<AssignmentForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "article")?;
    let reviewer = form.into_inner().reviewer;
    let article = state
        .write(move |conn| review::assign_article(conn, &actor, id, reviewer.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(article))
}

async fn assign_statement(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    form: web::Json<AssignmentForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "statement")?;
    let AssignmentForm { reviewer, version } = form.into_inner();
    let updated = state
        .write(move |conn| review::assign_statement(conn, &actor, id, reviewer.as_deref(), version))
        .await?;
    Ok(HttpResponse::Ok().json(updated))
}

async fn decide_approval(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    form: web::Json<ApprovalInput>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "statement")?;
    let input = form.into_inner();
    let updated = state
        .write(move |conn| review::decide_approval(conn, &actor, id, input))
        .await?;
    Ok(HttpResponse::Ok().json(updated))
}

async fn sign_off(
    state: web::Data<AppState>,
    req: HttpRequest,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "article")?;
    let article = state
        .write(move |conn| review::sign_off(conn, &actor, id))
        .await?;
    crate::web::announce_sign_off(
        &state,
        &article,
        &super::article::publisher(&state, &req, None),
    );
    Ok(HttpResponse::Ok().json(article))
}

/// Filters shared by the statement list and the queue.
#[derive(Deserialize, Default)]
pub struct StatementQuery {
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub approval: Option<Approval>,
    /// Username of the assigned reviewer.
    #[serde(default)]
    pub reviewer: Option<String>,
    #[serde(default)]
    pub limit: Option<i64>,
}

impl StatementQuery {
    fn filter(&self) -> Result<StatementFilter, AppError> {
        let article_id = self
            .article
            .as_deref()
            .map(|a| {
                a.parse::<ArticleId>()
                    .map_err(|_| AppError::validation(format!("article {a:?} is not an id")))
            })
            .transpose()?;
        Ok(StatementFilter {
            article_id,
            verdict: self.verdict,
            kind: self.kind,
            approval: self.approval,
            assignee: None,
            needs_review: false,
        })
    }

    fn limit(&self) -> Result<i64, AppError> {
        super::page_limit(self.limit, 200)
    }
}

async fn list_statements(
    state: web::Data<AppState>,
    _me: ApiUser,
    query: web::Query<StatementQuery>,
) -> Result<HttpResponse, AppError> {
    let mut filter = query.filter()?;
    let limit = query.limit()?;
    let reviewer = query.reviewer.clone();
    let found = state
        .read(move |conn| {
            if let Some(name) = reviewer {
                let u = account::active_user_named(conn, &name)?
                    .ok_or_else(|| AppError::rule(format!("no user named {name:?}")))?;
                filter.assignee = Some(u.id);
            }
            query::list_statements(conn, &filter, limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

async fn my_queue(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    query: web::Query<StatementQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter()?;
    let limit = query.limit()?;
    let user_id = me.user.id;
    let found = state
        .read(move |conn| review::queue(conn, user_id, filter, limit))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// The same decision on several pending verdicts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BulkApproval {
    statements: Vec<StatementId>,
    decision: Decision,
    #[serde(default)]
    reason: Option<String>,
}

async fn decide_approvals(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    form: web::Json<BulkApproval>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let BulkApproval {
        statements,
        decision,
        reason,
    } = form.into_inner();
    let decided = state
        .write(move |conn| {
            review::decide_approvals(conn, &actor, &statements, decision, reason.as_deref())
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({"statements": decided})))
}

async fn my_approvals(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
) -> Result<HttpResponse, AppError> {
    let user_id = me.user.id;
    let found = state
        .read(move |conn| review::approvals_for(conn, user_id, 500))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

async fn list_comments(
    state: web::Data<AppState>,
    _me: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id: StatementId = parse_id(&path, "statement")?;
    let thread = state.read(move |conn| comment::thread(conn, id)).await?;
    Ok(HttpResponse::Ok().json(thread))
}

#[derive(Deserialize)]
struct CommentForm {
    body: String,
}

async fn add_comment(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    form: web::Json<CommentForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "statement")?;
    let body = form.into_inner().body;
    let created = state
        .write(move |conn| comment::add(conn, &actor, id, &body))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

async fn show_settings(state: web::Data<AppState>, _me: ApiUser) -> Result<HttpResponse, AppError> {
    let on = state.read(review::two_person_rule).await?;
    Ok(HttpResponse::Ok().json(json!({"two_person_rule": on})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsForm {
    two_person_rule: bool,
}

async fn update_settings(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    form: web::Json<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let on = form.two_person_rule;
    let now = state
        .write(move |conn| review::set_two_person_rule(conn, &actor, on))
        .await?;
    Ok(HttpResponse::Ok().json(json!({"two_person_rule": now})))
}

#[derive(Deserialize)]
struct AuditQuery {
    #[serde(default)]
    article: Option<String>,
    /// Return events after this sequence number (the `next_since` of the previous page).
    #[serde(default)]
    since: Option<i64>,
    #[serde(default)]
    limit: Option<i64>,
}

/// A page of the audit log, oldest first; editors and admins.
async fn audit_log(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let since = match query.since {
        Some(n) if n < 0 => {
            return Err(AppError::validation(format!("since {n} is negative")));
        }
        n => n.unwrap_or(0),
    };
    let limit = super::page_limit(query.limit, 100)?;
    let article = query
        .article
        .as_deref()
        .map(|a| parse_id(a, "article"))
        .transpose()?;
    let events = state
        .read(move |conn| audit::log(conn, &actor, article, since, limit))
        .await?;
    let next_since = events.last().map(|e| e.seq);
    Ok(HttpResponse::Ok().json(json!({"events": events, "next_since": next_since})))
}

/// The caller's notifications (mentions, assignments, rejections), newest first, with the
/// number still unread in the `X-Unread` header.
async fn my_notifications(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let (list, unread) = state
        .read(move |conn| notification::list(conn, &actor, 200))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("X-Unread", unread.to_string()))
        .json(list))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ReadForm {
    /// The notifications read; all of the caller's when absent.
    #[serde(default)]
    ids: Option<Vec<uuid::Uuid>>,
}

async fn read_notifications(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    form: web::Json<ReadForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let ids = form
        .into_inner()
        .ids
        .map(|ids| ids.iter().map(uuid::Uuid::to_string).collect());
    let changed = state
        .write(move |conn| notification::mark_read(conn, &actor, ids))
        .await?;
    Ok(HttpResponse::Ok().json(json!({"marked_read": changed})))
}
