//! Who is calling: the session cookie or a bearer token, resolved against the sessions table
//! (so any instance honours any session), and the CSRF check for cookie-authenticated writes.

use super::AppState;
use crate::error::AppError;
use crate::service::account;
use crate::service::Actor;
use crate::view::UserView;
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "claimdesk_session";
/// Header that must carry the CSRF token on cookie-authenticated API writes.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// How the caller proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The browser's session cookie: writes need the CSRF token.
    Cookie,
    /// `Authorization: Bearer TOKEN`: not sent by browsers on their own, so no CSRF token.
    Bearer,
}

/// A logged-in caller.
#[derive(Debug, Clone)]
pub struct Identity {
    pub user: UserView,
    pub csrf_token: String,
    pub token: String,
    pub via: Via,
}

impl Identity {
    pub fn actor(&self) -> Actor {
        Actor::from(&self.user)
    }

    /// Refuses (403) unless `supplied` is this session's CSRF token.
    pub fn check_csrf(&self, supplied: Option<&str>) -> Result<(), AppError> {
        if self.via == Via::Bearer {
            return Ok(());
        }
        match supplied {
            Some(s) if constant_time_eq(s.as_bytes(), self.csrf_token.as_bytes()) => Ok(()),
            _ => Err(AppError::Forbidden(
                "missing or wrong CSRF token: reload the page and try again".into(),
            )),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The session token a request carries, and how.
pub fn request_token(req: &HttpRequest) -> Option<(String, Via)> {
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    if let Some(token) = bearer {
        return Some((token, Via::Bearer));
    }
    req.cookie(SESSION_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|t| !t.is_empty())
        .map(|t| (t, Via::Cookie))
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Looks the caller up; `Ok(None)` when anonymous or the session is over.
pub async fn identify(req: &HttpRequest) -> Result<Option<Identity>, AppError> {
    let Some((token, via)) = request_token(req) else {
        return Ok(None);
    };
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Unexpected("application state missing".into()))?
        .clone();
    if via == Via::Bearer {
        if let Some(secret) = token.strip_prefix(account::API_TOKEN_PREFIX) {
            if !is_hex64(secret) {
                return Ok(None);
            }
            let lookup = token.clone();
            let found = state
                .read(move |conn| account::resolve_api_token(conn, &lookup))
                .await?;
            return Ok(found.map(|user| Identity {
                user,
                csrf_token: String::new(),
                token,
                via,
            }));
        }
    }
    // Session tokens are 64 hex characters; anything else cannot match and is not worth a query.
    if !is_hex64(&token) {
        return Ok(None);
    }
    let lookup = token.clone();
    let found = state
        .read(move |conn| account::resolve_session(conn, &lookup))
        .await?;
    Ok(found.map(|(user, csrf_token)| Identity {
        user,
        csrf_token,
        token,
        via,
    }))
}

/// A caller of the JSON API. Anonymous callers get 401; cookie-authenticated writes
/// (anything but GET, HEAD, OPTIONS) without the right `X-CSRF-Token` header get 403.
pub struct ApiUser(pub Identity);

impl FromRequest for ApiUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let identity = identify(&req).await?.ok_or(AppError::Unauthenticated)?;
            if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
                let header = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
                identity.check_csrf(header)?;
            }
            Ok(ApiUser(identity))
        })
    }
}

/// The session cookie for a freshly opened session.
pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::seconds(
            account::SESSION_LIFETIME.num_seconds(),
        ))
        .finish()
}

/// A cookie that makes the browser forget the session.
pub fn expired_session_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie("", secure);
    cookie.make_removal();
    cookie
}
