//! Snapshots of every report format for one fixed article: any change to what leaves the
//! building shows up as a diff to review (`INSTA_UPDATE=always cargo test` to accept).

use super::*;
use crate::domain::{Approval, ArticleStatus, Kind, Origin, StatementId, Verdict};
use crate::extract::{Lang, Value as Quantity};
use crate::storage::source::SourceRow;
use crate::view::{ArticleView, StatementView, VerdictCounts};
use chrono::{NaiveDate, NaiveDateTime};

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 12, 9)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("valid time")
}

const ARTICLE: &str = "7f1c0c1e-0000-4000-8000-000000000001";

/// The fixed id of statement `n`.
fn sid(n: u32) -> StatementId {
    format!("5e000000-0000-4000-8000-{n:012}")
        .parse()
        .expect("valid id")
}

fn statement(id: StatementId, start: usize, text: &str, verdict: Verdict) -> StatementView {
    let reviewed = verdict != Verdict::Unreviewed;
    StatementView {
        id,
        article_id: ARTICLE.parse().expect("valid id"),
        start,
        end: start + text.len(),
        text: text.into(),
        kind: Kind::Event,
        values: Vec::new(),
        gloss_en: None,
        score: 0.8,
        rule: "clause.event".into(),
        origin: Origin::Extracted,
        verdict,
        note: String::new(),
        sources: Vec::new(),
        reviewed_by: reviewed.then(|| "Rémi Vérificateur".into()),
        reviewed_at: reviewed.then(|| at(10, 30)),
        reviewed_by_id: None,
        assigned_to: Some("remi".into()),
        approval: if reviewed {
            Approval::Approved
        } else {
            Approval::None
        },
        is_final: reviewed,
        approved_by: reviewed.then(|| "Edith Éditrice".into()),
        approved_at: reviewed.then(|| at(11, 0)),
        rejection_reason: None,
        created_at: at(9, 0),
        updated_at: at(11, 0),
        version: 3,
    }
}

fn fixed_report(lang: Lang) -> ReportView {
    let mut moscou = statement(sid(1), 0, "Bachar al-Assad est à Moscou", Verdict::Verified);
    moscou.kind = Kind::Location;
    moscou.note = "Confirmé par TASS et par le Kremlin.".into();
    moscou.sources = vec![SourceRow {
        id: "5c000000-0000-4000-8000-000000000001"
            .parse()
            .expect("valid id"),
        statement_id: sid(1),
        position: 0,
        url: "https://tass.ru/politika/22618241".into(),
        title: Some("TASS, 8 décembre 2024".into()),
        excerpt: Some("Assad and his family arrived in Moscow".into()),
        created_at: at(10, 0),
    }];
    let mut duration = statement(sid(2), 40, "24 ans de pouvoir", Verdict::Disputed);
    duration.kind = Kind::Duration;
    duration.values = vec![Quantity::Duration {
        value: 24.0,
        unit: "year".into(),
        approx: false,
        bound: None,
    }];
    duration.gloss_en = Some("24 years in power".into());
    duration.note = "Au pouvoir depuis juillet 2000 : 24 ans et 5 mois, « près de 25 ans ».".into();
    let open = statement(
        sid(3),
        70,
        "des milliers de Syriens ont célébré",
        Verdict::Unreviewed,
    );
    let statements = vec![moscou, duration, open];
    let mut counts = VerdictCounts::default();
    for s in &statements {
        counts.add(s.verdict, 1);
    }
    let t = labels(lang);
    ReportView {
        newsroom: "Desk Vérif".into(),
        generated_at: at(12, 0),
        report_url: "https://factcheck.example.org/api/v1/articles/7f1c/report?format=html".into(),
        article: ArticleView {
            id: ARTICLE.parse().expect("valid id"),
            title: "Bachar al-Assad est à Moscou".into(),
            body: String::new(),
            language: "fr".into(),
            outlet: Some("Agence test".into()),
            url: Some("https://news.example.org/assad-moscou".into()),
            published_at: NaiveDate::from_ymd_opt(2024, 12, 9),
            status: ArticleStatus::InReview,
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
            statement_id: sid(2).to_string(),
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
        checkpoint: None,
        chain_head: Some(ChainHead {
            seq: 42,
            hash: "9f".repeat(32),
        }),
        status_label: status_label(ArticleStatus::InReview, lang),
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
