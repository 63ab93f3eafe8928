//! The process killed (SIGKILL) in the middle of a stream of writes: every write it acknowledged
//! is there after a restart, and the audit trail still verifies.

use crate::cli::claimdesk;
use crate::helpers::{client, TestDatabase, FRENCH_STORY};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The real binary serving `db` on a free port: the process, its address, the first admin's
/// password if this start created it.
fn serve(db: &TestDatabase) -> (Child, String, Option<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database", &db.url])
        .env_remove("CLAIMDESK_DATABASE_URL")
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start claimdesk serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut password = None;
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(p) = line.strip_prefix("    ") {
            password = Some(p.trim().to_string());
        }
        if let Some(rest) = line.split("serving on ").nth(1) {
            let address = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            // Keep reading the pipe so the server never blocks on a full one.
            std::thread::spawn(move || for _ in lines.by_ref() {});
            return (child, address, password);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not start");
}

async fn token(address: &str, password: &str) -> String {
    let body: Value = client()
        .post(format!("{address}/api/v1/session"))
        .json(&json!({"username": "admin", "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["token"].as_str().expect("token").to_string()
}

#[tokio::test]
async fn writes_acknowledged_before_a_sigkill_are_all_there_after_a_restart() {
    let db = TestDatabase::new();
    let (mut server, address, password) = serve(&db);
    let password = password.expect("first admin");
    let bearer = token(&address, &password).await;
    let article: Value = client()
        .post(format!("{address}/api/v1/articles"))
        .bearer_auth(&bearer)
        .json(&json!({"title": "Assad à Moscou", "body": FRENCH_STORY}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<String> = article["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();

    // Eight writers record verdicts with unique notes until the process is killed.
    let started = Instant::now();
    let writers = (0..8).map(|w| {
        let (address, bearer, ids) = (address.clone(), bearer.clone(), ids.clone());
        tokio::spawn(async move {
            let http = client();
            let mut acknowledged = Vec::new();
            for i in 0.. {
                if started.elapsed() > Duration::from_secs(3) {
                    break;
                }
                let sid = &ids[(w + i * 8) % ids.len()];
                let note = format!("writer {w}, write {i}");
                let sent = http
                    .post(format!("{address}/api/v1/statements/{sid}/verdict"))
                    .bearer_auth(&bearer)
                    .json(&json!({"verdict": "verified", "note": note}))
                    .timeout(Duration::from_secs(5))
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == 200 => acknowledged.push((sid.clone(), note)),
                    _ => break, // the server is gone
                }
            }
            acknowledged
        })
    });
    let writers: Vec<_> = writers.collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().expect("SIGKILL the server");
    let _ = server.wait();
    let mut acknowledged = Vec::new();
    for w in writers {
        acknowledged.extend(w.await.unwrap());
    }
    assert!(
        acknowledged.len() >= 8,
        "only {} writes before the kill",
        acknowledged.len()
    );

    let (mut again, address, _) = serve(&db);
    let bearer = token(&address, &password).await;
    for sid in &ids {
        let history: Value = client()
            .get(format!("{address}/api/v1/statements/{sid}/history"))
            .bearer_auth(&bearer)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let notes: Vec<String> = history
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["after_json"].as_str())
            .filter_map(|j| serde_json::from_str::<Value>(j).ok())
            .filter_map(|v| v["note"].as_str().map(str::to_string))
            .collect();
        for (_, note) in acknowledged.iter().filter(|(s, _)| s == sid) {
            assert!(
                notes.contains(note),
                "acknowledged write {note:?} of {sid} is lost"
            );
        }
    }
    let _ = again.kill();
    let _ = again.wait();
    let out = claimdesk(&["audit", "verify", "--database", &db.url], None);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes that arrive together share a commit on SQLite: each is answered after its own
/// commit, a refused one (stale version) undoes nothing of the others, and the audit chain has
/// one event per accepted write, in order.
#[tokio::test]
async fn concurrent_writes_all_land_and_a_refused_one_undoes_nothing_else() {
    use crate::helpers::spawn_app;
    use serde_json::json;
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let statements: Vec<String> = article["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(statements.len() >= 8);
    let mut tasks = Vec::new();
    for (i, id) in statements.iter().enumerate().take(24) {
        let (reviewer, id) = (reviewer.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            // Every fourth claims a version the statement never had: refused with 409.
            let body = if i % 4 == 3 {
                json!({"verdict": "disputed", "note": format!("stale {i}"), "version": 99})
            } else {
                json!({"verdict": "verified", "note": format!("note {i}")})
            };
            let r = reviewer
                .post(&format!("/api/v1/statements/{id}/verdict"), &body)
                .await;
            (i, id, r.status().as_u16())
        }));
    }
    let mut accepted = Vec::new();
    for t in tasks {
        let (i, id, status) = t.await.unwrap();
        if i % 4 == 3 {
            assert_eq!(status, 409, "statement {i}");
        } else {
            assert_eq!(status, 200, "statement {i}");
            accepted.push((i, id));
        }
    }
    for (i, id) in &accepted {
        let s = reviewer.get_json(&format!("/api/v1/statements/{id}")).await;
        assert_eq!(s["verdict"], "verified");
        assert_eq!(s["note"], format!("note {i}"));
    }
    let recorded = app
        .db
        .count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'verdict.record'");
    assert_eq!(recorded, accepted.len() as i64);
    let verify = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["audit", "verify", "--database", &app.db.url])
        .output()
        .expect("audit verify runs");
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}
