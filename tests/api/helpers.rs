//! Test harness: the real server on port 0 against a fresh database — a new SQLite file, or,
//! when `CLAIMDESK_TEST_DATABASE_URL` names a PostgreSQL server, a new schema dropped afterwards.
//! An unreachable PostgreSQL server fails the tests; it never skips them.

use claimdesk::config::Settings;
use claimdesk::startup::Application;
use claimdesk::storage::DatabaseUrl;
use diesel::connection::SimpleConnection;
use diesel::Connection;
use reqwest::header::HeaderMap;
use serde_json::{json, Value};

pub const TEST_PG_ENV: &str = "CLAIMDESK_TEST_DATABASE_URL";

/// A French wire story (the first seed article), byte-exact.
pub const FRENCH_STORY: &str = include_str!("../fixtures/assad_moscou.txt");

/// A database made for one test, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    pg_admin_url: Option<String>,
    schema: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    pub fn new() -> Self {
        match std::env::var(TEST_PG_ENV).ok().filter(|v| !v.is_empty()) {
            Some(admin_url) => {
                let schema = format!("test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = diesel::pg::PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                    panic!("{TEST_PG_ENV} is set but PostgreSQL is unreachable at {admin_url}: {e}")
                });
                conn.batch_execute(&format!("CREATE SCHEMA {schema}"))
                    .expect("create test schema");
                let sep = if admin_url.contains('?') { '&' } else { '?' };
                Self {
                    url: format!("{admin_url}{sep}options=-csearch_path%3D{schema}"),
                    pg_admin_url: Some(admin_url),
                    schema: Some(schema),
                    _dir: None,
                }
            }
            None => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("claimdesk.db");
                Self {
                    url: path.to_string_lossy().into_owned(),
                    pg_admin_url: None,
                    schema: None,
                    _dir: Some(dir),
                }
            }
        }
    }

    /// A fresh SQLite file, whatever the suite's backend.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("claimdesk.db");
        Self {
            url: path.to_string_lossy().into_owned(),
            pg_admin_url: None,
            schema: None,
            _dir: Some(dir),
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.schema.is_some()
    }

    /// The number a raw SQL query selects as `n` (a BIGINT), to see what the server stored.
    pub fn count(&self, sql: &str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let url = DatabaseUrl::parse(&self.url).expect("url");
        let mut conn = url.connect().expect("connect");
        let rows: Vec<Count> = match &mut conn {
            claimdesk::storage::DbConnection::Sqlite(c) => {
                diesel::RunQueryDsl::load(diesel::sql_query(sql), c)
            }
            claimdesk::storage::DbConnection::Postgresql(c) => {
                diesel::RunQueryDsl::load(diesel::sql_query(sql), c)
            }
        }
        .expect("count query");
        rows.first().map_or(0, |r| r.n)
    }

    /// Runs raw SQL on the test database (to tamper with it, as an attacker with access would).
    pub fn execute(&self, sql: &str) {
        let url = DatabaseUrl::parse(&self.url).expect("url");
        let mut conn = url.connect().expect("connect");
        conn.batch_execute(sql).expect("raw SQL");
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // The audit key file of a PostgreSQL test schema lives in the working directory.
        if let Ok(url) = DatabaseUrl::parse(&self.url) {
            let keys = claimdesk::storage::seal::Seal::default_path(&url);
            let mut log = keys.clone().into_os_string();
            log.push(".checkpoints");
            if self.is_postgres() {
                let _ = std::fs::remove_file(&keys);
                let _ = std::fs::remove_file(log);
            }
        }
        if let (Some(admin), Some(schema)) = (&self.pg_admin_url, &self.schema) {
            if let Ok(mut conn) = diesel::pg::PgConnection::establish(admin) {
                let _ = conn.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub admin_password: String,
    pub db: TestDatabase,
}

/// Starts the server on a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Where the sentence encoder is installed for tests (`CLAIMDESK_TEST_ENCODER`, by default
/// `target/encoder`, which `scripts/install-encoder target/encoder` fills). `None` when it is
/// not, unless `CLAIMDESK_REQUIRE_ENCODER=1` (as in CI), which makes that a failure.
pub fn installed_encoder() -> Option<std::path::PathBuf> {
    let dir = std::env::var("CLAIMDESK_TEST_ENCODER")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/encoder").into());
    let dir = std::path::PathBuf::from(dir);
    if dir.join("weights.npz").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var("CLAIMDESK_REQUIRE_ENCODER").as_deref() != Ok("1"),
        "CLAIMDESK_REQUIRE_ENCODER=1 but no encoder in {} (scripts/install-encoder)",
        dir.display()
    );
    eprintln!(
        "sentence encoder not installed in {}: test skipped",
        dir.display()
    );
    None
}

/// The server with the sentence encoder, when it is installed ([`installed_encoder`]).
pub async fn spawn_app_with_encoder() -> Option<TestApp> {
    let dir = installed_encoder()?;
    Some(spawn_app_with(|s| s.encoder_dir = Some(dir)).await)
}

/// Starts the server on a fresh database with adjusted settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    // Errors the server logs (the detail behind a 500) show in a failing test's output.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("error")
        .with_test_writer()
        .try_init();
    let db = TestDatabase::new();
    let (address, admin_password) = start_with(&db, adjust).await;
    TestApp {
        address,
        admin_password: admin_password.expect("a fresh database gets a first admin"),
        db,
    }
}

