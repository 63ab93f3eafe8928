//! The language a request's pages speak: the `claimdesk_lang` cookie (the header's switch),
//! else `Accept-Language`. A logged-in user's saved choice wins over both (see `PageUser`).
//! The middleware makes it known to the whole request, error pages included.

use crate::i18n::{Language, COOKIE};
use actix_web::body::MessageBody;
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest};

tokio::task_local! {
    static CURRENT: Language;
}

/// The middleware: works out the request's language and keeps it for the request.
pub async fn negotiate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let lang = from_headers(req.request());
    req.extensions_mut().insert(lang);
    CURRENT.scope(lang, next.call(req)).await
}

/// The cookie's language, else the best for `Accept-Language`.
fn from_headers(req: &HttpRequest) -> Language {
    req.cookie(COOKIE)
        .and_then(|c| Language::parse(c.value()))
        .unwrap_or_else(|| {
            Language::negotiate(
                req.headers()
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        })
}

/// The language of this request (cookie or browser), as the middleware found it.
pub fn of_request(req: &HttpRequest) -> Language {
    req.extensions()
        .get::<Language>()
        .copied()
        .unwrap_or_else(|| from_headers(req))
}

/// The language of the request being served on this task (English outside a request).
pub fn current() -> Language {
    CURRENT.try_with(|l| *l).unwrap_or_default()
}

/// The cookie that keeps a chosen language for a year (also before login).
pub fn cookie(lang: Language, secure: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, lang.as_str())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::days(365))
        .finish()
}
