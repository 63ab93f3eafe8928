//! Manual statements, edits, deletions and verdicts. Each write returns the statement as it
//! now stands, built from what it wrote (no second read).

use super::query::statement_view;
use super::review::{correction_reason, two_person_rule};
use super::snapshot::{self, with_correction};
use super::{event, in_transaction, matching, record, Actor};
use crate::domain::{
    Approval, ArticleId, ArticleStatus, Kind, Origin, Role, Source, SourceId, SourceInput,
    StatementId, Verdict,
};
use crate::encoder::SentenceEncoder;
use crate::error::AppError;
use crate::extract::{self, LangChoice, Options};
use crate::storage::article::{self, ArticleHead, ArticleRow};
use crate::storage::audit::{self, AuditRow};
use crate::storage::source::{self, SourceRow};
use crate::storage::statement::{self, NewStatement, StatementRow};
use crate::storage::{self as db, DbConnection};
use crate::view::StatementView;
use serde_json::json;

/// Most sources one verdict may cite.
pub const MAX_SOURCES: usize = 50;
/// Longest English gloss, in characters.
pub const MAX_GLOSS_CHARS: usize = 2_000;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;

fn check_span(body: &str, start: i64, end: i64) -> Result<(usize, usize), AppError> {
    let (Ok(s), Ok(e)) = (usize::try_from(start), usize::try_from(end)) else {
        return Err(AppError::rule(
            "start and end must be non-negative byte offsets",
        ));
    };
    if s >= e || e > body.len() {
        return Err(AppError::rule(format!(
            "the span [{s}, {e}) is not a non-empty range inside the {}-byte article body",
            body.len()
        )));
    }
    if !body.is_char_boundary(s) || !body.is_char_boundary(e) {
        return Err(AppError::rule(format!(
            "the span [{s}, {e}) cuts a character in two: offsets are UTF-8 bytes"
        )));
    }
    if body[s..e].trim().is_empty() {
        return Err(AppError::rule("the span holds only white space"));
    }
    Ok((s, e))
}

fn check_note(note: &str) -> Result<String, AppError> {
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::rule(format!(
            "a note may not exceed {MAX_NOTE_CHARS} characters"
        )));
    }
    Ok(note.trim().to_string())
}

fn article_of(conn: &mut DbConnection, id: ArticleId) -> Result<ArticleRow, AppError> {
    article::find(conn, id)?.ok_or_else(|| AppError::not_found("article"))
}

/// A statement with its article's head and its sources (404 when missing).
pub(super) fn statement_for_write(
    conn: &mut DbConnection,
    id: StatementId,
) -> Result<(StatementRow, ArticleHead, Vec<SourceRow>), AppError> {
    statement::find_for_write(conn, id)?.ok_or_else(|| AppError::not_found("statement"))
}

fn check_version(row: &StatementRow, expected: Option<i32>) -> Result<(), AppError> {
    match expected {
        Some(v) if v != row.version => Err(AppError::stale("statement")),
        _ => Ok(()),
    }
}

fn options_for(language: &str, published_at: Option<chrono::NaiveDate>) -> Options {
    Options {
        lang: language.parse().map(LangChoice::Fixed).unwrap_or_default(),
        reference_date: published_at,
    }
}

/// The best typed reading of a span the extractor can give: kind, values and gloss.
fn analyse_span(article: &ArticleRow, text: &str) -> (Kind, String, Option<String>) {
    let found = extract::extract(text, &options_for(&article.language, article.published_at));
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
    /// The extractor's reading of the span when absent.
    #[serde(default)]
    pub kind: Option<Kind>,
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
    article_id: ArticleId,
    input: ManualStatement,
    encoder: Option<&SentenceEncoder>,
) -> Result<StatementView, AppError> {
    actor.require(Role::Editor, "add statements")?;
    let (row, assignee) = in_transaction(conn, |conn| {
        let article = article_of(conn, article_id)?;
        let correction =
            correction_reason(article.status, actor, input.correction_reason.as_deref())?;
        let (s, e) = check_span(&article.body, input.start, input.end)?;
        let text = &article.body[s..e];
        let (found_kind, values_json, gloss_en) = analyse_span(&article, text);
        let kind = input.kind.unwrap_or(found_kind);
        let row = StatementRow::from(NewStatement {
            article_id: article.id,
            span_start: i32::try_from(s).map_err(|_| AppError::rule("span too far"))?,
            span_end: i32::try_from(e).map_err(|_| AppError::rule("span too far"))?,
            text: text.to_string(),
            kind,
            values_json,
            gloss_en,
            score: 1.0,
            rule: "manual".into(),
            origin: Origin::Manual,
            note: check_note(input.note.as_deref().unwrap_or(""))?,
            created_at: db::now(),
        });
        statement::insert_many(conn, std::slice::from_ref(&row))?;
        matching::reindex(conn, &row, &article.language, encoder, row.created_at)?;
        let mut ev = event(
            actor,
            "statement.create",
            "statement",
            row.id,
            Some(article_id),
        );
        ev.after = Some(with_correction(snapshot::statement(&row), &correction));
        record(conn, ev)?;
        Ok((row, article.assigned_to))
    })?;
    statement_view(conn, actor, row, Vec::new(), assignee)
}

