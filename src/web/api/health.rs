//! Liveness and readiness, without authentication.

use crate::error::AppError;
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz));
}

/// 200 with `{"status": "ok"}` when the database answers; 500 otherwise.
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .read(|conn| {
            conn.batch_execute("SELECT 1")
                .map_err(|e| AppError::Unexpected(format!("database check failed: {e}")))
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "database": match state.db.backend() {
            crate::storage::Backend::Sqlite => "sqlite",
            crate::storage::Backend::Postgres => "postgres",
        },
    })))
}
