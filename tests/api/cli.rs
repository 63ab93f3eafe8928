use crate::helpers::{client, spawn_app, TestDatabase};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

pub fn claimdesk(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env_remove("CLAIMDESK_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimdesk");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("claimdesk output")
}

fn temp_file(content: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content).unwrap();
    f
}

#[tokio::test]
async fn user_add_with_password_on_stdin_creates_a_user_who_can_log_in() {
    let app = spawn_app().await;
    let out = claimdesk(
        &[
            "user",
            "add",
            "Nadia",
            "--role",
            "editor",
            "--password-stdin",
            "--database",
            &app.db.url,
        ],
        Some("nadia-password-42\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = client()
        .post(format!("{}/api/v1/session", app.address))
        .json(&json!({"username": "nadia", "password": "nadia-password-42"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["user"]["role"], "editor");
}

#[tokio::test]
async fn user_password_gives_a_locked_out_admin_a_way_back_in() {
    let app = spawn_app().await;
    let old = app.admin().await;
    let out = claimdesk(
        &[
            "user",
            "password",
            "admin",
            "--password-stdin",
            "--database",
            &app.db.url,
        ],
        Some("Back-in-2026!\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        old.get("/api/v1/session").await.status(),
        401,
        "sessions end"
    );
    app.login("admin", "Back-in-2026!").await;
    let weak = claimdesk(
        &[
            "user",
            "password",
            "admin",
            "--password-stdin",
            "--database",
            &app.db.url,
        ],
        Some("password1\n"),
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));
    let nobody = claimdesk(
        &["user", "password", "nobody", "--database", &app.db.url],
        None,
    );
    assert!(!nobody.status.success());
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("nobody"));
}

#[test]
fn user_add_refuses_a_bad_role_or_a_short_password_clearly() {
    let db = TestDatabase::new();
    let out = claimdesk(
        &["user", "add", "x", "--role", "boss", "--database", &db.url],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role"));
    let out = claimdesk(
        &[
            "user",
            "add",
            "x",
            "--role",
            "editor",
            "--password-stdin",
            "--database",
            &db.url,
        ],
        Some("short\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10 characters"));
}

#[test]
fn extract_prints_statement_jsonl_whose_text_is_the_byte_slice() {
    let text = include_str!("../fixtures/assad_moscou.txt");
    let file = temp_file(text.as_bytes());
    let out = claimdesk(
        &[
            "extract",
            "--format",
            "jsonl",
            file.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
        assert!(r["kind"].is_string() && r["rule"].is_string() && r["values"].is_array());
    }
}

#[test]
fn extract_reports_a_language_it_does_not_read_instead_of_reading_it_as_french() {
    let file = temp_file(
        "Le chômage a baissé de 3 % en 2023 selon l'Insee.\nEl desempleo bajó al 12 por ciento en marzo, según el INE y el gobierno.\nThe unemployment rate fell to 4.1 percent in October.\n".as_bytes(),
    );
    let out = claimdesk(
        &["extract", "--per-line", file.path().to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let lang_of = |line: u64| {
        rows.iter()
            .filter(|r| r["line"] == line)
            .map(|r| r["lang"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(lang_of(1).iter().all(|l| l == "fr") && !lang_of(1).is_empty());
    assert!(lang_of(2).is_empty(), "no statement from the Spanish line");
    assert!(lang_of(3).iter().all(|l| l == "en") && !lang_of(3).is_empty());
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains("Spanish") && warning.contains("line 2"),
        "{warning}"
    );
    // Forcing a language reads it anyway.
    let forced = claimdesk(
        &[
            "extract",
            "--per-line",
            "--lang",
            "fr",
            file.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\"line\":2"));
}

#[test]
fn extract_per_line_numbers_each_line_from_one() {
    let file = temp_file(
        "Le chômage a baissé de 3 % en 2023 selon l'Insee.\n\nThe unemployment rate fell to 4.1 percent in October, officials said.\n".as_bytes(),
    );
    let out = claimdesk(
        &["extract", "--per-line", file.path().to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let lines: Vec<u64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["line"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(lines.contains(&1) && lines.contains(&3), "{lines:?}");
    assert!(!lines.contains(&2));
}

#[test]
fn extract_refuses_invalid_utf8_with_a_clear_error() {
    let file = temp_file(&[b'C', b'a', 0xE9, b'\n']);
    let out = claimdesk(&["extract", file.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    let missing = claimdesk(&["extract", "/nonexistent/file.txt"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}

#[test]
fn extract_reads_relative_dates_against_the_given_date() {
    let file =
        temp_file("Le convoi est arrivé à Damas dimanche, a annoncé hier le ministère.".as_bytes());
    let path = file.path().to_str().unwrap();
    let out = claimdesk(
        &["extract", "--lang", "fr", "--date", "2024-12-09", path],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(r#""date":"2024-12-08""#), "{stdout}");
    // Without a date (and no dateline) the weekday stays unresolved.
    let bare = claimdesk(&["extract", "--lang", "fr", path], None);
    assert!(!String::from_utf8(bare.stdout).unwrap().contains("2024-12"));
    let bad = claimdesk(&["extract", "--date", "9 décembre", path], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--date"));
}

#[test]
fn extract_of_an_empty_file_prints_nothing() {
    let file = temp_file(b"");
    let out = claimdesk(&["extract", file.path().to_str().unwrap()], None);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn sentences_prints_spans_that_cover_the_text() {
    let text = "Première phrase ici. Deuxième phrase là !\nTroisième";
    let file = temp_file(text.as_bytes());
    let out = claimdesk(
        &[
            "sentences",
            file.path().to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        None,
    );
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2]["text"], "Troisième");
}

#[tokio::test]
async fn export_prints_the_report_of_an_article() {
    let app = spawn_app().await;
    let (_editor, _reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    let out = claimdesk(
        &["export", id, "--format", "md", "--database", &app.db.url],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("# Vérification: Bachar al-Assad est à Moscou"));
    let csv = claimdesk(
        &["export", id, "--format", "csv", "--database", &app.db.url],
        None,
    );
    assert!(csv.status.success());
    let unknown = claimdesk(
        &[
            "export",
            "00000000-0000-0000-0000-000000000000",
            "--format",
            "md",
            "--database",
            &app.db.url,
        ],
        None,
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no article"));
}

#[test]
fn a_bad_database_url_is_a_clear_error() {
    let out = claimdesk(
        &["audit", "verify", "--database", "mysql://localhost/x"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database scheme"));
    let out = claimdesk(
        &[
            "audit",
            "verify",
            "--database",
            "postgres://nobody@127.0.0.1:1/none",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot connect"));
}

#[tokio::test]
async fn migrate_data_copies_a_newsroom_with_its_audit_chain_intact() {
    use crate::helpers::{start_on, Session};
    // The source is always SQLite; the target is the suite's backend (PostgreSQL under
    // scripts/test-postgres).
    let source = TestDatabase::sqlite();
    let (address, password) = start_on(&source).await;
    let admin = Session::login_at(&address, "admin", &password.unwrap()).await;
    let r = admin
        .post(
            "/api/v1/users",
            &json!({"username": "edith", "role": "editor", "password": "edith-secret-pass"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let editor = Session::login_at(&address, "edith", "edith-secret-pass").await;
    let article = editor
        .load_article(
            &json!({"title": "Assad", "body": crate::helpers::FRENCH_STORY,
                               "published_at": "2024-12-09"}),
        )
        .await;
    let s = &article["statements"][0];
    let r = editor
        .post(
            &format!("/api/v1/statements/{}/verdict", s["id"].as_str().unwrap()),
            &json!({"verdict": "verified", "note": "Confirmé",
                    "sources": [{"url": "https://example.org/a", "title": "Dépêche"}]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = editor
        .post(
            "/api/v1/facts",
            &json!({"subject": "Baath", "attribute": "in power since", "date": "1963-03-08",
                    "source_url": "https://example.org/baath"}),
        )
        .await;
    assert_eq!(r.status(), 201);

    let target = TestDatabase::new();
    let out = claimdesk(
        &["migrate-data", "--from", &source.url, "--to", &target.url],
        None,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("audit trail intact"), "{stdout}");
    let verify = claimdesk(&["audit", "verify", "--database", &target.url], None);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );

    // The copy serves the same newsroom: people log in with their passwords, the verdict,
    // its sources, the fact base and search are there.
    let (address, created_admin) = start_on(&target).await;
    assert!(created_admin.is_none(), "the admin was copied, not created");
    let editor = Session::login_at(&address, "edith", "edith-secret-pass").await;
    let copied = editor
        .get_json(&format!(
            "/api/v1/articles/{}",
            article["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        copied["statements"].as_array().unwrap().len(),
        article["statements"].as_array().unwrap().len()
    );
    assert_eq!(copied["statements"][0]["verdict"], "verified");
    assert_eq!(copied["statements"][0]["sources"][0]["title"], "Dépêche");
    assert_eq!(
        editor
            .get_json("/api/v1/facts")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let hits = editor.get_json("/api/v1/search?q=Moscou").await;
    assert!(!hits.as_array().unwrap().is_empty());

    // A second copy into the same database is refused and changes nothing.
    let again = claimdesk(
        &["migrate-data", "--from", &source.url, "--to", &target.url],
        None,
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}
