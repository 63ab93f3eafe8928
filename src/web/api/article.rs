//! Articles: list, load (with extraction), show, delete, add a manual statement, report.

use super::parse_id;
use crate::domain::{ArticleId, NewArticle, StatementId};
use crate::error::AppError;
use crate::extract::Lang;
use crate::report::{self, Format};
use crate::service::report::{load_report, Publisher};
use crate::service::statement::{self, ManualStatement};
use crate::service::{article, query};
use crate::web::auth::ApiUser;
use crate::web::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/articles")
            .route(web::get().to(list_articles))
            .route(web::post().to(create_article)),
    )
    .service(
        web::resource("/articles/{id}")
            .route(web::get().to(show_article))
            .route(web::delete().to(delete_article)),
    )
    .service(web::resource("/articles/{id}/statements").route(web::post().to(add_statement)))
    .service(web::resource("/articles/{id}/report").route(web::get().to(article_report)))
    .service(web::resource("/reports").route(web::get().to(range_report)));
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    limit: Option<i64>,
}

async fn list_articles(
    state: web::Data<AppState>,
    _me: ApiUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let limit = super::page_limit(query.limit, 100)?;
    let list = state
        .read(move |conn| query::list_articles(conn, limit))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// The JSON form of a new article.
#[derive(Deserialize)]
pub struct ArticleForm {
    #[serde(default)]
    pub title: Option<String>,
    pub body: String,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub published_at: Option<String>,
}

impl TryFrom<ArticleForm> for NewArticle {
    type Error = AppError;
    fn try_from(f: ArticleForm) -> Result<Self, AppError> {
        Ok(NewArticle::parse(
            f.title.as_deref(),
            f.body,
            f.language.as_deref(),
            f.outlet.as_deref(),
            f.url.as_deref(),
            f.published_at.as_deref(),
        )?)
    }
}

async fn create_article(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    form: web::Json<ArticleForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let new = NewArticle::try_from(form.into_inner())?;
    let limits = state.settings.limits;
    let prepared = {
        let actor = actor.clone();
        let encoder = state.encoder.clone();
        web::block(move || article::prepare_article(&actor, new, &limits, encoder.as_deref()))
            .await??
    };
    let created = state
        .write(move |conn| article::store_article(conn, &actor, prepared))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/articles/{}", created.id)))
        .json(created))
}

#[derive(Deserialize)]
struct StatementPage {
    /// At most this many statements (1 to 5,000); all of them when absent.
    #[serde(default)]
    limit: Option<i64>,
    /// Statements after this one, in reading order (the `next_after` of the previous page).
    #[serde(default)]
    after: Option<String>,
}

/// An article with its statements in reading order: all of them, or a page (`?limit&after`)
/// with `statements_total` and `next_after` (null on the last page).
async fn show_article(
    state: web::Data<AppState>,
    _me: ApiUser,
    path: web::Path<String>,
    page: web::Query<StatementPage>,
) -> Result<HttpResponse, AppError> {
    let id: ArticleId = parse_id(&path, "article")?;
    let page = page.into_inner();
    // Without `limit` and `after`, every statement; otherwise a page (200 by default).
    let limit = match (page.limit, &page.after) {
        (None, None) => None,
        (raw, _) => Some(super::limit_within(raw, 200, 5_000)? as usize),
    };
    let after: Option<StatementId> = page
        .after
        .as_deref()
        .map(|a| {
            a.parse()
                .map_err(|_| AppError::validation(format!("after {a:?} is not a statement id")))
        })
        .transpose()?;
    let mut found = state
        .read(move |conn| query::load_article(conn, id))
        .await?;
    let Some(limit) = limit else {
        return Ok(HttpResponse::Ok().json(found));
    };
    let total = found.statements.len();
    let start = match after {
        None => 0,
        Some(a) => {
            found
                .statements
                .iter()
                .position(|s| s.id == a)
                .ok_or_else(|| AppError::rule("after names no statement of this article"))?
                + 1
        }
    };
    let end = (start + limit).min(total);
    let next_after = (end < total).then(|| found.statements[end - 1].id);
    found.statements = found.statements.drain(start..end).collect();
    let mut body = serde_json::to_value(&found).map_err(|e| AppError::Unexpected(e.to_string()))?;
    body["statements_total"] = serde_json::json!(total);
    body["next_after"] = serde_json::json!(next_after);
    Ok(HttpResponse::Ok().json(body))
}

