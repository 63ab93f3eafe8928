//! Searching the newsroom's statements, notes and sources across articles.

use crate::domain::{ArticleId, Kind, StatementId, Verdict};
use crate::error::AppError;
use crate::storage::article::{self, ArticleSummaryRow};
use crate::storage::search::{self, SearchFilter};
use crate::storage::statement;
use crate::storage::user;
use crate::storage::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A search as asked for (`GET /api/v1/search`, the search page).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchRequest {
    /// The words to find, all of them, in a statement, its gloss, note or sources.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Articles published (or loaded) on or after this day.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Articles published (or loaded) on or before this day.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Username of who recorded the verdict.
    #[serde(default)]
    pub reviewer: Option<String>,
    #[serde(default)]
    pub limit: Option<i64>,
}

/// One statement found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub statement_id: StatementId,
    pub article_id: ArticleId,
    pub article_title: String,
    pub article_published_at: Option<NaiveDate>,
    pub text: String,
    pub kind: Kind,
    pub verdict: Verdict,
    pub note: String,
    pub gloss_en: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
}

/// The longest query taken, in characters.
const MAX_QUERY_CHARS: usize = 500;

/// Statements matching `request`, best first (at most `limit`, default 50). 422 when the
/// query holds no word or names an unknown reviewer.
pub fn search_statements(
    conn: &mut DbConnection,
    request: &SearchRequest,
) -> Result<Vec<SearchHit>, AppError> {
    if request.q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::rule(format!(
            "a search may not exceed {MAX_QUERY_CHARS} characters"
        )));
    }
    let words: Vec<String> = request
        .q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(20)
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Err(AppError::rule("a search needs at least one word (q)"));
    }
    let reviewer = match request.reviewer.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(
            user::find_by_username(conn, &name.to_ascii_lowercase())?
                .ok_or_else(|| AppError::rule(format!("no user named {name:?}")))?
                .id,
        ),
    };
    let filter = SearchFilter {
        words,
        verdict: request.verdict,
        kind: request.kind,
        from: request.from,
        to: request.to,
        reviewer,
        limit: request.limit.unwrap_or(50),
    };
    let ids = search::search(conn, &filter)?;
    let rows: HashMap<StatementId, _> = statement::find_many(conn, &ids)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let article_ids: Vec<ArticleId> = rows.values().map(|s| s.article_id).collect();
    let articles: HashMap<ArticleId, ArticleSummaryRow> = article::summaries(conn, &article_ids)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let reviewer_ids: Vec<_> = rows.values().filter_map(|s| s.reviewed_by).collect();
    let names: HashMap<_, _> = user::names(conn, &reviewer_ids)?
        .into_iter()
        .map(|(id, _, display)| (id, display))
        .collect();
    Ok(ids
        .iter()
        .filter_map(|id| {
            let s = rows.get(id)?;
            let a = articles.get(&s.article_id)?;
            Some(SearchHit {
                statement_id: s.id,
                article_id: a.id,
                article_title: a.title.clone(),
                article_published_at: a.published_at,
                text: s.text.clone(),
                kind: s.kind,
                verdict: s.verdict,
                note: s.note.clone(),
                gloss_en: s.gloss_en.clone(),
                reviewed_by: s.reviewed_by.and_then(|u| names.get(&u).cloned()),
                reviewed_at: s.reviewed_at,
            })
        })
        .collect())
}
