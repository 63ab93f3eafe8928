//! The `audit_events` table: an append-only, hash-chained log of every write.
//!
//! Each event's `hash` is `HMAC-SHA256(key, prev_hash || canonical JSON of the event)` in
//! lower-case hex, with the key of the database's [`Seal`] (kept outside the database), where
//! `prev_hash` is the previous event's hash (64 zeros for the first). Events written before the
//! database had a key carry `SHA-256(prev_hash || canonical JSON)` instead. Appends take a lock
//! (the single SQLite writer; a transaction-scoped advisory lock on PostgreSQL) so that writers on
//! several instances still form one chain; the unique `seq` and `hash` columns refuse a fork.

use super::schema::audit_events;
use super::seal::Seal;
use super::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::sync::Arc;

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Advisory lock key that serializes audit appends across PostgreSQL sessions.
const APPEND_LOCK_KEY: i64 = 0x636c_6169_6d64;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = audit_events)]
pub struct AuditRow {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub article_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// An event to append; sequence number, time and hashes are filled in by [`append`].
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub article_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The exact bytes hashed for an event: every column but `hash`, in a fixed order, with the
/// time as RFC 3339 UTC to the microsecond.
pub fn canonical_json(row: &AuditRow) -> String {
    #[derive(Serialize)]
    struct Canonical<'a> {
        seq: i64,
        occurred_at: String,
        actor_id: Option<&'a str>,
        actor_name: &'a str,
        action: &'a str,
        entity_type: &'a str,
        entity_id: &'a str,
        article_id: Option<&'a str>,
        before: Option<&'a str>,
        after: Option<&'a str>,
    }
    let canonical = Canonical {
        seq: row.seq,
        occurred_at: row.occurred_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        actor_id: row.actor_id.as_deref(),
        actor_name: &row.actor_name,
        action: &row.action,
        entity_type: &row.entity_type,
        entity_id: &row.entity_id,
        article_id: row.article_id.as_deref(),
        before: row.before_json.as_deref(),
        after: row.after_json.as_deref(),
    };
    // Serializing a struct of strings and integers cannot fail.
    serde_json::to_string(&canonical).unwrap_or_default()
}

/// The hash an event must carry given its predecessor's hash, under `seal`.
pub fn chain_hash(seal: &Seal, prev_hash: &str, row: &AuditRow) -> String {
    seal.chain_hash(row.seq, prev_hash, &canonical_json(row))
}

thread_local! {
    /// The seal of the database whose connection this thread is using (set by `Database`
    /// around each unit of work, so query functions that take only a connection can append).
    static CURRENT_SEAL: RefCell<Option<Arc<Seal>>> = const { RefCell::new(None) };
}

/// Runs `work` with `seal` as the thread's current seal.
pub(crate) fn with_seal<T>(seal: &Arc<Seal>, work: impl FnOnce() -> T) -> T {
    let previous = CURRENT_SEAL.with(|s| s.replace(Some(Arc::clone(seal))));
    struct Restore(Option<Arc<Seal>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT_SEAL.with(|s| *s.borrow_mut() = previous);
        }
    }
    let _restore = Restore(previous);
    work()
}

/// The seal of the database in use on this thread.
pub fn current_seal() -> Option<Arc<Seal>> {
    CURRENT_SEAL.with(|s| s.borrow().clone())
}

/// Appends an event at the head of the chain. Call inside the transaction of the change it
/// records, so that both commit or neither does.
pub fn append(conn: &mut DbConnection, event: NewEvent) -> QueryResult<AuditRow> {
    let mut rows = append_all(conn, vec![event])?;
    rows.pop().ok_or(diesel::result::Error::NotFound)
}

