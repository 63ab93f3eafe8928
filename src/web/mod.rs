//! HTTP: the JSON API under `/api/v1` and the HTML pages reviewers use. One module per resource,
//! each exposing `configure`.

pub mod api;
pub mod auth;
pub mod page;
pub mod template;

use crate::config::Settings;
use crate::error::AppError;
use crate::storage::{Database, DbConnection};
use actix_web::web;

/// What every handler can reach.
pub struct AppState {
    pub db: Database,
    pub settings: Settings,
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

    /// Runs database work that writes off the async executor, on the writer connection.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let db = self.db.clone();
        web::block(move || db.write(work)).await?
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
    article: &crate::service::view::ArticleView,
    publisher: &crate::service::report::Publisher,
) {
    let Some(hook) = state.settings.webhook.clone() else {
        return;
    };
    let report = format!(
        "{}/api/v1/articles/{}/report",
        publisher.base_url, article.id
    );
    let payload = serde_json::json!({
        "event": "article.signed_off",
        "newsroom": publisher.newsroom,
        "article": {
            "id": article.id, "title": article.title, "url": article.url, "outlet": article.outlet,
            "language": article.language, "published_at": article.published_at,
            "signed_off_by": article.signed_off_by, "signed_off_at": article.signed_off_at,
            "counts": article.counts,
        },
        "report_url": format!("{report}?format=html"),
        "claimreview_url": format!("{report}?format=claimreview"),
    });
    let id = article.id.clone();
    actix_web::rt::spawn(async move {
        match crate::webhook::deliver(&hook, &payload).await {
            Ok(()) => tracing::info!(article = %id, "sign-off webhook delivered"),
            Err(e) => tracing::error!(article = %id, error = %e, "sign-off webhook failed"),
        }
    });
}
