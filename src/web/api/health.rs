//! Liveness and readiness, without authentication.

use crate::error::AppError;
use crate::service::health;
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz));
}

/// 200 with `{"status": "ok"}` when the database answers; 500 otherwise.
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.read(health::probe).await?;
    Ok(HttpResponse::Ok().json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "database": health::backend_name(&state.db),
    })))
}
