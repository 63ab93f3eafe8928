//! Limits with clear answers, and long articles that neither stall other writers nor come back
//! in one piece when a page is asked for.

use crate::helpers::{spawn_app, spawn_app_with};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// `n` short sentences, each a statement with a figure.
fn dense_article(n: usize) -> String {
    (0..n)
        .map(|i| format!("Le stock {i} a augmenté de {} %.", i % 90 + 2))
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn an_article_with_more_statements_than_the_limit_is_refused_with_413() {
    let app = spawn_app_with(|s| s.limits.max_statements = 50).await;
    let editor = app.editor().await;
    let r = editor
        .post("/api/v1/articles", &json!({"body": dense_article(80)}))
        .await;
    assert_eq!(r.status(), 413);
    let body: Value = r.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("limit is 50"), "{message}");
    assert_eq!(editor.get_json("/api/v1/articles").await, json!([]));
    let r = editor
        .post("/api/v1/articles", &json!({"body": dense_article(40)}))
        .await;
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn a_body_over_five_megabytes_is_refused_with_413_naming_the_limit() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let body = "Le chômage a baissé de 2 %. ".repeat(200_000);
    let r = editor
        .post("/api/v1/articles", &json!({"body": body}))
        .await;
    assert_eq!(r.status(), 413);
    let answer: Value = r.json().await.unwrap();
    assert!(answer["error"]["message"]
        .as_str()
        .unwrap()
        .contains("5 MB"));
}

#[tokio::test]
async fn another_writer_gets_through_while_a_huge_article_is_extracted() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap().to_string();
    // Nearly 5 MB of dense statements: far over the limit, refused after extraction.
    let huge = dense_article(140_000);
    assert!(huge.len() < 5 * 1024 * 1024);
    let started = Instant::now();
    let big = tokio::spawn(async move {
        let r = editor
            .post("/api/v1/articles", &json!({"body": huge}))
            .await;
        (r.status().as_u16(), started.elapsed())
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let before = Instant::now();
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "Je regarde la source."}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let waited = before.elapsed();
    let (status, took) = big.await.unwrap();
    assert_eq!(status, 413);
    assert!(
        waited < Duration::from_secs(2),
        "the comment waited {waited:?}"
    );
    assert!(took < Duration::from_secs(30), "answered in {took:?}");
}

#[tokio::test]
async fn a_long_articles_statements_come_a_page_at_a_time() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let article = editor
        .load_article(&json!({"body": dense_article(25)}))
        .await;
    let id = article["id"].as_str().unwrap();
    let all: Vec<String> = article["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(all.len() >= 25);
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let path = match &after {
            None => format!("/api/v1/articles/{id}?limit=10"),
            Some(a) => format!("/api/v1/articles/{id}?limit=10&after={a}"),
        };
        let page = editor.get_json(&path).await;
        assert_eq!(page["statements_total"], all.len());
        let ids: Vec<String> = page["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect();
        assert!(ids.len() <= 10);
        seen.extend(ids);
        match page["next_after"].as_str() {
            Some(next) => after = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, all, "every statement once, in reading order");
    for bad in ["limit=0", "limit=5001", "after=nope"] {
        let r = editor.get(&format!("/api/v1/articles/{id}?{bad}")).await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    let stranger = "00000000-0000-4000-8000-000000000000";
    let r = editor
        .get(&format!("/api/v1/articles/{id}?after={stranger}"))
        .await;
    assert_eq!(r.status(), 422);
}
