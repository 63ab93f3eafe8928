//! Live updates: the event stream of an article reports changes made through any instance,
//! resumes with Last-Event-ID, and says who has the article open.

use crate::helpers::{spawn_app, start_on, Session, TestApp};
use serde_json::{json, Value};
use std::time::Duration;

/// Reads Server-Sent Events from a streaming response.
struct Events {
    response: reqwest::Response,
    buffer: String,
}

/// One event: its id (if any) and its data.
type Event = (Option<i64>, Value);

impl Events {
    async fn open(session: &Session, base: &str, article: &str, last: Option<i64>) -> Self {
        let mut request = session
            .client
            .get(format!("{base}/api/v1/articles/{article}/events"));
        if let Some(id) = last {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event with data, within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<Event> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = None;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id: ") {
                        id = v.parse().ok();
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        data = Some(serde_json::from_str(v).expect("data is JSON"));
                    }
                }
                if let Some(data) = data {
                    return Some((id, data));
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The first event within `wait` for which `wanted` holds.
    async fn until(&mut self, wait: Duration, wanted: impl Fn(&Event) -> bool) -> Option<Event> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let event = self.next(left).await?;
            if wanted(&event) {
                return Some(event);
            }
        }
    }
}

fn is_verdict_on(sid: &str) -> impl Fn(&Event) -> bool + '_ {
    move |(_, data)| data["type"] == "verdict.record" && data["statement_id"] == sid
}

fn viewers(data: &Value) -> Vec<String> {
    data["viewers"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|u| u["username"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn record_verdict(session: &Session, sid: &str) {
    let r = session
        .post(
            &format!("/api/v1/statements/{sid}/verdict"),
            &json!({"verdict": "verified", "note": "Confirmé par le Kremlin."}),
        )
        .await;
    assert_eq!(r.status(), 200);
}

async fn desk(app: &TestApp) -> (Session, Session, String, String) {
    let (editor, reviewer, article) = app.desk_with_article().await;
    let aid = article["id"].as_str().unwrap().to_string();
    let sid = article["statements"][0]["id"].as_str().unwrap().to_string();
    (editor, reviewer, aid, sid)
}

#[tokio::test]
async fn a_verdict_reaches_an_open_stream_within_two_seconds() {
    let app = spawn_app().await;
    let (editor, reviewer, aid, sid) = desk(&app).await;
    let mut events = Events::open(&editor, &app.address, &aid, None).await;
    let (_, first) = events.next(Duration::from_secs(2)).await.expect("presence");
    assert_eq!(first["type"], "presence");
    assert_eq!(viewers(&first), ["edith"]);
    let started = std::time::Instant::now();
    record_verdict(&reviewer, &sid).await;
    let (id, data) = events
        .until(Duration::from_secs(2), is_verdict_on(&sid))
        .await
        .expect("the verdict within 2 s");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(id.is_some(), "changes carry their audit sequence number");
    assert_eq!(data["actor"], "remi");
    assert_eq!(data["actor_name"], "remi (test)");
    assert_eq!(data["version"], 2);
}

#[tokio::test]
async fn a_verdict_recorded_on_another_instance_reaches_the_stream() {
    let app = spawn_app().await;
    let (editor, reviewer, aid, sid) = desk(&app).await;
    // On PostgreSQL a second instance is a second server process sharing the database, and the
    // change travels by NOTIFY; SQLite has one instance per file, so both sessions use it.
    let other = if app.db.is_postgres() {
        start_on(&app.db).await.0
    } else {
        app.address.clone()
    };
    let mut events = Events::open(&editor, &other, &aid, None).await;
    events.next(Duration::from_secs(2)).await.expect("presence");
    record_verdict(&reviewer, &sid).await;
    assert!(events
        .until(Duration::from_secs(2), is_verdict_on(&sid))
        .await
        .is_some());
}

#[tokio::test]
async fn a_reconnecting_stream_gets_what_it_missed_after_last_event_id() {
    let app = spawn_app().await;
    let (editor, reviewer, aid, sid) = desk(&app).await;
    let mut first = Events::open(&editor, &app.address, &aid, None).await;
    first.next(Duration::from_secs(2)).await.expect("presence");
    let other = statement_after(&editor, &aid, &sid).await;
    record_verdict(&reviewer, &sid).await;
    let (seen, _) = first
        .until(Duration::from_secs(2), is_verdict_on(&sid))
        .await
        .unwrap();
    drop(first);
    // While the browser is away, another verdict is recorded.
    record_verdict(&reviewer, &other).await;
    let mut again = Events::open(&editor, &app.address, &aid, seen).await;
    let (id, _) = again
        .until(Duration::from_secs(2), is_verdict_on(&other))
        .await
        .expect("the missed verdict");
    assert!(id > seen);
}

async fn statement_after(session: &Session, aid: &str, sid: &str) -> String {
    let article = session.get_json(&format!("/api/v1/articles/{aid}")).await;
    article["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .find(|id| id != sid)
        .unwrap()
}

#[tokio::test]
async fn viewers_are_listed_while_they_have_the_article_open() {
    let app = spawn_app().await;
    let (editor, reviewer, aid, _) = desk(&app).await;
    let mut mine = Events::open(&editor, &app.address, &aid, None).await;
    mine.next(Duration::from_secs(2)).await.expect("presence");
    let mut theirs = Events::open(&reviewer, &app.address, &aid, None).await;
    let both = mine
        .until(Duration::from_secs(2), |(_, d)| viewers(d).len() == 2)
        .await
        .expect("the reviewer joins");
    assert_eq!(viewers(&both.1), ["edith", "remi"]);
    theirs.next(Duration::from_secs(2)).await.expect("presence");
    drop(theirs);
    // The server notices the closed stream at its next keep-alive (every 5 s) and tells the
    // others.
    let alone = mine
        .until(Duration::from_secs(12), |(_, d)| {
            d["type"] == "presence" && viewers(d) == ["edith"]
        })
        .await;
    assert!(alone.is_some(), "the reviewer left");
}

#[tokio::test]
async fn a_stream_needs_a_login_and_a_real_article() {
    let app = spawn_app().await;
    let (editor, _reviewer, aid, _) = desk(&app).await;
    let anonymous = reqwest::Client::new()
        .get(format!("{}/api/v1/articles/{aid}/events", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let unknown = editor
        .get("/api/v1/articles/00000000-0000-4000-8000-000000000000/events")
        .await;
    assert_eq!(unknown.status(), 404);
}
