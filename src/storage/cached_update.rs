//! Updates whose prepared statement is kept.
//!
//! Diesel never keeps the prepared statement of an `UPDATE` (its `SET` list may vary with
//! optional values, so there could be too many) and prepares it again on every call; on SQLite
//! that means parsing the statement and compiling every trigger on the table each time, a large
//! part of recording a verdict. [`update_where`] writes the same `UPDATE ... SET ... WHERE ...`
//! from the same parts, but as a statement the connection may keep: it is cached under its SQL
//! text, so each distinct `SET` list is prepared once per connection (a whole-row changeset with
//! `treat_none_as_null`, as for statements, always has the same one).

use diesel::associations::HasTable;
use diesel::backend::Backend;
use diesel::query_builder::{AsChangeset, AstPass, QueryFragment, QueryId};
use diesel::query_source::Table;
use diesel::QueryResult;

/// `UPDATE table SET values WHERE filter`, kept prepared (see the module).
#[derive(Debug, Clone)]
pub struct UpdateWhere<F, V, W> {
    from: F,
    values: V,
    filter: W,
}

/// Updates the rows of `table` that `filter` selects with `values` (a changeset of that table).
pub fn update_where<T, V, W>(
    table: T,
    values: V,
    filter: W,
) -> UpdateWhere<T::FromClause, V::Changeset, W>
where
    T: Table + HasTable<Table = T>,
    V: AsChangeset<Target = T>,
{
    UpdateWhere {
        from: table.from_clause(),
        values: values.as_changeset(),
        filter,
    }
}

impl<T, V, W> QueryId for UpdateWhere<T, V, W> {
    // Keyed by its SQL text in the statement cache.
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<DB, F, V, W> QueryFragment<DB> for UpdateWhere<F, V, W>
where
    DB: Backend,
    F: QueryFragment<DB>,
    V: QueryFragment<DB>,
    W: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql("UPDATE ");
        self.from.walk_ast(out.reborrow())?;
        out.push_sql(" SET ");
        self.values.walk_ast(out.reborrow())?;
        out.push_sql(" WHERE ");
        self.filter.walk_ast(out.reborrow())
    }
}

impl<T, V, W, Conn> diesel::RunQueryDsl<Conn> for UpdateWhere<T, V, W> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::DbConnection;
    use diesel::connection::{InstrumentationEvent, SimpleConnection};
    use diesel::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    diesel::table! {
        notes (id) {
            id -> Integer,
            body -> Text,
        }
    }

    #[test]
    fn an_update_is_prepared_once_and_kept() {
        let mut conn = DbConnection::Sqlite(
            diesel::SqliteConnection::establish(":memory:").expect("in-memory SQLite"),
        );
        conn.batch_execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO notes VALUES (1, 'a');")
            .expect("schema");
        let cached = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&cached);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::CacheQuery { .. } = event {
                seen.fetch_add(1, Ordering::Relaxed);
            }
        });
        for body in ["b", "c", "d"] {
            let changed = update_where(notes::table, notes::body.eq(body), notes::id.eq(1))
                .execute(&mut conn)
                .expect("update");
            assert_eq!(changed, 1);
        }
        assert_eq!(
            cached.load(Ordering::Relaxed),
            1,
            "prepared once, then reused"
        );
        let body: String = notes::table
            .select(notes::body)
            .first(&mut conn)
            .expect("read");
        assert_eq!(body, "d");
    }
}