/// Appends several events in order, reading the chain head once (a loaded article records one
/// event per statement). Same transaction rule as [`append`].
///
/// The caller's transaction must already hold the chain's lock ([`lock_chain`]; the service
/// layer's write transaction takes it first), so it is taken once per transaction.
pub fn append_all(conn: &mut DbConnection, events: Vec<NewEvent>) -> QueryResult<Vec<AuditRow>> {
    let seal = current_seal().ok_or_else(|| {
        diesel::result::Error::QueryBuilderError("no audit seal for this database".into())
    })?;
    let (mut seq, mut prev_hash) = match head(conn)? {
        Some(h) => (h.seq, h.hash),
        None => (0, GENESIS_HASH.to_string()),
    };
    let occurred_at = super::now();
    let to_text = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
    let mut rows = Vec::with_capacity(events.len());
    for event in events {
        seq += 1;
        let mut row = AuditRow {
            seq,
            occurred_at,
            actor_id: event.actor_id,
            actor_name: event.actor_name,
            action: event.action,
            entity_type: event.entity_type,
            entity_id: event.entity_id,
            article_id: event.article_id,
            before_json: to_text(event.before),
            after_json: to_text(event.after),
            prev_hash,
            hash: String::new(),
        };
        row.hash = chain_hash(&seal, &row.prev_hash, &row);
        prev_hash = row.hash.clone();
        rows.push(row);
    }
    // Multi-row inserts through the backend's own connection (none through the multi-backend
    // one), in chunks under SQLite's limit on bound parameters.
    // (Diesel runs a SQLite batch as one INSERT per row inside a savepoint; a single event, the
    // common case, goes in as one plain INSERT.)
    if let [row] = rows.as_slice() {
        let insert = diesel::insert_into(audit_events::table).values(row);
        on_backend!(&mut *conn, |c| insert.execute(c))?;
        announce_articles(conn, &rows)?;
        return Ok(rows);
    }
    for chunk in rows.chunks(1000) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(audit_events::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(audit_events::table)
                .values(chunk)
                .execute(c)?,
        };
    }
    announce_articles(conn, &rows)?;
    Ok(rows)
}

/// Tells the event streams of each article these events touch (once per article).
fn announce_articles(conn: &mut DbConnection, rows: &[AuditRow]) -> QueryResult<()> {
    let mut seen: Vec<&str> = Vec::new();
    for article in rows.iter().filter_map(|r| r.article_id.as_deref()) {
        if !seen.contains(&article) {
            seen.push(article);
            super::live::announce(conn, super::live::Signal::Changed(article.to_string()))?;
        }
    }
    Ok(())
}

/// Takes the chain's append lock until the end of the current transaction (PostgreSQL; on
/// SQLite the write transaction itself is the lock). Taking it first in a write transaction
/// also serializes that transaction's reads with other instances' writes.
pub fn lock_chain(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(APPEND_LOCK_KEY)
            .execute(pg)?;
    }
    Ok(())
}

/// The head of the chain: the newest event's sequence number and hash.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

/// The head of the chain, if it has any event (only the two columns an append needs: the whole
/// row would be read, JSON and all, on every write).
pub fn head(conn: &mut DbConnection) -> QueryResult<Option<ChainHead>> {
    let query = audit_events::table
        .order(audit_events::seq.desc())
        .select((audit_events::seq, audit_events::hash));
    on_backend!(conn, |c| query.first(c).optional())
}

/// Events about one entity, oldest first.
pub fn for_entity(
    conn: &mut DbConnection,
    entity_type: &str,
    entity_id: &str,
) -> QueryResult<Vec<AuditRow>> {
    audit_events::table
        .filter(audit_events::entity_type.eq(entity_type))
        .filter(audit_events::entity_id.eq(entity_id))
        .order(audit_events::seq.asc())
        .select(AuditRow::as_select())
        .load(conn)
}

/// Events after `after_seq`, oldest first, at most `limit`: a page of the whole chain.
pub fn page(conn: &mut DbConnection, after_seq: i64, limit: i64) -> QueryResult<Vec<AuditRow>> {
    audit_events::table
        .filter(audit_events::seq.gt(after_seq))
        .order(audit_events::seq.asc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

/// Events about one article (the article and its statements), oldest first, a page at a time.
pub fn for_article(
    conn: &mut DbConnection,
    article_id: &str,
    after_seq: i64,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    audit_events::table
        .filter(audit_events::article_id.eq(article_id))
        .filter(audit_events::seq.gt(after_seq))
        .order(audit_events::seq.asc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

/// The event carrying this hash, if any.
pub fn find_by_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<AuditRow>> {
    audit_events::table
        .filter(audit_events::hash.eq(hash))
        .select(AuditRow::as_select())
        .first(conn)
        .optional()
}
