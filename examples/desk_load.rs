//! The desk load tool: seeds a fresh database through the real JSON API (an editor's articles,
//! N reviewer accounts, each logged in with its own session) and drives the N sessions at once,
//! then prints requests per second and latency percentiles for each kind of request next to a
//! trivial route (a static file) measured in the same run, as a ratio: on a shared 2-core
//! machine only ratios compare across runs. Ends with `audit verify` of the chain the writes made.
//!
//! `cargo run --release --example desk_load -- [--reviewers 64] [--seconds 10] [--articles 20]
//!  [--database URL] [--only read|write]` (default: a fresh SQLite file in a temporary folder; a `postgres://` URL is
//! used as given and must name an empty database or schema).
//!
//! The server runs in this process on its own threads (as `claimdesk serve` would), the clients
//! on others: both share the machine's cores, as with wrk on loopback.

use claimdesk::config::Settings;
use claimdesk::startup::Application;
use claimdesk::storage::DatabaseUrl;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Options {
    reviewers: usize,
    seconds: u64,
    articles: usize,
    database: Option<String>,
    /// Measure only this kind of request (and the baseline): `read` or `write` (for profiling).
    only: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        reviewers: 64,
        seconds: 10,
        articles: 20,
        database: None,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--reviewers" => {
                o.reviewers = value().parse().unwrap_or_else(|_| fail("--reviewers N"))
            }
            "--seconds" => o.seconds = value().parse().unwrap_or_else(|_| fail("--seconds N")),
            "--articles" => o.articles = value().parse().unwrap_or_else(|_| fail("--articles N")),
            "--database" => o.database = Some(value()),
            "--only" => o.only = Some(value()),
            other => fail(&format!("unknown argument {other:?}")),
        }
    }
    if o.reviewers == 0 || o.articles == 0 || o.seconds == 0 {
        fail("--reviewers, --articles and --seconds must be at least 1");
    }
    o
}

fn fail(message: &str) -> ! {
    eprintln!("desk_load: {message}");
    std::process::exit(2);
}

/// Starts the server on `url` on threads of its own; its address and first admin password.
fn start_server(url: DatabaseUrl) -> (String, String) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut settings = Settings::new("127.0.0.1:0".into(), url);
        settings.encoder_dir = None;
        let app = Application::build(settings).unwrap_or_else(|e| fail(&format!("{e:#}")));
        let password = app
            .first_admin_password()
            .unwrap_or_else(|| fail("the database is not empty"))
            .to_string();
        tx.send((format!("http://127.0.0.1:{}", app.port()), password))
            .expect("main thread waits");
        actix_web::rt::System::new()
            .block_on(app.run_until_stopped())
            .expect("server runs");
    });
    rx.recv().expect("server started")
}

/// A logged-in session: its own client (its own connection) and bearer token.
#[derive(Clone)]
struct Session {
    client: reqwest::Client,
    token: String,
}

async fn login(base: &str, username: &str, password: &str) -> Session {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .expect("client");
    let r: Value = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .unwrap_or_else(|e| fail(&format!("login {username}: {e}")))
        .json()
        .await
        .expect("session JSON");
    Session {
        client,
        token: r["token"].as_str().expect("token").to_string(),
    }
}

async fn post(session: &Session, url: &str, body: &Value) -> Value {
    session
        .client
        .post(url)
        .bearer_auth(&session.token)
        .json(body)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .unwrap_or_else(|e| fail(&format!("POST {url}: {e}")))
        .json()
        .await
        .expect("JSON")
}

