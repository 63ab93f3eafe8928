use crate::helpers::{spawn_app_with, verify_and_approve_all};
use claimdesk::webhook::{signature, Webhook};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

/// One received request: headers (names lower-cased) and body.
type Received = (Vec<(String, String)>, Vec<u8>);

/// A one-request HTTP receiver on a free local port: returns its URL and what it received.
fn receiver() -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/claimdesk", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut headers = Vec::new();
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let length: usize = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut stream = stream;
        stream
            .write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .unwrap();
        tx.send((headers, body)).unwrap();
    });
    (url, rx)
}

#[tokio::test]
async fn signing_off_posts_a_signed_event_to_the_newsrooms_webhook() {
    let (url, received) = receiver();
    let secret = "a-long-shared-secret-for-tests";
    let app = spawn_app_with(|s| {
        s.webhook = Some(Webhook {
            url: url.clone(),
            secret: secret.into(),
        });
    })
    .await;
    let (editor, reviewer, article) = app.desk_with_article().await;
    verify_and_approve_all(&editor, &reviewer, &article).await;
    let aid = article["id"].as_str().unwrap();
    let r = editor
        .post(&format!("/api/v1/articles/{aid}/sign-off"), &json!({}))
        .await;
    assert_eq!(r.status(), 200);

    let (headers, body) =
        tokio::task::spawn_blocking(move || received.recv_timeout(Duration::from_secs(20)))
            .await
            .unwrap()
            .expect("the webhook was called");
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(header("content-type").as_deref(), Some("application/json"));
    assert_eq!(
        header("x-claimdesk-signature"),
        Some(signature(secret, &body)),
        "a valid signature"
    );
    let event: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["event"], "article.signed_off");
    assert_eq!(event["article"]["id"], article["id"]);
    assert!(event["report_url"].as_str().unwrap().starts_with("http"));
    assert_eq!(
        event["checkpoint"]["signature"].as_str().map(str::len),
        Some(128),
        "a signed checkpoint of the audit trail at sign-off"
    );
}

#[tokio::test]
async fn a_webhook_without_a_secret_is_refused_at_start() {
    let db = crate::helpers::TestDatabase::new();
    let url = claimdesk::storage::DatabaseUrl::parse(&db.url).unwrap();
    let mut settings = claimdesk::config::Settings::new("127.0.0.1:0".into(), url);
    settings.webhook = Some(Webhook {
        url: "http://127.0.0.1:9/x".into(),
        secret: String::new(),
    });
    let err = claimdesk::startup::Application::build(settings)
        .err()
        .expect("refused");
    assert!(err.to_string().contains("CLAIMDESK_WEBHOOK_SECRET"));
}
