//! The notifications page: mentions, assignments and rejections for the person logged in.

use super::{page, see_other, FormFields, PageError, PageUser};
use crate::service::notification;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notifications", web::get().to(notifications_page))
        .route("/notifications/read", web::post().to(mark_all_read));
}

async fn notifications_page(
    state: web::Data<AppState>,
    user: PageUser,
) -> Result<HttpResponse, PageError> {
    let actor = user.0.actor();
    let (list, unread) = state
        .read(move |conn| notification::list(conn, &actor, 200))
        .await?;
    let mut ctx = user.context();
    ctx.insert("notifications", &list);
    ctx.insert("unread", &unread);
    page(StatusCode::OK, "notifications.html", &ctx)
}

async fn mark_all_read(
    state: web::Data<AppState>,
    user: PageUser,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    FormFields::parse(&body).check_csrf(&user.0)?;
    let actor = user.0.actor();
    state
        .write(move |conn| notification::mark_read(conn, &actor, None))
        .await?;
    Ok(see_other("/notifications"))
}
