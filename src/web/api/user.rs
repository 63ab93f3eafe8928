//! User management (admins): `GET/POST /users`, `PATCH /users/{id}`.

use super::parse_id;
use crate::domain::{Password, UserId, Username};
use crate::error::AppError;
use crate::service::account::{self, NewUser};
use crate::web::auth::ApiUser;
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/users")
            .route(web::get().to(list_users))
            .route(web::post().to(create_user)),
    )
    .service(web::resource("/users/{id}").route(web::patch().to(update_user)))
    .service(web::resource("/users/{id}/password").route(web::put().to(reset_password)));
}

async fn list_users(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let users = state
        .read(move |conn| account::list_users(conn, &actor))
        .await?;
    Ok(HttpResponse::Ok().json(users))
}

#[derive(Deserialize)]
struct UserForm {
    username: String,
    #[serde(default)]
    display_name: Option<String>,
    role: String,
    password: String,
}

impl TryFrom<UserForm> for NewUser {
    type Error = AppError;
    fn try_from(form: UserForm) -> Result<Self, AppError> {
        let username = Username::parse(&form.username)?;
        Ok(NewUser {
            password: Password::parse(&form.password, &username)?,
            username,
            display_name: form.display_name.unwrap_or_default(),
            role: form.role.parse()?,
        })
    }
}

async fn create_user(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    form: web::Json<UserForm>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let new = NewUser::try_from(form.into_inner())?;
    let created = state
        .write(move |conn| account::create_user(conn, &actor, new))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserPatch {
    disabled: Option<bool>,
}

async fn update_user(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    patch: web::Json<UserPatch>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id: UserId = parse_id(&path, "user")?;
    let Some(disabled) = patch.disabled else {
        return Err(AppError::rule(
            "nothing to change: send {\"disabled\": true|false}",
        ));
    };
    let updated = state
        .write(move |conn| account::set_disabled(conn, &actor, id, disabled))
        .await?;
    Ok(HttpResponse::Ok().json(updated))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordReset {
    password: String,
}

/// Sets a new password for a user (admins); all of that user's sessions end.
async fn reset_password(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    path: web::Path<String>,
    form: web::Json<PasswordReset>,
) -> Result<HttpResponse, AppError> {
    let actor = me.actor();
    let id: UserId = parse_id(&path, "user")?;
    let password = form.into_inner().password;
    state
        .write(move |conn| account::reset_password(conn, &actor, id, &password))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
