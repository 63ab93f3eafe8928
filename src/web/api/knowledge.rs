//! What the newsroom already knows: search across articles, the fact base, and the checks of a
//! statement against it.

use super::{page_limit, parse_id};
use crate::error::AppError;
use crate::service::fact::{self, NewFact};
use crate::service::search::{self, SearchRequest};
use crate::web::auth::ApiUser;
use crate::web::AppState;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/search").route(web::get().to(search_statements)))
        .service(
            web::resource("/facts")
                .route(web::get().to(list_facts))
                .route(web::post().to(create_fact)),
        )
        .service(web::resource("/facts/{id}").route(web::delete().to(delete_fact)))
        .service(web::resource("/statements/{id}/checks").route(web::get().to(statement_checks)));
}

async fn search_statements(
    state: web::Data<AppState>,
    _me: ApiUser,
    query: web::Query<SearchRequest>,
) -> Result<HttpResponse, AppError> {
    let mut request = query.into_inner();
    request.limit = Some(page_limit(request.limit, 50)?);
    let hits = state
        .read(move |conn| search::search_statements(conn, &request))
        .await?;
    Ok(HttpResponse::Ok().json(hits))
}

async fn list_facts(state: web::Data<AppState>, _me: ApiUser) -> Result<HttpResponse, AppError> {
    let facts = state.read(fact::list_facts).await?;
    Ok(HttpResponse::Ok().json(facts))
}

async fn create_fact(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    body: web::Json<NewFact>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let new = body.into_inner();
    let created = state
        .write(move |conn| fact::create_fact(conn, &actor, new))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

async fn delete_fact(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "fact")?;
    state
        .write(move |conn| fact::delete_fact(conn, &actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn statement_checks(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    _me: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path, "statement")?;
    let lang = crate::web::language::of_request(&req);
    let checks = state
        .read(move |conn| fact::checks_of(conn, id, lang))
        .await?;
    Ok(HttpResponse::Ok().json(checks))
}
