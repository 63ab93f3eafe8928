use crate::helpers::{spawn_app, statement_containing, Session};
use serde_json::{json, Value};

/// An article with one statement of each verdict, and one verdict changed afterwards.
async fn reviewed_article(app: &crate::helpers::TestApp) -> (Session, Value) {
    let (editor, reviewer, article) = app.desk_with_article().await;
    let marks = [
        ("Moscou", "verified"),
        ("24 ans", "disputed"),
        ("Sky News", "needs_source"),
    ];
    for (needle, verdict) in marks {
        let s = statement_containing(&article, needle);
        let r = reviewer
            .post(
                &format!("/api/v1/statements/{}/verdict", s["id"].as_str().unwrap()),
                &json!({"verdict": verdict, "note": format!("note {verdict}"),
                        "sources": [{"url": "https://source.example.org/doc", "title": "Document source"}]}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let changed = statement_containing(&article, "Sky News");
    let r = reviewer
        .post(
            &format!(
                "/api/v1/statements/{}/verdict",
                changed["id"].as_str().unwrap()
            ),
            &json!({"verdict": "verified", "note": "Confirmé par une vidéo de Sky News."}),
        )
        .await;
    assert_eq!(r.status(), 200);
    // A second person approves them all, so the verdicts are final (and published).
    for (needle, _) in marks {
        let s = statement_containing(&article, needle);
        let path = format!("/api/v1/statements/{}/approval", s["id"].as_str().unwrap());
        let r = editor.post(&path, &json!({"decision": "approve"})).await;
        assert_eq!(r.status(), 200);
    }
    (reviewer, article)
}

#[tokio::test]
async fn the_html_report_holds_verdicts_scale_methodology_corrections_and_chain_head() {
    let app = spawn_app().await;
    let (reviewer, article) = reviewed_article(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer
        .get(&format!("/api/v1/articles/{id}/report?format=html"))
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = r.text().await.unwrap();
    for needle in [
        "Bachar al-Assad est à Moscou",
        "note verified",
        "note disputed",
        "source.example.org",
        "Échelle des verdicts",
        "Méthode",
        "Rectificatifs",
        "Source manquante → Vérifié",
        "Tête de la chaîne d",
        "@media print",
        "application/ld+json",
        "remi (test)",
        "<html lang=\"fr\">",
    ] {
        assert!(
            html.contains(needle),
            "the HTML report of a French article lacks {needle:?}"
        );
    }
    let english = reviewer
        .get(&format!("/api/v1/articles/{id}/report?format=html&lang=en"))
        .await
        .text()
        .await
        .unwrap();
    for needle in [
        "Verdict scale",
        "Methodology",
        "Corrections",
        "Audit chain head at export",
        "Needs source",
    ] {
        assert!(
            english.contains(needle),
            "the English HTML report lacks {needle:?}"
        );
    }
    assert_eq!(
        reviewer
            .get(&format!("/api/v1/articles/{id}/report?lang=de"))
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn the_markdown_report_lists_statements_in_reading_order() {
    let app = spawn_app().await;
    let (reviewer, article) = reviewed_article(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer
        .get(&format!("/api/v1/articles/{id}/report?format=md"))
        .await;
    assert_eq!(r.status(), 200);
    let md = r.text().await.unwrap();
    assert!(
        md.starts_with("# Vérification: Bachar al-Assad est à Moscou"),
        "{md}"
    );
    let moscou = md.find("VÉRIFIÉ").unwrap();
    let disputed = md.find("CONTESTÉ").unwrap();
    assert!(moscou < disputed, "reading order");
    assert!(md.contains("[Document source](<https://source.example.org/doc>)"));
    assert!(md.contains("| Source manquante → Vérifié |"));
}

#[tokio::test]
async fn the_csv_report_has_a_header_and_a_row_per_statement_with_accents_intact() {
    let app = spawn_app().await;
    let (reviewer, article) = reviewed_article(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer
        .get(&format!("/api/v1/articles/{id}/report?format=csv"))
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".csv"));
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for spreadsheets");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "article_id");
    let verdict_col = header.iter().position(|h| h == "verdict").unwrap();
    let text_col = header.iter().position(|h| h == "text").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), article["statements"].as_array().unwrap().len());
    assert_eq!(
        rows.iter()
            .filter(|r| &r[verdict_col] == "verified")
            .count(),
        2
    );
    assert!(rows.iter().any(|r| r[text_col].contains("à Moscou")));
}

#[tokio::test]
async fn the_json_report_matches_the_article() {
    let app = spawn_app().await;
    let (reviewer, article) = reviewed_article(&app).await;
    let id = article["id"].as_str().unwrap();
    let report = reviewer
        .get_json(&format!("/api/v1/articles/{id}/report?format=json"))
        .await;
    assert_eq!(report["article"]["id"], id);
    assert_eq!(report["article"]["counts"]["verified"], 2);
    assert_eq!(report["corrections"].as_array().unwrap().len(), 1);
    assert_eq!(report["chain_head"]["hash"].as_str().unwrap().len(), 64);
    assert_eq!(report["verdict_scale"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn claimreview_has_one_review_per_final_verdict_with_absolute_urls() {
    let app = spawn_app().await;
    let (reviewer, article) = reviewed_article(&app).await;
    let id = article["id"].as_str().unwrap();
    let reviews = reviewer
        .get_json(&format!("/api/v1/articles/{id}/report?format=claimreview"))
        .await;
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 3);
    for r in reviews {
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r["claimReviewed"].as_str().unwrap().chars().count() < 75);
        assert!(r["url"].as_str().unwrap().starts_with("http"));
        check_json_ld(r);
        let name = r["reviewRating"]["alternateName"].as_str().unwrap();
        assert!(
            ["Vérifié", "Contesté", "Source manquante"].contains(&name),
            "{name}"
        );
        assert_eq!(r["datePublished"].as_str().unwrap().len(), 10);
        assert_eq!(
            r["itemReviewed"]["appearance"]["url"],
            "https://news.example.org/assad-moscou"
        );
        assert_eq!(r["author"]["@type"], "Organization");
    }
}

#[tokio::test]
async fn an_unknown_report_format_is_a_400() {
    let app = spawn_app().await;
    let (_editor, reviewer, article) = app.desk_with_article().await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer
        .get(&format!("/api/v1/articles/{id}/report?format=docx"))
        .await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn every_article_loaded_in_a_date_range_exports_as_one_csv_or_json() {
    let app = spawn_app().await;
    let (editor, _reviewer, first) = app.desk_with_article().await;
    let second = editor
        .load_article(&json!({"title": "Budget", "body": "Le déficit public a atteint 5,5 % du PIB en 2023, selon l'Insee."}))
        .await;
    let today = chrono::Utc::now().date_naive();
    let r = editor
        .get(&format!(
            "/api/v1/reports?from={today}&to={today}&format=csv"
        ))
        .await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = first["statements"].as_array().unwrap().len()
        + second["statements"].as_array().unwrap().len();
    assert_eq!(rows.len(), expected);
    let json = editor
        .get_json(&format!(
            "/api/v1/reports?from={today}&to={today}&format=json"
        ))
        .await;
    assert_eq!(json.as_array().unwrap().len(), 2);
    let tomorrow = today.succ_opt().unwrap();
    let none = editor
        .get_json(&format!(
            "/api/v1/reports?from={tomorrow}&to={tomorrow}&format=json"
        ))
        .await;
    assert_eq!(none, json!([]));
    assert_eq!(
        editor
            .get("/api/v1/reports?from=hier&to=2024-01-01")
            .await
            .status(),
        422
    );
    assert_eq!(
        editor
            .get(&format!(
                "/api/v1/reports?from={today}&to={today}&format=html"
            ))
            .await
            .status(),
        400
    );
    assert_eq!(
        editor
            .get(&format!("/api/v1/reports?from={tomorrow}&to={today}"))
            .await
            .status(),
        422
    );

    let out = crate::cli::claimdesk(
        &[
            "export",
            "--from",
            &today.to_string(),
            "--to",
            &today.to_string(),
            "--format",
            "json",
            "--database",
            &app.db.url,
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(exported.as_array().unwrap().len(), 2);
}

/// A JSON-LD check of one ClaimReview: required fields present with the right types, and every
/// URL anywhere in it absolute.
fn check_json_ld(review: &Value) {
    assert_eq!(review["@context"], "https://schema.org");
    for field in ["url", "claimReviewed", "datePublished"] {
        assert!(
            review[field].is_string(),
            "ClaimReview.{field} must be a string"
        );
    }
    let rating = &review["reviewRating"];
    assert_eq!(rating["@type"], "Rating");
    for field in ["ratingValue", "bestRating", "worstRating"] {
        assert!(
            rating[field].is_number(),
            "reviewRating.{field} must be a number"
        );
    }
    assert!(rating["worstRating"].as_f64() <= rating["ratingValue"].as_f64());
    assert!(rating["ratingValue"].as_f64() <= rating["bestRating"].as_f64());
    assert!(rating["name"].is_string() && rating["alternateName"].is_string());
    assert_eq!(review["itemReviewed"]["@type"], "Claim");
    assert_eq!(review["author"]["@type"], "Organization");
    assert!(review["author"]["name"].is_string());
    fn urls(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "url" || k == "@context" {
                        out.push(v.as_str().unwrap_or_default().to_string());
                    } else {
                        urls(v, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| urls(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    urls(review, &mut found);
    assert!(found.len() >= 3);
    for u in found {
        let parsed = url::Url::parse(&u).unwrap_or_else(|e| panic!("{u:?} is not absolute: {e}"));
        assert!(matches!(parsed.scheme(), "http" | "https"), "{u}");
    }
}

#[tokio::test]
async fn the_pdf_report_is_a_pdf_holding_the_statements() {
    let app = spawn_app().await;
    let (reviewer, article) = reviewed_article(&app).await;
    let id = article["id"].as_str().unwrap();
    let r = reviewer
        .get(&format!("/api/v1/articles/{id}/report?format=pdf"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"));
    // Text is drawn in Windows-1252 ("à" is 0xE0), uncompressed.
    let needle: Vec<u8> = "Bachar al-Assad est \u{e0} Moscou"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    assert!(
        bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
        "the title is in the PDF"
    );
}
