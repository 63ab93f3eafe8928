use crate::cli::claimdesk;
use crate::helpers::{spawn_app, TestApp};
use serde_json::json;

/// An app with a few dozen audit events: users, logins, an article, verdicts.
async fn app_with_history() -> TestApp {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    for s in article["statements"].as_array().unwrap().iter().take(3) {
        let r = reviewer
            .post(
                &format!("/api/v1/statements/{}/verdict", s["id"].as_str().unwrap()),
                &json!({"verdict": "verified"}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    app
}

fn verify(app: &TestApp) -> (bool, String) {
    let out = claimdesk(&["audit", "verify", "--database", &app.db.url], None);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn drop_triggers(app: &TestApp) {
    if app.db.is_postgres() {
        app.db.execute(
            "DROP TRIGGER audit_events_no_update ON audit_events; \
             DROP TRIGGER audit_events_no_truncate ON audit_events;",
        );
    } else {
        app.db
            .execute("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
    }
}

#[tokio::test]
async fn an_untouched_chain_verifies_with_its_count_and_head() {
    let app = app_with_history().await;
    let (ok, text) = verify(&app);
    assert!(ok, "{text}");
    assert!(text.contains("audit trail intact"), "{text}");
    let admin = app.admin().await;
    let id = admin.get_json("/api/v1/articles").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let report = admin
        .get_json(&format!("/api/v1/articles/{id}/report?format=json"))
        .await;
    let head = report["chain_head"]["hash"].as_str().unwrap().to_string();
    assert!(
        text.contains(&format!("events, head {}", &head)) || text.contains("head"),
        "{text}"
    );
}

#[tokio::test]
async fn the_audit_table_refuses_update_and_delete() {
    let app = app_with_history().await;
    let url = claimdesk::storage::DatabaseUrl::parse(&app.db.url).unwrap();
    let mut conn = url.connect().unwrap();
    use diesel::connection::SimpleConnection;
    let update = conn.batch_execute("UPDATE audit_events SET actor_name = 'mallory' WHERE seq = 2");
    assert!(update.is_err(), "UPDATE must be refused");
    let delete = conn.batch_execute("DELETE FROM audit_events WHERE seq = 2");
    assert!(delete.is_err(), "DELETE must be refused");
    assert!(verify(&app).0);
}

#[tokio::test]
async fn an_altered_event_is_named_by_audit_verify() {
    let app = app_with_history().await;
    drop_triggers(&app);
    app.db
        .execute("UPDATE audit_events SET after_json = '{\"verdict\":\"disputed\"}' WHERE seq = 5");
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(text.contains("event 5"), "{text}");
}

#[tokio::test]
async fn a_removed_event_is_named_by_audit_verify() {
    let app = app_with_history().await;
    drop_triggers(&app);
    app.db.execute("DELETE FROM audit_events WHERE seq = 4");
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(text.contains("event 4"), "{text}");
}

#[tokio::test]
async fn swapped_events_are_named_by_audit_verify() {
    let app = app_with_history().await;
    drop_triggers(&app);
    app.db.execute(
        "UPDATE audit_events SET seq = -1 WHERE seq = 3; \
         UPDATE audit_events SET seq = 3 WHERE seq = 2; \
         UPDATE audit_events SET seq = 2 WHERE seq = -1;",
    );
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(text.contains("event 2"), "{text}");
}

fn verify_with(app: &TestApp, extra: &[&str]) -> (bool, String) {
    let mut args = vec!["audit", "verify", "--database", &app.db.url];
    args.extend_from_slice(extra);
    let out = claimdesk(&args, None);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test]
async fn an_edited_event_with_every_later_hash_recomputed_is_named_itself() {
    let app = app_with_history().await;
    drop_triggers(&app);
    // The attacker has the database, not the key file: the best they can do is recompute the
    // chain with the documented formula (plain SHA-256) or a key of their own.
    let dir = tempfile::tempdir().unwrap();
    let forger =
        claimdesk::storage::seal::Seal::open_or_create(&dir.path().join("own.keys"), i64::MAX)
            .unwrap();
    let url = claimdesk::storage::DatabaseUrl::parse(&app.db.url).unwrap();
    let mut conn = url.connect().unwrap();
    let mut events = claimdesk::storage::audit::page(&mut conn, 0, 100_000).unwrap();
    events[4].after_json = Some("{\"verdict\":\"disputed\"}".into());
    let mut prev = events[3].hash.clone();
    let mut sql = String::new();
    for e in events.iter_mut().skip(4) {
        e.prev_hash = prev.clone();
        e.hash = claimdesk::storage::audit::chain_hash(&forger, &prev, e);
        prev = e.hash.clone();
        sql.push_str(&format!(
            "UPDATE audit_events SET after_json = '{}', prev_hash = '{}', hash = '{}' WHERE seq = {};",
            e.after_json.clone().unwrap_or_default().replace('\'', "''"),
            e.prev_hash,
            e.hash,
            e.seq
        ));
    }
    app.db.execute(&sql);
    let (ok, text) = verify(&app);
    assert!(!ok, "{text}");
    assert!(text.contains("BROKEN at event 5"), "{text}");
}

#[tokio::test]
async fn events_removed_from_the_end_are_caught_by_a_reports_signed_checkpoint() {
    let app = app_with_history().await;
    let admin = app.admin().await;
    let id = admin.get_json("/api/v1/articles").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let report = admin
        .get(&format!("/api/v1/articles/{id}/report?format=json"))
        .await
        .text()
        .await
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&report).unwrap();
    let seq = parsed["checkpoint"]["seq"]
        .as_i64()
        .expect("a signed checkpoint");
    assert!(parsed["checkpoint"]["signature"].as_str().unwrap().len() == 128);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    std::fs::write(&file, &report).unwrap();
    let (ok, text) = verify_with(&app, &["--checkpoint", file.to_str().unwrap()]);
    assert!(ok, "{text}");
    drop_triggers(&app);
    app.db.execute(&format!(
        "DELETE FROM audit_events WHERE seq >= {}",
        seq - 2
    ));
    let (ok, text) = verify(&app);
    assert!(!ok, "{text}");
    assert!(text.contains("removed from the end"), "{text}");
    let (ok, text) = verify_with(&app, &["--checkpoint", file.to_str().unwrap()]);
    assert!(!ok, "{text}");
}

#[tokio::test]
async fn a_trail_with_every_event_deleted_is_not_intact() {
    let app = app_with_history().await;
    drop_triggers(&app);
    app.db.execute("DELETE FROM audit_events");
    let (ok, text) = verify(&app);
    assert!(!ok, "{text}");
    assert!(text.contains("empty"), "{text}");
}

#[tokio::test]
async fn a_verdict_changed_in_the_statements_table_is_caught() {
    let app = app_with_history().await;
    let admin = app.admin().await;
    let id = admin.get_json("/api/v1/articles").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let article = admin.get_json(&format!("/api/v1/articles/{id}")).await;
    let sid = article["statements"][0]["id"].as_str().unwrap();
    app.db.execute(&format!(
        "UPDATE statements SET verdict = 'disputed' WHERE id = '{sid}'"
    ));
    let (ok, text) = verify(&app);
    assert!(!ok, "{text}");
    assert!(text.contains("changed outside claimdesk"), "{text}");
}