/// An editor's change to a statement: any field left out stays as it is.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StatementPatch {
    #[serde(default)]
    pub start: Option<i64>,
    #[serde(default)]
    pub end: Option<i64>,
    #[serde(default)]
    pub kind: Option<Kind>,
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

/// Edits a statement (span, kind, gloss, note). Editors only; 409 on a stale version.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: StatementId,
    patch: StatementPatch,
    encoder: Option<&SentenceEncoder>,
) -> Result<StatementView, AppError> {
    actor.require(Role::Editor, "edit statements")?;
    if patch.start.is_none()
        && patch.end.is_none()
        && patch.kind.is_none()
        && patch.gloss_en.is_none()
        && patch.note.is_none()
    {
        return Err(AppError::rule(
            "nothing to change: send at least one of start, end, kind, gloss_en or note",
        ));
    }
    if patch
        .gloss_en
        .as_ref()
        .is_some_and(|g| g.chars().count() > MAX_GLOSS_CHARS)
    {
        return Err(AppError::rule(format!(
            "a gloss may not exceed {MAX_GLOSS_CHARS} characters"
        )));
    }
    let (after, sources, assignee) = in_transaction(conn, |conn| {
        let (before, head, sources) = statement_for_write(conn, id)?;
        check_version(&before, patch.version)?;
        let mut after = before.clone();
        let moves_span = patch.start.is_some() || patch.end.is_some();
        // Only a new span needs the article's body.
        let (status, assignee) = if moves_span {
            let article = article_of(conn, before.article_id)?;
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
            (article.status, article.assigned_to)
        } else {
            (head.status, head.assigned_to)
        };
        let correction = correction_reason(status, actor, patch.correction_reason.as_deref())?;
        if let Some(kind) = patch.kind {
            after.kind = kind;
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
        if after.text != before.text || after.gloss_en != before.gloss_en {
            matching::reindex(conn, &after, &head.language, encoder, after.updated_at)?;
        }
        let mut ev = event(
            actor,
            "statement.update",
            "statement",
            id,
            Some(before.article_id),
        );
        ev.before = Some(snapshot::statement(&before));
        ev.after = Some(with_correction(snapshot::statement(&after), &correction));
        record(conn, ev)?;
        Ok((after, sources, assignee))
    })?;
    statement_view(conn, actor, after, sources, assignee)
}

/// Deletes a statement; its history stays in the audit trail. Editors only. Returns the
/// article it belonged to.
pub fn delete(
    conn: &mut DbConnection,
    actor: &Actor,
    id: StatementId,
    expected_version: Option<i32>,
    reason: Option<&str>,
) -> Result<ArticleId, AppError> {
    actor.require(Role::Editor, "delete statements")?;
    in_transaction(conn, |conn| {
        let (before, head, sources) = statement_for_write(conn, id)?;
        check_version(&before, expected_version)?;
        let correction = correction_reason(head.status, actor, reason)?;
        statement::delete(conn, id)?;
        let mut ev = event(
            actor,
            "statement.delete",
            "statement",
            id,
            Some(before.article_id),
        );
        let mut snapshot = snapshot::statement(&before);
        snapshot["sources"] = json!(sources);
        ev.before = Some(snapshot);
        ev.after = correction.map(|r| json!({"deleted": true, "correction_reason": r}));
        record(conn, ev)?;
        Ok(before.article_id)
    })
}

/// A verdict as submitted by a reviewer.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct VerdictInput {
    /// `verified`, `disputed` or `needs_source` (`unreviewed` is refused). Optional with
    /// `reuse`, which then gives it.
    #[serde(default)]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub note: Option<String>,
    /// `None` keeps the sources already cited (or takes the reused statement's); `Some`
    /// replaces them.
    #[serde(default)]
    pub sources: Option<Vec<SourceInput>>,
    /// An earlier statement making the same claim whose verdict, note and sources are copied
    /// (what the request gives itself wins); recorded as a reuse in the audit trail.
    #[serde(default)]
    pub reuse: Option<StatementId>,
    #[serde(default)]
    pub version: Option<i32>,
    /// Required once the article is signed off: the change is then a correction.
    #[serde(default)]
    pub correction_reason: Option<String>,
}

