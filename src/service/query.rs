//! Reads: articles and statements as views, with the names of only the people they mention
//! (one query per table, whatever the number of statements).

use super::Actor;
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

/// The view of a statement row just written by `actor`, whose article's assignee is known: only
/// the names of people other than the actor are looked up (often none).
pub fn statement_view(
    conn: &mut DbConnection,
    actor: &Actor,
    row: StatementRow,
    sources: Vec<SourceRow>,
    article_assignee: Option<UserId>,
) -> Result<StatementView, AppError> {
    let others = people_of(&row)
        .chain(article_assignee)
        .filter(|id| Some(*id) != actor.id);
    let mut names = names_of(conn, others)?;
    if let (Some(id), Some(display)) = (actor.id, &actor.display_name) {
        names.insert(id, actor.name.clone(), display.clone());
    }
    Ok(StatementView::new(row, sources, &names, article_assignee))
}

/// One statement with its sources (404 when missing).
pub fn load_statement(conn: &mut DbConnection, id: StatementId) -> Result<StatementView, AppError> {
    let row = statement::find(conn, id)?.ok_or_else(|| AppError::not_found("statement"))?;
    statement_views(conn, vec![row])?
        .pop()
        .ok_or_else(|| AppError::not_found("statement"))
}

/// An article row with all its statements as a view: one query for the statements and their
/// sources, one for the names of the people they mention (none when nobody is).
pub fn article_view(conn: &mut DbConnection, row: ArticleRow) -> Result<ArticleView, AppError> {
    let rows = statement::for_article_with_sources(conn, row.id)?;
    let names = names_of(
        conn,
        rows.iter()
            .flat_map(|(s, _)| people_of(s))
            .chain(row.assigned_to)
            .chain(row.signed_off_by),
    )?;
    Ok(assemble(row, rows, &names))
}

fn assemble(
    row: ArticleRow,
    rows: Vec<(StatementRow, Vec<SourceRow>)>,
    names: &UserNames,
) -> ArticleView {
    let statements = rows
        .into_iter()
        .map(|(s, sources)| StatementView::new(s, sources, names, row.assigned_to))
        .collect();
    ArticleView::new(row, statements, names)
}

/// What the review page of an article shows besides the article: whom work can be assigned to.
pub struct ArticlePage {
    pub article: ArticleView,
    /// Usernames of the enabled accounts.
    pub assignable: Vec<String>,
}

/// An article for its review page, with the people work can be assigned to. The page lists
/// every enabled account anyway, so one query on users serves both the list and the names.
pub fn article_page(conn: &mut DbConnection, id: ArticleId) -> Result<ArticlePage, AppError> {
    let row = article::find(conn, id)?.ok_or_else(|| AppError::not_found("article"))?;
    let rows = statement::for_article_with_sources(conn, row.id)?;
    let mut names = UserNames::default();
    let mut assignable = Vec::new();
    for u in user::list(conn)? {
        if !u.disabled {
            assignable.push(u.username.clone());
        }
        names.insert(u.id, u.username, u.display_name);
    }
    Ok(ArticlePage {
        article: assemble(row, rows, &names),
        assignable,
    })
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
