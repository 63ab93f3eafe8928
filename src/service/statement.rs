//! Manual statements, edits, deletions and verdicts.

use super::article::statement_json;
use super::review::{correction_reason, two_person_rule};
use super::view::{load_statement, StatementView};
use super::{event, in_transaction, record, Actor};
use crate::domain::{ArticleStatus, Role, Source, SourceInput, Verdict};
use crate::error::AppError;
use crate::extract::{self, Kind, LangChoice, Options};
use crate::storage::article::{self, ArticleRow};
use crate::storage::audit::{self, AuditRow};
use crate::storage::source::{self, SourceRow};
use crate::storage::statement::{self, StatementRow};
use crate::storage::{self as db, DbConnection};
use serde_json::json;

/// Most sources one verdict may cite.
pub const MAX_SOURCES: usize = 50;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;

fn check_span(body: &str, start: i64, end: i64) -> Result<(usize, usize), AppError> {
    let (Ok(s), Ok(e)) = (usize::try_from(start), usize::try_from(end)) else {
        return Err(AppError::validation(
            "start and end must be non-negative byte offsets",
        ));
    };
    if s >= e || e > body.len() {
        return Err(AppError::validation(format!(
            "the span [{s}, {e}) is not a non-empty range inside the {}-byte article body",
            body.len()
        )));
    }
    if !body.is_char_boundary(s) || !body.is_char_boundary(e) {
        return Err(AppError::validation(format!(
            "the span [{s}, {e}) cuts a character in two: offsets are UTF-8 bytes"
        )));
    }
    if body[s..e].trim().is_empty() {
        return Err(AppError::validation("the span holds only white space"));
    }
    Ok((s, e))
}

fn check_note(note: &str) -> Result<String, AppError> {
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::validation(format!(
            "a note may not exceed {MAX_NOTE_CHARS} characters"
        )));
    }
    Ok(note.trim().to_string())
}

fn parse_kind(raw: &str) -> Result<Kind, AppError> {
    raw.parse::<Kind>().map_err(|_| {
        AppError::validation(format!(
            "unknown statement kind {raw:?}: use quantity, duration, date, count, event, attribution, location or quote"
        ))
    })
}

fn article_of(conn: &mut DbConnection, id: &str) -> Result<ArticleRow, AppError> {
    article::find(conn, id)?.ok_or_else(|| AppError::not_found("article"))
}

fn statement_of(conn: &mut DbConnection, id: &str) -> Result<StatementRow, AppError> {
    statement::find(conn, id)?.ok_or_else(|| AppError::not_found("statement"))
}

fn check_version(row: &StatementRow, expected: Option<i32>) -> Result<(), AppError> {
    match expected {
        Some(v) if v != row.version => Err(AppError::stale("statement")),
        _ => Ok(()),
    }
}

fn options_for(article: &ArticleRow) -> Options {
    Options {
        lang: article
            .language
            .parse()
            .map(LangChoice::Fixed)
            .unwrap_or_default(),
        reference_date: article.published_at,
    }
}

/// The best typed reading of a span the extractor can give: kind, values and gloss.
fn analyse_span(article: &ArticleRow, text: &str) -> (Kind, String, Option<String>) {
    let found = extract::extract(text, &options_for(article));
    let best = found
        .iter()
        .find(|s| !s.values.is_empty())
        .or(found.first());
    match best {
        Some(s) => (
            s.kind,
            serde_json::to_string(&s.values).unwrap_or_else(|_| "[]".into()),
            s.gloss_en.clone(),
        ),
        None => (Kind::Event, "[]".into(), None),
    }
}

/// A statement an editor marks by hand.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ManualStatement {
    pub start: i64,
    pub end: i64,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Required once the article is signed off: the change is then a correction.
    #[serde(default)]
    pub correction_reason: Option<String>,
}

