//! Statement pages: detail with history, recording a verdict, editing and deleting.

use super::article::show_failure;
use super::{page, see_other, FormFields, PageError, PageUser};
use crate::domain::SourceInput;
use crate::error::AppError;
use crate::service::statement::{self, StatementPatch, VerdictInput};
use crate::service::view;
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
pub(super) async fn article_of(state: &AppState, id: &str) -> Result<String, AppError> {
    let id = id.to_string();
    state
        .read(move |conn| Ok(view::load_statement(conn, &id)?.article_id))
        .await
}

async fn record_verdict(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let id = parse_id(&path, "statement")?;
    let article_id = article_of(&state, &id).await?;
    let input = VerdictInput {
        verdict: form.get("verdict").unwrap_or_default().to_string(),
        note: form.get("note").map(str::to_string),
        sources: Some(sources_of(&form)),
        version: version_of(&form),
        correction_reason: form.get("correction_reason").map(str::to_string),
    };
    let actor = user.0.actor();
    let target = id.clone();
    match state
        .write(move |conn| statement::record_verdict(conn, &actor, &target, input))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/articles/{article_id}#statement-{id}"))),
        Err(e) => show_failure(&state, &user, article_id, e).await,
    }
}

async fn edit_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let id = parse_id(&path, "statement")?;
    let article_id = article_of(&state, &id).await?;
    let patch = StatementPatch {
        kind: form.get("kind").map(str::to_string),
        gloss_en: form.get("gloss_en").map(str::to_string),
        version: version_of(&form),
        correction_reason: form.get("correction_reason").map(str::to_string),
        ..StatementPatch::default()
    };
    let actor = user.0.actor();
    let target = id.clone();
    match state
        .write(move |conn| statement::update(conn, &actor, &target, patch))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/articles/{article_id}#statement-{id}"))),
        Err(e) => show_failure(&state, &user, article_id, e).await,
    }
}

async fn delete_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let id = parse_id(&path, "statement")?;
    let article_id = article_of(&state, &id).await?;
    let actor = user.0.actor();
    let version = version_of(&form);
    let reason = form.get("correction_reason").map(str::to_string);
    match state
        .write(move |conn| statement::delete(conn, &actor, &id, version, reason.as_deref()))
        .await
    {
        Ok(()) => Ok(see_other(&format!("/articles/{article_id}"))),
        Err(e) => show_failure(&state, &user, article_id, e).await,
    }
}
