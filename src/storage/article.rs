//! The `articles` table.

use super::schema::{articles, statements};
use super::DbConnection;
use crate::domain::{ArticleId, ArticleStatus, UserId, Verdict};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = articles)]
pub struct ArticleRow {
    pub id: ArticleId,
    pub title: String,
    pub body: String,
    pub language: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<NaiveDate>,
    pub status: ArticleStatus,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub assigned_to: Option<UserId>,
    pub signed_off_by: Option<UserId>,
    pub signed_off_at: Option<NaiveDateTime>,
    /// SHA-256 of the body, hex; finds an article imported before.
    pub content_hash: Option<String>,
}

/// An article without its body, for listings.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = articles)]
pub struct ArticleSummaryRow {
    pub id: ArticleId,
    pub title: String,
    pub language: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<NaiveDate>,
    pub status: ArticleStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub assigned_to: Option<UserId>,
}

/// What a write about one of its statements needs to know of an article: no body.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct ArticleHead {
    pub id: ArticleId,
    pub language: String,
    pub published_at: Option<NaiveDate>,
    pub status: ArticleStatus,
    pub assigned_to: Option<UserId>,
}

/// The head of an article (everything but its body and metadata), if it exists.
pub fn find_head(conn: &mut DbConnection, id: ArticleId) -> QueryResult<Option<ArticleHead>> {
    articles::table
        .find(id)
        .select(ArticleHead::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &ArticleRow) -> QueryResult<usize> {
    diesel::insert_into(articles::table)
        .values(row)
        .execute(conn)
}

pub fn find(conn: &mut DbConnection, id: ArticleId) -> QueryResult<Option<ArticleRow>> {
    articles::table
        .find(id)
        .select(ArticleRow::as_select())
        .first(conn)
        .optional()
}

/// Newest first, at most `limit`.
pub fn list(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<ArticleSummaryRow>> {
    articles::table
        .order(articles::created_at.desc())
        .limit(limit)
        .select(ArticleSummaryRow::as_select())
        .load(conn)
}

/// Statement counts per (article, verdict) for the given articles.
pub fn verdict_counts(
    conn: &mut DbConnection,
    article_ids: &[ArticleId],
) -> QueryResult<Vec<(ArticleId, Verdict, i64)>> {
    statements::table
        .filter(statements::article_id.eq_any(article_ids))
        .group_by((statements::article_id, statements::verdict))
        .select((
            statements::article_id,
            statements::verdict,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

pub fn set_status(
    conn: &mut DbConnection,
    id: ArticleId,
    status: ArticleStatus,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(articles::table.find(id))
        .set((articles::status.eq(status), articles::updated_at.eq(now)))
        .execute(conn)
}

pub fn delete(conn: &mut DbConnection, id: ArticleId) -> QueryResult<usize> {
    diesel::delete(articles::table.find(id)).execute(conn)
}

/// Assigns the article's statements (those without their own assignee) to a reviewer.
pub fn set_assigned(
    conn: &mut DbConnection,
    id: ArticleId,
    reviewer: Option<UserId>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(articles::table.find(id))
        .set((
            articles::assigned_to.eq(reviewer),
            articles::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Freezes the article as signed off by `by`.
pub fn sign_off(
    conn: &mut DbConnection,
    id: ArticleId,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(articles::table.find(id))
        .set((
            articles::status.eq(ArticleStatus::SignedOff),
            articles::signed_off_by.eq(by),
            articles::signed_off_at.eq(now),
            articles::updated_at.eq(now),
            articles::version.eq(articles::version + 1),
        ))
        .execute(conn)
}

/// The reviewer each of these articles is assigned to, for those that have one.
pub fn assignees(
    conn: &mut DbConnection,
    ids: &[ArticleId],
) -> QueryResult<Vec<(ArticleId, UserId)>> {
    let found: Vec<(ArticleId, Option<UserId>)> = articles::table
        .filter(articles::id.eq_any(ids))
        .filter(articles::assigned_to.is_not_null())
        .select((articles::id, articles::assigned_to))
        .load(conn)?;
    Ok(found
        .into_iter()
        .filter_map(|(a, u)| Some((a, u?)))
        .collect())
}

/// The id of an article with this body hash or URL, if one was loaded before.
pub fn find_duplicate(
    conn: &mut DbConnection,
    content_hash: &str,
    url: Option<&str>,
) -> QueryResult<Option<ArticleId>> {
    let by_hash = articles::table
        .filter(articles::content_hash.eq(content_hash))
        .select(articles::id)
        .first::<ArticleId>(conn)
        .optional()?;
    match (by_hash, url) {
        (Some(id), _) => Ok(Some(id)),
        (None, Some(url)) => articles::table
            .filter(articles::url.eq(url))
            .select(articles::id)
            .first::<ArticleId>(conn)
            .optional(),
        (None, None) => Ok(None),
    }
}

/// Articles created in `[from, to)`, oldest first, with their bodies.
pub fn created_between(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    to: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<ArticleId>> {
    articles::table
        .filter(articles::created_at.ge(from))
        .filter(articles::created_at.lt(to))
        .order(articles::created_at.asc())
        .limit(limit)
        .select(articles::id)
        .load(conn)
}

/// The titles of these articles.
pub fn titles(conn: &mut DbConnection, ids: &[ArticleId]) -> QueryResult<Vec<(ArticleId, String)>> {
    articles::table
        .filter(articles::id.eq_any(ids))
        .select((articles::id, articles::title))
        .load(conn)
}

/// These articles without their bodies (unknown ids are left out).
pub fn summaries(
    conn: &mut DbConnection,
    ids: &[ArticleId],
) -> QueryResult<Vec<ArticleSummaryRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            articles::table
                .filter(articles::id.eq_any(chunk))
                .select(ArticleSummaryRow::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}
