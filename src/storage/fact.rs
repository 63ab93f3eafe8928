//! The `facts` table: reference facts the newsroom keeps.

use super::schema::facts;
use super::DbConnection;
use crate::domain::{FactId, UserId};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = facts)]
pub struct FactRow {
    pub id: FactId,
    pub subject: String,
    /// A JSON array of other names of the subject.
    pub aliases_json: String,
    pub attribute: String,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub date: Option<NaiveDate>,
    pub source_url: String,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &FactRow) -> QueryResult<usize> {
    diesel::insert_into(facts::table).values(row).execute(conn)
}

/// Every fact, by subject.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<FactRow>> {
    facts::table
        .order((facts::subject.asc(), facts::created_at.asc()))
        .select(FactRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: FactId) -> QueryResult<Option<FactRow>> {
    facts::table
        .find(id)
        .select(FactRow::as_select())
        .first(conn)
        .optional()
}

pub fn delete(conn: &mut DbConnection, id: FactId) -> QueryResult<usize> {
    diesel::delete(facts::table.find(id)).execute(conn)
}
