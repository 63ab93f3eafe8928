//! Attacks found by the security review, each reproduced and refused (on both backends).

use crate::helpers::{client, spawn_app, spawn_app_with, start_on, TestApp};
use serde_json::{json, Value};

async fn login_status(app: &TestApp, user: &str, pass: &str, from: Option<&str>) -> u16 {
    let mut request = client()
        .post(format!("{}/api/v1/session", app.address))
        .json(&json!({"username": user, "password": pass}));
    if let Some(address) = from {
        request = request.header("X-Forwarded-For", address);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn a_strangers_wrong_guesses_do_not_lock_the_owner_out_from_another_address() {
    let app = spawn_app_with(|s| s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let attacker = Some("203.0.113.9");
    for i in 0..10 {
        assert_eq!(
            login_status(&app, "admin", &format!("guess-{i}"), attacker).await,
            401
        );
    }
    assert_eq!(login_status(&app, "admin", "guess-10", attacker).await, 429);
    assert_eq!(
        login_status(&app, "admin", &app.admin_password, attacker).await,
        429,
        "the attacker's address waits, even with the right password"
    );
    assert_eq!(
        login_status(&app, "admin", &app.admin_password, Some("198.51.100.7")).await,
        200,
        "the owner, elsewhere, logs in"
    );
}

#[tokio::test]
async fn forwarding_headers_from_a_client_that_is_not_a_trusted_proxy_are_ignored() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    // Without a trusted proxy, X-Forwarded-For does not give an attacker fresh addresses.
    for i in 0..10 {
        let from = format!("203.0.113.{i}");
        assert_eq!(
            login_status(&app, "admin", "wrong-password", Some(&from)).await,
            401
        );
    }
    assert_eq!(
        login_status(&app, "admin", "wrong-password", Some("198.51.100.1")).await,
        429
    );
    // ... nor choose the host of report links.
    let article = editor
        .load_article(
            &json!({"title": "T", "body": "Le chômage a baissé de 2 % en mars, selon l'Insee."}),
        )
        .await;
    let report = client()
        .get(format!(
            "{}/api/v1/articles/{}/report?format=claimreview",
            app.address,
            article["id"].as_str().unwrap()
        ))
        .bearer_auth(&editor.token)
        .header("X-Forwarded-Host", "evil.example")
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!report.contains("evil.example"), "{report}");
}

#[tokio::test]
async fn concurrent_wrong_guesses_never_get_more_than_the_allowance_through() {
    let app = spawn_app().await;
    let attempts = (0..40).map(|i| {
        let address = app.address.clone();
        async move {
            client()
                .post(format!("{address}/api/v1/session"))
                .json(&json!({"username": "admin", "password": format!("wrong-{i}")}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let checked = statuses.iter().filter(|&&s| s == 401).count();
    assert!(
        checked <= 10,
        "{checked} guesses reached the password check"
    );
    assert!(
        statuses.iter().all(|&s| s == 401 || s == 429),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn login_returns_only_to_local_pages() {
    let app = spawn_app().await;
    for next in [
        "/\t/evil.example",
        "//evil.example",
        "/\\evil.example",
        "/a\r\nSet-Cookie: x=1",
    ] {
        let r = client()
            .post(format!("{}/login", app.address))
            .form(&[
                ("username", "admin"),
                ("password", app.admin_password.as_str()),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{next:?}");
        assert_eq!(r.headers()["location"], "/articles", "{next:?}");
    }
}

#[tokio::test]
async fn nul_characters_are_refused_with_a_400_and_nothing_is_stored() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    assert_eq!(
        login_status(&app, "ad\u{0}min", "whatever-password", None).await,
        400
    );
    let r = editor
        .post(
            "/api/v1/articles",
            &json!({"title": "T\u{0}", "body": "Le chômage a baissé de 2 % en mars."}),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        editor
            .get("/api/v1/statements?reviewer=a%00b")
            .await
            .status(),
        400
    );
    let form = client()
        .post(format!("{}/login", app.address))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("username=admin%00&password=x")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 400);
    let list: Value = editor.get_json("/api/v1/articles").await;
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing stored");
}

#[tokio::test]
async fn exports_cannot_carry_formulas_or_break_out_of_their_markup() {
    let app = spawn_app().await;
    let (editor, reviewer, _) = app.desk_with_article().await;
    let body = "=HYPERLINK(\"http://evil.example\",\"x\") a déclaré 3 morts.\n\n\
                <!--<script>alert(1)</script> Le bilan est de 12 morts selon la police.";
    let article = editor
        .load_article(&json!({"title": "<!--<script>", "body": body, "outlet": "<!--<script>"}))
        .await;
    let aid = article["id"].as_str().unwrap();
    let sid = article["statements"][0]["id"].as_str().unwrap();
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "disputed", "note": "@SUM(A1) [clic](javascript:alert(1)) <img src=x onerror=alert(1)>"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let csv = reviewer
        .get(&format!("/api/v1/articles/{aid}/report?format=csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
    assert!(csv.contains("'@SUM(A1)"), "{csv}");
    let html = reviewer
        .get(&format!("/api/v1/articles/{aid}/report?format=html"))
        .await
        .text()
        .await
        .unwrap();
    let ld_start = html.find("application/ld+json").expect("JSON-LD");
    let ld = &html[ld_start..];
    let ld_end = ld.find("</script>").expect("the JSON-LD element ends");
    assert!(!ld[..ld_end].contains('<'), "no markup inside the JSON-LD");
    assert!(
        html.contains("Le bilan est de 12 morts"),
        "the report is not swallowed"
    );
    let md = reviewer
        .get(&format!("/api/v1/articles/{aid}/report?format=md"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
    assert!(!md.contains("[clic](javascript:"), "{md}");
    assert!(
        md.contains("\\[clic\\]"),
        "the link syntax is escaped: {md}"
    );
}

#[tokio::test]
async fn pages_and_reports_are_not_cached_and_run_only_our_script() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    for path in ["/articles", "/api/v1/articles"] {
        let r = editor.get(path).await;
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        let csp = r.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    }
}

#[tokio::test]
async fn a_login_form_posted_from_another_site_is_refused() {
    let app = spawn_app().await;
    let r = client()
        .post(format!("{}/login", app.address))
        .header("Origin", "https://evil.example")
        .form(&[
            ("username", "admin"),
            ("password", app.admin_password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no session was opened"
    );
    let same_site = client()
        .post(format!("{}/login", app.address))
        .header("Origin", app.address.as_str())
        .form(&[
            ("username", "admin"),
            ("password", app.admin_password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 303);
}

#[tokio::test]
async fn logging_out_with_an_api_token_revokes_it() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let created: Value = editor
        .post("/api/v1/tokens", &json!({"name": "script"}))
        .await
        .json()
        .await
        .unwrap();
    let secret = created["token"].as_str().unwrap();
    let bearer = |method: reqwest::Method, path: &str| {
        client()
            .request(method, format!("{}{path}", app.address))
            .bearer_auth(secret)
    };
    assert_eq!(
        bearer(reqwest::Method::GET, "/api/v1/session")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        bearer(reqwest::Method::DELETE, "/api/v1/session")
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        bearer(reqwest::Method::GET, "/api/v1/session")
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "the token no longer works"
    );
}

#[tokio::test]
async fn weak_passwords_are_refused_with_the_reason() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for weak in ["password12", "aaaaaaaaaa", "claire2024!", "Azerty123456"] {
        let r = admin
            .post(
                "/api/v1/users",
                &json!({"username": "claire", "role": "reviewer", "password": weak}),
            )
            .await;
        assert_eq!(r.status(), 422, "{weak}");
        let body: Value = r.json().await.unwrap();
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("password"));
    }
    let r = admin
        .post(
            "/api/v1/users",
            &json!({"username": "claire", "role": "reviewer", "password": "trois mots au hasard"}),
        )
        .await;
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn a_user_changes_their_password_and_their_other_sessions_end() {
    let app = spawn_app().await;
    let here = app.reviewer().await;
    let elsewhere = app.login("remi", "remi-secret-pass").await;
    let wrong = here
        .put(
            "/api/v1/session/password",
            &json!({"current": "not-my-password", "new": "un nouveau secret bien long"}),
        )
        .await;
    assert_eq!(wrong.status(), 403);
    let weak = here
        .put(
            "/api/v1/session/password",
            &json!({"current": "remi-secret-pass", "new": "password123"}),
        )
        .await;
    assert_eq!(weak.status(), 422);
    let r = here
        .put(
            "/api/v1/session/password",
            &json!({"current": "remi-secret-pass", "new": "un nouveau secret bien long"}),
        )
        .await;
    assert_eq!(r.status(), 204);
    assert_eq!(
        here.get("/api/v1/session").await.status(),
        200,
        "this session stays"
    );
    assert_eq!(
        elsewhere.get("/api/v1/session").await.status(),
        401,
        "the other one ended"
    );
    assert_eq!(
        login_status(&app, "remi", "remi-secret-pass", None).await,
        401
    );
    assert_eq!(
        login_status(&app, "remi", "un nouveau secret bien long", None).await,
        200
    );
}

#[tokio::test]
async fn an_admin_resets_a_password_and_only_admins_may() {
    let app = spawn_app().await;
    let reviewer = app.reviewer().await;
    let id = reviewer.user["id"].as_str().unwrap().to_string();
    let editor = app.editor().await;
    let refused = editor
        .put(
            &format!("/api/v1/users/{id}/password"),
            &json!({"password": "réinitialisé par l'admin"}),
        )
        .await;
    assert_eq!(refused.status(), 403);
    let admin = app.admin().await;
    let r = admin
        .put(
            &format!("/api/v1/users/{id}/password"),
            &json!({"password": "réinitialisé par l'admin"}),
        )
        .await;
    assert_eq!(r.status(), 204);
    assert_eq!(
        reviewer.get("/api/v1/session").await.status(),
        401,
        "sessions ended"
    );
    assert_eq!(
        login_status(&app, "remi", "réinitialisé par l'admin", None).await,
        200
    );
}

#[tokio::test]
async fn an_over_long_password_takes_no_longer_for_an_unknown_name() {
    let app = spawn_app().await;
    let long = "x".repeat(2000);
    let time = |user: &'static str| {
        let address = app.address.clone();
        let long = long.clone();
        async move {
            let started = std::time::Instant::now();
            let status = client()
                .post(format!("{address}/api/v1/session"))
                .json(&json!({"username": user, "password": long}))
                .send()
                .await
                .unwrap()
                .status();
            assert_eq!(status, 401);
            started.elapsed()
        }
    };
    let known = time("admin").await;
    let unknown = time("nobody-here").await;
    let (a, b) = (known.as_secs_f64(), unknown.as_secs_f64());
    assert!(
        a.max(b) < 10.0 * a.min(b) + 0.05,
        "known {a:.4}s, unknown {b:.4}s"
    );
}

#[tokio::test]
async fn healthz_says_unavailable_when_writes_cannot_get_through() {
    let app = spawn_app().await;
    let health = || {
        let address = app.address.clone();
        async move {
            client()
                .get(format!("{address}/healthz"))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(health().await.status(), 200);
    // Another process holds the write lock (SQLite) or the probe's table lock (PostgreSQL)...
    let url = claimdesk::storage::DatabaseUrl::parse(&app.db.url).unwrap();
    let mut blocker = url.connect().unwrap();
    use diesel::connection::SimpleConnection;
    if app.db.is_postgres() {
        blocker
            .batch_execute("BEGIN; LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE;")
            .unwrap();
    } else {
        blocker.batch_execute("BEGIN IMMEDIATE;").unwrap();
    }
    let started = std::time::Instant::now();
    let r = health().await;
    let waited = started.elapsed();
    blocker.batch_execute("ROLLBACK;").unwrap();
    if app.db.is_postgres() {
        // A PostgreSQL write probe does not touch the audit table: writes still get through.
        assert_eq!(r.status(), 200);
    } else {
        assert_eq!(r.status(), 503);
        assert!(r.headers().contains_key("retry-after"));
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unavailable");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("writes"));
    }
    assert!(waited < std::time::Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn an_empty_statement_patch_changes_nothing() {
    let app = spawn_app().await;
    let (editor, _reviewer, article) = app.desk_with_article().await;
    let s = &article["statements"][0];
    let sid = s["id"].as_str().unwrap();
    for body in [
        json!({}),
        json!([null, null]),
        json!({"version": s["version"]}),
    ] {
        let r = editor
            .patch(&format!("/api/v1/statements/{sid}"), &body)
            .await;
        // An array is not the documented shape (400); an object naming nothing to change
        // breaks the patch's rule (422).
        let expected = if body.is_array() { 400 } else { 422 };
        assert_eq!(r.status(), expected, "{body}");
    }
    let now = editor.get_json(&format!("/api/v1/statements/{sid}")).await;
    assert_eq!(now["version"], s["version"], "no version was written");
    let history = editor
        .get_json(&format!("/api/v1/statements/{sid}/history"))
        .await;
    assert_eq!(
        history.as_array().unwrap().len(),
        1,
        "no audit event either"
    );
}

#[tokio::test]
async fn failed_logins_on_one_instance_count_on_the_other() {
    let app = spawn_app().await;
    let (second, _) = start_on(&app.db).await;
    for i in 0..10 {
        assert_eq!(
            login_status(&app, "admin", &format!("guess-{i}"), None).await,
            401
        );
    }
    // The same guesser turns to the other instance: the counter is in the database.
    let other = client()
        .post(format!("{second}/api/v1/session"))
        .json(&json!({"username": "admin", "password": "guess-10"}))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 429);
}
