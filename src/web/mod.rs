//! HTTP: the JSON API under `/api/v1` and the HTML pages reviewers use. One module per resource,
//! each exposing `configure`.

pub mod api;
pub mod auth;
pub mod language;
pub mod nul;
pub mod observe;
pub mod origin;
pub mod page;

use crate::config::Settings;
use crate::error::AppError;
use crate::storage::{Database, DbConnection};
use actix_web::web;

/// What every handler can reach.
pub struct AppState {
    pub db: Database,
    pub settings: Settings,
    /// Requests answered per route, for `/metrics`.
    pub metrics: std::sync::Arc<observe::RouteMetrics>,
    /// The sentence encoder, when installed (claim matching then also compares meaning).
    pub encoder: Option<std::sync::Arc<crate::encoder::SentenceEncoder>>,
}

impl AppState {
    /// Runs read-only database work off the async executor.
    pub async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let db = self.db.clone();
        web::block(move || db.read(work)).await?
    }

    /// Runs database work that writes, off the async executor, on the writer connection.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        self.db.write_async(work).await
    }
}

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
    page::configure(cfg);
}

/// Tells the newsroom's webhook, if one is configured, that an article was signed off. Runs in
/// the background after the sign-off has committed; a failed delivery is logged.
pub fn announce_sign_off(
    state: &AppState,
    article: &crate::view::ArticleView,
    publisher: &crate::service::report::Publisher,
) {
    let Some(hook) = state.settings.webhook.clone() else {
        return;
    };
    let mut payload = crate::service::report::sign_off_announcement(article, publisher);
    let id = article.id;
    let db = state.db.clone();
    actix_web::rt::spawn(async move {
        // The chain head as signed now, so the newsroom holds proof of the trail at sign-off.
        let checkpoint = web::block(move || db.read(crate::service::audit::checkpoint_head))
            .await
            .ok()
            .and_then(Result::ok)
            .flatten();
        payload["checkpoint"] = serde_json::json!(checkpoint);
        match crate::webhook::deliver(&hook, &payload).await {
            Ok(()) => tracing::info!(article = %id, "sign-off webhook delivered"),
            Err(e) => tracing::error!(article = %id, error = %e, "sign-off webhook failed"),
        }
    });
}
