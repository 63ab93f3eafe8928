//! Gathers what a report shows: the article, its statements, the corrections log and the
//! audit chain head.

use super::query::{load_article, names_of};
use crate::domain::{ArticleId, UserId};
use crate::error::AppError;
use crate::extract::Lang;
use crate::report::{self, ChainHead, Correction, ReportView};
use crate::storage::audit::{self, AuditRow};
use crate::storage::{self as db, DbConnection};
use crate::view::UserNames;
use serde_json::Value;
use std::collections::HashMap;

/// Who publishes the report and where it lives.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub newsroom: String,
    /// Base URL of the server, without a trailing slash.
    pub base_url: String,
    /// The newsroom's public page (ClaimReview's author URL).
    pub newsroom_url: Option<String>,
    /// The report's language; `None` means the article's.
    pub language: Option<Lang>,
}

/// The report of one article (404 when it does not exist).
pub fn load_report(
    conn: &mut DbConnection,
    article_id: ArticleId,
    publisher: &Publisher,
) -> Result<ReportView, AppError> {
    let head = sealed_head(conn)?;
    report_of(conn, article_id, publisher, head)
}

/// The chain head now, with its signed checkpoint (appended to the checkpoint log).
fn sealed_head(
    conn: &mut DbConnection,
) -> Result<(Option<ChainHead>, Option<crate::storage::seal::Checkpoint>), AppError> {
    let head = audit::head(conn)?;
    let checkpoint = head
        .as_ref()
        .and_then(|h| audit::current_seal().map(|seal| seal.checkpoint(h.seq, &h.hash)));
    let chain_head = head.map(|h| ChainHead {
        seq: h.seq,
        hash: h.hash,
    });
    Ok((chain_head, checkpoint))
}

/// The report of one article, printing the given chain head and checkpoint.
fn report_of(
    conn: &mut DbConnection,
    article_id: ArticleId,
    publisher: &Publisher,
    (chain_head, checkpoint): (Option<ChainHead>, Option<crate::storage::seal::Checkpoint>),
) -> Result<ReportView, AppError> {
    let article = load_article(conn, article_id)?;
    let lang = publisher
        .language
        .or_else(|| article.language.parse().ok())
        .unwrap_or(Lang::En);
    let t = report::labels(lang);
    let texts: HashMap<String, &str> = article
        .statements
        .iter()
        .map(|s| (s.id.to_string(), s.text.as_str()))
        .collect();
    let mut found = Vec::new();
    let mut after = 0;
    let article_key = article_id.to_string();
    loop {
        let page = audit::for_article(conn, &article_key, after, 1000)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        found.extend(page.into_iter().filter_map(CorrectionEvent::of));
    }
    // Names of the people who made corrections only, loaded once.
    let names = names_of(
        conn,
        found
            .iter()
            .filter_map(|c| c.event.actor_id.as_deref()?.parse::<UserId>().ok()),
    )?;
    let mut corrections: Vec<Correction> = found
        .into_iter()
        .map(|c| c.into_correction(&texts, &names))
        .collect();
    for c in &mut corrections {
        c.from_label = report::verdict_code_label(&c.from, lang);
        c.to_label = report::verdict_code_label(&c.to, lang);
    }
    let status_label = report::status_label(article.status, lang);
    Ok(ReportView {
        status_label,
        newsroom: publisher.newsroom.clone(),
        generated_at: db::now(),
        report_url: format!(
            "{}/api/v1/articles/{}/report?format=html",
            publisher.base_url, article.id
        ),
        article,
        verdict_scale: report::verdict_scale(lang),
        methodology: t.methodology_text.to_string(),
        t,
        newsroom_url: publisher.newsroom_url.clone(),
        corrections,
        chain_head,
        checkpoint,
    })
}

/// An audit event that belongs in the corrections log, with its JSON parsed once: any change
/// to a signed-off article (it carries a `correction_reason`), and any verdict changed after it
/// was first recorded.
struct CorrectionEvent {
    event: AuditRow,
    before: Option<Value>,
    after: Option<Value>,
    reason: Option<String>,
}

