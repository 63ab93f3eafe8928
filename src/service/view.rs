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
    /// Display name of the verdict's author.
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
    /// Username of the reviewer this statement is assigned to (its own, else its article's).
    pub assigned_to: Option<String>,
    /// `none` | `pending` | `approved` | `rejected` | `not_required`.
    pub approval: String,
    /// True once the verdict is final (approved, or recorded without the two-person rule).
    pub is_final: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDateTime>,
    pub rejection_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

/// Display and user names of users by id, to show who did what.
#[derive(Debug, Clone, Default)]
pub struct UserNames {
    display: HashMap<String, String>,
    login: HashMap<String, String>,
}

impl UserNames {
    pub fn load(conn: &mut DbConnection) -> Result<Self, AppError> {
        let mut names = Self::default();
        for u in user::list(conn)? {
            names.display.insert(u.id.clone(), u.display_name);
            names.login.insert(u.id, u.username);
        }
        Ok(names)
    }

    pub fn display(&self, id: Option<&String>) -> Option<String> {
        id.and_then(|id| self.display.get(id).cloned())
    }

    pub fn login(&self, id: Option<&String>) -> Option<String> {
        id.and_then(|id| self.login.get(id).cloned())
    }
}

impl StatementView {
    /// `article_assignee` is the article's assignee id, used when the statement has none.
    pub fn new(
        row: StatementRow,
        sources: Vec<SourceRow>,
        names: &UserNames,
        article_assignee: Option<&String>,
    ) -> Self {
        Self {
            reviewed_by: names.display(row.reviewed_by.as_ref()),
            assigned_to: names.login(row.assigned_to.as_ref().or(article_assignee)),
            approved_by: names.display(row.approved_by.as_ref()),
            is_final: super::review::is_final(&row.approval),
            approval: row.approval,
            approved_at: row.approved_at,
            rejection_reason: row.rejection_reason,
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
    /// Username of the reviewer the article is assigned to.
    pub assigned_to: Option<String>,
    pub signed_off_by: Option<String>,
    pub signed_off_at: Option<NaiveDateTime>,
    pub counts: VerdictCounts,
    /// How many statements carry a final verdict; sign-off needs all of them.
    pub final_count: usize,
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

/// Joins statements with their sources, people's names and their article's assignee.
pub fn statement_views(
    conn: &mut DbConnection,
    rows: Vec<StatementRow>,
) -> Result<Vec<StatementView>, AppError> {
    let names = UserNames::load(conn)?;
    statement_views_named(conn, rows, &names)
}

/// [`statement_views`] with the user names already loaded.
fn statement_views_named(
    conn: &mut DbConnection,
    rows: Vec<StatementRow>,
    names: &UserNames,
) -> Result<Vec<StatementView>, AppError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut sources: HashMap<String, Vec<SourceRow>> = HashMap::new();
    for s in source::for_statements(conn, &ids)? {
        sources.entry(s.statement_id.clone()).or_default().push(s);
    }
    let mut article_assignees: HashMap<String, Option<String>> = HashMap::new();
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        if !article_assignees.contains_key(&row.article_id) {
            let assignee = article::find_assignee(conn, &row.article_id)?;
            article_assignees.insert(row.article_id.clone(), assignee);
        }
        let assignee = article_assignees
            .get(&row.article_id)
            .and_then(Option::as_ref);
        let srcs = sources.remove(&row.id).unwrap_or_default();
        views.push(StatementView::new(row, srcs, names, assignee));
    }
    Ok(views)
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
    let names = UserNames::load(conn)?;
    let statements = statement_views_named(conn, rows, &names)?;
    Ok(article_view(row, statements, &names))
}

pub fn article_view(
    row: ArticleRow,
    statements: Vec<StatementView>,
    names: &UserNames,
) -> ArticleView {
    let mut counts = VerdictCounts::default();
    for s in &statements {
        counts.add(&s.verdict, 1);
    }
    ArticleView {
        assigned_to: names.login(row.assigned_to.as_ref()),
        signed_off_by: names.display(row.signed_off_by.as_ref()),
        signed_off_at: row.signed_off_at,
        final_count: statements.iter().filter(|s| s.is_final).count(),
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
