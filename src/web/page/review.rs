//! Review-process pages: my queue, assignment, approval, sign-off, comments and activity.

use super::article::{show_failure, ReviewState};
use super::statement::statement_form;
use super::{page, see_other, FormFields, PageError, PageUser};
use crate::domain::{Approval, ArticleId, Decision, Kind, StatementId};
use crate::error::AppError;
use crate::service::review::{self, ApprovalInput, Sort, StatementFilter};
use crate::service::{audit, comment, Actor};
use crate::storage::DbConnection;
use crate::web::api::parse_id;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/queue", web::get().to(queue_page))
        .route("/articles/{id}/assignment", web::post().to(assign_article))
        .route("/articles/{id}/sign-off", web::post().to(sign_off))
        .route("/articles/{id}/activity", web::get().to(activity_page))
        .route("/articles/{id}/approvals", web::post().to(decide_approvals))
        .route("/statements/{id}/approval", web::post().to(decide_approval))
        .route(
            "/statements/{id}/assignment",
            web::post().to(assign_statement),
        )
        .route("/statements/{id}/comments", web::post().to(add_comment));
}

/// Rows of the queue page.
const QUEUE_PAGE: i64 = 100;

/// A query field's value, unless empty (an empty select means "any").
fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The queue page's filters, sort and page, as the form sends them (empty means any).
#[derive(serde::Deserialize, serde::Serialize, Default)]
struct QueueQuery {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    sort: Option<Sort>,
    #[serde(default)]
    page: Option<i64>,
}