fn text_field(json: &Option<Value>, key: &str) -> Option<String> {
    json.as_ref()?.get(key)?.as_str().map(str::to_string)
}

impl CorrectionEvent {
    fn of(event: AuditRow) -> Option<Self> {
        let parse = |j: &Option<String>| {
            j.as_deref()
                .and_then(|j| serde_json::from_str::<Value>(j).ok())
        };
        let before = parse(&event.before_json);
        let after = parse(&event.after_json);
        let reason = text_field(&after, "correction_reason");
        // A reuse on a statement that had no verdict yet is its first verdict, not a change.
        let had_verdict = !matches!(
            text_field(&before, "verdict").as_deref(),
            None | Some("unreviewed")
        );
        let verdict_changed = (event.action == "verdict.change"
            || (event.action == "verdict.reuse" && had_verdict))
            && text_field(&before, "verdict") != text_field(&after, "verdict");
        (reason.is_some() || verdict_changed).then_some(Self {
            event,
            before,
            after,
            reason,
        })
    }

    fn into_correction(self, texts: &HashMap<String, &str>, names: &UserNames) -> Correction {
        let e = &self.event;
        let (from, to) = match (
            text_field(&self.before, "verdict"),
            text_field(&self.after, "verdict"),
        ) {
            (Some(b), Some(a)) if b != a => (b, a),
            _ => (String::new(), e.action.replace('.', " ")),
        };
        let actor = e
            .actor_id
            .as_deref()
            .and_then(|id| id.parse::<UserId>().ok());
        Correction {
            statement_id: e.entity_id.clone(),
            statement_text: texts
                .get(&e.entity_id)
                .map(|t| t.to_string())
                .or_else(|| text_field(&self.before, "text"))
                .unwrap_or_else(|| "(statement deleted)".into()),
            from,
            to,
            from_label: String::new(),
            to_label: String::new(),
            by: names.display(actor).unwrap_or_else(|| e.actor_name.clone()),
            at: e.occurred_at,
            note: self
                .reason
                .clone()
                .or_else(|| text_field(&self.after, "note"))
                .unwrap_or_default(),
            after_sign_off: self.reason.is_some(),
        }
    }
}

/// Most articles one date-range export holds.
pub const MAX_RANGE_ARTICLES: i64 = 1000;

/// The reports of the articles loaded on days `from` to `to` (inclusive), oldest first.
pub fn load_reports_between(
    conn: &mut DbConnection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    publisher: &Publisher,
) -> Result<Vec<ReportView>, AppError> {
    if to < from {
        return Err(AppError::rule("the range ends before it starts"));
    }
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let end = to
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(chrono::NaiveDateTime::MAX);
    let ids = crate::storage::article::created_between(conn, start, end, MAX_RANGE_ARTICLES)?;
    // One signed checkpoint for the whole export, not one per article.
    let head = sealed_head(conn)?;
    ids.into_iter()
        .map(|id| report_of(conn, id, publisher, head.clone()))
        .collect()
}

/// The message sent to the newsroom's webhook when an article is signed off.
pub fn sign_off_announcement(
    article: &crate::view::ArticleView,
    publisher: &Publisher,
) -> serde_json::Value {
    let report = format!(
        "{}/api/v1/articles/{}/report",
        publisher.base_url, article.id
    );
    serde_json::json!({
        "event": "article.signed_off",
        "newsroom": publisher.newsroom,
        "article": {
            "id": article.id, "title": article.title, "url": article.url, "outlet": article.outlet,
            "language": article.language, "published_at": article.published_at,
            "signed_off_by": article.signed_off_by, "signed_off_at": article.signed_off_at,
            "counts": article.counts,
        },
        "report_url": format!("{report}?format=html"),
        "claimreview_url": format!("{report}?format=claimreview"),
    })
}
