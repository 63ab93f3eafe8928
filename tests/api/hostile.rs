//! More of the attack suite: role and ownership boundaries, hostile input shapes, and what a
//! page shows of hostile text. Each test is one attack that must be refused (both backends).

use crate::helpers::{client, spawn_app, statement_containing, Session, TestApp};
use serde_json::{json, Value};

async fn status_of(r: reqwest::Response) -> u16 {
    r.status().as_u16()
}

async fn error_code(r: reqwest::Response) -> (u16, String) {
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    (status, body["error"]["code"].as_str().unwrap_or("").into())
}

/// Posts a raw body to `/api/v1/articles` with the session's CSRF token.
async fn post_raw_article(session: &Session, content_type: &str, body: Vec<u8>) -> u16 {
    session
        .client
        .post(session.url("/api/v1/articles"))
        .header("X-CSRF-Token", &session.csrf)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// A desk with an article and its first statement id.
async fn desk(app: &TestApp) -> (Session, Session, Value, String) {
    let (editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap().to_string();
    (editor, reviewer, article, sid)
}

#[tokio::test]
async fn a_reviewer_cannot_delete_an_article() {
    let app = spawn_app().await;
    let (editor, reviewer, article, _) = desk(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer.delete(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(status_of(r).await, 403);
    editor.get_json(&format!("/api/v1/articles/{id}")).await;
}

#[tokio::test]
async fn a_reviewer_cannot_read_the_audit_log() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    assert_eq!(status_of(reviewer.get("/api/v1/audit").await).await, 403);
}

#[tokio::test]
async fn a_reviewer_cannot_sign_off_an_article() {
    let app = spawn_app().await;
    let (editor, reviewer, article, _) = desk(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer
        .post(&format!("/api/v1/articles/{id}/sign-off"), &json!({}))
        .await;
    assert_eq!(status_of(r).await, 403);
    let now = editor.get_json(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(now["status"], "open");
}

#[tokio::test]
async fn a_reviewer_cannot_turn_off_the_two_person_rule() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    let r = reviewer
        .put("/api/v1/settings", &json!({"two_person_rule": false}))
        .await;
    assert_eq!(status_of(r).await, 403);
    let settings = reviewer.get_json("/api/v1/settings").await;
    assert_eq!(settings["two_person_rule"], true);
}

#[tokio::test]
async fn a_reviewer_cannot_move_a_statements_span() {
    let app = spawn_app().await;
    let (_editor, reviewer, _article, sid) = desk(&app).await;
    let before = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    let r = reviewer
        .patch(&format!("/api/v1/statements/{sid}"), &json!({"start": 0}))
        .await;
    assert_eq!(status_of(r).await, 403);
    let after = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(before["start"], after["start"]);
    assert_eq!(before["version"], after["version"]);
}

#[tokio::test]
async fn a_reviewer_cannot_reset_someone_elses_password() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let reviewer = app.reviewer().await;
    let id = editor.user["id"].as_str().unwrap();
    let r = reviewer
        .put(
            &format!("/api/v1/users/{id}/password"),
            &json!({"password": "Taken-over-2026"}),
        )
        .await;
    assert_eq!(status_of(r).await, 403);
    app.login("edith", "edith-secret-pass").await;
}

#[tokio::test]
async fn an_admin_cannot_disable_their_own_account() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let id = admin.user["id"].as_str().unwrap();
    let r = admin
        .patch(&format!("/api/v1/users/{id}"), &json!({"disabled": true}))
        .await;
    assert_eq!(error_code(r).await, (422, "unprocessable".into()));
    app.admin().await;
}

#[tokio::test]
async fn marking_someone_elses_notification_read_changes_nothing() {
    let app = spawn_app().await;
    let (editor, reviewer, _article, sid) = desk(&app).await;
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "@edith une source ?"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let mine = editor.get_json("/api/v1/notifications").await;
    let nid = mine[0]["id"].as_str().unwrap();
    let r = reviewer
        .post("/api/v1/notifications/read", &json!({"ids": [nid]}))
        .await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["marked_read"], 0);
    let still = editor.get_json("/api/v1/notifications").await;
    assert_eq!(still[0]["read"], false);
}

#[tokio::test]
async fn a_csrf_token_of_another_session_is_refused() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let reviewer = app.reviewer().await;
    let r = editor
        .client
        .post(editor.url("/api/v1/articles"))
        .header("X-CSRF-Token", &reviewer.csrf)
        .json(&json!({"body": "Le chômage a baissé de 2 %."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(editor.get_json("/api/v1/articles").await, json!([]));
}

#[tokio::test]
async fn a_session_cookie_chosen_by_an_attacker_is_replaced_at_login() {
    let app = spawn_app().await;
    let planted = "a".repeat(64);
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/session", app.address))
        .header("Cookie", format!("claimdesk_session={planted}"))
        .json(&json!({"username": "admin", "password": app.admin_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.starts_with("claimdesk_session="), "{set}");
    assert!(!set.contains(&planted), "the planted value is not kept");
    let planted_works = reqwest::Client::new()
        .get(format!("{}/api/v1/session", app.address))
        .header("Cookie", format!("claimdesk_session={planted}"))
        .send()
        .await
        .unwrap();
    assert_eq!(planted_works.status(), 401);
}

#[tokio::test]
async fn a_token_that_was_never_issued_is_refused() {
    let app = spawn_app().await;
    for token in ["", "null", "' OR '1'='1", &"f".repeat(4096)] {
        let r = reqwest::Client::new()
            .get(format!("{}/api/v1/articles", app.address))
            .header("Authorization", format!("Bearer {token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{token:.20}");
    }
}

#[tokio::test]
async fn sql_in_a_filter_or_a_login_name_is_only_text() {
    let app = spawn_app().await;
    let (_editor, reviewer, _article, _) = desk(&app).await;
    let r = reviewer
        .get("/api/v1/statements?reviewer=x'%20OR%20'1'='1")
        .await;
    assert_eq!(error_code(r).await, (422, "unprocessable".into()));
    let r = client()
        .post(format!("{}/api/v1/session", app.address))
        .json(&json!({"username": "admin' --", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn a_json_array_body_is_refused_before_any_handler() {
    let app = spawn_app().await;
    let (editor, _reviewer, article, _) = desk(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = editor
        .post(
            &format!("/api/v1/articles/{id}/assignment"),
            &json!(["remi", 1]),
        )
        .await;
    assert_eq!(error_code(r).await, (400, "validation".into()));
    let now = editor.get_json(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(now["assigned_to"], Value::Null);
}

#[tokio::test]
async fn page_sizes_outside_the_documented_range_are_refused_not_clamped() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    for path in [
        "/api/v1/articles?limit=0",
        "/api/v1/articles?limit=1001",
        "/api/v1/statements?limit=-5",
        "/api/v1/audit?since=-1",
        "/api/v1/audit?limit=99999999999999999999999",
    ] {
        assert_eq!(status_of(editor.get(path).await).await, 400, "{path}");
    }
    assert_eq!(
        status_of(editor.get("/api/v1/articles?limit=1000").await).await,
        200
    );
}

#[tokio::test]
async fn deeply_nested_json_is_refused_without_exhausting_the_stack() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let depth = 100_000;
    let body = format!("{{\"body\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(
        post_raw_article(&editor, "application/json", body.into_bytes()).await,
        400
    );
    // The server is still there.
    editor.get_json("/api/v1/articles").await;
}

#[tokio::test]
async fn a_body_that_is_not_utf8_is_refused() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    assert_eq!(
        post_raw_article(
            &editor,
            "application/json",
            b"{\"body\": \"caf\xe9\"}".to_vec()
        )
        .await,
        400
    );
    assert_eq!(editor.get_json("/api/v1/articles").await, json!([]));
}

#[tokio::test]
async fn a_json_endpoint_refuses_another_content_type() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    assert_eq!(
        post_raw_article(
            &editor,
            "text/plain",
            "{\"body\": \"Le chômage a baissé de 2 %.\"}"
                .as_bytes()
                .to_vec()
        )
        .await,
        400
    );
    assert_eq!(editor.get_json("/api/v1/articles").await, json!([]));
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let huge = "x".repeat(13 * 1024 * 1024);
    let r = editor
        .post("/api/v1/articles", &json!({"body": huge}))
        .await;
    assert_eq!(r.status(), 413);
}

#[tokio::test]
async fn path_traversal_in_an_id_finds_nothing() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    for path in [
        "/api/v1/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/articles/%2e%2e",
        "/api/v1/statements/00000000-0000-0000-0000-000000000000%27",
    ] {
        assert_eq!(status_of(editor.get(path).await).await, 404, "{path}");
    }
}

#[tokio::test]
async fn a_method_override_header_does_not_turn_a_read_into_a_delete() {
    let app = spawn_app().await;
    let (editor, _reviewer, article, _) = desk(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = editor
        .client
        .get(editor.url(&format!("/api/v1/articles/{id}")))
        .header("X-HTTP-Method-Override", "DELETE")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    editor.get_json(&format!("/api/v1/articles/{id}")).await;
}

#[tokio::test]
async fn an_undeclared_method_gets_405_naming_the_allowed_ones() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/healthz",
        "/api/v1/openapi.json",
        "/api/v1/articles",
    ] {
        let r = client()
            .request(
                reqwest::Method::from_bytes(b"TRACE").unwrap(),
                format!("{}{path}", app.address),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{path}");
        let allow = r.headers()["allow"].to_str().unwrap().to_string();
        assert!(allow.contains("GET"), "{path}: {allow}");
    }
}

#[tokio::test]
async fn a_look_alike_username_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // "admіn" with a Cyrillic i would impersonate the admin in every list.
    let r = admin
        .post(
            "/api/v1/users",
            &json!({"username": "adm\u{456}n", "role": "editor", "password": "Look-alike-2026"}),
        )
        .await;
    assert_eq!(error_code(r).await, (422, "unprocessable".into()));
}

#[tokio::test]
async fn too_many_sources_or_an_over_long_comment_are_refused() {
    let app = spawn_app().await;
    let (_editor, reviewer, _article, sid) = desk(&app).await;
    let sources: Vec<Value> = (0..51)
        .map(|i| json!({"url": format!("https://example.org/{i}")}))
        .collect();
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "verified", "sources": sources}),
        )
        .await;
    assert_eq!(status_of(r).await, 422);
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "x".repeat(10_001)}),
        )
        .await;
    assert_eq!(status_of(r).await, 422);
    let now = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(now["verdict"], "unreviewed");
    let comments = reviewer
        .get_json(&format!("/api/v1/statements/{sid}/comments"))
        .await;
    assert_eq!(comments, json!([]));
}

