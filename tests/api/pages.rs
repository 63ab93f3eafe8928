use crate::helpers::{client, spawn_app, statement_containing};
use serde_json::{json, Value};

#[tokio::test]
async fn a_reviewer_logs_in_with_the_form_and_sees_the_article_page() {
    let app = spawn_app().await;
    let (_editor, _reviewer, article) = app.desk_with_article().await;
    let browser = client();
    let r = browser
        .post(format!("{}/login", app.address))
        .form(&[
            ("username", "remi"),
            ("password", "remi-secret-pass"),
            ("next", "/articles"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/articles");
    let list = browser
        .get(format!("{}/articles", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    assert!(list
        .text()
        .await
        .unwrap()
        .contains("Bachar al-Assad est à Moscou"));
    let id = article["id"].as_str().unwrap();
    let page = browser
        .get(format!("{}/articles/{id}", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let first = article["statements"][0]["id"].as_str().unwrap();
    assert!(
        html.contains(&format!(
            "class=\"stmt v-unreviewed\" data-statement-id=\"{first}\" data-verdict=\"unreviewed\""
        )),
        "statements highlighted, with their id and verdict"
    );
    assert!(
        html.contains(&format!(
            "id=\"statement-{first}\" class=\"card v-unreviewed"
        )),
        "a card per statement"
    );
    assert_eq!(
        html.matches("id=\"verdict-form\"").count(),
        1,
        "one verdict panel, not a form per statement"
    );
    assert!(
        !html.contains("Delete article"),
        "reviewers get no delete button"
    );
}

#[tokio::test]
async fn the_login_form_refuses_wrong_passwords_and_foreign_redirects() {
    let app = spawn_app().await;
    let browser = client();
    let r = browser
        .post(format!("{}/login", app.address))
        .form(&[("username", "admin"), ("password", "wrong-password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Wrong username or password"));
    let r = browser
        .post(format!("{}/login", app.address))
        .form(&[
            ("username", "admin"),
            ("password", app.admin_password.as_str()),
            ("next", "//evil.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/articles");
}

#[tokio::test]
async fn a_verdict_form_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap();
    let r = reviewer
        .post_form(
            &format!("/statements/{sid}/verdict"),
            &[("verdict", "verified")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let now = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(now["verdict"], "unreviewed");
}

#[tokio::test]
async fn a_verdict_form_with_sources_is_saved_and_redirects_to_the_statement() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let s = statement_containing(&article, "Moscou");
    let sid = s["id"].as_str().unwrap();
    let version = s["version"].to_string();
    let r = reviewer
        .post_form(
            &format!("/statements/{sid}/verdict"),
            &[
                ("csrf_token", reviewer.csrf.as_str()),
                ("version", version.as_str()),
                ("verdict", "verified"),
                ("note", "Confirmé."),
                ("source_url", "https://tass.ru/a"),
                ("source_title", "TASS"),
                ("source_excerpt", ""),
                ("source_url", ""),
                ("source_title", ""),
                ("source_excerpt", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let aid = article["id"].as_str().unwrap();
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/articles/{aid}?selected={sid}#statement-{sid}")
    );
    let now = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(now["verdict"], "verified");
    assert_eq!(
        now["sources"],
        json!([{"url": "https://tass.ru/a", "title": "TASS", "excerpt": null}])
    );
}

#[tokio::test]
async fn a_stale_verdict_form_shows_that_someone_else_changed_it() {
    let app = spawn_app().await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    let s = &article["statements"][0];
    let sid = s["id"].as_str().unwrap();
    let version = s["version"].to_string();
    let first = editor
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "disputed"}),
        )
        .await;
    assert_eq!(first.status(), 200);
    let r = reviewer
        .post_form(
            &format!("/statements/{sid}/verdict"),
            &[
                ("csrf_token", reviewer.csrf.as_str()),
                ("version", version.as_str()),
                ("verdict", "verified"),
                ("note", "Confirmé par l'agence TASS, vérifié deux fois"),
                ("source_url", "https://tass.ru/politika/1"),
                ("source_title", ""),
                ("source_excerpt", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("Someone else changed this statement"));
    // Nothing typed is lost: the note, the source and the chosen verdict come back in the form,
    // beside the colleague's version.
    assert!(
        html.contains("Confirmé par l&#x27;agence TASS, vérifié deux fois"),
        "the typed note"
    );
    assert!(
        html.contains("https:&#x2F;&#x2F;tass.ru&#x2F;politika&#x2F;1"),
        "the typed source"
    );
    assert!(
        html.contains("value=\"verified\" required checked"),
        "the chosen verdict"
    );
    assert!(html.contains("their version is"), "the colleague's version");
    let now = reviewer
        .get_json(&format!("/api/v1/statements/{sid}"))
        .await;
    assert_eq!(now["verdict"], "disputed");
}

#[tokio::test]
async fn an_editor_uploads_an_html_file_and_gets_its_article_text() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let html = "<html><head><title>Page</title><script>track()</script></head><body>\
        <nav>Accueil | Monde</nav><article><h1>Le chômage recule</h1>\
        <p>Le taux de chômage est tombé à 7,3 % au troisième trimestre, selon l'Insee.</p>\
        <p>Il s'agit du niveau le plus bas depuis 2008.</p></article><footer>© Journal</footer></body></html>";
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", editor.csrf.clone())
        .text("title", "")
        .text("language", "auto")
        .part(
            "file",
            reqwest::multipart::Part::bytes(html.as_bytes().to_vec()).file_name("chomage.html"),
        );
    let r = editor
        .client
        .post(editor.url("/articles/new"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let list = editor.get_json("/api/v1/articles").await;
    assert_eq!(list[0]["title"], "Le chômage recule");
    let id = list[0]["id"].as_str().unwrap();
    let article = editor.get_json(&format!("/api/v1/articles/{id}")).await;
    let body = article["body"].as_str().unwrap();
    assert!(body.contains("Le taux de chômage est tombé à 7,3 %"));
    assert!(!body.contains("track()") && !body.contains("Accueil") && !body.contains("© Journal"));
}

#[tokio::test]
async fn an_upload_that_is_not_utf8_is_refused_with_the_form_again() {
    let app = spawn_app().await;
    let editor = app.editor().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", editor.csrf.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(vec![0x43, 0x61, 0xE9, 0x20, 0xFF])
                .file_name("latin1.txt"),
        );
    let r = editor
        .client
        .post(editor.url("/articles/new"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("not UTF-8"));
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
async fn the_statement_page_shows_its_history() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let sid = article["statements"][0]["id"].as_str().unwrap();
    reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "verified"}),
        )
        .await;
    let page = reviewer.get(&format!("/statements/{sid}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    // Readable: who did what, and what changed, not raw JSON.
    assert!(html.contains("added the statement") && html.contains("recorded a verdict"));
    assert!(
        html.contains("<strong>verdict</strong>: <del>unreviewed</del> → <ins>verified</ins>"),
        "the verdict's change, before and after"
    );
    assert!(html.contains("remi"), "who");
}

#[tokio::test]
async fn admins_create_users_from_the_users_page_and_reviewers_cannot() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let r = admin
        .post_form(
            "/admin/users",
            &[
                ("csrf_token", admin.csrf.as_str()),
                ("username", "claire"),
                ("display_name", "Claire"),
                ("role", "reviewer"),
                ("password", "claire-password-1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = admin.get("/admin/users").await.text().await.unwrap();
    assert!(page.contains("claire"));
    let reviewer = app.reviewer().await;
    assert_eq!(reviewer.get("/admin/users").await.status(), 403);
}

#[tokio::test]
async fn every_page_an_editor_can_reach_renders() {
    let app = spawn_app().await;
    let (editor, _reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    let sid = article["statements"][0]["id"].as_str().unwrap();
    for path in [
        "/articles".to_string(),
        "/articles/new".into(),
        format!("/articles/{aid}"),
        format!("/statements/{sid}"),
    ] {
        let r = editor.get(&path).await;
        assert_eq!(r.status(), 200, "{path}");
    }
    let admin = app.admin().await;
    assert_eq!(admin.get("/admin/users").await.status(), 200);
    assert_eq!(
        admin.get("/login").await.status(),
        303,
        "a logged-in visitor skips the login page"
    );
    assert_eq!(
        client()
            .get(format!("{}/login", app.address))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn a_statement_inside_another_is_highlighted_as_the_inner_one() {
    let app = spawn_app().await;
    let (editor, _reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    let outer = &article["statements"][0];
    let start = outer["start"].as_u64().unwrap();
    let text = outer["text"].as_str().unwrap();
    // An inner span: the outer statement without its first and last word.
    let first_space = text.find(' ').unwrap() as u64;
    let last_space = text.rfind(' ').unwrap() as u64;
    let inner: Value = editor
        .post(
            &format!("/api/v1/articles/{aid}/statements"),
            &json!({"start": start + first_space + 1, "end": start + last_space}),
        )
        .await
        .json()
        .await
        .unwrap();
    let html = editor
        .get(&format!("/articles/{aid}"))
        .await
        .text()
        .await
        .unwrap();
    let outer_id = outer["id"].as_str().unwrap();
    let inner_id = inner["id"].as_str().unwrap();
    let inner_at = html
        .find(&format!("data-statement-id=\"{inner_id}\""))
        .expect("inner highlighted");
    let outer_before = html
        .find(&format!(
            "data-start=\"{start}\" class=\"stmt v-unreviewed\" data-statement-id=\"{outer_id}\""
        ))
        .expect("outer start highlighted");
    assert!(outer_before < inner_at);
    assert!(
        html[inner_at..].contains(&format!("data-statement-id=\"{outer_id}\"")),
        "the outer statement resumes after the inner one"
    );
}

#[tokio::test]
async fn a_form_posted_after_the_session_ended_returns_to_the_article_after_login() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    let sid = article["statements"][0]["id"].as_str().unwrap();
    let page = format!("{}/articles/{aid}?selected={sid}", app.address);
    // A browser whose session is gone posts the verdict form of the article page.
    let stranger = client();
    let r = stranger
        .post(format!("{}/statements/{sid}/verdict", app.address))
        .header("Referer", &page)
        .form(&[("verdict", "verified"), ("note", "typed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let next = location
        .strip_prefix("/login?next=")
        .expect("sent to the login page");
    let next: String = url::form_urlencoded::parse(format!("n={next}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert_eq!(
        next,
        format!("/articles/{aid}?selected={sid}"),
        "the article page, not the POST route"
    );
    // Logging in lands on a page that exists.
    let login = stranger
        .post(format!("{}/login", app.address))
        .form(&[
            ("username", "remi"),
            ("password", "remi-secret-pass"),
            ("next", next.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 303);
    let landing = login.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(landing, next);
    let r = stranger
        .get(format!("{}{landing}", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let _ = reviewer;
}

#[tokio::test]
async fn a_source_without_a_title_shows_its_address_once_escaped() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap();
    let sid = article["statements"][0]["id"].as_str().unwrap();
    let r = reviewer
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "verified", "sources": [{"url": "https://example.org/a/b"}]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    for path in [
        format!("/statements/{sid}"),
        format!("/api/v1/articles/{aid}/report?format=html"),
    ] {
        let html = reviewer.get(&path).await.text().await.unwrap();
        assert!(html.contains("example.org"), "{path}");
        assert!(
            !html.contains("&amp;#x2F;"),
            "{path}: the address is escaped twice"
        );
    }
}