/// Adds a statement from a span of the article body. Editors only.
pub fn add_manual(
    conn: &mut DbConnection,
    actor: &Actor,
    article_id: &str,
    input: ManualStatement,
) -> Result<StatementView, AppError> {
    actor.require(Role::Editor, "add statements")?;
    in_transaction(conn, |conn| {
        let article = article_of(conn, article_id)?;
        let correction = correction_reason(&article, actor, input.correction_reason.as_deref())?;
        let (s, e) = check_span(&article.body, input.start, input.end)?;
        let text = &article.body[s..e];
        let (found_kind, values_json, gloss_en) = analyse_span(&article, text);
        let kind = match input
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            Some(k) => parse_kind(k)?,
            None => found_kind,
        };
        let now = db::now();
        let row = StatementRow {
            id: db::new_id(),
            article_id: article.id.clone(),
            span_start: i32::try_from(s).map_err(|_| AppError::validation("span too far"))?,
            span_end: i32::try_from(e).map_err(|_| AppError::validation("span too far"))?,
            text: text.to_string(),
            kind: kind.as_str().to_string(),
            values_json,
            gloss_en,
            score: 1.0,
            rule: "manual".into(),
            origin: "manual".into(),
            verdict: Verdict::Unreviewed.as_str().into(),
            note: check_note(input.note.as_deref().unwrap_or(""))?,
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
        };
        statement::insert_many(conn, std::slice::from_ref(&row))?;
        let mut ev = event(
            actor,
            "statement.create",
            "statement",
            &row.id,
            Some(article_id),
        );
        ev.after = Some(with_correction(statement_json(&row), &correction));
        record(conn, ev)?;
        load_statement(conn, &row.id)
    })
}

/// An editor's change to a statement: any field left out stays as it is.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StatementPatch {
    #[serde(default)]
    pub start: Option<i64>,
    #[serde(default)]
    pub end: Option<i64>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub gloss_en: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
    /// Required once the article is signed off: the change is then a correction.
    #[serde(default)]
    pub correction_reason: Option<String>,
}

/// Adds the correction reason, if any, to an audit snapshot.
fn with_correction(mut snapshot: serde_json::Value, reason: &Option<String>) -> serde_json::Value {
    if let (Some(r), Some(obj)) = (reason, snapshot.as_object_mut()) {
        obj.insert("correction_reason".into(), json!(r));
    }
    snapshot
}

/// Edits a statement (span, kind, gloss, note). Editors only; 409 on a stale version.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    patch: StatementPatch,
) -> Result<StatementView, AppError> {
    actor.require(Role::Editor, "edit statements")?;
    in_transaction(conn, |conn| {
        let before = statement_of(conn, id)?;
        check_version(&before, patch.version)?;
        let article = article_of(conn, &before.article_id)?;
        let correction = correction_reason(&article, actor, patch.correction_reason.as_deref())?;
        let mut after = before.clone();
        if patch.start.is_some() || patch.end.is_some() {
            let (s, e) = check_span(
                &article.body,
                patch.start.unwrap_or(i64::from(before.span_start)),
                patch.end.unwrap_or(i64::from(before.span_end)),
            )?;
            after.span_start = i32::try_from(s).unwrap_or(before.span_start);
            after.span_end = i32::try_from(e).unwrap_or(before.span_end);
            after.text = article.body[s..e].to_string();
            let (_, values_json, gloss_en) = analyse_span(&article, &after.text);
            after.values_json = values_json;
            after.gloss_en = gloss_en;
        }
        if let Some(kind) = &patch.kind {
            after.kind = parse_kind(kind)?.as_str().to_string();
        }
        if let Some(gloss) = &patch.gloss_en {
            let gloss = gloss.trim();
            after.gloss_en = (!gloss.is_empty()).then(|| gloss.to_string());
        }
        if let Some(note) = &patch.note {
            after.note = check_note(note)?;
        }
        after.version = before.version + 1;
        after.updated_at = db::now();
        if statement::update_if_version(conn, &after, before.version)? == 0 {
            return Err(AppError::stale("statement"));
        }
        let mut ev = event(
            actor,
            "statement.update",
            "statement",
            id,
            Some(&article.id),
        );
        ev.before = Some(statement_json(&before));
        ev.after = Some(with_correction(statement_json(&after), &correction));
        record(conn, ev)?;
        load_statement(conn, id)
    })
}

/// Deletes a statement; its history stays in the audit trail. Editors only.
pub fn delete(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    expected_version: Option<i32>,
    reason: Option<&str>,
) -> Result<(), AppError> {
    actor.require(Role::Editor, "delete statements")?;
    in_transaction(conn, |conn| {
        let before = statement_of(conn, id)?;
        check_version(&before, expected_version)?;
        let article = article_of(conn, &before.article_id)?;
        let correction = correction_reason(&article, actor, reason)?;
        let sources = source::for_statements(conn, std::slice::from_ref(&before.id))?;
        statement::delete(conn, id)?;
        let mut ev = event(
            actor,
            "statement.delete",
            "statement",
            id,
            Some(&before.article_id),
        );
        let mut snapshot = statement_json(&before);
        snapshot["sources"] = json!(sources);
        ev.before = Some(snapshot);
        ev.after = correction.map(|r| json!({"deleted": true, "correction_reason": r}));
        record(conn, ev)?;
        Ok(())
    })
}

