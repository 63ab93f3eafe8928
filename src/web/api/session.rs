//! `POST /session` (log in), `GET /session` (who am I), `DELETE /session` (log out).

use crate::error::AppError;
use crate::service::account;
use crate::web::auth::{self, ApiUser};
use crate::web::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/session")
            .route(web::post().to(create_session))
            .route(web::get().to(show_session))
            .route(web::delete().to(delete_session)),
    );
}

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
}

/// Logs in: sets the session cookie and returns the user, the CSRF token for cookie-based
/// writes, and the session token for `Authorization: Bearer` use by scripts.
async fn create_session(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<Credentials>,
) -> Result<HttpResponse, AppError> {
    let Credentials { username, password } = body.into_inner();
    let previous = auth::request_token(&req).map(|(t, _)| t);
    let opened = state
        .write(move |conn| account::login(conn, &username, &password, previous.as_deref()))
        .await?;
    Ok(HttpResponse::Ok()
        .cookie(auth::session_cookie(
            &opened.token,
            state.settings.cookie_secure,
        ))
        .json(json!({
            "user": opened.user,
            "csrf_token": opened.csrf_token,
            "token": opened.token,
            "expires_at": opened.expires_at,
        })))
}

async fn show_session(ApiUser(me): ApiUser) -> HttpResponse {
    HttpResponse::Ok().json(json!({"user": me.user, "csrf_token": me.csrf_token}))
}

async fn delete_session(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let token = me.token.clone();
    state
        .write(move |conn| account::logout(conn, &actor, &token))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(auth::expired_session_cookie(state.settings.cookie_secure))
        .finish())
}
