//! Fact-check reports: pure functions from a [`ReportView`] to HTML, Markdown, CSV, JSON and
//! ClaimReview JSON-LD. Gathering the view from the database is `service::report`'s job.

mod claimreview;
mod csv;
mod labels;
mod pdf;
#[cfg(test)]
mod snapshot_tests;

use crate::domain::Verdict;
use crate::template::{self, TemplateError};
use crate::view::ArticleView;
use chrono::NaiveDateTime;
use serde::Serialize;
use std::str::FromStr;

use crate::extract::Lang;
pub use claimreview::claim_reviews;
pub use labels::{
    labels, status_label, verdict_code_label, verdict_definition, verdict_label, Labels,
};

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The format named does not exist, or does not fit the request.
    #[error("{0}")]
    Format(String),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("encoding the report failed: {0}")]
    Encoding(String),
}

impl From<serde_json::Error> for ReportError {
    fn from(e: serde_json::Error) -> Self {
        ReportError::Encoding(e.to_string())
    }
}

impl From<tera::Error> for ReportError {
    fn from(e: tera::Error) -> Self {
        ReportError::Encoding(e.to_string())
    }
}

/// Everything a report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub newsroom: String,
    pub generated_at: NaiveDateTime,
    /// Absolute URL of the HTML report (statement anchors are `#statement-ID`).
    pub report_url: String,
    pub article: ArticleView,
    pub verdict_scale: Vec<ScaleEntry>,
    pub methodology: String,
    pub corrections: Vec<Correction>,
    pub chain_head: Option<ChainHead>,
    /// The chain head signed with the database's key: `claimdesk audit verify --checkpoint`
    /// checks it, and that nothing after it was removed.
    pub checkpoint: Option<crate::storage::seal::Checkpoint>,
    /// The report's words, in the report's language.
    pub t: Labels,
    /// The article's status in the report's language.
    pub status_label: &'static str,
    /// The newsroom's public page, for ClaimReview's author.
    pub newsroom_url: Option<String>,
}

/// One step of the verdict scale, as defined in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleEntry {
    pub verdict: Verdict,
    pub label: &'static str,
    pub definition: &'static str,
}

/// A verdict changed after it was first recorded, or any change made after sign-off.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub statement_id: String,
    pub statement_text: String,
    /// The verdict before (a code such as `verified`), empty when the change is not a verdict.
    pub from: String,
    /// The verdict after, or the action (`statement update`) for other corrections.
    pub to: String,
    /// `from` and `to` in the report's language.
    pub from_label: String,
    pub to_label: String,
    pub by: String,
    pub at: NaiveDateTime,
    /// The correction reason after sign-off; the reviewer's note for earlier verdict changes.
    pub note: String,
    /// True for corrections to a signed-off article.
    pub after_sign_off: bool,
}

/// The newest audit event when the report was made: readers can check it with `audit verify`.
#[derive(Debug, Clone, Serialize)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

/// The verdict scale every report prints, in `lang`.
pub fn verdict_scale(lang: Lang) -> Vec<ScaleEntry> {
    Verdict::ALL
        .iter()
        .map(|&v| ScaleEntry {
            verdict: v,
            label: verdict_label(v, lang),
            definition: verdict_definition(v, lang),
        })
        .collect()
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Csv,
    Json,
    ClaimReview,
    Pdf,
}

impl FromStr for Format {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, ReportError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "claimreview" => Ok(Format::ClaimReview),
            "pdf" => Ok(Format::Pdf),
            other => Err(ReportError::Format(format!(
                "unknown report format {other:?}: use html, pdf, md, csv, json or claimreview"
            ))),
        }
    }
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
            Format::ClaimReview => "application/ld+json",
            Format::Pdf => "application/pdf",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::ClaimReview => "jsonld",
            Format::Pdf => "pdf",
        }
    }
}

/// JSON made safe inside an HTML `<script>` element: `<`, `>` and `&` as Unicode escapes, so
/// no text in it (`</script>`, `<!--`) can end the element or change how it is parsed.
fn json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Renders a report in one format.
pub fn render(view: &ReportView, format: Format) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Html => {
            let mut ctx = tera::Context::from_serialize(view)?;
            let reviews = claim_reviews(view);
            ctx.insert(
                "claimreview_json",
                &json_for_script(&serde_json::to_string(&reviews)?),
            );
            ctx.insert(
                "checkpoint_json",
                &json_for_script(&serde_json::to_string(&view.checkpoint)?),
            );
            Ok(template::render("report.html", &ctx)?.into_bytes())
        }
        Format::Markdown => {
            let ctx = tera::Context::from_serialize(view)?;
            Ok(template::render("report.md", &ctx)?.into_bytes())
        }
        Format::Csv => csv::statements_csv(view),
        Format::Json => Ok(serde_json::to_vec_pretty(view)?),
        Format::ClaimReview => Ok(serde_json::to_vec_pretty(&claim_reviews(view))?),
        Format::Pdf => pdf::render(view),
    }
}

/// Renders the reports of several articles as one export: CSV (one header, a row per
/// statement) or JSON (an array of reports). Other formats are one article each.
pub fn render_many(views: &[ReportView], format: Format) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Csv => csv::many_statements_csv(views),
        Format::Json => Ok(serde_json::to_vec_pretty(views)?),
        _ => Err(ReportError::Format(
            "exports of several articles are csv or json".into(),
        )),
    }
}
