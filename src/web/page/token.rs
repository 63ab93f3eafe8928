//! API tokens page: a user's tokens for integrations; a new token's secret is shown once.

use super::{page, see_other, FormFields, PageError, PageUser};
use crate::error::AppError;
use crate::service::account;
use crate::web::api::parse_id;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tokens", web::get().to(tokens_page))
        .route("/tokens", web::post().to(create_token))
        .route("/tokens/{id}/revoke", web::post().to(revoke_token));
}

async fn render(
    state: &AppState,
    user: &PageUser,
    status: StatusCode,
    created: Option<account::CreatedToken>,
    error: Option<String>,
) -> Result<HttpResponse, PageError> {
    let actor = user.0.actor();
    let tokens = state
        .read(move |conn| account::list_tokens(conn, &actor))
        .await?;
    let mut ctx = user.context();
    ctx.insert("tokens", &tokens);
    ctx.insert("created", &created);
    ctx.insert("error", &error);
    page(status, "tokens.html", &ctx)
}

async fn tokens_page(
    state: web::Data<AppState>,
    user: PageUser,
) -> Result<HttpResponse, PageError> {
    render(&state, &user, StatusCode::OK, None, None).await
}

async fn create_token(
    state: web::Data<AppState>,
    user: PageUser,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let name = form.get("name").unwrap_or_default().to_string();
    let actor = user.0.actor();
    match state
        .write(move |conn| account::create_token(conn, &actor, &name))
        .await
    {
        Ok(created) => render(&state, &user, StatusCode::CREATED, Some(created), None).await,
        Err(e @ (AppError::Validation(_) | AppError::Rule(_))) => {
            let status = actix_web::ResponseError::status_code(&e);
            render(&state, &user, status, None, Some(e.public_message())).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke_token(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    FormFields::parse(&body).check_csrf(&user.0)?;
    let id = parse_id(&path, "API token")?;
    let actor = user.0.actor();
    state
        .write(move |conn| account::revoke_token(conn, &actor, id))
        .await?;
    Ok(see_other("/tokens"))
}
