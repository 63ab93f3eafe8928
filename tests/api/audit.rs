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
