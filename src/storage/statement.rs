//! The `statements` table.

use super::schema::{articles, statements};
use super::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = statements, treat_none_as_null = true)]
pub struct StatementRow {
    pub id: String,
    pub article_id: String,
    pub span_start: i32,
    pub span_end: i32,
    pub text: String,
    pub kind: String,
    pub values_json: String,
    pub gloss_en: Option<String>,
    pub score: f64,
    pub rule: String,
    pub origin: String,
    pub verdict: String,
    pub note: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub assigned_to: Option<String>,
    /// `none` (no verdict) | `pending` | `approved` | `rejected` | `not_required`.
    pub approval: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDateTime>,
    pub rejection_reason: Option<String>,
}

pub fn insert_many(conn: &mut DbConnection, rows: &[StatementRow]) -> QueryResult<usize> {
    // Multi-row inserts go through the backend's own connection: the multi-backend connection
    // has no batch insert, and one INSERT per statement made loading an article 10x slower.
    // Chunks keep each INSERT under SQLite's limit on bound parameters.
    let mut n = 0;
    for chunk in rows.chunks(500) {
        n += match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(statements::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(statements::table)
                .values(chunk)
                .execute(c)?,
        };
    }
    Ok(n)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<StatementRow>> {
    statements::table
        .find(id)
        .select(StatementRow::as_select())
        .first(conn)
        .optional()
}

/// The statements of an article in reading order.
pub fn for_article(conn: &mut DbConnection, article_id: &str) -> QueryResult<Vec<StatementRow>> {
    statements::table
        .filter(statements::article_id.eq(article_id))
        .order((statements::span_start.asc(), statements::span_end.asc()))
        .select(StatementRow::as_select())
        .load(conn)
}

/// Writes `row` over the stored statement only if the stored version is still `expected_version`;
/// returns the number of rows changed (0 means someone else changed it first).
pub fn update_if_version(
    conn: &mut DbConnection,
    row: &StatementRow,
    expected_version: i32,
) -> QueryResult<usize> {
    diesel::update(
        statements::table
            .find(&row.id)
            .filter(statements::version.eq(expected_version)),
    )
    .set(row)
    .execute(conn)
}

pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(statements::table.find(id)).execute(conn)
}

/// Filters for listing statements; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct StatementFilter {
    pub article_id: Option<String>,
    pub verdict: Option<String>,
    pub kind: Option<String>,
    pub approval: Option<String>,
    /// The effective assignee: the statement's own, else its article's.
    pub assignee: Option<String>,
    /// Only statements that still need a reviewer's verdict (unreviewed or rejected).
    pub needs_review: bool,
}

/// Statements matching `filter`, most check-worthy first, at most `limit`.
pub fn list(
    conn: &mut DbConnection,
    filter: &StatementFilter,
    limit: i64,
) -> QueryResult<Vec<StatementRow>> {
    let mut query = statements::table
        .inner_join(articles::table)
        .select(StatementRow::as_select())
        .into_boxed();
    if let Some(a) = &filter.article_id {
        query = query.filter(statements::article_id.eq(a.clone()));
    }
    if let Some(v) = &filter.verdict {
        query = query.filter(statements::verdict.eq(v.clone()));
    }
    if let Some(k) = &filter.kind {
        query = query.filter(statements::kind.eq(k.clone()));
    }
    if let Some(p) = &filter.approval {
        query = query.filter(statements::approval.eq(p.clone()));
    }
    if let Some(user) = &filter.assignee {
        query = query.filter(
            statements::assigned_to
                .eq(user.clone())
                .or(statements::assigned_to
                    .is_null()
                    .and(articles::assigned_to.eq(user.clone()))),
        );
    }
    if filter.needs_review {
        query = query.filter(
            statements::verdict
                .eq("unreviewed")
                .or(statements::approval.eq("rejected")),
        );
    }
    query
        .order((
            statements::score.desc(),
            statements::article_id.asc(),
            statements::span_start.asc(),
        ))
        .limit(limit)
        .load(conn)
}
