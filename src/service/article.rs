//! Loading articles (with statement extraction) and deleting them.

use super::snapshot::{self, content_hash};
use super::{event, in_transaction, matching, Actor};
use crate::domain::article::MAX_BODY_BYTES;
use crate::domain::{ArticleId, ArticleStatus, NewArticle, Origin, Role, UserId};
use crate::encoder::SentenceEncoder;
use crate::error::AppError;
use crate::extract::{self, LangChoice, Options};
use crate::storage::article::{self, ArticleRow};
use crate::storage::audit;
use crate::storage::statement::{self, NewStatement, StatementRow};
use crate::storage::{self as db, DbConnection};
use crate::view::{ArticleView, StatementView, UserNames};
use serde_json::json;

/// Statement rows for `body`, made by the extractor.
pub fn extract_statements(
    article_id: ArticleId,
    body: &str,
    options: &Options,
    now: chrono::NaiveDateTime,
) -> Vec<StatementRow> {
    extract::extract(body, options)
        .into_iter()
        .filter_map(|s| {
            Some(StatementRow::from(NewStatement {
                article_id,
                span_start: i32::try_from(s.start).ok()?,
                span_end: i32::try_from(s.end).ok()?,
                kind: s.kind,
                values_json: serde_json::to_string(&s.values).unwrap_or_else(|_| "[]".into()),
                gloss_en: s.gloss_en,
                score: f64::from(s.score),
                rule: s.rule,
                text: s.text,
                origin: Origin::Extracted,
                note: String::new(),
                created_at: now,
            }))
        })
        .collect()
}

/// How much one article may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most statements an article may give (`CLAIMDESK_MAX_STATEMENTS`, default 5,000): beyond,
    /// the article is refused with 413 rather than stored as a list nobody can review.
    pub max_statements: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_statements: 5_000,
        }
    }
}

impl Limits {
    /// The defaults with `CLAIMDESK_MAX_STATEMENTS` applied (ignored unless a positive number).
    pub fn from_env() -> Self {
        let mut limits = Self::default();
        if let Some(n) = std::env::var("CLAIMDESK_MAX_STATEMENTS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|n| *n > 0)
        {
            limits.max_statements = n;
        }
        limits
    }
}

/// An article row and its extracted statements, ready to insert ([`prepare_article`]).
pub struct Prepared {
    row: ArticleRow,
    statements: Vec<StatementRow>,
    /// The statements' meaning vectors, when the sentence encoder is installed.
    meanings: matching::Meanings,
}

/// Extracts an article's statements, without the database: call it before taking the writer,
/// so a long extraction never holds other writes back. 413 when the body or its statements
/// exceed the limits. Editors only.
pub fn prepare_article(
    actor: &Actor,
    new: NewArticle,
    limits: &Limits,
    encoder: Option<&SentenceEncoder>,
) -> Result<Prepared, AppError> {
    actor.require(Role::Editor, "load articles")?;
    if new.body.len() > MAX_BODY_BYTES {
        return Err(AppError::TooLarge(format!(
            "the article body is {:.1} MB; the limit is {} MB",
            new.body.len() as f64 / (1024.0 * 1024.0),
            MAX_BODY_BYTES / (1024 * 1024)
        )));
    }
    if new.language.is_none() {
        if let Some(other) = extract::unsupported_language(&new.body) {
            return Err(AppError::rule(format!(
                "the text looks {} ({}): claimdesk extracts statements from French and English; \
                 set the language to fr or en to load it anyway",
                other.name, other.code
            )));
        }
    }
    let mut prepared = prepare(loader(actor)?, new);
    if prepared.statements.len() > limits.max_statements {
        return Err(AppError::TooLarge(format!(
            "the article gives {} statements; the limit is {} (CLAIMDESK_MAX_STATEMENTS): \
             split it into several articles",
            prepared.statements.len(),
            limits.max_statements
        )));
    }
    prepared.meanings = matching::meanings(encoder, &prepared.statements);
    Ok(prepared)
}

/// Stores a prepared article with its statements and audit events in one transaction, and
/// returns what was stored.
pub fn store_article(
    conn: &mut DbConnection,
    actor: &Actor,
    prepared: Prepared,
) -> Result<ArticleView, AppError> {
    in_transaction(conn, |conn| insert_prepared(conn, actor, &prepared))?;
    // A new article has no reviewer, assignee or source yet: no names to look up.
    let names = UserNames::default();
    let statements = prepared
        .statements
        .into_iter()
        .map(|s| StatementView::new(s, Vec::new(), &names, None))
        .collect();
    Ok(ArticleView::new(prepared.row, statements, &names))
}

fn prepare(created_by: UserId, new: NewArticle) -> Prepared {
    let language = new
        .language
        .unwrap_or_else(|| extract::detect_language(&new.body));
    // A dateline that names only the month ("date 2024-12") dates the article's numbers but is
    // not a publication day: the article keeps no date rather than an invented 1st.
    let published_at = new.published_at.or_else(|| {
        extract::reference_from_dateline(&new.body)
            .filter(|r| r.day_known)
            .map(|r| r.date)
    });
    let now = db::now();
    let row = ArticleRow {
        id: ArticleId::new(),
        title: new.title,
        language: language.as_str().to_string(),
        outlet: new.outlet,
        url: new.url,
        published_at,
        status: ArticleStatus::Open,
        created_by,
        created_at: now,
        updated_at: now,
        version: 1,
        assigned_to: None,
        signed_off_by: None,
        signed_off_at: None,
        content_hash: Some(content_hash(&new.body)),
        body: new.body,
    };
    // Only a real publication date is passed on: without one the extractor reads the dateline
    // itself and knows whether it gave the day (weekdays need it) or only the month.
    let options = Options {
        lang: LangChoice::Fixed(language),
        reference_date: new.published_at,
    };
    let statements = extract_statements(row.id, &row.body, &options, now);
    Prepared {
        row,
        statements,
        meanings: matching::Meanings::new(),
    }
}

/// The user an article is loaded as: articles are loaded by people, not by the system.
fn loader(actor: &Actor) -> Result<UserId, AppError> {
    actor
        .id
        .ok_or_else(|| AppError::rule("an article must be loaded by a user"))
}

/// Inserts a prepared article with its audit events; the caller holds the transaction.
fn insert_prepared(conn: &mut DbConnection, actor: &Actor, p: &Prepared) -> Result<(), AppError> {
    let row = &p.row;
    article::insert(conn, row)?;
    statement::insert_many(conn, &p.statements)?;
    let lang = matching::lang_of(&row.language);
    let indexed = matching::index_new(
        conn,
        row.id,
        lang,
        &p.statements,
        &p.meanings,
        row.created_at,
    )?;
    matching::store(conn, &indexed)?;
    let mut e = event(actor, "article.create", "article", row.id, Some(row.id));
    let mut after = snapshot::article(row);
    after["statements"] = json!(p.statements.len());
    e.after = Some(after);
    let mut events = vec![e];
    for s in &p.statements {
        let mut e = event(actor, "statement.create", "statement", s.id, Some(row.id));
        e.after = Some(snapshot::statement(s));
        events.push(e);
    }
    audit::append_all(conn, events)?;
    Ok(())
}

/// What importing one article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// Stored, with this many statements.
    Created { id: ArticleId, statements: usize },
    /// An article with the same body (or URL) was loaded before; nothing was stored.
    Duplicate { id: ArticleId },
}

