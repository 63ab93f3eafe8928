//! The notes thread of a statement, where reviewers discuss before deciding; `@username`
//! mentions are resolved against existing users.

use super::notification::{notify, Reason};
use super::{event, in_transaction, record, Actor};
use crate::domain::{CommentId, Role, StatementId};
use crate::error::AppError;
use crate::storage::comment::{self, CommentRow};
use crate::storage::{self as db, statement, user, DbConnection};
use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 10_000;

/// A comment as shown: author's display name and the users it mentions.
#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: CommentId,
    pub statement_id: StatementId,
    pub author: String,
    pub body: String,
    pub mentions: Vec<String>,
    pub created_at: NaiveDateTime,
}

/// The `@name` tokens of a text, lower-cased, in order of first appearance.
pub fn mentioned_names(body: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, _) in body.match_indices('@') {
        // An @ inside a word (an e-mail address) is not a mention.
        if body[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let name: String = body[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect::<String>()
            .trim_end_matches(['.', '-'])
            .to_ascii_lowercase();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Adds a comment to a statement's thread. Any logged-in user (reviewers and above).
pub fn add(
    conn: &mut DbConnection,
    actor: &Actor,
    statement_id: StatementId,
    body: &str,
) -> Result<CommentView, AppError> {
    actor.require(Role::Reviewer, "comment")?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::rule("the comment is empty"));
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(AppError::rule(format!(
            "a comment may not exceed {MAX_COMMENT_CHARS} characters"
        )));
    }
    let author_id = actor
        .id
        .ok_or_else(|| AppError::rule("comments are written by users"))?;
    in_transaction(conn, |conn| {
        let stmt =
            statement::find(conn, statement_id)?.ok_or_else(|| AppError::not_found("statement"))?;
        let mut mentions = Vec::new();
        for name in mentioned_names(body) {
            let Some(person) = user::find_by_username(conn, &name)?.filter(|u| !u.disabled) else {
                return Err(AppError::rule(format!(
                    "@{name} is not one of this newsroom's users: check the name (mentions \
                     reach active accounts only)"
                )));
            };
            notify(
                conn,
                actor,
                person.id,
                Reason::Mention,
                stmt.article_id,
                Some(statement_id),
            )?;
            mentions.push(name);
        }
        let row = CommentRow {
            id: CommentId::new(),
            statement_id,
            author_id,
            body: body.to_string(),
            mentions: serde_json::to_string(&mentions).unwrap_or_else(|_| "[]".into()),
            created_at: db::now(),
        };
        comment::insert(conn, &row)?;
        let mut e = event(
            actor,
            "comment.create",
            "statement",
            statement_id,
            Some(stmt.article_id),
        );
        e.after = Some(json!({"comment_id": row.id, "body": row.body, "mentions": mentions}));
        record(conn, e)?;
        Ok(CommentView {
            id: row.id,
            statement_id: row.statement_id,
            author: actor.name.clone(),
            body: row.body,
            mentions,
            created_at: row.created_at,
        })
    })
}

/// The thread of a statement, oldest first (404 when the statement does not exist).
pub fn thread(
    conn: &mut DbConnection,
    statement_id: StatementId,
) -> Result<Vec<CommentView>, AppError> {
    statement::find(conn, statement_id)?.ok_or_else(|| AppError::not_found("statement"))?;
    comments_of(conn, statement_id)
}

/// The thread of a statement known to exist.
pub(crate) fn comments_of(
    conn: &mut DbConnection,
    statement_id: StatementId,
) -> Result<Vec<CommentView>, AppError> {
    let rows = comment::for_statement(conn, statement_id)?;
    let names = super::query::names_of(conn, rows.iter().map(|c| c.author_id))?;
    Ok(rows
        .into_iter()
        .map(|c| CommentView {
            author: names.display(Some(c.author_id)).unwrap_or_default(),
            mentions: serde_json::from_str(&c.mentions).unwrap_or_default(),
            id: c.id,
            statement_id: c.statement_id,
            body: c.body,
            created_at: c.created_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_names_after_an_at_sign_not_email_addresses() {
        assert_eq!(
            mentioned_names("@Remi peux-tu vérifier ? cc @claire.d, pas x@y.org. @remi"),
            vec!["remi", "claire.d"]
        );
        assert!(mentioned_names("aucune mention").is_empty());
        assert!(mentioned_names("@").is_empty());
    }
}
