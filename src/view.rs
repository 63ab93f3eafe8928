//! Read models: articles, statements and people as the API, the pages and the reports show
//! them. Plain types built from stored rows by pure functions; loading them is
//! `service::query`'s job.

use crate::domain::{
    Approval, ArticleId, ArticleStatus, Kind, Origin, Role, StatementId, UserId, Verdict,
};
use crate::extract::Value;
use crate::storage::article::{ArticleRow, ArticleSummaryRow};
use crate::storage::source::SourceRow;
use crate::storage::statement::StatementRow;
use crate::storage::user::UserRow;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

/// A statement with its sources and the names of the people around it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub id: StatementId,
    pub article_id: ArticleId,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: Kind,
    pub values: Vec<Value>,
    pub gloss_en: Option<String>,
    pub score: f64,
    pub rule: String,
    pub origin: Origin,
    pub verdict: Verdict,
    pub note: String,
    pub sources: Vec<SourceRow>,
    /// Display name of the verdict's author.
    pub reviewed_by: Option<String>,
    /// The verdict's author (the two-person rule keeps them from approving it); not shown.
    #[serde(skip)]
    pub reviewed_by_id: Option<UserId>,
    pub reviewed_at: Option<NaiveDateTime>,
    /// Username of the reviewer this statement is assigned to (its own, else its article's).
    pub assigned_to: Option<String>,
    pub approval: Approval,
    /// True once the verdict is final (approved, or recorded without the two-person rule).
    pub is_final: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDateTime>,
    pub rejection_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

/// Display and user names of the users a view mentions, by id.
#[derive(Debug, Clone, Default)]
pub struct UserNames {
    display: HashMap<UserId, String>,
    login: HashMap<UserId, String>,
}

impl UserNames {
    /// Adds a user's login and display name.
    pub fn insert(&mut self, id: UserId, username: String, display_name: String) {
        self.display.insert(id, display_name);
        self.login.insert(id, username);
    }

    /// The display name of a user, if known.
    pub fn display(&self, id: Option<UserId>) -> Option<String> {
        id.and_then(|id| self.display.get(&id).cloned())
    }

    /// The username of a user, if known.
    pub fn login(&self, id: Option<UserId>) -> Option<String> {
        id.and_then(|id| self.login.get(&id).cloned())
    }
}

impl StatementView {
    /// `article_assignee` is the article's assignee, used when the statement has none.
    pub fn new(
        row: StatementRow,
        sources: Vec<SourceRow>,
        names: &UserNames,
        article_assignee: Option<UserId>,
    ) -> Self {
        Self {
            reviewed_by: names.display(row.reviewed_by),
            reviewed_by_id: row.reviewed_by,
            assigned_to: names.login(row.assigned_to.or(article_assignee)),
            approved_by: names.display(row.approved_by),
            is_final: row.approval.is_final(),
            approval: row.approval,
            approved_at: row.approved_at,
            rejection_reason: row.rejection_reason,
            values: serde_json::from_str(&row.values_json).unwrap_or_default(),
            id: row.id,
            article_id: row.article_id,
            start: usize::try_from(row.span_start).unwrap_or(0),
            end: usize::try_from(row.span_end).unwrap_or(0),
            text: row.text,
            kind: row.kind,
            gloss_en: row.gloss_en,
            score: row.score,
            rule: row.rule,
            origin: row.origin,
            verdict: row.verdict,
            note: row.note,
            sources,
            reviewed_at: row.reviewed_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

/// An article with its statements in reading order and the count of each verdict.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: ArticleId,
    pub title: String,
    pub body: String,
    pub language: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<NaiveDate>,
    pub status: ArticleStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// Username of the reviewer the article is assigned to.
    pub assigned_to: Option<String>,
    pub signed_off_by: Option<String>,
    pub signed_off_at: Option<NaiveDateTime>,
    pub counts: VerdictCounts,
    /// How many statements carry a final verdict; sign-off needs all of them.
    pub final_count: usize,
    pub statements: Vec<StatementView>,
}

impl ArticleView {
    /// The view of an article row with its statements' views.
    pub fn new(row: ArticleRow, statements: Vec<StatementView>, names: &UserNames) -> Self {
        let mut counts = VerdictCounts::default();
        for s in &statements {
            counts.add(s.verdict, 1);
        }
        ArticleView {
            assigned_to: names.login(row.assigned_to),
            signed_off_by: names.display(row.signed_off_by),
            signed_off_at: row.signed_off_at,
            final_count: statements.iter().filter(|s| s.is_final).count(),
            id: row.id,
            title: row.title,
            body: row.body,
            language: row.language,
            outlet: row.outlet,
            url: row.url,
            published_at: row.published_at,
            status: row.status,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
            counts,
            statements,
        }
    }
}

/// How many statements carry each verdict.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct VerdictCounts {
    pub unreviewed: i64,
    pub verified: i64,
    pub disputed: i64,
    pub needs_source: i64,
}

impl VerdictCounts {
    pub fn add(&mut self, verdict: Verdict, n: i64) {
        match verdict {
            Verdict::Verified => self.verified += n,
            Verdict::Disputed => self.disputed += n,
            Verdict::NeedsSource => self.needs_source += n,
            Verdict::Unreviewed => self.unreviewed += n,
        }
    }

