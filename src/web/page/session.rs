//! The login form and logging out.

use super::{anonymous_context, page, safe_next, see_other, FormFields, PageError, PageUser};
use crate::error::AppError;
use crate::i18n::Language;
use crate::service::account;
use crate::web::auth::{self, identify};
use crate::web::language;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login_form))
        .route("/login", web::post().to(login))
        .route("/language", web::post().to(switch_language))
        .route("/logout", web::post().to(logout));
}

#[derive(serde::Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(
    req: HttpRequest,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, PageError> {
    if identify(&req).await?.is_some() {
        return Ok(see_other(&safe_next(query.next.as_deref())));
    }
    let mut ctx = anonymous_context(language::of_request(&req));
    ctx.insert("next", &safe_next(query.next.as_deref()));
    page(StatusCode::OK, "login.html", &ctx)
}

async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    if is_cross_site(&req, &state) {
        return Err(AppError::Forbidden(
            "a login form posted from another site is refused; log in from this site's page".into(),
        )
        .into());
    }
    let form = FormFields::parse(&body);
    let username = form.get("username").unwrap_or_default().to_string();
    let password = form.get("password").unwrap_or_default().to_string();
    let next = safe_next(form.get("next"));
    let previous = auth::request_token(&req).map(|(t, _)| t);
    let client = crate::web::origin::Origin::of(&req, &state).client;
    let typed = username.clone();
    let result = state
        .write(move |conn| account::login(conn, &typed, &password, &client, previous.as_deref()))
        .await;
    let lang = language::of_request(&req);
    match result {
        Ok(opened) => {
            let secure = crate::web::origin::secure_cookie(&req, &state);
            let mut response = HttpResponse::SeeOther();
            response.cookie(auth::session_cookie(&opened.token, secure));
            // The saved choice also speaks on pages seen before the session is known (errors).
            if let Some(saved) = opened.user.language.as_deref().and_then(Language::parse) {
                response.cookie(language::cookie(saved, secure));
            }
            Ok(response
                .insert_header((actix_web::http::header::LOCATION, next))
                .finish())
        }
        Err(e @ (AppError::BadCredentials | AppError::RateLimited)) => {
            let mut ctx = anonymous_context(lang);
            ctx.insert("next", &next);
            ctx.insert("username", &username);
            let (status, message) = match e {
                AppError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "login-throttled"),
                _ => (StatusCode::UNAUTHORIZED, "login-wrong"),
            };
            ctx.insert("error", &lang.message(message));
            page(status, "login.html", &ctx)
        }
        Err(other) => Err(other.into()),
    }
}

/// True when the browser says the form comes from another site (login CSRF): `Sec-Fetch-Site:
/// cross-site`, or an `Origin` whose host is not this server's.
fn is_cross_site(req: &HttpRequest, state: &AppState) -> bool {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    if header("sec-fetch-site") == Some("cross-site") {
        return true;
    }
    match header("origin") {
        Some("null") => true,
        Some(origin) => {
            let ours = crate::web::origin::Origin::of(req, state).host;
            url::Url::parse(origin)
                .ok()
                .map(|u| match u.port() {
                    Some(p) => format!("{}:{p}", u.host_str().unwrap_or_default()),
                    None => u.host_str().unwrap_or_default().to_string(),
                })
                .is_none_or(|theirs| theirs != ours)
        }
        None => false,
    }
}

/// The header's language switch: saved for a logged-in user (their choice then wins over the
/// browser's everywhere), and kept in a cookie for pages before login; back to the page it was
/// on.
async fn switch_language(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    let lang = form
        .get("language")
        .and_then(Language::parse)
        .ok_or_else(|| AppError::validation("language must be fr or en"))?;
    if let Some(me) = identify(&req).await? {
        form.check_csrf(&me)?;
        let actor = me.actor();
        state
            .write(move |conn| account::set_language(conn, &actor, Some(lang)))
            .await?;
    }
    let back = req
        .headers()
        .get(actix_web::http::header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        });
    Ok(HttpResponse::SeeOther()
        .cookie(language::cookie(
            lang,
            crate::web::origin::secure_cookie(&req, &state),
        ))
        .insert_header((
            actix_web::http::header::LOCATION,
            safe_next(back.as_deref()),
        ))
        .finish())
}

async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageUser(me, _): PageUser,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    FormFields::parse(&body).check_csrf(&me)?;
    let actor = me.actor();
    let token = me.token.clone();
    state
        .write(move |conn| account::logout(conn, &actor, &token))
        .await?;
    Ok(HttpResponse::SeeOther()
        .cookie(auth::expired_session_cookie(
            crate::web::origin::secure_cookie(&req, &state),
        ))
        .insert_header((actix_web::http::header::LOCATION, "/login"))
        .finish())
}
