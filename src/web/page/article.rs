//! Article pages: the list, loading one (paste or upload), the review page, deletion, and
//! marking a statement by hand from a selection.

use super::{page, see_other, FormFields, PageError, PageUser};
use crate::domain::{ArticleId, ArticleStatus, Kind, NewArticle, Role};
use crate::error::AppError;
use crate::ingest;
use crate::service::statement::{self as statements, ManualStatement};
use crate::service::{article, query, review, Actor};
use crate::view::{ArticleView, StatementView};
use crate::web::api::parse_id;
use crate::web::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use serde::Serialize;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/articles", web::get().to(list_page))
        .route("/articles/new", web::get().to(new_article_form))
        .route("/articles/new", web::post().to(create_article))
        .route("/articles/{id}", web::get().to(article_page))
        .route("/articles/{id}/delete", web::post().to(delete_article))
        .route("/articles/{id}/statements", web::post().to(add_statement));
}

async fn list_page(state: web::Data<AppState>, user: PageUser) -> Result<HttpResponse, PageError> {
    let articles = state.read(|conn| query::list_articles(conn, 200)).await?;
    let mut ctx = user.context();
    ctx.insert("articles", &articles);
    page(StatusCode::OK, "articles.html", &ctx)
}

async fn new_article_form(user: PageUser) -> Result<HttpResponse, PageError> {
    user.0.actor().require(Role::Editor, "load articles")?;
    page(StatusCode::OK, "article_new.html", &user.context())
}

/// Largest upload accepted by the form, in bytes.
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// Text fields and the uploaded file (name, bytes) of a multipart form.
async fn read_multipart(
    mut payload: Multipart,
) -> Result<(HashMap<String, String>, Option<(String, Vec<u8>)>), AppError> {
    let mut fields = HashMap::new();
    let mut file = None;
    let mut total = 0usize;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| AppError::validation(format!("bad upload: {e}")))?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_string);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| AppError::validation(format!("bad upload: {e}")))?;
            total += chunk.len();
            if total > UPLOAD_LIMIT {
                return Err(AppError::TooLarge(format!(
                    "the upload exceeds {} MB",
                    UPLOAD_LIMIT / (1024 * 1024)
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        match file_name {
            Some(fname) if name == "file" => {
                if !bytes.is_empty() {
                    file = Some((fname, bytes));
                }
            }
            _ => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| AppError::validation(format!("the field {name} is not UTF-8")))?;
                fields.insert(name, text);
            }
        }
    }
    Ok((fields, file))
}

fn new_article_from(
    fields: &HashMap<String, String>,
    file: Option<(String, Vec<u8>)>,
) -> Result<NewArticle, AppError> {
    let get = |k: &str| fields.get(k).map(String::as_str);
    let (doc_title, body) = match file {
        Some((name, bytes)) => {
            let doc = ingest::read_document(&name, &bytes).map_err(AppError::Validation)?;
            (doc.title, doc.body)
        }
        None => (None, get("body").unwrap_or_default().to_string()),
    };
    let title = get("title")
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .or(doc_title);
    Ok(NewArticle::parse(
        title.as_deref(),
        body,
        get("language"),
        get("outlet"),
        get("url"),
        get("published_at"),
    )?)
}

async fn create_article(
    state: web::Data<AppState>,
    user: PageUser,
    payload: Multipart,
) -> Result<HttpResponse, PageError> {
    let actor = user.0.actor();
    let (fields, file) = read_multipart(payload).await?;
    user.0
        .check_csrf(fields.get("csrf_token").map(String::as_str))?;
    let new = match new_article_from(&fields, file) {
        Ok(new) => new,
        Err(AppError::Validation(message)) => {
            let mut ctx = user.context();
            ctx.insert("error", &message);
            ctx.insert("form", &fields);
            return page(StatusCode::BAD_REQUEST, "article_new.html", &ctx);
        }
        Err(other) => return Err(other.into()),
    };
    let created = state
        .write(move |conn| article::create_article(conn, &actor, new))
        .await?;
    Ok(see_other(&format!("/articles/{}", created.id)))
}

/// A run of the article body with the statement that covers it (the shortest, when nested).
#[derive(Debug, Serialize)]
struct Segment<'a> {
    start: usize,
    text: &'a str,
    statement: Option<String>,
    verdict: Option<&'static str>,
}