async fn delete_article(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "article")?;
    state
        .write(move |conn| article::delete_article(conn, &actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn add_statement(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    form: web::Json<ManualStatement>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "article")?;
    let input = form.into_inner();
    let encoder = state.encoder.clone();
    let created = state
        .write(move |conn| statement::add_manual(conn, &actor, id, input, encoder.as_deref()))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[derive(Deserialize)]
struct ReportQuery {
    #[serde(default)]
    format: Option<String>,
    /// `fr` or `en`; the article's language when absent.
    #[serde(default)]
    lang: Option<String>,
}

fn report_language(raw: Option<&str>) -> Result<Option<Lang>, AppError> {
    raw.map(|l| {
        l.parse::<Lang>().map_err(|_| {
            AppError::validation(format!("unknown report language {l:?}: use fr or en"))
        })
    })
    .transpose()
}

/// The publisher of reports served from this request: the configured public URL, else the
/// address the request came to.
pub fn publisher(state: &AppState, req: &HttpRequest, language: Option<Lang>) -> Publisher {
    let base_url = state.settings.public_url.clone().unwrap_or_else(|| {
        let origin = crate::web::origin::Origin::of(req, state);
        format!("{}://{}", origin.scheme, origin.host)
    });
    Publisher {
        newsroom: state.settings.newsroom_name.clone(),
        base_url,
        newsroom_url: state.settings.newsroom_url.clone(),
        language,
    }
}

/// Serves a rendered report with its content type and a download name.
pub fn report_response(id: ArticleId, format: Format, body: Vec<u8>) -> HttpResponse {
    let disposition = if format == Format::Html {
        "inline".to_string()
    } else {
        format!(
            "attachment; filename=\"factcheck-{id}.{}\"",
            format.extension()
        )
    };
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .body(body)
}

async fn article_report(
    state: web::Data<AppState>,
    req: HttpRequest,
    _me: ApiUser,
    path: web::Path<String>,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "article")?;
    let format: Format = query.format.as_deref().unwrap_or("html").parse()?;
    let publisher = publisher(&state, &req, report_language(query.lang.as_deref())?);
    let view = state
        .read(move |conn| load_report(conn, id, &publisher))
        .await?;
    let body = report::render(&view, format)?;
    Ok(report_response(id, format, body))
}

#[derive(Deserialize)]
struct RangeQuery {
    /// First day (YYYY-MM-DD) on which articles were loaded.
    from: String,
    /// Last day, inclusive.
    to: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

fn parse_day(raw: &str, what: &str) -> Result<chrono::NaiveDate, AppError> {
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::rule(format!("{what} {raw:?} is not a date: use YYYY-MM-DD")))
}

/// CSV or JSON export of every article loaded in a date range.
async fn range_report(
    state: web::Data<AppState>,
    req: HttpRequest,
    _me: ApiUser,
    query: web::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    let from = parse_day(&query.from, "from")?;
    let to = parse_day(&query.to, "to")?;
    let format: Format = query.format.as_deref().unwrap_or("csv").parse()?;
    if !matches!(format, Format::Csv | Format::Json) {
        return Err(AppError::validation(
            "exports of a date range are csv or json",
        ));
    }
    let publisher = publisher(&state, &req, report_language(query.lang.as_deref())?);
    let views = state
        .read(move |conn| crate::service::report::load_reports_between(conn, from, to, &publisher))
        .await?;
    let body = report::render_many(&views, format)?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"factcheck-{from}-{to}.{}\"",
                format.extension()
            ),
        ))
        .body(body))
}