/// The verdict, note and sources a request asks for, completed from the statement it reuses.
fn completed_from_reuse(
    conn: &mut DbConnection,
    id: StatementId,
    mut input: VerdictInput,
) -> Result<VerdictInput, AppError> {
    let Some(reused) = input.reuse else {
        return Ok(input);
    };
    if reused == id {
        return Err(AppError::rule("a statement cannot reuse its own verdict"));
    }
    let other = statement::find(conn, reused)?
        .ok_or_else(|| AppError::rule(format!("there is no statement {reused} to reuse")))?;
    if other.verdict == Verdict::Unreviewed {
        return Err(AppError::rule(
            "the statement to reuse has no verdict yet: nothing to copy",
        ));
    }
    input.verdict = input.verdict.or(Some(other.verdict));
    if input.note.is_none() {
        input.note = Some(other.note);
    }
    if input.sources.is_none() {
        input.sources = Some(
            source::for_statements(conn, &[reused])?
                .into_iter()
                .map(|s| SourceInput {
                    url: s.url,
                    title: s.title,
                    excerpt: s.excerpt,
                })
                .collect(),
        );
    }
    Ok(input)
}

/// Records (or changes) the verdict on a statement, with its note and sources, or copies them
/// from an earlier statement making the same claim (`reuse`). Reviewers and above; 409 when
/// `version` is given and stale. Under the two-person rule the verdict then awaits a second
/// person's approval; on a signed-off article it is a correction (editors, with a reason) and
/// final at once.
pub fn record_verdict(
    conn: &mut DbConnection,
    actor: &Actor,
    id: StatementId,
    input: VerdictInput,
) -> Result<StatementView, AppError> {
    actor.require(Role::Reviewer, "record verdicts")?;
    let input = completed_from_reuse(conn, id, input)?;
    let verdict = match input.verdict {
        None | Some(Verdict::Unreviewed) => {
            return Err(AppError::rule(
                "a verdict is one of verified, disputed or needs_source (or reuse names a \
                 statement whose verdict to copy)",
            ))
        }
        Some(v) => v,
    };
    let note = input.note.as_deref().map(check_note).transpose()?;
    let sources: Option<Vec<Source>> = match input.sources {
        Some(list) if list.len() > MAX_SOURCES => {
            return Err(AppError::rule(format!(
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
    let (after, after_sources, assignee) = in_transaction(conn, |conn| {
        let (before, article, before_sources) = statement_for_write(conn, id)?;
        check_version(&before, input.version)?;
        let correction =
            correction_reason(article.status, actor, input.correction_reason.as_deref())?;
        let now = db::now();
        let mut after = before.clone();
        after.verdict = verdict;
        after.approval = if correction.is_none() && two_person_rule(conn)? {
            Approval::Pending
        } else {
            Approval::NotRequired
        };
        after.approved_by = None;
        after.approved_at = None;
        after.rejection_reason = None;
        if let Some(note) = note {
            after.note = note;
        }
        after.reviewed_by = actor.id;
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
                        id: SourceId::new(),
                        statement_id: id,
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
        let action = if input.reuse.is_some() {
            "verdict.reuse"
        } else if before.verdict == Verdict::Unreviewed {
            "verdict.record"
        } else {
            "verdict.change"
        };
        let mut ev = event(actor, action, "statement", id, Some(before.article_id));
        ev.before = Some(snapshot::verdict(&before, &before_sources));
        let mut after_snapshot = snapshot::verdict(&after, &after_sources);
        if let Some(reused) = input.reuse {
            after_snapshot["reused_from"] = json!(reused);
        }
        ev.after = Some(with_correction(after_snapshot, &correction));
        record(conn, ev)?;
        if article.status == ArticleStatus::Open {
            article::set_status(conn, article.id, ArticleStatus::InReview, now)?;
        }
        Ok((after, after_sources, article.assigned_to))
    })?;
    statement_view(conn, actor, after, after_sources, assignee)
}

/// The audit events of one statement, oldest first (404 when it never existed).
pub fn history(conn: &mut DbConnection, id: StatementId) -> Result<Vec<AuditRow>, AppError> {
    let events = audit::for_entity(conn, "statement", &id.to_string())?;
    if events.is_empty() {
        return Err(AppError::not_found("statement"));
    }
    Ok(events)
}

/// What a statement's page shows: the statement, its history, its discussion thread, and
/// whether its article is signed off (changes are then corrections).
pub type Detail = (
    StatementView,
    Vec<AuditRow>,
    Vec<super::comment::CommentView>,
    bool,
);

/// A statement with its history and its discussion thread, for its page (404 when missing).
pub fn detail(conn: &mut DbConnection, id: StatementId) -> Result<Detail, AppError> {
    let found = super::query::load_statement(conn, id)?;
    let signed_off = article::find_head(conn, found.article_id)?
        .is_some_and(|h| h.status == ArticleStatus::SignedOff);
    let history = history(conn, id)?;
    let thread = super::comment::comments_of(conn, id)?;
    Ok((found, history, thread, signed_off))
}
