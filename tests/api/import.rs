use crate::cli::claimdesk;
use crate::helpers::spawn_app;
use std::fs;

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Le Journal</title><link>https://journal.example.org</link>
<item><title>Inflation en baisse</title><link>https://journal.example.org/inflation</link>
<pubDate>Mon, 09 Dec 2024 10:00:00 +0000</pubDate>
<description>&lt;p&gt;L'inflation est tombée à 1,3 % sur un an en novembre, selon l'Insee.&lt;/p&gt;</description></item>
<item><title>Budget</title><link>https://journal.example.org/budget</link>
<description>Le gouvernement prévoit un déficit de 5 % du PIB en 2025.</description></item>
</channel></rss>"#;

#[tokio::test]
async fn import_loads_files_folders_json_lines_and_feeds_skips_bad_ones_and_never_duplicates() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("wire");
    fs::create_dir(&folder).unwrap();
    fs::write(
        folder.join("a.txt"),
        "Chômage\n\nLe taux de chômage a reculé à 7,3 % au troisième trimestre.\n",
    )
    .unwrap();
    fs::write(
        folder.join("b.md"),
        "# Énergie\n\nLa France a exporté 89 TWh d'électricité en 2024.\n",
    )
    .unwrap();
    fs::write(folder.join("c.html"), "<html><body><article><h1>Santé</h1><p>L'hôpital a soigné 12 000 patients en 2023.</p></article></body></html>").unwrap();
    fs::write(folder.join("bad.txt"), [0x43u8, 0xE9, 0xFF]).unwrap();
    fs::write(folder.join("ignored.png"), [0u8, 1, 2]).unwrap();
    let jsonl = dir.path().join("articles.jsonl");
    fs::write(
        &jsonl,
        "{\"title\": \"Un\", \"body\": \"Le Sénat a adopté le texte par 210 voix contre 110.\", \"url\": \"https://x.example/1\"}\n\
         {\"title\": \"Deux\"}\n\
         {\"title\": \"Trois\", \"body\": \"The unemployment rate fell to 4.1 percent in October.\", \"language\": \"en\", \"published_at\": \"2024-11-01\"}\n",
    )
    .unwrap();
    let feed = dir.path().join("journal.xml");
    fs::write(&feed, FEED).unwrap();
    let paths = [
        folder.to_str().unwrap(),
        jsonl.to_str().unwrap(),
        feed.to_str().unwrap(),
    ];

    let mut args = vec!["import"];
    args.extend(paths);
    args.extend(["--database", app.db.url.as_str()]);
    let out = claimdesk(&args, None);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(1), "two bad inputs: {stdout}");
    assert!(stdout.contains("imported 7 articles"), "{stdout}");
    assert!(stdout.contains("2 failed"), "{stdout}");
    assert!(
        stdout.contains("bad.txt") && stdout.contains("line 2"),
        "bad inputs are named: {stdout}"
    );

    let again = claimdesk(&args, None);
    let stdout = String::from_utf8_lossy(&again.stdout).to_string();
    assert!(
        stdout.contains("imported 0 articles") && stdout.contains("7 already there"),
        "{stdout}"
    );

    let editor = app.editor().await;
    let list = editor.get_json("/api/v1/articles").await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 7);
    let inflation = list
        .iter()
        .find(|a| a["title"] == "Inflation en baisse")
        .unwrap();
    assert_eq!(inflation["outlet"], "Le Journal");
    assert_eq!(inflation["published_at"], "2024-12-09");
    assert!(list.iter().any(|a| a["title"] == "Santé"));
    assert!(list
        .iter()
        .any(|a| a["title"] == "Trois" && a["language"] == "en"));
}

#[test]
fn import_needs_an_editor_and_existing_paths() {
    let db = crate::helpers::TestDatabase::new();
    let out = claimdesk(
        &[
            "import",
            "/nonexistent/x.txt",
            "--user",
            "nobody",
            "--database",
            &db.url,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no active user"));
}
