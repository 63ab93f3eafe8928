//! The `statements` table.

use super::article::ArticleHead;
use super::cached_update::update_where;
use super::connection::MultiBackend;
use super::schema::{articles, sources, statements};
use super::source::SourceRow;
use super::DbConnection;
use crate::domain::{Approval, ArticleId, Kind, Origin, StatementId, UserId, Verdict};
use chrono::NaiveDateTime;
use diesel::dsl::{InnerJoin, IntoBoxed};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = statements, treat_none_as_null = true)]
pub struct StatementRow {
    pub id: StatementId,
    pub article_id: ArticleId,
    pub span_start: i32,
    pub span_end: i32,
    pub text: String,
    pub kind: Kind,
    pub values_json: String,
    pub gloss_en: Option<String>,
    pub score: f64,
    pub rule: String,
    pub origin: Origin,
    pub verdict: Verdict,
    pub note: String,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub assigned_to: Option<UserId>,
    pub approval: Approval,
    pub approved_by: Option<UserId>,
    pub approved_at: Option<NaiveDateTime>,
    pub rejection_reason: Option<String>,
}

/// What a new statement is made of; everything about its review starts empty (no verdict,
/// version 1).
#[derive(Debug, Clone)]
pub struct NewStatement {
    pub article_id: ArticleId,
    pub span_start: i32,
    pub span_end: i32,
    pub text: String,
    pub kind: Kind,
    pub values_json: String,
    pub gloss_en: Option<String>,
    pub score: f64,
    pub rule: String,
    pub origin: Origin,
    pub note: String,
    pub created_at: NaiveDateTime,
}

impl From<NewStatement> for StatementRow {
    fn from(new: NewStatement) -> Self {
        Self {
            id: StatementId::new(),
            article_id: new.article_id,
            span_start: new.span_start,
            span_end: new.span_end,
            text: new.text,
            kind: new.kind,
            values_json: new.values_json,
            gloss_en: new.gloss_en,
            score: new.score,
            rule: new.rule,
            origin: new.origin,
            verdict: Verdict::Unreviewed,
            note: new.note,
            reviewed_by: None,
            reviewed_at: None,
            created_at: new.created_at,
            updated_at: new.created_at,
            version: 1,
            assigned_to: None,
            approval: Approval::None,
            approved_by: None,
            approved_at: None,
            rejection_reason: None,
        }
    }
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

pub fn find(conn: &mut DbConnection, id: StatementId) -> QueryResult<Option<StatementRow>> {
    statements::table
        .find(id)
        .select(StatementRow::as_select())
        .first(conn)
        .optional()
}

/// These statements (unknown ids are left out).
pub fn find_many(conn: &mut DbConnection, ids: &[StatementId]) -> QueryResult<Vec<StatementRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            statements::table
                .filter(statements::id.eq_any(chunk))
                .select(StatementRow::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// How many statements are stored.
pub fn total(conn: &mut DbConnection) -> QueryResult<i64> {
    statements::table.count().get_result(conn)
}

/// The statements of an article in reading order.
pub fn for_article(
    conn: &mut DbConnection,
    article_id: ArticleId,
) -> QueryResult<Vec<StatementRow>> {
    statements::table
        .filter(statements::article_id.eq(article_id))
        .order((statements::span_start.asc(), statements::span_end.asc()))
        .select(StatementRow::as_select())
        .load(conn)
}

/// The statements of an article in reading order, each with its sources in cited order, in one
/// query.
pub fn for_article_with_sources(
    conn: &mut DbConnection,
    article_id: ArticleId,
) -> QueryResult<Vec<(StatementRow, Vec<SourceRow>)>> {
    let rows: Vec<(StatementRow, Option<SourceRow>)> = statements::table
        .left_join(sources::table)
        .filter(statements::article_id.eq(article_id))
        .order((
            statements::span_start.asc(),
            statements::span_end.asc(),
            statements::id.asc(),
            sources::position.asc(),
        ))
        .select((StatementRow::as_select(), Option::<SourceRow>::as_select()))
        .load(conn)?;
    Ok(group_sources(rows))
}

/// Folds consecutive (statement, source) rows of a left join into one entry per statement.
fn group_sources(
    rows: Vec<(StatementRow, Option<SourceRow>)>,
) -> Vec<(StatementRow, Vec<SourceRow>)> {
    let mut out: Vec<(StatementRow, Vec<SourceRow>)> = Vec::new();
    for (statement, source) in rows {
        match out.last_mut() {
            Some((last, sources)) if last.id == statement.id => sources.extend(source),
            _ => out.push((statement, source.into_iter().collect())),
        }
    }
    out
}

/// A statement with what a write about it needs: its article's head and its sources, in one
/// query.
pub fn find_for_write(
    conn: &mut DbConnection,
    id: StatementId,
) -> QueryResult<Option<(StatementRow, ArticleHead, Vec<SourceRow>)>> {
    let rows: Vec<(StatementRow, ArticleHead, Option<SourceRow>)> = on_backend!(conn, |c| {
        statements::table
            .inner_join(articles::table)
            .left_join(sources::table)
            .filter(statements::id.eq(id))
            .order(sources::position.asc())
            .select((
                StatementRow::as_select(),
                ArticleHead::as_select(),
                Option::<SourceRow>::as_select(),
            ))
            .load(c)
    })?;
    let mut rows = rows.into_iter();
    let Some((statement, head, first)) = rows.next() else {
        return Ok(None);
    };
    let sources = first.into_iter().chain(rows.filter_map(|r| r.2)).collect();
    Ok(Some((statement, head, sources)))
}

/// Writes `row` over the stored statement only if the stored version is still `expected_version`;
/// returns the number of rows changed (0 means someone else changed it first).
pub fn update_if_version(
    conn: &mut DbConnection,
    row: &StatementRow,
    expected_version: i32,
) -> QueryResult<usize> {
    // Every column is written (`treat_none_as_null`): the same SQL each time, prepared once.
    let update = update_where(
        statements::table,
        row,
        statements::id
            .eq(row.id)
            .and(statements::version.eq(expected_version)),
    );
    on_backend!(conn, |c| update.execute(c))
}

pub fn delete(conn: &mut DbConnection, id: StatementId) -> QueryResult<usize> {
    diesel::delete(statements::table.find(id)).execute(conn)
}

/// Filters for listing statements; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct StatementFilter {
    pub article_id: Option<ArticleId>,
    pub verdict: Option<Verdict>,
    pub kind: Option<Kind>,
    pub approval: Option<Approval>,
    /// The effective assignee: the statement's own, else its article's.
    pub assignee: Option<UserId>,
    /// Only statements that still need a reviewer's verdict (unreviewed or rejected).
    pub needs_review: bool,
}

/// The order of a statement list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Most check-worthy first.
    #[default]
    Score,
    /// Article by article, in reading order.
    Article,
    /// Most recently changed first.
    Recent,
}

