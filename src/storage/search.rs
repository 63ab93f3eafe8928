//! Full-text search over statements, their notes and sources: SQLite FTS5 (accents folded,
//! prefixes) or PostgreSQL text search (French and English stemming). The index is kept by
//! triggers (migration 000009); this module only queries it.

use super::DbConnection;
use crate::domain::{Kind, StatementId, UserId, Verdict};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text};

/// What to look for and which statements to keep.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    /// The words to find (all of them).
    pub words: Vec<String>,
    pub verdict: Option<Verdict>,
    pub kind: Option<Kind>,
    /// The article's publication date (else the day it was loaded), inclusive bounds.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Who recorded the verdict.
    pub reviewer: Option<UserId>,
    pub limit: i64,
}

#[derive(QueryableByName)]
struct Hit {
    #[diesel(sql_type = Text)]
    id: String,
}

/// The ids of matching statements, best first.
pub fn search(conn: &mut DbConnection, filter: &SearchFilter) -> QueryResult<Vec<StatementId>> {
    let verdict = filter.verdict.map(|v| v.as_str().to_string());
    let kind = filter.kind.map(|k| k.as_str().to_string());
    let reviewer = filter.reviewer.map(|u| u.to_string());
    let rows: Vec<Hit> = match conn {
        DbConnection::Sqlite(c) => {
            // Each word quoted (so that no user input is FTS5 syntax) and open at its end, so
            // that "asile" finds "asiles"; all words must be present.
            let query = filter
                .words
                .iter()
                .map(|w| format!("\"{}\"*", w.replace('"', "")))
                .collect::<Vec<_>>()
                .join(" ");
            diesel::sql_query(
                "SELECT s.id AS id
                   FROM statement_search f
                   JOIN statement_search_ids i ON i.search_id = f.rowid
                   JOIN statements s ON s.id = i.statement_id
                   JOIN articles a ON a.id = s.article_id
                  WHERE statement_search MATCH ?
                    AND (? IS NULL OR s.verdict = ?)
                    AND (? IS NULL OR s.kind = ?)
                    AND (? IS NULL OR coalesce(a.published_at, date(a.created_at)) >= ?)
                    AND (? IS NULL OR coalesce(a.published_at, date(a.created_at)) <= ?)
                    AND (? IS NULL OR s.reviewed_by = ?)
                  ORDER BY f.rank
                  LIMIT ?",
            )
            .bind::<Text, _>(query)
            .bind::<Nullable<Text>, _>(verdict.clone())
            .bind::<Nullable<Text>, _>(verdict)
            .bind::<Nullable<Text>, _>(kind.clone())
            .bind::<Nullable<Text>, _>(kind)
            .bind::<Nullable<Date>, _>(filter.from)
            .bind::<Nullable<Date>, _>(filter.from)
            .bind::<Nullable<Date>, _>(filter.to)
            .bind::<Nullable<Date>, _>(filter.to)
            .bind::<Nullable<Text>, _>(reviewer.clone())
            .bind::<Nullable<Text>, _>(reviewer)
            .bind::<BigInt, _>(filter.limit)
            .load(c)?
        }
        DbConnection::Postgresql(c) => {
            let text = filter.words.join(" ");
            diesel::sql_query(
                "WITH q AS (SELECT plainto_tsquery('french', $1) || plainto_tsquery('english', $1)
                                   AS query)
                 SELECT s.id AS id
                   FROM statement_search f
                   CROSS JOIN q
                   JOIN statements s ON s.id = f.statement_id
                   JOIN articles a ON a.id = s.article_id
                  WHERE f.document @@ q.query
                    AND ($2::text IS NULL OR s.verdict = $2)
                    AND ($3::text IS NULL OR s.kind = $3)
                    AND ($4::date IS NULL OR coalesce(a.published_at, a.created_at::date) >= $4)
                    AND ($5::date IS NULL OR coalesce(a.published_at, a.created_at::date) <= $5)
                    AND ($6::text IS NULL OR s.reviewed_by = $6)
                  ORDER BY ts_rank(f.document, q.query) DESC, s.id
                  LIMIT $7",
            )
            .bind::<Text, _>(text)
            .bind::<Nullable<Text>, _>(verdict)
            .bind::<Nullable<Text>, _>(kind)
            .bind::<Nullable<Date>, _>(filter.from)
            .bind::<Nullable<Date>, _>(filter.to)
            .bind::<Nullable<Text>, _>(reviewer)
            .bind::<BigInt, _>(filter.limit)
            .load(c)?
        }
    };
    Ok(rows.into_iter().filter_map(|h| h.id.parse().ok()).collect())
}
