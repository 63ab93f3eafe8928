//! User management for admins: list, create, disable and enable.

use super::{page, see_other, FormFields, PageError, PageUser};
use crate::domain::{Password, Username};
use crate::error::AppError;
use crate::service::account::{self, NewUser};
use crate::web::api::parse_id;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/users", web::get().to(users_page))
        .route("/admin/users", web::post().to(create_user))
        .route("/admin/users/{id}/disabled", web::post().to(set_disabled));
}

async fn render_users(
    state: &AppState,
    user: &PageUser,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse, PageError> {
    let actor = user.0.actor();
    let users = state
        .read(move |conn| account::list_users(conn, &actor))
        .await?;
    let mut ctx = user.context();
    ctx.insert("users", &users);
    ctx.insert("error", &error);
    page(status, "users.html", &ctx)
}

async fn users_page(state: web::Data<AppState>, user: PageUser) -> Result<HttpResponse, PageError> {
    render_users(&state, &user, StatusCode::OK, None).await
}

fn new_user_from(form: &FormFields) -> Result<NewUser, AppError> {
    let username = Username::parse(form.get("username").unwrap_or_default())?;
    Ok(NewUser {
        password: Password::parse(form.get("password").unwrap_or_default(), &username)?,
        username,
        display_name: form.get("display_name").unwrap_or_default().to_string(),
        role: form.get("role").unwrap_or_default().parse()?,
    })
}

async fn create_user(
    state: web::Data<AppState>,
    user: PageUser,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let actor = user.0.actor();
    let result = match new_user_from(&form) {
        Ok(new) => {
            state
                .write(move |conn| account::create_user(conn, &actor, new))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other("/admin/users")),
        Err(e @ (AppError::Validation(_) | AppError::Rule(_) | AppError::Conflict(_))) => {
            let status = actix_web::ResponseError::status_code(&e);
            render_users(&state, &user, status, Some(e.public_message())).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn set_disabled(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = FormFields::parse(&body);
    form.check_csrf(&user.0)?;
    let actor = user.0.actor();
    let id = parse_id(&path, "user")?;
    let disabled = form.get("disabled") == Some("true");
    state
        .write(move |conn| account::set_disabled(conn, &actor, id, disabled))
        .await?;
    Ok(see_other("/admin/users"))
}
