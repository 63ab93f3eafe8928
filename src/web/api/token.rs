//! API tokens for integrations: `GET/POST /tokens`, `DELETE /tokens/{id}`.

use super::parse_id;
use crate::error::AppError;
use crate::service::account;
use crate::web::auth::ApiUser;
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/tokens")
            .route(web::get().to(list_tokens))
            .route(web::post().to(create_token)),
    )
    .service(web::resource("/tokens/{id}").route(web::delete().to(revoke_token)));
}

/// The caller's tokens (never their secrets).
async fn list_tokens(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let tokens = state
        .read(move |conn| account::list_tokens(conn, &actor))
        .await?;
    Ok(HttpResponse::Ok().json(tokens))
}

#[derive(Deserialize)]
struct TokenForm {
    name: String,
}

/// Creates a token acting with the caller's role; the secret is in this answer only.
async fn create_token(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    form: web::Json<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let name = form.into_inner().name;
    let created = state
        .write(move |conn| account::create_token(conn, &actor, &name))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

async fn revoke_token(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id = parse_id(&path, "API token")?;
    state
        .write(move |conn| account::revoke_token(conn, &actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