/// One more server instance on an existing database, with the sentence encoder when it is
/// installed ([`installed_encoder`]); its address.
pub async fn start_on_with_encoder(db: &TestDatabase) -> Option<String> {
    let dir = installed_encoder()?;
    Some(start_with(db, |s| s.encoder_dir = Some(dir)).await.0)
}

/// Starts one more server instance on an existing database; returns its address and the first
/// admin password if this start created the admin.
pub async fn start_on(db: &TestDatabase) -> (String, Option<String>) {
    start_with(db, |_| {}).await
}

async fn start_with(
    db: &TestDatabase,
    adjust: impl FnOnce(&mut Settings),
) -> (String, Option<String>) {
    let url = DatabaseUrl::parse(&db.url).expect("database url");
    let mut settings = Settings::new("127.0.0.1:0".into(), url);
    // Matching without the sentence encoder unless a test asks for it, whatever is installed.
    settings.encoder_dir = None;
    adjust(&mut settings);
    let app = Application::build(settings).expect("server starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let password = app.first_admin_password().map(str::to_string);
    tokio::spawn(app.run_until_stopped());
    (address, password)
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A logged-in API session.
#[derive(Clone)]
pub struct Session {
    pub base: String,
    pub client: reqwest::Client,
    pub csrf: String,
    pub token: String,
    pub user: Value,
}

impl Session {
    /// Logs in to the server at `address`.
    pub async fn login_at(address: &str, username: &str, password: &str) -> Session {
        let client = client();
        let r = client
            .post(format!("{address}/api/v1/session"))
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), 200, "login as {username}");
        let body: Value = r.json().await.expect("json");
        Session {
            base: address.to_string(),
            client,
            csrf: body["csrf_token"].as_str().expect("csrf").to_string(),
            token: body["token"].as_str().expect("token").to_string(),
            user: body["user"].clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn csrf_headers(&self) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("X-CSRF-Token", self.csrf.parse().expect("header"));
        h
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.expect("json")
    }

    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .headers(self.csrf_headers())
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn patch(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .patch(self.url(path))
            .headers(self.csrf_headers())
            .json(body)
            .send()
            .await
            .expect("PATCH")
    }

    pub async fn put(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .put(self.url(path))
            .headers(self.csrf_headers())
            .json(body)
            .send()
            .await
            .expect("PUT")
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.client
            .delete(self.url(path))
            .headers(self.csrf_headers())
            .send()
            .await
            .expect("DELETE")
    }

    /// Posts a URL-encoded form as the browser would (fields in order, repeats allowed).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.client
            .post(self.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST form")
    }

    /// Loads an article through the API and returns it (with statements).
    pub async fn load_article(&self, body: &Value) -> Value {
        let r = self.post("/api/v1/articles", body).await;
        assert_eq!(r.status(), 201, "loading an article");
        r.json().await.expect("json")
    }
}

impl TestApp {
    pub async fn login(&self, username: &str, password: &str) -> Session {
        Session::login_at(&self.address, username, password).await
    }

    pub async fn admin(&self) -> Session {
        self.login("admin", &self.admin_password).await
    }

    /// Creates a user through the API (as admin) and logs them in.
    pub async fn user_with_role(&self, username: &str, role: &str) -> Session {
        let admin = self.admin().await;
        let password = format!("{username}-secret-pass");
        let r = admin
            .post(
                "/api/v1/users",
                &json!({"username": username, "role": role, "password": password,
                        "display_name": format!("{username} (test)")}),
            )
            .await;
        assert_eq!(r.status(), 201, "creating {username}");
        self.login(username, &password).await
    }

    pub async fn editor(&self) -> Session {
        self.user_with_role("edith", "editor").await
    }

    pub async fn reviewer(&self) -> Session {
        self.user_with_role("remi", "reviewer").await
    }

    /// An editor and a reviewer, and an article loaded by the editor.
    pub async fn desk_with_article(&self) -> (Session, Session, Value) {
        let editor = self.editor().await;
        let reviewer = self.reviewer().await;
        let article = editor
            .load_article(&json!({
                "title": "Bachar al-Assad est à Moscou",
                "body": FRENCH_STORY,
                "outlet": "Agence test",
                "url": "https://news.example.org/assad-moscou",
                "published_at": "2024-12-09",
            }))
            .await;
        (editor, reviewer, article)
    }
}

/// The statement of `article` whose text contains `needle`.
pub fn statement_containing<'a>(article: &'a Value, needle: &str) -> &'a Value {
    article["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| s["text"].as_str().unwrap_or_default().contains(needle))
        .unwrap_or_else(|| panic!("no statement contains {needle:?}"))
}

/// Every statement of `article` verified by `reviewer` and approved by `editor`, so all are final.
pub async fn verify_and_approve_all(editor: &Session, reviewer: &Session, article: &Value) {
    for s in article["statements"].as_array().expect("statements") {
        let sid = s["id"].as_str().expect("id");
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
                &json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
}
