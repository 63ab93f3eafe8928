//! The interface in French and English: the browser's Accept-Language, the header's switch,
//! and a user's saved choice, which wins over both.

use crate::helpers::{client, spawn_app, Session};
use serde_json::json;

async fn page_in(session: &Session, path: &str, accept: &str) -> String {
    let r = session
        .client
        .get(session.url(path))
        .header("Accept-Language", accept)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

#[tokio::test]
async fn the_login_page_speaks_the_browsers_language() {
    let app = spawn_app().await;
    let get = |accept: &'static str| {
        let address = app.address.clone();
        async move {
            client()
                .get(format!("{address}/login"))
                .header("Accept-Language", accept)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let fr = get("fr-FR,fr;q=0.9,en;q=0.5").await;
    assert!(fr.contains(r#"<html lang="fr">"#), "{fr}");
    assert!(fr.contains("Se connecter"));
    assert!(fr.contains("Mot de passe"));
    let en = get("en-GB,en;q=0.9").await;
    assert!(en.contains(r#"<html lang="en">"#));
    assert!(en.contains("Log in"));
    let other = get("de-DE").await;
    assert!(
        other.contains(r#"<html lang="en">"#),
        "English when neither fits"
    );
}

#[tokio::test]
async fn a_failed_login_is_explained_in_french_to_a_french_browser() {
    let app = spawn_app().await;
    let r = client()
        .post(format!("{}/login", app.address))
        .header("Accept-Language", "fr")
        .form(&[("username", "admin"), ("password", "faux-mot-de-passe")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.text().await.unwrap().contains("mot de passe incorrect"));
}

#[tokio::test]
async fn the_review_page_is_french_around_the_articles_own_language() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    let html = page_in(&reviewer, &format!("/articles/{id}"), "fr").await;
    assert!(html.contains(r#"<html lang="fr">"#));
    assert!(html.contains("Enregistrer le verdict"));
    assert!(html.contains("non vérifié"), "verdicts in French");
    // The script's messages come with the page.
    assert!(html.contains(r#""js-saved":"Enregistré : %s.""#), "{html}");
    let english = page_in(&reviewer, &format!("/articles/{id}"), "en").await;
    assert!(english.contains("Save verdict"));
    assert!(english.contains(r#"id="article-body" class="article-body" lang="fr""#));
}

#[tokio::test]
async fn a_users_choice_wins_over_the_browsers_language() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer
        .patch("/api/v1/session", &json!({"language": "fr"}))
        .await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["user"]["language"], "fr");
    let html = page_in(&reviewer, &format!("/articles/{id}"), "en-US,en").await;
    assert!(
        html.contains(r#"<html lang="fr">"#),
        "the saved choice wins"
    );
    let me = reviewer.get_json("/api/v1/session").await;
    assert_eq!(me["user"]["language"], "fr");
    for bad in [json!({"language": "de"}), json!({}), json!({"language": 1})] {
        let r = reviewer.patch("/api/v1/session", &bad).await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    let r = reviewer
        .patch("/api/v1/session", &json!({"language": null}))
        .await;
    assert_eq!(r.status(), 200);
    let html = page_in(&reviewer, "/articles", "en-US,en").await;
    assert!(
        html.contains(r#"<html lang="en">"#),
        "null follows the browser again"
    );
}

#[tokio::test]
async fn the_header_switch_saves_the_choice_and_returns_to_the_page() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    let r = reviewer
        .client
        .post(reviewer.url("/language"))
        .header("Referer", reviewer.url("/queue?kind=date"))
        .form(&[("language", "fr"), ("csrf_token", reviewer.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/queue?kind=date");
    let html = page_in(&reviewer, "/queue", "en").await;
    assert!(html.contains("Ma file"), "French, saved on the account");
    // Without the CSRF token, a logged-in user's choice is not changed.
    let r = reviewer
        .client
        .post(reviewer.url("/language"))
        .form(&[("language", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn mentions_and_assignments_reach_the_notifications_page() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap();
    let r = editor
        .post(
            &format!("/api/v1/statements/{sid}/assignment"),
            &json!({"reviewer": "remi"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = editor
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "@remi peux-tu regarder ?"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let html = page_in(&reviewer, "/notifications", "fr").await;
    assert!(html.contains("vous a mentionné"), "{html}");
    assert!(html.contains("vous a confié du travail"));
    let r = reviewer
        .client
        .post(reviewer.url("/notifications/read"))
        .form(&[("csrf_token", reviewer.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = reviewer.get("/api/v1/notifications").await;
    assert_eq!(r.headers()["x-unread"], "0");
}
