//! Snapshots of every report format for one fixed article: any change to what leaves the
//! building shows up as a diff to review (`INSTA_UPDATE=always cargo test` to accept).

use super::*;
use crate::extract::{Lang, Value as Quantity};
use crate::service::view::{ArticleView, StatementView, VerdictCounts};
use crate::storage::source::SourceRow;
use chrono::{NaiveDate, NaiveDateTime};

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 12, 9)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("valid time")
}

fn statement(id: &str, start: usize, text: &str, verdict: &str) -> StatementView {
    StatementView {
        id: id.into(),
        article_id: "7f1c0c1e-0000-4000-8000-000000000001".into(),
        start,
        end: start + text.len(),
        text: text.into(),
        kind: "event".into(),
        values: Vec::new(),
        gloss_en: None,
        score: 0.8,
        rule: "clause.event".into(),
        origin: "extracted".into(),
        verdict: verdict.into(),
        note: String::new(),
        sources: Vec::new(),
        reviewed_by: (verdict != "unreviewed").then(|| "Rémi Vérificateur".into()),
        reviewed_at: (verdict != "unreviewed").then(|| at(10, 30)),
        assigned_to: Some("remi".into()),
        approval: if verdict == "unreviewed" {
            "none"
        } else {
            "approved"
        }
        .into(),
        is_final: verdict != "unreviewed",
        approved_by: (verdict != "unreviewed").then(|| "Edith Éditrice".into()),
        approved_at: (verdict != "unreviewed").then(|| at(11, 0)),
        rejection_reason: None,
        created_at: at(9, 0),
        updated_at: at(11, 0),
        version: 3,
    }
}

fn fixed_report(lang: Lang) -> ReportView {
    let mut moscou = statement("s-1", 0, "Bachar al-Assad est à Moscou", "verified");
    moscou.kind = "location".into();
    moscou.note = "Confirmé par TASS et par le Kremlin.".into();
    moscou.sources = vec![SourceRow {
        id: "src-1".into(),
        statement_id: "s-1".into(),
        position: 0,
        url: "https://tass.ru/politika/22618241".into(),
        title: Some("TASS, 8 décembre 2024".into()),
        excerpt: Some("Assad and his family arrived in Moscow".into()),
        created_at: at(10, 0),
    }];
    let mut duration = statement("s-2", 40, "24 ans de pouvoir", "disputed");
    duration.kind = "duration".into();
    duration.values = vec![Quantity::Duration {
        value: 24.0,
        unit: "year".into(),
        approx: false,
    }];
    duration.gloss_en = Some("24 years in power".into());
    duration.note = "Au pouvoir depuis juillet 2000 : 24 ans et 5 mois, « près de 25 ans ».".into();
    let open = statement(
        "s-3",
        70,
        "des milliers de Syriens ont célébré",
        "unreviewed",
    );
    let statements = vec![moscou, duration, open];
    let mut counts = VerdictCounts::default();
    for s in &statements {
        counts.add(&s.verdict, 1);
    }
    let t = labels(lang);
    ReportView {
        newsroom: "Desk Vérif".into(),
        generated_at: at(12, 0),
        report_url: "https://factcheck.example.org/api/v1/articles/7f1c/report?format=html".into(),
        article: ArticleView {
            id: "7f1c0c1e-0000-4000-8000-000000000001".into(),
            title: "Bachar al-Assad est à Moscou".into(),
            body: String::new(),
            language: "fr".into(),
            outlet: Some("Agence test".into()),
            url: Some("https://news.example.org/assad-moscou".into()),
            published_at: NaiveDate::from_ymd_opt(2024, 12, 9),
            status: "in_review".into(),
            created_at: at(9, 0),
            updated_at: at(11, 0),
            version: 1,
            assigned_to: Some("remi".into()),
            signed_off_by: None,
            signed_off_at: None,
            counts,
            final_count: 2,
            statements,
        },
        verdict_scale: verdict_scale(lang),
        methodology: t.methodology_text.into(),
        corrections: vec![Correction {
            statement_id: "s-2".into(),
            statement_text: "24 ans de pouvoir".into(),
            from: "verified".into(),
            to: "disputed".into(),
            from_label: verdict_code_label("verified", lang),
            to_label: verdict_code_label("disputed", lang),
            by: "Rémi Vérificateur".into(),
            at: at(10, 45),
            note: "Durée arrondie.".into(),
            after_sign_off: false,
        }],
        chain_head: Some(ChainHead {
            seq: 42,
            hash: "9f".repeat(32),
        }),
        status_label: status_label("in_review", lang),
        t,
        newsroom_url: Some("https://desk.example.org".into()),
    }
}

fn text(format: Format, lang: Lang) -> String {
    String::from_utf8(render(&fixed_report(lang), format).expect("renders")).expect("UTF-8")
}

#[test]
fn html_report_in_french() {
    insta::assert_snapshot!(text(Format::Html, Lang::Fr));
}

#[test]
fn html_report_in_english() {
    insta::assert_snapshot!(text(Format::Html, Lang::En));
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!(text(Format::Markdown, Lang::Fr));
}

#[test]
fn csv_report() {
    insta::assert_snapshot!(text(Format::Csv, Lang::Fr));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(text(Format::Json, Lang::Fr));
}

#[test]
fn claimreview_report() {
    insta::assert_snapshot!(text(Format::ClaimReview, Lang::Fr));
}
