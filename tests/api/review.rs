use crate::helpers::{spawn_app, statement_containing};
use serde_json::{json, Value};

#[tokio::test]
async fn reviewer_records_the_three_verdicts_with_notes_and_sources() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let marks = [
        (
            "Moscou",
            "verified",
            "Confirmé par TASS.",
            "https://tass.ru/politika/1",
        ),
        (
            "24 ans",
            "disputed",
            "Au pouvoir depuis 2000 : 24 ans, mais…",
            "https://fr.wikipedia.org/wiki/Bachar_al-Assad",
        ),
        ("Sky News", "needs_source", "", "https://news.sky.com/"),
    ];
    for (needle, verdict, note, url) in marks {
        let s = statement_containing(&article, needle);
        let r = reviewer
            .post(
                &format!("/api/v1/statements/{}/verdict", s["id"].as_str().unwrap()),
                &json!({"verdict": verdict, "note": note, "version": s["version"],
                        "sources": [{"url": url, "title": "Source", "excerpt": "extrait"}]}),
            )
            .await;
        assert_eq!(r.status(), 200, "{needle}");
        let updated: Value = r.json().await.unwrap();
        assert_eq!(updated["verdict"], verdict);
        assert_eq!(updated["note"], note);
        assert_eq!(updated["sources"][0]["url"], url);
        assert_eq!(updated["reviewed_by"], "remi (test)");
        assert_eq!(updated["version"], s["version"].as_i64().unwrap() + 1);
    }
    let id = article["id"].as_str().unwrap();
    let shown = editor.get_json(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(shown["status"], "in_review");
    assert_eq!(shown["counts"]["verified"], 1);
    assert_eq!(shown["counts"]["disputed"], 1);
    assert_eq!(shown["counts"]["needs_source"], 1);
}

#[tokio::test]
async fn a_write_naming_a_stale_version_gets_409_and_changes_nothing() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let s = &article["statements"][0];
    let sid = s["id"].as_str().unwrap();
    let first = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "verified", "version": s["version"]}),
        )
        .await;
    assert_eq!(first.status(), 200);
    let second = editor
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "disputed", "version": s["version"]}),
        )
        .await;
    assert_eq!(second.status(), 409);
    let err: Value = second.json().await.unwrap();
    assert_eq!(err["error"]["code"], "conflict");
    let edit = editor
        .patch(
            &format!("/api/v1/statements/{sid}"),
            &json!({"kind": "date", "version": s["version"]}),
        )
        .await;
    assert_eq!(edit.status(), 409);
    let now = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(now["verdict"], "verified");
    assert_eq!(now["kind"], s["kind"]);
}

#[tokio::test]
async fn bad_verdicts_are_refused_with_4xx_and_change_nothing() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap();
    let cases = [
        (json!({"verdict": "true"}), 400),
        (json!({"verdict": "unreviewed"}), 422),
        (
            json!({"verdict": "verified", "sources": [{"url": "not a url"}]}),
            422,
        ),
        (
            json!({"verdict": "verified", "sources": [{"url": "ftp://x.org/a"}]}),
            422,
        ),
        (json!({"verdict": "verified", "sources": [{}]}), 400),
        (
            json!({"verdict": "verified", "note": "x".repeat(20_001)}),
            422,
        ),
        // Schema-valid (a verdict may come from `reuse` instead), but neither is given.
        (json!({"note": "no verdict"}), 422),
    ];
    for (body, status) in cases {
        let r = reviewer
            .post(&format!("/api/v1/statements/{sid}/verdict"), &body)
            .await;
        assert_eq!(r.status(), status, "{body}");
    }
    let now = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(now["verdict"], "unreviewed");
    assert_eq!(now["sources"], json!([]));
}

#[tokio::test]
async fn verdict_history_is_kept_oldest_first_with_before_and_after() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap();
    for verdict in ["needs_source", "verified"] {
        let r = reviewer
            .post(
                &format!("/api/v1/statements/{sid}/verdict"),
                &json!({"verdict": verdict}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let history = reviewer
        .get_json(&format!("/api/v1/statements/{sid}/history"))
        .await;
    let events = history.as_array().unwrap();
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["statement.create", "verdict.record", "verdict.change"]
    );
    assert!(events
        .windows(2)
        .all(|w| w[0]["seq"].as_i64() < w[1]["seq"].as_i64()));
    let last = &events[2];
    assert_eq!(last["actor_name"], "remi");
    let before: Value = serde_json::from_str(last["before_json"].as_str().unwrap()).unwrap();
    let after: Value = serde_json::from_str(last["after_json"].as_str().unwrap()).unwrap();
    assert_eq!(before["verdict"], "needs_source");
    assert_eq!(after["verdict"], "verified");
    assert_eq!(last["prev_hash"].as_str().unwrap().len(), 64);
}

#[tokio::test]
async fn sources_are_kept_when_a_verdict_omits_them_and_replaced_when_given() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap();
    let path = format!("/api/v1/statements/{sid}/verdict");
    reviewer.post(&path, &json!({"verdict": "verified", "sources": [{"url": "https://a.example/1"}, {"url": "https://b.example/2"}]})).await;
    let kept: Value = reviewer
        .post(&path, &json!({"verdict": "disputed"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kept["sources"].as_array().unwrap().len(), 2);
    assert_eq!(kept["sources"][1]["url"], "https://b.example/2");
    let replaced: Value = reviewer
        .post(&path, &json!({"verdict": "disputed", "sources": []}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(replaced["sources"], json!([]));
}
