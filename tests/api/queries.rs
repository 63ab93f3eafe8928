//! How many database queries a request costs, read from the server's own counter (`/metrics`).
//! Before the architecture rework an article page cost 10 queries and a verdict form post 26
//! (the seed article, 24 statements); these bounds keep them at half that or less.

use crate::helpers::{client, spawn_app, TestApp};

/// The server's count of queries started so far.
async fn queries_so_far(app: &TestApp) -> u64 {
    let text = client()
        .get(format!("{}/metrics", app.address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics body");
    text.lines()
        .find_map(|l| l.strip_prefix("claimdesk_db_queries_total "))
        .and_then(|n| n.trim().parse().ok())
        .expect("claimdesk_db_queries_total in /metrics")
}

#[tokio::test]
async fn an_article_page_and_a_verdict_form_cost_a_handful_of_queries() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().expect("id");
    // A first verdict with a source, so the page also shows a reviewer's name and a source.
    let first = &article["statements"][0];
    let r = editor
        .post(
            &format!("/api/v1/statements/{}/verdict", first["id"].as_str().unwrap()),
            &serde_json::json!({"verdict": "verified", "sources": [{"url": "https://example.org/a"}]}),
        )
        .await;
    assert_eq!(r.status(), 200);

    let before = queries_so_far(&app).await;
    let page = reviewer.get(&format!("/articles/{aid}")).await;
    assert_eq!(page.status(), 200);
    let after_page = queries_so_far(&app).await;

    let s = &article["statements"][3];
    let sid = s["id"].as_str().expect("id");
    let version = s["version"].to_string();
    let posted = reviewer
        .post_form(
            &format!("/statements/{sid}/verdict"),
            &[
                ("csrf_token", reviewer.csrf.as_str()),
                ("verdict", "disputed"),
                ("note", "Contredit par deux sources."),
                ("version", version.as_str()),
                ("source_url", "https://example.org/b"),
                ("source_title", ""),
                ("source_excerpt", ""),
            ],
        )
        .await;
    assert_eq!(posted.status(), 303);
    let after_form = queries_so_far(&app).await;

    let page_queries = after_page - before;
    let form_queries = after_form - after_page;
    // One query per table: session, article, statements with sources, names, settings, the
    // statements' matches (none here), the fact base.
    assert!(
        page_queries <= 7,
        "the article page took {page_queries} queries (was 10)"
    );
    assert!(
        form_queries <= 13,
        "the verdict form post took {form_queries} queries (was 26)"
    );
    let stored = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(stored["verdict"], "disputed");
    assert_eq!(stored["sources"][0]["url"], "https://example.org/b");
}

#[tokio::test]
async fn metrics_count_requests_per_route_and_answers_carry_a_request_id() {
    let app = spawn_app().await;
    let (editor, _reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    for _ in 0..2 {
        editor.get_json(&format!("/api/v1/articles/{id}")).await;
    }
    let r = editor
        .client
        .get(editor.url("/api/v1/articles"))
        .header("X-Request-Id", "desk-42.retry_1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "desk-42.retry_1");
    let r = editor
        .client
        .get(editor.url("/api/v1/articles"))
        .header("X-Request-Id", "not ok; <script>")
        .send()
        .await
        .unwrap();
    let made = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(
        made.len(),
        32,
        "a fresh id replaces a malformed one: {made}"
    );
    let text = reqwest::get(format!("{}/metrics", app.address))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains(
            "claimdesk_http_requests_total{method=\"GET\",route=\"/api/v1/articles/{id}\",status=\"200\"} 2"
        ),
        "{text}"
    );
    assert!(text.contains(
        "claimdesk_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/articles/{id}\"} 2"
    ));
    assert!(!text.contains(id), "ids stay out of the metrics");
    let head = text
        .lines()
        .find_map(|l| l.strip_prefix("claimdesk_audit_head_seq "))
        .expect("the audit head gauge");
    assert!(head.parse::<i64>().unwrap() > 10);
}
