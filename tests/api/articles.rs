use crate::helpers::{spawn_app, FRENCH_STORY};
use serde_json::{json, Value};

#[tokio::test]
async fn editor_loads_an_article_and_gets_statements_with_exact_spans() {
    let app = spawn_app().await;
    let (_editor, _reviewer, article) = app.desk_with_article().await;
    assert_eq!(
        article["body"], FRENCH_STORY,
        "the body is stored byte-exact"
    );
    assert_eq!(article["language"], "fr");
    assert_eq!(article["status"], "open");
    let statements = article["statements"].as_array().unwrap();
    assert!(statements.len() >= 3, "{statements:?}");
    let body = FRENCH_STORY.as_bytes();
    for s in statements {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(std::str::from_utf8(&body[start..end]).unwrap(), s["text"]);
        for field in [
            "id", "kind", "values", "score", "rule", "verdict", "note", "sources", "version",
        ] {
            assert!(s.get(field).is_some(), "statement lacks {field}");
        }
        assert_eq!(s["verdict"], "unreviewed");
    }
    assert_eq!(article["counts"]["unreviewed"], statements.len());
}

#[tokio::test]
async fn weekdays_are_read_against_the_publication_date() {
    let app = spawn_app().await;
    // Published Monday 9 December 2024: "dimanche" is Sunday the 8th.
    let (_editor, _reviewer, article) = app.desk_with_article().await;
    let arrival = crate::helpers::statement_containing(&article, "sont arrivés dimanche");
    assert_eq!(
        arrival["values"],
        json!([{"type": "date", "date": "2024-12-08"}]),
        "{arrival}"
    );
}

#[tokio::test]
async fn the_publication_date_comes_from_a_dateline_only_when_it_gives_the_day() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let dated = editor
        .load_article(&json!({"title": "Daté", "body": "PARIS, 9 décembre 2024 (AFP)\n\nLe chômage a baissé de 2 % en novembre."}))
        .await;
    assert_eq!(dated["published_at"], "2024-12-09", "{dated}");
    let month_only = editor
        .load_article(&json!({"title": "Mois", "body": "date 2024-12\n\nLe chômage a baissé de 2 % le 27 novembre."}))
        .await;
    assert_eq!(month_only["published_at"], json!(null), "{month_only}");
    // The month still dates the statements.
    let drop = crate::helpers::statement_containing(&month_only, "27 novembre");
    assert!(drop["values"].to_string().contains("2024-11-27"), "{drop}");
}

#[tokio::test]
async fn loaded_article_is_listed_and_shown() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    let list = reviewer.get_json("/api/v1/articles").await;
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["outlet"], "Agence test");
    assert!(list[0].get("body").is_none(), "listings leave the body out");
    let shown = editor.get_json(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(shown["statements"], article["statements"]);
}

#[tokio::test]
async fn language_is_detected_and_can_be_overridden() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let english =
        "The government said on Monday that unemployment fell to 4.1 percent in October, \
                   the lowest level in three years, according to official figures.";
    let detected = editor
        .load_article(&json!({"title": "Jobs", "body": english}))
        .await;
    assert_eq!(detected["language"], "en");
    let forced = editor
        .load_article(&json!({"title": "Jobs", "body": english, "language": "fr"}))
        .await;
    assert_eq!(forced["language"], "fr");
}