/// Cuts the body at every statement boundary. A sweep over the statements in start order keeps
/// only those covering the current position, so long articles with thousands of statements
/// stay fast (statements rarely overlap much).
fn segments(article: &ArticleView) -> Vec<Segment<'_>> {
    let body = article.body.as_str();
    let mut cuts: Vec<usize> = vec![0, body.len()];
    for s in &article.statements {
        cuts.extend([s.start, s.end]);
    }
    cuts.retain(|&c| c <= body.len() && body.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_start: Vec<&StatementView> = article.statements.iter().collect();
    by_start.sort_by_key(|s| s.start);
    let mut next = 0;
    let mut active: Vec<&StatementView> = Vec::new();
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            while next < by_start.len() && by_start[next].start <= a {
                active.push(by_start[next]);
                next += 1;
            }
            active.retain(|s| s.end > a);
            let cover = active
                .iter()
                .filter(|s| s.end >= b)
                .min_by_key(|s| s.end - s.start);
            Segment {
                start: a,
                text: &body[a..b],
                statement: cover.map(|s| s.id.to_string()),
                verdict: cover.map(|s| s.verdict.as_str()),
            }
        })
        .collect()
}

/// After a failed form post, the article page again with the reason and the failure's status;
/// errors that are not the person's to fix become an error page.
pub async fn show_failure(
    state: &AppState,
    user: &PageUser,
    article_id: ArticleId,
    error: AppError,
) -> Result<HttpResponse, PageError> {
    let banner = match &error {
        AppError::Stale(_) => "Someone else changed this statement since you loaded the page; \
            your change was not saved. The current version is shown below."
            .to_string(),
        AppError::Conflict(_) | AppError::Validation(_) | AppError::Forbidden(_) => {
            format!("Not saved: {}", error.public_message())
        }
        _ => return Err(error.into()),
    };
    let status = actix_web::ResponseError::status_code(&error);
    render_article(state, user, article_id, status, Some(banner)).await
}

/// Renders the review page of an article, optionally with a warning banner and status.
pub async fn render_article(
    state: &AppState,
    user: &PageUser,
    id: ArticleId,
    status: StatusCode,
    banner: Option<String>,
) -> Result<HttpResponse, PageError> {
    let (article, reviewers, two_person_rule) = state
        .read(move |conn| {
            let page = query::article_page(conn, id)?;
            let rule = review::two_person_rule(conn)?;
            Ok((page.article, page.assignable, rule))
        })
        .await?;
    let mut ctx = user.context();
    ctx.insert("reviewers", &reviewers);
    ctx.insert("two_person_rule", &two_person_rule);
    ctx.insert("signed_off", &(article.status == ArticleStatus::SignedOff));
    ctx.insert("segments", &segments(&article));
    ctx.insert("article", &article);
    ctx.insert("banner", &banner);
    ctx.insert(
        "verdicts",
        &crate::report::verdict_scale(crate::extract::Lang::En),
    );
    page(status, "article.html", &ctx)
}

async fn article_page(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path, "article")?;
    render_article(&state, &user, id, StatusCode::OK, None).await
}

async fn delete_article(
    state: web::Data<AppState>,
    PageUser(me): PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    FormFields::parse(&body).check_csrf(&me)?;
    let actor: Actor = me.actor();
    let id = parse_id(&path, "article")?;
    state
        .write(move |conn| article::delete_article(conn, &actor, id))
        .await?;
    Ok(see_other("/articles"))
}

async fn add_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let actor = user.0.actor();
    let id = parse_id(&path, "article")?;
    let number = |k: &str| -> Result<i64, AppError> {
        form.get(k)
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| AppError::validation("select a passage of the text first"))
    };
    let kind = match form.get("kind").map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => Some(k.parse::<Kind>().map_err(AppError::Validation)?),
        None => None,
    };
    let input = ManualStatement {
        start: number("start")?,
        end: number("end")?,
        kind,
        note: form.get("note").map(str::to_string),
        correction_reason: form.get("correction_reason").map(str::to_string),
    };
    let created = state
        .write(move |conn| statements::add_manual(conn, &actor, id, input))
        .await?;
    Ok(see_other(&format!(
        "/articles/{id}#statement-{}",
        created.id
    )))
}
