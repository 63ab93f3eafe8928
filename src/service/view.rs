//! Read models: articles and statements as the API, the pages and the reports show them.

use crate::error::AppError;
use crate::extract::Value;
use crate::storage::article::{self, ArticleRow};
use crate::storage::source::{self, SourceRow};
use crate::storage::statement::{self, StatementRow};
use crate::storage::user;
use crate::storage::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

/// A statement with its sources and the name of its reviewer.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub id: String,
    pub article_id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    pub values: Vec<Value>,
    pub gloss_en: Option<String>,
    pub score: f64,
    pub rule: String,
    pub origin: String,
    pub verdict: String,
    pub note: String,
    pub sources: Vec<SourceRow>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

impl StatementView {
    pub fn new(row: StatementRow, sources: Vec<SourceRow>, reviewer: Option<String>) -> Self {
        Self {
            values: serde_json::from_str(&row.values_json).unwrap_or_default(),
            id: row.id,
            article_id: row.article_id,
            start: usize::try_from(row.span_start).unwrap_or(0),
            end: usize::try_from(row.span_end).unwrap_or(0),
            text: row.text,
            kind: row.kind,
            gloss_en: row.gloss_en,
            score: row.score,
            rule: row.rule,
            origin: row.origin,
            verdict: row.verdict,
            note: row.note,
            sources,
            reviewed_by: reviewer,
            reviewed_at: row.reviewed_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

/// An article with its statements in reading order and the count of each verdict.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub title: String,
    pub body: String,
    pub language: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<NaiveDate>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub counts: VerdictCounts,
    pub statements: Vec<StatementView>,
}

/// How many statements carry each verdict.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct VerdictCounts {
    pub unreviewed: i64,
    pub verified: i64,
    pub disputed: i64,
    pub needs_source: i64,
}

impl VerdictCounts {
    pub fn add(&mut self, verdict: &str, n: i64) {
        match verdict {
            "verified" => self.verified += n,
            "disputed" => self.disputed += n,
            "needs_source" => self.needs_source += n,
            _ => self.unreviewed += n,
        }
    }

    pub fn total(&self) -> i64 {
        self.unreviewed + self.verified + self.disputed + self.needs_source
    }
}

/// Display names of users by id.
pub fn user_names(conn: &mut DbConnection) -> Result<HashMap<String, String>, AppError> {
    Ok(user::list(conn)?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// Joins statements with their sources and reviewer names.
pub fn statement_views(
    conn: &mut DbConnection,
    rows: Vec<StatementRow>,
) -> Result<Vec<StatementView>, AppError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut sources: HashMap<String, Vec<SourceRow>> = HashMap::new();
    for s in source::for_statements(conn, &ids)? {
        sources.entry(s.statement_id.clone()).or_default().push(s);
    }
    let names = user_names(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let reviewer = row
                .reviewed_by
                .as_ref()
                .and_then(|id| names.get(id).cloned());
            let srcs = sources.remove(&row.id).unwrap_or_default();
            StatementView::new(row, srcs, reviewer)
        })
        .collect())
}

/// One statement with its sources (404 when missing).
pub fn load_statement(conn: &mut DbConnection, id: &str) -> Result<StatementView, AppError> {
    let row = statement::find(conn, id)?.ok_or_else(|| AppError::not_found("statement"))?;
    statement_views(conn, vec![row])?
        .pop()
        .ok_or_else(|| AppError::not_found("statement"))
}

/// An article with all its statements (404 when missing).
pub fn load_article(conn: &mut DbConnection, id: &str) -> Result<ArticleView, AppError> {
    let row = article::find(conn, id)?.ok_or_else(|| AppError::not_found("article"))?;
    let rows = statement::for_article(conn, id)?;
    let statements = statement_views(conn, rows)?;
    Ok(article_view(row, statements))
}

pub fn article_view(row: ArticleRow, statements: Vec<StatementView>) -> ArticleView {
    let mut counts = VerdictCounts::default();
    for s in &statements {
        counts.add(&s.verdict, 1);
    }
    ArticleView {
        id: row.id,
        title: row.title,
        body: row.body,
        language: row.language,
        outlet: row.outlet,
        url: row.url,
        published_at: row.published_at,
        status: row.status,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
        counts,
        statements,
    }
}

/// An article in a listing: metadata and verdict counts, no body.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    #[serde(flatten)]
    pub article: article::ArticleSummaryRow,
    pub counts: VerdictCounts,
}

/// The newest articles with their verdict counts.
pub fn list_articles(conn: &mut DbConnection, limit: i64) -> Result<Vec<ArticleSummary>, AppError> {
    let rows = article::list(conn, limit)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut counts: HashMap<String, VerdictCounts> = HashMap::new();
    for (article_id, verdict, n) in article::verdict_counts(conn, &ids)? {
        counts.entry(article_id).or_default().add(&verdict, n);
    }
    Ok(rows
        .into_iter()
        .map(|article| ArticleSummary {
            counts: counts.remove(&article.id).unwrap_or_default(),
            article,
        })
        .collect())
}
