//! Gathers what a report shows: the article, its statements, the corrections log and the
//! audit chain head.

use super::view::{load_article, UserNames};
use crate::error::AppError;
use crate::extract::Lang;
use crate::report::{self, ChainHead, Correction, ReportView};
use crate::storage::audit::{self, AuditRow};
use crate::storage::{self as db, DbConnection};
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
    article_id: &str,
    publisher: &Publisher,
) -> Result<ReportView, AppError> {
    let article = load_article(conn, article_id)?;
    let lang = publisher
        .language
        .or_else(|| article.language.parse().ok())
        .unwrap_or(Lang::En);
    let t = report::labels(lang);
    let names = UserNames::load(conn)?;
    let texts: HashMap<&str, &str> = article
        .statements
        .iter()
        .map(|s| (s.id.as_str(), s.text.as_str()))
        .collect();
    let mut corrections = Vec::new();
    let mut after = 0;
    loop {
        let page = audit::for_article(conn, article_id, after, 1000)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for e in &page {
            if let Some(c) = correction_of(e, &texts, &names) {
                corrections.push(c);
            }
        }
    }
    for c in &mut corrections {
        c.from_label = report::verdict_code_label(&c.from, lang);
        c.to_label = report::verdict_code_label(&c.to, lang);
    }
    let chain_head = audit::head(conn)?.map(|h| ChainHead {
        seq: h.seq,
        hash: h.hash,
    });
    let status_label = report::status_label(&article.status, lang);
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
    })
}

fn json_field(json: &Option<String>, key: &str) -> Option<String> {
    json.as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|v| v.get(key).and_then(Value::as_str).map(str::to_string))
}

/// The corrections-log entry an audit event makes, if any: any change to a signed-off article
/// (it carries a `correction_reason`), and any verdict changed after it was first recorded.
fn correction_of(
    e: &AuditRow,
    texts: &HashMap<&str, &str>,
    names: &UserNames,
) -> Option<Correction> {
    let reason = json_field(&e.after_json, "correction_reason");
    let before = json_field(&e.before_json, "verdict");
    let after = json_field(&e.after_json, "verdict");
    let verdict_changed = e.action == "verdict.change" && before != after;
    if reason.is_none() && !verdict_changed {
        return None;
    }
    let (from, to) = match (before, after) {
        (Some(b), Some(a)) if b != a => (b, a),
        _ => (String::new(), e.action.replace('.', " ")),
    };
    Some(Correction {
        statement_id: e.entity_id.clone(),
        statement_text: texts
            .get(e.entity_id.as_str())
            .map(|t| t.to_string())
            .or_else(|| json_field(&e.before_json, "text"))
            .unwrap_or_else(|| "(statement deleted)".into()),
        from,
        to,
        from_label: String::new(),
        to_label: String::new(),
        by: names
            .display(e.actor_id.as_ref())
            .unwrap_or_else(|| e.actor_name.clone()),
        at: e.occurred_at,
        note: reason
            .clone()
            .or_else(|| json_field(&e.after_json, "note"))
            .unwrap_or_default(),
        after_sign_off: reason.is_some(),
    })
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
        return Err(AppError::validation("the range ends before it starts"));
    }
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let end = to
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(chrono::NaiveDateTime::MAX);
    let ids = crate::storage::article::created_between(conn, start, end, MAX_RANGE_ARTICLES)?;
    ids.iter()
        .map(|id| load_report(conn, id, publisher))
        .collect()
}
