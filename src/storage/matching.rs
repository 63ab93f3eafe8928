//! The `statement_keys` index (keys of every statement, for finding candidates), the
//! `statement_matches` found between statements, and what statements mean to the sentence
//! encoder (`statement_meaning`).

use super::schema::{key_counts, statement_keys, statement_matches, statement_meaning};
use super::DbConnection;
use crate::domain::{ArticleId, StatementId, UserId};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// SQLite refuses statements with too many bound parameters: lists go in chunks of this size.
const CHUNK: usize = 500;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = statement_keys)]
pub struct KeyRow {
    pub key: String,
    pub statement_id: StatementId,
    pub article_id: ArticleId,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = statement_matches)]
pub struct MatchRow {
    pub statement_id: StatementId,
    pub match_id: StatementId,
    pub score: f64,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub dismissed_by: Option<UserId>,
    pub dismissed_at: Option<NaiveDateTime>,
}

/// Adds keys to the index; a key already there is left as it is (two instances starting
/// together may both index the same earlier statements).
pub fn insert_keys(conn: &mut DbConnection, rows: &[KeyRow]) -> QueryResult<()> {
    for chunk in rows.chunks(CHUNK) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(statement_keys::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(statement_keys::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    Ok(())
}

/// A statement's meaning vector, packed ([`crate::matching::pack`]).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = statement_meaning)]
pub struct MeaningRow {
    pub statement_id: StatementId,
    pub vector: Vec<u8>,
}

/// Stores meaning vectors; one already stored for a statement is left as it is.
pub fn insert_meanings(conn: &mut DbConnection, rows: &[MeaningRow]) -> QueryResult<()> {
    for chunk in rows.chunks(CHUNK) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(statement_meaning::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(statement_meaning::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    Ok(())
}

/// The stored meaning vectors of the given statements (those without one are absent).
pub fn meanings_of(
    conn: &mut DbConnection,
    statement_ids: &[StatementId],
) -> QueryResult<HashMap<StatementId, Vec<u8>>> {
    let mut out = HashMap::new();
    for chunk in statement_ids.chunks(CHUNK) {
        let rows: Vec<(StatementId, Vec<u8>)> = statement_meaning::table
            .filter(statement_meaning::statement_id.eq_any(chunk))
            .select((statement_meaning::statement_id, statement_meaning::vector))
            .load(conn)?;
        out.extend(rows);
    }
    Ok(out)
}

/// The language of each given statement's article ("fr", "en").
pub fn languages_of(
    conn: &mut DbConnection,
    statement_ids: &[StatementId],
) -> QueryResult<HashMap<StatementId, String>> {
    use super::schema::{articles, statements};
    let mut out = HashMap::new();
    for chunk in statement_ids.chunks(CHUNK) {
        let rows: Vec<(StatementId, String)> = statements::table
            .inner_join(articles::table)
            .filter(statements::id.eq_any(chunk))
            .select((statements::id, articles::language))
            .load(conn)?;
        out.extend(rows);
    }
    Ok(out)
}

/// Removes a statement's meaning vector (its text changed).
pub fn delete_meaning(conn: &mut DbConnection, statement_id: StatementId) -> QueryResult<usize> {
    diesel::delete(
        statement_meaning::table.filter(statement_meaning::statement_id.eq(statement_id)),
    )
    .execute(conn)
}

/// Up to `at_most` statements that have no meaning vector yet, oldest first.
pub fn without_meaning(conn: &mut DbConnection, at_most: i64) -> QueryResult<Vec<StatementId>> {
    use super::schema::statements;
    statements::table
        .left_join(statement_meaning::table.on(statement_meaning::statement_id.eq(statements::id)))
        .filter(statement_meaning::statement_id.is_null())
        .order(statements::created_at)
        .select(statements::id)
        .limit(at_most)
        .load(conn)
}

/// Removes a statement's keys (before indexing its new text).
pub fn delete_keys(conn: &mut DbConnection, statement_id: StatementId) -> QueryResult<usize> {
    diesel::delete(statement_keys::table.filter(statement_keys::statement_id.eq(statement_id)))
        .execute(conn)
}

/// How many statements carry each of `keys` (keys no statement carries are absent).
pub fn frequencies(conn: &mut DbConnection, keys: &[&str]) -> QueryResult<HashMap<String, i64>> {
    let mut out = HashMap::new();
    for chunk in keys.chunks(CHUNK) {
        let rows: Vec<(String, i64)> = key_counts::table
            .filter(key_counts::key.eq_any(chunk))
            .filter(key_counts::statements.gt(0))
            .select((key_counts::key, key_counts::statements))
            .load(conn)?;
        out.extend(rows);
    }
    Ok(out)
}

/// The statements (outside `article`) that carry each of `keys`, as (key, statement) pairs.
pub fn postings(
    conn: &mut DbConnection,
    keys: &[&str],
    outside: ArticleId,
) -> QueryResult<Vec<(String, StatementId)>> {
    let mut out = Vec::new();
    for chunk in keys.chunks(CHUNK) {
        out.extend(
            statement_keys::table
                .filter(statement_keys::key.eq_any(chunk))
                .filter(statement_keys::article_id.ne(outside))
                .select((statement_keys::key, statement_keys::statement_id))
                .load::<(String, StatementId)>(conn)?,
        );
    }
    Ok(out)
}

/// At most `at_most` of the statements (outside `article`) that carry `key`.
pub fn postings_sample(
    conn: &mut DbConnection,
    key: &str,
    outside: ArticleId,
    at_most: i64,
) -> QueryResult<Vec<StatementId>> {
    statement_keys::table
        .filter(statement_keys::key.eq(key))
        .filter(statement_keys::article_id.ne(outside))
        .select(statement_keys::statement_id)
        .limit(at_most)
        .load(conn)
}

/// The keys of the given statements.
pub fn keys_of(
    conn: &mut DbConnection,
    statement_ids: &[StatementId],
) -> QueryResult<HashMap<StatementId, Vec<String>>> {
    let mut out: HashMap<StatementId, Vec<String>> = HashMap::new();
    for chunk in statement_ids.chunks(CHUNK) {
        let rows: Vec<(StatementId, String)> = statement_keys::table
            .filter(statement_keys::statement_id.eq_any(chunk))
            .select((statement_keys::statement_id, statement_keys::key))
            .load(conn)?;
        for (id, key) in rows {
            out.entry(id).or_default().push(key);
        }
    }
    Ok(out)
}

/// Statements that have no key yet (stored before matching existed), oldest first.
pub fn unindexed_statements(
    conn: &mut DbConnection,
    at_most: i64,
) -> QueryResult<Vec<StatementId>> {
    use super::schema::statements;
    statements::table
        .filter(diesel::dsl::not(diesel::dsl::exists(
            statement_keys::table.filter(statement_keys::statement_id.eq(statements::id)),
        )))
        .order(statements::created_at.asc())
        .select(statements::id)
        .limit(at_most)
        .load(conn)
}

/// Stores the matches found for statements. A pair already stored (a dismissed match, for
/// a statement indexed again) keeps its row.
pub fn insert_matches(conn: &mut DbConnection, rows: &[MatchRow]) -> QueryResult<()> {
    for chunk in rows.chunks(CHUNK / 4) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_or_ignore_into(statement_matches::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(statement_matches::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(c)?,
        };
    }
    Ok(())
}

/// Forgets the matches of a statement that were not dismissed (before matching it again).
pub fn delete_open_matches(
    conn: &mut DbConnection,
    statement_id: StatementId,
) -> QueryResult<usize> {
    diesel::delete(
        statement_matches::table
            .filter(statement_matches::statement_id.eq(statement_id))
            .filter(statement_matches::dismissed_at.is_null()),
    )
    .execute(conn)
}

/// The matches of the given statements that nobody dismissed, best first.
pub fn open_matches(
    conn: &mut DbConnection,
    statement_ids: &[StatementId],
) -> QueryResult<Vec<MatchRow>> {
    let mut out = Vec::new();
    for chunk in statement_ids.chunks(CHUNK) {
        out.extend(
            statement_matches::table
                .filter(statement_matches::statement_id.eq_any(chunk))
                .filter(statement_matches::dismissed_at.is_null())
                .select(MatchRow::as_select())
                .load(conn)?,
        );
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(out)
}

/// One match of a statement, dismissed or not.
pub fn find_match(
    conn: &mut DbConnection,
    statement_id: StatementId,
    match_id: StatementId,
) -> QueryResult<Option<MatchRow>> {
    statement_matches::table
        .find((statement_id, match_id))
        .select(MatchRow::as_select())
        .first(conn)
        .optional()
}

/// Marks a match dismissed by `user`: it is no longer offered.
pub fn dismiss(
    conn: &mut DbConnection,
    statement_id: StatementId,
    match_id: StatementId,
    user: UserId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(statement_matches::table.find((statement_id, match_id)))
        .set((
            statement_matches::dismissed_by.eq(Some(user)),
            statement_matches::dismissed_at.eq(Some(at)),
        ))
        .execute(conn)
}