#[tokio::test]
async fn script_in_a_title_or_a_note_is_shown_as_text_on_the_pages() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let reviewer = app.reviewer().await;
    let article = editor
        .load_article(&json!({
            "title": "<script>alert('title')</script>",
            "body": "Le chômage a baissé de 2 % en mars, selon l'Insee.",
        }))
        .await;
    let id = article["id"].as_str().unwrap();
    let sid = statement_containing(&article, "2 %")["id"]
        .as_str()
        .unwrap();
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "disputed",
                    "note": "<img src=x onerror=alert(1)> [lien](javascript:alert(2))"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    for path in [format!("/articles/{id}"), format!("/statements/{sid}")] {
        let html = reviewer.get(&path).await.text().await.unwrap();
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(!html.contains("href=\"javascript:"), "{path}");
    }
}

#[tokio::test]
async fn a_verdict_on_a_deleted_articles_statement_finds_nothing() {
    let app = spawn_app().await;
    let (editor, reviewer, article, sid) = desk(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = editor.delete(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(r.status(), 204);
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "verified"}),
        )
        .await;
    assert_eq!(status_of(r).await, 404);
}

#[tokio::test]
async fn an_unknown_report_format_or_language_is_refused() {
    let app = spawn_app().await;
    let (editor, _reviewer, article, _) = desk(&app).await;
    let id = article["id"].as_str().unwrap();
    for query in [
        "format=exe",
        "format=html&lang=xx",
        "format=../../etc/passwd",
    ] {
        let r = editor
            .get(&format!("/api/v1/articles/{id}/report?{query}"))
            .await;
        assert_eq!(status_of(r).await, 400, "{query}");
    }
}
