//! Loading articles (with statement extraction) and deleting them.

use super::view::{load_article, ArticleView};
use super::{event, in_transaction, record, Actor};
use crate::domain::{ArticleStatus, NewArticle, Role};
use crate::error::AppError;
use crate::extract::{self, LangChoice, Options};
use crate::storage::article::{self, ArticleRow};
use crate::storage::audit;
use crate::storage::statement::{self, StatementRow};
use crate::storage::{self as db, DbConnection};
use serde_json::json;
use sha2::{Digest, Sha256};

/// Statement rows for `body`, made by the extractor.
pub fn extract_statements(
    article_id: &str,
    body: &str,
    options: &Options,
    now: chrono::NaiveDateTime,
) -> Vec<StatementRow> {
    extract::extract(body, options)
        .into_iter()
        .filter_map(|s| {
            Some(StatementRow {
                id: db::new_id(),
                article_id: article_id.to_string(),
                span_start: i32::try_from(s.start).ok()?,
                span_end: i32::try_from(s.end).ok()?,
                kind: s.kind.as_str().to_string(),
                values_json: serde_json::to_string(&s.values).unwrap_or_else(|_| "[]".into()),
                gloss_en: s.gloss_en,
                score: f64::from(s.score),
                rule: s.rule,
                text: s.text,
                origin: "extracted".into(),
                verdict: "unreviewed".into(),
                note: String::new(),
                reviewed_by: None,
                reviewed_at: None,
                created_at: now,
                updated_at: now,
                version: 1,
                assigned_to: None,
                approval: "none".into(),
                approved_by: None,
                approved_at: None,
                rejection_reason: None,
            })
        })
        .collect()
}

/// The statement as recorded in the audit trail.
pub fn statement_json(s: &StatementRow) -> serde_json::Value {
    json!({
        "start": s.span_start, "end": s.span_end, "text": s.text, "kind": s.kind,
        "values": serde_json::from_str::<serde_json::Value>(&s.values_json).unwrap_or_default(),
        "gloss_en": s.gloss_en, "score": s.score, "rule": s.rule, "origin": s.origin,
        "verdict": s.verdict, "note": s.note, "version": s.version,
        "assigned_to": s.assigned_to, "approval": s.approval,
    })
}

fn article_json(a: &ArticleRow) -> serde_json::Value {
    json!({
        "title": a.title, "language": a.language, "outlet": a.outlet, "url": a.url,
        "published_at": a.published_at, "status": a.status,
        "body_sha256": content_hash(&a.body),
        "body_bytes": a.body.len(),
    })
}

/// An article row and its extracted statements, ready to insert.
struct Prepared {
    row: ArticleRow,
    statements: Vec<StatementRow>,
}

fn prepare(actor: &Actor, new: NewArticle) -> Prepared {
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
        id: db::new_id(),
        title: new.title,
        language: language.as_str().to_string(),
        outlet: new.outlet,
        url: new.url,
        published_at,
        status: ArticleStatus::Open.as_str().to_string(),
        created_by: actor.id.clone().unwrap_or_default(),
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
    let statements = extract_statements(&row.id, &row.body, &options, now);
    Prepared { row, statements }
}

/// SHA-256 of an article body, hex.
pub fn content_hash(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

/// Inserts a prepared article with its audit events; the caller holds the transaction.
fn insert_prepared(conn: &mut DbConnection, actor: &Actor, p: &Prepared) -> Result<(), AppError> {
    let row = &p.row;
    if row.created_by.is_empty() {
        return Err(AppError::validation("an article must be loaded by a user"));
    }
    article::insert(conn, row)?;
    statement::insert_many(conn, &p.statements)?;
    let mut e = event(actor, "article.create", "article", &row.id, Some(&row.id));
    let mut after = article_json(row);
    after["statements"] = json!(p.statements.len());
    e.after = Some(after);
    let mut events = vec![e];
    for s in &p.statements {
        let mut e = event(actor, "statement.create", "statement", &s.id, Some(&row.id));
        e.after = Some(statement_json(s));
        events.push(e);
    }
    audit::append_all(conn, events)?;
    Ok(())
}

/// Stores an article and the statements extracted from it, in one transaction. Editors only.
pub fn create_article(
    conn: &mut DbConnection,
    actor: &Actor,
    new: NewArticle,
) -> Result<ArticleView, AppError> {
    actor.require(Role::Editor, "load articles")?;
    let prepared = prepare(actor, new);
    in_transaction(conn, |conn| {
        insert_prepared(conn, actor, &prepared)?;
        load_article(conn, &prepared.row.id)
    })
}

/// What importing one article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// Stored, with this many statements.
    Created { id: String, statements: usize },
    /// An article with the same body (or URL) was loaded before; nothing was stored.
    Duplicate { id: String },
}

/// Stores articles, in one transaction, except those already there (same body, or same URL).
/// Editors only. Extraction runs before the transaction opens, so the write lock is held only
/// for the inserts.
pub fn import_articles(
    conn: &mut DbConnection,
    actor: &Actor,
    articles: Vec<NewArticle>,
) -> Result<Vec<Imported>, AppError> {
    actor.require(Role::Editor, "load articles")?;
    let prepared: Vec<Prepared> = articles.into_iter().map(|a| prepare(actor, a)).collect();
    in_transaction(conn, |conn| {
        let mut outcomes = Vec::with_capacity(prepared.len());
        for p in &prepared {
            let hash = p.row.content_hash.as_deref().unwrap_or_default();
            if let Some(id) = article::find_duplicate(conn, hash, p.row.url.as_deref())? {
                outcomes.push(Imported::Duplicate { id });
                continue;
            }
            insert_prepared(conn, actor, p)?;
            outcomes.push(Imported::Created {
                id: p.row.id.clone(),
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
    article_id: &str,
) -> Result<(), AppError> {
    actor.require(Role::Editor, "delete articles")?;
    in_transaction(conn, |conn| {
        let row = article::find(conn, article_id)?.ok_or_else(|| AppError::not_found("article"))?;
        if row.status == ArticleStatus::SignedOff.as_str() {
            return Err(AppError::Conflict(
                "a signed-off article is part of the published record and cannot be deleted; \
                 correct its statements instead"
                    .into(),
            ));
        }
        let statements = statement::for_article(conn, article_id)?;
        for s in &statements {
            let mut e = event(
                actor,
                "statement.delete",
                "statement",
                &s.id,
                Some(article_id),
            );
            e.before = Some(statement_json(s));
            record(conn, e)?;
        }
        article::delete(conn, article_id)?;
        let mut e = event(
            actor,
            "article.delete",
            "article",
            article_id,
            Some(article_id),
        );
        e.before = Some(article_json(&row));
        record(conn, e)?;
        Ok(())
    })
}
