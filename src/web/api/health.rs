//! Liveness and readiness, without authentication.

use crate::error::AppError;
use crate::service::health;
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // Resources (not bare routes), so that other methods answer 405 with `Allow`.
    cfg.service(web::resource("/healthz").route(web::get().to(healthz)))
        .service(web::resource("/metrics").route(web::get().to(metrics)));
}

/// How long `/healthz` waits for the write probe.
const WRITE_PROBE: std::time::Duration = std::time::Duration::from_secs(2);

/// 200 with `{"status": "ok"}` when the database answers a read and takes the write lock within
/// two seconds; 503 with the cause otherwise.
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.read(health::probe).await?;
    match actix_web::rt::time::timeout(WRITE_PROBE, state.write(health::probe_write)).await {
        Ok(result) => result?,
        Err(_) => {
            return Err(AppError::Unavailable(
                "writes are not getting through within 2 s (the database is locked or stalled)"
                    .into(),
            ))
        }
    }
    Ok(HttpResponse::Ok().json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "database": health::backend_name(&state.db),
    })))
}

/// Counters and gauges of this instance in the Prometheus text format: database queries
/// started and connections per pool. Holds no data about articles or people.
pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    // The scrape's own query (the audit head) is left out of the count it reports, so the
    // count tells what requests cost.
    let head = state.read(health::audit_head).await.ok().flatten();
    let own = state.metrics.count_scrape_query();
    let mut out = String::from(
        "# HELP claimdesk_db_queries_total Database queries started by this instance.\n\
         # TYPE claimdesk_db_queries_total counter\n",
    );
    out.push_str(&format!(
        "claimdesk_db_queries_total {}\n",
        state.db.queries_run().saturating_sub(own)
    ));
    out.push_str(
        "# HELP claimdesk_db_pool_connections Open database connections per pool and state.\n\
         # TYPE claimdesk_db_pool_connections gauge\n",
    );
    for (pool, open, idle) in state.db.pool_state() {
        out.push_str(&format!(
            "claimdesk_db_pool_connections{{pool=\"{pool}\",state=\"idle\"}} {idle}\n\
             claimdesk_db_pool_connections{{pool=\"{pool}\",state=\"busy\"}} {}\n",
            open.saturating_sub(idle)
        ));
    }
    state.metrics.render(&mut out);
    // The audit chain's head, so an operator sees writes arrive on every instance.
    if let Some(head) = head {
        out.push_str(&format!(
            "# HELP claimdesk_audit_head_seq Sequence number of the newest audit event.\n\
             # TYPE claimdesk_audit_head_seq gauge\n\
             claimdesk_audit_head_seq {head}\n"
        ));
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(out)
}