    pub fn total(&self) -> i64 {
        self.unreviewed + self.verified + self.disputed + self.needs_source
    }
}

/// An article in a listing: metadata and verdict counts, no body.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    #[serde(flatten)]
    pub article: ArticleSummaryRow,
    pub counts: VerdictCounts,
}

/// A user as pages and the API show them: never the password hash.
#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    /// The interface language the user chose; `None` follows the browser.
    pub language: Option<String>,
}

impl From<UserRow> for UserView {
    fn from(u: UserRow) -> Self {
        Self {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            disabled: u.disabled,
            created_at: u.created_at,
            language: u.language,
        }
    }
}

/// An audit event as people read it: who did what, and each field that changed, before and
/// after.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    pub who: String,
    /// The action in words ("recorded a verdict").
    pub what: String,
    pub entity_type: String,
    pub entity_id: String,
    pub changes: Vec<Change>,
    /// The stored JSON, for those who want every detail.
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// One field an event changed (or set, or cleared).
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The action of an audit event in words.
pub fn action_words(action: &str) -> String {
    match action {
        "article.create" => "loaded the article",
        "article.delete" => "deleted the article",
        "article.sign_off" => "signed the article off",
        "statement.create" => "added the statement",
        "statement.update" => "edited the statement",
        "statement.delete" => "deleted the statement",
        "verdict.record" => "recorded a verdict",
        "verdict.change" => "changed the verdict",
        "verdict.reuse" => "reused the verdict of an earlier statement",
        "match.dismiss" => "dismissed a match",
        "fact.create" => "added a reference fact",
        "fact.delete" => "deleted a reference fact",
        "verdict.approve" => "approved the verdict",
        "verdict.reject" => "rejected the verdict",
        "assignment.article" => "assigned the article",
        "assignment.statement" => "assigned the statement",
        "comment.create" => "commented",
        "session.login" => "logged in",
        "session.logout" => "logged out",
        "user.create" => "created the account",
        "user.disable" => "disabled the account",
        "user.enable" => "enabled the account",
        "setting.change" => "changed a setting",
        "token.create" => "created an API token",
        "token.revoke" => "revoked an API token",
        other => return other.replace(['.', '_'], " "),
    }
    .to_string()
}

/// A JSON value as a short text: strings bare, `null` as empty, lists and objects compact.
fn shown(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.replace('_', " "),
        Some(other) => other.to_string(),
    }
}

impl From<&crate::storage::audit::AuditRow> for EventView {
    fn from(e: &crate::storage::audit::AuditRow) -> Self {
        let parse = |j: &Option<String>| {
            j.as_deref()
                .and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok())
        };
        let (before, after) = (parse(&e.before_json), parse(&e.after_json));
        let mut fields: Vec<String> = Vec::new();
        for side in [&before, &after] {
            if let Some(serde_json::Value::Object(map)) = side {
                for k in map.keys() {
                    if !fields.contains(k) {
                        fields.push(k.clone());
                    }
                }
            }
        }
        let changes = fields
            .into_iter()
            .filter_map(|field| {
                let b = before.as_ref().and_then(|v| v.get(&field));
                let a = after.as_ref().and_then(|v| v.get(&field));
                let (before, after) = (shown(b), shown(a));
                // Fields that were and stay empty (a new statement's gloss) say nothing.
                (b != a && !(before.is_empty() && after.is_empty())).then(|| Change {
                    before,
                    after,
                    field: field.replace('_', " "),
                })
            })
            .collect();
        Self {
            seq: e.seq,
            occurred_at: e.occurred_at,
            who: e.actor_name.clone(),
            what: action_words(&e.action),
            entity_type: e.entity_type.clone(),
            entity_id: e.entity_id.clone(),
            changes,
            before_json: e.before_json.clone(),
            after_json: e.after_json.clone(),
        }
    }
}