/// An article of short wire sentences, different for each `n` (figures and places change).
fn article_body(n: usize) -> String {
    let places = [
        "Lyon", "Lille", "Nantes", "Rennes", "Dijon", "Nice", "Metz", "Brest",
    ];
    (0..12)
        .map(|i| {
            let place = places[(n + i) % places.len()];
            let figure = 1_000 + (n * 37 + i * 101) % 90_000;
            match i % 4 {
                0 => format!(
                    "{figure} personnes ont manifesté jeudi à {place}, selon la préfecture."
                ),
                1 => format!(
                    "Le chômage a reculé de {}, {} % en un an à {place}.",
                    i % 9,
                    (n + i) % 10
                ),
                2 => format!(
                    "La mairie de {place} a voté un budget de {figure} euros pour les écoles."
                ),
                _ => format!(
                    "Le maire de {place} a été réélu après {} ans de mandat.",
                    2 + (n + i) % 30
                ),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What one kind of request measured.
struct Measured {
    ok: u64,
    failed: u64,
    per_second: f64,
    p50: f64,
    p99: f64,
}

/// Every session sends `request(session, i)` in a loop for `seconds`.
async fn drive<F, Fut>(sessions: &[Session], seconds: u64, request: F) -> Measured
where
    F: Fn(Session, u64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let failed = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for (k, session) in sessions.iter().enumerate() {
        let (session, failed, request) = (session.clone(), failed.clone(), request.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut i = k as u64 * 7919;
            while Instant::now() < deadline {
                let t0 = Instant::now();
                if request(session.clone(), i).await {
                    latencies.push(t0.elapsed());
                } else {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                i += 1;
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for w in workers {
        latencies.extend(w.await.unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Measured {
        ok: latencies.len() as u64,
        failed: failed.load(Ordering::Relaxed),
        per_second: latencies.len() as f64 / elapsed.max(1e-9),
        p50: pct(0.50),
        p99: pct(0.99),
    }
}

async fn succeeds(r: reqwest::RequestBuilder) -> bool {
    match r.send().await {
        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
        _ => false,
    }
}

#[tokio::main]
async fn main() {
    let o = options();
    let dir = tempfile::tempdir().expect("temp dir");
    let database = o
        .database
        .clone()
        .unwrap_or_else(|| dir.path().join("desk.db").to_string_lossy().into_owned());
    let url = DatabaseUrl::parse(&database).unwrap_or_else(|e| fail(&e));
    let (base, admin_password) = start_server(url.clone());
    let api = format!("{base}/api/v1");

    // Seeding, through the API like a newsroom would.
    let admin = login(&base, "admin", &admin_password).await;
    let password = "load-test-password-1";
    post(
        &admin,
        &format!("{api}/users"),
        &json!({"username": "editor", "role": "editor",
        "password": password, "display_name": "Editor"}),
    )
    .await;
    let editor = login(&base, "editor", password).await;
    let mut statements = Vec::new();
    let mut articles = Vec::new();
    for n in 0..o.articles {
        let a = post(
            &editor,
            &format!("{api}/articles"),
            &json!({"title": format!("Dépêche {n}"),
            "body": article_body(n), "language": "fr", "published_at": "2026-11-30"}),
        )
        .await;
        articles.push(a["id"].as_str().expect("id").to_string());
        for s in a["statements"].as_array().into_iter().flatten() {
            statements.push(s["id"].as_str().expect("id").to_string());
        }
    }
    let mut reviewers = Vec::new();
    for r in 0..o.reviewers {
        let name = format!("reviewer{r}");
        post(
            &admin,
            &format!("{api}/users"),
            &json!({"username": name, "role": "reviewer",
            "password": password, "display_name": format!("Reviewer {r}")}),
        )
        .await;
        reviewers.push(login(&base, &name, password).await);
    }
    println!(
        "seeded: {} articles, {} statements, {} reviewer sessions; {} s per measure; database {}",
        articles.len(),
        statements.len(),
        reviewers.len(),
        o.seconds,
        match url.backend() {
            claimdesk::storage::Backend::Sqlite => "SQLite",
            claimdesk::storage::Backend::Postgres => "PostgreSQL",
        }
    );

    let (articles, statements) = (Arc::new(articles), Arc::new(statements));
    let static_url = format!("{base}/static/app.css");
    let baseline = drive(&reviewers, o.seconds, move |s, _| {
        let url = static_url.clone();
        async move { succeeds(s.client.get(url)).await }
    })
    .await;
    let wanted = |kind: &str| o.only.as_deref().is_none_or(|only| only == kind);
    let seconds = |kind: &str| if wanted(kind) { o.seconds } else { 0 };
    let (a, api2) = (articles.clone(), api.clone());
    let read = drive(&reviewers, seconds("read"), move |s, i| {
        let url = format!("{api2}/articles/{}", a[i as usize % a.len()]);
        async move { succeeds(s.client.get(url).bearer_auth(&s.token)).await }
    })
    .await;
    let (st, api3) = (statements.clone(), api.clone());
    let write = drive(&reviewers, seconds("write"), move |s, i| {
        let url = format!(
            "{api3}/statements/{}/verdict",
            st[(i as usize * 31) % st.len()]
        );
        let verdict = ["verified", "disputed", "needs_source"][i as usize % 3];
        let body = json!({"verdict": verdict, "note": format!("load test {i}")});
        async move { succeeds(s.client.post(url).bearer_auth(&s.token).json(&body)).await }
    })
    .await;

    println!(
        "{:<44} {:>9} {:>7} {:>10} {:>7} {:>9} {:>9}",
        "request", "ok", "failed", "req/s", "ratio", "p50 ms", "p99 ms"
    );
    for (name, m) in [
        ("GET /static/app.css (trivial baseline)", &baseline),
        ("GET /api/v1/articles/{id}", &read),
        ("POST /api/v1/statements/{id}/verdict", &write),
    ] {
        println!(
            "{name:<44} {:>9} {:>7} {:>10.0} {:>7.3} {:>9.2} {:>9.2}",
            m.ok,
            m.failed,
            m.per_second,
            m.per_second / baseline.per_second,
            m.p50,
            m.p99
        );
    }

    let db = claimdesk::storage::Database::open(&url).expect("open");
    match claimdesk::command::audit::verify(&db, None) {
        Ok(v) => println!("audit chain after the run: {v:?}"),
        Err(e) => fail(&format!("audit verify: {e:#}")),
    }
}
