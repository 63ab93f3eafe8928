//! The HTML pages: log in, article list, loading an article, the review page, statement detail
//! and history, user management. Forms carry the session's CSRF token in a hidden field.

mod article;
mod knowledge;
mod notification;
mod review;
mod session;
mod statement;
mod token;
mod user;

use super::auth::{identify, Identity};
use super::language;
use crate::error::AppError;
use crate::i18n::Language;
use crate::template;
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use futures_util::future::LocalBoxFuture;
use tera::Context;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/static/app.css", web::get().to(stylesheet))
        .route("/static/app.js", web::get().to(script))
        .configure(session::configure)
        .configure(article::configure)
        .configure(statement::configure)
        .configure(review::configure)
        .configure(token::configure)
        .configure(notification::configure)
        .configure(knowledge::configure)
        .configure(user::configure);
}

async fn home() -> HttpResponse {
    see_other("/articles")
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(include_str!("../../../templates/static/app.css"))
}

async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(include_str!("../../../templates/static/app.js"))
}

/// A 303 redirect (after a form post, or to the login page).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_string()))
        .finish()
}

/// How a page request fails: anonymous visitors go to the login page; other errors get an
/// HTML page with the right status.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("log in first")]
    Login { next: String },
    #[error(transparent)]
    App(#[from] AppError),
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::Login { .. } => StatusCode::SEE_OTHER,
            PageError::App(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            PageError::Login { next } => {
                let next =
                    url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>();
                see_other(&format!("/login?next={next}"))
            }
            PageError::App(e) => {
                if let AppError::Unexpected(detail) = e {
                    tracing::error!(%detail, "page failed");
                }
                let mut ctx = anonymous_context(language::current());
                ctx.insert("status", &e.status_code().as_u16());
                ctx.insert("message", &e.public_message());
                let body =
                    template::render("error.html", &ctx).unwrap_or_else(|_| e.public_message());
                HttpResponse::build(e.status_code())
                    .content_type("text/html; charset=utf-8")
                    .body(body)
            }
        }
    }
}

/// A logged-in visitor of the HTML pages, and the language their pages speak (their saved
/// choice, else the request's); anonymous visitors are sent to the login page.
pub struct PageUser(pub Identity, pub Language);

impl FromRequest for PageUser {
    type Error = PageError;
    type Future = LocalBoxFuture<'static, Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match identify(&req).await? {
                Some(identity) => {
                    let lang = identity
                        .user
                        .language
                        .as_deref()
                        .and_then(Language::parse)
                        .unwrap_or_else(|| language::of_request(&req));
                    Ok(PageUser(identity, lang))
                }
                None => Err(PageError::Login {
                    next: return_address(&req),
                }),
            }
        })
    }
}

/// Where to go after logging in: the page asked for; for a form posted after the session
/// ended, the page the form was on (its route only takes posts), else the article list.
fn return_address(req: &HttpRequest) -> String {
    if req.method() == actix_web::http::Method::GET {
        return req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
    }
    // The host as far as it can be trusted (forwarding headers only from a trusted proxy).
    let host = req
        .app_data::<actix_web::web::Data<crate::web::AppState>>()
        .map(|state| crate::web::origin::Origin::of(req, state).host)
        .unwrap_or_default();
    req.headers()
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .filter(|u| {
            u.host_str().map(|h| h.to_string()) == host.split(':').next().map(str::to_string)
        })
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .unwrap_or_else(|| "/articles".into())
}

impl PageUser {
    /// The template context every page shares: who is logged in and the CSRF token.
    pub fn context(&self) -> Context {
        let mut ctx = anonymous_context(self.1);
        let role = self.0.user.role;
        ctx.insert("me", &self.0.user);
        ctx.insert("csrf_token", &self.0.csrf_token);
        ctx.insert("is_editor", &role.includes(crate::domain::Role::Editor));
        ctx.insert("is_admin", &role.includes(crate::domain::Role::Admin));
        ctx
    }
}

/// The context every page starts from: the interface language.
pub fn anonymous_context(lang: Language) -> Context {
    let mut ctx = Context::new();
    ctx.insert("lang", lang.as_str());
    ctx
}

/// Renders a page with a status.
pub fn page(status: StatusCode, name: &str, ctx: &Context) -> Result<HttpResponse, PageError> {
    let body = template::render(name, ctx).map_err(AppError::from)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// The fields of a URL-encoded form body, in order; repeated names are kept (sources).
pub struct FormFields(Vec<(String, String)>);

impl FormFields {
    pub fn parse(body: &[u8]) -> Self {
        Self(url::form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated field, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Checks the hidden CSRF field against the session.
    pub fn check_csrf(&self, me: &Identity) -> Result<(), AppError> {
        me.check_csrf(self.get("csrf_token"))
    }
}

/// A local path to return to after login; anything else becomes `/articles`. Browsers drop
/// tabs and line breaks from addresses (`/\t/evil.example` becomes `//evil.example`, another
/// site), and a line break cannot go in a header: any control or white-space character, a
/// backslash or a second leading slash refuses the path.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n
                    .chars()
                    .any(|c| c == '\\' || c.is_control() || c.is_whitespace()) =>
        {
            n.to_string()
        }
        _ => "/articles".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(
            safe_next(Some("/articles/1?selected=2")),
            "/articles/1?selected=2"
        );
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/a\r\nSet-Cookie: x=1",
            "/ /evil",
        ] {
            assert_eq!(safe_next(Some(bad)), "/articles", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/articles");
    }
}
