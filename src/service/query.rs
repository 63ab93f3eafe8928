//! Reads: articles and statements as views, with the names of only the people they mention
//! (one query per table, whatever the number of statements).

use crate::domain::{ArticleId, StatementId, UserId};
use crate::error::AppError;
use crate::storage::article::{self, ArticleRow};
use crate::storage::source::{self, SourceRow};
use crate::storage::statement::{self, StatementFilter, StatementRow};
use crate::storage::{user, DbConnection};
use crate::view::{ArticleSummary, ArticleView, StatementView, UserNames, VerdictCounts};
use std::collections::{BTreeSet, HashMap};

/// Names of the given users, in one query.
pub fn names_of(
    conn: &mut DbConnection,
    ids: impl IntoIterator<Item = UserId>,
) -> Result<UserNames, AppError> {
    let ids: Vec<UserId> = ids
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut names = UserNames::default();
    for (id, username, display) in user::names(conn, &ids)? {
        names.insert(id, username, display);
    }
    Ok(names)
}

/// The people a statement row mentions (reviewer, assignee, approver).
fn people_of(row: &StatementRow) -> impl Iterator<Item = UserId> {
    [row.reviewed_by, row.assigned_to, row.approved_by]
        .into_iter()
        .flatten()
}

/// Sources of these statements, grouped by statement.
fn sources_by_statement(
    conn: &mut DbConnection,
    rows: &[StatementRow],
) -> Result<HashMap<StatementId, Vec<SourceRow>>, AppError> {
    let ids: Vec<StatementId> = rows.iter().map(|r| r.id).collect();
    let mut sources: HashMap<StatementId, Vec<SourceRow>> = HashMap::new();
    for s in source::for_statements(conn, &ids)? {
        sources.entry(s.statement_id).or_default().push(s);
    }
    Ok(sources)
}

/// Joins statement rows with their sources, people's names and their article's assignee.
pub fn statement_views(
    conn: &mut DbConnection,
    rows: Vec<StatementRow>,
) -> Result<Vec<StatementView>, AppError> {
    let article_ids: Vec<ArticleId> = rows
        .iter()
        .map(|r| r.article_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let assignees: HashMap<ArticleId, UserId> = article::assignees(conn, &article_ids)?
        .into_iter()
        .collect();
    let names = names_of(
        conn,
        rows.iter()
            .flat_map(people_of)
            .chain(assignees.values().copied()),
    )?;
    let mut sources = sources_by_statement(conn, &rows)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let assignee = assignees.get(&row.article_id).copied();
            let srcs = sources.remove(&row.id).unwrap_or_default();
            StatementView::new(row, srcs, &names, assignee)
        })
        .collect())
}

/// The view of one statement row whose article (for its assignee) is already known.
pub fn statement_view(
    conn: &mut DbConnection,
    row: StatementRow,
    sources: Vec<SourceRow>,
    article_assignee: Option<UserId>,
) -> Result<StatementView, AppError> {
    let names = names_of(conn, people_of(&row).chain(article_assignee))?;
    Ok(StatementView::new(row, sources, &names, article_assignee))
}

/// One statement with its sources (404 when missing).
pub fn load_statement(conn: &mut DbConnection, id: StatementId) -> Result<StatementView, AppError> {
    let row = statement::find(conn, id)?.ok_or_else(|| AppError::not_found("statement"))?;
    statement_views(conn, vec![row])?
        .pop()
        .ok_or_else(|| AppError::not_found("statement"))
}

/// An article row with all its statements as a view.
pub fn article_view(conn: &mut DbConnection, row: ArticleRow) -> Result<ArticleView, AppError> {
    let rows = statement::for_article(conn, row.id)?;
    let names = names_of(
        conn,
        rows.iter()
            .flat_map(people_of)
            .chain(row.assigned_to)
            .chain(row.signed_off_by),
    )?;
    let mut sources = sources_by_statement(conn, &rows)?;
    let statements = rows
        .into_iter()
        .map(|s| {
            let srcs = sources.remove(&s.id).unwrap_or_default();
            StatementView::new(s, srcs, &names, row.assigned_to)
        })
        .collect();
    Ok(ArticleView::new(row, statements, &names))
}

/// An article with all its statements (404 when missing).
pub fn load_article(conn: &mut DbConnection, id: ArticleId) -> Result<ArticleView, AppError> {
    let row = article::find(conn, id)?.ok_or_else(|| AppError::not_found("article"))?;
    article_view(conn, row)
}

/// The newest articles with their verdict counts.
pub fn list_articles(conn: &mut DbConnection, limit: i64) -> Result<Vec<ArticleSummary>, AppError> {
    let rows = article::list(conn, limit)?;
    let ids: Vec<ArticleId> = rows.iter().map(|r| r.id).collect();
    let mut counts: HashMap<ArticleId, VerdictCounts> = HashMap::new();
    for (article_id, verdict, n) in article::verdict_counts(conn, &ids)? {
        counts.entry(article_id).or_default().add(verdict, n);
    }
    Ok(rows
        .into_iter()
        .map(|article| ArticleSummary {
            counts: counts.remove(&article.id).unwrap_or_default(),
            article,
        })
        .collect())
}

/// Statements matching `filter`, most check-worthy first, at most `limit`.
pub fn list_statements(
    conn: &mut DbConnection,
    filter: &StatementFilter,
    limit: i64,
) -> Result<Vec<StatementView>, AppError> {
    let rows = statement::list(conn, filter, limit)?;
    statement_views(conn, rows)
}

/// The usernames of enabled accounts (whom work can be assigned to).
pub fn assignable_usernames(conn: &mut DbConnection) -> Result<Vec<String>, AppError> {
    Ok(user::active_usernames(conn)?)
}

/// The article a statement belongs to (404 when the statement does not exist).
pub fn article_of_statement(
    conn: &mut DbConnection,
    id: StatementId,
) -> Result<ArticleId, AppError> {
    Ok(statement::find(conn, id)?
        .ok_or_else(|| AppError::not_found("statement"))?
        .article_id)
}
