//! Statement pages: detail with history, recording a verdict, editing and deleting.

use super::article::{show_failure, Draft, DraftSource, ReviewState};
use super::{page, see_other, FormFields, PageError, PageUser};
use crate::domain::{ArticleId, Kind, SourceInput, StatementId, Verdict};
use crate::error::AppError;
use crate::service::statement::{self, StatementPatch, VerdictInput};
use crate::service::{query, Actor};
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
    let id: StatementId = parse_id(&path, "statement")?;
    let (found, history, thread, signed_off) =
        state.read(move |conn| statement::detail(conn, id)).await?;
    let mut ctx = user.context();
    ctx.insert("statement", &found);
    let history: Vec<crate::view::EventView> = history.iter().map(Into::into).collect();
    ctx.insert("history", &history);
    ctx.insert("comments", &thread);
    ctx.insert("kinds", &Kind::ALL.map(Kind::as_str));
    ctx.insert("signed_off", &signed_off);
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

/// The source rows of a verdict form as typed, blank rows left out.
fn typed_sources(form: &FormFields) -> Vec<DraftSource> {
    let titles = form.all("source_title");
    let excerpts = form.all("source_excerpt");
    form.all("source_url")
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.trim().is_empty())
        .map(|(i, u)| DraftSource {
            url: u.to_string(),
            title: titles.get(i).unwrap_or(&"").to_string(),
            excerpt: excerpts.get(i).unwrap_or(&"").to_string(),
        })
        .collect()
}

/// A form posted about one statement: checks the CSRF field, runs the write that `build` makes
/// from the form as the visitor (it answers the statement's article), then goes back to the
/// statement on its article page, or shows that page again with why the write was refused.
pub(super) async fn statement_form<F>(
    state: &AppState,
    user: &PageUser,
    raw_id: &str,
    body: &[u8],
    draft: Option<Draft>,
    build: impl FnOnce(&FormFields) -> F,
) -> Result<HttpResponse, PageError>
where
    F: FnOnce(&mut DbConnection, &Actor, StatementId) -> Result<ArticleId, AppError>
        + Send
        + 'static,
{
    let form = FormFields::parse(body);
    form.check_csrf(&user.0)?;
    let id: StatementId = parse_id(raw_id, "statement")?;
    let work = build(&form);
    let actor = user.0.actor();
    match state.write(move |conn| work(conn, &actor, id)).await {
        Ok(article_id) => Ok(see_other(&format!(
            "/articles/{article_id}?selected={id}#statement-{id}"
        ))),
        Err(e) => {
            // Only a refused write needs the article again, to show it with the reason.
            let article_id = state
                .read(move |conn| query::article_of_statement(conn, id))
                .await?;
            let review = ReviewState {
                selected: Some(id),
                draft,
                ..ReviewState::default()
            };
            show_failure(state, user, article_id, e, review).await
        }
    }
}

/// A form field naming a verdict or a kind; an unknown name is a 400 shown on the page.
fn parsed<T: std::str::FromStr>(form: &FormFields, field: &str) -> Result<Option<T>, AppError>
where
    T::Err: std::fmt::Display,
{
    match form.get(field).map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|e: T::Err| AppError::validation(e.to_string())),
        None => Ok(None),
    }
}

async fn record_verdict(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    let draft = Draft {
        verdict: form.get("verdict").unwrap_or_default().to_string(),
        note: form.get("note").unwrap_or_default().to_string(),
        sources: typed_sources(&form),
    };
    statement_form(&state, &user, &path, &body, Some(draft), |form| {
        let verdict = parsed::<Verdict>(form, "verdict");
        let reuse = parsed::<StatementId>(form, "reuse");
        let note = form.get("note").map(str::to_string);
        let sources = Some(sources_of(form));
        let version = version_of(form);
        let correction_reason = form.get("correction_reason").map(str::to_string);
        move |conn, actor, id| {
            let reuse = reuse?;
            let verdict = match verdict? {
                None if reuse.is_none() => Some(Verdict::Unreviewed),
                v => v,
            };
            // Reusing copies the earlier statement's note and sources unless the form gives
            // some of its own.
            let (note, sources) = match reuse {
                Some(_) => (
                    note.filter(|n| !n.trim().is_empty()),
                    sources.filter(|s| !s.is_empty()),
                ),
                None => (note, sources),
            };
            let input = VerdictInput {
                verdict,
                note,
                sources,
                reuse,
                version,
                correction_reason,
            };
            Ok(statement::record_verdict(conn, actor, id, input)?.article_id)
        }
    })
    .await
}

async fn edit_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    statement_form(&state, &user, &path, &body, None, |form| {
        let kind = parsed::<Kind>(form, "kind");
        let gloss_en = form.get("gloss_en").map(str::to_string);
        let version = version_of(form);
        let correction_reason = form.get("correction_reason").map(str::to_string);
        let encoder = state.encoder.clone();
        move |conn, actor, id| {
            let patch = StatementPatch {
                kind: kind?,
                gloss_en,
                version,
                correction_reason,
                ..StatementPatch::default()
            };
            Ok(statement::update(conn, actor, id, patch, encoder.as_deref())?.article_id)
        }
    })
    .await
}

async fn delete_statement(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    statement_form(&state, &user, &path, &body, None, |form| {
        let version = version_of(form);
        let reason = form.get("correction_reason").map(str::to_string);
        move |conn, actor, id| statement::delete(conn, actor, id, version, reason.as_deref())
    })
    .await
}