/// A verdict as submitted by a reviewer.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct VerdictInput {
    pub verdict: String,
    #[serde(default)]
    pub note: Option<String>,
    /// `None` keeps the sources already cited; `Some` replaces them.
    #[serde(default)]
    pub sources: Option<Vec<SourceInput>>,
    #[serde(default)]
    pub version: Option<i32>,
    /// Required once the article is signed off: the change is then a correction.
    #[serde(default)]
    pub correction_reason: Option<String>,
}

fn verdict_json(row: &StatementRow, sources: &[SourceRow]) -> serde_json::Value {
    json!({
        "verdict": row.verdict, "note": row.note, "sources": sources,
        "reviewed_by": row.reviewed_by, "approval": row.approval, "version": row.version,
    })
}

/// Records (or changes) the verdict on a statement, with its note and sources. Reviewers and
/// above; 409 when `version` is given and stale. Under the two-person rule the verdict then
/// awaits a second person's approval; on a signed-off article it is a correction (editors, with
/// a reason) and final at once.
pub fn record_verdict(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    input: VerdictInput,
) -> Result<StatementView, AppError> {
    actor.require(Role::Reviewer, "record verdicts")?;
    let verdict = Verdict::parse_recordable(&input.verdict)?;
    let note = input.note.as_deref().map(check_note).transpose()?;
    let sources: Option<Vec<Source>> = match input.sources {
        Some(list) if list.len() > MAX_SOURCES => {
            return Err(AppError::validation(format!(
                "a verdict may cite at most {MAX_SOURCES} sources"
            )))
        }
        Some(list) => Some(
            list.into_iter()
                .map(Source::try_from)
                .collect::<Result<_, _>>()?,
        ),
        None => None,
    };
    in_transaction(conn, |conn| {
        let before = statement_of(conn, id)?;
        check_version(&before, input.version)?;
        let article = article_of(conn, &before.article_id)?;
        let correction = correction_reason(&article, actor, input.correction_reason.as_deref())?;
        let before_sources = source::for_statements(conn, std::slice::from_ref(&before.id))?;
        let now = db::now();
        let mut after = before.clone();
        after.verdict = verdict.as_str().to_string();
        after.approval = if correction.is_none() && two_person_rule(conn)? {
            "pending"
        } else {
            "not_required"
        }
        .into();
        after.approved_by = None;
        after.approved_at = None;
        after.rejection_reason = None;
        if let Some(note) = note {
            after.note = note;
        }
        after.reviewed_by = actor.id.clone();
        after.reviewed_at = Some(now);
        after.updated_at = now;
        after.version = before.version + 1;
        if statement::update_if_version(conn, &after, before.version)? == 0 {
            return Err(AppError::stale("statement"));
        }
        let after_sources = match sources {
            Some(list) => {
                let rows: Vec<SourceRow> = list
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| SourceRow {
                        id: db::new_id(),
                        statement_id: id.to_string(),
                        position: i32::try_from(i).unwrap_or(i32::MAX),
                        url: s.url.as_str().to_string(),
                        title: s.title,
                        excerpt: s.excerpt,
                        created_at: now,
                    })
                    .collect();
                source::replace(conn, id, &rows)?;
                rows
            }
            None => before_sources.clone(),
        };
        let action = if before.verdict == Verdict::Unreviewed.as_str() {
            "verdict.record"
        } else {
            "verdict.change"
        };
        let mut ev = event(actor, action, "statement", id, Some(&before.article_id));
        ev.before = Some(verdict_json(&before, &before_sources));
        ev.after = Some(with_correction(
            verdict_json(&after, &after_sources),
            &correction,
        ));
        record(conn, ev)?;
        if article.status == ArticleStatus::Open.as_str() {
            article::set_status(conn, &article.id, ArticleStatus::InReview.as_str(), now)?;
        }
        load_statement(conn, id)
    })
}

/// The audit events of one statement, oldest first (404 when it never existed).
pub fn history(conn: &mut DbConnection, id: &str) -> Result<Vec<AuditRow>, AppError> {
    let events = audit::for_entity(conn, "statement", id)?;
    if events.is_empty() {
        return Err(AppError::not_found("statement"));
    }
    Ok(events)
}
