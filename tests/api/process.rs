use crate::cli::claimdesk;
use crate::helpers::{
    spawn_app, start_on, statement_containing, verify_and_approve_all, Session, TestApp,
};
use serde_json::{json, Value};

async fn verdict(s: &Session, sid: &str, verdict: &str) -> reqwest::Response {
    s.post(
        &format!("/api/v1/statements/{sid}/verdict"),
        &json!({"verdict": verdict}),
    )
    .await
}

async fn approve(s: &Session, sid: &str) -> reqwest::Response {
    s.post(
        &format!("/api/v1/statements/{sid}/approval"),
        &json!({"decision": "approve"}),
    )
    .await
}

fn ids(article: &Value) -> Vec<String> {
    article["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_reviewer_cannot_approve_their_own_verdict() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let sid = &ids(&article)[0];
    let recorded: Value = verdict(&reviewer, sid, "disputed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(recorded["approval"], "pending");
    assert_eq!(recorded["is_final"], false);
    let r = approve(&reviewer, sid).await;
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.unwrap();
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("two-person rule"));
    let now = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(now["approval"], "pending");
}

#[tokio::test]
async fn a_second_reviewer_approves_and_the_verdict_becomes_final() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let second = app.user_with_role("sam", "reviewer").await;
    let sid = &ids(&article)[0];
    verdict(&reviewer, sid, "verified").await;
    let r = approve(&second, sid).await;
    assert_eq!(r.status(), 200);
    let s: Value = r.json().await.unwrap();
    assert_eq!(s["approval"], "approved");
    assert_eq!(s["is_final"], true);
    assert_eq!(s["approved_by"], "sam (test)");
    assert_eq!(
        approve(&second, sid).await.status(),
        409,
        "nothing pending any more"
    );
}

#[tokio::test]
async fn a_rejected_verdict_goes_back_to_the_queue_with_the_reason() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    let r = editor
        .post(
            &format!("/api/v1/articles/{aid}/assignment"),
            &json!({"reviewer": "remi"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let sid = &ids(&article)[0];
    verdict(&reviewer, sid, "verified").await;
    let queue = reviewer.get_json("/api/v1/queue").await;
    assert!(
        queue
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["id"] != sid.as_str()),
        "reviewed, so out of the queue"
    );
    let no_reason = editor
        .post(
            &format!("/api/v1/statements/{sid}/approval"),
            &json!({"decision": "reject"}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let r = editor
        .post(
            &format!("/api/v1/statements/{sid}/approval"),
            &json!({"decision": "reject", "reason": "La source TASS ne suffit pas."}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let queue = reviewer.get_json("/api/v1/queue").await;
    let back = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == sid.as_str())
        .expect("back in the queue");
    assert_eq!(back["approval"], "rejected");
    assert_eq!(back["rejection_reason"], "La source TASS ne suffit pas.");
}

#[tokio::test]
async fn sign_off_is_refused_while_any_statement_is_not_final() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    let all = ids(&article);
    for sid in &all[1..] {
        verdict(&reviewer, sid, "verified").await;
        approve(&editor, sid).await;
    }
    verdict(&reviewer, &all[0], "verified").await;
    let r = editor
        .post(&format!("/api/v1/articles/{aid}/sign-off"), &json!({}))
        .await;
    assert_eq!(r.status(), 409, "one verdict still awaits approval");
    let body: Value = r.json().await.unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("1 of"));
    approve(&editor, &all[0]).await;
    assert_eq!(
        reviewer
            .post(&format!("/api/v1/articles/{aid}/sign-off"), &json!({}))
            .await
            .status(),
        403
    );
    let r = editor
        .post(&format!("/api/v1/articles/{aid}/sign-off"), &json!({}))
        .await;
    assert_eq!(r.status(), 200);
    let signed: Value = r.json().await.unwrap();
    assert_eq!(signed["status"], "signed_off");
    assert_eq!(signed["signed_off_by"], "edith (test)");
}

#[tokio::test]
async fn after_sign_off_a_change_needs_a_reason_and_lands_in_the_corrections_log() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    verify_and_approve_all(&editor, &reviewer, &article).await;
    assert_eq!(
        editor
            .post(&format!("/api/v1/articles/{aid}/sign-off"), &json!({}))
            .await
            .status(),
        200
    );
    let s = statement_containing(&article, "24 ans");
    let sid = s["id"].as_str().unwrap();
    let path = format!("/api/v1/statements/{sid}/verdict");

    let without = editor.post(&path, &json!({"verdict": "disputed"})).await;
    assert_eq!(without.status(), 409);
    let by_reviewer = reviewer
        .post(
            &path,
            &json!({"verdict": "disputed", "correction_reason": "x"}),
        )
        .await;
    assert_eq!(by_reviewer.status(), 403);
    let edit = editor
        .patch(
            &format!("/api/v1/statements/{sid}"),
            &json!({"kind": "date"}),
        )
        .await;
    assert_eq!(edit.status(), 409);
    assert_eq!(
        editor
            .delete(&format!("/api/v1/articles/{aid}"))
            .await
            .status(),
        409
    );
    let unchanged = editor.get_json(&format!("/api/v1/statements/{sid}")).await;
    assert_eq!(unchanged["verdict"], "verified");

    let with = editor
        .post(&path, &json!({"verdict": "disputed", "correction_reason": "Il a pris le pouvoir en 2000 : 24 ans est juste, mais le régime date de 1971."}))
        .await;
    assert_eq!(with.status(), 200);
    let corrected: Value = with.json().await.unwrap();
    assert_eq!(corrected["verdict"], "disputed");
    assert_eq!(corrected["is_final"], true);

    let report = editor
        .get_json(&format!("/api/v1/articles/{aid}/report?format=json"))
        .await;
    assert_eq!(report["article"]["status"], "signed_off");
    let corrections = report["corrections"].as_array().unwrap();
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0]["after_sign_off"], true);
    assert_eq!(corrections[0]["from"], "verified");
    assert_eq!(corrections[0]["to"], "disputed");
    assert!(corrections[0]["note"].as_str().unwrap().contains("1971"));
    let html = editor
        .get(&format!("/api/v1/articles/{aid}/report?format=html"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("rectificatif après validation"),
        "French article, French report"
    );
}