/// Statements matching `filter`, most check-worthy first, at most `limit`.
pub fn list(
    conn: &mut DbConnection,
    filter: &StatementFilter,
    limit: i64,
) -> QueryResult<Vec<StatementRow>> {
    list_page(conn, filter, Sort::Score, limit, 0)
}

/// Statements joined with their articles, narrowed by `filter`, not yet selected or ordered.
fn filtered<'a>(
    filter: &StatementFilter,
) -> IntoBoxed<'a, InnerJoin<statements::table, articles::table>, MultiBackend> {
    let mut query = statements::table.inner_join(articles::table).into_boxed();
    if let Some(a) = filter.article_id {
        query = query.filter(statements::article_id.eq(a));
    }
    if let Some(v) = filter.verdict {
        query = query.filter(statements::verdict.eq(v));
    }
    if let Some(k) = filter.kind {
        query = query.filter(statements::kind.eq(k));
    }
    if let Some(p) = filter.approval {
        query = query.filter(statements::approval.eq(p));
    }
    if let Some(user) = filter.assignee {
        query = query.filter(
            statements::assigned_to.eq(user).or(statements::assigned_to
                .is_null()
                .and(articles::assigned_to.eq(user))),
        );
    }
    if filter.needs_review {
        query = query.filter(
            statements::verdict
                .eq(Verdict::Unreviewed)
                .or(statements::approval.eq(Approval::Rejected)),
        );
    }
    query
}

/// How many statements match `filter`.
pub fn count(conn: &mut DbConnection, filter: &StatementFilter) -> QueryResult<i64> {
    filtered(filter)
        .select(diesel::dsl::count_star())
        .first(conn)
}

/// A page of the statements matching `filter`, in `sort` order: `limit` of them after the
/// first `offset`.
pub fn list_page(
    conn: &mut DbConnection,
    filter: &StatementFilter,
    sort: Sort,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<StatementRow>> {
    let query = filtered(filter).select(StatementRow::as_select());
    let query = match sort {
        Sort::Score => query.order((
            statements::score.desc(),
            statements::article_id.asc(),
            statements::span_start.asc(),
        )),
        Sort::Article => query.order((
            articles::created_at.desc(),
            statements::article_id.asc(),
            statements::span_start.asc(),
        )),
        Sort::Recent => query.order((statements::updated_at.desc(), statements::id.asc())),
    };
    query.limit(limit).offset(offset).load(conn)
}

/// Every statement's id, verdict, approval and version (for `audit verify`'s replay).
pub fn states(conn: &mut DbConnection) -> QueryResult<Vec<(StatementId, Verdict, Approval, i32)>> {
    statements::table
        .select((
            statements::id,
            statements::verdict,
            statements::approval,
            statements::version,
        ))
        .load(conn)
}
