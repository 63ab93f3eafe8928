use crate::helpers::{client, spawn_app, start_on};
use serde_json::{json, Value};

#[tokio::test]
async fn healthz_answers_without_login() {
    let app = spawn_app().await;
    let r = client()
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    let expected = if app.db.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(body["database"], expected);
}

#[tokio::test]
async fn anonymous_api_call_gets_a_json_401() {
    let app = spawn_app().await;
    let r = client()
        .get(format!("{}/api/v1/articles", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[tokio::test]
async fn anonymous_page_visit_is_sent_to_the_login_page() {
    let app = spawn_app().await;
    let r = client()
        .get(format!("{}/articles", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login?next=%2Farticles");
}

#[tokio::test]
async fn wrong_password_is_refused_with_401() {
    let app = spawn_app().await;
    for (user, pass) in [("admin", "not-the-password"), ("nobody", "whatever-pass")] {
        let r = client()
            .post(format!("{}/api/v1/session", app.address))
            .json(&json!({"username": user, "password": pass}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["message"], "wrong username or password");
    }
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    let r = client()
        .post(format!("{}/api/v1/session", app.address))
        .json(&json!({"username": "admin", "password": app.admin_password}))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("claimdesk_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let body: Value = r.json().await.unwrap();
    assert!(
        body["user"].get("password_hash").is_none(),
        "the hash never leaves the server"
    );
}

#[tokio::test]
async fn cookie_write_without_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let r = editor
        .client
        .post(editor.url("/api/v1/articles"))
        .json(&json!({"title": "t", "body": "Le texte de l'article est ici."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let wrong = editor
        .client
        .post(editor.url("/api/v1/articles"))
        .header("X-CSRF-Token", "0".repeat(64))
        .json(&json!({"title": "t", "body": "Le texte de l'article est ici."}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    let list = editor.get_json("/api/v1/articles").await;
    assert_eq!(list.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn bearer_token_writes_need_no_csrf_token() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/articles", app.address))
        .bearer_auth(&editor.token)
        .json(&json!({"title": "t", "body": "Le gouvernement a annoncé 300 millions d'euros d'aide."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    assert_eq!(admin.delete("/api/v1/session").await.status(), 204);
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/articles", app.address))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn logging_in_again_rotates_the_session_token() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let old_token = admin.token.clone();
    let r = admin
        .client
        .post(admin.url("/api/v1/session"))
        .json(&json!({"username": "admin", "password": app.admin_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_ne!(body["token"], old_token.as_str());
    let stale = reqwest::Client::new()
        .get(format!("{}/api/v1/session", app.address))
        .bearer_auth(&old_token)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 401, "the previous session is gone");
}

#[tokio::test]
async fn reviewer_cannot_manage_users() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    assert_eq!(reviewer.get("/api/v1/users").await.status(), 403);
    let r = reviewer
        .post(
            "/api/v1/users",
            &json!({"username": "mallory", "role": "admin", "password": "0123456789abc"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    let admin = app.admin().await;
    let users = admin.get_json("/api/v1/users").await;
    assert!(users
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["username"] != "mallory"));
}

#[tokio::test]
async fn editor_cannot_manage_users_either() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    assert_eq!(editor.get("/api/v1/users").await.status(), 403);
}

#[tokio::test]
async fn invalid_new_users_are_refused_with_4xx_and_a_reason() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let cases = [
        (
            json!({"username": "ok", "role": "boss", "password": "0123456789abc"}),
            422,
        ),
        (
            json!({"username": "a b", "role": "editor", "password": "0123456789abc"}),
            422,
        ),
        (
            json!({"username": "short", "role": "editor", "password": "short"}),
            422,
        ),
        (
            json!({"username": "admin", "role": "editor", "password": "0123456789abc"}),
            409,
        ),
        (json!({"username": "x"}), 400),
    ];
    for (body, status) in cases {
        let r = admin.post("/api/v1/users", &body).await;
        assert_eq!(r.status(), status, "{body}");
        let err: Value = r.json().await.unwrap();
        assert!(err["error"]["message"].as_str().is_some());
    }
}

#[tokio::test]
async fn disabled_user_is_logged_out_and_cannot_log_in() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    let admin = app.admin().await;
    let id = reviewer.user["id"].as_str().unwrap();
    let r = admin
        .patch(&format!("/api/v1/users/{id}"), &json!({"disabled": true}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(reviewer.get("/api/v1/articles").await.status(), 401);
    let again = client()
        .post(format!("{}/api/v1/session", app.address))
        .json(&json!({"username": "remi", "password": "remi-secret-pass"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 401);
}

#[tokio::test]
async fn a_second_instance_honours_sessions_of_the_first() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (second, created_admin) = start_on(&app.db).await;
    assert!(created_admin.is_none(), "the admin exists already");
    let r = reqwest::Client::new()
        .get(format!("{second}/api/v1/session"))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["user"]["username"], "admin");
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_that_name_for_a_while() {
    let app = spawn_app().await;
    let _reviewer = app.reviewer().await;
    let attempt = |user: &'static str, pass: String| {
        let address = app.address.clone();
        async move {
            client()
                .post(format!("{address}/api/v1/session"))
                .json(&json!({"username": user, "password": pass}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for i in 0..10 {
        assert_eq!(attempt("admin", format!("guess-{i}-password")).await, 401);
    }
    assert_eq!(
        attempt("admin", app.admin_password.clone()).await,
        429,
        "even the right password waits"
    );
    assert_eq!(
        attempt("remi", "remi-secret-pass".into()).await,
        200,
        "other names are not affected"
    );
    let page = client()
        .post(format!("{}/login", app.address))
        .form(&[
            ("username", "admin"),
            ("password", app.admin_password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 429);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("Too many failed attempts"));
}