#[tokio::test]
async fn reviewer_cannot_load_or_delete_articles() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let r = reviewer
        .post(
            "/api/v1/articles",
            &json!({"title": "x", "body": "Un texte quelconque ici."}),
        )
        .await;
    assert_eq!(r.status(), 403);
    let id = article["id"].as_str().unwrap();
    assert_eq!(
        reviewer
            .delete(&format!("/api/v1/articles/{id}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        reviewer
            .get(&format!("/api/v1/articles/{id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        reviewer
            .get_json("/api/v1/articles")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn bad_article_input_gets_a_clear_4xx_and_stores_nothing() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    // 400 when the body cannot be read as the documented shape, 422 when a value breaks a rule.
    let cases = [
        (json!({"title": "empty", "body": "   "}), 422),
        (json!({"title": "no body"}), 400),
        (json!({"body": "Un texte.", "language": "de"}), 422),
        (
            json!({"body": "Un texte.", "url": "javascript:alert(1)"}),
            422,
        ),
        (json!({"body": "Un texte.", "published_at": "hier"}), 422),
        (json!({"body": 42}), 400),
        (json!(["Un texte."]), 400),
    ];
    for (body, status) in cases {
        let r = editor.post("/api/v1/articles", &body).await;
        assert_eq!(r.status(), status, "{body}");
        let err: Value = r.json().await.unwrap();
        let code = if status == 400 {
            "validation"
        } else {
            "unprocessable"
        };
        assert_eq!(err["error"]["code"], code, "{body}");
    }
    let raw = editor
        .client
        .post(editor.url("/api/v1/articles"))
        .header("X-CSRF-Token", &editor.csrf)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    assert_eq!(
        editor
            .get_json("/api/v1/articles")
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn unknown_ids_and_routes_get_json_404s() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    for path in [
        "/api/v1/articles/00000000-0000-0000-0000-000000000000".to_string(),
        "/api/v1/articles/not-a-uuid".to_string(),
        "/api/v1/statements/00000000-0000-0000-0000-000000000000".to_string(),
        "/api/v1/nothing-here".to_string(),
    ] {
        let r = editor.get(&path).await;
        assert_eq!(r.status(), 404, "{path}");
        let err: Value = r.json().await.unwrap();
        assert_eq!(err["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn editor_marks_a_statement_from_a_span() {
    let app = spawn_app().await;
    let (editor, _reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    let needle = "61 ans de règne";
    let start = FRENCH_STORY.find(needle).unwrap();
    let r = editor
        .post(
            &format!("/api/v1/articles/{id}/statements"),
            &json!({"start": start, "end": start + needle.len(), "note": "durée du régime"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let s: Value = r.json().await.unwrap();
    assert_eq!(s["text"], needle);
    assert_eq!(s["origin"], "manual");
    assert_eq!(s["note"], "durée du régime");
    let shown = editor.get_json(&format!("/api/v1/articles/{id}")).await;
    assert!(shown["statements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == s["id"]));
}

#[tokio::test]
async fn spans_outside_the_text_or_inside_a_character_are_refused() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    let before = article["statements"].as_array().unwrap().len();
    let e_acute = FRENCH_STORY.find('é').unwrap();
    let len = FRENCH_STORY.len() as i64;
    let e = e_acute as i64;
    for (start, end) in [(10i64, 5i64), (0, len + 1), (e + 1, e + 8), (-1, 4)] {
        let r = editor
            .post(
                &format!("/api/v1/articles/{id}/statements"),
                &json!({"start": start, "end": end}),
            )
            .await;
        assert_eq!(r.status(), 422, "[{start}, {end})");
    }
    let r = reviewer
        .post(
            &format!("/api/v1/articles/{id}/statements"),
            &json!({"start": 0, "end": 5}),
        )
        .await;
    assert_eq!(r.status(), 403);
    let shown = editor.get_json(&format!("/api/v1/articles/{id}")).await;
    assert_eq!(shown["statements"].as_array().unwrap().len(), before);
}

#[tokio::test]
async fn editor_edits_and_deletes_a_statement_and_its_history_remains() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let s = &article["statements"][0];
    let sid = s["id"].as_str().unwrap();
    let r = editor
        .patch(
            &format!("/api/v1/statements/{sid}"),
            &json!({"kind": "attribution", "gloss_en": "a gloss", "version": s["version"]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let edited: Value = r.json().await.unwrap();
    assert_eq!(edited["kind"], "attribution");
    assert_eq!(edited["version"], s["version"].as_i64().unwrap() + 1);

    let bad = editor
        .patch(
            &format!("/api/v1/statements/{sid}"),
            &json!({"kind": "opinion"}),
        )
        .await;
    assert_eq!(bad.status(), 400);
    let forbidden = reviewer
        .patch(
            &format!("/api/v1/statements/{sid}"),
            &json!({"kind": "event"}),
        )
        .await;
    assert_eq!(forbidden.status(), 403);
    assert_eq!(
        reviewer
            .delete(&format!("/api/v1/statements/{sid}"))
            .await
            .status(),
        403
    );

    assert_eq!(
        editor
            .delete(&format!("/api/v1/statements/{sid}"))
            .await
            .status(),
        204
    );
    assert_eq!(
        editor
            .get(&format!("/api/v1/statements/{sid}"))
            .await
            .status(),
        404
    );
    let history = editor
        .get_json(&format!("/api/v1/statements/{sid}/history"))
        .await;
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["statement.create", "statement.update", "statement.delete"]
    );
}

#[tokio::test]
async fn editor_deletes_an_article() {
    let app = spawn_app().await;
    let (editor, _reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    assert_eq!(
        editor
            .delete(&format!("/api/v1/articles/{id}"))
            .await
            .status(),
        204
    );
    assert_eq!(
        editor.get(&format!("/api/v1/articles/{id}")).await.status(),
        404
    );
    assert_eq!(
        editor
            .delete(&format!("/api/v1/articles/{id}"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_spanish_article_is_refused_unless_a_language_is_chosen() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let body =
        "El gobierno anunció que el desempleo bajó al 12 por ciento en marzo, según el INE. \
                Los sindicatos convocaron una huelga para el jueves.";
    let r = editor
        .post("/api/v1/articles", &json!({"body": body}))
        .await;
    assert_eq!(r.status(), 422);
    let err: Value = r.json().await.unwrap();
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Spanish"));
    assert_eq!(editor.get_json("/api/v1/articles").await, json!([]));
    let r = editor
        .post("/api/v1/articles", &json!({"body": body, "language": "fr"}))
        .await;
    assert_eq!(r.status(), 201);
}
