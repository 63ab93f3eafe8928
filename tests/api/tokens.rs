use crate::helpers::spawn_app;
use serde_json::{json, Value};

#[tokio::test]
async fn an_api_token_acts_with_its_owners_role_until_revoked() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let r = editor
        .post("/api/v1/tokens", &json!({"name": "CMS integration"}))
        .await;
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let token = created["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("cd_") && token.len() == 67, "{token}");
    let bare = reqwest::Client::new();
    let load = bare
        .post(format!("{}/api/v1/articles", app.address))
        .bearer_auth(&token)
        .json(&json!({"title": "t", "body": "Le déficit public a atteint 5,5 % du PIB en 2023, selon l'Insee."}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        load.status(),
        201,
        "an editor's token loads articles, no CSRF header needed"
    );
    let listed = editor.get_json("/api/v1/tokens").await;
    assert_eq!(listed[0]["name"], "CMS integration");
    assert!(listed[0].get("token").is_none() && listed[0].get("token_hash").is_none());
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        editor
            .delete(&format!("/api/v1/tokens/{id}"))
            .await
            .status(),
        204
    );
    let after = bare
        .get(format!("{}/api/v1/articles", app.address))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
}

#[tokio::test]
async fn a_reviewers_token_cannot_do_what_a_reviewer_cannot() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    let created: Value = reviewer
        .post("/api/v1/tokens", &json!({"name": "script"}))
        .await
        .json()
        .await
        .unwrap();
    let token = created["token"].as_str().unwrap();
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/articles", app.address))
        .bearer_auth(token)
        .json(&json!({"title": "t", "body": "Un texte quelconque pour l'essai."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let editor = app.editor().await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        editor
            .delete(&format!("/api/v1/tokens/{id}"))
            .await
            .status(),
        403,
        "not the owner"
    );
    assert_eq!(
        reviewer
            .post("/api/v1/tokens", &json!({"name": " "}))
            .await
            .status(),
        422
    );
    let forged = reqwest::Client::new()
        .get(format!("{}/api/v1/articles", app.address))
        .bearer_auth(format!("cd_{}", "0".repeat(64)))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
}

#[tokio::test]
async fn the_tokens_page_creates_a_token_shown_once_and_revokes_it() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let r = editor
        .post_form(
            "/tokens",
            &[
                ("csrf_token", editor.csrf.as_str()),
                ("name", "Newsroom CMS"),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let html = r.text().await.unwrap();
    let at = html.find("cd_").expect("the secret is shown");
    let secret = &html[at..at + 67];
    let ok = reqwest::Client::new()
        .get(format!("{}/api/v1/articles", app.address))
        .bearer_auth(secret)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let again = editor.get("/tokens").await.text().await.unwrap();
    assert!(
        again.contains("Newsroom CMS") && !again.contains(secret),
        "never shown again"
    );
    let list = editor.get_json("/api/v1/tokens").await;
    let id = list[0]["id"].as_str().unwrap();
    let r = editor
        .post_form(
            &format!("/tokens/{id}/revoke"),
            &[("csrf_token", editor.csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let revoked = reqwest::Client::new()
        .get(format!("{}/api/v1/articles", app.address))
        .bearer_auth(secret)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 401);
    let no_csrf = editor.post_form("/tokens", &[("name", "x")]).await;
    assert_eq!(no_csrf.status(), 403);
}
