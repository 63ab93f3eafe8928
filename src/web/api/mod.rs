//! The JSON API under `/api/v1`. Errors are `{"error": {"code", "message"}}` with the right
//! status; malformed bodies, paths and queries are 400s, never 500s.

mod article;
pub use article::publisher;
mod health;
mod knowledge;
mod live;
mod review;
mod session;
mod statement;
mod token;
mod user;

use crate::error::AppError;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{error, web, HttpRequest, HttpResponse};

/// Largest JSON body accepted (an article body of 5 MB, escaped).
pub const JSON_LIMIT: usize = 12 * 1024 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/healthz").route(web::get().to(health::healthz)))
        .service(web::resource("/metrics").route(web::get().to(health::metrics)));
    cfg.service(
        web::scope("/api/v1")
            .wrap(ErrorHandlers::new().handler(StatusCode::METHOD_NOT_ALLOWED, method_not_allowed))
            .app_data(json_config())
            .app_data(web::PathConfig::default().error_handler(|e, _| bad_request(e)))
            .app_data(web::QueryConfig::default().error_handler(|e, _| bad_request(e)))
            .service(web::resource("/openapi.json").route(web::get().to(openapi)))
            .configure(health::configure)
            .configure(session::configure)
            .configure(user::configure)
            .configure(article::configure)
            .configure(statement::configure)
            .configure(review::configure)
            .configure(token::configure)
            .configure(live::configure)
            .configure(knowledge::configure)
            .default_service(web::to(not_found)),
    );
}

fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .error_handler(|e, _req: &HttpRequest| match e {
            error::JsonPayloadError::Overflow { .. }
            | error::JsonPayloadError::OverflowKnownLength { .. } => AppError::TooLarge(format!(
                "the request body exceeds {} MB",
                JSON_LIMIT / (1024 * 1024)
            ))
            .into(),
            error::JsonPayloadError::ContentType => {
                AppError::validation("send the body as JSON with Content-Type: application/json")
                    .into()
            }
            other => AppError::validation(format!("the JSON body is not valid: {other}")).into(),
        })
}

fn bad_request(e: impl std::fmt::Display) -> actix_web::Error {
    AppError::validation(e.to_string()).into()
}

/// The methods the API document lists for `path` (under `/api/v1`), upper-case.
fn allowed_methods(path: &str) -> Vec<String> {
    static ROUTES: std::sync::LazyLock<Vec<(Vec<String>, Vec<String>)>> =
        std::sync::LazyLock::new(|| {
            let doc: serde_json::Value = serde_json::from_str(OPENAPI).unwrap_or_default();
            doc["paths"]
                .as_object()
                .map(|paths| {
                    paths
                        .iter()
                        .map(|(template, ops)| {
                            let segments = template.split('/').map(str::to_string).collect();
                            let methods = ops
                                .as_object()
                                .map(|o| o.keys().map(|m| m.to_uppercase()).collect())
                                .unwrap_or_default();
                            (segments, methods)
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    let asked: Vec<&str> = path.split('/').collect();
    ROUTES
        .iter()
        .find(|(segments, _)| {
            segments.len() == asked.len()
                && segments
                    .iter()
                    .zip(&asked)
                    .all(|(t, a)| t.starts_with('{') || t == a)
        })
        .map(|(_, methods)| methods.clone())
        .unwrap_or_default()
}

/// A 405 in the API's JSON error shape (actix answers it with an empty body), with the `Allow`
/// header naming the methods the route takes.
fn method_not_allowed<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let (req, _) = res.into_parts();
    let body = serde_json::json!({"error": {
        "code": "method_not_allowed",
        "message": format!("{} is not allowed on {}", req.method(), req.path()),
    }});
    let allow = allowed_methods(req.path()).join(", ");
    let response = HttpResponse::MethodNotAllowed()
        .insert_header((actix_web::http::header::ALLOW, allow))
        .json(body);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body::<B>(),
    ))
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound("no such API route".into()))
}

/// Ids are UUIDs; anything else cannot name a stored row (404).
pub(crate) fn parse_id<T: std::str::FromStr>(raw: &str, what: &str) -> Result<T, AppError> {
    raw.parse().map_err(|_| AppError::not_found(what))
}

/// Most items one page of a list may hold.
pub const MAX_PAGE: i64 = 1000;

/// A list's `limit` parameter: `default` when absent, a 400 outside 1..=[`MAX_PAGE`] (the range
/// the API description states), never silently changed.
pub(crate) fn page_limit(raw: Option<i64>, default: i64) -> Result<i64, AppError> {
    limit_within(raw, default, MAX_PAGE)
}

/// `page_limit` with another largest page (`max`).
pub(crate) fn limit_within(raw: Option<i64>, default: i64, max: i64) -> Result<i64, AppError> {
    match raw {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(n) => Err(AppError::validation(format!(
            "limit {n} is outside 1 to {max}"
        ))),
    }
}

/// The OpenAPI 3 description of this API (kept true by the `openapi` integration test).
pub const OPENAPI: &str = include_str!("openapi.json");

async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(OPENAPI)
}
