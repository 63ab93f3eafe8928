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
            .route(web::patch().to(update_session))
            .route(web::delete().to(delete_session)),
    )
    .service(web::resource("/session/password").route(web::put().to(change_password)));
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
    let client = crate::web::origin::Origin::of(&req, &state).client;
    let opened = state
        .write(move |conn| account::login(conn, &username, &password, &client, previous.as_deref()))
        .await?;
    Ok(HttpResponse::Ok()
        .cookie(auth::session_cookie(
            &opened.token,
            crate::web::origin::secure_cookie(&req, &state),
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

/// Saves the caller's interface language (`{"language": "fr"|"en"|null}`, the field required:
/// `null` goes back to following the browser); it wins over the browser's on every page.
async fn update_session(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    patch: web::Json<serde_json::Map<String, serde_json::Value>>,
) -> Result<HttpResponse, AppError> {
    let patch = patch.into_inner();
    if let Some(other) = patch.keys().find(|k| *k != "language") {
        return Err(AppError::validation(format!(
            "unknown field {other:?}: send {{\"language\": \"fr\"|\"en\"|null}}"
        )));
    }
    let language = match patch.get("language") {
        None => {
            return Err(AppError::validation(
                "send {\"language\": \"fr\"|\"en\"|null}",
            ))
        }
        Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(raw)) if raw == "fr" || raw == "en" => {
            crate::i18n::Language::parse(raw)
        }
        Some(other) => {
            return Err(AppError::validation(format!(
                "language {other} is not one of \"fr\", \"en\" or null"
            )))
        }
    };
    let actor = me.actor();
    state
        .write(move |conn| account::set_language(conn, &actor, language))
        .await?;
    let mut user = me.user;
    user.language = language.map(|l| l.as_str().to_string());
    Ok(HttpResponse::Ok().json(json!({"user": user})))
}

/// Logs out: ends the session, or, called with an API token, revokes that token (its secret
/// stops working at once, as a session's would).
async fn delete_session(
    state: web::Data<AppState>,
    req: HttpRequest,
    ApiUser(me): ApiUser,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let token = me.token.clone();
    if token.starts_with(account::API_TOKEN_PREFIX) {
        state
            .write(move |conn| account::revoke_token_by_secret(conn, &actor, &token))
            .await?;
        return Ok(HttpResponse::NoContent().finish());
    }
    state
        .write(move |conn| account::logout(conn, &actor, &token))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(auth::expired_session_cookie(
            crate::web::origin::secure_cookie(&req, &state),
        ))
        .finish())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordChange {
    current: String,
    new: String,
}

/// Changes the caller's password; the caller's session stays open, every other one ends.
async fn change_password(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    form: web::Json<PasswordChange>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let keep = me.token.clone();
    let PasswordChange { current, new } = form.into_inner();
    state
        .write(move |conn| account::change_password(conn, &actor, &current, &new, Some(&keep)))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