/// Extracts the statements of articles to import, without the database (see
/// [`prepare_article`]): call it before taking the writer. Editors only.
pub fn prepare_imports(
    actor: &Actor,
    articles: Vec<NewArticle>,
    encoder: Option<&SentenceEncoder>,
) -> Result<Vec<Prepared>, AppError> {
    let limits = Limits::from_env();
    articles
        .into_iter()
        .map(|a| prepare_article(actor, a, &limits, encoder))
        .collect()
}

/// Stores prepared articles in one transaction, except those already there (same body, or
/// same URL).
pub fn import_articles(
    conn: &mut DbConnection,
    actor: &Actor,
    prepared: &[Prepared],
) -> Result<Vec<Imported>, AppError> {
    in_transaction(conn, |conn| {
        let mut outcomes = Vec::with_capacity(prepared.len());
        for p in prepared {
            let hash = p.row.content_hash.as_deref().unwrap_or_default();
            if let Some(id) = article::find_duplicate(conn, hash, p.row.url.as_deref())? {
                outcomes.push(Imported::Duplicate { id });
                continue;
            }
            insert_prepared(conn, actor, p)?;
            outcomes.push(Imported::Created {
                id: p.row.id,
                statements: p.statements.len(),
            });
        }
        Ok(outcomes)
    })
}

/// Deletes an article and its statements; the audit trail keeps what they were. Editors only.
pub fn delete_article(
    conn: &mut DbConnection,
    actor: &Actor,
    article_id: ArticleId,
) -> Result<(), AppError> {
    actor.require(Role::Editor, "delete articles")?;
    in_transaction(conn, |conn| {
        let row = article::find(conn, article_id)?.ok_or_else(|| AppError::not_found("article"))?;
        if row.status == ArticleStatus::SignedOff {
            return Err(AppError::Conflict(
                "a signed-off article is part of the published record and cannot be deleted; \
                 correct its statements instead"
                    .into(),
            ));
        }
        let statements = statement::for_article(conn, article_id)?;
        let mut events: Vec<_> = statements
            .iter()
            .map(|s| {
                let mut e = event(
                    actor,
                    "statement.delete",
                    "statement",
                    s.id,
                    Some(article_id),
                );
                e.before = Some(snapshot::statement(s));
                e
            })
            .collect();
        article::delete(conn, article_id)?;
        let mut e = event(
            actor,
            "article.delete",
            "article",
            article_id,
            Some(article_id),
        );
        e.before = Some(snapshot::article(&row));
        events.push(e);
        audit::append_all(conn, events)?;
        Ok(())
    })
}