#[tokio::test]
async fn the_queue_lists_assigned_unreviewed_statements_most_check_worthy_first() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    assert_eq!(reviewer.get_json("/api/v1/queue").await, json!([]));
    editor
        .post(
            &format!("/api/v1/articles/{aid}/assignment"),
            &json!({"reviewer": "remi"}),
        )
        .await;
    let all = ids(&article);
    // One statement goes to someone else.
    app.user_with_role("sam", "reviewer").await;
    let r = editor
        .post(
            &format!("/api/v1/statements/{}/assignment", all[0]),
            &json!({"reviewer": "sam"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let queue = reviewer.get_json("/api/v1/queue").await;
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), all.len() - 1);
    assert!(queue.iter().all(|s| s["assigned_to"] == "remi"));
    let scores: Vec<f64> = queue.iter().map(|s| s["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let kind = queue[0]["kind"].as_str().unwrap();
    let by_kind = reviewer
        .get_json(&format!("/api/v1/queue?kind={kind}"))
        .await;
    assert!(by_kind
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["kind"] == kind));
    let sams = editor.get_json("/api/v1/statements?reviewer=sam").await;
    assert_eq!(sams.as_array().unwrap().len(), 1);
    assert_eq!(
        editor
            .get("/api/v1/statements?verdict=maybe")
            .await
            .status(),
        400
    );
    assert_eq!(
        reviewer
            .post(
                &format!("/api/v1/articles/{aid}/assignment"),
                &json!({"reviewer": "remi"})
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        editor
            .post(
                &format!("/api/v1/articles/{aid}/assignment"),
                &json!({"reviewer": "ghost"})
            )
            .await
            .status(),
        422
    );
}

#[tokio::test]
async fn reviewers_discuss_a_statement_with_mentions() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let sid = &ids(&article)[0];
    let unknown = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "@edith tu as une source ? cc @nobody"}),
        )
        .await;
    assert_eq!(
        unknown.status(),
        422,
        "a mention of an unknown user is refused"
    );
    let body: Value = unknown.json().await.unwrap();
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("@nobody"));
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "@edith tu as une source ?"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let c: Value = r.json().await.unwrap();
    assert_eq!(c["mentions"], json!(["edith"]));
    editor
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "Oui, le communiqué du Kremlin."}),
        )
        .await;
    let thread = reviewer
        .get_json(&format!("/api/v1/statements/{sid}/comments"))
        .await;
    let bodies: Vec<&str> = thread
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "@edith tu as une source ?",
            "Oui, le communiqué du Kremlin."
        ]
    );
    assert_eq!(
        reviewer
            .post(
                &format!("/api/v1/statements/{sid}/comments"),
                &json!({"body": "  "})
            )
            .await
            .status(),
        422
    );
    let page = reviewer
        .get(&format!("/statements/{sid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("le communiqué du Kremlin"));
}

#[tokio::test]
async fn without_the_two_person_rule_a_verdict_is_final_at_once() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let wrong_method = editor.post("/api/v1/settings", &json!({})).await;
    assert_eq!(wrong_method.status(), 405, "PUT, not POST");
    assert_eq!(
        wrong_method.headers()["allow"],
        "GET, PUT",
        "the methods it takes"
    );
    let body: Value = wrong_method.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
    let admin = app.admin().await;
    let r = admin
        .client
        .put(admin.url("/api/v1/settings"))
        .header("X-CSRF-Token", &admin.csrf)
        .json(&json!({"two_person_rule": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let by_editor = editor
        .client
        .put(editor.url("/api/v1/settings"))
        .header("X-CSRF-Token", &editor.csrf)
        .json(&json!({"two_person_rule": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(by_editor.status(), 403);
    let s: Value = verdict(&reviewer, &ids(&article)[0], "verified")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["approval"], "not_required");
    assert_eq!(s["is_final"], true);
}

#[tokio::test]
async fn editors_read_the_audit_log_a_page_at_a_time_and_reviewers_cannot() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    assert_eq!(
        reviewer
            .get(&format!("/api/v1/audit?article={aid}"))
            .await
            .status(),
        403
    );
    let first = editor
        .get_json(&format!("/api/v1/audit?article={aid}&limit=2"))
        .await;
    let events = first["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["action"], "article.create");
    let since = first["next_since"].as_i64().unwrap();
    let next = editor
        .get_json(&format!(
            "/api/v1/audit?article={aid}&since={since}&limit=1000"
        ))
        .await;
    let rest = next["events"].as_array().unwrap();
    assert!(rest
        .iter()
        .all(|e| e["seq"].as_i64().unwrap() > since && e["article_id"] == aid));
    assert_eq!(
        rest.len() + 2,
        1 + article["statements"].as_array().unwrap().len()
    );
    let page = editor.get(&format!("/articles/{aid}/activity")).await;
    assert_eq!(page.status(), 200);
}

/// Writers on two server instances at once, all appending to one audit chain.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_concurrent_writers_times_200_verdicts_form_one_unbroken_chain() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let (second, _) = start_on(&app.db).await;
    let statements = ids(&article);
    let verdicts = ["verified", "disputed", "needs_source"];
    let mut writers = Vec::new();
    for w in 0..8usize {
        let base = if w % 2 == 0 {
            app.address.clone()
        } else {
            second.clone()
        };
        let token = reviewer.token.clone();
        let statements = statements.clone();
        writers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            for i in 0..200usize {
                let sid = &statements[(w + i) % statements.len()];
                let r = client
                    .post(format!("{base}/api/v1/statements/{sid}/verdict"))
                    .bearer_auth(&token)
                    .json(&json!({"verdict": verdicts[(w + i) % 3], "note": format!("writer {w} #{i}")}))
                    .send()
                    .await
                    .expect("request");
                assert_eq!(r.status(), 200, "writer {w} request {i}");
            }
        }));
    }
    for w in writers {
        w.await.expect("writer");
    }
    let out = claimdesk(&["audit", "verify", "--database", &app.db.url], None);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count: i64 = text.split_whitespace().nth(3).unwrap().parse().unwrap();
    assert!(count >= 1600, "{text}");
}

async fn exported_report(app: &TestApp) -> (tempfile::TempDir, String) {
    let (_editor, reviewer, article) = app.desk_with_article().await;
    verdict(&reviewer, &ids(&article)[0], "verified").await;
    let aid = article["id"].as_str().unwrap();
    let html = reviewer
        .get(&format!("/api/v1/articles/{aid}/report?format=html"))
        .await
        .text()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(&path, html).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

#[tokio::test]
async fn audit_verify_checks_that_a_reports_chain_head_is_in_the_chain() {
    let app = spawn_app().await;
    let (_dir, path) = exported_report(&app).await;
    let ok = claimdesk(
        &[
            "audit",
            "verify",
            "--report",
            &path,
            "--database",
            &app.db.url,
        ],
        None,
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("the report's chain head is event"));

    let other = spawn_app().await;
    let foreign = claimdesk(
        &[
            "audit",
            "verify",
            "--report",
            &path,
            "--database",
            &other.db.url,
        ],
        None,
    );
    assert_eq!(foreign.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&foreign.stderr).contains("not in this audit trail"));
}

#[tokio::test]
async fn several_pending_verdicts_are_approved_in_one_request_and_a_bad_batch_changes_nothing() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let ids: Vec<String> = article["statements"].as_array().unwrap()[..3]
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    for id in &ids {
        let r = reviewer
            .post(
                &format!("/api/v1/statements/{id}/verdict"),
                &json!({"verdict": "verified"}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    // The reviewer cannot approve their own verdicts, even in bulk: nothing changes.
    let own = reviewer
        .post(
            "/api/v1/approvals",
            &json!({"statements": ids, "decision": "approve"}),
        )
        .await;
    assert_eq!(own.status(), 403);
    // A batch naming one statement that is not pending is refused whole.
    let unreviewed = article["statements"][5]["id"].as_str().unwrap();
    let mixed = editor
        .post(
            "/api/v1/approvals",
            &json!({"statements": [&ids[0], unreviewed], "decision": "approve"}),
        )
        .await;
    assert_eq!(mixed.status(), 409);
    let first = editor
        .get_json(&format!("/api/v1/statements/{}", ids[0]))
        .await;
    assert_eq!(
        first["approval"], "pending",
        "a refused batch writes nothing"
    );
    // Rejecting needs a reason.
    let no_reason = editor
        .post(
            "/api/v1/approvals",
            &json!({"statements": ids, "decision": "reject"}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);

    let r = editor
        .post(
            "/api/v1/approvals",
            &json!({"statements": ids, "decision": "approve"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["statements"].as_array().unwrap().len(), 3);
    for id in &ids {
        let s = editor.get_json(&format!("/api/v1/statements/{id}")).await;
        assert_eq!(s["approval"], "approved");
        assert_eq!(s["is_final"], true);
    }
}

#[tokio::test]
async fn my_queue_page_names_the_article_says_how_many_and_filters() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    let r = editor
        .post(
            &format!("/api/v1/articles/{aid}/assignment"),
            &json!({"reviewer": "remi"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let total = article["statements"].as_array().unwrap().len();
    let html = reviewer.get("/queue").await.text().await.unwrap();
    assert!(
        html.contains(&format!("1–{total} of {total}")),
        "the total is shown"
    );
    assert!(
        html.contains("Bachar al-Assad est à Moscou"),
        "the article's title"
    );
    let kind = article["statements"][0]["kind"].as_str().unwrap();
    let of_kind = article["statements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == kind)
        .count();
    let filtered = reviewer
        .get(&format!("/queue?kind={kind}&sort=recent"))
        .await
        .text()
        .await
        .unwrap();
    assert!(filtered.contains(&format!("1–{of_kind} of {of_kind}")));
    assert_eq!(reviewer.get("/queue?state=maybe").await.status(), 400);
}

#[tokio::test]
async fn mentions_assignments_and_rejections_reach_their_person() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let sid = &ids(&article)[0];
    let r = editor
        .post(
            &format!("/api/v1/statements/{sid}/comments"),
            &json!({"body": "@remi peux-tu regarder ?"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let r = editor
        .post(
            &format!("/api/v1/statements/{sid}/assignment"),
            &json!({"reviewer": "remi"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "verified"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = editor
        .post(
            &format!("/api/v1/statements/{sid}/approval"),
            &json!({"decision": "reject", "reason": "Il faut une deuxième source."}),
        )
        .await;
    assert_eq!(r.status(), 200);

    let r = reviewer.get("/api/v1/notifications").await;
    assert_eq!(r.headers()["x-unread"], "3");
    let list: Value = r.json().await.unwrap();
    let kinds: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 3, "{list}");
    for kind in ["mention", "assignment", "rejection"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["statement_id"] == sid.as_str()
            && n["read"] == false
            && n["actor"].as_str().unwrap().starts_with("edith")));
    let editor_list = editor.get_json("/api/v1/notifications").await;
    assert_eq!(
        editor_list.as_array().unwrap().len(),
        0,
        "no notification for one's own acts"
    );

    let r = reviewer
        .post("/api/v1/notifications/read", &json!({}))
        .await;
    assert_eq!(r.status(), 200);
    let r = reviewer.get("/api/v1/notifications").await;
    assert_eq!(r.headers()["x-unread"], "0");
}
