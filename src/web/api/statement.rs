//! Statements: show, edit, delete, record a verdict, history.

use super::parse_id;
use crate::domain::StatementId;
use crate::error::AppError;
use crate::service::statement::{self, StatementPatch, VerdictInput};
use crate::service::{matching, query};
use crate::web::auth::ApiUser;
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/statements/{id}")
            .route(web::get().to(show_statement))
            .route(web::patch().to(update_statement))
            .route(web::delete().to(delete_statement)),
    )
    .service(web::resource("/statements/{id}/verdict").route(web::post().to(record_verdict)))
    .service(web::resource("/statements/{id}/history").route(web::get().to(statement_history)))
    .service(web::resource("/statements/{id}/matches").route(web::get().to(statement_matches)))
    .service(
        web::resource("/statements/{id}/matches/{match_id}").route(web::delete().to(dismiss_match)),
    );
}

async fn statement_matches(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    _me: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "statement")?;
    let mut found = state
        .read(move |conn| matching::matches_of(conn, id))
        .await?;
    matching::word_reasons(&mut found, crate::web::language::of_request(&req));
    Ok(HttpResponse::Ok().json(found))
}

async fn dismiss_match(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let (id, match_id) = path.into_inner();
    let id = parse_id(&id, "statement")?;
    let match_id = parse_id(&match_id, "statement")?;
    state
        .write(move |conn| matching::dismiss(conn, &actor, id, match_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn show_statement(
    state: web::Data<AppState>,
    _me: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id: StatementId = parse_id(&path, "statement")?;
    let found = state
        .read(move |conn| query::load_statement(conn, id))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

async fn update_statement(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    patch: web::Json<StatementPatch>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "statement")?;
    let patch = patch.into_inner();
    let encoder = state.encoder.clone();
    let updated = state
        .write(move |conn| statement::update(conn, &actor, id, patch, encoder.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(updated))
}

#[derive(Deserialize)]
struct DeleteQuery {
    #[serde(default)]
    version: Option<i32>,
    /// Required once the article is signed off.
    #[serde(default)]
    correction_reason: Option<String>,
}

async fn delete_statement(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    query: web::Query<DeleteQuery>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "statement")?;
    let DeleteQuery {
        version,
        correction_reason,
    } = query.into_inner();
    state
        .write(move |conn| {
            statement::delete(conn, &actor, id, version, correction_reason.as_deref())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn record_verdict(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    input: web::Json<VerdictInput>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "statement")?;
    let input = input.into_inner();
    let updated = state
        .write(move |conn| statement::record_verdict(conn, &actor, id, input))
        .await?;
    Ok(HttpResponse::Ok().json(updated))
}

async fn statement_history(
    state: web::Data<AppState>,
    _me: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "statement")?;
    let events = state.read(move |conn| statement::history(conn, id)).await?;
    Ok(HttpResponse::Ok().json(events))
}
