//! Statement pages: detail with history, recording a verdict, editing and deleting.

use super::article::show_failure;
use super::{page, see_other, FormFields, PageError, PageUser};
use crate::domain::SourceInput;
use crate::error::AppError;
use crate::service::statement::{self, StatementPatch, VerdictInput};
use crate::service::view;
use crate::service::Actor;
use crate::storage::DbConnection;
use crate::web::api::parse_id;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/statements/{id}", web::get().to(statement_page))
        .route("/statements/{id}/verdict", web::post().to(record_verdict))
        .route("/statements/{id}/edit", web::post().to(edit_statement))
        .route("/statements/{id}/delete", web::post().to(delete_statement));
}

async fn statement_page(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path, "statement")?;
    let (found, history, thread) = state
        .read(move |conn| {
            let found = view::load_statement(conn, &id)?;
            let history = statement::history(conn, &id)?;
            let thread = crate::service::comment::thread(conn, &id)?;
            Ok((found, history, thread))
        })
        .await?;
    let mut ctx = user.context();
    ctx.insert("statement", &found);
    ctx.insert("history", &history);
    ctx.insert("comments", &thread);
    ctx.insert(
        "verdicts",
        &crate::report::verdict_scale(crate::extract::Lang::En),
    );
    page(StatusCode::OK, "statement.html", &ctx)
}

fn version_of(form: &FormFields) -> Option<i32> {
    form.get("version").and_then(|v| v.trim().parse().ok())
}

/// Sources from the repeated `source_url`, `source_title`, `source_excerpt` fields; rows with
/// an empty URL are blank rows of the form and are skipped.
fn sources_of(form: &FormFields) -> Vec<SourceInput> {
    let urls = form.all("source_url");
    let titles = form.all("source_title");
    let excerpts = form.all("source_excerpt");
    urls.iter()
        .enumerate()
        .filter(|(_, u)| !u.trim().is_empty())
        .map(|(i, u)| SourceInput {
            url: u.to_string(),
            title: titles.get(i).map(|s| s.to_string()),
            excerpt: excerpts.get(i).map(|s| s.to_string()),
        })
        .collect()
}

/// The article a statement belongs to.
async fn article_of(state: &AppState, id: &str) -> Result<String, AppError> {
    let id = id.to_string();
    state
        .read(move |conn| Ok(view::load_statement(conn, &id)?.article_id))
        .await
}

/// A form posted about one statement: checks the CSRF field, runs the write that `build` makes
/// from the form as the visitor, then goes back to the statement on its article page, or shows
/// that page again with why the write was refused.
pub(super) async fn statement_form<T, F>(
    state: &AppState,
    user: &PageUser,
    raw_id: &str,
    body: &[u8],
    build: impl FnOnce(&FormFields) -> F,
) -> Result<HttpResponse, PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &Actor, &str) -> Result<T, AppError> + Send + 'static,
{
    let form = FormFields::parse(body);
    form.check_csrf(&user.0)?;
    let id = parse_id(raw_id, "statement")?;
    let article_id = article_of(state, &id).await?;
    let work = build(&form);
    let actor = user.0.actor();
    let target = id.clone();
    match state.write(move |conn| work(conn, &actor, &target)).await {
        Ok(_) => Ok(see_other(&format!("/articles/{article_id}#statement-{id}"))),
        Err(e) => show_failure(state, user, article_id, e).await,
    }
}

async fn record_verdict(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    statement_form(&state, &user, &path, &body, |form| {
        let input = VerdictInput {
            verdict: form.get("verdict").unwrap_or_default().to_string(),
            note: form.get("note").map(str::to_string),
            sources: Some(sources_of(form)),
            version: version_of(form),
            correction_reason: form.get("correction_reason").map(str::to_string),
        };
        move |conn, actor, id| statement::record_verdict(conn, actor, id, input)
    })
    .await
}

async fn edit_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    statement_form(&state, &user, &path, &body, |form| {
        let patch = StatementPatch {
            kind: form.get("kind").map(str::to_string),
            gloss_en: form.get("gloss_en").map(str::to_string),
            version: version_of(form),
            correction_reason: form.get("correction_reason").map(str::to_string),
            ..StatementPatch::default()
        };
        move |conn, actor, id| statement::update(conn, actor, id, patch)
    })
    .await
}

async fn delete_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    statement_form(&state, &user, &path, &body, |form| {
        let version = version_of(form);
        let reason = form.get("correction_reason").map(str::to_string);
        move |conn, actor, id| statement::delete(conn, actor, id, version, reason.as_deref())
    })
    .await
}
