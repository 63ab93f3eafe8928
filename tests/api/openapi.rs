use crate::helpers::{client, spawn_app};
use serde_json::Value;
use std::collections::BTreeSet;

/// (METHOD, /path) of every route the API registers, read from the route tables in
/// `src/web/api/`: `web::resource("/p").route(web::get()...)` and `.route("/p", web::get()...)`.
fn routes_in_code() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/api");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        // Direct routes: .route("/p", web::method()
        for (i, _) in src.match_indices(".route(\"") {
            let rest = &src[i + 8..];
            let route = &rest[..rest.find('"').unwrap()];
            let method = rest
                .split("web::")
                .nth(1)
                .unwrap()
                .split("()")
                .next()
                .unwrap();
            found.insert((method.to_uppercase(), route.to_string()));
        }
        // Resources: web::resource("/p") followed by .route(web::method() calls.
        let parts: Vec<&str> = src.split("web::resource(\"").collect();
        for part in &parts[1..] {
            let route = &part[..part.find('"').unwrap()];
            for chunk in part.split(".route(web::").skip(1) {
                let method = chunk.split("()").next().unwrap();
                found.insert((method.to_uppercase(), route.to_string()));
            }
        }
    }
    found
}

fn routes_in_document(doc: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            found.insert((method.to_uppercase(), path.clone()));
        }
    }
    found
}

#[tokio::test]
async fn the_openapi_document_describes_exactly_the_routes_the_api_serves() {
    let app = spawn_app().await;
    let r = client()
        .get(format!("{}/api/v1/openapi.json", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented = routes_in_document(&doc);
    let served = routes_in_code();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let phantom: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from openapi.json: {undocumented:?}"
    );
    assert!(
        phantom.is_empty(),
        "documented routes the API does not serve: {phantom:?}"
    );
    assert!(served.len() >= 35, "{served:?}");

    // And each documented route answers as a route (not the API's 404 for unknown routes, nor 405).
    let admin = app.admin().await;
    let fake_id = "00000000-0000-0000-0000-000000000000";
    for (method, path) in &documented {
        if method == "DELETE" && path == "/session" {
            continue; // it would log the admin out; the session tests cover it
        }
        let url = admin.url(&format!("/api/v1{}", path.replace("{id}", fake_id)));
        let req = match method.as_str() {
            "GET" => admin.client.get(&url),
            "POST" => admin.client.post(&url),
            "PUT" => admin.client.put(&url),
            "PATCH" => admin.client.patch(&url),
            "DELETE" => admin.client.delete(&url),
            other => panic!("unexpected method {other}"),
        };
        let r = req
            .header("X-CSRF-Token", &admin.csrf)
            .send()
            .await
            .unwrap();
        assert_ne!(r.status(), 405, "{method} {path}");
        assert_ne!(
            r.status(),
            401,
            "{method} {path}: the admin is still logged in"
        );
        if r.status() == 404 {
            let body: Value = r.json().await.unwrap_or_default();
            assert_ne!(
                body["error"]["message"], "no such API route",
                "{method} {path}"
            );
        }
    }
}