async fn queue_page(
    state: web::Data<AppState>,
    user: PageUser,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, PageError> {
    let me = user.0.user.id;
    let filter = StatementFilter {
        kind: nonempty(&query.kind)
            .map(|k| k.parse::<Kind>().map_err(AppError::Validation))
            .transpose()?,
        approval: match nonempty(&query.state) {
            Some("rejected") => Some(Approval::Rejected),
            Some("unreviewed") => Some(Approval::None),
            Some(other) => {
                return Err(AppError::validation(format!(
                    "unknown state {other:?}: use unreviewed or rejected"
                ))
                .into())
            }
            None => None,
        },
        article_id: nonempty(&query.article)
            .map(|a| parse_id::<ArticleId>(a, "article"))
            .transpose()?,
        ..StatementFilter::default()
    };
    let sort = query.sort.unwrap_or_default();
    let page_no = query.page.unwrap_or(1).max(1);
    let offset = (page_no - 1) * QUEUE_PAGE;
    let (queue, approvals) = state
        .read(move |conn| {
            let queue = review::queue_page(conn, me, filter, sort, QUEUE_PAGE, offset)?;
            let approvals = review::approvals_for(conn, me, 500)?;
            Ok((queue, approvals))
        })
        .await?;
    let pages = ((queue.total + QUEUE_PAGE - 1) / QUEUE_PAGE).max(1);
    let mut ctx = user.context();
    ctx.insert("queue", &queue);
    ctx.insert("first", &(offset + 1));
    ctx.insert("last", &(offset + queue.statements.len() as i64));
    ctx.insert("page", &page_no);
    ctx.insert("pages", &pages);
    ctx.insert("query", &*query);
    ctx.insert("kinds", &Kind::ALL.map(Kind::as_str));
    ctx.insert("approvals", &approvals);
    page(StatusCode::OK, "queue.html", &ctx)
}

/// A form posted about one article: checks the CSRF field, runs the write that `build` makes from
/// the form as the visitor, hands what it wrote to `then`, and goes back to the article page;
/// or shows that page again with why the write was refused.
async fn article_form<T, F>(
    state: &AppState,
    user: &PageUser,
    raw_id: &str,
    body: &[u8],
    build: impl FnOnce(&FormFields) -> Result<F, AppError>,
    then: impl FnOnce(T),
) -> Result<HttpResponse, PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &Actor, ArticleId) -> Result<T, AppError> + Send + 'static,
{
    let form = FormFields::parse(body);
    form.check_csrf(&user.0)?;
    let id: ArticleId = parse_id(raw_id, "article")?;
    let outcome = match build(&form) {
        Ok(work) => {
            let actor = user.0.actor();
            state.write(move |conn| work(conn, &actor, id)).await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(written) => {
            then(written);
            Ok(see_other(&format!("/articles/{id}")))
        }
        Err(e) => show_failure(state, user, id, e, ReviewState::default()).await,
    }
}

async fn assign_article(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let build = |form: &FormFields| {
        let reviewer = form
            .get("reviewer")
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        Ok(move |conn: &mut DbConnection, actor: &Actor, id| {
            review::assign_article(conn, actor, id, reviewer.as_deref())
        })
    };
    article_form(&state, &user, &path, &body, build, |_| {}).await
}

async fn sign_off(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let build = |_: &FormFields| Ok(review::sign_off);
    let announce = |article| {
        let publisher = crate::web::api::publisher(&state, &req, None);
        crate::web::announce_sign_off(&state, &article, &publisher);
    };
    article_form(&state, &user, &path, &body, build, announce).await
}

async fn decide_approval(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    statement_form(&state, &user, &path, &body, None, |form| {
        let decision = form.get("decision").unwrap_or_default().parse::<Decision>();
        let reason = form.get("reason").map(str::to_string);
        let version = form.get("version").and_then(|v| v.parse().ok());
        move |conn, actor, id| {
            let input = ApprovalInput {
                decision: decision.map_err(AppError::from)?,
                reason,
                version,
            };
            Ok(review::decide_approval(conn, actor, id, input)?.article_id)
        }
    })
    .await
}

/// The bulk form of the review page: the same decision on every checked statement.
async fn decide_approvals(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let build = |form: &FormFields| {
        let ids = form
            .all("statements")
            .into_iter()
            .map(|s| parse_id::<StatementId>(s, "statement"))
            .collect::<Result<Vec<_>, _>>()?;
        let decision = form
            .get("decision")
            .unwrap_or_default()
            .parse::<Decision>()
            .map_err(AppError::from)?;
        let reason = form.get("reason").map(str::to_string);
        Ok(move |conn: &mut DbConnection, actor: &Actor, _| {
            review::decide_approvals(conn, actor, &ids, decision, reason.as_deref())
        })
    };
    article_form(&state, &user, &path, &body, build, |_| {}).await
}

/// Assigns one statement to a reviewer from the review page's panel.
async fn assign_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    statement_form(&state, &user, &path, &body, None, |form| {
        let reviewer = form
            .get("reviewer")
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        let version = form.get("version").and_then(|v| v.parse().ok());
        move |conn, actor, id| {
            Ok(review::assign_statement(conn, actor, id, reviewer.as_deref(), version)?.article_id)
        }
    })
    .await
}

async fn add_comment(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let id: StatementId = parse_id(&path, "statement")?;
    let text = form.get("body").unwrap_or_default().to_string();
    let actor = user.0.actor();
    state
        .write(move |conn| comment::add(conn, &actor, id, &text))
        .await?;
    Ok(see_other(&format!("/statements/{id}#comments")))
}

async fn activity_page(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    query: web::Query<ActivityQuery>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path, "article")?;
    let since = query.since.unwrap_or(0).max(0);
    let actor = user.0.actor();
    let activity = state
        .read(move |conn| audit::article_activity(conn, &actor, id, since))
        .await?;
    let mut ctx = user.context();
    ctx.insert("next_since", &activity.events.last().map(|e| e.seq));
    ctx.insert("article", &activity.article);
    let events: Vec<crate::view::EventView> = activity.events.iter().map(Into::into).collect();
    ctx.insert("events", &events);
    ctx.insert("reviewers", &activity.reviewers);
    page(StatusCode::OK, "activity.html", &ctx)
}

#[derive(serde::Deserialize)]
struct ActivityQuery {
    since: Option<i64>,
}
